from datetime import date

import pandas as pd

from pipeline.minimize import KEPT_COLUMNS, minimize_events, text_hash
from pipeline.privacy import Pseudonymizer, default_redactor


def raw_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "event_id": "e1",
                "batch_day": date(2026, 11, 18),
                "event_day": date(2026, 11, 18),
                "occurred_at": pd.Timestamp("2026-11-18T10:00"),
                "user_id": "u-42",
                "session_id": "s-9",
                "turn_index": 0,
                "request_text": "I am Maria Gonzalez, mail maria.gonzalez84@example.com a chart",
                "response_text": None,
                "feedback_text": "call +44 20 7946 0958",
                "refusal_category": "medical",
                "policy_rule": "clf.medical.v3",
                "layer": "classifier",
                "surface": "chat",
                "model_version": "m1",
                "account_type": "pro",
                "user_segment": "en-GB",
                "locale": "en-GB",
                "next_action": None,
                "source_file": "/landing/x.jsonl",
                "source_line": 7,
                "extra_field": "dropped",
            }
        ]
    )


def test_minimized_rows_keep_only_what_analysis_needs():
    keys = Pseudonymizer(keys={"v1": b"k" * 32}, active_version="v1")
    row = minimize_events(raw_rows(), default_redactor(), keys).iloc[0]
    assert "Maria" not in row["request_text"] and "@" not in row["request_text"]
    assert "<EMAIL>" in row["request_text"] and "<PHONE>" in row["feedback_text"]
    assert row["response_text"] is None
    assert row["user_pseudonym"] == keys.pseudonymize("u-42") != "u-42"
    assert row["pseudonym_key_version"] == "v1"
    assert row["request_text_hash"] == text_hash(row["request_text"])
    assert not {"user_id", "session_id", "source_file", "extra_field"} & set(row.index)
    assert set(KEPT_COLUMNS) <= set(row.index)


def test_a_new_key_version_rekeys_going_forward():
    old = Pseudonymizer(keys={"v1": b"a" * 32}, active_version="v1")
    new = Pseudonymizer(keys={"v1": b"a" * 32, "v2": b"b" * 32}, active_version="v2")
    first = minimize_events(raw_rows(), default_redactor(), old).iloc[0]
    second = minimize_events(raw_rows(), default_redactor(), new).iloc[0]
    assert first["user_pseudonym"] != second["user_pseudonym"]
    assert (first["pseudonym_key_version"], second["pseudonym_key_version"]) == ("v1", "v2")


class NamesZorblax:
    """A name model that knows one more name than the rules: the redactor "upgrade"."""

    version = "zorblax-1"

    def person_spans_many(self, texts):
        name = "Zorblax Quenth"
        return [[(t.find(name), t.find(name) + len(name))] if name in t else [] for t in texts]


def _warehouse_with(rows: pd.DataFrame, redactor, keys):
    from pipeline.warehouse import connect, replace_partition

    conn = connect(":memory:")
    day = date(2026, 11, 18)
    raw = rows.drop(columns="extra_field").assign(ingested_at=pd.Timestamp("2026-11-18T11:00"))
    replace_partition(conn, "raw.refusal_events", day, raw)
    replace_partition(
        conn, "analytics.minimized_refusal_events", day, minimize_events(rows, redactor, keys)
    )
    return conn


def test_an_upgraded_redactor_redoes_history_from_raw_or_from_minimized_text():
    from pipeline.minimize import reminimize_history
    from pipeline.privacy import Redactor

    keys = Pseudonymizer(keys={"v1": b"k" * 32}, active_version="v1")
    rows = pd.concat([raw_rows(), raw_rows().assign(event_id="e2")], ignore_index=True)
    rows["request_text"] = "Ask Zorblax Quenth about the chart"
    old, new = Redactor(), Redactor(person_ner=NamesZorblax())
    conn = _warehouse_with(rows, old, keys)
    conn.execute("delete from raw.refusal_events where event_id = 'e2'")  # purged by retention

    redone = reminimize_history(conn, new, keys, "run-1")

    assert (redone.from_raw, redone.rescanned, redone.from_versions) == (1, 1, (old.version,))
    texts = conn.execute(
        """select event_id, request_text, request_text_hash, redactor_version
           from analytics.minimized_refusal_events order by 1"""
    ).fetchall()
    for _, text, digest, version in texts:
        assert text == "Ask <PERSON> about the chart"
        assert digest == text_hash(text) and version == new.version
    log = conn.execute(
        "select rows_from_raw, rows_rescanned, to_version from audit.reminimization_log"
    ).fetchall()
    assert log == [(1, 1, new.version)]
    # nothing left to redo: a second pass changes nothing and logs nothing
    assert reminimize_history(conn, new, keys, "run-2").from_raw == 0
    assert conn.execute("select count(*) from audit.reminimization_log").fetchall() == [(1,)]
