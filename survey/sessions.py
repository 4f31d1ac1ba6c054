"""Signed log-in tokens so a page reload does not log an adult out.

A reload starts a new Streamlit session, which has forgotten who was logged in. The app
therefore keeps a signed token in a cookie (``klaskaart_session``): the user id, an expiry
time and a fingerprint of the user's password hash, signed with HMAC-SHA256 and the server
secret. Nothing else is in it. Changing the password, deactivating the account or the expiry
(``SESSION_HOURS``) invalidates every token of that user. Children never get one: a child URL
clears the cookie.

>>> secret = b"k" * 32
>>> class U:  # a stand-in for survey.models.User
...     id, password_hash, active = 7, "$argon2id$…", True
>>> token = make_token(U, secret, now=1_000)
>>> user_id_from_token(token, secret, now=2_000)
7
>>> user_id_from_token(token + "x", secret, now=2_000) is None
True
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from sqlalchemy.orm import Session

from survey.db import ROOT
from survey.models import User

COOKIE = "klaskaart_session"
SESSION_HOURS = 12


def server_secret() -> bytes:
    """``KLASKAART_SECRET`` (set it when several replicas serve one database), else a random
    key created once in ``data/secret_key`` (readable by the owner only)."""
    env = os.environ.get("KLASKAART_SECRET")
    if env:
        return env.encode()
    path = Path(os.environ.get("KLASKAART_SECRET_FILE") or ROOT / "data" / "secret_key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _sign(payload: bytes, secret: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, payload, hashlib.sha256).digest()).decode()


def make_token(user: User, secret: bytes, now: float | None = None) -> str:
    """A token for ``user`` valid for SESSION_HOURS."""
    now = time.time() if now is None else now
    body = json.dumps(
        {"u": user.id, "exp": int(now + SESSION_HOURS * 3600), "fp": _fingerprint(user.password_hash)},
        separators=(",", ":"),
    ).encode()
    return base64.urlsafe_b64encode(body).decode() + "." + _sign(body, secret)


def _payload(token: str, secret: bytes, now: float | None) -> dict | None:
    try:
        body_b64, signature = token.split(".", 1)
        body = base64.urlsafe_b64decode(body_b64.encode())
    except (ValueError, TypeError):
        return None
    if not hmac.compare_digest(signature, _sign(body, secret)):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    now = time.time() if now is None else now
    if not isinstance(data, dict) or data.get("exp", 0) < now:
        return None
    return data


def user_id_from_token(token: str, secret: bytes, now: float | None = None) -> int | None:
    """The user id in a valid, unexpired token (the password fingerprint is not checked)."""
    data = _payload(token, secret, now)
    return int(data["u"]) if data else None


def user_from_token(
    session: Session, token: str, secret: bytes, now: float | None = None
) -> User | None:
    """The active user a token belongs to, if its signature, expiry and password fingerprint
    all hold."""
    data = _payload(token, secret, now)
    if not data:
        return None
    user = session.get(User, int(data["u"]))
    if user is None or not user.active or data.get("fp") != _fingerprint(user.password_hash):
        return None
    return user
