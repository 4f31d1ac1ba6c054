"""Browser fixtures and the helpers every browser test shares.

``server``: a real ``streamlit run`` server per test module (tests.browser.server, the
starter the benchmarks use too) on a private copy of the demo database; ``browser``:
Debian's Chromium through Playwright. Without Chromium the browser tests are skipped locally
and fail under CI=true.

Waiting: no fixed sleeps. A test waits for what the page shows — Playwright's auto-waiting
locators and ``expect`` (a text, a count, a URL, an attribute) — and ``wait_for_run`` for
Streamlit to have finished the run it is in. Streamlit's page does not change when a click
has been sent but its run has not started yet, so after an action ``wait_for_run`` alone
proves nothing: wait first for something the new run shows, then for the run to end."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.server import ROOT, StreamlitServer
from tests.conftest import ARTIFACTS, unavailable

__all__ = ["DEMO_PASSWORD", "DESKTOP", "IPAD", "ROOT", "go_to", "log_in", "screenshot",
           "wait_for_run", "wait_until_still"]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IPAD = {"width": 810, "height": 1080}
DESKTOP = {"width": 1366, "height": 900}
DEMO_PASSWORD = "klaskaart-demo"  # every demo account's (sample_data.seed)
# expect() waits as long as a locator does (its own default, 5 s, is short for a run on a
# busy 2-core machine)
expect.set_options(timeout=30_000)


@pytest.fixture(scope="module")
def server(demo_db_template, tmp_path_factory):
    """(base URL, database URL) of a running server on a private demo database."""
    folder = tmp_path_factory.mktemp("server")
    db_path = folder / "demo.db"
    shutil.copy(demo_db_template, db_path)
    db_url = f"sqlite:///{db_path}"
    with StreamlitServer(db_url, folder / "streamlit.log") as running:
        yield running.url, db_url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def wait_for_run(page, timeout: int = 30_000) -> None:
    """Wait until Streamlit has finished the script run the page is in and drawn it: the
    websocket connected, the script not running, no element still a loading skeleton (as
    Streamlit's own e2e tests wait, without their fixed extra delays). Right after
    ``goto``/``reload`` this waits for the first run; after a click, wait first for what the
    click's run shows (see the module docstring)."""
    app = page.get_by_test_id("stApp")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


_STILL_JS = """async (e) => {
  const at = () => { const r = e.getBoundingClientRect();
                     return [r.x, r.y, r.width, r.height].join(); };
  let before = at();
  for (let frame = 0; frame < 1200; frame++) {
    await new Promise(requestAnimationFrame);
    const now = at();
    if (now === before) return;
    before = now;
  }
  throw new Error('still moving after 1200 animation frames');
}"""


def wait_until_still(locator) -> None:
    """Wait until ``locator`` has the same position and size in two animation frames in a
    row (a scroll, the sidebar's slide or a re-layout has ended), as Playwright's own
    "stable" check before a click; for coordinates a test computes itself."""
    locator.evaluate(_STILL_JS)


def log_in(page, url: str, username: str, password: str = DEMO_PASSWORD, *,
           succeeds: bool = True) -> None:
    """Open ``url`` and log in with the form. When ``succeeds``, return once the logged-in
    page is there (the log-out button shows, the session cookie is set and the run has
    ended); otherwise right after the click — the caller waits for the refusal it expects."""
    page.goto(url)
    wait_for_run(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if succeeds:
        expect(page.get_by_role("button", name="Uitloggen")).to_be_attached()
        page.wait_for_function("() => document.cookie.includes('klaskaart_session=')")
        wait_for_run(page)


def go_to(page, title: str) -> None:
    """Open a page from the sidebar (expanding it first when it is collapsed) and wait until
    that page's run has ended (its link is the current page)."""
    wait_for_run(page)
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        wait_until_still(sidebar)
    link = page.get_by_test_id("stSidebarNavLink").filter(
        has=page.get_by_text(title, exact=True))
    link.click()
    expect(link).to_have_attribute("aria-current", "page")
    wait_for_run(page)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
