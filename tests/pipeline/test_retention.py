"""Retention on a small hand-made warehouse: rows expire per data class, and leave the disk."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from pipeline.catalog import INVENTORY
from pipeline.config import RetentionConfig
from pipeline.retention import enforce_retention, run_retention
from pipeline.warehouse import compact_database, connect

QUARANTINE_INSERT = (
    "insert into raw.quarantined_lines "
    "(batch_day, source_kind, source_file, line_number, raw_line, reason, quarantined_at) values "
)

NOW = datetime(2026, 6, 1, 12, 0)
CONFIG = RetentionConfig()
OLD = NOW - timedelta(days=CONFIG.raw_days + 5)
RECENT = NOW - timedelta(days=1)


def _planted(label: str) -> str:
    """Random, so the storage cannot compress it out of sight: a byte search must find it."""
    return f"PLANTED-{label}-{secrets.token_hex(16)}"


def _insert_event(conn, event_id: str, at: datetime, user: str, text: str, source: str) -> None:
    """A verbatim row and its minimized copy (which carries none of the verbatim strings)."""
    conn.execute(
        """insert into raw.refusal_events (event_id, batch_day, event_day, occurred_at, user_id,
               session_id, request_text, feedback_text, source_file, source_line, ingested_at)
           values (?, ?, ?, ?, ?, 's1', ?, ?, ?, 1, ?)""",
        [event_id, at.date(), at.date(), at, user, text, text, source, at],
    )
    conn.execute(
        """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
               occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
               request_text, request_text_hash)
           values (?, ?, ?, ?, 'pseudonym-' || ?, 'sp', 'v1', 'minimized', 'hash-' || ?)""",
        [event_id, at.date(), at.date(), at, event_id, event_id],
    )


@pytest.fixture()
def warehouse(tmp_path: Path) -> tuple[Path, list[str]]:
    """Old events and quarantined lines carrying planted strings, beside recent ones."""
    path = tmp_path / "warehouse.duckdb"
    planted = []
    conn = connect(str(path))
    for i in range(40):
        user, text = _planted("user"), _planted("text")
        planted += [user, text]
        _insert_event(conn, f"old-{i}", OLD - timedelta(hours=i), user, text, "events-old.jsonl")
        _insert_event(conn, f"new-{i}", RECENT, f"u{i}", f"recent text {i}", "events-new.jsonl")
    for i in range(5):
        line = _planted("line")
        planted.append(line)
        conn.execute(
            QUARANTINE_INSERT + "(?, 'events', 'q.jsonl', ?, ?, 'bad', ?)",
            [OLD.date(), i, line, OLD],
        )
    conn.execute(
        QUARANTINE_INSERT + "(?, 'events', 'q.jsonl', 9, 'keep me', 'bad', ?)",
        [RECENT.date(), RECENT],
    )
    conn.execute(
        """insert into analytics.request_embeddings values
           ('hash-new-0', 'm', [1.0], ?), ('hash-gone', 'm', [1.0], ?)""",
        [OLD, RECENT],
    )
    conn.close()
    return path, planted


def _hits(path: Path, planted: list[str]) -> int:
    """Occurrences of the planted strings in the database file and its write-ahead log."""
    total = 0
    for file in (path, path.with_name(path.name + ".wal")):
        if file.exists():
            data = file.read_bytes()
            total += sum(data.count(s.encode()) for s in planted)
    return total


def _query(path: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_expired_verbatim_text_is_gone_from_the_file(warehouse):
    path, planted = warehouse
    assert _hits(path, planted) >= len(planted)  # the search can see them before

    run = run_retention(path, NOW, CONFIG, "run-1")

    assert _query(path, "select count(*) from raw.refusal_events") == [(40,)]
    assert _query(path, "select count(*) from raw.refusal_events where event_id like 'old%'") == [
        (0,)
    ]
    assert _query(path, "select raw_line from raw.quarantined_lines") == [("keep me",)]
    assert _hits(path, planted) == 0
    assert not path.with_name(path.name + ".wal").exists()
    assert run.compaction is not None and run.compaction.bytes_after > 0


def test_each_purge_is_audited_once(warehouse):
    path, _ = warehouse
    run_retention(path, NOW, CONFIG, "run-1")
    rows = _query(
        path,
        """select data_class, table_name, rows_deleted, oldest_removed, newest_removed, run_id
           from audit.retention_log order by table_name""",
    )
    assert rows == [
        ("embeddings", "analytics.request_embeddings", 1, RECENT, RECENT, "run-1"),
        ("quarantined_lines", "raw.quarantined_lines", 5, OLD, OLD, "run-1"),
        ("verbatim_events", "raw.refusal_events", 40, OLD - timedelta(hours=39), OLD, "run-1"),
    ]
    policy = _query(
        path, "select policy from audit.retention_log where data_class = 'verbatim_events'"
    )
    assert policy[0][0].startswith(f"raw_days={CONFIG.raw_days}: delete rows with occurred_at")

    inode = path.stat().st_ino
    again = run_retention(path, NOW, CONFIG, "run-2")

    assert again.purges == [] and again.compaction is None
    assert path.stat().st_ino == inode  # nothing purged: the file is not rewritten
    assert _query(path, "select count(*) from audit.retention_log") == [(3,)]


def test_lineage_outlives_the_verbatim_row(warehouse):
    path, _ = warehouse
    run_retention(path, NOW, CONFIG, "run-1")
    assert _query(
        path,
        """select count(*), min(source_file), min(raw_purged_at), max(raw_purged_at)
           from audit.event_sources where event_id like 'old%'""",
    ) == [(40, "events-old.jsonl", NOW, NOW)]
    assert _query(path, "select count(*) from audit.event_sources where raw_purged_at is null") == [
        (40,)
    ]


def test_the_clock_decides(warehouse):
    path, planted = warehouse
    before_oldest = OLD - timedelta(days=2) + timedelta(days=CONFIG.raw_days)
    run = run_retention(path, before_oldest, CONFIG, "early")
    assert [p.table_name for p in run.purges] == ["analytics.request_embeddings"]
    assert _query(path, "select count(*) from raw.refusal_events") == [(80,)]
    assert _hits(path, planted) > 0


def test_shorter_windows_purge_more_classes(warehouse, tmp_path):
    path, _ = warehouse
    conn = connect(str(path))
    ticket = tmp_path / "RB-C1.md"
    ticket.write_text("ticket")
    conn.execute(
        """insert into tracker.tickets values ('RB-C1', 'C1', 'all', 'product_backlog', 't',
           'open', 'body', 'sha', 1, ?, ?, ?, null, null)""",
        [OLD.date(), OLD.date(), str(ticket)],
    )
    conn.close()
    short = RetentionConfig(minimized_days=2, aggregate_days=2)

    purged = {p.table_name: p.rows_deleted for p in run_retention(path, NOW, short, "r").purges}

    assert purged["analytics.minimized_refusal_events"] == 40
    assert purged["tracker.tickets"] == 1
    assert purged["analytics.request_embeddings"] == 1
    assert not ticket.exists()  # the Markdown file goes with its ticket


def test_compaction_refuses_while_another_connection_is_open(warehouse):
    path, _ = warehouse
    size = path.stat().st_size
    holder = duckdb.connect(str(path))
    try:
        with pytest.raises(duckdb.Error):
            compact_database(path)
    finally:
        holder.close()
    assert path.stat().st_size == size
    assert not path.with_name(path.name + ".compacting").exists()


def test_every_inventory_entry_has_one_expiry_mode():
    fields = set(RetentionConfig.model_fields)
    for entry in INVENTORY:
        assert entry.window is None or entry.window in fields, entry.table
        modes = [
            entry.orphan_of is not None,
            entry.clock is not None and not entry.orphan_of,
            entry.rebuilt_from is not None,
        ]
        assert sum(modes) <= 1, entry.table
        if entry.window is not None:
            assert sum(modes) == 1, entry.table
    assert len({e.table for e in INVENTORY}) == len(INVENTORY)


def test_overdue_rows_are_what_the_purge_would_remove(tmp_path):
    from pipeline.retention import overdue_rows

    conn = connect(str(tmp_path / "overdue.duckdb"))
    old = datetime(2026, 1, 1, 9)
    conn.execute(
        """insert into raw.refusal_events (event_id, batch_day, event_day, occurred_at, user_id,
               session_id, request_text, source_file, source_line, ingested_at)
           values ('old', ?, ?, ?, 'u', 's', 'text', 'events/a.jsonl', 1, ?)""",
        [old.date(), old.date(), old, old],
    )
    now = old + timedelta(days=RetentionConfig().raw_days + 1)
    assert overdue_rows(conn, now, RetentionConfig())["raw.refusal_events"] == 1
    enforce_retention(conn, now, RetentionConfig(), "run-1")
    assert "raw.refusal_events" not in overdue_rows(conn, now, RetentionConfig())
    conn.close()
