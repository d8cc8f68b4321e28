"""The dbt project and its manifest, which dagster-dbt needs when the asset graph is built.

Importing this module does no work: the manifest is parsed by `make` (`python -m
assets.project`), by the CLI before it builds the graph, by the tests' set-up, and under
`dagster dev` by `prepare_if_dev()`; each runs `dbt parse` with the vars that
`PipelineConfig.dbt_vars` sets (dbt_project.yml declares none).
"""

from __future__ import annotations

import json
from pathlib import Path

from dagster_dbt import DbtProject

from pipeline.config import REPO_ROOT, PipelineConfig

DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
# dbt parse renders every model, so it needs a warehouse path and a day; it opens neither.
PARSE_WAREHOUSE = REPO_ROOT / "data" / "parse.duckdb"
PARSE_DAY = "2026-01-01"


PARSE_ARGS = [
    "parse",
    "--quiet",
    "--vars",
    json.dumps(PipelineConfig().dbt_vars(PARSE_WAREHOUSE, PARSE_DAY)),
]

dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, prepare_project_cli_args=PARSE_ARGS
)
dbt_project.prepare_if_dev()


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

        where = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
        result = dbtRunner().invoke([*PARSE_ARGS, *where])
        if not result.success:
            raise RuntimeError(f"dbt parse failed: {result.exception}")
    return dbt_project.manifest_path


if __name__ == "__main__":
    print(ensure_manifest())
