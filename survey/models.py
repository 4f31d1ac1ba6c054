"""ORM models: the data model of docs/design.md.

school → class (groep) → pupil; class → wave; wave × pupil → child token, child answers,
nominations, teacher ratings; users with role and scope; consent per pupil; audit events;
care-team notes per pupil × wave.

Invariants guarded here by constraints (not only by code):
- one child answer per (wave, pupil, item) and one teacher rating per (wave, pupil, item):
  saving is an idempotent upsert on that key;
- one nomination per (wave, question, rater, target); an explicit "nobody" is a row with
  ``target_id`` NULL, made unique per (wave, question, rater) by a partial index;
- raw item values are stored, never only scores.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext import hybrid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from survey import keys
from survey.limits import WORDING_SOURCE_LENGTH
from survey.names import full_name as join_name

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("teacher", "counsellor", "researcher", "admin")
CONSENT_STATES = ("given", "refused", "unknown")
WAVE_STATES = ("draft", "open", "closed")
TOKEN_STATES = ("active", "revoked", "finished")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class School(Base):
    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    consent_mode: Mapped[str] = mapped_column(String(10), default="opt_in")
    # School settings (risk thresholds, who may see negative nominations, …) as JSON.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    classes: Mapped[list[SchoolClass]] = relationship(back_populates="school")
    __table_args__ = (CheckConstraint("consent_mode in ('opt_in','opt_out')", name="consent_mode"),)


class SchoolClass(Base):
    """A class (groep) of a school in one school year."""

    __tablename__ = "classes"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    grade: Mapped[int | None] = mapped_column(Integer)
    school_year: Mapped[str] = mapped_column(String(9), default="2026-2027")
    # Seed of the class-map layout, stored so the map does not jump between visits.
    layout_seed: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    school: Mapped[School] = relationship(back_populates="classes")
    pupils: Mapped[list[Pupil]] = relationship(back_populates="school_class")
    waves: Mapped[list[Wave]] = relationship(back_populates="school_class")
    __table_args__ = (UniqueConstraint("school_id", "name", "school_year", name="class_name"),)


class Pupil(Base):
    __tablename__ = "pupils"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    tussenvoegsel: Mapped[str] = mapped_column(String(30), default="")
    last_name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    pupil_number: Mapped[str | None] = mapped_column(String(40))
    photo: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    school_class: Mapped[SchoolClass] = relationship(back_populates="pupils")
    consent: Mapped[Consent | None] = relationship(back_populates="pupil", uselist=False)
    __table_args__ = (
        CheckConstraint("gender in ('m','f','x')", name="gender"),
        UniqueConstraint("class_id", "pupil_number", name="pupil_number"),
    )

    @property
    def full_name(self) -> str:
        return join_name(self.first_name, self.tussenvoegsel, self.last_name)


class Consent(Base):
    """Consent status of one pupil (given / refused / unknown), with who set it and when."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(
        ForeignKey("pupils.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default="unknown")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    pupil: Mapped[Pupil] = relationship(back_populates="consent")
    __table_args__ = (CheckConstraint("status in ('given','refused','unknown')", name="status"),)


class Wave(Base):
    """A measurement occasion of one class: which packs and questions, language, state."""

    __tablename__ = "waves"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    teacher_pack: Mapped[str] = mapped_column(String(40), default="teacher")
    child_pack: Mapped[str] = mapped_column(String(40), default="child")
    child_format: Mapped[str] = mapped_column(String(20), default="four_point")
    questions: Mapped[list] = mapped_column(JSON, default=list)
    # Which wording the packs had when this wave was set up ("own:teacher@1", "licensed:…").
    teacher_wording: Mapped[str] = mapped_column(String(WORDING_SOURCE_LENGTH), default="")
    child_wording: Mapped[str] = mapped_column(String(WORDING_SOURCE_LENGTH), default="")
    opened_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    school_class: Mapped[SchoolClass] = relationship(back_populates="waves")
    __table_args__ = (
        CheckConstraint("status in ('draft','open','closed')", name="status"),
        UniqueConstraint("class_id", "name", name="wave_name"),
    )


class Absence(Base):
    """A pupil marked absent by the teacher for a wave (left out of nominator denominators)."""

    __tablename__ = "absences"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    __table_args__ = (UniqueConstraint("wave_id", "pupil_id", name="absence"),)


class _HashedLookup(hybrid.Comparator):
    """``ChildToken.token == value`` in a query compares the stored keyed digest with the
    digest of ``value``; the plain value is not in the database, so it cannot be selected."""

    def __init__(self, column, digest) -> None:
        super().__init__(column)
        self.digest = digest

    def __eq__(self, other):  # type: ignore[override]
        return self.expression == self.digest(other if isinstance(other, str) else "")

    def __ne__(self, other):  # type: ignore[override]
        return self.expression != self.digest(other if isinstance(other, str) else "")

    def __clause_element__(self):
        raise TypeError("child tokens are stored hashed: select ChildToken, then read .token")


class ChildToken(Base):
    """Opaque, high-entropy access token: one per pupil per wave, revocable.

    Stored at rest as ``seed`` (random) plus keyed digests of the token and of the short
    code (survey.keys): ``.token`` and ``.short_code`` are recomputed from the seed with the
    server secret, and ``ChildToken.token == value`` / ``ChildToken.short_code == value``
    work in queries (they compare digests). ``seed`` is NULL for a card made before the
    tokens were hashed (migration 0005): it still opens, but cannot be printed again.
    """

    __tablename__ = "child_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    seed: Mapped[str | None] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)

    @hybrid.hybrid_property
    def token(self) -> str | None:
        return keys.child_token(self.seed) if self.seed else None

    @token.inplace.comparator
    @classmethod
    def _token_comparator(cls) -> _HashedLookup:
        return _HashedLookup(cls.token_hash, keys.token_digest)

    @hybrid.hybrid_property
    def short_code(self) -> str | None:
        return keys.child_code(self.seed) if self.seed else None

    @short_code.inplace.comparator
    @classmethod
    def _short_code_comparator(cls) -> _HashedLookup:
        return _HashedLookup(cls.code_hash, keys.code_digest)

    def set_seed(self, seed: str) -> None:
        """Give the card a new seed: a new token and code (the old ones stop working)."""
        self.seed = seed
        self.token_hash = keys.token_digest(keys.child_token(seed))
        self.code_hash = keys.code_digest(keys.child_code(seed))

    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("wave_id", "pupil_id", name="token_per_pupil"),
        CheckConstraint("status in ('active','revoked','finished')", name="status"),
    )


class ClassTablet(Base):
    """A tablet turned into "the tablet of class X for wave Y" (survey.tablets): it holds a
    class session, not an adult's log-in. Stored like a login card: a random ``seed`` and a
    keyed digest of the token it opens (``ClassTablet.token == value`` compares digests),
    and a keyed digest of the teacher's PIN that ends the mode."""

    __tablename__ = "class_tablets"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    seed: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @hybrid.hybrid_property
    def token(self) -> str:
        return keys.tablet_token(self.seed)

    @token.inplace.comparator
    @classmethod
    def _token_comparator(cls) -> _HashedLookup:
        return _HashedLookup(cls.token_hash, keys.token_digest)

    def set_seed(self, seed: str) -> None:
        self.seed = seed
        self.token_hash = keys.token_digest(keys.tablet_token(seed))


class ChildAnswer(Base):
    __tablename__ = "child_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    wording_source: Mapped[str] = mapped_column(String(WORDING_SOURCE_LENGTH), default="")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("wave_id", "pupil_id", "item_id", name="child_answer"),)


class Nomination(Base):
    __tablename__ = "nominations"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(40))
    rater_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    # NULL = the explicit answer "nobody".
    target_id: Mapped[int | None] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        UniqueConstraint("wave_id", "question_id", "rater_id", "target_id", name="nomination"),
        Index(
            "uq_nominations_nobody",
            "wave_id",
            "question_id",
            "rater_id",
            unique=True,
            sqlite_where=text("target_id IS NULL"),
            postgresql_where=text("target_id IS NULL"),
        ),
        CheckConstraint("target_id IS NULL OR target_id <> rater_id", name="not_self"),
    )


class TeacherRating(Base):
    __tablename__ = "teacher_ratings"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    rater_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    wording_source: Mapped[str] = mapped_column(String(WORDING_SOURCE_LENGTH), default="")
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("wave_id", "pupil_id", "item_id", name="teacher_rating"),)


class ResearchProject(Base):
    """A research project: the schools whose pseudonymised data its researchers may read."""

    __tablename__ = "research_projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Secret salt for pseudonyms; pseudonyms differ per project so projects cannot link data.
    salt: Mapped[str] = mapped_column(String(64))
    schools: Mapped[list[School]] = relationship(secondary="project_schools")


class ProjectSchool(Base):
    __tablename__ = "project_schools"
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True
    )


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"))
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("research_projects.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    classes: Mapped[list[SchoolClass]] = relationship(secondary="user_classes")
    __table_args__ = (
        CheckConstraint("role in ('teacher','counsellor','researcher','admin')", name="role"),
    )


class UserClass(Base):
    """Which classes a teacher teaches (their scope)."""

    __tablename__ = "user_classes"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    class_id: Mapped[int] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )


class UserSession(Base):
    """A server-side log-in session (survey.sessions): the cookie holds a random session id,
    this row only its SHA-256."""

    __tablename__ = "user_sessions"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class LoginThrottle(Base):
    """A log-in throttle counter (survey.throttle): ``key`` is ``pair:<user>|<address>``,
    ``addr:<address>`` or ``acct:<user>``; ``failures`` counts reserved attempts not undone
    by a success; ``last_at`` is the last reserved attempt in seconds since the epoch."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[float] = mapped_column(Float, index=True)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class CareTeamNote(Base):
    """The care-team block of a pupil profile (LLInC-inspired), one per pupil × wave."""

    __tablename__ = "care_team_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    three_words: Mapped[str] = mapped_column(String(200), default="")
    moment_clicked: Mapped[str] = mapped_column(Text, default="")
    moment_not_clicked: Mapped[str] = mapped_column(Text, default="")
    work_question: Mapped[str] = mapped_column(Text, default="")
    target_behaviour: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    __table_args__ = (UniqueConstraint("pupil_id", "wave_id", name="care_note"),)


class ChildStepDone(Base):
    """A step of the child survey the child has closed with "next" (per wave × pupil).

    ``step`` is ``"welcome"`` (the child tapped "start") or a nomination question id (the
    child tapped "next" under the classmate grid). Item answers need no mark: a stored
    ChildAnswer already says the item is done. The mark lets a child who picked two names
    and has not tapped "next" yet resume ON that question after a reload.
    """

    __tablename__ = "child_steps_done"
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("waves.id", ondelete="CASCADE"))
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(40))
    done_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("wave_id", "pupil_id", "step", name="child_step_done"),)
