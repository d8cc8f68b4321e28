"""Ticket lineage on a hand-made warehouse and on the session pipeline run; inventory outputs."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from pipeline.catalog import INVENTORY
from pipeline.config import REPO_ROOT, PipelineConfig, RetentionConfig
from pipeline.lineage import (
    INVENTORY_MODEL,
    inventory_markdown,
    inventory_model_sql,
    inventory_rows,
    ticket_lineage,
)
from pipeline.retention import enforce_retention
from pipeline.warehouse import connect

CONFIG = RetentionConfig()
NOW = datetime(2026, 3, 20, 12, 0)
OLD_DAY, NEW_DAY = date(2026, 2, 1), date(2026, 3, 19)

# event_id, batch_day, occurred_at, source_file, cluster
EVENTS = [
    ("e1", OLD_DAY, datetime(2026, 2, 1, 9), "events/2026-02-01/a.jsonl", "C1"),
    ("e2", OLD_DAY, datetime(2026, 2, 1, 10), "events/2026-02-01/b.csv", "C1"),
    ("e3", NEW_DAY, datetime(2026, 3, 19, 8), "events/2026-03-19/a.jsonl", "C1"),
    ("e4", NEW_DAY, datetime(2026, 3, 19, 9), "events/2026-03-19/a.jsonl", "C2"),
]


# ticket_id, cluster, segment, updated_day: C1 split on its last run, the whole C1 ticket from
# before it stays in the tracker
TICKETS = [
    ("RB-C1", "C1", "all", NEW_DAY),
    ("RB-C1-help", "C1", "should_help", NEW_DAY),
    ("RB-C1-refuse", "C1", "should_refuse", OLD_DAY),
]
# run day, event_id, verdict: a segment ticket reads the verdicts of its own updated_day
VERDICTS = [
    (OLD_DAY, "e1", "should_help"),
    (OLD_DAY, "e2", "should_refuse"),
    (NEW_DAY, "e1", "should_help"),
    (NEW_DAY, "e2", "should_help"),
    (NEW_DAY, "e3", "should_refuse"),
    (NEW_DAY, "e4", "should_help"),
]


def _sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def _build_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Two batches, three files, a split cluster; retention has purged February's verbatim rows."""
    conn = connect(str(path))
    for event_id, day, at, source, cluster in EVENTS:
        conn.execute(
            """insert into raw.refusal_events (event_id, batch_day, event_day, occurred_at,
                   user_id, session_id, request_text, source_file, source_line, ingested_at)
               values (?, ?, ?, ?, 'user', 's', 'verbatim', ?, 1, ?)""",
            [event_id, day, day, at, source, at],
        )
        conn.execute(
            """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
                   occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
                   request_text, request_text_hash)
               values (?, ?, ?, ?, 'p-' || ?, 'sp', 'v1', 'text', 'h')""",
            [event_id, day, day, at, event_id],
        )
        conn.execute(
            "insert into analytics.cluster_assignments values (?, ?, ?, ?, 0.9)",
            [event_id, day, day, cluster],
        )
    for day, source in {(e[1], e[3]) for e in EVENTS}:
        conn.execute(
            """insert into raw.ingest_batches values
               (?, 'events', ?, ?, 10, 1, 1, 0, 0, ?)""",
            [day, source, _sha(source), datetime.combine(day, datetime.min.time())],
        )
    conn.execute(
        """insert into analytics.cluster_registry values
           ('C1', 'file access', ['file'], [1.0], ?, ?, 3)""",
        [OLD_DAY, NEW_DAY],
    )
    for ticket, cluster, segment, updated in TICKETS:
        conn.execute(
            """insert into tracker.tickets (ticket_id, cluster_id, segment, queue, title, status,
                   body_markdown, evidence_sha256, revision, created_day, updated_day,
                   markdown_path)
               values (?, ?, ?, 'product_backlog', 'file access', 'open', 'body', 'sha', 2, ?,
                   ?, ?)""",
            [ticket, cluster, segment, OLD_DAY, updated, f"{ticket}.md"],
        )
    for day, event_id, verdict in VERDICTS:
        cluster = next(e[4] for e in EVENTS if e[0] == event_id)
        conn.execute(
            "insert into analytics.event_verdicts values (?, ?, ?, ?, 'review', null)",
            [day, event_id, cluster, verdict],
        )
    enforce_retention(conn, NOW, CONFIG, "run-7")
    return conn


def _build_lineage_mart(db: Path, work: Path) -> None:
    """The compliance.ticket_lineage mart `ticket_lineage` reads, as the daily run builds it."""
    project = REPO_ROOT / "dbt_project"
    result = dbtRunner().invoke(
        [
            "build",
            "--select",
            "+ticket_lineage",
            "--indirect-selection",
            "cautious",
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            "--vars",
            json.dumps(PipelineConfig(retention=CONFIG).dbt_vars(db, NEW_DAY.isoformat())),
            "--quiet",
        ]
    )
    assert result.success, [f"{r.node.unique_id}: {r.message}" for r in result.result or []]


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    work = tmp_path_factory.mktemp("lineage")
    db = work / "warehouse.duckdb"
    _build_warehouse(db).close()
    _build_lineage_mart(db, work)
    conn = duckdb.connect(str(db))
    yield conn
    conn.close()


def test_ticket_traces_to_files_batches_and_purges(traced):
    lineage = ticket_lineage(traced, "RB-C1")

    assert (lineage["ticket"]["cluster_id"], lineage["ticket"]["segment"]) == ("C1", "all")
    assert lineage["ticket"]["retention_deadline"] == NEW_DAY + timedelta(CONFIG.aggregate_days)
    assert lineage["cluster"]["label"] == "file access"
    events = {e["event_id"]: e for e in lineage["events"]}
    assert set(events) == {"e1", "e2", "e3"}  # e4 is another cluster's
    assert events["e1"]["user_pseudonym"] == "p-e1"
    assert events["e1"]["source_file"] == "events/2026-02-01/a.jsonl"  # after its row is gone
    assert events["e1"]["raw_purged"] and events["e1"]["raw_purged_at"] == NOW
    assert not events["e3"]["raw_purged"] and events["e3"]["raw_purged_at"] is None
    assert events["e3"]["raw_retention_deadline"] == datetime(2026, 3, 19, 8) + timedelta(30)
    files = {(f["batch_day"], f["source_file"]): f for f in lineage["files"]}
    assert {f["content_sha256"] for f in files.values()} == {_sha(e[3]) for e in EVENTS}
    assert files[(OLD_DAY, "events/2026-02-01/b.csv")]["raw_purged"]
    assert not files[(NEW_DAY, "events/2026-03-19/a.jsonl")]["raw_purged"]
    batches = {b["batch_day"]: b for b in lineage["batches"]}
    assert batches[OLD_DAY]["source_files"] == [
        "events/2026-02-01/a.jsonl",
        "events/2026-02-01/b.csv",
    ]
    assert [r["run_id"] for r in batches[OLD_DAY]["purge_records"]] == ["run-7"]
    assert batches[NEW_DAY]["purge_records"] == [] and not batches[NEW_DAY]["raw_purged"]


def test_a_segment_ticket_traces_only_its_segments_events(traced):
    helped = ticket_lineage(traced, "RB-C1-help")
    assert helped["ticket"]["segment"] == "should_help"
    assert [e["event_id"] for e in helped["events"]] == ["e1", "e2"]  # e4 is C2's
    assert sorted(f["source_file"] for f in helped["files"]) == [
        "events/2026-02-01/a.jsonl",
        "events/2026-02-01/b.csv",
    ]
    refused = ticket_lineage(traced, "RB-C1-refuse")  # last rendered on OLD_DAY
    assert [e["event_id"] for e in refused["events"]] == ["e2"]
    assert [b["batch_day"] for b in refused["batches"]] == [OLD_DAY]


def test_a_warehouse_without_the_lineage_mart_says_how_to_get_it(tmp_path: Path):
    conn = _build_warehouse(tmp_path / "bare.duckdb")
    with pytest.raises(LookupError, match="run the pipeline"):
        ticket_lineage(conn, "RB-C1")
    conn.close()


def test_unknown_ticket_is_an_error(traced):
    with pytest.raises(LookupError, match="RB-nope"):
        ticket_lineage(traced, "RB-nope")


def test_inventory_model_is_generated_from_inventory():
    assert INVENTORY_MODEL.read_text(encoding="utf-8") == inventory_model_sql(), (
        "regenerate: python -m pipeline.lineage dbt-model"
    )


def test_inventory_markdown_lists_every_table_with_its_window():
    table = inventory_markdown(RetentionConfig(raw_days=14))
    rows = table.splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == [e.table for e in INVENTORY]
    assert "| `raw.refusal_events` | verbatim text, user id | 14 days |" in table
    assert [r["table_name"] for r in inventory_rows()] == [e.table for e in INVENTORY]


def test_a_real_ticket_traces_to_its_landed_files(pipeline_run):
    with pipeline_run.connect() as conn:
        ticket_id = conn.execute("select min(ticket_id) from tracker.tickets").fetchone()[0]
        lineage = ticket_lineage(conn, ticket_id)
    assert lineage["events"] and lineage["files"]
    for file in lineage["files"]:
        landed = Path(file["source_file"])
        assert landed.is_relative_to(pipeline_run.paths.landing)
        assert file["content_sha256"] == hashlib.sha256(landed.read_bytes()).hexdigest()
    assert all(e["source_file"] and not e["raw_purged"] for e in lineage["events"])
