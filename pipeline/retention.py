"""Delete each data class after its window, record every deletion, and wipe it from the disk.

`INVENTORY` is the one list of tables the project writes: what personal data each holds, how
long it is kept and why. Retention enforces it, `compliance.data_inventory` (dbt) and README's
"Data we keep" table are generated from it (`python -m pipeline.lineage`).

DuckDB never wipes freed blocks: after DELETE, DROP and (FORCE) CHECKPOINT the deleted text is
still readable in the file. So a run that purged rows copies the live data into a fresh file
(`COPY FROM DATABASE`) and swaps it in atomically; a run that purged nothing leaves the file be.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from pipeline.config import RetentionConfig
from pipeline.warehouse import connect

VERBATIM_TEXT = "verbatim text"
USER_ID = "user id"
PSEUDONYMOUS_ID = "pseudonymous id"
REVIEWER_ID = "reviewer id"
MINIMIZED_TEXT = "minimized text"
EMBEDDINGS = "embeddings"
AGGREGATES = "aggregates"
NO_PERSONAL_DATA = "none"
VERBATIM_EVENTS = "raw.refusal_events"


@dataclass(frozen=True)
class TableEntry:
    """A table the project writes, the personal data it holds, and how its rows expire.

    Rows expire by `clock` (older than `window` days), or by `orphan_of` (with the last parent
    row that references them; `clock` then only dates the audit row), or the table is
    `rebuilt_from` expiring tables by every dbt run; with none of these it is kept (no personal
    data). `files_column` names a file on disk that goes with its row.
    """

    table: str
    holds: tuple[str, ...]
    purpose: str
    data_class: str
    window: str | None = None
    clock: str | None = None
    orphan_of: tuple[str, str, str] | None = None
    rebuilt_from: str | None = None
    files_column: str | None = None

    def days(self, config: RetentionConfig) -> int | None:
        return getattr(config, self.window) if self.window else None

    @property
    def rule(self) -> str:
        if self.orphan_of:
            column, parent, parent_column = self.orphan_of
            return f"deleted once no {parent} row has {parent_column} = its {column}"
        if self.clock:
            extra = f"; the file named in {self.files_column} with it" if self.files_column else ""
            return f"deleted when {self.clock} is older than the window{extra}"
        if self.rebuilt_from:
            return f"rebuilt every run from {self.rebuilt_from}"
        return "kept: no personal data"

    def kept_for(self, config: RetentionConfig) -> str:
        days = self.days(config)
        if days is None:
            return "rebuilt every run" if self.rebuilt_from else "indefinitely"
        expires_alone = self.clock and not self.orphan_of
        return f"{days} days" if expires_alone else f"as its sources: {days} days"


# Order matters: a parent is purged before the rows that become its orphans.
INVENTORY: tuple[TableEntry, ...] = (
    TableEntry(
        VERBATIM_EVENTS,
        (VERBATIM_TEXT, USER_ID),
        "events as landed, read only to minimize them",
        "verbatim_events",
        window="raw_days",
        clock="occurred_at",
    ),
    TableEntry(
        "raw.quarantined_lines",
        (VERBATIM_TEXT, USER_ID),
        "lines that failed their contract, kept so the feed can be fixed",
        "quarantined_lines",
        window="quarantine_days",
        clock="quarantined_at",
    ),
    TableEntry(
        "raw.ingest_batches",
        (NO_PERSONAL_DATA,),
        "each landed file's name, SHA-256 and line counts: lineage and completeness",
        "file_metadata",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.minimized_refusal_events",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "redacted, pseudonymized events: the input of every analysis",
        "minimized_events",
        window="minimized_days",
        clock="occurred_at",
    ),
    TableEntry(
        "analytics.request_embeddings",
        (EMBEDDINGS,),
        "sentence vectors of minimized request text, cached by text hash",
        "embeddings",
        window="minimized_days",
        clock="created_at",
        orphan_of=("text_hash", "analytics.minimized_refusal_events", "request_text_hash"),
    ),
    TableEntry(
        "analytics.cluster_assignments",
        (PSEUDONYMOUS_ID,),
        "the cluster each event joined",
        "minimized_events",
        window="minimized_days",
        clock="event_day",
    ),
    TableEntry(
        "analytics.review_sample",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "events drawn for human review, with their sampling weights",
        "review_data",
        window="review_days",
        clock="sampled_at",
    ),
    TableEntry(
        "analytics.review_labels",
        (PSEUDONYMOUS_ID, REVIEWER_ID, MINIMIZED_TEXT),
        "reviewers' verdicts and redacted notes: the calibration ground truth",
        "review_data",
        window="review_days",
        clock="reviewed_at",
    ),
    TableEntry(
        "analytics.traffic",
        (AGGREGATES,),
        "requests per day and segment: denominators of refusal rates",
        "aggregates",
        window="aggregate_days",
        clock="day",
    ),
    TableEntry(
        "analytics.cluster_registry",
        (AGGREGATES,),
        "stable cluster ids, labels, top terms and centroids",
        "aggregates",
        window="aggregate_days",
        clock="last_seen_day",
    ),
    TableEntry(
        "analytics.cluster_snapshots",
        (AGGREGATES,),
        "each run day's clusters (labels, top terms, centroids): the registry derives from them, "
        "so re-running a day matches against what that day saw",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.event_verdicts",
        (PSEUDONYMOUS_ID,),
        "each window event's verdict on a run day (reviewers' majority, else the verdict "
        "model's) and its source: splits a cluster into should-help and should-refuse routes",
        "minimized_events",
        window="minimized_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.verdict_models",
        (AGGREGATES,),
        "each run's verdict model: review counts it learned from, cross-validated balanced "
        "accuracy, whether its predictions were used",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.cluster_routes",
        (AGGREGATES,),
        "where each cluster, or verdict segment of a split cluster, was routed each day, with "
        "the rule and numbers",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "tracker.tickets",
        (AGGREGATES, MINIMIZED_TEXT),
        "the backlog: evidence and k-anonymous example requests per routed cluster or segment",
        "tickets",
        window="aggregate_days",
        clock="updated_day",
        files_column="markdown_path",
    ),
    TableEntry(
        "audit.event_sources",
        (PSEUDONYMOUS_ID,),
        "each event's file and line, and when its verbatim row was purged",
        "lineage",
        window="minimized_days",
        clock="occurred_at",
    ),
    TableEntry(
        "audit.retention_log",
        (NO_PERSONAL_DATA,),
        "one row per purge: the record that deletion happened",
        "audit",
    ),
    TableEntry(
        "audit.reminimization_log",
        (NO_PERSONAL_DATA,),
        "one row per re-minimization after a redactor change: rows redone from raw or re-scanned",
        "audit",
    ),
    TableEntry(
        "intermediate.int_refusals_sessionized",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "minimized events with their derived next action",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.minimized_refusal_events",
    ),
    TableEntry(
        "intermediate.int_event_reviews",
        (PSEUDONYMOUS_ID,),
        "review votes per event",
        "review_data",
        window="review_days",
        rebuilt_from="analytics.review_labels",
    ),
    TableEntry(
        "intermediate.int_refusal_verdicts",
        (PSEUDONYMOUS_ID,),
        "each refusal with its dimensions and review outcome",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.minimized_refusal_events",
    ),
    TableEntry(
        "marts.fct_event_clusters",
        (PSEUDONYMOUS_ID,),
        "each event with its cluster and label",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.cluster_assignments",
    ),
    TableEntry(
        "marts.refusal_calibration",
        (AGGREGATES,),
        "false- and true-refusal rates per day, layer, surface and model",
        "aggregates",
        window="minimized_days",
        rebuilt_from="intermediate.int_refusal_verdicts",
    ),
    TableEntry(
        "marts.cluster_metrics",
        (AGGREGATES,),
        "per cluster and window: volume, users, re-prompts, review outcomes",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "marts.cluster_status",
        (AGGREGATES,),
        "per cluster and window: new, growing, shrinking",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "marts.segment_disparity",
        (AGGREGATES,),
        "refusal rates per user segment against the reference segment",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "compliance.ticket_lineage",
        (PSEUDONYMOUS_ID,),
        "ticket -> event -> source file and SHA-256, with retention deadlines",
        "lineage",
        window="minimized_days",
        rebuilt_from="tracker.tickets, analytics, audit.event_sources",
    ),
    TableEntry(
        "compliance.data_inventory",
        (NO_PERSONAL_DATA,),
        "this list, with live row counts",
        "audit",
        rebuilt_from="pipeline/retention.py",
    ),
)


@dataclass(frozen=True)
class Purge:
    data_class: str
    table_name: str
    rows_deleted: int
    oldest_removed: datetime | None
    newest_removed: datetime | None
    policy: str


@dataclass(frozen=True)
class Compaction:
    bytes_before: int
    bytes_after: int


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


def existing_tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{schema}.{table}"
        for schema, table in conn.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = "
            "current_database() and not temporary"
        ).fetchall()
    }


def enforce_retention(
    conn: duckdb.DuckDBPyConnection, now: datetime, config: RetentionConfig, run_id: str
) -> list[Purge]:
    """Purge every expiring table of INVENTORY; returns (and audits) only purges that removed rows.

    Tables dbt has not built yet are skipped. A run that finds nothing adds no audit row.
    """
    record_event_sources(conn, now)
    present = existing_tables(conn)
    purges = [
        _purge(conn, entry, now, config, run_id)
        for entry in INVENTORY
        if entry.table in present and (entry.clock or entry.orphan_of)
    ]
    return [p for p in purges if p.rows_deleted]


def overdue_rows(
    conn: duckdb.DuckDBPyConnection, now: datetime, config: RetentionConfig
) -> dict[str, int]:
    """Rows that the purge's own rule says should be gone by `now`, per table (none: empty)."""
    present = existing_tables(conn)
    overdue = {}
    for entry in INVENTORY:
        if entry.table not in present or not (entry.clock or entry.orphan_of):
            continue
        where, params, _ = _expired(entry, now, config)
        (rows,) = conn.execute(
            f"select count(*) from {entry.table} where {where}", params
        ).fetchone()
        if rows:
            overdue[entry.table] = int(rows)
    return overdue


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def compact_database(path: Path) -> Compaction:
    """Copy the live data into a fresh file and swap it in, so freed blocks leave the disk.

    No other connection may have the file open: DuckDB refuses to attach it then (same
    process: "Unique file handle conflict"; other process: the file lock), and nothing is
    replaced. The old file is unlinked by the atomic rename.
    """
    fresh = path.with_name(path.name + ".compacting")
    for stale in (fresh, _wal(fresh)):
        stale.unlink(missing_ok=True)
    before = path.stat().st_size
    conn = duckdb.connect()
    try:
        conn.execute(f"attach {_sql_literal(path)} as retained")
        conn.execute(f"attach {_sql_literal(fresh)} as compacted")
        conn.execute("copy from database retained to compacted")
        conn.execute("checkpoint compacted")
        conn.execute("detach compacted")
        conn.execute("checkpoint retained")
        conn.execute("detach retained")
    except Exception:
        conn.close()
        fresh.unlink(missing_ok=True)
        raise
    conn.close()
    if _wal(path).exists() or _wal(fresh).exists():
        fresh.unlink(missing_ok=True)
        raise RuntimeError(f"a write-ahead log is left beside {path}; not compacting")
    _fsync(fresh)
    os.replace(fresh, path)
    _fsync(path.parent)
    return Compaction(before, path.stat().st_size)


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
