"""Read every logged refusal's response: does it read as a refusal at all?

A refusal log says a request was refused; its response text says what the user got. A logged
refusal whose response reads as an answer is either a logging fault (the flag set on answered
requests) or a detector miss, and either way the day's refusal counts should not be trusted
blindly: the daily run counts them and flags them as a data-quality finding. The calibration
mart shows full and partial refusals apart from the same table.

Detection reads the minimized (redacted) response, so no raw text is analysed, and each distinct
response is read once: product refusals repeat a few templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from pipeline.detection import COMPLIANCE, FULL_REFUSAL, PARTIAL_REFUSAL, RefusalDetector
from pipeline.warehouse import replace_partition

TABLE = "analytics.response_detections"
COLUMNS = ["batch_day", "event_id", "detected_refusal", "refusal_score"]

DAY_RESPONSES_SQL = """
select event_id, response_text
from analytics.minimized_refusal_events
where batch_day = ? and response_text is not null and trim(response_text) <> ''
order by event_id
"""


@dataclass(frozen=True)
class ResponseAudit:
    """What the day's logged responses read as; events without a response are not read."""

    events: int
    without_response: int
    full_refusals: int
    partial_refusals: int
    read_as_compliance: int
    # a few event ids of logged refusals that read as answers, for whoever checks the log
    compliance_examples: tuple[str, ...]

    @property
    def read(self) -> int:
        return self.full_refusals + self.partial_refusals + self.read_as_compliance

    @property
    def compliance_share(self) -> float:
        return self.read_as_compliance / self.read if self.read else 0.0


def detect_logged_responses(
    conn: duckdb.DuckDBPyConnection, day: date, detector: RefusalDetector
) -> ResponseAudit:
    """Detect the day's logged responses into analytics.response_detections (replacing the
    day's rows, so a re-run is idempotent) and count what they read as."""
    responses = conn.execute(DAY_RESPONSES_SQL, [day]).df()
    distinct = responses["response_text"].drop_duplicates().tolist()
    detections = dict(zip(distinct, detector.detect(distinct), strict=True))
    frame = pd.DataFrame(
        {
            "batch_day": day,
            "event_id": responses["event_id"],
            "detected_refusal": [detections[t].label for t in responses["response_text"]],
            "refusal_score": [detections[t].refusal_score for t in responses["response_text"]],
        },
        columns=COLUMNS,
    )
    replace_partition(conn, TABLE, day, frame)
    return day_audit(conn, day)


def day_audit(conn: duckdb.DuckDBPyConnection, day: date, examples: int = 10) -> ResponseAudit:
    """The day's counts from analytics.response_detections; the examples are the logged
    refusals that read most surely as answers."""
    events = conn.execute(
        "select count(*) from analytics.minimized_refusal_events where batch_day = ?", [day]
    ).fetchone()[0]
    counts = dict(
        conn.execute(
            f"select detected_refusal, count(*) from {TABLE} where batch_day = ? group by 1",
            [day],
        ).fetchall()
    )
    compliance_examples = conn.execute(
        f"select event_id from {TABLE} where batch_day = ? and detected_refusal = ? "
        "order by refusal_score, event_id limit ?",
        [day, COMPLIANCE, examples],
    ).fetchall()
    return ResponseAudit(
        events=int(events),
        without_response=int(events) - sum(counts.values()),
        full_refusals=counts.get(FULL_REFUSAL, 0),
        partial_refusals=counts.get(PARTIAL_REFUSAL, 0),
        read_as_compliance=counts.get(COMPLIANCE, 0),
        compliance_examples=tuple(event_id for (event_id,) in compliance_examples),
    )
