"""The static site from a hand-made warehouse: pages, k-anonymity, escaping, empty days."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.config import PipelineConfig
from pipeline.site import SiteError, build_site, intent_page, site_problems
from pipeline.site.build import MARKER
from pipeline.site.charts import PLOTLY_JS
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)
NOW = datetime(2026, 11, 19, 2, 0)
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"
# cluster, segment, label, destination, volume, distinct users, example request
ROUTES = [
    ("C0001", "should_help", "kill process", "classifier_tuning", 30, 12, "kill a stuck process"),
    ("C0001", "should_refuse", "kill process", "trust_and_safety", 9, 4, "kill my neighbour"),
    ("C0002", "all", f"upload {HOSTILE}", "product_backlog", 20, 10, f"open my pdf {HOSTILE}"),
    ("C0003", "all", "rare secret topic", "monitor", 3, 3, "a rare secret request"),
]


def _warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """The tables the pipeline leaves for a day: routes, marts and one ticket."""
    conn = connect(str(path))
    for cluster, segment, label, destination, volume, users, _ in ROUTES:
        conn.execute(
            """insert into analytics.cluster_routes (batch_day, cluster_id, segment, label,
                   destination, triaged, rule, reason, volume, distinct_users, k_anonymous,
                   reprompt_rate, false_refusal_rate, false_refusal_rate_low,
                   false_refusal_rate_high, reviewed_events, capability_share, reviews_needed)
               values (?, ?, ?, ?, ?, true, 'a_rule', 'the numbers', ?, ?, ?, 0.4, 0.6, 0.3,
                       0.8, 8, 0.0, 0)""",
            [DAY, cluster, segment, label, destination, volume, users, users >= 5],
        )
    conn.execute(
        """create schema marts;
           create table marts.cluster_status (window_end_day date, cluster_id varchar,
               status varchar);
           create table marts.cluster_metrics (window_end_day date, cluster_id varchar,
               label varchar, k_anonymous boolean, volume integer, distinct_users integer,
               reprompt_rate double, top_refusal_category varchar);
           create table marts.fct_event_clusters (event_id varchar, event_day date,
               batch_day date, cluster_id varchar, is_noise boolean);
           create table marts.route_exemplars (batch_day date, cluster_id varchar,
               segment varchar, request_text varchar, writers integer, exemplar_rank integer);
           create table marts.refusal_calibration (event_day date, grain varchar,
               group_value varchar, refusals integer, reviewed_events integer,
               false_refusal_rate double, false_refusal_rate_low double,
               false_refusal_rate_high double, true_refusal_rate double,
               true_refusal_rate_low double, true_refusal_rate_high double,
               compounded_gating boolean);
           create table marts.segment_disparity (window_end_day date, cluster_type varchar,
               user_segment varchar, refusals integer, refusal_share double, requests bigint,
               refusal_rate double, benign_refusal_rate double, benign_refusal_rate_ratio double,
               benign_refusal_rate_ratio_low double, benign_refusal_rate_ratio_high double,
               flag_significant boolean, rates_note varchar, is_reference_segment boolean,
               reference_segment varchar)"""
    )
    for cluster, volume, users in (("C0001", 39, 16), ("C0002", 20, 10), ("C0003", 3, 3)):
        label = next(r[2] for r in ROUTES if r[0] == cluster)
        conn.execute(
            "insert into marts.cluster_metrics values (?, ?, ?, ?, ?, ?, 0.4, 'capability')",
            [DAY, cluster, label, users >= 5, volume, users],
        )
        conn.execute("insert into marts.cluster_status values (?, ?, 'growing')", [DAY, cluster])
        conn.execute(
            "insert into marts.fct_event_clusters select 'e' || ? || range, ?, ?, ?, false "
            "from range(?)",
            [cluster, DAY, DAY, cluster, volume],
        )
    for rank, (cluster, segment, *_, example) in enumerate(ROUTES, start=1):
        conn.execute(
            "insert into marts.route_exemplars values (?, ?, ?, ?, 2, ?)",
            [DAY, cluster, segment, example, rank],
        )
    conn.execute(
        """insert into marts.refusal_calibration values
           (?, 'layer', 'model', 40, 8, 0.5, 0.2, 0.8, 0.5, 0.2, 0.8, false),
           (?, 'surface', ?, 40, 8, 0.5, 0.2, 0.8, 0.5, 0.2, 0.8, false)""",
        [DAY, DAY, HOSTILE],
    )
    conn.execute(
        """insert into marts.segment_disparity values
           (?, 'all', 'en-US', 30, 0.6, 1000, 0.03, 0.01, 1.0, 1.0, 1.0, false, null, true,
            'en-US'),
           (?, 'all', ?, 20, 0.4, 500, 0.04, 0.02, 2.0, 1.2, 3.3, true, null, false, 'en-US')""",
        [DAY, DAY, HOSTILE],
    )
    conn.execute(
        """insert into raw.ingest_batches values
           (?, 'events', 'events/2026-11-18.jsonl', 'abc', 10, 5, 5, 0, 0, ?)""",
        [DAY, NOW],
    )
    conn.execute(
        """insert into audit.retention_log values
           (?, 'verbatim_events', 'raw.refusal_events', 7, ?, ?, 'raw_days=30: ...', 'run-1')""",
        [NOW, NOW, NOW],
    )
    ticket = path.parent / "tickets" / "RB-C0002.md"
    ticket.parent.mkdir()
    ticket.write_text("# RB-C0002\n", encoding="utf-8")
    conn.execute(
        """insert into tracker.tickets (ticket_id, cluster_id, segment, queue, title, status,
               body_markdown, evidence_sha256, revision, created_day, updated_day, markdown_path)
           values ('RB-C0002', 'C0002', 'all', 'product_backlog', 't', 'open', 'b', 'h', 1, ?,
                   ?, ?)""",
        [DAY, DAY, str(ticket)],
    )
    return conn


@pytest.fixture()
def warehouse(tmp_path: Path):
    conn = _warehouse(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def _pages(site_dir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in site_dir.glob("*.html")}


def test_every_intent_gets_a_page_and_every_link_resolves(warehouse, tmp_path: Path):
    built = build_site(warehouse, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    assert built.intents == ["C0001", "C0002", "C0003"]
    assert set(_pages(built.site_dir)) == {
        "index.html",
        "compliance.html",
        "intent-C0001.html",
        "intent-C0002.html",
        "intent-C0003.html",
    }
    assert (built.site_dir / PLOTLY_JS).stat().st_size > 1_000_000
    assert site_problems(built.site_dir, DAY, built.intents) == []
    index = _pages(built.site_dir)["index.html"]
    for div in ("chart-gate", "chart-volume", "chart-calibration", "chart-disparity"):
        assert f'id="{div}"' in index
    # split cluster: one page, both routes with their own numbers
    split = _pages(built.site_dir)["intent-C0001.html"]
    assert "Route classifier_tuning (should_help)" in split
    assert "Route trust_and_safety (should_refuse)" in split
    # the ticket link is the tracker's Markdown file, relative to the site
    assert 'href="../tickets/RB-C0002.md"' in _pages(built.site_dir)["intent-C0002.html"]


def test_no_page_shows_text_of_a_route_below_k_users(warehouse, tmp_path: Path):
    built = build_site(warehouse, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    everything = "\n".join(_pages(built.site_dir).values())
    assert "rare secret" not in everything  # C0003: 3 users, label and example withheld
    assert "kill my neighbour" not in everything  # C0001's should-refuse half: 4 users
    assert "kill a stuck process" in everything  # its should-help half: 12 users
    assert "fewer than 5 distinct users" in _pages(built.site_dir)["intent-C0003.html"]


def test_a_higher_k_withholds_more(warehouse, tmp_path: Path):
    config = PipelineConfig.model_validate({"privacy": {"k_anonymity": 50}})
    built = build_site(warehouse, DAY, config, tmp_path / "site", now=NOW)
    # k_anonymous is the route's stored flag (dbt's rule); the config only words the notice
    assert "fewer than 50 distinct users" in _pages(built.site_dir)["intent-C0003.html"]


def test_text_from_the_logs_is_escaped(warehouse, tmp_path: Path):
    built = build_site(warehouse, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    for name, text in _pages(built.site_dir).items():
        assert "<script>alert" not in text, name
        assert "<img src=x" not in text, name
    assert (
        "open my pdf &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        in (_pages(built.site_dir)["intent-C0002.html"])
    )


def test_an_empty_day_gives_a_clear_index_not_a_crash(warehouse, tmp_path: Path):
    built = build_site(warehouse, date(2026, 11, 25), PipelineConfig(), tmp_path / "site", now=NOW)
    assert built.intents == []
    pages = _pages(built.site_dir)
    assert set(pages) == {"index.html", "compliance.html"}
    assert "No routes for 2026-11-25" in pages["index.html"]
    assert "days it holds:\n  2026-11-18" in pages["index.html"]
    assert site_problems(built.site_dir, date(2026, 11, 25), []) == []


def test_a_warehouse_never_processed_is_a_clear_error(tmp_path: Path):
    conn = connect(str(tmp_path / "empty.duckdb"))
    with pytest.raises(SiteError, match="holds no processed day"):
        build_site(conn, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    conn.close()
    assert not (tmp_path / "site").exists()


def test_compliance_page_shows_retention_and_the_purge_log(warehouse, tmp_path: Path):
    built = build_site(warehouse, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    page = _pages(built.site_dir)["compliance.html"]
    # raw.ingest_batches: batch_day 2026-11-18 + aggregate_days 730
    assert "2028-11-17 00:00 UTC (its oldest row)" in page
    assert "raw_days=30: ..." in page and "run-1" in page


def test_a_rebuild_drops_the_pages_of_intents_gone(warehouse, tmp_path: Path):
    site_dir = tmp_path / "site"
    build_site(warehouse, DAY, PipelineConfig(), site_dir, now=NOW)
    build_site(warehouse, date(2026, 11, 25), PipelineConfig(), site_dir, now=NOW)
    assert not (site_dir / intent_page("C0001")).exists()
    assert (site_dir / MARKER).read_text(encoding="utf-8").strip() == "2026-11-25"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_folder_the_site_did_not_write_is_never_replaced(warehouse, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match="not a site this command wrote"):
        build_site(warehouse, DAY, PipelineConfig(), home, now=NOW)
    assert (home / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_check_finds_a_missing_page_a_dead_link_and_another_days_site(
    warehouse, tmp_path: Path
):
    built = build_site(warehouse, DAY, PipelineConfig(), tmp_path / "site", now=NOW)
    (built.site_dir / intent_page("C0003")).unlink()
    problems = site_problems(built.site_dir, DAY, built.intents)
    assert "no page for intent C0003" in problems
    assert "index.html: intent-C0003.html does not resolve" in problems
    assert site_problems(built.site_dir, date(2026, 11, 17), built.intents) == [
        f"{built.site_dir} holds the site of 2026-11-18, not of 2026-11-17"
    ]
