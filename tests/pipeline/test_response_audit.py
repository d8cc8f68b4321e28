"""Reading each logged refusal's response: counts, idempotent days, events without one."""

from datetime import date, datetime

import pytest

from pipeline.detection import RefusalDetector
from pipeline.response_audit import TABLE, day_audit, detect_logged_responses
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)
REFUSAL = "I'm sorry, but I can't help with that request."
ANSWER = (
    "Sure. Preheat the oven to 180 C, cream the butter and sugar, fold in the flour and bake "
    "the cake for 35 minutes until a skewer comes out clean."
)


@pytest.fixture()
def conn(tmp_path):
    connection = connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def add_event(conn, event_id: str, response: str | None, day: date = DAY) -> None:
    conn.execute(
        """insert into analytics.minimized_refusal_events (event_id, batch_day, event_day,
               occurred_at, user_pseudonym, session_pseudonym, pseudonym_key_version,
               request_text, request_text_hash, response_text)
           values (?, ?, ?, ?, 'u', 's', 'v1', 'a request', 'h', ?)""",
        [event_id, day, day, datetime(2026, 11, 18, 9), response],
    )


def test_logged_responses_are_counted_by_what_they_read_as(conn):
    for n in range(3):
        add_event(conn, f"r{n}", REFUSAL)
    add_event(conn, "answered", ANSWER)
    add_event(conn, "silent", None)
    add_event(conn, "blank", "   ")
    add_event(conn, "other_day", REFUSAL, day=date(2026, 11, 19))

    audit = detect_logged_responses(conn, DAY, RefusalDetector.load())

    assert (audit.events, audit.without_response, audit.read) == (6, 2, 4)
    assert (audit.full_refusals + audit.partial_refusals, audit.read_as_compliance) == (3, 1)
    assert audit.compliance_examples == ("answered",)
    assert audit.compliance_share == pytest.approx(0.25)
    rows = conn.execute(f"select event_id, detected_refusal from {TABLE} order by 1").fetchall()
    assert [event for event, _ in rows] == ["answered", "r0", "r1", "r2"]


def test_rerunning_a_day_replaces_its_detections(conn):
    add_event(conn, "r0", REFUSAL)
    detector = RefusalDetector.load()
    detect_logged_responses(conn, DAY, detector)
    conn.execute("update analytics.minimized_refusal_events set response_text = ?", [ANSWER])

    audit = detect_logged_responses(conn, DAY, detector)

    assert conn.execute(f"select count(*) from {TABLE}").fetchone() == (1,)
    assert audit.read_as_compliance == 1


def test_a_day_with_nothing_logged_is_empty_not_an_error(conn):
    audit = day_audit(conn, DAY)
    assert (audit.events, audit.read, audit.compliance_share) == (0, 0, 0.0)
