"""The sample generator is the ground truth for the whole pipeline's tests: check it is
deterministic, honours the contracts, and that its manifest tells the truth about the files."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from pipeline.sample_data import SampleManifest, generate_landing

CONTRACTS = Path(__file__).resolve().parents[2] / "pipeline" / "contracts"
START = date(2026, 11, 18)
EVENTS_PER_DAY = 300
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
MAIN_TYPES = ("over_refusal", "capability_gap", "policy_mismatch", "policy")


def _format_checker() -> FormatChecker:
    """jsonschema only checks date-time when rfc3339-validator is installed; without it the
    offset-less timestamps would pass silently, so fall back to a strict check of our own."""
    checker = FormatChecker()
    if "date-time" not in checker.checkers:

        @checker.checks("date-time", raises=ValueError)
        def _date_time(value: object) -> bool:
            if not isinstance(value, str):
                return True
            return bool(RFC3339.match(value)) and datetime.fromisoformat(value).tzinfo is not None

    return checker


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((CONTRACTS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=_format_checker())


EVENT_VALIDATOR = _validator("refusal_event.schema.json")
REVIEW_VALIDATOR = _validator("review_label.schema.json")


def _rows(path: Path) -> list[dict[str, object] | None]:
    """Every data line/row of one events file; None for a line that breaks the contract."""
    if path.suffix == ".jsonl":
        rows: list[dict[str, object] | None] = []
        for raw in path.read_bytes().split(b"\n")[:-1]:
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                rows.append(None)
                continue
            rows.append(record if EVENT_VALIDATOR.is_valid(record) else None)
        return rows
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            records = [
                {k: (v if v != "" else None) for k, v in row.items()}
                for row in csv.DictReader(handle)
            ]
        for record in records:
            record["turn_index"] = int(record["turn_index"])
    else:
        records = pq.read_table(path).to_pylist()
    return [r if EVENT_VALIDATOR.is_valid(r) else None for r in records]


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SampleManifest]:
    root = tmp_path_factory.mktemp("landing")
    return root, generate_landing(root, START, days=3, events_per_day=EVENTS_PER_DAY, seed=7)


@pytest.fixture(scope="module")
def rows_by_file(landing: tuple[Path, SampleManifest]) -> dict[Path, list[dict | None]]:
    root, _ = landing
    return {p: _rows(p) for p in sorted((root / "events").rglob("*")) if p.is_file()}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    first = generate_landing(tmp_path / "a", START, 3, EVENTS_PER_DAY, seed=11)
    second = generate_landing(tmp_path / "b", START, 3, EVENTS_PER_DAY, seed=11)
    other = generate_landing(tmp_path / "c", START, 3, EVENTS_PER_DAY, seed=12)
    assert first == second
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")
    assert other.events_written == first.events_written


def test_layout_rotates_formats(landing: tuple[Path, SampleManifest]) -> None:
    root, manifest = landing
    assert manifest.days == ["2026-11-18", "2026-11-19", "2026-11-20"]
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == [
        "events/2026-11-18/refusals-2026-11-18.jsonl",
        "events/2026-11-19/part-0.jsonl",
        "events/2026-11-19/part-1.csv",
        "events/2026-11-20/refusals-2026-11-20.parquet",
        "manifest.json",
        "reviews/reviews-2026-11-18.jsonl",
        "reviews/reviews-2026-11-19.jsonl",
        "reviews/reviews-2026-11-20.jsonl",
        "traffic/traffic.csv",
    ]
    on_disk = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    assert SampleManifest(**on_disk) == manifest


def test_only_malformed_lines_break_the_contract(
    landing: tuple[Path, SampleManifest], rows_by_file: dict[Path, list[dict | None]]
) -> None:
    _, manifest = landing
    broken = {p.name: sum(r is None for r in rows) for p, rows in rows_by_file.items()}
    assert broken.pop("part-1.csv") == 0
    assert broken.pop("refusals-2026-11-20.parquet") == 0
    assert sum(broken.values()) == manifest.malformed_lines
    assert sum(manifest.malformed_by_reason.values()) == manifest.malformed_lines
    assert 6 <= manifest.malformed_lines <= 10
    assert {"truncated_json", "non_utf8", "timestamp_without_offset"} <= set(
        manifest.malformed_by_reason
    )


@pytest.mark.parametrize("stamp", ["2026-11-18T10:00:00", "yesterday", "2026-11-18"])
def test_timestamps_without_offset_fail_the_contract(stamp: str) -> None:
    record = {
        "event_id": "e",
        "occurred_at": stamp,
        "user_id": "u",
        "session_id": "s",
        "request_text": "hi",
    }
    assert not EVENT_VALIDATOR.is_valid(record)
    assert EVENT_VALIDATOR.is_valid({**record, "occurred_at": "2026-11-18T10:00:00+05:30"})


def test_manifest_counts_add_up(
    landing: tuple[Path, SampleManifest], rows_by_file: dict[Path, list[dict | None]]
) -> None:
    _, manifest = landing
    valid = [r for rows in rows_by_file.values() for r in rows if r is not None]
    ids = Counter(str(r["event_id"]) for r in valid)
    assert manifest.lines_written == sum(len(rows) for rows in rows_by_file.values())
    assert manifest.lines_written == (
        manifest.events_written + manifest.malformed_lines + manifest.duplicate_deliveries
    )
    assert manifest.events_written == 3 * EVENTS_PER_DAY == len(ids)
    assert set(ids) == set(manifest.intent_of_event)
    assert sum(ids.values()) - len(ids) == manifest.duplicate_deliveries >= 3


def test_late_lines_and_cross_day_duplicates(
    landing: tuple[Path, SampleManifest], rows_by_file: dict[Path, list[dict | None]]
) -> None:
    _, manifest = landing
    landed: dict[str, set[str]] = {}
    for path, rows in rows_by_file.items():
        for row in filter(None, rows):
            landed.setdefault(str(row["event_id"]), set()).add(path.parent.name)
    assert len(manifest.late_event_ids) == 2 * round(0.01 * EVENTS_PER_DAY)
    valid = {str(r["event_id"]): r for rows in rows_by_file.values() for r in filter(None, rows)}
    for event_id in manifest.late_event_ids:
        utc_day = datetime.fromisoformat(str(valid[event_id]["occurred_at"])).astimezone(UTC)
        (folder,) = landed[event_id]
        assert date.fromisoformat(folder) - utc_day.date() == timedelta(days=1)
        assert utc_day.hour >= 21
    assert any(len(days) > 1 for days in landed.values()), "no re-delivery across days"


def test_every_type_present_with_real_clusters(landing: tuple[Path, SampleManifest]) -> None:
    _, manifest = landing
    per_intent = Counter(manifest.intent_of_event.values())
    assert set(manifest.intent_type.values()) == {*MAIN_TYPES, "monitor"}
    for kind in MAIN_TYPES:
        shares = [
            n / manifest.events_written
            for intent, n in per_intent.items()
            if manifest.intent_type[intent] == kind
        ]
        assert max(shares) >= 0.03, kind


def test_planted_pii_appears_in_the_files(
    landing: tuple[Path, SampleManifest], rows_by_file: dict[Path, list[dict | None]]
) -> None:
    _, manifest = landing
    text = "\n".join(
        str(row[column])
        for rows in rows_by_file.values()
        for row in filter(None, rows)
        for column in ("request_text", "response_text", "feedback_text")
        if row.get(column)
    )
    assert len(manifest.planted_pii) >= 20
    missing = [pii for pii in manifest.planted_pii if pii not in text]
    assert not missing
    cards = [p for p in manifest.planted_pii if re.fullmatch(r"\d{4}([ -]\d{4}){3}", p)]
    assert cards and all(_luhn_ok(re.sub(r"\D", "", card)) for card in cards)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_reviews_follow_the_contract(landing: tuple[Path, SampleManifest]) -> None:
    root, manifest = landing
    labels = [
        json.loads(line)
        for path in sorted((root / "reviews").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(labels) == manifest.review_labels_written
    assert all(REVIEW_VALIDATOR.is_valid(label) for label in labels)
    assert {label["event_id"] for label in labels} <= set(manifest.intent_of_event)
    distinct = len({label["event_id"] for label in labels})
    assert 0.08 < distinct / manifest.events_written < 0.16
    kinds = [manifest.intent_type[manifest.intent_of_event[label["event_id"]]] for label in labels]
    judged = [(label, kind) for label, kind in zip(labels, kinds, strict=True) if kind != "monitor"]
    agree = sum(
        label["verdict"] == ("should_refuse" if kind == "policy" else "should_help")
        for label, kind in judged
    )
    assert 0.85 < agree / len(judged) < 1


def test_traffic_shows_one_segment_refused_more(
    landing: tuple[Path, SampleManifest], rows_by_file: dict[Path, list[dict | None]]
) -> None:
    root, _ = landing
    with (root / "traffic" / "traffic.csv").open(encoding="utf-8", newline="") as handle:
        traffic = list(csv.DictReader(handle))
    served: Counter[str] = Counter()
    for row in traffic:
        served[row["user_segment"]] += int(row["requests"])
    refused = Counter(
        str(r["user_segment"])
        for r in {
            str(r["event_id"]): r for rows in rows_by_file.values() for r in filter(None, rows)
        }.values()
    )
    assert set(served) == set(refused)
    rates = sorted(refused[s] / served[s] for s in served)
    assert all(1 / 45 < rate < 1 / 15 for rate in rates)
    assert rates[-1] / rates[len(rates) // 2] > 1.4


def test_half_of_next_actions_are_left_to_derive(
    rows_by_file: dict[Path, list[dict | None]],
) -> None:
    rows = [r for rows in rows_by_file.values() for r in filter(None, rows)]
    null_share = sum(r.get("next_action") is None for r in rows) / len(rows)
    assert 0.4 < null_share < 0.6
