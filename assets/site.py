"""The static site (outputs/site/): triage, per-intent evidence and compliance pages."""

import dagster as dg

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline.site import build_site, site_problems

SITE_FOLDER = "site"


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=[
        "refusal_report",
        dg.AssetKey(["marts", "route_exemplars"]),
        dg.AssetKey(["marts", "refusal_calibration"]),
        dg.AssetKey(["marts", "segment_disparity"]),
        dg.AssetKey(["marts", "cluster_status"]),
        dg.AssetKey(["compliance", "ticket_lineage"]),
    ],
)
def site(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """outputs/site/: index with charts, one page per intent of the day, compliance page."""
    day = partition_day(context)
    with warehouse.connect() as conn:
        built = build_site(conn, day, settings.config, settings.outputs / SITE_FOLDER)
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.path(str(built.site_dir / "index.html")),
            "pages": len(built.pages),
            "intents": len(built.intents),
        }
    )


@dg.asset_check(asset="site")
def site_has_every_intent_and_its_links_resolve(
    context: dg.AssetCheckExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """Every cluster routed on the day has its page, and no link of any page leads nowhere."""
    day = partition_day(context)
    with warehouse.connect() as conn:
        intents = [
            row[0]
            for row in conn.execute(
                "select distinct cluster_id from analytics.cluster_routes where batch_day = ? "
                "order by 1",
                [day],
            ).fetchall()
        ]
    site_dir = settings.outputs / SITE_FOLDER
    problems = site_problems(site_dir, day, intents) if site_dir.is_dir() else [f"no {site_dir}"]
    return dg.AssetCheckResult(
        passed=not problems,
        metadata={"intents": len(intents), "problems": "; ".join(problems[:20]) or "-"},
    )
