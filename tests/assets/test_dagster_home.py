"""The demo records its runs in a persistent Dagster home, which `make dev`'s UI reads: runs,
materializations with row counts and column schemas, check results; and it runs again there."""

import io
from contextlib import redirect_stderr
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster import DagsterEventType, DagsterInstance, DagsterRunStatus, EventRecordsFilter

from assets import (
    cli,
    clusters,
    dbt,
    embeddings,
    ingest,
    minimize,
    retention,
    review,
    routes,
    traffic,
    verdicts,
)
from assets.instance import DAGSTER_HOME_ENV, ensure_dagster_home, home_from_env
from assets.metadata import TEXT_COLUMNS
from pipeline.config import ConfigError

DEMO_ARGS = ["--days", "1", "--events-per-day", "150"]
# The stages whose assets are tables (the report and the site are files); dbt's models included.
TABLE_MODULES = [
    ingest, traffic, minimize, review, retention, embeddings, clusters, dbt, verdicts, routes
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo run twice in one folder (one day, small): the second run must work too."""
    workdir = tmp_path_factory.mktemp("demo")
    stderr = []
    for _ in range(2):
        err = io.StringIO()  # no terminal, as in CI
        with redirect_stderr(err):
            code = cli.main(["demo", "--workdir", str(workdir), *DEMO_ARGS])
        assert code == 0, err.getvalue()[-2000:]
        stderr.append(err.getvalue())
    return workdir, stderr


def test_the_demos_runs_land_in_the_persistent_home(demo):
    workdir, _ = demo
    home = workdir / cli.DEMO_DAGSTER_HOME
    assert (home / "dagster.yaml").is_file()
    with DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert len(runs) == 2, "one run per day per demo"
        assert {run.status for run in runs} == {DagsterRunStatus.SUCCESS}
        assert all(run.tags.get("dagster/partition") for run in runs)
        checks = instance.get_event_records(
            EventRecordsFilter(event_type=DagsterEventType.ASSET_CHECK_EVALUATION)
        )
        assert checks, "check results are recorded too"


def test_every_table_materialization_counts_its_rows_and_previews_no_text(demo):
    workdir, _ = demo
    tables = {
        key
        for assets in dg.load_assets_from_modules(TABLE_MODULES)
        if isinstance(assets, dg.AssetsDefinition)
        for key in assets.keys
    }
    report_key = dg.AssetKey("refusal_report")
    with DagsterInstance.from_config(str(workdir / cli.DEMO_DAGSTER_HOME)) as instance:
        events = {key: instance.get_latest_materialization_event(key) for key in tables}
        events[report_key] = instance.get_latest_materialization_event(report_key)
    assert [key for key, event in events.items() if event is None] == []
    latest = {key: event.asset_materialization for key, event in events.items()}
    conn = duckdb.connect(str(workdir / "outputs" / "refusal_backlog.duckdb"), read_only=True)
    for key in tables:
        metadata = latest[key].metadata
        assert "dagster/row_count" in metadata, key
        assert "dagster/column_schema" in metadata, key
        if "preview" in metadata:
            shown = {column.name for column in metadata["preview"].schema.columns}
            assert not shown & TEXT_COLUMNS, key
    marts = latest[dg.AssetKey(["marts", "cluster_metrics"])]
    (rows,) = conn.execute("select count(*) from marts.cluster_metrics").fetchone()
    assert marts.metadata["dagster/row_count"].value == rows
    names = {c.name for c in marts.metadata["dagster/column_schema"].schema.columns}
    assert {"cluster_id", "volume"} <= names
    report = latest[report_key]
    assert report.metadata["report"].value.startswith("#")


def test_the_cli_shows_plain_progress_lines_when_not_on_a_terminal(demo):
    _, stderr = demo
    lines = stderr[0].splitlines()
    steps = [line for line in lines if " step " in line]
    total = int(steps[0].split(" step 1/")[1].split()[0])
    assert len(steps) == total > 20, "every step of the job, once"
    assert any("request_embeddings: embedded" in line for line in lines)
    assert any("minimized_refusal_events: redacted" in line for line in lines)
    assert "\r" not in stderr[0]


def test_an_unusable_dagster_home_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(DAGSTER_HOME_ENV, "relative/home")
    with pytest.raises(ConfigError, match="not an absolute path"):
        home_from_env()
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="is a file"):
        ensure_dagster_home(tmp_path / "file")
    kept = ensure_dagster_home(tmp_path / "home")
    (kept / "dagster.yaml").write_text("telemetry:\n  enabled: true\n")
    ensure_dagster_home(kept)
    assert (kept / "dagster.yaml").read_text() == "telemetry:\n  enabled: true\n"
    assert Path(kept).is_dir()
