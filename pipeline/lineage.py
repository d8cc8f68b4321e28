"""Trace a ticket to the files it came from, and publish the data inventory.

Which events a ticket traces to is the dbt mart `compliance.ticket_lineage`'s rule, built after
each day's ticket sync; `ticket_lineage` reads it and adds the ticket, its cluster, the files
and batches grouped, and the retention log's purge records.

`python -m pipeline.lineage inventory` prints README's "Data we keep" table, `... retention`
the retention table, and `... dbt-model` regenerates `compliance.data_inventory` from the same
`pipeline.catalog.INVENTORY`, so the three never disagree.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from typing import Any

import duckdb

from pipeline.catalog import INVENTORY
from pipeline.config import REPO_ROOT, RetentionConfig

INVENTORY_MODEL = REPO_ROOT / "dbt_project" / "models" / "compliance" / "data_inventory.sql"
README_MARKERS = ("<!-- data-inventory:start -->", "<!-- data-inventory:end -->")

_EVENTS_SQL = """
select * exclude (ticket_id, cluster_id, segment)
from compliance.ticket_lineage where ticket_id = ? order by event_id
"""


def _rows(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list | dict[str, Any]
) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _plus(moment: date | datetime | None, days: int) -> date | datetime | None:
    return None if moment is None else moment + timedelta(days=days)


def _file_entry(events: list[dict[str, Any]], config: RetentionConfig) -> dict[str, Any]:
    first = events[0]
    return {
        "source_file": first["source_file"],
        "content_sha256": first["content_sha256"],
        "batch_day": first["batch_day"],
        "size_bytes": first["size_bytes"],
        "lines_loaded": first["lines_loaded"],
        "ingested_at": first["ingested_at"],
        "ticket_events": len(events),
        "raw_retention_deadline": max(
            (e["raw_retention_deadline"] for e in events if e["raw_retention_deadline"]),
            default=None,
        ),
        "raw_purged": all(e["raw_purged"] for e in events),
        "metadata_retention_deadline": _plus(first["batch_day"], config.aggregate_days),
    }


def _purge_records(
    conn: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The audit rows whose removed time range covers any of these events' verbatim rows."""
    purged = [e["occurred_at"] for e in events if e["raw_purged"] and e["occurred_at"]]
    if not purged:
        return []
    return _rows(
        conn,
        """select purged_at, rows_deleted, oldest_removed, newest_removed, policy, run_id
           from audit.retention_log
           where table_name = 'raw.refusal_events' and oldest_removed <= ? and newest_removed >= ?
           order by purged_at""",
        [max(purged), min(purged)],
    )


def ticket_lineage(
    conn: duckdb.DuckDBPyConnection, ticket_id: str, config: RetentionConfig | None = None
) -> dict[str, Any]:
    """Ticket -> cluster -> events -> source files and batches, with deadlines and purge state.

    The events are the ticket's rows of `compliance.ticket_lineage` (whose rule says which
    events a whole-cluster or a segment ticket traces). Values are Python dates, datetimes and
    numbers: `json.dumps(..., default=str)` prints them.
    """
    config = config or RetentionConfig()
    tickets = _rows(
        conn,
        """select ticket_id, cluster_id, segment, queue, title, status, revision, created_day,
                  updated_day from tracker.tickets where ticket_id = ?""",
        [ticket_id],
    )
    if not tickets:
        raise LookupError(f"no ticket {ticket_id!r} in tracker.tickets")
    ticket = tickets[0]
    ticket["retention_deadline"] = _plus(ticket["updated_day"], config.aggregate_days)
    clusters = _rows(
        conn,
        """select cluster_id, label, first_seen_day, last_seen_day
           from analytics.cluster_registry where cluster_id = ?""",
        [ticket["cluster_id"]],
    )
    mart = conn.execute(
        """select count(*) from information_schema.tables
           where table_schema = 'compliance' and table_name = 'ticket_lineage'"""
    ).fetchone()
    if not mart or not mart[0]:
        raise LookupError("compliance.ticket_lineage is missing: run the pipeline for a day first")
    events = _rows(conn, _EVENTS_SQL, [ticket_id])
    by_file: dict[tuple[date, str | None], list[dict[str, Any]]] = {}
    for event in events:
        by_file.setdefault((event["batch_day"], event["source_file"]), []).append(event)
    by_day: dict[date, list[dict[str, Any]]] = {}
    for event in events:
        by_day.setdefault(event["batch_day"], []).append(event)
    return {
        "ticket": ticket,
        "cluster": clusters[0] if clusters else None,
        "events": events,
        "files": [
            _file_entry(file_events, config)
            for key, file_events in sorted(by_file.items(), key=lambda kv: str(kv[0]))
        ],
        "batches": [
            {
                "batch_day": day,
                "source_files": sorted({str(e["source_file"]) for e in day_events}),
                "ticket_events": len(day_events),
                "raw_purged": all(e["raw_purged"] for e in day_events),
                "purge_records": _purge_records(conn, day_events),
            }
            for day, day_events in sorted(by_day.items())
        ],
        "policy": config.model_dump(),
    }


def inventory_rows(config: RetentionConfig | None = None) -> list[dict[str, Any]]:
    """INVENTORY as the rows `compliance.data_inventory` holds (besides its live row counts)."""
    config = config or RetentionConfig()
    return [
        {
            "table_name": entry.table,
            "personal_data": ", ".join(entry.holds),
            "data_class": entry.data_class,
            "retention_setting": entry.window,
            "retention_days": entry.days(config),
            "retention_rule": entry.rule,
            "purpose": entry.purpose,
        }
        for entry in INVENTORY
    ]


def inventory_markdown(config: RetentionConfig | None = None) -> str:
    """README's "Data we keep" table (without the markers around it)."""
    config = config or RetentionConfig()
    lines = [
        "| table | personal data | kept | setting | how it expires | purpose |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in INVENTORY:
        setting = f"`retention.{entry.window}`" if entry.window else "-"
        lines.append(
            f"| `{entry.table}` | {', '.join(entry.holds)} | {entry.kept_for(config)} "
            f"| {setting} | {entry.rule} | {entry.purpose} |"
        )
    return "\n".join(lines) + "\n"


def retention_markdown(config: RetentionConfig | None = None) -> str:
    """README's retention table: one row per setting, its default and why."""
    config = config or RetentionConfig()
    lines = ["| setting | default | applies to and why |", "| --- | --- | --- |"]
    for name, field in RetentionConfig.model_fields.items():
        lines.append(f"| `retention.{name}` | {getattr(config, name)} days | {field.description} |")
    return "\n".join(lines) + "\n"


def _sql_string(value: str | None) -> str:
    return "null" if value is None else "'" + value.replace("'", "''") + "'"


def inventory_model_sql() -> str:
    """`compliance.data_inventory`: INVENTORY as VALUES, windows from the `retention` dbt var.

    Live columns: row counts (null for a table not built yet; the model counts itself from
    INVENTORY, as it cannot read the table it replaces) and purges from audit.retention_log.
    """
    defaults = RetentionConfig()
    values = []
    for row in inventory_rows(defaults):
        days = (
            f"{{{{ retention.get('{row['retention_setting']}', {row['retention_days']}) }}}}"
            if row["retention_setting"]
            else "null"
        )
        values.append(
            f"        ({_sql_string(row['table_name'])}, {_sql_string(row['personal_data'])}, "
            f"{_sql_string(row['data_class'])}, {_sql_string(row['retention_setting'])}, "
            f"cast({days} as integer), {_sql_string(row['retention_rule'])}, "
            f"{_sql_string(row['purpose'])})"
        )
    counted = [e.table for e in INVENTORY if e.table != "compliance.data_inventory"]
    value_rows = ",\n".join(values)
    return f"""{{#- Generated by `python -m pipeline.lineage dbt-model` from pipeline/catalog.py
    INVENTORY: edit INVENTORY and regenerate, never this file. -#}}
{{%- set retention = var('retention', {{}}) -%}}
{{%- set counted = {counted!r} -%}}
{{%- set purge_log = source('compliance_audit', 'retention_log') -%}}
{{%- set has_purge_log = execute and adapter.get_relation(database=purge_log.database,
    schema=purge_log.schema, identifier=purge_log.identifier) is not none -%}}
{{{{ config(materialized='table', schema='compliance') }}}}
-- depends_on: {{{{ ref('ticket_lineage') }}}}

with inventory (
    table_name, personal_data, data_class, retention_setting, retention_days, retention_rule,
    purpose
) as (

    values
{value_rows}

),

row_counts as (

    select 'compliance.data_inventory' as table_name, {len(INVENTORY)} as row_count
    {{%- for name in counted %}}
    {{%- set relation = adapter.get_relation(database=target.database,
        schema=name.split('.')[0], identifier=name.split('.')[1]) if execute else none %}}
    {{%- if relation is not none %}}
    union all
    select '{{{{ name }}}}', (select count(*) from {{{{ relation }}}})
    {{%- endif %}}
    {{%- endfor %}}

),

purges as (

    {{%- if has_purge_log %}}
    select table_name, max(purged_at) as last_purged_at, sum(rows_deleted) as rows_purged
    from {{{{ purge_log }}}}
    group by table_name
    {{%- else %}}
    select
        cast(null as varchar) as table_name,
        cast(null as timestamp) as last_purged_at,
        cast(null as bigint) as rows_purged
    where false
    {{%- endif %}}

)

select
    inventory.*,
    row_counts.row_count,
    purges.last_purged_at,
    coalesce(purges.rows_purged, 0) as rows_purged

from inventory
left join row_counts using (table_name)
left join purges using (table_name)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.lineage", description=__doc__)
    parser.add_argument("what", choices=["inventory", "retention", "dbt-model"])
    args = parser.parse_args(argv)
    if args.what == "inventory":
        print(f"{README_MARKERS[0]}\n{inventory_markdown()}{README_MARKERS[1]}")
    elif args.what == "retention":
        print(retention_markdown(), end="")
    else:
        INVENTORY_MODEL.write_text(inventory_model_sql(), encoding="utf-8")
        print(f"wrote {INVENTORY_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
