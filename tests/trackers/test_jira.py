"""The Jira Cloud adapter at the HTTP level, against an in-memory Jira (`fake_jira`)."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import pytest
import responses

from pipeline.config import TrackerConfig
from pipeline.trackers.base import TrackerError, evidence_start
from pipeline.trackers.jira import evidence_in_adf, with_evidence_adf
from pipeline.trackers.sync import run_sync
from tests.pipeline.test_tickets import route
from tests.trackers.conftest import Warehouse
from tests.trackers.fake_jira import FakeJira

DAY = date(2026, 11, 18)
CONFIG = TrackerConfig.model_validate(
    {
        "kind": "jira",
        "backoff_seconds": 0.5,
        "jira": {
            "url": "https://acme.atlassian.net",
            "project": "RB",
            "queue_projects": {"trust_and_safety": "TS"},
            "queue_issue_types": {"classifier_tuning": "Bug"},
        },
    }
)


@pytest.fixture
def jira(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JIRA_EMAIL", "bot@acme.example")
    monkeypatch.setenv("JIRA_API_TOKEN", "tok")
    fake = FakeJira()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        fake.install(mock)
        yield fake, mock


def sync(warehouse: Warehouse, waits: list[float] | None = None, dry_run: bool = False):
    with warehouse.connect() as conn:
        sleep = (lambda _: None) if waits is None else waits.append
        return run_sync(conn, CONFIG, dry_run=dry_run, sleep=sleep)


def test_create_maps_queue_to_project_type_and_labels(jira, warehouse):
    fake, mock = jira
    warehouse.route_day(
        DAY, [route("C0001", "classifier_tuning"), route("C0002", "trust_and_safety")]
    )
    assert sync(warehouse).actions == {"RB-C0001": "create", "RB-C0002": "create"}
    first, second = fake.issues.values()
    assert first["fields"]["project"] == {"key": "RB"}
    assert first["fields"]["issuetype"] == {"name": "Bug"}
    assert set(first["fields"]["labels"]) == {
        "refusal-backlog",
        "refusal-backlog-RB-C0001",
        "queue-classifier_tuning",
    }
    assert second["fields"]["project"] == {"key": "TS"}
    assert second["fields"]["issuetype"] == {"name": "Task"}
    assert "| refusals | 40 |" in evidence_in_adf(first["fields"]["description"], "RB-C0001")
    token = base64.b64encode(b"bot@acme.example:tok").decode()
    assert mock.calls[0].request.headers["Authorization"] == f"Basic {token}"
    # JQL on the id label and nothing else: every status
    assert fake.searches[0] == 'labels = "refusal-backlog-RB-C0001"'
    calls = len(mock.calls)
    assert sync(warehouse).counts() == {"unchanged": 2} and len(mock.calls) == calls


def test_search_finds_a_done_issue_instead_of_creating(jira, warehouse):
    fake, _ = jira
    fake.add_issue(
        {
            "project": {"key": "RB"},
            "summary": "old",
            "labels": ["refusal-backlog-RB-C0001", "customer-x"],
            "description": with_evidence_adf(None, "RB-C0001", "old evidence"),
        },
        status="Done",
    )
    warehouse.route_day(DAY, [route("C0001", "product_backlog")])
    assert sync(warehouse).actions == {"RB-C0001": "update"}
    (issue,) = fake.issues.values()
    assert issue["fields"]["status"]["name"] == "Done"
    assert "customer-x" in issue["fields"]["labels"]


def test_human_paragraphs_survive_and_lifecycle_uses_transitions(jira, warehouse):
    fake, _ = jira
    routes = [route("C0001", "policy_review")]
    warehouse.route_day(DAY, routes)
    sync(warehouse)
    issue = fake.issues["RB-1"]
    human = {"type": "paragraph", "content": [{"type": "text", "text": "Legal: see DOC-12"}]}
    issue["fields"]["description"]["content"].append(human)
    issue["fields"]["assignee"] = {"accountId": "abc"}
    routes[0]["volume"] = 80
    warehouse.route_day(DAY + timedelta(days=1), routes)
    assert sync(warehouse).actions == {"RB-C0001": "update"}
    description = issue["fields"]["description"]
    assert description["content"][-1] == human
    assert "| refusals | 80 |" in evidence_in_adf(description, "RB-C0001")
    assert issue["fields"]["assignee"] == {"accountId": "abc"}

    routes[0]["destination"] = "monitor"
    warehouse.route_day(DAY + timedelta(days=2), routes)
    assert sync(warehouse).actions == {"RB-C0001": "resolve"}
    assert issue["fields"]["status"]["name"] == "Done"
    note = fake.comments["RB-1"][0]["content"][0]["content"][0]["text"]
    assert "now routed to monitor" in note
    routes[0]["destination"] = "policy_review"
    warehouse.route_day(DAY + timedelta(days=3), routes)
    assert sync(warehouse).actions == {"RB-C0001": "reopen"}
    assert issue["fields"]["status"]["statusCategory"]["key"] != "done"


def test_retries_429_and_5xx_then_clear_errors(jira, warehouse):
    fake, _ = jira
    waits: list[float] = []
    warehouse.route_day(DAY, [route("C0001", "classifier_tuning")])
    fake.fail_next("GET", "/search/jql", 429, {"Retry-After": "4"})
    fake.fail_next("GET", "/search/jql", 500)
    assert sync(warehouse, waits).actions == {"RB-C0001": "create"}
    assert waits[0] == 4.0 and len(waits) == 2 and len(fake.issues) == 1

    warehouse.route_day(DAY, [route("C0002", "classifier_tuning")])
    fake.fail_next("GET", "/search/jql", 401)
    with pytest.raises(
        TrackerError,
        match=r"jira: search of ticket RB-C0002 failed: HTTP 401 .*"
        r"check \$JIRA_EMAIL and \$JIRA_API_TOKEN",
    ):
        sync(warehouse)
    fake.fail_next(
        "POST",
        "/issue",
        400,
        body={"errorMessages": [], "errors": {"issuetype": "Specify a valid issue type"}},
    )
    with pytest.raises(
        TrackerError,
        match=r"create of ticket RB-C0002 failed: HTTP 400 .*"
        "issuetype: Specify a valid issue type",
    ):
        sync(warehouse)
    assert len(fake.issues) == 1


def test_adf_splice_keeps_other_nodes():
    doc = with_evidence_adf(None, "RB-C0001", "v1")
    doc["content"].insert(0, {"type": "paragraph", "content": [{"type": "text", "text": "top"}]})
    again = with_evidence_adf(doc, "RB-C0001", "v2")
    assert again["content"][0]["content"][0]["text"] == "top"
    assert evidence_in_adf(again, "RB-C0001") == "v2"
    assert len(again["content"]) == 4
    assert again["content"][1]["content"][0]["text"] == evidence_start("RB-C0001")
