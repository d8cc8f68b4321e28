"""The independent Faker PII set: reproducible, well-labelled, split by template; scorer rules."""

from __future__ import annotations

import importlib.util
import ipaddress
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks"
DATA = BENCH / "data"
FILES = ("pii_faker_dev.jsonl", "pii_faker_test.jsonl", "PII_FAKER.md")


def _load_module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_module("make_pii_faker_set")
ev = _load_module("pii_faker_eval")


def _read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def halves() -> dict[str, list[dict]]:
    return {"dev": _read("pii_faker_dev.jsonl"), "test": _read("pii_faker_test.jsonl")}


@pytest.fixture(scope="module")
def generated_twice(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    outs = []
    for hash_seed in ("1", "987"):
        out = tmp_path_factory.mktemp(f"pii_faker_{hash_seed}")
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, str(BENCH / "make_pii_faker_set.py"), "--out-dir",
                        str(out)], check=True, env=env, capture_output=True, timeout=60)
        outs.append(out)
    return outs


def test_generator_is_deterministic(generated_twice: list[Path]) -> None:
    a, b = generated_twice
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_committed_files_match_the_generator(generated_twice: list[Path]) -> None:
    for name in FILES:
        assert (generated_twice[0] / name).read_bytes() == (DATA / name).read_bytes(), name


def test_every_label_matches_its_value(halves: dict[str, list[dict]]) -> None:
    for records in halves.values():
        for rec in records:
            text, last_end = rec["text"], 0
            assert rec["lang"] in {"en", "de", "es", "fr", "it", "pt", "nl"}
            for ent in rec["entities"]:
                s, e, typ = ent["start"], ent["end"], ent["type"]
                assert typ in gen.TYPES
                assert 0 <= s < e <= len(text) and s >= last_end, rec["id"]
                last_end = e
                value = text[s:e]
                assert value == value.strip() and value, rec["id"]
                if typ in gen.EXACT_TYPES:
                    assert text.count(value) == 1, rec["id"]
                if typ == "CARD":
                    assert gen.luhn_ok(value) and 12 <= len(re.sub(r"\D", "", value)) <= 19
                elif typ == "IBAN":
                    assert gen.iban_ok(value), value
                elif typ == "SSN":
                    area, group, serial = re.fullmatch(r"(\d{3})[- ]?(\d{2})[- ]?(\d{4})",
                                                       value).groups()
                    assert area not in ("000", "666") and area < "900"
                    assert group != "00" and serial != "0000"
                elif typ == "IP":
                    ipaddress.ip_address(value)
                elif typ == "EMAIL":
                    assert re.fullmatch(r"[^@\s]+@[a-z0-9.-]+\.[a-z]{2,}", value, re.I)
                elif typ in ("DATE_OF_BIRTH", "DRIVER_LICENSE", "PASSPORT", "PHONE"):
                    assert any(ch.isdigit() for ch in value)


def test_generator_offsets_are_checked_on_render() -> None:
    tpl = next(t for t in gen.TEMPLATES if t.id == "en_bank_closure")
    records = gen.Generator().template_records(tpl, 5)
    for rec in records:
        assert [e["type"] for e in rec["entities"]] == [
            "PERSON", "DATE_OF_BIRTH", "IBAN", "PHONE"]


def test_split_is_by_template(halves: dict[str, list[dict]]) -> None:
    dev = {r["template"] for r in halves["dev"]}
    test = {r["template"] for r in halves["test"]}
    assert not dev & test
    fam = {t.id: t.fam for t in gen.TEMPLATES}
    assert not {fam[t] for t in dev} & {fam[t] for t in test}
    assert len(dev | test) >= 60


def test_every_type_has_40_per_half_and_the_mix_is_right(halves: dict[str, list[dict]]) -> None:
    total = sum(len(v) for v in halves.values())
    assert 1900 <= total <= 2100
    for records in halves.values():
        types = Counter(e["type"] for r in records for e in r["entities"])
        for t in gen.TYPES:
            assert types[t] >= 40, t
        langs = Counter(r["lang"] for r in records)
        assert 0.22 <= (langs["de"] + langs["es"] + langs["fr"]) / len(records) <= 0.40
        no_pii = sum(1 for r in records if not r["entities"]) / len(records)
        assert 0.10 <= no_pii <= 0.20
    locales = {r["locale"] for v in halves.values() for r in v}
    assert len(locales) >= 12


# ------------------------------------------------------------------ scorer rules


class FakeRedactor:
    """Replaces the given substrings with placeholders, in order."""

    def __init__(self, replacements: list[tuple[str, str]]):
        self.replacements = replacements

    def redact(self, text: str) -> str:
        for old, new in self.replacements:
            text = text.replace(old, new)
        return text

    def redact_many(self, texts: list[str]) -> list[str]:
        return [self.redact(t) for t in texts]


def _record(text: str, spans: list[tuple[str, str]]) -> dict:
    ents = []
    for value, typ in spans:
        s = text.index(value)
        ents.append({"start": s, "end": s + len(value), "type": typ})
    return {"id": "t-0", "text": text, "entities": ents, "lang": "en", "locale": "en_US",
            "template": "t"}


def _score(rec: dict, fake: FakeRedactor) -> dict:
    return ev.evaluate([rec], fake)["summary"]


def test_two_of_three_name_words_is_caught() -> None:
    rec = _record("Please cc María José García on this.", [("María José García", "PERSON")])
    two = _score(rec, FakeRedactor([("María José", "<PERSON>")]))
    one = _score(rec, FakeRedactor([("García", "<PERSON>")]))
    assert two["recall"]["PERSON"]["caught"] == 1
    assert one["recall"]["PERSON"]["caught"] == 0


def test_word_that_also_appears_outside_the_entity_needs_its_own_occurrence_gone() -> None:
    text = "Ask Dr. Ellis about it. My file is under Steven Ellis."
    rec = _record(text, [("Steven Ellis", "PERSON")])
    rec["entities"].insert(0, {"start": 8, "end": 13, "type": "PERSON"})  # the first "Ellis"
    only_full = _score(rec, FakeRedactor([("Steven Ellis", "<PERSON>")]))
    assert only_full["recall"]["PERSON"]["caught"] == 1  # "Dr. Ellis" is still there
    # A sentence word equal to a name word is not evidence that the name went.
    rec2 = _record("Mark the form, Mark Twain signed it.", [("Mark Twain", "PERSON")])
    kept = _score(rec2, FakeRedactor([("Mark the", "the")]))
    assert kept["recall"]["PERSON"]["caught"] == 0


def test_address_needs_two_thirds_of_its_words() -> None:
    addr = "Am Lindenhof 52a, 70173 Stuttgart"
    rec = _record(f"Neue Adresse: {addr}.", [(addr, "ADDRESS")])
    street_only = _score(rec, FakeRedactor([("Am Lindenhof 52a", "<ADDRESS>")]))
    most = _score(rec, FakeRedactor([("Am Lindenhof 52a, 70173", "<ADDRESS>")]))
    assert street_only["recall"]["ADDRESS"]["caught"] == 0  # 3 of 5 words
    assert most["recall"]["ADDRESS"]["caught"] == 1  # 4 of 5 words


def test_exact_types_need_value_and_digits_gone() -> None:
    card = "4111 1111 1111 1111"
    rec = _record(f"my card is {card} thanks", [(card, "CARD")])
    assert _score(rec, FakeRedactor([(card, "<CARD>")]))["recall"]["CARD"]["caught"] == 1
    reformatted = _score(rec, FakeRedactor([(card, "4111111111111111")]))
    assert reformatted["recall"]["CARD"]["caught"] == 0
    assert _score(rec, FakeRedactor([]))["recall"]["CARD"]["caught"] == 0


def test_precision_counts_removed_words_outside_gold_spans() -> None:
    rec = _record("Hi, I'm Olu Adeyemi from Paris, call +44 20 7946 0958.",
                  [("Olu Adeyemi", "PERSON"), ("+44 20 7946 0958", "PHONE")])
    fake = FakeRedactor([("Olu Adeyemi", "<PERSON>"), ("Paris", "<LOCATION>"),
                         ("+44 20 7946 0958", "<PHONE>")])
    res = ev.evaluate([rec], fake)
    p = res["summary"]["precision"]
    assert (p["removed_words"], p["true"], p["false"]) == (7, 6, 1)
    assert res["false_redactions"][0]["words"][0]["word"] == "Paris"
    assert res["summary"]["precision_by_placeholder"]["LOCATION"]["true"] == 0


def test_untouched_text_has_no_redactions_and_wilson_is_sane() -> None:
    rec = _record("Order #114-3941689-8772232 arrived on Monday.", [])
    summary = _score(rec, FakeRedactor([]))
    assert summary["precision"]["removed_words"] == 0
    assert summary["no_pii_texts"] == {"texts": 1, "untouched": 1}
    lo, hi = ev.wilson(80, 100)
    assert 0.70 < lo < 0.80 < hi < 0.87
    assert ev.wilson(0, 0) == (0.0, 1.0)
