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
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

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


def visible_label(label: str, k_anonymous: bool, k_anonymity: int) -> str:
    """A route that is not k-anonymous (dbt macro `k_anonymous`, stored on the route) shows
    numbers only: even its top terms stay hidden."""
    if k_anonymous:
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
    label = markdown_inline(visible_label(route["label"], route["k_anonymous"], k_anonymity))
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
    if exemplars and route["k_anonymous"]:
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
        title = visible_label(route["label"], route["k_anonymous"], k_anonymity)
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


def route_exemplars(conn: duckdb.DuckDBPyConnection, day: date) -> dict[RouteKey, list[str]]:
    """Example texts per (cluster, segment) from dbt's `marts.route_exemplars` for `day`.

    The ticket shows them only when its route is k-anonymous (`render_ticket`).
    """
    rows = conn.execute(
        """select cluster_id, segment, request_text from marts.route_exemplars
           where batch_day = ? order by cluster_id, segment, exemplar_rank""",
        [day],
    ).fetchall()
    exemplars: dict[RouteKey, list[str]] = {}
    for cluster_id, segment, text in rows:
        exemplars.setdefault((cluster_id, segment), []).append(text)
    return exemplars
