"""Building the asset graph does no work: no subprocess, no change to the environment."""

import re
import subprocess
import sys

import yaml

from pipeline.config import REPO_ROOT, PipelineConfig

# The libraries are imported first: Dagster's vendored croniter runs `file` at import.
PROBE = """
import os, subprocess
import dagster, dagster_dbt, dbt.cli.main, duckdb, pandas
started = []
real = subprocess.Popen.__init__
def recording(self, *args, **kwargs):
    started.append(args[0] if args else kwargs.get("args"))
    real(self, *args, **kwargs)
subprocess.Popen.__init__ = recording
before = dict(os.environ)
import assets.definitions
changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))
print(repr((started, changed)))
"""


def test_importing_the_definitions_starts_no_process_and_sets_no_variable():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    started, changed = eval(done.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr
    assert started == []
    assert changed == []


def test_every_dbt_var_comes_from_the_pipeline_config():
    project = yaml.safe_load((REPO_ROOT / "dbt_project" / "dbt_project.yml").read_text())
    assert "vars" not in project
    used = set()
    for path in (REPO_ROOT / "dbt_project").rglob("*"):
        if path.suffix in {".sql", ".yml"} and "target" not in path.parts:
            used |= set(re.findall(r"var\(\s*'(\w+)'", path.read_text()))
    assert used <= set(PipelineConfig().dbt_vars(REPO_ROOT / "x.duckdb", "2026-01-01"))


def test_the_definitions_load_as_dagster_dev_loads_them():
    """`dagster dev` builds the whole repository (every job beside the asset job), which
    catches clashes that building the asset graph alone does not, e.g. a job named as an op."""
    from assets.definitions import defs

    repository = defs.get_repository_def()
    assert "replay_release" in {job.name for job in repository.get_all_jobs()}
