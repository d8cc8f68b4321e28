import pytest

from pipeline.config import RoutingConfig
from pipeline.routing import ClusterEvidence, route_cluster

CONFIG = RoutingConfig()


def evidence(**overrides) -> ClusterEvidence:
    values = dict(
        cluster_id="C0001",
        label="kill / process",
        volume=50,
        distinct_users=30,
        reprompt_rate=0.4,
        capability_share=0.0,
        reviewed_events=10,
        false_refusal_rate=0.9,
        over_refusal_reviews=9,
        capability_gap_reviews=0,
        policy_mismatch_reviews=0,
    )
    values.update(overrides)
    return ClusterEvidence(**values)


@pytest.mark.parametrize(
    ("overrides", "destination", "rule"),
    [
        ({"volume": 5}, "monitor", "below_triage_threshold"),
        ({"reprompt_rate": 0.05}, "monitor", "below_triage_threshold"),
        ({"capability_share": 0.8}, "product_backlog", "capability_gap"),
        ({"reviewed_events": 1}, "needs_review", "insufficient_reviews"),
        (
            {"reviewed_events": 0, "false_refusal_rate": None},
            "needs_review",
            "insufficient_reviews",
        ),
        ({}, "classifier_tuning", "over_refusal"),
        (
            {"over_refusal_reviews": 2, "policy_mismatch_reviews": 7},
            "policy_review",
            "policy_mismatch",
        ),
        ({"false_refusal_rate": 0.05}, "trust_and_safety", "confirmed_policy"),
        ({"false_refusal_rate": 0.4}, "needs_review", "reviewers_split"),
    ],
)
def test_each_branch_of_the_decision_tree(overrides, destination, rule):
    route = route_cluster(evidence(**overrides), CONFIG)
    assert (route.destination, route.rule) == (destination, rule)
    assert route.triaged == (destination != "monitor")


def test_reason_names_the_numbers_that_crossed_the_rule():
    reason = route_cluster(evidence(), CONFIG).reason
    assert "volume 50 >= 15" in reason and "false-refusal rate 90% of 10 reviewed" in reason
    assert "volume 5 (triage at >= 15)" in route_cluster(evidence(volume=5), CONFIG).reason


def test_thresholds_come_from_config():
    strict = RoutingConfig(min_volume=100)
    assert route_cluster(evidence(), strict).destination == "monitor"


def test_legitimate_intent_without_reviews_goes_to_policy_review():
    route = route_cluster(
        evidence(reviewed_events=0, false_refusal_rate=None, verified_share=0.7), CONFIG
    )
    assert (route.destination, route.rule) == ("policy_review", "legitimate_intent")
    assert "70% of refusals hit verified professionals" in route.reason


def test_needs_review_says_how_many_more_reviews_settle_it():
    unreviewed = route_cluster(evidence(reviewed_events=0, false_refusal_rate=None), CONFIG)
    split = route_cluster(evidence(reviewed_events=10, false_refusal_rate=0.4), CONFIG)
    assert unreviewed.reviews_needed == 43  # 1.96^2 * 0.25 / 0.15^2, rounded up
    assert split.reviews_needed == 41 - 10  # p = 0.4
    assert f"review {split.reviews_needed} more" in split.reason
