"""A run's progress on stderr: plain lines in a CI log, a bar on a terminal."""

import io
import logging
import uuid
from datetime import date

import dagster as dg
import numpy as np
import pandas as pd

from assets.progress import run_progress
from pipeline.embedding import PROGRESS_CHUNK, embed_missing
from pipeline.minimize import text_hash
from pipeline.warehouse import connect


@dg.op
def embed() -> int:
    logging.getLogger("pipeline.embedding").info("embedded %d of %d texts", 2, 4)
    return 4


@dg.op
def report(texts: int) -> None:
    logging.getLogger("elsewhere").info("not the pipeline's: not shown")


@dg.job
def two_steps():
    report(embed())


def run_two_steps(stream: io.StringIO, bar: bool | None = None) -> None:
    with (
        dg.DagsterInstance.ephemeral() as instance,
        run_progress(stream, days=1, steps_per_day=2, bar=bar) as progress,
    ):
        progress.start_day(date(2026, 11, 18), 1)
        run_id = str(uuid.uuid4())
        instance.add_event_listener(run_id, progress.on_event)
        assert two_steps.execute_in_process(instance=instance, run_id=run_id).success
        progress.finish_day()


def test_not_a_terminal_gets_one_plain_line_per_step_and_progress_record():
    stream = io.StringIO()  # isatty() is false, as in CI
    run_two_steps(stream)
    assert stream.getvalue().splitlines() == [
        "2026-11-18 (1/1) step 1/2 embed",
        "2026-11-18 (1/1)   embed: embedded 2 of 4 texts",
        "2026-11-18 (1/1) step 2/2 report",
    ]
    assert "\r" not in stream.getvalue()


def test_a_terminal_gets_a_bar_and_the_logger_is_left_as_found():
    logger = logging.getLogger("pipeline")
    handlers, level = list(logger.handlers), logger.level
    stream = io.StringIO()
    run_two_steps(stream, bar=True)
    shown = stream.getvalue()
    assert "\r" in shown and "2026-11-18 (1/1)" in shown and "2/2" in shown
    assert "embedded 2 of 4 texts" in shown
    assert logger.handlers == handlers and logger.level == level


class RowIndexEncoder:
    """Vectors that say which text they are: chunked encoding must keep them in order."""

    def encode(self, texts):
        return np.array([[float(text.removeprefix("text ")), 1.0] for text in texts])


def test_embedding_says_how_far_it_is_and_keeps_every_vector_in_order(tmp_path, caplog):
    conn = connect(str(tmp_path / "w.duckdb"))
    texts = [f"text {n}" for n in range(PROGRESS_CHUNK * 2 + 5)]
    frame = pd.DataFrame({"text_hash": [text_hash(t) for t in texts], "text": texts})
    with caplog.at_level(logging.INFO, logger="pipeline.embedding"):
        assert embed_missing(conn, frame, "m", RowIndexEncoder()) == len(texts)
    messages = [record.getMessage() for record in caplog.records]
    assert messages[0] == f"embedding {len(texts)} texts"
    assert messages[-1].startswith(f"embedded {len(texts)} of {len(texts)} texts (")
    stored = conn.execute(
        "select e.embedding[1] from analytics.request_embeddings e order by e.text_hash"
    ).fetchall()
    by_hash = sorted(range(len(texts)), key=lambda n: text_hash(texts[n]))
    assert [row[0] for row in stored] == [float(n) for n in by_hash]
