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
