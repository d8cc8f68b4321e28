"""What the site shows, read from the marts of one run day; the pages only lay it out.

Every rule here is someone else's: statuses are `marts.cluster_status`'s, k-anonymity is the
route's stored `k_anonymous` (dbt macro) applied by `pipeline.tickets.visible_label`, examples
are `marts.route_exemplars`', lineage is `pipeline.lineage.ticket_lineage`'s and retention
windows are `pipeline.catalog.INVENTORY`'s. Text from the logs (labels, examples) is dropped
here for every route below k distinct users, so no template can show it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.catalog import INVENTORY, TableEntry
from pipeline.config import PipelineConfig, RetentionConfig
from pipeline.lineage import ticket_lineage
from pipeline.tickets import route_exemplars, ticket_id, visible_label

# What the site cannot be built without: a warehouse the pipeline has routed at least once.
REQUIRED_TABLES = (
    "analytics.cluster_routes",
    "marts.cluster_metrics",
    "marts.cluster_status",
    "marts.fct_event_clusters",
)
OPTIONAL_TABLES = (
    "marts.route_exemplars",
    "marts.refusal_calibration",
    "marts.segment_disparity",
    "tracker.tickets",
    "audit.retention_log",
    "compliance.ticket_lineage",
)
CALIBRATION_GRAINS = ("layer", "surface", "model_version")


class SiteError(ValueError):
    """The warehouse cannot give a site (never processed, or not by this pipeline)."""


@dataclass(frozen=True)
class Route:
    """One route of the day (a whole cluster or a verdict segment) with its evidence.

    `label` and `examples` are already withheld when the route is below k distinct users.
    """

    cluster_id: str
    segment: str
    label: str
    k_anonymous: bool
    status: str
    category: str
    destination: str
    rule: str
    reason: str
    volume: int
    distinct_users: int
    reprompt_rate: float
    false_refusal_rate: float | None
    false_refusal_rate_low: float | None
    false_refusal_rate_high: float | None
    reviewed_events: int
    reviews_needed: int
    ticket_id: str
    ticket_status: str | None
    ticket_markdown: Path | None
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Intent:
    """A cluster of the day: its routes, its daily volume over the window, its route history."""

    cluster_id: str
    label: str
    k_anonymous: bool
    status: str
    volume: int
    distinct_users: int
    reprompt_rate: float
    routes: tuple[Route, ...]
    daily_volume: tuple[tuple[date, int], ...]  # every day of the window, zeros included
    route_history: tuple[dict[str, Any], ...]  # batch_day, segment, destination, rule, volume

    @property
    def destination(self) -> str:
        """The cluster's route, or `split` when its verdict segments went different ways."""
        destinations = sorted({r.destination for r in self.routes})
        return destinations[0] if len(destinations) == 1 else "split"


@dataclass(frozen=True)
class RetentionRow:
    table: str
    data_class: str
    personal_data: str
    kept_for: str
    rule: str
    rows: int
    oldest: datetime | None
    next_purge: str


@dataclass(frozen=True)
class SiteData:
    day: date
    window_start: date
    k_anonymity: int
    min_volume: int
    min_reprompt_rate: float
    intents: tuple[Intent, ...]
    calibration: pd.DataFrame
    disparity: pd.DataFrame
    retention: tuple[RetentionRow, ...]
    purge_log: tuple[dict[str, Any], ...]
    lineage: tuple[dict[str, Any], ...]
    processed_days: tuple[date, ...]
    generated_at: datetime
    missing: tuple[str, ...] = ()  # optional tables not built yet: their sections say so

    @property
    def routes(self) -> list[Route]:
        return [route for intent in self.intents for route in intent.routes]


def present_relations(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """Tables and views of the warehouse as `schema.name`."""
    rows = conn.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = current_database()"
    ).fetchall()
    return {f"{schema}.{name}" for schema, name in rows}


def _records(
    conn: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def load_site_data(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    config: PipelineConfig,
    now: datetime,
) -> SiteData:
    """Everything the pages show for `day`; a day with no routes gives no intents, not an error.

    Raises `SiteError` when the warehouse lacks the tables a processed day leaves.
    """
    present = present_relations(conn)
    missing_required = [t for t in REQUIRED_TABLES if t not in present]
    if missing_required:
        raise SiteError(
            f"the warehouse lacks {', '.join(missing_required)}: it holds no processed day"
        )
    window_start = day - timedelta(days=config.clustering.window_days - 1)
    processed = tuple(
        row[0]
        for row in conn.execute(
            "select distinct batch_day from analytics.cluster_routes order by 1"
        ).fetchall()
    )
    k = config.privacy.k_anonymity
    return SiteData(
        day=day,
        window_start=window_start,
        k_anonymity=k,
        min_volume=config.routing.min_volume,
        min_reprompt_rate=config.routing.min_reprompt_rate,
        intents=tuple(_intents(conn, day, window_start, k, present)),
        calibration=_calibration(conn, day, present),
        disparity=_disparity(conn, day, present),
        retention=tuple(_retention(conn, config.retention, present, now)),
        purge_log=tuple(_purge_log(conn, present)),
        lineage=tuple(_lineage(conn, config.retention, present)),
        processed_days=processed,
        generated_at=now,
        missing=tuple(t for t in OPTIONAL_TABLES if t not in present),
    )


def _tickets(conn: duckdb.DuckDBPyConnection, present: set[str]) -> dict[str, tuple[str, str]]:
    if "tracker.tickets" not in present:
        return {}
    rows = conn.execute("select ticket_id, status, markdown_path from tracker.tickets").fetchall()
    return {tid: (status, path) for tid, status, path in rows}


def _intents(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    window_start: date,
    k: int,
    present: set[str],
) -> list[Intent]:
    routes = conn.execute(
        """
        select r.cluster_id, r.segment, r.label, coalesce(r.k_anonymous, false) as k_anonymous,
               s.status, coalesce(m.top_refusal_category, 'unknown') as category,
               r.destination, r.rule, r.reason, r.volume, r.distinct_users, r.reprompt_rate,
               r.false_refusal_rate, r.false_refusal_rate_low, r.false_refusal_rate_high,
               r.reviewed_events, r.reviews_needed
        from analytics.cluster_routes r
        left join marts.cluster_status s
          on s.cluster_id = r.cluster_id and s.window_end_day = r.batch_day
        left join marts.cluster_metrics m
          on m.cluster_id = r.cluster_id and m.window_end_day = r.batch_day
        where r.batch_day = ?
        order by r.volume desc, r.cluster_id, r.segment
        """,
        [day],
    ).df()
    if routes.empty:
        return []
    clusters = conn.execute(
        """select cluster_id, label, k_anonymous, volume, distinct_users, reprompt_rate
           from marts.cluster_metrics where window_end_day = ?""",
        [day],
    ).df()
    statuses = dict(
        conn.execute(
            "select cluster_id, status from marts.cluster_status where window_end_day = ?", [day]
        ).fetchall()
    )
    daily = {
        (cluster_id, event_day): int(volume)
        for cluster_id, event_day, volume in conn.execute(
            """select cluster_id, event_day, count(*) from marts.fct_event_clusters
               where not is_noise and event_day between ? and ? and batch_day <= ?
               group by cluster_id, event_day""",
            [window_start, day, day],
        ).fetchall()
    }
    history: dict[str, list[dict[str, Any]]] = {}
    for row in _records(
        conn,
        """select cluster_id, batch_day, segment, destination, rule, volume
           from analytics.cluster_routes where batch_day between ? and ?
           order by batch_day, segment""",
        [window_start, day],
    ):
        history.setdefault(row.pop("cluster_id"), []).append(row)
    exemplars = route_exemplars(conn, day) if "marts.route_exemplars" in present else {}
    tickets = _tickets(conn, present)
    window = [window_start + timedelta(days=n) for n in range((day - window_start).days + 1)]

    by_cluster: dict[str, list[Route]] = {}
    for r in routes.itertuples():
        tid = ticket_id(r.cluster_id, r.segment)
        ticket_status, markdown = tickets.get(tid, (None, None))
        k_anonymous = bool(r.k_anonymous)
        by_cluster.setdefault(r.cluster_id, []).append(
            Route(
                cluster_id=r.cluster_id,
                segment=r.segment,
                label=visible_label(r.label, k_anonymous, k),
                k_anonymous=k_anonymous,
                # a route always has a registered cluster; 'new' as the report reads a gap
                status=r.status if isinstance(r.status, str) else "new",
                category=r.category,
                destination=r.destination,
                rule=r.rule,
                reason=r.reason,
                volume=int(r.volume),
                distinct_users=int(r.distinct_users),
                reprompt_rate=float(r.reprompt_rate),
                false_refusal_rate=_optional(r.false_refusal_rate),
                false_refusal_rate_low=_optional(r.false_refusal_rate_low),
                false_refusal_rate_high=_optional(r.false_refusal_rate_high),
                reviewed_events=int(r.reviewed_events),
                reviews_needed=int(r.reviews_needed),
                ticket_id=tid,
                ticket_status=ticket_status,
                ticket_markdown=Path(markdown) if markdown else None,
                examples=tuple(exemplars.get((r.cluster_id, r.segment), ())) if k_anonymous else (),
            )
        )
    intents = []
    for cluster_id, cluster_routes in by_cluster.items():
        metrics = clusters[clusters["cluster_id"] == cluster_id]
        first = cluster_routes[0]
        if len(metrics):
            m = metrics.iloc[0]
            k_anonymous = bool(m["k_anonymous"])
            label = visible_label(m["label"], k_anonymous, k)
            volume, users, reprompt = int(m["volume"]), int(m["distinct_users"]), m["reprompt_rate"]
        else:
            # routes from before the metrics mart kept this day: the route is the evidence
            k_anonymous, label = first.k_anonymous, first.label
            volume, users, reprompt = first.volume, first.distinct_users, first.reprompt_rate
        intents.append(
            Intent(
                cluster_id=cluster_id,
                label=label,
                k_anonymous=k_anonymous,
                status=statuses.get(cluster_id, first.status),
                volume=volume,
                distinct_users=users,
                reprompt_rate=float(reprompt),
                routes=tuple(cluster_routes),
                daily_volume=tuple((d, daily.get((cluster_id, d), 0)) for d in window),
                route_history=tuple(history.get(cluster_id, ())),
            )
        )
    return intents


def _calibration(conn: duckdb.DuckDBPyConnection, day: date, present: set[str]) -> pd.DataFrame:
    if "marts.refusal_calibration" not in present:
        return pd.DataFrame()
    return conn.execute(
        """select grain, group_value, refusals, reviewed_events, false_refusal_rate,
                  false_refusal_rate_low, false_refusal_rate_high, true_refusal_rate,
                  true_refusal_rate_low, true_refusal_rate_high, compounded_gating
           from marts.refusal_calibration
           where event_day = ? and grain = any(?)
           order by grain, group_value""",
        [day, list(CALIBRATION_GRAINS)],
    ).df()


def _disparity(conn: duckdb.DuckDBPyConnection, day: date, present: set[str]) -> pd.DataFrame:
    if "marts.segment_disparity" not in present:
        return pd.DataFrame()
    return conn.execute(
        """select user_segment, refusals, refusal_share, requests, refusal_rate,
                  benign_refusal_rate, benign_refusal_rate_ratio, benign_refusal_rate_ratio_low,
                  benign_refusal_rate_ratio_high, flag_significant, rates_note,
                  is_reference_segment, reference_segment
           from marts.segment_disparity
           where window_end_day = ? and cluster_type = 'all'
           order by is_reference_segment desc, refusals desc, user_segment""",
        [day],
    ).df()


def _next_purge(entry: TableEntry, oldest: datetime | None, days: int | None, now: datetime) -> str:
    """When the purge's rule (`pipeline.retention`) first finds a row of this table expired."""
    if entry.orphan_of:
        _, parent, _ = entry.orphan_of
        return f"once no {parent} row refers to it"
    if days is None or not entry.clock:
        return "rebuilt every run" if entry.rebuilt_from else "never: kept"
    if oldest is None:
        return "no rows"
    expires = oldest + timedelta(days=days)
    if expires <= now:
        return "overdue: the next run purges it"
    return f"{expires:%Y-%m-%d %H:%M} UTC (its oldest row)"


def _retention(
    conn: duckdb.DuckDBPyConnection,
    config: RetentionConfig,
    present: set[str],
    now: datetime,
) -> list[RetentionRow]:
    rows = []
    for entry in INVENTORY:
        if entry.table not in present:
            continue
        count = conn.execute(f"select count(*) from {entry.table}").fetchone()[0]
        oldest = (
            conn.execute(
                f"select cast(min({entry.clock}) as timestamp) from {entry.table}"
            ).fetchone()[0]
            if entry.clock
            else None
        )
        rows.append(
            RetentionRow(
                table=entry.table,
                data_class=entry.data_class,
                personal_data=", ".join(entry.holds),
                kept_for=entry.kept_for(config),
                rule=entry.rule,
                rows=int(count),
                oldest=oldest,
                next_purge=_next_purge(entry, oldest, entry.days(config), now),
            )
        )
    return sorted(rows, key=lambda r: (r.data_class, r.table))


def _purge_log(conn: duckdb.DuckDBPyConnection, present: set[str]) -> list[dict[str, Any]]:
    if "audit.retention_log" not in present:
        return []
    return _records(
        conn,
        """select purged_at, data_class, table_name, rows_deleted, oldest_removed,
                  newest_removed, policy, run_id
           from audit.retention_log order by purged_at desc, table_name""",
    )


def _lineage(
    conn: duckdb.DuckDBPyConnection, config: RetentionConfig, present: set[str]
) -> list[dict[str, Any]]:
    """Each ticket's trace (`refusal-backlog lineage`), without its title: numbers and files."""
    if "tracker.tickets" not in present or "compliance.ticket_lineage" not in present:
        return []
    tickets = conn.execute("select ticket_id from tracker.tickets order by 1").fetchall()
    return [ticket_lineage(conn, tid, config) for (tid,) in tickets]
