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
OPEN, RESOLVED = "open", "resolved"


@dataclass(frozen=True)
class SyncCounts:
    created: int
    updated: int
    unchanged: int
    # tickets a later day already synced: an earlier day's evidence never overwrites them
    newer: int = 0
    resolved: int = 0
    reopened: int = 0


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

    An open ticket whose route no longer reaches a queue (below the gate, dormant, split or
    merged back) is resolved with the reason; a resolved ticket whose route returns is reopened.
    Ticket dates only move forward: a ticket a later day than `day` updated or resolved is left
    as it is, file included, so re-running an earlier day never rewinds the backlog.
    """
    ticket_dir.mkdir(parents=True, exist_ok=True)
    existing = {
        row[0]: row[1:]
        for row in conn.execute(
            """select ticket_id, evidence_sha256, updated_day, status, resolved_day
               from tracker.tickets"""
        ).fetchall()
    }

    def later_than_day(tid: str) -> bool:
        _, updated_day, _, resolved_day = existing[tid]
        return updated_day > day or (resolved_day is not None and resolved_day > day)

    counts: Counter[str] = Counter()
    queued = routes[routes["destination"].isin(TICKET_QUEUES)]
    for _, route in queued.iterrows():
        key = (route["cluster_id"], route["segment"])
        tid = ticket_id(*key)
        if tid in existing and later_than_day(tid):
            counts["newer"] += 1
            continue
        body = render_ticket(route, exemplars.get(key, []), k_anonymity)
        title = visible_label(route["label"], route["k_anonymous"], k_anonymity)
        digest = hashlib.sha256(body.encode()).hexdigest()
        path = ticket_dir / f"{tid}.md"
        _write_if_changed(path, body)
        if tid not in existing:
            conn.execute(
                """insert into tracker.tickets (ticket_id, cluster_id, segment, queue, title,
                       status, body_markdown, evidence_sha256, revision, created_day,
                       updated_day, markdown_path)
                   values (?, ?, ?, ?, ?, 'open', ?, ?, 1, ?, ?, ?)""",
                [tid, *key, route["destination"], title, body, digest, day, day, str(path)],
            )
            counts["created"] += 1
            continue
        reopening = existing[tid][2] == RESOLVED
        if existing[tid][0] != digest or reopening:
            conn.execute(
                """update tracker.tickets set queue = ?, title = ?, body_markdown = ?,
                   evidence_sha256 = ?, revision = revision + 1, updated_day = ?,
                   markdown_path = ?, status = 'open', resolved_day = null, resolution = null
                   where ticket_id = ?""",
                [route["destination"], title, body, digest, day, str(path), tid],
            )
            counts["reopened" if reopening else "updated"] += 1
        else:
            counts["unchanged"] += 1
    routed = {
        ticket_id(cluster, segment)
        for cluster, segment in zip(queued["cluster_id"], queued["segment"], strict=True)
    }
    for tid, (_, _, status, _) in existing.items():
        if status != OPEN or tid in routed or later_than_day(tid):
            continue
        cluster_id, segment, body, path = conn.execute(
            "select cluster_id, segment, body_markdown, markdown_path from tracker.tickets "
            "where ticket_id = ?",
            [tid],
        ).fetchone()
        reason = resolution_reason(cluster_id, segment, routes, day)
        conn.execute(
            """update tracker.tickets set status = 'resolved', resolved_day = ?, resolution = ?
               where ticket_id = ?""",
            [day, reason, tid],
        )
        _write_if_changed(Path(path), body + f"\n## Status\n\nResolved on {day}: {reason}\n")
        counts["resolved"] += 1
    return SyncCounts(
        counts["created"],
        counts["updated"],
        counts["unchanged"],
        counts["newer"],
        counts["resolved"],
        counts["reopened"],
    )


def resolution_reason(cluster_id: str, segment: str, routes: pd.DataFrame, day: date) -> str:
    """Why a ticket's route no longer reaches a queue on `day`, from that day's routes."""
    cluster = routes[routes["cluster_id"] == cluster_id]
    own = cluster[cluster["segment"] == segment]
    if len(own):
        route = own.iloc[0]
        return f"now routed to {route['destination']} ({route['rule']}: {route['reason']})"
    if len(cluster):
        others = ", ".join(ticket_id(cluster_id, seg) for seg in sorted(cluster["segment"]))
        change = "split by verdict" if segment == WHOLE_CLUSTER else "routed whole again"
        return f"the cluster was {change}; its routes are now {others}"
    return f"dormant: no refusals of cluster {cluster_id} in the window ending {day}"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


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
