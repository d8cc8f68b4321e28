"""Purge each data class past its retention window, audit each purge, wipe it from the disk."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg

from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import reconcile
from pipeline.retention import overdue_rows, run_retention


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "retention",
            deps=["minimized_refusal_events", "quarantined_lines"],
            description="Purges past each retention window, one row each (audit.retention_log).",
        ),
        dg.AssetSpec(
            "event_sources",
            deps=["minimized_refusal_events"],
            description="Each event's file and line, kept after its verbatim row is purged, and "
            "when it was (audit.event_sources).",
        ),
    ],
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="minimize",
)
def retention(context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse):
    """Runs after minimization so nothing is purged before its minimized copy exists.

    The clock is wall time: retention counts from today, whichever day is being processed.
    It owns the warehouse file while it runs: a purge rewrites the file (no other connection
    may be open then, which the in-process executor guarantees).
    """
    config = settings.config.retention
    run = run_retention(
        Path(warehouse.database), datetime.now(UTC).replace(tzinfo=None), config, context.run_id
    )
    compaction = run.compaction
    with warehouse.connect() as conn:
        sources = table_metadata(conn, "audit.event_sources", partition_day(context))
        log = table_metadata(
            conn,
            "audit.retention_log",
            preview=["purged_at", "table_name", "rows_deleted", "oldest_removed"],
            order_by="purged_at desc, table_name",
        )
    yield dg.MaterializeResult(asset_key="event_sources", metadata=sources)
    yield dg.MaterializeResult(
        asset_key="retention",
        metadata={
            "rows_deleted": sum(p.rows_deleted for p in run.purges),
            **{f"deleted {p.table_name}": p.rows_deleted for p in run.purges},
            "file_bytes_before": compaction.bytes_before if compaction else None,
            "file_bytes_after": compaction.bytes_after if compaction else None,
            "policy": config.model_dump_json(),
            **log,
        },
    )


@dg.asset_check(asset="retention")
def nothing_outlives_its_window(
    settings: PipelineSettings, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """No row is older than its table's window, by the purge's own rule, an hour's grace given
    for rows that expired while the run went on."""
    now = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=1)
    with warehouse.connect() as conn:
        overdue = overdue_rows(conn, now, settings.config.retention)
    return dg.AssetCheckResult(
        passed=not overdue, metadata={f"overdue {table}": rows for table, rows in overdue.items()}
    )


@dg.asset_check(asset="event_sources")
def every_event_has_its_source(warehouse: Warehouse) -> dg.AssetCheckResult:
    """Lineage must be recorded before a verbatim row can expire."""
    with warehouse.connect() as conn:
        missing = reconcile.events_without_source(conn)
    return dg.AssetCheckResult(passed=missing == 0, metadata={"events_without_source": missing})
