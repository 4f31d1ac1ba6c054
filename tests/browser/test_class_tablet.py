"""Class tablet mode in Chromium, by touch: the teacher turns a tablet into the class tablet
on the waves page; three children in a row tap their name, answer and are handed back to the
names by the thank-you screen; the PIN ends the mode.

Runs at the iPad (810×1080) and Android (800×1280) viewports. Counts the child's taps from
one child's thank-you screen to the next child's first question (the hand-over, at most 2:
their name and *Beginnen*); the seconds it takes are measured by ``bench/tablet_handover.py``,
not asserted here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.models import Wave
from survey.tablets import start_tablet
from tests.browser.conftest import IPAD, go_to, log_in, screenshot, wait_for_run
from tests.browser.test_child_survey import (
    ANDROID,
    card,
    db_rows,
    fresh_child,
    mates,
    open_on_tablet,
    screen,
    step_of,
    tap,
)

pytestmark = pytest.mark.browser

PIN = "4821"


def names(page):
    """The buttons of the names screen (one per child of the class)."""
    return page.locator(".st-key-ktablet button")


def name_button(page, pupil_id: int):
    return page.locator(f".st-key-tablet-{pupil_id} button")


def answer_everything(page) -> int:
    """Answer the whole survey from the first item on, by touch; return the taps used."""
    taps = 0
    while step_of(page).startswith("carts_"):
        tap(page, card(page, taps % 4))
        taps += 1
    while screen(page):
        tap(page, mates(page).nth(0))
        tap(page, page.locator(".st-key-knav-next button"))
        taps += 2
    return taps


def hand_over_three(page, db_url: str, children: list[int], wave_id: int, shot: str) -> None:
    """Three children in a row on one tablet page: each taps their name and Beginnen (the two
    hand-over taps), answers everything, sees the thank-you screen; the tablet goes back to
    the names by itself and shows that child as done."""
    for n, pupil_id in enumerate(children):
        expect(names(page).first).to_be_visible()  # back at the names, no tap needed
        wait_for_run(page)
        if n == 0:
            screenshot(page, f"{shot}_names")
        button = name_button(page, pupil_id)
        expect(button).to_be_enabled()
        button.tap()  # hand-over tap 1
        start = page.locator(".st-key-kstart button")
        expect(start).to_be_visible()
        wait_for_run(page)
        tap(page, start)  # hand-over tap 2: the first question is on the screen
        assert step_of(page).startswith("carts_"), screen(page)
        if n == 0:
            screenshot(page, f"{shot}_first_question")
        answer_everything(page)
        expect(page.get_by_text("Klaar! Dankjewel!")).to_be_visible()
        if n == 0:
            screenshot(page, f"{shot}_thanks")
        _, _, status = db_rows(db_url, pupil_id, wave_id)
        assert status == "finished"
        # the thank-you screen returns to the names by itself; the child is greyed there
        expect(name_button(page, pupil_id)).to_be_disabled(timeout=15_000)
    screenshot(page, f"{shot}_names_after")


def open_wave_id(db_url: str) -> int:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        wave_id = s.scalars(select(Wave.id).where(Wave.status == "open").order_by(Wave.id)).first()
    engine.dispose()
    return wave_id


def test_teacher_turns_on_the_tablet_and_three_children_answer_in_a_row_ipad(server, browser):
    url, db_url = server
    wave_id = open_wave_id(db_url)
    children = [fresh_child(db_url)[1] for _ in range(3)]

    teacher = browser.new_context(viewport={"width": 1366, "height": 900})
    page = teacher.new_page()
    log_in(page, url, "teacher")
    go_to(page, "Metingen")
    main = page.get_by_test_id("stMain")
    main.get_by_test_id("stSelectbox").filter(has_text="Klas").locator("input").click()
    page.get_by_role("option", name="Groep 7a", exact=True).click()
    page.get_by_role("tab", name="Klastablet").wait_for()
    wait_for_run(page)
    page.get_by_role("tab", name="Klastablet").click()
    page.get_by_label("Pincode om te stoppen (4 tot 8 cijfers)", exact=True).and_(
        page.locator("input")).fill(PIN)
    page.get_by_role("button", name="Klastablet aanzetten").click()
    link = page.locator("a.kk-tablet-here")
    expect(link).to_be_visible()
    wait_for_run(page)
    screenshot(page, "teacher_class_tablet")
    href = link.get_attribute("href")
    assert href.startswith("./?tablet=")
    teacher.close()

    tablet, page = open_on_tablet(browser, f"{url}/{href[2:]}", IPAD)
    assert page.get_by_test_id("stSidebar").count() == 0  # no teacher's pages on the tablet
    hand_over_three(page, db_url, children, wave_id, "tablet_ipad")

    # a wrong PIN keeps the mode; the right one ends it (back to the log-in page)
    page.get_by_text("Voor de juf of meester").tap()
    page.get_by_label("Pincode").fill("0000")
    page.get_by_role("button", name="Klastablet stoppen").tap()
    expect(page.get_by_text("Die pincode klopt niet")).to_be_visible()
    page.get_by_label("Pincode").fill(PIN)
    page.get_by_role("button", name="Klastablet stoppen").tap()
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
    tablet.close()


def test_three_children_in_a_row_on_an_android_tablet(server, browser):
    url, db_url = server
    wave_id = open_wave_id(db_url)
    children = [fresh_child(db_url)[1] for _ in range(3)]
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        token = start_tablet(s, wave_id, PIN, actor=SYSTEM).token
    engine.dispose()
    tablet, page = open_on_tablet(browser, f"{url}/?tablet={token}", ANDROID)
    hand_over_three(page, db_url, children, wave_id, "tablet_android")
    tablet.close()
