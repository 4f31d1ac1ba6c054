"""What the pages show, read from storage as plain values: the application layer between the
Streamlit pages (``app_pages/``, ``ui/``) and the ORM.

Pages and ``ui/`` never import SQLAlchemy or ``survey.models`` (import-linter contract in
``pyproject.toml``); every query they need is a function here, or in the module that owns
the concern (``survey.overview`` for class summaries, ``survey.ratings``, ``survey.waves``,
``survey.roster`` …). Each function takes the session and, where access matters, the acting
user as ``actor`` (checked with ``survey.access``: ``NotAllowed`` outside their scope), and
returns frozen dataclasses, dicts or numbers — never a query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from survey.access import Actor, require_class, require_classes, require_role
from survey.accounts import access_changes, visible_class_ids
from survey.models import AuditEvent, Pupil, ResearchProject, School, SchoolClass, User, Wave
from survey.overview import ClassSummary, class_summaries
from survey.services import consent_ok

# ------------------------------------------------------------------ classes and pupils


@dataclass(frozen=True)
class PupilRow:
    """One pupil of a class as the set-up and class pages show it."""

    pupil_id: int
    first_name: str
    tussenvoegsel: str
    last_name: str
    full_name: str
    gender: str
    birth_date: dt.date | None
    pupil_number: str | None
    photo: str | None
    active: bool
    consent: str  # given, refused or unknown (no consent recorded yet)
    taking_part: bool  # active and the consent lets them take part (survey.services.consent_ok)


@dataclass(frozen=True)
class ClassRoster:
    """Every pupil of a class (active first in name order, then the removed ones) and the
    consent mode of its school (``opt_in`` or ``opt_out``)."""

    class_id: int
    consent_mode: str
    pupils: tuple[PupilRow, ...]

    @property
    def active(self) -> list[PupilRow]:
        return [p for p in self.pupils if p.active]

    @property
    def removed(self) -> list[PupilRow]:
        return [p for p in self.pupils if not p.active]

    @property
    def taking_part(self) -> int:
        return sum(p.taking_part for p in self.pupils)


def class_roster(session: Session, class_id: int, *, actor: Actor) -> ClassRoster:
    """The pupils of class ``class_id`` with their consent, in name order."""
    school_class = require_class(session, actor, class_id)
    mode = school_class.school.consent_mode
    pupils = session.scalars(
        select(Pupil).options(selectinload(Pupil.consent))
        .where(Pupil.class_id == school_class.id)
        .order_by(Pupil.first_name, Pupil.last_name, Pupil.id)
    ).all()
    rows = []
    for p in pupils:
        consent = p.consent.status if p.consent else "unknown"
        rows.append(PupilRow(
            pupil_id=p.id, first_name=p.first_name, tussenvoegsel=p.tussenvoegsel or "",
            last_name=p.last_name, full_name=p.full_name, gender=p.gender,
            birth_date=p.birth_date, pupil_number=p.pupil_number, photo=p.photo,
            active=p.active, consent=consent,
            taking_part=p.active and consent_ok(mode, consent),
        ))
    return ClassRoster(class_id=school_class.id, consent_mode=mode, pupils=tuple(rows))


def class_of_pupil(session: Session, pupil_id: object, *, actor: Actor) -> int | None:
    """The class of pupil ``pupil_id``: None when there is no such pupil (a stale or edited
    link), ``NotAllowed`` when the class is outside the actor's scope."""
    try:
        wanted = int(str(pupil_id))
    except (TypeError, ValueError):
        return None
    pupil = session.get(Pupil, wanted)
    if pupil is None:
        return None
    require_classes(session, actor, [pupil.class_id])
    return pupil.class_id


@dataclass(frozen=True)
class ClassChoice:
    class_id: int
    name: str
    grade: int | None


def class_choices(session: Session, *, actor: Actor) -> dict[int, ClassChoice]:
    """{class id: class} of the classes ``actor`` may see, in id order (for pickers that
    need more than the name; ``survey.accounts.visible_class_names`` gives only names)."""
    ids = visible_class_ids(session, actor)
    found = {c.id: c for c in session.scalars(select(SchoolClass).where(SchoolClass.id.in_(ids)))}
    return {i: ClassChoice(i, found[i].name, found[i].grade) for i in ids if i in found}


@dataclass(frozen=True)
class WaveRow:
    wave_id: int
    name: str
    starts_on: dt.date | None
    status: str  # draft, open or closed
    language: str
    child_format: str
    questions: tuple[str, ...]


def class_waves(session: Session, class_id: int, *, actor: Actor) -> list[WaveRow]:
    """The waves of a class, oldest (lowest id) first."""
    require_class(session, actor, class_id)
    waves = session.scalars(select(Wave).where(Wave.class_id == class_id).order_by(Wave.id))
    return [WaveRow(w.id, w.name, w.starts_on, w.status, w.language, w.child_format,
                    tuple(w.questions or ())) for w in waves]


# ------------------------------------------------------------------ schools, home, log-in


def demo_school_exists(session: Session) -> bool:
    """Whether the demo school is installed (the log-in page then names the demo accounts)."""
    return session.scalar(select(School.id).where(School.is_demo.is_(True)).limit(1)) is not None


@dataclass(frozen=True)
class Project:
    project_id: int
    name: str


def researcher_project(session: Session, *, actor: Actor) -> Project | None:
    """The research project of a researcher, None when they have none."""
    user = require_role(session, actor, "researcher")
    project_id = getattr(user, "project_id", None)
    project = session.get(ResearchProject, project_id) if project_id else None
    return Project(project.id, project.name) if project else None


def admin_counts(session: Session, *, actor: Actor) -> tuple[int, int]:
    """(accounts, schools) for an administrator's home page."""
    require_role(session, actor, "admin")
    return (session.scalar(select(func.count()).select_from(User)),
            session.scalar(select(func.count()).select_from(School)))


def school_overviews(session: Session, *, actor: Actor) -> list[tuple[str, list[ClassSummary]]]:
    """(school name, class summaries) per school ``actor`` oversees: every school for an
    administrator, their own school for a counsellor; classes by grade and name, only those
    in the actor's scope."""
    user = require_role(session, actor, "counsellor", "admin")
    if user.role == "admin":
        schools = session.scalars(select(School).order_by(School.name)).all()
    else:
        school = session.get(School, user.school_id) if user.school_id else None
        schools = [school] if school else []
    visible = set(visible_class_ids(session, user))
    groups = []
    for school in schools:
        ids = [c for c in session.scalars(
            select(SchoolClass.id).where(SchoolClass.school_id == school.id)
            .order_by(SchoolClass.grade, SchoolClass.name)) if c in visible]
        groups.append((school.name, class_summaries(session, ids, actor=user)))
    return groups


# ------------------------------------------------------------------ administration


@dataclass(frozen=True)
class UserRow:
    user_id: int
    username: str
    display_name: str
    role: str
    school_id: int | None
    class_ids: tuple[int, ...]
    class_names: tuple[str, ...]
    active: bool


@dataclass(frozen=True)
class ClassRow:
    class_id: int
    school_id: int
    name: str
    school_year: str


@dataclass(frozen=True)
class AdminView:
    """What the admin page shows an administrator. ``scope`` is their school (None: a
    global administrator, every school); ``schools``, ``classes`` and ``users`` are those
    of the scope, ``all_*`` name every school, class and account (for the access log)."""

    scope: int | None
    schools: dict[int, str]
    classes: dict[int, ClassRow]
    users: list[UserRow]
    all_schools: dict[int, str]
    all_classes: dict[int, str]
    usernames: dict[int, str]
    events: list[AuditEvent]


def admin_view(session: Session, *, actor: Actor) -> AdminView:
    """The accounts, schools, classes and access changes an administrator manages."""
    admin = require_role(session, actor, "admin")
    scope = getattr(admin, "school_id", None)
    stmt = select(School).order_by(School.name)
    if scope is not None:
        stmt = stmt.where(School.id == scope)
    schools = {s.id: s.name for s in session.scalars(stmt)}
    classes = {
        c.id: ClassRow(c.id, c.school_id, c.name, c.school_year)
        for c in session.scalars(
            select(SchoolClass).where(SchoolClass.school_id.in_(schools)).order_by(
                SchoolClass.school_id, SchoolClass.school_year, SchoolClass.name))
    }
    every_user = session.scalars(
        select(User).options(selectinload(User.classes)).order_by(User.role, User.username)
    ).all()
    users = [
        UserRow(u.id, u.username, u.display_name, u.role, u.school_id,
                tuple(c.id for c in u.classes), tuple(c.name for c in u.classes), u.active)
        for u in every_user if scope is None or u.school_id == scope
    ]
    return AdminView(
        scope=scope, schools=schools, classes=classes, users=users,
        all_schools=dict(session.execute(select(School.id, School.name)).all()),
        all_classes=dict(session.execute(select(SchoolClass.id, SchoolClass.name)).all()),
        usernames={u.id: u.username for u in every_user},
        events=access_changes(session, scope),
    )


def wave_to_show(waves: list[WaveRow]) -> int | None:
    """The wave the waves page opens on: the open one, else the newest (last) one.

    >>> rows = [WaveRow(1, "najaar", None, "closed", "nl", "four_point", ()),
    ...         WaveRow(2, "voorjaar", None, "open", "nl", "four_point", ()),
    ...         WaveRow(3, "zomer", None, "draft", "nl", "four_point", ())]
    >>> wave_to_show(rows), wave_to_show(rows[:1]), wave_to_show([])
    (2, 1, None)
    """
    return next((w.wave_id for w in waves if w.status == "open"),
                waves[-1].wave_id if waves else None)
