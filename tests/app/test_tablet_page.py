"""AppTest of class tablet mode (app_pages/tablet.py, survey.tablets) on the demo school:
the names, a child's whole survey by taps, back to the names with the child greyed, the
next child, "this is not me", the PIN that ends the mode, and no teacher pages."""

from __future__ import annotations

from sqlalchemy import select

from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.models import ChildToken, Pupil, Wave
from survey.tablets import open_tablet, start_tablet
from tests.app.conftest import app, texts


def _tablet(url: str) -> tuple[str, int, list[int]]:
    """(tablet token, wave id, ids of its children who have not finished) of an open wave."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        wave = s.scalars(select(Wave).where(Wave.status == "open").order_by(Wave.id)).first()
        tablet = start_tablet(s, wave.id, "4821", actor=SYSTEM)
        open_ids = list(s.scalars(select(ChildToken.pupil_id).where(
            ChildToken.wave_id == wave.id, ChildToken.status == "active")
            .order_by(ChildToken.pupil_id)))
        result = tablet.token, wave.id, open_ids
    engine.dispose()
    return result


def _keys(at) -> list[str]:
    return [b.key for b in at.button]


def _step_of(at) -> str:
    for key in _keys(at):
        if key.startswith(("a|", "p|")):
            return key.split("|")[1]
    return ""


def _answer_everything(at) -> None:
    """Tap through the whole survey: every item 3, one classmate or nobody per question."""
    at.button(key="start").click().run()
    while any(k.startswith("a|") for k in _keys(at)):
        at.button(key=f"a|{_step_of(at)}|3").click().run()
    while any(k.startswith("p|") for k in _keys(at)):
        question = _step_of(at)
        nobody = f"p|{question}|nobody|+"
        if nobody in _keys(at):
            at.button(key=nobody).click().run()
        else:
            mate = next(k for k in _keys(at) if k.startswith(f"p|{question}|"))
            at.button(key=mate).click().run()
        at.button(key=next(k for k in _keys(at) if k.startswith(f"next|{question}|"))).click()
        at.run()


def test_the_tablet_goes_round_two_children_without_a_password(demo_env, demo_db_url):
    token, wave_id, open_ids = _tablet(demo_db_url)
    at = app(tablet=token)
    assert not at.exception
    assert "wie ben jij?" in texts(at)
    assert not at.sidebar.children  # no teacher pages, no log-in on the tablet
    names = [k for k in _keys(at) if k.startswith("tablet|")]
    assert {int(k.split("|")[1]) for k in names} >= set(open_ids)

    first = open_ids[0]
    at.button(key=f"tablet|{first}").click().run()
    assert "Hoi " in texts(at)
    _answer_everything(at)
    assert "Klaar! Dankjewel!" in texts(at)
    assert dict(at.query_params) == {"tablet": token}  # the child's card never in the URL
    at.button(key="tablet_next").click().run()  # (or the timer, after RETURN_AFTER_S)
    assert "wie ben jij?" in texts(at)
    assert at.button(key=f"tablet|{first}").disabled  # greyed: finished
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        status = s.scalar(select(ChildToken.status).where(
            ChildToken.wave_id == wave_id, ChildToken.pupil_id == first))
    engine.dispose()
    assert status == "finished"

    second = open_ids[1]
    at.button(key=f"tablet|{second}").click().run()
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        name = s.get(Pupil, second).first_name
    engine.dispose()
    assert f"Hoi {name}!" in texts(at)
    at.button(key="tablet_not_me").click().run()  # tapped the wrong name: back
    assert "wie ben jij?" in texts(at)


def test_a_wrong_pin_keeps_the_mode_and_the_right_one_ends_it(demo_env, demo_db_url):
    token, _, _ = _tablet(demo_db_url)
    at = app(tablet=token)
    at.text_input[0].input("1111")
    at.button[-1].click().run()
    assert "Die pincode klopt niet" in texts(at)
    at.text_input[0].input("4821")
    at.button[-1].click().run()
    assert not at.exception
    assert "tablet" not in dict(at.query_params)
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        assert open_tablet(s, token).state == "ended"
    engine.dispose()
    again = app(tablet=token)
    assert "staat niet meer aan" in texts(again)
    assert not [k for k in _keys(again) if k.startswith("tablet|")]


def test_an_adult_logged_in_on_the_device_is_logged_out(demo_env, demo_db_url):
    token, _, _ = _tablet(demo_db_url)
    at = app(user_id=demo_env["teacher"], tablet=token)
    assert "wie ben jij?" in texts(at)
    assert "user_id" not in at.session_state
