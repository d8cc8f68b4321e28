"""The short summary a person reads after a run: what came in, what came out, where it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.replay import release_trend_section
from pipeline.routing import WHOLE_CLUSTER
from pipeline.safe_text import markdown_inline
from pipeline.tickets import RouteKey, visible_label


@dataclass
class RunSummary:
    days: list[date]
    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicates: int = 0
    files_quarantined: int = 0
    clusters: int = 0
    routes: dict[str, int] = field(default_factory=dict)
    tickets_created: int = 0
    tickets_updated: int = 0
    tickets_resolved: int = 0
    tickets_reopened: int = 0
    tickets_open: int = 0
    tickets_total: int = 0
    rows_purged: int = 0
    verbatim_purged: int = 0
    # "day: asset/check" of every check that did not pass (blocking ones also stop the run)
    failed_checks: list[str] = field(default_factory=list)

    def lines(self, db: str, ticket_dir: str) -> list[str]:
        routes = ", ".join(f"{k} {v}" for k, v in sorted(self.routes.items())) or "none"
        return [
            f"days: {', '.join(d.isoformat() for d in self.days)}",
            f"events: read {self.read}, loaded {self.loaded}, quarantined {self.quarantined}, "
            f"duplicates {self.duplicates}"
            + (
                f"; {self.files_quarantined} files quarantined whole (see raw.quarantined_lines)"
                if self.files_quarantined
                else ""
            ),
            f"clusters (window ending {self.days[-1].isoformat()}): {self.clusters}",
            f"routes: {routes}",
            f"tickets: created {self.tickets_created}, updated {self.tickets_updated}, "
            f"resolved {self.tickets_resolved}, reopened {self.tickets_reopened}; "
            f"{self.tickets_open} open of {self.tickets_total} in the tracker",
            f"retention: deleted {self.rows_purged} rows past their windows "
            f"({self.verbatim_purged} verbatim events, minimized first)",
            f"warehouse: {db} (tables raw.*, analytics.*, marts.*, tracker.*, audit.*)",
            f"tickets as Markdown: {ticket_dir}",
            f"report and run logs: {Path(ticket_dir).parent / 'reports'}, "
            f"{Path(ticket_dir).parent / 'logs'}",
            "checks: "
            + (
                f"{len(self.failed_checks)} did not pass: {', '.join(self.failed_checks)} "
                "(see the run log)"
                if self.failed_checks
                else "all passed"
            ),
        ]


def summarize(conn: duckdb.DuckDBPyConnection, days: list[date]) -> RunSummary:
    summary = RunSummary(days=days)
    row = conn.execute(
        """select coalesce(sum(lines_read), 0), coalesce(sum(loaded), 0),
                  coalesce(sum(quarantined), 0), coalesce(sum(duplicates), 0)
           from raw.ingest_batches where source_kind = 'events' and batch_day = any(?)""",
        [days],
    ).fetchone()
    summary.read, summary.loaded, summary.quarantined, summary.duplicates = map(int, row)
    # unreadable or refused files have no batch row (no bytes to hash), only a quarantine row
    summary.files_quarantined = conn.execute(
        """select count(*) from raw.quarantined_lines
           where source_kind = 'events' and line_number = 0 and batch_day = any(?)""",
        [days],
    ).fetchall()[0][0]
    routes = conn.execute(
        """select destination, count(*) from analytics.cluster_routes where batch_day = ?
           group by destination""",
        [days[-1]],
    ).fetchall()
    summary.routes = {destination: int(count) for destination, count in routes}
    summary.clusters = int(
        conn.execute(
            "select count(distinct cluster_id) from analytics.cluster_routes where batch_day = ?",
            [days[-1]],
        ).fetchone()[0]
    )
    summary.tickets_total, summary.tickets_open = conn.execute(
        "select count(*), count(*) filter (where status = 'open') from tracker.tickets"
    ).fetchone()
    return summary


def _percent(value: object) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _rate_with_interval(rate: object, low: object, high: object) -> str:
    if rate is None or pd.isna(rate):
        return "not reviewed"
    return f"{_percent(rate)} ({_percent(low)}-{_percent(high)})"


def _table(headers: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _route_name(cluster_id: str, segment: str) -> str:
    """A split cluster's routes read as one cluster's halves: `C0001 (should_help)`."""
    return cluster_id if segment == WHOLE_CLUSTER else f"{cluster_id} ({segment})"


def render_report(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    exemplars: dict[RouteKey, list[str]],
    k_anonymity: int,
) -> str:
    """The day's report for PMs and the calibration audit, from the marts; no raw data.

    One row per route: a split cluster shows each verdict segment with its own evidence
    and examples (`exemplars` by cluster and segment).
    """
    lines = [f"# Refusal report, window ending {day.isoformat()}", ""]
    lines += _triage_section(conn, day, exemplars, k_anonymity)
    lines += _calibration_section(conn, day)
    lines += _segments_section(conn, day)
    lines += release_trend_section(conn)
    return "\n".join(lines) + "\n"


def _triage_section(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    exemplars: dict[RouteKey, list[str]],
    k_anonymity: int,
) -> list[str]:
    """Every route past the gate, its numbers and (k-anonymous routes only) its examples."""
    clusters = conn.execute(
        """
        select r.cluster_id, r.segment, r.label, coalesce(s.status, 'new') as status, r.volume,
               r.distinct_users, r.k_anonymous, r.reprompt_rate, r.false_refusal_rate,
               r.false_refusal_rate_low, r.false_refusal_rate_high, r.reviewed_events,
               r.destination, r.rule, r.reviews_needed
        from analytics.cluster_routes r
        left join marts.cluster_status s
          on s.cluster_id = r.cluster_id and s.window_end_day = r.batch_day
        where r.batch_day = ? and r.destination <> 'monitor'
        order by r.destination, r.volume desc, r.cluster_id, r.segment
        """,
        [day],
    ).df()
    status_counts = conn.execute(
        "select status, count(*) from marts.cluster_status where window_end_day = ? "
        "group by status order by status",
        [day],
    ).fetchall()
    lines = ["## Clusters in triage", ""]
    lines += _table(
        [
            "cluster",
            "label",
            "status",
            "refusals",
            "users",
            "re-prompt",
            "false-refusal (95 % CI)",
            "destination",
            "rule",
        ],
        [
            [
                _route_name(r.cluster_id, r.segment),
                markdown_inline(visible_label(r.label, r.k_anonymous, k_anonymity)),
                r.status,
                r.volume,
                r.distinct_users,
                _percent(r.reprompt_rate),
                _rate_with_interval(
                    r.false_refusal_rate, r.false_refusal_rate_low, r.false_refusal_rate_high
                )
                + (f", review {r.reviews_needed} more" if r.reviews_needed > 0 else ""),
                r.destination,
                r.rule,
            ]
            for r in clusters.itertuples()
        ],
    )
    for r in clusters.itertuples():
        texts = exemplars.get((r.cluster_id, r.segment))
        if texts and r.k_anonymous:
            lines += [
                "",
                f"**{_route_name(r.cluster_id, r.segment)} "
                f"{markdown_inline(visible_label(r.label, r.k_anonymous, k_anonymity))}**: "
                + "; ".join(f"“{markdown_inline(text)}”" for text in texts),
            ]
    lines += ["", "Cluster status: " + (", ".join(f"{s} {n}" for s, n in status_counts) or "none")]
    return lines


def _calibration_section(conn: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Refusals and the reviewed false-refusal rate by day, layer, surface and model version."""
    calibration = conn.execute(
        """
        select grain, group_value, refusals, reviewed_events, false_refusal_rate,
               false_refusal_rate_low, false_refusal_rate_high, estimated_false_refusals,
               compounded_gating
        from marts.refusal_calibration
        where event_day = ? and grain in ('day', 'layer', 'surface', 'model_version')
        order by grain, group_value
        """,
        [day],
    ).df()
    lines = ["", "## Calibration: refusals, and how many reviewers would have helped", ""]
    lines += _table(
        [
            "by",
            "group",
            "refusals",
            "reviewed",
            "false-refusal (95 % CI)",
            "estimated false refusals",
            "compounded gating",
        ],
        [
            [
                r.grain,
                r.group_value,
                r.refusals,
                r.reviewed_events,
                _rate_with_interval(
                    r.false_refusal_rate, r.false_refusal_rate_low, r.false_refusal_rate_high
                ),
                "n/a"
                if pd.isna(r.estimated_false_refusals)
                else f"{r.estimated_false_refusals:.0f}",
                "yes" if r.compounded_gating else "",
            ]
            for r in calibration.itertuples()
        ],
    )
    return lines


def _segments_section(conn: duckdb.DuckDBPyConnection, day: date) -> list[str]:
    """Each user segment's refusal and benign-refusal rates against the reference segment."""
    segments = conn.execute(
        """
        select user_segment, refusals, refusal_share, requests, refusal_rate,
               benign_refusal_rate, benign_refusal_rate_ratio, benign_refusal_rate_ratio_low,
               benign_refusal_rate_ratio_high, flag_significant, rates_note, is_reference_segment
        from marts.segment_disparity
        where window_end_day = ? and cluster_type = 'all'
        order by refusals desc
        """,
        [day],
    ).df()
    lines = ["", "## Segments", ""]
    if segments.empty or segments["requests"].isna().all():
        lines += [
            "No traffic denominators: refusal rates per request could not be computed; "
            "shares of refusals only.",
            "",
        ]
    lines += _table(
        [
            "segment",
            "refusals",
            "share",
            "refusal rate",
            "benign-refusal rate",
            "ratio to reference (95 % CI)",
            "significant",
        ],
        [
            [
                r.user_segment + (" (reference)" if r.is_reference_segment else ""),
                r.refusals,
                _percent(r.refusal_share),
                "n/a" if pd.isna(r.refusal_rate) else f"{r.refusal_rate:.2%}",
                "n/a" if pd.isna(r.benign_refusal_rate) else f"{r.benign_refusal_rate:.2%}",
                "n/a"
                if pd.isna(r.benign_refusal_rate_ratio)
                else f"{r.benign_refusal_rate_ratio:.2f} ({r.benign_refusal_rate_ratio_low:.2f}-"
                f"{r.benign_refusal_rate_ratio_high:.2f})",
                "yes" if r.flag_significant else "",
            ]
            for r in segments.itertuples()
        ],
    )
    return lines
