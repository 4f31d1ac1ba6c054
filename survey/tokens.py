"""Child access tokens: opaque, high-entropy, one per pupil per wave, revocable.

A token (192 random bits, URL-safe) goes into the QR code of a login card; the short code
(8 characters from an alphabet without look-alikes such as 0/O and 1/I) can be typed.
Reprinting cards reuses the same token, so answers already given stay valid; revoking
issues a new token and locks the old one out.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.models import ChildToken, Pupil, Wave, utcnow
from survey.services import participating_pupils

SHORT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SHORT_LENGTH = 8


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_ALPHABET) for _ in range(SHORT_LENGTH))


def issue_tokens(session: Session, wave_id: int) -> list[ChildToken]:
    """Make sure every participating pupil of the wave's class has a token; return all."""
    wave = session.get(Wave, wave_id)
    existing = {
        t.pupil_id: t
        for t in session.scalars(select(ChildToken).where(ChildToken.wave_id == wave_id))
    }
    for pupil in participating_pupils(session, wave.class_id):
        if pupil.id not in existing:
            token = ChildToken(
                wave_id=wave_id, pupil_id=pupil.id, token=new_token(), short_code=new_short_code()
            )
            session.add(token)
            existing[pupil.id] = token
    session.flush()
    return list(existing.values())


def revoke(session: Session, token: ChildToken) -> ChildToken:
    """Lock the old token out by giving the pupil a new one (answers are kept)."""
    token.token = new_token()
    token.short_code = new_short_code()
    token.status = "active"
    session.flush()
    return token


@dataclass(frozen=True)
class TokenLookup:
    """Result of looking up a token: ``state`` is 'ok', 'unknown', 'finished' or 'closed'."""

    state: str
    token: ChildToken | None = None
    pupil: Pupil | None = None
    wave: Wave | None = None


def lookup(session: Session, token_or_code: str) -> TokenLookup:
    """Find the pupil and wave a token (or short code) opens, and whether it may be used."""
    value = (token_or_code or "").strip()
    if not value:
        return TokenLookup("unknown")
    token = session.scalar(select(ChildToken).where(ChildToken.token == value))
    if token is None and len(value) == SHORT_LENGTH:
        token = session.scalar(select(ChildToken).where(ChildToken.short_code == value.upper()))
    if token is None or token.status == "revoked":
        return TokenLookup("unknown")
    pupil = session.get(Pupil, token.pupil_id)
    wave = session.get(Wave, token.wave_id)
    if pupil not in participating_pupils(session, wave.class_id):
        return TokenLookup("unknown")
    if token.status == "finished":
        return TokenLookup("finished", token, pupil, wave)
    if wave.status != "open":
        return TokenLookup("closed", token, pupil, wave)
    return TokenLookup("ok", token, pupil, wave)


def finish(session: Session, token: ChildToken) -> None:
    """Lock a token after the child finished: it can no longer open the survey."""
    token.status = "finished"
    token.finished_at = utcnow()
