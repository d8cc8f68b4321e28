"""The GitHub adapter at the HTTP level, against an in-memory GitHub (`fake_github`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import responses

from pipeline.config import ConfigError, TrackerConfig
from pipeline.trackers.base import EVIDENCE_END, TrackerError, evidence_start
from pipeline.trackers.sync import run_sync
from tests.pipeline.test_tickets import route
from tests.trackers.conftest import Warehouse
from tests.trackers.fake_github import ISSUES, REPO, FakeGitHub

DAY = date(2026, 11, 18)
CONFIG = TrackerConfig.model_validate(
    {"kind": "github", "github": {"repository": REPO}, "backoff_seconds": 0.5}
)


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test")
    fake = FakeGitHub()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.install(mock)
        yield fake, mock


@pytest.fixture
def waits() -> list[float]:
    return []


def sync(warehouse: Warehouse, waits: list[float], dry_run: bool = False, config=CONFIG):
    with warehouse.connect() as conn:
        return run_sync(conn, config, dry_run=dry_run, sleep=waits.append)


def test_creates_with_marker_and_labels_then_makes_no_request(github, warehouse, waits):
    fake, mock = github
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning"), route("C0002", "monitor")])
    first = sync(warehouse, waits)
    assert first.actions == {"RB-C0001": "create"}
    (issue,) = fake.issues.values()
    assert issue["body"].startswith(evidence_start("RB-C0001"))
    assert {label["name"] for label in issue["labels"]} == {
        "refusal-backlog",
        "queue:classifier_tuning",
    }
    assert mock.calls[0].request.headers["Authorization"] == "Bearer ghp_test"
    assert "state=all" in mock.calls[0].request.url
    calls = len(mock.calls)
    assert sync(warehouse, waits).actions == {"RB-C0001": "unchanged"}
    assert len(mock.calls) == calls


def test_search_covers_closed_issues(github, warehouse, waits):
    fake, _ = github
    body = f"{evidence_start('RB-C0001')}\nold\n{EVIDENCE_END}"
    fake.add_issue("old", body, ["refusal-backlog"], state="closed")
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    report = sync(warehouse, waits)
    assert len(fake.issues) == 1
    # no record of a status written: the one people set stays
    assert report.actions == {"RB-C0001": "update"}
    assert fake.issues[1]["state"] == "closed" and fake.issues[1]["title"] == "label C0001"


def test_update_keeps_human_labels_text_and_assignees(github, warehouse, waits):
    fake, _ = github
    routes = [route("C0001", "product_backlog")]
    warehouse.route_day(DAY, routes)
    sync(warehouse, waits)
    issue = fake.issues[1]
    issue["body"] += "\n\nPM: this is the calendar integration ask."
    issue["labels"].append({"name": "needs-design"})
    issue["assignees"] = [{"login": "pm-anna"}]
    routes[0]["volume"] = 90
    warehouse.route_day(DAY + timedelta(days=1), routes)
    assert sync(warehouse, waits).actions == {"RB-C0001": "update"}
    assert "PM: this is the calendar integration ask." in issue["body"]
    assert "| refusals | 90 |" in issue["body"] and "| refusals | 40 |" not in issue["body"]
    assert {label["name"] for label in issue["labels"]} == {
        "needs-design",
        "refusal-backlog",
        "queue:product_backlog",
    }
    assert issue["assignees"] == [{"login": "pm-anna"}]


def test_resolve_comments_and_closes_then_reopen(github, warehouse, waits):
    fake, _ = github
    routes = [route("C0001", "policy_review")]
    warehouse.route_day(DAY, routes)
    sync(warehouse, waits)
    routes[0]["destination"] = "monitor"
    warehouse.route_day(DAY + timedelta(days=1), routes)
    assert sync(warehouse, waits).actions == {"RB-C0001": "resolve"}
    assert fake.issues[1]["state"] == "closed"
    assert "now routed to monitor" in fake.comments[1][0]
    routes[0]["destination"] = "policy_review"
    warehouse.route_day(DAY + timedelta(days=2), routes)
    assert sync(warehouse, waits).actions == {"RB-C0001": "reopen"}
    assert fake.issues[1]["state"] == "open" and len(fake.comments[1]) == 2


def test_429_waits_retry_after_and_5xx_backs_off(github, warehouse, waits):
    fake, _ = github
    fake.fail_next("GET", ISSUES, 429, {"Retry-After": "7"})
    fake.fail_next("GET", ISSUES, 502)
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    assert sync(warehouse, waits).actions == {"RB-C0001": "create"}
    assert waits[0] == 7.0
    assert 0 <= waits[1] <= 1.0  # full jitter under 2 x backoff_seconds
    assert len(fake.issues) == 1


def test_exhausted_rate_limit_waits_for_its_reset(github, warehouse, waits, monkeypatch):
    fake, _ = github
    monkeypatch.setattr("pipeline.trackers.http.time.time", lambda: 1_000.0)
    fake.fail_next("GET", ISSUES, 403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1030"})
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    sync(warehouse, waits)
    assert waits == [30.0]
    fake.fail_next("GET", ISSUES, 429, {"Retry-After": "3600"})
    warehouse.route_day(DAY, [route("C0002", "classifier_tuning")])
    with pytest.raises(TrackerError, match="asks to wait 3600 s, over tracker.max_wait_seconds"):
        sync(warehouse, waits)


def test_a_5xx_create_is_not_posted_twice(github, warehouse, waits):
    fake, _ = github
    fake.fail_next("POST", ISSUES, 502)
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    with pytest.raises(TrackerError, match=r"create of ticket RB-C0001 failed: HTTP 502"):
        sync(warehouse, waits)
    assert fake.issues == {}
    assert sync(warehouse, waits).actions == {"RB-C0001": "create"}
    assert len(fake.issues) == 1


def test_401_and_422_are_one_clear_line(github, warehouse, waits):
    fake, _ = github
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    fake.fail_next("GET", ISSUES, 401, body={"message": "Bad credentials"})
    with pytest.raises(TrackerError) as error:
        sync(warehouse, waits)
    assert str(error.value) == (
        "github: search of ticket RB-C0001 failed: HTTP 401 Unauthorized: Bad credentials "
        "(the credentials were refused: check $GITHUB_TOKEN)"
    )
    fake.fail_next(
        "POST",
        ISSUES,
        422,
        body={"message": "Validation Failed", "errors": [{"field": "labels", "code": "invalid"}]},
    )
    with pytest.raises(TrackerError, match=r"create of ticket RB-C0001 failed: HTTP 422 .*labels"):
        sync(warehouse, waits)
    assert fake.issues == {}


def test_failed_search_creates_nothing(github, warehouse, waits):
    fake, mock = github
    for _ in range(CONFIG.retries + 1):
        fake.fail_next("GET", ISSUES, 503)
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    with pytest.raises(
        TrackerError, match=r"search of ticket RB-C0001 failed: HTTP 503 .* 6 tries"
    ):
        sync(warehouse, waits)
    assert fake.issues == {} and all(call.request.method == "GET" for call in mock.calls)


def test_dry_run_plans_and_writes_nothing(github, warehouse, waits):
    fake, mock = github
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning"), route("C0002", "policy_review")])
    plan = sync(warehouse, waits, dry_run=True)
    assert plan.actions == {"RB-C0001": "create", "RB-C0002": "create"}
    assert "would create RB-C0001" in "\n".join(plan.lines())
    assert fake.issues == {} and {call.request.method for call in mock.calls} == {"GET"}
    with warehouse.connect() as conn:
        assert conn.execute("select count(*) from tracker.sync_state").fetchone() == (0,)


def test_missing_token_names_the_variable(warehouse, waits, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    with pytest.raises(ConfigError, match=r"tracker github needs \$GITHUB_TOKEN"):
        sync(warehouse, waits)
