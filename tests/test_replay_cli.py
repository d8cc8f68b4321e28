"""`refusal-backlog replay`: exit codes, the recorded acceptance, --json, the endpoint path."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from assets import cli

REFUSAL = "I'm sorry, but I can't help with that."
ANSWER = "Sure! Mix flour, sugar, eggs and butter, then bake the cake at 180 C for 30 minutes."
PROMPTS = 30  # of each kind


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = ["prompt_id,prompt,expected,category"]
    lines += [f"h{i},benign question {i},help,benign" for i in range(PROMPTS)]
    lines += [f"r{i},harmful question {i},refuse,harm" for i in range(PROMPTS)]
    path = tmp_path / "corpus.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _responses(tmp_path: Path, name: str, refused_help: int) -> Path:
    """Refuses every harmful prompt and the first `refused_help` benign ones."""
    lines = ["prompt_id,response"]
    for i in range(PROMPTS):
        lines.append(f'h{i},"{REFUSAL if i < refused_help else ANSWER}"')
        lines.append(f'r{i},"{REFUSAL}"')
    path = tmp_path / f"{name}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _replay(db: Path, corpus: Path, release: str, *extra: str) -> int:
    return cli.main(
        ["replay", "--corpus", str(corpus), "--release", release, "--db", str(db), *extra]
    )


def test_a_regression_exits_3_and_an_accepted_one_0_with_its_reason_recorded(
    tmp_path, corpus, capsys
):
    db = tmp_path / "w.duckdb"
    assert _replay(db, corpus, "v1", "--responses", str(_responses(tmp_path, "v1", 1))) == 0
    worse = str(_responses(tmp_path, "v2", 12))
    assert _replay(db, corpus, "v2", "--responses", worse) == 3
    out = capsys.readouterr().out
    assert "vs v1: false-refusal rate 3.3% -> 40.0%" in out and "REGRESSION" in out
    assert "--accept-regression" in out
    assert _replay(db, corpus, "v2", "--responses", worse, "--accept-regression", "on purpose") == 0
    assert "regression accepted: on purpose" in capsys.readouterr().out
    with duckdb.connect(str(db), read_only=True) as conn:
        audit = conn.execute(
            "select release, baseline, reason, false_refusal_rate from audit.replay_acceptances"
        ).fetchall()
        replays = conn.execute(
            "select release, regression, accepted from analytics.release_replays order by 1"
        ).fetchall()
    assert audit == [("v2", "v1", "on purpose", pytest.approx(0.4))]
    assert replays == [("v1", False, False), ("v2", True, True)]


def test_json_is_one_object_with_rates_intervals_categories_and_the_verdict(
    tmp_path, corpus, capsys
):
    db = tmp_path / "w.duckdb"
    _replay(db, corpus, "v1", "--responses", str(_responses(tmp_path, "v1", 1)))
    capsys.readouterr()
    code = _replay(db, corpus, "v2", "--responses", str(_responses(tmp_path, "v2", 12)), "--json")
    assert code == 3
    (line,) = capsys.readouterr().out.splitlines()
    summary = json.loads(line)
    assert summary["release"] == "v2" and summary["baseline"] == "v1"
    assert summary["false_refusal_rate"] == pytest.approx(0.4)
    assert summary["true_refusal_rate"] == 1.0
    low, high = summary["false_refusal_interval"]
    assert 0 <= low < 0.4 < high <= 1
    assert len(summary["true_refusal_interval"]) == 2
    assert summary["categories"]["benign"]["false_refusal_rate"] == pytest.approx(0.4)
    assert summary["categories"]["harm"]["true_refusal_rate"] == 1.0
    assert summary["regression"] is True and summary["false_refusal_regression"] is True
    assert summary["false_refusal_change"]["p_value"] < 0.05


def test_the_bundled_xstest_corpus_is_the_default_and_is_cited(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    lines = ["prompt_id,response"] + [f'{i},"{ANSWER}"' for i in range(1, 451)]
    responses = tmp_path / "r.csv"
    responses.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = cli.main(["replay", "--release", "v1", "--responses", str(responses), "--db", str(db)])
    assert code == 0
    out = capsys.readouterr().out
    assert "corpus xstest (450 prompts" in out and "CC-BY-4.0" in out
    assert "false-refusal rate: 0.0%" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--responses", "{missing}"], "no such file"),
        (["--responses", "{bad_columns}"], "lacks column(s) response"),
        (["--responses", "{unknown_ids}"], "prompt_id zz that corpus"),
        (["--endpoint", "http://127.0.0.1:9"], "--endpoint needs --model"),
        (["--responses", "{good}", "--baseline", "v0"], "--baseline v0 was never replayed"),
        (["--responses", "{good}", "--release", "no/slash"], "release name 'no/slash'"),
        (["--corpus", "{bad_corpus}", "--responses", "{good}"], "expected must be 'help' or"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, corpus, capsys, args, message):
    files = {
        "missing": tmp_path / "nope.csv",
        "bad_columns": tmp_path / "bad.csv",
        "unknown_ids": tmp_path / "unknown.csv",
        "good": _responses(tmp_path, "good", 0),
        "bad_corpus": tmp_path / "bad_corpus.csv",
    }
    files["bad_columns"].write_text("prompt_id,answer\nh0,x\n", encoding="utf-8")
    files["unknown_ids"].write_text(
        files["good"].read_text(encoding="utf-8") + 'zz,"x"\n', encoding="utf-8"
    )
    files["bad_corpus"].write_text("prompt_id,prompt,expected\nh0,a,yes\n", encoding="utf-8")
    args = [arg.format(**files) for arg in args]
    release = [] if "--release" in args else ["--release", "v1"]
    db = tmp_path / "w.duckdb"
    code = cli.main(["replay", "--corpus", str(corpus), *release, "--db", str(db), *args])
    assert code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_responses_and_endpoint_are_one_or_the_other(tmp_path, corpus, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["replay", "--corpus", str(corpus), "--release", "v1"])
    assert exit_.value.code == 2
    assert "one of the arguments --responses --endpoint is required" in capsys.readouterr().err


# --- the endpoint ---------------------------------------------------------------------------


class ChatServer(ThreadingHTTPServer):
    """Canned chat completions: refuses prompts holding 'harmful' or 'refused', answers the
    rest; fails the first request for a prompt holding 'flaky429' (429, Retry-After 0) or
    'flaky500' (500); always fails with `always` when set."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ChatHandler)
        self.requests: list[dict] = []
        self.failed: set[str] = set()
        self.always: int | None = None
        self.retry_after = "0"
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class ChatHandler(BaseHTTPRequestHandler):
    server: ChatServer

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, body: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][0]["content"]
        with self.server.lock:
            self.server.requests.append(
                {"path": self.path, "auth": self.headers.get("Authorization"), **body}
            )
            first = prompt not in self.server.failed
            self.server.failed.add(prompt)
        if self.path != "/v1/chat/completions":
            return self._send(404, {"error": "no such route"})
        if self.server.always is not None:
            return self._send(self.server.always, {"error": {"message": "nope"}})
        if first and "flaky429" in prompt:
            return self._send(429, {"error": "slow down"}, {"Retry-After": self.server.retry_after})
        if first and "flaky500" in prompt:
            return self._send(500, {"error": "oops"})
        refused = "harmful" in prompt or "refused" in prompt
        content = REFUSAL if refused else ANSWER
        self._send(200, {"choices": [{"message": {"role": "assistant", "content": content}}]})


@pytest.fixture
def server() -> Iterator[ChatServer]:
    server = ChatServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast_retries(tmp_path: Path) -> Path:
    config = tmp_path / "replay.toml"
    config.write_text(
        "[replay]\nretries = 2\nbackoff_seconds = 0.01\nmax_wait_seconds = 1\nconcurrency = 3\n"
        "timeout_seconds = 5\n",
        encoding="utf-8",
    )
    return config


def _endpoint_corpus(tmp_path: Path) -> Path:
    lines = ["prompt_id,prompt,expected"]
    lines += [f"h{i},benign question {i},help" for i in range(8)]
    lines += ["h8,benign flaky429 question,help", "h9,benign flaky500 question,help"]
    lines += ["h10,please get refused,help"]
    lines += [f"r{i},harmful question {i},refuse" for i in range(6)]
    path = tmp_path / "endpoint_corpus.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_endpoint_is_asked_every_prompt_with_retries_on_429_and_500(
    tmp_path, server, fast_retries, monkeypatch, capsys
):
    monkeypatch.setenv("REFUSAL_BACKLOG_REPLAY_API_KEY", "sk-test")
    corpus = _endpoint_corpus(tmp_path)
    db = tmp_path / "w.duckdb"
    args = ["--endpoint", server.url, "--model", "m-1", "--config", str(fast_retries), "--json"]
    assert _replay(db, corpus, "v1", *args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["false_refusal_rate"] == pytest.approx(1 / 11)
    assert summary["true_refusal_rate"] == 1.0
    assert len(server.requests) == 17 + 2, "each prompt once, the two flaky ones twice"
    assert {r["path"] for r in server.requests} == {"/v1/chat/completions"}
    assert {r["auth"] for r in server.requests} == {"Bearer sk-test"}
    assert {r["model"] for r in server.requests} == {"m-1"}
    with duckdb.connect(str(db), read_only=True) as conn:
        stored = conn.execute(
            "select response, detected_label from analytics.release_replay_responses "
            "where prompt_id = 'h8'"
        ).fetchone()
        source = conn.execute("select source from analytics.release_replays").fetchone()
    assert stored == (ANSWER, "compliance")
    assert source == (f"endpoint {server.url} model m-1",)


@pytest.mark.parametrize(("status", "message"), [(401, "refused prompt_id"), (503, "3 times")])
def test_an_endpoint_that_refuses_or_keeps_failing_is_a_clear_error(
    tmp_path, server, fast_retries, capsys, status, message
):
    server.always = status
    db = tmp_path / "w.duckdb"
    args = ["--endpoint", server.url, "--model", "m", "--config", str(fast_retries)]
    assert _replay(db, _endpoint_corpus(tmp_path), "v1", *args) == 2
    err = capsys.readouterr().err
    assert message in err and f"HTTP {status}" in err and "Traceback" not in err
    with duckdb.connect(str(db)) as conn:
        stored = conn.execute(
            "select count(*) from duckdb_tables() where table_name = 'release_replays'"
        ).fetchone()
    assert stored == (0,), "nothing is written before every answer is in"


def test_a_retry_after_longer_than_the_longest_wait_fails_at_once(
    tmp_path, server, fast_retries, capsys
):
    server.retry_after = "120"
    args = ["--endpoint", server.url, "--model", "m", "--config", str(fast_retries)]
    assert _replay(tmp_path / "w.duckdb", _endpoint_corpus(tmp_path), "v1", *args) == 2
    assert "asks to wait 120 s (Retry-After)" in capsys.readouterr().err
    flaky = [r for r in server.requests if "flaky429" in r["messages"][0]["content"]]
    assert len(flaky) == 1
