"""How well does `pipeline.attempts` tag the attempt type of requests it was not written on?

Reads JSON Lines `{"text": ..., "attempt": "<type>"}` (types: pipeline.attempts.LABELS) and
prints precision, recall, F1 and support per type, their macro average over the attempt types,
how many benign rows (`none`) were called an attempt, the confusion matrix (rows: labelled,
columns: tagged) and the tagger's throughput on these texts, one process.

The tagger is multi-label (`AttemptTag.types`); what is scored is its primary type
(`AttemptTag.primary`) against `attempt`. `--errors` lists every miss with both types.

    python benchmarks/attempts_eval.py --data benchmarks/data/attempts/dev.jsonl [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.attempts import ATTEMPT_TYPES, LABELS, NONE, tag_attempts  # noqa: E402

THROUGHPUT_TEXTS = 20_000  # texts tagged for the timing, the data cycled: a stable figure


def load(path: Path) -> tuple[list[str], list[str]]:
    """The texts and labels of `path`; a bad line is a one-line error naming it."""
    if not path.is_file():
        raise SystemExit(f"attempts_eval: no such file: {path}")
    texts, labels = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(
                f"attempts_eval: {path} line {number} is not JSON: {exc.msg}"
            ) from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise SystemExit(f"attempts_eval: {path} line {number} has no string 'text'")
        if row.get("attempt") not in LABELS:
            raise SystemExit(
                f"attempts_eval: {path} line {number}: attempt {row.get('attempt')!r} is not one "
                f"of {', '.join(LABELS)}"
            )
        texts.append(row["text"])
        labels.append(row["attempt"])
    if not texts:
        raise SystemExit(f"attempts_eval: {path} holds no rows")
    return texts, labels


def scores(labels: list[str], predicted: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per type: precision, recall, F1 and support (rows labelled with it)."""
    table = {}
    for kind in LABELS:
        tp = sum(y == kind and p == kind for y, p in zip(labels, predicted, strict=True))
        tagged = sum(p == kind for p in predicted)
        support = sum(y == kind for y in labels)
        precision = tp / tagged if tagged else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = (precision, recall, f1, support)
    return table


def confusion(labels: list[str], predicted: list[str]) -> list[str]:
    short = {kind: kind.split("_")[0][:8] for kind in LABELS}
    lines = [f"{'labelled / tagged':<22}" + "".join(f"{short[k]:>9}" for k in LABELS)]
    for row in LABELS:
        counts = [
            sum(y == row and p == col for y, p in zip(labels, predicted, strict=True))
            for col in LABELS
        ]
        lines.append(f"{row:<22}" + "".join(f"{n:>9}" for n in counts))
    return lines


def throughput(texts: list[str]) -> float:
    batch = [texts[i % len(texts)] for i in range(THROUGHPUT_TEXTS)]
    start = time.perf_counter()
    tag_attempts(batch)
    return len(batch) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="JSON Lines {text, attempt}")
    parser.add_argument("--errors", action="store_true", help="list every mistagged row")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)
    texts, labels = load(args.data)
    tags = tag_attempts(texts)
    predicted = [tag.primary for tag in tags]
    table = scores(labels, predicted)
    print(f"{args.data}: {len(texts)} rows, primary type scored\n")
    print(f"{'type':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for kind, (precision, recall, f1, support) in table.items():
        print(f"{kind:<22}{precision:>10.3f}{recall:>8.3f}{f1:>7.3f}{support:>9}")
    macro = [sum(table[k][i] for k in ATTEMPT_TYPES) / len(ATTEMPT_TYPES) for i in range(3)]
    print(f"{'macro (attempt types)':<22}{macro[0]:>10.3f}{macro[1]:>8.3f}{macro[2]:>7.3f}")
    benign = [p for y, p in zip(labels, predicted, strict=True) if y == NONE]
    flagged = sum(p != NONE for p in benign)
    print(f"\nnone rows tagged as an attempt: {flagged} of {len(benign)}")
    accuracy = sum(y == p for y, p in zip(labels, predicted, strict=True)) / len(labels)
    print(f"accuracy (7 classes): {accuracy:.3f}\n")
    print("\n".join(confusion(labels, predicted)))
    if args.errors:
        print("\nerrors (labelled -> tagged [all types]):")
        for text, label, tag in zip(texts, labels, tags, strict=True):
            if tag.primary != label:
                print(f"  {label} -> {tag.primary} {list(tag.types)}: {text[:150]!r}")
    if not args.skip_throughput:
        print(f"\nthroughput: {throughput(texts):,.0f} texts/s (one process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
