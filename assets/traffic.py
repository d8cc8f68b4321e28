"""Landed traffic exports -> requests served per segment and day, the disparity denominators."""

import dagster as dg

from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import reconcile
from pipeline.traffic import ingest_traffic_day


@dg.asset(partitions_def=daily_partitions, backfill_policy=one_day_per_run, group_name="ingest")
def traffic_denominators(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Requests served per segment that day (analytics.traffic); optional, so none is no error."""
    day = partition_day(context)
    with warehouse.connect() as conn:
        result = ingest_traffic_day(conn, settings.landing / "traffic", day)
        table = table_metadata(
            conn,
            "analytics.traffic",
            day,
            preview=["day", "user_segment", "requests"],
            order_by="day, user_segment",
        )
    for ignored in result.ignored_files:
        context.log.warning(f"not read: {ignored['source_file']}: {ignored['reason']}")
    return dg.MaterializeResult(
        metadata={
            "files": len(result.files),
            "loaded": result.loaded,
            "quarantined": result.quarantined_count,
            "segments": result.segments,
            "requests": result.requests,
            "files_not_read": dg.MetadataValue.json(result.ignored_files),
            **table,
        }
    )


@dg.asset_check(asset="traffic_denominators")
def denominators_cover_the_refusals(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """A segment that served fewer requests than it refused makes a rate above 100 %."""
    with warehouse.connect() as conn:
        short = reconcile.segments_short_of_refusals(conn, partition_day(context))
    return dg.AssetCheckResult(
        passed=not short, metadata={"segments_short_of_refusals": ", ".join(short) or "-"}
    )
