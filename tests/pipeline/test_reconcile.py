"""The reconciliations behind the stage checks find what they are for, and nothing on clean data."""

from datetime import date, datetime

import duckdb
import pytest

from pipeline import reconcile
from pipeline.clustering import rebuild_registry
from pipeline.warehouse import connect

DAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9)


@pytest.fixture()
def conn(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    for event_id in ("e1", "e2"):
        conn.execute(
            """insert into raw.refusal_events (event_id, batch_day, event_day, occurred_at,
                   user_id, session_id, request_text, source_file, source_line, ingested_at)
               values (?, ?, ?, ?, 'u', 's', 'text', 'events/a.jsonl', 1, ?)""",
            [event_id, DAY, DAY, AT, AT],
        )
        conn.execute(
            """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
                   occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
                   request_text, request_text_hash, user_segment)
               values (?, ?, ?, ?, 'p', 'sp', 'v1', 'text', 'h', 'fr')""",
            [event_id, DAY, DAY, AT],
        )
    conn.execute(
        "insert into raw.ingest_batches values (?, 'events', 'events/a.jsonl', 'sha', 10, 2, 2,"
        " 0, 0, ?)",
        [DAY, AT],
    )
    yield conn
    conn.close()


def test_a_file_without_its_batch_row_is_found(conn):
    assert reconcile.events_from_unrecorded_files(conn, DAY) == []
    conn.execute(
        "update raw.refusal_events set source_file = 'events/b.jsonl' where event_id = 'e2'"
    )
    assert reconcile.events_from_unrecorded_files(conn, DAY) == ["events/b.jsonl"]


def test_traffic_below_its_refusals_is_found(conn):
    conn.execute(
        "insert into analytics.traffic values (?, ?, 'fr', 5, null, 't.csv', 2)", [DAY, DAY]
    )
    assert reconcile.segments_short_of_refusals(conn, DAY) == []
    conn.execute("update analytics.traffic set requests = 1")
    assert reconcile.segments_short_of_refusals(conn, DAY) == ["fr"]


def test_sample_defects_are_counted(conn):
    conn.execute(
        "insert into analytics.review_sample values (?, 'e1', null, 's', 0.5, 2.0, 1.0, 't', ?)",
        [DAY, AT],
    )
    assert not any(reconcile.sample_defects(conn, DAY).values())
    conn.execute(
        "insert into analytics.review_sample values (?, 'e9', null, 's', 1.5, 1.0, 1.0, 't', ?)",
        [DAY, AT],
    )
    defects = reconcile.sample_defects(conn, DAY)
    assert defects["probability_outside_0_1"] == 1
    assert defects["weight_not_inverse_probability"] == 1
    assert defects["event_not_minimized"] == 1


def test_label_lines_neither_stored_nor_quarantined_are_found(conn):
    conn.execute(
        "insert into raw.ingest_batches values (?, 'reviews', 'reviews/a.csv', 'sha', 10, 2, 1,"
        " 0, 0, ?)",
        [DAY, AT],
    )
    gaps = reconcile.unaccounted_label_lines(conn, DAY)
    assert gaps == {"lines_unaccounted": 1, "loaded_minus_stored": 1}
    conn.execute(
        "insert into analytics.review_labels values (?, 'e1', 'r', 'should_help', null, ?, null)",
        [DAY, AT],
    )
    assert reconcile.unaccounted_label_lines(conn, DAY)["loaded_minus_stored"] == 0


def test_events_without_a_source_row_are_counted(conn):
    assert reconcile.events_without_source(conn) == 2
    conn.execute(
        "insert into audit.event_sources select event_id, batch_day, occurred_at, source_file, "
        "source_line, ?, null from raw.refusal_events",
        [AT],
    )
    assert reconcile.events_without_source(conn) == 0


def test_clusters_without_snapshots_and_a_drifted_registry_are_found(conn):
    conn.execute(
        "insert into analytics.cluster_assignments values ('e1', ?, ?, 'C1', 0.9)", [DAY, DAY]
    )
    assert reconcile.clusters_without_snapshot(conn, DAY) == ["C1"]
    conn.execute(
        "insert into analytics.cluster_snapshots values (?, 'C1', 'files', ['f'], [1.0], 1)", [DAY]
    )
    rebuild_registry(conn)
    assert reconcile.clusters_without_snapshot(conn, DAY) == []
    assert reconcile.registry_drift(conn) == []
    conn.execute("update analytics.cluster_registry set first_seen_day = first_seen_day - 1")
    assert reconcile.registry_drift(conn) == ["C1"]


def test_tickets_whose_route_is_missing_are_found(conn):
    conn.execute(
        """insert into tracker.tickets (ticket_id, cluster_id, segment, queue, title, status,
               body_markdown, evidence_sha256, revision, created_day, updated_day, markdown_path)
           values ('RB-C1', 'C1', 'all', 'product_backlog', 't', 'open', 'b', 'sha', 1, ?, ?,
               'RB-C1.md')""",
        [DAY, DAY],
    )
    assert reconcile.tickets_without_route(conn) == ["RB-C1"]


def test_events_a_stage_did_not_carry_on_are_counted_for_the_day():
    conn = duckdb.connect()
    conn.execute("create table a (event_id varchar, batch_day date)")
    conn.execute("create table b (event_id varchar)")
    conn.execute(
        "insert into a values ('e1', '2026-11-20'), ('e2', '2026-11-20'), ('e3', '2026-11-21')"
    )
    conn.execute("insert into b values ('e1')")
    assert reconcile.events_not_carried_on(conn, date(2026, 11, 20), "a", "b") == 1
    assert reconcile.events_not_carried_on(conn, date(2026, 11, 21), "a", "b") == 1
    conn.execute("insert into b values ('e2'), ('e3')")
    assert reconcile.events_not_carried_on(conn, date(2026, 11, 20), "a", "b") == 0
