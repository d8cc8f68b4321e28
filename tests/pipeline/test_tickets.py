from datetime import date, timedelta

import pandas as pd
import pytest

from pipeline.tickets import render_ticket, sync_tickets, ticket_id
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)


def route(
    cluster_id: str, destination: str, volume: int = 40, frr=0.9, segment: str = "all"
) -> dict:
    return {
        "batch_day": DAY,
        "cluster_id": cluster_id,
        "segment": segment,
        "label": f"label {cluster_id}",
        "destination": destination,
        "triaged": destination != "monitor",
        "rule": "over_refusal",
        "reason": "volume 40 >= 15",
        "volume": volume,
        "distinct_users": 20,
        "k_anonymous": True,
        "reprompt_rate": 0.4,
        "false_refusal_rate": frr,
        "false_refusal_rate_low": 0.6,
        "false_refusal_rate_high": 0.98,
        "reviewed_events": 10,
        "capability_share": 0.0,
    }


def test_sync_creates_once_then_updates_only_on_new_evidence(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    routes = pd.DataFrame(
        [
            route("C0001", "classifier_tuning"),
            route("C0002", "monitor"),
            route("C0003", "policy_review"),
        ]
    )
    texts = {("C0001", "all"): ["how do I kill a process"]}
    first = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    again = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    routes.loc[0, "volume"] = 55
    later = sync_tickets(conn, routes, {}, date(2026, 11, 19), tmp_path, 5)
    assert (first.created, first.updated) == (2, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (later.created, later.updated, later.unchanged) == (0, 1, 1)
    rows = conn.execute(
        "select ticket_id, segment, queue, revision, created_day, updated_day "
        "from tracker.tickets order by 1"
    ).fetchall()
    assert rows == [
        ("RB-C0001", "all", "classifier_tuning", 2, DAY, date(2026, 11, 19)),
        ("RB-C0003", "all", "policy_review", 1, DAY, DAY),
    ]
    assert [
        r[0] for r in conn.execute("select ticket_id from tracker.policy_review_queue").fetchall()
    ] == ["RB-C0003"]
    assert (tmp_path / "RB-C0001.md").read_text().startswith("# RB-C0001")


def test_ticket_ids_name_the_segment():
    assert ticket_id("C0001", "all") == "RB-C0001"
    assert ticket_id("C0001", "should_help") == "RB-C0001-help"
    assert ticket_id("C0001", "should_refuse") == "RB-C0001-refuse"
    with pytest.raises(ValueError, match="segments: all, should_help, should_refuse"):
        ticket_id("C0001", "maybe")


def test_a_split_cluster_gets_a_ticket_per_segment_and_resyncs_idempotently(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    routes = pd.DataFrame(
        [
            route("C0001", "classifier_tuning", volume=30, segment="should_help")
            | {"label": "kill a process (should help)"},
            route("C0001", "trust_and_safety", volume=12, frr=0.05, segment="should_refuse")
            | {"label": "kill a process (should refuse)", "rule": "confirmed_policy"},
        ]
    )
    texts = {
        ("C0001", "should_help"): ["how do I kill a python process"],
        ("C0001", "should_refuse"): ["how do I kill my neighbour"],
    }
    first = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    again = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    assert (first.created, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    rows = conn.execute(
        "select ticket_id, cluster_id, segment, queue, revision from tracker.tickets order by 1"
    ).fetchall()
    assert rows == [
        ("RB-C0001-help", "C0001", "should_help", "classifier_tuning", 1),
        ("RB-C0001-refuse", "C0001", "should_refuse", "trust_and_safety", 1),
    ]
    helped = (tmp_path / "RB-C0001-help.md").read_text()
    assert helped.startswith("# RB-C0001-help: kill a process (should help)")
    assert "judge should be helped" in helped and "| refusals | 30 |" in helped
    assert "python process" in helped and "neighbour" not in helped
    refused = (tmp_path / "RB-C0001-refuse.md").read_text()
    assert "judge should be refused" in refused and "python process" not in refused


def test_ticket_without_reviews_says_so_and_hides_text_below_k():
    body = render_ticket(pd.Series(route("C0009", "product_backlog", frr=float("nan"))), [], 5)
    assert "not reviewed" in body and "0%" not in body.split("reviewed false-refusal")[1][:20]
    assert "Too few distinct users" in body
    assert "- segment: the whole cluster" in body


def test_a_cluster_below_k_users_shows_numbers_only(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    small = route("C0004", "classifier_tuning") | {"distinct_users": 2, "k_anonymous": False}
    exemplars = {("C0004", "all"): ["a request two users wrote"]}
    sync_tickets(conn, pd.DataFrame([small]), exemplars, DAY, tmp_path, 5)
    title, body = conn.execute("select title, body_markdown from tracker.tickets").fetchall()[0]
    assert "label C0004" not in title + body and "two users wrote" not in body
    assert "withheld" in title and "| distinct users | 2 |" in body
    assert "Too few distinct users" in body


def _status(conn, tid: str) -> tuple:
    return conn.execute(
        "select status, resolved_day, resolution, revision from tracker.tickets "
        "where ticket_id = ?",
        [tid],
    ).fetchone()


def test_a_ticket_whose_cluster_falls_below_the_gate_is_resolved_and_reopened_when_it_returns(
    tmp_path,
):
    conn = connect(str(tmp_path / "w.duckdb"))
    day1, day2, day3 = DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)
    routed = route("C0001", "classifier_tuning")
    sync_tickets(conn, pd.DataFrame([routed]), {}, day1, tmp_path, 5)
    below = routed | {"destination": "monitor", "rule": "below_triage_threshold",
                      "reason": "volume 4 (triage at >= 15)", "batch_day": day2}  # fmt: skip

    counts = sync_tickets(conn, pd.DataFrame([below]), {}, day2, tmp_path, 5)

    assert (counts.resolved, counts.updated) == (1, 0)
    status, resolved_day, resolution, revision = _status(conn, "RB-C0001")
    assert (status, resolved_day, revision) == ("resolved", day2, 1)
    assert "now routed to monitor (below_triage_threshold: volume 4" in resolution
    assert f"Resolved on {day2}: now routed to monitor" in (tmp_path / "RB-C0001.md").read_text()
    again = sync_tickets(conn, pd.DataFrame([below]), {}, day2, tmp_path, 5)
    assert (again.resolved, again.updated, again.reopened) == (0, 0, 0)
    earlier = sync_tickets(conn, pd.DataFrame([routed]), {}, day1, tmp_path, 5)
    assert earlier.newer == 1 and _status(conn, "RB-C0001")[0] == "resolved"

    back = sync_tickets(conn, pd.DataFrame([routed | {"batch_day": day3}]), {}, day3, tmp_path, 5)

    assert back.reopened == 1
    assert _status(conn, "RB-C0001") == ("open", None, None, 2)
    assert "## Status" not in (tmp_path / "RB-C0001.md").read_text()


def test_resolution_names_a_split_a_merge_or_a_dormant_cluster(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    whole = route("C0001", "classifier_tuning")
    first = pd.DataFrame([whole, route("C0002", "product_backlog")])
    sync_tickets(conn, first, {}, DAY, tmp_path, 5)
    nxt = DAY + timedelta(days=1)
    halves = [
        route("C0001", "classifier_tuning", segment="should_help") | {"batch_day": nxt},
        route("C0001", "trust_and_safety", segment="should_refuse") | {"batch_day": nxt},
    ]

    counts = sync_tickets(conn, pd.DataFrame(halves), {}, nxt, tmp_path, 5)

    assert (counts.created, counts.resolved) == (2, 2)
    assert "split by verdict; its routes are now RB-C0001-help, RB-C0001-refuse" in _status(
        conn, "RB-C0001"
    )[2]
    assert "dormant: no refusals of cluster C0002" in _status(conn, "RB-C0002")[2]
    later = nxt + timedelta(days=1)
    sync_tickets(conn, pd.DataFrame([whole | {"batch_day": later}]), {}, later, tmp_path, 5)
    assert "routed whole again; its routes are now RB-C0001" in _status(conn, "RB-C0001-help")[2]
    assert _status(conn, "RB-C0001")[0] == "open"
