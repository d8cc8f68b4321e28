"""Landing files -> validated verbatim events, quarantined lines, and review labels."""

from datetime import timedelta

import dagster as dg

from assets.checking import check_result, partition_frame
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality, reconcile
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
        # No preview of the verbatim events or of the lines as they landed: they are raw PII.
        events = table_metadata(conn, "raw.refusal_events", day)
        quarantined = table_metadata(conn, "raw.quarantined_lines", day)
        batches = table_metadata(
            conn,
            "raw.ingest_batches",
            day,
            preview=["source_kind", "source_file", "lines_read", "loaded", "quarantined"],
            order_by="source_kind, source_file",
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
    yield dg.MaterializeResult(asset_key="raw_refusal_events", metadata={**counts, **events})
    yield dg.MaterializeResult(
        asset_key="quarantined_lines",
        metadata={"quarantined": result.quarantined_count, **quarantined},
    )
    yield dg.MaterializeResult(
        asset_key="ingest_batches", metadata={"files": len(result.files), **batches}
    )


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
        labels = table_metadata(
            conn,
            "analytics.review_labels",
            partition_day(context),
            preview=["event_id", "verdict", "reason_type", "reviewed_at"],
            order_by="reviewed_at, event_id",
        )
    return dg.MaterializeResult(
        metadata={
            "lines_read": result.lines_read,
            "loaded": result.loaded,
            "quarantined": result.quarantined_count,
            **labels,
        }
    )


@dg.asset_check(asset="raw_refusal_events", blocking=True)
def raw_events_meet_contract(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = partition_frame(
        warehouse, "select * from raw.refusal_events where batch_day = ?", context
    )
    report = quality.validate_frame(frame, "raw_refusal_events", quality.raw_events_suite())
    return check_result(report, rows=len(frame))


@dg.asset_check(asset="raw_refusal_events", blocking=True)
def every_line_accounted_for(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """read = loaded + quarantined + duplicates, per file, and the tables hold those rows."""
    frame = partition_frame(
        warehouse,
        """
        select b.*,
          (select count(*) from raw.refusal_events r
            where r.batch_day = b.batch_day and r.source_file = b.source_file) as rows_loaded,
          (select count(*) from raw.quarantined_lines q where q.batch_day = b.batch_day
            and q.source_file = b.source_file and q.source_kind = 'events') as rows_quarantined
        from raw.ingest_batches b where b.batch_day = ? and b.source_kind = 'events'
        """,
        context,
    )
    unbalanced = frame[
        (frame["lines_read"] != frame["loaded"] + frame["quarantined"] + frame["duplicates"])
        | (frame["rows_loaded"] != frame["loaded"])
        | (frame["rows_quarantined"] != frame["quarantined"])
    ]
    return dg.AssetCheckResult(
        passed=unbalanced.empty,
        metadata={
            "read": int(frame["lines_read"].sum()),
            "loaded": int(frame["loaded"].sum()),
            "quarantined": int(frame["quarantined"].sum()),
            "duplicates": int(frame["duplicates"].sum()),
            "unbalanced_files": ", ".join(unbalanced["source_file"]) or "-",
        },
    )


@dg.asset_check(asset="quarantined_lines")
def quarantine_has_reasons(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = partition_frame(
        warehouse, "select * from raw.quarantined_lines where batch_day = ?", context
    )
    return check_result(
        quality.validate_frame(frame, "quarantined_lines", quality.quarantine_suite())
    )


@dg.asset_check(asset="review_labels")
def every_label_line_accounted_for(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """Label lines read = loaded + quarantined + duplicates, and the loaded ones are stored."""
    with warehouse.connect() as conn:
        gaps = reconcile.unaccounted_label_lines(conn, partition_day(context))
    return dg.AssetCheckResult(passed=not any(gaps.values()), metadata=gaps)


@dg.asset_check(asset="ingest_batches")
def every_event_file_is_recorded(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """Each file the day's events came from has its batch row: name, hash and line counts."""
    with warehouse.connect() as conn:
        unrecorded = reconcile.events_from_unrecorded_files(conn, partition_day(context))
    return dg.AssetCheckResult(
        passed=not unrecorded, metadata={"unrecorded_files": ", ".join(unrecorded) or "-"}
    )
