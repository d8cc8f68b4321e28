"""Write the static site: an index, one page per intent (cluster) and a compliance page.

The site is rebuilt whole in a fresh folder beside the target and swapped in, so a page of an
intent that is gone never lingers, and a reader never sees half a site. Only a folder this
module wrote (it holds `MARKER`) or an empty one is ever replaced.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from pipeline.config import PipelineConfig
from pipeline.routing import WHOLE_CLUSTER
from pipeline.site import charts
from pipeline.site.data import Intent, Route, SiteData, SiteError, load_site_data

MARKER = ".refusal-backlog-site"
INDEX, COMPLIANCE = "index.html", "compliance.html"
_CLUSTER_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    pages: list[Path]
    intents: list[str]


def intent_page(cluster_id: str) -> str:
    """The intent's page name; an id that is not a plain token cannot name a file."""
    if not _CLUSTER_ID.fullmatch(cluster_id):
        raise SiteError(f"cluster id {cluster_id!r} cannot name a page")
    return f"intent-{cluster_id}.html"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _rate_with_interval(route: Route) -> str:
    if route.false_refusal_rate is None:
        return "not reviewed"
    return (
        f"{_percent(route.false_refusal_rate)} ({_percent(route.false_refusal_rate_low)}-"
        f"{_percent(route.false_refusal_rate_high)})"
    )


def _environment(site_dir: Path) -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def ticket_href(route: Route) -> str | None:
        """The embedded tracker's Markdown file, relative to the site, when it is on disk."""
        path = route.ticket_markdown
        if path is None or not path.is_file():
            return None
        return Path(os.path.relpath(path.resolve(), site_dir.resolve())).as_posix()

    static = files("pipeline.site") / "static"
    env.globals.update(
        css=Markup((static / "site.css").read_text(encoding="utf-8")),
        js=Markup((static / "site.js").read_text(encoding="utf-8")),
        plotly_js=charts.PLOTLY_JS,
        percent=_percent,
        rate_with_interval=_rate_with_interval,
        intent_page=intent_page,
        ticket_href=ticket_href,
        whole_cluster=WHOLE_CLUSTER,
    )
    return env


def _disparity_note(data: SiteData) -> str:
    notes = data.disparity["rates_note"].dropna().unique() if len(data.disparity) else []
    return "; ".join(str(n) for n in notes)


def _index_context(data: SiteData) -> dict[str, object]:
    routes = data.routes
    intents = list(data.intents)
    fragments: dict[str, Markup] = {}
    if intents:
        fragments["gate"] = Markup(
            charts.to_fragment(
                charts.gate_scatter(intents, data.min_volume, data.min_reprompt_rate),
                "chart-gate",
            )
        )
        fragments["volume"] = Markup(
            charts.to_fragment(
                charts.daily_volume(intents, "Refusals per day and intent (legend: status)"),
                "chart-volume",
            )
        )
    if len(data.calibration):
        fragments["calibration"] = Markup(
            charts.to_fragment(charts.calibration(data.calibration), "chart-calibration")
        )
    if len(data.disparity):
        fragments["disparity"] = Markup(
            charts.to_fragment(charts.disparity(data.disparity), "chart-disparity")
        )
    return {
        "intents": intents,
        "routes": routes,
        "route_counts": sorted(Counter(r.destination for r in routes).items()),
        "filters": [
            ("route", "route", sorted({r.destination for r in routes})),
            ("status", "status", sorted({r.status for r in routes})),
            ("category", "category", sorted({r.category for r in routes})),
        ],
        "charts": fragments,
        "disparity_note": _disparity_note(data),
    }


def _intent_context(intent: Intent, data: SiteData) -> dict[str, object]:
    volume = charts.daily_volume([intent], f"{intent.cluster_id}: refusals per day")
    return {
        "intent": intent,
        "history": intent.route_history,
        "charts": {"volume": Markup(charts.to_fragment(volume, "chart-volume"))},
    }


def _compliance_context(data: SiteData) -> dict[str, object]:
    return {
        "retention": data.retention,
        "purge_log": data.purge_log,
        "lineage": data.lineage,
        "charts": {},
    }


def _fresh_folder(site_dir: Path) -> Path:
    """Refuse to replace a folder the site did not write: `--out ~` must not empty a home."""
    if site_dir.exists() and (
        not site_dir.is_dir() or (any(site_dir.iterdir()) and not (site_dir / MARKER).exists())
    ):
        raise SiteError(
            f"{site_dir} exists and is not a site this command wrote (no {MARKER} in it); "
            "pass --out an empty or new folder"
        )
    staging = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def build_site(
    conn: duckdb.DuckDBPyConnection,
    day: date,
    config: PipelineConfig,
    site_dir: Path,
    now: datetime | None = None,
) -> SiteBuild:
    """Write the site of `day` from the warehouse (read only) into `site_dir`.

    A day without routes gives an index that says so and a compliance page, never an error;
    a warehouse the pipeline never processed raises `SiteError`.
    """
    site_dir = site_dir.resolve()
    data = load_site_data(conn, day, config, now or datetime.now(UTC).replace(tzinfo=None))
    env = _environment(site_dir)
    common = {
        "day": day.isoformat(),
        "window_start": data.window_start.isoformat(),
        "k_anonymity": data.k_anonymity,
        "generated_at": f"{data.generated_at:%Y-%m-%d %H:%M} UTC",
        "processed_days": [d.isoformat() for d in data.processed_days],
        "missing": data.missing,
    }
    pages = {INDEX: env.get_template("index.html").render(**common, **_index_context(data))}
    for intent in data.intents:
        pages[intent_page(intent.cluster_id)] = env.get_template("intent.html").render(
            **common, **_intent_context(intent, data)
        )
    pages[COMPLIANCE] = env.get_template("compliance.html").render(
        **common, **_compliance_context(data)
    )
    staging = _fresh_folder(site_dir)
    try:
        (staging / MARKER).write_text(f"{day.isoformat()}\n", encoding="utf-8")
        (staging / charts.PLOTLY_JS).write_text(get_plotlyjs(), encoding="utf-8")
        for name, text in pages.items():
            (staging / name).write_text(text, encoding="utf-8")
        _swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteBuild(
        site_dir=site_dir,
        pages=[site_dir / name for name in pages],
        intents=[i.cluster_id for i in data.intents],
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "script": "src", "link": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def site_problems(site_dir: Path, day: date, intents: list[str]) -> list[str]:
    """What is wrong with the site of `day`: another day's site, a missing page, a link that
    leads nowhere or out.

    Every intent needs its page; every link and script of every page must be a file on disk
    (a page may point outside the site only at the tracker's Markdown tickets); nothing may
    point at the network.
    """
    marker = site_dir / MARKER
    built_day = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
    if built_day != day.isoformat():
        return [f"{site_dir} holds the site of {built_day or 'no day'}, not of {day}"]
    problems = [
        f"no page for intent {cluster_id}"
        for cluster_id in intents
        if not (site_dir / intent_page(cluster_id)).is_file()
    ]
    for page in sorted(site_dir.glob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc:
                problems.append(f"{page.name}: {target} leaves the site")
            elif parts.path and not (page.parent / unquote(parts.path)).is_file():
                problems.append(f"{page.name}: {target} does not resolve")
    return problems
