"""The reducer, clusterer and vectorizer are injectable; the defaults are the old fixed models."""

from dataclasses import replace
from datetime import date

import hdbscan
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.clustering import (
    DEFAULT_MODELS,
    ClusteringModels,
    cluster_day,
    cluster_window,
    ctfidf_terms,
    density_clusters,
    hdbscan_clusterer,
    pca_reducer,
)
from pipeline.config import ClusteringConfig
from pipeline.warehouse import connect
from tests.pipeline.test_clustering import CONFIG, blobs

DAY = date(2026, 11, 18)


class KMeansClusterer:
    """KMeans as a Clusterer: every row in a cluster, each with probability 1."""

    def __init__(self, n_clusters: int) -> None:
        self.model = KMeans(n_clusters=n_clusters, n_init=10, random_state=0)
        self.predicted_rows = 0

    def fit(self, X: np.ndarray) -> "KMeansClusterer":
        self.model.fit(X)
        self.labels_ = self.model.labels_
        self.probabilities_ = np.ones(len(X))
        return self

    def approximate_predict(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        self.predicted_rows += len(X)
        return self.model.predict(X), np.full(len(X), 0.5)


def large_window() -> np.ndarray:
    rng = np.random.default_rng(4)
    centres = np.eye(3, 32) * 3
    return np.concatenate([c + 0.05 * rng.normal(size=(150, 32)) for c in centres])


def test_default_models_are_the_old_fixed_pca_and_hdbscan():
    _, vectors = blobs()
    labels, probabilities = density_clusters(vectors, CONFIG)
    reduced = PCA(n_components=8, random_state=0).fit_transform(vectors).astype(np.float64)
    old = hdbscan.HDBSCAN(
        min_cluster_size=5, metric="euclidean", cluster_selection_method="eom"
    ).fit(reduced)
    np.testing.assert_array_equal(labels, old.labels_)
    np.testing.assert_array_equal(probabilities, old.probabilities_)


def test_default_models_fit_a_sample_as_the_old_code_did():
    vectors = large_window()
    config = ClusteringConfig(min_cluster_size=5, reduced_dimensions=8, max_fit_events=100)
    labels, strengths = density_clusters(vectors, config)
    reduced = PCA(n_components=8, random_state=0).fit_transform(vectors).astype(np.float64)
    rows = np.sort(np.random.default_rng(0).choice(450, 100, replace=False))
    old = hdbscan.HDBSCAN(
        min_cluster_size=5,
        metric="euclidean",
        cluster_selection_method="eom",
        prediction_data=True,
    ).fit(reduced[rows])
    old_labels, old_strengths = hdbscan.approximate_predict(old, reduced)
    np.testing.assert_array_equal(labels, old_labels)
    np.testing.assert_array_equal(strengths, old_strengths)


def test_explicit_default_models_give_identical_windows():
    events, vectors = blobs()
    explicit = ClusteringModels(
        reducer_factory=pca_reducer,
        clusterer_factory=hdbscan_clusterer,
        vectorizer_factory=lambda: CountVectorizer(
            stop_words="english",
            ngram_range=(1, 2),
            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]{2,}\b",
        ),
    )
    assert ClusteringModels() == DEFAULT_MODELS
    default_assignments, default_summaries = cluster_window(events, vectors, [], CONFIG)
    assignments, summaries = cluster_window(events, vectors, [], CONFIG, models=explicit)
    pd.testing.assert_frame_equal(default_assignments, assignments)
    assert [(s.cluster_id, s.label, s.top_terms, s.size) for s in summaries] == [
        (s.cluster_id, s.label, s.top_terms, s.size) for s in default_summaries
    ]
    for default, injected in zip(default_summaries, summaries, strict=True):
        np.testing.assert_array_equal(default.centroid, injected.centroid)


def test_an_injected_reducer_and_clusterer_decide_the_clusters():
    events, vectors = blobs()
    requested: list[int] = []

    def svd(dimensions: int) -> TruncatedSVD:
        requested.append(dimensions)
        return TruncatedSVD(n_components=dimensions, random_state=0)

    models = ClusteringModels(
        reducer_factory=svd, clusterer_factory=lambda config, sampled: KMeansClusterer(2)
    )
    assignments, summaries = cluster_window(events, vectors, [], CONFIG, models=models)
    assert requested == [CONFIG.reduced_dimensions]
    # HDBSCAN finds three clusters and leaves the odd one out as noise; KMeans(2) has no noise
    assert len(summaries) == 2
    assert assignments["cluster_id"].notna().all()
    assert (assignments["membership_probability"] == 1.0).all()


def test_an_injected_clusterer_labels_the_rows_a_sampled_fit_did_not_see():
    vectors = large_window()
    config = ClusteringConfig(min_cluster_size=5, reduced_dimensions=8, max_fit_events=100)
    built: list[tuple[KMeansClusterer, bool]] = []

    def kmeans(config: ClusteringConfig, fit_on_sample: bool) -> KMeansClusterer:
        built.append((KMeansClusterer(3), fit_on_sample))
        return built[-1][0]

    labels, strengths = density_clusters(
        vectors, config, models=ClusteringModels(clusterer_factory=kmeans)
    )
    ((clusterer, fit_on_sample),) = built
    assert fit_on_sample and clusterer.predicted_rows == 450
    assert (strengths == 0.5).all()
    for block in range(3):
        assert len(set(labels[block * 150 : (block + 1) * 150].tolist())) == 1


def test_an_injected_vectorizer_decides_the_terms():
    texts = ["python process 11", "python process 12", "calendar meeting 21", "calendar 22"]
    labels = np.array([0, 0, 1, 1])
    digits = ClusteringModels(vectorizer_factory=lambda: CountVectorizer(token_pattern=r"\d+"))
    assert ctfidf_terms(texts, labels, 2, models=digits) == {0: ["11", "12"], 1: ["21", "22"]}
    default_terms = ctfidf_terms(texts, labels, 2)
    assert all(not term.isdigit() for terms in default_terms.values() for term in terms)


def test_cluster_day_passes_the_injected_models_down():
    events, vectors = blobs()
    conn = connect(":memory:")
    frame = events.assign(
        occurred_at=pd.Timestamp("2026-11-18 12:00"),
        user_pseudonym="u",
        session_pseudonym="s",
        pseudonym_key_version="k1",
        request_text_hash=events["event_id"],
    )
    conn.register("frame", frame)
    conn.execute("insert into analytics.minimized_refusal_events by name select * from frame")
    embeddings = pd.DataFrame(
        {
            "text_hash": events["event_id"],
            "model_name": "m",
            "embedding": list(vectors.astype(np.float32)),
            "created_at": pd.Timestamp("2026-11-18 12:00"),
        }
    )
    conn.register("embeddings", embeddings)
    conn.execute("insert into analytics.request_embeddings by name select * from embeddings")
    default_run = cluster_day(conn, DAY, CONFIG, "m")
    models = replace(DEFAULT_MODELS, clusterer_factory=lambda config, sampled: KMeansClusterer(2))
    injected_run = cluster_day(conn, DAY, CONFIG, "m", models=models)
    assert (len(default_run.clusters), default_run.noise_today) == (3, 1)
    assert (len(injected_run.clusters), injected_run.noise_today) == (2, 0)
