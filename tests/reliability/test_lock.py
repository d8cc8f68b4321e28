"""One writer per warehouse: the lock names its holder, survives no crash, and can be waited on."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import Warehouse
from pipeline.lock import LockHeldError, lock_path, read_holder, warehouse_lock

COMMAND = "refusal-backlog run --date 2026-11-20"


def hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the lock for `seconds`; returns once it holds it."""
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from pipeline.lock import warehouse_lock

        with warehouse_lock(Path({str(db)!r}), {COMMAND!r}):
            print("held", flush=True)
            time.sleep({seconds})
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "refusal_backlog.duckdb"


def test_a_second_acquirer_is_told_who_holds_the_warehouse(db):
    holder = hold(db, 60)
    try:
        with pytest.raises(LockHeldError) as raised, warehouse_lock(db, "refusal-backlog demo"):
            pass
        message = str(raised.value)
        assert f"warehouse {db} is in use by pid {holder.pid} ({COMMAND}, since " in message
        assert message.endswith("UTC) (wait for it to finish, or pass --wait)")
        recorded = json.loads(lock_path(db).read_text())
        assert recorded["pid"] == holder.pid and recorded["command"] == COMMAND
        assert set(recorded) == {"pid", "host", "command", "started_at"}
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_leaves_no_stale_lock(db):
    holder = hold(db, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(db).exists()  # the file stays, with the dead holder's details: harmless
    with warehouse_lock(db, "refusal-backlog demo") as me:
        assert me.pid == os.getpid()
        assert read_holder(lock_path(db)) == me
    assert read_holder(lock_path(db)) is None  # released: nobody is named any more


def test_wait_acquires_once_the_holder_exits(db):
    holder = hold(db, 1)
    with pytest.raises(LockHeldError), warehouse_lock(db, "refusal-backlog demo"):
        pass
    with warehouse_lock(db, "refusal-backlog demo", wait=60) as me:
        assert read_holder(lock_path(db)) == me
    assert holder.wait(timeout=30) == 0  # it ran to its end: nobody took the lock from it


def test_a_wait_that_runs_out_says_so(db):
    holder = hold(db, 60)
    try:
        with (
            pytest.raises(LockHeldError, match="still in use by pid .* after waiting 0.3 s"),
            warehouse_lock(db, "refusal-backlog demo", wait=0.3),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_released_when_the_block_raises(db):
    with pytest.raises(RuntimeError), warehouse_lock(db, "first"):
        raise RuntimeError("boom")
    with warehouse_lock(db, "second"):
        pass


def test_a_dagster_run_holds_the_lock_and_waits_for_no_one(db):
    """Runs from the Dagster UI or the schedule take the lock through the warehouse resource."""
    @dg.asset
    def touched(warehouse: Warehouse) -> None:
        with warehouse.connect() as conn:
            conn.execute("select 1")
        assert read_holder(lock_path(db)).command.startswith("dagster run ")

    holder = hold(db, 60)
    try:
        with pytest.raises(Exception) as raised:
            dg.materialize([touched], resources={"warehouse": Warehouse(database=str(db))})
        causes = []
        error: BaseException | None = raised.value
        while error is not None:
            causes.append(str(error))
            error = error.__cause__ or error.__context__
        assert any(f"in use by pid {holder.pid}" in text for text in causes), causes
    finally:
        holder.kill()
        holder.wait()
    assert dg.materialize([touched], resources={"warehouse": Warehouse(database=str(db))}).success
    assert read_holder(lock_path(db)) is None
