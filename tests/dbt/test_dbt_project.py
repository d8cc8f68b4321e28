"""End-to-end tests of the dbt project against a small hand-made DuckDB file.

The source tables are created by `pipeline.warehouse.ensure_schema`, so the models are tested
against the very tables the Python stages write. Every dbt invocation costs a few seconds, so
the happy path runs once per module: build for RUN_DAY, build RUN_DAY again (idempotence), build
NEXT_DAY, then wipe the cluster assignments and the traffic and build RUN_DAY once more (a re-run
that yields no rows must still clear the day; disparity falls back to shares).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from statistics import NormalDist

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from pipeline.clustering import rebuild_registry
from pipeline.config import PipelineConfig
from pipeline.warehouse import ensure_schema

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO_ROOT / "dbt_project"

RUN_DAY = "2026-03-10"
NEXT_DAY = "2026-03-11"
EMBEDDING_MODEL = "all-MiniLM-L6-v2"
DIMS = 384
Z95 = NormalDist().inv_cdf(0.975)


def _vec(**components: float) -> list[float]:
    """L2-normalised 384-d vector from {"e<i>": weight} components."""
    v = [0.0] * DIMS
    for name, weight in components.items():
        v[int(name[1:])] = weight
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


GATEWAY_HELPED = [f"g{n}" for n in range(1, 7)]
MODEL_CONFIRMED = [f"m{n}" for n in range(1, 6)]


def _lone(
    event_id: str,
    day: str,
    time: str,
    category: str,
    layer: str,
    segment: str,
    cluster_id: str | None,
) -> tuple:
    """An event alone in its session, without embedding: only its counts matter."""
    return (
        event_id,
        day,
        time,
        f"user-{event_id}",
        f"s-{event_id}",
        1,
        f"request {event_id}",
        "No.",
        None,
        category,
        layer,
        segment,
        "free",
        None,
        None,
        cluster_id,
    )


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
     "illegal", "model", "fr", "verified_professional", None, None, "C0003"),
    ("e11", RUN_DAY, "13:02:00", "u4", "s4", 2, "disable a car immobiliser", "No.", None,
     "violence", "model", "fr", "free", None, _vec(e8=1.0), "C0003"),
    # noise, outside-the-window and next-day events
    ("e12", RUN_DAY, "14:00:00", "u5", "s5", 1, "random thing", "No.", None, "other", "model",
     "en", "free", None, _vec(e9=1.0), None),
    ("e13", "2026-03-01", "09:00:00", "u1", "s6", 1, "paracetamol dose", "No.", None, "medical",
     "classifier", "en", "free", None, _vec(e0=1.0, e10=1.0), "C0001"),
    ("e14", NEXT_DAY, "09:00:00", "u6", "s7", 1, "read my inbox", "I don't have access to email.",
     None, "capability", "gateway", "en", "enterprise", None, _vec(e11=1.0), "C0002"),
    # calibration: on api/m2 the gateway blocks what reviewers say should be helped (g*),
    # while the model's refusals there are all confirmed (m*); all noise
    *[_lone(e, RUN_DAY, f"15:0{e[1]}:00", "medical", "gateway", "fr", None)
      for e in GATEWAY_HELPED],
    *[_lone(e, RUN_DAY, f"16:0{e[1]}:00", "medical", "model", "en", None)
      for e in MODEL_CONFIRMED],
    # cluster status: the window before RUN_DAY's (2026-02-25 .. 2026-03-03), and new clusters
    *[_lone(f"p2{n}", "2026-03-02", f"09:0{n}:00", "other", "model", "en", "C0002")
      for n in range(6)],
    *[_lone(f"p3{n}", "2026-03-02", f"10:0{n}:00", "illegal", "model", "fr", "C0003")
      for n in range(5)],
    _lone("p40", "2026-02-27", "09:00:00", "other", "model", "en", "C0004"),
    _lone("n5", RUN_DAY, "17:00:00", "medical", "model", "de", "C0005"),
    _lone("n6", NEXT_DAY, "10:00:00", "other", "model", "en", "C0006"),
]
# fmt: on
SURFACE_MODEL = {e: ("api", "m2") for e in GATEWAY_HELPED + MODEL_CONFIRMED}
FIELDS = (
    "event_id",
    "day",
    "time",
    "user",
    "session",
    "turn",
    "text",
    "response",
    "feedback",
    "category",
    "layer",
    "segment",
    "account_type",
    "next_action",
    "embedding",
    "cluster",
)
EVENT = {e[0]: dict(zip(FIELDS, e, strict=True)) for e in EVENTS}

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
    ("e12", "r1", "should_help", "over_refusal"),  # noise: in no cluster
    ("e13", "r1", "should_help", "over_refusal"),  # outside the window
    *[(e, "r1", "should_help", "over_refusal") for e in GATEWAY_HELPED],
    *[(e, "r1", "should_refuse", "policy") for e in MODEL_CONFIRMED],
]

# batch_day, event_id, sampling_weight, sampled_at: e01's later draw wins; e07 was drawn but
# never reviewed; every other reviewed event was reviewed outside the sample (weight 1)
REVIEW_SAMPLE = [
    ("2026-03-09", "e01", 10.0, "2026-03-09T12:00:00"),
    ("2026-03-10", "e01", 4.0, "2026-03-10T12:00:00"),
    ("2026-03-10", "e02", 2.0, "2026-03-10T12:00:00"),
    ("2026-03-10", "e07", 3.0, "2026-03-10T12:00:00"),
]
WEIGHTS = {"e01": 4.0, "e02": 2.0}

# day, user_segment, requests, extra: en and fr every day of RUN_DAY's window, de on two
# days only, es (never refused) on one; en's RUN_DAY comes split by surface
WINDOW_DAYS = [f"2026-03-{d:02d}" for d in range(4, 11)]
TRAFFIC = [
    *[(day, "en", 1000, None) for day in WINDOW_DAYS[:-1]],
    (RUN_DAY, "en", 600, '{"surface": "chat"}'),
    (RUN_DAY, "en", 400, '{"surface": "api"}'),
    *[(day, "fr", 100, None) for day in WINDOW_DAYS],
    ("2026-03-09", "de", 50, None),
    (RUN_DAY, "de", 50, None),
    (RUN_DAY, "es", 10, None),
]

# cluster_id, label, top terms, first_seen_day
REGISTRY = [
    ("C0001", "medical dosage", ["dose", "ibuprofen"], "2026-03-01"),
    ("C0002", "file access", ["open", "upload"], "2026-03-01"),
    ("C0003", "lock picking", ["lock", "immobiliser"], "2026-03-01"),
    ("C0004", "gone quiet", ["quiet"], "2026-02-20"),
    ("C0005", "new today", ["today"], RUN_DAY),
    ("C0006", "new tomorrow", ["tomorrow"], NEXT_DAY),
]


def _make_source_db(path: Path, events=EVENTS) -> None:
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
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
            surface, model_version = SURFACE_MODEL.get(event_id, ("chat", "m1"))
            con.execute(
                "insert into analytics.minimized_refusal_events by name select "
                "? as event_id, ? as batch_day, ? as event_day, ? as occurred_at, "
                "? as user_pseudonym, ? as session_pseudonym, 'k1' as pseudonym_key_version, "
                "? as turn_index, ? as request_text, ? as response_text, ? as feedback_text, "
                "? as request_text_hash, ? as refusal_category, 'rule.x' as policy_rule, "
                "? as layer, ? as surface, ? as model_version, ? as account_type, "
                "? as user_segment, 'en-US' as locale, ? as next_action",
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
                    surface,
                    model_version,
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
                [event_id, day_, day_, cluster_id, 0.0 if cluster_id is None else 0.9],
            )
        # e10's text only has an embedding from another model, equal to e11's: if the model
        # filter were missing, e10 would turn into a rephrase_retry.
        con.execute(
            "insert into analytics.request_embeddings values (?, 'other-model', ?, now())",
            [_sha("bypass a car immobiliser"), _vec(e8=1.0)],
        )
        for event_id, reviewer, verdict, reason_type in REVIEWS:
            con.execute(
                "insert into analytics.review_labels by name select date '2026-03-11' as "
                "batch_day, ? as event_id, ? as reviewer, ? as verdict, ? as reason_type, "
                "now()::timestamp as reviewed_at, null as note",
                [event_id, reviewer, verdict, reason_type],
            )
        for batch_day, event_id, weight, sampled_at in REVIEW_SAMPLE:
            con.execute(
                "insert into analytics.review_sample values "
                "(?, ?, null, 'medical', ?, ?, 1.0, 'redacted text', ?)",
                [
                    date.fromisoformat(batch_day),
                    event_id,
                    1 / weight,
                    weight,
                    datetime.fromisoformat(sampled_at),
                ],
            )
        for day, segment, requests, extra in TRAFFIC:
            con.execute(
                "insert into analytics.traffic values (?, ?, ?, ?, ?, 'traffic.csv', 2)",
                [date.fromisoformat(day), date.fromisoformat(day), segment, requests, extra],
            )
        # each cluster seen on its first day and on 2026-03-11; the registry derives from that
        for cluster_id, label, terms, first_seen in REGISTRY:
            for seen in {date.fromisoformat(first_seen), date(2026, 3, 11)}:
                con.execute(
                    "insert into analytics.cluster_snapshots values (?, ?, ?, ?, [1.0], 4)",
                    [seen, cluster_id, label, terms],
                )
        rebuild_registry(con)
    finally:
        con.close()


def _dbt(tmp_dir: Path, db_path: Path, *command: str, run_day: str = RUN_DAY, **extra_vars: object):
    vars_ = PipelineConfig().dbt_vars(db_path, run_day)
    vars_ |= {"window_days": 7, "embedding_model": EMBEDDING_MODEL, **extra_vars}
    return dbtRunner().invoke(
        [
            *command,
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


def _dbt_build(tmp_dir: Path, run_day: str, db_path: Path, **extra_vars: object):
    return _dbt(tmp_dir, db_path, "build", run_day=run_day, **extra_vars)


def _query(db_path: Path, sql: str) -> list[dict]:
    con = duckdb.connect(str(db_path))
    try:
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def _snapshot(snapshots: dict, step: str, db_path: Path) -> None:
    """The incremental marts as `step` left them (all of their window days)."""
    snapshots[step] = _query(
        db_path, "select * from marts.cluster_metrics order by window_end_day, cluster_id"
    )
    snapshots.setdefault("status", {})[step] = _query(
        db_path, "select * from marts.cluster_status order by window_end_day, cluster_id"
    )
    snapshots.setdefault("disparity", {})[step] = _query(
        db_path,
        "select * from marts.segment_disparity order by window_end_day, user_segment, cluster_type",
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
    snapshots: dict = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

        first = _dbt_build(tmp, RUN_DAY, db_path)
        assert first.success, _failures(first)
        _snapshot(snapshots, "first", db_path)
        for name, model in [
            ("events", "intermediate.int_refusals_sessionized"),
            ("event_clusters", "marts.fct_event_clusters"),
        ]:
            snapshots[name] = {row["event_id"]: row for row in _query(db_path, f"from {model}")}
        snapshots["calibration"] = {
            (row["event_day"].isoformat(), row["grain"], row["group_value"]): row
            for row in _query(db_path, "from marts.refusal_calibration")
        }

        again = _dbt_build(tmp, RUN_DAY, db_path)
        assert again.success, _failures(again)
        _snapshot(snapshots, "again", db_path)

        # the orchestrator's disparity settings: an explicit reference, another level
        next_day = _dbt_build(tmp, NEXT_DAY, db_path, reference_segment="fr", confidence=0.9)
        assert next_day.success, _failures(next_day)
        _snapshot(snapshots, "next_day", db_path)

        # every event becomes noise and the traffic export is gone: a re-run of RUN_DAY now
        # yields no cluster_metrics rows and must still remove RUN_DAY's old rows
        con = duckdb.connect(str(db_path))
        con.execute("update analytics.cluster_assignments set cluster_id = null")
        con.execute("delete from analytics.traffic")
        con.close()
        emptied = _dbt_build(tmp, RUN_DAY, db_path)
        assert emptied.success, _failures(emptied)
        _snapshot(snapshots, "emptied", db_path)
    return snapshots


def _by_cluster(rows: list[dict], day: str) -> dict[str, dict]:
    return {r["cluster_id"]: r for r in rows if r["window_end_day"] == date.fromisoformat(day)}


def _by_segment(rows: list[dict], day: str) -> dict[tuple[str, str], dict]:
    return {
        (r["user_segment"], r["cluster_type"]): r
        for r in rows
        if r["window_end_day"] == date.fromisoformat(day)
    }


def _majority(event_id: str) -> str | None:
    votes = Counter(verdict for e, _, verdict, _ in REVIEWS if e == event_id)
    if votes["should_help"] == votes["should_refuse"]:
        return None
    return max(votes, key=votes.__getitem__)


def _weighted_frr(event_ids: list[str]) -> tuple[float, float] | None:
    """(weighted false-refusal rate, effective n) of the reviewed ones, as the issue defines."""
    weights = {e: WEIGHTS.get(e, 1.0) for e in event_ids if e in {r[0] for r in REVIEWS}}
    if not weights:
        return None
    total = sum(weights.values())
    helped = sum(w for e, w in weights.items() if _majority(e) == "should_help")
    return helped / total, total**2 / sum(w * w for w in weights.values())


def _wilson(p: float, n: float, z: float = Z95) -> tuple[float, float]:
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def _in_window(window_end: str, **match: str | None) -> list[str]:
    """Ids of events in the 7-day window ending `window_end` whose fields equal `match`."""
    end = date.fromisoformat(window_end)
    return [
        e["event_id"]
        for e in EVENT.values()
        if 0 <= (end - date.fromisoformat(e["day"])).days < 7
        and all(e[k] == v for k, v in match.items())
    ]


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
    # the calibration and status events are alone in their sessions
    expected |= {e: ("session_end", True) for e in EVENT if e[0] != "e"}
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


def test_event_clusters(built):
    clusters = built["event_clusters"]
    assert len(clusters) == len(EVENTS)
    assert clusters["e12"]["is_noise"] is True
    assert clusters["e12"]["cluster_id"] is None and clusters["e12"]["label"] is None
    assert (clusters["e01"]["cluster_id"], clusters["e01"]["label"]) == ("C0001", "medical dosage")


def test_cluster_metrics_values(built):
    rows = _by_cluster(built["first"], RUN_DAY)
    assert set(rows) == {"C0001", "C0002", "C0003", "C0005"}  # noise has no row

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
    # e01 (should_help) weighs 4, e02 (should_refuse) 2, tied e06 1 (reviewed unsampled)
    assert c1["false_refusal_rate"] == pytest.approx(4 / 7)

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
    assert len(built["again"]) == 4
    keys = [(r["window_end_day"], r["cluster_id"]) for r in built["again"]]
    assert len(keys) == len(set(keys))
    assert built["again"] == built["first"]
    for mart in ("status", "disparity"):
        assert built[mart]["again"] == built[mart]["first"]


def test_next_day_keeps_previous_day(built):
    rows = built["next_day"]
    days = {r["window_end_day"] for r in rows}
    assert days == {date(2026, 3, 10), date(2026, 3, 11)}
    assert len(rows) == 4 + 5
    assert _by_cluster(rows, RUN_DAY) == _by_cluster(built["first"], RUN_DAY)
    c2 = _by_cluster(rows, NEXT_DAY)["C0002"]
    assert c2["window_start_day"] == date(2026, 3, 5)
    assert c2["volume"] == 4
    assert c2["capability_share"] == pytest.approx(3 / 4)


def test_rerun_without_rows_clears_the_day(built):
    rows = built["emptied"]
    assert {r["window_end_day"] for r in rows} == {date(2026, 3, 11)}
    assert len(rows) == 5


def test_bad_source_value_fails_build(tmp_path, monkeypatch):
    bad_events = [list(e) for e in EVENTS]
    bad_events[0][13] = "clicked_away"  # e01's logged next_action, outside the enum
    db_path = tmp_path / "bad.duckdb"
    _make_source_db(db_path, events=[tuple(e) for e in bad_events])
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

    result = _dbt_build(tmp_path, RUN_DAY, db_path)

    assert not result.success
    failed = {r.node.name for r in result.result if str(r.status) == "fail"}
    enum_test = "in_contract_enum_stg_refusal_events_next_action"
    assert any(name.startswith(enum_test) for name in failed)
    # downstream models are skipped rather than built on bad data
    skipped = {r.node.name for r in result.result if str(r.status) == "skipped"}
    assert "cluster_metrics" in skipped


def test_cluster_metrics_weighted_false_refusal_rate(built):
    rows = _by_cluster(built["first"], RUN_DAY)
    for cluster_id in ("C0001", "C0002"):
        row = rows[cluster_id]
        p, n_eff = _weighted_frr(_in_window(RUN_DAY, cluster=cluster_id))
        low, high = _wilson(p, n_eff)
        assert row["false_refusal_rate"] == pytest.approx(p)
        assert row["effective_reviewed_events"] == pytest.approx(n_eff)
        assert row["false_refusal_rate_low"] == pytest.approx(low, abs=1e-7)
        assert row["false_refusal_rate_high"] == pytest.approx(high, abs=1e-7)
        assert row["review_status"] == "reviewed"
        assert row["reviewers_disagree_events"] == 1  # e06's tie, e04's 2-1
    c1 = rows["C0001"]
    assert c1["effective_reviewed_events"] == pytest.approx(49 / 21)
    assert (c1["false_refusal_rate_low"], c1["false_refusal_rate_high"]) == pytest.approx(
        (0.1341, 0.9198), abs=1e-4
    )
    assert rows["C0002"]["false_refusal_rate_high"] == pytest.approx(1.0)

    c3 = rows["C0003"]
    assert c3["review_status"] == "not reviewed"
    assert (c3["false_refusal_rate"], c3["false_refusal_rate_low"]) == (None, None)
    assert (c3["false_refusal_rate_high"], c3["effective_reviewed_events"]) == (None, None)
    assert c3["reviewers_disagree_events"] == 0
    assert c3["account_type_verified_share"] == pytest.approx(0.25)
    assert c1["account_type_verified_share"] == pytest.approx(0.0)


def test_calibration_grains_and_estimates(built):
    calibration = built["calibration"]
    day = calibration[(RUN_DAY, "day", "all")]
    p, n_eff = _weighted_frr(_in_window(RUN_DAY, day=RUN_DAY))
    assert (day["refusals"], day["reviewed_events"]) == (24, 17)
    assert p == pytest.approx(13 / 21)
    assert day["false_refusal_rate"] == pytest.approx(p)
    assert day["effective_reviewed_events"] == pytest.approx(n_eff)
    assert day["estimated_false_refusals"] == pytest.approx(24 * p)
    assert day["estimated_true_refusals"] == pytest.approx(24 * (1 - p))
    low, high = _wilson(p, n_eff)
    assert (day["false_refusal_rate_low"], day["false_refusal_rate_high"]) == pytest.approx(
        (low, high), abs=1e-7
    )
    assert (day["true_refusal_rate_low"], day["true_refusal_rate_high"]) == pytest.approx(
        (1 - high, 1 - low), abs=1e-7
    )
    assert (day["surface"], day["model_version"], day["layer"]) == (None, None, None)

    assert calibration[(RUN_DAY, "surface", "api")]["refusals"] == 11
    assert calibration[(RUN_DAY, "model_version", "m1")]["refusals"] == 13
    unknown = calibration[(RUN_DAY, "layer", "unknown")]  # e07 has no layer
    assert (unknown["refusals"], unknown["reviewed_events"]) == (1, 0)
    assert (unknown["false_refusal_rate"], unknown["estimated_false_refusals"]) == (None, None)
    # grain 'day' adds up the cells
    cells = [r for k, r in calibration.items() if k[0] == RUN_DAY and k[1] == "cell"]
    assert sum(r["refusals"] for r in cells) == 24
    # every event day the warehouse holds, the day after the run day's included: a rebuild
    # for an earlier run day never drops later days
    assert {k[0] for k in calibration} == {
        "2026-02-27",
        "2026-03-01",
        "2026-03-02",
        RUN_DAY,
        "2026-03-11",
    }


def test_compounded_gating_on_the_gateway_layer(built):
    calibration = built["calibration"]
    api_gateway = calibration[(RUN_DAY, "cell", "api / m2 / gateway")]
    assert (api_gateway["refusals"], api_gateway["false_refusal_rate"]) == (6, 1.0)
    assert api_gateway["false_refusal_rate_low"] == pytest.approx(_wilson(1.0, 6)[0])
    assert api_gateway["model_layer_false_refusal_rate"] == 0.0
    assert api_gateway["compounded_gating"] is True

    # chat's single reviewed gateway refusal proves nothing against the model's 2 in 3
    chat_gateway = calibration[(RUN_DAY, "cell", "chat / m1 / gateway")]
    assert chat_gateway["false_refusal_rate_low"] == pytest.approx(_wilson(1.0, 1)[0])
    assert chat_gateway["model_layer_false_refusal_rate"] == pytest.approx(2 / 3)
    assert chat_gateway["compounded_gating"] is False

    gateway = calibration[(RUN_DAY, "layer", "gateway")]
    model = calibration[(RUN_DAY, "layer", "model")]
    assert (gateway["refusals"], model["refusals"], model["reviewed_events"]) == (7, 13, 8)
    assert model["false_refusal_rate"] == pytest.approx(2 / 8)
    assert gateway["false_refusal_rate_low"] == pytest.approx(_wilson(1.0, 7)[0])
    assert gateway["compounded_gating"] is True
    assert model["compounded_gating"] is False
    flagged = {k for k, r in calibration.items() if r["compounded_gating"]}
    assert flagged == {(RUN_DAY, "cell", "api / m2 / gateway"), (RUN_DAY, "layer", "gateway")}


REASONS = ("over_refusal", "capability_gap", "policy_mismatch")


def test_segment_disparity_with_traffic(built):
    rows = _by_segment(built["disparity"]["first"], RUN_DAY)
    en, fr, de = rows[("en", "all")], rows[("fr", "all")], rows[("de", "all")]
    assert {r["reference_segment"] for r in rows.values()} == {"en"}  # most requests
    assert (en["refusals"], fr["refusals"], de["refusals"]) == (11, 10, 2)
    assert en["refusal_share"] == pytest.approx(11 / 24)
    assert (en["requests"], fr["requests"], de["requests"]) == (7000, 700, 100)
    assert en["request_share"] == pytest.approx(7000 / 7810)
    assert en["refusal_rate"] == pytest.approx(11 / 7000)
    assert fr["refusal_rate"] == pytest.approx(10 / 700)
    assert (en["false_refusal_rate"], en["effective_reviewed_events"]) == pytest.approx((0.5, 7))
    assert fr["false_refusal_rate"] == 1.0
    assert en["benign_refusal_rate"] == pytest.approx(11 / 7000 * 0.5)
    assert (en["is_reference_segment"], en["refusal_rate_ratio"]) == (True, 1.0)
    assert (en["refusal_rate_ratio_low"], en["flag_significant"]) == (None, False)

    # Katz: ln ratio ± z sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0); the benign ratio adds the reviewed
    # shares' (1 - p) / (p n_eff): 0 for fr (p = 1), 1/7 for en
    rate_variance = (1 / 10 - 1 / 700) + (1 / 11 - 1 / 7000)
    assert fr["refusal_rate_ratio"] == pytest.approx(100 / 11)
    assert fr["refusal_rate_ratio_low"] == pytest.approx(
        100 / 11 * math.exp(-Z95 * math.sqrt(rate_variance))
    )
    benign_variance = rate_variance + 1 / 7
    assert fr["benign_refusal_rate_ratio"] == pytest.approx(200 / 11)
    assert fr["benign_refusal_rate_ratio_low"] == pytest.approx(
        200 / 11 * math.exp(-Z95 * math.sqrt(benign_variance))
    )
    assert fr["benign_refusal_rate_ratio_high"] == pytest.approx(
        200 / 11 * math.exp(Z95 * math.sqrt(benign_variance))
    )
    assert fr["flag_significant"] is True and fr["rates_note"] is None

    # de: refused more per request, but its one reviewed event is a tie -> no benign refusal
    assert de["refusal_rate"] == pytest.approx(2 / 100)
    assert (de["benign_refusal_rate"], de["benign_refusal_rate_ratio"]) == (0.0, 0.0)
    assert (de["benign_refusal_rate_ratio_low"], de["flag_significant"]) == (None, False)
    assert de["rates_note"].startswith("traffic covers 2 of 7 days")
    es = rows[("es", "all")]  # served, never refused: a rate of 0, not a missing row
    assert (es["refusals"], es["refusal_share"], es["requests"]) == (0, 0.0, 10)
    assert (es["refusal_rate"], es["refusal_rate_ratio"], es["false_refusal_rate"]) == (
        0.0,
        0.0,
        None,
    )
    assert (es["refusal_rate_ratio_low"], es["flag_significant"]) == (None, False)
    unknown = rows[("unknown", "all")]  # e07 has no segment, hence no traffic
    assert (unknown["refusal_rate"], unknown["rates_note"]) == (
        None,
        "no traffic rows for this segment",
    )

    # per cluster type (refusal_category): the row's own reviews give its false-refusal rate
    medical = {seg: rows[(seg, "medical")] for seg in ("en", "fr", "de")}
    assert [medical[s]["refusals"] for s in ("en", "fr", "de")] == [7, 6, 2]
    assert medical["fr"]["refusal_share"] == pytest.approx(6 / 15)
    p_en, _ = _weighted_frr(_in_window(RUN_DAY, segment="en", category="medical"))
    assert p_en == pytest.approx(4 / 11)
    assert medical["en"]["false_refusal_rate"] == pytest.approx(p_en)
    assert medical["fr"]["benign_refusal_rate_ratio"] == pytest.approx(
        (6 / 700) / (7 / 7000 * p_en)
    )
    assert rows[("unknown", "unknown")]["refusals"] == 1
    categories = [r for k, r in rows.items() if k[1] != "all" and ":" not in k[1]]
    assert sum(r["refusals"] for r in categories) == 24
    # a reason row holds every refusal of its segment and counts only that reason as false
    for segment in ("en", "fr", "de"):
        overall = rows[(segment, "all")]
        reasons = [
            rows[(segment, f"reason:{r}")] for r in REASONS if (segment, f"reason:{r}") in rows
        ]
        assert reasons and all(r["refusals"] == overall["refusals"] for r in reasons)
        if overall["false_refusal_rate"] is not None:
            assert (
                sum(r["false_refusal_rate"] or 0 for r in reasons)
                <= overall["false_refusal_rate"] + 1e-9
            )
    intents = [r for k, r in rows.items() if k[1].startswith("intent:")]
    assert intents and sum(r["refusals"] for r in intents) <= 24


def test_segment_disparity_without_traffic_keeps_shares_only(built):
    rows = _by_segment(built["disparity"]["emptied"], RUN_DAY)
    with_traffic = _by_segment(built["disparity"]["first"], RUN_DAY)
    # es was known from traffic only; every event is noise now, so no intent has rows
    clustered = {k for k in with_traffic if k[1].startswith("intent:")}
    assert set(rows) == set(with_traffic) - {("es", "all")} - clustered
    for key, row in rows.items():
        assert row["rates_note"] == "no traffic denominators: shares only"
        assert row["refusal_share"] == pytest.approx(with_traffic[key]["refusal_share"])
        for column in (
            "requests",
            "refusal_rate",
            "benign_refusal_rate",
            "refusal_rate_ratio",
            "benign_refusal_rate_ratio",
            "benign_refusal_rate_ratio_low",
        ):
            assert row[column] is None
        assert row["flag_significant"] is False
    # the next day's window is kept as it was
    assert _by_segment(built["disparity"]["emptied"], NEXT_DAY) == _by_segment(
        built["disparity"]["next_day"], NEXT_DAY
    )


def test_cluster_status_transitions(built):
    def statuses(step: str, day: str) -> dict[str, tuple]:
        return {
            cluster_id: (row["status"], row["volume"], row["previous_volume"])
            for cluster_id, row in _by_cluster(built["status"][step], day).items()
        }

    assert statuses("first", RUN_DAY) == {
        "C0001": ("growing", 4, 1),  # +300 %
        "C0002": ("shrinking", 3, 6),  # -50 %
        "C0003": ("stable", 4, 5),  # -20 %
        "C0004": ("dormant", 0, 1),
        "C0005": ("new", 1, 0),  # C0006 is first seen tomorrow: not listed yet
    }
    assert statuses("next_day", NEXT_DAY) == {
        "C0001": ("growing", 4, 1),
        "C0002": ("shrinking", 4, 6),  # -33 %
        "C0003": ("stable", 4, 5),
        "C0004": ("dormant", 0, 1),
        "C0005": ("growing", 1, 0),  # no longer new; nothing in the previous window
        "C0006": ("new", 1, 0),
    }
    c2 = _by_cluster(built["status"]["first"], RUN_DAY)["C0002"]
    assert c2["volume_change"] == pytest.approx(-0.5)
    assert (c2["window_start_day"], c2["previous_window_start_day"]) == (
        date(2026, 3, 4),
        date(2026, 2, 25),
    )
    assert _by_cluster(built["status"]["first"], RUN_DAY)["C0005"]["volume_change"] is None
    # all noise now: RUN_DAY's rows are replaced, NEXT_DAY's kept
    assert statuses("emptied", RUN_DAY) == {
        "C0001": ("dormant", 0, 0),
        "C0002": ("dormant", 0, 0),
        "C0003": ("dormant", 0, 0),
        "C0004": ("dormant", 0, 0),
        "C0005": ("new", 0, 0),
    }
    assert statuses("emptied", NEXT_DAY) == statuses("next_day", NEXT_DAY)


def test_segment_disparity_takes_reference_and_confidence_from_vars(built):
    rows = _by_segment(built["disparity"]["next_day"], NEXT_DAY)
    en, fr = rows[("en", "all")], rows[("fr", "all")]
    assert {r["reference_segment"] for r in rows.values()} == {"fr"}
    assert {r["confidence"] for r in rows.values()} == {0.9}
    assert (fr["is_reference_segment"], fr["refusal_rate_ratio"]) == (True, 1.0)
    # NEXT_DAY's events e14 and n6 fall on a day without traffic: not in the rate
    assert (en["refusals"], en["rated_refusals"], en["requests"]) == (13, 11, 6000)
    assert en["rates_note"].startswith("traffic covers 6 of 7 days")
    ratio = (11 / 6000) / (10 / 600)
    spread = NormalDist().inv_cdf(0.95) * math.sqrt(1 / 11 - 1 / 6000 + 1 / 10 - 1 / 600)
    assert en["refusal_rate_ratio"] == pytest.approx(ratio)
    assert (en["refusal_rate_ratio_low"], en["refusal_rate_ratio_high"]) == pytest.approx(
        (ratio * math.exp(-spread), ratio * math.exp(spread))
    )


# dbt unit tests (models/**/_*_unit_tests.yml) and singular invariant tests (dbt_project/tests/).
# Every `dbt build` above runs both, on the happy path's data; below they run on their own.

UNIT_TESTS = {
    "int_event_reviews_majority_reasons_and_weights",
    "int_refusal_verdicts_weights",
    "int_refusals_sessionized_next_actions",
    "cluster_metrics_weighted_false_refusal_rate_and_wilson_bounds",
}


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    """The source tables and every model, empty (`dbt run --empty`): dbt unit tests read the
    column types of their inputs from the warehouse, and the invariants need tables to read."""
    tmp = tmp_path_factory.mktemp("dbt_empty")
    db_path = tmp / "refusal_backlog.duckdb"
    con = duckdb.connect(str(db_path))
    ensure_schema(con)
    con.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
        result = _dbt(tmp, db_path, "run", "--empty")
    assert result.success, _failures(result)
    return tmp, db_path


def test_dbt_unit_tests_pass(empty_warehouse, monkeypatch):
    tmp, db_path = empty_warehouse
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

    result = _dbt(tmp, db_path, "test", "--select", "test_type:unit")

    assert result.success, _failures(result)
    assert {r.node.name for r in result.result} == UNIT_TESTS
    assert {str(r.status) for r in result.result} == {"pass"}


# One row per singular test that breaks its identity and no other test's: each test must
# report exactly one failing row. A new singular test needs its violating row here.
# fmt: off
_WINDOW = f"date '{RUN_DAY}'"
_CLUSTER_ROW = (  # a consistent cluster_metrics row; each case changes one thing
    f"{_WINDOW} as window_end_day, 2 as volume, 1 as distinct_users, 1 as reprompts, "
    "0.5 as reprompt_rate, 2 as derived_next_actions, 0 as reviewed_events, "
    "0 as should_help_events, 0 as should_refuse_events, 0 as tied_review_events, "
    "0 as over_refusal_events, 0 as capability_gap_events, 0 as policy_mismatch_events, "
    "0 as policy_events, 0 as reviewers_disagree_events, 'not reviewed' as review_status, "
    "'medical' as top_refusal_category, 1.0 as top_refusal_category_share, "
    """'{"medical": 2}' as category_counts, '{"model": 2}' as layer_counts, """
    """'{"en": 2}' as segment_counts, '{"free": 2}' as account_type_counts"""
)
_CALIBRATION_DAY = (  # the five grains of one day, 1 refusal each, none reviewed
    "select {day} as event_day, grain, grain_value as group_value, 1 as refusals, "
    "0 as reviewed_events, false as compounded_gating from (values ('day', 'all'), "
    "('cell', 'chat / m1 / model'), ('surface', 'chat'), ('model_version', 'm1'), "
    "('layer', 'model')) as grains (grain, grain_value)"
)
VIOLATIONS = {
    "assert_cluster_metrics_review_counts_add_up": (  # more disagreements than reviews
        f"insert into marts.cluster_metrics by name select 'X1' as cluster_id, {_CLUSTER_ROW}",
        "update marts.cluster_metrics set reviewers_disagree_events = 1 where cluster_id = 'X1'",
    ),
    "assert_cluster_metrics_counts_within_volume": (  # reprompts > volume
        f"insert into marts.cluster_metrics by name select 'X2' as cluster_id, {_CLUSTER_ROW}",
        "update marts.cluster_metrics set reprompts = 3, reprompt_rate = 1.5 "
        "where cluster_id = 'X2'",
    ),
    "assert_cluster_metrics_dimension_counts_sum_to_volume": (  # layer_counts sum to 1, not 2
        f"insert into marts.cluster_metrics by name select 'X3' as cluster_id, {_CLUSTER_ROW}",
        """update marts.cluster_metrics set layer_counts = '{"model": 1}' """
        "where cluster_id = 'X3'",
    ),
    "assert_cluster_metrics_false_refusal_rate_within_interval": (  # rate below its interval
        f"insert into marts.cluster_metrics by name select 'X4' as cluster_id, {_CLUSTER_ROW}",
        "update marts.cluster_metrics set reviewed_events = 2, should_help_events = 1, "
        "should_refuse_events = 1, review_status = 'reviewed', false_refusal_rate = 0.5, "
        "effective_reviewed_events = 2, false_refusal_rate_low = 0.6, "
        "false_refusal_rate_high = 0.9 where cluster_id = 'X4'",
    ),
    "assert_segment_disparity_shares_sum_to_one": (  # 'all' shares sum to 0.5
        "insert into marts.segment_disparity by name select "
        f"{_WINDOW} as window_end_day, 'aa' as user_segment, cluster_type, 2 as refusals, "
        "refusal_share, reviewed_events, 0 as rated_refusals, false as is_reference_segment, "
        "flag_significant from (values ('all', 0.5, 1, true), ('medical', 1.0, 0, false)) "
        "as v (cluster_type, refusal_share, reviewed_events, flag_significant)",
    ),
    # the same two rows: the 'all' row counts a review its types lack...
    "assert_segment_disparity_types_add_up_to_all": (),
    # ...and is flagged without a lower bound above 1
    "assert_segment_disparity_ratios_within_interval": (),
    "assert_refusal_calibration_grains_add_up": (  # the cell counts 1 of the day's 2
        "insert into marts.refusal_calibration by name "
        + _CALIBRATION_DAY.format(day="date '2026-03-08'"),
        "update marts.refusal_calibration set refusals = 2 "
        "where event_day = date '2026-03-08' and grain <> 'cell'",
    ),
    "assert_refusal_calibration_estimates_are_consistent": (  # gating flagged on a day row
        "insert into marts.refusal_calibration by name "
        + _CALIBRATION_DAY.format(day="date '2026-03-09'"),
        "update marts.refusal_calibration set compounded_gating = true "
        "where event_day = date '2026-03-09' and grain = 'day'",
    ),
    "assert_cluster_status_follows_its_rules": (  # no events in the window, yet 'stable'
        "insert into marts.cluster_status by name select "
        f"{_WINDOW} as window_end_day, 'X5' as cluster_id, date '2026-01-01' as first_seen_day, "
        f"{_WINDOW} - 6 as window_start_day, {_WINDOW} - 13 as previous_window_start_day, "
        "0 as volume, 3 as previous_volume, -1.0 as volume_change, 'stable' as status",
    ),
    "assert_int_event_reviews_majority_follows_votes": (  # a 1-1 tie with a majority
        "insert into intermediate.int_event_reviews by name select 'v1' as event_id, "
        "2 as n_reviews, 1 as should_help_votes, 1 as should_refuse_votes, "
        "'should_help' as majority_verdict, true as reviewers_disagree",
    ),
    "assert_int_refusal_verdicts_weights_follow_verdicts": (  # should_refuse weighs as help
        "insert into intermediate.int_refusal_verdicts by name select 'v1' as event_id, "
        "true as is_reviewed, false as reviewers_disagree, 'should_refuse' as majority_verdict, "
        "2.0 as review_weight, 2.0 as should_help_weight",
    ),
    "assert_event_routes_match_route_volumes": (  # a route of 5 events with none behind it
        "insert into analytics.cluster_routes (batch_day, cluster_id, segment, label, destination,"
        " triaged, rule, reason, volume, distinct_users, reprompt_rate, reviewed_events,"
        f" capability_share, reviews_needed) values ({_WINDOW}, 'C9', 'all', 'l', 'monitor',"
        " false, 'r', 'why', 5, 5, 0.0, 0, 0.0, 0)",
    ),
    "assert_int_refusals_sessionized_next_action_follows_rules": (  # session_end, next exists
        "insert into intermediate.int_refusals_sessionized by name select 'v1' as event_id, "
        "'v2' as next_event_id, 'session_end' as next_action, true as next_action_derived",
    ),
}
# fmt: on


def test_every_singular_invariant_fails_on_a_violating_row(empty_warehouse, monkeypatch):
    tmp, _ = empty_warehouse
    singular = {p.stem for p in (PROJECT_DIR / "tests").rglob("*.sql") if "generic" not in p.parts}
    assert singular == set(VIOLATIONS), "each singular test needs its violating row here"
    # a copy of the empty warehouse (same file name: DuckDB names the catalog after it), taken
    # after a checkpoint: dbt-duckdb may still hold the file open, its writes in the WAL
    source = tmp / "refusal_backlog.duckdb"
    with duckdb.connect(str(source)) as con:
        con.execute("checkpoint")
    db_path = tmp / "broken" / source.name
    db_path.parent.mkdir()
    db_path.write_bytes(source.read_bytes())
    con = duckdb.connect(str(db_path))
    for statements in VIOLATIONS.values():
        for statement in statements:
            con.execute(statement)
    con.close()
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")

    result = _dbt(tmp / "broken", db_path, "test", "--select", "test_type:singular")

    assert not result.success
    outcomes = {r.node.name: (str(r.status), r.failures) for r in result.result}
    assert outcomes == {name: ("fail", 1) for name in singular}
