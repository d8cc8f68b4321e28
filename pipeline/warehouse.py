"""The DuckDB tables the Python stages own, and the one way they write a partition.

Their columns are declared in `pipeline.catalog.INVENTORY`, beside their retention; the DDL here
is built from it. Schemas separate data by sensitivity: `raw` holds verbatim text and user ids
(retention-managed), `analytics` holds minimized data only, `tracker` the synced tickets,
`audit` what was purged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.catalog import INVENTORY, TableEntry

# The tables the Python stages write; those dbt builds declare no columns.
WAREHOUSE_TABLES: tuple[TableEntry, ...] = tuple(entry for entry in INVENTORY if entry.columns)


def _create_table(entry: TableEntry) -> str:
    body = ",\n    ".join(entry.columns + entry.constraints)
    views = "".join(
        f"\ncreate or replace view {view} as\n    select * from {entry.table} where {condition};"
        for view, condition in entry.views
    )
    return f"create table if not exists {entry.table} (\n    {body}\n);{views}\n"


def _schema_ddl() -> str:
    """Each schema, then each table with its views, as `pipeline.catalog.INVENTORY` declares."""
    schemas = dict.fromkeys(entry.table.split(".")[0] for entry in WAREHOUSE_TABLES)
    return "\n".join(
        [
            "".join(f"create schema if not exists {schema};\n" for schema in schemas),
            *(_create_table(entry) for entry in WAREHOUSE_TABLES),
        ]
    )


DDL = _schema_ddl()


def connect(path: str) -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect(path)
    ensure_schema(conn)
    return conn


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute(DDL)
    upgrade_to_segments(conn)
    upgrade_added_columns(conn)
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


def upgrade_added_columns(conn: duckdb.DuckDBPyConnection) -> None:
    """Add the columns tables gained after their first release (each last in its catalog entry).

    Earlier rows keep nulls: their lines were stored whole, ingest hashes their events from the
    stored columns, a route without `k_anonymous` shows no text, and a ticket from before the
    lifecycle is open.
    """
    for table, column, kind in (
        ("raw.quarantined_lines", "raw_size_bytes", "bigint"),
        ("raw.quarantined_lines", "raw_sha256", "varchar"),
        ("raw.refusal_events", "record_sha256", "varchar"),
        # null: minimized before the redactor recorded its version; redone like any older one
        ("analytics.minimized_refusal_events", "redactor_version", "varchar"),
        ("analytics.cluster_routes", "k_anonymous", "boolean"),
        ("tracker.tickets", "resolved_day", "date"),
        ("tracker.tickets", "resolution", "varchar"),
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
