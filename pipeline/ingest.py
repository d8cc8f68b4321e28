"""Read landed files, validate every line against its contract, quarantine what fails.

Nothing is lost: each line read is either loaded, quarantined with a readable reason, or
counted as a duplicate delivery of an event already loaded. A file belongs to the day named
in its path (`events/2026-11-20/...` or `events-20261120.jsonl`), else to its modification day.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import duckdb
import jsonschema
import pandas as pd
import pyarrow.parquet as pq

from pipeline.privacy import default_redactor
from pipeline.warehouse import replace_partition

CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"
EVENT_CONTRACT = "refusal_event.schema.json"
REVIEW_CONTRACT = "review_label.schema.json"
SUPPORTED_SUFFIXES = (".jsonl", ".csv", ".parquet")

QUARANTINE_COLUMNS = (
    "batch_day",
    "source_kind",
    "source_file",
    "line_number",
    "raw_line",
    "reason",
    "quarantined_at",
)
# The contract's own field order: one list for the reader, the loader and the sample generator.
EVENT_COLUMNS: tuple[str, ...] = tuple(
    json.loads((CONTRACTS_DIR / EVENT_CONTRACT).read_text())["properties"]
)
REVIEW_COLUMNS = ["event_id", "reviewer", "verdict", "reason_type", "reviewed_at", "note"]
INTEGER_FIELDS = frozenset({"turn_index"})
TIMESTAMP_FIELDS = {EVENT_CONTRACT: "occurred_at", REVIEW_CONTRACT: "reviewed_at"}

_DAY_IN_PATH = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


@dataclass(frozen=True)
class LandedLine:
    source_file: str
    line_number: int
    raw_line: str
    record: dict[str, Any] | None
    error: str | None


class SourceLine(Protocol):
    source_file: str
    line_number: int
    raw_line: str


def quarantine_row(
    batch_day: date, source_kind: str, line: SourceLine, reason: str | None, at: datetime
) -> dict[str, Any]:
    """A `raw.quarantined_lines` row: where the line came from, the line as landed, why."""
    return {
        "batch_day": batch_day,
        "source_kind": source_kind,
        "source_file": line.source_file,
        "line_number": line.line_number,
        "raw_line": line.raw_line,
        "reason": reason,
        "quarantined_at": at,
    }


@dataclass
class BatchResult:
    """What one partition read: loaded records, quarantined lines and per-file counts."""

    records: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)

    @property
    def lines_read(self) -> int:
        return sum(f["lines_read"] for f in self.files)

    @property
    def loaded(self) -> int:
        return sum(f["loaded"] for f in self.files)

    @property
    def quarantined_count(self) -> int:
        return sum(f["quarantined"] for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f["duplicates"] for f in self.files)


@cache
def contract_validator(contract: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((CONTRACTS_DIR / contract).read_text())
    return jsonschema.Draft202012Validator(schema)


def parse_timestamp(value: Any) -> datetime:
    """RFC 3339 with an explicit offset, normalised to naive UTC; anything else is an error."""
    if not isinstance(value, str):
        raise ValueError("is not a string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not an RFC 3339 timestamp") from exc
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return parsed.astimezone(UTC).replace(tzinfo=None)


def validation_error(record: Any, contract: str) -> str | None:
    """The first contract violation, in words a data engineer can act on; None when valid."""
    if not isinstance(record, dict):
        return f"line is JSON but not an object ({type(record).__name__})"
    error = jsonschema.exceptions.best_match(contract_validator(contract).iter_errors(record))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "record"
        return f"{where}: {error.message}"
    timestamp_field = TIMESTAMP_FIELDS[contract]
    try:
        parse_timestamp(record[timestamp_field])
    except ValueError as exc:
        return f"{timestamp_field}: {exc}"
    return None


def landing_day(path: Path, root: Path) -> date:
    match = _DAY_IN_PATH.search(str(path.relative_to(root)))
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()


def landed_files(root: Path, day: date) -> list[Path]:
    """Files under `root` (any depth) that landed on `day`, in a stable order."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and landing_day(p, root) == day
    )


def _coerce_csv_row(row: dict[str, str | None]) -> dict[str, Any]:
    """CSV has no types: empty cells are nulls and integer columns are parsed when they can be."""
    record: dict[str, Any] = {}
    for key, value in row.items():
        if key is None:
            record["__extra_cells__"] = value
            continue
        if value is None or value == "":
            record[key] = None
        elif key in INTEGER_FIELDS and re.fullmatch(r"-?\d+", value.strip()):
            record[key] = int(value)
        else:
            record[key] = value
    return record


def _read_jsonl(path: Path, data: bytes, contract: str) -> Iterator[LandedLine]:
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        shown = raw.decode("utf-8", errors="backslashreplace")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            reason = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            yield LandedLine(str(path), number, shown, None, reason)
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield LandedLine(
                str(path), number, shown, None, f"invalid JSON: {exc.msg} at column {exc.colno}"
            )
            continue
        yield LandedLine(str(path), number, shown, record, validation_error(record, contract))


def _read_csv(path: Path, data: bytes, contract: str) -> Iterator[LandedLine]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        yield LandedLine(str(path), 1, data.decode("utf-8", "backslashreplace"), None, reason)
        return
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        number = reader.line_num
        raw = "".join(lines[number - 1 : number]).rstrip("\r\n")
        record = _coerce_csv_row(row)
        error = (
            "row has more cells than the header"
            if "__extra_cells__" in record
            else validation_error(record, contract)
        )
        yield LandedLine(str(path), number, raw, record, error)


def _read_parquet(path: Path, data: bytes, contract: str) -> Iterator[LandedLine]:
    try:
        rows = pq.read_table(io.BytesIO(data)).to_pylist()
    except Exception as exc:  # a corrupt file is quarantined whole, never a crash
        yield LandedLine(
            str(path), 1, f"<parquet file, {len(data)} bytes>", None, f"unreadable parquet: {exc}"
        )
        return
    for number, row in enumerate(rows, start=1):
        record = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
        raw = json.dumps(record, ensure_ascii=False, default=str)
        yield LandedLine(str(path), number, raw, record, validation_error(record, contract))


_READERS = {".jsonl": _read_jsonl, ".csv": _read_csv, ".parquet": _read_parquet}


def read_landed_file(path: Path, contract: str) -> tuple[bytes, Iterator[LandedLine]]:
    data = path.read_bytes()
    return data, _READERS[path.suffix.lower()](path, data, contract)


def ingest_files(
    files: Iterable[Path],
    batch_day: date,
    contract: str,
    source_kind: str,
    known_ids: frozenset[str] = frozenset(),
    dedupe: bool = True,
) -> BatchResult:
    """Validate every line; keep each `event_id` once across this batch and `known_ids`."""
    result = BatchResult()
    seen: set[str] = set(known_ids)
    now = datetime.now(UTC).replace(tzinfo=None)
    for path in files:
        data, lines = read_landed_file(path, contract)
        counts = {"lines_read": 0, "loaded": 0, "quarantined": 0, "duplicates": 0}
        for line in lines:
            counts["lines_read"] += 1
            if line.error is not None or line.record is None:
                counts["quarantined"] += 1
                result.quarantined.append(
                    quarantine_row(batch_day, source_kind, line, line.error, now)
                )
                continue
            if dedupe and line.record["event_id"] in seen:
                counts["duplicates"] += 1
                continue
            seen.add(line.record["event_id"])
            counts["loaded"] += 1
            result.records.append(
                {**line.record, "source_file": line.source_file, "source_line": line.line_number}
            )
        result.files.append(
            {
                "batch_day": batch_day,
                "source_kind": source_kind,
                "source_file": str(path),
                "content_sha256": hashlib.sha256(data).hexdigest(),
                "size_bytes": len(data),
                **counts,
                "ingested_at": now,
            }
        )
    return result


def events_frame(records: list[dict[str, Any]], batch_day: date) -> pd.DataFrame:
    """Contract columns only (extra fields are not kept), with UTC time and event day."""
    frame = pd.DataFrame(records, columns=[*EVENT_COLUMNS, "source_file", "source_line"])
    frame = frame.astype(object).where(frame.notna(), None)
    frame["occurred_at"] = [parse_timestamp(v) for v in frame["occurred_at"]]
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
    frame["event_day"] = frame["occurred_at"].dt.date
    frame["batch_day"] = batch_day
    frame["turn_index"] = frame["turn_index"].astype("Int64")
    frame["source_line"] = frame["source_line"].astype("int64")
    frame["ingested_at"] = datetime.now(UTC).replace(tzinfo=None)
    return frame


def reviews_frame(records: list[dict[str, Any]], batch_day: date) -> pd.DataFrame:
    """Latest verdict per (event, reviewer) wins; different reviewers are all kept."""
    frame = pd.DataFrame(records, columns=REVIEW_COLUMNS)
    frame = frame.astype(object).where(frame.notna(), None)
    frame["reviewed_at"] = pd.to_datetime([parse_timestamp(v) for v in frame["reviewed_at"]])
    frame["reviewer_key"] = frame["reviewer"].fillna("")
    frame = (
        frame.sort_values("reviewed_at", kind="stable")
        .drop_duplicates(["event_id", "reviewer_key"], keep="last")
        .drop(columns="reviewer_key")
        .reset_index(drop=True)
    )
    frame["batch_day"] = batch_day
    return frame


def _store_batch(
    conn: duckdb.DuckDBPyConnection, result: BatchResult, day: date, kind: str
) -> None:
    quarantine = pd.DataFrame(result.quarantined, columns=list(QUARANTINE_COLUMNS))
    replace_partition(conn, "raw.quarantined_lines", day, quarantine, source_kind=kind)
    replace_partition(conn, "raw.ingest_batches", day, pd.DataFrame(result.files), source_kind=kind)


def ingest_events_day(conn: duckdb.DuckDBPyConnection, events_dir: Path, day: date) -> BatchResult:
    """Load the events that landed on `day`; ids loaded before count as duplicates.

    "Before" includes events whose verbatim row retention has purged: a late re-delivery must
    not bring deleted text back.
    """
    known = frozenset(
        row[0]
        for row in conn.execute(
            """select event_id from raw.refusal_events where batch_day <> ?
               union all
               select event_id from audit.event_sources where raw_purged_at is not null""",
            [day],
        ).fetchall()
    )
    result = ingest_files(landed_files(events_dir, day), day, EVENT_CONTRACT, "events", known)
    replace_partition(conn, "raw.refusal_events", day, events_frame(result.records, day))
    _store_batch(conn, result, day, "events")
    return result


def ingest_reviews_day(
    conn: duckdb.DuckDBPyConnection, reviews_dir: Path, day: date
) -> BatchResult:
    """Reviews are not deduplicated by event: several reviewers may judge one event.

    Reviewer notes are free text, so they are redacted before they reach `analytics`.
    """
    files = landed_files(reviews_dir, day)
    result = ingest_files(files, day, REVIEW_CONTRACT, "reviews", dedupe=False)
    reviews = reviews_frame(result.records, day)
    reviews["note"] = default_redactor().redact_many(reviews["note"].tolist())
    replace_partition(conn, "analytics.review_labels", day, reviews)
    _store_batch(conn, result, day, "reviews")
    return result
