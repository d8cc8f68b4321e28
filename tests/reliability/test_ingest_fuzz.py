"""Fuzzed landed files: whatever the bytes, ingest never raises and accounts for every line."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import (
    EVENT_COLUMNS,
    EVENT_CONTRACT,
    RAW_LINE_MAX_CHARS,
    BatchResult,
    events_frame,
    ingest_files,
)
from pipeline.warehouse import connect, replace_partition

DAY = date(2026, 11, 18)
REASON_LIMIT = 300
FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALID = {
    "event_id": "e1",
    "occurred_at": "2026-11-18T10:00:00Z",
    "user_id": "u",
    "session_id": "s",
    "request_text": "hi",
}
# Byte sequences that are not UTF-8: stray continuation, overlong, encoded surrogate, truncated
# multi-byte, beyond U+10FFFF, and bytes that never occur in UTF-8.
BAD_UTF8 = [
    b"\x80",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xe2\x82",
    b"\xf4\x90\x80\x80",
    b"\xff",
    b"\xfe",
]
NASTY = st.sampled_from(
    [
        b"[" * 10_000,
        b'{"a":' * 3_000 + b"1" + b"}" * 3_000,
        b"x" * 300_000,
        b'{"event_id": "' + b"y" * 200_000 + b'"}',
        b"\x00" * 50,
        b'"\\ud800"',
        b"\xef\xbb\xbf{}",
        b"1" * 5_000,
        b"NaN",
        b"{}",
        b"null",
        *BAD_UTF8,
    ]
)
# Values a producer might put in any contract field.
ODD_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "\ud800",
            "a\x00b",
            "",
            "9999-12-31T23:59:59-23:59",
            "0001-01-01T00:00:00+01:00",
            "1500-01-01T00:00:00Z",
            "2300-01-01T00:00:00Z",
            "2099-01-01T00:00:00Z",
            "2026-11-18T10:00:00.123456789Z",
            "x" * 40_000,
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
)
ODD_EVENT = st.fixed_dictionaries(
    {},
    optional={name: ODD_VALUE for name in EVENT_COLUMNS},
).map(lambda fields: {**VALID, **fields})


def _line(value: object) -> bytes:
    return json.dumps(value, allow_nan=True).encode()  # ASCII: a lone surrogate stays an escape


LINE = st.one_of(
    st.binary(max_size=200),
    NASTY,
    st.builds(lambda a, b, c: a + b + c, st.binary(max_size=20), st.sampled_from(BAD_UTF8), NASTY),
    ODD_EVENT.map(_line),
)


def ingest_bytes(name: str, data: bytes) -> BatchResult:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / name
        path.write_bytes(data)
        return ingest_files([path], DAY, EVENT_CONTRACT, "events", root=root)


def assert_sound(result: BatchResult) -> None:
    (f,) = result.files
    assert f["lines_read"] == f["loaded"] + f["quarantined"] + f["duplicates"]
    assert len(result.quarantined) == f["quarantined"]
    assert len(result.records) == f["loaded"]
    for row in result.quarantined:
        assert row["reason"] and len(row["reason"]) <= REASON_LIMIT
        assert len(row["raw_line"]) <= RAW_LINE_MAX_CHARS
        row["raw_line"].encode("utf-8")  # storable
        assert len(row["raw_sha256"]) == 64 and row["raw_size_bytes"] >= 0


@FUZZ
@given(st.lists(LINE, max_size=8))
def test_any_jsonl_bytes_are_accounted_for(lines):
    data = b"\n".join(lines) + b"\n"
    result = ingest_bytes("a.jsonl", data)
    assert_sound(result)
    if data.startswith(b"\x1f\x8b"):  # gzip's magic bytes: read as gzip, whatever the name
        (row,) = result.quarantined
        assert row["line_number"] == 0 and row["reason"].startswith("corrupt gzip")
        return
    physical = data.splitlines()
    assert result.files[0]["lines_read"] == sum(
        1 for raw in physical if raw.removeprefix(b"\xef\xbb\xbf").strip()
    )
    for row in result.quarantined:
        assert 1 <= row["line_number"] <= len(physical)


@FUZZ
@given(st.lists(ODD_EVENT, min_size=1, max_size=5))
def test_whatever_loads_can_be_stored(events):
    events = [{**e, "event_id": f"{i}-{e['event_id']}"} for i, e in enumerate(events)]
    result = ingest_bytes("a.jsonl", b"\n".join(_line(e) for e in events))
    assert_sound(result)
    conn = connect(":memory:")
    replace_partition(conn, "raw.refusal_events", DAY, events_frame(result.records, DAY))
    assert conn.execute("select count(*) from raw.refusal_events").fetchone() == (result.loaded,)


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(['"', '""', '"a,b"', '"multi\nline"', "\r", "\n", "\x00", ",", "\ufeff"]),
    st.just("2026-11-18T10:00:00Z"),
)
HEADER = st.lists(
    st.one_of(st.sampled_from(EVENT_COLUMNS), st.text(max_size=6)), min_size=1, max_size=8
)


@FUZZ
@given(HEADER, st.lists(st.lists(CELL, max_size=8), max_size=6), st.binary(max_size=30))
def test_any_csv_is_accounted_for(header, rows, tail):
    text = "\n".join([",".join(header), *(",".join(r) for r in rows)])
    data = b"\xef\xbb\xbf" + text.encode() + tail
    result = ingest_bytes("a.csv", data)
    assert_sound(result)
    for row in result.quarantined:
        assert 1 <= row["line_number"] <= data.count(b"\n") + data.count(b"\r") + 1
