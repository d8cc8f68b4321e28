"""Shared set-up: the dbt manifest (dagster-dbt reads it at import) and one small pipeline run."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import duckdb
import pytest
from hypothesis import settings

from pipeline.config import Paths
from pipeline.report import RunSummary
from pipeline.sample_data import SampleManifest

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
# The same examples on every run, so a property test that passes here passes in CI; a search
# that found a failure is replayed from the examples printed with it.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.load_profile("repeatable")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SAMPLE_START = date(2026, 11, 18)
SAMPLE_DAYS = 3
SAMPLE_EVENTS_PER_DAY = 400


def pytest_configure(config: pytest.Config) -> None:
    from assets.project import ensure_manifest

    ensure_manifest()


@dataclass
class PipelineRun:
    paths: Paths
    manifest: SampleManifest
    days: list[date]
    summary: RunSummary

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.paths.db), read_only=True)


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory: pytest.TempPathFactory) -> PipelineRun:
    """Three generated days through the whole graph with the real model, as the CLI runs it."""
    from assets.cli import run_days
    from pipeline.sample_data import generate_landing

    root = tmp_path_factory.mktemp("pipeline_run")
    manifest = generate_landing(
        root / "landing",
        SAMPLE_START,
        days=SAMPLE_DAYS,
        events_per_day=SAMPLE_EVENTS_PER_DAY,
        seed=11,
    )
    paths = Paths(db=root / "warehouse.duckdb", landing=root / "landing", outputs=root / "outputs")
    days = [date.fromisoformat(d) for d in manifest.days]
    summary = run_days(paths, days, demo=True)
    return PipelineRun(paths=paths, manifest=manifest, days=days, summary=summary)
