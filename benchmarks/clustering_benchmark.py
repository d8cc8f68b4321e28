"""Clustering benchmark: the pipeline's clustering beside BERTopic, same embeddings, same data.

Why: the pipeline groups refusals into intents with its own PCA + HDBSCAN (+ intent merge);
BERTopic is the usual off-the-shelf answer. This script scores both against the planted
intents of the independent realistic log (`benchmarks/realistic/`, issue #12), on one set of
embeddings, so that only the clustering differs. See benchmarks/CLUSTERING.md.

    .venv/bin/python benchmarks/clustering_benchmark.py [--split dev|test] [--days 3]
        [--events-per-day 4000] [--start 2026-11-10] [--seed 0] [--runs 3]
        [--variants pipeline,pipeline-merge,pipeline-nomerge,bertopic,bertopic-outliers]
        [--set key=value ...]   # ClusteringConfig overrides for the pipeline variants
        [--bertopic-python benchmarks/.cache/bertopic-venv/bin/python] [--bertopic-vary-seed]
        [--json PATH]

Data: `make_logs.py` writes the log; each distinct event's request text (re-delivered
duplicates skipped by event_id) is joined to `truth.jsonl` by event_id. The whole window of
`--days` days is clustered as one window, as one daily run with a window that long would.

Embeddings: the project's encoder (`pipeline.embedding.load_encoder`, the bundled
all-MiniLM-L6-v2, offline) over the raw request texts, cached in `benchmarks/.cache/` by split,
seed, days, events per day, start day and a digest of the texts. (The daily run embeds the
*minimized* text; the few redacted spans are the only difference.)

Variants, each run `--runs` times on the same vectors, timed over the clustering only:
  pipeline           `cluster_window(...)` with `pipeline_config(--set overrides)`
  pipeline-merge     the same with merge_into_intents=True
  pipeline-nomerge   the same with merge_into_intents=False (HDBSCAN's fine clusters)
  bertopic           BERTopic's defaults (UMAP, seeded, + HDBSCAN), min_topic_size = the
                     pipeline's min_cluster_size, run in a separate venv (bertopic_worker.py)
  bertopic-outliers  the same fit followed by reduce_outliers(strategy="embeddings")

BERTopic is not a project dependency and must not be installed into `.venv`; create its venv:

    python3.11 -m venv benchmarks/.cache/bertopic-venv
    benchmarks/.cache/bertopic-venv/bin/pip install torch==2.13.0     # pinned, first
    benchmarks/.cache/bertopic-venv/bin/pip install bertopic==0.17.4

Scores (noise, i.e. cluster None / topic -1, counts as one label "-1" in NMI and ARI): NMI, ARI,
NMI over non-noise events, noise share, clusters, clusters per planted intent (clusters holding
>= 10 % of the intent's events, and clusters holding any of them: median and max over intents
with at least min_cluster_size events), route purity (share of non-noise events whose
cluster's majority true_route is theirs), wall time, and repeatability (the lowest ARI between
two runs' labelings).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "benchmarks" / ".cache"
MAKE_LOGS = REPO / "benchmarks" / "realistic" / "make_logs.py"
WORKER = REPO / "benchmarks" / "bertopic_worker.py"
DEFAULT_BERTOPIC_PYTHON = CACHE / "bertopic-venv" / "bin" / "python"
NOISE = -1
INTENT_SHARE = 0.10  # a cluster "holds" an intent from this share of the intent's events

PIPELINE_VARIANTS = {
    "pipeline": {},
    "pipeline-merge": {"merge_into_intents": True},
    "pipeline-nomerge": {"merge_into_intents": False},
}
BERTOPIC_VARIANTS = ("bertopic", "bertopic-outliers")
ALL_VARIANTS = (*PIPELINE_VARIANTS, *BERTOPIC_VARIANTS)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from pydantic import ValidationError  # noqa: E402

from pipeline.config import (  # noqa: E402
    ClusteringConfig,
    EmbeddingConfig,
    describe_validation_error,
)


# ------------------------------------------------------------------------ configuration
def parse_overrides(pairs: Sequence[str]) -> dict[str, Any]:
    """`key=value` pairs; a value is read as JSON when it is (true, 15, 0.8, null), else kept
    as a string for pydantic to coerce or reject."""
    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"--set {pair!r}: write key=value, e.g. --set min_cluster_size=15")
        try:
            overrides[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key.strip()] = value
    return overrides


def pipeline_config(overrides: dict[str, Any]) -> ClusteringConfig:
    """The one place a pipeline variant's configuration is built: ClusteringConfig's defaults
    (the daily run's) with `overrides`; unknown keys and bad values fail as in the TOML file."""
    return ClusteringConfig.model_validate(overrides)


# ------------------------------------------------------------------------ data
@dataclass(frozen=True)
class Dataset:
    """Distinct events in event_id order (as the daily run reads its window), with truth."""

    events: pd.DataFrame  # event_id, batch_day, event_day, request_text, intent_id, true_route
    key: str  # the cache key: split, seed, days, events per day, start day
    duplicates_skipped: int


def generate_logs(args: argparse.Namespace, out: Path) -> None:
    """The independent generator, through its CLI, exactly as its README documents it."""
    command = [
        sys.executable,
        str(MAKE_LOGS),
        "--split", args.split,
        "--days", str(args.days),
        "--events-per-day", str(args.events_per_day),
        "--start", args.start,
        "--out", str(out),
        "--seed", str(args.seed),
    ]  # fmt: skip
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _event_lines(events_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(batch day, event) for every line of every landed events file, day by day."""
    for day_dir in sorted(p for p in events_dir.iterdir() if p.is_dir()):
        for part in sorted(day_dir.glob("part-*.jsonl*")):
            opener = gzip.open if part.suffix == ".gz" else open
            with opener(part, "rt", encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        yield day_dir.name, json.loads(line)


def load_dataset(root: Path, key: str) -> Dataset:
    """Request texts from the events files joined to truth.jsonl; a re-delivered event_id
    keeps its first delivery (the contract: a repeated id is a duplicate, not an event)."""
    rows: dict[str, dict[str, Any]] = {}
    duplicates = 0
    for batch_day, event in _event_lines(root / "events"):
        if event["event_id"] in rows:
            duplicates += 1
            continue
        occurred = datetime.fromisoformat(event["occurred_at"]).astimezone(UTC)
        rows[event["event_id"]] = {
            "event_id": event["event_id"],
            "batch_day": pd.Timestamp(batch_day).date(),
            "event_day": occurred.date(),
            "request_text": event["request_text"],
        }
    truth = pd.read_json(root / "truth.jsonl", lines=True, dtype={"event_id": str})
    events = pd.DataFrame(list(rows.values())).merge(
        truth[["event_id", "intent_id", "intent_type", "true_route"]],
        on="event_id",
        how="left",
        validate="one_to_one",
    )
    missing = int(events["intent_id"].isna().sum())
    if missing or len(events) != len(truth):
        raise SystemExit(
            f"events and truth disagree: {len(events)} events, {len(truth)} truth rows, "
            f"{missing} events without truth"
        )
    events = events.sort_values("event_id", kind="stable").reset_index(drop=True)
    return Dataset(events=events, key=key, duplicates_skipped=duplicates)


def embeddings_for(dataset: Dataset, config: EmbeddingConfig) -> tuple[np.ndarray, Path, bool]:
    """The events' vectors, from the cache when the same texts were encoded before; returns
    (vectors, cache file, cache hit). Distinct texts are encoded once, as the pipeline does."""
    texts = dataset.events["request_text"].tolist()
    digest = hashlib.sha256("\n".join([config.model, *texts]).encode()).hexdigest()[:12]
    path = CACHE / f"embeddings_{dataset.key}_{digest}.npy"
    if path.exists():
        return np.load(path), path, True
    from pipeline.embedding import load_encoder

    unique = list(dict.fromkeys(texts))
    vectors = load_encoder(config).encode(unique)
    row = {text: i for i, text in enumerate(unique)}
    full = vectors[[row[text] for text in texts]].astype(np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, full)
    return full, path, False


# ------------------------------------------------------------------------ variants
@dataclass
class VariantResult:
    name: str
    config: dict[str, Any]
    labelings: list[np.ndarray] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    note: str = ""


def run_pipeline_variant(
    name: str, dataset: Dataset, vectors: np.ndarray, config: ClusteringConfig, runs: int
) -> VariantResult:
    """`cluster_window` as the daily run calls it on a first day (empty registry); labels are
    the returned cluster ids, None (noise) as -1."""
    from pipeline.clustering import cluster_window

    frame = dataset.events[["event_id", "batch_day", "event_day", "request_text"]]
    result = VariantResult(name, config.model_dump())
    for _ in range(runs):
        started = time.perf_counter()
        assignments, _ = cluster_window(frame, vectors, registry=[], config=config)
        result.seconds.append(time.perf_counter() - started)
        by_event = dict(zip(assignments["event_id"], assignments["cluster_id"], strict=True))
        ids = [by_event[e] for e in frame["event_id"]]
        codes = {c: i for i, c in enumerate(sorted({c for c in ids if isinstance(c, str)}))}
        result.labelings.append(np.array([codes.get(c, NOISE) for c in ids], dtype=np.int64))
    return result


def run_bertopic_variants(
    names: Sequence[str],
    dataset: Dataset,
    embeddings_path: Path,
    min_topic_size: int,
    args: argparse.Namespace,
) -> list[VariantResult]:
    """Both BERTopic variants from one worker process in the BERTopic venv (one fit per run;
    `bertopic-outliers` reduces that fit's outliers, and its time adds the reduction)."""
    python = Path(args.bertopic_python)
    if not python.exists():
        raise SystemExit(
            f"no BERTopic interpreter at {python}: create the venv (see this script's "
            "docstring) or pass --bertopic-python, or leave the bertopic variants out"
        )
    docs_path = embeddings_path.with_name(embeddings_path.stem.replace("embeddings", "docs"))
    docs_path = docs_path.with_suffix(".json")
    if not docs_path.exists():
        docs_path.write_text(json.dumps(dataset.events["request_text"].tolist()))
    with tempfile.TemporaryDirectory(prefix="bertopic_") as out:
        command = [
            str(python),
            str(WORKER),
            "--embeddings", str(embeddings_path),
            "--docs", str(docs_path),
            "--min-topic-size", str(min_topic_size),
            "--runs", str(args.runs),
            "--seed", str(args.seed),
            "--out", out,
        ]  # fmt: skip
        if args.bertopic_vary_seed:
            command.append("--vary-seed")
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        subprocess.run(command, check=True, env=env)
        timings = json.loads((Path(out) / "timings.json").read_text())
        results = []
        for name in names:
            config = {
                "bertopic": timings["bertopic"],
                "umap": timings["umap"],
                "min_topic_size": min_topic_size,
                "umap_random_state": [r["seed"] for r in timings["runs"]],
                "reduce_outliers": "embeddings" if name == "bertopic-outliers" else None,
            }
            result = VariantResult(name, config, note=f"BERTopic {timings['bertopic']}")
            for run, timing in enumerate(timings["runs"]):
                result.labelings.append(np.load(Path(out) / f"{name}_{run}.npy"))
                extra = timing["reduce_outliers_s"] if name == "bertopic-outliers" else 0.0
                result.seconds.append(timing["fit_s"] + extra)
            results.append(result)
    return results


# ------------------------------------------------------------------------ scoring
def clusters_per_intent(
    labels: np.ndarray, intents: np.ndarray, scored: Sequence[str]
) -> tuple[list[int], list[int]]:
    """Per scored intent: clusters holding >= INTENT_SHARE of its events, and clusters holding
    any (noise is no cluster; an intent left entirely in noise has 0)."""
    held, touched = [], []
    for intent in scored:
        mine = labels[intents == intent]
        clustered = mine[mine != NOISE]
        values, counts = np.unique(clustered, return_counts=True)
        held.append(int((counts >= INTENT_SHARE * len(mine)).sum()))
        touched.append(len(values))
    return held, touched


def route_purity(labels: np.ndarray, routes: np.ndarray) -> float:
    """Share of clustered events whose cluster's majority true route is their own: how far a
    cluster-level route could be right."""
    clustered = labels != NOISE
    if not clustered.any():
        return float("nan")
    frame = pd.DataFrame({"cluster": labels[clustered], "route": routes[clustered]})
    counts = frame.groupby(["cluster", "route"]).size()
    return float(counts.groupby(level="cluster").max().sum() / clustered.sum())


def score(labels: np.ndarray, dataset: Dataset, scored: Sequence[str]) -> dict[str, float]:
    """Every figure of one labeling against the planted intents."""
    intents = dataset.events["intent_id"].to_numpy()
    routes = dataset.events["true_route"].to_numpy()
    clustered = labels != NOISE
    held, touched = clusters_per_intent(labels, intents, scored)
    return {
        "nmi": float(normalized_mutual_info_score(intents, labels)),
        "ari": float(adjusted_rand_score(intents, labels)),
        "nmi_clustered": (
            float(normalized_mutual_info_score(intents[clustered], labels[clustered]))
            if clustered.any()
            else float("nan")
        ),
        "noise_share": float(1 - clustered.mean()),
        "clusters": float(len(set(labels[clustered].tolist()))),
        "clusters_per_intent_10pct_median": float(statistics.median(held)),
        "clusters_per_intent_10pct_max": float(max(held)),
        "clusters_per_intent_any_median": float(statistics.median(touched)),
        "clusters_per_intent_any_max": float(max(touched)),
        "route_purity": route_purity(labels, routes),
    }


def repeatability(labelings: Sequence[np.ndarray]) -> float | None:
    """The lowest ARI between two runs' labelings (1.0: every run found the same partition)."""
    pairs = list(itertools.combinations(labelings, 2))
    if not pairs:
        return None
    return min(float(adjusted_rand_score(a, b)) for a, b in pairs)


def summarise(result: VariantResult, dataset: Dataset, scored: Sequence[str]) -> dict[str, Any]:
    """Per-run figures, their mean and sample standard deviation, and repeatability."""
    runs = [
        {**score(labels, dataset, scored), "seconds": seconds}
        for labels, seconds in zip(result.labelings, result.seconds, strict=True)
    ]
    mean = {k: statistics.fmean(r[k] for r in runs) for k in runs[0]}
    spread = {k: statistics.stdev(r[k] for r in runs) if len(runs) > 1 else 0.0 for k in runs[0]}
    return {
        "config": result.config,
        "note": result.note,
        "runs": runs,
        "mean": mean,
        "sd": spread,
        "repeatability_ari_min": repeatability(result.labelings),
    }


# ------------------------------------------------------------------------ report
COLUMNS: list[tuple[str, str, Callable[[float], str]]] = [
    ("NMI", "nmi", "{:.3f}".format),
    ("NMI clustered", "nmi_clustered", "{:.3f}".format),
    ("ARI", "ari", "{:.3f}".format),
    ("noise", "noise_share", "{:.1%}".format),
    ("clusters", "clusters", "{:.0f}".format),
    ("cl/intent ≥10 % med", "clusters_per_intent_10pct_median", "{:.1f}".format),
    ("max", "clusters_per_intent_10pct_max", "{:.0f}".format),
    ("cl/intent any med", "clusters_per_intent_any_median", "{:.1f}".format),
    ("max", "clusters_per_intent_any_max", "{:.0f}".format),
    ("route purity", "route_purity", "{:.1%}".format),
    ("time s", "seconds", "{:.2f}".format),
]


def table(summaries: dict[str, dict[str, Any]]) -> str:
    """A Markdown table: mean ± sd over runs (± left out when every run agreed)."""
    header = ["variant", *(c[0] for c in COLUMNS), "repeat ARI"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for name, summary in summaries.items():
        cells = [name]
        for _, key, fmt in COLUMNS:
            mean, sd = summary["mean"][key], summary["sd"][key]
            cells.append(fmt(mean) + (f" ± {fmt(sd)}" if fmt(sd) != fmt(0.0) else ""))
        rep = summary["repeatability_ari_min"]
        cells.append("—" if rep is None else f"{rep:.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ["numpy", "scikit-learn", "hdbscan", "torch", "sentence-transformers"]
    return {name: version(name) for name in names}


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--events-per-day", type=int, default=4000)
    parser.add_argument("--start", default="2026-11-10")
    parser.add_argument("--seed", type=int, default=0, help="generator seed; also UMAP's")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--variants",
        default=",".join(ALL_VARIANTS),
        help=f"comma-separated, from {', '.join(ALL_VARIANTS)}",
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="ClusteringConfig override for the pipeline variants (repeatable); "
        "min_cluster_size also sets BERTopic's min_topic_size",
    )
    parser.add_argument("--bertopic-python", default=str(DEFAULT_BERTOPIC_PYTHON))
    parser.add_argument(
        "--bertopic-vary-seed",
        action="store_true",
        help="UMAP random_state = seed + run, so repeatability measures seed sensitivity",
    )
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args(argv)
    args.variant_list = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = sorted(set(args.variant_list) - set(ALL_VARIANTS))
    if unknown:
        parser.error(f"unknown variants {unknown}; choose from {', '.join(ALL_VARIANTS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    overrides = parse_overrides(args.overrides)
    try:
        base = pipeline_config(overrides)
    except ValidationError as exc:
        raise SystemExit(f"--set: {describe_validation_error(exc)}") from exc
    key = f"{args.split}_seed{args.seed}_days{args.days}_epd{args.events_per_day}_{args.start}"

    with tempfile.TemporaryDirectory(prefix="clustering_benchmark_") as tmp:
        generate_logs(args, Path(tmp))
        dataset = load_dataset(Path(tmp), key)
    started = time.perf_counter()
    vectors, embeddings_path, hit = embeddings_for(dataset, EmbeddingConfig())
    encode_s = time.perf_counter() - started

    volume = dataset.events["intent_id"].value_counts()
    scored = sorted(volume[volume >= base.min_cluster_size].index)
    excluded = {k: int(v) for k, v in volume[volume < base.min_cluster_size].items()}
    print(
        f"{len(dataset.events)} distinct events ({dataset.duplicates_skipped} re-deliveries "
        f"skipped), {volume.size} planted intents, split {args.split}, seed {args.seed}, "
        f"{args.days} days x {args.events_per_day}"
    )
    print(
        f"embeddings {vectors.shape} {'from cache' if hit else f'encoded in {encode_s:.1f} s'}:"
        f" {embeddings_path.relative_to(REPO)}"
    )
    print(
        f"clusters per intent: {len(scored)} intents scored; left out, below min_cluster_size "
        f"{base.min_cluster_size}: {', '.join(f'{k} ({v})' for k, v in sorted(excluded.items()))}"
    )

    results: list[VariantResult] = []
    for name in args.variant_list:
        if name in PIPELINE_VARIANTS:
            config = pipeline_config({**overrides, **PIPELINE_VARIANTS[name]})
            print(f"{name}: {config.model_dump()}", flush=True)
            results.append(run_pipeline_variant(name, dataset, vectors, config, args.runs))
    bertopic_names = [n for n in args.variant_list if n in BERTOPIC_VARIANTS]
    if bertopic_names:
        print(f"bertopic: min_topic_size {base.min_cluster_size}, {args.runs} runs", flush=True)
        results += run_bertopic_variants(
            bertopic_names, dataset, embeddings_path, base.min_cluster_size, args
        )
    order = {name: i for i, name in enumerate(args.variant_list)}
    results.sort(key=lambda r: order[r.name])
    summaries = {r.name: summarise(r, dataset, scored) for r in results}

    print()
    print(
        f"mean ± sd over {args.runs} runs; noise (cluster None / topic -1) is one label '-1' "
        "in NMI and ARI; 'NMI clustered' over non-noise events only; clusters per intent over "
        f"the {len(scored)} intents with >= {base.min_cluster_size} events; route purity over "
        "non-noise events; time = clustering only; repeat ARI = lowest ARI between two runs"
    )
    print(table(summaries))
    machine = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    print(f"machine: {machine['cpus']} CPUs, {machine['platform']}")
    if args.json:
        report = {
            "dataset": {
                "split": args.split,
                "seed": args.seed,
                "days": args.days,
                "events_per_day": args.events_per_day,
                "start": args.start,
                "events": len(dataset.events),
                "duplicates_skipped": dataset.duplicates_skipped,
                "intents": int(volume.size),
                "scored_intents": scored,
                "excluded_intents": excluded,
            },
            "embeddings": {"path": str(embeddings_path), "cached": hit, "encode_s": encode_s},
            "overrides": overrides,
            "machine": machine,
            "versions": versions(),
            "variants": summaries,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str))
        print(f"figures: {args.json}")


if __name__ == "__main__":
    main()
