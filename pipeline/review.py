"""The daily "should we have refused?" sample, and the interval maths for what reviewers say.

Design: strata are (refusal_category, cluster_id), noise being one cluster value of its own.
Every cluster with at least `min_cluster_volume` events gets `per_cluster_minimum` items before
the rest of the budget is shared in proportion to stratum size, so small clusters are reviewed
at all (the long tail is oversampled). Within a stratum, items are drawn by systematic PPS over
a random order with inclusion probability

    pi_i = min(1, c * x_i),  sum_i pi_i = n_h,

where x_i is the event's impact weight and c solves the sum (units reaching 1 are taken with
certainty). Systematic PPS realises each pi_i exactly, so with sampling_weight = 1 / pi_i the
Horvitz-Thompson total sum(sampling_weight) over a stratum's sample is unbiased for its size,
and a weighted rate over the sample is a consistent estimate of the day's rate.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from pipeline.config import ReviewConfig
from pipeline.safe_text import csv_cell
from pipeline.warehouse import replace_partition

NOISE_STRATUM = "noise"
UNKNOWN_CATEGORY = "unknown"
INPUT_COLUMNS = (
    "event_id",
    "cluster_id",
    "refusal_category",
    "account_type",
    "request_text",
    "prior_refusals",
)
DRAW_COLUMNS = [
    "event_id",
    "cluster_id",
    "stratum",
    "inclusion_probability",
    "sampling_weight",
    "impact_weight",
    "request_text",
]
TABLE_COLUMNS = ["batch_day", *DRAW_COLUMNS, "sampled_at"]
# What reviewers see: minimized text only, never pseudonyms; the blank columns are the
# review_label contract's, so a filled-in file can land in reviews/ as it is.
EXPORT_COLUMNS = [
    "event_id",
    "cluster_id",
    "stratum",
    "request_text",
    "sampling_weight",
    "verdict",
    "reason_type",
    "reviewer",
    "reviewed_at",
    "note",
]


def impact_weights(events: pd.DataFrame, config: ReviewConfig) -> np.ndarray:
    """Account-type weight (1.0 when unknown) times 1 + repeat_refusal_weight * prior refusals."""
    account = np.array(
        [
            config.impact_weights.get(a, 1.0) if isinstance(a, str) else 1.0
            for a in events["account_type"]
        ],
        dtype=float,
    )
    prior = pd.to_numeric(events["prior_refusals"]).fillna(0).to_numpy(dtype=float)
    if (prior < 0).any():
        raise ValueError("prior_refusals must be >= 0")
    return account * (1.0 + config.repeat_refusal_weight * prior)


def stratum_name(category: object, cluster_id: object) -> str:
    category = category if isinstance(category, str) and category else UNKNOWN_CATEGORY
    cluster = cluster_id if isinstance(cluster_id, str) and cluster_id else NOISE_STRATUM
    return f"{category}|{cluster}"


def allocate(
    sizes: dict[str, int], cluster_of: dict[str, str | None], budget: int, config: ReviewConfig
) -> dict[str, int]:
    """Items per stratum: cluster floors first, then the rest by Sainte-Lague on stratum size.

    Floors go round-robin over eligible clusters (largest first) so a budget smaller than the
    floors still reaches as many clusters as it can; inside a cluster each floor item goes to
    the stratum furthest below its share. No stratum gets more items than it has events.
    """
    allocation = dict.fromkeys(sizes, 0)
    if budget >= sum(sizes.values()):
        return dict(sizes)
    volume: Counter[str] = Counter()
    strata_of: dict[str, list[str]] = defaultdict(list)
    for stratum in sorted(sizes):
        cluster = cluster_of[stratum]
        if cluster is not None:
            volume[cluster] += sizes[stratum]
            strata_of[cluster].append(stratum)
    eligible = sorted(
        (c for c, v in volume.items() if v >= config.min_cluster_volume),
        key=lambda c: (-volume[c], c),
    )
    left = budget
    for _ in range(config.per_cluster_minimum):
        for cluster in eligible:
            open_strata = [s for s in strata_of[cluster] if allocation[s] < sizes[s]]
            if left == 0 or not open_strata:
                continue
            chosen = max(open_strata, key=lambda s: sizes[s] / (allocation[s] + 1))
            allocation[chosen] += 1
            left -= 1
    extra = dict.fromkeys(sizes, 0)
    queue = [(-float(sizes[s]), s) for s in sorted(sizes) if allocation[s] < sizes[s]]
    heapq.heapify(queue)
    while left and queue:
        _, stratum = heapq.heappop(queue)
        allocation[stratum] += 1
        extra[stratum] += 1
        left -= 1
        if allocation[stratum] < sizes[stratum]:
            heapq.heappush(queue, (-sizes[stratum] / (2 * extra[stratum] + 1), stratum))
    return allocation


def inclusion_probabilities(weights: np.ndarray, n: int) -> np.ndarray:
    """pi_i proportional to weight, capped at 1, summing to n (capped units are certain)."""
    if n >= len(weights):
        return np.ones(len(weights))
    pi = np.zeros(len(weights))
    certain = np.zeros(len(weights), dtype=bool)
    while n > 0:
        rest = ~certain
        pi[rest] = (n - certain.sum()) * weights[rest] / weights[rest].sum()
        over = rest & (pi >= 1.0)
        if not over.any():
            break
        certain |= over
    pi[certain] = 1.0
    return pi


def systematic_pps(pi: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Indices drawn so that unit i is in the sample with probability exactly pi[i].

    Certain units are taken; the others are laid out in random order on a line, each over a
    length pi_i < 1, and hit by the points u, u + 1, ... (u uniform), one point per draw.
    """
    certain = np.flatnonzero(pi >= 1.0)
    order = rng.permutation(np.flatnonzero((pi > 0) & (pi < 1.0)))
    if not len(order):
        return certain
    cumulative = np.cumsum(pi[order])
    draws = round(cumulative[-1])
    cumulative *= draws / cumulative[-1]  # the sum is an integer; remove float drift
    points = rng.uniform() + np.arange(draws)
    picked = order[np.searchsorted(cumulative, points, side="right")]
    return np.sort(np.concatenate([certain, picked]))


def draw_review_sample(
    events: pd.DataFrame, size: int, config: ReviewConfig, day: date | None = None
) -> pd.DataFrame:
    """The day's review sample with its design: stratum, pi, sampling and impact weights.

    `events`: one row per minimized event of the day, with INPUT_COLUMNS (cluster_id None for
    noise). Deterministic given `config.seed` and `day`, whatever the row order.
    """
    if size < 0:
        raise ValueError(f"sample size must be >= 0, got {size}")
    missing = [c for c in INPUT_COLUMNS if c not in events.columns]
    if missing:
        raise ValueError(f"events lack columns {missing}")
    if events["event_id"].duplicated().any():
        raise ValueError("events must have unique event_id")
    if not len(events) or size == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in DRAW_COLUMNS})
    frame = events.sort_values("event_id", kind="stable").reset_index(drop=True)
    # object dtype: a str column would turn None back into NaN, and noise must stay None
    frame["cluster_id"] = pd.Series(
        [c if isinstance(c, str) and c else None for c in frame["cluster_id"]],
        index=frame.index,
        dtype=object,
    )
    frame["stratum"] = [
        stratum_name(cat, cl)
        for cat, cl in zip(frame["refusal_category"], frame["cluster_id"], strict=True)
    ]
    frame["impact_weight"] = impact_weights(frame, config)
    groups = frame.groupby("stratum", sort=True).indices
    sizes = {s: len(rows) for s, rows in groups.items()}
    cluster_of = {s: frame.at[rows[0], "cluster_id"] for s, rows in groups.items()}
    allocation = allocate(sizes, cluster_of, size, config)
    seed = [config.seed, day.toordinal()] if day is not None else [config.seed]
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    frame["inclusion_probability"] = 0.0
    chosen: list[np.ndarray] = []
    for stratum, rows in groups.items():  # sorted, so the random stream is reproducible
        pi = inclusion_probabilities(frame["impact_weight"].to_numpy()[rows], allocation[stratum])
        frame.loc[rows, "inclusion_probability"] = pi
        chosen.append(rows[systematic_pps(pi, rng)])
    sample = frame.loc[np.sort(np.concatenate(chosen))].copy()
    sample["sampling_weight"] = 1.0 / sample["inclusion_probability"]
    return sample.loc[:, DRAW_COLUMNS].reset_index(drop=True)


DAY_EVENTS_SQL = """
select m.event_id, a.cluster_id, m.refusal_category, m.account_type, m.user_pseudonym,
       m.request_text,
       (select count(*) from analytics.minimized_refusal_events p
        where p.user_pseudonym = m.user_pseudonym
          and p.batch_day <= m.batch_day
          and p.occurred_at < m.occurred_at
          and p.occurred_at >= m.occurred_at - to_days(cast(? as integer))) as prior_refusals
from analytics.minimized_refusal_events m
left join analytics.cluster_assignments a
  on a.event_id = m.event_id and a.batch_day = m.batch_day
where m.batch_day = ?
order by m.event_id
"""


def sample_day(
    conn: duckdb.DuckDBPyConnection, day: date, size: int, config: ReviewConfig
) -> pd.DataFrame:
    """Draw the sample of the events `day` loaded and store it in analytics.review_sample.

    Events the clustering has not assigned count as noise rather than being left out.
    """
    events = conn.execute(DAY_EVENTS_SQL, [config.repeat_window_days, day]).df()
    sample = draw_review_sample(events, size, config, day=day)
    sample.insert(0, "batch_day", day)
    sample["sampled_at"] = datetime.now(UTC).replace(tzinfo=None)
    sample = sample.loc[:, TABLE_COLUMNS]
    replace_partition(conn, "analytics.review_sample", day, sample)
    return sample


def export_sample(frame: pd.DataFrame, out_dir: Path, day: date) -> list[Path]:
    """review_sample-<day>.csv and .jsonl for reviewers, with blank verdict columns to fill."""
    out_dir.mkdir(parents=True, exist_ok=True)
    export = frame.reindex(columns=EXPORT_COLUMNS)
    export = export.astype(object).where(export.notna(), None)
    csv_path = out_dir / f"review_sample-{day.isoformat()}.csv"
    jsonl_path = out_dir / f"review_sample-{day.isoformat()}.jsonl"
    # Spreadsheets run a cell starting with = + - @ as a formula; JSON Lines is not opened so.
    # CRLF rows (RFC 4180): with "\n" rows the csv module leaves a cell's "\r" unquoted.
    export.map(csv_cell).to_csv(csv_path, index=False, lineterminator="\r\n")
    with jsonl_path.open("w", encoding="utf-8") as handle:
        for record in export.to_dict("records"):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [csv_path, jsonl_path]
