"""GitHub's issue endpoints as `responses` callbacks over an in-memory repository, answering
in the documented shapes (REST API 2022-11-28): enough of GitHub for the adapter's tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import responses

from tests.trackers.faults import Faults

API = "https://api.github.com"
REPO = "acme/assistant"
ISSUES = f"{API}/repos/{REPO}/issues"


@dataclass
class FakeGitHub:
    issues: dict[int, dict] = field(default_factory=dict)
    comments: dict[int, list[str]] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)

    def add_issue(self, title: str, body: str, labels: list[str], state: str = "open") -> dict:
        number = len(self.issues) + 1
        self.issues[number] = {
            "number": number,
            "html_url": f"https://github.com/{REPO}/issues/{number}",
            "title": title,
            "body": body,
            "state": state,
            "labels": [{"name": name} for name in labels],
            "assignees": [],
        }
        return self.issues[number]

    def fail_next(
        self, method: str, url: str, status: int, headers: dict | None = None, body=None
    ) -> None:
        self.faults.add(method, url, status, headers, body or {"message": "fault"})


    def install(self, mock: responses.RequestsMock) -> None:
        def listing(request):
            if fault := self.faults.answer(request):
                return fault
            query = parse_qs(urlparse(request.url).query)
            label, state = query["labels"][0], query.get("state", ["open"])[0]
            hits = [
                issue
                for issue in self.issues.values()
                if label in {lab["name"] for lab in issue["labels"]}
                and (state == "all" or issue["state"] == state)
            ]
            return 200, {}, json.dumps(hits)

        def create(request):
            if fault := self.faults.answer(request):
                return fault
            data = json.loads(request.body)
            issue = self.add_issue(data["title"], data.get("body", ""), data.get("labels", []))
            return 201, {}, json.dumps(issue)

        def one(request):
            if fault := self.faults.answer(request):
                return fault
            number = int(request.url.split("?")[0].rstrip("/").split("/")[-1])
            issue = self.issues.get(number)
            if issue is None:
                return 404, {}, json.dumps({"message": "Not Found"})
            if request.method == "PATCH":
                data = json.loads(request.body)
                for key in ("title", "body", "state"):
                    if key in data:
                        issue[key] = data[key]
                if "labels" in data:
                    issue["labels"] = [{"name": name} for name in data["labels"]]
            return 200, {}, json.dumps(issue)

        def comment(request):
            if fault := self.faults.answer(request):
                return fault
            number = int(request.url.split("/")[-2])
            self.comments.setdefault(number, []).append(json.loads(request.body)["body"])
            return 201, {}, json.dumps({"id": 1, "body": json.loads(request.body)["body"]})

        mock.add_callback(responses.GET, ISSUES, callback=listing)
        mock.add_callback(responses.POST, ISSUES, callback=create)
        mock.add_callback(responses.GET, re.compile(rf"{ISSUES}/\d+(\?.*)?$"), callback=one)
        mock.add_callback(responses.PATCH, re.compile(rf"{ISSUES}/\d+(\?.*)?$"), callback=one)
        mock.add_callback(responses.POST, re.compile(rf"{ISSUES}/\d+/comments$"), callback=comment)
