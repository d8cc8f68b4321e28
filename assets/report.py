"""The day's Markdown report for PMs and the calibration audit."""

import re

import dagster as dg

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from assets.site import SITE_FOLDER
from pipeline.quality import EMAIL_LIKE
from pipeline.report import render_report
from pipeline.site.build import INDEX
from pipeline.tickets import route_exemplars


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=[
        "backlog_tickets",
        dg.AssetKey(["marts", "route_exemplars"]),
        dg.AssetKey(["marts", "refusal_calibration"]),
        dg.AssetKey(["marts", "segment_disparity"]),
        dg.AssetKey(["marts", "cluster_status"]),
    ],
)
def refusal_report(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """outputs/reports/report-DAY.md: triaged clusters, calibration by layer, segments."""
    day = partition_day(context)
    config = settings.config
    with warehouse.connect() as conn:
        exemplars = route_exemplars(conn, day)
        report = render_report(conn, day, exemplars, config.privacy.k_anonymity)
    path = settings.outputs / "reports" / f"report-{day.isoformat()}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report, encoding="utf-8")
    metadata = {"path": dg.MetadataValue.path(str(path)), "report": dg.MetadataValue.md(report)}
    # The site is built after the report; its last build is where the charts are meanwhile.
    site = settings.outputs / SITE_FOLDER / INDEX
    if site.exists():
        metadata["site"] = dg.MetadataValue.url(site.resolve().as_uri())
    return dg.MaterializeResult(metadata=metadata)


@dg.asset_check(asset="refusal_report")
def report_is_written_and_clean(
    context: dg.AssetCheckExecutionContext, settings: PipelineSettings
) -> dg.AssetCheckResult:
    """The day's report exists, has content, and shows no e-mail address."""
    path = settings.outputs / "reports" / f"report-{partition_day(context).isoformat()}.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    emails = len(re.findall(EMAIL_LIKE, text))
    return dg.AssetCheckResult(
        passed=bool(text.strip()) and emails == 0,
        metadata={"path": str(path), "characters": len(text), "email_like": emails},
    )
