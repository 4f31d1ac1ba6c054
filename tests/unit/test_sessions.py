"""Server-side log-in sessions: the cookie is a random id, the database keeps its SHA-256;
log-out, a password change (other sessions) and deactivation end sessions for real."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from survey.accounts import create_user, set_password, update_user_access
from survey.db import session_scope
from survey.keys import server_secret
from survey.models import UserSession
from survey.sessions import (
    MAX_SESSIONS_PER_USER,
    SESSION_HOURS,
    end_session,
    revoke_user_sessions,
    session_hash,
    start_session,
    user_for_session,
)

NOW = dt.datetime(2026, 11, 30, 9, 0)
PASSWORD = "correct horse battery"


def _user(s, name="anna", role="teacher"):
    return create_user(s, name, PASSWORD, role)


def test_cookie_is_random_and_only_its_hash_is_stored(engine):
    with session_scope(engine) as s:
        user = _user(s)
        first, second = start_session(s, user, NOW), start_session(s, user, NOW)
        assert first != second and len(first) >= 43
        rows = s.scalars(select(UserSession)).all()
        assert {r.id_hash for r in rows} == {session_hash(first), session_hash(second)}
        assert all(first not in r.id_hash and r.user_id == user.id for r in rows)
        assert user_for_session(s, first, NOW + dt.timedelta(minutes=1)).id == user.id
        # expired, unknown, tampered, empty
        later = NOW + dt.timedelta(hours=SESSION_HOURS, seconds=1)
        assert user_for_session(s, first, later) is None
        assert user_for_session(s, first[:-1] + "x", NOW) is None
        assert user_for_session(s, "", NOW) is None and user_for_session(s, None, NOW) is None


def test_a_replayed_cookie_after_log_out_is_refused(engine):
    with session_scope(engine) as s:
        user = _user(s)
        cookie = start_session(s, user, NOW)
    with session_scope(engine) as s:
        end_session(s, cookie, NOW + dt.timedelta(minutes=5))
    with session_scope(engine) as s:  # the copied cookie, a minute later
        assert user_for_session(s, cookie, NOW + dt.timedelta(minutes=6)) is None


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(engine):
    with session_scope(engine) as s:
        user = _user(s)
        a, b = start_session(s, user, NOW), start_session(s, user, NOW)
        other = _user(s, "bert")
        c = start_session(s, other, NOW)
    with session_scope(engine) as s:  # in session A
        set_password(s, s.get(type(user), user.id), "another long password", keep_session=a)
    with session_scope(engine) as s:
        assert user_for_session(s, b, NOW) is None
        assert user_for_session(s, a, NOW).id == user.id
        assert user_for_session(s, c, NOW).id == other.id  # other users keep theirs
        # without a session to keep (e.g. the command line) every session ends
        set_password(s, s.get(type(user), user.id), "a third long password")
        assert user_for_session(s, a, NOW) is None


def test_a_deactivated_user_is_refused_and_their_sessions_end(engine):
    with session_scope(engine) as s:
        admin = _user(s, "root", "admin")
        user = _user(s)
        cookie = start_session(s, user, NOW)
        update_user_access(s, user, role="teacher", school_id=None, class_ids=(), active=False,
                           actor_id=admin.id)
    with session_scope(engine) as s:
        assert user_for_session(s, cookie, NOW) is None
        row = s.get(UserSession, session_hash(cookie))
        assert row.revoked_at is not None
        # reactivated: the old cookie stays dead, a new log-in works
        u = s.get(type(user), user.id)
        update_user_access(s, u, role="teacher", school_id=None, class_ids=(), active=True,
                           actor_id=admin.id)
        assert user_for_session(s, cookie, NOW) is None
        assert user_for_session(s, start_session(s, u, NOW), NOW).id == user.id


def test_ended_sessions_are_pruned_and_live_ones_capped(engine):
    with session_scope(engine) as s:
        user = _user(s)
        old = [start_session(s, user, NOW) for _ in range(3)]
        end_session(s, old[0], NOW)
        revoke_user_sessions(s, user.id, except_id=old[1], now=NOW)
        assert user_for_session(s, old[1], NOW) is not None
        # two days later: the revoked and the expired rows are gone
        later = NOW + dt.timedelta(days=2)
        fresh = [start_session(s, user, later + dt.timedelta(seconds=i))
                 for i in range(MAX_SESSIONS_PER_USER + 5)]
        count = s.scalar(select(func.count()).select_from(UserSession))
        assert count == MAX_SESSIONS_PER_USER + 5  # only this burst; revoked rows linger 1 h
        live = s.scalar(select(func.count()).select_from(UserSession).where(
            UserSession.revoked_at.is_(None)))
        assert live == MAX_SESSIONS_PER_USER
        then = later + dt.timedelta(minutes=1)
        assert user_for_session(s, fresh[-1], then) is not None
        assert user_for_session(s, fresh[0], then) is None  # the oldest were revoked
        start_session(s, user, later + dt.timedelta(hours=2))
        # the 5 revoked long enough ago are gone; the newest pushed one more out
        assert s.scalar(select(func.count()).select_from(UserSession)) == MAX_SESSIONS_PER_USER + 1


def test_last_seen_is_touched_now_and_then(engine):
    with session_scope(engine) as s:
        user = _user(s)
        cookie = start_session(s, user, NOW)
        user_for_session(s, cookie, NOW + dt.timedelta(minutes=1))
        assert s.get(UserSession, session_hash(cookie)).last_seen_at == NOW
        user_for_session(s, cookie, NOW + dt.timedelta(minutes=30))
        assert s.get(UserSession, session_hash(cookie)).last_seen_at == NOW + dt.timedelta(
            minutes=30)


def test_server_secret_is_created_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("KLASKAART_SECRET", raising=False)
    monkeypatch.setenv("KLASKAART_SECRET_FILE", str(tmp_path / "secret"))
    first = server_secret()
    assert len(first) == 64 and server_secret() == first
    assert (tmp_path / "secret").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("KLASKAART_SECRET", "from-the-environment")
    assert server_secret() == b"from-the-environment"
