"""Minimized events -> what each logged refusal's response reads as (the audit's first check)."""

import dagster as dg

from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline.detection import RefusalDetector
from pipeline.response_audit import TABLE, day_audit, detect_logged_responses


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="minimize",
    deps=["minimized_refusal_events"],
)
def response_detections(
    context: dg.AssetExecutionContext, warehouse: Warehouse
) -> dg.MaterializeResult:
    """analytics.response_detections: full refusal, partial refusal or compliance per event."""
    day = partition_day(context)
    with warehouse.connect() as conn:
        audit = detect_logged_responses(conn, day, RefusalDetector.load())
        table = table_metadata(
            conn, TABLE, day, preview=["detected_refusal", "refusal_score"], order_by="event_id"
        )
    context.log.info(
        f"{audit.read} responses read: {audit.full_refusals} full, {audit.partial_refusals} "
        f"partial, {audit.read_as_compliance} read as answers; {audit.without_response} events "
        "logged no response"
    )
    return dg.MaterializeResult(
        metadata={
            "full_refusals": audit.full_refusals,
            "partial_refusals": audit.partial_refusals,
            "read_as_compliance": audit.read_as_compliance,
            "without_response": audit.without_response,
            **table,
        }
    )


@dg.asset_check(asset="response_detections")
def logged_refusals_read_as_refusals(
    context: dg.AssetCheckExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """A data-quality finding, not a stop: logged refusals whose response reads as an answer
    (a refusal flag set on answered requests, or the detector's error) above the configured
    share. Counted every day, so a logging fault shows as a jump."""
    with warehouse.connect() as conn:
        audit = day_audit(conn, partition_day(context))
    limit = settings.config.detection.compliance_share_warn
    return dg.AssetCheckResult(
        passed=audit.compliance_share <= limit,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "full_refusals": audit.full_refusals,
            "partial_refusals": audit.partial_refusals,
            "read_as_compliance": audit.read_as_compliance,
            "compliance_share": audit.compliance_share,
            "compliance_share_warn": limit,
            "read_as_compliance_examples": ", ".join(audit.compliance_examples) or "-",
        },
    )
