"""The `tracker_sync` asset: the daily run pushes to the configured tracker after the tickets."""

from __future__ import annotations

from datetime import date

import dagster as dg
import pytest
import responses

from assets.resources import PipelineSettings, Warehouse
from assets.tickets import every_tracker_write_has_its_outcome, tracker_sync
from pipeline.warehouse import connect
from tests.pipeline.test_tickets import route
from tests.trackers.conftest import Warehouse as TicketWarehouse
from tests.trackers.fake_github import REPO, FakeGitHub

DAY = date(2026, 11, 18)


def materialize(warehouse: TicketWarehouse, config_file: str | None) -> dict:
    settings = PipelineSettings(
        landing_dir=str(warehouse.outputs),
        output_dir=str(warehouse.outputs),
        config_file=config_file,
    )
    result = dg.materialize(
        [tracker_sync],
        partition_key=DAY.isoformat(),
        resources={"settings": settings, "warehouse": Warehouse(database=str(warehouse.db))},
    )
    (materialization,) = result.asset_materializations_for_node("tracker_sync")
    return {key: value.value for key, value in materialization.metadata.items()}


def test_embedded_by_default_pushes_nothing(warehouse):
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    metadata = materialize(warehouse, None)
    assert metadata["tracker"] == "embedded" and metadata["writes"] == 0


def test_pushes_to_the_configured_tracker(warehouse, tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    config = tmp_path / "tracker.toml"
    config.write_text(f'[tracker]\nkind = "github"\n[tracker.github]\nrepository = "{REPO}"\n')
    fake = FakeGitHub()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.install(mock)
        metadata = materialize(warehouse, str(config))
    assert (metadata["create"], metadata["writes"]) == (1, 1)
    assert len(fake.issues) == 1


def test_a_write_left_pending_is_flagged(warehouse):
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    materialize(warehouse, None)
    conn = connect(str(warehouse.db))
    conn.execute(
        "insert into tracker.sync_state (tracker, ticket_id, action, outcome, intended_sha256, "
        "intent_at) values ('github:acme/x', 'RB-C0001', 'create', 'pending', 'x', now())"
    )
    conn.close()
    result = every_tracker_write_has_its_outcome(Warehouse(database=str(warehouse.db)))
    assert not result.passed
    assert result.metadata["pending_tickets"].value == "github:acme/x:RB-C0001"
