import math
from dataclasses import replace

import pytest

from pipeline.config import RoutingConfig
from pipeline.routing import ClusterEvidence, SegmentEvidence, route_cluster, split_cluster
from pipeline.verdicts import VerdictModelRun

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
    if "false_refusal_rate_low" not in values and values["false_refusal_rate"] is not None:
        values["false_refusal_rate_low"] = wilson_low(
            values["false_refusal_rate"], values["reviewed_events"]
        )
    return ClusterEvidence(**values)


def wilson_low(rate: float, n: int, z: float = 1.959964) -> float:
    """The unweighted Wilson lower bound, as cluster_metrics gives it for equal weights."""
    centre = rate + z * z / (2 * n)
    spread = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


@pytest.mark.parametrize(
    ("overrides", "destination", "rule"),
    [
        ({"volume": 5}, "monitor", "below_triage_threshold"),
        (
            {"reprompt_rate": 0.05, "reviewed_events": 0, "false_refusal_rate": None},
            "monitor",
            "below_triage_threshold",
        ),
        # reviewers who call the refusals false are evidence enough, whatever the re-prompt rate
        ({"reprompt_rate": 0.05}, "classifier_tuning", "over_refusal"),
        (
            {"capability_share": 0.8, "reviewed_events": 0, "false_refusal_rate": None},
            "product_backlog",
            "capability_gap",
        ),
        (
            {"over_refusal_reviews": 1, "capability_gap_reviews": 8},
            "product_backlog",
            "reviewed_capability_gap",
        ),
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
        # policy refusals reach trust & safety whatever their re-prompt rate
        (
            {"false_refusal_rate": 0.05, "reprompt_rate": 0.0},
            "trust_and_safety",
            "confirmed_policy",
        ),
        ({"false_refusal_rate": 0.05, "volume": 5}, "monitor", "below_triage_threshold"),
        (
            {"false_refusal_rate": 0.05, "reviewed_events": 2},
            "needs_review",
            "insufficient_reviews",
        ),
        ({"false_refusal_rate": 0.4}, "needs_review", "reviewers_split"),
        # three reviews all saying "should help" are not yet enough to loosen the safety layer
        (
            {"reviewed_events": 3, "false_refusal_rate": 1.0, "false_refusal_rate_low": 0.44},
            "needs_review",
            "reviewers_split",
        ),
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


MODEL = VerdictModelRun(
    training_events=80,
    should_help_examples=40,
    should_refuse_examples=40,
    cv_balanced_accuracy=0.85,
    trusted=True,
    reason="cross-validated balanced accuracy 85% >= 75%",
)


def side(segment: str, **overrides) -> SegmentEvidence:
    values = dict(
        cluster_id="C0001",
        segment=segment,
        volume=25,
        distinct_users=20,
        k_anonymous=True,
        reviewed_events=5,
        over_refusal_reviews=5 if segment == "should_help" else 0,
        capability_gap_reviews=0,
        policy_mismatch_reviews=0,
        false_refusal_rate=1.0 if segment == "should_help" else 0.0,
        false_refusal_rate_low=0.57 if segment == "should_help" else 0.0,
        false_refusal_rate_high=1.0 if segment == "should_help" else 0.43,
    )
    values.update(overrides)
    return SegmentEvidence(**values)


def split(cluster_evidence: ClusterEvidence, sides: dict, model=MODEL):
    return split_cluster(
        cluster_evidence, route_cluster(cluster_evidence, CONFIG), sides, model, CONFIG
    )


SPLIT_CLUSTER = evidence(false_refusal_rate=0.4)
BOTH_SIDES = {"should_help": side("should_help"), "should_refuse": side("should_refuse")}


def test_a_should_help_side_without_a_confident_rate_waits_for_reviews():
    unsure = {**BOTH_SIDES, "should_help": side("should_help", false_refusal_rate_low=0.3)}
    helped, refused = split(SPLIT_CLUSTER, unsure)
    assert (helped.destination, helped.rule) == ("needs_review", "split_unsettled")
    assert helped.reviews_needed > 0 and f"review {helped.reviews_needed} more" in helped.reason
    assert refused.destination == "trust_and_safety"


def test_a_split_cluster_routes_each_verdict_to_its_own_queue():
    routes = split(SPLIT_CLUSTER, BOTH_SIDES)
    assert [(r.segment, r.destination, r.rule) for r in routes] == [
        ("should_help", "classifier_tuning", "split_over_refusal"),
        ("should_refuse", "trust_and_safety", "split_confirmed_policy"),
    ]
    assert "balanced accuracy 85%" in routes[0].reason
    assert "25 events here say should help (5 reviewed, 20 predicted)" in routes[0].reason


def test_a_split_should_help_side_citing_policy_mismatch_goes_to_policy_review():
    sides = {
        **BOTH_SIDES,
        "should_help": side("should_help", over_refusal_reviews=1, policy_mismatch_reviews=4),
    }
    routes = split(SPLIT_CLUSTER, sides)
    assert (routes[0].destination, routes[0].rule) == ("policy_review", "split_policy_mismatch")


@pytest.mark.parametrize(
    ("cluster_evidence", "sides", "model"),
    [
        (evidence(), BOTH_SIDES, MODEL),  # reviewers agree: over_refusal stands
        (SPLIT_CLUSTER, BOTH_SIDES, None),  # no verdict model this run
        (SPLIT_CLUSTER, BOTH_SIDES, replace(MODEL, trusted=False)),
        (
            SPLIT_CLUSTER,
            {**BOTH_SIDES, "should_refuse": side("should_refuse", reviewed_events=2)},
            MODEL,
        ),
        (SPLIT_CLUSTER, {"should_help": side("should_help")}, MODEL),
    ],
)
def test_no_split_without_disagreement_a_trusted_model_and_reviews_on_each_side(
    cluster_evidence, sides, model
):
    whole = route_cluster(cluster_evidence, CONFIG)
    assert split(cluster_evidence, sides, model) == [whole]
    assert whole.segment == "all"
