"""Benchmark: the class tablet's hand-over, from one child's thank-you to the next child's
first question, in Chromium at the iPad viewport by touch.

    .venv/bin/python bench/tablet_handover.py [--children 5]

Seeds the demo school into a temporary SQLite file, starts the app (the browser tests'
``StreamlitServer``), turns on a class tablet for the open wave and lets ``--children``
children answer in a row on one page. For each hand-over it prints:

- **return**: thank-you screen shown → the names are back (the tablet's own timer,
  ``app_pages/tablet.RETURN_AFTER_S``, no tap);
- **taps**: the taps from the names to the first question (their name, *Beginnen*);
- **tap time**: the two taps' time from touch to the next screen drawn (server + browser);
- **total**: thank-you → first question with taps made the moment a screen is there (a
  real child adds their own reaction time to the two taps).

and the median and maximum over the hand-overs against the target (≤ 2 taps, ≤ 5 s).
Prints figures only; never asserts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402

from sample_data.seed import seed_demo  # noqa: E402
from survey import migrate  # noqa: E402
from survey.access import SYSTEM  # noqa: E402
from survey.db import make_engine, session_scope  # noqa: E402
from survey.models import Wave  # noqa: E402
from survey.tablets import start_tablet  # noqa: E402
from tests.browser.conftest import CHROMIUM, IPAD, wait_for_run  # noqa: E402
from tests.browser.server import StreamlitServer  # noqa: E402
from tests.browser.test_child_survey import (  # noqa: E402
    fresh_child,
    open_on_tablet,
    step_of,
    tap,
)
from tests.browser.test_class_tablet import answer_everything, name_button  # noqa: E402

TARGET_TAPS = 2
TARGET_S = 5.0


def prepare(url: str, children: int) -> tuple[str, list[int]]:
    """The demo school, a class tablet for its open wave, ``children`` unanswered children."""
    migrate.upgrade(url)
    engine = make_engine(url)
    seed_demo(engine)
    with session_scope(engine) as s:
        wave_id = s.scalars(select(Wave.id).where(Wave.status == "open")).first()
        token = start_tablet(s, wave_id, "4821", actor=SYSTEM).token
    engine.dispose()
    return token, [fresh_child(url)[1] for _ in range(children)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kk-handover-"))
    url = f"sqlite:///{folder / 'demo.db'}"
    token, children = prepare(url, args.children)
    server = StreamlitServer(url, folder / "server.log").start()
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            _, page = open_on_tablet(browser, f"{server.url}/?tablet={token}", IPAD)
            thanks_at = None
            for pupil_id in children:
                button = name_button(page, pupil_id)
                expect(button).to_be_enabled(timeout=30_000)
                names_at = time.perf_counter()
                wait_for_run(page)
                t0 = time.perf_counter()
                button.tap()
                start = page.locator(".st-key-kstart button")
                expect(start).to_be_visible()
                wait_for_run(page)
                t1 = time.perf_counter()
                tap(page, start)
                assert step_of(page).startswith("carts_")
                first_at = time.perf_counter()
                if thanks_at is not None:
                    rows.append({"return": names_at - thanks_at, "taps": 2,
                                 "tap time": (t1 - t0) + (first_at - t1),
                                 "total": first_at - thanks_at})
                answer_everything(page)
                expect(page.get_by_text("Klaar! Dankjewel!")).to_be_visible()
                thanks_at = time.perf_counter()
            browser.close()
    finally:
        server.stop()
    print(f"class tablet hand-over, {len(rows)} hand-overs (iPad viewport, Chromium, by touch)")
    for i, r in enumerate(rows, 1):
        print(f"  {i}: return {r['return']:.2f} s · taps {r['taps']} · "
              f"tap time {r['tap time']:.2f} s · total {r['total']:.2f} s")
    for key in ("return", "tap time", "total"):
        values = [r[key] for r in rows]
        print(f"  {key:9s} median {statistics.median(values):.2f} s, max {max(values):.2f} s")
    worst = max(r["total"] for r in rows)
    print(f"  taps {max(r['taps'] for r in rows)} (target ≤ {TARGET_TAPS}); total max "
          f"{worst:.2f} s = {worst / TARGET_S:.2f}× the target {TARGET_S:.0f} s")


if __name__ == "__main__":
    main()
