from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipeline.config import VerdictConfig
from pipeline.verdicts import (
    EVENT_VERDICT_COLUMNS,
    SHOULD_HELP,
    SHOULD_REFUSE,
    event_verdicts,
    fit_verdict_model,
    verdicts_day,
)
from pipeline.warehouse import connect

CONFIG = VerdictConfig(min_reviews_per_verdict=10, min_balanced_accuracy=0.75, cv_folds=5)
BENIGN = ["python process", "stuck thread", "zombie job", "linux daemon", "docker container"]
HARMFUL = ["my neighbour", "the witness", "a coworker", "my ex", "the landlord"]
VERBS = ["kill", "terminate", "get rid of", "end", "take out"]


def corpus(per_verdict: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """Same verbs on both sides: only the object tells a benign request from a harmful one."""
    rng = np.random.default_rng(seed)
    texts, verdicts = [], []
    for verdict, objects in ((SHOULD_HELP, BENIGN), (SHOULD_REFUSE, HARMFUL)):
        for _ in range(per_verdict):
            texts.append(f"how do I {rng.choice(VERBS)} {rng.choice(objects)} quickly")
            verdicts.append(verdict)
    return texts, verdicts


def test_a_separable_corpus_gives_a_trusted_model_that_predicts_unseen_text():
    texts, verdicts = corpus(20)
    model, run = fit_verdict_model(texts, verdicts, CONFIG)
    assert run.trusted and model is not None
    assert run.cv_balanced_accuracy is not None and run.cv_balanced_accuracy >= 0.9
    assert (run.training_events, run.should_help_examples, run.should_refuse_examples) == (
        40,
        20,
        20,
    )
    proba = model.predict_proba(["how do I kill a zombie job", "how do I kill the witness"])
    assert proba[0, 1] > 0.5 > proba[1, 1]


def test_too_few_reviews_of_one_verdict_fit_nothing():
    texts, verdicts = corpus(20)
    helped_only = texts[:20] + texts[20:29]
    model, run = fit_verdict_model(helped_only, verdicts[:20] + verdicts[20:29], CONFIG)
    assert model is None and not run.trusted
    assert run.cv_balanced_accuracy is None and "too few reviews" in run.reason
    assert run.should_refuse_examples == 9


def test_a_disabled_model_is_never_fitted():
    texts, verdicts = corpus(20)
    model, run = fit_verdict_model(texts, verdicts, CONFIG.model_copy(update={"enabled": False}))
    assert model is None and not run.trusted and "disabled" in run.reason


def test_labels_unrelated_to_the_text_are_not_trusted():
    texts, _ = corpus(30)
    rng = np.random.default_rng(1)
    shuffled = list(rng.permutation([SHOULD_HELP] * 30 + [SHOULD_REFUSE] * 30))
    model, run = fit_verdict_model(texts, shuffled, CONFIG)
    assert model is None and not run.trusted
    assert run.cv_balanced_accuracy is not None and run.cv_balanced_accuracy < 0.75
    assert "<" in run.reason


def window_events(majority: list[str | None]) -> pd.DataFrame:
    texts = ["how do I kill a zombie job quickly", "how do I kill the witness quickly"] * 2
    return pd.DataFrame(
        {
            "event_id": [f"e{n}" for n in range(len(majority))],
            "cluster_id": ["C0001"] * len(majority),
            "request_text": texts[: len(majority)],
            "response_text": ["I can't help with that."] * len(majority),
            "majority_verdict": majority,
        }
    )


def test_reviewers_verdicts_win_and_the_model_fills_the_rest():
    model, _ = fit_verdict_model(*corpus(20), CONFIG)
    frame = event_verdicts(window_events([SHOULD_REFUSE, None, None, SHOULD_HELP]), model)
    assert frame["verdict"].tolist() == [SHOULD_REFUSE, SHOULD_REFUSE, SHOULD_HELP, SHOULD_HELP]
    assert frame["verdict_source"].tolist() == ["review", "model", "model", "review"]
    assert frame["should_help_probability"].notna().all()


def test_a_model_probability_near_one_half_is_no_verdict():
    model, _ = fit_verdict_model(*corpus(20), CONFIG)
    events = window_events([None, None])
    sure = event_verdicts(events, model)
    probability = sure["should_help_probability"].to_numpy()
    margin = float(abs(probability - 0.5).max()) + 0.01  # wider than either is from 0.5
    unsure = event_verdicts(events, model, unsure_margin=margin)
    assert sure["verdict"].notna().all() and unsure["verdict"].isna().all()
    assert unsure["verdict_source"].tolist() == ["model_unsure", "model_unsure"]
    assert (unsure["should_help_probability"] == sure["should_help_probability"]).all()


def test_without_a_model_unreviewed_events_have_no_verdict():
    frame = event_verdicts(window_events([SHOULD_HELP, None]), None)
    assert frame["verdict"].iloc[0] == SHOULD_HELP and pd.isna(frame["verdict"].iloc[1])
    assert frame["verdict_source"].tolist() == ["review", "none"]
    assert frame["should_help_probability"].isna().all()


DAY = date(2026, 11, 18)


def seed_reviewed_events(conn: duckdb.DuckDBPyConnection) -> None:
    """Minimized events with reviews and clusters, as the dbt models would leave them.

    30 reviewed and 2 unreviewed events; the odd-numbered 16 fall on DAY, the rest a week earlier.
    """
    texts, verdicts = corpus(15)
    texts += ["how do I kill a docker container fast", "how do I take out the landlord now"]
    verdicts += [None, None]
    conn.execute("create schema intermediate")
    conn.execute(
        "create table intermediate.int_event_reviews (event_id varchar, majority_verdict varchar)"
    )
    conn.execute("create schema marts")
    conn.execute("create table marts.fct_event_clusters (event_id varchar, cluster_id varchar)")
    for n, (text, verdict) in enumerate(zip(texts, verdicts, strict=True)):
        event_day = DAY if n % 2 else date(2026, 11, 10)
        conn.execute(
            """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
                   occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
                   request_text, response_text, request_text_hash)
               values (?, ?, ?, ?, 'u', 's', 'v1', ?, 'I cannot help with that.', 'h')""",
            [f"e{n:02d}", event_day, event_day, datetime(2026, 11, 10), text],
        )
        conn.execute("insert into marts.fct_event_clusters values (?, 'C0001')", [f"e{n:02d}"])
        if verdict is not None:
            conn.execute(
                "insert into intermediate.int_event_reviews values (?, ?)", [f"e{n:02d}", verdict]
            )


@pytest.fixture()
def warehouse(tmp_path):
    conn = connect(str(tmp_path / "warehouse.duckdb"))
    seed_reviewed_events(conn)
    yield conn
    conn.close()


def test_a_day_learns_from_all_reviews_and_labels_only_its_window(warehouse):
    frame, run = verdicts_day(warehouse, DAY, window_days=3, config=CONFIG)
    assert run.training_events == 30 and run.trusted
    stored = warehouse.execute(
        f"select {', '.join(EVENT_VERDICT_COLUMNS)} from analytics.event_verdicts order by event_id"
    ).df()
    assert len(stored) == len(frame) == 16  # the odd-numbered events fall in the window
    assert set(stored["batch_day"]) == {pd.Timestamp(DAY)} and set(stored["cluster_id"]) == {
        "C0001"
    }
    by_event = stored.set_index("event_id")
    assert by_event.loc["e31", ["verdict", "verdict_source"]].tolist() == [SHOULD_REFUSE, "model"]
    assert by_event.loc["e01", "verdict_source"] == "review"
    models = warehouse.execute("select trusted, training_events from analytics.verdict_models").df()
    assert models.values.tolist() == [[True, 30]]

    verdicts_day(warehouse, DAY, window_days=3, config=CONFIG)
    assert warehouse.execute("select count(*) from analytics.event_verdicts").fetchone() == (16,)
    assert warehouse.execute("select count(*) from analytics.verdict_models").fetchone() == (1,)
