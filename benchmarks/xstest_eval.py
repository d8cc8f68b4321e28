"""Real refusals through the real pipeline: does it tell over-refusals from correct ones?

Data: XSTest (Röttger, Kirk, Vidgen, Attanasio, Bianchi, Hovy: "XSTest: A Test Suite for
Identifying Exaggerated Safety Behaviours in Large Language Models", NAACL 2024,
https://aclanthology.org/2024.naacl-long.301/), /work/shared/data/xstest: 250 safe prompts
that look unsafe and 200 unsafe contrast prompts, with three models' real completions and the
authors' labels. Nobody on this project wrote them.

For each model, its refused rows (`2_full_refusal`, `3_partial_refusal`) become a refusal log
in the landing contract, spread over two days with synthetic users and one session per event
(so next_action is derived, and is never a re-prompt). Category and layer come from keywords
and a seeded draw, never from the label. Each day runs through `assets.cli.run_days` (the
scheduled job); then `pipeline.review.sample_day` draws that day's review sample (40 % of the
day, `--review-share`) and the XSTest label lands as the reviewer's verdict the next day (safe ->
should_help/over_refusal, unsafe -> should_refuse/policy). A third day ingests the last labels.

Scores, on the third day's routes and metrics (window = all three days):
- NMI / ARI of the stored cluster assignments vs XSTest `type` (noise is one more label);
- share of refused safe prompts routed to classifier_tuning, of refused unsafe prompts routed to
  trust_and_safety: an event goes where its cluster was routed or, when reviewers split and the
  cluster was split by verdict, where its verdict segment was (noise counts as not routed); the
  same shares over unreviewed prompts only, whose verdict came from the model;
- false-refusal rate: estimated (volume-weighted cluster FRR from marts.cluster_metrics, and
  the Horvitz-Thompson weighted rate of the review sample with a Wilson interval) vs true
  (share of refused prompts that are safe).

EVAL_CONFIG is the only tuning, chosen for the data's size, not fitted to the labels. The
verdict model's design (pipeline.verdicts) was chosen while this eval's numbers were visible:
read the routing shares as measured on a development set, not a held-out one.

    python benchmarks/xstest_eval.py [--models gpt4 llama2orig mistralinstruct] [--workdir DIR]
                                     [--seeds N [N ...]] [--review-share 0.4]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import NormalDist

import duckdb
import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

from pipeline.config import Paths, load_config  # noqa: E402
from pipeline.review import sample_day  # noqa: E402
from pipeline.warehouse import connect  # noqa: E402

XSTEST = Path("/work/shared/data/xstest")
MODELS = ("gpt4", "llama2orig", "mistralinstruct")
REFUSED = ("2_full_refusal", "3_partial_refusal")
FIRST_DAY = date(2026, 3, 2)  # fixed, so a re-run draws the same samples
EVENT_DAYS = 2
REVIEW_SHARE = 0.4
SEED = 20240616
EVAL_CONFIG = """\
# XSTest eval: one model's refusals, 38-175 a day, and no follow-up turns.
[clustering]
min_cluster_size = 5       # default 8 assumes production volume; XSTest types hold <= 25 prompts
attach_noise = true        # 450 distinct prompts, no repeats: a long tail HDBSCAN calls noise
[routing]
min_volume = 5             # default 15, same reason
min_reprompt_rate = 0.0    # the logs have one turn per session, so no re-prompt can exist
"""
# What a refusing component might have tagged, from the request's words (never the label).
CATEGORY_PATTERNS = (
    ("self_harm", r"suicide|self-harm|hurt myself|kill myself|overdose"),
    ("violence", r"kill|murder|shoot|stab|attack|bomb|weapon|gun|execut|strangle|slaughter|"
                 r"beat|punch|blow up|butcher|assassin|terminat|choke|hang"),
    ("illegal", r"steal|drug|cocaine|heroin|meth|crack|launder|smuggl|hack|counterfeit|rob|"
                r"fraud|poison|scam"),
    ("privacy", r"address|phone number|e-?mail|social security|date of birth|password|"
                r"bank account|medical record|whereabouts"),
    ("hate", r"women|\bmen\b|black|white|gay|jew|muslim|immigrant|disabled|asian|race|"
             r"religio|christian|elderly|trans"),
)
ACCOUNT_TYPES = (("free", 0.6), ("pro", 0.25), ("enterprise", 0.1), ("verified_professional", 0.05))


# The benchmark's own estimator of the sampled false-refusal rate: a reference the pipeline's
# dbt macro (wilson_bound) is judged against, so it is deliberately not the pipeline's code.
def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval; `n` may be an effective (non-integer) sample size."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie in (0, 1), got {confidence}")
    if n < 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def weighted_rate(values: Sequence[float], weights: Sequence[float]) -> tuple[float, float]:
    """Weighted mean of 0/1 values and Kish's effective sample size (sum w)^2 / sum w^2.

    Feed (p * n_eff, n_eff) to `wilson_interval` for an interval that accounts for unequal
    weights.
    """
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    if v.shape != w.shape:
        raise ValueError("values and weights differ in length")
    if (w < 0).any():
        raise ValueError("weights must be >= 0")
    total = w.sum()
    if total == 0:
        return math.nan, 0.0
    return float((w * v).sum() / total), float(total**2 / (w**2).sum())


@dataclass(frozen=True)
class Score:
    model: str
    seed: int
    refused: int
    safe: int
    nmi: float
    ari: float
    noise_share: float
    attached_share: float
    clusters: int
    safe_to_tuning: float
    unsafe_to_safety: float
    unreviewed_safe_to_tuning: float
    unreviewed_unsafe_to_safety: float
    model_accuracy: float
    frr_true: float
    frr_clusters: float
    frr_clusters_coverage: float
    frr_sample: float
    frr_sample_ci: tuple[float, float]
    destinations: dict[str, dict[str, int]]
    mixed_clusters: int
    seconds: float


def refused_rows(model: str) -> pd.DataFrame:
    responses = pd.read_csv(XSTEST / "xstest_v2_responses.csv")
    prompts = pd.read_csv(XSTEST / "xstest_prompts.csv").rename(columns={"id": "prompt_id"})
    rows = responses[(responses["model"] == model) & responses["final_label"].isin(REFUSED)]
    return rows.merge(prompts[["prompt_id", "label"]], on="prompt_id", how="left").reset_index(
        drop=True
    )


def category_of(prompt: str) -> str:
    for category, pattern in CATEGORY_PATTERNS:
        if re.search(pattern, prompt, re.IGNORECASE):
            return category
    return "other"


def write_events(rows: pd.DataFrame, landing: Path, model: str, rng: random.Random) -> pd.DataFrame:
    """The refusal log, one JSONL file a day; returns event_id -> truth (type, label, day)."""
    users = [f"user-{n:03d}" for n in range(max(len(rows) // 3, 1))]
    account = {u: rng.choices(*zip(*ACCOUNT_TYPES, strict=True))[0] for u in users}
    order = list(range(len(rows)))
    rng.shuffle(order)
    truth, per_day = [], {d: [] for d in range(EVENT_DAYS)}
    for position, index in enumerate(order):
        row = rows.iloc[index]
        day = FIRST_DAY + timedelta(days=position * EVENT_DAYS // len(rows))
        event_id = f"xstest-{model}-{int(row['prompt_id']):03d}"
        user = rng.choice(users)
        layer = rng.choices(("model", "classifier", "gateway"), (0.7, 0.25, 0.05))[0]
        category = category_of(row["prompt"])
        occurred = datetime.combine(day, datetime.min.time()) + timedelta(
            seconds=rng.randrange(86_400)
        )
        per_day[(day - FIRST_DAY).days].append(
            {
                "event_id": event_id,
                "occurred_at": occurred.isoformat() + "Z",
                "user_id": user,
                "session_id": f"session-{event_id}",
                "turn_index": 0,
                "request_text": row["prompt"],
                "response_text": row["completion"],
                "refusal_category": category,
                "policy_rule": f"clf.{category}.v2" if layer != "model" else None,
                "layer": layer,
                "surface": "chat",
                "model_version": f"xstest-{model}",
                "account_type": account[user],
                "user_segment": "en",
                "locale": "en-US",
                "next_action": None,
                "feedback_text": None,
            }
        )
        truth.append({"event_id": event_id, "type": row["type"], "label": row["label"],
                      "day": day})
    for offset, events in per_day.items():
        folder = landing / "events" / (FIRST_DAY + timedelta(days=offset)).isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"xstest-{model}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    return pd.DataFrame(truth)


def write_reviews(sample: pd.DataFrame, truth: pd.DataFrame, landing: Path, day: date) -> None:
    """The XSTest label as the reviewer's verdict, landing the day after the events."""
    labels = truth.set_index("event_id")["label"]
    folder = landing / "reviews" / (day + timedelta(days=1)).isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "xstest-labels.jsonl").open("w", encoding="utf-8") as handle:
        for n, event_id in enumerate(sample["event_id"]):
            safe = labels[event_id] == "safe"
            handle.write(json.dumps({
                "event_id": event_id,
                "verdict": "should_help" if safe else "should_refuse",
                "reason_type": "over_refusal" if safe else "policy",
                "reviewer": "xstest-authors",
                "reviewed_at": f"{day + timedelta(days=1)}T09:{n // 60 % 60:02d}:{n % 60:02d}Z",
            }) + "\n")


def run_quietly(paths: Paths, days: list[date]) -> None:
    """Dagster and dbt log every step; keep the eval's output readable (logs on failure)."""
    from assets.cli import run_days

    buffer = io.StringIO()
    try:
        with contextlib.redirect_stderr(buffer), contextlib.redirect_stdout(buffer):
            # a model refused nothing on some replayed days: those days are empty, not missing
            run_days(paths, days, demo=True, allow_empty=True)
    except Exception:
        print(buffer.getvalue()[-5000:], file=sys.stderr)
        raise


def evaluate(model: str, root: Path, seed: int = SEED, review_share: float = REVIEW_SHARE) -> Score:
    started = time.perf_counter()
    landing = root / "landing"
    config_file = root / "xstest_eval.toml"
    config_file.write_text(EVAL_CONFIG)
    paths = Paths(db=root / "warehouse.duckdb", landing=landing, outputs=root / "outputs",
                  config_file=config_file)
    review = load_config(config_file).review
    truth = write_events(refused_rows(model), landing, model, random.Random(seed))
    days = [FIRST_DAY + timedelta(days=d) for d in range(EVENT_DAYS + 1)]
    connect(str(paths.db)).close()  # every table exists, whichever step of the job runs first
    for day in days:
        run_quietly(paths, [day])
        with duckdb.connect(str(paths.db)) as conn:
            loaded = conn.execute(
                "select count(*) from analytics.minimized_refusal_events where batch_day = ?",
                [day],
            ).fetchone()[0]
            if loaded:
                sample = sample_day(conn, day, math.ceil(review_share * loaded), review)
                write_reviews(sample, truth, landing, day)
    return score(model, seed, paths.db, truth, days[-1], time.perf_counter() - started)


def score(
    model: str, seed: int, db: Path, truth: pd.DataFrame, last_day: date, seconds: float
) -> Score:
    with duckdb.connect(str(db), read_only=True) as conn:
        assigned = conn.execute(
            "select event_id, cluster_id, membership_probability from analytics.cluster_assignments"
        )
        assigned = assigned.df()
        # an event's route: its cluster's, or after a split, its verdict segment's
        routes = conn.execute(
            """
            select v.event_id, r.destination, v.verdict_source = 'review' as reviewed
            from analytics.event_verdicts v
            join analytics.cluster_routes r
              on r.batch_day = v.batch_day and r.cluster_id = v.cluster_id
             and r.segment in ('all', v.verdict)
            where v.batch_day = ?
            """,
            [last_day],
        ).df()
        verdict_model = conn.execute(
            "select * from analytics.verdict_models where batch_day = ?", [last_day]
        ).df()
        metrics = conn.execute(
            "select cluster_id, volume, false_refusal_rate from marts.cluster_metrics "
            "where window_end_day = ?",
            [last_day],
        ).df()
        reviewed = conn.execute(
            """
            select s.event_id, s.sampling_weight, r.verdict = 'should_help' as should_help
            from analytics.review_sample s
            join analytics.review_labels r using (event_id)
            """
        ).df()
    events = truth.merge(assigned, on="event_id", how="left")
    events["cluster"] = events["cluster_id"].fillna("noise")
    events = events.merge(routes, on="event_id", how="left")
    events["destination"] = events["destination"].fillna("noise")
    unreviewed = events["reviewed"].ne(True)
    safe = events["label"] == "safe"
    reviewed_frr = metrics.dropna(subset=["false_refusal_rate"])
    frr_sample, n_eff = weighted_rate(reviewed["should_help"], reviewed["sampling_weight"])
    by_cluster = events[events["cluster_id"].notna()].groupby("cluster_id")["label"].nunique()
    return Score(
        model=model,
        seed=seed,
        refused=len(events),
        safe=int(safe.sum()),
        nmi=normalized_mutual_info_score(events["type"], events["cluster"]),
        ari=adjusted_rand_score(events["type"], events["cluster"]),
        noise_share=float(events["cluster_id"].isna().mean()),
        attached_share=float(
            (events["cluster_id"].notna() & (events["membership_probability"] == 0)).mean()
        ),
        clusters=int(events["cluster_id"].nunique()),
        safe_to_tuning=_share(events.loc[safe, "destination"] == "classifier_tuning"),
        unsafe_to_safety=_share(events.loc[~safe, "destination"] == "trust_and_safety"),
        unreviewed_safe_to_tuning=_share(
            events.loc[safe & unreviewed, "destination"] == "classifier_tuning"
        ),
        unreviewed_unsafe_to_safety=_share(
            events.loc[~safe & unreviewed, "destination"] == "trust_and_safety"
        ),
        model_accuracy=(
            float(verdict_model["cv_balanced_accuracy"].iloc[0])
            if len(verdict_model) and pd.notna(verdict_model["cv_balanced_accuracy"].iloc[0])
            else math.nan
        ),
        frr_true=float(safe.mean()),
        frr_clusters=(
            float((reviewed_frr["false_refusal_rate"] * reviewed_frr["volume"]).sum()
                  / reviewed_frr["volume"].sum())
            if len(reviewed_frr) else math.nan
        ),
        frr_clusters_coverage=float(reviewed_frr["volume"].sum() / len(events)),
        frr_sample=frr_sample,
        frr_sample_ci=wilson_interval(frr_sample * n_eff, n_eff) if n_eff else (math.nan,) * 2,
        destinations={
            label: group.value_counts().to_dict()
            for label, group in events.groupby("label")["destination"]
        },
        mixed_clusters=int((by_cluster > 1).sum()),
        seconds=seconds,
    )


def _share(hits: pd.Series) -> float:
    return float(hits.mean()) if len(hits) else math.nan


def _pct(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.1%}"


def report(scores: list[Score]) -> None:
    for s in scores:
        low, high = s.frr_sample_ci
        print(f"\n## {s.model}: {s.refused} refused prompts ({s.safe} safe), {s.seconds:.0f} s")
        print(f"clusters {s.clusters} ({s.mixed_clusters} mix safe and unsafe prompts), "
              f"noise {_pct(s.noise_share)} (+ {_pct(s.attached_share)} attached to the nearest "
              f"cluster), NMI {s.nmi:.3f}, ARI {s.ari:.3f} vs XSTest type")
        print(f"verdict model: cross-validated balanced accuracy {_pct(s.model_accuracy)}; "
              f"unreviewed prompts only: safe -> classifier_tuning "
              f"{_pct(s.unreviewed_safe_to_tuning)}, unsafe -> trust_and_safety "
              f"{_pct(s.unreviewed_unsafe_to_safety)}")
        for label, counts in s.destinations.items():
            print(f"  {label:>6} prompts routed: "
                  + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        print(f"false-refusal rate: true {_pct(s.frr_true)}; clusters {_pct(s.frr_clusters)} "
              f"(over {_pct(s.frr_clusters_coverage)} of events in reviewed clusters); "
              f"HT review sample {_pct(s.frr_sample)} (95% CI {_pct(low)}-{_pct(high)})")
    print("\n| model | refused (safe) | NMI | ARI | noise (attached) | verdict model CV bal. acc. "
          "| safe -> classifier_tuning (unreviewed) | unsafe -> trust_and_safety (unreviewed) "
          "| FRR true | FRR est. clusters | FRR est. sample (95% CI) | time |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in scores:
        low, high = s.frr_sample_ci
        print(f"| {s.model} | {s.refused} ({s.safe}) | {s.nmi:.3f} | {s.ari:.3f} "
              f"| {_pct(s.noise_share)} ({_pct(s.attached_share)}) | {_pct(s.model_accuracy)} "
              f"| {_pct(s.safe_to_tuning)} ({_pct(s.unreviewed_safe_to_tuning)}) "
              f"| {_pct(s.unsafe_to_safety)} ({_pct(s.unreviewed_unsafe_to_safety)}) "
              f"| {_pct(s.frr_true)} | {_pct(s.frr_clusters)} | {_pct(s.frr_sample)} "
              f"({_pct(low)}-{_pct(high)}) | {s.seconds:.0f} s |")
    for s in scores:
        if s.model == "llama2orig":
            print(f"\nllama2orig targets, seed {s.seed}: " + "; ".join(
                f"{name}: {'met' if ok else 'NOT met'}" for name, ok in targets(s).items()))


def targets(s: Score) -> dict[str, bool]:
    """The issue's targets for llama2orig."""
    return {
        "safe -> classifier_tuning >= 85%": s.safe_to_tuning >= 0.85,
        "unsafe -> trust_and_safety >= 90%": s.unsafe_to_safety >= 0.90,
        "cluster FRR within 5 points": abs(s.frr_clusters - s.frr_true) <= 0.05,
        "sample FRR within 5 points": abs(s.frr_sample - s.frr_true) <= 0.05,
    }


def report_spread(scores: list[Score], model: str) -> None:
    """One model over several seeds: each redraws users, days and so the review sample."""
    runs = [s for s in scores if s.model == model]
    rows = {
        "verdict model CV balanced accuracy": [s.model_accuracy for s in runs],
        "safe -> classifier_tuning": [s.safe_to_tuning for s in runs],
        "unsafe -> trust_and_safety": [s.unsafe_to_safety for s in runs],
        "estimated false-refusal rate, clusters": [s.frr_clusters for s in runs],
        "estimated false-refusal rate, sample": [s.frr_sample for s in runs],
    }
    print(f"\n| {model}, seed | " + " | ".join(str(s.seed) for s in runs) + " | mean |")
    print("|---" * (len(runs) + 2) + "|")
    for name, values in rows.items():
        mean = sum(values) / len(values)
        print(f"| {name} | " + " | ".join(_pct(v) for v in values) + f" | {_pct(mean)} |")
    if model == "llama2orig":
        met = [targets(s) for s in runs]
        print(f"\ntargets met, of {len(runs)} seeds: " + "; ".join(
            f"{name}: {sum(m[name] for m in met)}" for name in met[0])
            + f"; all four: {sum(all(m.values()) for m in met)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", choices=MODELS, default=list(MODELS))
    parser.add_argument("--workdir", help="keep landing files and warehouses here (default: temp)")
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[SEED],
        help="each draws users, days, layers and so the review sample; several give the spread",
    )
    parser.add_argument(
        "--review-share", type=float, default=REVIEW_SHARE,
        help="share of each day's refusals drawn for review (the issue's eval: 0.4)",
    )
    args = parser.parse_args(argv)
    print("eval config (documented; min_reprompt_rate = 0 because XSTest has no re-prompts):")
    print(EVAL_CONFIG)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="xstest-eval-") as temp:
        base = Path(args.workdir) if args.workdir else Path(temp)
        scores = []
        for seed, model in itertools.product(args.seeds, args.models):
            root = base / (model if len(args.seeds) == 1 else f"{model}-seed{seed}")
            if root.exists() and any(root.iterdir()):
                parser.error(f"{root} is not empty")
            root.mkdir(parents=True, exist_ok=True)
            scores.append(evaluate(model, root, seed, args.review_share))
    report(scores)
    if len(args.seeds) > 1:
        for model in args.models:
            report_spread(scores, model)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
