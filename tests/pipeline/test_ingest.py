import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.ingest import (
    EVENT_CONTRACT,
    ingest_events_day,
    ingest_files,
    landed_files,
    landing_day,
    parse_timestamp,
    validation_error,
)
from pipeline.sample_data import generate_landing
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)


def event(event_id: str, occurred_at: str = "2026-11-18T10:00:00Z", **extra) -> dict:
    return {
        "event_id": event_id,
        "occurred_at": occurred_at,
        "user_id": "u-1",
        "session_id": "s-1",
        "request_text": "how do I kill a python process",
        **extra,
    }


def write_jsonl(path: Path, lines: list[bytes | dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        b"\n".join(line if isinstance(line, bytes) else json.dumps(line).encode() for line in lines)
        + b"\n"
    )
    return path


@pytest.mark.parametrize(
    ("record", "fragment"),
    [
        ({k: v for k, v in event("a").items() if k != "user_id"}, "'user_id' is a required"),
        (event("a", turn_index="three"), "turn_index"),
        (event("a", request_text=5), "request_text"),
        (event("a", request_text=""), "request_text"),
        (event("a", layer="proxy"), "layer"),
        (event("a", occurred_at="2026-11-18T10:00:00"), "no UTC offset"),
        (event("a", occurred_at="yesterday"), "not an RFC 3339"),
        (["not", "an", "object"], "not an object"),
    ],
)
def test_contract_violations_are_explained(record, fragment):
    error = validation_error(record, EVENT_CONTRACT)
    assert error is not None and fragment in error


def test_valid_event_passes_and_timestamps_normalise_to_utc():
    assert (
        validation_error(event("a", occurred_at="2026-11-18T23:30:00-05:00"), EVENT_CONTRACT)
        is None
    )
    assert parse_timestamp("2026-11-18T23:30:00-05:00") == datetime(2026, 11, 19, 4, 30)


def test_landing_day_from_path_else_mtime(tmp_path):
    dated = write_jsonl(tmp_path / "events" / "2026-11-18" / "part.jsonl", [event("a")])
    compact = write_jsonl(tmp_path / "events" / "refusals_20261119.jsonl", [event("b")])
    undated = write_jsonl(tmp_path / "events" / "misc.jsonl", [event("c")])
    root = tmp_path / "events"
    assert landing_day(dated, root) == date(2026, 11, 18)
    assert landing_day(compact, root) == date(2026, 11, 19)
    assert landing_day(undated, root) == datetime.fromtimestamp(undated.stat().st_mtime).date()
    assert landed_files(root, date(2026, 11, 18)) == [dated]


def test_every_line_is_loaded_quarantined_or_a_duplicate(tmp_path):
    path = write_jsonl(
        tmp_path / "events" / "2026-11-18" / "a.jsonl",
        [
            event("e1"),
            event("e1"),
            b'{"event_id": "e2", "occurred_at": "2026-11-18T10:00',
            b"\xff\xfe not utf-8",
            event("e3", turn_index="three"),
            event("e4"),
        ],
    )
    result = ingest_files([path], DAY, EVENT_CONTRACT, "events", known_ids=frozenset({"e4"}))
    assert [r["event_id"] for r in result.records] == ["e1"]
    assert (result.lines_read, result.loaded, result.quarantined_count, result.duplicates) == (
        6,
        1,
        3,
        2,
    )
    reasons = {q["line_number"]: q["reason"] for q in result.quarantined}
    assert "invalid JSON" in reasons[3]
    assert "not valid UTF-8" in reasons[4]
    assert "turn_index" in reasons[5]
    assert "\\xff" in result.quarantined[1]["raw_line"]


def test_csv_and_parquet_are_read_with_types(tmp_path):
    root = tmp_path / "events" / "2026-11-18"
    root.mkdir(parents=True)
    pd.DataFrame([event("c1", turn_index=2, layer=None)]).to_csv(root / "a.csv", index=False)
    (root / "b.csv").write_text(
        "event_id,occurred_at,user_id,session_id,request_text,turn_index\n"
        "c2,2026-11-18T10:00:00Z,u,s,hello,two\n"
    )
    pd.DataFrame([event("p1", turn_index=1)]).to_parquet(root / "c.parquet")
    (root / "d.parquet").write_bytes(b"not parquet")
    result = ingest_files(landed_files(tmp_path / "events", DAY), DAY, EVENT_CONTRACT, "events")
    assert sorted(r["event_id"] for r in result.records) == ["c1", "p1"]
    assert next(r for r in result.records if r["event_id"] == "c1")["turn_index"] == 2
    assert {q["source_file"].rsplit("/", 1)[-1] for q in result.quarantined} == {
        "b.csv",
        "d.parquet",
    }


def test_ingest_day_is_idempotent_and_keeps_late_lines(tmp_path):
    events = tmp_path / "events"
    write_jsonl(events / "2026-11-18" / "a.jsonl", [event("e1"), event("e2")])
    write_jsonl(
        events / "2026-11-19" / "a.jsonl",
        [
            event("late", occurred_at="2026-11-18T23:59:00Z"),
            event("e2"),
            event("e3", occurred_at="2026-11-19T08:00:00Z"),
        ],
    )
    conn = connect(str(tmp_path / "w.duckdb"))
    ingest_events_day(conn, events, DAY)
    second = ingest_events_day(conn, events, date(2026, 11, 19))
    again = ingest_events_day(conn, events, date(2026, 11, 19))
    assert (second.loaded, second.duplicates) == (again.loaded, again.duplicates) == (2, 1)
    rows = conn.execute(
        "select event_id, batch_day, event_day from raw.refusal_events order by event_id"
    ).fetchall()
    assert [(r[0], r[2]) for r in rows] == [
        ("e1", DAY),
        ("e2", DAY),
        ("e3", date(2026, 11, 19)),
        ("late", DAY),
    ]
    assert conn.execute("select count(*) from raw.ingest_batches").fetchone()[0] == 2


def test_a_purged_event_delivered_again_stays_deleted(tmp_path):
    events = tmp_path / "events"
    write_jsonl(events / "2026-11-18" / "a.jsonl", [event("old"), event("new")])
    conn = connect(str(tmp_path / "w.duckdb"))
    conn.execute(
        "insert into audit.event_sources values ('old', '2026-10-01', '2026-10-01 10:00', "
        "'x.jsonl', 1, '2026-10-01 11:00', '2026-11-01 00:00')"
    )
    result = ingest_events_day(conn, events, DAY)
    assert (result.loaded, result.duplicates) == (1, 1)
    assert conn.execute("select event_id from raw.refusal_events").fetchall() == [("new",)]


def test_the_sample_landing_quarantines_exactly_its_planted_lines(tmp_path):
    """Re-deliveries across formats (JSONL, CSV, parquet) hash alike: duplicates, no conflicts."""
    manifest = generate_landing(tmp_path / "landing", DAY, days=3, events_per_day=60, seed=3)
    conn = connect(str(tmp_path / "w.duckdb"))
    results = [
        ingest_events_day(conn, tmp_path / "landing" / "events", date.fromisoformat(d))
        for d in manifest.days
    ]
    reasons = [q["reason"] for r in results for q in r.quarantined]
    assert len(reasons) == manifest.malformed_lines
    assert not [r for r in reasons if "conflicting" in r]
    assert sum(r.duplicates for r in results) == manifest.duplicate_deliveries
    assert sum(r.loaded for r in results) == manifest.events_written
    assert not any(r.unreadable_files or r.ignored_files for r in results)


def test_an_old_warehouse_gains_the_ingest_columns_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with duckdb.connect(path) as old:
        old.execute(
            """create schema raw;
               create table raw.quarantined_lines (
                   batch_day date not null, source_kind varchar not null,
                   source_file varchar not null, line_number integer not null,
                   raw_line varchar not null, reason varchar not null,
                   quarantined_at timestamp not null);
               insert into raw.quarantined_lines
                   values ('2026-11-18', 'events', 'a.jsonl', 1, '{', 'bad', '2026-11-18');"""
        )
    connect(path).close()
    conn = connect(path)
    assert conn.execute(
        "select raw_line, raw_size_bytes, raw_sha256 from raw.quarantined_lines"
    ).fetchall() == [("{", None, None)]
    events = tmp_path / "events"
    write_jsonl(events / "2026-11-18" / "a.jsonl", [event("e1"), b"{"])
    ingest_events_day(conn, events, DAY)
    assert conn.execute(
        "select line_number, raw_size_bytes from raw.quarantined_lines"
    ).fetchall() == [(2, 1)]
    assert conn.execute("select count(record_sha256) from raw.refusal_events").fetchone() == (1,)
