"""The dbt project and its manifest, which dagster-dbt needs at import time."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_dbt import DbtProject

from pipeline.config import REPO_ROOT

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def ensure_manifest() -> Path:
    """Parse the dbt project when no manifest exists yet (a fresh clone, CI, the CLI)."""
    if not dbt_project.manifest_path.exists():
        from dbt.cli.main import dbtRunner

        os.environ.setdefault("REFUSAL_BACKLOG_DB", str(REPO_ROOT / "data" / "parse.duckdb"))
        result = dbtRunner().invoke(
            [
                "parse",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
                "--quiet",
            ]
        )
        if not result.success:
            raise RuntimeError(f"dbt parse failed: {result.exception}")
    return dbt_project.manifest_path
