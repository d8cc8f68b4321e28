"""The traffic asset on a tiny landing zone, with and without an export."""

import dagster as dg

from assets.resources import build_resources
from assets.traffic import traffic_denominators
from pipeline.config import Paths
from pipeline.warehouse import connect

DAY = "2026-11-18"


def materialize(tmp_path) -> tuple[dg.ExecuteInProcessResult, Paths]:
    paths = Paths(db=tmp_path / "w.duckdb", landing=tmp_path / "landing", outputs=tmp_path / "out")
    result = dg.materialize(
        [traffic_denominators], partition_key=DAY, resources=build_resources(paths)
    )
    return result, paths


def test_traffic_asset_loads_the_partition_day(tmp_path):
    traffic = tmp_path / "landing" / "traffic"
    traffic.mkdir(parents=True)
    (traffic / "traffic.csv").write_text(
        "day,user_segment,requests\n"
        f"{DAY},en,1000\n{DAY},fr,120\n2026-11-19,en,990\n{DAY},de,lots\n"
    )
    result, paths = materialize(tmp_path)

    assert result.success
    metadata = result.asset_materializations_for_node("traffic_denominators")[0].metadata
    counts = {k: metadata[k].value for k in ("files", "loaded", "quarantined", "requests")}
    assert counts == {"files": 1, "loaded": 2, "quarantined": 1, "requests": 1120}
    conn = connect(str(paths.db))
    try:
        assert conn.execute(
            "select user_segment, requests from analytics.traffic order by 1"
        ).fetchall() == [("en", 1000), ("fr", 120)]
    finally:
        conn.close()


def test_traffic_asset_without_an_export_materializes_an_empty_partition(tmp_path):
    result, _ = materialize(tmp_path)
    assert result.success
    metadata = result.asset_materializations_for_node("traffic_denominators")[0].metadata
    assert (metadata["files"].value, metadata["loaded"].value) == (0, 0)
