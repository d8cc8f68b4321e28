"""The whole graph on generated logs with the real model: the outcomes users rely on."""

from collections import Counter
from pathlib import Path

import duckdb

from assets.cli import run_days
from pipeline.config import load_config
from pipeline.exports import ROLE_SCHEMAS, export_role
from pipeline.warehouse import connect

COUNTED_TABLES = [
    "raw.refusal_events",
    "raw.quarantined_lines",
    "raw.ingest_batches",
    "analytics.minimized_refusal_events",
    "analytics.request_embeddings",
    "analytics.review_labels",
    "analytics.cluster_assignments",
    "analytics.cluster_registry",
    "analytics.cluster_routes",
    "analytics.event_verdicts",
    "analytics.verdict_models",
    "marts.cluster_metrics",
    "marts.fct_event_clusters",
    "tracker.tickets",
    "audit.retention_log",
]


def dominant_route(conn: duckdb.DuckDBPyConnection, event_ids: list[str], day) -> str:
    """Where the cluster holding most of an intent's events was routed on `day`."""
    clusters = Counter(
        cluster
        for (cluster,) in conn.execute(
            "select cluster_id from analytics.cluster_assignments "
            "where cluster_id is not null and event_id = any(?)",
            [event_ids],
        ).fetchall()
    )
    cluster_id = clusters.most_common(1)[0][0]
    return conn.execute(
        "select destination from analytics.cluster_routes where batch_day = ? and cluster_id = ?",
        [day, cluster_id],
    ).fetchall()[0][0]


def routes_by_intent_type(run) -> dict[str, set[str]]:
    events_by_intent: dict[str, list[str]] = {}
    for event_id, intent in run.manifest.intent_of_event.items():
        events_by_intent.setdefault(intent, []).append(event_id)
    with run.connect() as conn:
        routes: dict[str, set[str]] = {}
        for intent, event_ids in events_by_intent.items():
            kind = run.manifest.intent_type[intent]
            routes.setdefault(kind, set()).add(dominant_route(conn, event_ids, run.days[-1]))
    return routes


def test_planted_intents_reach_the_team_that_can_act(pipeline_run):
    routes = routes_by_intent_type(pipeline_run)
    assert "classifier_tuning" in routes["over_refusal"]
    assert "product_backlog" in routes["capability_gap"]
    assert "trust_and_safety" not in routes["over_refusal"]
    assert "classifier_tuning" not in routes["policy"]


def test_every_window_event_gets_a_verdict_and_reviewed_ones_keep_theirs(pipeline_run):
    day = pipeline_run.days[-1]
    with pipeline_run.connect() as conn:
        sources = dict(
            conn.execute(
                "select verdict_source, count(*) from analytics.event_verdicts "
                "where batch_day = ? group by 1",
                [day],
            ).fetchall()
        )
        (window_events,) = conn.execute(
            "select count(*) from analytics.minimized_refusal_events "
            "where event_day between ? - to_days(? - 1) and ?",
            [day, load_config(pipeline_run.paths.config_file).clustering.window_days, day],
        ).fetchone()
        models = conn.execute(
            "select count(*) from analytics.verdict_models where batch_day = ?", [day]
        ).fetchone()
    assert sum(sources.values()) == window_events > 0
    assert sources.get("review", 0) > 0
    assert models == (1,)


def test_every_logged_response_is_read_and_calibration_counts_it(pipeline_run):
    with pipeline_run.connect() as conn:
        unread = conn.execute(
            """select count(*) from analytics.minimized_refusal_events e
               anti join analytics.response_detections d using (event_id)
               where trim(coalesce(e.response_text, '')) <> ''"""
        ).fetchone()
        detected, full_or_partial = conn.execute(
            "select count(*), count(*) filter (where detected_refusal <> 'compliance') "
            "from analytics.response_detections"
        ).fetchone()
        (counted,) = conn.execute(
            "select sum(full_refusals + partial_refusals + read_as_compliance) "
            "from marts.refusal_calibration where grain = 'day'"
        ).fetchone()
    assert unread == (0,)
    assert counted == detected > 0
    # the generated log's responses are refusals: most must read as such, enough that the
    # data-quality warning stays quiet (detection.compliance_share_warn)
    assert full_or_partial / detected > 0.75


def test_every_check_of_every_stage_passes_on_realistic_logs(pipeline_run):
    assert pipeline_run.summary.failed_checks == []


def test_nothing_is_lost_at_ingest(pipeline_run):
    manifest, summary = pipeline_run.manifest, pipeline_run.summary
    assert summary.quarantined == manifest.malformed_lines
    assert summary.duplicates == manifest.duplicate_deliveries
    assert summary.read == manifest.lines_written
    assert summary.loaded == manifest.events_written
    with pipeline_run.connect() as conn:
        late = conn.execute(
            "select count(*) from raw.refusal_events where event_id = any(?) "
            "and batch_day > event_day",
            [manifest.late_event_ids],
        ).fetchall()[0][0]
    assert late == len(manifest.late_event_ids) > 0


def text_columns(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return conn.execute(
        """select table_schema, table_name, column_name from information_schema.columns
           where (data_type like 'VARCHAR%' or data_type in ('JSON', 'STRUCT') or data_type
                  like '%[]') and table_schema <> 'raw'"""
    ).fetchall()


def planted_hits(conn, table: str, column: str, planted: list[str]) -> int:
    return conn.execute(
        f"select count(*) from {table}, unnest(?::varchar[]) as p(literal) "
        f'where contains(cast("{column}" as varchar), literal)',
        [planted],
    ).fetchall()[0][0]


def test_no_planted_pii_outside_raw(pipeline_run):
    planted = sorted(set(pipeline_run.manifest.planted_pii))
    assert planted
    with pipeline_run.connect() as conn:
        leaks = [
            f"{schema}.{table}.{column}"
            for schema, table, column in text_columns(conn)
            if planted_hits(conn, f'"{schema}"."{table}"', column, planted)
        ]
        raw_hits = planted_hits(conn, "raw.refusal_events", "request_text", planted)
    outputs = Path(pipeline_run.paths.outputs)
    conn = connect(str(pipeline_run.paths.db))
    try:
        for role in ROLE_SCHEMAS:
            export_role(conn, role, outputs / "exports")
    finally:
        conn.close()
    written = {".md", ".csv", ".jsonl", ".json", ".log"}
    files = [p for p in outputs.rglob("*") if p.suffix in written]
    kinds = {p.relative_to(outputs).parts[0] for p in files}
    assert {"tickets", "reports", "review_samples", "exports", "logs"} <= kinds
    for path in files:
        text = path.read_text()
        leaks += [f"{path.name}: {literal}" for literal in planted if literal in text]
    assert raw_hits > 0, "the planted PII must be in raw, or this test proves nothing"
    assert leaks == []


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: conn.execute(f"select count(*) from {t}").fetchall()[0][0] for t in COUNTED_TABLES}


def test_rerunning_a_day_changes_nothing(pipeline_run):
    with pipeline_run.connect() as conn:
        before = table_counts(conn)
        tickets_before = conn.execute(
            "select ticket_id, revision, evidence_sha256 from tracker.tickets order by 1"
        ).fetchall()
    summary = run_days(pipeline_run.paths, [pipeline_run.days[-1]], demo=True)
    with pipeline_run.connect() as conn:
        assert table_counts(conn) == before
        assert (
            conn.execute(
                "select ticket_id, revision, evidence_sha256 from tracker.tickets order by 1"
            ).fetchall()
            == tickets_before
        )
    assert (summary.tickets_created, summary.tickets_updated) == (0, 0)


def test_demo_routes_to_every_queue(pipeline_run):
    routes = pipeline_run.summary.routes
    for queue in ("classifier_tuning", "product_backlog", "policy_review", "trust_and_safety"):
        assert routes.get(queue, 0) >= 1, routes


def test_cluster_ids_stay_stable_across_days(pipeline_run):
    """The cluster holding most of an intent's events keeps its id from one day to the next."""
    events_by_intent: dict[str, list[str]] = {}
    for event_id, intent in pipeline_run.manifest.intent_of_event.items():
        events_by_intent.setdefault(intent, []).append(event_id)
    stable, compared = 0, 0
    with pipeline_run.connect() as conn:
        for event_ids in events_by_intent.values():
            dominant = []
            for day in pipeline_run.days[1:]:
                counts = conn.execute(
                    """select cluster_id, count(*) from analytics.cluster_assignments
                       where event_id = any(?) and batch_day = ? and cluster_id is not null
                       group by cluster_id order by 2 desc, 1 limit 1""",
                    [event_ids, day],
                ).fetchall()
                dominant.append(counts[0] if counts else (None, 0))
            if min(n for _, n in dominant) >= 10:
                compared += 1
                stable += dominant[0][0] == dominant[1][0]
    assert compared >= 6
    assert stable / compared >= 0.8, f"{stable} of {compared} intents kept their cluster id"
