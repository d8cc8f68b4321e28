"""GitHub Issues over REST: the ticket id in a hidden comment opening the evidence section.

Issues are found by listing the marker label with `state=all` (closed issues too), not by the
search API, whose index lags writes: a search right after a killed create could miss the issue
and create it again. Each queue is a label; labels people add are kept.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.config import GitHubSettings
from pipeline.trackers.base import (
    RemoteIssue,
    TicketSpec,
    TrackerError,
    evidence_in,
    normalized,
    ticket_id_in,
    with_evidence,
)
from pipeline.trackers.http import JsonHttp

TOKEN_ENV = "GITHUB_TOKEN"
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class GitHubTracker:
    def __init__(self, settings: GitHubSettings, http: JsonHttp, queues: tuple[str, ...]) -> None:
        self.settings, self.http, self.queues = settings, http, queues
        self.key = f"github:{settings.repository}"
        self.repo_path = f"/repos/{settings.repository}"
        self._by_ticket: dict[str, RemoteIssue] | None = None

    def queue_label(self, queue: str) -> str:
        return self.settings.queue_labels.get(queue, f"queue:{queue}")

    def _labels(self, spec: TicketSpec, current: list[str]) -> list[str]:
        """Labels people added stay; the pipeline's own (marker and queues) are set."""
        owned = {self.settings.marker_label, *(self.queue_label(q) for q in self.queues)}
        kept = [label for label in current if label not in owned]
        return sorted({*kept, self.settings.marker_label, self.queue_label(spec.queue)})

    def _issue(self, data: dict[str, Any]) -> RemoteIssue:
        return RemoteIssue(
            remote_id=str(data["number"]),
            url=data.get("html_url", ""),
            is_open=data["state"] == "open",
            raw=data,
        )

    def _listed(self, ticket_id: str) -> dict[str, RemoteIssue]:
        """Every issue with the marker label, open or closed, by ticket id (one listing a run)."""
        if self._by_ticket is not None:
            return self._by_ticket
        found: dict[str, list[dict[str, Any]]] = {}
        url: str | None = f"{self.repo_path}/issues"
        params: dict[str, Any] | None = {
            "labels": self.settings.marker_label,
            "state": "all",
            "per_page": 100,
        }
        while url:
            response = self.http.request("GET", url, "search", ticket_id, params=params)
            for item in response.json():
                tid = ticket_id_in(item.get("body"))
                if tid and "pull_request" not in item:
                    found.setdefault(tid, []).append(item)
            match = _NEXT.search(response.headers.get("Link", ""))
            url, params = (match.group(1), None) if match else (None, None)
        duplicated = {tid: items for tid, items in found.items() if len(items) > 1}
        if duplicated:
            tid, items = next(iter(sorted(duplicated.items())))
            numbers = ", ".join(f"#{item['number']}" for item in items)
            raise TrackerError(
                f"github: ticket {tid} has {len(items)} issues ({numbers}) "
                "(close all but one and delete the others' evidence section)"
            )
        self._by_ticket = {tid: self._issue(items[0]) for tid, items in found.items()}
        return self._by_ticket

    def find(self, ticket_id: str) -> RemoteIssue | None:
        return self._listed(ticket_id).get(ticket_id)

    def fetch(self, remote_id: str, ticket_id: str) -> RemoteIssue:
        path = f"{self.repo_path}/issues/{remote_id}"
        return self._issue(self.http.request("GET", path, "read", ticket_id).json())

    def create(self, spec: TicketSpec) -> RemoteIssue:
        body = {
            "title": spec.title,
            "body": with_evidence(None, spec.ticket_id, spec.evidence),
            "labels": self._labels(spec, []),
        }
        response = self.http.request(
            "POST", f"{self.repo_path}/issues", "create", spec.ticket_id, body=body
        )
        return self._issue(response.json())

    def differs(self, remote: RemoteIssue, spec: TicketSpec) -> bool:
        raw = remote.raw
        current = [label["name"] for label in raw.get("labels", [])]
        return (
            raw["title"] != spec.title
            or evidence_in(raw.get("body"), spec.ticket_id) != normalized(spec.evidence)
            or sorted(current) != self._labels(spec, current)
        )

    def update(self, remote: RemoteIssue, spec: TicketSpec) -> None:
        raw = remote.raw
        body = {
            "title": spec.title,
            "body": with_evidence(raw.get("body"), spec.ticket_id, spec.evidence),
            "labels": self._labels(spec, [label["name"] for label in raw.get("labels", [])]),
        }
        path = f"{self.repo_path}/issues/{remote.remote_id}"
        self.http.request("PATCH", path, "update", spec.ticket_id, body=body)

    def _set_state(self, remote: RemoteIssue, spec: TicketSpec, state: dict, note: str) -> None:
        path = f"{self.repo_path}/issues/{remote.remote_id}"
        self.http.request(
            "POST", f"{path}/comments", "comment", spec.ticket_id, body={"body": note}
        )
        self.http.request("PATCH", path, "status change", spec.ticket_id, body=state)

    def resolve(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._set_state(remote, spec, {"state": "closed", "state_reason": "not_planned"}, note)

    def reopen(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._set_state(remote, spec, {"state": "open"}, note)
