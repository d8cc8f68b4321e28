"""dbt models as assets, cut in two so each runs after what it reads, in the same run.

`dbt_models` (staging -> intermediate -> marts) reads the Python stages up to clustering and
feeds verdicts and routing; `compliance_models` (lineage, inventory) reads the tickets and
verdicts those write. Each dbt source names the asset that writes it (`meta.dagster.asset_key`
in its yml), so the graph follows what the SQL reads. dbt tests surface as asset checks.
"""

import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from assets.partitions import daily_partitions, one_day_per_run
from assets.project import dbt_project
from assets.resources import PipelineSettings
from pipeline.config import PipelineConfig

COMPLIANCE = "fqn:refusal_backlog.compliance"


class Translator(DagsterDbtTranslator):
    """dbt sources are the Python assets that write those tables (named in the source yml)."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            key = dbt_resource_props.get("meta", {}).get("dagster", {}).get("asset_key")
            if not key:
                raise ValueError(
                    f"dbt source {dbt_resource_props['unique_id']} names no writing asset "
                    "(meta.dagster.asset_key in its yml)"
                )
            return dg.AssetKey(key)
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


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: PipelineSettings):
    variables = dbt_vars(settings.config, context.partition_key)
    # Dagster may split an asset into several steps around Python assets; "cautious" keeps
    # a step from running a test whose other parent belongs to a later step.
    command = ["build", "--vars", json.dumps(variables), "--indirect-selection", "cautious"]
    yield from dbt.cli(command, context=context).stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    exclude=COMPLIANCE,
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    dagster_dbt_translator=Translator(),
)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: PipelineSettings):
    """Staging, intermediate and marts: what clustering left, measured."""
    yield from _build(context, dbt, settings)


@dbt_assets(
    manifest=dbt_project.manifest_path,
    select=COMPLIANCE,
    partitions_def=daily_partitions,
    backfill_policy=one_day_per_run,
    dagster_dbt_translator=Translator(),
)
def compliance_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, settings: PipelineSettings
):
    """Lineage and the data inventory, after the day's tickets and verdicts are written."""
    yield from _build(context, dbt, settings)
