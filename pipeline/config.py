"""One typed configuration for every stage: thresholds, windows, model, retention, paths.

Tuning lives in an optional TOML file (`--config FILE` or `REFUSAL_BACKLOG_CONFIG`); paths come
from the environment so that Dagster, the CLI and dbt's `profiles.yml` read the same setting.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DB_ENV = "REFUSAL_BACKLOG_DB"
LANDING_ENV = "REFUSAL_BACKLOG_LANDING"
OUTPUT_ENV = "REFUSAL_BACKLOG_OUTPUTS"
CONFIG_ENV = "REFUSAL_BACKLOG_CONFIG"
DEMO_ENV = "REFUSAL_BACKLOG_DEMO"

REPO_ROOT = Path(__file__).resolve().parent.parent


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RetentionConfig(_Section):
    """Days each data class is kept; `pipeline.retention.INVENTORY` names each table's clock."""

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


class SessionConfig(_Section):
    retry_window_minutes: float = Field(10, gt=0)
    retry_similarity: float = Field(0.55, ge=0, le=1)


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


class RoutingConfig(_Section):
    min_volume: int = Field(15, ge=1)
    min_reprompt_rate: float = Field(0.15, ge=0, le=1)
    capability_share: float = Field(0.5, ge=0, le=1)
    min_reviewed: int = Field(3, ge=1)
    over_refusal_rate: float = Field(0.6, ge=0, le=1)
    confirmed_refusal_rate: float = Field(0.2, ge=0, le=1)
    policy_mismatch_share: float = Field(0.5, ge=0, le=1)
    legitimate_verified_share: float = Field(0.5, ge=0, le=1)
    legitimate_reprompt_rate: float = Field(0.3, ge=0, le=1)
    review_margin: float = Field(0.15, gt=0, lt=1, description="target interval half-width")
    capability_response_pattern: str = (
        r"(can't|cannot|can not|unable to|not able to|don't have|do not have)[^.]{0,40}"
        r"(access|open|browse|read|view|attach|upload|internet|real-time|live|calendar|email|"
        r"inbox|files?|generate videos?|videos?)|(isn't|is not|not) (supported|available)"
    )


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
    max_training_events: int = Field(
        20_000, ge=10, description="the most recent reviewed events the model learns from"
    )


class PrivacyConfig(_Section):
    """Text (ticket exemplars, role exports) is shown only from crowds of distinct users."""

    k_anonymity: int = Field(5, ge=1, description="distinct users a cluster needs to show text")
    exemplars: int = Field(3, ge=0)


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

    def model_post_init(self, context: object) -> None:
        """A zero weight would give events no chance of review and an infinite HT weight."""
        if any(weight <= 0 for weight in self.impact_weights.values()):
            raise ValueError("review.impact_weights must all be > 0")


class DisparityConfig(_Section):
    reference_segment: str | None = Field(
        None, description="segment others are compared with; default: the most-served one"
    )
    confidence: float = Field(0.95, gt=0, lt=1)


class PipelineConfig(_Section):
    partitions_start: str = "2026-01-01"
    retention: RetentionConfig = RetentionConfig()
    sessions: SessionConfig = SessionConfig()
    embedding: EmbeddingConfig = EmbeddingConfig()
    clustering: ClusteringConfig = ClusteringConfig()
    routing: RoutingConfig = RoutingConfig()
    verdicts: VerdictConfig = VerdictConfig()
    privacy: PrivacyConfig = PrivacyConfig()
    review: ReviewConfig = ReviewConfig()
    disparity: DisparityConfig = DisparityConfig()


def load_config(path: str | Path | None) -> PipelineConfig:
    """Defaults, overridden by the TOML file when one is given."""
    if not path:
        return PipelineConfig()
    with open(path, "rb") as handle:
        return PipelineConfig.model_validate(tomllib.load(handle))


class Paths(BaseModel):
    """Where the warehouse, the landing zone and the rendered outputs live."""

    model_config = ConfigDict(frozen=True)

    db: Path
    landing: Path
    outputs: Path
    config_file: Path | None = None

    @classmethod
    def from_env(cls) -> Paths:
        config_file = os.environ.get(CONFIG_ENV)
        return cls(
            db=Path(
                os.environ.get(DB_ENV, REPO_ROOT / "data" / "refusal_backlog.duckdb")
            ).resolve(),
            landing=Path(os.environ.get(LANDING_ENV, REPO_ROOT / "landing")).resolve(),
            outputs=Path(os.environ.get(OUTPUT_ENV, REPO_ROOT / "outputs")).resolve(),
            config_file=Path(config_file).resolve() if config_file else None,
        )

    def export(self) -> None:
        """Publish the paths to the environment: dbt's profiles.yml reads the DB path there."""
        os.environ[DB_ENV] = str(self.db)
        os.environ[LANDING_ENV] = str(self.landing)
        os.environ[OUTPUT_ENV] = str(self.outputs)
        if self.config_file:
            os.environ[CONFIG_ENV] = str(self.config_file)
