"""One writer per warehouse: an exclusive lock on the sidecar file `<db>.lock`.

`run`, `demo`, `review-sample` and `export` take it before any work and hold it until they end,
so two commands never interleave their writes and the second one says who is in the way instead
of failing inside dbt with DuckDB's lock error.

Why `fcntl.flock` and not a pid file: the kernel drops a flock when the holder's descriptor
closes, and it closes when the process exits in any way (an exception, `kill -9`, the OOM
killer), so a crash never leaves a stale lock that someone has to find and delete by hand, and
taking the lock is one atomic call with no check-then-write race between two starters. A pid
file outlives a crashed writer and needs a liveness guess (pids are reused; another host's pid
cannot be checked). The JSON in the file (pid, host, command, start time) only feeds the
message; the lock is the flock itself. The file is never deleted: unlinking a flocked file lets
a newcomer lock a fresh inode while a waiter still locks the old one. The lock is advisory (only
refusal-backlog honours it) and, like any flock, unreliable on some network file systems.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_SUFFIX = ".lock"
POLL_SECONDS = 0.2


class LockHeldError(RuntimeError):
    """Another process holds the warehouse; the message names it and how to proceed."""


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as written into the lock file."""

    pid: int
    host: str
    command: str
    started_at: str  # ISO 8601, UTC

    def describe(self) -> str:
        """`pid 1234 (refusal-backlog run --date 2026-11-20, since 21:03:04 UTC)`."""
        started = datetime.fromisoformat(self.started_at)
        since = started.strftime(
            "%H:%M:%S" if started.date() == datetime.now(UTC).date() else "%Y-%m-%d %H:%M:%S"
        )
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f"pid {self.pid}{where} ({self.command}, since {since} UTC)"


def lock_path(db: Path) -> Path:
    """The sidecar next to the warehouse: `refusal_backlog.duckdb.lock`."""
    return db.with_name(db.name + LOCK_SUFFIX)


def read_holder(path: Path) -> Holder | None:
    """The holder recorded in the lock file; None while it is being written or unreadable."""
    try:
        return Holder(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _held_message(db: Path, holder: Holder | None, wait: float | None) -> str:
    who = holder.describe() if holder else "another process"
    if wait is None:
        return f"warehouse {db} is in use by {who} (wait for it to finish, or pass --wait)"
    return (
        f"warehouse {db} is still in use by {who} after waiting {wait:g} s "
        "(wait longer: --wait SECONDS, or --wait alone to wait until it is free)"
    )


@contextmanager
def warehouse_lock(db: Path, command: str, wait: float | None = None) -> Iterator[Holder]:
    """Hold the warehouse's lock for the block; fail at once, or poll for up to `wait` seconds.

    `wait=math.inf` waits as long as it takes. Raises LockHeldError naming the holder.
    """
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by dbt's subprocesses
    try:
        deadline = time.monotonic() + (wait or 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise LockHeldError(_held_message(db, read_holder(path), wait)) from None
                time.sleep(min(POLL_SECONDS, left))
        holder = Holder(
            pid=os.getpid(),
            host=socket.gethostname(),
            command=command,
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(asdict(holder)).encode("utf-8"), 0)
        try:
            yield holder
        finally:
            os.ftruncate(fd, 0)  # a reader between our release and the next holder sees no one
    finally:
        os.close(fd)  # closing the descriptor releases the flock
