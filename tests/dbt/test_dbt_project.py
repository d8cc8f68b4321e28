"""End-to-end tests of the dbt project against a small hand-made DuckDB file.

Every dbt invocation costs a few seconds, so the happy path runs once per module: build for
RUN_DAY, build RUN_DAY again (idempotence), build NEXT_DAY, then wipe the cluster assignments and
build RUN_DAY once more (a re-run that yields no rows must still clear the day).
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO_ROOT / "dbt_project"

RUN_DAY = "2026-03-10"
NEXT_DAY = "2026-03-11"
EMBEDDING_MODEL = "all-MiniLM-L6-v2"
DIMS = 384

SOURCE_DDL = """
create schema if not exists analytics;
create table analytics.minimized_refusal_events (
    event_id varchar, batch_day date, event_day date, occurred_at timestamp,
    user_pseudonym varchar, session_pseudonym varchar, pseudonym_key_version varchar,
    turn_index integer, request_text varchar, response_text varchar, feedback_text varchar,
    request_text_hash varchar, refusal_category varchar, policy_rule varchar, layer varchar,
    surface varchar, model_version varchar, account_type varchar, user_segment varchar,
    locale varchar, next_action varchar
);
create table analytics.request_embeddings (
    text_hash varchar, model_name varchar, embedding float[], created_at timestamp
);
create table analytics.review_labels (
    event_id varchar, reviewer varchar, verdict varchar, reason_type varchar,
    reviewed_at timestamp, note varchar
);
create table analytics.cluster_assignments (
    event_id varchar, batch_day date, event_day date, cluster_id varchar,
    membership_probability double
);
create table analytics.cluster_registry (
    cluster_id varchar, label varchar, top_terms varchar[], first_seen_day date,
    last_seen_day date, last_size integer
);
"""


def _vec(**components: float) -> list[float]:
    """L2-normalised 384-d vector from {"e<i>": weight} components."""
    v = [0.0] * DIMS
    for name, weight in components.items():
        v[int(name[1:])] = weight
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# event_id, day, time, user, session, turn, text, response, feedback, category, layer,
# segment, account_type, logged next_action, embedding (None: no embedding for EMBEDDING_MODEL),
# cluster_id (None: noise)
# fmt: off
EVENTS = [
    # session s1: rephrase -> dissimilar next within window -> logged -> too-late next -> end
    ("e01", RUN_DAY, "10:00:00", "u1", "s1", 1, "dose of ibuprofen for a child", "I can't help.",
     None, "medical", "classifier", "en", "free", None, _vec(e0=1.0), "C0001"),
    ("e02", RUN_DAY, "10:03:00", "u1", "s1", 2, "ibuprofen dosage for kids", "I can't help.",
     None, "medical", "classifier", "en", "free", None, _vec(e0=1.0, e1=0.5), "C0001"),
    ("e03", RUN_DAY, "10:05:00", "u1", "s1", 3, "upload my spreadsheet",
     "File uploads are not supported here.", None, "capability", "gateway", "en", "free",
     "continued", _vec(e2=1.0), "C0002"),
    ("e04", RUN_DAY, "10:30:00", "u1", "s1", 4, "open the attached pdf",
     "Sorry, I CANNOT open attachments.", None, "other", "model", "en", "free", None,
     _vec(e2=1.0, e3=0.3), "C0002"),
    ("e05", RUN_DAY, "10:50:00", "u1", "s1", 5, "open the attached pdf please",
     "I won't help with that.", None, "security", "classifier", "en", "free", None,
     _vec(e2=1.0, e3=0.2), "C0002"),
    # session s2: feedback wins over a similar, quick next event
    ("e06", RUN_DAY, "11:00:00", "u2", "s2", 1, "symptoms of measles", "I can't help.",
     "this is for medical research", "medical", "model", "de", "pro", None, _vec(e4=1.0),
     "C0001"),
    ("e07", RUN_DAY, "11:01:00", "u2", "s2", 2, "measles symptoms list", None, None, None, None,
     None, "pro", None, _vec(e4=1.0, e5=0.1), "C0001"),
    # session s3: same timestamp, turn_index decides the order (e09 before e08)
    ("e08", RUN_DAY, "12:00:00", "u3", "s3", 2, "how to pick a lock quickly", "No.", None,
     "illegal", "model", "fr", "free", None, _vec(e6=1.0, e7=0.2), "C0003"),
    ("e09", RUN_DAY, "12:00:00", "u3", "s3", 1, "how to pick a lock", "No.", None, "illegal",
     "model", "fr", "free", None, _vec(e6=1.0), "C0003"),
    # session s4: e10 only has an embedding from another model -> similarity unknown -> abandon
    ("e10", RUN_DAY, "13:00:00", "u4", "s4", 1, "bypass a car immobiliser", "No.", None,
     "illegal", "model", "fr", "free", None, None, "C0003"),
    ("e11", RUN_DAY, "13:02:00", "u4", "s4", 2, "disable a car immobiliser", "No.", None,
     "violence", "model", "fr", "free", None, _vec(e8=1.0), "C0003"),
    # noise, outside-the-window and next-day events
    ("e12", RUN_DAY, "14:00:00", "u5", "s5", 1, "random thing", "No.", None, "other", "model",
     "en", "free", None, _vec(e9=1.0), None),
    ("e13", "2026-03-01", "09:00:00", "u1", "s6", 1, "paracetamol dose", "No.", None, "medical",
     "classifier", "en", "free", None, _vec(e0=1.0, e10=1.0), "C0001"),
    ("e14", NEXT_DAY, "09:00:00", "u6", "s7", 1, "read my inbox", "I don't have access to email.",
     None, "capability", "gateway", "en", "enterprise", None, _vec(e11=1.0), "C0002"),
]
# fmt: on

REVIEWS = [
    # event_id, reviewer, verdict, reason_type
    ("e01", "r1", "should_help", "over_refusal"),
    ("e01", "r2", "should_help", "over_refusal"),
    ("e02", "r1", "should_refuse", "policy"),
    ("e06", "r1", "should_help", "over_refusal"),  # tie with r2
    ("e06", "r2", "should_refuse", "policy"),
    ("e03", "r1", "should_help", "capability_gap"),
    ("e04", "r1", "should_help", "capability_gap"),  # 2-1 for should_help, reasons tie
    ("e04", "r2", "should_help", "policy_mismatch"),
    ("e04", "r3", "should_refuse", "policy"),
    ("e12", "r1", "should_help", "over_refusal"),  # noise: counted nowhere
    ("e13", "r1", "should_help", "over_refusal"),  # outside the window
]

REGISTRY = [
    ("C0001", "medical dosage", ["dose", "ibuprofen"]),
    ("C0002", "file access", ["open", "upload"]),
    ("C0003", "lock picking", ["lock", "immobiliser"]),
]


def _make_source_db(path: Path, events=EVENTS) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(SOURCE_DDL)
        for (
            event_id,
            day,
            time,
            user,
            session,
            turn,
            text,
            response,
            feedback,
            category,
            layer,
            segment,
            account_type,
            next_action,
            embedding,
            cluster_id,
        ) in events:
            day_ = date.fromisoformat(day)
            con.execute(
                "insert into analytics.minimized_refusal_events values "
                "(?, ?, ?, ?, ?, ?, 'k1', ?, ?, ?, ?, ?, ?, 'rule.x', ?, 'chat', 'm1', ?, ?, "
                "'en-US', ?)",
                [
                    event_id,
                    day_,
                    day_,
                    datetime.fromisoformat(f"{day}T{time}"),
                    user,
                    session,
                    turn,
                    text,
                    response,
                    feedback,
                    _sha(text),
                    category,
                    layer,
                    account_type,
                    segment,
                    next_action,
                ],
            )
            if embedding is not None:
                con.execute(
                    "insert into analytics.request_embeddings values (?, ?, ?, now())",
                    [_sha(text), EMBEDDING_MODEL, embedding],
                )
            con.execute(
                "insert into analytics.cluster_assignments values (?, ?, ?, ?, ?)",
                [event_id, day_, day_, cluster_id, None if cluster_id is None else 0.9],
            )
        # e10's text only has an embedding from another model, equal to e11's: if the model
        # filter were missing, e10 would turn into a rephrase_retry.
        con.execute(
            "insert into analytics.request_embeddings values (?, 'other-model', ?, now())",
            [_sha("bypass a car immobiliser"), _vec(e8=1.0)],
        )
        for event_id, reviewer, verdict, reason_type in REVIEWS:
            con.execute(
                "insert into analytics.review_labels values (?, ?, ?, ?, now(), null)",
                [event_id, reviewer, verdict, reason_type],
            )
        for cluster_id, label, terms in REGISTRY:
            con.execute(
                "insert into analytics.cluster_registry values "
                "(?, ?, ?, date '2026-03-01', date '2026-03-11', 4)",
                [cluster_id, label, terms],
            )
    finally:
        con.close()


def _dbt_build(tmp_dir: Path, run_day: str):
    vars_ = {"run_day": run_day, "window_days": 7, "embedding_model": EMBEDDING_MODEL}
    return dbtRunner().invoke(
        [
            "build",
            "--project-dir",
            str(PROJECT_DIR),
            "--profiles-dir",
            str(PROJECT_DIR),
            "--target-path",
            str(tmp_dir / "target"),
            "--log-path",
            str(tmp_dir / "logs"),
            "--vars",
            json.dumps(vars_),
            "--quiet",
        ]
    )


def _query(db_path: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(db_path))
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def _metrics(db_path: Path) -> list[dict]:
    return _query(
        db_path, "select * from marts.cluster_metrics order by window_end_day, cluster_id"
    )


def _failures(result) -> list[str]:
    return [
        f"{r.node.unique_id}: {r.status} {r.message}"
        for r in result.result
        if str(r.status) not in ("success", "pass")
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run the happy-path sequence once and snapshot what each step left behind."""
    tmp = tmp_path_factory.mktemp("dbt_happy")
    db_path = tmp / "refusal_backlog.duckdb"
    _make_source_db(db_path)
    snapshots = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REFUSAL_BACKLOG_DB", str(db_path))
        mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

        first = _dbt_build(tmp, RUN_DAY)
        assert first.success, _failures(first)
        snapshots["first"] = _metrics(db_path)
        snapshots["events"] = {
            row["event_id"]: row
            for row in _query(db_path, "select * from intermediate.int_refusals_sessionized")
        }
        snapshots["reviews"] = {
            row["event_id"]: row
            for row in _query(db_path, "select * from intermediate.int_event_reviews")
        }
        snapshots["event_clusters"] = {
            row["event_id"]: row
            for row in _query(db_path, "select * from marts.fct_event_clusters")
        }

        again = _dbt_build(tmp, RUN_DAY)
        assert again.success, _failures(again)
        snapshots["again"] = _metrics(db_path)

        next_day = _dbt_build(tmp, NEXT_DAY)
        assert next_day.success, _failures(next_day)
        snapshots["next_day"] = _metrics(db_path)

        # every event becomes noise: a re-run of RUN_DAY now yields no rows and must still
        # remove RUN_DAY's old rows
        con = duckdb.connect(str(db_path))
        con.execute("update analytics.cluster_assignments set cluster_id = null")
        con.close()
        emptied = _dbt_build(tmp, RUN_DAY)
        assert emptied.success, _failures(emptied)
        snapshots["emptied"] = _metrics(db_path)
    return snapshots


def _by_cluster(rows: list[dict], day: str) -> dict[str, dict]:
    return {r["cluster_id"]: r for r in rows if r["window_end_day"] == date.fromisoformat(day)}


def test_next_actions_are_logged_or_derived(built):
    events = built["events"]
    expected = {
        "e01": ("rephrase_retry", True),  # similar request 3 minutes later
        "e02": ("abandon", True),  # next request 2 minutes later but dissimilar
        "e03": ("continued", False),  # logged value kept
        "e04": ("abandon", True),  # similar next request, but 20 minutes later
        "e05": ("session_end", True),
        "e06": ("feedback", True),  # feedback beats the similar, quick next request
        "e07": ("session_end", True),
        "e08": ("session_end", True),  # after e09: same timestamp, higher turn_index
        "e09": ("rephrase_retry", True),
        "e10": ("abandon", True),  # no embedding for the configured model
        "e11": ("session_end", True),
        "e12": ("session_end", True),
        "e13": ("session_end", True),
        "e14": ("session_end", True),
    }
    actual = {
        event_id: (row["next_action"], row["next_action_derived"])
        for event_id, row in events.items()
    }
    assert actual == expected
    assert events["e03"]["next_action_logged"] == "continued"
    assert events["e01"]["next_action_logged"] is None


def test_session_context_columns(built):
    events = built["events"]
    assert events["e01"]["next_event_id"] == "e02"
    assert events["e01"]["seconds_to_next"] == pytest.approx(180.0)
    assert events["e01"]["similarity_to_next"] == pytest.approx(1 / math.sqrt(1.25), abs=1e-6)
    assert events["e02"]["similarity_to_next"] == pytest.approx(0.0, abs=1e-6)
    assert events["e09"]["next_event_id"] == "e08"
    assert events["e09"]["seconds_to_next"] == pytest.approx(0.0)
    assert events["e08"]["next_event_id"] is None
    assert events["e10"]["similarity_to_next"] is None
    capability = {e for e, row in events.items() if row["capability_signal"]}
    # e03 by category, e04 by response text (case-insensitive), e14 by both
    assert capability == {"e03", "e04", "e14"}


def test_event_reviews(built):
    reviews = built["reviews"]
    assert set(reviews) == {"e01", "e02", "e03", "e04", "e06", "e12", "e13"}
    e01, e04, e06 = reviews["e01"], reviews["e04"], reviews["e06"]
    assert (e01["n_reviews"], e01["majority_verdict"], e01["majority_reason_type"]) == (
        2,
        "should_help",
        "over_refusal",
    )
    assert e01["reviewers_disagree"] is False
    assert (e06["majority_verdict"], e06["majority_reason_type"], e06["reviewers_disagree"]) == (
        None,
        None,
        True,
    )
    assert (e04["should_help_votes"], e04["should_refuse_votes"]) == (2, 1)
    assert (e04["majority_verdict"], e04["majority_reason_type"]) == ("should_help", None)
    assert reviews["e02"]["majority_reason_type"] == "policy"


def test_event_clusters(built):
    clusters = built["event_clusters"]
    assert len(clusters) == len(EVENTS)
    assert clusters["e12"]["is_noise"] is True
    assert clusters["e12"]["cluster_id"] is None and clusters["e12"]["label"] is None
    assert (clusters["e01"]["cluster_id"], clusters["e01"]["label"]) == ("C0001", "medical dosage")


def test_cluster_metrics_values(built):
    rows = _by_cluster(built["first"], RUN_DAY)
    assert set(rows) == {"C0001", "C0002", "C0003"}  # noise has no row

    c1 = rows["C0001"]
    assert c1["label"] == "medical dosage"
    assert c1["window_start_day"] == date(2026, 3, 4)
    assert (c1["volume"], c1["distinct_users"], c1["reprompts"], c1["derived_next_actions"]) == (
        4,
        2,
        1,
        4,
    )  # e13 (2026-03-01) is outside the window
    assert c1["reprompt_rate"] == pytest.approx(0.25)
    assert c1["capability_share"] == pytest.approx(0.0)
    assert (c1["top_refusal_category"], c1["top_refusal_category_share"]) == ("medical", 0.75)
    assert json.loads(c1["category_counts"]) == {"medical": 3, "unknown": 1}
    assert c1["category_counts"] == '{"medical": 3, "unknown": 1}'
    assert c1["layer_counts"] == '{"classifier": 2, "model": 1, "unknown": 1}'
    assert c1["segment_counts"] == '{"de": 1, "en": 2, "unknown": 1}'
    assert c1["account_type_counts"] == '{"free": 2, "pro": 2}'
    assert c1["gateway_share"] == pytest.approx(0.0)
    assert (
        c1["reviewed_events"],
        c1["should_help_events"],
        c1["should_refuse_events"],
        c1["tied_review_events"],
    ) == (3, 1, 1, 1)
    assert (
        c1["over_refusal_events"],
        c1["capability_gap_events"],
        c1["policy_mismatch_events"],
        c1["policy_events"],
    ) == (1, 0, 0, 1)
    assert c1["false_refusal_rate"] == pytest.approx(1 / 3)

    c2 = rows["C0002"]
    assert (c2["volume"], c2["distinct_users"], c2["reprompts"], c2["derived_next_actions"]) == (
        3,
        1,
        0,
        2,
    )
    assert c2["reprompt_rate"] == pytest.approx(0.0)
    assert c2["capability_share"] == pytest.approx(2 / 3)
    # three categories with one event each: alphabetical tie-break
    assert c2["top_refusal_category"] == "capability"
    assert c2["top_refusal_category_share"] == pytest.approx(1 / 3)
    assert c2["gateway_share"] == pytest.approx(1 / 3)
    assert (c2["reviewed_events"], c2["should_help_events"], c2["should_refuse_events"]) == (
        2,
        2,
        0,
    )
    assert (c2["capability_gap_events"], c2["policy_mismatch_events"]) == (1, 0)
    assert c2["false_refusal_rate"] == pytest.approx(1.0)

    c3 = rows["C0003"]
    assert (c3["volume"], c3["distinct_users"], c3["reprompts"]) == (4, 2, 1)
    assert (c3["top_refusal_category"], c3["top_refusal_category_share"]) == ("illegal", 0.75)
    assert c3["reviewed_events"] == 0
    assert c3["false_refusal_rate"] is None  # no reviews: unknown, not 0


def test_rerun_same_day_replaces_rows(built):
    assert len(built["again"]) == 3
    keys = [(r["window_end_day"], r["cluster_id"]) for r in built["again"]]
    assert len(keys) == len(set(keys))
    assert built["again"] == built["first"]


def test_next_day_keeps_previous_day(built):
    rows = built["next_day"]
    days = {r["window_end_day"] for r in rows}
    assert days == {date(2026, 3, 10), date(2026, 3, 11)}
    assert len(rows) == 6
    assert _by_cluster(rows, RUN_DAY) == _by_cluster(built["first"], RUN_DAY)
    c2 = _by_cluster(rows, NEXT_DAY)["C0002"]
    assert c2["window_start_day"] == date(2026, 3, 5)
    assert c2["volume"] == 4
    assert c2["capability_share"] == pytest.approx(3 / 4)


def test_rerun_without_rows_clears_the_day(built):
    rows = built["emptied"]
    assert {r["window_end_day"] for r in rows} == {date(2026, 3, 11)}
    assert len(rows) == 3


def test_bad_source_value_fails_build(tmp_path, monkeypatch):
    bad_events = [list(e) for e in EVENTS]
    bad_events[0][13] = "clicked_away"  # e01's logged next_action, outside the enum
    db_path = tmp_path / "bad.duckdb"
    _make_source_db(db_path, events=[tuple(e) for e in bad_events])
    monkeypatch.setenv("REFUSAL_BACKLOG_DB", str(db_path))
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

    result = _dbt_build(tmp_path, RUN_DAY)

    assert not result.success
    failed = {r.node.name for r in result.result if str(r.status) == "fail"}
    assert any(name.startswith("accepted_values_stg_refusal_events_next_action") for name in failed)
    # downstream models are skipped rather than built on bad data
    skipped = {r.node.name for r in result.result if str(r.status) == "skipped"}
    assert "cluster_metrics" in skipped
