"""The one `Definitions`: `dagster dev` (via workspace.yaml), the schedule and the CLI use it."""

import os

import dagster as dg

from assets import (
    clusters,
    dbt,
    embeddings,
    ingest,
    minimize,
    replay,
    report,
    responses,
    retention,
    review,
    routes,
    site,
    tickets,
    traffic,
    verdicts,
)
from assets.resources import build_resources
from assets.schedules import daily_refusal_backlog, daily_schedule
from pipeline.config import DEMO_ENV, Paths

# Each stage's module holds its assets and, beside them, their checks.
STAGE_MODULES = [
    ingest,
    traffic,
    minimize,
    responses,
    review,
    retention,
    embeddings,
    clusters,
    dbt,
    verdicts,
    routes,
    tickets,
    report,
    site,
]


def build_definitions(paths: Paths, demo: bool = False) -> dg.Definitions:
    """In-process execution: DuckDB allows one writer, and the model loads once per run."""
    return dg.Definitions(
        assets=dg.load_assets_from_modules([*STAGE_MODULES, replay]),
        asset_checks=dg.load_asset_checks_from_modules([*STAGE_MODULES, replay]),
        jobs=[daily_refusal_backlog, replay.release_replay_job],
        schedules=[daily_schedule],
        sensors=[replay.release_responses_sensor],
        resources=build_resources(paths, demo=demo),
        executor=dg.in_process_executor,
    )


defs = build_definitions(Paths.from_env(), demo=os.environ.get(DEMO_ENV) == "1")
