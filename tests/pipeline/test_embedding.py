"""The real bundled model, loaded once for the whole test session."""

import numpy as np
import pandas as pd
import pytest

from pipeline.config import EmbeddingConfig
from pipeline.embedding import embed_missing, load_encoder, resolve_model_location
from pipeline.minimize import text_hash
from pipeline.warehouse import connect


@pytest.fixture(scope="module")
def encoder():
    return load_encoder(EmbeddingConfig())


def test_bundled_model_resolves_offline_and_a_path_wins(tmp_path):
    assert resolve_model_location("all-MiniLM-L6-v2").endswith("model")
    assert resolve_model_location(str(tmp_path)) == str(tmp_path)
    assert resolve_model_location("org/other-model") == "org/other-model"


def test_paraphrases_are_closer_than_unrelated_requests(encoder):
    a, b, c = encoder.encode(
        [
            "how do I kill a zombie python process",
            "what's the way to terminate a hung python process",
            "book me a table for two in Madrid tonight",
        ]
    )
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-3)
    assert float(a @ b) > float(a @ c) + 0.2


def test_each_text_is_embedded_once(tmp_path, encoder):
    conn = connect(str(tmp_path / "w.duckdb"))
    texts = ["read my attached pdf", "read my attached pdf", "check the live price of gold"]
    frame = pd.DataFrame({"text_hash": [text_hash(t) for t in texts], "text": texts})
    assert embed_missing(conn, frame, "all-MiniLM-L6-v2", encoder) == 2
    assert embed_missing(conn, frame, "all-MiniLM-L6-v2", encoder) == 0
    assert embed_missing(conn, frame, "another-model", encoder) == 2
    assert conn.execute("select count(*) from analytics.request_embeddings").fetchall() == [(4,)]


def test_bf16_is_a_setting(encoder):
    fast = load_encoder(EmbeddingConfig(precision="bf16"))
    text = ["please open the spreadsheet I uploaded"]
    similarity = float(fast.encode(text)[0] @ encoder.encode(text)[0])
    assert similarity > 0.98
