"""Signed session tokens: valid for the right user only, until expiry, password change or
deactivation."""

from __future__ import annotations

from survey.accounts import create_user, set_password
from survey.db import session_scope
from survey.sessions import SESSION_HOURS, make_token, server_secret, user_from_token

SECRET = b"s" * 32
NOW = 1_800_000_000


def test_token_round_trip_and_its_limits(engine):
    with session_scope(engine) as s:
        user = create_user(s, "anna", "correct horse battery", "teacher")
        token = make_token(user, SECRET, now=NOW)
        assert user_from_token(s, token, SECRET, now=NOW + 60).id == user.id
        # expired, other secret, tampered body
        assert user_from_token(s, token, SECRET, now=NOW + SESSION_HOURS * 3600 + 1) is None
        assert user_from_token(s, token, b"o" * 32, now=NOW) is None
        body, sig = token.split(".")
        assert user_from_token(s, body[:-2] + "AA." + sig, SECRET, now=NOW) is None
        assert user_from_token(s, "garbage", SECRET, now=NOW) is None
        # a password change or deactivation invalidates every token of the user
        set_password(s, user, "another long password")
        assert user_from_token(s, token, SECRET, now=NOW) is None
        fresh = make_token(user, SECRET, now=NOW)
        user.active = False
        assert user_from_token(s, fresh, SECRET, now=NOW) is None


def test_server_secret_is_created_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("KLASKAART_SECRET", raising=False)
    monkeypatch.setenv("KLASKAART_SECRET_FILE", str(tmp_path / "secret"))
    first = server_secret()
    assert len(first) == 64 and server_secret() == first
    assert (tmp_path / "secret").stat().st_mode & 0o077 == 0
    monkeypatch.setenv("KLASKAART_SECRET", "from-the-environment")
    assert server_secret() == b"from-the-environment"
