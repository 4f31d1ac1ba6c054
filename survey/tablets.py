"""Class tablet mode: one tablet goes round the class without the teacher's password.

The teacher turns a tablet into "the tablet of class X for wave Y" once (``start_tablet``,
from their own logged-in screen or by scanning the class code the waves page shows). The
tablet then holds a **class session** — the tablet token in its address — not the
teacher's log-in: it shows the class's names (``tablet_children``), a child taps their own
name and answers (``child_token`` gives the child flow the card token of that child, so
everything a card does — resume, Terug, the lock after finishing — works the same), and
after the thank-you screen the tablet is back at the names, finished children greyed.
Leaving the mode takes the teacher: the PIN they chose (``end_tablet``, throttled like a
log-in) or their log-in on the waves page (``stop_tablets``).

A tablet token opens answering for the children of one class and wave who have not
finished — what the class's pile of login cards opens, no more. It stops working when the
wave closes, when the teacher ends the mode, or ``TABLET_HOURS`` after it was started (a
tablet left in the classroom overnight opens nothing the next morning). Stored like a card:
a seed and keyed digests (survey.keys), never the token or the PIN itself.

>>> check_pin("4821"), check_pin("12")
('4821', None)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey import throttle
from survey.access import SYSTEM, Actor, actor_id, require_pupils_of_class, require_wave
from survey.audit import record
from survey.keys import new_seed, pin_digest, token_digest
from survey.models import ChildToken, ClassTablet, SchoolClass, Wave, utcnow
from survey.services import SurveyError
from survey.tokens import issue_tokens
from survey.waves import ChildCard, child_cards

TABLET_HOURS = 12  # a school day; the next morning the teacher starts the mode again
PIN_DIGITS = (4, 8)  # a PIN of 4 to 8 digits


class TabletError(SurveyError):
    """A class-tablet action that is not possible; ``key`` is a message key."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key=key, **values)


def check_pin(pin: str) -> str | None:
    """The PIN as typed when it is 4 to 8 digits (spaces around ignored), else None."""
    text = (pin or "").strip()
    low, high = PIN_DIGITS
    return text if text.isascii() and text.isdigit() and low <= len(text) <= high else None


@dataclass(frozen=True)
class TabletLookup:
    """What a tablet token opens: ``state`` is 'ok', 'unknown', 'ended' or 'closed'."""

    state: str
    tablet: ClassTablet | None = None
    wave: Wave | None = None
    class_name: str = ""


def start_tablet(session: Session, wave_id: int, pin: str, *, actor: Actor) -> ClassTablet:
    """Turn a tablet into the class tablet of ``wave_id`` (an open wave of a class in the
    actor's scope), ended with ``pin``. Returns the tablet row; its ``token`` goes in the
    tablet's address (``tablet_url``)."""
    wave = require_wave(session, actor, wave_id)
    if wave.status != "open":
        raise TabletError("wave.err_not_open")
    checked = check_pin(pin)
    if checked is None:
        raise TabletError("tablet.pin_format", low=PIN_DIGITS[0], high=PIN_DIGITS[1])
    issue_tokens(session, wave.id)  # every participating child has a card to answer with
    taken = set(session.scalars(select(ClassTablet.token_hash)))
    tablet = ClassTablet(wave_id=wave.id, created_by=actor_id(actor))
    while True:
        tablet.set_seed(new_seed())
        if tablet.token_hash not in taken:
            break
    tablet.pin_hash = pin_digest(tablet.seed, checked)
    session.add(tablet)
    session.flush()
    record(session, "tablet.start", user_id=actor_id(actor), object_type="wave",
           object_id=wave.id, tablet=tablet.id)
    return tablet


def open_tablet(session: Session, token: str, now: dt.datetime | None = None) -> TabletLookup:
    """The class tablet ``token`` opens, and whether it may be used now."""
    value = (token or "").strip()
    if not value:
        return TabletLookup("unknown")
    tablet = session.scalar(select(ClassTablet).where(
        ClassTablet.token_hash == token_digest(value)))
    if tablet is None:
        return TabletLookup("unknown")
    wave = session.get(Wave, tablet.wave_id)
    klass = session.get(SchoolClass, wave.class_id)
    now = now or utcnow()
    if tablet.ended_at is not None or now - tablet.created_at > dt.timedelta(hours=TABLET_HOURS):
        return TabletLookup("ended", tablet, wave, klass.name)
    if wave.status != "open":
        return TabletLookup("closed", tablet, wave, klass.name)
    return TabletLookup("ok", tablet, wave, klass.name)


def _usable(session: Session, token: str) -> TabletLookup:
    found = open_tablet(session, token)
    if found.state != "ok":
        raise TabletError("tablet.not_open")
    return found


def tablet_children(session: Session, token: str) -> list[ChildCard]:
    """The children of the tablet's class and wave in roster order, each with the one
    display-name label (survey.names) and the card status ('finished' ones are greyed)."""
    found = _usable(session, token)
    return child_cards(session, found.wave.id, actor=SYSTEM)  # the tablet's scope: its wave


def child_token(session: Session, token: str, pupil_id: int) -> str:
    """The card token a child who tapped their name answers with; refused for a pupil who
    is not in the tablet's class and wave, and for a child who has finished."""
    found = _usable(session, token)
    require_pupils_of_class(session, found.wave.class_id, [pupil_id])
    card = session.scalar(select(ChildToken).where(
        ChildToken.wave_id == found.wave.id, ChildToken.pupil_id == int(pupil_id)))
    if card is None or card.status == "revoked":
        raise TabletError("tablet.not_in_wave")
    if card.status == "finished":
        raise TabletError("tablet.finished")
    if card.seed is None:  # a card from before hashed tokens: make it printable again
        issue_tokens(session, found.wave.id)
    return card.token


@dataclass(frozen=True)
class TabletEnd:
    """Outcome of a PIN typed to end class mode: ``ended``, or ``wait_s`` > 0 when too many
    wrong PINs were typed (then the PIN was not even checked)."""

    ended: bool
    wait_s: int = 0


def end_tablet(session: Session, token: str, pin: str, address: str = "local",
               now: float | None = None) -> TabletEnd:
    """End class mode with the teacher's PIN (the tablet then opens nothing any more).

    Attempts are throttled like a log-in (survey.throttle, per tablet × client
    ``address``): 3 free wrong PINs, then doubling waits — a 4-digit PIN cannot be tried
    through. A right PIN clears the count."""
    found = open_tablet(session, token)
    if found.tablet is None:
        return TabletEnd(False)
    engine = session.get_bind()
    name = f"tablet:{found.tablet.id}"
    wait = throttle.reserve(engine, name, address, now)
    if wait:
        return TabletEnd(False, wait)
    if pin_digest(found.tablet.seed, (pin or "").strip()) != found.tablet.pin_hash:
        return TabletEnd(False)
    throttle.succeeded(engine, name, address)
    if found.tablet.ended_at is None:
        found.tablet.ended_at = utcnow()
        record(session, "tablet.end", object_type="wave", object_id=found.wave.id,
               tablet=found.tablet.id)
    return TabletEnd(True)


def stop_tablets(session: Session, wave_id: int, *, actor: Actor) -> int:
    """End class mode on every tablet of the wave (the teacher's log-in instead of a PIN);
    returns how many were still on."""
    wave = require_wave(session, actor, wave_id)
    tablets = session.scalars(select(ClassTablet).where(
        ClassTablet.wave_id == wave.id, ClassTablet.ended_at.is_(None))).all()
    for tablet in tablets:
        tablet.ended_at = utcnow()
    if tablets:
        record(session, "tablet.stop", user_id=actor_id(actor), object_type="wave",
               object_id=wave.id, n=len(tablets))
    return len(tablets)


def active_tablets(session: Session, wave_id: int, *, actor: Actor) -> int:
    """How many tablets are in class mode for the wave now."""
    wave = require_wave(session, actor, wave_id)
    since = utcnow() - dt.timedelta(hours=TABLET_HOURS)
    return len(session.scalars(select(ClassTablet.id).where(
        ClassTablet.wave_id == wave.id, ClassTablet.ended_at.is_(None),
        ClassTablet.created_at > since)).all())


def tablet_url(base_url: str, token: str) -> str:
    """The address that opens class mode on a tablet (the class code's QR).

    >>> tablet_url("https://klaskaart.school.nl/", "a-b_c")
    'https://klaskaart.school.nl/?tablet=a-b_c'
    """
    return f"{base_url.rstrip('/')}/?tablet={quote(token, safe='-_')}"
