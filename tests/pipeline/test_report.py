"""The report and run summary on hand-made routes: a split cluster reads as its two segments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipeline.report import render_report, summarize
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)
# cluster, segment, label, destination, volume, distinct users
ROUTES = [
    ("C0001", "should_help", "kill process (should help)", "classifier_tuning", 30, 12),
    ("C0001", "should_refuse", "kill process (should refuse)", "trust_and_safety", 9, 6),
    ("C0002", "all", "file upload", "product_backlog", 20, 10),
    ("C0003", "all", "weather", "monitor", 3, 3),
]


@pytest.fixture()
def warehouse(tmp_path: Path):
    conn = connect(str(tmp_path / "w.duckdb"))
    for cluster, segment, label, destination, volume, users in ROUTES:
        conn.execute(
            """insert into analytics.cluster_routes (batch_day, cluster_id, segment, label,
                   destination, triaged, rule, reason, volume, distinct_users, k_anonymous,
                   reprompt_rate, false_refusal_rate, false_refusal_rate_low,
                   false_refusal_rate_high, reviewed_events, capability_share, reviews_needed)
               values (?, ?, ?, ?, ?, true, 'rule', 'why', ?, ?, ?, 0.5, ?, 0.0, 1.0, 8, 0.0, 0)""",
            [DAY, cluster, segment, label, destination, volume, users, users >= 5, volume / 40],
        )
    conn.execute(
        """create schema marts;
           create table marts.cluster_status (window_end_day date, cluster_id varchar,
               status varchar);
           create table marts.refusal_calibration (event_day date, grain varchar,
               group_value varchar, refusals integer, reviewed_events integer,
               false_refusal_rate double, false_refusal_rate_low double,
               false_refusal_rate_high double, estimated_false_refusals double,
               compounded_gating boolean);
           create table marts.segment_disparity (window_end_day date, cluster_type varchar,
               user_segment varchar, refusals integer, refusal_share double, requests bigint,
               refusal_rate double, benign_refusal_rate double, benign_refusal_rate_ratio double,
               benign_refusal_rate_ratio_low double, benign_refusal_rate_ratio_high double,
               flag_significant boolean, rates_note varchar, is_reference_segment boolean)"""
    )
    conn.execute("insert into marts.cluster_status values (?, 'C0001', 'growing')", [DAY])
    yield conn
    conn.close()


def test_the_report_shows_each_segment_with_its_own_numbers_and_examples(
    warehouse: duckdb.DuckDBPyConnection,
):
    exemplars = {
        ("C0001", "should_help"): ["kill a stuck python process"],
        ("C0001", "should_refuse"): ["kill my neighbour"],
        ("C0001", "all"): ["kill my neighbour"],
    }
    report = render_report(warehouse, DAY, exemplars, 5)
    rows = {line.split(" | ")[0]: line for line in report.splitlines() if line.startswith("| C")}
    assert set(rows) == {"| C0001 (should_help)", "| C0001 (should_refuse)", "| C0002"}
    assert "| 30 | 12 | 50% | 75% (0%-100%) | classifier_tuning |" in rows["| C0001 (should_help)"]
    assert "| growing | 9 | 6 |" in rows["| C0001 (should_refuse)"]
    assert "**C0001 (should_help) kill process (should help)**: “kill a stuck python process”" in (
        report
    )
    assert "**C0001 (should_refuse) kill process (should refuse)**: “kill my neighbour”" in report
    assert report.count("kill my neighbour") == 1  # the whole cluster has no route today


def test_the_summary_counts_clusters_not_segments(warehouse: duckdb.DuckDBPyConnection):
    summary = summarize(warehouse, [DAY])
    assert summary.clusters == 3
    assert summary.routes == {
        "classifier_tuning": 1,
        "trust_and_safety": 1,
        "product_backlog": 1,
        "monitor": 1,
    }


HOSTILE = (
    "hi\n\n# heading\n<script>x</script>\n| a | b |\n| --- | --- |\n"
    "[click](http://evil.example)\n```\nfenced\n```"
)
REPORT_HEADINGS = {
    "# Refusal report, window ending 2026-11-18",
    "## Clusters in triage",
    "## Calibration: refusals, and how many reviewers would have helped",
    "## Segments",
}


def test_user_text_in_the_report_cannot_make_markdown(warehouse: duckdb.DuckDBPyConnection):
    warehouse.execute(
        "update analytics.cluster_routes set label = ? where cluster_id = 'C0002'",
        ["file | upload\n# <b>x</b> [y](http://evil.example)"],
    )
    exemplars = {("C0002", "all"): [HOSTILE, "open the attached spreadsheet"]}
    report = render_report(warehouse, DAY, exemplars, 5)
    lines = report.splitlines()
    assert {line for line in lines if line.startswith("#")} == REPORT_HEADINGS
    (example,) = [line for line in lines if line.startswith("**C0002")]
    assert example.endswith(
        "“hi \\# heading \\<script\\>x\\</script\\> \\| a \\| b \\| \\| --- \\| --- \\| "
        "\\[click\\](http://evil.example) \\`\\`\\` fenced \\`\\`\\`”; "
        "“open the attached spreadsheet”"
    )
    (row,) = [line for line in lines if line.startswith("| C0002 ")]
    assert row.replace("\\|", "").count("|") == 10  # nine cells, as many as the header has

    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(report)
    types = [t.type for t in tokens]
    assert types.count("heading_open") == len(REPORT_HEADINGS)
    assert types.count("table_open") == 3
    assert not {"html_block", "fence", "code_block", "blockquote_open", "hr"} & set(types)
    children = {c.type for t in tokens if t.children for c in t.children}
    assert not {"html_inline", "link_open", "image", "code_inline"} & children
    html = parser.render(report)
    assert "<script>" not in html and "<b>" not in html and "<h1>heading" not in html
