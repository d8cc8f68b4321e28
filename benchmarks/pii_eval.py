"""Score `default_redactor()` on the labelled PII set: per-type recall/precision and throughput.

Matching is by span overlap, so boundary quibbles ("Dr. Smith" vs "Smith") do not count as
misses: a gold entity is found when a predicted span of the same type covers at least half of
it, and a prediction is correct when at least half of it lies on a gold span of its type.
"Any-type recall" ignores the type, which is what matters for leakage: the text is gone either
way. "Full cover" is stricter: every character of the gold span was replaced.

    python benchmarks/pii_eval.py [--errors] [--data PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.privacy import ENTITY_TYPES, DetectedEntity, default_redactor  # noqa: E402

DATA = Path(__file__).parent / "data" / "pii_labelled.jsonl"


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def covered(start: int, end: int, spans: list[DetectedEntity]) -> int:
    chars = set()
    for s in spans:
        chars.update(range(max(start, s.start), min(end, s.end)))
    return len(chars)


def evaluate(rows: list[dict], show_errors: bool) -> dict[str, dict[str, float]]:
    redactor = default_redactor()
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        text, gold = row["text"], row["entities"]
        predicted = redactor.analyze(text)
        for g in gold:
            length = g["end"] - g["start"]
            st = stats[g["type"]]
            st["support"] += 1
            same = any(
                p.type == g["type"] and overlap(p.start, p.end, g["start"], g["end"]) * 2 >= length
                for p in predicted
            )
            cover = covered(g["start"], g["end"], predicted)
            st["found"] += same
            st["any"] += cover * 2 >= length
            st["full"] += cover == length
            if show_errors and not same:
                print(f"MISS {g['type']:<13} {text[g['start']:g['end']]!r:<40} in {text!r}")
        for p in predicted:
            st = stats[p.type]
            st["predicted"] += 1
            good = any(
                p.type == g["type"] and overlap(p.start, p.end, g["start"], g["end"]) * 2
                >= p.end - p.start
                for g in gold
            )
            st["correct"] += good
            if show_errors and not good:
                print(f"FP   {p.type:<13} {text[p.start:p.end]!r:<40} in {text!r}")
    return {t: dict(v) for t, v in stats.items()}


def throughput(texts: list[str], seconds: float = 3.0) -> float:
    """Texts per second for `redact_many` as the pipeline calls it (a column at a time), on
    distinct texts: each round suffixes a counter, so its repeated-text cache never helps."""
    redactor = default_redactor()
    done, rounds, started = 0, 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        redactor.redact_many([f"{text} #{rounds}" for text in texts])
        done += len(texts)
        rounds += 1
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="print every miss and false hit")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]

    started = time.perf_counter()
    default_redactor()
    build_s = time.perf_counter() - started
    stats = evaluate(rows, args.errors)

    header = (
        f"{'type':<14}{'support':>8}{'recall':>8}{'any-type':>9}{'full':>7}{'pred':>6}{'prec':>7}"
    )
    print(header)
    print("-" * len(header))
    totals: dict[str, int] = defaultdict(int)
    for entity in ENTITY_TYPES:
        st = stats.get(entity, {})
        for key, value in st.items():
            totals[key] += value
        print(_line(entity, st))
    print("-" * len(header))
    print(_line("ALL", totals))

    print(f"\n{len(rows)} sentences; redactor built in {build_s:.1f} s")
    texts = [row["text"] for row in rows]
    pairs = [f"{a} {b}" for a, b in zip(texts, texts[1:] + texts[:1], strict=True)]
    for label, batch in (("single sentences", texts), ("sentence pairs", pairs)):
        rate = throughput(batch)
        mean_len = sum(map(len, batch)) / len(batch)
        print(f"throughput, {label}: {rate:,.0f} texts/s (mean {mean_len:.0f} chars, 1 process)")


def _line(name: str, st: dict[str, int]) -> str:
    support, predicted = st.get("support", 0), st.get("predicted", 0)

    def ratio(num: int, den: int) -> str:
        return f"{num / den:.3f}" if den else "   -"

    return (
        f"{name:<14}{support:>8}{ratio(st.get('found', 0), support):>8}"
        f"{ratio(st.get('any', 0), support):>9}{ratio(st.get('full', 0), support):>7}"
        f"{predicted:>6}{ratio(st.get('correct', 0), predicted):>7}"
    )


if __name__ == "__main__":
    main()
