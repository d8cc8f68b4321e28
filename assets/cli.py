"""`refusal-backlog`: run the daily asset job, the bundled demo, or the redactor on stdin."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from contextlib import redirect_stdout
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dagster import DagsterInstance

from pipeline.config import DB_ENV, OUTPUT_ENV, REPO_ROOT, Paths
from pipeline.report import RunSummary, summarize

DEMO_DIR = REPO_ROOT / "data" / "demo"
QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def run_days(
    paths: Paths, days: list[date], demo: bool = False, instance: DagsterInstance | None = None
) -> RunSummary:
    """Materialize every asset for each day in order, through the job the schedule runs."""
    paths.export()  # the partitions and dbt's profile read them at import
    from assets.definitions import build_definitions
    from assets.schedules import DAILY_JOB
    from pipeline.warehouse import connect

    job = build_definitions(paths, demo=demo).resolve_job_def(DAILY_JOB)
    created = updated = 0
    log_dir = paths.outputs / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    for day in days:
        # dbt's own progress lines go to a log file, so the terminal shows the summary only.
        with open(log_dir / f"run-{day.isoformat()}.log", "a") as log, redirect_stdout(log):
            result = job.execute_in_process(
                partition_key=day.isoformat(), run_config=QUIET, instance=instance
            )
        for materialization in result.asset_materializations_for_node("backlog_tickets"):
            created += int(materialization.metadata["created"].value)
            updated += int(materialization.metadata["updated"].value)
    conn = connect(str(paths.db))
    try:
        summary = summarize(conn, days)
    finally:
        conn.close()
    summary.tickets_created, summary.tickets_updated = created, updated
    return summary


def _paths(args: argparse.Namespace, **overrides: Path) -> Paths:
    """Command-line options win over the environment, which wins over the defaults."""
    given = {"db": args.db, "config_file": args.config}
    given.update(overrides)
    chosen = {k: Path(v).resolve() for k, v in given.items() if v}
    return Paths.from_env().model_copy(update=chosen)


def _print_summary(summary: RunSummary, paths: Paths) -> None:
    for line in summary.lines(str(paths.db), str(paths.outputs / "tickets")):
        print(line)


def cmd_demo(args: argparse.Namespace) -> int:
    from pipeline.sample_data import generate_landing

    workdir = Path(args.workdir)
    landing = workdir / "landing"
    shutil.rmtree(landing, ignore_errors=True)
    today = datetime.now(UTC).date()
    start = today - timedelta(days=args.days)
    manifest = generate_landing(
        landing, start, days=args.days, events_per_day=args.events_per_day, seed=args.seed
    )
    outputs = workdir / "outputs"
    paths = _paths(
        args,
        landing=landing,
        outputs=outputs,
        db=Path(args.db or outputs / "refusal_backlog.duckdb"),
    )
    print(
        f"sample logs: {landing} ({manifest.lines_written} lines, "
        f"{manifest.malformed_lines} malformed planted)"
    )
    days = [date.fromisoformat(d) for d in manifest.days]
    _print_summary(run_days(paths, days, demo=True), paths)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.privacy import MissingPseudonymKeyError, Pseudonymizer

    try:
        Pseudonymizer.from_env()  # fail before any work, with the message that says what to set
    except MissingPseudonymKeyError as exc:
        print(f"refusal-backlog: {exc}", file=sys.stderr)
        return 2
    overrides = {"landing": Path(args.landing)}
    if args.outputs:
        overrides["outputs"] = Path(args.outputs)
    paths = _paths(args, **overrides)
    _print_summary(run_days(paths, [date.fromisoformat(args.date)]), paths)
    return 0


def cmd_review_sample(args: argparse.Namespace) -> int:
    """Draw the day's review sample (the `review_sample` asset) and say where the files are."""
    paths = _paths(args, **({"outputs": Path(args.outputs)} if args.outputs else {}))
    paths.export()  # the partitions read the config at import
    from assets.review import materialize_review_sample

    result = materialize_review_sample(paths, date.fromisoformat(args.date), args.size)
    (materialization,) = result.asset_materializations_for_node("review_sample")
    print(f"sampled {materialization.metadata['rows'].value} events for review")
    for path in sorted((paths.outputs / "review_samples").glob(f"*{args.date}*")):
        print(path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one role's views (pm, trust_and_safety, compliance) as files."""
    from pipeline.config import load_config
    from pipeline.exports import export_role
    from pipeline.warehouse import connect

    paths = _paths(args)
    out_dir = Path(args.out) if args.out else paths.outputs / "exports"
    conn = connect(str(paths.db))
    try:
        files = export_role(
            conn,
            args.role,
            out_dir,
            load_config(paths.config_file).privacy,
            file_format=args.format,
        )
    finally:
        conn.close()
    for path in files:
        print(path)
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    """Trace a ticket to its clusters, events, source files and batches, with retention state."""
    import duckdb

    from pipeline.config import load_config
    from pipeline.lineage import ticket_lineage

    paths = _paths(args)
    with duckdb.connect(str(paths.db), read_only=True) as conn:
        try:
            trace = ticket_lineage(conn, args.ticket, load_config(paths.config_file).retention)
        except LookupError as exc:
            print(exc, file=sys.stderr)
            return 2
    print(json.dumps(trace, indent=2, default=str))
    return 0


def cmd_redact(_: argparse.Namespace) -> int:
    """JSON Lines in, the same objects with `text` redacted out, in order."""
    from pipeline.privacy import default_redactor

    redactor = default_redactor()
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"line {number}: not JSON ({exc.msg})", file=sys.stderr)
            return 2
        if not isinstance(record, dict) or not isinstance(record.get("text"), str | None):
            print(f"line {number}: expected an object with a string 'text'", file=sys.stderr)
            return 2
        record["text"] = redactor.redact(record.get("text"))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="refusal-backlog", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="generate sample logs and run every day of them")
    demo.add_argument("--db", help="DuckDB file (default: WORKDIR/outputs/refusal_backlog.duckdb)")
    demo.add_argument("--config", help="TOML file overriding the default configuration")
    demo.add_argument("--workdir", default=str(DEMO_DIR), help="where sample logs and outputs go")
    demo.add_argument("--days", type=int, default=3)
    demo.add_argument("--events-per-day", type=int, default=1000)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(handler=cmd_demo)

    run = commands.add_parser("run", help="materialize one day's partition of every asset")
    run.add_argument("--landing", required=True, help="landing dir with events/, reviews/")
    run.add_argument("--date", required=True, help="UTC day, YYYY-MM-DD")
    run.add_argument(
        "--db", help=f"DuckDB file (default: ${DB_ENV} or OUTPUTS/refusal_backlog.duckdb)"
    )
    run.add_argument("--config", help="TOML file overriding the default configuration")
    run.add_argument(
        "--outputs", help=f"where ticket Markdown goes (default: ${OUTPUT_ENV} or ./outputs)"
    )
    run.set_defaults(handler=cmd_run)

    sample = commands.add_parser("review-sample", help="draw a day's sample for human review")
    sample.add_argument("--date", required=True, help="UTC day, YYYY-MM-DD (already processed)")
    sample.add_argument("--size", type=int, help="events to sample (default: review.sample_size)")
    sample.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    sample.add_argument("--config", help="TOML file overriding the default configuration")
    sample.add_argument("--outputs", help=f"where the sample files go (default: ${OUTPUT_ENV})")
    sample.set_defaults(handler=cmd_review_sample)

    export = commands.add_parser("export", help="write one role's views of the warehouse")
    export.add_argument("--role", required=True, choices=["pm", "trust_and_safety", "compliance"])
    export.add_argument("--out", help="folder (default: OUTPUTS/exports)")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    export.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    export.add_argument("--config", help="TOML file overriding the default configuration")
    export.set_defaults(handler=cmd_export)

    lineage = commands.add_parser("lineage", help="trace a ticket back to its source files")
    lineage.add_argument("--ticket", required=True, help="ticket id, e.g. RB-C0007")
    lineage.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    lineage.add_argument("--config", help="TOML file overriding the default configuration")
    lineage.set_defaults(handler=cmd_lineage)

    redact = commands.add_parser("redact", help="redact the `text` field of JSON Lines on stdin")
    redact.set_defaults(handler=cmd_redact)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
