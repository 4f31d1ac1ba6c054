"""Accounts: argon2 password hashes, log-in with throttling, roles and scope.

Roles (DESIGN.md): teacher (their classes), counsellor (their school), researcher
(pseudonymised data of their research project), admin (users and schools). Children never
have accounts: they enter with a wave token (survey.tokens).

A wrong password and an unknown user get the same answer, and both count as a failure for
that username, so the log-in form does not reveal which usernames exist. After
``FREE_ATTEMPTS`` failures each further attempt must wait twice as long as the previous
one (capped at ``MAX_WAIT_S``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.i18n import DEFAULT_LANGUAGE, t
from survey.models import ROLES, LoginThrottle, SchoolClass, User, UserClass, utcnow

FREE_ATTEMPTS = 3
MAX_WAIT_S = 300
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same time.
_DUMMY_HASH = _hasher.hash("klaskaart-no-such-user")


class AccountError(ValueError):
    """A user-facing problem with account data.

    Like ``survey.services.SurveyError``: new code passes a message ``key`` and values and
    the page shows ``text(language)``; older call sites pass an English sentence.
    """

    def __init__(self, message: str = "", *, key: str | None = None, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(message or (self.text("en") if key else ""))

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        # t() without values gives the template: values may be called "language" too.
        return t(self.key, language).format(**self.values) if self.key else str(self)


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
    """Seconds to wait after ``failures`` consecutive failures.

    >>> [required_wait(n) for n in (0, 3, 4, 5, 20)]
    [0, 0, 2, 4, 300]
    """
    if failures <= FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_S)


def authenticate(
    session: Session, username: str, password: str, now: dt.datetime | None = None
) -> LoginResult:
    """Check a username and password; record failures; commit is left to the caller."""
    now = now or utcnow()
    key = username.strip().lower()
    throttle = session.get(LoginThrottle, key)
    if throttle and throttle.last_failure_at is not None:
        ready_at = throttle.last_failure_at + dt.timedelta(seconds=required_wait(throttle.failures))
        if now < ready_at:
            return LoginResult(None, wait_s=max(1, int((ready_at - now).total_seconds() + 0.999)))
    user = session.scalar(select(User).where(User.username == key, User.active.is_(True)))
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    if ok:
        if throttle:
            session.delete(throttle)
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return LoginResult(user)
    if throttle is None:
        throttle = LoginThrottle(username=key, failures=0)
        session.add(throttle)
    throttle.failures = (throttle.failures or 0) + 1
    throttle.last_failure_at = now
    return LoginResult(None, wait_s=0)


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
) -> User:
    """Create a user after checking the role, the password length and a free username."""
    key = username.strip().lower()
    if not key or not key.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError("A username uses letters, digits, '.', '-' or '_' only.")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    check_password_strength(password)
    if session.scalar(select(User.id).where(User.username == key)) is not None:
        raise AccountError(f"The username {key!r} is already taken.")
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
    return user


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")


def set_password(session: Session, user: User, new_password: str) -> None:
    check_password_strength(new_password)
    user.password_hash = hash_password(new_password)


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
