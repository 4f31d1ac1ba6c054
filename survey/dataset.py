"""The one bridge from storage to analysis: load waves into the frames of analysis/frames.py.

Only participating (consented, active) pupils appear, as nominators, nominees or answerers;
see ``survey.services.load_wave``. ``load_frames`` takes the acting user and loads only waves
of classes in their scope (``survey.access``), plus — for the reference group — waves of
the same measurement occasion in the school, without their pupils' names. Column names are spelled out here rather than imported
from ``analysis`` because ``survey`` must not import ``analysis`` (import-linter contract);
tests check both spellings agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.access import SYSTEM, Actor, NotAllowed, require_class, require_wave
from survey.models import (
    Absence,
    ChildAnswer,
    Consent,
    Nomination,
    Pupil,
    TeacherRating,
    Wave,
)
from survey.services import load_wave

ROSTER = ("wave_id", "class_id", "pupil_id", "gender", "present")
ANSWERS = ("wave_id", "pupil_id", "item_id", "value")
NOMINATIONS = ("wave_id", "class_id", "question_id", "rater_id", "target_id")


@dataclass
class Frames:
    """Frames for analysis plus the pupils' display data (pupils: pupil_id, class_id,
    first_name, tussenvoegsel, last_name, gender) and the waves (wave_id, class_id, name,
    starts_on, status, questions, child_format)."""

    roster: pd.DataFrame
    child_answers: pd.DataFrame
    teacher_answers: pd.DataFrame
    nominations: pd.DataFrame
    pupils: pd.DataFrame
    waves: pd.DataFrame


def _frame(rows: list[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


def load_frames(
    session: Session, wave_ids: list[int], *, actor: Actor, reference_wave_ids: list[int] = ()
) -> Frames:
    """Load the given waves (of one or more classes) into analysis frames.

    Every wave of ``wave_ids`` must be of a class in ``actor``'s scope (else
    ``NotAllowed``). ``reference_wave_ids`` may add waves of the same measurement occasion
    (``occasion_wave_ids``) in other classes of the school, for the reference group: their
    answers, roster rows and nominations are loaded, their pupils' names are not (the
    ``pupils`` frame holds pupils of ``wave_ids`` only); any other wave is refused.
    """
    for wave_id in wave_ids:
        require_wave(session, actor, wave_id)
    own = set(wave_ids)
    extra = [w for w in dict.fromkeys(reference_wave_ids) if w not in own]
    occasion = {o for ws in occasion_wave_ids(session, list(wave_ids)).values() for o in ws}
    if any(w not in occasion for w in extra):
        raise NotAllowed()
    roster, child, teacher, noms, pupils, waves = [], [], [], [], {}, []
    for wave_id in [*wave_ids, *extra]:
        # the reference waves were checked above (same occasion of a wave in scope)
        data = load_wave(session, wave_id, actor=actor if wave_id in own else SYSTEM)
        w = data.wave
        waves.append((w.id, w.class_id, w.name, w.starts_on, w.status, list(w.questions or []),
                      w.child_format))
        for p in data.pupils:
            roster.append((w.id, w.class_id, p.id, p.gender, p.id not in data.absent))
            if wave_id in own:
                pupils[p.id] = (p.id, p.class_id, p.first_name, p.tussenvoegsel, p.last_name,
                                p.gender)
        child += [(w.id, a.pupil_id, a.item_id, float(a.value)) for a in data.child_answers]
        teacher += [(w.id, r.pupil_id, r.item_id, float(r.value)) for r in data.teacher_ratings]
        noms += [
            (w.id, w.class_id, n.question_id, n.rater_id, n.target_id) for n in data.nominations
        ]
    nominations = _frame(noms, NOMINATIONS)
    nominations["target_id"] = nominations["target_id"].astype("Int64")
    return Frames(
        roster=_frame(roster, ROSTER),
        child_answers=_frame(child, ANSWERS),
        teacher_answers=_frame(teacher, ANSWERS),
        nominations=nominations,
        pupils=_frame(
            list(pupils.values()),
            ("pupil_id", "class_id", "first_name", "tussenvoegsel", "last_name", "gender"),
        ),
        waves=_frame(waves, ("wave_id", "class_id", "name", "starts_on", "status", "questions",
                             "child_format")),
    )


def class_wave_ids(session: Session, class_id: int) -> list[int]:
    """Wave ids of a class, oldest first."""
    return list(
        session.scalars(
            select(Wave.id).where(Wave.class_id == class_id).order_by(Wave.starts_on, Wave.id)
        )
    )


def occasion_wave_ids(session: Session, wave_ids: list[int]) -> dict[int, list[int]]:
    """For each wave, the waves of the same measurement occasion across its school: same
    school, same school year and the same name (case and surrounding spaces ignored), the
    wave itself included. This is the "all pupils of the same wave" reference group.

    Example: the "najaar 2026" waves of groep 5a, 6b and 7a of one school form one occasion.
    """
    from survey.models import SchoolClass

    rows = session.execute(
        select(Wave.id, Wave.name, SchoolClass.school_id, SchoolClass.school_year).join(
            SchoolClass, SchoolClass.id == Wave.class_id
        )
    ).all()
    key = {r.id: (r.school_id, r.school_year, r.name.strip().lower()) for r in rows}
    groups: dict[tuple, list[int]] = {}
    for wave_id, k in key.items():
        groups.setdefault(k, []).append(wave_id)
    return {w: sorted(groups[key[w]]) for w in wave_ids if w in key}


def occasion_ids(session: Session, class_id: int) -> tuple[list[int], dict[int, list[int]]]:
    """The class's wave ids (oldest first) and, per wave, the waves of the same occasion in
    the school (``occasion_wave_ids``): what the class analysis loads."""
    ids = class_wave_ids(session, class_id)
    return ids, occasion_wave_ids(session, ids)


def occasion_class_names(session: Session, occasions: dict[int, list[int]]) -> dict[int, tuple[str, ...]]:
    """wave id → the names of the classes of its occasion (``occasion_ids``), sorted:
    the words of the 'wave' reference group ("de 3 klassen van deze meting (5a, 6b, 7a)").
    Class names only, no pupils."""
    from survey.models import SchoolClass

    wanted = sorted({w for ws in occasions.values() for w in ws})
    names = dict(session.execute(
        select(Wave.id, SchoolClass.name).join(SchoolClass, SchoolClass.id == Wave.class_id)
        .where(Wave.id.in_(wanted))
    ).all()) if wanted else {}
    return {w: tuple(sorted({names[o] for o in ws if o in names}, key=str.casefold))
            for w, ws in occasions.items()}


def data_version(session: Session, class_id: int) -> tuple[str, ...]:
    """A cheap fingerprint of everything the class analysis reads: the class's waves and the
    waves of the same occasions in other classes (the reference group) — counts, last
    stamps and id sums of answers, ratings, nominations, absences and consent, the active
    pupils and the waves' status. A new answer or changed consent gives a new version; a
    handful of COUNT/MAX queries, so it is checked on every run (``ui.analysis_cache``)."""
    ids, occasions = occasion_ids(session, class_id)
    waves = sorted({w for ws in occasions.values() for w in ws} | set(ids))
    pupils = select(Pupil.id).where(Pupil.class_id == class_id)
    parts: list = [tuple(waves)]
    for model, stamp in ((ChildAnswer, ChildAnswer.answered_at),
                         (TeacherRating, TeacherRating.answered_at),
                         (Nomination, Nomination.created_at)):
        parts.append(tuple(session.execute(select(func.count(), func.max(stamp), func.sum(
            model.id)).where(model.wave_id.in_(waves))).one()))
    parts.append(session.scalar(select(func.count()).where(Absence.wave_id.in_(waves))))
    parts.append(tuple(session.execute(select(func.count(), func.max(Consent.recorded_at),
                                              func.sum(Consent.id))
                                       .where(Consent.pupil_id.in_(pupils),
                                              Consent.status == "given")).one()))
    parts.append(tuple(session.execute(select(func.count(), func.max(Pupil.id))
                                       .where(Pupil.class_id == class_id,
                                              Pupil.active.is_(True))).one()))
    parts.append(tuple(session.execute(select(Wave.id, Wave.status).where(
        Wave.class_id == class_id).order_by(Wave.id)).all()))
    return tuple(str(p) for p in parts)


@dataclass(frozen=True)
class ClassIdentity:
    """A class's name, the seed of its stable layout, and per wave the wording sources
    (teacher, child) its answers were given with."""

    name: str
    layout_seed: int
    wording: dict[int, tuple[str, str]]


def class_identity(session: Session, class_id: int, *, actor: Actor) -> ClassIdentity:
    """Name, layout seed and wave wording of a class in the actor's scope."""
    school_class = require_class(session, actor, class_id)
    wording = {w.id: (w.teacher_wording, w.child_wording)
               for w in session.scalars(select(Wave).where(Wave.class_id == school_class.id))}
    return ClassIdentity(school_class.name, int(school_class.layout_seed or 0), wording)
