"""Killing the server mid-survey and starting it again on the same port loses nothing.

The tablet keeps showing the old screen while the server is gone; its next tap reaches a
brand-new server session (no callbacks registered there) and must still be saved for the
item that screen showed. A reload afterwards resumes at the first unanswered item."""

from __future__ import annotations

import shutil
import signal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, wait_for_run
from tests.browser.server import StreamlitServer
from tests.browser.test_child_survey import card, db_rows, fresh_child, open_child, step_of, tap

pytestmark = pytest.mark.browser


def test_killing_and_restarting_the_server_mid_survey_loses_nothing(
    demo_db_template, tmp_path, browser
):
    shutil.copy(demo_db_template, tmp_path / "demo.db")
    db_url = f"sqlite:///{tmp_path / 'demo.db'}"
    # one port for both servers: the tablet reconnects to the same address
    server = StreamlitServer(db_url, tmp_path / "streamlit.log").start()
    try:
        token, pupil_id, wave_id = fresh_child(db_url)
        context, page = open_child(browser, server.url, token)
        tap(page, page.locator(".st-key-kstart button"))
        for index in (0, 1, 2):  # practice, cl01, cl02
            tap(page, card(page, index))
        assert step_of(page) == "carts_cl03"

        app = page.get_by_test_id("stApp")
        server.stop(signal.SIGKILL)  # a crash: no clean shutdown
        expect(app).not_to_have_attribute("data-test-connection-state", "CONNECTED")
        server.start()
        expect(app).to_have_attribute(
            "data-test-connection-state", "CONNECTED", timeout=60_000
        )
        assert step_of(page) == "carts_cl03"  # still the old screen
        screenshot(page, "child_after_restart")
        tap(page, card(page, 3))  # the first tap after the restart, on the old screen
        assert step_of(page) == "carts_cl04"
        answers, _, _ = db_rows(db_url, pupil_id, wave_id)
        assert answers == {"carts_practice": 1, "carts_cl01": 2, "carts_cl02": 3, "carts_cl03": 4}

        page.reload()
        wait_for_run(page)
        assert step_of(page) == "carts_cl04"
        context.close()
    finally:
        server.stop()
