"""The event_verdicts asset and its blocking check on a hand-built warehouse."""

import dagster as dg
import pytest

from assets import verdicts
from assets.resources import build_resources
from pipeline.config import Paths
from pipeline.warehouse import connect
from tests.pipeline.test_verdicts import DAY, seed_reviewed_events


@pytest.fixture
def resources(tmp_path):
    paths = Paths(db=tmp_path / "w.duckdb", landing=tmp_path / "landing", outputs=tmp_path / "o")
    conn = connect(str(paths.db))
    seed_reviewed_events(conn)
    conn.close()
    return build_resources(paths, demo=True)


def materialize(resources) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        [verdicts.event_verdicts, verdicts.verdicts_cover_the_window],
        partition_key=DAY.isoformat(),
        resources=resources,
        raise_on_error=False,
    )


def test_event_verdicts_reports_its_sources_and_passes_its_check(resources):
    result = materialize(resources)
    assert result.success
    metadata = result.asset_materializations_for_node("event_verdicts")[0].metadata
    assert metadata["model_trusted"].value is True
    assert metadata["verdicts_from_model"].value == 1
    assert metadata["verdicts_from_review"].value == 15
    (evaluation,) = result.get_asset_check_evaluations()
    assert evaluation.passed


def test_the_check_fails_when_a_reviewers_verdict_is_overridden(resources, monkeypatch):
    real = verdicts.verdicts_day

    def overriding(conn, *args, **kwargs):
        outcome = real(conn, *args, **kwargs)
        conn.execute(
            "update analytics.event_verdicts set verdict = 'should_help' "
            "where verdict_source = 'review' and verdict = 'should_refuse'"
        )
        return outcome

    monkeypatch.setattr(verdicts, "verdicts_day", overriding)
    (evaluation,) = materialize(resources).get_asset_check_evaluations()
    assert not evaluation.passed
    assert evaluation.metadata["reviewed_verdicts_overridden"].value > 0
