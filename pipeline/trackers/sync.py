"""Push the embedded tracker's tickets to a remote tracker, idempotently and crash-safely.

Every write is bracketed in `tracker.sync_state`: the intended action (and the fingerprint it
would write) is committed before the first request, the outcome after the last. A ticket whose
last outcome wrote its current fingerprint needs no request; any other is looked up (by the
recorded issue, or by searching the tracker's marker over every status) and only the writes it
still lacks are made. So a sync killed anywhere (`kill -9` between a create and its outcome
included) converges on the next run without a duplicate or a lost update.

Lifecycle: a ticket the pipeline resolved is resolved in the tracker with the reason as a note,
one it reopened is reopened; a status people set in the tracker is otherwise left alone.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from pipeline.config import ConfigError, TrackerConfig
from pipeline.routing import TICKET_QUEUES
from pipeline.trackers import github, jira, redmine
from pipeline.trackers.base import (
    OPEN,
    RESOLVED,
    RemoteIssue,
    TicketSpec,
    Tracker,
    reopen_note,
    resolve_note,
)
from pipeline.trackers.http import JsonHttp, RetryPolicy

CREATE, UPDATE, RESOLVE, REOPEN, UNCHANGED = "create", "update", "resolve", "reopen", "unchanged"
PENDING, DONE = "pending", "done"
ACTIONS = (CREATE, UPDATE, RESOLVE, REOPEN, UNCHANGED)


@dataclass(frozen=True)
class SyncState:
    remote_id: str | None
    outcome: str
    written_sha256: str | None
    written_status: str | None


@dataclass
class SyncReport:
    """What a sync did (or, dry, would do) per ticket; `deferred` waits for the write budget."""

    tracker: str
    dry_run: bool
    actions: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)
    writes: int = 0
    note: str | None = None

    def counts(self) -> Counter[str]:
        return Counter(self.actions.values())

    def lines(self) -> list[str]:
        verb = "would" if self.dry_run else "did"
        counts = self.counts()
        summary = ", ".join(f"{counts.get(action, 0)} {action}" for action in ACTIONS)
        lines = [f"sync to {self.tracker} ({'dry run' if self.dry_run else 'written'}): {summary}"]
        for tid, action in sorted(self.actions.items()):
            if action != UNCHANGED:
                where = f" {self.urls[tid]}" if tid in self.urls else ""
                lines.append(f"  {verb} {action} {tid}{where}")
        if self.note:
            lines.append(f"  {self.note}")
        if self.deferred:
            lines.append(
                f"  write budget reached: {len(self.deferred)} tickets left for the next sync "
                f"({', '.join(self.deferred[:5])}{', ...' if len(self.deferred) > 5 else ''})"
            )
        return lines


def _secret(name: str, kind: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ConfigError(f"tracker {kind} needs ${name} (set it in the environment)")
    return value


def build_tracker(
    config: TrackerConfig, kind: str | None = None, sleep: Callable[[float], None] | None = None
) -> Tracker:
    """The configured remote tracker (or `kind`'s), credentials from the environment only."""
    kind = kind or config.kind
    policy = RetryPolicy(
        config.retries, config.backoff_seconds, config.max_wait_seconds, config.timeout_seconds
    )
    extra = {"sleep": sleep} if sleep else {}
    queues = tuple(TICKET_QUEUES)
    if kind == "redmine":
        settings = config.redmine
        _require(kind, url=settings.url, project=settings.project or _all(settings.queue_projects))
        _known_queues(kind, settings.queue_projects, settings.queue_trackers)
        http = JsonHttp(
            "redmine",
            settings.url,
            {"X-Redmine-API-Key": _secret(redmine.KEY_ENV, kind)},
            f"${redmine.KEY_ENV}",
            policy,
            **extra,
        )
        return redmine.RedmineTracker(settings, http)
    if kind == "github":
        settings_gh = config.github
        _require(kind, repository=settings_gh.repository)
        _known_queues(kind, settings_gh.queue_labels)
        headers = {
            "Authorization": f"Bearer {_secret(github.TOKEN_ENV, kind)}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
        http = JsonHttp(
            "github", settings_gh.api_url, headers, f"${github.TOKEN_ENV}", policy, **extra
        )
        return github.GitHubTracker(settings_gh, http, queues)
    if kind == "jira":
        settings_j = config.jira
        _require(
            kind, url=settings_j.url, project=settings_j.project or _all(settings_j.queue_projects)
        )
        _known_queues(
            kind, settings_j.queue_projects, settings_j.queue_issue_types, settings_j.queue_labels
        )
        auth = (_secret(jira.EMAIL_ENV, kind), _secret(jira.TOKEN_ENV, kind))
        http = JsonHttp(
            "jira",
            settings_j.url,
            {},
            f"${jira.EMAIL_ENV} and ${jira.TOKEN_ENV}",
            policy,
            auth=auth,
            **extra,
        )
        return jira.JiraTracker(settings_j, http, queues)
    raise ConfigError(
        f"tracker {kind!r} is not a remote tracker (set tracker.kind or --tracker to redmine, "
        "github or jira; the embedded tracker is tracker.tickets, written by every run)"
    )


def _all(mapping: dict[str, str]) -> str:
    """A per-queue mapping stands in for the default only when it names every queue."""
    return "per queue" if set(TICKET_QUEUES) <= set(mapping) else ""


def _require(kind: str, **settings: str) -> None:
    missing = [name for name, value in settings.items() if not value]
    if missing:
        raise ConfigError(
            f"tracker {kind} needs tracker.{kind}.{missing[0]} in the config file "
            "(see README, Pushing tickets to a tracker)"
        )


def _known_queues(kind: str, *mappings: dict[str, str]) -> None:
    for mapping in mappings:
        unknown = sorted(set(mapping) - set(TICKET_QUEUES))
        if unknown:
            raise ConfigError(
                f"tracker.{kind}: unknown queue {unknown[0]!r} (queues: {', '.join(TICKET_QUEUES)})"
            )


def ticket_specs(conn: duckdb.DuckDBPyConnection) -> list[TicketSpec]:
    """The embedded tracker's tickets, as of the latest day synced into it."""
    rows = conn.execute(
        """select ticket_id, queue, title, body_markdown, status, resolution
           from tracker.tickets order by ticket_id"""
    ).fetchall()
    return [TicketSpec(*row) for row in rows]


def _has_table(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".")
    query = "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?"
    return bool(conn.execute(query, [schema, name]).fetchone()[0])


def _states(conn: duckdb.DuckDBPyConnection, tracker: str) -> dict[str, SyncState]:
    """A warehouse written before remote trackers has no sync state: nothing synced yet."""
    if not _has_table(conn, "tracker.sync_state"):
        return {}
    rows = conn.execute(
        """select ticket_id, remote_id, outcome, written_sha256, written_status
           from tracker.sync_state where tracker = ?""",
        [tracker],
    ).fetchall()
    return {row[0]: SyncState(*row[1:]) for row in rows}


def _record_intent(
    conn: duckdb.DuckDBPyConnection,
    tracker: str,
    spec: TicketSpec,
    action: str,
    remote_id: str | None,
) -> None:
    conn.execute(
        """insert into tracker.sync_state (tracker, ticket_id, remote_id, action, outcome,
               intended_sha256, intent_at)
           values (?, ?, ?, ?, 'pending', ?, ?)
           on conflict (tracker, ticket_id) do update set
               remote_id = coalesce(excluded.remote_id, sync_state.remote_id),
               action = excluded.action, outcome = 'pending',
               intended_sha256 = excluded.intended_sha256, intent_at = excluded.intent_at""",
        [tracker, spec.ticket_id, remote_id, action, spec.fingerprint, _now()],
    )


def _record_outcome(
    conn: duckdb.DuckDBPyConnection, tracker: str, spec: TicketSpec, remote: RemoteIssue
) -> None:
    conn.execute(
        """update tracker.sync_state set remote_id = ?, remote_url = ?, outcome = 'done',
               written_sha256 = intended_sha256, written_status = ?, outcome_at = ?
           where tracker = ? and ticket_id = ?""",
        [remote.remote_id, remote.url, spec.status, _now(), tracker, spec.ticket_id],
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _planned_writes(
    tracker: Tracker, spec: TicketSpec, state: SyncState | None, remote: RemoteIssue | None
) -> list[str]:
    """The writes `spec` still lacks on `remote`, from what the tracker shows now.

    Status moves only when the pipeline's own status changed since it last wrote, and only if
    the tracker is not there already: a status people set, and a write a killed run made, are
    not overwritten or repeated.
    """
    if remote is None:
        return [CREATE] if spec.is_open else []
    writes = [UPDATE] if tracker.differs(remote, spec) else []
    # with no record of a write (state lost, or a create killed before its outcome) the
    # tracker's status is people's or already right: leave it
    last_status = state.written_status if state and state.written_status else spec.status
    if last_status == OPEN and not spec.is_open and remote.is_open:
        writes.append(RESOLVE)
    if last_status == RESOLVED and spec.is_open and not remote.is_open:
        writes.append(REOPEN)
    return writes


def _action(writes: list[str]) -> str:
    """The one word a plan shows per ticket: its lifecycle move if any, else the edit."""
    for action in (CREATE, REOPEN, RESOLVE, UPDATE):
        if action in writes:
            return action
    return UNCHANGED


def sync_to_tracker(
    conn: duckdb.DuckDBPyConnection,
    tracker: Tracker,
    write_budget: int,
    dry_run: bool = False,
) -> SyncReport:
    """Push every ticket of `tracker.tickets`; with `dry_run` only read and plan.

    Raises TrackerError (a search that failed included) and stops there: what was written before
    is recorded, and the next run goes on from it.
    """
    report = SyncReport(tracker.key, dry_run)
    states = _states(conn, tracker.key)
    for spec in ticket_specs(conn):
        state = states.get(spec.ticket_id)
        if state and state.outcome == DONE and state.written_sha256 == spec.fingerprint:
            report.actions[spec.ticket_id] = UNCHANGED
            continue
        if not dry_run and report.writes >= write_budget:
            report.deferred.append(spec.ticket_id)
            continue
        known = state.remote_id if state else None
        remote = tracker.fetch(known, spec.ticket_id) if known else tracker.find(spec.ticket_id)
        writes = _planned_writes(tracker, spec, state, remote)
        if not writes and remote is None:
            continue  # resolved before it was ever pushed: nothing to show anyone
        report.actions[spec.ticket_id] = _action(writes)
        if remote is not None:
            report.urls[spec.ticket_id] = remote.url
        if dry_run:
            continue
        # a ticket's writes are never split: the first ticket may overrun a tiny budget
        if report.writes and report.writes + len(writes) > write_budget:
            report.deferred.append(spec.ticket_id)
            del report.actions[spec.ticket_id]
            continue
        _record_intent(conn, tracker.key, spec, _action(writes), known)
        for write in writes:
            if write == CREATE:
                remote = tracker.create(spec)
                report.urls[spec.ticket_id] = remote.url
            elif write == UPDATE:
                tracker.update(remote, spec)
            elif write == RESOLVE:
                tracker.resolve(remote, spec, resolve_note(spec))
            else:
                tracker.reopen(remote, spec, reopen_note(spec))
            report.writes += 1
        _record_outcome(conn, tracker.key, spec, remote)
    return report


def run_sync(
    conn: duckdb.DuckDBPyConnection,
    config: TrackerConfig,
    kind: str | None = None,
    dry_run: bool = False,
    sleep: Callable[[float], None] | None = None,
) -> SyncReport:
    """The sync the CLI and the `tracker_sync` asset run: `kind` (default `tracker.kind`)."""
    if not _has_table(conn, "tracker.tickets"):
        raise ConfigError(
            "the warehouse has no tickets yet (run `refusal-backlog run` or `demo` first)"
        )
    kind = kind or config.kind
    if kind == "embedded":
        report = SyncReport("embedded", dry_run)
        report.actions = {spec.ticket_id: UNCHANGED for spec in ticket_specs(conn)}
        report.note = (
            "the embedded tracker is tracker.tickets and OUTPUTS/tickets, written by every run; "
            "set tracker.kind (or --tracker) to redmine, github or jira to push"
        )
        return report
    tracker = build_tracker(config, kind, sleep)
    return sync_to_tracker(conn, tracker, config.write_budget, dry_run)
