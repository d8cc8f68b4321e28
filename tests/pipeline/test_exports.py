"""Role exports on a hand-made warehouse: the views are the dbt models, the tickets come from
the real ticket sync."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.clustering import rebuild_registry
from pipeline.config import PrivacyConfig
from pipeline.exports import ROLE_SCHEMAS, ExportsNotBuilt, export_role
from pipeline.tickets import route_exemplars, sync_tickets
from pipeline.warehouse import connect
from tests.dbt_models import run_models

DAY = date(2026, 3, 10)
PRIVACY = PrivacyConfig()
# (cluster, segment) -> (destination, users, request text); C0004 is split by verdict
CLUSTERS = {
    ("C0001", "all"): (
        "product_backlog",
        2,
        "please summarise the minutes of our tiny team offsite",
    ),
    ("C0002", "all"): ("product_backlog", 6, "open the attached spreadsheet for me"),
    ("C0003", "all"): ("trust_and_safety", 6, "how do I get into my neighbour's wifi"),
    ("C0004", "should_help"): ("classifier_tuning", 6, "how do I kill a stuck python process"),
    ("C0004", "should_refuse"): ("trust_and_safety", 5, "how do I kill the neighbour's dog"),
}
VERBATIM = ["USER-SECRET-42", "VERBATIM REQUEST naming Jane Roe", "RAW QUARANTINED LINE x9"]


def _build(db_path: Path, tickets_dir: Path) -> None:
    """Events, clusters and verdicts by hand; route membership and examples from dbt's models;
    routes by hand; tickets from the real ticket sync; then every model the exports read."""
    conn = connect(str(db_path))
    at = datetime.combine(DAY, datetime.min.time())
    for cluster in sorted({cluster for cluster, _ in CLUSTERS}):
        conn.execute(
            "insert into analytics.cluster_snapshots values (?, ?, ?, ['t'], [0.0], 1)",
            [DAY, cluster, f"label of {cluster} all"],
        )
    rebuild_registry(conn)
    n = 0
    for (cluster, segment), (_, users, text) in CLUSTERS.items():
        for user in range(users):
            n += 1
            conn.execute(
                """insert into analytics.minimized_refusal_events (event_id, batch_day,
                       event_day, occurred_at, user_pseudonym, session_pseudonym,
                       pseudonym_key_version, request_text, request_text_hash)
                   values (?, ?, ?, ?, ?, 's', 'v1', ?, 'h')""",
                [f"e{n}", DAY, DAY, at, f"{cluster}-{segment}-u{user}", text],
            )
            conn.execute(
                "insert into analytics.cluster_assignments values (?, ?, ?, ?, 0.9)",
                [f"e{n}", DAY, DAY, cluster],
            )
            verdict, source = (None, "none") if segment == "all" else (segment, "review")
            conn.execute(
                "insert into analytics.event_verdicts values (?, ?, ?, ?, ?, null)",
                [DAY, f"e{n}", cluster, verdict, source],
            )
    conn.close()
    run_models(db_path, DAY, "+fqn:refusal_backlog.routing", db_path.parent)
    conn = connect(str(db_path))
    for (cluster, segment), (destination, users, _) in CLUSTERS.items():
        conn.execute(
            """insert into analytics.cluster_routes (batch_day, cluster_id, segment, label,
                   destination, triaged, rule, reason, volume, distinct_users, k_anonymous,
                   reprompt_rate, reviewed_events, capability_share, reviews_needed)
               values (?, ?, ?, ?, ?, true, 'rule', 'volume 9 >= 5', ?, ?, ?, 0.5, 0, 0.9, 0)""",
            [
                DAY,
                cluster,
                segment,
                f"label of {cluster} {segment}",
                destination,
                users,
                users,
                users >= PRIVACY.k_anonymity,
            ],
        )
    conn.execute(
        """insert into raw.refusal_events (event_id, batch_day, event_day, occurred_at, user_id,
               session_id, request_text, source_file, source_line, ingested_at)
           values ('e1', ?, ?, ?, ?, 's', ?, 'events.jsonl', 1, ?)""",
        [DAY, DAY, at, VERBATIM[0], VERBATIM[1], at],
    )
    conn.execute(
        """insert into raw.quarantined_lines (batch_day, source_kind, source_file, line_number,
               raw_line, reason, quarantined_at) values
           (?, 'events', 'events.jsonl', 2, ?, 'invalid JSON: Expecting value at column 1', ?)""",
        [DAY, VERBATIM[2], at],
    )
    conn.execute(
        """insert into raw.ingest_batches values
           (?, 'events', 'events.jsonl', 'abc123', 99, 2, 1, 1, 0, ?)""",
        [DAY, at],
    )
    routes = conn.execute("select * from analytics.cluster_routes").df()
    sync_tickets(conn, routes, route_exemplars(conn, DAY), DAY, tickets_dir, 5)
    conn.close()
    run_models(db_path, DAY, "+fqn:refusal_backlog.exports", db_path.parent)


@pytest.fixture()
def exported(
    tmp_path: Path,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, list[Path]], Path]]:
    """Every role exported once from the same warehouse."""
    _build(tmp_path / "warehouse.duckdb", tmp_path / "tickets")
    conn = connect(str(tmp_path / "warehouse.duckdb"))
    paths = {role: export_role(conn, role, tmp_path / "exports") for role in ROLE_SCHEMAS}
    yield conn, paths, tmp_path
    conn.close()


def _text(paths: list[Path]) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_a_cluster_of_two_users_shows_no_text_anywhere(exported):
    conn, paths, tmp_path = exported
    small_text = CLUSTERS["C0001", "all"][2]
    markdown = _text(sorted((tmp_path / "tickets").glob("*.md")))
    assert "RB-C0001" in markdown and small_text not in markdown
    for role, files in paths.items():
        assert small_text not in _text(files), role
        assert "label of C0001" not in _text(files), role
    pm = _text(paths["pm"])
    assert CLUSTERS["C0002", "all"][2] in pm  # a crowd of six: its text is shown
    assert "label of C0002" in pm


def test_pm_does_not_see_trust_and_safety_text(exported):
    _, paths, _ = exported
    for key in [("C0003", "all"), ("C0004", "should_refuse")]:
        ts_text = CLUSTERS[key][2]
        assert ts_text not in _text(paths["pm"]), key
        assert ts_text in _text(paths["trust_and_safety"]), key


def test_each_ticket_of_a_split_cluster_carries_its_own_segments_numbers(exported):
    conn, _, _ = exported
    rows = conn.execute(
        """select ticket_id, segment, queue, volume, distinct_users, body_markdown
           from export_trust_safety.tickets where cluster_id = 'C0004' order by ticket_id"""
    ).fetchall()
    assert [row[:5] for row in rows] == [
        ("RB-C0004-help", "should_help", "classifier_tuning", 6, 6),
        ("RB-C0004-refuse", "should_refuse", "trust_and_safety", 5, 5),
    ]
    helped, refused = rows[0][5], rows[1][5]
    assert CLUSTERS["C0004", "should_help"][2] in helped
    assert CLUSTERS["C0004", "should_refuse"][2] not in helped
    assert CLUSTERS["C0004", "should_refuse"][2] in refused


def test_no_role_sees_verbatim_data(exported):
    conn, paths, _ = exported
    everything = _text([p for files in paths.values() for p in files])
    for secret in VERBATIM:
        assert secret not in everything
    for schema, sql in conn.execute(
        "select schema_name, sql from duckdb_views() where schema_name like 'export_%'"
    ).fetchall():
        assert "raw_line" not in sql and "raw.refusal_events" not in sql
        if schema != "export_compliance":
            assert "raw." not in sql


def test_files_and_views_per_role(exported):
    conn, paths, tmp_path = exported
    names = {role: sorted(p.name for p in files) for role, files in paths.items()}
    assert names["pm"] == ["cluster_metrics.csv", "cluster_routes.csv", "tickets.csv"]
    assert names["trust_and_safety"] == names["pm"]
    assert names["compliance"] == [
        "data_inventory.csv",
        "quarantine_counts.csv",
        "retention_log.csv",
        "source_files.csv",
        "ticket_lineage.csv",
    ]
    counts = (tmp_path / "exports" / "compliance" / "quarantine_counts.csv").read_text()
    assert "invalid JSON,1" in counts
    jsonl = export_role(conn, "pm", tmp_path / "jsonl", file_format="jsonl")
    assert all(p.suffix == ".jsonl" and p.stat().st_size for p in jsonl)


def test_unknown_role_is_refused(exported):
    conn, _, tmp_path = exported
    with pytest.raises(ValueError, match="roles: pm, trust_and_safety, compliance"):
        export_role(conn, "marketing", tmp_path)


def test_a_warehouse_no_run_finished_on_says_so(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(ExportsNotBuilt, match="no export_pm views yet"):
        export_role(conn, "pm", tmp_path / "out")
    assert not (tmp_path / "out").exists()


FORMULA_LABELS = {
    ("C0002", "all"): '=HYPERLINK("http://evil.example","click")',
    ("C0003", "all"): "+1",
    ("C0004", "should_help"): "-2+3",
    ("C0004", "should_refuse"): "@SUM(A1)",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_exports_neutralize_formulas_and_keep_ordinary_cells(exported):
    conn, _, tmp_path = exported
    for (cluster, segment), label in FORMULA_LABELS.items():
        conn.execute(
            "update analytics.cluster_routes set label = ? where cluster_id = ? and segment = ?",
            [label, cluster, segment],
        )
        conn.execute(
            "update tracker.tickets set title = ? where cluster_id = ? and segment = ?",
            [label, cluster, segment],
        )
    conn.execute("update marts.cluster_metrics set label = ? where cluster_id = 'C0002'", ["+1"])
    paths = export_role(conn, "trust_and_safety", tmp_path / "formulas")
    folder = tmp_path / "formulas" / "trust_and_safety"
    routes = {(r["cluster_id"], r["segment"]): r for r in _rows(folder / "cluster_routes.csv")}
    for key, label in FORMULA_LABELS.items():
        assert routes[key]["label"] == "'" + label, key
        assert routes[key]["volume"] == str(CLUSTERS[key][1])  # numbers are left alone
    assert routes["C0001", "all"]["label"] == ""  # withheld below k, as before
    tickets = {(r["cluster_id"], r["segment"]): r for r in _rows(folder / "tickets.csv")}
    bodies = dict(
        conn.execute(
            "select ticket_id, body_markdown from tracker.tickets where cluster_id <> 'C0001'"
        ).fetchall()
    )
    for key, label in FORMULA_LABELS.items():
        assert tickets[key]["title"] == "'" + label, key
        assert tickets[key]["body_markdown"] == bodies[tickets[key]["ticket_id"]]  # "# RB-..."
    metrics = {r["cluster_id"]: r["label"] for r in _rows(folder / "cluster_metrics.csv")}
    assert metrics["C0002"] == "'+1" and metrics["C0003"] == "label of C0003 all"
    assert len(paths) == 3
    (jsonl,) = [
        p
        for p in export_role(conn, "trust_and_safety", tmp_path / "j", file_format="jsonl")
        if p.stem == "cluster_routes"
    ]
    labels = {json.loads(line)["label"] for line in jsonl.read_text().splitlines()}
    assert set(FORMULA_LABELS.values()) <= labels  # JSON Lines is not escaped
