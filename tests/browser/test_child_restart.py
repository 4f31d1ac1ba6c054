"""Killing the server mid-survey and starting it again on the same port loses nothing.

The tablet keeps showing the old screen while the server is gone; its next tap reaches a
brand-new server session (no callbacks registered there) and must still be saved for the
item that screen showed. A reload afterwards resumes at the first unanswered item."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser.conftest import ROOT, free_port, screenshot, wait_idle
from tests.browser.test_child_survey import card, db_rows, fresh_child, open_child, step_of, tap

pytestmark = pytest.mark.browser


def start(db_url: str, port: int, log) -> subprocess.Popen:
    """A streamlit server on ``port`` (fixed, so the tablet reconnects to the same URL)."""
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited early")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy")


def stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_killing_and_restarting_the_server_mid_survey_loses_nothing(
    demo_db_template, tmp_path, browser
):
    shutil.copy(demo_db_template, tmp_path / "demo.db")
    db_url = f"sqlite:///{tmp_path / 'demo.db'}"
    port = free_port()
    log = (tmp_path / "streamlit.log").open("wb")
    proc = start(db_url, port, log)
    try:
        token, pupil_id, wave_id = fresh_child(db_url)
        context, page = open_child(browser, f"http://127.0.0.1:{port}", token)
        tap(page, page.locator(".st-key-kstart button"))
        for index in (0, 1, 2):  # practice, cl01, cl02
            tap(page, card(page, index))
        assert step_of(page) == "carts_cl03"

        stop(proc, signal.SIGKILL)  # a crash: no clean shutdown
        proc = start(db_url, port, log)
        page.wait_for_selector(
            "[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000
        )
        assert step_of(page) == "carts_cl03"  # still the old screen
        screenshot(page, "child_after_restart")
        tap(page, card(page, 3))  # the first tap after the restart, on the old screen
        assert step_of(page) == "carts_cl04"
        answers, _, _ = db_rows(db_url, pupil_id, wave_id)
        assert answers == {"carts_practice": 1, "carts_cl01": 2, "carts_cl02": 3, "carts_cl03": 4}

        page.reload()
        wait_idle(page)
        assert step_of(page) == "carts_cl04"
        context.close()
    finally:
        stop(proc)
        log.close()
