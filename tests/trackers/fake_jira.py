"""Jira Cloud's REST v3 issue endpoints as `responses` callbacks over an in-memory site: search
(`/rest/api/3/search/jql`), create, read, edit, comments and workflow transitions, in the
documented request and response shapes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import responses

from tests.trackers.faults import Faults

SITE = "https://acme.atlassian.net"
API = f"{SITE}/rest/api/3"
STATUSES = {
    "To Do": {"name": "To Do", "statusCategory": {"key": "new"}},
    "In Progress": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
    "Done": {"name": "Done", "statusCategory": {"key": "done"}},
}
TRANSITIONS = [
    {"id": "11", "name": "To Do", "to": STATUSES["To Do"]},
    {"id": "21", "name": "In Progress", "to": STATUSES["In Progress"]},
    {"id": "31", "name": "Done", "to": STATUSES["Done"]},
]


@dataclass
class FakeJira:
    issues: dict[str, dict] = field(default_factory=dict)
    comments: dict[str, list[dict]] = field(default_factory=dict)
    searches: list[str] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)

    def add_issue(self, fields: dict, status: str = "To Do") -> dict:
        key = f"{fields['project']['key']}-{len(self.issues) + 1}"
        self.issues[key] = {
            "id": str(10000 + len(self.issues)),
            "key": key,
            "fields": {**fields, "status": STATUSES[status], "assignee": None},
        }
        return self.issues[key]

    def fail_next(self, method: str, path: str, status: int, headers=None, body=None) -> None:
        self.faults.add(method, f"{API}{path}", status, headers, body or {})


    def install(self, mock: responses.RequestsMock) -> None:
        def search(request):
            if fault := self.faults.answer(request):
                return fault
            jql = parse_qs(urlparse(request.url).query)["jql"][0]
            self.searches.append(jql)
            label = re.fullmatch(r'labels = "([^"]+)"', jql).group(1)
            hits = [i for i in self.issues.values() if label in i["fields"].get("labels", [])]
            return 200, {}, json.dumps({"issues": hits, "isLast": True})

        def create(request):
            if fault := self.faults.answer(request):
                return fault
            issue = self.add_issue(json.loads(request.body)["fields"])
            return 201, {}, json.dumps({"id": issue["id"], "key": issue["key"], "self": "x"})

        def one(request):
            if fault := self.faults.answer(request):
                return fault
            key = request.url.split("?")[0].split("/")[-1]
            if key not in self.issues:
                return 404, {}, json.dumps({"errorMessages": ["Issue does not exist"]})
            if request.method == "PUT":
                self.issues[key]["fields"].update(json.loads(request.body)["fields"])
                return 204, {}, ""
            return 200, {}, json.dumps(self.issues[key])

        def transitions(request):
            key = request.url.split("?")[0].split("/")[-2]
            if request.method == "GET":
                return 200, {}, json.dumps({"transitions": TRANSITIONS})
            chosen = json.loads(request.body)["transition"]["id"]
            (target,) = [t["to"] for t in TRANSITIONS if t["id"] == chosen]
            self.issues[key]["fields"]["status"] = target
            return 204, {}, ""

        def comment(request):
            key = request.url.split("/")[-2]
            self.comments.setdefault(key, []).append(json.loads(request.body)["body"])
            return 201, {}, json.dumps({"id": "1"})

        issue = re.compile(rf"{API}/issue/[A-Z]+-\d+(\?.*)?$")
        mock.add_callback(responses.GET, f"{API}/search/jql", callback=search)
        mock.add_callback(responses.POST, f"{API}/issue", callback=create)
        mock.add_callback(responses.GET, issue, callback=one)
        mock.add_callback(responses.PUT, issue, callback=one)
        for method in (responses.GET, responses.POST):
            mock.add_callback(
                method, re.compile(rf"{API}/issue/[A-Z]+-\d+/transitions$"), callback=transitions
            )
        mock.add_callback(
            responses.POST, re.compile(rf"{API}/issue/[A-Z]+-\d+/comment$"), callback=comment
        )
