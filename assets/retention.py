"""Purge verbatim data past its retention window and audit each purge."""

from datetime import UTC, datetime

import dagster as dg

from assets.partitions import daily_partitions
from assets.resources import PipelineSettings, Warehouse
from pipeline.retention import enforce_retention


@dg.asset(
    partitions_def=daily_partitions,
    group_name="minimize",
    deps=["minimized_refusal_events", "quarantined_lines"],
)
def retention(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Runs after minimization so nothing is purged before its minimized copy exists.

    The clock is wall time: retention counts from today, whichever day is being processed.
    """
    config = settings.config.retention
    with warehouse.connect() as conn:
        purges = enforce_retention(
            conn, datetime.now(UTC).replace(tzinfo=None), config, context.run_id
        )
    return dg.MaterializeResult(
        metadata={
            **{f"{p.data_class}_deleted": p.rows_deleted for p in purges},
            "policy": config.model_dump_json(),
        }
    )
