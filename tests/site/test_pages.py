"""The site's pages in headless chromium: they load offline and clean, draw, filter and sort."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.site import intent_page

pytestmark = pytest.mark.browser


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob("*.html"))


def test_every_page_loads_offline_without_errors(site_dir: Path, open_page, screenshots: Path):
    pages = _pages(site_dir)
    assert {"index.html", "compliance.html"} <= {p.name for p in pages}
    assert any(p.name.startswith("intent-") for p in pages)
    for path in pages:
        loaded = open_page(path)
        assert loaded.console_errors == [], path.name
        assert loaded.failed_requests == [], path.name
        # nothing but the page and the plotly.js beside it: no network, no CDN
        outside = [u for u in loaded.requests if not u.startswith(site_dir.as_uri() + "/")]
        assert outside == [], path.name
        loaded.page.screenshot(path=str(screenshots / f"{path.stem}.png"), full_page=True)


def test_every_chart_draws_its_marks(site_dir: Path, open_page):
    drawn = 0
    for path in _pages(site_dir):
        page = open_page(path).page
        for chart in page.locator(".plotly-graph-div").all():
            traces = chart.evaluate("div => div.data.length")
            box = chart.locator(".main-svg").first.bounding_box()
            marks = chart.locator(".main-svg .trace .point").count()
            assert traces > 0 and marks > 0, f"{path.name}: {chart.get_attribute('id')}"
            assert box and box["width"] > 100 and box["height"] > 100
            drawn += 1
    assert drawn >= 4  # the index's four charts at least


def test_the_index_has_its_four_charts_and_one_gate_point_per_intent(
    site_dir: Path, open_page
):
    page = open_page(site_dir / "index.html").page
    for chart in ("chart-gate", "chart-volume", "chart-calibration", "chart-disparity"):
        assert page.locator(f"#{chart} .main-svg").count() > 0, chart
    intents = len(list(site_dir.glob("intent-*.html")))
    assert page.locator("#chart-gate .trace .point").count() == intents
    # the gate's two thresholds are drawn as dashed lines
    assert page.locator("#chart-gate .shapelayer path").count() == 2


def _visible_rows(page) -> list:
    return page.locator("#triage-table tbody tr:visible").all()


def test_the_filters_narrow_the_triage_table(site_dir: Path, open_page):
    page = open_page(site_dir / "index.html").page
    total = len(_visible_rows(page))
    for name in ("route", "status", "category"):
        select = page.locator(f"#filter-{name}")
        values = [v for v in select.locator("option").all_inner_texts() if v != "all"]
        chosen = min(values, key=lambda v: page.locator(f"tbody tr[data-{name}='{v}']").count())
        select.select_option(chosen)
        rows = _visible_rows(page)
        assert 0 < len(rows) < total or len(values) == 1, name
        assert {row.get_attribute(f"data-{name}") for row in rows} == {chosen}
        assert page.locator("#row-count").inner_text() == f"{len(rows)} of {total} routes"
        select.select_option("")
        assert len(_visible_rows(page)) == total


def test_clicking_a_header_sorts_the_table(site_dir: Path, open_page):
    page = open_page(site_dir / "index.html").page
    header = page.locator("#triage-table th", has_text="refusals")

    def volumes() -> list[float]:
        return [
            float(row.locator("td").nth(7).get_attribute("data-value"))
            for row in _visible_rows(page)
        ]

    header.click()
    assert volumes() == sorted(volumes()) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert volumes() == sorted(volumes(), reverse=True)
    assert len(set(volumes())) > 1  # a column of equal values would prove nothing
    page.locator("#triage-table th", has_text="intent").click()
    intents = [row.locator("td").first.inner_text() for row in _visible_rows(page)]
    assert intents == sorted(intents)


def test_links_resolve_and_lead_to_the_intent(site_dir: Path, open_page):
    for path in _pages(site_dir):
        page = open_page(path).page
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            assert href.startswith("file://"), f"{path.name}: {href}"
            assert Path(href.removeprefix("file://").split("#")[0]).is_file(), href
    page = open_page(site_dir / "index.html").page
    first = page.locator("#triage-table tbody tr").first.locator("td a")
    cluster_id = first.inner_text()
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(intent_page(cluster_id))
    assert page.locator("h1").inner_text().startswith(cluster_id)
