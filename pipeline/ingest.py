"""Read landed files, validate every line against its contract, quarantine what fails.

Nothing is lost and a bad line costs only itself: each line read is either loaded,
quarantined with a short reason (the line kept capped, with its size and SHA-256), or counted
as a duplicate delivery of an event already loaded with the same content. A file that cannot be
read or decoded at all is quarantined whole (line 0) and the others are read; a file under the
folder that is not read is reported by name. A file belongs to the day named in its path
(`events/2026-11-20/...` or `events-20261120.jsonl`), else to its modification day.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache, partial
from pathlib import Path
from typing import Any, Protocol

import duckdb
import jsonschema
import pandas as pd
import pyarrow.parquet as pq

from pipeline.config import CONTRACTS_DIR
from pipeline.privacy import default_redactor
from pipeline.warehouse import replace_partition

EVENT_CONTRACT = "refusal_event.schema.json"
REVIEW_CONTRACT = "review_label.schema.json"
# Landing formats by suffix; each may also land gzipped (`.jsonl.gz`), and gzip is detected by
# its bytes whatever the name says.
LANDING_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
JSON_FILE_REASON = "a .json file is not read: land one JSON object per line as .jsonl or .ndjson"

MAX_FUTURE_SKEW = timedelta(hours=24)  # clocks drift; an event later than this is a bad clock
EARLIEST_TIMESTAMP = datetime(1970, 1, 1)
LATEST_TIMESTAMP = datetime(2262, 1, 1)  # past it pandas cannot hold the time
MAX_JSON_DEPTH = 64
MAX_DECOMPRESSED_BYTES = 512 * 1024**2  # a decompression bomb is refused, not expanded
RAW_LINE_MAX_CHARS = 4096
REASON_MAX_CHARS = 200
INT32_MAX = 2**31 - 1

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
WHOLE_FILE = "<whole file: its content is not stored>"
SYMLINK_REASON = "symlink leaves the landing folder"
DEPTH_REASON = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"

QUARANTINE_COLUMNS = (
    "batch_day",
    "source_kind",
    "source_file",
    "line_number",
    "raw_line",
    "reason",
    "quarantined_at",
    "raw_size_bytes",
    "raw_sha256",
)
# The contract's own field order: one list for the reader, the loader and the sample generator.
EVENT_COLUMNS: tuple[str, ...] = tuple(
    json.loads((CONTRACTS_DIR / EVENT_CONTRACT).read_text())["properties"]
)
REVIEW_COLUMNS = ["event_id", "reviewer", "verdict", "reason_type", "reviewed_at", "note"]
INTEGER_FIELDS = frozenset({"turn_index"})
TIMESTAMP_FIELDS = {EVENT_CONTRACT: "occurred_at", REVIEW_CONTRACT: "reviewed_at"}

_DAY_IN_PATH = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_LINE_END = re.compile(r"(\r\n|\r|\n)\Z")

Validate = Callable[[Any], str | None]


class LandingError(ValueError):
    """The landing folder is missing, or holds nothing for the day: nothing was written."""


class UndecodableFile(Exception):
    """A landed file that cannot be decoded at all; it is quarantined whole."""


@dataclass(frozen=True)
class LandedLine:
    source_file: str
    line_number: int
    raw: bytes  # the line as landed (a parquet row: its JSON)
    record: dict[str, Any] | None
    error: str | None

    @property
    def raw_line(self) -> str:
        return self.raw.decode("utf-8", errors="backslashreplace")


class SourceLine(Protocol):
    source_file: str
    line_number: int

    @property
    def raw_line(self) -> str: ...


def _short(text: str, limit: int = REASON_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _capped(text: str, size: int) -> str:
    """At most RAW_LINE_MAX_CHARS of the line, storable as UTF-8, marked when cut."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if len(text) <= RAW_LINE_MAX_CHARS:
        return text
    marker = f" …[cut: the line has {size} bytes]"
    return text[: RAW_LINE_MAX_CHARS - len(marker)] + marker


def quarantine_row(
    batch_day: date,
    source_kind: str,
    line: SourceLine,
    reason: str | None,
    at: datetime,
    raw: bytes | None = None,
) -> dict[str, Any]:
    """A `raw.quarantined_lines` row: where the line came from, the line as landed, why.

    Line and reason are capped so one huge line cannot bloat the table; size and SHA-256 are
    of the whole line (`raw`, else `raw_line` as UTF-8), so it can still be found at the source.
    """
    landed = line.raw_line.encode("utf-8", "backslashreplace") if raw is None else raw
    return {
        "batch_day": batch_day,
        "source_kind": source_kind,
        "source_file": line.source_file,
        "line_number": line.line_number,
        "raw_line": _capped(line.raw_line, len(landed)),
        "reason": None if reason is None else _short(reason),
        "quarantined_at": at,
        "raw_size_bytes": len(landed),
        "raw_sha256": hashlib.sha256(landed).hexdigest(),
    }


def _file_quarantine_row(
    batch_day: date, source_kind: str, path: Path, reason: str, at: datetime, data: bytes | None
) -> dict[str, Any]:
    """Line 0 stands for the whole file; its content is not copied (it may not be ours)."""
    return {
        "batch_day": batch_day,
        "source_kind": source_kind,
        "source_file": str(path),
        "line_number": 0,
        "raw_line": WHOLE_FILE,
        "reason": _short(reason),
        "quarantined_at": at,
        "raw_size_bytes": None if data is None else len(data),
        "raw_sha256": None if data is None else hashlib.sha256(data).hexdigest(),
    }


@dataclass
class BatchResult:
    """What one partition read: loaded records, quarantined lines and per-file counts.

    `files` has one `raw.ingest_batches` row per file whose bytes were read.
    `unreadable_files` lists every file quarantined whole, as {source_file, reason}: unreadable,
    refused (a symlink out of the landing folder) or undecodable (those also have a `files`
    row). `ignored_files` lists the files of the day that were not read, with why.
    """

    records: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    unreadable_files: list[dict[str, str]] = field(default_factory=list)
    ignored_files: list[dict[str, str]] = field(default_factory=list)

    @property
    def lines_read(self) -> int:
        return sum(f["lines_read"] for f in self.files)

    @property
    def loaded(self) -> int:
        return sum(f["loaded"] for f in self.files)

    @property
    def quarantined_count(self) -> int:
        return len(self.quarantined)

    @property
    def duplicates(self) -> int:
        return sum(f["duplicates"] for f in self.files)


@cache
def _contract(contract: str) -> dict[str, Any]:
    return json.loads((CONTRACTS_DIR / contract).read_text())


@cache
def contract_validator(contract: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_contract(contract))


def parse_timestamp(value: Any) -> datetime:
    """RFC 3339 with an explicit offset, normalised to naive UTC; anything else is an error."""
    if not isinstance(value, str):
        raise ValueError("is not a string")
    shown = _short(repr(value), 60)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{shown} is not an RFC 3339 timestamp") from exc
    if parsed.tzinfo is None:
        raise ValueError(f"{shown} has no UTC offset")
    try:
        return parsed.astimezone(UTC).replace(tzinfo=None)
    except OverflowError as exc:
        raise ValueError(f"{shown} is out of range") from exc


def _ahead(delta: timedelta) -> str:
    if delta >= timedelta(days=2):
        return f"{delta.days} days"
    return f"{delta.total_seconds() / 3600:.1f} h"


def _timestamp_error(
    name: str, value: Any, now: datetime, max_future_skew: timedelta
) -> str | None:
    try:
        at = parse_timestamp(value)
    except ValueError as exc:
        return f"{name}: {exc}"
    try:
        in_future = at > now + max_future_skew
    except OverflowError:  # a skew too large to add means no future limit
        in_future = False
    if in_future:
        skew = f"{max_future_skew.total_seconds() / 3600:g} h"
        return f"{name}: {at.isoformat()} is {_ahead(at - now)} in the future (allowed skew {skew})"
    if not EARLIEST_TIMESTAMP <= at < LATEST_TIMESTAMP:
        return (
            f"{name}: {at.isoformat()} is outside "
            f"{EARLIEST_TIMESTAMP.date()} to {LATEST_TIMESTAMP.date()}"
        )
    return None


def _schema_message(error: jsonschema.ValidationError) -> str:
    """jsonschema echoes the whole offending value; a long one is shown by its start."""
    shown = repr(error.instance)
    if len(shown) > 60 and shown in error.message:
        return error.message.replace(shown, _short(shown, 60))
    return error.message


def _unencodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def validation_error(
    record: Any,
    contract: str,
    *,
    now: datetime | None = None,
    max_future_skew: timedelta = MAX_FUTURE_SKEW,
) -> str | None:
    """The first contract violation, in words a data engineer can act on; None when valid.

    Beyond the schema: text must be storable (no unpaired surrogate escapes), integers must
    fit the column, and the timestamp must not be later than `now` (UTC) plus the skew.
    """
    if not isinstance(record, dict):
        return f"line is JSON but not an object ({type(record).__name__})"
    error = jsonschema.exceptions.best_match(contract_validator(contract).iter_errors(record))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "record"
        return _short(f"{where}: {_schema_message(error)}")
    for name in _contract(contract)["properties"]:
        value = record.get(name)
        if isinstance(value, str) and _unencodable(value):
            return f"{name}: holds an unpaired surrogate (a \\ud800-style escape), not text"
        if name in INTEGER_FIELDS and isinstance(value, int | float) and value > INT32_MAX:
            return f"{name}: {_short(repr(value), 40)} is above {INT32_MAX}"
    now = datetime.now(UTC).replace(tzinfo=None) if now is None else now
    timestamp_field = TIMESTAMP_FIELDS[contract]
    return _timestamp_error(timestamp_field, record[timestamp_field], now, max_future_skew)


def record_sha256(record: Mapping[str, Any], contract: str) -> str:
    """SHA-256 of the contract fields as stored: tells a re-delivery from a conflicting one.

    A record parsed from any format and the row stored from it hash the same: absent, null and
    empty (CSV cannot tell them apart) are one, times are naive UTC, 2.0 is 2.
    """
    timestamp_field = TIMESTAMP_FIELDS[contract]
    canonical: dict[str, Any] = {}
    for name in _contract(contract)["properties"]:
        value = record.get(name)
        if value is None or value == "":
            value = None
        elif name == timestamp_field:
            value = (value if isinstance(value, datetime) else parse_timestamp(value)).isoformat()
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        canonical[name] = value
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _deeper_than(value: Any, limit: int) -> bool:
    """Iterative, so that depth itself cannot exhaust the stack."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def parse_json_line(raw: bytes, validate: Validate) -> tuple[Any, str | None]:
    """One JSONL line: (record, None) when valid, else (record or None, short reason)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, DEPTH_REASON
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return None, _short(f"invalid JSON: {exc}")
    if isinstance(record, dict | list) and _deeper_than(record, MAX_JSON_DEPTH):
        return None, DEPTH_REASON
    return record, validate(record)


def _read_jsonl(source: str, data: bytes, validate: Validate) -> Iterator[LandedLine]:
    for number, line in enumerate(data.splitlines(), start=1):
        raw = line.removeprefix(UTF8_BOM)  # each of several concatenated files may have one
        if not raw.strip():
            continue
        record, error = parse_json_line(raw, validate)
        yield LandedLine(source, number, raw, record, error)


def _coerce_csv_row(header: list[str], cells: list[str]) -> dict[str, Any]:
    """CSV has no types: empty cells are nulls and integer columns are parsed when they can be."""
    record: dict[str, Any] = dict.fromkeys(header)
    for key, value in zip(header, cells, strict=False):
        if value == "":
            record[key] = None
        elif key in INTEGER_FIELDS and re.fullmatch(r"-?\d+", value.strip()):
            record[key] = int(value)
        else:
            record[key] = value
    return record


def _csv_record(
    header: list[str], cells: list[str], raw: bytes, contract: str, validate: Validate
) -> tuple[dict[str, Any] | None, str | None]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
    missing = [c for c in _contract(contract)["required"] if c not in header]
    if missing:
        return None, _short(f"header lacks required columns: {', '.join(missing)}")
    if len(cells) > len(header):
        return None, "row has more cells than the header"
    record = _coerce_csv_row(header, cells)
    return record, validate(record)


def _read_csv(source: str, data: bytes, contract: str, validate: Validate) -> Iterator[LandedLine]:
    """One record per CSV row, numbered by the physical line it starts on.

    Bytes that are not UTF-8 cost only the rows that hold them.
    """
    lines = list(io.StringIO(data.decode("utf-8", "surrogateescape"), newline=""))
    reader = csv.reader(lines)
    header: list[str] | None = None
    end = 0
    while True:
        start = end + 1
        try:
            cells, error = next(reader), None
        except StopIteration:
            return
        except csv.Error as exc:
            cells, error = None, _short(f"CSV {'header' if header is None else 'record'}: {exc}")
        end = reader.line_num
        if cells == []:  # a blank line
            continue
        text = _LINE_END.sub("", "".join(lines[start - 1 : end]))
        raw = text.encode("utf-8", "surrogateescape")
        if header is None:
            header = cells or []  # a broken header: every row then lacks the required columns
            if cells is not None:
                continue
        record = None
        if cells is not None:
            record, error = _csv_record(header, cells, raw, contract, validate)
        yield LandedLine(source, start, raw, record, error)


def _read_parquet(source: str, data: bytes, validate: Validate) -> Iterator[LandedLine]:
    try:
        rows = pq.read_table(io.BytesIO(data)).to_pylist()
    except Exception as exc:  # a corrupt file is quarantined whole, never a crash
        raise UndecodableFile(f"unreadable parquet: {exc}") from exc
    return _parquet_lines(source, rows, validate)


def _parquet_lines(
    source: str, rows: list[dict[str, Any]], validate: Validate
) -> Iterator[LandedLine]:
    for number, row in enumerate(rows, start=1):
        record = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
        raw = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8", "replace")
        yield LandedLine(source, number, raw, record, validate(record))


def landing_format(path: Path) -> str | None:
    """jsonl, csv or parquet by the name (a `.gz` after it allowed); None when not read."""
    name = path.name.lower().removesuffix(".gz")
    return LANDING_FORMATS.get(Path(name).suffix)


def _decompressed(data: bytes) -> bytes:
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as compressed:
            out = compressed.read(MAX_DECOMPRESSED_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise UndecodableFile(f"corrupt gzip: {exc}") from exc
    if len(out) > MAX_DECOMPRESSED_BYTES:
        raise UndecodableFile(
            f"gzip expands past {MAX_DECOMPRESSED_BYTES} bytes: refused as a decompression bomb"
        )
    return out


def read_landed_bytes(
    source_file: str, fmt: str, data: bytes, contract: str, validate: Validate
) -> Iterator[LandedLine]:
    """The lines of one landed file's bytes (gzip or not, BOM or not) in format `fmt`.

    Raises UndecodableFile when the file as a whole cannot be decoded.
    """
    data = _decompressed(data)
    if fmt == "parquet":
        return _read_parquet(source_file, data, validate)
    data = data.removeprefix(UTF8_BOM)
    if fmt == "csv":
        return _read_csv(source_file, data, contract, validate)
    return _read_jsonl(source_file, data, validate)


def landing_day(path: Path, root: Path) -> date:
    """The day in the path, else the day it landed (a symlink lands when it is made)."""
    match = _DAY_IN_PATH.search(str(path.relative_to(root)))
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    landed = path.lstat() if path.is_symlink() else path.stat()
    return datetime.fromtimestamp(landed.st_mtime, UTC).date()


def _leaves(path: Path, root: Path) -> bool:
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop: reading it reports the error
        return False


def _ignored_because(path: Path, root: Path) -> str | None:
    """Why a file under `root` is not read; None when it is read (or refused, if it leaves)."""
    if path.is_symlink() and _leaves(path, root):
        return None
    if any(part.startswith(".") for part in path.relative_to(root).parts):
        return "hidden file, not read"
    if path.is_symlink() and path.is_dir():
        return "symlinked folder inside the landing folder: its files are read where they are"
    if landing_format(path) is not None:
        return None
    if path.suffix.lower() == ".json":
        return JSON_FILE_REASON
    suffix = path.suffix or "no suffix"
    return f"not a landing format ({suffix}): read are .jsonl, .ndjson, .csv, .parquet (or .gz)"


@dataclass(frozen=True)
class Landing:
    """One day of a landing folder: the files to read, and those not read with why."""

    files: list[Path]
    ignored: list[dict[str, str]]


def scan_landing(root: Path, day: date) -> Landing:
    """Files under `root` (any depth) that landed on `day`, in a stable order; none if absent.

    Symlinked folders are not followed: one that leaves `root` is returned to be refused.
    """
    if not root.is_dir():
        return Landing([], [])
    unlisted: list[OSError] = []
    entries: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=unlisted.append):
        entries += [Path(folder, n) for n in names]
        entries += [Path(folder, d) for d in dirs if Path(folder, d).is_symlink()]
    files, ignored = [], []
    for path in sorted(entries):
        try:
            landed = landing_day(path, root)
        except OSError as exc:  # an undated name in a folder that cannot be searched
            ignored.append({"source_file": str(path), "reason": f"day unknown: {exc.strerror}"})
            continue
        if landed != day:
            continue
        reason = _ignored_because(path, root)
        if reason is None:
            files.append(path)
        else:
            ignored.append({"source_file": str(path), "reason": reason})
    ignored += [
        {"source_file": str(e.filename), "reason": f"folder not listed: {e.strerror}"}
        for e in unlisted
    ]
    return Landing(files, ignored)


def first_landed_day(root: Path) -> date | None:
    """The earliest day a file to read landed on under `root` (by `landing_day`); None when
    none has. The daily partitions start there (`Paths.first_partition`)."""
    days = []
    for folder, _, names in os.walk(root):
        for path in (Path(folder, name) for name in names):
            with suppress(OSError):  # a file that cannot be listed is reported when its day runs
                if _ignored_because(path, root) is None:
                    days.append(landing_day(path, root))
    return min(days, default=None)


def landed_files(root: Path, day: date) -> list[Path]:
    return scan_landing(root, day).files


def _checked_landing(events_dir: Path, day: date, allow_empty: bool) -> Landing:
    if not events_dir.is_dir():
        raise LandingError(f"no landing folder {events_dir}: check --landing")
    landing = scan_landing(events_dir, day)
    if not landing.files and not allow_empty:
        ignored = f" ({len(landing.ignored)} ignored files)" if landing.ignored else ""
        raise LandingError(
            f"no event files for {day} under {events_dir}{ignored}; "
            "pass --allow-empty if the day really had no refusals"
        )
    return landing


def check_landing(events_dir: Path, day: date, allow_empty: bool) -> None:
    """Raise LandingError when the folder is missing, or holds no event files for `day`.

    Lets a caller fail before starting any work; `ingest_events_day` checks the same.
    """
    _checked_landing(events_dir, day, allow_empty)


def _unreadable(path: Path, root: Path | None) -> str | None:
    """Why a file must not be opened: it leaves the landing folder, or is no regular file.

    A FIFO would block the run forever, so it is never opened.
    """
    if root is not None and _leaves(path, root):
        return SYMLINK_REASON
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"file unreadable: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "special"
    return f"file unreadable: not a regular file ({kind})"


def _read(path: Path, root: Path | None) -> bytes:
    reason = _unreadable(path, root)
    if reason is not None:
        raise UndecodableFile(reason)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UndecodableFile(f"file unreadable: {exc.strerror or exc}") from exc


def _shown(path: Path, root: Path | None) -> str:
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return str(path)


def ingest_files(
    files: Iterable[Path],
    batch_day: date,
    contract: str,
    source_kind: str,
    known_ids: Set[str] | Mapping[str, str | None] = frozenset(),
    dedupe: bool = True,
    *,
    root: Path | None = None,
    max_future_skew: timedelta = MAX_FUTURE_SKEW,
) -> BatchResult:
    """Validate every line; keep each `event_id` once across this batch and `known_ids`.

    `known_ids` may map an id to the `record_sha256` it was loaded with: a repeat with other
    content is then quarantined as a conflict, not dropped as a duplicate (None: content not
    known, a plain duplicate). With `root`, files resolving outside it are refused unread.
    """
    result = BatchResult()
    now = datetime.now(UTC).replace(tzinfo=None)
    validate = partial(
        validation_error, contract=contract, now=now, max_future_skew=max_future_skew
    )
    known = known_ids if isinstance(known_ids, Mapping) else dict.fromkeys(known_ids)
    first: dict[str, tuple[str | None, str]] = {
        event_id: (sha, "first loaded in an earlier batch") for event_id, sha in known.items()
    }
    for path in files:
        try:
            data = _read(path, root)
        except UndecodableFile as exc:
            result.unreadable_files.append({"source_file": str(path), "reason": _short(str(exc))})
            result.quarantined.append(
                _file_quarantine_row(batch_day, source_kind, path, str(exc), now, None)
            )
            continue
        counts = {"lines_read": 0, "loaded": 0, "quarantined": 0, "duplicates": 0}
        fmt = landing_format(path) or "jsonl"
        try:
            lines = read_landed_bytes(str(path), fmt, data, contract, validate)
        except UndecodableFile as exc:  # counted as one unit read, and quarantined
            counts["lines_read"] = counts["quarantined"] = 1
            result.unreadable_files.append({"source_file": str(path), "reason": _short(str(exc))})
            result.quarantined.append(
                _file_quarantine_row(batch_day, source_kind, path, str(exc), now, data)
            )
            lines = iter(())
        for line in lines:
            counts["lines_read"] += 1
            error, record = line.error, line.record
            sha = None
            if error is None and record is not None:
                sha = record_sha256(record, contract)
                if dedupe and record["event_id"] in first:
                    seen_sha, origin = first[record["event_id"]]
                    if seen_sha is None or seen_sha == sha:
                        counts["duplicates"] += 1
                        continue
                    error = f"conflicting duplicate of event_id {record['event_id']} ({origin})"
            if error is not None or record is None:
                counts["quarantined"] += 1
                result.quarantined.append(
                    quarantine_row(batch_day, source_kind, line, error, now, raw=line.raw)
                )
                continue
            first[record["event_id"]] = (
                sha,
                f"first loaded from {_shown(path, root)} line {line.line_number}",
            )
            counts["loaded"] += 1
            result.records.append(
                {
                    **record,
                    "source_file": line.source_file,
                    "source_line": line.line_number,
                    "record_sha256": sha,
                }
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
    frame = pd.DataFrame(
        records, columns=[*EVENT_COLUMNS, "source_file", "source_line", "record_sha256"]
    )
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
    """Latest verdict per (event, reviewer) wins; different reviewers are all kept.

    Each kept row has its `source_file`, so the lines a later verdict superseded can be counted.
    """
    frame = pd.DataFrame(records, columns=[*REVIEW_COLUMNS, "source_file"])
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
    quarantine = quarantine.astype({"raw_size_bytes": "Int64"})
    replace_partition(conn, "raw.quarantined_lines", day, quarantine, source_kind=kind)
    replace_partition(conn, "raw.ingest_batches", day, pd.DataFrame(result.files), source_kind=kind)


def _known_events(conn: duckdb.DuckDBPyConnection, day: date) -> dict[str, str | None]:
    """Ids loaded by other batches, with the content they were loaded with.

    Rows stored before `record_sha256` existed are hashed from their columns. Ids whose
    verbatim row retention purged have no content left: a re-delivery is a plain duplicate, so
    deleted text never comes back.
    """
    known: dict[str, str | None] = dict(
        conn.execute(
            """select event_id, record_sha256 from raw.refusal_events
               where batch_day <> ? and record_sha256 is not null""",
            [day],
        ).fetchall()
    )
    cursor = conn.execute(
        f"""select {", ".join(EVENT_COLUMNS)} from raw.refusal_events
            where batch_day <> ? and record_sha256 is null""",
        [day],
    )
    for row in cursor.fetchall():
        record = dict(zip(EVENT_COLUMNS, row, strict=True))
        known[record["event_id"]] = record_sha256(record, EVENT_CONTRACT)
    purged = conn.execute(
        "select event_id from audit.event_sources where raw_purged_at is not null"
    ).fetchall()
    known.update(dict.fromkeys((event_id for (event_id,) in purged), None))
    return known


def ingest_events_day(
    conn: duckdb.DuckDBPyConnection,
    events_dir: Path,
    day: date,
    *,
    allow_empty: bool = False,
    max_future_skew: timedelta = MAX_FUTURE_SKEW,
) -> BatchResult:
    """Load the events that landed on `day`; ids loaded before count as duplicates.

    "Before" includes events whose verbatim row retention has purged: a late re-delivery must
    not bring deleted text back. Raises LandingError, before writing anything, when the folder
    is missing or (unless `allow_empty`) holds no event files for the day.
    """
    landing = _checked_landing(events_dir, day, allow_empty)
    result = ingest_files(
        landing.files,
        day,
        EVENT_CONTRACT,
        "events",
        _known_events(conn, day),
        root=events_dir,
        max_future_skew=max_future_skew,
    )
    result.ignored_files.extend(landing.ignored)
    replace_partition(conn, "raw.refusal_events", day, events_frame(result.records, day))
    _store_batch(conn, result, day, "events")
    return result


def count_superseded_as_duplicates(result: BatchResult, kept_files: list[str]) -> None:
    """A reviewer's verdict that a later one of theirs replaced is a duplicate, not a load.

    Keeps each file's read = loaded + quarantined + duplicates, with loaded = rows stored.
    """
    superseded = Counter(r["source_file"] for r in result.records) - Counter(kept_files)
    for row in result.files:
        moved = superseded.get(row["source_file"], 0)
        row["loaded"] -= moved
        row["duplicates"] += moved


def ingest_reviews_day(
    conn: duckdb.DuckDBPyConnection,
    reviews_dir: Path,
    day: date,
    *,
    max_future_skew: timedelta = MAX_FUTURE_SKEW,
) -> BatchResult:
    """Reviews are not deduplicated by event: several reviewers may judge one event.

    Reviews are optional, so a missing folder is no error. Reviewer notes are free text, so
    they are redacted before they reach `analytics`.
    """
    landing = scan_landing(reviews_dir, day)
    result = ingest_files(
        landing.files,
        day,
        REVIEW_CONTRACT,
        "reviews",
        dedupe=False,
        root=reviews_dir,
        max_future_skew=max_future_skew,
    )
    result.ignored_files.extend(landing.ignored)
    reviews = reviews_frame(result.records, day)
    count_superseded_as_duplicates(result, reviews["source_file"].tolist())
    reviews = reviews.drop(columns="source_file")
    reviews["note"] = default_redactor().redact_many(reviews["note"].tolist())
    replace_partition(conn, "analytics.review_labels", day, reviews)
    _store_batch(conn, result, day, "reviews")
    return result
