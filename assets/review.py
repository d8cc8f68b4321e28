"""Clustered events -> the day's "should we have refused?" sample, exported for reviewers."""

from datetime import date

import dagster as dg

from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse, build_resources
from pipeline import reconcile
from pipeline.config import Paths
from pipeline.review import export_sample, sample_day

ASSET_NAME = "review_sample"


class ReviewSampleConfig(dg.Config):
    """Run config: `size` overrides `review.sample_size` for this run (the CLI's --size)."""

    size: int | None = None


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="review",
    deps=["refusal_clusters"],
)
def review_sample(
    context: dg.AssetExecutionContext,
    config: ReviewSampleConfig,
    settings: PipelineSettings,
    warehouse: Warehouse,
) -> dg.MaterializeResult:
    """analytics.review_sample plus outputs/review_samples/review_sample-<day>.{csv,jsonl}.

    Stratified by (refusal category, cluster), every cluster of some volume covered, unequal
    probabilities by impact; sampling_weight = 1 / inclusion_probability.
    """
    day = partition_day(context)
    review = settings.config.review
    size = review.sample_size if config.size is None else config.size
    with warehouse.connect() as conn:
        sample = sample_day(conn, day, size, review)
        sample_table = table_metadata(
            conn,
            "analytics.review_sample",
            day,
            preview=["event_id", "cluster_id", "stratum", "inclusion_probability"],
            order_by="stratum, event_id",
        )
    files = export_sample(sample, settings.outputs / "review_samples", day)
    return dg.MaterializeResult(
        metadata={
            "rows": len(sample),
            "size": size,
            "strata": int(sample["stratum"].nunique()),
            "clusters_covered": int(sample["cluster_id"].nunique()),
            "estimated_population": float(sample["sampling_weight"].sum()),
            "files": dg.MetadataValue.md("\n".join(f"- `{f}`" for f in files)),
            "config": review.model_dump_json(),
            **sample_table,
        }
    )


def review_sample_run_config(size: int | None) -> dg.RunConfig:
    return dg.RunConfig(ops={ASSET_NAME: ReviewSampleConfig(size=size)})


def materialize_review_sample(
    paths: Paths, day: date, size: int | None = None, demo: bool = False, lock_held: bool = False
) -> dg.ExecuteInProcessResult:
    """What `refusal-backlog review-sample --date D --size N` runs: this asset, one partition."""
    return dg.materialize(
        [review_sample],
        partition_key=day.isoformat(),
        resources=build_resources(paths, demo=demo, lock_held=lock_held),
        run_config=review_sample_run_config(size),
    )


@dg.asset_check(asset="review_sample")
def sample_is_a_probability_sample(
    context: dg.AssetCheckExecutionContext, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """The weighted estimates hold only if every draw has a probability and its inverse weight."""
    with warehouse.connect() as conn:
        defects = reconcile.sample_defects(conn, partition_day(context))
    return dg.AssetCheckResult(passed=not any(defects.values()), metadata=defects)
