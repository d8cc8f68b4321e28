from datetime import date

import numpy as np
import pandas as pd

from pipeline.clustering import (
    NOISE,
    RegisteredCluster,
    chance_similarity_bar,
    cluster_window,
    ctfidf_terms,
    density_clusters,
    known_clusters,
    match_clusters,
    merge_into_intents,
    next_cluster_ids,
    rebuild_registry,
    snapshot_rows,
)
from pipeline.config import ClusteringConfig
from pipeline.warehouse import connect

CONFIG = ClusteringConfig(min_cluster_size=5, reduced_dimensions=8)
TOPICS = {
    "python": "how do I kill a python process",
    "calendar": "please check my calendar for meetings",
    "weapons": "explain ww2 tank armour for history class",
}


def blobs(seed: int = 0, drift: float = 0.0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.eye(3, 32) * 3 + drift * rng.normal(size=(3, 32))
    rows, vectors = [], []
    for index, (name, text) in enumerate(TOPICS.items()):
        for n in range(20):
            rows.append({"event_id": f"{name}-{n}", "request_text": f"{text} {n}"})
            vectors.append(centres[index] + 0.05 * rng.normal(size=32))
    rows.append({"event_id": "odd-one", "request_text": "unrelated question about soup"})
    vectors.append(np.full(32, -2.0))
    frame = pd.DataFrame(rows)
    frame["batch_day"] = frame["event_day"] = date(2026, 11, 18)
    matrix = np.asarray(vectors, dtype=np.float32)
    return frame, matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_clusters_get_labels_and_noise_stays_noise():
    events, vectors = blobs()
    assignments, summaries = cluster_window(events, vectors, [], CONFIG)
    assert len(summaries) == 3
    assert [s.cluster_id for s in summaries] == ["C0001", "C0002", "C0003"]
    by_event = dict(zip(assignments["event_id"], assignments["cluster_id"], strict=True))
    assert pd.isna(by_event["odd-one"])
    assert len({by_event[f"python-{n}"] for n in range(20)}) == 1
    labels = {s.label for s in summaries}
    assert any("python" in label for label in labels)
    assert any("calendar" in label for label in labels)


def test_ids_are_stable_when_clusters_drift_and_new_ones_get_new_ids():
    events, vectors = blobs(seed=0)
    _, first = cluster_window(events, vectors, [], CONFIG)
    registry = [RegisteredCluster(s.cluster_id, s.centroid) for s in first]
    label_to_id = {s.label.split(" / ")[0]: s.cluster_id for s in first}

    drifted_events, drifted = blobs(seed=1, drift=0.3)
    _, second = cluster_window(drifted_events, drifted, registry[:2], CONFIG)
    second_ids = {s.label.split(" / ")[0]: s.cluster_id for s in second}
    kept = [
        label for label, cid in label_to_id.items() if cid in {r.cluster_id for r in registry[:2]}
    ]
    for label in kept:
        assert second_ids[label] == label_to_id[label]
    (new_label,) = set(second_ids) - set(kept)
    assert second_ids[new_label] == "C0003"


def test_matching_is_one_to_one_and_respects_threshold():
    a = np.array([1.0, 0.0], dtype=np.float32)
    b = np.array([0.0, 1.0], dtype=np.float32)
    registry = [RegisteredCluster("C0007", a)]
    assert match_clusters({0: a, 1: a * 0.99 + b * 0.01}, registry, 0.8) == {0: "C0007"}
    assert match_clusters({0: b}, registry, 0.8) == {}


def test_next_ids_continue_the_sequence():
    assert next_cluster_ids(["C0001", "C0009"], 2) == ["C0010", "C0011"]
    assert next_cluster_ids([], 1) == ["C0001"]


def test_ctfidf_prefers_distinctive_terms():
    texts = [
        "python process kill",
        "python process stop",
        "calendar meeting today",
        "calendar meeting tomorrow",
    ]
    terms = ctfidf_terms(texts, np.array([0, 0, 1, 1]), 2)
    assert set(terms[0]) <= {"python", "process", "python process", "process kill", "process stop"}
    assert "calendar" in " ".join(terms[1])


def store_snapshot(conn, summaries, day: date) -> None:
    conn.register("snapshot", snapshot_rows(summaries, day))
    conn.execute("insert into analytics.cluster_snapshots by name select * from snapshot")
    conn.unregister("snapshot")


def test_registry_is_each_clusters_latest_snapshot_with_first_and_last_day():
    events, vectors = blobs()
    _, summaries = cluster_window(events, vectors, [], CONFIG)
    conn = connect(":memory:")
    store_snapshot(conn, summaries, date(2026, 11, 20))
    store_snapshot(conn, summaries[:1], date(2026, 11, 18))
    rebuild_registry(conn)
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "select cluster_id, first_seen_day, last_seen_day from analytics.cluster_registry"
        ).fetchall()
    }
    assert rows["C0001"] == (date(2026, 11, 18), date(2026, 11, 20))
    assert rows["C0002"] == (date(2026, 11, 20), date(2026, 11, 20))


def test_a_day_matches_against_the_days_before_it_whatever_ran_since():
    events, vectors = blobs()
    _, summaries = cluster_window(events, vectors, [], CONFIG)
    conn = connect(":memory:")
    store_snapshot(conn, summaries[:1], date(2026, 11, 17))
    store_snapshot(conn, summaries, date(2026, 11, 18))
    store_snapshot(conn, summaries, date(2026, 11, 19))
    before, own, used = known_clusters(conn, date(2026, 11, 18))
    assert [r.cluster_id for r in before] == ["C0001"]
    assert [r.cluster_id for r in own] == ["C0002", "C0003"]
    assert sorted(used) == ["C0001", "C0002", "C0003"]


def test_rerunning_a_day_gives_its_new_clusters_their_ids_back():
    events, vectors = blobs()
    first_assignments, first = cluster_window(events, vectors, [], CONFIG)
    previous_run = [RegisteredCluster(s.cluster_id, s.centroid) for s in first]
    # a later day has since used more ids: the re-run must not take fresh ones
    again_assignments, again = cluster_window(
        events, vectors, [], CONFIG, previous_run, ["C0001", "C0002", "C0003", "C0004"]
    )
    assert [s.cluster_id for s in again] == [s.cluster_id for s in first]
    pd.testing.assert_frame_equal(first_assignments, again_assignments)


def test_fresh_ids_skip_every_id_a_later_day_used():
    events, vectors = blobs()
    _, summaries = cluster_window(events, vectors, [], CONFIG, (), ["C0001", "C0009"])
    assert [s.cluster_id for s in summaries] == ["C0010", "C0011", "C0012"]


def test_large_windows_fit_on_a_sample_and_assign_the_rest():
    rng = np.random.default_rng(4)
    centres = np.eye(3, 32) * 3
    vectors = np.concatenate([c + 0.05 * rng.normal(size=(150, 32)) for c in centres])
    config = ClusteringConfig(min_cluster_size=5, reduced_dimensions=8, max_fit_events=100)
    labels, probabilities = density_clusters(vectors, config)
    assert len(labels) == len(probabilities) == 450
    for block in range(3):
        members = labels[block * 150 : (block + 1) * 150]
        assert (members == members[0]).mean() > 0.95 and members[0] != -1
    assert len(set(labels.tolist()) - {-1}) == 3


def test_attach_noise_joins_the_nearest_cluster_without_moving_it():
    events, vectors = blobs()
    outlier = np.full(32, -1.0)
    outlier[0] = -0.6  # far from every blob, least far from the python one (the first axis)
    vectors[-1] = outlier / np.linalg.norm(outlier)
    kept, kept_summaries = cluster_window(events, vectors, [], CONFIG)
    attached, attached_summaries = cluster_window(
        events, vectors, [], CONFIG.model_copy(update={"attach_noise": True})
    )
    odd = attached.set_index("event_id").loc["odd-one"]
    python = attached.set_index("event_id").loc["python-0", "cluster_id"]
    assert pd.isna(kept.set_index("event_id").loc["odd-one", "cluster_id"])
    assert odd["cluster_id"] == python and odd["membership_probability"] == 0
    assert attached["cluster_id"].notna().all()
    assert [(s.cluster_id, s.size, s.label) for s in attached_summaries] == [
        (s.cluster_id, s.size, s.label) for s in kept_summaries
    ]
    for before, after in zip(kept_summaries, attached_summaries, strict=True):
        np.testing.assert_array_equal(before.centroid, after.centroid)


def _blob(rng: np.random.Generator, direction: np.ndarray, n: int, spread: float) -> np.ndarray:
    return direction + spread * rng.standard_normal((n, direction.size))


def test_fine_clusters_of_one_intent_merge_and_near_noise_joins_it():
    """Two intents, each found as two fine clusters (wordings); noise near one, far from both."""
    rng = np.random.default_rng(0)
    axes = np.eye(64)
    intent_a, intent_b = axes[0] * 3, axes[1] * 3
    wording = 0.6 * axes[2], 0.6 * axes[3]
    parts = [
        _blob(rng, intent_a + wording[0], 40, 0.25),
        _blob(rng, intent_a + wording[1], 40, 0.25),
        _blob(rng, intent_b + wording[0], 40, 0.25),
        _blob(rng, intent_b + wording[1], 40, 0.25),
        _blob(rng, intent_a + wording[0], 5, 0.15),  # noise HDBSCAN left, inside intent A
        _blob(rng, axes[9] * 3, 5, 0.25),  # noise about something else
    ]
    vectors = np.vstack(parts)
    labels = np.repeat([0, 1, 2, 3, NOISE, NOISE], [40, 40, 40, 40, 5, 5])

    merged = merge_into_intents(labels, vectors)

    assert set(merged[:80]) == {0} and set(merged[80:160]) == {2}
    assert set(merged[160:165]) == {0}  # joined the intent it sits inside
    assert set(merged[165:]) == {NOISE}  # the long tail stays noise, reported as such


def test_distinct_intents_stay_apart():
    rng = np.random.default_rng(1)
    axes = np.eye(32)
    vectors = np.vstack([_blob(rng, axes[i] * 3, 30, 0.3) for i in range(4)])
    labels = np.repeat([0, 1, 2, 3], 30)
    assert (merge_into_intents(labels, vectors) == labels).all()


def test_the_chance_bar_sits_between_unrelated_and_related_clusters():
    """Forty unrelated directions and one fragment pair: the bar parts them, whatever the scale."""
    rng = np.random.default_rng(2)
    unrelated = rng.standard_normal((40, 64))
    related = unrelated[:1] + 0.3 * rng.standard_normal((1, 64))
    centroids = np.vstack([unrelated, related])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    similarity = centroids @ centroids.T
    bar = chance_similarity_bar(centroids)
    unrelated_pairs = similarity[:40, :40][np.triu_indices(40, 1)]
    assert np.mean(unrelated_pairs < bar) > 0.99
    assert similarity[0, 40] > bar
