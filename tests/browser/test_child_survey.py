"""The child kiosk in Chromium at the iPad viewport, on a real server with the demo school.

A child completes the survey by touch (every screen screenshotted, read-aloud checked with a
stubbed ``speechSynthesis``); reloads mid-questionnaire and mid-nominations resume with
answers intact; double taps do not duplicate; two children at once; a revoked token.
The helpers here are reused by test_child_restart.py and bench/child_taps.py-style drivers.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, func, select

from survey.db import make_engine, session_scope
from survey.models import ChildAnswer, ChildStepDone, ChildToken, Nomination, Wave
from survey.tokens import revoke
from tests.browser.conftest import IPAD, screenshot, wait_for_run

pytestmark = pytest.mark.browser

#: Replaces speechSynthesis.speak so a test can see what a tap would have said.
SPEECH_STUB = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = function (u) { window.__spoken.push([u.text, u.lang]); };
  window.speechSynthesis.cancel = function () {};
}
"""
LANDSCAPE = {"width": 1080, "height": 810}
ANDROID = {"width": 800, "height": 1280}


# ---------------------------------------------------------------- helpers

_HANDED_OUT: set[tuple[str, int]] = set()  # (database, pupil) already given to a test


def fresh_child(db_url: str) -> tuple[str, int, int]:
    """(token, pupil id, wave id) of a demo child in the open wave with nothing answered.

    The demo has few unanswered children, so a finished one is reset: its answers of this
    wave are deleted and its token reactivated (the token string stays opaque)."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        wave = s.scalars(select(Wave).where(Wave.status == "open").order_by(Wave.id)).first()
        used = set(s.scalars(select(ChildStepDone.pupil_id).where(ChildStepDone.wave_id == wave.id)))
        token = next(
            t for t in s.scalars(
                select(ChildToken).where(ChildToken.wave_id == wave.id).order_by(ChildToken.id)
            )
            if t.pupil_id not in used and (db_url, t.pupil_id) not in _HANDED_OUT
        )
        _HANDED_OUT.add((db_url, token.pupil_id))
        for model, col in ((ChildAnswer, ChildAnswer.pupil_id), (Nomination, Nomination.rater_id)):
            s.execute(delete(model).where(model.wave_id == wave.id, col == token.pupil_id))
        token.status, token.finished_at = "active", None
        result = token.token, token.pupil_id, wave.id
    engine.dispose()
    return result


def db_rows(db_url: str, pupil_id: int, wave_id: int) -> tuple[dict, list, str]:
    """(item → value, [(question, target)], token status) of one child in one wave."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        answers = dict(s.execute(select(ChildAnswer.item_id, ChildAnswer.value).where(
            ChildAnswer.pupil_id == pupil_id, ChildAnswer.wave_id == wave_id)).all())
        noms = s.execute(select(Nomination.question_id, Nomination.target_id).where(
            Nomination.rater_id == pupil_id, Nomination.wave_id == wave_id)).all()
        dupes = s.scalar(select(func.count()).select_from(ChildAnswer).where(
            ChildAnswer.pupil_id == pupil_id, ChildAnswer.wave_id == wave_id))
        assert dupes == len(answers)
        status = s.scalar(select(ChildToken.status).where(
            ChildToken.pupil_id == pupil_id, ChildToken.wave_id == wave_id))
    engine.dispose()
    return answers, [tuple(n) for n in noms], status


def open_on_tablet(browser, address: str, viewport=IPAD):
    """A touch browser (speech stubbed) at ``viewport`` with ``address`` open and drawn."""
    context = browser.new_context(viewport=viewport, has_touch=True)
    context.add_init_script(SPEECH_STUB)
    page = context.new_page()
    page.goto(address)
    wait_for_run(page)
    return context, page


def open_child(browser, base: str, token: str, viewport=IPAD):
    return open_on_tablet(browser, f"{base}/?t={token}", viewport)


def screen(page) -> str:
    """The data-screen marker: 'step|answered|stored answer|picks' ('' off the survey)."""
    marker = page.locator(".kk-progress")
    return marker.first.get_attribute("data-screen") if marker.count() else ""


def tap(page, locator, timeout: int = 30_000) -> str:
    """Tap ``locator`` and wait until the server has answered with a different screen."""
    before = screen(page)
    locator.tap()
    page.wait_for_function(
        """before => {
             const m = document.querySelector('.kk-progress');
             const now = m ? m.getAttribute('data-screen') : '';
             const app = document.querySelector("[data-testid='stApp']");
             return now !== before && app.getAttribute('data-test-script-state') === 'notRunning';
           }""",
        arg=before,
        timeout=timeout,
    )
    return screen(page)


def step_of(page) -> str:
    return screen(page).split("|")[0]


def card(page, index: int):
    return page.locator(f".st-key-kcards [data-testid='stColumn']:nth-child({index + 1}) button")


def mates(page):
    return page.locator(".st-key-kgrid button")


def spoken_after_tap(page) -> list[str]:
    page.evaluate("window.__spoken = []")
    page.locator(".kk-say").first.tap()
    return [text for text, _ in page.evaluate("window.__spoken")]


def assert_kiosk(page) -> None:
    """No sidebar, no toolbar or menu, no links; every button at least 64 px high and wide."""
    for test_id in ("stSidebar", "stToolbar", "stMainMenu", "stHeader"):
        assert not page.locator(f"[data-testid='{test_id}']").is_visible()
    assert page.locator("a:visible").count() == 0
    for box in [b.bounding_box() for b in page.locator("button:visible").all()]:
        assert box["height"] >= 64 and box["width"] >= 64, box


# ---------------------------------------------------------------- tests


def test_a_child_completes_the_survey_by_touch_with_read_aloud(server, browser):
    base, db_url = server
    token, pupil_id, wave_id = fresh_child(db_url)
    context, page = open_child(browser, base, token)
    assert page.get_by_text(re.compile(r"^Hoi ")).is_visible()
    assert_kiosk(page)
    assert len(spoken_after_tap(page)) == 2
    screenshot(page, "child_welcome")
    tap(page, page.locator(".st-key-kstart button"))

    assert step_of(page) == "carts_practice"
    said = spoken_after_tap(page)
    assert "Ik eet graag ijs." in said and said[-4:] == ["Nee", "Een beetje", "Best wel", "Ja, heel erg"]
    assert_kiosk(page)
    screenshot(page, "child_practice")
    tap(page, card(page, 3))

    values = {}
    while step_of(page).startswith("carts_"):
        item = step_of(page)
        said = spoken_after_tap(page)
        assert said[0] == page.locator(".kk-item").inner_text()  # reads the item shown
        if item == "carts_cl02":
            screenshot(page, "child_item")
        if item == "carts_cl04":  # go back once and change the previous answer
            tap(page, page.locator(".st-key-knav-back button"))
            assert step_of(page) == "carts_cl03"
            screenshot(page, "child_item_back")
            tap(page, card(page, 0))
            values["carts_cl03"] = 1
            assert step_of(page) == "carts_cl04"
        index = len(values) % 4
        values[item] = index + 1
        tap(page, card(page, index))

    questions = []
    while screen(page):
        question = step_of(page)
        questions.append(question)
        said = spoken_after_tap(page)
        assert said[0] == page.locator(".kk-item").inner_text()
        assert_kiosk(page)
        if question == "teacher_angry":
            tap(page, page.locator(".st-key-knobody button"))
            screenshot(page, "child_nobody")
        else:
            tap(page, mates(page).nth(0))
            tap(page, mates(page).nth(3))
            if question == "liked_most":
                screenshot(page, "child_nominations")
        tap(page, page.locator(".st-key-knav-next button"))

    assert questions == ["liked_most", "teacher_likes", "liked_least", "teacher_angry"]
    assert page.get_by_text("Klaar! Dankjewel!").is_visible()
    screenshot(page, "child_thanks")
    assert page.url.endswith(f"?t={token}")  # no answers or steps in the URL
    answers, noms, status = db_rows(db_url, pupil_id, wave_id)
    assert answers["carts_practice"] == 4 and answers["carts_cl03"] == 1
    assert {k: v for k, v in answers.items() if k in values} == values
    assert len(answers) == 18 and len(noms) == 7 and status == "finished"
    assert ("teacher_angry", None) in noms
    assert pupil_id not in {target for _, target in noms}
    context.close()


@pytest.mark.parametrize(("viewport", "name"), [(LANDSCAPE, "landscape"), (ANDROID, "android")])
def test_kiosk_layout_in_landscape_and_on_a_small_android_tablet(server, browser, viewport, name):
    base, db_url = server
    token, _, _ = fresh_child(db_url)
    context, page = open_child(browser, base, token, viewport)
    tap(page, page.locator(".st-key-kstart button"))
    assert_kiosk(page)
    boxes = [card(page, i).bounding_box() for i in range(4)]
    assert all(b["x"] + b["width"] <= viewport["width"] for b in boxes)  # four cards fit
    screenshot(page, f"child_practice_{name}")
    tap(page, card(page, 1))
    context.close()


def test_reload_mid_questionnaire_and_mid_nominations_resumes_intact(server, browser):
    base, db_url = server
    token, pupil_id, wave_id = fresh_child(db_url)
    context, page = open_child(browser, base, token)
    tap(page, page.locator(".st-key-kstart button"))
    for index in (1, 2, 3):  # practice, cl01, cl02
        tap(page, card(page, index))
    page.reload()
    wait_for_run(page)
    assert step_of(page) == "carts_cl03"
    # double tap: two taps on the same card before the screen changes → one answer
    card(page, 0).dblclick()
    page.wait_for_function("() => document.querySelector('.kk-progress')"
                           ".getAttribute('data-screen').startsWith('carts_cl04')")
    wait_for_run(page)
    answers, _, _ = db_rows(db_url, pupil_id, wave_id)
    assert answers == {"carts_practice": 2, "carts_cl01": 3, "carts_cl02": 4, "carts_cl03": 1}
    while step_of(page).startswith("carts_"):
        tap(page, card(page, 2))
    assert step_of(page) == "liked_most"
    first, second = (mates(page).nth(i).inner_text().split("\n")[-1] for i in (1, 4))
    tap(page, mates(page).nth(1))
    tap(page, mates(page).nth(4))
    page.reload()
    wait_for_run(page)
    assert step_of(page) == "liked_most"  # picked two, no "next" yet: resumes ON the question
    chosen = page.locator(".st-key-kgrid [data-testid='stBaseButton-primary']")
    assert sorted(t.split("\n")[-1] for t in chosen.all_inner_texts()) == sorted([first, second])
    assert mates(page).nth(1).inner_text().split("\n")[-1] == first  # same grid order
    _, noms, status = db_rows(db_url, pupil_id, wave_id)
    assert len(noms) == 2 and status == "active"
    context.close()


def test_the_grid_keeps_its_places_when_the_teacher_removes_a_classmate(server, browser):
    """Mid-question the teacher takes a classmate off the list: on the tablet that cell
    goes empty and every other name stays exactly where it was (positions measured)."""
    from survey.models import Pupil

    base, db_url = server
    token, pupil_id, wave_id = fresh_child(db_url)
    context, page = open_child(browser, base, token)
    tap(page, page.locator(".st-key-kstart button"))
    while step_of(page).startswith("carts_"):
        tap(page, card(page, 1))
    cells = page.locator(".st-key-kgrid [class*='st-key-p-liked_most-']")
    before = {}
    for i in range(cells.count()):
        key = re.search(r"st-key-p-liked_most-(\d+)", cells.nth(i).get_attribute("class"))
        box = cells.nth(i).bounding_box()
        before[int(key.group(1))] = (round(box["x"]), round(box["y"]))
    removed = list(before)[1]
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        s.get(Pupil, removed).active = False
    engine.dispose()
    keep = list(before)[2]
    tap(page, page.locator(f".st-key-kgrid [class*='st-key-p-liked_most-{keep}-']"))
    after = {}
    for i in range(cells.count()):
        key = re.search(r"st-key-p-liked_most-(\d+)", cells.nth(i).get_attribute("class"))
        box = cells.nth(i).bounding_box()
        after[int(key.group(1))] = (round(box["x"]), round(box["y"]))
    assert removed not in after
    assert after == {k: v for k, v in before.items() if k != removed}
    gone = page.locator(".st-key-kgrid [class*='st-key-gone-liked_most-']")
    assert gone.count() == 1
    screenshot(page, "child_grid_removed_classmate")
    _, noms, _ = db_rows(db_url, pupil_id, wave_id)
    assert noms == [("liked_most", keep)]
    context.close()


def test_two_children_on_two_tablets_at_once(server, browser):
    base, db_url = server
    children = [fresh_child(db_url) for _ in range(2)]
    tablets = [open_child(browser, base, token) for token, _, _ in children]
    for _, page in tablets:
        tap(page, page.locator(".st-key-kstart button"))
    for round_ in range(5):  # interleaved taps: practice + 4 items each
        for n, (_, page) in enumerate(tablets):
            tap(page, card(page, (round_ + n) % 4))
    for (_token, pupil_id, wave_id), (context, page) in zip(children, tablets, strict=True):
        assert step_of(page) == "carts_cl05"
        answers, _, _ = db_rows(db_url, pupil_id, wave_id)
        assert len(answers) == 5
        context.close()
    a, _, _ = db_rows(db_url, children[0][1], children[0][2])
    b, _, _ = db_rows(db_url, children[1][1], children[1][2])
    assert [a[k] for k in sorted(a)] != [b[k] for k in sorted(b)]  # each kept their own


def test_a_revoked_token_writes_nothing_and_shows_a_friendly_message(server, browser):
    base, db_url = server
    token, pupil_id, wave_id = fresh_child(db_url)
    context, page = open_child(browser, base, token)
    tap(page, page.locator(".st-key-kstart button"))
    tap(page, card(page, 2))
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        revoke(s, s.scalar(select(ChildToken).where(ChildToken.token == token)))
    engine.dispose()
    card(page, 3).tap()  # the old tab taps on: nothing may be written
    page.get_by_text("Deze inlogkaart werkt niet").wait_for()  # that tap's run looked it up
    wait_for_run(page)
    answers, _, _ = db_rows(db_url, pupil_id, wave_id)
    assert answers == {"carts_practice": 3}
    page.reload()
    wait_for_run(page)
    assert page.get_by_text("Deze inlogkaart werkt niet").is_visible()
    # nothing to answer with: the only button reads the message aloud
    assert page.locator("button:visible").count() == page.locator(".kk-say:visible").count() == 1
    screenshot(page, "child_unknown_token")
    context.close()


def test_youngest_children_answer_with_yes_no_faces(server, browser):
    base, db_url = server
    token, pupil_id, wave_id = fresh_child(db_url)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        s.get(Wave, wave_id).child_format = "yes_no"
    try:
        context, page = open_child(browser, base, token)
        tap(page, page.locator(".st-key-kstart button"))
        assert page.locator(".st-key-kcards button").count() == 2
        said = spoken_after_tap(page)
        assert said[-2:] == ["Nee", "Ja"]
        assert_kiosk(page)
        screenshot(page, "child_practice_yes_no")
        tap(page, card(page, 1))
        answers, _, _ = db_rows(db_url, pupil_id, wave_id)
        assert answers == {"carts_practice": 1}
        context.close()
    finally:
        with session_scope(engine) as s:
            s.get(Wave, wave_id).child_format = "four_point"
        engine.dispose()
