"""One typed configuration for every stage: thresholds, windows, model, retention, paths.

Tuning lives in an optional TOML file (`--config FILE` or `REFUSAL_BACKLOG_CONFIG`); paths come
from the environment so that Dagster, the CLI and dbt's `profiles.yml` read the same setting.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

DB_ENV = "REFUSAL_BACKLOG_DB"
LANDING_ENV = "REFUSAL_BACKLOG_LANDING"
OUTPUT_ENV = "REFUSAL_BACKLOG_OUTPUTS"
CONFIG_ENV = "REFUSAL_BACKLOG_CONFIG"
DEMO_ENV = "REFUSAL_BACKLOG_DEMO"
# The first daily partition: where the deployment's landing history begins. The first day
# events landed on (`Paths.first_partition`, a listing of the landing folder), or pinned by the
# environment, like the warehouse path; the default stands in while nothing has landed.
PARTITIONS_START_ENV = "REFUSAL_BACKLOG_PARTITIONS_START"
DEFAULT_PARTITIONS_START = "2026-01-01"

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTRACTS_DIR = Path(__file__).resolve().parent / "contracts"
DBT_DIR = REPO_ROOT / "dbt_project"

# Catalog names DuckDB keeps for itself; a warehouse file named after one cannot be attached.
RESERVED_CATALOGS = frozenset({"main", "system", "temp", "memory"})


class ConfigError(ValueError):
    """A setting, option or input a person has to fix: `<what is wrong> (<the fix>)`, one line."""


@cache
def _duckdb_regex_error(pattern: str) -> str | None:
    """DuckDB's (RE2's) complaint about `pattern`, None when it compiles: dbt runs it there."""
    import duckdb

    with duckdb.connect(":memory:") as conn:
        try:
            conn.execute("select regexp_matches('', ?, 'i')", [pattern])
        except duckdb.Error as exc:
            return str(exc).removeprefix("Invalid Input Error: ")
    return None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RetentionConfig(_Section):
    """Days each data class is kept; `pipeline.catalog.INVENTORY` names each table's clock."""

    raw_days: int = Field(
        30, ge=1, description="verbatim events (text, user ids): needed only until minimized"
    )
    quarantine_days: int = Field(
        30, ge=1, description="quarantined lines hold raw text too: a month to fix the feed"
    )
    minimized_days: int = Field(
        395, ge=1, description="minimized events, embeddings, assignments: year-over-year trends"
    )
    review_days: int = Field(
        395, ge=1, description="review samples and labels: as long as the events they judge"
    )
    aggregate_days: int = Field(
        730, ge=1, description="metrics, routes, clusters, tickets, file metadata: 2-year trends"
    )


class IngestConfig(_Section):
    max_future_skew_hours: float = Field(
        24.0,
        ge=0,
        description="an event stamped further ahead of the run's clock than this is quarantined "
        "(a wrong clock or year would otherwise keep its verbatim row until that date)",
    )


class SessionConfig(_Section):
    retry_window_minutes: float = Field(10, gt=0)
    retry_similarity: float = Field(
        0.25,
        ge=0,
        le=1,
        description="cosine similarity from which the very next turn counts as a rephrased retry "
        "(chosen on realistic paraphrases: see int_refusals_sessionized)",
    )


class EmbeddingConfig(_Section):
    model: str = "all-MiniLM-L6-v2"
    batch_size: int = Field(64, ge=1)
    precision: Literal["fp32", "bf16"] = "fp32"
    device: str = "cpu"


class ClusteringConfig(_Section):
    window_days: int = Field(7, ge=1)
    min_cluster_size: int = Field(8, ge=2)
    min_samples: int | None = Field(None, ge=1)
    max_fit_events: int = Field(
        20_000, ge=100, description="past this, fit on a sample and assign the rest"
    )
    reduced_dimensions: int = Field(24, ge=2)
    match_similarity: float = Field(0.8, ge=0, le=1)
    label_terms: int = Field(4, ge=1)
    attach_noise: bool = Field(
        False,
        description="attach HDBSCAN noise to the nearest cluster: for logs where most requests "
        "are one-offs, so that every refusal reaches a route",
    )
    merge_into_intents: bool = Field(
        True,
        description="group HDBSCAN's fine clusters into intents (average linkage on centroids, "
        "cut where similarity stops exceeding chance) and let noise join an intent it is as "
        "close to as 95 % of that intent's members",
    )

    @model_validator(mode="after")
    def _sample_holds_a_cluster(self) -> Self:
        if self.min_cluster_size > self.max_fit_events:
            raise ValueError(
                f"min_cluster_size ({self.min_cluster_size}) exceeds max_fit_events "
                f"({self.max_fit_events}): the fitted sample could never hold a cluster"
            )
        return self


class RoutingConfig(_Section):
    min_volume: int = Field(15, ge=1)
    min_reprompt_rate: float = Field(0.15, ge=0, le=1)
    capability_share: float = Field(0.5, ge=0, le=1)
    min_reviewed: int = Field(3, ge=1)
    over_refusal_rate: float = Field(
        0.5,
        ge=0,
        le=1,
        description="the reviewed false-refusal rate's 95 % lower bound from which refusals are "
        "over-refusals (0.5: most of them are false, with 95 % confidence)",
    )
    confirmed_refusal_rate: float = Field(0.2, ge=0, le=1)
    policy_mismatch_share: float = Field(0.5, ge=0, le=1)
    capability_review_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="share of should-help reasons citing a capability gap from which reviewed "
        "false refusals go to the product backlog",
    )
    legitimate_verified_share: float = Field(0.5, ge=0, le=1)
    legitimate_reprompt_rate: float = Field(0.3, ge=0, le=1)
    review_margin: float = Field(0.15, gt=0, lt=1, description="target interval half-width")
    capability_response_pattern: str = (
        r"(can't|cannot|can not|unable to|not able to|don't have|do not have)[^.]{0,40}"
        r"(access|open|browse|read|view|attach|upload|internet|real-time|live|calendar|email|"
        r"inbox|files?|generate videos?|videos?)|(isn't|is not|not) (supported|available)"
    )

    @field_validator("capability_response_pattern")
    @classmethod
    def _pattern_compiles(cls, pattern: str) -> str:
        """dbt matches it in DuckDB (RE2 syntax: no look-arounds, no back-references)."""
        error = _duckdb_regex_error(pattern)
        if error:
            raise ValueError(f"not a regular expression DuckDB (RE2) accepts: {error}")
        return pattern

    @model_validator(mode="after")
    def _rates_ordered(self) -> Self:
        """Between the two rates the reviewers split; reversed, a rate would be both."""
        if self.confirmed_refusal_rate >= self.over_refusal_rate:
            raise ValueError(
                f"confirmed_refusal_rate ({self.confirmed_refusal_rate}) must be below "
                f"over_refusal_rate ({self.over_refusal_rate})"
            )
        return self


class VerdictConfig(_Section):
    """The verdict model that splits clusters whose reviewers disagree (pipeline.verdicts)."""

    enabled: bool = True
    min_reviews_per_verdict: int = Field(
        10, ge=2, description="reviewed events each verdict needs before a model is fitted"
    )
    min_balanced_accuracy: float = Field(
        0.75, ge=0.5, le=1, description="cross-validated on the reviews; below it, no split"
    )
    cv_folds: int = Field(5, ge=2)
    unsure_margin: float = Field(
        0.1,
        ge=0,
        lt=0.5,
        description="a model probability this close to 0.5 is no verdict: the event stays "
        "unplaced (needs review) when its cluster splits",
    )
    max_training_events: int = Field(
        20_000, ge=10, description="the most recent reviewed events the model learns from"
    )

    @model_validator(mode="after")
    def _training_set_can_qualify(self) -> Self:
        if self.max_training_events < 2 * self.min_reviews_per_verdict:
            raise ValueError(
                f"max_training_events ({self.max_training_events}) is below twice "
                f"min_reviews_per_verdict ({self.min_reviews_per_verdict}): no model could fit"
            )
        return self


class DetectionConfig(_Section):
    compliance_share_warn: float = Field(
        0.25,
        ge=0,
        le=1,
        description="share of a day's logged refusals whose response reads as an answer above "
        "which the daily run flags the log (a warning, not a stop): above the detector's own "
        "error on an unseen model's responses (up to 13 % on XSTest), so a clean log stays quiet",
    )


class PrivacyConfig(_Section):
    """Text (ticket exemplars, role exports) is shown only from crowds of distinct users; free
    text is redacted in worker processes when a day is large."""

    k_anonymity: int = Field(5, ge=1, description="distinct users a cluster needs to show text")
    exemplars: int = Field(3, ge=0)
    redact_workers: int = Field(
        0, ge=0, description="processes that redact a large day; 0 means one per CPU core"
    )

    def redaction_processes(self) -> int:
        return self.redact_workers or os.cpu_count() or 1


class ReviewConfig(_Section):
    """The "should we have refused?" sample sent to human reviewers."""

    sample_size: int = Field(200, ge=1)
    min_cluster_volume: int = Field(5, ge=1, description="clusters this big always get items")
    per_cluster_minimum: int = Field(2, ge=0)
    impact_weights: dict[str, float] = Field(
        default_factory=lambda: {
            "verified_professional": 2.0,
            "enterprise": 1.5,
            "pro": 1.2,
            "free": 1.0,
        },
        description="selection weight by account type",
    )
    repeat_refusal_weight: float = Field(
        0.25, ge=0, description="extra selection weight per earlier refusal of the same user"
    )
    repeat_window_days: int = Field(
        7, ge=1, description="how far back a user's earlier refusals count"
    )
    seed: int = 0

    @model_validator(mode="after")
    def _weights_and_minimum(self) -> Self:
        """A zero weight gives events no chance of review and an infinite HT weight."""
        if any(weight <= 0 for weight in self.impact_weights.values()):
            raise ValueError("impact_weights must all be > 0")
        if self.per_cluster_minimum > self.min_cluster_volume:
            raise ValueError(
                f"per_cluster_minimum ({self.per_cluster_minimum}) exceeds min_cluster_volume "
                f"({self.min_cluster_volume}): the smallest covered cluster has too few events"
            )
        return self


class DisparityConfig(_Section):
    reference_segment: str | None = Field(
        None, description="segment others are compared with; default: the most-served one"
    )
    confidence: float = Field(0.95, gt=0, lt=1)


class ReplayConfig(_Section):
    """`refusal-backlog replay` and the `release_replay` asset (pipeline/replay.py)."""

    corpus: str = Field(
        "xstest", description="what the release_replay asset replays: xstest or a corpus CSV"
    )
    regression_margin: float = Field(
        0.02, ge=0, lt=1, description="a rate moving by more than this (0.02: 2 points) can regress"
    )
    significance: float = Field(
        0.05, gt=0, lt=1, description="level of the one-sided two-proportion z-test"
    )
    confidence: float = Field(0.95, gt=0, lt=1, description="of the rates' Wilson intervals")
    concurrency: int = Field(4, ge=1, le=64, description="requests to an endpoint at once")
    timeout_seconds: float = Field(60.0, gt=0, description="per request to an endpoint")
    retries: int = Field(5, ge=0, description="retries of a request on 429, 5xx or no answer")
    backoff_seconds: float = Field(
        1.0, gt=0, description="first retry's longest delay, doubled each retry, jittered"
    )
    max_wait_seconds: float = Field(
        60.0, gt=0, description="the longest Retry-After or backoff waited; longer: fail"
    )
    temperature: float = Field(0.0, ge=0, le=2, description="sampling temperature asked for")
    max_tokens: int = Field(512, ge=1, description="longest completion asked for")


class RedmineSettings(_Section):
    """Redmine (REST); the API key comes from $REFUSAL_BACKLOG_REDMINE_KEY only."""

    url: str = Field("", description="e.g. https://redmine.example.com")
    project: str = Field("", description="project identifier every queue goes to by default")
    queue_projects: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> project identifier"
    )
    tracker: str = Field("Feature", description="Redmine tracker of new issues")
    queue_trackers: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> Redmine tracker name"
    )
    ticket_field: str = Field(
        "Refusal-backlog ticket",
        description="issue custom field (string, filterable, for all projects) holding the id",
    )
    ticket_field_id: int | None = Field(
        None, ge=1, description="its id; default: looked up by name (needs an admin key)"
    )
    resolved_status: str = Field("Closed", description="a closed status, set on resolve")
    reopened_status: str = Field("New", description="an open status, set on reopen")


class GitHubSettings(_Section):
    """GitHub Issues (REST); the token comes from $GITHUB_TOKEN only."""

    api_url: str = "https://api.github.com"
    repository: str = Field("", description="owner/name")
    marker_label: str = Field(
        "refusal-backlog", description="on every synced issue: the sync lists issues by it"
    )
    queue_labels: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> label (default: queue:<name>)"
    )


class JiraSettings(_Section):
    """Jira Cloud (REST v3); credentials from $JIRA_EMAIL and $JIRA_API_TOKEN only."""

    url: str = Field("", description="e.g. https://example.atlassian.net")
    project: str = Field("", description="project key every queue goes to by default")
    queue_projects: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> project key"
    )
    issue_type: str = "Task"
    queue_issue_types: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> issue type name"
    )
    marker_label: str = Field(
        "refusal-backlog", description="on every synced issue; the id label adds -<ticket id>"
    )
    queue_labels: dict[str, str] = Field(
        default_factory=dict, description="destination queue -> label (default: queue-<name>)"
    )
    resolve_transition: str | None = Field(
        None, description="transition name; default: the first into a done status"
    )
    reopen_transition: str | None = Field(
        None, description="transition name; default: the first out of the done category"
    )


class TrackerConfig(_Section):
    """Where `refusal-backlog sync` and the `tracker_sync` asset push tickets (pipeline.trackers).

    The embedded tracker (`tracker.tickets` and the Markdown files) is always written.
    """

    kind: Literal["embedded", "redmine", "github", "jira"] = "embedded"
    write_budget: int = Field(
        200, ge=1, description="writes one sync may make; the rest wait for the next run"
    )
    retries: int = Field(5, ge=0, description="retries of a request on 429, 5xx or no answer")
    backoff_seconds: float = Field(1.0, gt=0, description="first retry's delay, then doubled")
    max_wait_seconds: float = Field(
        120.0, gt=0, description="the longest Retry-After or backoff waited; longer: fail"
    )
    timeout_seconds: float = Field(30.0, gt=0)
    redmine: RedmineSettings = RedmineSettings()
    github: GitHubSettings = GitHubSettings()
    jira: JiraSettings = JiraSettings()


class PipelineConfig(_Section):
    ingest: IngestConfig = IngestConfig()
    retention: RetentionConfig = RetentionConfig()
    sessions: SessionConfig = SessionConfig()
    embedding: EmbeddingConfig = EmbeddingConfig()
    clustering: ClusteringConfig = ClusteringConfig()
    routing: RoutingConfig = RoutingConfig()
    verdicts: VerdictConfig = VerdictConfig()
    detection: DetectionConfig = DetectionConfig()
    privacy: PrivacyConfig = PrivacyConfig()
    review: ReviewConfig = ReviewConfig()
    disparity: DisparityConfig = DisparityConfig()
    tracker: TrackerConfig = TrackerConfig()
    replay: ReplayConfig = ReplayConfig()

    @model_validator(mode="before")
    @classmethod
    def _partitions_start_moved(cls, data: object) -> object:
        if isinstance(data, dict) and "partitions_start" in data:
            raise ValueError(
                f"partitions_start is set by the {PARTITIONS_START_ENV} environment variable, "
                "not the config file (the asset graph reads no file when it is built)"
            )
        return data

    @model_validator(mode="after")
    def _window_within_retention(self) -> Self:
        """Clustering reads minimized events; past `minimized_days` retention has deleted them."""
        if self.clustering.window_days > self.retention.minimized_days:
            raise ValueError(
                f"clustering.window_days ({self.clustering.window_days}) exceeds "
                f"retention.minimized_days ({self.retention.minimized_days})"
            )
        return self


    def dbt_vars(self, warehouse: Path, day: str) -> dict[str, object]:
        """Every var the dbt project reads, and the only place they are set: dbt_project.yml
        declares none, so a setting cannot differ between Python and SQL."""
        return {
            "warehouse_path": str(warehouse),
            "run_day": day,
            "window_days": self.clustering.window_days,
            "retry_window_minutes": self.sessions.retry_window_minutes,
            "retry_similarity": self.sessions.retry_similarity,
            "embedding_model": self.embedding.model,
            "capability_response_pattern": self.routing.capability_response_pattern,
            "reference_segment": self.disparity.reference_segment or "",
            "confidence": self.disparity.confidence,
            "k_anonymity": self.privacy.k_anonymity,
            "exemplars": self.privacy.exemplars,
            "retention": self.retention.model_dump(),
            "contract_enums": contract_enums(),
        }


def contract_enums() -> dict[str, list[str]]:
    """Each landing-contract field with a fixed set of values, and those values (null left out):
    the one statement of them, read by ingest's validation and dbt's tests."""
    enums: dict[str, list[str]] = {}
    for contract in sorted(CONTRACTS_DIR.glob("*.schema.json")):
        for field, spec in json.loads(contract.read_text())["properties"].items():
            if "enum" in spec:
                enums[field] = [value for value in spec["enum"] if value is not None]
    return enums


def describe_validation_error(exc: ValidationError) -> str:
    """Pydantic's errors on one line, each naming its setting: `routing.min_volume: ...`."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "config"
        if error["type"] == "extra_forbidden":
            parts.append(f"{where}: unknown setting")
            continue
        if error["type"] == "value_error":  # this module's validators: the message says it all
            parts.append(f"{where}: {error['msg'].removeprefix('Value error, ')}")
            continue
        given = error.get("input")
        shown = f" (got {given!r})" if isinstance(given, str | int | float | bool) else ""
        parts.append(f"{where}: {error['msg']}{shown}")
    return "; ".join(parts)


def load_config(path: str | Path | None) -> PipelineConfig:
    """Defaults, overridden by the TOML file when one is given; ConfigError names what is wrong."""
    if not path:
        return PipelineConfig()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(
            f"config file {path}: {exc.strerror} (check --config or ${CONFIG_ENV})"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc} (fix the syntax)") from exc
    try:
        return PipelineConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            f"config file {path}: {describe_validation_error(exc)} "
            "(fix or remove the setting; names, defaults and bounds: pipeline/config.py)"
        ) from exc


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, option: str | None = None) -> date:
    """A UTC day written YYYY-MM-DD (date.fromisoformat alone also takes 20261120, 2026-W47)."""
    named = f"{option} " if option else ""
    if not _DAY.fullmatch(text):
        raise ConfigError(f"{named}{text!r} is not a day (write it YYYY-MM-DD, e.g. 2026-11-20)")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ConfigError(f"{named}{text}: {exc} (pass a calendar day, YYYY-MM-DD)") from exc


def partitions_start_from_env() -> date | None:
    """The first daily partition as pinned by `$REFUSAL_BACKLOG_PARTITIONS_START`, if it is."""
    value = os.environ.get(PARTITIONS_START_ENV)
    return parse_day(value, PARTITIONS_START_ENV) if value else None


def check_day(day: date, start: date, today: date) -> None:
    """The day must be a partition: on or after `start` and over (UTC) by `today`."""
    if day < start:
        raise ConfigError(
            f"--date {day} is before the first partition {start} "
            f"(pass a later day, or set {PARTITIONS_START_ENV})"
        )
    if day >= today:
        raise ConfigError(
            f"--date {day} is not over yet in UTC (pass {today - timedelta(days=1)} or earlier)"
        )


def project_schemas() -> frozenset[str]:
    """Every schema the warehouse holds, read from where each is created.

    The Python stages' DDL (pipeline/warehouse.py), the role export schemas (pipeline/exports.py)
    and the dbt models' schemas (dbt_project.yml `+schema:` and models' `config(schema='...')`;
    macros/generate_schema_name.sql uses them verbatim).
    """
    from pipeline.exports import ROLE_SCHEMAS
    from pipeline.warehouse import DDL

    schemas = set(re.findall(r"create schema if not exists (\w+)", DDL, re.IGNORECASE))
    schemas.update(ROLE_SCHEMAS.values())
    project = DBT_DIR / "dbt_project.yml"
    if project.exists():
        schemas.update(re.findall(r"\+schema:\s*['\"]?(\w+)", project.read_text()))
    for model in (DBT_DIR / "models").rglob("*.sql"):
        schemas.update(re.findall(r"\bschema\s*=\s*['\"](\w+)['\"]", model.read_text()))
    return frozenset(name.lower() for name in schemas)


def check_warehouse_path(db: Path) -> None:
    """DuckDB names the catalog after the file name up to its first dot: it must not clash.

    `main`, `system`, `temp`, `memory` are DuckDB's own catalogs; a catalog named like a schema
    (`marts.duckdb`) makes `marts.cluster_metrics` ambiguous. Also: the folder must be creatable.
    """
    catalog = db.name.split(".")[0].lower()
    rename = f"rename it, e.g. --db {db.with_name('refusal_backlog.duckdb')}"
    if not catalog:
        raise ConfigError(f"warehouse {db}: the file name has no name before its dot ({rename})")
    if catalog in RESERVED_CATALOGS:
        raise ConfigError(
            f"warehouse {db}: DuckDB names its catalog {catalog!r} after the file, "
            f"a name DuckDB reserves ({rename})"
        )
    if catalog in project_schemas():
        raise ConfigError(
            f"warehouse {db}: DuckDB names its catalog {catalog!r} after the file, "
            f"which collides with the warehouse's schema {catalog!r} ({rename})"
        )
    if db.is_dir():
        raise ConfigError(f"warehouse {db} is a folder (pass a file path to --db)")
    folder = db.parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(
            f"warehouse {db}: cannot create it under {folder} (not a writable folder; "
            "pass --db in a folder you can write)"
        )


class Paths(BaseModel):
    """Where the warehouse, the landing zone and the rendered outputs live."""

    model_config = ConfigDict(frozen=True)

    db: Path
    landing: Path
    outputs: Path
    config_file: Path | None = None
    partitions_start: date | None = None  # pinned; None: the first day events landed

    @classmethod
    def from_env(cls) -> Paths:
        config_file = os.environ.get(CONFIG_ENV)
        return cls(
            partitions_start=partitions_start_from_env(),
            db=Path(
                os.environ.get(DB_ENV, REPO_ROOT / "data" / "refusal_backlog.duckdb")
            ).resolve(),
            landing=Path(os.environ.get(LANDING_ENV, REPO_ROOT / "landing")).resolve(),
            outputs=Path(os.environ.get(OUTPUT_ENV, REPO_ROOT / "outputs")).resolve(),
            config_file=Path(config_file).resolve() if config_file else None,
        )

    def first_partition(self) -> date:
        """The pinned start, else the first day events landed on, else 2026-01-01."""
        if self.partitions_start:
            return self.partitions_start
        from pipeline.ingest import first_landed_day

        return first_landed_day(self.landing / "events") or date.fromisoformat(
            DEFAULT_PARTITIONS_START
        )

    def export(self) -> None:
        """Publish the paths to the environment, where the daily partitions (built when
        `assets` is imported) and child processes find them."""
        if self.partitions_start:
            os.environ[PARTITIONS_START_ENV] = self.partitions_start.isoformat()
        os.environ[DB_ENV] = str(self.db)
        os.environ[LANDING_ENV] = str(self.landing)
        os.environ[OUTPUT_ENV] = str(self.outputs)
        if self.config_file:
            os.environ[CONFIG_ENV] = str(self.config_file)
