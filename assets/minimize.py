"""Verbatim events -> minimized events: redacted text, keyed-hash ids, only needed columns."""

import dagster as dg

from assets.checking import partition_frame
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality, reconcile
from pipeline.minimize import minimize_day, reminimize_history
from pipeline.privacy import PooledRedactor


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="minimize",
    deps=["raw_refusal_events"],
)
def minimized_refusal_events(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """What every later stage reads (analytics.minimized_refusal_events)."""
    pseudonymizer = settings.pseudonymizer()
    redactor = PooledRedactor(settings.config.privacy.redaction_processes())
    day = partition_day(context)
    with warehouse.connect() as conn:
        minimized = minimize_day(conn, day, redactor, pseudonymizer)
        redone = reminimize_history(conn, redactor, pseudonymizer, context.run_id)
        # The columns analysis groups by; the text, even redacted, is one person's words.
        table = table_metadata(
            conn,
            "analytics.minimized_refusal_events",
            day,
            preview=["refusal_category", "layer", "surface", "user_segment", "next_action"],
            order_by="event_id",
        )
    if redone.from_raw or redone.rescanned:
        context.log.info(
            f"redactor {redactor.version}: re-minimized {redone.from_raw} rows from raw and "
            f"re-scanned {redone.rescanned} older ones (were {', '.join(redone.from_versions)})"
        )
    return dg.MaterializeResult(
        metadata={
            "redactor_version": redactor.version,
            "reminimized_from_raw": redone.from_raw,
            "rescanned": redone.rescanned,
            "rows": len(minimized),
            "pseudonym_key_version": pseudonymizer.active_version,
            "redacted_requests": int(minimized["request_text"].str.contains("<[A-Z_]+>").sum())
            if len(minimized)
            else 0,
            **table,
        }
    )


@dg.asset_check(asset="minimized_refusal_events", blocking=True)
def minimized_events_hold_no_identifiers(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    frame = partition_frame(
        warehouse, "select * from analytics.minimized_refusal_events where batch_day = ?", context
    )
    with warehouse.connect() as conn:
        missing = reconcile.events_not_carried_on(
            conn,
            partition_day(context),
            "raw.refusal_events",
            "analytics.minimized_refusal_events",
        )
    report = quality.validate_frame(
        frame, "minimized_refusal_events", quality.minimized_events_suite()
    )
    return dg.AssetCheckResult(
        passed=report.success and missing == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "raw_events_not_minimized": missing,
        },
    )
