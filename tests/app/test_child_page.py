"""AppTest of the child kiosk on the demo school: the whole survey by taps, back, resume,
and the refusals (unknown / revoked / finished tokens, no teacher pages)."""

from __future__ import annotations

from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from survey import child_flow
from survey.db import make_engine, session_scope
from survey.models import ChildAnswer, ChildToken, Nomination, Wave
from survey.services import absent_ids, participating_pupils
from survey.tokens import revoke
from tests.app.conftest import app, texts


def _open_token(url: str) -> tuple[str, int, int]:
    """(token, pupil id, wave id) of a child of the demo school who has not started."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        token = s.scalars(
            select(ChildToken)
            .join(Wave, Wave.id == ChildToken.wave_id)
            .where(Wave.status == "open", ChildToken.status == "active")
            .order_by(ChildToken.id)
        ).first()
        result = token.token, token.pupil_id, token.wave_id
    engine.dispose()
    return result


def _all_text(at) -> str:
    """Visible text including the kiosk's HTML blocks (question top, read-aloud)."""
    return texts(at) + "\n" + "\n".join(h.value for h in at.get("html"))


def _keys(at) -> list[str]:
    return [b.key for b in at.button]


def _mate_keys(at, question: str) -> list[str]:
    """Keys of the classmate buttons ('p|question|pupil id|+ or -'), in grid order."""
    return [k for k in _keys(at) if k.startswith(f"p|{question}|")
            and k.split("|")[2] != "nobody"]


def _next_key(at, question: str) -> str:
    return next(k for k in _keys(at) if k.startswith(f"next|{question}|"))


def _step_of(at) -> str:
    """The step the screen shows, read from the answer / grid button keys."""
    for key in _keys(at):
        if key.startswith(("a|", "p|")):
            return key.split("|")[1]
    return ""


def test_a_child_does_the_whole_survey_by_taps(demo_env, demo_db_url):
    token, pupil_id, wave_id = _open_token(demo_db_url)
    at = app(t=token)
    assert "Hoi " in texts(at)
    assert not at.sidebar.children  # kiosk: nothing in a sidebar
    at.button(key="start").click().run()
    assert _step_of(at) == "carts_practice"
    assert "Eerst oefenen" in _all_text(at)

    seen_items = []
    while any(k.startswith("a|") for k in _keys(at)):
        step = _step_of(at)
        seen_items.append(step)
        at.button(key=f"a|{step}|3").click().run()
    # practice + 17 scored items, one per screen, in pack order
    assert len(seen_items) == 18 and seen_items[1] == "carts_cl01"

    questions = []
    while any(k.startswith("p|") for k in _keys(at)):
        question = _step_of(at)
        questions.append(question)
        mates = _mate_keys(at, question)
        assert str(pupil_id) not in {k.split("|")[2] for k in mates}  # never on their own grid
        if question == "teacher_angry":
            at.button(key=f"p|{question}|nobody|+").click().run()
        else:
            at.button(key=mates[0]).click().run()
            at.button(key=_mate_keys(at, question)[1]).click().run()
        at.button(key=_next_key(at, question)).click().run()
    assert questions == ["liked_most", "teacher_likes", "liked_least", "teacher_angry"]
    assert "Klaar! Dankjewel!" in texts(at)
    assert dict(at.query_params) == {"t": token}  # nothing but the token in the URL

    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        answers = s.scalar(
            select(func.count()).select_from(ChildAnswer)
            .where(ChildAnswer.pupil_id == pupil_id, ChildAnswer.wave_id == wave_id)
        )
        noms = s.execute(
            select(Nomination.question_id, Nomination.target_id)
            .where(Nomination.rater_id == pupil_id, Nomination.wave_id == wave_id)
        ).all()
        status = s.scalar(select(ChildToken.status).where(ChildToken.token == token))
    engine.dispose()
    assert answers == 18
    assert sorted(q for q, _ in noms) == sorted(
        ["liked_most"] * 2 + ["teacher_likes"] * 2 + ["liked_least"] * 2 + ["teacher_angry"]
    )
    assert ("teacher_angry", None) in noms
    assert status == "finished"
    # The finished token is locked: a new session gets the thank-you screen, no buttons.
    again = app(t=token)
    assert "Je bent al klaar" in texts(again)
    assert not any(k.startswith(("a|", "p|")) for k in _keys(again))


def test_back_changes_the_previous_answer_and_returns(demo_env, demo_db_url):
    token, pupil_id, wave_id = _open_token(demo_db_url)
    at = app(t=token)
    at.button(key="start").click().run()
    at.button(key="a|carts_practice|2").click().run()
    at.button(key="a|carts_cl01|4").click().run()
    assert _step_of(at) == "carts_cl02"
    at.button(key="back|carts_cl02").click().run()
    assert _step_of(at) == "carts_cl01"
    assert at.button(key="a|carts_cl01|4").proto.type == "primary"  # the stored answer shows
    at.button(key="a|carts_cl01|1").click().run()
    assert _step_of(at) == "carts_cl02"  # back where the child was
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        value = s.scalar(
            select(ChildAnswer.value).where(
                ChildAnswer.pupil_id == pupil_id, ChildAnswer.wave_id == wave_id,
                ChildAnswer.item_id == "carts_cl01",
            )
        )
    engine.dispose()
    assert value == 1


def test_a_new_session_resumes_at_the_first_unanswered_step(demo_env, demo_db_url):
    token, pupil_id, wave_id = _open_token(demo_db_url)
    at = app(t=token)
    at.button(key="start").click().run()
    for item in ("carts_practice", "carts_cl01", "carts_cl02"):
        at.button(key=f"a|{item}|2").click().run()
    fresh = app(t=token)  # a reload: new session, empty session state
    assert _step_of(fresh) == "carts_cl03"
    assert "Vraag 4 van 22" in str([h.value for h in fresh.get("html")])


def test_nomination_grid_leaves_out_absent_and_non_consented_pupils(demo_env, demo_db_url):
    token, pupil_id, wave_id, at = _to_first_question(demo_db_url)
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        expected = {p.id for p in participating_pupils(s, wave.class_id)} - absent_ids(s, wave_id)
        expected.discard(pupil_id)
        everyone = {p.id for p in wave.school_class.pupils}
    engine.dispose()
    shown = {int(k.split("|")[2]) for k in _mate_keys(at, "liked_most")}
    assert shown == expected
    assert everyone - expected  # the demo class really has someone to leave out


def test_unknown_and_revoked_tokens_get_a_friendly_message_and_no_data(demo_env, demo_db_url):
    at = app(t="not-a-real-token")
    assert "werkt niet" in texts(at) and not at.button
    token, pupil_id, wave_id = _open_token(demo_db_url)
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        revoke(s, s.scalar(select(ChildToken).where(ChildToken.token == token)))
    engine.dispose()
    at = app(t=token)
    assert "werkt niet" in texts(at) and not at.button
    assert "Hoi" not in texts(at)


def test_a_tablet_with_a_token_drops_the_adult_and_shows_no_teacher_page(demo_env, demo_db_url):
    token, _, _ = _open_token(demo_db_url)
    at = app(user_id=demo_env["teacher"], t=token)
    assert "user_id" not in at.session_state
    assert "Hoi " in texts(at)
    assert not any("Klassen" in str(b.label) for b in at.button)


def _set_wave(url: str, wave_id: int, **values) -> None:
    engine = make_engine(url)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        for name, value in values.items():
            setattr(wave, name, value)
    engine.dispose()


def test_youngest_children_get_yes_no_faces_in_the_wave_language(demo_env, demo_db_url):
    token, pupil_id, wave_id = _open_token(demo_db_url)
    _set_wave(demo_db_url, wave_id, child_format="yes_no", language="en")
    at = app(t=token)
    assert "Hi " in texts(at)
    at.button(key="start").click().run()
    assert [k for k in _keys(at) if k.startswith("a|")] == ["a|carts_practice|0", "a|carts_practice|1"]
    assert [b.label for b in at.button if b.key.startswith("a|")] == ["No", "Yes"]
    assert "happy face" in _all_text(at)
    said = " ".join(h.value for h in at.get("html") if "kk-say" in h.value)
    assert "en-GB" in said and "I like ice cream." in said
    at.button(key="a|carts_practice|1").click().run()
    assert _step_of(at) == "carts_cl01"


def _to_first_question(url: str) -> tuple[str, int, int, AppTest]:
    """A child whose items are all answered, on the first nomination screen."""
    token, pupil_id, wave_id = _open_token(url)
    engine = make_engine(url)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        for step in child_flow.wave_steps(wave.questions):
            if step.kind != "question":
                child_flow.answer_item(s, wave, pupil_id, step.id, 2)
    engine.dispose()
    at = app(t=token)
    assert _step_of(at) == "liked_most"
    return token, pupil_id, wave_id, at


def _picks(url: str, pupil_id: int, wave_id: int, question: str) -> set:
    engine = make_engine(url)
    with session_scope(engine) as s:
        got = set(s.scalars(select(Nomination.target_id).where(
            Nomination.rater_id == pupil_id, Nomination.wave_id == wave_id,
            Nomination.question_id == question)))
    engine.dispose()
    return got


def test_next_closes_only_the_picks_the_screen_showed(demo_env, demo_db_url):
    """A pick stored without its screen reaching the tablet (a crash right after the
    commit, a dropped frame): "Verder" on the old screen closes nothing; the child sees the
    stored picks with "look again", and the next "Verder" closes what is now on screen."""
    token, pupil_id, wave_id, at = _to_first_question(demo_db_url)
    first, second = (int(k.split("|")[2]) for k in _mate_keys(at, "liked_most")[:2])
    at.button(key=f"p|liked_most|{first}|+").click().run()
    stale_next = _next_key(at, "liked_most")
    assert stale_next == f"next|liked_most|{first}"
    engine = make_engine(demo_db_url)  # the tap whose screen never came back
    with session_scope(engine) as s:
        child_flow.toggle_pick(s, s.get(Wave, wave_id), pupil_id, "liked_most", second, True)
    engine.dispose()
    at.button(key=stale_next).click().run()
    assert _step_of(at) == "liked_most"  # not closed
    assert "Kijk nog even" in texts(at)
    assert at.button(key=f"p|liked_most|{second}|-").proto.type == "primary"  # now on screen
    at.button(key=_next_key(at, "liked_most")).click().run()
    assert _step_of(at) == "teacher_likes"
    assert _picks(demo_db_url, pupil_id, wave_id, "liked_most") == {first, second}


def test_a_tap_says_what_it_asks_for(demo_env, demo_db_url):
    """The classmate button's key carries choose (+) or undo (-): after a choice the same
    cell asks to undo, so a repeated tap from a screen that did not update matches nothing
    instead of undoing the choice the child saw."""
    token, pupil_id, wave_id, at = _to_first_question(demo_db_url)
    mate = int(_mate_keys(at, "liked_most")[0].split("|")[2])
    at.button(key=f"p|liked_most|{mate}|+").click().run()
    keys = _keys(at)
    assert f"p|liked_most|{mate}|-" in keys and f"p|liked_most|{mate}|+" not in keys
    assert _picks(demo_db_url, pupil_id, wave_id, "liked_most") == {mate}
    at.button(key=f"p|liked_most|{mate}|-").click().run()
    assert _picks(demo_db_url, pupil_id, wave_id, "liked_most") == set()


def test_the_grid_keeps_its_places_when_a_classmate_is_removed(demo_env, demo_db_url):
    """The teacher removes a classmate mid-question: that cell goes empty, nobody moves, so
    the retap "Dat lukte niet. Tik nog een keer." asks for lands on the same child."""
    from survey.models import Pupil

    token, pupil_id, wave_id, at = _to_first_question(demo_db_url)
    before = [int(k.split("|")[2]) for k in _mate_keys(at, "liked_most")]
    removed = before[1]
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        s.get(Pupil, removed).active = False
    engine.dispose()
    at.button(key=f"p|liked_most|{removed}|+").click().run()  # a tap on the removed child
    assert "Dat lukte niet" in texts(at)
    assert _picks(demo_db_url, pupil_id, wave_id, "liked_most") == set()
    grid = [k for k in _keys(at) if k.startswith(("p|liked_most|", "gone|liked_most|"))
            and "nobody" not in k]
    assert grid[1].startswith("gone|") and at.button(key=grid[1]).disabled
    after = [None if k.startswith("gone|") else int(k.split("|")[2]) for k in grid]
    assert after == [None if p == removed else p for p in before]
    at.button(key=f"p|liked_most|{before[2]}|+").click().run()
    assert _picks(demo_db_url, pupil_id, wave_id, "liked_most") == {before[2]}
