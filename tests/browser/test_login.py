"""The real server in Chromium: the demo teacher logs in and sees the demo classes."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, IPAD, log_in, screenshot, wait_for_run

pytestmark = pytest.mark.browser


def test_demo_teacher_logs_in_and_sees_the_demo_classes(server, browser):
    url, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(url)
    wait_for_run(page)
    screenshot(page, "login")
    log_in(page, url, "teacher", "wrong password!", succeeds=False)
    page.get_by_text("Gebruikersnaam of wachtwoord klopt niet.").wait_for()
    log_in(page, url, "teacher")
    page.get_by_text("Welkom, Juf Fatima").wait_for()
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    screenshot(page, "teacher_home")
    # the sidebar offers the teacher's pages and no others
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Mijn klassen").is_visible()
    assert sidebar.get_by_text("Gebruikers en scholen").count() == 0
    sidebar.get_by_text("Mijn klassen").click()
    page.get_by_text("Leerlingen").first.wait_for()
    wait_for_run(page)
    screenshot(page, "teacher_classes")
    context.close()


def test_child_card_opens_the_kiosk_without_chrome(server, browser):
    url, db_url = server
    from sqlalchemy import select

    from survey.db import make_engine, session_scope
    from survey.models import ChildToken, Wave

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        token = s.scalars(select(ChildToken).where(  # stored hashed: read .token
            ChildToken.status == "active",
            ChildToken.wave_id.in_(select(Wave.id).where(Wave.status == "open")))).first().token
    engine.dispose()
    context = browser.new_context(viewport=IPAD, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{url}/?t={token}")
    wait_for_run(page)
    page.get_by_text("Hoi ").wait_for()
    assert page.get_by_test_id("stSidebar").count() == 0
    screenshot(page, "child_welcome_ipad")
    page.goto(f"{url}/?t=forged")
    page.get_by_text("werkt niet", exact=False).wait_for()
    context.close()


def test_a_reload_keeps_the_adult_logged_in_until_log_out(server, browser):
    url, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, url, "counsellor")
    page.get_by_text("Welkom, Meester Sander").wait_for()
    page.get_by_test_id("stSidebar").get_by_text("School", exact=True).click()
    page.wait_for_url("**/school")
    page.get_by_text("Klassen van").first.wait_for()
    wait_for_run(page)
    page.reload()
    wait_for_run(page)
    page.get_by_text("Klassen van").first.wait_for()  # same page, still logged in
    cookie = [c for c in context.cookies() if c["name"] == "klaskaart_session"]
    assert cookie and cookie[0]["sameSite"] == "Strict"
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Gebruikersnaam").wait_for()
    page.reload()
    wait_for_run(page)
    page.get_by_label("Gebruikersnaam").wait_for()  # the log-out survives a reload
    assert not [c for c in context.cookies() if c["name"] == "klaskaart_session"]
    context.close()


def test_a_child_url_clears_the_adult_cookie(server, browser):
    url, _ = server
    context = browser.new_context(viewport=IPAD)
    page = context.new_page()
    log_in(page, url, "teacher")
    page.get_by_text("Welkom, Juf Fatima").wait_for()
    page.goto(f"{url}/?t=some-card")
    wait_for_run(page)
    # the kiosk clears the cookie with a script of its own: wait until that has run
    page.wait_for_function("() => !document.cookie.includes('klaskaart_session=')")
    page.goto(url)  # the child edits the address: back to the log-in form, not the teacher
    wait_for_run(page)
    page.get_by_label("Gebruikersnaam").wait_for()
    assert not [c for c in context.cookies() if c["name"] == "klaskaart_session"]
    context.close()


def test_a_copied_cookie_is_refused_after_log_out(server, browser):
    """Log-out ends the session on the server: the cookie copied before it (a shared
    computer, a stolen cookie) lands on the log-in page in a fresh browser."""
    url, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, url, "teacher")
    page.get_by_text("Welkom, Juf Fatima").wait_for()
    page.reload()
    wait_for_run(page)
    page.get_by_text("Welkom, Juf Fatima").wait_for()
    copied = [c for c in context.cookies() if c["name"] == "klaskaart_session"]
    assert copied and len(copied[0]["value"]) >= 43
    # the copy works while the session lives
    thief = browser.new_context(viewport=DESKTOP)
    thief.add_cookies(copied)
    other = thief.new_page()
    other.goto(url)
    wait_for_run(other)
    other.get_by_text("Welkom, Juf Fatima").wait_for()
    thief.close()
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_label("Gebruikersnaam").wait_for()
    context.close()
    replay = browser.new_context(viewport=DESKTOP)
    replay.add_cookies(copied)
    page = replay.new_page()
    page.goto(url)
    wait_for_run(page)
    page.get_by_label("Gebruikersnaam").wait_for()
    assert page.get_by_text("Welkom, Juf Fatima").count() == 0
    replay.close()


def test_the_chosen_language_survives_a_reload(server, browser):
    """Choosing English in the sidebar is kept with the account: a reload (a new Streamlit
    session, logged in again from the cookie) still shows English; choosing Nederlands
    again puts it back (and leaves the account as the other tests expect it)."""
    url, _ = server
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, url, "researcher")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").locator("input").click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("Log out").wait_for()
    page.reload()
    wait_for_run(page)
    page.get_by_text("Log out").wait_for()  # English after the reload
    screenshot(page, "language_after_reload")
    sidebar.get_by_test_id("stSelectbox").locator("input").click()
    page.get_by_role("option", name="Nederlands").click()
    page.get_by_text("Uitloggen").wait_for()
    context.close()
