"""Writing a role's export views to files.

The views are dbt models (`dbt_project/models/exports`), one schema per role, built each run
after the ticket sync: `export_pm` and `export_trust_safety` hold aggregates and tickets,
`export_compliance` lineage, retention log, inventory and quarantine counts. No view selects a
verbatim column; a route that is not k-anonymous shows numbers only, and PMs do not see the
bodies of trust-and-safety and policy tickets. This module only copies them out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import duckdb

from pipeline.safe_text import csv_cell_sql

ROLE_SCHEMAS = {
    "pm": "export_pm",
    "trust_and_safety": "export_trust_safety",
    "compliance": "export_compliance",
}


class ExportsNotBuilt(RuntimeError):
    """The warehouse has no export views for the role: no run has finished on it yet."""


def role_views(conn: duckdb.DuckDBPyConnection, role: str) -> list[str]:
    """The names of the role's views, as the last run's dbt build left them."""
    if role not in ROLE_SCHEMAS:
        raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLE_SCHEMAS)}")
    names = [
        name
        for (name,) in conn.execute(
            """select view_name from duckdb_views()
               where database_name = current_database() and schema_name = ?
               order by view_name""",
            [ROLE_SCHEMAS[role]],
        ).fetchall()
    ]
    if not names:
        raise ExportsNotBuilt(
            f"the warehouse has no {ROLE_SCHEMAS[role]} views yet: they are built by each run "
            "after its tickets (`refusal-backlog run`)"
        )
    return names


def _csv_safe_columns(conn: duckdb.DuckDBPyConnection, relation: str) -> str:
    """The select list of `relation` with every VARCHAR column through `csv_cell` (OWASP)."""
    columns = []
    for name, column_type, *_ in conn.execute(f"describe {relation}").fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        columns.append(
            f"{csv_cell_sql(quoted)} as {quoted}" if column_type == "VARCHAR" else quoted
        )
    return ", ".join(columns)


def export_role(
    conn: duckdb.DuckDBPyConnection,
    role: str,
    out_dir: Path,
    file_format: Literal["csv", "jsonl"] = "csv",
) -> list[Path]:
    """Write each of the role's views to `out_dir/<role>/<view>.<csv|jsonl>`; returns the paths.

    A CSV text cell a spreadsheet would run as a formula gets a leading `'`; JSON is as stored.
    """
    views = role_views(conn, role)
    target = Path(out_dir) / role
    target.mkdir(parents=True, exist_ok=True)
    options = "(format csv, header)" if file_format == "csv" else "(format json)"
    paths = []
    for name in views:
        path = target / f"{name}.{file_format}"
        literal = "'" + str(path).replace("'", "''") + "'"
        relation = f"{ROLE_SCHEMAS[role]}.{name}"
        columns = _csv_safe_columns(conn, relation) if file_format == "csv" else "*"
        conn.execute(f"copy (select {columns} from {relation}) to {literal} {options}")
        paths.append(path)
    return paths
