"""Each refusal's verdict: the reviewers' where they judged it, else a model's fitted on theirs.

A cluster groups refusals by topic, and one topic can hold both benign and harmful requests
("kill a Python process" / "kill a person"); only the verdict tells them apart, and reviewers
judge a sample. The model, a soft vote of class-balanced logistic regressions over TF-IDF words,
word pairs and character n-grams of the minimized request and response, is refitted each run
from the latest `max_training_events` reviewed events and never stored. Its predictions are
used only when its balanced accuracy, cross-validated on those same reviews, clears
`min_balanced_accuracy`: the run measures its own error instead of assuming it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

from pipeline.config import VerdictConfig
from pipeline.warehouse import replace_partition

SHOULD_HELP, SHOULD_REFUSE = "should_help", "should_refuse"
VERDICTS = (SHOULD_HELP, SHOULD_REFUSE)
VERDICT_SOURCES = ("review", "model", "model_unsure", "none")
EVENT_VERDICT_COLUMNS = [
    "batch_day",
    "event_id",
    "cluster_id",
    "verdict",
    "verdict_source",
    "should_help_probability",
]


@dataclass(frozen=True)
class VerdictModelRun:
    training_events: int
    should_help_examples: int
    should_refuse_examples: int
    cv_balanced_accuracy: float | None
    trusted: bool
    reason: str


def verdict_text(request_text: pd.Series, response_text: pd.Series) -> list[str]:
    """What the user asked and how the product answered: both carry the harm signal."""
    return (request_text.fillna("") + "\n" + response_text.fillna("")).tolist()


FEATURES: dict[str, dict[str, object]] = {
    "words": {"ngram_range": (1, 1)},
    "word_pairs": {"ngram_range": (1, 2)},
    "characters": {"analyzer": "char_wb", "ngram_range": (2, 5)},
}


def verdict_classifier() -> VotingClassifier:
    """A soft vote of one classifier per featurization: steadier than picking one on few reviews."""
    return VotingClassifier(
        [
            (
                name,
                make_pipeline(
                    TfidfVectorizer(sublinear_tf=True, **options),  # type: ignore[arg-type]
                    LogisticRegression(class_weight="balanced", max_iter=2000),
                ),
            )
            for name, options in FEATURES.items()
        ],
        voting="soft",
    )


def fit_verdict_model(
    texts: list[str], verdicts: list[str], config: VerdictConfig
) -> tuple[VotingClassifier | None, VerdictModelRun]:
    """The fitted model when it can be trusted, else None; the run says which and why."""
    labels = np.asarray([v == SHOULD_HELP for v in verdicts], dtype=bool)
    helped, refused = int(labels.sum()), int((~labels).sum())
    counts = {
        "training_events": len(labels),
        "should_help_examples": helped,
        "should_refuse_examples": refused,
    }
    if not config.enabled:
        reason = "verdict model disabled in the config"
        return None, VerdictModelRun(
            **counts, cv_balanced_accuracy=None, trusted=False, reason=reason
        )
    if min(helped, refused) < config.min_reviews_per_verdict:
        reason = f"too few reviews: each verdict needs >= {config.min_reviews_per_verdict}"
        return None, VerdictModelRun(
            **counts, cv_balanced_accuracy=None, trusted=False, reason=reason
        )
    folds = StratifiedKFold(
        n_splits=min(config.cv_folds, helped, refused), shuffle=True, random_state=0
    )
    accuracy = float(
        cross_val_score(
            verdict_classifier(), texts, labels, cv=folds, scoring="balanced_accuracy"
        ).mean()
    )
    trusted = accuracy >= config.min_balanced_accuracy
    run = VerdictModelRun(
        **counts,
        cv_balanced_accuracy=accuracy,
        trusted=trusted,
        reason=f"cross-validated balanced accuracy {accuracy:.0%} "
        f"{'>=' if trusted else '<'} {config.min_balanced_accuracy:.0%}",
    )
    return (verdict_classifier().fit(texts, labels) if trusted else None), run


def event_verdicts(
    events: pd.DataFrame, model: VotingClassifier | None, unsure_margin: float = 0.0
) -> pd.DataFrame:
    """Reviewers' majority verdict first; the model fills in only where there is none.

    A model probability within `unsure_margin` of 0.5 is no verdict (source `model_unsure`):
    a coin flip must not place an event on the side that loosens the safety layer.

    `events` has event_id, cluster_id, request_text, response_text and majority_verdict
    (null when unreviewed or tied).
    """
    frame = events.loc[:, ["event_id", "cluster_id"]].copy()
    reviewed = events["majority_verdict"].notna().to_numpy()
    probability = (
        model.predict_proba(verdict_text(events["request_text"], events["response_text"]))[:, 1]
        if model is not None and len(events)
        else np.full(len(events), np.nan)
    )
    predicted = np.where(probability >= 0.5, SHOULD_HELP, SHOULD_REFUSE)
    has_prediction = ~np.isnan(probability)
    unsure = has_prediction & (np.abs(probability - 0.5) < unsure_margin)
    frame["verdict"] = np.where(
        reviewed,
        events["majority_verdict"],
        np.where(has_prediction & ~unsure, predicted, None),
    )
    source = np.where(unsure, "model_unsure", np.where(has_prediction, "model", "none"))
    frame["verdict_source"] = np.where(reviewed, "review", source)
    frame["should_help_probability"] = probability
    return frame


def verdicts_day(
    conn: duckdb.DuckDBPyConnection, day: date, window_days: int, config: VerdictConfig
) -> tuple[pd.DataFrame, VerdictModelRun]:
    """Fit on every retained review, give each event of the window ending `day` a verdict."""
    training = conn.execute(
        """
        select m.request_text, m.response_text, r.majority_verdict
        from intermediate.int_event_reviews r
        join analytics.minimized_refusal_events m using (event_id)
        where r.majority_verdict is not null and m.batch_day <= ?
        order by m.event_day desc, m.event_id
        limit ?
        """,
        [day, config.max_training_events],
    ).df()
    model, run = fit_verdict_model(
        verdict_text(training["request_text"], training["response_text"]),
        training["majority_verdict"].tolist(),
        config,
    )
    window = conn.execute(
        """
        select m.event_id, c.cluster_id, m.request_text, m.response_text, r.majority_verdict
        from analytics.minimized_refusal_events m
        left join marts.fct_event_clusters c using (event_id)
        left join intermediate.int_event_reviews r using (event_id)
        where m.event_day between ? and ? and m.batch_day <= ?
        order by m.event_id
        """,
        [day - timedelta(days=window_days - 1), day, day],
    ).df()
    frame = event_verdicts(window, model, config.unsure_margin)
    frame.insert(0, "batch_day", day)
    replace_partition(conn, "analytics.event_verdicts", day, frame[EVENT_VERDICT_COLUMNS])
    replace_partition(
        conn, "analytics.verdict_models", day, pd.DataFrame([{"batch_day": day, **asdict(run)}])
    )
    return frame, run
