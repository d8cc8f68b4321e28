from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.traffic import ingest_traffic_day, parse_row, read_traffic, traffic_files
from pipeline.warehouse import connect

QUARANTINE_INSERT = (
    "insert into raw.quarantined_lines "
    "(batch_day, source_kind, source_file, line_number, raw_line, reason, quarantined_at) values "
)

DAY = date(2026, 11, 18)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


@pytest.fixture
def conn(tmp_path):
    """A fresh warehouse with every table."""
    conn = connect(str(tmp_path / "w.duckdb"))
    yield conn
    conn.close()


def test_parse_row_keeps_extra_columns_as_json():
    row = parse_row(
        {
            "day": "2026-11-18",
            "user_segment": "en",
            "requests": "12",
            "surface": "chat",
            "account_type": None,
        }
    )
    assert row == {
        "day": DAY,
        "user_segment": "en",
        "requests": 12,
        "extra": '{"account_type": null, "surface": "chat"}',
    }
    assert parse_row({"day": "2026-11-18", "user_segment": "en", "requests": "0"})["extra"] is None


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        ({"day": "18/11/2026", "user_segment": "en", "requests": "1"}, "not a YYYY-MM-DD"),
        ({"day": "2026-02-30", "user_segment": "en", "requests": "1"}, "not a valid date"),
        ({"day": None, "user_segment": "en", "requests": "1"}, "day: missing"),
        ({"day": "2026-11-18", "user_segment": None, "requests": "1"}, "user_segment"),
        ({"day": "2026-11-18", "user_segment": "en", "requests": "-3"}, "integer >= 0"),
        ({"day": "2026-11-18", "user_segment": "en", "requests": "1.5"}, "integer >= 0"),
        ({"day": "2026-11-18", "user_segment": "en", "requests": None}, "integer >= 0"),
    ],
)
def test_parse_row_explains_what_is_wrong(cells, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_row(cells)


def test_only_the_partition_days_rows_load_and_bad_rows_are_quarantined(tmp_path, conn):
    root = tmp_path / "traffic"
    write(
        root / "traffic-2026-11-18.csv",
        "day,user_segment,requests,surface\n"
        "2026-11-17,en,900,chat\n"  # another partition's row: neither loaded nor quarantined
        "2026-11-18,en,600,chat\n"
        "2026-11-18,en,400,api\n"  # a finer split of the same segment: kept
        " 2026-11-18 , fr , 70 ,chat\n"  # padded cells are trimmed
        "2026-11-18,en,5,chat\n"  # same day, segment and surface again: quarantined
        "2026-11-18,de,-1,chat\n"
        "2026-11-18,,3,chat\n"
        "2026-11-18,de,3,chat,extra-cell\n"
        "yesterday,de,3,chat\n"  # no readable day: the file's landing day (its name) owns it
        "2026-11-17,de,many,chat\n",  # bad, but another partition's problem
    )
    result = ingest_traffic_day(conn, root, DAY)

    loaded = conn.execute(
        "select day, user_segment, requests, extra, source_line from analytics.traffic "
        "where batch_day = ? order by source_line",
        [DAY],
    ).fetchall()
    assert loaded == [
        (DAY, "en", 600, '{"surface": "chat"}', 3),
        (DAY, "en", 400, '{"surface": "api"}', 4),
        (DAY, "fr", 70, '{"surface": "chat"}', 5),
    ]
    quarantined = conn.execute(
        "select line_number, raw_line, reason from raw.quarantined_lines "
        "where batch_day = ? and source_kind = 'traffic' order by line_number",
        [DAY],
    ).fetchall()
    assert [(n, raw) for n, raw, _ in quarantined] == [
        (6, "2026-11-18,en,5,chat"),
        (7, "2026-11-18,de,-1,chat"),
        (8, "2026-11-18,,3,chat"),
        (9, "2026-11-18,de,3,chat,extra-cell"),
        (10, "yesterday,de,3,chat"),
    ]
    reasons = [reason for _, _, reason in quarantined]
    assert reasons[0].startswith("duplicate of ") and reasons[0].find(":3 ") > 0
    assert "integer >= 0" in reasons[1]
    assert "user_segment" in reasons[2]
    assert reasons[3] == "more cells than the header"
    assert "not a YYYY-MM-DD" in reasons[4]
    assert (result.loaded, result.quarantined_count, result.requests, result.segments) == (
        3,
        5,
        1070,
        2,
    )

    # re-running the day replaces its rows, and another day's partition is its own
    ingest_traffic_day(conn, root, DAY)
    assert conn.execute("select count(*) from analytics.traffic").fetchone() == (3,)
    previous = ingest_traffic_day(conn, root, date(2026, 11, 17))
    assert (previous.loaded, previous.quarantined_count) == (1, 1)
    assert conn.execute("select count(*) from raw.quarantined_lines").fetchone() == (6,)


def test_quarantine_leaves_other_sources_alone(tmp_path, conn):
    conn.execute(
        QUARANTINE_INSERT + "(?, 'events', 'e.jsonl', 1, '{', 'bad', ?)",
        [DAY, datetime(2026, 11, 18)],
    )
    write(tmp_path / "traffic" / "t-2026-11-18.csv", "day,user_segment,requests\n2026-11-18,,1\n")
    ingest_traffic_day(conn, tmp_path / "traffic", DAY)
    kinds = conn.execute("select source_kind from raw.quarantined_lines order by 1").fetchall()
    assert kinds == [("events",), ("traffic",)]


def test_whole_file_problems_are_quarantined_once(tmp_path):
    root = tmp_path / "traffic"
    write(root / "a-2026-11-18.csv", "day,segment,requests\n2026-11-18,en,3\n")
    write(root / "b-2026-11-18.csv", b"day,user_segment,requests\n2026-11-18,\xff,3\n")
    write(root / "c-2026-11-18.csv", "\ufeffday,user_segment,requests\n2026-11-18,en,3\n")
    write(root / "notes-2026-11-18.txt", "not a csv")
    files = traffic_files(root)
    assert [f.name for f in files] == ["a-2026-11-18.csv", "b-2026-11-18.csv", "c-2026-11-18.csv"]

    result = read_traffic(files, root, DAY)

    assert [(Path(q["source_file"]).name, q["line_number"]) for q in result.quarantined] == [
        ("a-2026-11-18.csv", 1),
        ("b-2026-11-18.csv", 1),
    ]
    assert "header lacks ['user_segment']" in result.quarantined[0]["reason"]
    assert "not valid UTF-8" in result.quarantined[1]["reason"]
    # a spreadsheet's byte-order mark does not hide the first column's name
    assert [(r["user_segment"], r["requests"]) for r in result.rows] == [("en", 3)]


def test_files_that_are_not_exports_are_reported_on_their_day(tmp_path, conn):
    root = tmp_path / "traffic"
    write(root / "t-2026-11-18.csv", "day,user_segment,requests\n2026-11-18,en,3\n")
    write(root / "t-2026-11-18.xlsx", "a spreadsheet")
    write(root / "t-2026-11-19.jsonl", '{"day": "2026-11-19"}')

    result = ingest_traffic_day(conn, root, DAY)

    assert [(Path(f["source_file"]).name, f["reason"]) for f in result.ignored_files] == [
        ("t-2026-11-18.xlsx", "not a traffic export (.xlsx): read are .csv files")
    ]
    assert result.loaded == 1


def test_no_traffic_files_is_an_empty_partition(tmp_path, conn):
    result = ingest_traffic_day(conn, tmp_path / "missing", DAY)
    assert (result.files, result.loaded, result.quarantined_count) == ([], 0, 0)
    assert conn.execute("select count(*) from analytics.traffic").fetchone() == (0,)
