"""Measurement waves of a class: create, open, close; child tokens; hand-over; progress.

A wave goes draft → open → closed, never back:

- ``create_wave`` stores its choices (language, child response format, which nomination
  questions — "liked least" can be switched off) and which wording the packs have now;
- ``open_wave`` issues one token per participating pupil (``survey.tokens``); pupils who
  join or get consent later receive theirs through ``issue_for_open_waves``; only one wave
  of a class is open at a time, so the hand-over screen and the cards are unambiguous;
- ``close_wave`` locks every token: ``survey.tokens.lookup`` refuses tokens of a wave that
  is not open, and a closed wave is never reopened.

Every change writes an audit event in the caller's transaction. Every function that reads
or changes a class's waves, tokens or pupils takes the acting user as ``actor`` and checks
the class is in their scope first (``survey.access``; ``NotAllowed`` otherwise).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.access import Actor, actor_id, require_class, require_pupils_of_class, require_wave
from survey.audit import record
from survey.child_flow import wave_progress
from survey.i18n import LANGUAGES
from survey.instruments import child_pack, nomination_pack, teacher_pack
from survey.models import ChildToken, SchoolClass, Wave, utcnow
from survey.names import pupil_names
from survey.roster import clean_text
from survey.services import SurveyError, participating_pupils
from survey.tokens import issue_tokens, revoke

NAME_LENGTH = Wave.__table__.c.name.type.length


class WaveError(SurveyError):
    """A wave change that is not allowed; ``key`` is a message key for the teacher."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key=key, **values)


def default_questions() -> list[str]:
    """The nomination questions a new wave starts with: every non-optional one."""
    return [q.id for q in nomination_pack().questions if not q.optional]


def create_wave(
    session: Session,
    class_id: int,
    name: str,
    *,
    starts_on: dt.date | None = None,
    language: str = "nl",
    child_format: str = "four_point",
    questions: list[str] | tuple[str, ...] | None = None,
    actor: Actor,
) -> Wave:
    """A new draft wave of a class in ``actor``'s scope; the packs' current wording is
    recorded with it. The name is cleaned (``survey.roster.clean_text``) and at most the
    column's length."""
    require_class(session, actor, class_id)
    user_id = actor_id(actor)
    name = clean_text(name)
    if session.get(SchoolClass, class_id) is None:
        raise WaveError("wave.err_no_class")
    if not name or len(name) > NAME_LENGTH:
        raise WaveError("wave.err_name", n=NAME_LENGTH)
    if session.scalar(select(Wave.id).where(Wave.class_id == class_id, Wave.name == name)):
        raise WaveError("wave.err_name_taken", name=name)
    if language not in LANGUAGES:
        raise WaveError("wave.err_language", language=language)
    if child_format not in child_pack().response_formats:
        raise WaveError("wave.err_format", format=child_format)
    chosen = list(default_questions() if questions is None else questions)
    known = [q.id for q in nomination_pack().questions]
    unknown = [q for q in chosen if q not in known]
    if unknown:
        raise WaveError("wave.err_question", question=", ".join(unknown))
    if not chosen:
        raise WaveError("wave.err_no_questions")
    wave = Wave(
        class_id=class_id,
        name=name,
        starts_on=starts_on,
        status="draft",
        language=language,
        child_format=child_format,
        questions=[q for q in known if q in chosen],  # pack order
        teacher_wording=teacher_pack().wording_source,
        child_wording=child_pack().wording_source,
    )
    session.add(wave)
    session.flush()
    record(session, "wave.create", user_id=user_id, object_type="wave", object_id=wave.id,
           class_id=class_id, questions=wave.questions, language=language,
           child_format=child_format)
    return wave


def open_wave(session: Session, wave_id: int, *, actor: Actor) -> Wave:
    """Open a draft wave (of a class in ``actor``'s scope) and issue the children's tokens."""
    wave = require_wave(session, actor, wave_id)
    user_id = actor_id(actor)
    if wave.status != "draft":
        raise WaveError("wave.err_not_draft")
    other = session.scalar(
        select(Wave).where(Wave.class_id == wave.class_id, Wave.status == "open")
    )
    if other is not None:
        raise WaveError("wave.err_other_open", name=other.name)
    wave.status = "open"
    wave.opened_at = utcnow()
    session.flush()
    tokens = issue_tokens(session, wave.id)
    record(session, "wave.open", user_id=user_id, object_type="wave", object_id=wave.id,
           tokens=len(tokens))
    return wave


def close_wave(session: Session, wave_id: int, *, actor: Actor) -> Wave:
    """Close an open wave (of a class in ``actor``'s scope): every child token stops
    working (answers are kept)."""
    wave = require_wave(session, actor, wave_id)
    user_id = actor_id(actor)
    if wave.status != "open":
        raise WaveError("wave.err_not_open")
    wave.status = "closed"
    wave.closed_at = utcnow()
    record(session, "wave.close", user_id=user_id, object_type="wave", object_id=wave.id)
    return wave


def delete_draft(session: Session, wave_id: int, *, actor: Actor) -> None:
    """Remove a wave that was never opened (it has no answers), of a class in ``actor``'s
    scope."""
    wave = require_wave(session, actor, wave_id)
    user_id = actor_id(actor)
    if wave.status != "draft":
        raise WaveError("wave.err_not_draft")
    record(session, "wave.delete", user_id=user_id, object_type="wave", object_id=wave.id,
           name=wave.name)
    session.delete(wave)


def issue_for_open_waves(session: Session, class_id: int) -> int:
    """Give tokens to participating pupils of the class's open waves who have none yet
    (a pupil added or given consent after the wave opened). Returns how many were made."""
    made = 0
    waves = session.scalars(
        select(Wave).where(Wave.class_id == class_id, Wave.status == "open")
    ).all()
    for wave in waves:
        n_before = len(session.scalars(
            select(ChildToken.id).where(ChildToken.wave_id == wave.id)).all())
        made += len(issue_tokens(session, wave.id)) - n_before
    return made


@dataclass(frozen=True)
class ChildCard:
    """What a login card and a hand-over button need for one pupil."""

    pupil_id: int
    label: str  # the shown name (survey.names): the same as on the kiosk grid
    full_name: str
    token: str
    short_code: str
    status: str  # token status: active / finished


def child_cards(session: Session, wave_id: int, *, actor: Actor) -> list[ChildCard]:
    """One card per participating pupil of an open wave (tokens issued where missing), in
    roster order. A reprint gives the same tokens, so answers already given stay valid.
    The wave's class must be in ``actor``'s scope (the cards open the children's surveys)."""
    wave = require_wave(session, actor, wave_id)
    if wave.status != "open":
        raise WaveError("wave.err_not_open")
    tokens = {tok.pupil_id: tok for tok in issue_tokens(session, wave_id)}
    pupils = participating_pupils(session, wave.class_id)
    labels = pupil_names(pupils)
    return [
        ChildCard(p.id, labels[p.id], p.full_name, tokens[p.id].token, tokens[p.id].short_code,
                  tokens[p.id].status)
        for p in pupils
        if p.id in tokens
    ]


def new_card(session: Session, wave_id: int, pupil_id: int, *, actor: Actor) -> ChildToken:
    """A lost card: the pupil gets a new token and code, the old card stops working, the
    answers given so far stay. Not for children who finished (their card opens nothing).
    The wave's class must be in ``actor``'s scope and the pupil of that class."""
    wave = require_wave(session, actor, wave_id)
    require_pupils_of_class(session, wave.class_id, [pupil_id])
    user_id = actor_id(actor)
    token = session.scalar(
        select(ChildToken).where(ChildToken.wave_id == wave_id, ChildToken.pupil_id == pupil_id)
    )
    if wave.status != "open" or token is None:
        raise WaveError("wave.err_not_open")
    if token.status == "finished":
        raise WaveError("wave.err_finished")
    revoke(session, token)
    record(session, "token.revoke", user_id=user_id, object_type="pupil", object_id=pupil_id,
           wave_id=wave_id)
    return token


@dataclass(frozen=True)
class ProgressRow:
    pupil_id: int
    name: str
    state: str  # not_started / busy / done
    answered: int  # steps done (items answered, questions closed)
    total: int

    @property
    def current(self) -> int:
        """The step a busy child is at (1-based): "item x of y"."""
        return min(self.answered + 1, self.total)


def class_progress(
    session: Session, wave_id: int, *, actor: Actor
) -> tuple[list[ProgressRow], float]:
    """Per child not started / busy (answered of total) / done, and the class completion
    percentage (done ÷ participating pupils × 100; 0 for an empty class), of a wave whose
    class is in ``actor``'s scope."""
    wave = require_wave(session, actor, wave_id)
    names = {p.id: p.full_name for p in participating_pupils(session, wave.class_id)}
    rows = [
        ProgressRow(c.pupil_id, names[c.pupil_id], c.state, c.answered, c.total)
        for c in wave_progress(session, wave_id)
        if c.pupil_id in names
    ]
    done = sum(1 for r in rows if r.state == "done")
    return rows, (100.0 * done / len(names)) if names else 0.0


def default_child_format(grade: int | None) -> str:
    """The child answer format a new wave proposes for a class of ``grade``: yes/no for
    groep 3–4 (children of 6–7), the four-point cards from groep 5 (unknown grade: groep 6).

    >>> default_child_format(3), default_child_format(4), default_child_format(5)
    ('yes_no', 'yes_no', 'four_point')
    >>> default_child_format(None)
    'four_point'
    """
    return "yes_no" if (grade or 6) <= 4 else "four_point"
