"""A warehouse's content as one digest per table, for comparing a re-run with a clean run.

Wall-clock columns (when a row was written, by which run) are left out: they record the run,
not its result. Rows are hashed in a canonical order, so physical row order does not count,
and floats at ten significant digits: DuckDB's parallel sums add in no fixed order, so the
last bits of an aggregate vary from run to run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import duckdb

# Columns that say when or by which run a row was written, not what the run computed.
RUN_COLUMNS = frozenset(
    {
        "ingested_at",
        "quarantined_at",
        "sampled_at",
        "created_at",
        "recorded_at",
        "purged_at",
        "raw_purged_at",
        "run_id",
        "fitted_at",
        "synced_at",
    }
)
SKIPPED_SCHEMAS = frozenset({"information_schema", "pg_catalog"})


def canonical(value: Any) -> Any:
    """A value with floats rounded to ten significant digits (and to 0 below 1e-12), inside
    lists and dicts too: a bound computed as 0 in one run can come out as 3e-17 in another."""
    if isinstance(value, float):
        return float(f"{round(value, 12):.10g}")
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


def table_digests(db: Path, skip_tables: frozenset[str] = frozenset()) -> dict[str, str]:
    """`schema.table` -> SHA-256 of its rows (run columns excluded), for every base table."""
    digests: dict[str, str] = {}
    with duckdb.connect(str(db), read_only=True) as conn:
        tables = conn.execute(
            """select table_schema, table_name from information_schema.tables
               where table_type = 'BASE TABLE' order by 1, 2"""
        ).fetchall()
        for schema, name in tables:
            qualified = f"{schema}.{name}"
            if schema in SKIPPED_SCHEMAS or qualified in skip_tables:
                continue
            columns = [
                row[0]
                for row in conn.execute(
                    """select column_name from information_schema.columns
                       where table_schema = ? and table_name = ? order by ordinal_position""",
                    [schema, name],
                ).fetchall()
                if row[0] not in RUN_COLUMNS
            ]
            if not columns:
                continue
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f"select {listed} from {qualified}").fetchall()
            digest = hashlib.sha256()
            for row in sorted(repr(canonical(row)) for row in rows):
                digest.update(row.encode())
            digests[qualified] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return digests


def differing_tables(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple]:
    """Tables whose digest differs, with both digests (None where a table is missing)."""
    return {
        table: (before.get(table), after.get(table))
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    }
