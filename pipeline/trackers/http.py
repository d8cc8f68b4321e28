"""JSON over HTTP for every adapter: one retry rule, one error message format.

The adapters share this instead of three clients' own retry logic (python-redmine has none,
PyGithub and jira each their own): 429 and 5xx (and GitHub's 403 with an exhausted rate limit)
are retried with exponential backoff and full jitter, waiting what `Retry-After` (or GitHub's
`X-RateLimit-Reset`) says when the tracker says it; 401/403/404/422 fail at once with a message
naming the tracker, the ticket and what to fix. A POST (create, comment, transition) is retried
only when rate limited: after a 5xx or a lost answer it may have been written, and the next
sync's search settles that instead of a blind second POST that could duplicate it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from pipeline.trackers.base import TrackerError

FIXES = {
    400: "the request was malformed; the tracker's answer says which field",
    401: "the credentials were refused: check {credentials}",
    403: "the account lacks permission for this: grant it or use another account",
    404: "not found: check the URL, project or repository in [tracker] of the config",
    410: "the issue was deleted: remove its row from tracker.sync_state to recreate it",
    422: "the tracker rejected the fields: check the queue's project, type or labels in the config",
}


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 5
    backoff_seconds: float = 1.0
    max_wait_seconds: float = 120.0
    timeout_seconds: float = 30.0


class JsonHttp:
    """A session against one tracker's base URL; `sleep` is injectable so tests do not wait."""

    def __init__(
        self,
        tracker: str,
        base_url: str,
        headers: dict[str, str],
        credentials: str,
        policy: RetryPolicy,
        auth: tuple[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.tracker, self.base_url = tracker, base_url.rstrip("/")
        self.credentials, self.policy, self.sleep = credentials, policy, sleep
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json", **headers})
        if auth:
            self.session.auth = auth

    def request(
        self,
        method: str,
        path: str,
        what: str,
        ticket: str | None = None,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> requests.Response:
        """The response of a 2xx answer; TrackerError for anything else, after retries."""
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        subject = f"{self.tracker}: {what}" + (f" of ticket {ticket}" if ticket else "")
        for attempt in range(self.policy.retries + 1):
            try:
                response = self.session.request(
                    method, url, params=params, json=body, timeout=self.policy.timeout_seconds
                )
            except requests.RequestException as exc:
                if attempt == self.policy.retries or method == "POST":
                    raise TrackerError(
                        f"{subject} failed: no answer from {self.base_url} "
                        f"({type(exc).__name__}) after {attempt + 1} tries "
                        "(check the URL and that the tracker is up)"
                    ) from exc
                self._wait(self._backoff(attempt), subject)
                continue
            if response.ok:
                return response
            wait = self._retry_wait(response, attempt, method)
            if wait is None or attempt == self.policy.retries:
                raise TrackerError(self._message(subject, response, attempt))
            self._wait(wait, subject)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self.policy.max_wait_seconds, self.policy.backoff_seconds * 2**attempt)
        return random.uniform(0, ceiling)

    def _retry_wait(self, response: requests.Response, attempt: int, method: str) -> float | None:
        """Seconds to wait before retrying `response`, None when retrying cannot help (or, for
        a POST that was not rate limited, could write twice)."""
        status, headers = response.status_code, response.headers
        rate_limited = status == 429 or (
            status == 403
            and (headers.get("X-RateLimit-Remaining") == "0" or "Retry-After" in headers)
        )
        if not rate_limited and (status < 500 or method == "POST"):
            return None
        if "Retry-After" in headers:
            return _seconds_until(headers["Retry-After"])
        if headers.get("X-RateLimit-Remaining") == "0" and "X-RateLimit-Reset" in headers:
            return max(0.0, float(headers["X-RateLimit-Reset"]) - time.time())
        return self._backoff(attempt)

    def _wait(self, seconds: float, subject: str) -> None:
        if seconds > self.policy.max_wait_seconds:
            raise TrackerError(
                f"{subject}: the tracker asks to wait {seconds:.0f} s, over "
                f"tracker.max_wait_seconds ({self.policy.max_wait_seconds:.0f} s) "
                "(run the sync again later; what was written is kept)"
            )
        self.sleep(seconds)

    def _message(self, subject: str, response: requests.Response, attempt: int) -> str:
        status = response.status_code
        detail = " ".join(_detail(response).split())[:300]
        fix = FIXES.get(status, "the tracker failed; run the sync again later")
        tries = f" after {attempt + 1} tries" if attempt else ""
        return (
            f"{subject} failed: HTTP {status} {response.reason or ''}".rstrip()
            + (f": {detail}" if detail else "")
            + f"{tries} ({fix.format(credentials=self.credentials)})"
        )


def _seconds_until(retry_after: str) -> float:
    """`Retry-After` is seconds or an HTTP date."""
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        when = parsedate_to_datetime(retry_after)
        return max(0.0, when.timestamp() - time.time())


def _detail(response: requests.Response) -> str:
    """The tracker's own words: Redmine's `errors`, GitHub's `message`, Jira's `errorMessages`."""
    try:
        data = response.json()
    except ValueError:
        return response.text[:300] if "html" not in response.headers.get("Content-Type", "") else ""
    if not isinstance(data, dict):
        return str(data)
    parts: list[str] = []
    for key in ("message", "errorMessages", "errors"):
        value = data.get(key)
        if isinstance(value, list):
            parts += [v if isinstance(v, str) else str(v) for v in value]
        elif isinstance(value, dict):
            parts += [f"{k}: {v}" for k, v in value.items()]
        elif value:
            parts.append(str(value))
    return "; ".join(parts)
