"""Gate clusters into triage and route each to the team that can act on it.

The decision tree reads evidence (re-prompts, what the response said, reviewers' verdicts,
who was refused), not only the refusing component's own category, and each route records the
rule that fired and the numbers that crossed it.

1. volume < min_volume                                               -> monitor
2. >= min_reviewed reviewed events and false-refusal rate <= confirmed_refusal_rate
   (reviewers confirm the refusals)                                  -> trust_and_safety
3. >= min_reviewed reviewed events and the false-refusal rate's 95 % lower bound
   >= over_refusal_rate (from reviews only: acting on a should-help verdict loosens the
   safety layer, so chance must not carry it), by the reasons reviewers give:
     capability-gap share >= capability_review_share                -> product_backlog
     policy-mismatch share >= policy_mismatch_share                  -> policy_review
     otherwise                                                       -> classifier_tuning
   Reviewers' verdicts route whatever the re-prompt rate: the re-prompt gate is for product
   triage, and policy refusals are rarely re-prompted.
4. re-prompt rate < min_reprompt_rate                                -> monitor
5. capability share >= capability_share (the product said it can't)  -> product_backlog
6. with >= min_reviewed reviewed events (reviewers split):
     a trusted verdict model (pipeline.verdicts) and >= min_reviewed reviewed events
     on each side -> the cluster splits in two routes:
         should-help segment, its reviews' lower bound >= over_refusal_rate -> as in 3
         should-help segment, lower bound below it                   -> needs_review
         should-refuse segment                                       -> trust_and_safety
     otherwise                                                       -> needs_review
7. too few reviews:
     verified-professional share >= legitimate_verified_share and
     re-prompt rate >= legitimate_reprompt_rate (legitimate intent)  -> policy_review
     otherwise                                                       -> needs_review
A `needs_review` route says how many more reviews would settle it. A route covers a segment of
its cluster: `all` of it, or, after a split, its `should_help` or `should_refuse` events.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from datetime import date

import duckdb
import pandas as pd

from pipeline.config import RoutingConfig
from pipeline.verdicts import SHOULD_HELP, SHOULD_REFUSE, VerdictModelRun
from pipeline.warehouse import replace_partition

TICKET_QUEUES = ("classifier_tuning", "product_backlog", "policy_review", "trust_and_safety")
DESTINATIONS = (*TICKET_QUEUES, "needs_review", "monitor")
WHOLE_CLUSTER = "all"
SEGMENTS = (WHOLE_CLUSTER, SHOULD_HELP, SHOULD_REFUSE)
Z_95 = 1.959964


@dataclass(frozen=True)
class ClusterEvidence:
    cluster_id: str
    label: str
    volume: int
    distinct_users: int
    reprompt_rate: float
    capability_share: float
    reviewed_events: int
    false_refusal_rate: float | None
    over_refusal_reviews: int
    capability_gap_reviews: int
    policy_mismatch_reviews: int
    verified_share: float = 0.0
    false_refusal_rate_low: float | None = None


@dataclass(frozen=True)
class Route:
    destination: str
    triaged: bool
    rule: str
    reason: str
    reviews_needed: int = 0
    segment: str = WHOLE_CLUSTER


@dataclass(frozen=True)
class SegmentEvidence:
    """One verdict's side of a cluster (a `marts.route_segments` row): reviewed events plus
    those the verdict model placed, with the sampling-weighted rate and interval."""

    cluster_id: str
    segment: str
    volume: int
    distinct_users: int
    k_anonymous: bool
    reviewed_events: int
    over_refusal_reviews: int
    capability_gap_reviews: int
    policy_mismatch_reviews: int
    false_refusal_rate: float
    false_refusal_rate_low: float
    false_refusal_rate_high: float


def _pct(value: float) -> str:
    return f"{value:.0%}"


def reviews_needed(rate: float | None, reviewed_events: int, config: RoutingConfig) -> int:
    """More reviews for a 95 % interval of +/- review_margin around the rate (0.5 if unknown)."""
    p = 0.5 if rate is None or math.isnan(rate) else min(max(rate, 0.05), 0.95)
    total = math.ceil(Z_95**2 * p * (1 - p) / config.review_margin**2)
    return max(total - reviewed_events, config.min_reviewed - reviewed_events, 1)


def _gate_passed(evidence: ClusterEvidence, config: RoutingConfig) -> str:
    return (
        f"volume {evidence.volume} >= {config.min_volume} and re-prompt rate "
        f"{_pct(evidence.reprompt_rate)} >= {_pct(config.min_reprompt_rate)}; "
    )


def route_cluster(evidence: ClusterEvidence, config: RoutingConfig) -> Route:
    below_gate = Route(
        "monitor",
        False,
        "below_triage_threshold",
        f"volume {evidence.volume} (triage at >= {config.min_volume}), re-prompt rate "
        f"{_pct(evidence.reprompt_rate)} (triage at >= {_pct(config.min_reprompt_rate)})",
    )
    if evidence.volume < config.min_volume:
        return below_gate
    frr = evidence.false_refusal_rate
    reviewed = (
        evidence.reviewed_events >= config.min_reviewed and frr is not None and not math.isnan(frr)
    )
    if reviewed and frr <= config.confirmed_refusal_rate:
        return Route(
            "trust_and_safety",
            True,
            "confirmed_policy",
            f"volume {evidence.volume} >= {config.min_volume}; false-refusal rate {_pct(frr)} of "
            f"{evidence.reviewed_events} reviewed <= {_pct(config.confirmed_refusal_rate)}: "
            "reviewers confirm the refusals (whatever the re-prompt rate)",
        )
    low = evidence.false_refusal_rate_low
    if reviewed and low is not None and not math.isnan(low) and low >= config.over_refusal_rate:
        assert frr is not None
        return should_help_route(
            evidence,
            f"volume {evidence.volume} >= {config.min_volume}; false-refusal rate {_pct(frr)} "
            f"of {evidence.reviewed_events} reviewed, 95 % lower bound {_pct(low)} >= "
            f"{_pct(config.over_refusal_rate)}: reviewers say the refusals are false (whatever "
            "the re-prompt rate)",
            config,
        )
    if evidence.reprompt_rate < config.min_reprompt_rate:
        return below_gate
    gate = _gate_passed(evidence, config)
    if evidence.capability_share >= config.capability_share:
        return Route(
            "product_backlog",
            True,
            "capability_gap",
            gate + f"{_pct(evidence.capability_share)} of responses say the product cannot do it "
            f"(>= {_pct(config.capability_share)})",
        )
    if reviewed:
        assert frr is not None
        needed = reviews_needed(frr, evidence.reviewed_events, config)
        return Route(
            "needs_review",
            True,
            "reviewers_split",
            gate + f"false-refusal rate {_pct(frr)} of {evidence.reviewed_events} reviewed is "
            f"above {_pct(config.confirmed_refusal_rate)} but its 95 % lower bound is not "
            f"{_pct(config.over_refusal_rate)} or more; review {needed} more to settle it",
            needed,
        )
    if (
        evidence.verified_share >= config.legitimate_verified_share
        and evidence.reprompt_rate >= config.legitimate_reprompt_rate
    ):
        return Route(
            "policy_review",
            True,
            "legitimate_intent",
            gate + f"{_pct(evidence.verified_share)} of refusals hit verified professionals "
            f"(>= {_pct(config.legitimate_verified_share)}) who re-prompt "
            f"{_pct(evidence.reprompt_rate)} of the time (>= "
            f"{_pct(config.legitimate_reprompt_rate)})",
        )
    needed = reviews_needed(evidence.false_refusal_rate, evidence.reviewed_events, config)
    return Route(
        "needs_review",
        True,
        "insufficient_reviews",
        gate + f"{evidence.reviewed_events} reviewed events; review {needed} more to judge",
        needed,
    )


def should_help_route(
    reasons: ClusterEvidence | SegmentEvidence,
    basis: str,
    config: RoutingConfig,
    segment: str = WHOLE_CLUSTER,
) -> Route:
    """Refusals reviewers call false go where their reason says they can be fixed.

    Of the reviews that give a should-help reason: a capability-gap share >=
    capability_review_share -> product_backlog; else a policy-mismatch share >=
    policy_mismatch_share -> policy_review; else classifier_tuning.
    """
    given = (
        reasons.over_refusal_reviews
        + reasons.capability_gap_reviews
        + reasons.policy_mismatch_reviews
    )
    capability = reasons.capability_gap_reviews / given if given else 0.0
    mismatch = reasons.policy_mismatch_reviews / given if given else 0.0
    prefix = "" if segment == WHOLE_CLUSTER else "split_"
    if capability >= config.capability_review_share:
        return Route(
            "product_backlog",
            True,
            prefix + "reviewed_capability_gap",
            basis + f"; reviewers cite a capability gap in {_pct(capability)} (>= "
            f"{_pct(config.capability_review_share)})",
            segment=segment,
        )
    if mismatch >= config.policy_mismatch_share:
        return Route(
            "policy_review",
            True,
            prefix + "policy_mismatch",
            basis + f"; reviewers cite policy mismatch in {_pct(mismatch)} (>= "
            f"{_pct(config.policy_mismatch_share)})",
            segment=segment,
        )
    return Route("classifier_tuning", True, prefix + "over_refusal", basis, segment=segment)


def split_cluster(
    evidence: ClusterEvidence,
    cluster_route: Route,
    segments: dict[str, SegmentEvidence],
    model: VerdictModelRun | None,
    config: RoutingConfig,
) -> list[Route]:
    """Split a cluster whose reviewers disagree into its two verdicts' routes, when trusted.

    Returns [cluster_route] unchanged unless the route is `reviewers_split`, the run's verdict
    model is trusted, and each side has >= min_reviewed reviewed events.
    """
    if cluster_route.rule != "reviewers_split" or model is None or not model.trusted:
        return [cluster_route]
    sides = [segments.get(SHOULD_HELP), segments.get(SHOULD_REFUSE)]
    if any(side is None or side.reviewed_events < config.min_reviewed for side in sides):
        return [cluster_route]
    helped, refused = sides
    assert helped is not None and refused is not None
    basis = (
        _gate_passed(evidence, config)
        + f"reviewers split (false-refusal rate {_pct(evidence.false_refusal_rate or 0.0)} of "
        f"{evidence.reviewed_events} reviewed), so the cluster splits by verdict: the reviewers' "
        f"where they judged, elsewhere a model fitted on {model.training_events} reviews "
        f"(cross-validated balanced accuracy {_pct(model.cv_balanced_accuracy or 0.0)})"
    )

    def side_text(side: SegmentEvidence, verdict: str) -> str:
        return (
            f"; {side.volume} events here say {verdict} ({side.reviewed_events} reviewed, "
            f"{side.volume - side.reviewed_events} predicted)"
        )

    help_text = basis + side_text(helped, "should help")
    if helped.false_refusal_rate_low < config.over_refusal_rate:
        needed = reviews_needed(helped.false_refusal_rate, helped.reviewed_events, config)
        help_route = Route(
            "needs_review",
            True,
            "split_unsettled",
            help_text + f"; their reviews' false-refusal rate has a 95 % lower bound of "
            f"{_pct(helped.false_refusal_rate_low)}, under {_pct(config.over_refusal_rate)}: "
            f"review {needed} more of them before loosening the safety layer",
            needed,
            segment=SHOULD_HELP,
        )
    else:
        help_route = should_help_route(helped, help_text, config, SHOULD_HELP)
    refuse_route = Route(
        "trust_and_safety",
        True,
        "split_confirmed_policy",
        basis + side_text(refused, "should refuse"),
        segment=SHOULD_REFUSE,
    )
    return [help_route, refuse_route]


ROUTE_COLUMNS = [
    "batch_day",
    "cluster_id",
    "segment",
    "label",
    "destination",
    "triaged",
    "rule",
    "reason",
    "volume",
    "distinct_users",
    "k_anonymous",
    "reprompt_rate",
    "false_refusal_rate",
    "false_refusal_rate_low",
    "false_refusal_rate_high",
    "reviewed_events",
    "capability_share",
    "reviews_needed",
]
SEGMENT_LABELS = {SHOULD_HELP: "should help", SHOULD_REFUSE: "should refuse"}


def segment_row(cluster_row: dict, route: Route, side: SegmentEvidence) -> dict:
    """A split route's own numbers, from its `marts.route_segments` row."""
    return {
        **cluster_row,
        **asdict(route),
        "label": f"{cluster_row['label']} ({SEGMENT_LABELS[side.segment]})",
        "volume": side.volume,
        "distinct_users": side.distinct_users,
        "k_anonymous": side.k_anonymous,
        "reviewed_events": side.reviewed_events,
        "false_refusal_rate": side.false_refusal_rate,
        "false_refusal_rate_low": side.false_refusal_rate_low,
        "false_refusal_rate_high": side.false_refusal_rate_high,
    }


def segment_evidence(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, SegmentEvidence]]:
    """cluster_id -> verdict -> its side of the cluster, from the run's `marts.route_segments`."""
    columns = ", ".join(field.name for field in fields(SegmentEvidence))
    frame = conn.execute(f"select {columns} from marts.route_segments").df()
    sides: dict[str, dict[str, SegmentEvidence]] = {}
    for record in frame.to_dict("records"):
        side = SegmentEvidence(**record)
        sides.setdefault(side.cluster_id, {})[side.segment] = side
    return sides


def verdict_model_run(conn: duckdb.DuckDBPyConnection, day: date) -> VerdictModelRun | None:
    frame = conn.execute(
        "select * exclude (batch_day) from analytics.verdict_models where batch_day = ?", [day]
    ).df()
    return VerdictModelRun(**frame.iloc[0].to_dict()) if len(frame) else None


def route_day(conn: duckdb.DuckDBPyConnection, day: date, config: RoutingConfig) -> pd.DataFrame:
    """Route every cluster of the window ending `day` (from the `marts.cluster_metrics` rows)."""
    metrics = conn.execute(
        """
        select cluster_id, label, volume, distinct_users, reprompt_rate, capability_share,
               reviewed_events, false_refusal_rate, false_refusal_rate_low,
               false_refusal_rate_high, over_refusal_events as over_refusal_reviews,
               capability_gap_events as capability_gap_reviews,
               policy_mismatch_events as policy_mismatch_reviews,
               account_type_verified_share as verified_share, k_anonymous
        from marts.cluster_metrics where window_end_day = ? order by cluster_id
        """,
        [day],
    ).df()
    sides, model = segment_evidence(conn), verdict_model_run(conn, day)
    rows = []
    evidence_fields = {f.name for f in fields(ClusterEvidence)}
    for record in metrics.to_dict("records"):
        evidence = ClusterEvidence(
            **{
                key: (None if key == "false_refusal_rate" and pd.isna(value) else value)
                for key, value in record.items()
                if key in evidence_fields
            }
        )
        cluster_sides = sides.get(evidence.cluster_id, {})
        for route in split_cluster(
            evidence, route_cluster(evidence, config), cluster_sides, model, config
        ):
            row = (
                {**record, **asdict(route)}
                if route.segment == WHOLE_CLUSTER
                else segment_row(record, route, cluster_sides[route.segment])
            )
            rows.append({**row, "batch_day": day})
    routes = pd.DataFrame(rows, columns=ROUTE_COLUMNS)
    replace_partition(conn, "analytics.cluster_routes", day, routes)
    return routes
