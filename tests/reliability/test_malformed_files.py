"""File-level failures of landed logs: each costs only itself and is reported, never a crash."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline import ingest, reconcile
from pipeline.ingest import (
    DEPTH_REASON,
    EVENT_CONTRACT,
    RAW_LINE_MAX_CHARS,
    REASON_MAX_CHARS,
    SYMLINK_REASON,
    BatchResult,
    LandingError,
    check_landing,
    ingest_events_day,
    ingest_files,
    landed_files,
    scan_landing,
)
from pipeline.warehouse import connect
from tests.pipeline.test_ingest import event

DAY = date(2026, 11, 18)
NEXT_DAY = date(2026, 11, 19)
WAREHOUSE_TABLES = ("raw.refusal_events", "raw.quarantined_lines", "raw.ingest_batches")


def jsonl(*lines: bytes | dict) -> bytes:
    return b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    )


def land(root: Path, name: str, data: bytes, day: date = DAY) -> Path:
    path = root / day.isoformat() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def ingest_day(root: Path, day: date = DAY, **kwargs) -> BatchResult:
    files = landed_files(root, day)
    return ingest_files(files, day, EVENT_CONTRACT, "events", root=root, **kwargs)


def assert_accounted(result: BatchResult) -> None:
    """What the blocking asset check demands: read = loaded + quarantined + duplicates."""
    for f in result.files:
        assert f["lines_read"] == f["loaded"] + f["quarantined"] + f["duplicates"], f
        rows = [q for q in result.quarantined if q["source_file"] == f["source_file"]]
        assert len(rows) == f["quarantined"], f
    assert all(len(q["reason"]) <= REASON_MAX_CHARS for q in result.quarantined)
    assert all(len(q["raw_line"]) <= RAW_LINE_MAX_CHARS for q in result.quarantined)


def loaded_ids(result: BatchResult) -> list[str]:
    return [r["event_id"] for r in result.records]


def reasons(result: BatchResult) -> dict[tuple[str, int], str]:
    return {
        (Path(q["source_file"]).name, q["line_number"]): q["reason"] for q in result.quarantined
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "events"


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def test_a_5001_level_nested_line_costs_only_itself(root):
    deep = b'{"a":' * 5001 + b"1" + b"}" * 5001
    land(root, "a.jsonl", jsonl(event("e1"), deep, event("e2"), b"[" * 10_000))
    result = ingest_day(root)
    assert loaded_ids(result) == ["e1", "e2"]
    assert reasons(result) == {("a.jsonl", 2): DEPTH_REASON, ("a.jsonl", 4): DEPTH_REASON}
    assert_accounted(result)


def test_an_unreadable_file_is_quarantined_and_its_neighbour_loads(root, monkeypatch):
    good = land(root, "a.jsonl", jsonl(event("e1")))
    bad = land(root, "b.jsonl", jsonl(event("e2")))
    read_bytes = Path.read_bytes

    def failing(path: Path) -> bytes:
        if path == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    result = ingest_day(root)
    assert loaded_ids(result) == ["e1"]
    assert [f["source_file"] for f in result.files] == [str(good)]
    assert result.unreadable_files == [
        {"source_file": str(bad), "reason": "file unreadable: Permission denied"}
    ]
    (row,) = result.quarantined
    assert (row["source_kind"], row["source_file"], row["line_number"]) == ("events", str(bad), 0)
    assert row["reason"] == "file unreadable: Permission denied"
    assert_accounted(result)


def test_a_fifo_is_never_opened(root):
    land(root, "a.jsonl", jsonl(event("e1")))
    fifo = root / DAY.isoformat() / "b.jsonl"
    os.mkfifo(fifo)
    result = ingest_day(root)
    assert loaded_ids(result) == ["e1"]
    assert result.unreadable_files == [
        {"source_file": str(fifo), "reason": "file unreadable: not a regular file (a FIFO)"}
    ]


def test_an_event_dated_2099_is_quarantined_as_from_the_future(root):
    soon = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    land(
        root,
        "a.jsonl",
        jsonl(event("e1"), event("e2", "2099-01-01T00:00:00Z"), event("e3", soon)),
    )
    result = ingest_day(root)
    assert loaded_ids(result) == ["e1", "e3"]
    reason = reasons(result)[("a.jsonl", 2)]
    assert reason.startswith("occurred_at: 2099-01-01T00:00:00 is ")
    assert reason.endswith(" days in the future (allowed skew 24 h)")
    strict = ingest_day(root, max_future_skew=timedelta(hours=1))
    assert loaded_ids(strict) == ["e1"]
    assert reasons(strict)[("a.jsonl", 3)].endswith("in the future (allowed skew 1 h)")


def test_a_review_from_the_future_is_quarantined(tmp_path, conn):
    reviews = tmp_path / "reviews"
    review = {"event_id": "e1", "verdict": "should_help", "reviewed_at": "2099-01-01T00:00:00Z"}
    land(reviews, "r.jsonl", jsonl(review))
    result = ingest.ingest_reviews_day(conn, reviews, DAY)
    assert result.loaded == 0
    assert result.quarantined[0]["reason"].startswith("reviewed_at: 2099-01-01T00:00:00 is ")


def test_a_reviewer_correcting_their_own_verdict_is_accounted_for(tmp_path, conn):
    reviews = tmp_path / "reviews"
    first = {
        "event_id": "e1",
        "reviewer": "r1",
        "verdict": "should_help",
        "reviewed_at": "2026-11-18T09:00:00Z",
    }
    corrected = {**first, "verdict": "should_refuse", "reviewed_at": "2026-11-18T10:00:00Z"}
    other = {**first, "reviewer": "r2"}
    land(reviews, "r.jsonl", jsonl(first, corrected, other))
    result = ingest.ingest_reviews_day(conn, reviews, DAY)
    assert (result.lines_read, result.loaded, result.duplicates) == (3, 2, 1)
    stored = conn.execute(
        "select reviewer, verdict from analytics.review_labels order by reviewer"
    ).fetchall()
    assert stored == [("r1", "should_refuse"), ("r2", "should_help")]
    assert reconcile.unaccounted_label_lines(conn, DAY) == {
        "lines_unaccounted": 0,
        "loaded_minus_stored": 0,
    }


def test_an_identical_repeat_is_a_duplicate_and_a_different_one_a_conflict(root):
    land(root, "a.jsonl", jsonl(event("e1", turn_index=2), event("e1", request_text="changed")))
    csv_repeat = pd.DataFrame([event("e1", turn_index=2, layer=None)])
    csv_repeat.to_csv(root / DAY.isoformat() / "b.csv", index=False)
    result = ingest_day(root)
    assert loaded_ids(result) == ["e1"]
    assert (result.loaded, result.quarantined_count, result.duplicates) == (1, 1, 1)
    assert reasons(result) == {
        ("a.jsonl", 2): "conflicting duplicate of event_id e1 "
        "(first loaded from 2026-11-18/a.jsonl line 1)"
    }
    assert "changed" in result.quarantined[0]["raw_line"]
    assert_accounted(result)


def test_a_conflicting_redelivery_in_a_later_batch_is_quarantined(root, conn):
    land(root, "a.jsonl", jsonl(event("e1"), event("e2", "2026-11-18T09:00:00-03:00")))
    same = event("e2", "2026-11-18T12:00:00Z")  # the same instant, written in UTC
    land(root, "a.jsonl", jsonl(same, event("e1", request_text="other"), event("e3")), NEXT_DAY)
    ingest_events_day(conn, root, DAY)
    second = ingest_events_day(conn, root, NEXT_DAY)
    assert (second.loaded, second.quarantined_count, second.duplicates) == (1, 1, 1)
    assert second.quarantined[0]["reason"] == (
        "conflicting duplicate of event_id e1 (first loaded in an earlier batch)"
    )
    conn.execute("update raw.refusal_events set record_sha256 = null")  # rows from before it
    again = ingest_events_day(conn, root, NEXT_DAY)
    assert (again.loaded, again.quarantined_count, again.duplicates) == (1, 1, 1)


def test_a_bom_is_stripped_from_jsonl_and_csv(root):
    land(root, "a.jsonl", b"\xef\xbb\xbf" + jsonl(event("j1")))
    header = "event_id,occurred_at,user_id,session_id,request_text\n"
    land(root, "b.csv", b"\xef\xbb\xbf" + f"{header}c1,2026-11-18T10:00:00Z,u,s,hi\n".encode())
    result = ingest_day(root)
    assert sorted(loaded_ids(result)) == ["c1", "j1"]
    assert result.quarantined == []


def test_a_5mb_line_is_stored_capped_with_its_size_and_hash(root, conn):
    line = json.dumps(event("big", request_text="x" * 5_000_000)).encode()
    land(root, "a.jsonl", jsonl(line, event("e1")))
    result = ingest_events_day(conn, root, DAY)
    assert loaded_ids(result) == ["e1"]
    stored = conn.execute(
        "select line_number, raw_line, reason, raw_size_bytes, raw_sha256 "
        "from raw.quarantined_lines"
    ).fetchall()
    ((number, raw_line, reason, size, sha),) = stored
    assert number == 1 and len(raw_line) <= RAW_LINE_MAX_CHARS
    assert raw_line.startswith('{"event_id": "big"') and "5000" in raw_line[-40:]
    assert reason.startswith("request_text: 'xxx") and reason.endswith("is too long")
    assert len(reason) <= REASON_MAX_CHARS
    assert (size, sha) == (len(line), hashlib.sha256(line).hexdigest())


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.ndjson", "a.ndjson.gz", "a.gz.txt"])
def test_gzip_is_detected_by_its_bytes_and_read(root, name):
    land(root, name, gzip.compress(jsonl(event("e1"), event("e2"))))
    result = ingest_day(root)
    if name.endswith(".txt"):  # not a landing name: reported, not read
        assert result.files == [] and [Path(f["source_file"]).name for f in ignored(root)] == [name]
        return
    assert loaded_ids(result) == ["e1", "e2"]
    assert result.quarantined == []


def ignored(root: Path) -> list[dict[str, str]]:
    return scan_landing(root, DAY).ignored


def test_gzipped_csv_and_plain_ndjson_are_read(root):
    header = "event_id,occurred_at,user_id,session_id,request_text\n"
    land(root, "a.csv.gz", gzip.compress(f"{header}c1,2026-11-18T10:00:00Z,u,s,hi\n".encode()))
    land(root, "b.ndjson", jsonl(event("n1")))
    assert sorted(loaded_ids(ingest_day(root))) == ["c1", "n1"]


def test_a_corrupt_gzip_or_a_bomb_is_quarantined_as_a_file(root, monkeypatch):
    land(root, "a.jsonl.gz", gzip.compress(jsonl(event("e1")))[:-12])
    land(root, "b.jsonl.gz", gzip.compress(b"\n" * 100_000))
    land(root, "c.jsonl", jsonl(event("e3")))
    monkeypatch.setattr(ingest, "MAX_DECOMPRESSED_BYTES", 10_000)
    result = ingest_day(root)
    assert loaded_ids(result) == ["e3"]
    assert [Path(u["source_file"]).name for u in result.unreadable_files] == [
        "a.jsonl.gz",
        "b.jsonl.gz",
    ]
    found = reasons(result)
    assert found[("a.jsonl.gz", 0)].startswith("corrupt gzip: ")
    assert found[("b.jsonl.gz", 0)] == (
        "gzip expands past 10000 bytes: refused as a decompression bomb"
    )
    assert_accounted(result)


def test_every_file_not_read_is_reported_by_name(root, conn):
    land(root, "a.jsonl", jsonl(event("e1")))
    for name in ("b.json", "notes.txt", ".DS_Store", "c.jsonl.tmp"):
        land(root, name, b"[]")
    land(root, "late.json", b"[]", NEXT_DAY)
    result = ingest_events_day(conn, root, DAY)
    assert loaded_ids(result) == ["e1"]
    by_name = {Path(i["source_file"]).name: i["reason"] for i in result.ignored_files}
    assert set(by_name) == {"b.json", "notes.txt", ".DS_Store", "c.jsonl.tmp"}
    assert by_name["b.json"] == ingest.JSON_FILE_REASON
    assert by_name[".DS_Store"] == "hidden file, not read"
    assert by_name["notes.txt"].startswith("not a landing format (.txt)")


def test_a_symlink_out_of_the_landing_folder_is_refused_unread(tmp_path, root, conn):
    secret = tmp_path / "secret.jsonl"
    secret.write_bytes(jsonl(event("stolen", request_text="TOP-SECRET text")))
    outside_dir = tmp_path / "elsewhere"
    outside_dir.mkdir()
    (outside_dir / "x.jsonl").write_bytes(secret.read_bytes())
    land(root, "a.jsonl", jsonl(event("e1")))
    (root / DAY.isoformat() / "b.jsonl").symlink_to(secret)
    (root / DAY.isoformat() / "more").symlink_to(outside_dir, target_is_directory=True)
    inside = root / DAY.isoformat() / "c.jsonl"
    inside.symlink_to(root / DAY.isoformat() / "a.jsonl")
    result = ingest_events_day(conn, root, DAY)
    assert {u["source_file"]: u["reason"] for u in result.unreadable_files} == {
        str(root / DAY.isoformat() / "b.jsonl"): SYMLINK_REASON,
        str(root / DAY.isoformat() / "more"): SYMLINK_REASON,
    }
    assert (result.loaded, result.duplicates) == (1, 1)  # the inside link is read
    for table in WAREHOUSE_TABLES:
        dump = conn.execute(f"select * from {table}").fetchall()
        assert "TOP-SECRET" not in repr(dump) and "stolen" not in repr(dump), table
    rows = conn.execute(
        "select line_number, reason from raw.quarantined_lines order by source_file"
    ).fetchall()
    assert rows == [(0, SYMLINK_REASON), (0, SYMLINK_REASON)]


def test_csv_with_wrong_headers_keeps_physical_line_numbers(root):
    land(
        root,
        "a.csv",
        b"event_id,occurred_at,request_text\n"
        b'c1,2026-11-18T10:00:00Z,"two\nlines"\n'
        b"\n"
        b"c2,2026-11-18T10:00:00Z,x\n",
    )
    header = b"event_id,occurred_at,user_id,session_id,request_text\n"
    land(
        root,
        "b.csv",
        header + b'c3,2026-11-18T10:00:00Z,u,s,"a\nb\nc"\n'
        b"c4,2026-11-18T10:00:00Z,u,s,x,extra\n"
        b"c5,2026-11-18T10:00:00Z,u,s,caf\xe9\n"
        b"c6,2026-11-18T10:00:00Z,u,s,ok\n",
    )
    result = ingest_day(root)
    missing = "header lacks required columns: user_id, session_id"
    assert reasons(result) == {
        ("a.csv", 2): missing,
        ("a.csv", 5): missing,
        ("b.csv", 5): "row has more cells than the header",
        ("b.csv", 6): "not valid UTF-8 (byte 0xe9 at offset 31)",
    }
    assert sorted(loaded_ids(result)) == ["c3", "c6"]
    assert next(r for r in result.records if r["event_id"] == "c6")["source_line"] == 7
    assert "caf\\xe9" in next(q for q in result.quarantined if q["line_number"] == 6)["raw_line"]
    assert_accounted(result)


def test_a_missing_folder_or_an_empty_day_raises_and_writes_nothing(tmp_path, root, conn):
    with pytest.raises(LandingError, match=f"no landing folder {root}: check --landing"):
        ingest_events_day(conn, root, DAY)
    land(root, "a.jsonl", jsonl(event("e1")))
    land(root, "b.json", b"[]", NEXT_DAY)
    with pytest.raises(LandingError, match="no event files for 2026-11-19 under .*--allow-empty"):
        ingest_events_day(conn, root, NEXT_DAY)
    with pytest.raises(LandingError):
        check_landing(root, NEXT_DAY, allow_empty=False)
    with pytest.raises(LandingError):
        check_landing(tmp_path / "nowhere", DAY, allow_empty=True)
    for table in WAREHOUSE_TABLES:
        assert conn.execute(f"select count(*) from {table}").fetchone() == (0,), table
    check_landing(root, DAY, allow_empty=False)
    check_landing(root, NEXT_DAY, allow_empty=True)
    empty = ingest_events_day(conn, root, NEXT_DAY, allow_empty=True)
    assert (empty.lines_read, len(empty.ignored_files)) == (0, 1)


def test_a_missing_reviews_folder_is_no_error(tmp_path, conn):
    result = ingest.ingest_reviews_day(conn, tmp_path / "reviews", DAY)
    assert (result.lines_read, result.files) == (0, [])
