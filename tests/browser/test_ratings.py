"""The real server in Chromium: a teacher rates two pupils (mouse/touch and keyboard),
reloads in the middle of the second pupil and loses nothing; screenshots of every mode."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from sqlalchemy import delete, select

from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.models import SchoolClass, TeacherRating
from survey.ratings import class_overview, item_order, rateable_waves, wave_ratings
from tests.browser.conftest import (
    DESKTOP,
    IPAD,
    log_in,
    screenshot,
    wait_for_run,
    wait_until_still,
)

pytestmark = pytest.mark.browser
ORDER = item_order()


@pytest.fixture(scope="module")
def rating_wave(server):
    """Empty the teacher ratings of Groep 5a's newest wave: (url, engine, wave id, pupils)."""
    url, db_url = server
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        class_id = s.scalar(select(SchoolClass.id).where(SchoolClass.name == "Groep 5a"))
        wave_id = rateable_waves(s, class_id, actor=SYSTEM)[0].id
        s.execute(delete(TeacherRating).where(TeacherRating.wave_id == wave_id))
        pupils = [(r.pupil_id, r.name) for r in class_overview(s, wave_id, actor=SYSTEM)]
    yield url, engine, wave_id, pupils
    engine.dispose()


def open_ratings(page, url: str) -> None:
    log_in(page, url, "teacher")
    page.get_by_test_id("stSidebar").get_by_text("Mijn oordelen").click()
    wait_drawn(page)


def wait_drawn(page) -> None:
    """Wait until all 28 statements are on screen in order. The page draws progressively:
    for up to ~0.1 s after the run has finished, some statements can still be missing (seen
    in 3 of 8 loads), and a click on "statement 1" then hits another one."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stRadio]')]"
        ".map(r => parseInt(r.innerText)).join() === "
        f"'{','.join(str(n) for n in range(1, 29))}'"
    )
    wait_for_run(page)


def statement(page, n: int):
    """The answer group of statement ``n`` (1-based, as numbered on screen)."""
    return page.get_by_test_id("stRadio").nth(n - 1)


def progress(page, answered: int):
    """The progress line above the statements once it reads ``answered`` of 28."""
    return page.get_by_text(f"{answered} van 28 beantwoord", exact=True).first


def answer(page, n: int, value: int) -> None:
    """Answer statement ``n`` and wait until the page has saved it. Statements are answered
    in order here, so the saved answer shows as "n van 28 beantwoord"."""
    statement(page, n).get_by_test_id("stRadioOption").nth(value - 1).click()
    progress(page, n).wait_for()
    wait_for_run(page)


def stored(engine, wave_id: int, pupil_id: int) -> dict[str, int]:
    with session_scope(engine) as s:
        return wave_ratings(s, wave_id, actor=SYSTEM)[pupil_id]


def wait_stored(engine, wave_id: int, pupil_id: int, item_id: str, value: int) -> None:
    """Wait until the database holds ``value`` for ``item_id`` (at most 30 s)."""
    deadline = time.monotonic() + 30
    while stored(engine, wave_id, pupil_id).get(item_id) != value:
        assert time.monotonic() < deadline, f"{item_id} = {value} never stored"
        time.sleep(0.05)  # poll interval of the database read, not a wait for the page


def shown(page) -> list[int | None]:
    """The checked value of every statement on screen, in screen order."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stRadio]')].map(r => {"
        " const i = [...r.querySelectorAll('input')].findIndex(x => x.checked);"
        " return i < 0 ? null : i + 1 })"
    )


def value_for(n: int) -> int:
    return n % 5 + 1  # statement 1 → 2, 2 → 3, …, 4 → 5, 5 → 1


@pytest.mark.xfail(reason="known product bug, [Everyday] item 5: Streamlit 1.67's grid drops the "
                   "first edit typed right after it appears (the edit never reaches the server); "
                   "fix on branch everyday-A not finished", strict=False)
def test_teacher_rates_two_pupils_with_a_reload_in_between(rating_wave, browser):
    url, engine, wave_id, pupils = rating_wave
    (first, first_name), (second, second_name) = pupils[0], pupils[1]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_ratings(page, url)
    page.get_by_role("heading", name=first_name).wait_for()
    page.get_by_text("0 van 28 beantwoord").first.wait_for()

    # pupil 1: by mouse, every statement
    for n in range(1, 29):
        answer(page, n, value_for(n))
        if n == 10:
            screenshot(page, "ratings_pupil_desktop")
    page.get_by_text("28 van 28 beantwoord").first.wait_for()
    assert stored(engine, wave_id, first) == {
        item_id: value_for(n) for n, item_id in enumerate(ORDER, start=1)
    }
    next_button = page.get_by_role("button", name="Volgende leerling").last
    next_button.click()
    heading = page.get_by_role("heading", name=second_name)
    heading.wait_for()
    wait_for_run(page)
    assert heading.is_visible()  # the page jumped back to the top for the new pupil
    assert heading.bounding_box()["y"] < DESKTOP["height"]

    # pupil 2: statements 1..7 by mouse, 8..14 by keyboard (one Tab stop per statement)
    for n in range(1, 8):
        answer(page, n, 3)
    statement(page, 7).get_by_test_id("stRadioOption").nth(2).click()  # double tap: harmless
    wait_for_run(page)
    for n in range(8, 15):
        page.keyboard.press("Tab")  # one tab stop per statement
        page.keyboard.press("Space")  # chooses 1 (the focused first option) …
        page.keyboard.press("ArrowRight")  # … and at once 2, while the page still saves 1
        progress(page, n).wait_for()
        # nothing on screen tells the 1 from the 2 being saved: wait for the database
        wait_stored(engine, wave_id, second, ORDER[n - 1], 2)
        wait_for_run(page)
    page.get_by_text("14 van 28 beantwoord").first.wait_for()
    assert shown(page)[:14] == [3] * 7 + [2] * 7  # the screen shows what is stored
    assert stored(engine, wave_id, second) == {
        **{item_id: 3 for item_id in ORDER[:7]},
        **{item_id: 2 for item_id in ORDER[7:14]},
    }

    # a reload in the middle: a new Streamlit session, still logged in (session cookie),
    # back on the ratings page, nothing lost, same place
    page.reload()
    wait_for_run(page)
    page.locator("[data-testid=stRadioOption]").first.wait_for()
    assert page.get_by_label("Gebruikersnaam").count() == 0
    page.get_by_role("heading", name=second_name).wait_for()
    page.get_by_text("14 van 28 beantwoord").first.wait_for()
    first_open = page.locator(f".st-key-rate_{wave_id}_{second}_{ORDER[14]}")
    # the reloaded page renders progressively: wait until statement 15 is drawn
    first_open.get_by_text("15. ", exact=False).first.wait_for()
    page.get_by_role("button", name="Verder bij uitspraak 15").wait_for()
    assert "15. " in first_open.inner_text()
    assert first_open.evaluate("e => getComputedStyle(e).borderLeftWidth") == "6px"
    assert first_open.evaluate("e => getComputedStyle(e).borderLeftColor") == "rgb(224, 123, 0)"
    answered = page.locator(f".st-key-rate_{wave_id}_{second}_{ORDER[13]}")
    assert answered.evaluate("e => getComputedStyle(e).borderLeftColor") == "rgba(0, 0, 0, 0)"
    page.get_by_role("button", name="Verder bij uitspraak 15").click()
    expect(first_open).to_be_in_viewport(ratio=1)
    wait_until_still(first_open)  # the scroll has ended
    box = first_open.bounding_box()
    assert 0 < box["y"] and box["y"] + box["height"] < DESKTOP["height"]  # scrolled into view
    checked = page.locator("[data-testid=stRadio] input:checked")
    assert checked.count() == 14
    for n in range(15, 29):
        answer(page, n, 4)
    page.get_by_text("Alle 28 uitspraken", exact=False).wait_for()
    saved = stored(engine, wave_id, second)
    assert len(saved) == 28
    assert shown(page) == [saved[item_id] for item_id in ORDER]

    # the class overview shows both pupils complete
    page.get_by_role("radio", name="Klasoverzicht").click()
    page.get_by_text(f"2 klaar · 0 gedeeltelijk · {len(pupils) - 2} nog niet begonnen").wait_for()
    wait_for_run(page)
    page.get_by_test_id("stDataFrame").first.wait_for()
    screenshot(page, "ratings_overview_desktop")
    # ticking a row opens that pupil (third row: a pupil not started yet)
    table = page.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.click(table["x"] + 16, table["y"] + 35 + 35 * 2 + 17)
    page.get_by_role("heading", name=pupils[2][1]).wait_for()
    wait_for_run(page)
    # the grid: type a 4 for that pupil, statement 1; nothing is stored before "Opslaan"
    page.get_by_role("radio", name="Raster (snel)").click()
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    wait_for_run(page)
    wait_until_still(grid)
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 80 + 28, box["y"] + 35 + 35 * 2 + 17)
    editor = page.locator("input.gdg-input")  # the cell's editor, opened by the double click
    expect(editor).to_be_focused()
    wait_until_still(editor)
    page.keyboard.type("4")
    expect(editor).to_have_value("4")
    page.keyboard.press("Enter")
    page.get_by_text("1 wijziging(en) nog niet opgeslagen.").wait_for()
    assert stored(engine, wave_id, pupils[2][0]) == {}
    screenshot(page, "ratings_grid_desktop")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("1 antwoord(en) opgeslagen.").wait_for()
    assert stored(engine, wave_id, pupils[2][0]) == {ORDER[0]: 4}
    context.close()


def test_ipad_layout_of_the_pupil_screen(rating_wave, browser):
    url, _, _, _ = rating_wave
    context = browser.new_context(viewport=IPAD, has_touch=True)
    page = context.new_page()
    open_ratings(page, url)
    tile = page.locator("[data-testid=stRadioOption]").first
    box = tile.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # comfortable touch targets
    screenshot(page, "ratings_pupil_ipad")
    context.close()



# ---- fast taps ---------------------------------------------------------------------------
# A teacher who knows the statements taps the next one before the page has finished saving
# the previous one. The finger goes where the tiles were when the teacher looked, so nothing
# may move while answers are saved, and no answer may be lost.

TILES = """() => {
  const top = document.querySelector('h1').getBoundingClientRect().top;
  return [...document.querySelectorAll('[data-testid=stRadio]')].map(r =>
    [...r.querySelectorAll('[data-testid=stRadioOption]')].map(t => {
      const b = t.getBoundingClientRect();
      return [Math.round(b.left), Math.round(b.top - top), Math.round(b.width),
              Math.round(b.height)];
    }));
}"""
CENTRES = """(taps) => taps.map(([n, v]) => {
  const b = document.querySelectorAll('[data-testid=stRadio]')[n - 1]
    .querySelectorAll('[data-testid=stRadioOption]')[v - 1].getBoundingClientRect();
  return [b.left + b.width / 2, b.top + b.height / 2];
})"""
GAPS = (40, 90, 60, 120, 50, 150, 80)  # ms between taps: faster than the page refreshes


def clear_ratings(engine, wave_id: int) -> None:
    with session_scope(engine) as s:
        s.execute(delete(TeacherRating).where(TeacherRating.wave_id == wave_id))


def all_ratings(engine, wave_id: int) -> dict[int, dict[str, int]]:
    with session_scope(engine) as s:
        return {p: r for p, r in wave_ratings(s, wave_id, actor=SYSTEM).items() if r}


def tap_fast(page, taps: list[tuple[int, int]], touch: bool, answered: int) -> None:
    """Tap (statement, value) pairs without waiting for the page: every position is taken
    when the burst starts, as a teacher's eye does, then the taps follow 40–150 ms apart.
    Afterwards wait until the page shows ``answered`` statements saved (the last tap's run
    has drawn) and that run has ended."""
    middle = statement(page, taps[len(taps) // 2][0])
    middle.evaluate("e => e.scrollIntoView({block: 'center'})")
    wait_until_still(middle)  # the scroll has ended before aiming
    height = page.viewport_size["height"]
    centres = page.evaluate(CENTRES, [list(t) for t in taps])
    assert all(80 < y < height - 10 for _, y in centres), centres  # all on screen
    for i, (x, y) in enumerate(centres):
        if touch:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.click(x, y, delay=30)  # a click: the button is held 30 ms
        # the teacher's rhythm between two taps (a pause of the person, not a wait for the
        # page: the next tap must not wait for the page)
        page.wait_for_timeout(GAPS[i % len(GAPS)])
    try:
        progress(page, answered).wait_for(timeout=10_000)
    except PlaywrightTimeoutError:
        pass  # an answer was lost: the caller's assertions say which
    wait_for_run(page)


@pytest.mark.parametrize("touch", [False, True], ids=["desktop-mouse", "ipad-touch"])
def test_fast_taps_are_all_stored_and_nothing_moves(rating_wave, browser, touch):
    """Bursts of taps 40–150 ms apart on a pupil chosen in the picker (not the one the page
    resumes at), with a changed mind on the first statement, then "next pupil" and another
    burst: every answer is stored for the right pupil, the screen shows it, the page stays
    on the chosen pupil, and no tile moves while answers are saved."""
    url, engine, wave_id, pupils = rating_wave
    (first, first_name), (second, second_name), (third, third_name) = pupils[:3]
    clear_ratings(engine, wave_id)  # the page resumes at the first pupil
    context = browser.new_context(viewport=IPAD if touch else DESKTOP, has_touch=touch)
    page = context.new_page()
    try:
        open_ratings(page, url)
        page.get_by_role("heading", name=first_name).wait_for()
        page.get_by_role("combobox", name="Leerling").click()
        page.get_by_role("option", name=second_name).click()
        page.get_by_role("heading", name=second_name).wait_for()
        wait_drawn(page)

        headings, moved = [], []
        for start in range(1, 29, 4):
            taps = [(n, value_for(n)) for n in range(start, start + 4)]
            if start == 1:
                taps.insert(0, (1, 5))  # a changed mind: 5, then at once the real answer
            before = page.evaluate(TILES)
            tap_fast(page, taps, touch, answered=start + 3)
            headings.append(page.get_by_role("heading", level=3).first.inner_text())
            after = page.evaluate(TILES)
            moved += [n for n, (b, a) in enumerate(zip(before, after, strict=True), 1) if b != a]
        screenshot(page, f"ratings_fast_taps_{'ipad' if touch else 'desktop'}")

        saved = all_ratings(engine, wave_id)
        lost = [n for n in range(1, 29) if saved.get(second, {}).get(ORDER[n - 1]) != value_for(n)]
        elsewhere = {dict(pupils)[p]: len(r) for p, r in saved.items() if p != second}
        assert (lost, elsewhere, headings, moved) == ([], {}, [second_name] * 7, []), (
            f"statements lost or wrong: {lost}; answers stored for other pupils: {elsewhere}; "
            f"pupil on screen after each burst: {headings}; "
            f"statements whose tiles moved while answers were saved: {sorted(set(moved))}"
        )
        page.get_by_text("28 van 28 beantwoord").first.wait_for()
        assert shown(page) == [value_for(n) for n in range(1, 29)]

        # next pupil (the button at the top, where "continue at" was), then fast again
        page.get_by_role("button", name="Volgende leerling").first.click()
        page.get_by_role("heading", name=third_name).wait_for()
        wait_drawn(page)
        before = page.evaluate(TILES)
        tap_fast(page, [(n, value_for(n)) for n in range(1, 5)], touch, answered=4)
        assert page.evaluate(TILES) == before
        assert all_ratings(engine, wave_id)[third] == {
            ORDER[n - 1]: value_for(n) for n in range(1, 5)
        }
        assert shown(page)[:5] == [value_for(n) for n in range(1, 5)] + [None]
        assert page.get_by_role("heading", level=3).first.inner_text() == third_name
    finally:
        context.close()
        clear_ratings(engine, wave_id)
