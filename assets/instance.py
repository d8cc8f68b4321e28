"""The Dagster instance a run is recorded in: runs, materializations and check results persist
in a folder (sqlite files), so that `dagster dev` on the same folder shows what the CLI ran.

`refusal-backlog demo` records into `WORKDIR/dagster_home` (`make dev` points $DAGSTER_HOME
there); `refusal-backlog run` into $DAGSTER_HOME when it is set, as the `dagster` CLI does.
`python -m assets.instance FOLDER` prepares a folder (what `make dev` runs first).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import DagsterInstance

from pipeline.config import ConfigError

DAGSTER_HOME_ENV = "DAGSTER_HOME"
# Storage is left to Dagster's default for a home folder: sqlite files under `storage/`, found
# relative to the folder, so the folder can move. The `pipeline` loggers (progress of the long
# steps) show in each run's log; no telemetry: nothing leaves the machine.
DAGSTER_YAML = """\
# Written by refusal-backlog when missing; yours to edit. Runs, event logs and schedules are
# sqlite files under storage/ (Dagster's default for a home folder).
python_logs:
  managed_python_loggers: [pipeline]
  python_log_level: INFO
telemetry:
  enabled: false
"""


def ensure_dagster_home(home: Path) -> Path:
    """The folder, created with its `dagster.yaml` when missing (an existing one is kept)."""
    if home.exists() and not home.is_dir():
        raise ConfigError(f"Dagster home {home} is a file (pass a folder)")
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return home


@contextmanager
def persistent_instance(home: Path) -> Iterator[DagsterInstance]:
    """The instance stored in `home`, prepared first when missing."""
    with DagsterInstance.from_config(str(ensure_dagster_home(home).resolve())) as instance:
        yield instance


def home_from_env() -> Path | None:
    """$DAGSTER_HOME when set, which must be an absolute path (Dagster's own rule)."""
    value = os.environ.get(DAGSTER_HOME_ENV)
    if not value:
        return None
    home = Path(value).expanduser()
    if not home.is_absolute():
        raise ConfigError(
            f"{DAGSTER_HOME_ENV} {value!r} is not an absolute path "
            f"(set it to a full path, e.g. {Path(value).resolve()})"
        )
    return home


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m assets.instance FOLDER")
    print(ensure_dagster_home(Path(sys.argv[1])))
