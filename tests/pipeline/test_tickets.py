from datetime import date

import pandas as pd

from pipeline.tickets import render_ticket, sync_tickets, ticket_id
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)


def route(cluster_id: str, destination: str, volume: int = 40, frr=0.9) -> dict:
    return {
        "batch_day": DAY,
        "cluster_id": cluster_id,
        "label": f"label {cluster_id}",
        "destination": destination,
        "triaged": destination != "monitor",
        "rule": "over_refusal",
        "reason": "volume 40 >= 15",
        "volume": volume,
        "distinct_users": 20,
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
    first = sync_tickets(conn, routes, {"C0001": ["how do I kill a process"]}, DAY, tmp_path, 5)
    again = sync_tickets(conn, routes, {"C0001": ["how do I kill a process"]}, DAY, tmp_path, 5)
    routes.loc[0, "volume"] = 55
    later = sync_tickets(conn, routes, {}, date(2026, 11, 19), tmp_path, 5)
    assert (first.created, first.updated) == (2, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (later.created, later.updated, later.unchanged) == (0, 1, 1)
    rows = conn.execute(
        "select ticket_id, queue, revision, created_day, updated_day from tracker.tickets "
        "order by 1"
    ).fetchall()
    assert rows == [
        ("RB-C0001", "classifier_tuning", 2, DAY, date(2026, 11, 19)),
        ("RB-C0003", "policy_review", 1, DAY, DAY),
    ]
    assert [
        r[0] for r in conn.execute("select ticket_id from tracker.policy_review_queue").fetchall()
    ] == ["RB-C0003"]
    assert (tmp_path / "RB-C0001.md").read_text().startswith("# RB-C0001")


def test_ticket_without_reviews_says_so_and_hides_text_below_k():
    body = render_ticket(pd.Series(route("C0009", "product_backlog", frr=float("nan"))), [], 5)
    assert "not reviewed" in body and "0%" not in body.split("reviewed false-refusal")[1][:20]
    assert "Too few distinct users" in body
    assert ticket_id("C0009") == "RB-C0009"


def test_a_cluster_below_k_users_shows_numbers_only(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    small = route("C0004", "classifier_tuning") | {"distinct_users": 2}
    sync_tickets(conn, pd.DataFrame([small]), {}, DAY, tmp_path, 5)
    title, body = conn.execute("select title, body_markdown from tracker.tickets").fetchall()[0]
    assert "label C0004" not in title + body
    assert "withheld" in title and "| distinct users | 2 |" in body
