"""dbt models as assets, cut in three so each runs after what it reads, in the same run.

`dbt_models` (staging -> intermediate -> marts) reads the Python stages up to clustering and
feeds the verdicts; `routing_models` (route membership, segment metrics, example requests) reads
the verdicts and feeds routing and the ticket sync; `publication_models` (lineage, inventory,
the role exports) reads the tickets. Each dbt source names the asset that writes it
(`meta.dagster.asset_key` in its yml), so the graph follows what the SQL reads. dbt tests
surface as asset checks.
"""

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from assets.metadata import table_metadata
from assets.partitions import daily_partitions, one_day_per_run
from assets.project import dbt_project
from assets.resources import PipelineSettings, Warehouse

ROUTING = "fqn:refusal_backlog.routing"
PUBLICATION = (
    "fqn:refusal_backlog.routed fqn:refusal_backlog.compliance fqn:refusal_backlog.exports"
)


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


def _with_table_metadata(
    events: Iterator[Any], manifest: Mapping[str, Any], warehouse: Warehouse
) -> Iterator[Any]:
    """Each model's materialization with its rows and columns as the warehouse holds them.

    Read through the run's own connection once dbt has exited, not with dagster-dbt's
    `fetch_row_counts`/`fetch_column_metadata`: their dbt adapter keeps a second connection to
    the DuckDB file open in this process, which the next asset's connection (and retention's
    rewrite of the file) cannot share.
    """
    finished: list[Any] = []
    failure: Exception | None = None
    try:
        finished.extend(events)
    except Exception as exc:  # what dbt built before it failed is still reported, then the error
        failure = exc
    with warehouse.connect() as conn:
        for event in finished:
            if isinstance(event, dg.Output | dg.AssetMaterialization) and (
                unique_id := event.metadata.get("unique_id")
            ):
                node = manifest["nodes"][unique_id.value]
                table = table_metadata(conn, f"{node['schema']}.{node['alias']}")
                event = event.with_metadata({**event.metadata, **table})
            yield event
    if failure is not None:
        raise failure


def _dbt_models(name: str, **selection: str) -> dg.AssetsDefinition:
    """One cut of the dbt project (`select` / `exclude`), built for the run's day."""

    @dbt_assets(
        manifest=dbt_project.manifest_path,
        name=name,
        partitions_def=daily_partitions,
        backfill_policy=one_day_per_run,
        dagster_dbt_translator=Translator(),
        **selection,
    )
    def models(
        context: dg.AssetExecutionContext,
        dbt: DbtCliResource,
        settings: PipelineSettings,
        warehouse: Warehouse,
    ):
        variables = settings.config.dbt_vars(Path(warehouse.database), context.partition_key)
        # Dagster may split an asset into several steps around Python assets; "cautious" keeps
        # a step from running a test whose other parent belongs to a later step. dbt unit
        # tests check model logic on fixed inputs: the test suite runs them, not each day.
        command = [
            "build",
            "--vars",
            json.dumps(variables),
            "--indirect-selection",
            "cautious",
            "--exclude-resource-type",
            "unit_test",
        ]
        invocation = dbt.cli(command, context=context)
        yield from _with_table_metadata(invocation.stream(), invocation.manifest, warehouse)

    return models


# Staging, intermediate and marts: what clustering left, measured.
dbt_models = _dbt_models("dbt_models", exclude=f"{ROUTING} {PUBLICATION}")
# Each route's events, segment numbers and example requests, after the day's verdicts.
routing_models = _dbt_models("routing_models", select=ROUTING)
# Lineage, the data inventory and the role exports, after the day's tickets are written.
publication_models = _dbt_models("publication_models", select=PUBLICATION)
