"""What `ensure_schema` creates is what the catalog (INVENTORY) declares, and nothing else."""

from __future__ import annotations

import re

import duckdb
import pytest
import yaml

from pipeline.catalog import INVENTORY, NO_PERSONAL_DATA, TableEntry
from pipeline.config import REPO_ROOT
from pipeline.warehouse import WAREHOUSE_TABLES, ensure_schema, existing_tables

KEYS = re.compile(r"(primary key|unique) \((.*)\)")


@pytest.fixture(scope="module")
def fresh() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    ensure_schema(conn)
    return conn


def _declared_columns(entry: TableEntry) -> list[tuple[str, str, bool]]:
    """(name, type, nullable) of each column definition."""
    columns = []
    for definition in entry.columns:
        name, kind = definition.split()[:2]
        nullable = "not null" not in definition and "primary key" not in definition
        columns.append((name, kind.upper(), nullable))
    return columns


def _declared_keys(entry: TableEntry) -> set[tuple[str, tuple[str, ...]]]:
    keys = {
        ("PRIMARY KEY", (definition.split()[0],))
        for definition in entry.columns
        if definition.endswith(" primary key")
    }
    for constraint in entry.constraints:
        kind, names = KEYS.fullmatch(constraint).groups()
        keys.add((kind.upper(), tuple(name.strip() for name in names.split(","))))
    return keys


@pytest.mark.parametrize("entry", WAREHOUSE_TABLES, ids=lambda entry: entry.table)
def test_each_declared_table_is_created_with_its_columns_in_order(fresh, entry):
    schema, table = entry.table.split(".")
    created = fresh.execute(
        """select column_name, data_type, is_nullable = 'YES' from information_schema.columns
           where table_schema = ? and table_name = ? order by ordinal_position""",
        [schema, table],
    ).fetchall()
    assert created == _declared_columns(entry)
    keys = fresh.execute(
        """select constraint_type, constraint_column_names from duckdb_constraints()
           where schema_name = ? and table_name = ?
             and constraint_type in ('PRIMARY KEY', 'UNIQUE')""",
        [schema, table],
    ).fetchall()
    assert {(kind, tuple(names)) for kind, names in keys} == _declared_keys(entry)


def test_every_created_table_is_declared_with_its_retention_and_purpose(fresh):
    assert existing_tables(fresh) == {entry.table for entry in WAREHOUSE_TABLES}
    for entry in WAREHOUSE_TABLES:
        assert entry.purpose, entry.table
        assert entry.clock or entry.holds == (NO_PERSONAL_DATA,), f"{entry.table} never expires"


def test_tables_dbt_builds_declare_no_columns():
    dbt_built = {entry.table for entry in INVENTORY if not entry.columns}
    assert {name.split(".")[0] for name in dbt_built} == {"intermediate", "marts", "compliance"}


def test_every_created_view_is_declared_with_its_table(fresh):
    views = {
        f"{schema}.{name}"
        for schema, name in fresh.execute(
            "select schema_name, view_name from duckdb_views() where not internal"
        ).fetchall()
    }
    assert views == {view for entry in WAREHOUSE_TABLES for view, _ in entry.views}


def test_every_dbt_source_is_a_table_the_python_stages_declare():
    """dbt's source ymls name tables; their columns and retention are the catalog's alone."""
    declared = {entry.table for entry in WAREHOUSE_TABLES}
    sources = set()
    for path in (REPO_ROOT / "dbt_project" / "models").rglob("*.yml"):
        for source in (yaml.safe_load(path.read_text()) or {}).get("sources", []):
            sources |= {f"{source['schema']}.{table['name']}" for table in source["tables"]}
    assert sources and sources <= declared, sorted(sources - declared)
