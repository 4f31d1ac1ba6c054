"""The counsellor's home page lists the children who need attention ([Everyday] item 7):
class, full name and the whole reasons (wrapped, not cut off), on a desktop and an iPad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, IPAD, log_in, screenshot, wait_for_run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "home_attention_desktop"),
                                                (IPAD, "home_attention_ipad")])
def test_counsellor_home_shows_the_attention_list_with_whole_reasons(server, browser,
                                                                    viewport, name):
    url, _ = server
    context = browser.new_context(viewport=viewport, has_touch=viewport is IPAD)
    page = context.new_page()
    log_in(page, url, "counsellor")
    table = page.get_by_test_id("stTable")
    expect(table).to_be_visible()
    expect(table.get_by_text("Lucas de Groot", exact=True)).to_be_visible()
    wait_for_run(page)
    # every reasons cell is shown whole: its text fits in its box (wrapped, not clipped)
    cells = table.locator("td")
    clipped = cells.evaluate_all(
        "cs => cs.filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert clipped == 0
    shot = screenshot(page, name)
    shutil.copy(shot, DOCS / f"{name}.png")
    context.close()
