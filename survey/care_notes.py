"""Care-team notes per pupil × wave (LLInC-inspired) and who may see negative nominations.

The care-team block of a pupil profile follows the first steps of Leerkracht-Leerling
Interactie Coaching (Spilt, Koomen et al.): three words that describe the relationship, a
recent moment when it clicked, one when it did not, a work question (werkvraag), the
target behaviour and free notes. One note per (pupil, wave): saving is an upsert, and every
save adds an audit event (who, when, which fields changed — never the text itself, so the
audit log holds no care content). Notes are read and written by the care team only (a
teacher or counsellor with the pupil's class in scope, ``survey.access.CARE_TEAM``): every
function takes the acting user as ``actor`` and refuses others with ``NotAllowed``.

Negative nominations (who named whom on a negative question) are sensitive. A school
decides who may see them by name with the School.settings key
``show_negative_nominations_to`` (a list of roles). Default: ``["counsellor"]`` — the
intern begeleider sees names; teachers see only counts. An empty list hides names from
everyone.

>>> may_see_negative_nominations({}, "counsellor"), may_see_negative_nominations({}, "teacher")
(True, False)
>>> may_see_negative_nominations({"show_negative_nominations_to": ["teacher", "counsellor"]},
...                              "teacher")
True
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.access import CARE_TEAM, Actor, actor_id, require_pupil, require_wave
from survey.audit import record
from survey.i18n import Term
from survey.models import CareTeamNote, Pupil, School, SchoolClass, Wave, utcnow
from survey.services import SurveyError, consent_ok

NEGATIVE_SETTING = "show_negative_nominations_to"
DEFAULT_NEGATIVE_ROLES = ("counsellor",)
TEXT_FIELDS = ("three_words", "moment_clicked", "moment_not_clicked", "work_question",
               "target_behaviour", "notes")
MAX_LENGTH = {"three_words": 200}
MAX_TEXT = 5000


@dataclass(frozen=True)
class CareNote:
    """A care-team note as plain values (empty strings when nothing was saved yet)."""

    pupil_id: int
    wave_id: int
    three_words: str = ""
    moment_clicked: str = ""
    moment_not_clicked: str = ""
    work_question: str = ""
    target_behaviour: str = ""
    notes: str = ""
    updated_by: int | None = None
    updated_at: object = None

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in TEXT_FIELDS)


def negative_roles(settings: dict | None) -> tuple[str, ...]:
    """Roles that may see negative nominations by name (the school setting or the default)."""
    value = (settings or {}).get(NEGATIVE_SETTING)
    if value is None:
        return DEFAULT_NEGATIVE_ROLES
    if isinstance(value, str):
        value = [value]
    return tuple(str(v) for v in value)


def may_see_negative_nominations(settings: dict | None, role: str) -> bool:
    """Whether ``role`` may see who named whom on negative questions (see module)."""
    return role in negative_roles(settings)


def school_settings_for_class(session: Session, class_id: int) -> dict:
    """The School.settings of the school a class belongs to ({} when unknown)."""
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        return {}
    return dict(school_class.school.settings or {})


def _to_plain(note: CareTeamNote) -> CareNote:
    return CareNote(**{f.name: getattr(note, f.name) for f in fields(CareNote)})


def _check(session: Session, actor: Actor, pupil_id: int, wave_id: int | None) -> None:
    require_pupil(session, actor, pupil_id, CARE_TEAM)
    if wave_id is not None:
        require_wave(session, actor, wave_id, CARE_TEAM)


def load_note(session: Session, pupil_id: int, wave_id: int, *, actor: Actor) -> CareNote:
    """The note of a pupil in a wave; an empty CareNote when none was saved.

    ``actor`` must be of the care team with pupil and wave in scope (else ``NotAllowed``).
    """
    _check(session, actor, pupil_id, wave_id)
    note = session.scalar(select(CareTeamNote).where(
        CareTeamNote.pupil_id == pupil_id, CareTeamNote.wave_id == wave_id))
    return _to_plain(note) if note else CareNote(pupil_id=pupil_id, wave_id=wave_id)


def notes_for_pupil(session: Session, pupil_id: int, *, actor: Actor) -> list[CareNote]:
    """Every saved note of a pupil, oldest wave first (for the history on the profile);
    ``actor`` as in ``load_note``."""
    _check(session, actor, pupil_id, None)
    rows = session.scalars(
        select(CareTeamNote).join(Wave, Wave.id == CareTeamNote.wave_id)
        .where(CareTeamNote.pupil_id == pupil_id).order_by(Wave.starts_on, Wave.id))
    return [_to_plain(n) for n in rows]


def _clean(name: str, value: object) -> str:
    text = "" if value is None else str(value)
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32).strip()
    limit = MAX_LENGTH.get(name, MAX_TEXT)
    if len(text) > limit:
        raise SurveyError("error.care_too_long", field=Term(f"care.{name}"), length=len(text), limit=limit)
    return text


def save_note(session: Session, pupil_id: int, wave_id: int, *, actor: Actor,
              **values: str) -> CareNote:
    """Create or update the note of a pupil in a wave; audit the save; caller commits.

    ``actor`` must be of the care team with pupil and wave in scope (else ``NotAllowed``);
    the note and the audit event record them as the author. Only the fields in
    ``TEXT_FIELDS`` are accepted. The pupil must belong to the wave's class and take part
    (consent); otherwise SurveyError and nothing is written.
    """
    _check(session, actor, pupil_id, wave_id)
    user_id = actor_id(actor)
    unknown = sorted(set(values) - set(TEXT_FIELDS))
    if unknown:
        raise SurveyError("error.care_unknown_fields", fields=", ".join(unknown))
    wave = session.get(Wave, wave_id)
    pupil = session.get(Pupil, pupil_id)
    if wave is None or pupil is None or pupil.class_id != wave.class_id:
        raise SurveyError("error.pupil_not_in_wave")
    school = session.get(School, wave.school_class.school_id)
    if not consent_ok(school.consent_mode, pupil.consent.status if pupil.consent else None):
        raise SurveyError("error.no_consent")
    clean = {k: _clean(k, v) for k, v in values.items()}
    note = session.scalar(select(CareTeamNote).where(
        CareTeamNote.pupil_id == pupil_id, CareTeamNote.wave_id == wave_id))
    created = note is None
    if created:
        note = CareTeamNote(pupil_id=pupil_id, wave_id=wave_id)
        session.add(note)
    changed = [k for k, v in clean.items() if (getattr(note, k) or "") != v]
    for k, v in clean.items():
        setattr(note, k, v)
    note.updated_by = user_id
    note.updated_at = utcnow()
    session.flush()
    record(session, "care_note.create" if created else "care_note.update", user_id=user_id,
           object_type="care_team_note", object_id=note.id, pupil_id=pupil_id,
           wave_id=wave_id, fields=changed)
    return _to_plain(note)
