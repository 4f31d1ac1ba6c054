"""Hostile names on every adult page that shows them, in Chromium (issue [Holes] items 4–5).

Pupil, class, wave and user names are set to markdown images and links, HTML, KaTeX,
Streamlit colour directives and a right-to-left override, as an insider could type them.
Every page that shows them is opened as the teacher, the counsellor and the administrator
would. On none of them may the browser fetch an address from a name, show a link or an image
made from a name, render KaTeX, or run script; the names stay readable as text. (The child's
tablet has its own test in test_child_survey.py.)"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.models import Pupil, SchoolClass, User, UserClass, Wave
from tests.browser.conftest import DESKTOP, screenshot, wait_idle

pytestmark = pytest.mark.browser

TRAP = "127.0.0.1:9"  # nothing listens there; any request to it came from a name
NAMES = {
    "first": f"![w](http://{TRAP}/first.png)",
    "last": f"[Tik hier](http://{TRAP}/last)",
    "other_first": f'<a href="http://{TRAP}/html">Anna</a>',
    "other_last": "$x^2$ :red[Rood] **Vet**",
    "class": "G</script><svg/onload=alert(1)>$y$",
    "wave": "Meting \u202eevil [x](javascript:alert(2))",
    "teacher": f"<img src=http://{TRAP}/user.png onerror=alert(3)>Juf",
}


@pytest.fixture(scope="module")
def hostile(server):
    """Rename the teacher's first class, its latest wave, two pupils and the teacher."""
    url, db_url = server
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        teacher = s.scalar(select(User).where(User.username == "teacher"))
        class_id = min(s.scalars(select(UserClass.class_id)
                                 .where(UserClass.user_id == teacher.id)))
        teacher.display_name = NAMES["teacher"]
        s.get(SchoolClass, class_id).name = NAMES["class"]
        waves = s.scalars(select(Wave).where(Wave.class_id == class_id)
                          .order_by(Wave.starts_on)).all()
        waves[0].name = NAMES["wave"]
        first, other = s.scalars(select(Pupil).where(Pupil.class_id == class_id)
                                 .order_by(Pupil.id)).all()[:2]
        first.first_name, first.last_name = NAMES["first"], NAMES["last"]
        other.first_name, other.last_name = NAMES["other_first"], NAMES["other_last"]
        ids = {"pupil": first.id, "wave": waves[0].id, "class": class_id}
    engine.dispose()
    return url, ids


def _watch(page) -> dict:
    seen = {"requests": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url) if TRAP in r.url else None)

    def dialog(d):
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return seen


def _log_in(page, url: str, username: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("klaskaart-demo")
    page.get_by_role("button", name="Inloggen").click()
    wait_idle(page)


def _open(page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    wait_idle(page)


def _assert_inert(page, seen: dict, where: str) -> None:
    assert seen["requests"] == [], f"{where}: the browser fetched {seen['requests']}"
    assert seen["dialogs"] == [], f"{where}: script ran: {seen['dialogs']}"
    main = page.get_by_test_id("stApp")
    assert main.locator(f"a[href*='{TRAP}'], a[href^='javascript']").count() == 0, where
    assert main.locator(f"img[src*='{TRAP}']").count() == 0, where
    assert main.locator(".katex").count() == 0, f"{where}: KaTeX rendered from a name"
    assert main.locator("svg[onload]").count() == 0, where
    assert "\u202e" not in page.inner_text("body"), f"{where}: right-to-left override shown"


@pytest.mark.parametrize(
    ("username", "paths", "literal"),
    [
        ("teacher", ["home", "classes", "setup", "waves", "ratings", "classmap"],
         "![w]"),
        ("counsellor", ["school", "classmap"], "![w]"),
        ("admin", ["admin"], "<img src="),
    ],
)
def test_names_are_text_on_every_page(browser, hostile, username, paths, literal):
    url, _ids = hostile
    page = browser.new_page(viewport=DESKTOP)
    seen = _watch(page)
    _log_in(page, url, username)
    shown_literally = False
    for path in paths:
        _open(page, url, path)
        _assert_inert(page, seen, f"{username}/{path}")
        shown_literally |= literal in page.inner_text("body")
        screenshot(page, f"hostile-{username}-{path}")
    assert shown_literally, f"{literal!r} not shown as text on any of {paths}"
    page.close()


def test_names_are_text_on_the_profile(browser, hostile):
    url, ids = hostile
    page = browser.new_page(viewport=DESKTOP)
    seen = _watch(page)
    _log_in(page, url, "counsellor")
    _open(page, url, f"profile?pupil={ids['pupil']}&wave={ids['wave']}")
    _assert_inert(page, seen, "profile")
    assert "[Tik hier]" in page.inner_text("body")
    screenshot(page, "hostile-profile")
    page.close()
