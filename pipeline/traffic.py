"""Served requests per segment and day: the denominators of the segment disparity audit.

A refusal log alone cannot tell whether a segment is refused more often; the product's export
of served requests (`landing/traffic/*.csv`, columns `day, user_segment, requests`) can. One
file may hold many days, so a partition loads the rows whose `day` is the partition day, from
every file. Optional finer columns (surface, account_type, ...) are kept verbatim as a JSON
object in `extra`: the finer rows of one segment then add up in dbt. Files in other formats are
not read yet (README says so).

Rows that break the contract go to `raw.quarantined_lines` (source_kind 'traffic') with a reason.
A row whose `day` is unreadable cannot name its own partition, so it belongs to the file's
landing day (the day in its path, else its modification day), as landed events do.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipeline.ingest import QUARANTINE_COLUMNS, landing_day, quarantine_row
from pipeline.warehouse import replace_partition

REQUIRED_COLUMNS = ("day", "user_segment", "requests")
TRAFFIC_COLUMNS = [
    "batch_day",
    "day",
    "user_segment",
    "requests",
    "extra",
    "source_file",
    "source_line",
]
SOURCE_KIND = "traffic"

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNT = re.compile(r"\d+")


@dataclass(frozen=True)
class TrafficLine:
    """One CSV record as landed; `day` is the partition it belongs to."""

    source_file: str
    line_number: int
    raw_line: str
    day: date
    row: dict[str, Any] | None
    error: str | None


@dataclass
class TrafficResult:
    """What one partition loaded from the traffic files, and what it quarantined."""

    files: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    # files that landed that day and are not read, with why ({source_file, reason})
    ignored_files: list[dict[str, str]] = field(default_factory=list)

    @property
    def loaded(self) -> int:
        return len(self.rows)

    @property
    def quarantined_count(self) -> int:
        return len(self.quarantined)

    @property
    def requests(self) -> int:
        return sum(row["requests"] for row in self.rows)

    @property
    def segments(self) -> int:
        return len({row["user_segment"] for row in self.rows})


def parse_day(value: str | None) -> date:
    """Strict YYYY-MM-DD: a compact or partial date would be a guess at which day is meant."""
    if value is None:
        raise ValueError("day: missing")
    if not _ISO_DAY.fullmatch(value):
        raise ValueError(f"day: {value!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"day: {value!r} is not a valid date") from exc


def parse_row(cells: dict[str, str | None]) -> dict[str, Any]:
    """Validated `day`, `user_segment`, `requests` and `extra`; ValueError says what is wrong."""
    day = parse_day(cells.get("day"))
    segment = cells.get("user_segment")
    if segment is None:
        raise ValueError("user_segment: missing or blank")
    requests = cells.get("requests")
    if requests is None or not _COUNT.fullmatch(requests):
        raise ValueError(f"requests: {requests!r} is not an integer >= 0")
    extra = {k: v for k, v in cells.items() if k not in REQUIRED_COLUMNS}
    return {
        "day": day,
        "user_segment": segment,
        "requests": int(requests),
        "extra": json.dumps(extra, sort_keys=True, ensure_ascii=False) if extra else None,
    }


def _clean(row: dict[str | None, Any]) -> dict[str, str | None]:
    """Trimmed cells, blank as missing (the reader's None key means surplus cells)."""
    return {
        key: (value.strip() or None) if isinstance(value, str) else None
        for key, value in row.items()
        if key is not None
    }


def read_traffic_file(path: Path, root: Path) -> Iterator[TrafficLine]:
    """Every record of one file, each with the day it belongs to and its error if any."""
    data = path.read_bytes()
    fallback = landing_day(path, root)
    try:
        text = data.decode("utf-8-sig")  # spreadsheet exports often start with a BOM
    except UnicodeDecodeError as exc:
        reason = f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        shown = data.decode("utf-8", "backslashreplace")
        yield TrafficLine(str(path), 1, shown, fallback, None, reason)
        return
    lines = text.splitlines()
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        shown = lines[0] if lines else ""
        yield TrafficLine(str(path), 1, shown, fallback, None, f"header lacks {missing}")
        return
    reader.fieldnames = header
    for record in reader:
        number = reader.line_num
        raw = lines[number - 1] if number <= len(lines) else ""
        cells = _clean(record)
        try:
            row_day = parse_day(cells.get("day"))
        except ValueError:
            row_day = fallback
        row, error = None, "more cells than the header"
        if None not in record:
            try:
                row, error = parse_row(cells), None
            except ValueError as exc:
                error = str(exc)
        yield TrafficLine(str(path), number, raw, row_day, row, error)


def read_traffic(files: Iterable[Path], root: Path, day: date) -> TrafficResult:
    """The rows of `day` from every file; a repeated (day, segment, extra) row is quarantined.

    A repeat is most likely the same export landed twice, and summing it would double the
    denominator.
    """
    result = TrafficResult()
    first_seen: dict[tuple[Any, ...], str] = {}
    now = datetime.now(UTC).replace(tzinfo=None)
    for path in files:
        result.files.append(str(path))
        for line in read_traffic_file(path, root):
            if line.day != day:
                continue
            error = line.error
            if line.row is not None:
                key = (line.row["user_segment"], line.row["extra"])
                if key in first_seen:
                    error = f"duplicate of {first_seen[key]} (same day, segment and extra columns)"
                else:
                    first_seen[key] = f"{line.source_file}:{line.line_number}"
            if error is not None or line.row is None:
                result.quarantined.append(quarantine_row(day, SOURCE_KIND, line, error, now))
                continue
            result.rows.append(
                {
                    "batch_day": day,
                    **line.row,
                    "source_file": line.source_file,
                    "source_line": line.line_number,
                }
            )
    return result


def _is_traffic_export(path: Path) -> bool:
    return path.suffix.lower() == ".csv"


def traffic_files(traffic_dir: Path) -> list[Path]:
    if not traffic_dir.is_dir():
        return []
    return sorted(p for p in traffic_dir.rglob("*") if p.is_file() and _is_traffic_export(p))


def traffic_files_not_read(traffic_dir: Path, day: date) -> list[dict[str, str]]:
    """Files that landed on `day` beside the exports and are not read, with why: an export
    saved as .xlsx or .jsonl would otherwise drop that day's denominators without a word."""
    if not traffic_dir.is_dir():
        return []
    return [
        {
            "source_file": str(path),
            "reason": f"not a traffic export ({path.suffix or 'no suffix'}): read are .csv files",
        }
        for path in sorted(traffic_dir.rglob("*"))
        if path.is_file() and not _is_traffic_export(path) and landing_day(path, traffic_dir) == day
    ]


def ingest_traffic_day(
    conn: duckdb.DuckDBPyConnection, traffic_dir: Path, day: date
) -> TrafficResult:
    """Replace `day`'s rows of analytics.traffic and its traffic quarantine; no files, no rows."""
    result = read_traffic(traffic_files(traffic_dir), traffic_dir, day)
    result.ignored_files = traffic_files_not_read(traffic_dir, day)
    rows = pd.DataFrame(result.rows, columns=TRAFFIC_COLUMNS).astype({"requests": "int64"})
    quarantine = pd.DataFrame(result.quarantined, columns=list(QUARANTINE_COLUMNS))
    replace_partition(conn, "analytics.traffic", day, rows)
    replace_partition(conn, "raw.quarantined_lines", day, quarantine, source_kind=SOURCE_KIND)
    return result
