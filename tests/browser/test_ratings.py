"""The real server in Chromium: a teacher rates two pupils (mouse/touch and keyboard),
reloads in the middle of the second pupil and loses nothing; screenshots of every mode."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from survey.db import make_engine, session_scope
from survey.models import SchoolClass, TeacherRating
from survey.ratings import class_overview, item_order, rateable_waves, wave_ratings
from tests.browser.conftest import DESKTOP, IPAD, screenshot, wait_idle

pytestmark = pytest.mark.browser
ORDER = item_order()


@pytest.fixture(scope="module")
def rating_wave(server):
    """Empty the teacher ratings of Groep 5a's newest wave: (url, engine, wave id, pupils)."""
    url, db_url = server
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        class_id = s.scalar(select(SchoolClass.id).where(SchoolClass.name == "Groep 5a"))
        wave_id = rateable_waves(s, class_id)[0].id
        s.execute(delete(TeacherRating).where(TeacherRating.wave_id == wave_id))
        pupils = [(r.pupil_id, r.name) for r in class_overview(s, wave_id)]
    yield url, engine, wave_id, pupils
    engine.dispose()


def open_ratings(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_label("Gebruikersnaam").fill("teacher")
    page.get_by_label("Wachtwoord").fill("klaskaart-demo")
    page.get_by_role("button", name="Inloggen").click()
    wait_idle(page)
    page.get_by_test_id("stSidebar").get_by_text("Mijn oordelen").click()
    wait_idle(page)
    page.locator("[data-testid=stRadioOption]").first.wait_for()


def statement(page, n: int):
    """The answer group of statement ``n`` (1-based, as numbered on screen)."""
    return page.get_by_test_id("stRadio").nth(n - 1)


def answer(page, n: int, value: int) -> None:
    statement(page, n).get_by_test_id("stRadioOption").nth(value - 1).click()
    wait_idle(page)


def stored(engine, wave_id: int, pupil_id: int) -> dict[str, int]:
    with session_scope(engine) as s:
        return wave_ratings(s, wave_id)[pupil_id]


def shown(page) -> list[int | None]:
    """The checked value of every statement on screen, in screen order."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stRadio]')].map(r => {"
        " const i = [...r.querySelectorAll('input')].findIndex(x => x.checked);"
        " return i < 0 ? null : i + 1 })"
    )


def value_for(n: int) -> int:
    return n % 5 + 1  # statement 1 → 2, 2 → 3, …, 4 → 5, 5 → 1


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
    wait_idle(page)
    heading = page.get_by_role("heading", name=second_name)
    heading.wait_for()
    assert heading.is_visible()  # the page jumped back to the top for the new pupil
    assert heading.bounding_box()["y"] < DESKTOP["height"]

    # pupil 2: statements 1..7 by mouse, 8..14 by keyboard (one Tab stop per statement)
    for n in range(1, 8):
        answer(page, n, 3)
    statement(page, 7).get_by_test_id("stRadioOption").nth(2).click()  # double tap: harmless
    wait_idle(page)
    for _ in range(7):
        page.keyboard.press("Tab")  # one tab stop per statement
        page.keyboard.press("Space")  # chooses 1 (the focused first option) …
        page.keyboard.press("ArrowRight")  # … and at once 2, while the page still saves 1
        wait_idle(page)
    page.get_by_text("14 van 28 beantwoord").first.wait_for()
    assert shown(page)[:14] == [3] * 7 + [2] * 7  # the screen shows what is stored
    assert stored(engine, wave_id, second) == {
        **{item_id: 3 for item_id in ORDER[:7]},
        **{item_id: 2 for item_id in ORDER[7:14]},
    }

    # a reload in the middle: a new Streamlit session, still logged in (session cookie),
    # back on the ratings page, nothing lost, same place
    page.reload()
    wait_idle(page)
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
    page.get_by_role("button", name="Verder bij uitspraak 15").click()
    wait_idle(page)
    page.wait_for_timeout(500)
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
    wait_idle(page)
    page.get_by_text(f"2 klaar · 0 gedeeltelijk · {len(pupils) - 2} nog niet begonnen").wait_for()
    page.get_by_test_id("stDataFrame").first.wait_for()
    screenshot(page, "ratings_overview_desktop")
    # ticking a row opens that pupil (third row: a pupil not started yet)
    table = page.get_by_test_id("stDataFrame").first.bounding_box()
    page.mouse.click(table["x"] + 16, table["y"] + 35 + 35 * 2 + 17)
    wait_idle(page)
    page.get_by_role("heading", name=pupils[2][1]).wait_for()
    # the grid: type a 4 for that pupil, statement 1; nothing is stored before "Opslaan"
    page.get_by_role("radio", name="Raster (snel)").click()
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    page.wait_for_timeout(500)
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + 80 + 28, box["y"] + 35 + 35 * 2 + 17)
    page.wait_for_timeout(300)
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    wait_idle(page)
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
    page.wait_for_timeout(300)
    screenshot(page, "ratings_pupil_ipad")
    context.close()


def clear_ratings(engine, wave_id: int) -> None:
    with session_scope(engine) as s:
        s.execute(delete(TeacherRating).where(TeacherRating.wave_id == wave_id))


def test_fast_taps_on_different_statements_are_all_stored(rating_wave, browser):
    """A teacher who taps the next statement before the page has finished refreshing
    (50–150 ms between taps) loses no answer: the database and the screen hold every one."""
    url, engine, wave_id, pupils = rating_wave
    first, first_name = pupils[0]
    clear_ratings(engine, wave_id)  # the page opens at the first pupil, nothing answered
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        open_ratings(page, url)
        page.get_by_role("heading", name=first_name).wait_for()
        page.get_by_text("0 van 28 beantwoord").first.wait_for()
        gaps = [50, 150, 80, 120, 60, 100, 140]
        expected: dict[str, int] = {}
        # bursts of 4 statements, each burst tapped without waiting for the page
        for start in range(1, 29, 4):
            for i, n in enumerate(range(start, start + 4)):
                statement(page, n).get_by_test_id("stRadioOption").nth(
                    value_for(n) - 1
                ).click()
                expected[ORDER[n - 1]] = value_for(n)
                page.wait_for_timeout(gaps[(start + i) % len(gaps)])
            wait_idle(page)
        page.wait_for_timeout(500)
        wait_idle(page)
        screenshot(page, "ratings_fast_taps")
        saved = stored(engine, wave_id, first)
        missing = {item: v for item, v in expected.items() if saved.get(item) != v}
        assert not missing, f"lost or wrong after fast taps: {missing} (stored {saved})"
        assert shown(page) == [value_for(n) for n in range(1, 29)]
        page.get_by_text("28 van 28 beantwoord").first.wait_for()
    finally:
        context.close()
        clear_ratings(engine, wave_id)
