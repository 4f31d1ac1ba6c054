"""Service layer that pages call to save and load survey data.

Every save is an idempotent upsert on the unique key of docs/design.md, so a double tap or a
retried request never creates a duplicate, and the caller commits right away (one short
session per callback). Every function checks its input against the wave and the packs and
raises ``SurveyError`` with a message key — nothing is written in that case.

Who may call what: the child's own answers (``save_child_answer``, ``set_nomination``) are
authorised by the child's token before they get here (``survey.child_flow``); the adults'
functions (``save_teacher_rating``, ``load_wave``) take the acting user as ``actor`` and
check the scope themselves (``survey.access``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from survey.i18n import KeyedError
from survey.instruments import child_pack, nomination_pack, teacher_pack
from survey.models import (
    Absence,
    ChildAnswer,
    Consent,
    Nomination,
    Pupil,
    School,
    SchoolClass,
    TeacherRating,
    Wave,
    utcnow,
)

if TYPE_CHECKING:  # survey.access imports this module
    from survey.access import Actor


class SurveyError(KeyedError):
    """Input that cannot be saved; the message is meant for the person who gave it.

    Raised with a message ``key`` of ``survey.messages`` and its values
    (``survey.i18n.KeyedError``), so the page shows it in the interface language
    (``text(language)``); ``str()`` is English.

    >>> SurveyError(key="error.not_allowed").text("nl")
    'Dat mag je met dit account niet.'
    """


def consent_ok(consent_mode: str, status: str | None) -> bool:
    """Whether a pupil with consent ``status`` takes part under the school's ``consent_mode``.

    Opt-in schools need an explicit "given"; opt-out schools include everyone not "refused".

    >>> consent_ok("opt_in", "unknown"), consent_ok("opt_out", "unknown")
    (False, True)
    """
    status = status or "unknown"
    if consent_mode == "opt_out":
        return status != "refused"
    return status == "given"


def _upsert(session: Session, model, values: dict, key: tuple[str, ...], update: tuple[str, ...]):
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(model).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key), set_={c: stmt.excluded[c] for c in update}
    )
    session.execute(stmt)


def participating_pupils(session: Session, class_id: int) -> list[Pupil]:
    """Active pupils of a class whose consent lets them take part, in roster order."""
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        return []
    mode = school_class.school.consent_mode
    rows = session.execute(
        select(Pupil, Consent.status)
        .outerjoin(Consent, Consent.pupil_id == Pupil.id)
        .where(Pupil.class_id == class_id, Pupil.active.is_(True))
        .order_by(Pupil.first_name, Pupil.last_name, Pupil.id)
    ).all()
    return [pupil for pupil, status in rows if consent_ok(mode, status)]


def absent_ids(session: Session, wave_id: int) -> set[int]:
    return set(session.scalars(select(Absence.pupil_id).where(Absence.wave_id == wave_id)))


def _wave(session: Session, wave_id: int, *, must_be_open: bool) -> Wave:
    wave = session.get(Wave, wave_id)
    if wave is None:
        raise SurveyError("error.no_wave")
    if must_be_open and wave.status != "open":
        raise SurveyError("error.wave_not_open")
    return wave


def _participant(session: Session, wave: Wave, pupil_id: int) -> Pupil:
    pupil = session.get(Pupil, pupil_id)
    if pupil is None or pupil.class_id != wave.class_id or not pupil.active:
        raise SurveyError("error.pupil_not_in_wave")
    school = session.get(School, wave.school_class.school_id)
    status = pupil.consent.status if pupil.consent else None
    if not consent_ok(school.consent_mode, status):
        raise SurveyError("error.no_consent")
    return pupil


def save_child_answer(
    session: Session, wave_id: int, pupil_id: int, item_id: str, value: int
) -> None:
    """Store (or replace) a child's answer to one item of the wave's child pack."""
    wave = _wave(session, wave_id, must_be_open=True)
    _participant(session, wave, pupil_id)
    pack = child_pack()
    known = {item.id for item in pack.items} | {item.id for item in pack.practice_items}
    if item_id not in known:
        raise SurveyError("error.unknown_child_item", item=item_id)
    fmt = pack.response_formats[wave.child_format]
    if value not in fmt.values:
        raise SurveyError("error.answer_off_scale", value=value, scale=list(fmt.values))
    _upsert(
        session,
        ChildAnswer,
        dict(
            wave_id=wave_id,
            pupil_id=pupil_id,
            item_id=item_id,
            value=int(value),
            wording_source=wave.child_wording,
            answered_at=utcnow(),
        ),
        key=("wave_id", "pupil_id", "item_id"),
        update=("value", "wording_source", "answered_at"),
    )


def save_teacher_rating(
    session: Session,
    wave_id: int,
    pupil_id: int,
    item_id: str,
    value: int,
    *,
    actor: Actor,
) -> None:
    """Store (or replace) the teacher's rating of one pupil on one teacher-pack item.

    ``actor`` (the rater, recorded as ``rater_user_id``) must be a teacher with the wave's
    class in scope (``survey.access.RATERS``), else ``NotAllowed``. Ratings may be given
    while the wave is open or closed (teachers often rate afterwards).
    """
    from survey.access import RATERS, actor_id, require_wave  # access imports this module

    require_wave(session, actor, wave_id, RATERS)
    store_teacher_rating(session, wave_id, pupil_id, item_id, value, actor_id(actor))


def store_teacher_rating(
    session: Session, wave_id: int, pupil_id: int, item_id: str, value: int,
    rater_user_id: int | None,
) -> None:
    """``save_teacher_rating`` after the actor was checked (``survey.ratings.save_grid``
    checks a whole grid once); never call it without that check."""
    wave = _wave(session, wave_id, must_be_open=False)
    _participant(session, wave, pupil_id)
    pack = teacher_pack()
    if item_id not in {item.id for item in pack.items}:
        raise SurveyError("error.unknown_teacher_item", item=item_id)
    fmt = next(iter(pack.response_formats.values()))
    if value not in fmt.values:
        raise SurveyError("error.rating_off_scale", value=value, scale=list(fmt.values))
    _upsert(
        session,
        TeacherRating,
        dict(
            wave_id=wave_id,
            pupil_id=pupil_id,
            item_id=item_id,
            value=int(value),
            rater_user_id=rater_user_id,
            wording_source=wave.teacher_wording,
            answered_at=utcnow(),
        ),
        key=("wave_id", "pupil_id", "item_id"),
        update=("value", "rater_user_id", "wording_source", "answered_at"),
    )


def set_nomination(
    session: Session,
    wave_id: int,
    question_id: str,
    rater_id: int,
    target_id: int | None,
    selected: bool = True,
) -> None:
    """Select or deselect one classmate (``target_id``) or "nobody" (``None``) for a question.

    Choosing "nobody" removes the rater's picks for that question and choosing a classmate
    removes "nobody". Selecting twice is the same as selecting once.
    """
    wave = _wave(session, wave_id, must_be_open=True)
    if question_id not in (wave.questions or []):
        raise SurveyError("error.question_not_in_wave", question=question_id)
    question = next(q for q in nomination_pack().questions if q.id == question_id)
    _participant(session, wave, rater_id)
    same = (
        Nomination.wave_id == wave_id,
        Nomination.question_id == question_id,
        Nomination.rater_id == rater_id,
    )
    if target_id is None:
        if not question.nobody_allowed:
            raise SurveyError("error.nobody_not_allowed")
        if selected:
            session.execute(delete(Nomination).where(*same))
            session.add(Nomination(wave_id=wave_id, question_id=question_id, rater_id=rater_id))
        else:
            session.execute(delete(Nomination).where(*same, Nomination.target_id.is_(None)))
        return
    if target_id == rater_id:
        raise SurveyError("error.choose_self")
    _participant(session, wave, target_id)
    if target_id in absent_ids(session, wave_id):
        raise SurveyError("error.target_absent")
    if not selected:
        session.execute(delete(Nomination).where(*same, Nomination.target_id == target_id))
        return
    exists = session.scalar(select(Nomination.id).where(*same, Nomination.target_id == target_id))
    if exists is not None:
        return
    chosen = session.scalars(
        select(Nomination.target_id).where(*same, Nomination.target_id.is_not(None))
    ).all()
    if question.max_choices is not None and len(chosen) >= question.max_choices:
        raise SurveyError("error.too_many_choices", n=question.max_choices)
    session.execute(delete(Nomination).where(*same, Nomination.target_id.is_(None)))
    session.add(
        Nomination(
            wave_id=wave_id, question_id=question_id, rater_id=rater_id, target_id=target_id
        )
    )
    session.flush()


@dataclass
class WaveData:
    """Everything stored for one wave, as plain rows (see survey.dataset for frames)."""

    wave: Wave
    pupils: list[Pupil]
    absent: set[int]
    child_answers: list[ChildAnswer]
    nominations: list[Nomination]
    teacher_ratings: list[TeacherRating]


def load_wave(session: Session, wave_id: int, *, actor: Actor) -> WaveData:
    """Load a wave with its participating pupils and every answer of those pupils.

    The wave's class must be in ``actor``'s scope (``survey.access``). Answers of pupils
    who no longer take part (consent withdrawn, removed from the class) are left out, so
    nothing about them reaches a screen or an analysis.
    """
    from survey.access import require_wave

    wave = require_wave(session, actor, wave_id)
    pupils = participating_pupils(session, wave.class_id)
    ids = {p.id for p in pupils}

    def rows(model):
        return [r for r in session.scalars(select(model).where(model.wave_id == wave_id))]

    nominations = [
        n
        for n in rows(Nomination)
        if n.rater_id in ids and (n.target_id is None or n.target_id in ids)
    ]
    return WaveData(
        wave=wave,
        pupils=pupils,
        absent=absent_ids(session, wave_id) & ids,
        child_answers=[a for a in rows(ChildAnswer) if a.pupil_id in ids],
        nominations=nominations,
        teacher_ratings=[r for r in rows(TeacherRating) if r.pupil_id in ids],
    )
