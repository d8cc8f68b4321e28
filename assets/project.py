"""The dbt project and its manifest, which dagster-dbt needs at import time."""

from __future__ import annotations

import os
from pathlib import Path

from dagster_dbt import DbtProject

from pipeline.config import REPO_ROOT

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _manifest_is_stale() -> bool:
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests"):
        sources += (DBT_PROJECT_DIR / folder).rglob("*")
    built = manifest.stat().st_mtime
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing or older than the project's files."""
    if _manifest_is_stale():
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
