"""Embeddings of the trailing window -> clusters with stable ids and readable labels."""

import dagster as dg

from assets.checking import partition_frame
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality, reconcile
from pipeline.clustering import cluster_day


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "refusal_clusters",
            deps=["request_embeddings"],
            description="Each event the day loaded and its stable cluster id, NULL for "
            "noise (analytics.cluster_assignments).",
        ),
        dg.AssetSpec(
            "cluster_snapshots",
            deps=["request_embeddings"],
            description="Each run day's clusters as that day's clustering left them "
            "(analytics.cluster_snapshots): what re-running a day matches against.",
        ),
        dg.AssetSpec(
            "cluster_registry",
            deps=["request_embeddings"],
            description="Every cluster ever seen: label, top terms, centroid, first and "
            "last day seen (analytics.cluster_registry).",
        ),
    ],
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="cluster",
)
def refusal_clusters(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
):
    config = settings.config
    day = partition_day(context)
    with warehouse.connect() as conn:
        run = cluster_day(conn, day, config.clustering, config.embedding.model)
        # Ids and sizes only: a label is words of the cluster's requests, which may be fewer
        # people's than k-anonymity allows.
        assignments = table_metadata(conn, "analytics.cluster_assignments", day)
        snapshots = table_metadata(
            conn,
            "analytics.cluster_snapshots",
            day,
            preview=["cluster_id", "size"],
            order_by="size desc, cluster_id",
        )
        registry = table_metadata(
            conn,
            "analytics.cluster_registry",
            preview=["cluster_id", "first_seen_day", "last_seen_day", "last_size"],
            order_by="last_seen_day desc, last_size desc, cluster_id",
        )
    yield dg.MaterializeResult(
        asset_key="cluster_snapshots", metadata={"clusters": len(run.clusters), **snapshots}
    )
    yield dg.MaterializeResult(
        asset_key="cluster_registry", metadata={"clusters": len(run.clusters), **registry}
    )
    yield dg.MaterializeResult(
        asset_key="refusal_clusters",
        metadata={
            "window_events": run.window_events,
            "clusters": len(run.clusters),
            "assigned_today": run.assigned_today,
            "noise_today": run.noise_today,
            "labels": dg.MetadataValue.md(
                "\n".join(f"- `{c.cluster_id}` ({c.size}): {c.label}" for c in run.clusters)
            ),
            "config": config.clustering.model_dump_json(),
            **assignments,
        },
    )


@dg.asset_check(asset="refusal_clusters", blocking=True)
def clusters_cover_the_day(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = partition_frame(
        warehouse, "select * from analytics.cluster_assignments where batch_day = ?", context
    )
    with warehouse.connect() as conn:
        unassigned = reconcile.events_not_carried_on(
            conn,
            partition_day(context),
            "analytics.minimized_refusal_events",
            "analytics.cluster_assignments",
        )
    report = quality.validate_frame(
        frame, "cluster_assignments", quality.cluster_assignments_suite()
    )
    noise_share = float(frame["cluster_id"].isna().mean()) if len(frame) else 0.0
    return dg.AssetCheckResult(
        passed=report.success and unassigned == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "events_without_assignment": unassigned,
            "noise_share": noise_share,
        },
    )


@dg.asset_check(asset="cluster_snapshots")
def every_assigned_cluster_is_snapshotted(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    with warehouse.connect() as conn:
        missing = reconcile.clusters_without_snapshot(conn, partition_day(context))
    return dg.AssetCheckResult(
        passed=not missing, metadata={"clusters_without_snapshot": ", ".join(missing) or "-"}
    )


@dg.asset_check(asset="cluster_registry")
def registry_matches_the_snapshots(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect() as conn:
        drifted = reconcile.registry_drift(conn)
    return dg.AssetCheckResult(
        passed=not drifted, metadata={"clusters_differing": ", ".join(drifted) or "-"}
    )
