"""Read-only summaries for overview screens (classes, waves, completion), one query each;
only of classes in the acting user's scope (``survey.access``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.access import Actor, require_classes
from survey.instruments import teacher_pack
from survey.models import ChildToken, Pupil, SchoolClass, TeacherRating, Wave
from survey.services import participating_pupils


@dataclass(frozen=True)
class WaveSummary:
    wave_id: int
    name: str
    status: str
    starts_on: object
    child_complete: int  # pupils who finished the child survey (token locked)
    teacher_complete: int  # pupils the teacher rated on every teacher item


@dataclass(frozen=True)
class ClassSummary:
    class_id: int
    name: str
    grade: int | None
    school_name: str
    taking_part: int
    excluded: int  # active pupils without (valid) consent
    waves: tuple[WaveSummary, ...]


def _complete_counts(session: Session, model, wave_id: int, ids: set[int], n_items: int) -> int:
    rows = session.execute(
        select(model.pupil_id, func.count())
        .where(model.wave_id == wave_id)
        .group_by(model.pupil_id)
    ).all()
    return sum(1 for pupil_id, n in rows if pupil_id in ids and n >= n_items)


def class_summaries(session: Session, class_ids: list[int], *, actor: Actor) -> list[ClassSummary]:
    """One summary per class, in the order of ``class_ids``; every class must be in
    ``actor``'s scope (else ``NotAllowed`` for the whole list)."""
    require_classes(session, actor, class_ids)
    n_teacher = len(teacher_pack().items)
    out = []
    for class_id in class_ids:
        school_class = session.get(SchoolClass, class_id)
        if school_class is None:
            continue
        taking_part = participating_pupils(session, class_id)
        ids = {p.id for p in taking_part}
        n_active = session.scalar(
            select(func.count()).where(Pupil.class_id == class_id, Pupil.active.is_(True))
        )
        waves = tuple(
            WaveSummary(
                wave_id=w.id,
                name=w.name,
                status=w.status,
                starts_on=w.starts_on,
                child_complete=session.scalar(
                    select(func.count()).where(
                        ChildToken.wave_id == w.id,
                        ChildToken.status == "finished",
                        ChildToken.pupil_id.in_(ids),
                    )
                ),
                teacher_complete=_complete_counts(session, TeacherRating, w.id, ids, n_teacher),
            )
            for w in session.scalars(
                select(Wave).where(Wave.class_id == class_id).order_by(Wave.starts_on, Wave.id)
            )
        )
        out.append(
            ClassSummary(
                class_id=class_id,
                name=school_class.name,
                grade=school_class.grade,
                school_name=school_class.school.name,
                taking_part=len(taking_part),
                excluded=n_active - len(taking_part),
                waves=waves,
            )
        )
    return out
