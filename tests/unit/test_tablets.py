"""Class tablet mode (survey.tablets, [Tablet] item 1): start with a PIN, the class's
children, a child's card token, the end by PIN or by the teacher, expiry, scope; on SQLite
and PostgreSQL (``engine`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from survey.access import SYSTEM, NotAllowed
from survey.db import session_scope
from survey.models import AuditEvent, ClassTablet, User, Wave
from survey.tablets import (
    TABLET_HOURS,
    TabletError,
    active_tablets,
    child_token,
    end_tablet,
    open_tablet,
    start_tablet,
    stop_tablets,
    tablet_children,
)
from survey.tokens import finish, lookup
from tests.unit.test_storage import make_class


def open_class(engine, n: int = 4):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, n=n)
        tablet = start_tablet(s, wave_id, " 4821 ", actor=SYSTEM)
        return wave_id, ids, tablet.token


def test_a_tablet_opens_the_class_and_each_child_answers_with_their_own_card(engine):
    wave_id, ids, token = open_class(engine)
    with session_scope(engine) as s:
        found = open_tablet(s, token)
        assert found.state == "ok" and found.wave.id == wave_id
        children = tablet_children(s, token)
        assert [c.pupil_id for c in children] == ids
        card = child_token(s, token, ids[1])
        opened = lookup(s, card)
        assert opened.state == "ok" and opened.pupil.id == ids[1]


def test_a_finished_child_is_greyed_and_cannot_be_opened_again(engine):
    wave_id, ids, token = open_class(engine)
    with session_scope(engine) as s:
        card = lookup(s, child_token(s, token, ids[0])).token
        finish(s, card)
    with session_scope(engine) as s:
        assert [c.status for c in tablet_children(s, token)][0] == "finished"
        with pytest.raises(TabletError) as info:
            child_token(s, token, ids[0])
        assert info.value.key == "tablet.finished"


def test_a_pupil_of_another_class_is_refused(engine):
    _, _, token = open_class(engine)
    with session_scope(engine) as s:
        _, other = make_class(s, n=2)
    with session_scope(engine) as s:
        with pytest.raises(NotAllowed):
            child_token(s, token, other[0])
        with pytest.raises(NotAllowed):
            child_token(s, token, "1 or 1=1")


def test_the_pin_ends_the_mode_and_a_wrong_pin_does_not(engine):
    _, ids, token = open_class(engine)
    with session_scope(engine) as s:
        assert not end_tablet(s, token, "0000").ended
        assert not end_tablet(s, token, "").ended
        assert open_tablet(s, token).state == "ok"
        assert end_tablet(s, token, "4821").ended
    with session_scope(engine) as s:
        assert open_tablet(s, token).state == "ended"
        with pytest.raises(TabletError) as info:
            tablet_children(s, token)
        assert info.value.key == "tablet.not_open"
        with pytest.raises(TabletError):
            child_token(s, token, ids[0])
        actions = [e.action for e in s.scalars(select(AuditEvent))]
        assert actions.count("tablet.start") == 1 and actions.count("tablet.end") == 1


def test_wrong_pins_are_throttled_and_the_right_one_waits_too(engine):
    _, _, token = open_class(engine)
    with session_scope(engine) as s:
        tries = [end_tablet(s, token, f"{n:04d}", "10.0.0.7", now=1000.0) for n in range(3)]
        assert [t.ended or t.wait_s for t in tries] == [0, 0, 0]  # 3 free wrong PINs
        blocked = end_tablet(s, token, "4821", "10.0.0.7", now=1001.0)
        assert not blocked.ended and blocked.wait_s > 0  # not even checked
        assert open_tablet(s, token).state == "ok"
        assert end_tablet(s, token, "4821", "10.0.0.7", now=1000.0 + 3600).ended


def test_the_teacher_stops_every_tablet_of_the_wave(engine):
    wave_id, _, token = open_class(engine)
    with session_scope(engine) as s:
        second = start_tablet(s, wave_id, "999999", actor=SYSTEM).token
        assert active_tablets(s, wave_id, actor=SYSTEM) == 2
        assert stop_tablets(s, wave_id, actor=SYSTEM) == 2
    with session_scope(engine) as s:
        assert {open_tablet(s, t).state for t in (token, second)} == {"ended"}
        assert active_tablets(s, wave_id, actor=SYSTEM) == 0


def test_a_tablet_left_overnight_and_a_closed_wave_open_nothing(engine):
    wave_id, _, token = open_class(engine)
    with session_scope(engine) as s:
        tablet = s.scalar(select(ClassTablet))
        later = tablet.created_at + dt.timedelta(hours=TABLET_HOURS, minutes=1)
        assert open_tablet(s, token, now=later).state == "ended"
        s.get(Wave, wave_id).status = "closed"
    with session_scope(engine) as s:
        assert open_tablet(s, token).state == "closed"


@pytest.mark.parametrize("pin", ["12", "123456789", "12a4", "", "٤٨٢١"])
def test_a_pin_must_be_4_to_8_plain_digits(engine, pin):
    with session_scope(engine) as s:
        wave_id, _ = make_class(s, n=2)
        with pytest.raises(TabletError) as info:
            start_tablet(s, wave_id, pin, actor=SYSTEM)
        assert info.value.key == "tablet.pin_format"
        assert s.scalar(select(ClassTablet)) is None


def test_only_a_teacher_of_the_class_starts_it_and_nothing_is_stored_in_plain(engine):
    with session_scope(engine) as s:
        wave_id, _ = make_class(s, n=2)
        outsider = User(username="other", display_name="Ander", role="teacher",
                        password_hash="x", school_id=None)
        s.add(outsider)
        s.flush()
        with pytest.raises(NotAllowed):
            start_tablet(s, wave_id, "4821", actor=outsider)
        token = start_tablet(s, wave_id, "4821", actor=SYSTEM).token
    with session_scope(engine) as s:
        row = s.scalar(select(ClassTablet))
        assert token not in (row.seed, row.token_hash) and "4821" not in row.pin_hash
        assert open_tablet(s, "not-a-token").state == "unknown"
        assert open_tablet(s, "").state == "unknown"
