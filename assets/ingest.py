"""Landing files -> validated verbatim events, quarantined lines, and review labels."""

from datetime import timedelta

import dagster as dg

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline.ingest import ingest_events_day, ingest_reviews_day


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "raw_refusal_events",
            description="Verbatim events that met the contract "
            "(raw.refusal_events); the only table with user ids and verbatim text.",
        ),
        dg.AssetSpec(
            "quarantined_lines",
            description="Lines that failed the contract, with "
            "file, line number, the line as landed and the reason (raw.quarantined_lines).",
        ),
        dg.AssetSpec(
            "ingest_batches",
            description="One row per landed file and day: name, SHA-256, lines read, loaded, "
            "quarantined and duplicated (raw.ingest_batches); the lineage of every event.",
        ),
    ],
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="ingest",
)
def raw_refusal_events(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
):
    day = partition_day(context)
    skew = timedelta(hours=settings.config.ingest.max_future_skew_hours)
    with warehouse.connect() as conn:
        result = ingest_events_day(
            conn,
            settings.landing / "events",
            day,
            allow_empty=settings.allow_empty,
            max_future_skew=skew,
        )
    for problem in result.unreadable_files:
        context.log.warning(f"quarantined whole: {problem['source_file']}: {problem['reason']}")
    for ignored in result.ignored_files:
        context.log.warning(f"not read: {ignored['source_file']}: {ignored['reason']}")
    counts = {
        "files": len(result.files),
        "lines_read": result.lines_read,
        "loaded": result.loaded,
        "quarantined": result.quarantined_count,
        "duplicates": result.duplicates,
        "files_quarantined_whole": len(result.unreadable_files),
        "files_not_read": dg.MetadataValue.json(result.ignored_files),
    }
    yield dg.MaterializeResult(asset_key="raw_refusal_events", metadata=counts)
    yield dg.MaterializeResult(
        asset_key="quarantined_lines", metadata={"quarantined": result.quarantined_count}
    )
    yield dg.MaterializeResult(asset_key="ingest_batches", metadata={"files": len(result.files)})


@dg.asset(partitions_def=daily_partitions, backfill_policy=one_day_per_run, group_name="ingest")
def review_labels(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Reviewers' verdicts that landed that day (analytics.review_labels), notes redacted."""
    skew = timedelta(hours=settings.config.ingest.max_future_skew_hours)
    with warehouse.connect() as conn:
        result = ingest_reviews_day(
            conn, settings.landing / "reviews", partition_day(context), max_future_skew=skew
        )
    return dg.MaterializeResult(
        metadata={
            "lines_read": result.lines_read,
            "loaded": result.loaded,
            "quarantined": result.quarantined_count,
        }
    )
