"""Embeddings of the trailing window -> clusters with stable ids and readable labels."""

import dagster as dg

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
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
    with warehouse.connect() as conn:
        run = cluster_day(conn, partition_day(context), config.clustering, config.embedding.model)
    yield dg.MaterializeResult(
        asset_key="cluster_snapshots", metadata={"clusters": len(run.clusters)}
    )
    yield dg.MaterializeResult(
        asset_key="cluster_registry", metadata={"clusters": len(run.clusters)}
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
        },
    )
