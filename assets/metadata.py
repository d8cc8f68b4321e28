"""What a materialization says about the table it wrote: its rows (`dagster/row_count`), its
columns (`dagster/column_schema`) and, where it helps, a few rows to look at.

The row count is the day's rows where the table keeps rows per day (`batch_day`), else the whole
table's. A preview shows only the columns named, never a table of verbatim events or user ids
and never a text column: one request is one person's words, below any k-anonymity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import dagster as dg
import duckdb

from pipeline.catalog import INVENTORY, USER_ID, VERBATIM_TEXT

PREVIEW_ROWS = 5
# Free text, verbatim or minimized: per-event words, never shown outside k-anonymous examples.
TEXT_COLUMNS = frozenset(
    {"request_text", "response_text", "feedback_text", "raw_line", "note", "text"}
)
UNPREVIEWED_TABLES = frozenset(
    entry.table for entry in INVENTORY if {VERBATIM_TEXT, USER_ID} & set(entry.holds)
)


def column_schema(conn: duckdb.DuckDBPyConnection, table: str) -> dg.TableSchema:
    schema, name = table.split(".")
    columns = conn.execute(
        """select column_name, data_type from information_schema.columns
           where table_schema = ? and table_name = ? order by ordinal_position""",
        [schema, name],
    ).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(column, kind) for column, kind in columns])


def table_metadata(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    day: date | None = None,
    preview: Sequence[str] = (),
    order_by: str | None = None,
) -> dict[str, Any]:
    """Row count and column schema of `table` (the `day`'s rows where given), and a preview of
    `preview`'s columns (first rows by `order_by`) when any are named."""
    where, parameters = ("where batch_day = ?", [day]) if day else ("", [])
    (rows,) = conn.execute(f"select count(*) from {table} {where}", parameters).fetchone() or (0,)
    schema = column_schema(conn, table)
    # Dagster's table keys (the UI shows them on the asset; 1.13 exports no TableMetadataSet).
    metadata: dict[str, Any] = {
        "dagster/row_count": dg.MetadataValue.int(int(rows)),
        "dagster/column_schema": dg.MetadataValue.table_schema(schema),
        "dagster/table_name": dg.MetadataValue.text(table),
    }
    if preview:
        metadata["preview"] = _preview(conn, table, schema, preview, where, parameters, order_by)
    return metadata


def _preview(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    schema: dg.TableSchema,
    columns: Sequence[str],
    where: str,
    parameters: list[object],
    order_by: str | None,
) -> dg.TableMetadataValue:
    refused = set(columns) & TEXT_COLUMNS
    if table in UNPREVIEWED_TABLES or refused:
        raise ValueError(f"{table}: no preview of personal text ({', '.join(refused) or 'table'})")
    types = {column.name: column.type for column in schema.columns}
    order = f"order by {order_by}" if order_by else ""
    frame = conn.execute(
        f"select {', '.join(columns)} from {table} {where} {order} limit {PREVIEW_ROWS}",
        parameters,
    ).df()
    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({column: _cell(row[column]) for column in columns})
            for _, row in frame.iterrows()
        ],
        schema=dg.TableSchema(columns=[dg.TableColumn(c, types[c]) for c in columns]),
    )


def _cell(value: object) -> str | int | float | bool | None:
    """A table record holds only plain scalars."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    return None if str(value) in {"NaT", "<NA>"} else str(value)
