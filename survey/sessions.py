"""Server-side log-in sessions, so a page reload does not log an adult out — and a log-out,
a password change or a deactivation really ends a session.

A reload starts a new Streamlit session, which has forgotten who was logged in. The app
therefore keeps a session id in a cookie (``klaskaart_session``): 32 random bytes
(URL-safe base64), nothing else. The database (table ``user_sessions``) stores only the
SHA-256 of that id, with the user, when it was created and last seen, when it expires
(``SESSION_HOURS`` after the log-in) and when it was revoked. A stolen database therefore
holds no usable cookie, and a copied cookie stops working the moment its session ends:

- log-out ends the session (``end_session``);
- a password change ends the user's other sessions and keeps the current one
  (``revoke_user_sessions(..., except_id=current)``);
- deactivating an account ends all of its sessions (``survey.accounts.update_user_access``);
- expiry ends it after SESSION_HOURS whatever happens.

Expired and revoked rows are deleted when the next session starts (``prune``), and a user has
at most ``MAX_SESSIONS_PER_USER`` live sessions (the oldest are revoked), so the table stays
bounded. Children never get a session: a child URL clears the cookie.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from survey.keys import server_secret  # noqa: F401  (re-exported for older imports)
from survey.models import User, UserSession, utcnow

COOKIE = "klaskaart_session"
SESSION_HOURS = 12
MAX_SESSIONS_PER_USER = 20
TOUCH_EVERY = dt.timedelta(minutes=5)  # last_seen_at is written at most this often
KEEP_REVOKED = dt.timedelta(hours=1)  # revoked rows linger this long (then pruned)


def session_hash(session_id: str) -> str:
    """What the database keeps of a session id: its SHA-256 (hex).

    >>> session_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(session: Session, user: User, now: dt.datetime | None = None) -> str:
    """Start a session for ``user``; return the session id for the cookie (shown once, never
    stored). Prunes ended sessions and caps the user's live ones."""
    now = now or utcnow()
    prune(session, now)
    session_id = secrets.token_urlsafe(32)
    session.add(UserSession(
        id_hash=session_hash(session_id), user_id=user.id, created_at=now, last_seen_at=now,
        expires_at=now + dt.timedelta(hours=SESSION_HOURS),
    ))
    session.flush()
    live = session.scalars(
        select(UserSession.id_hash)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None),
               UserSession.expires_at > now)
        .order_by(UserSession.created_at.desc(), UserSession.id_hash)
        .offset(MAX_SESSIONS_PER_USER)
    ).all()
    if live:
        session.execute(
            update(UserSession).where(UserSession.id_hash.in_(live)).values(revoked_at=now)
        )
    return session_id


def _live(session: Session, session_id: str | None, now: dt.datetime) -> UserSession | None:
    if not isinstance(session_id, str) or not session_id or len(session_id) > 100:
        return None
    row = session.get(UserSession, session_hash(session_id))
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return row


def user_for_session(
    session: Session, session_id: str | None, now: dt.datetime | None = None, *,
    touch: bool = True,
) -> User | None:
    """The active user of a live (not revoked, not expired) session, else None. With
    ``touch`` the session's ``last_seen_at`` is brought up to date (at most every
    TOUCH_EVERY, so a busy page does not write on every run)."""
    now = now or utcnow()
    row = _live(session, session_id, now)
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    if touch and now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
    return user


def end_session(session: Session, session_id: str | None, now: dt.datetime | None = None) -> None:
    """Revoke one session (log-out): its cookie no longer logs anybody in."""
    if not isinstance(session_id, str) or not session_id:
        return
    session.execute(
        update(UserSession)
        .where(UserSession.id_hash == session_hash(session_id), UserSession.revoked_at.is_(None))
        .values(revoked_at=now or utcnow())
    )


def revoke_user_sessions(
    session: Session, user_id: int, except_id: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Revoke every live session of ``user_id`` except the one with session id
    ``except_id`` (the session making a password change); the number revoked."""
    stmt = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if except_id:
        stmt = stmt.where(UserSession.id_hash != session_hash(except_id))
    return session.execute(stmt.values(revoked_at=now or utcnow())).rowcount or 0


def prune(session: Session, now: dt.datetime | None = None) -> int:
    """Delete expired sessions and sessions revoked more than KEEP_REVOKED ago."""
    now = now or utcnow()
    result = session.execute(delete(UserSession).where(or_(
        UserSession.expires_at <= now, UserSession.revoked_at <= now - KEEP_REVOKED,
    )))
    return result.rowcount or 0
