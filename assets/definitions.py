"""The one `Definitions`: `dagster dev` (via workspace.yaml), the schedule and the CLI use it."""

import os

import dagster as dg

from assets import (
    clusters,
    dbt,
    embeddings,
    ingest,
    minimize,
    report,
    retention,
    review,
    routes,
    tickets,
    traffic,
    verdicts,
)
from assets.checks import ALL_CHECKS
from assets.resources import build_resources
from assets.schedules import daily_refusal_backlog, daily_schedule
from pipeline.config import DEMO_ENV, Paths

ASSETS = [
    ingest.raw_refusal_events,
    ingest.review_labels,
    traffic.traffic_denominators,
    minimize.minimized_refusal_events,
    review.review_sample,
    retention.retention,
    embeddings.request_embeddings,
    clusters.refusal_clusters,
    dbt.dbt_models,
    dbt.compliance_models,
    verdicts.event_verdicts,
    routes.cluster_routes,
    tickets.backlog_tickets,
    report.refusal_report,
]


def build_definitions(paths: Paths, demo: bool = False) -> dg.Definitions:
    """In-process execution: DuckDB allows one writer, and the model loads once per run."""
    return dg.Definitions(
        assets=ASSETS,
        asset_checks=ALL_CHECKS,
        jobs=[daily_refusal_backlog],
        schedules=[daily_schedule],
        resources=build_resources(paths, demo=demo),
        executor=dg.in_process_executor,
    )


defs = build_definitions(Paths.from_env(), demo=os.environ.get(DEMO_ENV) == "1")
