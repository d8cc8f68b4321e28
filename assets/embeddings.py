"""Minimized request text -> sentence embeddings, cached by text hash across days."""

import dagster as dg

from assets.checking import check_result
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, SentenceEncoderResource, Warehouse
from pipeline import quality
from pipeline.embedding import embed_day


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="embed",
    deps=["minimized_refusal_events"],
)
def request_embeddings(
    context: dg.AssetExecutionContext,
    settings: PipelineSettings,
    warehouse: Warehouse,
    encoder: SentenceEncoderResource,
) -> dg.MaterializeResult:
    """analytics.request_embeddings: one vector per (text hash, model); none embedded twice."""
    config = settings.config.embedding
    with warehouse.connect() as conn:
        unique_texts, embedded = embed_day(
            conn, partition_day(context), config.model, encoder.load(config)
        )
        cache = table_metadata(conn, "analytics.request_embeddings")  # the cache, every day's
    context.log.info(f"{unique_texts} texts: {embedded} embedded, the rest from the cache")
    return dg.MaterializeResult(
        metadata={
            "unique_texts": unique_texts,
            "newly_embedded": embedded,
            "cache_hits": unique_texts - embedded,
            "config": config.model_dump_json(),
            **cache,
        }
    )


@dg.asset_check(asset="request_embeddings", blocking=True)
def every_request_embedded(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse, settings: PipelineSettings
) -> dg.AssetCheckResult:
    model = settings.config.embedding.model
    with warehouse.connect() as conn:
        frame = conn.execute(
            """
            select m.request_text_hash, len(e.embedding) as embedding_dimensions,
                   sqrt(list_inner_product(e.embedding, e.embedding)) as norm
            from (select distinct request_text_hash from analytics.minimized_refusal_events
                  where batch_day = ?) m
            left join analytics.request_embeddings e
              on e.text_hash = m.request_text_hash and e.model_name = ?
            """,
            [partition_day(context), model],
        ).df()
    dimensions = (
        int(frame["embedding_dimensions"].max())
        if frame["embedding_dimensions"].notna().any()
        else 0
    )
    report = quality.validate_frame(
        frame, "request_embeddings", quality.embeddings_suite(dimensions)
    )
    return check_result(report, texts=len(frame), dimensions=dimensions)
