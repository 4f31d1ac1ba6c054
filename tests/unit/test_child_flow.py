"""The child survey flow on the database: steps, the current step derived from stored
answers, closing questions, finishing, classmates and wave progress.

Storage tests run on SQLite and PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey import child_flow
from survey.child_flow import grid_order, wave_steps
from survey.db import session_scope
from survey.models import Absence, ChildAnswer, ChildStepDone, ChildToken, Nomination, Pupil, Wave
from survey.names import pupil_names
from survey.services import SurveyError
from survey.tokens import issue_tokens
from tests.unit.test_storage import make_class

ITEMS = [s.id for s in wave_steps([]) if s.kind != "question"]  # practice + 17 scored


def _setup(engine, **kw):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, **kw)
        issue_tokens(s, wave_id)
    return wave_id, ids


def _answer_all_items(s, wave, pupil_id, value=2):
    for item in ITEMS:
        child_flow.answer_item(s, wave, pupil_id, item, value)


def test_steps_are_practice_then_items_then_positive_before_negative_questions():
    steps = wave_steps(["liked_least", "teacher_angry", "liked_most", "teacher_likes"])
    assert [s.kind for s in steps[:2]] == ["practice", "item"]
    assert len(steps) == 1 + 17 + 4  # one practice item, 17 scored items, 4 questions
    assert [s.id for s in steps[-4:]] == [
        "liked_most", "teacher_likes", "liked_least", "teacher_angry"
    ]
    assert [s.number for s in steps] == list(range(1, 23))


def test_current_step_is_the_first_unanswered_one(engine):
    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        state = child_flow.load_state(s, wave, ids[0])
        assert not state.started and state.current.id == "carts_practice"
        child_flow.answer_item(s, wave, ids[0], "carts_practice", 3)
        child_flow.answer_item(s, wave, ids[0], "carts_cl02", 3)  # out of order
    with session_scope(engine) as s:
        state = child_flow.load_state(s, s.get(Wave, wave_id), ids[0])
        assert state.started
        assert state.current.id == "carts_cl01"  # the gap comes first
        assert state.answered == 2
        assert state.before("carts_cl01").id == "carts_practice"
        assert state.before("carts_practice") is None


def test_a_question_with_picks_but_no_next_stays_current(engine):
    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        _answer_all_items(s, wave, ids[0])
        child_flow.toggle_pick(s, wave, ids[0], "liked_most", ids[1], True)
        child_flow.toggle_pick(s, wave, ids[0], "liked_most", ids[2], True)
    with session_scope(engine) as s:
        state = child_flow.load_state(s, s.get(Wave, wave_id), ids[0])
        assert state.current.id == "liked_most"
        assert state.picks["liked_most"] == {ids[1], ids[2]}


def test_next_needs_a_choice_or_nobody(engine):
    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        _answer_all_items(s, wave, ids[0])
    with pytest.raises(SurveyError), session_scope(engine) as s:
        child_flow.close_question(s, s.get(Wave, wave_id), ids[0], "liked_most")
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        child_flow.toggle_pick(s, wave, ids[0], "liked_most", None, True)
        assert child_flow.close_question(s, wave, ids[0], "liked_most") is False  # 3 to go
    with pytest.raises(SurveyError), session_scope(engine) as s:
        child_flow.close_question(s, s.get(Wave, wave_id), ids[0], "prosocial")  # not in wave


def test_the_last_next_finishes_and_locks_the_token(engine):
    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        _answer_all_items(s, wave, ids[0])
        for q in ("liked_most", "teacher_likes", "liked_least"):
            child_flow.toggle_pick(s, wave, ids[0], q, ids[1], True)
            assert child_flow.close_question(s, wave, ids[0], q) is False
        child_flow.toggle_pick(s, wave, ids[0], "teacher_angry", None, True)
        assert child_flow.close_question(s, wave, ids[0], "teacher_angry") is True
    with session_scope(engine) as s:
        token = s.scalar(select(ChildToken).where(ChildToken.pupil_id == ids[0]))
        assert token.status == "finished" and token.finished_at is not None
        assert child_flow.load_state(s, s.get(Wave, wave_id), ids[0]).current is None


def test_double_taps_never_duplicate(engine):
    wave_id, ids = _setup(engine)
    for _ in range(2):  # every write twice, each in its own short session (two callbacks)
        with session_scope(engine) as s:
            wave = s.get(Wave, wave_id)
            child_flow.start(s, wave_id, ids[0])
            _answer_all_items(s, wave, ids[0], value=4)
            child_flow.toggle_pick(s, wave, ids[0], "liked_most", ids[3], True)
            child_flow.close_question(s, wave, ids[0], "liked_most")
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ChildAnswer)) == len(ITEMS)  # 18
        assert s.scalar(select(func.count()).select_from(Nomination)) == 1
        # marks: welcome + liked_most
        assert s.scalar(select(func.count()).select_from(ChildStepDone)) == 2


def test_deselect_is_explicit_so_a_repeated_stale_tap_cannot_flip_it_back(engine):
    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        for _ in range(2):
            child_flow.toggle_pick(s, wave, ids[0], "liked_most", ids[1], True)
        for _ in range(2):
            child_flow.toggle_pick(s, wave, ids[0], "liked_most", ids[1], False)
        assert child_flow.load_state(s, wave, ids[0]).picks == {}


def test_classmates_leave_out_self_absent_and_non_consented(engine):
    # pupils 0..5; pupil 4 refused consent, pupil 5 is absent; the child is pupil 0
    wave_id, ids = _setup(engine, n=6, consent={4: "refused"})
    with session_scope(engine) as s:
        s.add(Absence(wave_id=wave_id, pupil_id=ids[5]))
    with session_scope(engine) as s:
        mates = child_flow.classmates(s, s.get(Wave, wave_id), ids[0])
        again = child_flow.classmates(s, s.get(Wave, wave_id), ids[0])
    assert sorted(m.pupil_id for m in mates) == [ids[1], ids[2], ids[3]]
    assert mates == again  # same order on every run (reload)


def test_grid_names_add_the_last_initial_only_where_first_names_repeat():
    pupils = [
        Pupil(id=1, first_name="Sem", tussenvoegsel="", last_name="Visser"),
        Pupil(id=2, first_name="Sem", tussenvoegsel="", last_name="Bakker"),
        Pupil(id=3, first_name="Noor", tussenvoegsel="", last_name="Smit"),
        Pupil(id=4, first_name="Lotte", tussenvoegsel="", last_name="Jansen"),
        Pupil(id=5, first_name="Lotte", tussenvoegsel="", last_name="Janssen"),  # same initial
        Pupil(id=6, first_name="Sem", tussenvoegsel="de", last_name="Boer"),
    ]
    assert pupil_names(pupils) == {
        1: "Sem V.", 2: "Sem Bakker", 3: "Noor", 4: "Lotte Jansen", 5: "Lotte Janssen",
        6: "Sem de Boer",  # B. like Bakker: both get the full name
    }


@given(st.sets(st.integers(1, 10_000), max_size=40), st.integers(1, 99), st.integers(1, 99))
def test_grid_order_is_a_stable_permutation(ids, wave_id, pupil_id):
    order = grid_order(ids, wave_id, pupil_id)
    assert sorted(order) == sorted(ids)
    assert grid_order(list(reversed(sorted(ids))), wave_id, pupil_id) == order


def test_grid_order_differs_between_children():
    ids = list(range(1, 25))
    orders = {tuple(grid_order(ids, 1, child)) for child in range(1, 11)}
    assert len(orders) == 10  # 24! orders: ten children get ten different grids


def test_wave_progress_states_and_counts(engine):
    wave_id, ids = _setup(engine, n=4, consent={3: "refused"})
    with session_scope(engine) as s:
        wave = s.get(Wave, wave_id)
        child_flow.start(s, wave_id, ids[1])  # busy: tapped start, nothing answered yet
        for item in ITEMS[:5]:  # busy: 5 of 22 steps
            child_flow.answer_item(s, wave, ids[2], item, 1)
        _answer_all_items(s, wave, ids[0])
        for q in ("liked_most", "teacher_likes", "liked_least", "teacher_angry"):
            child_flow.toggle_pick(s, wave, ids[0], q, None, True)
            child_flow.close_question(s, wave, ids[0], q)
    with session_scope(engine) as s:
        progress = {p.pupil_id: p for p in child_flow.wave_progress(s, wave_id)}
    assert set(progress) == {ids[0], ids[1], ids[2]}  # pupil 3 has no consent
    total = 1 + 17 + 4
    assert progress[ids[0]] == child_flow.ChildProgress(ids[0], "done", total, total)
    assert progress[ids[1]] == child_flow.ChildProgress(ids[1], "busy", 0, total)
    assert progress[ids[2]] == child_flow.ChildProgress(ids[2], "busy", 5, total)


def test_wave_progress_not_started_and_unknown_wave(engine):
    wave_id, ids = _setup(engine, n=2)
    with session_scope(engine) as s:
        assert [p.state for p in child_flow.wave_progress(s, wave_id)] == ["not_started"] * 2
        assert child_flow.wave_progress(s, wave_id + 999) == []


def test_only_an_active_token_of_an_open_wave_may_write(engine):
    wave_id, ids = _setup(engine, n=3, consent={2: "refused"})
    with session_scope(engine) as s:
        tokens = {t.pupil_id: t for t in s.scalars(select(ChildToken))}
        wave, pupil = child_flow.writable_token(s, tokens[ids[0]].token)
        assert (wave.id, pupil) == (wave_id, ids[0])
        assert child_flow.writable_token(s, "forged") is None
        assert child_flow.writable_token(s, "") is None
        tokens[ids[1]].status = "finished"
        assert child_flow.writable_token(s, tokens[ids[1]].token) is None
        s.get(Wave, wave_id).status = "closed"
        assert child_flow.writable_token(s, tokens[ids[0]].token) is None


def test_a_tap_on_a_busy_database_is_tried_again_then_reported(engine):
    """write_for_token: a busy database (OperationalError) is tried three times in all;
    a tap that still fails raises StillBusy and leaves nothing half-written."""
    from contextlib import contextmanager

    from sqlalchemy.exc import OperationalError

    wave_id, ids = _setup(engine)
    with session_scope(engine) as s:
        token = s.scalar(select(ChildToken).where(ChildToken.pupil_id == ids[0])).token
    calls = []

    def busy_then(n_busy):
        @contextmanager
        def open_session():
            calls.append(1)
            if len(calls) <= n_busy:
                raise OperationalError("INSERT", {}, Exception("database is locked"))
            with session_scope(engine) as s:
                yield s
        return open_session

    def action(s, wave, pupil_id):
        child_flow.start(s, wave.id, pupil_id)
        return pupil_id

    assert child_flow.write_for_token(busy_then(2), token, action) == ids[0]
    assert len(calls) == 3
    calls.clear()
    with pytest.raises(child_flow.StillBusy):
        child_flow.write_for_token(busy_then(3), token, action)
    assert len(calls) == 3
    assert child_flow.write_for_token(busy_then(0), "no-such-token", action) is None
