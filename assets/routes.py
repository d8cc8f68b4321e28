"""Cluster metrics -> a route per cluster, with the rule and numbers that fired."""

import dagster as dg

from assets.checking import check_result, partition_frame
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality
from pipeline.routing import route_day


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=[dg.AssetKey(["marts", "cluster_metrics"]), dg.AssetKey(["marts", "route_segments"])],
)
def cluster_routes(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """analytics.cluster_routes: triage gate and destination of each cluster or verdict segment."""
    config = settings.config.routing
    day = partition_day(context)
    with warehouse.connect() as conn:
        routes = route_day(conn, day, config)
        table = table_metadata(
            conn,
            "analytics.cluster_routes",
            day,
            preview=["cluster_id", "segment", "destination", "rule", "volume", "distinct_users"],
            order_by="volume desc, cluster_id, segment",
        )
    by_destination = routes["destination"].value_counts().sort_index()
    return dg.MaterializeResult(
        metadata={
            "clusters": len(routes),
            **{f"routed_{name}": int(count) for name, count in by_destination.items()},
            "config": config.model_dump_json(),
            **table,
        }
    )


@dg.asset_check(asset="cluster_routes", blocking=True)
def routes_are_explained(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = partition_frame(
        warehouse, "select * from analytics.cluster_routes where batch_day = ?", context
    )
    return check_result(quality.validate_frame(frame, "cluster_routes", quality.routes_suite()))
