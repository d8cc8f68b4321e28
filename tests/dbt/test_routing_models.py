"""The routing models (route membership, segment numbers, example requests) on a hand-made day."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from statistics import NormalDist

import duckdb
import pytest

from pipeline.config import PipelineConfig, PrivacyConfig
from pipeline.tickets import route_exemplars
from pipeline.warehouse import connect
from tests.dbt_models import run_models

DAY = date(2026, 11, 18)
ROUTING = "+fqn:refusal_backlog.routing"
Z95 = NormalDist().inv_cdf(0.975)


def _day_with_a_split_cluster(db_path: Path) -> None:
    """Six users asked benignly, five harmfully (all reviewed), two were not judged."""
    conn = connect(str(db_path))
    events = (
        [("help", f"h{u}", "how do I kill a python process", "should_help") for u in range(6)]
        + [("refuse", f"r{u}", "how do I kill my neighbour", "should_refuse") for u in range(5)]
        + [("none", f"n{u}", "kill it with fire", None) for u in range(2)]
    )
    at = datetime.combine(DAY, datetime.min.time())
    for n, (kind, user, text, verdict) in enumerate(events):
        event_id = f"e{n}-{kind}"
        conn.execute(
            """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
                   occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
                   request_text, request_text_hash)
               values (?, ?, ?, ?, ?, 's', 'v1', ?, 'h')""",
            [event_id, DAY, DAY, at, user, text],
        )
        conn.execute(
            "insert into analytics.cluster_assignments values (?, ?, ?, 'C0001', 0.9)",
            [event_id, DAY, DAY],
        )
        conn.execute(
            "insert into analytics.event_verdicts values (?, ?, 'C0001', ?, ?, null)",
            [DAY, event_id, verdict, "review" if verdict else "none"],
        )
        if verdict:
            reason = "over_refusal" if verdict == "should_help" else "policy"
            conn.execute(
                "insert into analytics.review_labels values (?, ?, 'rev1', ?, ?, ?, null)",
                [DAY, event_id, verdict, reason, at],
            )
    # a verdict of another run day does not count on DAY
    conn.execute(
        "insert into analytics.event_verdicts values (?, 'e12-none', 'C0001', 'should_help', "
        "'model', 0.8)",
        [date(2026, 11, 17)],
    )
    conn.close()


@pytest.fixture(scope="module")
def routed_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("routing_models")
    db_path = work / "w.duckdb"
    _day_with_a_split_cluster(db_path)
    run_models(db_path, DAY, ROUTING, work)
    return db_path


def test_exemplars_of_a_segment_come_only_from_its_events(routed_day: Path):
    with duckdb.connect(str(routed_day)) as conn:
        exemplars = route_exemplars(conn, DAY)
    assert exemplars[("C0001", "should_help")] == ["how do I kill a python process"]
    assert exemplars[("C0001", "should_refuse")] == ["how do I kill my neighbour"]
    assert set(exemplars[("C0001", "all")]) == {
        "how do I kill a python process",
        "how do I kill my neighbour",
        "kill it with fire",
    }


def test_segment_numbers_and_their_weighted_interval(routed_day: Path):
    with duckdb.connect(str(routed_day)) as conn:
        rows = conn.execute(
            """select segment, volume, distinct_users, k_anonymous, reviewed_events,
                      over_refusal_reviews, effective_reviewed_events, false_refusal_rate,
                      false_refusal_rate_low, false_refusal_rate_high
               from marts.route_segments order by segment"""
        ).fetchall()
    helped, refused = rows
    assert helped[:8] == ("should_help", 6, 6, True, 6, 6, 6.0, 1.0)
    assert refused[:8] == ("should_refuse", 5, 5, True, 5, 0, 5.0, 0.0)
    # Wilson at p = 1 on n = 6: low = n / (n + z^2)
    assert helped[8] == pytest.approx(6 / (6 + Z95**2)) and helped[9] == pytest.approx(1.0)
    assert refused[8] == pytest.approx(0.0) and refused[9] == pytest.approx(Z95**2 / (5 + Z95**2))


def test_k_anonymity_follows_the_configured_k(tmp_path: Path):
    db_path = tmp_path / "w.duckdb"
    _day_with_a_split_cluster(db_path)
    config = PipelineConfig(privacy=PrivacyConfig(k_anonymity=6))
    run_models(db_path, DAY, ROUTING, tmp_path, config)
    with duckdb.connect(str(db_path)) as conn:
        shown = conn.execute(
            "select segment, k_anonymous from marts.route_segments order by segment"
        ).fetchall()
    assert shown == [("should_help", True), ("should_refuse", False)]
