from datetime import date

import duckdb
import pytest

from pipeline.warehouse import connect

DAY = date(2026, 11, 18)
BEFORE_SEGMENTS = """
create schema analytics;
create schema tracker;
create table analytics.cluster_routes (
    batch_day date not null, cluster_id varchar not null, label varchar not null,
    destination varchar not null, triaged boolean not null, rule varchar not null,
    reason varchar not null, volume integer not null, distinct_users integer not null,
    reprompt_rate double not null, false_refusal_rate double, false_refusal_rate_low double,
    false_refusal_rate_high double, reviewed_events integer not null,
    capability_share double not null, reviews_needed integer not null
);
create table tracker.tickets (
    ticket_id varchar primary key, cluster_id varchar not null unique, queue varchar not null,
    title varchar not null, status varchar not null, body_markdown varchar not null,
    evidence_sha256 varchar not null, revision integer not null, created_day date not null,
    updated_day date not null, markdown_path varchar not null
);
insert into analytics.cluster_routes values
    ('2026-11-18', 'C0001', 'python', 'needs_review', true, 'reviewers_split', 'why', 9, 7, 0.5,
     0.5, 0.2, 0.8, 4, 0.0, 6);
insert into tracker.tickets values
    ('RB-C0001', 'C0001', 'classifier_tuning', 'python', 'open', 'body', 'sha', 3, '2026-11-16',
     '2026-11-17', 'RB-C0001.md');
"""


@pytest.fixture
def old_warehouse(tmp_path):
    path = str(tmp_path / "old.duckdb")
    with duckdb.connect(path) as conn:
        conn.execute(BEFORE_SEGMENTS)
    return path


def test_a_warehouse_from_before_segments_keeps_its_rows_as_whole_cluster_ones(old_warehouse):
    conn = connect(old_warehouse)
    assert conn.execute("select cluster_id, segment from analytics.cluster_routes").fetchall() == [
        ("C0001", "all")
    ]
    assert conn.execute(
        "select ticket_id, segment, revision, created_day from tracker.tickets"
    ).fetchall() == [("RB-C0001", "all", 3, DAY.replace(day=16))]
    conn.execute(
        """insert into tracker.tickets by name select 'RB-C0001-help' as ticket_id,
               'C0001' as cluster_id, 'should_help' as segment, 'classifier_tuning' as queue,
               't' as title, 'open' as status, 'b' as body_markdown, 's' as evidence_sha256,
               1 as revision, ?::date as created_day, ?::date as updated_day,
               'p' as markdown_path""",
        [DAY, DAY],
    )
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(
            "insert into tracker.tickets by name select 'RB-X' as ticket_id, cluster_id, segment,"
            " queue, title, status, body_markdown, evidence_sha256, revision, created_day,"
            " updated_day, markdown_path"
            " from tracker.tickets where ticket_id = 'RB-C0001'"
        )
    assert conn.execute("select count(*) from tracker.backlog").fetchone() == (2,)
    conn.close()


def test_upgrading_twice_changes_nothing(old_warehouse):
    connect(old_warehouse).close()
    conn = connect(old_warehouse)
    assert conn.execute("select count(*) from tracker.tickets").fetchone() == (1,)
    assert conn.execute(
        "select count(*) from information_schema.tables where table_name like 'tickets%'"
    ).fetchone() == (1,)
    with pytest.raises(duckdb.ConstraintException):
        conn.execute(
            "insert into analytics.cluster_routes (batch_day, cluster_id, label, destination, "
            "triaged, rule, reason, volume, distinct_users, reprompt_rate, reviewed_events, "
            "capability_share, reviews_needed) "
            "values ('2026-11-19', 'C0002', 'l', 'monitor', false, 'r', 'r', 1, 1, 0, 0, 0, 0)"
        )
    conn.close()
