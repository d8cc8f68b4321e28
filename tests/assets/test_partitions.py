"""The daily partitions start at the first day events landed on, unless pinned."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from assets import cli
from pipeline.config import DEFAULT_PARTITIONS_START, LANDING_ENV, PARTITIONS_START_ENV, Paths
from pipeline.ingest import first_landed_day


def land(landing, relative: str) -> None:
    path = landing / "events" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"event_id": "e1"}) + "\n")


@pytest.fixture
def landing(tmp_path):
    landing = tmp_path / "landing"
    land(landing, "2026-11-20/part.jsonl")
    land(landing, "2026-11-18/part-0.jsonl.gz")
    land(landing, "nested/2026-11-19/part.csv")
    land(landing, ".staging/2026-10-01/part.jsonl")  # hidden: never read, so not landed
    land(landing, "2026-09-01/notes.txt")  # not a landing format
    return landing


def test_the_first_landed_day_is_the_earliest_file_to_read(landing, tmp_path):
    assert first_landed_day(landing / "events") == date(2026, 11, 18)
    assert first_landed_day(tmp_path / "nowhere") is None


def test_a_pinned_start_wins_and_nothing_landed_falls_back(landing, tmp_path):
    paths = Paths(db=tmp_path / "w.duckdb", landing=landing, outputs=tmp_path / "out")
    assert paths.first_partition() == date(2026, 11, 18)
    pinned = paths.model_copy(update={"partitions_start": date(2026, 6, 1)})
    assert pinned.first_partition() == date(2026, 6, 1)
    empty = paths.model_copy(update={"landing": tmp_path / "empty"})
    assert empty.first_partition() == date.fromisoformat(DEFAULT_PARTITIONS_START)


def test_the_graph_built_over_a_landing_zone_starts_at_its_first_day(landing):
    """As `dagster dev` builds it: a fresh process, the landing folder from the environment."""
    environment = {k: v for k, v in os.environ.items() if k != PARTITIONS_START_ENV}
    environment[LANDING_ENV] = str(landing)
    script = "from assets.partitions import daily_partitions as d; print(d.start.date())"
    out = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True
    )
    assert out.stdout.strip() == "2026-11-18", out.stderr[-2000:]


def test_a_run_before_the_first_landed_day_is_refused_naming_the_fix(landing, tmp_path, capsys):
    db = str(tmp_path / "w.duckdb")
    code = cli.main(["run", "--landing", str(landing), "--date", "2026-11-17", "--db", db])
    assert code == 2
    err = capsys.readouterr().err
    assert "--date 2026-11-17 is before the first partition 2026-11-18" in err
    assert PARTITIONS_START_ENV in err
