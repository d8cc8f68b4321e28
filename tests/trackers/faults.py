"""Faults the HTTP-level tracker fakes answer once, before their normal answer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Faults:
    # (method, url without query, status, headers, body)
    queued: list[tuple[str, str, int, dict[str, str], dict]] = field(default_factory=list)

    def add(self, method: str, url: str, status: int, headers: dict | None, body: dict) -> None:
        self.queued.append((method, url, status, headers or {}, body))

    def answer(self, request) -> tuple | None:
        """The first queued fault for this request's method and URL, taken off the queue."""
        for index, (method, url, status, headers, body) in enumerate(self.queued):
            if request.method == method and request.url.split("?")[0] == url:
                del self.queued[index]
                return status, headers, json.dumps(body)
        return None
