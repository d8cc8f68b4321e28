"""Turn verbatim events into the minimized rows every later stage reads.

Free text is redacted, user and session ids are keyed-hashed, and only the columns analysis
needs are kept: source file names, raw ids and extra fields stay behind in `raw`.
"""

from __future__ import annotations

import hashlib
from datetime import date

import duckdb
import pandas as pd

from pipeline.privacy import Pseudonymizer, Redactor
from pipeline.warehouse import replace_partition

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
    raw: pd.DataFrame, redactor: Redactor, pseudonymizer: Pseudonymizer
) -> pd.DataFrame:
    minimized = raw.loc[:, list(KEPT_COLUMNS)].copy()
    for column in TEXT_COLUMNS:
        values = [None if pd.isna(v) else str(v) for v in raw[column]]
        minimized[column] = redactor.redact_many(values)
    minimized["user_pseudonym"] = [pseudonymizer.pseudonymize(v) for v in raw["user_id"]]
    minimized["session_pseudonym"] = [pseudonymizer.pseudonymize(v) for v in raw["session_id"]]
    minimized["pseudonym_key_version"] = pseudonymizer.active_version
    minimized["request_text_hash"] = [text_hash(t) for t in minimized["request_text"]]
    return minimized.reset_index(drop=True)


def minimize_day(
    conn: duckdb.DuckDBPyConnection, day: date, redactor: Redactor, pseudonymizer: Pseudonymizer
) -> pd.DataFrame:
    """Re-minimize the day; rows whose verbatim source retention purged are kept as they are."""
    raw = conn.execute("select * from raw.refusal_events where batch_day = ?", [day]).df()
    minimized = minimize_events(raw, redactor, pseudonymizer)
    replace_partition(
        conn, "analytics.minimized_refusal_events", day, minimized, keep=PURGED_AT_SOURCE
    )
    return minimized
