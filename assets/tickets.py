"""Routed clusters, or the verdict segments of a split one -> tickets in the embedded tracker."""

import dagster as dg
import pandas as pd

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality, reconcile
from pipeline.tickets import route_exemplars, sync_tickets


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=["cluster_routes", dg.AssetKey(["marts", "route_exemplars"])],
)
def backlog_tickets(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """tracker.tickets (views tracker.backlog, tracker.policy_review_queue) + Markdown files."""
    day = partition_day(context)
    config = settings.config
    ticket_dir = settings.outputs / "tickets"
    with warehouse.connect() as conn:
        routes = conn.execute(
            "select * from analytics.cluster_routes where batch_day = ?", [day]
        ).df()
        exemplars = route_exemplars(conn, day)
        counts = sync_tickets(conn, routes, exemplars, day, ticket_dir, config.privacy.k_anonymity)
    return dg.MaterializeResult(
        metadata={
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "newer": counts.newer,
            "resolved": counts.resolved,
            "reopened": counts.reopened,
            "ticket_dir": dg.MetadataValue.path(str(ticket_dir)),
        }
    )


@dg.asset_check(asset="backlog_tickets", blocking=True)
def tickets_match_their_routes(warehouse: Warehouse) -> dg.AssetCheckResult:
    """Every ticket's evidence is a route of the day that rendered it, and its fields valid."""
    with warehouse.connect() as conn:
        frame: pd.DataFrame = conn.execute("select * from tracker.tickets").df()
        unbacked = reconcile.tickets_without_route(conn)
    report = quality.validate_frame(frame, "tickets", quality.tickets_suite())
    return dg.AssetCheckResult(
        passed=report.success and not unbacked,
        metadata={
            "failures": "; ".join(report.failures) or "-",
            "tickets": len(frame),
            "tickets_without_route": ", ".join(unbacked) or "-",
        },
    )
