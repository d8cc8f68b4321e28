"""Redaction throughput on 125-character texts: one process, and the pooled redactor the
minimize stage uses (`privacy.redact_workers`, one process per core by default).

Two kinds of text, each made distinct with a counter so the repeated-text cache never helps:
- `pii-dense`: the Faker PII set (dev and test halves), every text holding personal data;
- `real prompts`: XSTest's 450 real prompts (`../shared/data/xstest`), two joined per text.
Texts are cut to 125 characters. The floor the privacy issue sets: 500 texts/s on 2 cores.

    python benchmarks/redaction_speed.py [--texts 20000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.privacy import PooledRedactor, default_redactor  # noqa: E402

HERE = Path(__file__).parent
XSTEST = HERE.parents[1] / "shared" / "data" / "xstest" / "xstest_prompts.csv"
LENGTH = 125


def pii_dense() -> list[str]:
    rows = []
    for split in ("dev", "test"):
        path = HERE / "data" / f"pii_faker_{split}.jsonl"
        rows += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return [f"{text} {text}" for text in rows]


def real_prompts() -> list[str]:
    with XSTEST.open(encoding="utf-8", newline="") as f:
        prompts = [row["prompt"] for row in csv.DictReader(f)]
    return [f"{a} {b}" for a, b in zip(prompts, prompts[1:] + prompts[:1], strict=True)]


def distinct(texts: list[str], n: int) -> list[str]:
    """n texts of LENGTH characters, each ending in its own counter."""
    out = []
    for i in range(n):
        tag = f" #{i}"
        out.append(texts[i % len(texts)][: LENGTH - len(tag)] + tag)
    return out


def rate(redact, texts: list[str]) -> float:
    started = time.perf_counter()
    redact(texts)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20000, help="distinct texts per kind")
    args = parser.parse_args()
    local = default_redactor()
    local.redact_many(["warm up, Tomasz"])
    workers = os.cpu_count() or 1
    pooled = PooledRedactor(workers)
    kinds = {"pii-dense": pii_dense()}
    if XSTEST.exists():
        kinds["real prompts"] = real_prompts()
    print(f"{os.cpu_count()} cores; {args.texts:,} distinct {LENGTH}-character texts per kind")
    for kind, source in kinds.items():
        texts = distinct(source, args.texts)
        one = rate(local.redact_many, texts[: max(1, args.texts // 5)])
        pool = rate(pooled.redact_many, texts)
        print(f"{kind:<13} one process {one:6.0f} texts/s   {workers} processes "
              f"(start-up included) {pool:6.0f} texts/s")


if __name__ == "__main__":
    main()
