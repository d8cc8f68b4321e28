"""The short summary a person reads after a run: what came in, what came out, where it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb


@dataclass
class RunSummary:
    days: list[date]
    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicates: int = 0
    clusters: int = 0
    routes: dict[str, int] = field(default_factory=dict)
    tickets_created: int = 0
    tickets_updated: int = 0
    tickets_total: int = 0

    def lines(self, db: str, ticket_dir: str) -> list[str]:
        routes = ", ".join(f"{k} {v}" for k, v in sorted(self.routes.items())) or "none"
        return [
            f"days: {', '.join(d.isoformat() for d in self.days)}",
            f"events: read {self.read}, loaded {self.loaded}, quarantined {self.quarantined}, "
            f"duplicates {self.duplicates}",
            f"clusters (window ending {self.days[-1].isoformat()}): {self.clusters}",
            f"routes: {routes}",
            f"tickets: created {self.tickets_created}, updated {self.tickets_updated}, "
            f"{self.tickets_total} in the tracker",
            f"warehouse: {db} (tables raw.*, analytics.*, marts.*, tracker.*, audit.*)",
            f"tickets as Markdown: {ticket_dir}",
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
    routes = conn.execute(
        """select destination, count(*) from analytics.cluster_routes where batch_day = ?
           group by destination""",
        [days[-1]],
    ).fetchall()
    summary.routes = {destination: int(count) for destination, count in routes}
    summary.clusters = sum(summary.routes.values())
    summary.tickets_total = int(conn.execute("select count(*) from tracker.tickets").fetchone()[0])
    return summary
