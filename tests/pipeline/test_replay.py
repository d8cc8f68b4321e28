"""Release replay: inputs checked, rates and intervals, the regression test, storage, trend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import norm

from pipeline.config import ReplayConfig
from pipeline.detection import RefusalDetector
from pipeline.detection_training import XSTEST_RESPONSES
from pipeline.replay import (
    ACCEPTANCES_TABLE,
    RATES_TABLE,
    REPLAYS_TABLE,
    RESPONSES_TABLE,
    Corpus,
    ReplayInputError,
    _retry_after,
    backoff_delay,
    check_release_name,
    compare_rates,
    load_corpus,
    load_responses,
    release_trend,
    release_trend_markdown,
    release_trend_section,
    replay_release,
    xstest_corpus,
)
from pipeline.warehouse import connect

REFUSAL = "I'm sorry, but I can't help with that."
PARTIAL = (
    "It is important to note that this is a sensitive topic. I would suggest you consult a "
    "professional, a doctor or a therapist, instead."
)
ANSWER = "Sure! Mix flour, sugar, eggs and butter, then bake the cake at 180 C for 30 minutes."
T0 = datetime(2026, 12, 1, 12, 0)
TWO_PROMPTS = "prompt_id,prompt,expected\n1,a,help\n2,b,refuse\n"


@pytest.fixture(scope="module")
def detector() -> RefusalDetector:
    return RefusalDetector.load()


@pytest.fixture
def conn():
    conn = connect(":memory:")
    yield conn
    conn.close()


def _corpus(help_prompts: int = 40, refuse_prompts: int = 40) -> Corpus:
    rows = [(f"h{i}", f"benign question {i}", "help", f"cat{i % 2}") for i in range(help_prompts)]
    rows += [(f"r{i}", f"harmful question {i}", "refuse", "harm") for i in range(refuse_prompts)]
    prompts = pd.DataFrame(rows, columns=["prompt_id", "prompt", "expected", "category"])
    return Corpus("tiny", prompts)


def _responses(corpus: Corpus, refused_help: int, refused_harm: int, partial: int = 0):
    """Refuse the first `refused_help` help prompts (the first `partial` of them partly) and
    the first `refused_harm` refuse prompts; answer the rest."""
    answers = []
    for prompt_id in corpus.prompts["prompt_id"]:
        kind, number = prompt_id[0], int(prompt_id[1:])
        limit = refused_help if kind == "h" else refused_harm
        text = ANSWER
        if number < limit:
            text = PARTIAL if kind == "h" and number < partial else REFUSAL
        answers.append(text)
    return pd.DataFrame({"prompt_id": corpus.prompts["prompt_id"], "response": answers})


def _replay(conn, detector, corpus, release, responses, at=T0, **kwargs):
    return replay_release(
        conn, corpus, release, responses, detector, ReplayConfig(), "test", now=at, **kwargs
    )


# --- inputs ---------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_xstest_corpus_is_250_to_help_and_200_to_refuse_and_cited():
    corpus = xstest_corpus()
    assert len(corpus.prompts) == 450
    assert corpus.prompts["expected"].value_counts().to_dict() == {"help": 250, "refuse": 200}
    assert corpus.prompts["prompt_id"].is_unique
    assert "CC-BY-4.0" in corpus.citation and "Röttger" in corpus.citation
    assert load_corpus("xstest").key == corpus.key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prompt_id,prompt\n1,hi\n", "lacks column(s) expected"),
        ("prompt_id,prompt,expected\n1,hi,help\n1,ho,refuse\n", "repeats prompt_id 1"),
        ("prompt_id,prompt,expected\n1,hi,help\n2,ho,maybe\n", "got 2: 'maybe'"),
        ("prompt_id,prompt,expected\n1,hi,help\n,ho,help\n", "without a prompt_id (lines 3)"),
        ("prompt_id,prompt,expected\n1, ,help\n", "prompt_id 1 has an empty prompt"),
        ("prompt_id,prompt,expected\n", "has no prompts"),
        ("", "is empty"),
    ],
)
def test_a_bad_corpus_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ReplayInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_corpus(str(_write(tmp_path, "corpus.csv", text)))


def test_a_corpus_file_keeps_its_ids_as_written_and_normalizes_expected(tmp_path):
    path = _write(tmp_path, "c.csv", "prompt_id,prompt,expected\n007,hi,Help\n8,ho, REFUSE\n")
    corpus = load_corpus(str(path))
    assert corpus.prompts["prompt_id"].tolist() == ["007", "8"]
    assert corpus.prompts["expected"].tolist() == ["help", "refuse"]
    assert corpus.prompts["category"].isna().all()


def test_a_missing_corpus_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReplayInputError, match="no such file"):
        load_corpus(str(tmp_path / "nope.csv"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prompt_id,answer\n1,x\n", r"lacks column\(s\) response"),
        ("prompt_id,response\n1,x\n2,y\n9,z\n", "prompt_id 9 that corpus"),
        ("prompt_id,response\n1,x\n1,y\n2,z\n", "repeats prompt_id 1"),
        ("prompt_id,response\n1,x\n", "1 of corpus .*'s 2 prompts have no response"),
        ("prompt_id,response\n1,x\n2,\n", r"no response \(prompt_id 2\)"),
    ],
)
def test_bad_responses_are_a_clear_error(tmp_path, text, message):
    corpus = load_corpus(str(_write(tmp_path, "c.csv", TWO_PROMPTS)))
    with pytest.raises(ReplayInputError, match=message):
        load_responses(corpus, _write(tmp_path, "r.csv", text))


def test_responses_come_back_in_corpus_order(tmp_path):
    corpus = load_corpus(str(_write(tmp_path, "c.csv", TWO_PROMPTS)))
    loaded = load_responses(corpus, _write(tmp_path, "r.csv", "prompt_id,response\n2,y\n1,x\n"))
    assert loaded.to_dict("list") == {"prompt_id": ["1", "2"], "response": ["x", "y"]}


@pytest.mark.parametrize("name", ["", "-v1", "v 1", "a/b", "x" * 101])
def test_a_release_name_must_be_a_safe_folder_and_partition_name(name):
    with pytest.raises(ReplayInputError, match="release name"):
        check_release_name(name)


# --- the regression test --------------------------------------------------------------------


def test_compare_rates_is_the_pooled_one_sided_z_test():
    change = compare_rates(30, 200, 15, 200, +1, margin=0.02, significance=0.05)
    pooled = 45 / 400
    z = (30 / 200 - 15 / 200) / (pooled * (1 - pooled) * (2 / 200)) ** 0.5
    assert change.z == pytest.approx(z)
    assert change.p_value == pytest.approx(norm.sf(z))
    assert change.change == pytest.approx(0.075)
    assert change.regression


def test_a_rise_within_the_margin_is_no_regression_however_significant():
    change = compare_rates(1150, 10_000, 1000, 10_000, +1, margin=0.02, significance=0.05)
    assert change.p_value < 0.001 and not change.regression


def test_a_large_rise_on_few_prompts_is_no_regression_when_not_significant():
    change = compare_rates(2, 10, 1, 10, +1, margin=0.02, significance=0.05)
    assert change.change == pytest.approx(0.1) and change.p_value > 0.05
    assert not change.regression


def test_a_drop_is_tested_in_the_other_direction():
    fell = compare_rates(150, 200, 195, 200, -1, margin=0.02, significance=0.05)
    assert fell.regression and fell.z > 0
    rose = compare_rates(195, 200, 150, 200, -1, margin=0.02, significance=0.05)
    assert not rose.regression and rose.p_value > 0.99


def test_equal_extreme_rates_do_not_regress():
    change = compare_rates(0, 100, 0, 100, +1, margin=0.0, significance=0.05)
    assert change.p_value == pytest.approx(0.5) and not change.regression


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    config = ReplayConfig(backoff_seconds=1.0, max_wait_seconds=10.0)
    assert [backoff_delay(a, config, lambda: 1.0) for a in range(5)] == [1, 2, 4, 8, 10]
    assert backoff_delay(2, config, lambda: 0.25) == 1.0


# --- replaying and storing ------------------------------------------------------------------


def test_rates_intervals_and_partial_shares_overall_and_per_category(conn, detector):
    corpus = _corpus()
    summary = _replay(conn, detector, corpus, "r1", _responses(corpus, 10, 36, partial=4))
    out = summary.to_json()
    assert out["false_refusal_rate"] == pytest.approx(10 / 40)
    assert out["true_refusal_rate"] == pytest.approx(36 / 40)
    # Wilson 95 % on 10 of 40 and 36 of 40
    assert out["false_refusal_interval"] == pytest.approx([0.1419, 0.4019], abs=1e-4)
    assert out["true_refusal_interval"] == pytest.approx([0.7694, 0.9604], abs=1e-4)
    assert out["false_refusal_partial_share"] == pytest.approx(0.4)
    assert out["true_refusal_partial_share"] == 0.0
    cats = out["categories"]
    assert set(cats) == {"cat0", "cat1", "harm"}
    assert cats["cat0"]["false_refusal_rate"] == pytest.approx(5 / 20)
    assert cats["harm"]["true_refusal_rate"] == pytest.approx(0.9)
    assert cats["harm"]["false_refusal_rate"] is None and cats["harm"]["help_prompts"] == 0
    assert out["baseline"] is None and out["regression"] is False


def test_the_next_release_compares_with_the_previous_and_flags_a_rise(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    worse = _replay(conn, detector, corpus, "r2", _responses(corpus, 14, 40), T0 + timedelta(1))
    assert worse.baseline == "r1"
    assert worse.false_refusal_regression and worse.regression and not worse.accepted
    assert worse.false_refusal_change.baseline_rate == pytest.approx(0.05)
    same = _replay(conn, detector, corpus, "r3", _responses(corpus, 14, 40), T0 + timedelta(2))
    assert same.baseline == "r2" and not same.regression


def test_a_true_refusal_drop_is_a_regression_too(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    looser = _replay(conn, detector, corpus, "r2", _responses(corpus, 2, 25), T0 + timedelta(1))
    assert looser.true_refusal_drop and looser.regression and not looser.false_refusal_regression


def test_replaying_a_release_again_replaces_its_rows_and_keeps_its_place(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    _replay(conn, detector, corpus, "r2", _responses(corpus, 14, 40), T0 + timedelta(1))
    again = _replay(conn, detector, corpus, "r1", _responses(corpus, 3, 40), T0 + timedelta(2))
    assert again.baseline is None, "r1 was first: re-replaying it keeps it first"
    counts = {
        table: conn.execute(f"select count(*) from {table}").fetchone()[0]
        for table in (RESPONSES_TABLE, RATES_TABLE, REPLAYS_TABLE)
    }
    assert counts == {RESPONSES_TABLE: 160, RATES_TABLE: 8, REPLAYS_TABLE: 2}
    first, latest = conn.execute(
        f"select first_replayed_at, replayed_at from {REPLAYS_TABLE} where release = 'r1'"
    ).fetchone()
    assert first == T0 and latest == T0 + timedelta(2)
    stored = conn.execute(
        f"select false_refusals from {RATES_TABLE} where release = 'r1' and grain = 'overall'"
    ).fetchone()
    assert stored == (3,)


def test_an_explicit_baseline_must_have_been_replayed_on_the_corpus(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    with pytest.raises(ReplayInputError, match="--baseline r0 was never replayed.*r1"):
        _replay(conn, detector, corpus, "r2", _responses(corpus, 2, 40), baseline="r0")
    with pytest.raises(ReplayInputError, match="is the release itself"):
        _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40), baseline="r1")
    other = _corpus(help_prompts=41)
    with pytest.raises(ReplayInputError, match="never replayed on corpus"):
        _replay(conn, detector, other, "r2", _responses(other, 2, 40), baseline="r1")


def test_an_accepted_regression_is_recorded_with_its_numbers_and_reason(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    responses = _responses(corpus, 14, 40)
    with pytest.raises(ReplayInputError, match="needs a reason"):
        _replay(conn, detector, corpus, "r2", responses, accept_reason="  ")
    summary = _replay(conn, detector, corpus, "r2", responses, accept_reason="stricter on purpose")
    assert summary.accepted and summary.to_json()["accepted_reason"] == "stricter on purpose"
    audit = conn.execute(f"select * from {ACCEPTANCES_TABLE}").df()
    assert audit[["release", "baseline", "reason"]].values.tolist() == [
        ["r2", "r1", "stricter on purpose"]
    ]
    assert audit["false_refusal_rate"][0] == pytest.approx(14 / 40)
    assert audit["baseline_false_refusal_rate"][0] == pytest.approx(2 / 40)


def test_no_acceptance_is_recorded_without_a_regression(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    summary = _replay(conn, detector, corpus, "r2", _responses(corpus, 2, 40), accept_reason="x")
    assert not summary.accepted
    assert conn.execute(f"select count(*) from {ACCEPTANCES_TABLE}").fetchone() == (0,)


def test_a_failed_replay_leaves_the_stored_one_in_place(conn, detector):
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    with pytest.raises(ReplayInputError):
        _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40).iloc[:10])
    assert conn.execute(f"select count(*) from {RESPONSES_TABLE}").fetchone() == (80,)


def test_retry_after_is_read_as_seconds_or_an_http_date():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert _retry_after("7", lambda: now) == 7.0
    assert _retry_after("Tue, 01 Dec 2026 12:00:30 GMT", lambda: now) == 30.0
    assert _retry_after("Tue, 01 Dec 2026 11:00:00 GMT", lambda: now) == 0.0
    assert _retry_after("soon", lambda: now) is None and _retry_after(None, lambda: now) is None


def test_trend_lists_both_rates_per_release_in_replay_order(conn, detector):
    assert release_trend_markdown(release_trend(conn))[-1].startswith("No release has been")
    assert release_trend_section(conn) == [], "the daily report has no empty replay section"
    corpus = _corpus()
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 40))
    _replay(conn, detector, corpus, "r2", _responses(corpus, 14, 40), T0 + timedelta(1))
    trend = release_trend(conn)
    assert trend["release"].tolist() == ["r1", "r2"]
    assert trend["false_refusal_rate"].tolist() == pytest.approx([0.05, 0.35])
    assert trend["true_refusal_rate"].tolist() == pytest.approx([1.0, 1.0])
    assert trend["regression"].tolist() == [False, True]
    markdown = "\n".join(release_trend_markdown(trend))
    assert "| r1 | - | 5.0% (1.4%-16.5%) | 100.0% (91.2%-100.0%) |  |" in markdown
    assert "| r2 | r1 | 35.0%" in markdown and markdown.rstrip().endswith("| yes |")
    assert release_trend_section(conn) == release_trend_markdown(trend)


# --- XSTest's human-labelled completions ------------------------------------------------------


def test_llama2orig_after_gpt4_is_flagged_as_a_false_refusal_regression(conn, detector):
    """The bundled XSTest completions: llama2orig over-refuses (human labels: 149 of 250 safe
    prompts refused, gpt4 far fewer). In-sample for the detector, which was trained on them."""
    corpus = xstest_corpus()
    completions = pd.read_csv(XSTEST_RESPONSES, dtype=str, keep_default_na=False)

    def of(model: str) -> pd.DataFrame:
        rows = completions[completions["model"] == model]
        return rows.rename(columns={"completion": "response"})[["prompt_id", "response"]]

    _replay(conn, detector, corpus, "gpt4", of("gpt4"))
    llama = _replay(conn, detector, corpus, "llama2orig", of("llama2orig"), T0 + timedelta(1))
    assert llama.baseline == "gpt4"
    assert llama.false_refusal_regression and llama.regression
    assert llama.false_refusal_change.change > 0.3
    assert not llama.true_refusal_drop


def test_a_corpus_of_help_prompts_only_has_no_true_refusal_rate(conn, detector):
    corpus = _corpus(refuse_prompts=0)
    _replay(conn, detector, corpus, "r1", _responses(corpus, 2, 0))
    summary = _replay(conn, detector, corpus, "r2", _responses(corpus, 2, 0), T0 + timedelta(1))
    out = summary.to_json()
    assert out["true_refusal_rate"] is None and out["true_refusal_interval"] == [None, None]
    assert out["true_refusal_change"] is None and out["false_refusal_change"] is not None
    assert "true-refusal rate: no 'refuse' prompts in the corpus" in summary.lines()
