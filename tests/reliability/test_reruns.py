"""Re-runs in any order, a typo on the command line, a kill at any stage, two runs at once:
each leaves the warehouse and the tickets as a clean run left them.

Every test works on a copy of the session's clean three-day run (`pipeline_run`), compares
table digests (`warehouse_state`) and ticket files with it, and runs through the CLI or the
function it calls, so what is tested is what an operator runs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assets.cli import main, run_days
from pipeline.config import Paths
from pipeline.privacy import DEMO_KEY, DEMO_KEY_VERSION
from tests.reliability.warehouse_state import differing_tables, table_digests

CLI = str(Path(sys.executable).parent / "refusal-backlog")
# the demo's key, given the way an operator gives theirs: pseudonyms match the clean run's
DEMO_KEYS = f"{DEMO_KEY_VERSION}={DEMO_KEY.decode()}"


def copy_run(source: Paths, into: Path) -> Paths:
    """The clean run's warehouse and outputs, copied; the landing folder is shared (read only)."""
    into.mkdir(parents=True, exist_ok=True)
    db = into / source.db.name
    for part in source.db.parent.glob(source.db.name + "*"):
        if not part.name.endswith(".lock"):
            shutil.copy2(part, into / part.name)
    shutil.copytree(source.outputs, into / "outputs")
    return Paths(db=db, landing=source.landing, outputs=into / "outputs")


def ticket_files(paths: Paths) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((paths.outputs / "tickets").glob("*.md"))}


def cli_env(paths: Paths) -> dict[str, str]:
    return {
        **os.environ,
        "REFUSAL_BACKLOG_PSEUDONYM_KEYS": DEMO_KEYS,
        "REFUSAL_BACKLOG_DB": str(paths.db),
    }


def run_args(paths: Paths, day: str, landing: Path | None = None) -> list[str]:
    return [
        "run",
        "--date",
        day,
        "--landing",
        str(landing or paths.landing),
        "--db",
        str(paths.db),
        "--outputs",
        str(paths.outputs),
    ]


def test_rerunning_every_day_in_any_order_changes_no_table_and_no_ticket(pipeline_run, tmp_path):
    clean = table_digests(pipeline_run.paths.db)
    paths = copy_run(pipeline_run.paths, tmp_path / "copy")
    first, second, third = pipeline_run.days
    summary = run_days(paths, [third, first, second, second, first, third], demo=True)
    assert differing_tables(clean, table_digests(paths.db)) == {}
    assert (summary.tickets_created, summary.tickets_updated) == (0, 0)
    assert ticket_files(paths) == ticket_files(pipeline_run.paths)


@pytest.mark.parametrize("landing_of", ["misspelled", "empty day"])
def test_a_mistyped_landing_stops_the_run_and_changes_nothing(
    pipeline_run, tmp_path, monkeypatch, capsys, landing_of
):
    paths = copy_run(pipeline_run.paths, tmp_path / "copy")
    before = table_digests(paths.db)
    day = pipeline_run.days[-1].isoformat()
    if landing_of == "misspelled":
        landing = Path(str(paths.landing) + "-typo")
    else:  # the folder is there, the day's files are not
        landing = tmp_path / "landing"
        (landing / "events" / day).mkdir(parents=True)
    monkeypatch.setenv("REFUSAL_BACKLOG_PSEUDONYM_KEYS", DEMO_KEYS)
    assert main(run_args(paths, day, landing)) == 2
    error = capsys.readouterr().err
    assert error.startswith("refusal-backlog: ") and error.count("\n") == 1, error
    assert "Traceback" not in error
    assert differing_tables(before, table_digests(paths.db)) == {}


def op_names() -> list[str]:
    """Every asset step of the daily job, in the order the run reaches them."""
    import dagster as dg

    from assets.definitions import STAGE_MODULES

    return [asset.op.name for asset in dg.load_assets_from_modules(STAGE_MODULES)]


def dbt_processes_on(db: Path) -> list[int]:
    """Live dbt processes whose command line (its --vars) names this warehouse."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"dbt" in cmdline and json.dumps(str(db)).encode() in cmdline:
            found.append(int(proc.name))
    return found


def start_run(paths: Paths, day: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [CLI, *run_args(paths, day), "--verbose"],
        env=cli_env(paths),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for_step(process: subprocess.Popen[str], step: str, seen: list[str]) -> None:
    """Read the run's verbose log until `step` starts; fail if the run ends first."""
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line)
        if f'Started execution of step "{step}"' in line:
            return
    pytest.fail(f"the run ended before step {step} started:\n{''.join(seen[-30:])}")


@pytest.mark.slow
def test_a_run_killed_at_every_stage_recovers_to_the_clean_result(pipeline_run, tmp_path):
    """kill -9 mid-step at each stage in turn; each kill lands on the previous kill's leftovers.

    The first kill also meets a second run started while the first holds the warehouse.
    """
    clean = table_digests(pipeline_run.paths.db)
    paths = copy_run(pipeline_run.paths, tmp_path / "copy")
    day = pipeline_run.days[-1].isoformat()
    for number, step in enumerate(op_names()):
        process = start_run(paths, day)
        seen: list[str] = []
        wait_for_step(process, step, seen)
        if number == 0:
            second = subprocess.run(
                [CLI, *run_args(paths, day)], env=cli_env(paths), capture_output=True, text=True
            )
            assert second.returncode == 2, second.stderr
            assert f"in use by pid {process.pid}" in second.stderr, second.stderr
        time.sleep(1.5 if "dbt" in step or step.endswith("_models") else 0.3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 5
        while dbt_processes_on(paths.db) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert dbt_processes_on(paths.db) == [], f"dbt outlived the run killed in {step}"
    recovery = subprocess.run(
        [CLI, *run_args(paths, day)], env=cli_env(paths), capture_output=True, text=True
    )
    assert recovery.returncode == 0, recovery.stderr
    assert differing_tables(clean, table_digests(paths.db)) == {}
    assert ticket_files(paths) == ticket_files(pipeline_run.paths)
