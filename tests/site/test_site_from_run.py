"""The site the pipeline run wrote (the `site` asset and its check), and `refusal-backlog site`."""

from __future__ import annotations

import html
from pathlib import Path

from assets.cli import main
from pipeline.site import intent_page, site_problems
from tests.conftest import PipelineRun


def _all_pages(site_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site_dir.glob("*.html"))


def test_the_run_wrote_a_page_for_every_intent_of_its_last_day(
    pipeline_run: PipelineRun, site_dir: Path
):
    with pipeline_run.connect() as conn:
        intents = [
            row[0]
            for row in conn.execute(
                "select distinct cluster_id from analytics.cluster_routes where batch_day = ?",
                [pipeline_run.days[-1]],
            ).fetchall()
        ]
    assert intents
    assert all((site_dir / intent_page(c)).is_file() for c in intents)
    assert site_problems(site_dir, pipeline_run.days[-1], intents) == []
    assert not [c for c in pipeline_run.summary.failed_checks if "site" in c]


def test_routes_below_k_users_show_no_text_on_any_page(pipeline_run: PipelineRun, site_dir: Path):
    with pipeline_run.connect() as conn:
        rows = conn.execute(
            """select r.k_anonymous, r.label, e.request_text
               from analytics.cluster_routes r
               left join marts.route_exemplars e
                 on e.cluster_id = r.cluster_id and e.segment = r.segment
                and e.batch_day = r.batch_day
               where r.batch_day = ?""",
            [pipeline_run.days[-1]],
        ).fetchall()
    shown = {text for k_anonymous, _, text in rows if k_anonymous and text}
    hidden = {text for k_anonymous, _, text in rows if not k_anonymous and text} - shown
    labels = {label for k_anonymous, label, _ in rows if not k_anonymous}
    pages = _all_pages(site_dir)
    assert labels, "the sample run has no cluster below k: this test would prove nothing"
    assert "fewer than 5 distinct users" in pages
    for text in hidden | labels:
        assert html.escape(text) not in pages, text
    assert any(html.escape(text) in pages for text in shown)


def test_the_command_writes_the_site_of_a_chosen_day(
    pipeline_run: PipelineRun, tmp_path: Path, capsys
):
    db = str(pipeline_run.paths.db)
    first = pipeline_run.days[0].isoformat()
    out = tmp_path / "site"
    assert main(["site", "--db", db, "--day", first, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out / "index.html")
    assert f"window ending {first}" in (out / "index.html").read_text(encoding="utf-8")
    assert main(["site", "--db", db, "--day", "2020-01-01", "--out", str(out)]) == 2
    assert "has not processed 2020-01-01" in capsys.readouterr().err
