import io
import json
from datetime import date

import pytest

from assets import cli


def test_redact_reads_json_lines_and_keeps_order_and_fields(monkeypatch, capsys):
    lines = [
        {"id": 1, "text": "mail me at jo.smith@example.org"},
        {"id": 2, "text": None},
        {"id": 3, "text": "nothing personal here"},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    assert cli.main(["redact"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == [1, 2, 3]
    assert out[0]["text"] == "mail me at <EMAIL>"
    assert out[1]["text"] is None and out[2]["text"] == "nothing personal here"


def test_redact_rejects_bad_input_with_a_line_number(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"text": "ok"}\n{not json\n'))
    assert cli.main(["redact"]) == 2
    assert "line 2" in capsys.readouterr().err


def test_run_without_a_pseudonym_key_stops_before_any_work(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("REFUSAL_BACKLOG_PSEUDONYM_KEYS", raising=False)
    db = tmp_path / "w.duckdb"
    code = cli.main(["run", "--landing", str(tmp_path), "--date", "2026-11-18", "--db", str(db)])
    assert code == 2
    assert "REFUSAL_BACKLOG_PSEUDONYM_KEYS" in capsys.readouterr().err
    assert not db.exists()


def test_run_processes_a_day_of_real_logs_with_the_operators_key(monkeypatch, tmp_path, capsys):
    import duckdb

    from pipeline.sample_data import generate_landing

    manifest = generate_landing(
        tmp_path / "landing", date(2026, 11, 18), days=1, events_per_day=60, seed=5
    )
    monkeypatch.setenv("REFUSAL_BACKLOG_PSEUDONYM_KEYS", "v1=" + "a" * 32 + ";v2=" + "b" * 32)
    db = tmp_path / "w.duckdb"
    code = cli.main(
        [
            "run",
            "--landing",
            str(tmp_path / "landing"),
            "--date",
            "2026-11-18",
            "--db",
            str(db),
            "--outputs",
            str(tmp_path / "out"),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert f"loaded {manifest.events_written}" in out
    with duckdb.connect(str(db), read_only=True) as conn:
        versions = conn.execute(
            "select distinct pseudonym_key_version from analytics.minimized_refusal_events"
        ).fetchall()
    assert versions == [("v2",)]


def test_detect_labels_json_lines_and_keeps_order_and_fields(monkeypatch, capsys):
    lines = [
        {"id": 1, "response": "I'm sorry, but I can't help with that.", "prompt": "p", "x": [1]},
        {"id": 2, "response": "Sure: run `kill -9 <PID>` after finding the PID with `ps aux`."},
        {"id": 3, "response": "", "prompt": None},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n\n"))
    monkeypatch.setattr(cli, "DETECT_BATCH", 2)  # a stream longer than a batch
    assert cli.main(["detect"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [{k: o[k] for k in x} for o, x in zip(out, lines, strict=True)] == lines
    assert [o["refusal"] for o in out[:2]] == ["full_refusal", "compliance"]
    assert out[0]["refusal_score"] > 0.5 > out[1]["refusal_score"]
    assert out[2]["refusal"] in {"full_refusal", "partial_refusal", "compliance"}
    assert 0 <= out[2]["refusal_score"] <= 1


@pytest.mark.parametrize(
    "bad",
    ["{not json", "[1, 2]", '{"prompt": "no response"}', '{"response": 7}', '{"response": null}'],
)
def test_detect_rejects_a_bad_line_naming_it(monkeypatch, capsys, bad):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"response": "ok"}\n' + bad + "\n"))
    assert cli.main(["detect"]) == 2
    out, err = capsys.readouterr()
    assert "line 2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert [json.loads(line)["response"] for line in out.splitlines()] == ["ok"]
