"""Resources shared by every asset: paths and typed config, the warehouse, the encoder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import Field, PrivateAttr

from pipeline.config import EmbeddingConfig, Paths, PipelineConfig, load_config
from pipeline.embedding import Encoder, load_encoder
from pipeline.lock import warehouse_lock
from pipeline.privacy import Pseudonymizer
from pipeline.warehouse import ensure_schema


class PipelineSettings(dg.ConfigurableResource):
    """Where the landing zone and outputs are, which config file tunes the run."""

    landing_dir: str
    output_dir: str
    config_file: str | None = None
    demo: bool = False
    allow_empty: bool = Field(
        default=False,
        description="a day with no event files is processed as empty instead of stopping the "
        "run (without it, a typo in --landing would replace the day's events with nothing)",
    )

    @property
    def config(self) -> PipelineConfig:
        return load_config(self.config_file)

    @property
    def landing(self) -> Path:
        return Path(self.landing_dir)

    @property
    def outputs(self) -> Path:
        return Path(self.output_dir)

    def pseudonymizer(self) -> Pseudonymizer:
        """The demo runs on a published key; real runs need the key from the environment."""
        return Pseudonymizer.for_demo() if self.demo else Pseudonymizer.from_env()



class SentenceEncoderResource(dg.ConfigurableResource):
    """The sentence encoder, its own resource: a test binds a small fake where the real model
    adds nothing (the end-to-end test keeps the real one). The model is `embedding.model`."""

    def load(self, config: EmbeddingConfig) -> Encoder:
        return load_encoder(config)


class Warehouse(DuckDBResource):
    """DuckDB with this project's tables present; one writer at a time.

    A run holds the warehouse's lock (`pipeline.lock`) from resource set-up to tear-down, so a
    run launched from the Dagster UI or the schedule never interleaves with a CLI run. The CLI
    takes the lock itself before any work and passes `take_lock=False`.
    """

    take_lock: bool = Field(
        default=True,
        description="hold the warehouse lock for the run; false where the caller holds it",
    )
    _lock: ExitStack = PrivateAttr(default_factory=ExitStack)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if self.take_lock:
            command = f"dagster run {context.run_id}" if context.run_id else "dagster run"
            self._lock.enter_context(warehouse_lock(Path(self.database), command))

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        self._lock.close()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        with self.get_connection() as conn:
            ensure_schema(conn)
            yield conn


def _dbt_executable() -> str:
    """dbt bound to this process (`refusal-backlog-dbt`, which dies with the run), installed
    beside this interpreter so an unactivated virtualenv works too; plain dbt elsewhere."""
    for name in ("refusal-backlog-dbt", "dbt"):
        beside = Path(sys.executable).parent / name
        if beside.exists():
            return str(beside)
    return "dbt"


def pipeline_settings(
    paths: Paths, demo: bool = False, allow_empty: bool = False
) -> PipelineSettings:
    """The `settings` resource; the CLI binds its own to pass `--allow-empty` to a run."""
    return PipelineSettings(
        landing_dir=str(paths.landing),
        output_dir=str(paths.outputs),
        config_file=str(paths.config_file) if paths.config_file else None,
        demo=demo,
        allow_empty=allow_empty,
    )


def build_resources(
    paths: Paths, demo: bool = False, allow_empty: bool = False, lock_held: bool = False
) -> dict[str, object]:
    """`lock_held`: the caller holds the warehouse lock (the CLI), so the run does not take it."""
    from dagster_dbt import DbtCliResource

    from assets.project import dbt_project

    return {
        "settings": pipeline_settings(paths, demo=demo, allow_empty=allow_empty),
        "warehouse": Warehouse(database=str(paths.db), take_lock=not lock_held),
        "encoder": SentenceEncoderResource(),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=_dbt_executable()),
    }
