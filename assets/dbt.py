"""dbt models (staging -> intermediate -> marts) as assets; dbt tests surface as checks."""

import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from assets.partitions import daily_partitions
from assets.project import dbt_project
from assets.resources import PipelineSettings
from pipeline.config import PipelineConfig

SOURCE_ASSETS = {
    "minimized_refusal_events": "minimized_refusal_events",
    "request_embeddings": "request_embeddings",
    "review_labels": "review_labels",
    "cluster_assignments": "refusal_clusters",
    "cluster_registry": "cluster_registry",
}


class Translator(DagsterDbtTranslator):
    """dbt sources are the Python assets that write those tables."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey(SOURCE_ASSETS[dbt_resource_props["name"]])
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
    }


@dbt_assets(
    manifest=dbt_project.manifest_path,
    partitions_def=daily_partitions,
    backfill_policy=dg.BackfillPolicy.multi_run(1),
    dagster_dbt_translator=Translator(),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: PipelineSettings):
    variables = dbt_vars(settings.config, context.partition_key)
    yield from dbt.cli(["build", "--vars", json.dumps(variables)], context=context).stream()
