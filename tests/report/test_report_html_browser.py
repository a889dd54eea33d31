"""The report's page as a browser shows it: the table and the chart are there to see, the
names read as they were written, nothing runs, and it fits an A4 page in landscape.

It uses the system's Chromium (never a downloaded browser) through Playwright, and is skipped
with the reason when either is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from march import HOSTILE, ORGANISATION, SOCIAL_NAME, march_report

from reception_tui.domain.text import printable
from reception_tui.report import render

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright module is not installed (the test extra)"
)
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "no chromium on the PATH (Debian: apt-get install chromium)", allow_module_level=True
    )

# A4 landscape less 10 mm margins, at the 96 pixels to the inch CSS counts in.
A4_LANDSCAPE_WIDTH = round((297 - 2 * 10) / 25.4 * 96)
A4_LANDSCAPE_HEIGHT = round((210 - 2 * 10) / 25.4 * 96)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_bytes(render(march_report(), "html", "sv"))
    return path


def test_the_page_shows_the_table_and_the_chart_with_the_names_as_written(
    browser: sync_api.Browser, page_file: Path, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())

    table = page.locator("table.figures")
    chart = page.locator("svg.chart")
    for shown in (table, chart):
        assert shown.is_visible()
        box = shown.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
    words = " ".join(table.inner_text().split())  # spaces as the page shows them: collapsed
    assert " ".join(printable(HOSTILE).split()) in words  # the markup shown, not obeyed
    assert SOCIAL_NAME in words and ORGANISATION in words
    assert page.locator("script").count() == 0 and dialogs == []
    # Every row's line is drawn: it has an extent on the page.
    lines = chart.locator("path.series")
    assert lines.count() == 3
    for index in range(3):
        box = lines.nth(index).bounding_box()
        assert box is not None and box["width"] > 0
    screenshot = tmp_path / "report.png"
    page.screenshot(path=screenshot, full_page=True)
    assert screenshot.stat().st_size > 0
    page.close()


def test_the_printed_page_fits_a4_landscape(browser: sync_api.Browser, page_file: Path) -> None:
    page = browser.new_page(viewport={"width": A4_LANDSCAPE_WIDTH, "height": A4_LANDSCAPE_HEIGHT})
    page.goto(page_file.as_uri())
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= A4_LANDSCAPE_WIDTH
    for selector in ("table.figures", "svg.chart"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] + box["width"] <= A4_LANDSCAPE_WIDTH
    page.close()
