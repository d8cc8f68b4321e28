"""Group refusals by intent: HDBSCAN over a trailing window, ids stable across days.

PCA shrinks the 384-dim embeddings before HDBSCAN (density estimates degrade in high
dimensions); centroids stay in the model's space so they compare across days, where each
day's PCA basis differs. Noise stays noise unless `attach_noise` is set; attached events join
their nearest cluster with membership probability 0 and never move its centroid or label.
With `merge_into_intents`, HDBSCAN's fine clusters are grouped into intents first
(`merge_into_intents`), and only noise close to an intent joins it.

The reducer, the clusterer and the label vectorizer are injectable, as in BERTopic
(`ClusteringModels`); PCA, HDBSCAN and an English n-gram CountVectorizer are the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

import duckdb
import hdbscan
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.config import ClusteringConfig
from pipeline.warehouse import replace_partition

NOISE = -1
_PLACEHOLDER = re.compile(r"<[A-Z_]+>")


class Reducer(Protocol):
    """Shrinks the embeddings before clustering; fitted afresh on every window."""

    def fit_transform(self, X: np.ndarray) -> np.ndarray: ...


class Clusterer(Protocol):
    """Labels rows (-1 = noise) with membership probabilities once fitted.

    `approximate_predict` labels rows the fit did not see; it is only called on a clusterer
    built with `fit_on_sample=True`, for windows past `max_fit_events`.
    """

    @property
    def labels_(self) -> np.ndarray: ...

    @property
    def probabilities_(self) -> np.ndarray: ...

    def fit(self, X: np.ndarray) -> object: ...

    def approximate_predict(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...


class Vectorizer(Protocol):
    """Counts the terms of each cluster's document for the c-TF-IDF labels."""

    def fit_transform(self, raw_documents: list[str]) -> sparse.spmatrix | sparse.sparray: ...

    def get_feature_names_out(self) -> np.ndarray: ...


# Factories, not instances: every window refits, and the reduced size depends on the data.
ReducerFactory = Callable[[int], Reducer]
ClustererFactory = Callable[[ClusteringConfig, bool], Clusterer]
VectorizerFactory = Callable[[], Vectorizer]


def pca_reducer(dimensions: int) -> Reducer:
    """PCA with a fixed seed, so its randomized solver repeats on large windows."""
    return PCA(n_components=dimensions, random_state=0)


class _HDBSCAN(hdbscan.HDBSCAN):
    """hdbscan.HDBSCAN with hdbscan's `approximate_predict` as a method, to be a Clusterer."""

    def approximate_predict(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return hdbscan.approximate_predict(self, X)


def hdbscan_clusterer(config: ClusteringConfig, fit_on_sample: bool) -> Clusterer:
    """HDBSCAN as `config` sets it; prediction data only when it must label unseen rows."""
    return _HDBSCAN(
        min_cluster_size=config.min_cluster_size,
        min_samples=config.min_samples,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=fit_on_sample,
    )


def english_ngram_vectorizer() -> Vectorizer:
    """Words and word pairs of three letters or more, English stop words left out."""
    return CountVectorizer(
        stop_words="english", ngram_range=(1, 2), token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]{2,}\b"
    )


@dataclass(frozen=True)
class ClusteringModels:
    """What clustering fits, one factory per model, BERTopic style; defaults as configured."""

    reducer_factory: ReducerFactory = pca_reducer
    clusterer_factory: ClustererFactory = hdbscan_clusterer
    vectorizer_factory: VectorizerFactory = english_ngram_vectorizer


DEFAULT_MODELS = ClusteringModels()


@dataclass(frozen=True)
class RegisteredCluster:
    cluster_id: str
    centroid: np.ndarray


@dataclass(frozen=True)
class ClusterSummary:
    cluster_id: str
    label: str
    top_terms: list[str]
    centroid: np.ndarray
    size: int


def density_clusters(
    vectors: np.ndarray, config: ClusteringConfig, *, models: ClusteringModels = DEFAULT_MODELS
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster labels (-1 = noise) and membership probabilities for each row.

    Past `max_fit_events` rows, the clusterer is fitted on a seeded random sample and the other
    rows are assigned by its `approximate_predict`: the fit grows faster than linearly with the
    window.
    """
    if len(vectors) < max(config.min_cluster_size, 2):
        return np.full(len(vectors), NOISE), np.zeros(len(vectors))
    dims = min(config.reduced_dimensions, vectors.shape[1], len(vectors) - 1)
    reduced = models.reducer_factory(dims).fit_transform(vectors).astype(np.float64)
    sampled = len(reduced) > config.max_fit_events
    clusterer = models.clusterer_factory(config, sampled)
    if not sampled:
        clusterer.fit(reduced)
        return np.asarray(clusterer.labels_), np.asarray(clusterer.probabilities_, dtype=float)
    fit_rows = np.random.default_rng(0).choice(len(reduced), config.max_fit_events, replace=False)
    clusterer.fit(reduced[np.sort(fit_rows)])
    labels, strengths = clusterer.approximate_predict(reduced)
    return np.asarray(labels), np.asarray(strengths, dtype=float)


def ctfidf_terms(
    texts: list[str],
    labels: np.ndarray,
    n_terms: int,
    *,
    models: ClusteringModels = DEFAULT_MODELS,
) -> dict[int, list[str]]:
    """Class-based TF-IDF: terms frequent in one cluster and rare across the others."""
    clusters = sorted(int(c) for c in set(labels.tolist()) if c != NOISE)
    if not clusters:
        return {}
    documents = [
        " ".join(_PLACEHOLDER.sub(" ", t) for t, lab in zip(texts, labels, strict=True) if lab == c)
        for c in clusters
    ]
    vectorizer = models.vectorizer_factory()
    counts = vectorizer.fit_transform(documents).toarray().astype(float)
    vocabulary = vectorizer.get_feature_names_out()
    term_freq = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    average_words = counts.sum() / len(clusters)
    idf = np.log(1.0 + average_words / np.maximum(counts.sum(axis=0), 1.0))
    scores = term_freq * idf
    terms: dict[int, list[str]] = {}
    for row, cluster in enumerate(clusters):
        chosen: list[str] = []
        covered: set[str] = set()
        for index in np.argsort(-scores[row], kind="stable"):
            if scores[row, index] <= 0 or len(chosen) == n_terms:
                break
            words = set(vocabulary[index].split())
            if words <= covered:
                continue
            chosen.append(str(vocabulary[index]))
            covered |= words
        terms[cluster] = chosen
    return terms


def centroid(vectors: np.ndarray) -> np.ndarray:
    mean = vectors.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def match_clusters(
    centroids: dict[int, np.ndarray],
    registry: list[RegisteredCluster],
    min_similarity: float,
) -> dict[int, str]:
    """One-to-one matching of today's clusters to known ones by centroid cosine similarity."""
    if not centroids or not registry:
        return {}
    local_ids = sorted(centroids)
    today = np.stack([centroids[c] for c in local_ids])
    known = np.stack([r.centroid for r in registry])
    similarity = today @ known.T
    rows, cols = linear_sum_assignment(-similarity)
    return {
        local_ids[r]: registry[c].cluster_id
        for r, c in zip(rows, cols, strict=True)
        if similarity[r, c] >= min_similarity
    }


def attach_to_nearest(
    labels: np.ndarray, vectors: np.ndarray, centroids: dict[int, np.ndarray]
) -> np.ndarray:
    """Noise rows take the label of the most cosine-similar centroid; others keep theirs."""
    noise = labels == NOISE
    if not centroids or not noise.any():
        return labels
    local_ids = np.asarray(sorted(centroids))
    known = np.stack([centroids[c] for c in local_ids])
    rows = vectors[noise] / np.maximum(np.linalg.norm(vectors[noise], axis=1, keepdims=True), 1e-12)
    attached = labels.copy()
    attached[noise] = local_ids[np.argmax(rows @ known.T, axis=1)]
    return attached


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


INTENT_LINK_SIGMAS = 3.0
NOISE_JOIN_QUANTILE = 0.05


def chance_similarity_bar(centroids: np.ndarray) -> float:
    """The similarity that two unrelated clusters of the window reach only by chance.

    Almost all pairs of a window's clusters are unrelated (an intent's few fragments make a
    small share of the pairs), so the median and the median absolute deviation of all pairs'
    similarities describe chance, robustly to the related pairs; three robust standard
    deviations above the median is the usual bar for "not chance".
    """
    pairs = (centroids @ centroids.T)[np.triu_indices(len(centroids), 1)]
    median = float(np.median(pairs))
    robust_sd = 1.4826 * float(np.median(np.abs(pairs - median)))
    return median + INTENT_LINK_SIGMAS * robust_sd


def merge_into_intents(labels: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Group HDBSCAN's clusters into intents, and let noise near an intent join it.

    HDBSCAN finds pure but fine clusters: paraphrases of one request split by wording, language
    or typos. Clusters join (average linkage on their centroids) while they are on average more
    similar than chance allows (`chance_similarity_bar`). The bar comes from the window's own
    similarities, so it follows the embedding model's geometry rather than a number tuned to
    one dataset; it needs three clusters or more (a single pair is its own bar). A noise event
    joins the nearest intent when it is at least as similar to its centroid as 95 % of that
    intent's members; the rest stay noise, the long tail. Labels stay HDBSCAN's integers (an
    intent takes its lowest cluster's).
    """
    fine = sorted(int(c) for c in set(labels.tolist()) if c != NOISE)
    if not fine:
        return labels
    rows = _unit_rows(vectors)
    merged = labels.copy()
    if len(fine) > 2:
        from scipy.cluster.hierarchy import fcluster, linkage

        centroids = np.stack([centroid(rows[labels == c]) for c in fine])
        cut = 1 - chance_similarity_bar(centroids)
        groups = fcluster(linkage(centroids, "average", "cosine"), cut, "distance")
        first = {}
        for c, group in zip(fine, groups, strict=True):
            first.setdefault(group, c)
        intent_of = {c: first[group] for c, group in zip(fine, groups, strict=True)}
        merged = np.array([intent_of.get(int(lab), NOISE) for lab in labels])
    noise = np.flatnonzero(merged == NOISE)
    if len(noise):
        intents = sorted(int(c) for c in set(merged.tolist()) if c != NOISE)
        intent_centroids = np.stack([centroid(rows[merged == c]) for c in intents])
        bars = np.array(
            [
                np.quantile(rows[merged == c] @ intent_centroids[i], NOISE_JOIN_QUANTILE)
                for i, c in enumerate(intents)
            ]
        )
        similarity = rows[noise] @ intent_centroids.T
        nearest = np.argmax(similarity, axis=1)
        close = similarity[np.arange(len(noise)), nearest] >= bars[nearest]
        merged[noise[close]] = np.asarray(intents)[nearest[close]]
    return merged


def next_cluster_ids(existing: list[str], count: int) -> list[str]:
    start = max((int(c[1:]) for c in existing if re.fullmatch(r"C\d+", c)), default=0) + 1
    return [f"C{n:04d}" for n in range(start, start + count)]


def cluster_window(
    events: pd.DataFrame,
    vectors: np.ndarray,
    registry: list[RegisteredCluster],
    config: ClusteringConfig,
    previous_run: Sequence[RegisteredCluster] = (),
    used_ids: Sequence[str] = (),
    *,
    models: ClusteringModels = DEFAULT_MODELS,
) -> tuple[pd.DataFrame, list[ClusterSummary]]:
    """Cluster the window's events; returns per-event assignments and one summary per cluster.

    `events` has event_id, batch_day, event_day and request_text, aligned with `vectors`.
    Clusters are matched to the `registry` first; those left over to the clusters an earlier
    run of the same day created (`previous_run`), so a re-run keeps their ids; the rest get
    ids after every id in `registry` and `used_ids`.
    """
    labels, probabilities = density_clusters(vectors, config, models=models)
    if config.merge_into_intents:
        labels = merge_into_intents(labels, vectors)
    terms = ctfidf_terms(events["request_text"].tolist(), labels, config.label_terms, models=models)
    local = sorted(terms, key=lambda c: (-int((labels == c).sum()), c))
    centroids = {c: centroid(vectors[labels == c]) for c in local}
    matched = match_clusters(centroids, registry, config.match_similarity)
    unmatched = {c: v for c, v in centroids.items() if c not in matched}
    matched |= match_clusters(unmatched, list(previous_run), config.match_similarity)
    taken = [r.cluster_id for r in registry] + list(used_ids)
    fresh = iter(next_cluster_ids(taken, len(local) - len(matched)))
    stable_id = {c: matched.get(c) or next(fresh) for c in local}
    summaries = [
        ClusterSummary(
            cluster_id=stable_id[c],
            label=" / ".join(terms[c][:3]) or stable_id[c],
            top_terms=terms[c],
            centroid=centroids[c],
            size=int((labels == c).sum()),
        )
        for c in local
    ]
    if config.attach_noise:
        labels = attach_to_nearest(labels, vectors, centroids)
    assignments = events.loc[:, ["event_id", "batch_day", "event_day"]].copy()
    assignments["cluster_id"] = [stable_id.get(int(lab)) for lab in labels]
    assignments["membership_probability"] = probabilities
    return assignments.reset_index(drop=True), summaries


def snapshot_rows(summaries: list[ClusterSummary], day: date) -> pd.DataFrame:
    """The day's clusters as `analytics.cluster_snapshots` rows."""
    return pd.DataFrame(
        [
            {
                "batch_day": day,
                "cluster_id": s.cluster_id,
                "label": s.label,
                "top_terms": s.top_terms,
                "centroid": s.centroid.tolist(),
                "size": s.size,
            }
            for s in summaries
        ],
        columns=["batch_day", "cluster_id", "label", "top_terms", "centroid", "size"],
    )


def _registered(frame: pd.DataFrame) -> list[RegisteredCluster]:
    return [
        RegisteredCluster(r.cluster_id, np.asarray(r.centroid, dtype=np.float32))
        for r in frame.sort_values("cluster_id").itertuples()
    ]


def known_clusters(
    conn: duckdb.DuckDBPyConnection, day: date
) -> tuple[list[RegisteredCluster], list[RegisteredCluster], list[str]]:
    """What clustering `day` matches against, read so that re-running any day repeats it.

    Returns the registry as the days before `day` left it (each cluster's latest snapshot
    before `day`), the clusters `day` itself created on an earlier run of it (so a re-run gives
    them back their ids), and every id ever used (fresh ids never reuse one).
    """
    before = conn.execute(
        """select cluster_id, arg_max(centroid, batch_day) as centroid
           from analytics.cluster_snapshots where batch_day < ? group by cluster_id""",
        [day],
    ).df()
    own = conn.execute(
        """select cluster_id, centroid from analytics.cluster_snapshots
           where batch_day = ? and cluster_id not in
               (select cluster_id from analytics.cluster_snapshots where batch_day < ?)""",
        [day, day],
    ).df()
    used = [
        row[0]
        for row in conn.execute(
            "select distinct cluster_id from analytics.cluster_snapshots"
        ).fetchall()
    ]
    return _registered(before), _registered(own), used


def rebuild_registry(conn: duckdb.DuckDBPyConnection) -> None:
    """`analytics.cluster_registry` is each cluster's latest snapshot, with first and last day.

    Derived from every snapshot rather than updated in place, so it does not depend on the
    order in which days ran.
    """
    conn.execute("begin transaction")
    conn.execute("delete from analytics.cluster_registry")
    conn.execute(
        """insert into analytics.cluster_registry
           select cluster_id, arg_max(label, batch_day), arg_max(top_terms, batch_day),
                  arg_max(centroid, batch_day), min(batch_day), max(batch_day),
                  arg_max(size, batch_day)
           from analytics.cluster_snapshots group by cluster_id"""
    )
    conn.execute("commit")


@dataclass(frozen=True)
class ClusteringRun:
    window_events: int
    assigned_today: int
    noise_today: int
    clusters: list[ClusterSummary]


def cluster_day(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    config: ClusteringConfig,
    model_name: str,
    *,
    models: ClusteringModels = DEFAULT_MODELS,
) -> ClusteringRun:
    """Cluster the trailing window ending `day`; store the day's assignments and the registry.

    Events the day loaded late (an earlier `event_day`) are clustered with the window too;
    events loaded after `day` are not, so re-running an earlier day sees what it saw then.
    """
    window_start = day - timedelta(days=config.window_days - 1)
    events = conn.execute(
        """
        select m.event_id, m.batch_day, m.event_day, m.request_text, e.embedding,
               m.batch_day = ? as loaded_today
        from analytics.minimized_refusal_events m
        join analytics.request_embeddings e
          on e.text_hash = m.request_text_hash and e.model_name = ?
        where (m.event_day between ? and ? or m.batch_day = ?) and m.batch_day <= ?
        order by m.event_id
        """,
        [day, model_name, window_start, day, day, day],
    ).df()
    registry, previous_run, used_ids = known_clusters(conn, day)
    vectors = (
        np.stack(events["embedding"].to_numpy()).astype(np.float32)
        if len(events)
        else np.empty((0, 0), dtype=np.float32)
    )
    assignments, summaries = cluster_window(
        events, vectors, registry, config, previous_run, used_ids, models=models
    )
    today = assignments[events["loaded_today"].to_numpy(dtype=bool)]
    replace_partition(conn, "analytics.cluster_assignments", day, today)
    replace_partition(conn, "analytics.cluster_snapshots", day, snapshot_rows(summaries, day))
    rebuild_registry(conn)
    return ClusteringRun(
        window_events=len(events),
        assigned_today=int(today["cluster_id"].notna().sum()),
        noise_today=int(today["cluster_id"].isna().sum()),
        clusters=summaries,
    )
