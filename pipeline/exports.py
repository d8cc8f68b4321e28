"""Role-scoped views of the warehouse, and their export to files.

Each role gets a schema of views holding only what it needs: `export_pm` and
`export_trust_safety` aggregates and tickets, `export_compliance` lineage, retention log,
inventory and quarantine counts. No view selects a verbatim column. Example requests reach a
view only through ticket bodies, which the ticket sync renders from dbt's `marts.route_exemplars`;
a route that is not k-anonymous (the `k_anonymous` column dbt's macro of that name stores) shows
numbers only (no label, no title, no body). PMs do not see the bodies of trust-and-safety and
policy tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from pipeline.config import PrivacyConfig
from pipeline.safe_text import csv_cell_sql
from pipeline.warehouse import existing_tables

ROLE_SCHEMAS = {
    "pm": "export_pm",
    "trust_and_safety": "export_trust_safety",
    "compliance": "export_compliance",
}
RESTRICTED_QUEUES = ("trust_and_safety", "policy_review")


@dataclass(frozen=True)
class ExportView:
    name: str
    sql: str
    reads: tuple[str, ...]


def _labelled(table: str) -> str:
    """The table with its cluster label withheld where the row is not k-anonymous."""
    return f"select * replace (case when k_anonymous then label end as label) from {table}"


def _tickets(restricted_bodies: bool) -> str:
    body_shown = "coalesce(r.k_anonymous, false)"
    if restricted_bodies:
        body_shown += f" and t.queue not in {RESTRICTED_QUEUES!r}"
    return f"""
        select t.ticket_id, t.cluster_id, t.segment, t.queue, t.status, t.revision, t.created_day,
               t.updated_day, r.volume, r.distinct_users, r.reprompt_rate, r.false_refusal_rate,
               case when coalesce(r.k_anonymous, false) then t.title end as title,
               case when {body_shown} then t.body_markdown end as body_markdown
        from tracker.tickets t
        left join analytics.cluster_routes r
          on r.cluster_id = t.cluster_id and r.segment = t.segment
         and r.batch_day = t.updated_day
    """


def role_views(role: str, privacy: PrivacyConfig) -> list[ExportView]:
    """The views of `role`; the route joined to a ticket is the one its body was rendered from.

    That route is the ticket's (cluster, segment) on its updated_day: a split cluster's two
    tickets each get their own segment's numbers, never the other half's.
    """
    if role not in ROLE_SCHEMAS:
        raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLE_SCHEMAS)}")
    if role == "compliance":
        return [
            ExportView(
                "ticket_lineage",
                "select * from compliance.ticket_lineage",
                ("compliance.ticket_lineage",),
            ),
            ExportView(
                "data_inventory",
                "select * from compliance.data_inventory",
                ("compliance.data_inventory",),
            ),
            ExportView(
                "retention_log", "select * from audit.retention_log", ("audit.retention_log",)
            ),
            ExportView(
                "source_files",
                """select batch_day, source_kind, source_file, content_sha256, size_bytes,
                          lines_read, loaded, quarantined, duplicates, ingested_at
                   from raw.ingest_batches""",
                ("raw.ingest_batches",),
            ),
            ExportView(
                "quarantine_counts",
                """select batch_day, source_kind, source_file,
                          split_part(reason, ':', 1) as reason_kind, count(*) as lines
                   from raw.quarantined_lines group by all""",
                ("raw.quarantined_lines",),
            ),
        ]
    return [
        ExportView(
            "cluster_metrics", _labelled("marts.cluster_metrics"), ("marts.cluster_metrics",)
        ),
        ExportView(
            "cluster_routes",
            _labelled("analytics.cluster_routes"),
            ("analytics.cluster_routes",),
        ),
        ExportView(
            "tickets",
            _tickets(restricted_bodies=role == "pm"),
            ("tracker.tickets", "analytics.cluster_routes"),
        ),
    ]


def create_role_views(
    conn: duckdb.DuckDBPyConnection, role: str, privacy: PrivacyConfig
) -> list[str]:
    """(Re)create the role's schema and views; views over tables not built yet are left out.

    Idempotent: `create or replace`, and k is read from `privacy` each time.
    """
    views = role_views(role, privacy)
    schema, present = ROLE_SCHEMAS[role], existing_tables(conn)
    conn.execute(f"create schema if not exists {schema}")
    created = []
    for view in views:
        if set(view.reads) <= present:
            conn.execute(f"create or replace view {schema}.{view.name} as {view.sql}")
            created.append(view.name)
    return created


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
    privacy: PrivacyConfig | None = None,
    file_format: Literal["csv", "jsonl"] = "csv",
) -> list[Path]:
    """Write each of the role's views to `out_dir/<role>/<view>.<csv|jsonl>`; returns the paths.

    A CSV text cell a spreadsheet would run as a formula gets a leading `'`; JSON is as stored.
    """
    privacy = privacy or PrivacyConfig()
    views = create_role_views(conn, role, privacy)
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
