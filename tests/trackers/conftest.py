"""A real Redmine from Debian's packages (`.ci/install-redmine`) on a free 127.0.0.1 port, with a
fresh SQLite database, and warehouses holding tickets for the sync tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import requests

from pipeline.tickets import sync_tickets
from pipeline.warehouse import connect

REDMINE_DIR = Path("/usr/share/redmine")
SEED = Path(__file__).with_name("redmine_seed.rb")
TICKET_FIELD = "Refusal-backlog ticket"
# one project per destination queue, and the default project
PROJECTS = {
    "classifier_tuning": "rb-classifier",
    "product_backlog": "rb-product",
    "policy_review": "rb-policy",
    "trust_and_safety": "rb-safety",
}
BOOT_SECONDS = 120


@dataclass(frozen=True)
class Redmine:
    url: str
    api_key: str
    ticket_field_id: int

    def get(self, path: str, **params: object) -> dict:
        response = requests.get(
            f"{self.url}{path}", params=params, headers={"X-Redmine-API-Key": self.api_key}
        )
        response.raise_for_status()
        return response.json()

    def put(self, path: str, body: dict) -> None:
        response = requests.put(
            f"{self.url}{path}", json=body, headers={"X-Redmine-API-Key": self.api_key}
        )
        response.raise_for_status()

    def issues_of(self, ticket_id: str) -> list[dict]:
        params = {"status_id": "*", f"cf_{self.ticket_field_id}": ticket_id, "limit": 100}
        return self.get("/issues.json", **params)["issues"]

    def journals(self, issue_id: int) -> list[dict]:
        return self.get(f"/issues/{issue_id}.json", include="journals")["issue"]["journals"]

    def config(self) -> dict:
        """The [tracker] section pointing at this Redmine, as the config file would hold it."""
        return {
            "kind": "redmine",
            "backoff_seconds": 0.1,
            "redmine": {
                "url": self.url,
                "project": PROJECTS["product_backlog"],
                "queue_projects": PROJECTS,
                "queue_trackers": {"classifier_tuning": "Bug", "trust_and_safety": "Support"},
                "ticket_field_id": self.ticket_field_id,
            },
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rails(env: dict[str, str], *command: str) -> str:
    done = subprocess.run(
        ["bundle", "exec", *command], cwd=REDMINE_DIR, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def redmine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Redmine]:
    if not (REDMINE_DIR / "Gemfile.local").exists():
        pytest.fail("Redmine is not installed: run .ci/install-redmine (make test-redmine does)")
    root = tmp_path_factory.mktemp("redmine")
    env = {
        **os.environ,
        "RAILS_ENV": "production",
        "DATABASE_URL": f"sqlite3:{root / 'redmine.sqlite3'}",
        "REDMINE_LANG": "en",
        "TICKET_FIELD": TICKET_FIELD,
        "PROJECTS": ",".join(PROJECTS.values()),
    }
    _rails(env, "rake", "db:migrate")
    seeded = json.loads(_rails(env, "rails", "runner", str(SEED)).strip().splitlines()[-1])
    port = _free_port()
    log = open(root / "server.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(
        [
            "bundle",
            "exec",
            "rails",
            "server",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "-P",
            str(root / "server.pid"),
        ],
        cwd=REDMINE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    instance = Redmine(f"http://127.0.0.1:{port}", seeded["api_key"], seeded["ticket_field_id"])
    try:
        deadline = time.monotonic() + BOOT_SECONDS
        while True:
            try:
                instance.get("/issue_statuses.json")
                break
            except requests.RequestException:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Redmine did not start: {(root / 'server.log').read_text()[-2000:]}"
                    ) from None
                time.sleep(0.3)
        yield instance
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@dataclass
class Warehouse:
    """A warehouse whose embedded tracker holds the tickets of the routes synced into it."""

    db: Path
    outputs: Path

    def route_day(self, day: date, routes: list[dict]) -> None:
        frame = pd.DataFrame([{**r, "batch_day": day} for r in routes])
        with connect(str(self.db)) as conn:
            sync_tickets(conn, frame, {}, day, self.outputs / "tickets", 5)

    def connect(self) -> duckdb.DuckDBPyConnection:
        return connect(str(self.db))


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    return Warehouse(tmp_path / "refusal_backlog.duckdb", tmp_path / "outputs")
