"""Care-team notes (per pupil × wave, audited) and who may see negative nominations.

Storage tests run on SQLite and PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.access import SYSTEM
from survey.care_notes import (
    DEFAULT_NEGATIVE_ROLES,
    load_note,
    may_see_negative_nominations,
    negative_roles,
    notes_for_pupil,
    save_note,
    school_settings_for_class,
)
from survey.db import session_scope
from survey.models import AuditEvent, CareTeamNote, Consent, Pupil, School, SchoolClass, Wave
from survey.services import SurveyError


def make_school(session, settings=None):
    """One class with three pupils (the third refused consent) and two waves."""
    school = School(name="De Regenboog", consent_mode="opt_in", settings=settings or {})
    session.add(school)
    session.flush()
    klass = SchoolClass(school_id=school.id, name="Groep 5a", grade=5)
    other = SchoolClass(school_id=school.id, name="Groep 6b", grade=6)
    session.add_all([klass, other])
    session.flush()
    pupils = []
    for i, (name, consent) in enumerate([("Zoë", "given"), ("Şule", "given"),
                                          ("Jayden", "refused")]):
        p = Pupil(class_id=klass.id, first_name=name, last_name=f"L{i}", gender="f")
        session.add(p)
        session.flush()
        session.add(Consent(pupil_id=p.id, status=consent))
        pupils.append(p.id)
    waves = []
    for name, day in (("najaar 2026", dt.date(2026, 10, 5)), ("voorjaar 2027",
                                                                dt.date(2027, 3, 8))):
        w = Wave(class_id=klass.id, name=name, starts_on=day, status="closed")
        session.add(w)
        session.flush()
        waves.append(w.id)
    other_wave = Wave(class_id=other.id, name="najaar 2026", status="open")
    session.add(other_wave)
    session.flush()
    return klass.id, pupils, waves, other_wave.id


def test_save_load_update_and_audit(engine):
    with session_scope(engine) as s:
        _, pupils, waves, _ = make_school(s)
    zoe, wave1, wave2 = pupils[0], waves[0], waves[1]
    with session_scope(engine) as s:
        empty = load_note(s, zoe, wave1, actor=SYSTEM)
        assert empty.is_empty and empty.updated_at is None
        saved = save_note(s, zoe, wave1, actor=SYSTEM, three_words="warm, druk, eerlijk",
                          work_question="Hoe krijg ik meer rustige momenten?")
        assert saved.three_words == "warm, druk, eerlijk"
    with session_scope(engine) as s:
        note = load_note(s, zoe, wave1, actor=SYSTEM)
        assert note.work_question == "Hoe krijg ik meer rustige momenten?"
        assert note.moment_clicked == "" and note.updated_at is not None
        save_note(s, zoe, wave1, actor=SYSTEM, three_words="warm, druk, eerlijk",
                  moment_clicked="Samen lezen op maandag.")
        save_note(s, zoe, wave2, actor=SYSTEM, notes="Tweede meting: gaat beter.")
    with session_scope(engine) as s:
        # still one row per pupil × wave; the update kept untouched fields
        assert s.scalar(select(func.count()).select_from(CareTeamNote)) == 2
        note = load_note(s, zoe, wave1, actor=SYSTEM)
        assert note.moment_clicked == "Samen lezen op maandag."
        assert note.work_question == "Hoe krijg ik meer rustige momenten?"
        history = notes_for_pupil(s, zoe, actor=SYSTEM)
        assert [n.wave_id for n in history] == [wave1, wave2]
        events = s.scalars(select(AuditEvent).where(AuditEvent.object_type == "care_team_note")
                           .order_by(AuditEvent.id)).all()
        assert [e.action for e in events] == ["care_note.create", "care_note.update",
                                              "care_note.create"]
        # the audit says which fields changed, never the text itself
        assert events[1].detail["fields"] == ["moment_clicked"]
        assert "Samen lezen" not in str(events[1].detail)


def test_save_refuses_no_consent_other_class_unknown_fields_and_too_long(engine):
    with session_scope(engine) as s:
        _, pupils, waves, other_wave = make_school(s)
    with session_scope(engine) as s:
        with pytest.raises(SurveyError, match="consent"):
            save_note(s, pupils[2], waves[0], actor=SYSTEM, notes="x")
        with pytest.raises(SurveyError, match="not in the class"):
            save_note(s, pupils[0], other_wave, actor=SYSTEM, notes="x")
        with pytest.raises(SurveyError, match="Unknown field"):
            save_note(s, pupils[0], waves[0], actor=SYSTEM, diagnosis="x")
        with pytest.raises(SurveyError, match="too long"):
            save_note(s, pupils[0], waves[0], actor=SYSTEM, three_words="x" * 201)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(CareTeamNote)) == 0


def test_control_characters_are_removed_and_unicode_kept(engine):
    with session_scope(engine) as s:
        _, pupils, waves, _ = make_school(s)
    with session_scope(engine) as s:
        save_note(s, pupils[1], waves[0], actor=SYSTEM, notes="Şule\x07 zegt: ‘goed zo’\nregel 2 ")
    with session_scope(engine) as s:
        assert load_note(s, pupils[1], waves[0], actor=SYSTEM).notes == "Şule zegt: ‘goed zo’\nregel 2"


@pytest.mark.parametrize(("settings", "role", "allowed"), [
    ({}, "counsellor", True),  # documented default: counsellor only
    ({}, "teacher", False),
    ({"show_negative_nominations_to": ["teacher", "counsellor"]}, "teacher", True),
    ({"show_negative_nominations_to": []}, "counsellor", False),
    ({"show_negative_nominations_to": "teacher"}, "teacher", True),
    (None, "admin", False),
])
def test_negative_nomination_visibility(settings, role, allowed):
    assert may_see_negative_nominations(settings, role) is allowed


def test_school_setting_is_read_from_the_class(engine):
    with session_scope(engine) as s:
        class_id, _, _, _ = make_school(s, {"show_negative_nominations_to": ["teacher"]})
    with session_scope(engine) as s:
        settings = school_settings_for_class(s, class_id)
        assert negative_roles(settings) == ("teacher",)
        assert school_settings_for_class(s, 999_999) == {}
    assert negative_roles({}) == DEFAULT_NEGATIVE_ROLES
