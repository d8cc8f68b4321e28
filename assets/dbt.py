"""dbt models (staging -> intermediate -> marts) as assets; dbt tests surface as checks."""

import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from assets.partitions import daily_partitions, one_day_per_run
from assets.project import dbt_project
from assets.resources import PipelineSettings
from pipeline.config import PipelineConfig

# Source tables written by an asset of another name; the rest share their asset's name.
SOURCE_ASSETS = {
    "refusal_events": "raw_refusal_events",
    "cluster_assignments": "refusal_clusters",
    "traffic": "traffic_denominators",
    "retention_log": "retention",
}


class Translator(DagsterDbtTranslator):
    """dbt sources are the Python assets that write those tables."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            name = dbt_resource_props["name"]
            return dg.AssetKey(SOURCE_ASSETS.get(name, name))
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str:
        return "dbt"


def dbt_vars(config: PipelineConfig, day: str) -> dict[str, Any]:
    return {
        "run_day": day,
        "window_days": config.clustering.window_days,
        "retry_window_minutes": config.sessions.retry_window_minutes,
        "retry_similarity": config.sessions.retry_similarity,
        "embedding_model": config.embedding.model,
        "capability_response_pattern": config.routing.capability_response_pattern,
        "reference_segment": config.disparity.reference_segment or "",
        "confidence": config.disparity.confidence,
        "retention": config.retention.model_dump(),
    }


@dbt_assets(
    manifest=dbt_project.manifest_path,
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    dagster_dbt_translator=Translator(),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: PipelineSettings):
    variables = dbt_vars(settings.config, context.partition_key)
    # Dagster may split this asset into several steps around Python assets; "cautious" keeps
    # a step from running a test whose other parent belongs to a later step.
    command = ["build", "--vars", json.dumps(variables), "--indirect-selection", "cautious"]
    yield from dbt.cli(command, context=context).stream()
