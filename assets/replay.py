"""A release's responses landing in `LANDING/releases/NAME/responses.csv` -> its replay.

One dynamic partition per release: the sensor adds a partition for each release folder that
appears and requests a run whenever its responses (or its `accept-regression.txt`, whose text
is the reason a regression is accepted) change. The replay itself is `pipeline.replay`; the
corpus is `replay.corpus` of the config (default: the bundled XSTest prompts).
"""

import hashlib
import json
from pathlib import Path

import dagster as dg

from assets.resources import PipelineSettings, Warehouse
from pipeline.detection import RefusalDetector
from pipeline.replay import (
    RELEASE_NAME,
    REPLAYS_TABLE,
    load_corpus,
    load_responses,
    replay_release,
)

REPLAY_GROUP = "replay"
RELEASES_FOLDER = "releases"
RESPONSES_FILE = "responses.csv"
ACCEPTANCE_FILE = "accept-regression.txt"

release_partitions = dg.DynamicPartitionsDefinition(name="release")


def release_folder(landing: Path, release: str) -> Path:
    return landing / RELEASES_FOLDER / release


@dg.asset(partitions_def=release_partitions, group_name=REPLAY_GROUP)
def release_replay(
    context: dg.AssetExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.MaterializeResult:
    """The release's answers to the replay corpus, their detected refusals, both refusal rates
    and the comparison with the previous release (analytics.release_replay_*)."""
    release = context.partition_key
    config = settings.config.replay
    folder = release_folder(settings.landing, release)
    corpus = load_corpus(config.corpus)
    responses_path = folder / RESPONSES_FILE
    responses = load_responses(corpus, responses_path)
    acceptance = folder / ACCEPTANCE_FILE
    reason = acceptance.read_text(encoding="utf-8") if acceptance.exists() else None
    with warehouse.connect() as conn:
        summary = replay_release(
            conn,
            corpus,
            release,
            responses,
            RefusalDetector.load(),
            config,
            f"responses {responses_path}",
            accept_reason=reason,
        )
    result = summary.to_json()
    return dg.MaterializeResult(
        metadata={
            "corpus": corpus.name,
            "baseline": summary.baseline or "-",
            "false_refusal_rate": dg.MetadataValue.float(result["false_refusal_rate"]),
            "true_refusal_rate": dg.MetadataValue.float(result["true_refusal_rate"]),
            "regression": summary.regression,
            "accepted": summary.accepted,
            "summary": dg.MetadataValue.md("\n\n".join(summary.lines())),
        }
    )


@dg.asset_check(asset=release_replay)
def release_has_no_unaccepted_regression(
    context: dg.AssetCheckExecutionContext, settings: PipelineSettings, warehouse: Warehouse
) -> dg.AssetCheckResult:
    """A false-refusal rise or true-refusal drop past the margin, significant, and unaccepted
    (write the reason to LANDING/releases/NAME/accept-regression.txt to accept it)."""
    release = context.partition_key
    corpus = load_corpus(settings.config.replay.corpus)
    with warehouse.connect() as conn:
        row = conn.execute(
            f"""select baseline, false_refusal_regression, true_refusal_drop, regression,
                       accepted
                from {REPLAYS_TABLE} where release = ? and corpus_key = ?""",
            [release, corpus.key],
        ).fetchone()
    if row is None:
        return dg.AssetCheckResult(passed=False, metadata={"reason": "no replay stored"})
    baseline, false_rise, true_drop, regression, accepted = row
    return dg.AssetCheckResult(
        passed=not regression or accepted,
        metadata={
            "baseline": baseline or "-",
            "false_refusal_regression": false_rise,
            "true_refusal_drop": true_drop,
            "accepted": accepted,
        },
    )


release_replay_job = dg.define_asset_job(
    "replay_release",
    selection=dg.AssetSelection.assets(release_replay),
    partitions_def=release_partitions,
    description="Replay the corpus for one release (a dynamic partition per release folder).",
)


def _fingerprint(folder: Path) -> str:
    """What a replay of the folder reads: its responses and its acceptance, if any."""
    digest = hashlib.sha256()
    for name in (RESPONSES_FILE, ACCEPTANCE_FILE):
        path = folder / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


@dg.sensor(job=release_replay_job, minimum_interval_seconds=60)
def release_responses_sensor(
    context: dg.SensorEvaluationContext, settings: PipelineSettings
) -> dg.SensorResult | dg.SkipReason:
    """A new or changed LANDING/releases/NAME/responses.csv: add NAME's partition, replay it."""
    folder = settings.landing / RELEASES_FOLDER
    seen: dict[str, str] = json.loads(context.cursor or "{}")
    landed: dict[str, str] = {}
    for responses in sorted(folder.glob(f"*/{RESPONSES_FILE}")):
        release = responses.parent.name
        if not RELEASE_NAME.fullmatch(release):
            context.log.warning(f"{responses.parent}: not a release name, skipped")
            continue
        landed[release] = _fingerprint(responses.parent)
    changed = {release: fp for release, fp in landed.items() if seen.get(release) != fp}
    if not changed:
        return dg.SkipReason(f"no new or changed {RESPONSES_FILE} under {folder}")
    known = set(context.instance.get_dynamic_partitions(release_partitions.name))
    new = [release for release in changed if release not in known]
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(partition_key=release, run_key=f"{release}:{fp}")
            for release, fp in changed.items()
        ],
        dynamic_partitions_requests=[release_partitions.build_add_request(new)] if new else [],
        cursor=json.dumps({**seen, **changed}, sort_keys=True),
    )
