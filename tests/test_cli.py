import io
import json

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
