"""Delete each data class after its window (`pipeline.catalog.INVENTORY` says which and by
which clock), record every deletion, and wipe it from the disk.

DuckDB never wipes freed blocks: after DELETE, DROP and (FORCE) CHECKPOINT the deleted text is
still readable in the file. So a run that purged rows copies the live data into a fresh file
(`COPY FROM DATABASE`, `pipeline.warehouse.compact_database`) and swaps it in atomically; a run
that purged nothing leaves the file be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from pipeline.catalog import INVENTORY, VERBATIM_EVENTS, TableEntry
from pipeline.config import RetentionConfig
from pipeline.warehouse import Compaction, compact_database, connect, existing_tables


@dataclass(frozen=True)
class Purge:
    data_class: str
    table_name: str
    rows_deleted: int
    oldest_removed: datetime | None
    newest_removed: datetime | None
    policy: str


@dataclass(frozen=True)
class RetentionRun:
    purges: list[Purge]
    compaction: Compaction | None


def record_event_sources(conn: duckdb.DuckDBPyConnection, now: datetime) -> None:
    """Keep each event's file and line before its verbatim row can expire: lineage outlives it.

    A verbatim row loaded again after its purge (a re-run of an old day) is recorded afresh.
    """
    conn.execute(
        """
        insert or replace into audit.event_sources
        select event_id, batch_day, occurred_at, source_file, source_line, ?, null
        from raw.refusal_events r
        where not exists (
            select 1 from audit.event_sources s
            where s.event_id = r.event_id and s.batch_day = r.batch_day
              and s.source_file = r.source_file and s.source_line = r.source_line
              and s.raw_purged_at is null
        )
        """,
        [now],
    )


def _expired(entry: TableEntry, now: datetime, config: RetentionConfig) -> tuple[str, list, str]:
    """The where clause, its parameters and the policy text of the audit row."""
    if entry.orphan_of:
        column, parent, parent_column = entry.orphan_of
        where = f"{column} not in (select {parent_column} from {parent})"
        return where, [], f"{entry.window}={entry.days(config)}: {entry.rule}"
    cutoff = now - timedelta(days=entry.days(config))
    policy = (
        f"{entry.window}={entry.days(config)}: delete rows with {entry.clock} "
        f"before {cutoff.isoformat(timespec='seconds')}"
    )
    return f"{entry.clock} < ?", [cutoff], policy


def _purge(
    conn: duckdb.DuckDBPyConnection,
    entry: TableEntry,
    now: datetime,
    config: RetentionConfig,
    run_id: str,
) -> Purge:
    """Delete and audit in one transaction: no deletion without its audit row, nor the reverse.

    Purging verbatim events also stamps their `audit.event_sources` rows with the purge time.
    """
    where, params, policy = _expired(entry, now, config)
    conn.execute("begin transaction")
    try:
        rows, oldest, newest = conn.execute(
            f"select count(*), cast(min({entry.clock}) as timestamp), "
            f"cast(max({entry.clock}) as timestamp) from {entry.table} where {where}",
            params,
        ).fetchone()
        files: list[str] = []
        if rows:
            if entry.files_column:
                files = [
                    path
                    for (path,) in conn.execute(
                        f"select {entry.files_column} from {entry.table} where {where}", params
                    ).fetchall()
                ]
            if entry.table == VERBATIM_EVENTS:
                conn.execute(
                    "update audit.event_sources set raw_purged_at = ? where event_id in "
                    f"(select event_id from {entry.table} where {where})",
                    [now, *params],
                )
            conn.execute(f"delete from {entry.table} where {where}", params)
            conn.execute(
                "insert into audit.retention_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                [now, entry.data_class, entry.table, rows, oldest, newest, policy, run_id],
            )
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    for path in files:
        Path(path).unlink(missing_ok=True)
    return Purge(entry.data_class, entry.table, int(rows), oldest, newest, policy)


def _expiring_tables(conn: duckdb.DuckDBPyConnection) -> list[TableEntry]:
    """The INVENTORY tables whose rows expire (by a clock or as orphans) and that exist yet."""
    present = existing_tables(conn)
    return [e for e in INVENTORY if e.table in present and (e.clock or e.orphan_of)]


def enforce_retention(
    conn: duckdb.DuckDBPyConnection, now: datetime, config: RetentionConfig, run_id: str
) -> list[Purge]:
    """Purge every expiring table of INVENTORY; returns (and audits) only purges that removed rows.

    Tables dbt has not built yet are skipped. A run that finds nothing adds no audit row.
    """
    record_event_sources(conn, now)
    purges = [_purge(conn, entry, now, config, run_id) for entry in _expiring_tables(conn)]
    return [p for p in purges if p.rows_deleted]


def overdue_rows(
    conn: duckdb.DuckDBPyConnection, now: datetime, config: RetentionConfig
) -> dict[str, int]:
    """Rows that the purge's own rule says should be gone by `now`, per table (none: empty)."""
    overdue = {}
    for entry in _expiring_tables(conn):
        where, params, _ = _expired(entry, now, config)
        (rows,) = conn.execute(
            f"select count(*) from {entry.table} where {where}", params
        ).fetchone()
        if rows:
            overdue[entry.table] = int(rows)
    return overdue


def run_retention(
    db_path: Path, now: datetime, config: RetentionConfig, run_id: str
) -> RetentionRun:
    """Purge, close, then compact only when rows went: a re-run that purges nothing is cheap."""
    conn = connect(str(db_path))
    try:
        purges = enforce_retention(conn, now, config, run_id)
    finally:
        conn.close()
    return RetentionRun(purges, compact_database(db_path) if purges else None)
