"""Minimized request text -> sentence embeddings, cached by text hash across days."""

import dagster as dg

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline.embedding import embed_day


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="embed",
    deps=["minimized_refusal_events"],
)
def request_embeddings(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """analytics.request_embeddings: one vector per (text hash, model); none embedded twice."""
    config = settings.config.embedding
    encoder = settings.encoder()
    with warehouse.connect() as conn:
        unique_texts, embedded = embed_day(conn, partition_day(context), config.model, encoder)
    return dg.MaterializeResult(
        metadata={
            "unique_texts": unique_texts,
            "newly_embedded": embedded,
            "cache_hits": unique_texts - embedded,
            "config": config.model_dump_json(),
        }
    )
