"""How far a CLI run is, on stderr: a bar on a terminal, plain lines elsewhere (a CI log keeps no
carriage returns). Fed by the run's Dagster events (each step as it starts) and by the
`pipeline` loggers (how far a long step is: texts embedded, texts redacted)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, TextIO

from dagster import DagsterEventType, EventLogEntry

if TYPE_CHECKING:
    from tqdm import tqdm

PIPELINE_LOGGER = "pipeline"
# A step that is started, or passed over because a blocking check failed before it.
STEP_EVENTS = frozenset({DagsterEventType.STEP_START, DagsterEventType.STEP_SKIPPED})


class RunProgress(logging.Handler):
    """One run of `days` days of `steps_per_day` steps each; a `logging` handler for the
    pipeline's progress records."""

    def __init__(
        self, stream: TextIO, days: int, steps_per_day: int, bar: bool | None = None
    ) -> None:
        super().__init__(logging.INFO)
        self.stream, self.days, self.steps_per_day = stream, days, steps_per_day
        self.day_label, self.day_number, self.step, self.step_key = "", 0, 0, ""
        self.bar: tqdm | None = None
        if stream.isatty() if bar is None else bar:
            from tqdm import tqdm

            self.bar = tqdm(
                total=days * steps_per_day, file=stream, unit="step", dynamic_ncols=True
            )

    def start_day(self, day: date, number: int) -> None:
        self.day_label, self.day_number, self.step = f"{day} ({number}/{self.days})", number, 0
        if self.bar is not None:
            self.bar.set_description(self.day_label)

    def finish_day(self) -> None:
        """The bar at the day's end, whatever the count of steps that ran."""
        if self.bar is not None:
            self.bar.update(self.day_number * self.steps_per_day - self.bar.n)

    def on_event(self, entry: EventLogEntry) -> None:
        event = entry.dagster_event
        if event is None or event.event_type not in STEP_EVENTS or not event.step_key:
            return
        self.step += 1
        self.step_key = event.step_key
        skipped = " (skipped)" if event.event_type == DagsterEventType.STEP_SKIPPED else ""
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(f"{self.step_key}{skipped}")
        else:
            self._line(f"step {self.step}/{self.steps_per_day} {self.step_key}{skipped}")

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.step_key}: {message}")
        else:
            self._line(f"  {self.step_key}: {message}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        super().close()

    def _line(self, text: str) -> None:
        self.stream.write(f"{self.day_label} {text}\n")
        self.stream.flush()


@contextmanager
def run_progress(
    stream: TextIO, days: int, steps_per_day: int, bar: bool | None = None
) -> Iterator[RunProgress]:
    """The progress display, receiving the `pipeline` loggers' INFO records while it lasts."""
    progress = RunProgress(stream, days, steps_per_day, bar)
    logger = logging.getLogger(PIPELINE_LOGGER)
    level = logger.level
    logger.addHandler(progress)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
    try:
        yield progress
    finally:
        logger.removeHandler(progress)
        logger.setLevel(level)
        progress.close()
