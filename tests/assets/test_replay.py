"""The release replay asset, its check and the sensor that launches it per landed release."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from assets import definitions, replay
from assets.resources import PipelineSettings, Warehouse
from pipeline.detection_training import XSTEST_RESPONSES


def _land(landing: Path, release: str, model: str) -> Path:
    completions = pd.read_csv(XSTEST_RESPONSES, dtype=str, keep_default_na=False)
    rows = completions[completions["model"] == model]
    folder = landing / replay.RELEASES_FOLDER / release
    folder.mkdir(parents=True)
    rows.rename(columns={"completion": "response"})[["prompt_id", "response"]].to_csv(
        folder / replay.RESPONSES_FILE, index=False
    )
    return folder


@pytest.fixture
def setup(tmp_path):
    landing = tmp_path / "landing"
    resources = {
        "settings": PipelineSettings(landing_dir=str(landing), output_dir=str(tmp_path / "out")),
        "warehouse": Warehouse(database=str(tmp_path / "w.duckdb")),
    }
    instance = dg.DagsterInstance.ephemeral()
    return landing, resources, instance


def _replay(resources, instance, release: str) -> dg.ExecuteInProcessResult:
    instance.add_dynamic_partitions(replay.release_partitions.name, [release])
    return dg.materialize(
        [replay.release_replay, replay.release_has_no_unaccepted_regression],
        partition_key=release,
        resources=resources,
        instance=instance,
        raise_on_error=False,
    )


def _check_passed(result: dg.ExecuteInProcessResult) -> bool:
    (evaluation,) = result.get_asset_check_evaluations()
    return evaluation.passed


def test_a_regressing_release_fails_its_check_until_accepted(setup):
    landing, resources, instance = setup
    _land(landing, "gpt4", "gpt4")
    first = _replay(resources, instance, "gpt4")
    assert first.success and _check_passed(first)
    folder = _land(landing, "llama2orig", "llama2orig")
    second = _replay(resources, instance, "llama2orig")
    (materialization,) = second.asset_materializations_for_node("release_replay")
    assert materialization.metadata["baseline"].value == "gpt4"
    assert materialization.metadata["regression"].value is True
    assert not _check_passed(second)
    (folder / replay.ACCEPTANCE_FILE).write_text("stricter by design\n", encoding="utf-8")
    accepted = _replay(resources, instance, "llama2orig")
    assert _check_passed(accepted)


def test_the_sensor_adds_a_partition_and_requests_a_run_per_new_or_changed_release(setup):
    landing, resources, instance = setup
    settings = {"settings": resources["settings"]}
    context = dg.build_sensor_context(instance=instance, resources=settings)
    assert isinstance(replay.release_responses_sensor(context), dg.SkipReason)
    _land(landing, "v1", "gpt4")
    _land(landing, "not a name", "gpt4")
    result = replay.release_responses_sensor(context)
    assert [r.partition_key for r in result.run_requests] == ["v1"]
    (add,) = result.dynamic_partitions_requests
    assert add.partition_keys == ["v1"] and add.partitions_def_name == "release"
    instance.add_dynamic_partitions("release", ["v1"])
    context = dg.build_sensor_context(instance=instance, resources=settings, cursor=result.cursor)
    assert isinstance(replay.release_responses_sensor(context), dg.SkipReason)
    (landing / "releases" / "v1" / replay.ACCEPTANCE_FILE).write_text("ok", encoding="utf-8")
    again = replay.release_responses_sensor(context)
    assert [r.partition_key for r in again.run_requests] == ["v1"]
    assert again.dynamic_partitions_requests == []
    assert set(json.loads(again.cursor)) == {"v1"}


def test_the_replay_is_registered_apart_from_the_daily_job():
    defs = definitions.defs
    daily = defs.resolve_job_def("daily_refusal_backlog")
    assert dg.AssetKey("release_replay") not in daily.asset_layer.selected_asset_keys
    release_job = defs.resolve_job_def("replay_release")
    assert release_job.asset_layer.selected_asset_keys == {dg.AssetKey("release_replay")}
    assert [s.name for s in defs.sensors] == ["release_responses_sensor"]
