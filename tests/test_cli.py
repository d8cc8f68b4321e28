import io
import json
from datetime import date

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
