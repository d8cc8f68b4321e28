"""Reviews and clusters -> each window event's verdict, and the cross-validated verdict model."""

import dagster as dg

from assets.checking import partition_frame
from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality
from pipeline.verdicts import verdicts_day


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=[
        dg.AssetKey(["intermediate", "int_event_reviews"]),
        dg.AssetKey(["marts", "fct_event_clusters"]),
    ],
)
def event_verdicts(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """analytics.event_verdicts and analytics.verdict_models for the window ending the day."""
    config = settings.config
    day = partition_day(context)
    with warehouse.connect() as conn:
        frame, run = verdicts_day(conn, day, config.clustering.window_days, config.verdicts)
        table = table_metadata(
            conn,
            "analytics.event_verdicts",
            day,
            preview=["event_id", "cluster_id", "verdict", "verdict_source"],
            order_by="verdict_source desc, event_id",
        )
    by_source = frame["verdict_source"].value_counts()
    return dg.MaterializeResult(
        metadata={
            "window_events": len(frame),
            **{f"verdicts_from_{source}": int(n) for source, n in by_source.items()},
            "model_trusted": run.trusted,
            "model_training_events": run.training_events,
            "model_cv_balanced_accuracy": run.cv_balanced_accuracy,
            "model": run.reason,
            "config": config.verdicts.model_dump_json(),
            **table,
        }
    )


@dg.asset_check(asset="event_verdicts", blocking=True)
def verdicts_cover_the_window(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """Every reviewed verdict is the reviewers' own, and a model verdict only from a trusted one."""
    frame = partition_frame(
        warehouse,
        """
        select v.*, r.majority_verdict, m.trusted
        from analytics.event_verdicts v
        left join intermediate.int_event_reviews r using (event_id)
        left join analytics.verdict_models m using (batch_day)
        where v.batch_day = ?
        """,
        context,
    )
    reviewed = frame["verdict_source"] == "review"
    overridden = int((reviewed & (frame["verdict"] != frame["majority_verdict"])).sum())
    untrusted = int(((frame["verdict_source"] == "model") & ~frame["trusted"].fillna(False)).sum())
    report = quality.validate_frame(frame, "event_verdicts", quality.event_verdicts_suite())
    return dg.AssetCheckResult(
        passed=report.success and overridden == 0 and untrusted == 0,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "reviewed_verdicts_overridden": overridden,
            "model_verdicts_without_trusted_model": untrusted,
        },
    )
