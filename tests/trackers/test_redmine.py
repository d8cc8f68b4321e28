"""Sync against a real Redmine (`make test-redmine`): create, idempotence, update, resolve,
reopen, human edits, a killed sync and a failed search."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from pipeline.config import REPO_ROOT, TrackerConfig
from pipeline.trackers.base import TrackerError
from pipeline.trackers.redmine import KEY_ENV
from pipeline.trackers.sync import run_sync
from tests.pipeline.test_tickets import route
from tests.trackers.conftest import PROJECTS, Redmine, Warehouse

pytestmark = pytest.mark.redmine
DAY = date(2026, 11, 18)


@pytest.fixture(autouse=True)
def api_key(redmine: Redmine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, redmine.api_key)


def sync(warehouse: Warehouse, server: Redmine, **overrides: object):
    config = TrackerConfig.model_validate({**server.config(), **overrides})
    with warehouse.connect() as conn:
        return run_sync(conn, config)


def only_issue(redmine: Redmine, ticket_id: str) -> dict:
    (issue,) = redmine.issues_of(ticket_id)
    return redmine.get(f"/issues/{issue['id']}.json", include="journals")["issue"]


def test_create_unchanged_update_resolve_reopen(warehouse: Warehouse, redmine: Redmine):
    routes = [
        route("C0101", "classifier_tuning"),
        route("C0102", "product_backlog"),
        route("C0103", "monitor"),
    ]
    warehouse.route_day(DAY, routes)
    first = sync(warehouse, redmine)
    assert first.counts()["create"] == 2 and first.writes == 2
    tuning = only_issue(redmine, "RB-C0101")
    assert tuning["project"]["name"] == PROJECTS["classifier_tuning"].replace("-", " ")
    assert tuning["tracker"]["name"] == "Bug"
    assert "| refusals | 40 |" in tuning["description"]
    assert redmine.issues_of("RB-C0103") == []

    again = sync(warehouse, redmine)
    assert again.counts() == {"unchanged": 2} and again.writes == 0
    assert only_issue(redmine, "RB-C0101")["updated_on"] == tuning["updated_on"]

    routes[0]["volume"] = 55
    warehouse.route_day(DAY + timedelta(days=1), routes)
    updated = sync(warehouse, redmine)
    assert updated.actions == {"RB-C0101": "update", "RB-C0102": "unchanged"}
    assert "| refusals | 55 |" in only_issue(redmine, "RB-C0101")["description"]

    routes[0]["destination"] = "monitor"
    warehouse.route_day(DAY + timedelta(days=2), routes)
    resolved = sync(warehouse, redmine)
    assert resolved.actions["RB-C0101"] == "resolve"
    issue = only_issue(redmine, "RB-C0101")
    assert issue["status"]["name"] == "Closed"
    assert "now routed to monitor" in issue["journals"][-1]["notes"]

    routes[0]["destination"] = "classifier_tuning"
    warehouse.route_day(DAY + timedelta(days=3), routes)
    reopened = sync(warehouse, redmine)
    assert reopened.actions["RB-C0101"] == "reopen"
    issue = only_issue(redmine, "RB-C0101")
    assert issue["status"]["name"] == "New"
    assert "back in the classifier_tuning queue" in issue["journals"][-1]["notes"]
    assert sync(warehouse, redmine).writes == 0


def test_human_edits_survive_an_update(warehouse: Warehouse, redmine: Redmine):
    routes = [route("C0201", "policy_review")]
    warehouse.route_day(DAY, routes)
    sync(warehouse, redmine)
    issue = only_issue(redmine, "RB-C0201")
    human_text = "Triage note: Legal wants this looked at before Friday."
    redmine.put(
        f"/issues/{issue['id']}.json",
        {
            "issue": {
                "assigned_to_id": 1,
                "notes": "I am on it",
                "status_id": 2,  # In Progress
                "description": issue["description"] + "\n\n" + human_text,
            }
        },
    )
    routes[0]["volume"] = 70
    warehouse.route_day(DAY + timedelta(days=1), routes)
    assert sync(warehouse, redmine).actions == {"RB-C0201": "update"}
    after = only_issue(redmine, "RB-C0201")
    assert after["assigned_to"]["id"] == 1
    assert after["status"]["name"] == "In Progress"
    assert human_text in after["description"]
    assert "| refusals | 70 |" in after["description"]
    assert "| refusals | 40 |" not in after["description"]
    assert any(j["notes"] == "I am on it" for j in after["journals"])


def test_lost_state_finds_the_closed_issue_instead_of_creating(
    warehouse: Warehouse, redmine: Redmine
):
    """Search covers every status: a closed issue is found, never created again."""
    warehouse.route_day(DAY, [route("C0301", "trust_and_safety")])
    sync(warehouse, redmine)
    issue = only_issue(redmine, "RB-C0301")
    redmine.put(f"/issues/{issue['id']}.json", {"issue": {"status_id": 5}})  # Closed by hand
    with warehouse.connect() as conn:
        conn.execute("delete from tracker.sync_state")
    report = sync(warehouse, redmine)
    # found by its field, and what Redmine stores (CRLF text) reads as what was written
    assert report.writes == 0 and report.actions == {"RB-C0301": "unchanged"}
    assert len(redmine.issues_of("RB-C0301")) == 1


def test_failed_search_fails_the_sync_and_creates_nothing(warehouse: Warehouse, redmine: Redmine):
    warehouse.route_day(DAY, [route("C0401", "product_backlog")])
    wrong = {**redmine.config()["redmine"], "ticket_field_id": redmine.ticket_field_id + 50}
    with pytest.raises(TrackerError, match="search of ticket RB-C0401 failed: Redmine ignored"):
        sync(warehouse, redmine, redmine=wrong)
    missing = {**redmine.config()["redmine"], "url": f"{redmine.url}/no-such-prefix"}
    with pytest.raises(TrackerError, match=r"redmine: search of ticket RB-C0401 failed: HTTP 404"):
        sync(warehouse, redmine, redmine=missing)
    assert redmine.issues_of("RB-C0401") == []


def _toml(table: dict, name: str) -> list[str]:
    """A nested dict of strings and numbers as TOML tables (JSON scalars are TOML scalars)."""
    lines = [f"[{name}]"]
    lines += [
        f"{key} = {json.dumps(value)}"
        for key, value in table.items()
        if not isinstance(value, dict)
    ]
    for key, value in table.items():
        if isinstance(value, dict):
            lines += _toml(value, f"{name}.{key}")
    return lines


def _tracker_toml(redmine: Redmine, path: Path) -> Path:
    path.write_text("\n".join(_toml(redmine.config(), "tracker")) + "\n")
    return path


def test_kill_9_mid_sync_converges_without_duplicates(
    warehouse: Warehouse, redmine: Redmine, tmp_path: Path
):
    queues = ["classifier_tuning", "product_backlog", "policy_review", "trust_and_safety"]
    routes = [route(f"C05{n:02d}", queues[n % 4]) for n in range(16)]
    warehouse.route_day(DAY, routes)
    ids = [f"RB-C05{n:02d}" for n in range(16)]
    config = _tracker_toml(redmine, tmp_path / "tracker.toml")
    command = [
        sys.executable,
        "-m",
        "assets.cli",
        "sync",
        "--db",
        str(warehouse.db),
        "--config",
        str(config),
    ]
    env = {**os.environ, KEY_ENV: redmine.api_key}
    killed = subprocess.Popen(command, cwd=REPO_ROOT, env=env, start_new_session=True)
    created = 0
    while killed.poll() is None and created < 4:
        created = sum(bool(redmine.issues_of(tid)) for tid in ids[:6])
        time.sleep(0.02)
    assert killed.poll() is None, "the sync finished before it could be killed"
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    at_kill = sum(bool(redmine.issues_of(tid)) for tid in ids)
    assert 4 <= at_kill < 16
    with warehouse.connect() as conn:
        pending = conn.execute(
            "select count(*) from tracker.sync_state where outcome = 'pending'"
        ).fetchone()[0]
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [len(redmine.issues_of(tid)) for tid in ids] == [1] * 16
    with warehouse.connect() as conn:
        outcomes = conn.execute(
            "select outcome, count(*) from tracker.sync_state group by 1"
        ).fetchall()
    assert outcomes == [("done", 16)]
    assert pending <= 1  # at most the write in flight when it was killed
    again = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert "0 create, 0 update, 0 resolve, 0 reopen, 16 unchanged" in again.stdout
