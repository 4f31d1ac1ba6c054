"""Accounts: argon2 password hashes, log-in with throttling, roles and scope.

Roles (docs/design.md): teacher (their classes), counsellor (their school), researcher
(pseudonymised data of their research project), admin (users and schools). Children never
have accounts: they enter with a wave token (survey.tokens).

A wrong password and an unknown user get the same answer, so the log-in form does not
reveal which usernames exist. Failures are throttled per account × client address, per
address and per account (survey.throttle): after ``FREE_ATTEMPTS`` failures of one account
from one address each further attempt waits twice as long (capped at ``MAX_WAIT_S``), while
the owner logging in from elsewhere is not held up. An unknown username counts for the
address only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey import throttle
from survey.audit import record
from survey.i18n import LANGUAGES, KeyedError
from survey.models import (
    ROLES,
    AuditEvent,
    ResearchProject,
    School,
    SchoolClass,
    User,
    UserClass,
)
from survey.sessions import revoke_user_sessions
from survey.throttle import PAIR

FREE_ATTEMPTS = PAIR.free
MAX_WAIT_S = PAIR.max_wait_s
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash("klaskaart-no-such-user")


class AccountError(KeyedError):
    """A user-facing problem with account data: a message ``key`` and its values
    (``survey.i18n.KeyedError``, like ``survey.services.SurveyError``)."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class LoginResult:
    """Outcome of a log-in attempt: ``user`` on success, else ``wait_s`` > 0 when throttled."""

    user: User | None
    wait_s: int = 0


def required_wait(failures: int) -> int:
    """Seconds to wait after ``failures`` failures of one account from one address
    (survey.throttle.PAIR: 3 free, then doubling, capped at ``MAX_WAIT_S``).

    >>> [required_wait(n) for n in (0, 2, 3, 4, 20)]
    [0, 0, 2, 4, 300]
    """
    return PAIR.wait_after(failures)


def authenticate(
    session: Session,
    username: str,
    password: str,
    now: dt.datetime | None = None,
    *,
    address: str = "local",
) -> LoginResult:
    """Check a username and password from client ``address`` (``throttle.address_key``).

    The attempt is first reserved with the throttle (survey.throttle: its own committed
    transaction, so concurrent attempts cannot check more passwords than allowed); a
    refused attempt checks no password and returns ``wait_s``. A wrong password and an
    unknown user answer the same. Call it without pending writes in ``session`` (on SQLite
    the reservation would wait for them); a rehashed password is left to the caller's commit.
    ``now`` (tests) is the time the throttle counts with.
    """
    key = username.strip().lower()
    engine = session.get_bind().engine
    # One connection at a time, none held while the password is checked: the account is
    # read on a connection of its own and the reservation commits on another.
    with engine.connect() as conn:
        found = conn.execute(select(User.id, User.password_hash).where(
            User.username == key, User.active.is_(True))).first()
    wait = throttle.reserve(engine, key if found is not None else None, address, now)
    if wait:
        return LoginResult(None, wait_s=wait)
    if not verify_password(found.password_hash if found else _DUMMY_HASH, password) or not found:
        return LoginResult(None, wait_s=0)
    throttle.succeeded(engine, key, address)
    user = session.get(User, found.id)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(user)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    display_name: str = "",
    school_id: int | None = None,
    project_id: int | None = None,
    class_ids: tuple[int, ...] = (),
    language: str = "nl",
    is_demo: bool = False,
    actor_id: int | None = None,
    via: str = "app",
) -> User:
    """Create a user after checking the role, the password, a free username and the scope.

    The scope must exist and hang together: the school and the research project must exist,
    classes are for teachers only, a teacher with classes has a school and every class is
    of that school. Every problem is an ``AccountError`` with a message key; nothing is
    written then. The creation is audited (``record_access_change``) with the acting user
    ``actor_id`` (None: the command line or the demo seed) and ``via``.
    """
    key = username.strip().lower()
    if not key or not key.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError(key="admin.username_invalid")
    if role not in ROLES:
        raise AccountError(key="admin.unknown_role", role=role, roles=", ".join(ROLES))
    check_password_strength(password)
    if session.scalar(select(User.id).where(User.username == key)) is not None:
        raise AccountError(key="admin.username_taken", username=key)
    class_ids = tuple(dict.fromkeys(int(c) for c in class_ids))
    check_scope(session, role, school_id, class_ids, project_id)
    check_actor(session, actor_id, school_id)
    user = User(
        username=key,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name or key,
        school_id=school_id,
        project_id=project_id,
        language=language,
        is_demo=is_demo,
    )
    session.add(user)
    session.flush()
    for class_id in class_ids:
        session.add(UserClass(user_id=user.id, class_id=class_id))
    record_access_change(session, "access.user_created", user, actor_id=actor_id, via=via,
                         class_ids=class_ids)
    return user


def update_user_access(
    session: Session,
    user: User,
    *,
    role: str,
    school_id: int | None,
    class_ids: tuple[int, ...],
    active: bool,
    actor_id: int | None,
    via: str = "app",
) -> list[str]:
    """Set ``user``'s role, school, classes and active flag (the admin page's edit form).

    Checked like ``create_user`` (``check_scope``); the last active administrator cannot
    be demoted or deactivated; deactivating ends all of the user's log-in sessions
    (survey.sessions). Each change is audited as its own ``access.*`` event; the
    actions are returned (empty when nothing changed).
    """
    if role not in ROLES:
        raise AccountError(key="admin.unknown_role", role=role, roles=", ".join(ROLES))
    class_ids = tuple(dict.fromkeys(int(c) for c in class_ids))
    check_scope(session, role, school_id, class_ids, user.project_id)
    check_actor(session, actor_id, school_id, user)
    if user.role == "admin" and user.active and (role != "admin" or not active):
        others = session.scalar(
            select(func.count()).select_from(User).where(
                User.role == "admin", User.active.is_(True), User.id != user.id
            )
        )
        if not others:
            raise AccountError(key="admin.last_admin")
    old_classes = set(session.scalars(select(UserClass.class_id).where(UserClass.user_id == user.id)))
    added = tuple(c for c in class_ids if c not in old_classes)
    removed = tuple(sorted(old_classes - set(class_ids)))
    changes: list[tuple[str, dict]] = []
    if role != user.role:
        changes.append(("access.role_changed", {"old_role": user.role}))
    if school_id != user.school_id:
        changes.append(("access.school_changed", {"old_school_id": user.school_id}))
    if added:
        changes.append(("access.classes_added", {"added": list(added)}))
    if removed:
        changes.append(("access.classes_removed", {"removed": list(removed)}))
    if active != user.active:
        changes.append(("access.reactivated" if active else "access.deactivated", {}))
    if user.active and not active:
        revoke_user_sessions(session, user.id)  # a deactivated user is logged out everywhere
    user.role, user.school_id, user.active = role, school_id, active
    for class_id in removed:
        session.delete(session.get(UserClass, (user.id, class_id)))
    for class_id in added:
        session.add(UserClass(user_id=user.id, class_id=class_id))
    session.flush()
    for action, detail in changes:
        record_access_change(session, action, user, actor_id=actor_id, via=via,
                             class_ids=class_ids, **detail)
    return [action for action, _ in changes]


def check_scope(
    session: Session,
    role: str,
    school_id: int | None,
    class_ids: tuple[int, ...] = (),
    project_id: int | None = None,
) -> None:
    """Refuse a scope that does not exist or does not hang together (see ``create_user``)."""
    if school_id is not None and session.get(School, school_id) is None:
        raise AccountError(key="admin.unknown_school", school_id=school_id)
    if project_id is not None and session.get(ResearchProject, project_id) is None:
        raise AccountError(key="admin.unknown_project", project_id=project_id)
    if not class_ids:
        return
    if role != "teacher":
        raise AccountError(key="admin.classes_for_teachers", role=role)
    found = dict(session.execute(
        select(SchoolClass.id, SchoolClass.school_id).where(SchoolClass.id.in_(class_ids))
    ).all())
    unknown = [c for c in class_ids if c not in found]
    if unknown:
        raise AccountError(key="admin.unknown_class", class_ids=", ".join(map(str, unknown)))
    if school_id is None:
        raise AccountError(key="admin.classes_need_school")
    foreign = [c for c in class_ids if found[c] != school_id]
    if foreign:
        raise AccountError(key="admin.class_other_school", school_id=school_id,
                           class_ids=", ".join(map(str, foreign)))


def check_actor(
    session: Session, actor_id: int | None, school_id: int | None, user: User | None = None
) -> None:
    """Refuse an account change by ``actor_id`` outside their reach: only an active
    administrator manages accounts, and a school's administrator (an admin with a
    ``school_id``) only accounts of that school. ``actor_id`` None is the command line or
    the system (whoever runs it owns the server)."""
    if actor_id is None:
        return
    actor = session.get(User, actor_id)
    if actor is None or actor.role != "admin" or not actor.active:
        raise AccountError(key="error.not_allowed")
    if actor.school_id is not None and (
        school_id != actor.school_id or (user is not None and user.school_id != actor.school_id)
    ):
        raise AccountError(key="error.not_allowed")


def record_access_change(
    session: Session,
    action: str,
    user: User,
    *,
    actor_id: int | None,
    via: str,
    class_ids: tuple[int, ...] = (),
    **detail: object,
) -> None:
    """Audit a change that creates or widens ``user``'s access (action ``access.*``).

    The event names the school it concerns (``school_id``: the user's school, else the
    school of the classes) so that school's administrator sees it (``access_changes``).
    """
    school_id = user.school_id
    if school_id is None and class_ids:
        school_id = session.scalar(
            select(SchoolClass.school_id).where(SchoolClass.id == class_ids[0])
        )
    record(session, action, user_id=actor_id, object_type="user", object_id=user.id,
           username=user.username, role=user.role, school_id=school_id,
           project_id=user.project_id, class_ids=list(class_ids) or None, via=via, **detail)


def access_changes(
    session: Session, school_id: int | None = None, limit: int = 200
) -> list[AuditEvent]:
    """The newest ``access.*`` audit events first; with ``school_id`` only that school's
    (a school's administrator), without it every school's (a global administrator)."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.action.like("access.%"))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    events = session.scalars(stmt).all()
    if school_id is not None:
        events = [e for e in events if (e.detail or {}).get("school_id") == school_id]
    return list(events[:limit])


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("account.password_short", n=MIN_PASSWORD_LENGTH)


def set_language(session: Session, user_id: int, language: str) -> None:
    """Remember the interface language an adult chose, so the next log-in and a reload
    (a new Streamlit session, logged in again from the cookie) open in it. An unknown
    language or user changes nothing."""
    user = session.get(User, user_id)
    if user is not None and language in LANGUAGES:
        user.language = language


def set_password(
    session: Session, user: User, new_password: str, *, keep_session: str | None = None
) -> None:
    """Set a new password and end the user's other log-in sessions: every session but
    ``keep_session`` (the session id of whoever changes it; None ends them all)."""
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)
    revoke_user_sessions(session, user.id, except_id=keep_session)


def visible_class_ids(session: Session, user: User) -> list[int]:
    """The classes a user may see: teacher → own classes; counsellor → their school's;
    admin → all; researcher → none by name (researchers read pseudonymised data only)."""
    if user.role == "teacher":
        stmt = select(UserClass.class_id).where(UserClass.user_id == user.id)
    elif user.role == "counsellor":
        stmt = select(SchoolClass.id).where(SchoolClass.school_id == user.school_id)
    elif user.role == "admin":
        stmt = select(SchoolClass.id)
    else:
        return []
    return sorted(session.scalars(stmt))


def visible_class_names(session: Session, user: User) -> dict[int, str]:
    """{class id: class name} of the classes ``user`` may see, in id order (for pickers)."""
    ids = visible_class_ids(session, user)
    rows = session.execute(select(SchoolClass.id, SchoolClass.name).where(SchoolClass.id.in_(ids)))
    names = dict(rows.all())
    return {i: names[i] for i in ids}


def can_see_class(session: Session, user: User, class_id: int) -> bool:
    return class_id in visible_class_ids(session, user)


def active_user(session: Session, user_id: int) -> User | None:
    """The account with ``user_id`` when it exists and is active, else None."""
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def update_access_of(session: Session, user_id: int, **changes: object) -> list[str]:
    """``update_user_access`` for the account with id ``user_id`` (the admin page's edit
    form); an id that names no account is refused like a foreign one."""
    user = session.get(User, user_id)
    if user is None:
        raise AccountError(key="error.not_allowed")
    return update_user_access(session, user, **changes)


def change_own_password(
    session: Session, user_id: int, current: str, new: str, repeat: str, *,
    keep_session: str | None,
) -> None:
    """An adult changes their own password (the account page): the current password must
    be right and the new one typed twice the same, else ``AccountError`` and nothing
    changes. Ends their other log-ins (``set_password``) and is audited."""
    user = active_user(session, user_id)
    if user is None or not verify_password(user.password_hash, current):
        raise AccountError(key="account.wrong_current")
    if new != repeat:
        raise AccountError(key="account.mismatch")
    set_password(session, user, new, keep_session=keep_session)
    record(session, "password_changed", user_id=user.id)
