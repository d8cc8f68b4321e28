"""The sync's crash safety, write budget and configuration, over the in-memory GitHub."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import responses

from assets.cli import main
from pipeline.config import ConfigError, TrackerConfig
from pipeline.trackers.github import GitHubTracker
from pipeline.trackers.sync import run_sync
from tests.pipeline.test_tickets import route
from tests.trackers.conftest import Warehouse
from tests.trackers.fake_github import REPO, FakeGitHub

DAY = date(2026, 11, 18)
SETTINGS = {"kind": "github", "github": {"repository": REPO}}


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no handler catches it."""


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    fake = FakeGitHub()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.install(mock)
        yield fake


def sync(warehouse: Warehouse, **settings: object):
    with warehouse.connect() as conn:
        return run_sync(conn, TrackerConfig.model_validate({**SETTINGS, **settings}))


def states(warehouse: Warehouse) -> list[tuple]:
    with warehouse.connect() as conn:
        return conn.execute(
            "select ticket_id, remote_id, action, outcome from tracker.sync_state order by 1"
        ).fetchall()


@pytest.mark.parametrize("step", ["create", "update"])
def test_killed_between_write_and_outcome_converges(github, warehouse, monkeypatch, step):
    routes = [route("C0001", "classifier_tuning")]
    warehouse.route_day(DAY, routes)
    if step == "update":
        sync(warehouse)
        routes[0]["volume"] = 99
        warehouse.route_day(DAY + timedelta(days=1), routes)
    original = getattr(GitHubTracker, step)

    def write_then_die(self, *args):
        original(self, *args)
        raise Killed

    monkeypatch.setattr(GitHubTracker, step, write_then_die)
    try:  # not pytest.raises: its kept traceback would hold the warehouse connection open
        sync(warehouse)
        pytest.fail("the write did not run")
    except Killed:
        pass
    assert states(warehouse)[0][2:] == (step, "pending")
    monkeypatch.setattr(GitHubTracker, step, original)
    report = sync(warehouse)
    assert report.writes == 0  # the write the killed run made is found, not repeated
    assert len(github.issues) == 1
    assert "| refusals | 99 |" in github.issues[1]["body"] or step == "create"
    # the converging run wrote nothing: its intent was "unchanged"
    assert states(warehouse) == [("RB-C0001", "1", "unchanged", "done")]


def test_write_budget_defers_the_rest_to_the_next_sync(github, warehouse):
    warehouse.route_day(DAY, [route(f"C000{n}", "product_backlog") for n in range(1, 4)])
    first = sync(warehouse, write_budget=2)
    assert first.writes == 2 and first.deferred == ["RB-C0003"]
    assert "write budget reached: 1 tickets left for the next sync" in "\n".join(first.lines())
    second = sync(warehouse, write_budget=2)
    assert second.actions["RB-C0003"] == "create" and len(github.issues) == 3


def test_a_ticket_resolved_before_it_was_pushed_is_not_created(github, warehouse):
    routes = [route("C0001", "classifier_tuning")]
    warehouse.route_day(DAY, routes)
    routes[0]["destination"] = "monitor"
    warehouse.route_day(DAY + timedelta(days=1), routes)
    assert sync(warehouse).actions == {}
    assert github.issues == {}


def test_settings_errors_name_the_setting(warehouse):
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    with pytest.raises(ConfigError, match=r"tracker github needs tracker.github.repository"):
        sync(warehouse, github={})
    with pytest.raises(ConfigError, match=r"tracker.jira: unknown queue 'backlog'"):
        sync(
            warehouse,
            kind="jira",
            jira={
                "url": "https://x.atlassian.net",
                "project": "RB",
                "queue_projects": {"backlog": "PB"},
            },
        )


def test_cli_sync_plans_writes_and_reports_errors(github, warehouse, tmp_path, capsys):
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    config = tmp_path / "tracker.toml"
    config.write_text(f'[tracker]\nkind = "github"\n[tracker.github]\nrepository = "{REPO}"\n')
    args = ["sync", "--db", str(warehouse.db), "--config", str(config)]
    assert main([*args, "--dry-run"]) == 0
    assert "would create RB-C0001" in capsys.readouterr().out and github.issues == {}
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"sync to github:{REPO} (written): 1 create" in out
    assert main([*args, "--tracker", "embedded"]) == 0
    assert "the embedded tracker is tracker.tickets" in capsys.readouterr().out
    github.fail_next("GET", f"https://api.github.com/repos/{REPO}/issues/1", 404)
    warehouse.route_day(DAY + timedelta(days=1), [route("C0001", "classifier_tuning", 80)])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("refusal-backlog: github: read of ticket RB-C0001 failed: HTTP 404")
    assert "Traceback" not in err and len(err.splitlines()) == 1
