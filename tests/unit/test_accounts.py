"""Accounts: argon2 hashes, log-in answers that do not reveal usernames, throttling, scope."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.accounts import (
    AccountError,
    authenticate,
    can_see_class,
    create_user,
    required_wait,
    visible_class_ids,
)
from survey.db import session_scope
from survey.models import School, SchoolClass, User
from survey.tokens import issue_tokens, lookup, revoke
from tests.unit.test_storage import make_class

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 11, 23, 9, 0, 0)


def test_password_is_stored_as_argon2_hash(engine):
    with session_scope(engine) as s:
        user = create_user(s, "Juf.Anna", PASSWORD, "teacher")
        assert user.username == "juf.anna"
        assert user.password_hash.startswith("$argon2") and PASSWORD not in user.password_hash


def test_wrong_password_and_unknown_user_look_the_same(engine):
    with session_scope(engine) as s:
        create_user(s, "anna", PASSWORD, "teacher")
    with session_scope(engine) as s:
        wrong = authenticate(s, "anna", "nope", now=T0)
        unknown = authenticate(s, "bert", "nope", now=T0)
        assert wrong == unknown and wrong.user is None and wrong.wait_s == 0
        ok = authenticate(s, " ANNA ", PASSWORD, now=T0)
        assert ok.user is not None and ok.user.username == "anna"


def test_required_wait_doubles_and_is_capped():
    # (throttling itself: tests/unit/test_throttle.py)
    assert [required_wait(n) for n in range(2, 7)] == [0, 2, 4, 8, 16]
    assert required_wait(100) == 300


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [("anna", "short", "teacher", "at least"), ("anna", PASSWORD, "pupil", "Unknown role"),
     ("an na", PASSWORD, "teacher", "letters"), ("taken", PASSWORD, "teacher", "already taken")],
)
def test_create_user_rejects_bad_input(engine, username, password, role, message):
    with session_scope(engine) as s:
        create_user(s, "taken", PASSWORD, "admin")
    with pytest.raises(AccountError, match=message), session_scope(engine) as s:
        create_user(s, username, password, role)
    with session_scope(engine) as s:
        assert s.query(User).count() == 1


def test_scope_per_role(engine):
    with session_scope(engine) as s:
        make_class(s)
        make_class(s)
        schools = s.query(School).order_by(School.id).all()
        classes = s.query(SchoolClass).order_by(SchoolClass.id).all()
        teacher = create_user(s, "t", PASSWORD, "teacher", school_id=classes[0].school_id,
                              class_ids=(classes[0].id,))
        counsellor = create_user(s, "c", PASSWORD, "counsellor", school_id=schools[1].id)
        admin = create_user(s, "a", PASSWORD, "admin")
        researcher = create_user(s, "r", PASSWORD, "researcher")
        assert visible_class_ids(s, teacher) == [classes[0].id]
        assert not can_see_class(s, teacher, classes[1].id)
        assert visible_class_ids(s, counsellor) == [classes[1].id]
        assert visible_class_ids(s, admin) == [classes[0].id, classes[1].id]
        assert visible_class_ids(s, researcher) == []


def test_tokens_one_per_pupil_stable_and_revocable(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, consent={4: "refused"})
        first = {t.pupil_id: t.token for t in issue_tokens(s, wave_id)}
        assert set(first) == set(ids[:4])
        assert len({len(v) for v in first.values()}) == 1 and len(first[ids[0]]) >= 32
    with session_scope(engine) as s:  # a reprint issues nothing new
        assert {t.pupil_id: t.token for t in issue_tokens(s, wave_id)} == first
        found = lookup(s, first[ids[0]])
        assert found.state == "ok" and found.pupil.id == ids[0]
        assert lookup(s, found.token.short_code.lower()).state == "ok"
        assert lookup(s, "not-a-token").state == "unknown"
        revoke(s, found.token)
    with session_scope(engine) as s:
        assert lookup(s, first[ids[0]]).state == "unknown"
