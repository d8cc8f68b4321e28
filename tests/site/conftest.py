"""The site the session's pipeline run wrote, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.config import REPO_ROOT
from tests.conftest import PipelineRun

# Playwright cannot download its own browser here: it drives the distribution's chromium.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
SCREENSHOTS = REPO_ROOT / "outputs" / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def site_dir(pipeline_run: PipelineRun) -> Path:
    """outputs/site/ as the `site` asset wrote it for the run's last day."""
    return pipeline_run.paths.outputs / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if executable is None:
        pytest.fail("no chromium on the PATH: run .ci/install-chromium (make test-browser does)")
    with sync_playwright() as playwright:
        # root in a container has no user namespace for chromium's sandbox
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class LoadedPage:
    """A page and everything it asked for or complained about while loading."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture()
def open_page(browser) -> Iterator[object]:
    opened = []

    def open_(path: Path) -> LoadedPage:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        loaded = LoadedPage(page)
        page.on(
            "console",
            lambda m: loaded.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda exc: loaded.console_errors.append(str(exc)))
        page.on("requestfailed", lambda r: loaded.failed_requests.append(r.url))
        page.on("request", lambda r: loaded.requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        opened.append(page)
        return loaded

    yield open_
    for page in opened:
        page.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
