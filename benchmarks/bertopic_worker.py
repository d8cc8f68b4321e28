"""BERTopic side of `clustering_benchmark.py`, run in its own virtual environment.

BERTopic (and UMAP, numba, plotly ...) is a benchmark-only dependency: it must not enter the
project's `.venv`, so `clustering_benchmark.py` runs this script with another interpreter
(`--bertopic-python`). The exchange is by files only: the cached embeddings `.npy` and the
documents `.json` in, one labels `.npy` per run and a `timings.json` out. Nothing here imports
the project.

Create the environment (pinned; torch first, pinned, or pip pulls GBs of CUDA wheels):

    python3.11 -m venv benchmarks/.cache/bertopic-venv
    benchmarks/.cache/bertopic-venv/bin/pip install torch==2.13.0
    benchmarks/.cache/bertopic-venv/bin/pip install bertopic==0.17.4

    V/bin/python benchmarks/bertopic_worker.py --embeddings E.npy --docs D.json \
        --min-topic-size 8 --runs 3 --seed 0 [--vary-seed] --out DIR

Each run fits `BERTopic(min_topic_size=..., umap_model=<BERTopic's default UMAP, seeded>)`
with the precomputed embeddings (BERTopic's defaults otherwise: HDBSCAN eom, CountVectorizer,
c-TF-IDF), then `reduce_outliers(strategy="embeddings")` on that same fit. Writing both label
sets from one fit gives `bertopic-outliers` exactly "the same followed by reduce_outliers",
and its time is the fit's plus the reduction's.

numba compiles UMAP's and pynndescent's kernels on their first call (tens of seconds), so one
untimed fit on a sample of WARMUP_DOCS documents (enough for UMAP's nearest-neighbour descent,
used from 4,096 rows) goes first: run 0 is not charged with compiling.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

WARMUP_DOCS = 5000


def seeded_umap(seed: int) -> object:
    """BERTopic's own default UMAP (bertopic/_bertopic.py), plus `random_state` so that a run
    repeats; UMAP then runs single-threaded, as a seeded UMAP must."""
    from umap import UMAP

    return UMAP(
        n_neighbors=15,
        n_components=5,
        min_dist=0.0,
        metric="cosine",
        low_memory=False,
        random_state=seed,
    )


def run_once(
    docs: list[str], embeddings: np.ndarray, min_topic_size: int, seed: int
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """One fit: (topics, topics after outlier reduction, fit seconds, reduction seconds)."""
    from bertopic import BERTopic

    model = BERTopic(min_topic_size=min_topic_size, umap_model=seeded_umap(seed))
    started = time.perf_counter()
    topics, _ = model.fit_transform(docs, embeddings)
    fitted = time.perf_counter()
    reduced = model.reduce_outliers(docs, topics, strategy="embeddings", embeddings=embeddings)
    done = time.perf_counter()
    return (
        np.asarray(topics, dtype=np.int64),
        np.asarray(reduced, dtype=np.int64),
        fitted - started,
        done - fitted,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", type=Path, required=True)
    parser.add_argument("--docs", type=Path, required=True, help="JSON list of strings")
    parser.add_argument("--min-topic-size", type=int, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0, help="UMAP random_state")
    parser.add_argument(
        "--vary-seed", action="store_true", help="run i uses seed + i (seed sensitivity)"
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import bertopic
    import umap

    embeddings = np.load(args.embeddings)
    docs = json.loads(args.docs.read_text())
    if len(docs) != len(embeddings):
        raise SystemExit(f"{len(docs)} docs but {len(embeddings)} embeddings")
    args.out.mkdir(parents=True, exist_ok=True)
    warmup = min(WARMUP_DOCS, len(docs))
    run_once(docs[:warmup], embeddings[:warmup], args.min_topic_size, args.seed)
    runs = []
    for run in range(args.runs):
        seed = args.seed + run if args.vary_seed else args.seed
        topics, reduced, fit_s, reduce_s = run_once(docs, embeddings, args.min_topic_size, seed)
        np.save(args.out / f"bertopic_{run}.npy", topics)
        np.save(args.out / f"bertopic-outliers_{run}.npy", reduced)
        runs.append({"seed": seed, "fit_s": fit_s, "reduce_outliers_s": reduce_s})
        print(
            f"bertopic run {run}: fit {fit_s:.1f} s, reduce_outliers {reduce_s:.1f} s", flush=True
        )
    (args.out / "timings.json").write_text(
        json.dumps(
            {"bertopic": bertopic.__version__, "umap": umap.__version__, "runs": runs}, indent=2
        )
    )


if __name__ == "__main__":
    main()
