"""Turn verbatim events into the minimized rows every later stage reads.

Free text is redacted, user and session ids are keyed-hashed, and only the columns analysis
needs are kept: source file names, raw ids and extra fields stay behind in `raw`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime

import duckdb
import pandas as pd

from pipeline.privacy import Pseudonymizer, TextRedactor
from pipeline.warehouse import replace_partition

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("request_text", "response_text", "feedback_text")
KEPT_COLUMNS = (
    "event_id",
    "batch_day",
    "event_day",
    "occurred_at",
    "turn_index",
    "refusal_category",
    "policy_rule",
    "layer",
    "surface",
    "model_version",
    "account_type",
    "user_segment",
    "locale",
    "next_action",
)

PURGED_AT_SOURCE = (
    "event_id in (select event_id from audit.event_sources where raw_purged_at is not null)"
)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def minimize_events(
    raw: pd.DataFrame, redactor: TextRedactor, pseudonymizer: Pseudonymizer
) -> pd.DataFrame:
    minimized = raw.loc[:, list(KEPT_COLUMNS)].copy()
    _set_redacted_texts(minimized, raw, redactor)
    minimized["user_pseudonym"] = [pseudonymizer.pseudonymize(v) for v in raw["user_id"]]
    minimized["session_pseudonym"] = [pseudonymizer.pseudonymize(v) for v in raw["session_id"]]
    minimized["pseudonym_key_version"] = pseudonymizer.active_version
    return minimized.reset_index(drop=True)


def _set_redacted_texts(target: pd.DataFrame, source: pd.DataFrame, redactor: TextRedactor) -> None:
    """The text columns of `source`, redacted into `target`, with their hash and the version
    of the redactor that did it (raw text when minimizing, minimized text when re-scanning)."""
    # One call for every column, so a pooled redactor starts its workers once.
    values = [None if pd.isna(v) else str(v) for column in TEXT_COLUMNS for v in source[column]]
    texts, started = sum(v is not None for v in values), time.monotonic()
    log.info("redacting %d texts of %d rows", texts, len(source))
    redacted = redactor.redact_many(values)
    seconds = time.monotonic() - started
    rate = texts / max(seconds, 1e-9)
    log.info("redacted %d texts in %.1f s (%.0f a second)", texts, seconds, rate)
    for i, column in enumerate(TEXT_COLUMNS):
        target[column] = redacted[i * len(source) : (i + 1) * len(source)]
    target["request_text_hash"] = [text_hash(t) for t in target["request_text"]]
    target["redactor_version"] = redactor.version


def minimize_day(
    conn: duckdb.DuckDBPyConnection, day: date, redactor: TextRedactor, pseudonymizer: Pseudonymizer
) -> pd.DataFrame:
    """Re-minimize the day; rows whose verbatim source retention purged are kept as they are."""
    raw = conn.execute("select * from raw.refusal_events where batch_day = ?", [day]).df()
    minimized = minimize_events(raw, redactor, pseudonymizer)
    replace_partition(
        conn, "analytics.minimized_refusal_events", day, minimized, keep=PURGED_AT_SOURCE
    )
    return minimized


@dataclass(frozen=True)
class Reminimization:
    from_raw: int
    rescanned: int
    from_versions: tuple[str, ...]


def reminimize_history(
    conn: duckdb.DuckDBPyConnection,
    redactor: TextRedactor,
    pseudonymizer: Pseudonymizer,
    run_id: str,
) -> Reminimization:
    """Redo every minimized row an older redactor wrote, so an upgrade reaches history too.

    A row whose verbatim event is still within retention is minimized again from raw; an older
    one is re-scanned from its minimized text, which can only remove more. Changed request
    texts get new hashes, which the embedding stage embeds. Each pass is logged in
    `audit.reminimization_log`.
    """
    version = redactor.version
    stale = conn.execute(
        """select m.event_id, r.event_id is not null as has_raw,
                  coalesce(m.redactor_version, 'unrecorded') as version
           from analytics.minimized_refusal_events m
           left join raw.refusal_events r using (event_id)
           where m.redactor_version is distinct from ?""",
        [version],
    ).df()
    if stale.empty:
        return Reminimization(0, 0, ())
    from_raw_ids = stale.loc[stale["has_raw"], "event_id"].tolist()
    rescan_ids = stale.loc[~stale["has_raw"], "event_id"].tolist()
    conn.execute("begin transaction")
    try:
        if from_raw_ids:
            raw = conn.execute(
                "select * from raw.refusal_events where event_id = any(?)", [from_raw_ids]
            ).df()
            _replace_rows(conn, minimize_events(raw, redactor, pseudonymizer))
        if rescan_ids:
            rows = conn.execute(
                "select * from analytics.minimized_refusal_events where event_id = any(?)",
                [rescan_ids],
            ).df()
            _set_redacted_texts(rows, rows, redactor)
            _replace_rows(conn, rows)
        versions = tuple(sorted(stale["version"].unique()))
        conn.execute(
            "insert into audit.reminimization_log values (?, ?, ?, ?, ?, ?, ?)",
            [
                datetime.now(UTC).replace(tzinfo=None),
                "analytics.minimized_refusal_events",
                len(from_raw_ids),
                len(rescan_ids),
                ", ".join(versions),
                version,
                run_id,
            ],
        )
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    return Reminimization(len(from_raw_ids), len(rescan_ids), versions)


def _replace_rows(conn: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> None:
    """Swap rows by event id, inside the caller's transaction."""
    conn.register("reminimized", rows)
    conn.execute(
        """delete from analytics.minimized_refusal_events
           where event_id in (select event_id from reminimized)"""
    )
    conn.execute("insert into analytics.minimized_refusal_events by name select * from reminimized")
    conn.unregister("reminimized")
