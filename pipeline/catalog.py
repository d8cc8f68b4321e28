"""The one list of tables the project writes: what personal data each holds, how long it is
kept and why, and which clock expires its rows.

Retention (`pipeline.retention`) enforces it; `compliance.data_inventory` (dbt) and README's
"Data we keep" table are generated from it (`python -m pipeline.lineage`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import RetentionConfig

VERBATIM_TEXT = "verbatim text"
USER_ID = "user id"
PSEUDONYMOUS_ID = "pseudonymous id"
REVIEWER_ID = "reviewer id"
MINIMIZED_TEXT = "minimized text"
EMBEDDINGS = "embeddings"
AGGREGATES = "aggregates"
NO_PERSONAL_DATA = "none"
VERBATIM_EVENTS = "raw.refusal_events"


@dataclass(frozen=True)
class TableEntry:
    """A table the project writes, the personal data it holds, and how its rows expire.

    Rows expire by `clock` (older than `window` days), or by `orphan_of` (with the last parent
    row that references them; `clock` then only dates the audit row), or the table is
    `rebuilt_from` expiring tables by every dbt run; with none of these it is kept (no personal
    data). `files_column` names a file on disk that goes with its row.
    """

    table: str
    holds: tuple[str, ...]
    purpose: str
    data_class: str
    window: str | None = None
    clock: str | None = None
    orphan_of: tuple[str, str, str] | None = None
    rebuilt_from: str | None = None
    files_column: str | None = None

    def days(self, config: RetentionConfig) -> int | None:
        return getattr(config, self.window) if self.window else None

    @property
    def rule(self) -> str:
        if self.orphan_of:
            column, parent, parent_column = self.orphan_of
            return f"deleted once no {parent} row has {parent_column} = its {column}"
        if self.clock:
            extra = f"; the file named in {self.files_column} with it" if self.files_column else ""
            return f"deleted when {self.clock} is older than the window{extra}"
        if self.rebuilt_from:
            return f"rebuilt every run from {self.rebuilt_from}"
        return "kept: no personal data"

    def kept_for(self, config: RetentionConfig) -> str:
        days = self.days(config)
        if days is None:
            return "rebuilt every run" if self.rebuilt_from else "indefinitely"
        expires_alone = self.clock and not self.orphan_of
        return f"{days} days" if expires_alone else f"as its sources: {days} days"


# Order matters: a parent is purged before the rows that become its orphans.
INVENTORY: tuple[TableEntry, ...] = (
    TableEntry(
        VERBATIM_EVENTS,
        (VERBATIM_TEXT, USER_ID),
        "events as landed, read only to minimize them",
        "verbatim_events",
        window="raw_days",
        clock="occurred_at",
    ),
    TableEntry(
        "raw.quarantined_lines",
        (VERBATIM_TEXT, USER_ID),
        "lines that failed their contract, kept so the feed can be fixed",
        "quarantined_lines",
        window="quarantine_days",
        clock="quarantined_at",
    ),
    TableEntry(
        "raw.ingest_batches",
        (NO_PERSONAL_DATA,),
        "each landed file's name, SHA-256 and line counts: lineage and completeness",
        "file_metadata",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.minimized_refusal_events",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "redacted, pseudonymized events: the input of every analysis",
        "minimized_events",
        window="minimized_days",
        clock="occurred_at",
    ),
    TableEntry(
        "analytics.request_embeddings",
        (EMBEDDINGS,),
        "sentence vectors of minimized request text, cached by text hash",
        "embeddings",
        window="minimized_days",
        clock="created_at",
        orphan_of=("text_hash", "analytics.minimized_refusal_events", "request_text_hash"),
    ),
    TableEntry(
        "analytics.cluster_assignments",
        (PSEUDONYMOUS_ID,),
        "the cluster each event joined",
        "minimized_events",
        window="minimized_days",
        clock="event_day",
    ),
    TableEntry(
        "analytics.review_sample",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "events drawn for human review, with their sampling weights",
        "review_data",
        window="review_days",
        clock="sampled_at",
    ),
    TableEntry(
        "analytics.review_labels",
        (PSEUDONYMOUS_ID, REVIEWER_ID, MINIMIZED_TEXT),
        "reviewers' verdicts and redacted notes: the calibration ground truth",
        "review_data",
        window="review_days",
        clock="reviewed_at",
    ),
    TableEntry(
        "analytics.traffic",
        (AGGREGATES,),
        "requests per day and segment: denominators of refusal rates",
        "aggregates",
        window="aggregate_days",
        clock="day",
    ),
    TableEntry(
        "analytics.cluster_registry",
        (AGGREGATES,),
        "stable cluster ids, labels, top terms and centroids",
        "aggregates",
        window="aggregate_days",
        clock="last_seen_day",
    ),
    TableEntry(
        "analytics.cluster_snapshots",
        (AGGREGATES,),
        "each run day's clusters (labels, top terms, centroids): the registry derives from them, "
        "so re-running a day matches against what that day saw",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.event_verdicts",
        (PSEUDONYMOUS_ID,),
        "each window event's verdict on a run day (reviewers' majority, else the verdict "
        "model's) and its source: splits a cluster into should-help and should-refuse routes",
        "minimized_events",
        window="minimized_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.verdict_models",
        (AGGREGATES,),
        "each run's verdict model: review counts it learned from, cross-validated balanced "
        "accuracy, whether its predictions were used",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "analytics.cluster_routes",
        (AGGREGATES,),
        "where each cluster, or verdict segment of a split cluster, was routed each day, with "
        "the rule and numbers",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
    ),
    TableEntry(
        "tracker.tickets",
        (AGGREGATES, MINIMIZED_TEXT),
        "the backlog: evidence and k-anonymous example requests per routed cluster or segment",
        "tickets",
        window="aggregate_days",
        clock="updated_day",
        files_column="markdown_path",
    ),
    TableEntry(
        "audit.event_sources",
        (PSEUDONYMOUS_ID,),
        "each event's file and line, and when its verbatim row was purged",
        "lineage",
        window="minimized_days",
        clock="occurred_at",
    ),
    TableEntry(
        "audit.retention_log",
        (NO_PERSONAL_DATA,),
        "one row per purge: the record that deletion happened",
        "audit",
    ),
    TableEntry(
        "audit.reminimization_log",
        (NO_PERSONAL_DATA,),
        "one row per re-minimization after a redactor change: rows redone from raw or re-scanned",
        "audit",
    ),
    TableEntry(
        "intermediate.int_refusals_sessionized",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "minimized events with their derived next action",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.minimized_refusal_events",
    ),
    TableEntry(
        "intermediate.int_event_reviews",
        (PSEUDONYMOUS_ID,),
        "review votes per event",
        "review_data",
        window="review_days",
        rebuilt_from="analytics.review_labels",
    ),
    TableEntry(
        "intermediate.int_refusal_verdicts",
        (PSEUDONYMOUS_ID,),
        "each refusal with its dimensions and review outcome",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.minimized_refusal_events",
    ),
    TableEntry(
        "marts.fct_event_clusters",
        (PSEUDONYMOUS_ID,),
        "each event with its cluster and label",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.cluster_assignments",
    ),
    TableEntry(
        "marts.refusal_calibration",
        (AGGREGATES,),
        "false- and true-refusal rates per day, layer, surface and model",
        "aggregates",
        window="minimized_days",
        rebuilt_from="intermediate.int_refusal_verdicts",
    ),
    TableEntry(
        "marts.cluster_metrics",
        (AGGREGATES,),
        "per cluster and window: volume, users, re-prompts, review outcomes",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "marts.cluster_status",
        (AGGREGATES,),
        "per cluster and window: new, growing, shrinking",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "marts.segment_disparity",
        (AGGREGATES,),
        "refusal rates per user segment against the reference segment",
        "aggregates",
        window="aggregate_days",
        clock="window_end_day",
    ),
    TableEntry(
        "compliance.ticket_lineage",
        (PSEUDONYMOUS_ID,),
        "ticket -> event -> source file and SHA-256, with retention deadlines",
        "lineage",
        window="minimized_days",
        rebuilt_from="tracker.tickets, analytics, audit.event_sources",
    ),
    TableEntry(
        "compliance.data_inventory",
        (NO_PERSONAL_DATA,),
        "this list, with live row counts",
        "audit",
        rebuilt_from="pipeline/catalog.py",
    ),
)
