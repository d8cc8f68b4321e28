"""Routed clusters, or the verdict segments of a split one -> tickets in the embedded tracker."""

import dagster as dg
import pandas as pd

from assets.partitions import daily_partitions, one_day_per_run, partition_day
from assets.resources import PipelineSettings, Warehouse
from pipeline import quality, reconcile
from pipeline.tickets import route_exemplars, sync_tickets
from pipeline.trackers.sync import ACTIONS, run_sync


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


@dg.asset(
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    group_name="route",
    deps=["backlog_tickets"],
)
def tracker_sync(settings: PipelineSettings, warehouse: Warehouse) -> dg.MaterializeResult:
    """tracker.sync_state: the tickets pushed to the remote tracker of `[tracker]`, if any.

    With the embedded tracker (the default) there is nothing to push. The sync pushes the
    tickets as they stand, whichever day runs: re-running an earlier day rewrites nothing.
    """
    with warehouse.connect() as conn:
        report = run_sync(conn, settings.config.tracker)
    counts = report.counts()
    return dg.MaterializeResult(
        metadata={
            "tracker": report.tracker,
            **{action: counts.get(action, 0) for action in ACTIONS},
            "writes": report.writes,
            "deferred_to_next_sync": len(report.deferred),
        }
    )


@dg.asset_check(asset="tracker_sync")
def every_tracker_write_has_its_outcome(warehouse: Warehouse) -> dg.AssetCheckResult:
    """A write still `pending` after the sync was made (or not) with no outcome recorded: the
    next sync looks its issue up before writing, but until then the tracker may lag."""
    with warehouse.connect() as conn:
        pending = [
            f"{tracker}:{ticket}"
            for tracker, ticket in conn.execute(
                "select tracker, ticket_id from tracker.sync_state where outcome = 'pending' "
                "order by 1, 2"
            ).fetchall()
        ]
    return dg.AssetCheckResult(
        passed=not pending,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"pending": len(pending), "pending_tickets": ", ".join(pending[:20]) or "-"},
    )
