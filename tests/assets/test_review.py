"""The review_sample asset on a hand-filled warehouse: table rows and reviewer files."""

import json
from datetime import date, datetime, timedelta

import dagster as dg
import duckdb
import pandas as pd
import pytest

from assets.resources import build_resources
from assets.review import review_sample, review_sample_run_config
from pipeline.config import Paths
from pipeline.warehouse import ensure_schema

DAY = date(2026, 11, 18)
CLUSTERS = ["C0001"] * 12 + ["C0002"] * 6 + [None] * 4


@pytest.fixture
def paths(tmp_path) -> Paths:
    paths = Paths(db=tmp_path / "w.duckdb", landing=tmp_path / "landing", outputs=tmp_path / "out")
    start = datetime(2026, 11, 18, 8)
    events = pd.DataFrame(
        {
            "event_id": [f"e{n:02d}" for n in range(len(CLUSTERS))],
            "batch_day": DAY,
            "event_day": DAY,
            "occurred_at": [start + timedelta(minutes=n) for n in range(len(CLUSTERS))],
            "user_pseudonym": [f"pseudo-user-{n % 5}" for n in range(len(CLUSTERS))],
            "session_pseudonym": [f"pseudo-session-{n}" for n in range(len(CLUSTERS))],
            "pseudonym_key_version": "v1",
            "request_text": [f"how do I kill process {n}" for n in range(len(CLUSTERS))],
            "request_text_hash": [f"h{n}" for n in range(len(CLUSTERS))],
            "refusal_category": "violence",
            "account_type": ["pro", "free"] * (len(CLUSTERS) // 2),
        }
    )
    assignments = events.loc[:, ["event_id", "batch_day", "event_day"]].assign(
        cluster_id=CLUSTERS, membership_probability=1.0
    )
    with duckdb.connect(str(paths.db)) as conn:
        ensure_schema(conn)
        tables = {"minimized_refusal_events": events, "cluster_assignments": assignments}
        for table, frame in tables.items():
            conn.register("frame", frame)
            conn.execute(f"insert into analytics.{table} by name select * from frame")
            conn.unregister("frame")
    return paths


def materialize(paths: Paths, size: int | None = None) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [review_sample],
        partition_key=DAY.isoformat(),
        resources=build_resources(paths),
        run_config=review_sample_run_config(size),
    )


def test_review_sample_stores_rows_and_exports_without_user_ids(paths):
    result = materialize(paths, size=8)
    assert result.success
    metadata = result.asset_materializations_for_node("review_sample")[0].metadata
    assert metadata["rows"].value == 8 and metadata["clusters_covered"].value == 2
    with duckdb.connect(str(paths.db), read_only=True) as conn:
        rows = conn.execute("select * from analytics.review_sample").df()
    assert len(rows) == 8 and set(rows["batch_day"].astype(str)) == {DAY.isoformat()}
    assert rows["sampling_weight"].sum() == pytest.approx(len(CLUSTERS), rel=0.3)
    folder = paths.outputs / "review_samples"
    csv_file, jsonl_file = (folder / f"review_sample-2026-11-18.{ext}" for ext in ("csv", "jsonl"))
    records = [json.loads(line) for line in jsonl_file.read_text().splitlines()]
    assert {r["event_id"] for r in records} == set(rows["event_id"])
    assert all(r["verdict"] is None and r["reason_type"] is None for r in records)
    for exported in (csv_file.read_text(), jsonl_file.read_text()):
        assert "pseudo-user" not in exported and "pseudo-session" not in exported
        assert "user" not in exported.splitlines()[0]


def test_config_size_applies_without_run_config_and_reruns_replace_the_day(paths):
    assert materialize(paths).success  # default sample_size 200 > 22 events: all of them
    assert materialize(paths, size=5).success
    with duckdb.connect(str(paths.db), read_only=True) as conn:
        assert conn.execute("select count(*) from analytics.review_sample").fetchone()[0] == 5
