"""Who may read or write which pupil data: the one scope check below the pages.

Every service function in ``survey/`` that reads or writes pupil data takes the acting
user as the keyword ``actor`` and calls one of the checks here before it touches the
database, so a page that forgets a guard, a tampered widget value or a foreign id in an
edited table is refused the same way: ``NotAllowed`` (message key ``error.not_allowed``,
no names or ids in the message), and nothing is written.

The scope is the one rule of ``survey.accounts.visible_class_ids`` (teacher: their own
classes; counsellor: every class of their school; admin: every class; researcher: none by
name — researchers read pseudonymised project data through ``survey.research`` only). On
top of it two kinds of data are tied to a role:

- teacher ratings are written by a teacher (``RATERS``): they are the teacher's view;
- care-team notes are read and written by the care team (``CARE_TEAM``).

An id that names nothing is refused like an id outside the scope (the answer does not say
which ids exist). The actor is re-read from the database on every check, so a deactivated
account or a changed role counts at once.

``SYSTEM`` is the actor of code that runs without a logged-in user (internal calls such as
``survey.research.project_frames`` loading the project's waves before pseudonymising them,
tests; a command-line chore would pass it explicitly). Pages and ``ui/`` never use it: they pass the logged-in ``User``
(tests/unit/test_authorization.py checks that no page or ui module names ``SYSTEM``).

>>> NotAllowed().text("en")
'Your account is not allowed to do that.'
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from survey.accounts import visible_class_ids
from survey.models import Pupil, ResearchProject, SchoolClass, User, Wave
from survey.services import SurveyError

#: Everyone who may see pupils by name, within their classes (researchers never do).
STAFF = ("teacher", "counsellor", "admin")
#: Who writes teacher ratings (the teacher's perspective of the relationship).
RATERS = ("teacher",)
#: Who reads and writes care-team notes (the profile page's care block).
CARE_TEAM = ("teacher", "counsellor")


class NotAllowed(SurveyError):
    """The acting user may not do this (outside their scope or role); nothing was done."""

    def __init__(self) -> None:
        super().__init__(key="error.not_allowed")


class SystemActor:
    """The actor of code without a logged-in user (see the module docstring)."""

    id = None
    role = "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
Actor = User | SystemActor


def actor_id(actor: Actor) -> int | None:
    """The user id to record in audit events and ``*_by`` columns (None for SYSTEM)."""
    return None if actor is SYSTEM else actor.id


def _user(session: Session, actor: Actor) -> User | SystemActor:
    """The actor as stored now: an active user, else ``NotAllowed``."""
    if actor is SYSTEM:
        return SYSTEM
    if not isinstance(actor, User):
        raise NotAllowed()
    user = session.get(User, actor.id)
    if user is None or not user.active:
        raise NotAllowed()
    return user


def require_role(session: Session, actor: Actor, *roles: str) -> User | SystemActor:
    """The actor (re-read) when their role is one of ``roles``; SYSTEM always passes."""
    user = _user(session, actor)
    if user is not SYSTEM and user.role not in roles:
        raise NotAllowed()
    return user


def require_classes(
    session: Session, actor: Actor, class_ids: Iterable[int], roles: tuple[str, ...] = STAFF
) -> None:
    """Refuse unless every one of ``class_ids`` exists and is in the actor's scope."""
    user = require_role(session, actor, *roles)
    class_ids = list(class_ids)
    if not all(_is_id(c) for c in class_ids):
        raise NotAllowed()
    wanted = {int(c) for c in class_ids}
    if user is SYSTEM:
        if any(session.get(SchoolClass, c) is None for c in wanted):
            raise NotAllowed()
        return
    if not wanted <= set(visible_class_ids(session, user)):
        raise NotAllowed()


def require_class(
    session: Session, actor: Actor, class_id: int, roles: tuple[str, ...] = STAFF
) -> SchoolClass:
    """The class, when it exists and is in the actor's scope (and role); else NotAllowed."""
    require_classes(session, actor, [class_id], roles)
    return session.get(SchoolClass, int(class_id))


def require_pupil(
    session: Session, actor: Actor, pupil_id: int, roles: tuple[str, ...] = STAFF
) -> Pupil:
    """The pupil, when their class is in the actor's scope (and role); else NotAllowed."""
    pupil = session.get(Pupil, int(pupil_id)) if _is_id(pupil_id) else None
    if pupil is None:
        require_role(session, actor, *roles)
        raise NotAllowed()
    require_classes(session, actor, [pupil.class_id], roles)
    return pupil


def require_wave(
    session: Session, actor: Actor, wave_id: int, roles: tuple[str, ...] = STAFF
) -> Wave:
    """The wave, when its class is in the actor's scope (and role); else NotAllowed."""
    wave = session.get(Wave, int(wave_id)) if _is_id(wave_id) else None
    if wave is None:
        require_role(session, actor, *roles)
        raise NotAllowed()
    require_classes(session, actor, [wave.class_id], roles)
    return wave


def require_project(session: Session, actor: Actor, project_id: int) -> ResearchProject:
    """The research project, when the actor is a researcher of it; else NotAllowed."""
    user = require_role(session, actor, "researcher")
    project = session.get(ResearchProject, int(project_id)) if _is_id(project_id) else None
    if project is None or (user is not SYSTEM and user.project_id != project.id):
        raise NotAllowed()
    return project


def require_pupils_of_class(session: Session, class_id: int, pupil_ids: Iterable[object]) -> None:
    """Refuse a batch (a consent editor, a ratings grid) with any id that is not a pupil of
    class ``class_id``; call after the class itself was checked."""
    ids = list(pupil_ids)
    if not all(_is_id(p) for p in ids):
        raise NotAllowed()
    for pupil_id in {int(p) for p in ids}:
        pupil = session.get(Pupil, pupil_id)
        if pupil is None or pupil.class_id != class_id:
            raise NotAllowed()


def _is_id(value: object) -> bool:
    """A whole number (a tampered widget may send text, floats or None)."""
    if isinstance(value, bool):
        return False
    try:
        return int(value) == value
    except (TypeError, ValueError):
        return False
