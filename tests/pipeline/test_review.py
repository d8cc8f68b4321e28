import csv
import json
from datetime import date, datetime, timedelta

import duckdb
import numpy as np
import pandas as pd
import pytest

from pipeline.config import ReviewConfig
from pipeline.review import (
    DRAW_COLUMNS,
    TABLE_COLUMNS,
    draw_review_sample,
    export_sample,
    inclusion_probabilities,
    sample_day,
    stratum_name,
)
from pipeline.warehouse import ensure_schema

DAY = date(2026, 11, 20)
CONFIG = ReviewConfig(min_cluster_volume=5, per_cluster_minimum=2)


def make_events(
    clusters: dict[str | None, int], seed: int = 0, categories: tuple[str, ...] = ("medical",)
) -> pd.DataFrame:
    """Events per cluster (None = noise) with mixed account types and prior refusals."""
    rng = np.random.default_rng(seed)
    rows = []
    for cluster, count in clusters.items():
        for i in range(count):
            rows.append(
                {
                    "event_id": f"{cluster or 'noise'}-{i:04d}",
                    "cluster_id": cluster,
                    "refusal_category": categories[i % len(categories)],
                    "account_type": rng.choice(["free", "pro", "enterprise", "unknown_tier"]),
                    "user_pseudonym": f"u{rng.integers(50)}",
                    "request_text": f"request {i}",
                    "prior_refusals": int(rng.poisson(1.0)),
                }
            )
    return pd.DataFrame(rows)


EVENTS = make_events({"C0001": 300, "C0002": 80, "C0003": 6, "C0004": 5, "C0005": 3, None: 60})


def test_every_cluster_of_min_volume_gets_its_minimum():
    sample = draw_review_sample(EVENTS, 30, CONFIG, day=DAY)
    counts = sample["cluster_id"].value_counts()
    for cluster in ("C0001", "C0002", "C0003", "C0004"):
        assert counts[cluster] >= CONFIG.per_cluster_minimum
    assert len(sample) == 30 and list(sample.columns) == DRAW_COLUMNS


def test_noise_is_no_cluster_even_when_as_large_as_one():
    """pandas holds a missing cluster id as NaN; noise must not compete for cluster floors."""
    sample = draw_review_sample(make_events({"C0001": 60, None: 60}), 10, CONFIG, day=DAY)
    assert len(sample) == 10
    assert sample["cluster_id"].value_counts()["C0001"] >= CONFIG.per_cluster_minimum


def test_long_tail_is_oversampled_and_weights_say_so():
    sample = draw_review_sample(EVENTS, 30, CONFIG, day=DAY)
    pi = sample.groupby("cluster_id")["inclusion_probability"].mean()
    # proportional allocation would give C0003 about 0.4 items; it gets 2 of 6
    assert pi["C0003"] > 5 * pi["C0001"]
    weights = sample.groupby("cluster_id")["sampling_weight"].mean()
    assert weights["C0001"] > 5 * weights["C0003"]


def test_horvitz_thompson_totals_are_unbiased_by_simulation():
    """Mean over seeds of sum(weight) per stratum ~ stratum size; per-unit frequency ~ pi."""
    events = make_events(
        {"C0001": 120, "C0002": 40, "C0003": 7, None: 30},
        seed=3,
        categories=("medical", "violence"),
    )
    strata = pd.Series(
        [
            stratum_name(a, b)
            for a, b in zip(events["refusal_category"], events["cluster_id"], strict=True)
        ]
    ).value_counts()
    runs = 400
    totals = pd.Series(0.0, index=strata.index)
    hits = pd.Series(0, index=events["event_id"])
    stated = None
    for seed in range(runs):
        sample = draw_review_sample(events, 25, CONFIG.model_copy(update={"seed": seed}), DAY)
        totals = totals.add(sample.groupby("stratum")["sampling_weight"].sum(), fill_value=0)
        hits[sample["event_id"]] += 1
        stated = (
            sample.set_index("event_id")["inclusion_probability"]
            if stated is None
            else (stated.combine_first(sample.set_index("event_id")["inclusion_probability"]))
        )
        assert sample["sampling_weight"].sum() == pytest.approx(len(events), rel=0.2)
    assert (totals / runs).to_numpy() == pytest.approx(strata[totals.index].to_numpy(), rel=0.06)
    observed = hits[stated.index] / runs
    assert np.abs(observed - stated).max() < 0.1  # binomial sd <= 0.025 at 400 runs


def test_impact_weight_shifts_selection_within_a_stratum():
    events = make_events({"C0001": 200})
    events["account_type"] = ["verified_professional" if i < 100 else "free" for i in range(200)]
    events["prior_refusals"] = 0
    picked_professional = 0
    for seed in range(50):
        sample = draw_review_sample(events, 20, CONFIG.model_copy(update={"seed": seed}), DAY)
        picked_professional += int((sample["impact_weight"] == 2.0).sum())
    assert picked_professional / (50 * 20) == pytest.approx(2 / 3, abs=0.05)


def test_repeat_refusals_raise_the_impact_weight():
    events = make_events({"C0001": 4})
    events["account_type"] = "free"
    events["prior_refusals"] = [0, 1, 2, 4]
    sample = draw_review_sample(events, 4, CONFIG, DAY)
    assert sample["impact_weight"].tolist() == [1.0, 1.25, 1.5, 2.0]


def test_inclusion_probabilities_cap_at_one_and_sum_to_n():
    pi = inclusion_probabilities(np.array([100.0, 1.0, 1.0, 1.0, 1.0]), 3)
    assert pi[0] == 1.0 and pi.sum() == pytest.approx(3.0)
    assert pi[1:] == pytest.approx([0.5] * 4)


def test_deterministic_per_seed_and_day_whatever_the_row_order():
    first = draw_review_sample(EVENTS, 30, CONFIG, DAY)
    shuffled = EVENTS.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(first, draw_review_sample(shuffled, 30, CONFIG, DAY))
    other_day = draw_review_sample(EVENTS, 30, CONFIG, date(2026, 11, 21))
    assert set(first["event_id"]) != set(other_day["event_id"])


def test_empty_day_gives_an_empty_sample_with_the_schema():
    sample = draw_review_sample(EVENTS.iloc[0:0], 30, CONFIG, DAY)
    assert sample.empty and list(sample.columns) == DRAW_COLUMNS


def test_size_larger_than_the_day_takes_everything_with_weight_one():
    sample = draw_review_sample(EVENTS, 10_000, CONFIG, DAY)
    assert len(sample) == len(EVENTS)
    assert (sample["sampling_weight"] == 1.0).all()


def test_all_noise_day_is_still_sampled_by_category():
    events = make_events({None: 50}, categories=("medical", "legal"))
    sample = draw_review_sample(events, 10, CONFIG, DAY)
    assert set(sample["stratum"]) == {"medical|noise", "legal|noise"}
    assert sample["cluster_id"].isna().all() and len(sample) == 10


def test_budget_below_the_floors_reaches_as_many_clusters_as_it_can():
    events = make_events({f"C{i:04d}": 10 for i in range(1, 8)})
    sample = draw_review_sample(events, 5, CONFIG, DAY)
    assert len(sample) == 5 and sample["cluster_id"].nunique() == 5


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="size"):
        draw_review_sample(EVENTS, -1, CONFIG, DAY)
    with pytest.raises(ValueError, match="columns"):
        draw_review_sample(EVENTS.drop(columns="prior_refusals"), 5, CONFIG, DAY)
    with pytest.raises(ValueError, match="unique"):
        draw_review_sample(pd.concat([EVENTS, EVENTS.head(1)]), 5, CONFIG, DAY)
    with pytest.raises(ValueError, match="impact_weights"):
        ReviewConfig(impact_weights={"free": 0.0})


def test_sample_day_counts_prior_refusals_in_the_window_and_stores_the_day():
    """u1 was refused 10 days ago (outside the 7-day window), yesterday and today at 08:00."""
    conn = duckdb.connect()
    ensure_schema(conn)
    noon = datetime(2026, 11, 20, 12)
    rows = [
        ("old", "u1", noon - timedelta(days=10)),
        ("prev", "u1", noon - timedelta(days=1)),
        ("e1", "u1", noon - timedelta(hours=4)),
        ("e2", "u1", noon),
        ("e3", "u2", noon),
    ]
    for event_id, user, at in rows:
        conn.execute(
            """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
               occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
               request_text, request_text_hash, account_type)
               values (?, ?, ?, ?, ?, 's', 'v1', 'text', 'h', 'free')""",
            [event_id, at.date(), at.date(), at, user],
        )
    conn.execute(
        "insert into analytics.cluster_assignments values ('e1', ?, ?, 'C0001', 1.0)", [DAY, DAY]
    )
    sample = sample_day(conn, DAY, 10, CONFIG)
    assert list(sample.columns) == TABLE_COLUMNS
    weights = dict(zip(sample["event_id"], sample["impact_weight"], strict=True))
    assert weights == {"e1": 1.25, "e2": 1.5, "e3": 1.0}
    stored = conn.execute("select event_id, cluster_id from analytics.review_sample").fetchall()
    assert sorted(stored) == [("e1", "C0001"), ("e2", None), ("e3", None)]
    assert sample_day(conn, date(2026, 11, 25), 10, CONFIG).empty


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_the_review_csv_neutralizes_formulas_and_keeps_ordinary_text(tmp_path):
    texts = [*FORMULAS, "a\rcarriage return", "how do I kill a process, -- or not?"]
    frame = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(texts))],
            "cluster_id": ["=C1", *["C0001"] * (len(texts) - 1)],
            "stratum": "medical|C0001",
            "request_text": texts,
            "sampling_weight": 1.5,
        }
    )
    csv_path, jsonl_path = export_sample(frame, tmp_path, DAY)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["request_text"] for r in rows] == [*("'" + t for t in FORMULAS), *texts[-2:]]
    assert rows[0]["cluster_id"] == "'=C1" and rows[1]["cluster_id"] == "C0001"
    assert {r["sampling_weight"] for r in rows} == {"1.5"} and rows[0]["verdict"] == ""
    records = [json.loads(line) for line in jsonl_path.read_text(encoding="utf-8").splitlines()]
    assert [r["request_text"] for r in records] == texts  # JSON Lines keeps the text as is
