"""survey.bounded: untrusted work in another process under a deadline and a memory cap
(issue [Holes] item 2). Each failure is a BoundedError with a message key in both
languages; the parent goes on, and the child is gone."""

from __future__ import annotations

import os
import time

import pytest

from survey.bounded import BoundedError, run_bounded
from survey.i18n import LANGUAGES, MESSAGES
from tests.unit import bounded_helpers as helpers


@pytest.fixture(scope="module", autouse=True)
def forkserver_running():
    """Start the forkserver once (its preload is not part of any deadline measured here)."""
    run_bounded(int, timeout_s=120)


def test_result_comes_back_from_another_process():
    assert run_bounded(divmod, 7, 2, timeout_s=30) == (3, 1)
    assert run_bounded(helpers.pid, timeout_s=30) != os.getpid()


@pytest.mark.parametrize("func", [helpers.sleep_forever, helpers.spin_forever])
def test_a_child_past_its_deadline_is_killed(func):
    started = time.monotonic()
    with pytest.raises(BoundedError) as info:
        run_bounded(func, timeout_s=1)
    assert time.monotonic() - started < 10  # 1 s budget plus killing and reaping
    assert info.value.key == "bounded.timeout"
    assert "1 seconds" in info.value.text("en") and "1 seconden" in info.value.text("nl")


def test_memory_over_the_cap_is_refused():
    with pytest.raises(BoundedError) as info:
        run_bounded(helpers.eat_memory, 2048, timeout_s=60, memory_mb=512)
    assert info.value.key == "bounded.memory"
    assert "512 MB" in info.value.text("nl")
    # the same work within the cap is fine
    assert run_bounded(helpers.eat_memory, 16, timeout_s=60, memory_mb=512) == 16


@pytest.mark.parametrize("func", [helpers.die, helpers.fail])
def test_a_crash_or_an_exception_is_failed(func):
    with pytest.raises(BoundedError) as info:
        run_bounded(func, timeout_s=30)
    assert info.value.key == "bounded.failed"


def test_every_bounded_key_has_both_languages():
    for key in ("bounded.timeout", "bounded.memory", "bounded.failed"):
        assert set(MESSAGES[key]) >= set(LANGUAGES)
