"""Assets and their checks, materialized on a tiny landing zone."""

import json
import zlib
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import numpy as np
import pytest
from great_expectations import expectations as gxe

from assets import definitions, embeddings, ingest, minimize
from assets.resources import SentenceEncoderResource, build_resources
from pipeline import quality
from pipeline.config import Paths

DAY = "2026-11-18"


def write_landing(root: Path) -> Path:
    events = root / "landing" / "events" / DAY
    events.mkdir(parents=True)
    lines = [
        json.dumps(
            {
                "event_id": f"e{n}",
                "occurred_at": f"{DAY}T10:0{n}:00Z",
                "user_id": f"u{n}",
                "session_id": "s1",
                "request_text": f"email me at person{n}@example.com about dosing",
            }
        )
        for n in range(3)
    ]
    lines += [lines[0], '{"event_id": "broken"']
    (events / "part.jsonl").write_text("\n".join(lines) + "\n")
    return root / "landing"


@pytest.fixture
def resources(tmp_path):
    paths = Paths(
        db=tmp_path / "w.duckdb", landing=write_landing(tmp_path), outputs=tmp_path / "out"
    )
    return paths, build_resources(paths, demo=True)


def materialize(resources, *assets, **kwargs) -> dg.ExecuteInProcessResult:
    return dg.materialize(list(assets), partition_key=DAY, resources=resources, **kwargs)


def test_ingest_asset_reports_counts_and_passes_its_checks(resources):
    paths, defs = resources
    result = materialize(
        defs,
        ingest.raw_refusal_events,
        ingest.raw_events_meet_contract,
        ingest.every_line_accounted_for,
    )
    assert result.success
    metadata = result.asset_materializations_for_node("raw_refusal_events")[0].metadata
    counts = {k: metadata[k].value for k in ("lines_read", "loaded", "quarantined", "duplicates")}
    assert counts == {"lines_read": 5, "loaded": 3, "quarantined": 1, "duplicates": 1}
    evaluations = result.get_asset_check_evaluations()
    assert {e.check_name for e in evaluations} == {
        "raw_events_meet_contract",
        "every_line_accounted_for",
    }
    assert all(e.passed for e in evaluations)


def test_a_failed_blocking_check_stops_downstream_assets(resources, monkeypatch):
    _, defs = resources
    monkeypatch.setattr(
        quality,
        "raw_events_suite",
        lambda: [gxe.ExpectTableRowCountToBeBetween(min_value=0, max_value=0)],
    )
    result = materialize(
        defs,
        ingest.raw_refusal_events,
        minimize.minimized_refusal_events,
        ingest.raw_events_meet_contract,
        raise_on_error=False,
    )
    assert not result.success
    assert not result.asset_materializations_for_node("minimized_refusal_events")
    (evaluation,) = result.get_asset_check_evaluations()
    assert not evaluation.passed


def test_minimized_events_hold_no_raw_identifiers(resources):
    paths, defs = resources
    result = materialize(
        defs,
        ingest.raw_refusal_events,
        minimize.minimized_refusal_events,
        minimize.minimized_events_hold_no_identifiers,
    )
    assert result.success
    with duckdb.connect(str(paths.db), read_only=True) as conn:
        rows = conn.execute(
            "select user_pseudonym, request_text from analytics.minimized_refusal_events"
        ).fetchall()
    assert len(rows) == 3
    assert all(len(user) == 64 and "@" not in text and "<EMAIL>" in text for user, text in rows)


def test_minimization_needs_the_pseudonym_key_outside_the_demo(tmp_path, monkeypatch):
    monkeypatch.delenv("REFUSAL_BACKLOG_PSEUDONYM_KEYS", raising=False)
    paths = Paths(
        db=tmp_path / "w.duckdb", landing=write_landing(tmp_path), outputs=tmp_path / "out"
    )
    result = materialize(
        build_resources(paths),
        ingest.raw_refusal_events,
        minimize.minimized_refusal_events,
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "REFUSAL_BACKLOG_PSEUDONYM_KEYS" in str(failure.event_specific_data.error)


def test_definitions_hold_one_daily_job_a_schedule_and_checks_on_every_python_asset():
    defs = definitions.defs
    job = defs.resolve_job_def("daily_refusal_backlog")
    assert [s.name for s in defs.schedules] == ["daily_refusal_backlog_schedule"]
    graph = defs.resolve_asset_graph()
    checked = {key.asset_key for key in graph.asset_check_keys}
    python_assets = {
        key for key in graph.materializable_asset_keys if graph.get(key).group_name != "dbt"
    }
    assert len(python_assets) >= 14
    assert python_assets - checked == set(), "every Python asset has a check"
    assert dg.AssetKey(["marts", "cluster_metrics"]) in checked, "dbt tests surface as checks"
    assert date.fromisoformat(DAY) >= date.fromisoformat(
        job.partitions_def.start.date().isoformat()
    )


class FakeEncoder(SentenceEncoderResource):
    """Unit vectors from the text's hash: the embedding asset and its check, without the model."""

    def load(self, config):
        class Hashing:
            def encode(self, texts):
                vectors = np.array(
                    [
                        [(zlib.crc32(t.encode()) >> s % 24) % 97 + 1.0 for s in range(384)]
                        for t in texts
                    ]
                )
                return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

        return Hashing()


def test_embeddings_take_an_injected_encoder_and_pass_their_check(resources):
    paths, defs = resources
    result = materialize(
        {**defs, "encoder": FakeEncoder()},
        ingest.raw_refusal_events,
        minimize.minimized_refusal_events,
        embeddings.request_embeddings,
        embeddings.every_request_embedded,
    )
    assert result.success
    (materialization,) = result.asset_materializations_for_node("request_embeddings")
    # the three requests differ only in their e-mail address, so they are one text once minimized
    assert materialization.metadata["newly_embedded"].value == 1
    assert all(e.passed for e in result.get_asset_check_evaluations())
