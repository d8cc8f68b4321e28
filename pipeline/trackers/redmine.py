"""Redmine over its REST API: one issue per ticket, found by a string custom field.

Each queue goes to its project (and Redmine tracker). Searches pass `status_id=*`: Redmine lists
only open issues otherwise, and would let a resolved ticket be created twice.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pipeline.config import RedmineSettings
from pipeline.trackers.base import (
    RemoteIssue,
    TicketSpec,
    TrackerError,
    evidence_in,
    normalized,
    with_evidence,
)
from pipeline.trackers.http import JsonHttp

KEY_ENV = "REFUSAL_BACKLOG_REDMINE_KEY"


class RedmineTracker:
    def __init__(self, settings: RedmineSettings, http: JsonHttp) -> None:
        self.settings, self.http = settings, http
        self.key = f"redmine:{settings.url.rstrip('/')}"
        self._project_ids: dict[str, int] = {}

    def project(self, queue: str) -> str:
        return self.settings.queue_projects.get(queue, self.settings.project)

    @cached_property
    def field_id(self) -> int:
        if self.settings.ticket_field_id:
            return self.settings.ticket_field_id
        try:
            fields = self._get("/custom_fields.json", "custom field lookup")["custom_fields"]
        except TrackerError as exc:
            raise TrackerError(
                f"{exc} (or set tracker.redmine.ticket_field_id: listing fields needs an admin)"
            ) from exc
        for item in fields:
            if item["name"] == self.settings.ticket_field and item["customized_type"] == "issue":
                return int(item["id"])
        raise TrackerError(
            f"redmine: no issue custom field named {self.settings.ticket_field!r} "
            "(create it in Administration > Custom fields: text, used as a filter, for all "
            "projects; or set tracker.redmine.ticket_field_id)"
        )

    @cached_property
    def statuses(self) -> dict[str, int]:
        data = self._get("/issue_statuses.json", "status lookup")
        return {item["name"]: int(item["id"]) for item in data["issue_statuses"]}

    @cached_property
    def trackers(self) -> dict[str, int]:
        data = self._get("/trackers.json", "tracker lookup")
        return {item["name"]: int(item["id"]) for item in data["trackers"]}

    def _named(self, names: dict[str, int], name: str, what: str) -> int:
        if name not in names:
            raise TrackerError(
                f"redmine: no {what} named {name!r} (the server has {', '.join(names)}; "
                "fix tracker.redmine in the config)"
            )
        return names[name]

    def _get(
        self, path: str, what: str, ticket: str | None = None, params: dict | None = None
    ) -> dict[str, Any]:
        return self.http.request("GET", path, what, ticket, params=params).json()

    def _issue(self, data: dict[str, Any]) -> RemoteIssue:
        return RemoteIssue(
            remote_id=str(data["id"]),
            url=f"{self.http.base_url}/issues/{data['id']}",
            is_open=not data["status"].get("is_closed", False),
            raw=data,
        )

    def find(self, ticket_id: str) -> RemoteIssue | None:
        params = {"status_id": "*", f"cf_{self.field_id}": ticket_id, "limit": 100}
        data = self._get("/issues.json", "search", ticket_id, params)
        hits = [issue for issue in data["issues"] if self._ticket_of(issue) == ticket_id]
        if len(hits) < len(data["issues"]):
            # Redmine drops a filter it cannot apply and lists every issue instead
            raise TrackerError(
                f"redmine: search of ticket {ticket_id} failed: Redmine ignored the filter on "
                f"custom field {self.field_id} (make {self.settings.ticket_field!r} a text field "
                "'used as a filter' for all projects, or fix tracker.redmine.ticket_field_id)"
            )
        if len(hits) > 1:
            ids = ", ".join(f"#{issue['id']}" for issue in hits)
            raise TrackerError(
                f"redmine: ticket {ticket_id} has {len(hits)} issues ({ids}) "
                "(close all but one and clear the others' ticket field)"
            )
        return self._issue(hits[0]) if hits else None

    def _ticket_of(self, issue: dict[str, Any]) -> str | None:
        values = [
            f.get("value") for f in issue.get("custom_fields", []) if f["id"] == self.field_id
        ]
        return values[0] if values else None

    def fetch(self, remote_id: str, ticket_id: str) -> RemoteIssue:
        return self._issue(self._get(f"/issues/{remote_id}.json", "read", ticket_id)["issue"])

    def _owned_fields(self, spec: TicketSpec, description: str | None) -> dict[str, Any]:
        tracker_name = self.settings.queue_trackers.get(spec.queue, self.settings.tracker)
        return {
            "project_id": self.project(spec.queue),
            "tracker_id": self._named(self.trackers, tracker_name, "tracker"),
            "subject": spec.title,
            "description": with_evidence(description, spec.ticket_id, spec.evidence),
        }

    def create(self, spec: TicketSpec) -> RemoteIssue:
        issue = {
            **self._owned_fields(spec, None),
            "custom_fields": [{"id": self.field_id, "value": spec.ticket_id}],
        }
        response = self.http.request(
            "POST", "/issues.json", "create", spec.ticket_id, body={"issue": issue}
        )
        created = response.json()["issue"]
        if self._ticket_of(created) != spec.ticket_id:
            raise TrackerError(
                f"redmine: issue #{created['id']} of ticket {spec.ticket_id} was created without "
                f"custom field {self.field_id}, so no search can find it (enable the field for "
                "every project and tracker, then delete the issue)"
            )
        return self._issue(created)

    def differs(self, remote: RemoteIssue, spec: TicketSpec) -> bool:
        raw = remote.raw
        tracker_name = self.settings.queue_trackers.get(spec.queue, self.settings.tracker)
        return (
            raw["subject"] != spec.title
            or evidence_in(raw.get("description"), spec.ticket_id) != normalized(spec.evidence)
            or raw["tracker"]["name"] != tracker_name
            or raw["project"]["id"] != self._project_id(self.project(spec.queue), spec.ticket_id)
        )

    def _project_id(self, identifier: str, ticket_id: str) -> int:
        """Issues name their project by id; the config by identifier."""
        if identifier not in self._project_ids:
            data = self._get(
                f"/projects/{identifier}.json", f"project {identifier} lookup", ticket_id
            )
            self._project_ids[identifier] = int(data["project"]["id"])
        return self._project_ids[identifier]

    def update(self, remote: RemoteIssue, spec: TicketSpec) -> None:
        fields = self._owned_fields(spec, remote.raw.get("description"))
        self.http.request(
            "PUT",
            f"/issues/{remote.remote_id}.json",
            "update",
            spec.ticket_id,
            body={"issue": fields},
        )

    def _set_status(self, remote: RemoteIssue, spec: TicketSpec, status: str, note: str) -> None:
        status_id = self._named(self.statuses, status, "issue status")
        self.http.request(
            "PUT",
            f"/issues/{remote.remote_id}.json",
            "status change",
            spec.ticket_id,
            body={"issue": {"status_id": status_id, "notes": note}},
        )

    def resolve(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._set_status(remote, spec, self.settings.resolved_status, note)

    def reopen(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._set_status(remote, spec, self.settings.reopened_status, note)
