"""`refusal-backlog`: run the daily asset job, the bundled demo, the redactor or the detector."""

from __future__ import annotations

import argparse
import json
import math
import shlex
import shutil
import sys
import tomllib
import traceback
import uuid
from collections.abc import Iterator
from contextlib import (
    AbstractContextManager,
    ExitStack,
    contextmanager,
    redirect_stderr,
    redirect_stdout,
)
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import ValidationError

from pipeline.config import (
    DB_ENV,
    OUTPUT_ENV,
    REPO_ROOT,
    ConfigError,
    Paths,
    PipelineConfig,
    check_day,
    check_warehouse_path,
    describe_validation_error,
    load_config,
    parse_day,
)
from pipeline.lock import Holder, LockHeldError, warehouse_lock

# Dagster, pandas, DuckDB, presidio and torch are imported inside the commands: `--help` and an
# input error answer in a fraction of a second instead of several.
if TYPE_CHECKING:
    import duckdb
    from dagster import DagsterInstance, ExecuteInProcessResult, JobDefinition

    from pipeline.report import RunSummary

PROG = "refusal-backlog"
DEMO_DIR = REPO_ROOT / "data" / "demo"
DEMO_DAGSTER_HOME = "dagster_home"  # under the demo's folder, beside landing/ and outputs/
# Errors whose classes live in modules too heavy to import just to report a typo: such an error
# can only have been raised once its module was imported, so they are looked up in sys.modules.
LAZY_USER_ERRORS = (
    ("pipeline.ingest", "LandingError"),
    ("pipeline.privacy", "MissingPseudonymKeyError"),
)


class RunFailed(Exception):
    """A job failed unexpectedly: which one, in which step, and the log holding the traceback."""

    def __init__(self, what: str, stage: str | None, log: Path | None) -> None:
        super().__init__(what)
        self.what, self.stage, self.log = what, stage, log


def _stage(exc: BaseException) -> str | None:
    """The Dagster step (asset or check) that raised, when there is one in the chain."""
    for link in _chain(exc):
        if step := getattr(link, "step_key", None):
            return step
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)


@contextmanager
def _job_output(log: Path, verbose: bool, what: str) -> Iterator[None]:
    """Send what a job prints (dbt's progress, Dagster's log lines, warnings) to `log`.

    With `verbose` it stays on the terminal. A failure is written there with its traceback and
    re-raised as RunFailed naming the step.
    """
    if verbose:
        try:
            yield
        except Exception as exc:
            raise RunFailed(what, _stage(exc), None) from exc
        return
    log.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(log, "a", encoding="utf-8") as handle,
        redirect_stdout(handle),
        redirect_stderr(handle),
    ):
        try:
            yield
        except Exception as exc:
            traceback.print_exc()
            raise RunFailed(what, _stage(exc), log) from exc


def _log_level(verbose: bool) -> dict[str, object]:
    """Dagster's console logger: DEBUG on the terminal with --verbose, else INFO into the log."""
    level = "DEBUG" if verbose else "INFO"
    return {"loggers": {"console": {"config": {"log_level": level}}}}


def run_days(
    paths: Paths,
    days: list[date],
    demo: bool = False,
    instance: DagsterInstance | None = None,
    allow_empty: bool = False,
    verbose: bool = False,
    lock_held: bool = False,
) -> RunSummary:
    """Materialize every asset for each day in order, through the job the schedule runs.

    The runs are recorded in `instance`, else in $DAGSTER_HOME when it is set (where `dagster
    dev` shows them), else in a throwaway instance. Without `verbose`, stderr shows how far the
    run is. `lock_held`: the caller holds the warehouse lock; otherwise each day's run takes it.
    """
    paths.export()  # the partitions read their start from the environment at import
    from assets.project import ensure_manifest

    ensure_manifest()
    from assets.definitions import build_definitions
    from assets.resources import Warehouse, pipeline_settings
    from assets.schedules import DAILY_JOB
    from pipeline.report import summarize
    from pipeline.warehouse import connect

    job = build_definitions(paths, demo=demo).resolve_job_def(DAILY_JOB)
    resources: dict[str, object] = {
        "settings": pipeline_settings(paths, demo=demo, allow_empty=allow_empty)
    }
    if lock_held:
        resources["warehouse"] = Warehouse(database=str(paths.db), take_lock=False)
    created = updated = resolved = reopened = purged = verbatim_purged = 0
    failed_checks: list[str] = []
    for day, result in _day_runs(job, paths, days, instance, resources, verbose):
        failed_checks += [
            f"{day}: {evaluation.asset_key.to_user_string()}/{evaluation.check_name}"
            for evaluation in result.get_asset_check_evaluations()
            if not evaluation.passed
        ]
        for materialization in result.asset_materializations_for_node("backlog_tickets"):
            created += int(materialization.metadata["created"].value)
            updated += int(materialization.metadata["updated"].value)
            resolved += int(materialization.metadata["resolved"].value)
            reopened += int(materialization.metadata["reopened"].value)
        for materialization in result.asset_materializations_for_node("retention"):
            metadata = materialization.metadata
            if "rows_deleted" in metadata:
                purged += int(metadata["rows_deleted"].value)
                verbatim = metadata.get("deleted raw.refusal_events")
                verbatim_purged += int(verbatim.value) if verbatim else 0
    conn = connect(str(paths.db))
    try:
        summary = summarize(conn, days)
    finally:
        conn.close()
    summary.tickets_created, summary.tickets_updated = created, updated
    summary.tickets_resolved, summary.tickets_reopened = resolved, reopened
    summary.rows_purged, summary.verbatim_purged = purged, verbatim_purged
    summary.failed_checks = failed_checks
    return summary


def _day_runs(
    job: JobDefinition,
    paths: Paths,
    days: list[date],
    instance: DagsterInstance | None,
    resources: dict[str, object],
    verbose: bool,
) -> Iterator[tuple[date, ExecuteInProcessResult]]:
    """Each day's run, in order, recorded in the instance and shown on stderr as it goes."""
    from dagster import DagsterInstance

    from assets.instance import home_from_env, persistent_instance
    from assets.progress import run_progress

    with ExitStack() as stack:
        if instance is None:
            home = home_from_env()
            instance = stack.enter_context(
                persistent_instance(home) if home else DagsterInstance.ephemeral()
            )
        progress = None
        if not verbose:
            progress = stack.enter_context(run_progress(sys.stderr, len(days), len(job.nodes)))
        for number, day in enumerate(days, start=1):
            run_id = str(uuid.uuid4())
            if progress is not None:
                progress.start_day(day, number)
                instance.add_event_listener(run_id, progress.on_event)
            log = paths.outputs / "logs" / f"run-{day.isoformat()}.log"
            with _job_output(log, verbose, f"run of {day}"):
                result = job.execute_in_process(
                    partition_key=day.isoformat(),
                    run_config=_log_level(verbose),
                    instance=instance,
                    resources=resources,
                    run_id=run_id,
                )
            if progress is not None:
                progress.finish_day()
            yield day, result


def _paths(args: argparse.Namespace, **overrides: Path) -> Paths:
    """Command-line options win over the environment, which wins over the defaults."""
    given = {"db": args.db, "config_file": args.config}
    given.update(overrides)
    chosen = {k: Path(v).resolve() for k, v in given.items() if v}
    return Paths.from_env().model_copy(update=chosen)


def _validated(paths: Paths) -> PipelineConfig:
    """The warehouse path and the whole config checked before anything else happens."""
    check_warehouse_path(paths.db)
    return load_config(paths.config_file)


def _lock(paths: Paths, args: argparse.Namespace) -> AbstractContextManager[Holder]:
    """The one-writer lock, held from before any work until the command ends."""
    return warehouse_lock(paths.db, args.command_line, wait=args.wait)


def _require_warehouse(db: Path) -> None:
    """Reading commands never create a warehouse: an empty one would only yield empty files."""
    if not db.is_file():
        raise ConfigError(f"no warehouse at {db} (run `{PROG} run` first or pass --db)")


@contextmanager
def _warehouse(db: Path, read_only: bool) -> Iterator[duckdb.DuckDBPyConnection]:
    import duckdb

    try:
        conn = duckdb.connect(str(db), read_only=read_only)
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0]
        if "lock" in detail.lower():
            raise ConfigError(
                f"warehouse {db} is open in another process: {detail} (wait for it to finish)"
            ) from exc
        raise ConfigError(
            f"cannot open warehouse {db}: {detail} (pass --db a warehouse `{PROG} run` wrote)"
        ) from exc
    try:
        yield conn
    finally:
        conn.close()


def _processed_days(conn: duckdb.DuckDBPyConnection, db: Path) -> list[date]:
    """Days whose run got through clustering; raises when there is none."""
    present = conn.execute(
        "select count(*) from duckdb_tables() "
        "where schema_name = 'analytics' and table_name = 'cluster_assignments'"
    ).fetchone()
    days: list[date] = []
    if present and present[0]:
        query = "select distinct batch_day from analytics.cluster_assignments order by 1"
        days = [row[0] for row in conn.execute(query).fetchall()]
    if not days:
        raise ConfigError(
            f"warehouse {db} holds no processed day (run `{PROG} run --date DAY` first)"
        )
    return days


def _print_summary(summary: RunSummary, paths: Paths) -> None:
    for line in summary.lines(str(paths.db), str(paths.outputs / "tickets")):
        print(line)


def cmd_demo(args: argparse.Namespace) -> int:
    workdir = Path(args.workdir)
    home = (workdir / DEMO_DAGSTER_HOME).resolve()
    landing = workdir / "landing"
    outputs = workdir / "outputs"
    paths = _paths(
        args,
        landing=landing,
        outputs=outputs,
        db=Path(args.db or outputs / "refusal_backlog.duckdb"),
    )
    _validated(paths)
    with _lock(paths, args):
        from pipeline.sample_data import generate_landing

        shutil.rmtree(landing, ignore_errors=True)
        today = datetime.now(UTC).date()
        start = today - timedelta(days=args.days)
        manifest = generate_landing(
            landing, start, days=args.days, events_per_day=args.events_per_day, seed=args.seed
        )
        print(
            f"sample logs: {landing} ({manifest.lines_written} lines, "
            f"{manifest.malformed_lines} malformed planted)"
        )
        days = [date.fromisoformat(d) for d in manifest.days]
        from assets.instance import persistent_instance

        # `make dev` opens the UI on this folder: the demo's runs and checks are there to see.
        with persistent_instance(home) as instance:
            summary = run_days(
                paths, days, demo=True, instance=instance, verbose=args.verbose, lock_held=True
            )
    _print_summary(summary, paths)
    ui = f"DAGSTER_HOME={home} dagster dev"
    if home == DEMO_DIR / DEMO_DAGSTER_HOME:
        ui = "make dev"
    print(f"dagster runs, materializations and checks: {home} (the UI on them: `{ui}`)")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    overrides = {"landing": Path(args.landing)}
    if args.outputs:
        overrides["outputs"] = Path(args.outputs)
    paths = _paths(args, **overrides)
    _validated(paths)
    check_day(args.date, paths.first_partition(), today=datetime.now(UTC).date())
    from pipeline.privacy import Pseudonymizer

    Pseudonymizer.from_env()  # fail before any work, with the message that says what to set
    from pipeline.ingest import check_landing

    # Before the lock, so that a mistyped --landing leaves no lock file behind; ingest re-checks.
    check_landing(paths.landing / "events", args.date, args.allow_empty)
    with _lock(paths, args):
        summary = run_days(
            paths,
            [args.date],
            allow_empty=args.allow_empty,
            verbose=args.verbose,
            lock_held=True,
        )
    _print_summary(summary, paths)
    return 0


def cmd_review_sample(args: argparse.Namespace) -> int:
    """Draw the day's review sample (the `review_sample` asset) and say where the files are."""
    paths = _paths(args, **({"outputs": Path(args.outputs)} if args.outputs else {}))
    _validated(paths)
    _require_warehouse(paths.db)
    day: date = args.date
    with _lock(paths, args):
        with _warehouse(paths.db, read_only=True) as conn:
            days = _processed_days(conn, paths.db)
        if day not in days:
            held = f"only {days[0]}" if len(days) == 1 else f"{days[0]} to {days[-1]}"
            raise ConfigError(
                f"day {day} is not processed in warehouse {paths.db}, which holds {held} "
                f"(run `{PROG} run --date {day}` first)"
            )
        paths.export()  # the partitions read the config at import
        log = paths.outputs / "logs" / f"review-sample-{day.isoformat()}.log"
        with _job_output(log, args.verbose, f"review sample of {day}"):
            from assets.review import materialize_review_sample

            result = materialize_review_sample(paths, day, args.size, lock_held=True)
    (materialization,) = result.asset_materializations_for_node("review_sample")
    print(f"sampled {materialization.metadata['rows'].value} events for review")
    for path in sorted((paths.outputs / "review_samples").glob(f"*{day.isoformat()}*")):
        print(path)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write one role's views (pm, trust_and_safety, compliance) as files."""
    paths = _paths(args)
    _validated(paths)
    _require_warehouse(paths.db)
    out_dir = Path(args.out) if args.out else paths.outputs / "exports"
    with _warehouse(paths.db, read_only=True) as conn:
        _processed_days(conn, paths.db)
        from pipeline.exports import ExportsNotBuilt, export_role

        try:
            files = export_role(conn, args.role, out_dir, file_format=args.format)
        except ExportsNotBuilt as exc:
            raise ConfigError(f"{exc} (warehouse {paths.db})") from exc
    for path in files:
        print(path)
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    """Trace a ticket to its clusters, events, source files and batches, with retention state."""
    paths = _paths(args)
    config = _validated(paths)
    _require_warehouse(paths.db)
    with _warehouse(paths.db, read_only=True) as conn:
        _processed_days(conn, paths.db)
        from pipeline.lineage import ticket_lineage

        try:
            trace = ticket_lineage(conn, args.ticket, config.retention)
        except LookupError as exc:
            raise ConfigError(
                f"{exc.args[0]} (ids look like RB-C0007 or RB-C0007-help: see OUTPUTS/tickets)"
            ) from exc
    print(json.dumps(trace, indent=2, default=str))
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    """Write the static site of a processed day (default: the latest) from the warehouse."""
    paths = _paths(args)
    config = _validated(paths)
    _require_warehouse(paths.db)
    out_dir = Path(args.out) if args.out else paths.outputs / "site"
    with _warehouse(paths.db, read_only=True) as conn:
        days = _processed_days(conn, paths.db)
        day = args.day or days[-1]
        if day not in days:
            raise ConfigError(
                f"warehouse {paths.db} has not processed {day} (it holds {days[0]} to "
                f"{days[-1]}; pass --day one of them)"
            )
        from pipeline.site import SiteError, build_site

        try:
            built = build_site(conn, day, config, out_dir)
        except SiteError as exc:
            raise ConfigError(str(exc)) from exc
    print(built.site_dir / "index.html")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    """Push the warehouse's tickets to the tracker of `[tracker]` (or --tracker)."""
    paths = _paths(args)
    config = _validated(paths)
    _require_warehouse(paths.db)
    from pipeline.trackers.sync import run_sync
    from pipeline.warehouse import ensure_schema

    if args.dry_run:  # reads only: no lock, the warehouse opened read-only
        with _warehouse(paths.db, read_only=True) as conn:
            report = run_sync(conn, config.tracker, args.tracker, dry_run=True)
    else:
        with _lock(paths, args), _warehouse(paths.db, read_only=False) as conn:
            ensure_schema(conn)
            report = run_sync(conn, config.tracker, args.tracker)
    for line in report.lines():
        print(line)
    return 0


def _stdin_object(
    line: str, number: int, field: str, example: str, optional: bool = False
) -> dict[str, Any]:
    """One JSON Lines record of stdin, an object whose `field` is a string (or absent/null when
    `optional`); anything else is a one-line error naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"stdin line {number} is not JSON: {exc.msg} (one object a line)"
        ) from None
    allowed = str | None if optional else str
    if not isinstance(record, dict) or not isinstance(record.get(field), allowed):
        raise ConfigError(
            f"stdin line {number} is not an object with a string '{field}' (e.g. {example})"
        )
    return record


def cmd_redact(_: argparse.Namespace) -> int:
    """JSON Lines in, the same objects with `text` redacted out, in order."""
    from pipeline.privacy import default_redactor

    redactor = default_redactor()
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        record = _stdin_object(line, number, "text", '{"text": "..."}', optional=True)
        record["text"] = redactor.redact(record.get("text"))
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


DETECT_BATCH = 256  # responses classified at once: vectorized, and memory stays flat on a stream


def cmd_detect(_: argparse.Namespace) -> int:
    """JSON Lines in, the same objects with `refusal` and `refusal_score` added, in order.

    As with `redact`, every line before a bad one is written before the error."""
    from pipeline.detection import RefusalDetector

    detector = RefusalDetector.load()
    batch: list[dict[str, object]] = []

    def flush() -> None:
        detections = detector.detect([str(record["response"]) for record in batch])
        for record, detection in zip(batch, detections, strict=True):
            record["refusal"], record["refusal_score"] = detection.label, detection.refusal_score
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        batch.clear()

    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            batch.append(
                _stdin_object(line, number, "response", '{"response": "...", "prompt": "..."}')
            )
        except ConfigError:
            flush()
            raise
        if len(batch) == DETECT_BATCH:
            flush()
    flush()
    return 0


def cmd_attempts(_: argparse.Namespace) -> int:
    """JSON Lines in, the same objects with `attempt` (primary type) and `attempts` (every type
    found) added, in order; a null `text` is `none`. Each line is written as it is tagged, so
    every line before a bad one is written before the error."""
    from pipeline.attempts import tag_attempt

    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        record = _stdin_object(line, number, "text", '{"text": "..."}', optional=True)
        if "text" not in record:
            raise ConfigError(f"stdin line {number} has no 'text' (e.g. {{\"text\": \"...\"}})")
        tag = tag_attempt(record["text"])
        record["attempt"], record["attempts"] = tag.primary, list(tag.types)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


REGRESSION_EXIT = 3  # `replay`: a release regressed and nobody accepted it


def cmd_replay(args: argparse.Namespace) -> int:
    """Replay a corpus for a release, store it, compare with the baseline; 3 on a regression."""
    import os

    from pipeline.replay import (
        ChatClient,
        Endpoint,
        api_key_from_env,
        check_release_name,
        load_corpus,
        load_responses,
        replay_release,
    )

    paths = _paths(args)
    config = _validated(paths).replay
    check_release_name(args.release)
    if args.endpoint and not args.model:
        raise ConfigError("--endpoint needs --model (the model name the server serves)")
    corpus = load_corpus(args.corpus)
    if args.responses:
        responses = load_responses(corpus, Path(args.responses))
        source = f"responses {Path(args.responses).resolve()}"
    else:
        endpoint = Endpoint(args.endpoint, args.model, api_key_from_env(dict(os.environ)))
        responses = ChatClient(endpoint, config).responses(corpus)
        source = f"endpoint {args.endpoint} model {args.model}"
    from pipeline.detection import RefusalDetector
    from pipeline.warehouse import connect

    with _lock(paths, args):
        conn = connect(str(paths.db))
        try:
            summary = replay_release(
                conn,
                corpus,
                args.release,
                responses,
                RefusalDetector.load(),
                config,
                source,
                baseline=args.baseline,
                accept_reason=args.accept_regression,
            )
        finally:
            conn.close()
    if args.json:
        print(json.dumps(summary.to_json(), ensure_ascii=False))
    else:
        print("\n".join(summary.lines()))
    return REGRESSION_EXIT if summary.regression and not summary.accepted else 0


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are one line in the CLI's format, without the usage block."""

    def error(self, message: str) -> NoReturn:
        fix = "" if message.endswith(")") else f" (see `{self.prog} --help`)"
        self.exit(2, f"{PROG}: {message}{fix}\n")


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0 (e.g. 200)")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < math.inf:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (e.g. --wait 600)")
    return seconds


def _add_flags(parser: argparse.ArgumentParser, default: object) -> None:
    """--debug and --verbose, before or after the command (a command's own default is SUPPRESS,
    so that it does not overwrite what was given before the command)."""
    parser.add_argument(
        "--debug", action="store_true", default=default, help="show the traceback of an error"
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        default=default,
        help="show Dagster's and dbt's log lines on the terminal (default: OUTPUTS/logs)",
    )


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        nargs="?",
        type=_seconds,
        const=math.inf,
        metavar="SECONDS",
        help="when another command holds the warehouse, wait for it (as long as it takes, or at "
        "most SECONDS) instead of failing",
    )


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog=PROG, description=__doc__, allow_abbrev=False)
    _add_flags(root, default=False)
    commands = root.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        # allow_abbrev is not inherited by subparsers: without it `--rol` would mean `--role`.
        sub = commands.add_parser(name, help=help, allow_abbrev=False)
        _add_flags(sub, default=argparse.SUPPRESS)
        return sub

    demo = command("demo", "generate sample logs and run every day of them")
    demo.add_argument("--db", help="DuckDB file (default: WORKDIR/outputs/refusal_backlog.duckdb)")
    demo.add_argument("--config", help="TOML file overriding the default configuration")
    demo.add_argument("--workdir", default=str(DEMO_DIR), help="where sample logs and outputs go")
    demo.add_argument("--days", type=_positive, default=3)
    demo.add_argument("--events-per-day", type=_positive, default=1000)
    demo.add_argument("--seed", type=int, default=7)
    _add_wait(demo)
    demo.set_defaults(handler=cmd_demo)

    run = command("run", "materialize one day's partition of every asset")
    run.add_argument("--landing", required=True, help="landing dir with events/, reviews/")
    run.add_argument("--date", required=True, type=_day, help="UTC day, YYYY-MM-DD")
    run.add_argument(
        "--db", help=f"DuckDB file (default: ${DB_ENV} or OUTPUTS/refusal_backlog.duckdb)"
    )
    run.add_argument("--config", help="TOML file overriding the default configuration")
    run.add_argument(
        "--outputs", help=f"where ticket Markdown goes (default: ${OUTPUT_ENV} or ./outputs)"
    )
    run.add_argument(
        "--allow-empty",
        action="store_true",
        help="process a day with no event files as empty (default: stop, so that a mistyped "
        "--landing cannot replace the day's events with nothing)",
    )
    _add_wait(run)
    run.set_defaults(handler=cmd_run)

    sample = command("review-sample", "draw a day's sample for human review")
    sample.add_argument(
        "--date", required=True, type=_day, help="UTC day, YYYY-MM-DD (already processed)"
    )
    sample.add_argument(
        "--size", type=_positive, help="events to sample (default: review.sample_size)"
    )
    sample.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    sample.add_argument("--config", help="TOML file overriding the default configuration")
    sample.add_argument("--outputs", help=f"where the sample files go (default: ${OUTPUT_ENV})")
    _add_wait(sample)
    sample.set_defaults(handler=cmd_review_sample)

    export = command("export", "write one role's views of the warehouse")
    export.add_argument("--role", required=True, choices=["pm", "trust_and_safety", "compliance"])
    export.add_argument("--out", help="folder (default: OUTPUTS/exports)")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    export.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    export.add_argument("--config", help="TOML file overriding the default configuration")
    export.set_defaults(handler=cmd_export)

    lineage = command("lineage", "trace a ticket back to its source files")
    lineage.add_argument("--ticket", required=True, help="ticket id, e.g. RB-C0007")
    lineage.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    lineage.add_argument("--config", help="TOML file overriding the default configuration")
    lineage.set_defaults(handler=cmd_lineage)

    site = command("site", "write the static site (triage, intents, compliance) of a day")
    site.add_argument("--day", type=_day, help="processed UTC day, YYYY-MM-DD (default: latest)")
    site.add_argument("--out", help="folder (default: OUTPUTS/site)")
    site.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    site.add_argument("--config", help="TOML file overriding the default configuration")
    site.set_defaults(handler=cmd_site)

    sync = command("sync", "push the warehouse's tickets to Redmine, GitHub or Jira")
    sync.add_argument(
        "--tracker",
        choices=["embedded", "redmine", "github", "jira"],
        help="default: tracker.kind of the config (credentials from the environment)",
    )
    sync.add_argument(
        "--dry-run",
        action="store_true",
        help="print the plan (create, update, resolve, reopen, unchanged) and write nothing",
    )
    sync.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    sync.add_argument("--config", help="TOML file with the [tracker] section")
    _add_wait(sync)
    sync.set_defaults(handler=cmd_sync)

    redact = command("redact", "redact the `text` field of JSON Lines on stdin")
    redact.set_defaults(handler=cmd_redact)

    detect = command(
        "detect",
        "add `refusal` (full_refusal, partial_refusal, compliance) and `refusal_score` to JSON "
        "Lines with a `response` on stdin (a `prompt` is kept, not read)",
    )
    detect.set_defaults(handler=cmd_detect)

    attempts = command(
        "attempts",
        "add `attempt` (the jailbreak framing a request uses: fictional_framing, "
        "roleplay_persona, false_authority, hypothetical_academic, instruction_override, "
        "obfuscation, or none) and `attempts` (every framing found) to JSON Lines with a `text` "
        "on stdin",
    )
    attempts.set_defaults(handler=cmd_attempts)

    replay = command(
        "replay",
        "replay a fixed prompt corpus for a release, store its false- and true-refusal rates and "
        f"compare them with the baseline release's (exit {REGRESSION_EXIT}: a regression)",
    )
    replay.add_argument(
        "--corpus", default="xstest", help="xstest (the bundled 450 prompts) or a CSV of "
        "prompt_id, prompt, expected (help/refuse)[, category]",
    )
    replay.add_argument("--release", required=True, help="release name, e.g. 2026-12-01 or v4.2")
    answers = replay.add_mutually_exclusive_group(required=True)
    answers.add_argument("--responses", help="CSV of prompt_id, response")
    answers.add_argument(
        "--endpoint", help="OpenAI-compatible base URL (POST URL/chat/completions); the API key "
        "from $REFUSAL_BACKLOG_REPLAY_API_KEY or $OPENAI_API_KEY",
    )
    replay.add_argument("--model", help="model name sent to --endpoint")
    replay.add_argument(
        "--baseline", help="release to compare with (default: the one replayed before it)"
    )
    replay.add_argument(
        "--accept-regression", metavar="WHY", help="accept a regression, recording why"
    )
    replay.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    replay.add_argument("--db", help=f"DuckDB file (default: ${DB_ENV})")
    replay.add_argument("--config", help="TOML file overriding the default configuration")
    _add_wait(replay)
    replay.set_defaults(handler=cmd_replay)
    return root


def _user_error(exc: BaseException) -> BaseException | None:
    """The error in the chain that a person fixes (input, config, key, landing, lock), if any."""
    kinds: list[type[BaseException]] = [
        ConfigError,
        LockHeldError,
        ValidationError,
        tomllib.TOMLDecodeError,
    ]
    for module, name in LAZY_USER_ERRORS:
        if (kind := getattr(sys.modules.get(module), name, None)) is not None:
            kinds.append(kind)
    return next((link for link in _chain(exc) if isinstance(link, tuple(kinds))), None)


def _describe(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return f"{describe_validation_error(error)} (fix the value)"
    return " ".join(str(error).split())  # one line, whatever the message held


def _unexpected(exc: BaseException, command: str) -> str:
    root = list(_chain(exc))[-1]
    cause = f"{type(root).__name__}: {' '.join(str(root).split())}"[:300]
    if isinstance(exc, RunFailed):
        where = f"{exc.what} failed" + (f" in {exc.stage}" if exc.stage else "")
        fix = f"the traceback is in {exc.log}" if exc.log else "--debug shows the traceback"
    else:
        where, fix = f"{command} failed", "--debug shows the traceback"
    return f"{where}: {cause} ({fix})"


def main(argv: list[str] | None = None) -> int:
    """Exit 0 on success, 2 for an error a person fixes, 1 for anything else; one stderr line."""
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    args.command_line = shlex.join([PROG, *argv])
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        error = _user_error(exc)
        message = _describe(error) if error else _unexpected(exc, args.command)
        print(f"{PROG}: {message}", file=sys.stderr)
        return 2 if error else 1


if __name__ == "__main__":
    sys.exit(main())
