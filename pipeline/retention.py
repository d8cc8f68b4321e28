"""Delete verbatim data that has outlived its window, and record every deletion.

Only `raw` holds verbatim text and user ids; minimized rows have no direct identifiers and
are kept for trend analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from pipeline.config import RetentionConfig


@dataclass(frozen=True)
class RetentionPolicy:
    data_class: str
    table: str
    timestamp_column: str
    days: int


def policies(config: RetentionConfig) -> list[RetentionPolicy]:
    return [
        RetentionPolicy("verbatim_events", "raw.refusal_events", "occurred_at", config.raw_days),
        RetentionPolicy(
            "quarantined_lines", "raw.quarantined_lines", "quarantined_at", config.quarantine_days
        ),
    ]


@dataclass(frozen=True)
class Purge:
    data_class: str
    table_name: str
    rows_deleted: int
    oldest_removed: datetime | None
    newest_removed: datetime | None
    policy: str


def enforce_retention(
    conn: duckdb.DuckDBPyConnection, now: datetime, config: RetentionConfig, run_id: str
) -> list[Purge]:
    """Purge each data class past its window; each purge that removed rows is audited.

    A run that finds nothing to delete writes no audit row, so re-runs add no entries.
    """
    purges = []
    for policy in policies(config):
        cutoff = now - timedelta(days=policy.days)
        where = f"{policy.timestamp_column} < ?"
        rows, oldest, newest = conn.execute(
            f"select count(*), min({policy.timestamp_column}), max({policy.timestamp_column}) "
            f"from {policy.table} where {where}",
            [cutoff],
        ).fetchone()
        conn.execute(f"delete from {policy.table} where {where}", [cutoff])
        purge = Purge(
            policy.data_class,
            policy.table,
            int(rows),
            oldest,
            newest,
            f"delete {policy.timestamp_column} older than {policy.days} days "
            f"(before {cutoff.isoformat(timespec='seconds')})",
        )
        if purge.rows_deleted:
            conn.execute(
                "insert into audit.retention_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    now,
                    purge.data_class,
                    purge.table_name,
                    purge.rows_deleted,
                    purge.oldest_removed,
                    purge.newest_removed,
                    purge.policy,
                    run_id,
                ],
            )
        purges.append(purge)
    conn.execute("checkpoint")
    return purges
