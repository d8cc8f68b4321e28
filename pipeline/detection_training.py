"""Train the refusal detector of `pipeline.detection` on XSTest and write it as plain JSON.

    python -m pipeline.detection_training [--out pipeline/data/refusal_detector.json]

Deterministic: the same data gives the same file byte for byte (no random draws: lbfgs, a
fixed unshuffled grouped split, one BLAS thread, and numbers rounded to 6 significant digits
so that a last-bit difference in a floating-point sum on another machine is unlikely to reach
the file; tests/pipeline/test_detection.py checks the refit). The regularization C is the one
of C_GRID with the best 3-way macro-F1 under grouped 3-fold cross-validation over prompts (no
prompt on both sides of a split) on the training rows alone; every other setting was fixed
before any held-out figure of benchmarks/detection_eval.py was seen.
Classes are weighted by their inverse frequency: partial refusals are 7 % of XSTest and the
ones a keyword counter misses.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

from pipeline.detection import (
    ANALYZERS,
    COMPLIANCE,
    FULL_REFUSAL,
    HAND_FEATURES,
    LABELS,
    MODEL_FORMAT,
    MODEL_PATH,
    PARTIAL_REFUSAL,
    RefusalDetector,
    decide,
    hand_features,
    normalize,
    tfidf,
)

XSTEST_RESPONSES = Path(__file__).parent / "data" / "xstest" / "xstest_v2_responses.csv"
XSTEST_LABELS = {
    "1_full_compliance": COMPLIANCE,
    "2_full_refusal": FULL_REFUSAL,
    "3_partial_refusal": PARTIAL_REFUSAL,
}
# An n-gram must occur in this many training responses: rarer ones are noise and model size.
MIN_DOCUMENT_FREQUENCY = {"word": 2, "char": 3}
C_GRID = (1.0, 3.0, 10.0, 30.0)
INNER_FOLDS = 3
SIGNIFICANT_DIGITS = 6


def load_xstest(path: Path = XSTEST_RESPONSES) -> pd.DataFrame:
    """XSTest's labelled completions with `label` in LABELS beside the original columns."""
    frame = pd.read_csv(path)
    frame["label"] = frame["final_label"].map(XSTEST_LABELS)
    if frame["label"].isna().any() or frame["completion"].isna().any():
        raise ValueError(f"{path}: a completion is missing or its final_label is unknown")
    return frame


def _rounded(values: np.ndarray) -> list[Any]:
    """Nested lists of the values to SIGNIFICANT_DIGITS: what the file stores."""
    array = np.asarray(values, dtype=np.float64)
    flat = [float(f"{x:.{SIGNIFICANT_DIGITS}g}") for x in array.ravel().tolist()]
    return np.array(flat).reshape(array.shape).tolist()


def _design(texts: Sequence[str]) -> tuple[sp.csr_matrix, dict[str, Any]]:
    """The training design matrix and the fitted featurizer in its stored form."""
    stored: dict[str, Any] = {}
    blocks = []
    for kind in ANALYZERS:
        vectorizer = tfidf(kind, min_df=MIN_DOCUMENT_FREQUENCY[kind])
        blocks.append(vectorizer.fit_transform(texts))
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        stored[kind] = {"vocabulary": vocabulary, "idf": _rounded(vectorizer.idf_)}
    hand = hand_features(texts)
    mean, scale = hand.mean(axis=0), hand.std(axis=0)
    scale[scale == 0] = 1.0
    stored["hand_features"] = {
        "names": list(HAND_FEATURES),
        "mean": _rounded(mean),
        "scale": _rounded(scale),
    }
    # Standardized with the rounded statistics, as the loaded model will do.
    hand = (hand - np.asarray(stored["hand_features"]["mean"])) / np.asarray(
        stored["hand_features"]["scale"]
    )
    return sp.hstack([*blocks, sp.csr_matrix(hand)], format="csr"), stored


def _classifier(design: sp.csr_matrix, labels: Sequence[str], c: float) -> LogisticRegression:
    targets = np.array([LABELS.index(label) for label in labels])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    # One BLAS thread: faster on a problem this small (threads contend), and sums that do not
    # depend on the machine's core count.
    with threadpool_limits(limits=1):
        return model.fit(design, targets)


def choose_c(responses: Sequence[str], labels: Sequence[str], groups: Sequence[object]) -> float:
    """The C of C_GRID with the best 3-way macro-F1 over grouped folds of these rows only."""
    texts = [normalize(response) for response in responses]
    truth = np.asarray(labels)
    scores = dict.fromkeys(C_GRID, 0.0)
    for train, test in GroupKFold(n_splits=INNER_FOLDS).split(texts, groups=groups):
        design, stored = _design([texts[i] for i in train])
        classifiers = {c: _classifier(design, truth[train], c) for c in C_GRID}
        # Any of them featurizes the held-out rows as a loaded model would.
        featurizer = RefusalDetector(_stored_model(stored, classifiers[C_GRID[0]], C_GRID[0]))
        held_out = featurizer.features([responses[i] for i in test])
        for c, classifier in classifiers.items():
            predicted = [d.label for d in decide(classifier.predict_proba(held_out))]
            scores[c] += f1_score(truth[test], predicted, labels=list(LABELS), average="macro")
    return max(C_GRID, key=lambda c: (scores[c], -c))


def _stored_model(
    stored: dict[str, Any], classifier: LogisticRegression, c: float
) -> dict[str, Any]:
    return {
        "format": MODEL_FORMAT,
        "labels": list(LABELS),
        "c": c,
        **stored,
        "coef": _rounded(classifier.coef_),
        "intercept": _rounded(classifier.intercept_),
    }


def fit(responses: Sequence[str], labels: Sequence[str], c: float) -> dict[str, Any]:
    """The model, in the plain-data form `RefusalDetector` loads, fitted on these rows."""
    design, stored = _design([normalize(response) for response in responses])
    return _stored_model(stored, _classifier(design, labels, c), c)


def train(frame: pd.DataFrame) -> dict[str, Any]:
    """C chosen by grouped cross-validation on `frame`, then the model fitted on all of it."""
    responses, labels = frame["completion"].tolist(), frame["label"].tolist()
    c = choose_c(responses, labels, frame["prompt_id"].tolist())
    return fit(responses, labels, c)


def dumps(model: dict[str, Any]) -> str:
    """The file's exact text: compact, one model a file, ending in a newline."""
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=XSTEST_RESPONSES)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    model = train(load_xstest(args.data))
    args.out.write_text(dumps(model), encoding="utf-8")
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB, C={model['c']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
