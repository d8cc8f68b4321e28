"""Compliance outputs of the session pipeline run: lineage mart, inventory, README, exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from pipeline.catalog import INVENTORY
from pipeline.config import REPO_ROOT
from pipeline.exports import ROLE_SCHEMAS, export_role
from pipeline.lineage import README_MARKERS, inventory_markdown, inventory_rows, ticket_lineage
from pipeline.warehouse import existing_tables

LINEAGE_COLUMNS = (
    "event_id",
    "batch_day",
    "source_file",
    "content_sha256",
    "raw_retention_deadline",
    "raw_purged",
)


def test_lineage_mart_agrees_with_the_authoritative_trace(pipeline_run):
    with pipeline_run.connect() as conn:
        mart = conn.execute(
            f"select ticket_id, {', '.join(LINEAGE_COLUMNS)} from compliance.ticket_lineage"
        ).fetchall()
        tickets = {t for (t,) in conn.execute("select ticket_id from tracker.tickets").fetchall()}
        assert mart and {row[0] for row in mart} <= tickets
        for ticket_id in {row[0] for row in mart}:
            traced = {
                tuple(e[c] for c in LINEAGE_COLUMNS)
                for e in ticket_lineage(conn, ticket_id)["events"]
            }
            assert traced == {row[1:] for row in mart if row[0] == ticket_id}, ticket_id


def test_data_inventory_mart_is_the_inventory(pipeline_run):
    static = list(inventory_rows()[0])
    with pipeline_run.connect() as conn:
        cursor = conn.execute(
            f"select {', '.join(static)} from compliance.data_inventory order by table_name"
        )
        rows = [dict(zip(static, row, strict=True)) for row in cursor.fetchall()]
        counts = dict(
            conn.execute("select table_name, row_count from compliance.data_inventory").fetchall()
        )
        purged = conn.execute("select sum(rows_purged) from compliance.data_inventory").fetchone()
        events = conn.execute("select count(*) from raw.refusal_events").fetchone()[0]
    assert rows == sorted(inventory_rows(), key=lambda r: r["table_name"])
    assert counts["raw.refusal_events"] == events > 0
    assert counts["compliance.data_inventory"] == len(INVENTORY)
    assert purged == (0,)  # the sample run is younger than any window


def test_every_table_the_pipeline_writes_is_inventoried(pipeline_run):
    with pipeline_run.connect() as conn:
        tables = existing_tables(conn)
    assert tables == {entry.table for entry in INVENTORY}, (
        "add the table to pipeline/catalog.py INVENTORY, then run "
        "`python -m pipeline.lineage dbt-model` and `python -m pipeline.lineage inventory`"
    )


def test_readme_shows_the_inventory():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start, end = README_MARKERS
    assert start in readme and end in readme
    shown = readme.split(start, 1)[1].split(end, 1)[0]
    assert shown.strip("\n") == inventory_markdown().strip("\n"), (
        "paste the output of `python -m pipeline.lineage inventory` into README.md"
    )


def test_exports_of_a_real_run_hold_no_verbatim_data(pipeline_run, tmp_path: Path):
    """On a copy, so the session warehouse keeps no export views."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(pipeline_run.paths.db, copy)
    conn = duckdb.connect(str(copy))
    try:
        verbatim = {
            value
            for row in conn.execute(
                """select r.user_id, r.session_id,
                          case when r.request_text <> m.request_text then r.request_text end
                   from raw.refusal_events r join analytics.minimized_refusal_events m
                   using (event_id)"""
            ).fetchall()
            for value in row
            if value
        } | {
            line
            for (line,) in conn.execute("select raw_line from raw.quarantined_lines").fetchall()
        }
        files = [p for role in ROLE_SCHEMAS for p in export_role(conn, role, tmp_path / "out")]
    finally:
        conn.close()
    assert len(files) == 11  # every view of every role: the marts exist in a full run
    exported = "\n".join(p.read_text(encoding="utf-8") for p in files)
    assert "RB-" in exported  # tickets were exported
    assert [v for v in verbatim if v in exported] == []
