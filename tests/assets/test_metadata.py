"""What materializations say about their tables: row counts, column schemas, safe previews."""

import duckdb
import pytest

from assets import embeddings, ingest, minimize
from assets.metadata import TEXT_COLUMNS, table_metadata
from assets.resources import build_resources
from pipeline.config import Paths
from pipeline.warehouse import ensure_schema
from tests.assets.test_assets import DAY, FakeEncoder, materialize, write_landing


@pytest.fixture
def run(tmp_path):
    """Ingest, minimization and embedding of the tiny landing zone, and its warehouse."""
    paths = Paths(
        db=tmp_path / "w.duckdb", landing=write_landing(tmp_path), outputs=tmp_path / "out"
    )
    result = materialize(
        {**build_resources(paths, demo=True), "encoder": FakeEncoder()},
        ingest.raw_refusal_events,
        minimize.minimized_refusal_events,
        embeddings.request_embeddings,
    )
    assert result.success
    return result, duckdb.connect(str(paths.db), read_only=True)


def metadata_of(result, asset: str) -> dict:
    materializations = [
        m for m in result.get_asset_materialization_events() if m.asset_key.path[-1] == asset
    ]
    (event,) = materializations
    return event.materialization.metadata


def rows(conn, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def test_every_materialization_counts_the_rows_its_table_holds(run):
    result, conn = run
    day = f"batch_day = '{DAY}'"
    expected = {
        "raw_refusal_events": rows(conn, f"select count(*) from raw.refusal_events where {day}"),
        "quarantined_lines": rows(conn, f"select count(*) from raw.quarantined_lines where {day}"),
        "ingest_batches": rows(conn, f"select count(*) from raw.ingest_batches where {day}"),
        "minimized_refusal_events": rows(
            conn, f"select count(*) from analytics.minimized_refusal_events where {day}"
        ),
        # the cache is one table across days
        "request_embeddings": rows(conn, "select count(*) from analytics.request_embeddings"),
    }
    counted = {a: metadata_of(result, a)["dagster/row_count"].value for a in expected}
    assert counted == expected
    assert counted["raw_refusal_events"] == 3 and counted["quarantined_lines"] == 1
    schema = metadata_of(result, "minimized_refusal_events")["dagster/column_schema"].schema
    assert "request_text" in {column.name for column in schema.columns}


def test_no_preview_of_verbatim_rows_and_none_of_any_text(run):
    result, _ = run
    assert "preview" not in metadata_of(result, "raw_refusal_events")
    assert "preview" not in metadata_of(result, "quarantined_lines")
    preview = metadata_of(result, "minimized_refusal_events")["preview"]
    shown = {column.name for column in preview.schema.columns}
    assert shown and not shown & TEXT_COLUMNS
    assert len(preview.records) == 3
    cells = " ".join(str(v) for record in preview.records for v in record.data.values())
    assert "@" not in cells and "<EMAIL>" not in cells and "dosing" not in cells
    batches = metadata_of(result, "ingest_batches")["preview"]
    assert [record.data["loaded"] for record in batches.records] == [3]


def test_a_preview_of_personal_text_is_refused(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_schema(conn)
    with pytest.raises(ValueError, match="raw.refusal_events: no preview"):
        table_metadata(conn, "raw.refusal_events", preview=["layer"])
    with pytest.raises(ValueError, match="request_text"):
        table_metadata(conn, "analytics.minimized_refusal_events", preview=["request_text"])
    empty = table_metadata(conn, "analytics.cluster_routes", preview=["cluster_id"])
    assert empty["dagster/row_count"].value == 0 and empty["preview"].records == []
