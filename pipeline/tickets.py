"""Sync routed clusters to the embedded tracker: a DuckDB table and one Markdown file a ticket.

One ticket per route, keyed by (cluster id, segment): `RB-<cluster id>` for a whole cluster,
`RB-<cluster id>-help` / `-refuse` for the verdict segments of a cluster that routing split. A
re-run updates a ticket in place, and only a change of evidence bumps its revision, so re-running
a day creates and changes nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.config import PrivacyConfig
from pipeline.routing import TICKET_QUEUES, WHOLE_CLUSTER
from pipeline.safe_text import markdown_inline, markdown_quote
from pipeline.verdicts import SHOULD_HELP, SHOULD_REFUSE

SEGMENT_SUFFIXES = {WHOLE_CLUSTER: "", SHOULD_HELP: "-help", SHOULD_REFUSE: "-refuse"}
SEGMENT_SCOPES = {
    WHOLE_CLUSTER: "the whole cluster",
    SHOULD_HELP: "only the cluster's requests that reviewers (where unreviewed, the verdict "
    "model) judge should be helped; its other requests are routed separately",
    SHOULD_REFUSE: "only the cluster's requests that reviewers (where unreviewed, the verdict "
    "model) judge should be refused; its other requests are routed separately",
}

RouteKey = tuple[str, str]


@dataclass(frozen=True)
class SyncCounts:
    created: int
    updated: int
    unchanged: int
    # tickets a later day already synced: an earlier day's evidence never overwrites them
    newer: int = 0


def ticket_id(cluster_id: str, segment: str) -> str:
    """Stable per route: the two halves of a split cluster never share a ticket."""
    if segment not in SEGMENT_SUFFIXES:
        raise ValueError(f"unknown segment {segment!r}; segments: {', '.join(SEGMENT_SUFFIXES)}")
    return f"RB-{cluster_id}{SEGMENT_SUFFIXES[segment]}"


def visible_label(label: str, distinct_users: int, k_anonymity: int) -> str:
    """A cluster below k distinct users shows numbers only: even its top terms stay hidden."""
    if distinct_users >= k_anonymity:
        return label
    return f"label withheld (fewer than {k_anonymity} distinct users)"


def render_ticket(route: pd.Series, exemplars: list[str], k_anonymity: int) -> str:
    frr = route["false_refusal_rate"]
    frr_text = (
        "not reviewed"
        if pd.isna(frr)
        else f"{frr:.0%} (95 % CI {route['false_refusal_rate_low']:.0%}-"
        f"{route['false_refusal_rate_high']:.0%}) of {route['reviewed_events']} reviewed"
    )
    label = markdown_inline(visible_label(route["label"], route["distinct_users"], k_anonymity))
    lines = [
        f"# {ticket_id(route['cluster_id'], route['segment'])}: {label}",
        "",
        f"- queue: `{route['destination']}`",
        f"- cluster: `{route['cluster_id']}`",
        f"- segment: {SEGMENT_SCOPES[route['segment']]}",
        f"- rule: `{route['rule']}`",
        f"- why: {route['reason']}",
        "",
        "## Evidence (trailing window)",
        "",
        "| metric | value |",
        "| --- | --- |",
        f"| refusals | {route['volume']} |",
        f"| distinct users | {route['distinct_users']} |",
        f"| re-prompt rate | {route['reprompt_rate']:.0%} |",
        f"| responses saying the product cannot | {route['capability_share']:.0%} |",
        f"| reviewed false-refusal rate | {frr_text} |",
        "",
        "## Example requests (minimized)",
        "",
    ]
    if exemplars:
        lines += [markdown_quote(text) for text in exemplars]
    else:
        lines.append("Too few distinct users to show text without identifying anyone.")
    return "\n".join(lines) + "\n"


def sync_tickets(
    conn: duckdb.DuckDBPyConnection,
    routes: pd.DataFrame,
    exemplars: dict[RouteKey, list[str]],
    day: date,
    ticket_dir: Path,
    k_anonymity: int,
) -> SyncCounts:
    """One ticket per route to a ticket queue; `exemplars` are keyed by (cluster, segment).

    Ticket dates only move forward: a ticket updated by a later day than `day` is left as it
    is, file included, so re-running an earlier day never rewinds the backlog.
    """
    ticket_dir.mkdir(parents=True, exist_ok=True)
    existing = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            "select ticket_id, evidence_sha256, updated_day from tracker.tickets"
        ).fetchall()
    }
    counts: Counter[str] = Counter()
    for _, route in routes[routes["destination"].isin(TICKET_QUEUES)].iterrows():
        key = (route["cluster_id"], route["segment"])
        tid = ticket_id(*key)
        if tid in existing and existing[tid][1] > day:
            counts["newer"] += 1
            continue
        body = render_ticket(route, exemplars.get(key, []), k_anonymity)
        title = visible_label(route["label"], route["distinct_users"], k_anonymity)
        digest = hashlib.sha256(body.encode()).hexdigest()
        path = ticket_dir / f"{tid}.md"
        if not path.exists() or path.read_text(encoding="utf-8") != body:
            path.write_text(body, encoding="utf-8")
        if tid not in existing:
            conn.execute(
                """insert into tracker.tickets (ticket_id, cluster_id, segment, queue, title,
                       status, body_markdown, evidence_sha256, revision, created_day,
                       updated_day, markdown_path)
                   values (?, ?, ?, ?, ?, 'open', ?, ?, 1, ?, ?, ?)""",
                [tid, *key, route["destination"], title, body, digest, day, day, str(path)],
            )
            counts["created"] += 1
        elif existing[tid][0] != digest:
            conn.execute(
                """update tracker.tickets set queue = ?, title = ?, body_markdown = ?,
                   evidence_sha256 = ?, revision = revision + 1, updated_day = ?,
                   markdown_path = ? where ticket_id = ?""",
                [route["destination"], title, body, digest, day, str(path), tid],
            )
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return SyncCounts(counts["created"], counts["updated"], counts["unchanged"], counts["newer"])


def k_anonymous_exemplars(
    conn: duckdb.DuckDBPyConnection, day: date, window_days: int, config: PrivacyConfig
) -> dict[RouteKey, list[str]]:
    """Example texts per (cluster, segment), only where >= k distinct users are in the window.

    A segment's texts and users come only from its own events (the cluster's events whose
    verdict on `day` is the segment), so an over-refusal ticket never quotes the harmful half.
    Within an eligible route a text qualifies when two or more users wrote it, or when it
    carries no redaction placeholder (so nothing identifying was near it); shared texts first.
    """
    rows = conn.execute(
        """
        with cluster_events as (
            select a.event_id, a.cluster_id, m.request_text, m.user_pseudonym,
                   a.membership_probability
            from analytics.cluster_assignments a
            join analytics.minimized_refusal_events m using (event_id)
            where a.cluster_id is not null and m.event_day between ? and ?
              and m.batch_day <= ?
        ),
        window_events as (
            select cluster_id, ? as segment, request_text, user_pseudonym,
                   membership_probability
            from cluster_events
            union all
            select e.cluster_id, v.verdict, e.request_text, e.user_pseudonym,
                   e.membership_probability
            from cluster_events e
            join analytics.event_verdicts v
              on v.batch_day = ? and v.event_id = e.event_id and v.verdict is not null
        ),
        eligible_routes as (
            select cluster_id, segment from window_events
            group by cluster_id, segment having count(distinct user_pseudonym) >= ?
        ),
        texts as (
            select cluster_id, segment, request_text, count(distinct user_pseudonym) as writers,
                   max(membership_probability) as probability
            from window_events join eligible_routes using (cluster_id, segment)
            group by cluster_id, segment, request_text
        )
        select cluster_id, segment, request_text from texts
        where writers >= 2 or not regexp_matches(request_text, '<[A-Z_]+>')
        qualify row_number() over (
            partition by cluster_id, segment
            order by writers desc, probability desc, request_text
        ) <= ?
        order by cluster_id, segment, writers desc, probability desc, request_text
        """,
        [
            day - timedelta(days=window_days - 1),
            day,
            day,
            WHOLE_CLUSTER,
            day,
            config.k_anonymity,
            config.exemplars,
        ],
    ).fetchall()
    exemplars: dict[RouteKey, list[str]] = {}
    for cluster_id, segment, text in rows:
        exemplars.setdefault((cluster_id, segment), []).append(text)
    return exemplars
