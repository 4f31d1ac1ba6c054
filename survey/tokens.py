"""Child access tokens: opaque, high-entropy, one per pupil per wave, revocable.

A token (192 bits, URL-safe) goes into the QR code of a login card; the short code
(8 signs from an alphabet without look-alikes: no O, I, L, S, Z, B, G, D, Q or U,
``survey.keys.SHORT_ALPHABET``) can be typed, in upper or lower case, with spaces or a dash,
and a typed look-alike (O for 0, S for 5, …) is read as the sign the card shows.
Neither is stored: a card keeps a random seed, the token and code are HMACs of it under
the server secret, and a typed value is found by its keyed digest (survey.keys,
``ChildToken``). Reprinting cards recomputes the same token, so answers already given stay
valid; revoking gives a new seed and locks the old card out.

A card made before tokens were hashed (no seed, migration 0005) still opens, but its token
cannot be recomputed: the first time its wave's cards are needed again (``issue_tokens``:
printing, the hand-over screen) it gets a new seed, so the old paper card stops working and
the new one must be handed out. Answers are kept. Likewise a card printed before the
look-alike-free alphabet: its QR code keeps working, its typed code works until the wave's
cards are next needed, when the card gets its code in the new alphabet.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from survey.keys import (
    SHORT_ALPHABET,  # noqa: F401  (re-exported)
    SHORT_LENGTH,
    child_code,
    child_token,
    code_digest,
    legacy_code_digest,
    new_seed,
    normalise_code,
    token_digest,
)
from survey.models import ChildToken, Pupil, Wave, utcnow
from survey.services import participating_pupils


def _free_seed(session: Session, taken: set[str]) -> str:
    """A new seed whose token and short code no other card has (a 40-bit short code can
    collide, rarely, in a big database; ``taken`` holds digests of this flush)."""
    while True:
        seed = new_seed()
        digests = {token_digest(child_token(seed)), code_digest(child_code(seed))}
        if digests & taken:
            continue
        clash = session.scalar(select(ChildToken.id).where(or_(
            ChildToken.token_hash.in_(digests), ChildToken.code_hash.in_(digests))))
        if clash is None:
            taken |= digests
            return seed


def issue_tokens(session: Session, wave_id: int) -> list[ChildToken]:
    """Make sure every participating pupil of the wave's class has a token (and a card made
    before hashing a seed, see above); return all."""
    wave = session.get(Wave, wave_id)
    existing = {
        t.pupil_id: t
        for t in session.scalars(select(ChildToken).where(ChildToken.wave_id == wave_id))
    }
    taken: set[str] = set()
    for token in existing.values():
        if token.seed is None:
            token.set_seed(_free_seed(session, taken))
        elif token.code_hash != code_digest(child_code(token.seed)):
            _renew_code(session, token, taken)  # printed before the look-alike-free alphabet
    for pupil in participating_pupils(session, wave.class_id):
        if pupil.id not in existing:
            token = ChildToken(wave_id=wave_id, pupil_id=pupil.id)
            token.set_seed(_free_seed(session, taken))
            session.add(token)
            existing[pupil.id] = token
    session.flush()
    return list(existing.values())


def _renew_code(session: Session, token: ChildToken, taken: set[str]) -> None:
    """Store the digest of the code the card now prints; on the rare clash with another
    card's code, a new seed (a new card) instead."""
    digest = code_digest(child_code(token.seed))
    clash = digest in taken or session.scalar(
        select(ChildToken.id).where(ChildToken.code_hash == digest, ChildToken.id != token.id))
    if clash:
        token.set_seed(_free_seed(session, taken))
    else:
        token.code_hash = digest
        taken.add(digest)


def revoke(session: Session, token: ChildToken) -> ChildToken:
    """Lock the old token out by giving the pupil a new one (answers are kept)."""
    token.set_seed(_free_seed(session, set()))
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
    # (the stored digests are compared: survey.models.ChildToken)
    token = session.scalar(select(ChildToken).where(ChildToken.token == value))
    if token is None and len(normalise_code(value)) == SHORT_LENGTH:
        digests = {code_digest(value), legacy_code_digest(value)}
        token = session.scalar(select(ChildToken).where(ChildToken.code_hash.in_(digests)))
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
