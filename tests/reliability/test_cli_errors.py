"""Every CLI error is one stderr line `refusal-backlog: <what> (<fix>)`, exit 2, before any work."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from assets import cli
from pipeline.config import ConfigError, check_warehouse_path, project_schemas
from pipeline.lock import warehouse_lock
from pipeline.warehouse import ensure_schema

DAY = "2026-11-18"
KEY = "v1=" + "ab" * 32


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFUSAL_BACKLOG_PSEUDONYM_KEYS", KEY)


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    """A landing zone with one (unread) event file for DAY."""
    day_dir = tmp_path / "landing" / "events" / DAY
    day_dir.mkdir(parents=True)
    (day_dir / "part-0.jsonl").write_text("{}\n")
    return tmp_path / "landing"


FILLERS = {"DATE": date(2026, 11, 17), "TIMESTAMP": datetime(2026, 11, 17, 9), "VARCHAR": "x"}


def insert(conn: duckdb.DuckDBPyConnection, table: str, **values: object) -> None:
    """One row: the given values, a filler in every other NOT NULL column (the schema evolves)."""
    schema, name = table.split(".")
    for column, kind, nullable in conn.execute(
        "select column_name, data_type, is_nullable from duckdb_columns() "
        "where schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchall():
        if column not in values and not nullable:
            values[column] = FILLERS.get(kind, 0)
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    conn.execute(f"insert into {table} ({columns}) values ({marks})", list(values.values()))


def warehouse(path: Path, processed: str | None = None) -> Path:
    """A warehouse with the project's tables, one raw event, and the day `processed` clustered."""
    with duckdb.connect(str(path)) as conn:
        ensure_schema(conn)
        insert(conn, "raw.refusal_events", event_id="e0")
        if processed:
            day = date.fromisoformat(processed)
            for i in range(6):
                insert(
                    conn,
                    "analytics.minimized_refusal_events",
                    event_id=f"e{i}",
                    batch_day=day,
                    event_day=day,
                    occurred_at=datetime(day.year, day.month, day.day, 9, i),
                    user_pseudonym=f"u{i}",
                    refusal_category="other",
                    account_type="free",
                )
                insert(
                    conn,
                    "analytics.cluster_assignments",
                    event_id=f"e{i}",
                    batch_day=day,
                    event_day=day,
                    cluster_id="C0001" if i < 4 else None,
                    membership_probability=1.0,
                )
    return path


def raw_events(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute("select count(*) from raw.refusal_events").fetchone()[0]


def fails(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = 2) -> str:
    """Run the CLI in-process; assert the exit code and one stderr line; return that line."""
    try:
        result = cli.main(argv)
    except SystemExit as exc:  # argparse
        result = exc.code
    err = capsys.readouterr().err
    assert result == code, err
    assert err.startswith("refusal-backlog: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def run_args(tmp_path: Path, *extra: str, db: str = "w.duckdb") -> list[str]:
    return ["run", "--landing", str(tmp_path / "landing"), "--date", DAY,
            "--db", str(tmp_path / db), *extra]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-13-01", "month must be in 1..12"),
        ("2026-02-30", "day is out of range for month"),
        ("20261120", "is not a day (write it YYYY-MM-DD"),
        ("2026-W47-1", "is not a day"),
        ("yesterday", "is not a day"),
    ],
)
def test_a_bad_date_is_named_with_the_expected_form(tmp_path, capsys, text, says):
    err = fails(["run", "--landing", str(tmp_path), "--date", text], capsys)
    assert "argument --date" in err and says in err


@pytest.mark.parametrize(
    ("day", "says"),
    [("2025-12-31", "before the first partition 2026-01-01"), ("2999-01-01", "not over")],
)
def test_a_day_outside_the_partitions_is_refused_before_work(tmp_path, capsys, key, day, says):
    argv = ["run", "--landing", str(tmp_path), "--date", day, "--db", str(tmp_path / "w.duckdb")]
    assert says in fails(argv, capsys)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--role", "pm"],
        ["lineage", "--ticket", "RB-C0001"],
        ["review-sample", "--date", DAY],
    ],
)
def test_reading_commands_need_a_warehouse_and_never_create_one(tmp_path, capsys, argv):
    db = tmp_path / "missing" / "w.duckdb"
    err = fails([*argv, "--db", str(db)], capsys)
    assert err == (
        f"refusal-backlog: no warehouse at {db} (run `refusal-backlog run` first or pass --db)"
    )
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("argv", [["export", "--role", "pm"], ["lineage", "--ticket", "RB-C0001"]])
def test_a_warehouse_without_a_processed_day_is_refused(tmp_path, capsys, argv):
    db = warehouse(tmp_path / "w.duckdb")
    err = fails(
        [*argv, "--db", str(db), *(["--out", str(tmp_path / "x")] * (argv[0] == "export"))], capsys
    )
    assert f"warehouse {db} holds no processed day (run `refusal-backlog run" in err
    assert not (tmp_path / "x").exists()


def test_review_sample_on_an_unprocessed_day_is_refused(tmp_path, capsys):
    db = warehouse(tmp_path / "w.duckdb", processed="2026-11-17")
    err = fails(["review-sample", "--date", DAY, "--db", str(db)], capsys)
    assert f"day {DAY} is not processed in warehouse {db}, which holds only 2026-11-17" in err
    assert f"(run `refusal-backlog run --date {DAY}` first)" in err


def test_review_sample_is_quiet_on_the_terminal(tmp_path, capfd):
    """Dagster's DEBUG lines go to OUTPUTS/logs, not the terminal (fd level: they are streams)."""
    db = warehouse(tmp_path / "w.duckdb", processed=DAY)
    out_dir = tmp_path / "out"
    argv = ["review-sample", "--date", DAY, "--size", "3", "--db", str(db)]
    assert cli.main([*argv, "--outputs", str(out_dir)]) == 0
    out, err = capfd.readouterr()
    assert out.splitlines()[0] == "sampled 3 events for review"
    assert err == "" and "DEBUG" not in out
    assert "RUN_SUCCESS" in (out_dir / "logs" / f"review-sample-{DAY}.log").read_text()


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("[routing\nmin_volume = 3\n", "is not valid TOML: Expected ']'"),
        ("[routing]\nmin_volum = 3\n", "routing.min_volum: unknown setting"),
        ("[rooting]\nmin_volume = 3\n", "rooting: unknown setting"),
        ("[routing]\nmin_volume = 'many'\n", "routing.min_volume: Input should be a valid integer"),
        ("[routing]\nover_refusal_rate = 1.5\n", "routing.over_refusal_rate: Input should be less"),
        (
            "[routing]\nover_refusal_rate = 0.1\nconfirmed_refusal_rate = 0.3\n",
            "routing: confirmed_refusal_rate (0.3) must be below over_refusal_rate (0.1)",
        ),
        (
            "[routing]\ncapability_response_pattern = '(cannot'\n",
            "routing.capability_response_pattern: not a regular expression DuckDB (RE2) accepts",
        ),
        (
            "[routing]\ncapability_response_pattern = '(?=x)cannot'\n",  # Python's re takes it
            "routing.capability_response_pattern: not a regular expression",
        ),
        ("[clustering]\nwindow_days = 400\n", "exceeds retention.minimized_days (395)"),
        ("[review]\nper_cluster_minimum = 9\n", "per_cluster_minimum (9) exceeds"),
        ("[verdicts]\nmax_training_events = 12\n", "below twice min_reviews_per_verdict"),
        ("partitions_start = '2026-01-01'\n", "set by the REFUSAL_BACKLOG_PARTITIONS_START"),
    ],
)
def test_a_bad_config_is_refused_naming_the_file_and_setting(tmp_path, capsys, key, toml, says):
    config = tmp_path / "tuning.toml"
    config.write_text(toml)
    err = fails(run_args(tmp_path, "--config", str(config)), capsys)
    assert f"config file {config}" in err and says in err, err
    assert not (tmp_path / "w.duckdb").exists()


def test_a_bad_partitions_start_is_refused_naming_the_variable(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REFUSAL_BACKLOG_PARTITIONS_START", "2026/01/01")
    err = fails(run_args(tmp_path), capsys)
    assert "REFUSAL_BACKLOG_PARTITIONS_START '2026/01/01' is not a day" in err, err
    assert not (tmp_path / "w.duckdb").exists()


def test_a_missing_config_file_is_named(tmp_path, capsys):
    err = fails(run_args(tmp_path, "--config", str(tmp_path / "nope.toml")), capsys)
    assert f"config file {tmp_path / 'nope.toml'}: No such file or directory" in err


@pytest.mark.parametrize(
    "name",
    [
        "main.duckdb",
        "system.duckdb",
        "temp.duckdb",
        "analytics.duckdb",
        "marts.duckdb",
        "Marts.v2.duckdb",
    ],  # fmt: skip
)
def test_a_warehouse_named_like_a_catalog_or_schema_is_refused(tmp_path, capsys, key, name):
    err = fails(run_args(tmp_path, db=name), capsys)
    catalog = name.split(".")[0].lower()
    assert f"DuckDB names its catalog {catalog!r} after the file" in err
    assert "(rename it, e.g. --db " in err
    assert not (tmp_path / name).exists()


def test_the_schema_list_comes_from_the_ddl_the_exports_and_dbt():
    assert {"raw", "analytics", "tracker", "audit"} <= project_schemas()  # warehouse DDL
    assert {"export_pm", "export_trust_safety", "export_compliance"} <= project_schemas()
    assert {"staging", "intermediate", "marts", "compliance"} <= project_schemas()  # dbt


def test_a_warehouse_folder_that_cannot_be_created_is_refused(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="cannot create it under"):
        check_warehouse_path(tmp_path / "file" / "sub" / "w.duckdb")
    with pytest.raises(ConfigError, match="is a folder"):
        check_warehouse_path(tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--rol", "pm"],
        ["run", "--landing", "x", "--dat", DAY],
        ["review-sample", "--date", DAY, "--siz", "3"],
        ["--deb", "redact"],
    ],
)
def test_abbreviated_options_are_not_taken(capsys, argv):
    err = fails(argv, capsys)
    assert "unrecognized arguments" in err or "required: --" in err


def test_a_missing_landing_folder_leaves_the_warehouse_untouched(tmp_path, capsys, key):
    db = warehouse(tmp_path / "w.duckdb")
    err = fails(run_args(tmp_path), capsys)
    assert str(tmp_path / "landing" / "events") in err and "--landing" in err
    assert raw_events(db) == 1
    assert not (tmp_path / "w.duckdb.lock").exists()


def test_a_day_with_no_files_is_refused_unless_allowed(tmp_path, capsys, key, landing):
    db = warehouse(tmp_path / "w.duckdb")
    err = fails(run_args(tmp_path)[:-4] + ["--date", "2026-11-19", "--db", str(db)], capsys)
    assert "2026-11-19" in err and "--allow-empty" in err
    assert raw_events(db) == 1


def test_allow_empty_reaches_the_check_and_the_run(tmp_path, capsys, key, monkeypatch):
    seen = {}

    def fake_run_days(paths, days, allow_empty=False, verbose=False, lock_held=False):
        seen.update(days=days, allow_empty=allow_empty)
        raise RuntimeError("stop here")

    monkeypatch.setattr(cli, "run_days", fake_run_days)
    (tmp_path / "landing" / "events").mkdir(parents=True)
    fails(run_args(tmp_path, "--allow-empty"), capsys, code=1)
    assert seen == {"days": [date.fromisoformat(DAY)], "allow_empty": True}


def test_a_second_run_on_a_held_warehouse_stops_before_any_work(tmp_path, capsys, key, landing):
    db = tmp_path / "w.duckdb"
    with warehouse_lock(db, "refusal-backlog run --date 2026-11-17"):
        err = fails(run_args(tmp_path), capsys)
    assert err.startswith(f"refusal-backlog: warehouse {db} is in use by pid ")
    assert "(refusal-backlog run --date 2026-11-17, since " in err
    assert err.endswith("(wait for it to finish, or pass --wait)")
    assert not db.exists()


def test_debug_shows_the_traceback_and_the_default_does_not(tmp_path, capsys, key):
    config = tmp_path / "t.toml"
    config.write_text("[routing]\nmin_volum = 3\n")
    fails(run_args(tmp_path, "--config", str(config)), capsys)
    assert cli.main(["--debug", *run_args(tmp_path, "--config", str(config))]) == 2
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ValidationError" in err
    assert err.splitlines()[-1].startswith("refusal-backlog: config file")
    assert cli.main([*run_args(tmp_path, "--config", str(config)), "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_a_failing_job_names_its_step_and_log_and_exits_1(
    tmp_path, capsys, key, landing, monkeypatch
):
    log = tmp_path / "out" / "logs" / "run.log"

    class StepError(Exception):
        step_key = "minimized_refusal_events"

    def failing_run_days(paths, days, allow_empty=False, verbose=False, lock_held=False):
        with cli._job_output(log, verbose, f"run of {days[0]}"):
            print("dbt progress")
            try:
                raise KeyError("user_id")
            except KeyError as exc:
                raise StepError("step failed") from exc

    monkeypatch.setattr(cli, "run_days", failing_run_days)
    err = fails(run_args(tmp_path), capsys, code=1)
    assert err == (
        f"refusal-backlog: run of {DAY} failed in minimized_refusal_events: KeyError: 'user_id' "
        f"(the traceback is in {log})"
    )
    text = log.read_text()
    assert "dbt progress" in text and "Traceback" in text and "KeyError" in text


def test_a_user_error_raised_inside_the_job_still_exits_2(
    tmp_path, capsys, key, landing, monkeypatch
):
    from pipeline.ingest import LandingError

    def failing_run_days(paths, days, allow_empty=False, verbose=False, lock_held=False):
        with cli._job_output(tmp_path / "run.log", verbose, "run"):
            raise LandingError("no event files for 2026-11-18 (pass --allow-empty)")

    monkeypatch.setattr(cli, "run_days", failing_run_days)
    err = fails(run_args(tmp_path), capsys)
    assert err == "refusal-backlog: no event files for 2026-11-18 (pass --allow-empty)"


def test_help_imports_neither_dagster_nor_the_data_stack():
    script = (
        "import sys, assets.cli; assets.cli.parser(); "
        "print(sorted(m for m in ('dagster', 'pandas', 'duckdb', 'torch', 'presidio_analyzer') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_exits_0_with_the_commands(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    assert "review-sample" in capsys.readouterr().out
