"""The one list of tables the project writes: what personal data each holds, how long it is
kept and why, which clock expires its rows, and, for the tables the Python stages write, their
columns.

`pipeline.warehouse` creates the tables from it, retention (`pipeline.retention`) enforces it;
`compliance.data_inventory` (dbt) and README's "Data we keep" table are generated from it
(`python -m pipeline.lineage`). A table dbt builds has no columns here: its model is its schema.
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

    `columns` (SQL column definitions, in table order: `insert ... select *` depends on it) and
    `constraints` are the table's DDL; `views` are (name, where condition) subsets of its rows,
    which expire with them.
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
    columns: tuple[str, ...] = ()
    constraints: tuple[str, ...] = ()
    views: tuple[tuple[str, str], ...] = ()

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
        columns=(
            "event_id varchar not null",
            "batch_day date not null",
            "event_day date not null",
            "occurred_at timestamp not null",
            "user_id varchar not null",
            "session_id varchar not null",
            "turn_index integer",
            "request_text varchar not null",
            "response_text varchar",
            "refusal_category varchar",
            "policy_rule varchar",
            "layer varchar",
            "surface varchar",
            "model_version varchar",
            "account_type varchar",
            "user_segment varchar",
            "locale varchar",
            "next_action varchar",
            "feedback_text varchar",
            "source_file varchar not null",
            "source_line integer not null",
            "ingested_at timestamp not null",
            # the contract fields' hash: tells a re-delivery from a conflict
            "record_sha256 varchar",
        ),
    ),
    TableEntry(
        "raw.quarantined_lines",
        (VERBATIM_TEXT, USER_ID),
        "lines that failed their contract, kept so the feed can be fixed",
        "quarantined_lines",
        window="quarantine_days",
        clock="quarantined_at",
        columns=(
            "batch_day date not null",
            "source_kind varchar not null",
            "source_file varchar not null",
            "line_number integer not null",
            "raw_line varchar not null",
            "reason varchar not null",
            "quarantined_at timestamp not null",
            # of the whole line (raw_line is capped); null for a whole file
            "raw_size_bytes bigint",
            "raw_sha256 varchar",
        ),
    ),
    TableEntry(
        "raw.ingest_batches",
        (NO_PERSONAL_DATA,),
        "each landed file's name, SHA-256 and line counts: lineage and completeness",
        "file_metadata",
        window="aggregate_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "source_kind varchar not null",
            "source_file varchar not null",
            "content_sha256 varchar not null",
            "size_bytes bigint not null",
            "lines_read integer not null",
            "loaded integer not null",
            "quarantined integer not null",
            "duplicates integer not null",
            "ingested_at timestamp not null",
        ),
    ),
    TableEntry(
        "analytics.minimized_refusal_events",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "redacted, pseudonymized events: the input of every analysis",
        "minimized_events",
        window="minimized_days",
        clock="occurred_at",
        columns=(
            "event_id varchar not null",
            "batch_day date not null",
            "event_day date not null",
            "occurred_at timestamp not null",
            "user_pseudonym varchar not null",
            "session_pseudonym varchar not null",
            "pseudonym_key_version varchar not null",
            "turn_index integer",
            "request_text varchar not null",
            "response_text varchar",
            "feedback_text varchar",
            "request_text_hash varchar not null",
            "refusal_category varchar",
            "policy_rule varchar",
            "layer varchar",
            "surface varchar",
            "model_version varchar",
            "account_type varchar",
            "user_segment varchar",
            "locale varchar",
            "next_action varchar",
            # the redactor's rules and NER model; null: minimized before it was recorded
            "redactor_version varchar",
        ),
    ),
    TableEntry(
        "analytics.request_embeddings",
        (EMBEDDINGS,),
        "sentence vectors of minimized request text, cached by text hash",
        "embeddings",
        window="minimized_days",
        clock="created_at",
        orphan_of=("text_hash", "analytics.minimized_refusal_events", "request_text_hash"),
        columns=(
            "text_hash varchar not null",
            "model_name varchar not null",
            "embedding float[] not null",
            "created_at timestamp not null",
        ),
        constraints=("primary key (text_hash, model_name)",),
    ),
    TableEntry(
        "analytics.cluster_assignments",
        (PSEUDONYMOUS_ID,),
        "the cluster each event joined",
        "minimized_events",
        window="minimized_days",
        clock="event_day",
        columns=(
            "event_id varchar not null",
            "batch_day date not null",
            "event_day date not null",
            "cluster_id varchar",
            "membership_probability double not null",
        ),
    ),
    TableEntry(
        "analytics.response_detections",
        (PSEUDONYMOUS_ID,),
        "what each logged refusal's (redacted) response reads as: full, partial or no refusal",
        "minimized_events",
        window="minimized_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "event_id varchar not null",
            "detected_refusal varchar not null",
            "refusal_score double not null",
        ),
    ),
    TableEntry(
        "analytics.review_sample",
        (PSEUDONYMOUS_ID, MINIMIZED_TEXT),
        "events drawn for human review, with their sampling weights",
        "review_data",
        window="review_days",
        clock="sampled_at",
        columns=(
            "batch_day date not null",
            "event_id varchar not null",
            "cluster_id varchar",
            "stratum varchar not null",
            "inclusion_probability double not null",
            "sampling_weight double not null",
            "impact_weight double not null",
            "request_text varchar not null",
            "sampled_at timestamp not null",
        ),
    ),
    TableEntry(
        "analytics.review_labels",
        (PSEUDONYMOUS_ID, REVIEWER_ID, MINIMIZED_TEXT),
        "reviewers' verdicts and redacted notes: the calibration ground truth",
        "review_data",
        window="review_days",
        clock="reviewed_at",
        columns=(
            "batch_day date not null",
            "event_id varchar not null",
            "reviewer varchar",
            "verdict varchar not null",
            "reason_type varchar",
            "reviewed_at timestamp not null",
            "note varchar",
        ),
    ),
    TableEntry(
        "analytics.traffic",
        (AGGREGATES,),
        "requests per day and segment: denominators of refusal rates",
        "aggregates",
        window="aggregate_days",
        clock="day",
        columns=(
            "batch_day date not null",
            "day date not null",
            "user_segment varchar not null",
            "requests bigint not null",
            "extra varchar",
            "source_file varchar not null",
            "source_line integer not null",
        ),
    ),
    TableEntry(
        "analytics.cluster_registry",
        (AGGREGATES,),
        "stable cluster ids, labels, top terms and centroids",
        "aggregates",
        window="aggregate_days",
        clock="last_seen_day",
        columns=(
            "cluster_id varchar primary key",
            "label varchar not null",
            "top_terms varchar[] not null",
            "centroid float[] not null",
            "first_seen_day date not null",
            "last_seen_day date not null",
            "last_size integer not null",
        ),
    ),
    TableEntry(
        "analytics.cluster_snapshots",
        (AGGREGATES,),
        "each run day's clusters (labels, top terms, centroids): the registry derives from them, "
        "so re-running a day matches against what that day saw",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "cluster_id varchar not null",
            "label varchar not null",
            "top_terms varchar[] not null",
            "centroid float[] not null",
            "size integer not null",
        ),
        constraints=("primary key (batch_day, cluster_id)",),
    ),
    TableEntry(
        "analytics.event_verdicts",
        (PSEUDONYMOUS_ID,),
        "each window event's verdict on a run day (reviewers' majority, else the verdict "
        "model's) and its source: splits a cluster into should-help and should-refuse routes",
        "minimized_events",
        window="minimized_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "event_id varchar not null",
            "cluster_id varchar",
            "verdict varchar",
            "verdict_source varchar not null",
            "should_help_probability double",
        ),
    ),
    TableEntry(
        "analytics.verdict_models",
        (AGGREGATES,),
        "each run's verdict model: review counts it learned from, cross-validated balanced "
        "accuracy, whether its predictions were used",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "training_events integer not null",
            "should_help_examples integer not null",
            "should_refuse_examples integer not null",
            "cv_balanced_accuracy double",
            "trusted boolean not null",
            "reason varchar not null",
        ),
    ),
    TableEntry(
        "analytics.cluster_routes",
        (AGGREGATES,),
        "where each cluster, or verdict segment of a split cluster, was routed each day, with "
        "the rule and numbers",
        "aggregates",
        window="aggregate_days",
        clock="batch_day",
        columns=(
            "batch_day date not null",
            "cluster_id varchar not null",
            "label varchar not null",
            "destination varchar not null",
            "triaged boolean not null",
            "rule varchar not null",
            "reason varchar not null",
            "volume integer not null",
            "distinct_users integer not null",
            "reprompt_rate double not null",
            "segment varchar not null",
            "false_refusal_rate double",
            "false_refusal_rate_low double",
            "false_refusal_rate_high double",
            "reviewed_events integer not null",
            "capability_share double not null",
            "reviews_needed integer not null",
            # dbt's k_anonymous macro on the route's users; null on routes written before it
            "k_anonymous boolean",
        ),
    ),
    TableEntry(
        "tracker.tickets",
        (AGGREGATES, MINIMIZED_TEXT),
        "the backlog: evidence and k-anonymous example requests per routed cluster or segment",
        "tickets",
        window="aggregate_days",
        clock="updated_day",
        files_column="markdown_path",
        columns=(
            "ticket_id varchar primary key",
            "cluster_id varchar not null",
            "segment varchar not null",
            "queue varchar not null",
            "title varchar not null",
            "status varchar not null",
            "body_markdown varchar not null",
            "evidence_sha256 varchar not null",
            "revision integer not null",
            "created_day date not null",
            "updated_day date not null",
            "markdown_path varchar not null",
            # set while status is 'resolved': when, and why the route left the queues
            "resolved_day date",
            "resolution varchar",
        ),
        constraints=("unique (cluster_id, segment)",),
        views=(
            ("tracker.backlog", "queue <> 'policy_review'"),
            ("tracker.policy_review_queue", "queue = 'policy_review'"),
        ),
    ),
    TableEntry(
        "tracker.sync_state",
        (NO_PERSONAL_DATA,),
        "each ticket's issue in a remote tracker: the write intended before it is made, its "
        "outcome after, and a fingerprint of what was written, so a killed sync converges",
        "tickets",
        window="aggregate_days",
        clock="intent_at",
        orphan_of=("ticket_id", "tracker.tickets", "ticket_id"),
        columns=(
            "tracker varchar not null",
            "ticket_id varchar not null",
            # null until the issue is known: a create whose outcome was never recorded
            "remote_id varchar",
            "remote_url varchar",
            "action varchar not null",
            "outcome varchar not null",
            "intended_sha256 varchar not null",
            "written_sha256 varchar",
            # the ticket status last written (open / resolved): what resolve and reopen compare
            "written_status varchar",
            "intent_at timestamp not null",
            "outcome_at timestamp",
        ),
        constraints=("primary key (tracker, ticket_id)",),
    ),
    TableEntry(
        "audit.event_sources",
        (PSEUDONYMOUS_ID,),
        "each event's file and line, and when its verbatim row was purged",
        "lineage",
        window="minimized_days",
        clock="occurred_at",
        columns=(
            "event_id varchar primary key",
            "batch_day date not null",
            "occurred_at timestamp not null",
            "source_file varchar not null",
            "source_line integer not null",
            "recorded_at timestamp not null",
            "raw_purged_at timestamp",
        ),
    ),
    TableEntry(
        "audit.retention_log",
        (NO_PERSONAL_DATA,),
        "one row per purge: the record that deletion happened",
        "audit",
        columns=(
            "purged_at timestamp not null",
            "data_class varchar not null",
            "table_name varchar not null",
            "rows_deleted integer not null",
            "oldest_removed timestamp",
            "newest_removed timestamp",
            "policy varchar not null",
            "run_id varchar not null",
        ),
    ),
    TableEntry(
        "audit.reminimization_log",
        (NO_PERSONAL_DATA,),
        "one row per re-minimization after a redactor change: rows redone from raw or re-scanned",
        "audit",
        columns=(
            "reminimized_at timestamp not null",
            "table_name varchar not null",
            "rows_from_raw integer not null",
            "rows_rescanned integer not null",
            "from_versions varchar not null",
            "to_version varchar not null",
            "run_id varchar not null",
        ),
    ),
    TableEntry(
        "analytics.release_replay_responses",
        (NO_PERSONAL_DATA,),
        "each release's answer to each prompt of a fixed corpus, its detected refusal label and "
        "score: the evidence behind the release's rates (pipeline/replay.py)",
        "release_replays",
        columns=(
            "release varchar not null",
            "corpus varchar not null",
            # SHA-256 of the corpus's prompts, expectations and categories
            "corpus_key varchar not null",
            "prompt_id varchar not null",
            "category varchar",
            "expected varchar not null",
            "prompt varchar not null",
            "response varchar not null",
            "detected_label varchar not null",
            "refusal_score double not null",
            "replayed_at timestamp not null",
        ),
        constraints=("primary key (release, corpus_key, prompt_id)",),
    ),
    TableEntry(
        "analytics.release_replay_rates",
        (NO_PERSONAL_DATA,),
        "each replayed release's false- and true-refusal rates with Wilson intervals, overall "
        "and per category",
        "release_replays",
        columns=(
            "release varchar not null",
            "corpus_key varchar not null",
            "grain varchar not null",
            "group_value varchar not null",
            "help_prompts integer not null",
            "false_refusals integer not null",
            "partial_false_refusals integer not null",
            "false_refusal_rate double",
            "false_refusal_rate_low double",
            "false_refusal_rate_high double",
            "refuse_prompts integer not null",
            "true_refusals integer not null",
            "partial_true_refusals integer not null",
            "true_refusal_rate double",
            "true_refusal_rate_low double",
            "true_refusal_rate_high double",
        ),
        constraints=("primary key (release, corpus_key, grain, group_value)",),
    ),
    TableEntry(
        "analytics.release_replays",
        (NO_PERSONAL_DATA,),
        "one row per release and corpus: where its answers came from, its baseline, the "
        "regression tests' numbers and verdict",
        "release_replays",
        columns=(
            "release varchar not null",
            "corpus varchar not null",
            "corpus_key varchar not null",
            "source varchar not null",
            "baseline varchar",
            "false_refusal_rate double",
            "baseline_false_refusal_rate double",
            "false_refusal_p_value double",
            "false_refusal_regression boolean not null",
            "true_refusal_rate double",
            "baseline_true_refusal_rate double",
            "true_refusal_p_value double",
            "true_refusal_drop boolean not null",
            "regression_margin double not null",
            "significance double not null",
            "confidence double not null",
            "regression boolean not null",
            "accepted boolean not null",
            "accepted_reason varchar",
            # kept when the release is replayed again: the default baseline's order
            "first_replayed_at timestamp not null",
            "replayed_at timestamp not null",
        ),
        constraints=("primary key (release, corpus_key)",),
    ),
    TableEntry(
        "audit.replay_acceptances",
        (NO_PERSONAL_DATA,),
        "each accepted release regression: release, baseline, the numbers, the reason, when",
        "audit",
        columns=(
            "accepted_at timestamp not null",
            "release varchar not null",
            "baseline varchar",
            "corpus_key varchar not null",
            "false_refusal_rate double",
            "baseline_false_refusal_rate double",
            "false_refusal_p_value double",
            "true_refusal_rate double",
            "baseline_true_refusal_rate double",
            "true_refusal_p_value double",
            "reason varchar not null",
        ),
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
        "marts.route_segments",
        (AGGREGATES,),
        "the run day's verdict segments of each cluster: volume, users, reviews and the "
        "weighted false-refusal rate routing splits on",
        "aggregates",
        window="aggregate_days",
        rebuilt_from="analytics.event_verdicts",
    ),
    TableEntry(
        "marts.route_exemplars",
        (MINIMIZED_TEXT,),
        "the run day's example requests per route, which tickets of k-anonymous routes quote",
        "minimized_events",
        window="minimized_days",
        rebuilt_from="analytics.event_verdicts, analytics.minimized_refusal_events",
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
