"""The DuckDB tables the Python stages own, and the one way they write a partition.

Schemas separate data by sensitivity: `raw` holds verbatim text and user ids (retention-managed),
`analytics` holds minimized data only, `tracker` the synced tickets, `audit` what was purged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

DDL = """
create schema if not exists raw;
create schema if not exists analytics;
create schema if not exists tracker;
create schema if not exists audit;

create table if not exists raw.refusal_events (
    event_id varchar not null,
    batch_day date not null,
    event_day date not null,
    occurred_at timestamp not null,
    user_id varchar not null,
    session_id varchar not null,
    turn_index integer,
    request_text varchar not null,
    response_text varchar,
    refusal_category varchar,
    policy_rule varchar,
    layer varchar,
    surface varchar,
    model_version varchar,
    account_type varchar,
    user_segment varchar,
    locale varchar,
    next_action varchar,
    feedback_text varchar,
    source_file varchar not null,
    source_line integer not null,
    ingested_at timestamp not null,
    record_sha256 varchar  -- the contract fields' hash: tells a re-delivery from a conflict
);

create table if not exists raw.quarantined_lines (
    batch_day date not null,
    source_kind varchar not null,
    source_file varchar not null,
    line_number integer not null,
    raw_line varchar not null,
    reason varchar not null,
    quarantined_at timestamp not null,
    raw_size_bytes bigint,  -- of the whole line (raw_line is capped); null for a whole file
    raw_sha256 varchar
);

create table if not exists raw.ingest_batches (
    batch_day date not null,
    source_kind varchar not null,
    source_file varchar not null,
    content_sha256 varchar not null,
    size_bytes bigint not null,
    lines_read integer not null,
    loaded integer not null,
    quarantined integer not null,
    duplicates integer not null,
    ingested_at timestamp not null
);

create table if not exists analytics.minimized_refusal_events (
    event_id varchar not null,
    batch_day date not null,
    event_day date not null,
    occurred_at timestamp not null,
    user_pseudonym varchar not null,
    session_pseudonym varchar not null,
    pseudonym_key_version varchar not null,
    turn_index integer,
    request_text varchar not null,
    response_text varchar,
    feedback_text varchar,
    request_text_hash varchar not null,
    refusal_category varchar,
    policy_rule varchar,
    layer varchar,
    surface varchar,
    model_version varchar,
    account_type varchar,
    user_segment varchar,
    locale varchar,
    next_action varchar
);

create table if not exists analytics.request_embeddings (
    text_hash varchar not null,
    model_name varchar not null,
    embedding float[] not null,
    created_at timestamp not null,
    primary key (text_hash, model_name)
);

create table if not exists analytics.review_labels (
    batch_day date not null,
    event_id varchar not null,
    reviewer varchar,
    verdict varchar not null,
    reason_type varchar,
    reviewed_at timestamp not null,
    note varchar
);

create table if not exists analytics.cluster_assignments (
    event_id varchar not null,
    batch_day date not null,
    event_day date not null,
    cluster_id varchar,
    membership_probability double not null
);

create table if not exists analytics.cluster_registry (
    cluster_id varchar primary key,
    label varchar not null,
    top_terms varchar[] not null,
    centroid float[] not null,
    first_seen_day date not null,
    last_seen_day date not null,
    last_size integer not null
);

-- each run day's clusters as that day's clustering left them: the registry is derived from these
create table if not exists analytics.cluster_snapshots (
    batch_day date not null,
    cluster_id varchar not null,
    label varchar not null,
    top_terms varchar[] not null,
    centroid float[] not null,
    size integer not null,
    primary key (batch_day, cluster_id)
);

create table if not exists analytics.cluster_routes (
    batch_day date not null,
    cluster_id varchar not null,
    label varchar not null,
    destination varchar not null,
    triaged boolean not null,
    rule varchar not null,
    reason varchar not null,
    volume integer not null,
    distinct_users integer not null,
    reprompt_rate double not null,
    segment varchar not null,
    false_refusal_rate double,
    false_refusal_rate_low double,
    false_refusal_rate_high double,
    reviewed_events integer not null,
    capability_share double not null,
    reviews_needed integer not null
);

-- each window event's verdict on the run day: reviewers' majority, else the verdict model's
create table if not exists analytics.event_verdicts (
    batch_day date not null,
    event_id varchar not null,
    cluster_id varchar,
    verdict varchar,
    verdict_source varchar not null,
    should_help_probability double
);

-- the verdict model of each run: its training reviews and cross-validated accuracy
create table if not exists analytics.verdict_models (
    batch_day date not null,
    training_events integer not null,
    should_help_examples integer not null,
    should_refuse_examples integer not null,
    cv_balanced_accuracy double,
    trusted boolean not null,
    reason varchar not null
);

create table if not exists tracker.tickets (
    ticket_id varchar primary key,
    cluster_id varchar not null,
    segment varchar not null,
    queue varchar not null,
    title varchar not null,
    status varchar not null,
    body_markdown varchar not null,
    evidence_sha256 varchar not null,
    revision integer not null,
    created_day date not null,
    updated_day date not null,
    markdown_path varchar not null,
    unique (cluster_id, segment)
);

create or replace view tracker.backlog as
    select * from tracker.tickets where queue <> 'policy_review';
create or replace view tracker.policy_review_queue as
    select * from tracker.tickets where queue = 'policy_review';

-- each re-minimization after a redactor change: rows redone from raw, rows re-scanned
create table if not exists audit.reminimization_log (
    reminimized_at timestamp not null,
    table_name varchar not null,
    rows_from_raw integer not null,
    rows_rescanned integer not null,
    from_versions varchar not null,
    to_version varchar not null,
    run_id varchar not null
);

create table if not exists audit.retention_log (
    purged_at timestamp not null,
    data_class varchar not null,
    table_name varchar not null,
    rows_deleted integer not null,
    oldest_removed timestamp,
    newest_removed timestamp,
    policy varchar not null,
    run_id varchar not null
);

create table if not exists analytics.review_sample (
    batch_day date not null,
    event_id varchar not null,
    cluster_id varchar,
    stratum varchar not null,
    inclusion_probability double not null,
    sampling_weight double not null,
    impact_weight double not null,
    request_text varchar not null,
    sampled_at timestamp not null
);

create table if not exists analytics.traffic (
    batch_day date not null,
    day date not null,
    user_segment varchar not null,
    requests bigint not null,
    extra varchar,
    source_file varchar not null,
    source_line integer not null
);

-- where each event came from, kept after its verbatim row is purged, and when it was
create table if not exists audit.event_sources (
    event_id varchar primary key,
    batch_day date not null,
    occurred_at timestamp not null,
    source_file varchar not null,
    source_line integer not null,
    recorded_at timestamp not null,
    raw_purged_at timestamp
);
"""


def connect(path: str) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(path)
    ensure_schema(conn)
    return conn


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(DDL)
    upgrade_to_segments(conn)
    upgrade_ingest_columns(conn)
    upgrade_to_cluster_snapshots(conn)


def _has_column(conn: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    schema, name = table.split(".")
    return bool(
        conn.execute(
            """select 1 from information_schema.columns
               where table_schema = ? and table_name = ? and column_name = ?""",
            [schema, name, column],
        ).fetchall()
    )


def upgrade_to_segments(conn: duckdb.DuckDBPyConnection) -> None:
    """Bring a warehouse written before routes had verdict segments up to date, keeping its rows.

    Every earlier route and ticket covered its whole cluster (segment `all`). The tickets table
    is rebuilt because its uniqueness moved from cluster to (cluster, segment).
    """
    if not _has_column(conn, "analytics.cluster_routes", "segment"):
        conn.execute(
            "alter table analytics.cluster_routes add column segment varchar default 'all'"
        )
        conn.execute("alter table analytics.cluster_routes alter column segment set not null")
        conn.execute("alter table analytics.cluster_routes alter column segment drop default")
    if not _has_column(conn, "tracker.tickets", "segment"):
        conn.execute("begin transaction")
        conn.execute("alter table tracker.tickets rename to tickets_without_segments")
        conn.execute(DDL)
        conn.execute(
            """insert into tracker.tickets by name
               select *, 'all' as segment from tracker.tickets_without_segments"""
        )
        conn.execute("drop table tracker.tickets_without_segments")
        conn.execute("commit")


def upgrade_to_cluster_snapshots(conn: duckdb.DuckDBPyConnection) -> None:
    """A warehouse written before snapshots: each registered cluster becomes one snapshot on
    its last-seen day, so matching and id allocation continue from where they were."""
    empty = conn.execute("select count(*) = 0 from analytics.cluster_snapshots").fetchall()[0][0]
    if empty:
        conn.execute(
            """insert into analytics.cluster_snapshots
               select last_seen_day, cluster_id, label, top_terms, centroid, last_size
               from analytics.cluster_registry"""
        )


def upgrade_ingest_columns(conn: duckdb.DuckDBPyConnection) -> None:
    """Add the columns ingest gained for capped lines and conflicting duplicates.

    Earlier rows keep nulls: their lines were stored whole, and ingest hashes their events from
    the stored columns.
    """
    for table, column, kind in (
        ("raw.quarantined_lines", "raw_size_bytes", "bigint"),
        ("raw.quarantined_lines", "raw_sha256", "varchar"),
        ("raw.refusal_events", "record_sha256", "varchar"),
        # null: minimized before the redactor recorded its version; redone like any older one
        ("analytics.minimized_refusal_events", "redactor_version", "varchar"),
    ):
        conn.execute(f"alter table {table} add column if not exists {column} {kind}")


def replace_partition(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    batch_day: date,
    frame: pd.DataFrame,
    source_kind: str | None = None,
    keep: str | None = None,
) -> None:
    """Re-running a day replaces that day's rows, so partitions stay idempotent.

    `source_kind` narrows the replaced rows where events and reviews share a table; `keep` is
    a SQL condition for rows of the day that must survive the re-run.
    """
    where, params = "batch_day = ?", [batch_day]
    if source_kind is not None:
        where, params = where + " and source_kind = ?", [*params, source_kind]
    if keep is not None:
        where += f" and not ({keep})"
    conn.execute("begin transaction")
    try:
        conn.execute(f"delete from {table} where {where}", params)
        if len(frame):
            conn.register("partition_frame", frame)
            conn.execute(f"insert into {table} by name select * from partition_frame")
            conn.unregister("partition_frame")
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise


def existing_tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{schema}.{table}"
        for schema, table in conn.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = "
            "current_database() and not temporary"
        ).fetchall()
    }


# DuckDB never wipes freed blocks: after DELETE, DROP and (FORCE) CHECKPOINT deleted text is still
# readable in the file, so a purge that removed rows is followed by a compaction.


@dataclass(frozen=True)
class Compaction:
    bytes_before: int
    bytes_after: int



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
