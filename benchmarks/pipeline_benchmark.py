"""End-to-end cost of the pipeline against the cost of its irreducible part, the embedding.

Generates N sample events, runs every asset for each day through the same job the schedule
runs, then prints per-stage wall time, peak memory, a bare `model.encode` over the same
unique minimized texts, the ratio end-to-end / bare encode, and the cost of re-running a
processed day. Targets: ratio <= 1.5 at 100k events; a re-run <= 5 % of the first run.

    python benchmarks/pipeline_benchmark.py --events 20000
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb
from dagster import DagsterEventType, DagsterInstance

from assets.cli import run_days
from pipeline.config import EmbeddingConfig, Paths, load_config
from pipeline.embedding import SentenceEncoder
from pipeline.sample_data import generate_landing


def stage_times(instance: DagsterInstance, run_ids: list[str]) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for run_id in run_ids:
        started: dict[str, float] = {}
        for entry in instance.all_logs(run_id):
            event = entry.dagster_event
            if event is None or event.step_key is None:
                continue
            if event.event_type == DagsterEventType.STEP_START:
                started[event.step_key] = entry.timestamp
            elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
                totals[event.step_key] += entry.timestamp - started.pop(event.step_key)
    return dict(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--config", help="pipeline TOML config (e.g. embedding.precision)")
    parser.add_argument("--workdir", help="keep the run here instead of a temp dir")
    args = parser.parse_args()

    root = Path(args.workdir or tempfile.mkdtemp(prefix="refusal-backlog-bench-"))
    manifest = generate_landing(root / "landing", date(2026, 11, 18), days=args.days,
                                events_per_day=args.events // args.days, seed=3)
    days = [date.fromisoformat(d) for d in manifest.days]
    paths = Paths(db=root / "bench.duckdb", landing=root / "landing", outputs=root / "outputs",
                  config_file=Path(args.config).resolve() if args.config else None)
    instance = DagsterInstance.ephemeral()

    started = time.perf_counter()
    run_days(paths, days, demo=True, instance=instance)
    end_to_end = time.perf_counter() - started
    first_runs = [r.run_id for r in instance.get_runs()]  # newest first
    last_day_first_run = run_seconds(instance, first_runs[0])

    started = time.perf_counter()
    run_days(paths, days[-1:], demo=True, instance=instance)
    rerun = time.perf_counter() - started

    with duckdb.connect(str(paths.db), read_only=True) as conn:
        texts = [t for (t,) in conn.execute(
            "select distinct request_text from analytics.minimized_refusal_events").fetchall()]
    config: EmbeddingConfig = load_config(paths.config_file).embedding
    encoder = SentenceEncoder(config)
    encoder.encode(texts[:64])
    started = time.perf_counter()
    encoder.encode(texts)
    bare = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"events generated: {manifest.events_written} over {len(days)} days "
          f"({manifest.lines_written} lines); unique minimized texts: {len(texts)}")
    print(f"embedding: {config.model} {config.precision} on {config.device}")
    print("\nper-stage wall time (s), all days:")
    for step, seconds in sorted(stage_times(instance, first_runs).items(), key=lambda x: -x[1]):
        print(f"  {step:<60} {seconds:8.2f}")
    print(f"\nend-to-end: {end_to_end:.1f} s ({manifest.events_written / end_to_end:.0f} events/s)")
    print(f"bare model.encode of the same {len(texts)} texts: {bare:.1f} s "
          f"({len(texts) / bare:.0f} texts/s)")
    print(f"ratio end-to-end / bare encode: {end_to_end / bare:.2f} (target <= 1.5 at 100k)")
    print(f"re-run of {days[-1]}: {rerun:.1f} s = {rerun / last_day_first_run:.1%} of its first "
          f"run ({last_day_first_run:.1f} s; target <= 5 %)")
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")


def run_seconds(instance: DagsterInstance, run_id: str) -> float:
    run_stats = instance.get_run_stats(run_id)
    return run_stats.end_time - run_stats.start_time


if __name__ == "__main__":
    main()
