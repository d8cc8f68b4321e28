"""Run dbt models in-process on a hand-made warehouse, with the vars the pipeline would pass."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from dbt.cli.main import dbtRunner

from pipeline.config import PipelineConfig

PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"


def run_models(
    db_path: Path, day: date, select: str, work_dir: Path, config: PipelineConfig | None = None
) -> None:
    """`dbt run --select SELECT` for `day`; the caller's own connection must be closed."""
    variables = (config or PipelineConfig()).dbt_vars(db_path, day.isoformat())
    result = dbtRunner().invoke(
        [
            "run",
            "--project-dir",
            str(PROJECT_DIR),
            "--profiles-dir",
            str(PROJECT_DIR),
            "--target-path",
            str(work_dir / "dbt_target"),
            "--log-path",
            str(work_dir / "dbt_logs"),
            "--select",
            select,
            "--vars",
            json.dumps(variables),
            "--quiet",
        ]
    )
    if not result.success:
        failed = [
            f"{r.node.name}: {r.message}" for r in (result.result or []) if r.status != "success"
        ]
        raise AssertionError(f"dbt run --select {select} failed: {failed or result.exception}")
