"""Score the redactor on the independent Faker PII set (``benchmarks/data/pii_faker_*.jsonl``).

Only the public interface is used: ``default_redactor().redact_many(texts) -> list[str]``
(``redact(text) -> str`` as a fallback).  The output is compared with the input:

* recall per type - an exact-type entity (EMAIL, PHONE, CARD, SSN, IP, IBAN, DATE_OF_BIRTH,
  DRIVER_LICENSE, PASSPORT) is caught when its value no longer appears in the output and, for
  digit-bearing types, neither does its digits-only form (when that differs and has at least
  six digits); a PERSON or ADDRESS is caught when at least two thirds of its words (``\\w+``
  tokens of two or more characters) are gone.  A word is gone when its whole-word count in the
  output dropped; when the same word also occurs elsewhere in the sentence, the drop is only
  credited to this entity for occurrences the word alignment shows as removed.
* precision - input and output words are aligned with ``difflib.SequenceMatcher``; every input
  word (with a letter or digit) that was deleted or replaced is a redaction, true when it
  overlaps a gold entity span and false otherwise.

The test half is FROZEN: tune on dev only.

    .venv/bin/python benchmarks/pii_faker_eval.py [--split dev|test] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
SPLITS = {"dev": DATA / "pii_faker_dev.jsonl", "test": DATA / "pii_faker_test.jsonl"}

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pii_faker_set import TYPES  # noqa: E402  - the set's own list of entity types

GROUPS = {
    "direct identifiers": ("EMAIL", "PHONE", "CARD", "SSN", "IP", "IBAN"),
    "names and addresses": ("PERSON", "ADDRESS"),
    "birth dates and documents": ("DATE_OF_BIRTH", "DRIVER_LICENSE", "PASSPORT"),
}
WORD_TYPES = frozenset({"PERSON", "ADDRESS"})
DIGIT_TYPES = frozenset(TYPES) - WORD_TYPES - {"EMAIL"}
MIN_DIGITS_CHECK = 6

WORD_RE = re.compile(r"\w+")
PH = r"<[A-Z][A-Z0-9_]*>"
# A placeholder is one token; other chunks run up to whitespace or the next placeholder.
CHUNK_RE = re.compile(PH + r"|(?:(?!" + PH + r")\S)+")
PLACEHOLDER_RE = re.compile(r"<([A-Z][A-Z0-9_]*?)(?:_\d+)?>")
LEAD = "([{\"'¿¡«<“‘„"
TRAIL = ".,;:!?)]}\"'»>”’…"


# --------------------------------------------------------------------------------------------
# Statistics.


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval for k successes out of n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


# --------------------------------------------------------------------------------------------
# Tokens and alignment.


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Whitespace chunks with leading/trailing punctuation split off: (token, start, end)."""
    out: list[tuple[str, int, int]] = []
    for m in CHUNK_RE.finditer(text):
        s, e = m.span()
        if text[s] == "<" and text[e - 1] == ">" and re.fullmatch(PH, m.group()):
            out.append((m.group(), s, e))
            continue
        head, tail = [], []
        while s < e and text[s] in LEAD:
            head.append((text[s], s, s + 1))
            s += 1
        while e > s and text[e - 1] in TRAIL:
            tail.append((text[e - 1], e - 1, e))
            e -= 1
        out.extend(head)
        if s < e:
            out.append((text[s:e], s, e))
        out.extend(reversed(tail))
    return out


def is_word(tok: str) -> bool:
    return any(ch.isalnum() for ch in tok)


def alignment(text: str, output: str) -> tuple[list[tuple[str, int, int]], list[str | None]]:
    """Input tokens and, per token, None (kept) or the placeholder type that replaced it.

    A token removed without a placeholder in its replacement gets "DELETED" (nothing put in its
    place) or "OTHER" (replaced by text that is not a ``<TYPE>`` placeholder); one replaced
    together with several placeholder types gets "MIXED".
    """
    src = tokens(text)
    dst = tokens(output)
    fate: list[str | None] = [None] * len(src)
    sm = difflib.SequenceMatcher(None, [t for t, _, _ in src], [t for t, _, _ in dst],
                                 autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag not in ("replace", "delete"):
            continue
        if j2 > j1:
            segment = output[dst[j1][1]:dst[j2 - 1][2]]
            kinds = sorted(set(PLACEHOLDER_RE.findall(segment)))
            label = kinds[0] if len(kinds) == 1 else ("MIXED" if kinds else "OTHER")
        else:
            label = "DELETED"
        for i in range(i1, i2):
            fate[i] = label
    return src, fate


# --------------------------------------------------------------------------------------------
# Recall.


def entity_words(value: str) -> list[str]:
    words = WORD_RE.findall(value)
    return [w for w in words if len(w) >= 2] or words


def _word_positions(word: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)]


def count_word(word: str, text: str) -> int:
    return len(_word_positions(word, text))


def entity_caught(text: str, output: str, ent: dict, align: Any = None) -> bool:
    """Whether the redactor removed this gold entity (see module docstring for the rule)."""
    start, end, typ = ent["start"], ent["end"], ent["type"]
    value = text[start:end]
    if typ not in WORD_TYPES:
        if value in output:
            return False
        ds = re.sub(r"\D", "", value)
        return not (typ in DIGIT_TYPES and len(ds) >= MIN_DIGITS_CHECK and ds in output)
    words = entity_words(value)
    if not words:
        return value not in output
    src, fate = align if align is not None else alignment(text, output)
    gone = 0
    for word, k in Counter(words).items():
        positions = _word_positions(word, text)
        c_in, c_out = len(positions), count_word(word, output)
        dropped = max(0, c_in - c_out)
        if c_in > k:  # the word also occurs outside this entity: check which one went
            mine = [p for p in positions if start <= p < end]
            removed = 0
            for p in mine:
                idx = next((i for i, (_, s, e) in enumerate(src) if s <= p < e), None)
                if idx is not None and fate[idx] is not None:
                    removed += 1
            dropped = min(dropped, removed)
        gone += min(k, dropped)
    return 3 * gone >= 2 * len(words)


# --------------------------------------------------------------------------------------------
# Scoring.


def redactions(text: str, ents: list[dict], align: Any) -> list[dict]:
    """Removed input words: {'word', 'start', 'end', 'placeholder', 'true'}."""
    src, fate = align
    out = []
    for (tok, s, e), label in zip(src, fate, strict=True):
        if label is None or not is_word(tok):
            continue
        true = any(s < g["end"] and g["start"] < e for g in ents)
        out.append({"word": tok, "start": s, "end": e, "placeholder": label, "true": true})
    return out


def _rate(k: int, n: int) -> dict:
    lo, hi = wilson(k, n)
    return {"n": n, "k": k, "rate": (k / n) if n else None, "ci": [round(lo, 4), round(hi, 4)]}


def score(records: list[dict], outputs: list[str]) -> dict:
    """Summary plus per-record details (misses and false redactions) for one split."""
    if len(records) != len(outputs):
        raise ValueError(f"{len(outputs)} outputs for {len(records)} records")
    support: Counter = Counter()
    caught: Counter = Counter()
    removed = true_removed = 0
    by_ph: dict[str, Counter] = defaultdict(Counter)
    misses: list[dict] = []
    false_reds: list[dict] = []
    clean_n = clean_untouched = 0
    for rec, out in zip(records, outputs, strict=True):
        text, ents = rec["text"], rec["entities"]
        align = alignment(text, out)
        for ent in ents:
            support[ent["type"]] += 1
            if entity_caught(text, out, ent, align):
                caught[ent["type"]] += 1
            else:
                misses.append({"record": rec, "entity": ent, "output": out})
        reds = redactions(text, ents, align)
        removed += len(reds)
        true_removed += sum(r["true"] for r in reds)
        for r in reds:
            by_ph[r["placeholder"]]["removed"] += 1
            by_ph[r["placeholder"]]["true"] += r["true"]
        falses = [r for r in reds if not r["true"]]
        if falses:
            false_reds.append({"record": rec, "words": falses, "output": out})
        if not ents:
            clean_n += 1
            clean_untouched += not reds
    recall = {}
    for t in TYPES:
        r = _rate(caught[t], support[t])
        recall[t] = {"support": r["n"], "caught": r["k"], "recall": r["rate"], "ci": r["ci"]}
    groups = {}
    for name, members in GROUPS.items():
        r = _rate(sum(caught[t] for t in members), sum(support[t] for t in members))
        groups[name] = {"support": r["n"], "caught": r["k"], "recall": r["rate"], "ci": r["ci"]}
    total = _rate(sum(caught.values()), sum(support.values()))
    prec = _rate(true_removed, removed)
    placeholders = {
        ph: {"removed": c["removed"], "true": c["true"],
             "precision": c["true"] / c["removed"] if c["removed"] else None}
        for ph, c in sorted(by_ph.items())
    }
    summary = {
        "texts": len(records),
        "entities": sum(support.values()),
        "recall": recall,
        "groups": groups,
        "overall_recall": {"support": total["n"], "caught": total["k"], "recall": total["rate"],
                           "ci": total["ci"]},
        "precision": {"removed_words": prec["n"], "true": prec["k"],
                      "false": prec["n"] - prec["k"], "precision": prec["rate"],
                      "ci": prec["ci"]},
        "precision_by_placeholder": placeholders,
        "no_pii_texts": {"texts": clean_n, "untouched": clean_untouched},
    }
    return {"summary": summary, "misses": misses, "false_redactions": false_reds}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_redactor(redactor: Any, texts: list[str]) -> tuple[list[str], float]:
    """Outputs and wall time of one batch call (after a one-text warm-up for lazy set-up)."""
    if hasattr(redactor, "redact"):
        redactor.redact("warm-up: call me at +1 415 555 0100")
    t0 = time.perf_counter()
    if hasattr(redactor, "redact_many"):
        outputs = list(redactor.redact_many(texts))
    else:
        outputs = [redactor.redact(t) for t in texts]
    return outputs, time.perf_counter() - t0


def evaluate(records: list[dict], redactor: Any) -> dict:
    outputs, seconds = run_redactor(redactor, [r["text"] for r in records])
    result = score(records, outputs)
    result["summary"]["seconds"] = round(seconds, 3)
    result["summary"]["texts_per_second"] = round(len(records) / seconds, 1) if seconds else None
    return result


# --------------------------------------------------------------------------------------------
# Reporting.


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def _ci(ci: list[float]) -> str:
    return f"[{100 * ci[0]:5.1f}, {100 * ci[1]:5.1f}]"


def format_report(summary: dict, split: str) -> str:
    lines = [f"Faker PII set, split={split}: {summary['texts']} texts, "
             f"{summary['entities']} entities"]
    if split == "test":
        lines.append("(test half is FROZEN: report it, do not tune on it)")
    lines.append("")
    lines.append(f"{'type':<28}{'support':>8}{'caught':>8}{'recall %':>10}   95% CI")
    for t in TYPES:
        r = summary["recall"][t]
        lines.append(f"{t:<28}{r['support']:>8}{r['caught']:>8}{_pct(r['recall']):>10}   "
                     f"{_ci(r['ci'])}")
    lines.append("")
    for name, r in list(summary["groups"].items()) + [("all", summary["overall_recall"])]:
        lines.append(f"{name:<28}{r['support']:>8}{r['caught']:>8}{_pct(r['recall']):>10}   "
                     f"{_ci(r['ci'])}")
    p = summary["precision"]
    lines += [
        "",
        f"precision: {p['true']} of {p['removed_words']} removed words inside a gold span = "
        f"{_pct(p['precision']).strip()} % {_ci(p['ci'])}; false redactions: {p['false']}",
    ]
    if summary["precision_by_placeholder"]:
        parts = [f"{ph} {c['true']}/{c['removed']}"
                 for ph, c in summary["precision_by_placeholder"].items()]
        lines.append("  by placeholder (true/removed): " + ", ".join(parts))
    clean = summary["no_pii_texts"]
    lines.append(f"texts without PII left untouched: {clean['untouched']} of {clean['texts']}")
    if summary.get("texts_per_second") is not None:
        lines.append(f"throughput: {summary['texts_per_second']} texts/s "
                     f"(redact_many, {summary['seconds']} s)")
    return "\n".join(lines)


def _show(text: str, limit: int = 220) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[:limit] + "..."


def format_errors(result: dict) -> str:
    lines = ["", "== misses (type, template, locale: value -> output)"]
    for m in sorted(result["misses"], key=lambda m: (m["entity"]["type"], m["record"]["id"])):
        rec, ent = m["record"], m["entity"]
        value = rec["text"][ent["start"]:ent["end"]]
        lines.append(f"{ent['type']:<15} {rec['template']:<22} {rec['locale']:<6} "
                     f"{_show(value, 60)!r} -> {_show(m['output'])}")
    lines += ["", "== false redactions (template: removed words -> output)"]
    for f in result["false_redactions"]:
        rec = f["record"]
        words = ", ".join(f"{w['word']}({w['placeholder']})" for w in f["words"])
        lines.append(f"{rec['template']:<22} {words} -> {_show(f['output'])}")
    by_tpl = Counter((m["entity"]["type"], m["record"]["template"]) for m in result["misses"])
    lines += ["", "== misses by type and template"]
    for (typ, tpl), n in by_tpl.most_common():
        lines.append(f"{n:>4}  {typ:<15} {tpl}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score the redactor on the Faker PII set.")
    ap.add_argument("--split", choices=sorted(SPLITS), default="dev")
    ap.add_argument("--data", type=Path, help="score this JSONL file instead of a split")
    ap.add_argument("--errors", action="store_true", help="print misses and false redactions")
    ap.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    args = ap.parse_args(argv)

    if args.split == "test" and args.errors:
        print("warning: the test half is frozen; read errors on dev, not test", file=sys.stderr)
    sys.path.insert(0, str(REPO))
    from pipeline.privacy import default_redactor

    records = load(args.data or SPLITS[args.split])
    result = evaluate(records, default_redactor())
    summary = {"split": args.split if args.data is None else str(args.data), **result["summary"]}
    if args.json:
        print(json.dumps(summary, sort_keys=True))
    else:
        print(format_report(summary, summary["split"]))
    if args.errors:
        print(format_errors(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
