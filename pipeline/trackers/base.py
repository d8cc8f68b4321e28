"""What every remote tracker adapter offers the sync, and the evidence section they share.

The pipeline owns a ticket's title, its labels and the evidence section of its description;
everything else on a remote issue (assignee, comments, status changes, text outside the section)
belongs to people and is never written.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.config import ConfigError

OPEN, RESOLVED = "open", "resolved"


class TrackerError(ConfigError):
    """A tracker refused or could not answer a request: names the tracker, ticket and the fix."""


@dataclass(frozen=True)
class TicketSpec:
    """A ticket as the embedded tracker holds it: what the remote issue should show."""

    ticket_id: str
    queue: str
    title: str
    evidence: str
    status: str
    resolution: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def fingerprint(self) -> str:
        """Of every field the sync writes: an unchanged fingerprint needs no request at all."""
        fields = [self.ticket_id, self.queue, self.title, self.evidence, self.status]
        return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


@dataclass
class RemoteIssue:
    """An issue as the tracker returned it; `raw` is the adapter's own JSON."""

    remote_id: str
    url: str
    is_open: bool
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


class Tracker(Protocol):
    """One remote tracker. `find` searches over every status and raises TrackerError when the
    search fails: a sync that cannot tell whether an issue exists must not create one."""

    key: str

    def find(self, ticket_id: str) -> RemoteIssue | None: ...

    def fetch(self, remote_id: str, ticket_id: str) -> RemoteIssue: ...

    def create(self, spec: TicketSpec) -> RemoteIssue: ...

    def differs(self, remote: RemoteIssue, spec: TicketSpec) -> bool:
        """Whether a field the pipeline owns (title, evidence, labels, queue) differs."""
        ...

    def update(self, remote: RemoteIssue, spec: TicketSpec) -> None: ...

    def resolve(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None: ...

    def reopen(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None: ...


def evidence_start(ticket_id: str) -> str:
    """Opens the evidence section; carries the ticket id, so the body alone identifies it."""
    return f"<!-- refusal-backlog {ticket_id} evidence: rewritten by each sync -->"


EVIDENCE_END = "<!-- refusal-backlog evidence end: write below this line -->"
_START = re.compile(r"<!-- refusal-backlog (RB-[A-Za-z0-9-]+) evidence: rewritten by each sync -->")


def normalized(text: str) -> str:
    """Trackers store text with CRLF line ends (Redmine does); compare and splice on LF."""
    return text.replace("\r\n", "\n").strip("\n")


def ticket_id_in(body: str | None) -> str | None:
    match = _START.search(body or "")
    return match.group(1) if match else None


def evidence_in(body: str | None, ticket_id: str) -> str | None:
    """The evidence section's text, None when the body has no intact section."""
    text = normalized(body or "")
    start, end = evidence_start(ticket_id), EVIDENCE_END
    if start not in text or end not in text.split(start, 1)[1]:
        return None
    return normalized(text.split(start, 1)[1].split(end, 1)[0])


def with_evidence(body: str | None, ticket_id: str, evidence: str) -> str:
    """`body` with its evidence section replaced (or, when missing, put first): the text
    people wrote around it stays as it is."""
    section = f"{evidence_start(ticket_id)}\n{normalized(evidence)}\n{EVIDENCE_END}"
    text = normalized(body or "")
    start = evidence_start(ticket_id)
    if start in text and EVIDENCE_END in text.split(start, 1)[1]:
        before, rest = text.split(start, 1)
        after = rest.split(EVIDENCE_END, 1)[1]
        return f"{before}{section}{after}"
    return f"{section}\n\n{text}" if text else section


def resolve_note(spec: TicketSpec) -> str:
    return f"Resolved by refusal-backlog: {spec.resolution or 'the route left the queues'}."


def reopen_note(spec: TicketSpec) -> str:
    return f"Reopened by refusal-backlog: the route is back in the {spec.queue} queue."
