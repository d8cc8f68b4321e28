"""Jira Cloud over REST v3: the ticket id as a label, the evidence as a delimited ADF block.

Descriptions are Atlassian Document Format: the evidence section is a code block between two
marker paragraphs, and splicing replaces only the nodes between them. Issues are searched with
JQL on the id label (`/rest/api/3/search/jql`); JQL without a status clause covers every status.
Resolve and reopen are workflow transitions: the configured one, else the first into (out of)
the done status category.
"""

from __future__ import annotations

from typing import Any

from pipeline.config import JiraSettings
from pipeline.trackers.base import (
    EVIDENCE_END,
    RemoteIssue,
    TicketSpec,
    TrackerError,
    evidence_start,
    normalized,
)
from pipeline.trackers.http import JsonHttp

EMAIL_ENV, TOKEN_ENV = "JIRA_EMAIL", "JIRA_API_TOKEN"
FIELDS = "summary,description,labels,status,project,issuetype"
DONE = "done"


def _paragraph(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "content": [{"type": "text", "text": text}]}


def _text_of(node: dict[str, Any]) -> str:
    return "".join(child.get("text", "") for child in node.get("content", []))


def _section(ticket_id: str, evidence: str) -> list[dict[str, Any]]:
    block = {
        "type": "codeBlock",
        "attrs": {"language": "markdown"},
        "content": [{"type": "text", "text": normalized(evidence)}],
    }
    return [_paragraph(evidence_start(ticket_id)), block, _paragraph(EVIDENCE_END)]


def _bounds(nodes: list[dict[str, Any]], ticket_id: str) -> tuple[int, int] | None:
    texts = [_text_of(node) if node.get("type") == "paragraph" else None for node in nodes]
    start = evidence_start(ticket_id)
    if start not in texts:
        return None
    first = texts.index(start)
    if EVIDENCE_END not in texts[first:]:
        return None
    return first, first + texts[first:].index(EVIDENCE_END)


def evidence_in_adf(doc: dict[str, Any] | None, ticket_id: str) -> str | None:
    nodes = (doc or {}).get("content", [])
    bounds = _bounds(nodes, ticket_id)
    if bounds is None:
        return None
    return normalized("\n".join(_text_of(node) for node in nodes[bounds[0] + 1 : bounds[1]]))


def with_evidence_adf(doc: dict[str, Any] | None, ticket_id: str, evidence: str) -> dict:
    """The description with its evidence nodes replaced (or put first); other nodes kept."""
    nodes = list((doc or {}).get("content", []))
    bounds = _bounds(nodes, ticket_id)
    section = _section(ticket_id, evidence)
    if bounds is None:
        nodes = section + nodes
    else:
        nodes[bounds[0] : bounds[1] + 1] = section
    return {"type": "doc", "version": 1, "content": nodes}


class JiraTracker:
    def __init__(self, settings: JiraSettings, http: JsonHttp, queues: tuple[str, ...]) -> None:
        self.settings, self.http, self.queues = settings, http, queues
        self.key = f"jira:{settings.url.rstrip('/')}"

    def id_label(self, ticket_id: str) -> str:
        return f"{self.settings.marker_label}-{ticket_id}"

    def queue_label(self, queue: str) -> str:
        return self.settings.queue_labels.get(queue, f"queue-{queue}")

    def project(self, queue: str) -> str:
        return self.settings.queue_projects.get(queue, self.settings.project)

    def issue_type(self, queue: str) -> str:
        return self.settings.queue_issue_types.get(queue, self.settings.issue_type)

    def _labels(self, spec: TicketSpec, current: list[str]) -> list[str]:
        owned = {self.settings.marker_label, *(self.queue_label(q) for q in self.queues)}
        kept = [label for label in current if label not in owned]
        labels = {*kept, self.settings.marker_label, self.id_label(spec.ticket_id)}
        return sorted(labels | {self.queue_label(spec.queue)})

    def _issue(self, data: dict[str, Any]) -> RemoteIssue:
        category = data["fields"]["status"]["statusCategory"]["key"]
        return RemoteIssue(
            remote_id=data["key"],
            url=f"{self.http.base_url}/browse/{data['key']}",
            is_open=category != DONE,
            raw=data,
        )

    def find(self, ticket_id: str) -> RemoteIssue | None:
        params = {"jql": f'labels = "{self.id_label(ticket_id)}"', "fields": FIELDS}
        data = self.http.request(
            "GET",
            "/rest/api/3/search/jql",
            "search",
            ticket_id,
            params={**params, "maxResults": 10},
        ).json()
        issues = data.get("issues", [])
        if len(issues) > 1:
            keys = ", ".join(issue["key"] for issue in issues)
            raise TrackerError(
                f"jira: ticket {ticket_id} has {len(issues)} issues ({keys}) "
                f"(close all but one and remove label {self.id_label(ticket_id)} from the others)"
            )
        return self._issue(issues[0]) if issues else None

    def fetch(self, remote_id: str, ticket_id: str) -> RemoteIssue:
        path = f"/rest/api/3/issue/{remote_id}"
        data = self.http.request("GET", path, "read", ticket_id, params={"fields": FIELDS})
        return self._issue(data.json())

    def create(self, spec: TicketSpec) -> RemoteIssue:
        fields = {
            "project": {"key": self.project(spec.queue)},
            "issuetype": {"name": self.issue_type(spec.queue)},
            "summary": spec.title,
            "description": with_evidence_adf(None, spec.ticket_id, spec.evidence),
            "labels": self._labels(spec, []),
        }
        created = self.http.request(
            "POST", "/rest/api/3/issue", "create", spec.ticket_id, body={"fields": fields}
        ).json()
        return self.fetch(created["key"], spec.ticket_id)

    def differs(self, remote: RemoteIssue, spec: TicketSpec) -> bool:
        fields = remote.raw["fields"]
        current = list(fields.get("labels", []))
        evidence = evidence_in_adf(fields.get("description"), spec.ticket_id)
        return (
            fields["summary"] != spec.title
            or evidence != normalized(spec.evidence)
            or sorted(current) != self._labels(spec, current)
        )

    def update(self, remote: RemoteIssue, spec: TicketSpec) -> None:
        fields = remote.raw["fields"]
        body = {
            "fields": {
                "summary": spec.title,
                "description": with_evidence_adf(
                    fields.get("description"), spec.ticket_id, spec.evidence
                ),
                "labels": self._labels(spec, list(fields.get("labels", []))),
            }
        }
        path = f"/rest/api/3/issue/{remote.remote_id}"
        self.http.request("PUT", path, "update", spec.ticket_id, body=body)

    def _transition(self, remote: RemoteIssue, spec: TicketSpec, to_done: bool, note: str) -> None:
        path = f"/rest/api/3/issue/{remote.remote_id}"
        name = self.settings.resolve_transition if to_done else self.settings.reopen_transition
        available = self.http.request(
            "GET", f"{path}/transitions", "transition lookup", spec.ticket_id
        ).json()["transitions"]

        def fits(transition: dict[str, Any]) -> bool:
            if name:
                return transition["name"] == name
            return (transition["to"]["statusCategory"]["key"] == DONE) == to_done

        chosen = [transition for transition in available if fits(transition)]
        if not chosen:
            wanted = repr(name) if name else ("into" if to_done else "out of") + " a done status"
            names = ", ".join(t["name"] for t in available) or "none"
            raise TrackerError(
                f"jira: issue {remote.remote_id} of ticket {spec.ticket_id} has no transition "
                f"{wanted} (available: {names}; set tracker.jira.resolve_transition / "
                "reopen_transition)"
            )
        comment = {"type": "doc", "version": 1, "content": [_paragraph(note)]}
        self.http.request(
            "POST", f"{path}/comment", "comment", spec.ticket_id, body={"body": comment}
        )
        self.http.request(
            "POST",
            f"{path}/transitions",
            "status change",
            spec.ticket_id,
            body={"transition": {"id": chosen[0]["id"]}},
        )

    def resolve(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._transition(remote, spec, True, note)

    def reopen(self, remote: RemoteIssue, spec: TicketSpec, note: str) -> None:
        self._transition(remote, spec, False, note)
