"""The application layer the pages read through (survey.views, accounts.change_own_password,
dataset.data_version): plain values, the actor's scope, and storage left as it was on a
refusal. SQLite and PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey import dataset, views
from survey.access import NotAllowed
from survey.accounts import AccountError, change_own_password, hash_password, verify_password
from survey.db import session_scope
from survey.models import AuditEvent, Pupil, School, SchoolClass, User, UserClass, Wave
from tests.unit.test_storage import make_class

HASH = hash_password("wachtwoord-1234")  # once: argon2 is slow on purpose


@pytest.fixture
def school(engine):
    """Two schools: ours (a class of 4, one refusing consent, one removed) with a teacher,
    a counsellor and a school admin; another school with a class and its teacher."""
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, n=4, consent={1: "refused"})
        class_id = s.get(Wave, wave_id).class_id
        s.get(Pupil, ids[3]).active = False
        school_id = s.get(SchoolClass, class_id).school_id
        other_school = School(name="De Linde")
        s.add(other_school)
        s.flush()
        other = SchoolClass(school_id=other_school.id, name="Groep 3", grade=3)
        s.add(other)
        s.flush()
        def user(name, role, school, classes=()):
            u = User(username=name, password_hash=HASH, role=role, school_id=school)
            s.add(u)
            s.flush()
            s.add_all(UserClass(user_id=u.id, class_id=c) for c in classes)
            return u.id

        users = {
            "teacher": user("juf", "teacher", school_id, (class_id,)),
            "counsellor": user("ib", "counsellor", school_id),
            "admin": user("beheer", "admin", school_id),
            "other": user("meester", "teacher", other_school.id, (other.id,)),
        }
    return {"engine": engine, "class": class_id, "other_class": other.id, "pupils": ids,
            "wave": wave_id, **users}


def _user(s, env, name) -> User:
    return s.get(User, env[name])


def test_class_roster_gives_plain_rows_with_consent_and_taking_part(school):
    with session_scope(school["engine"]) as s:
        roster = views.class_roster(s, school["class"], actor=_user(s, school, "teacher"))
    assert roster.consent_mode == "opt_in"
    assert [p.first_name for p in roster.active] == ["Kind0", "Kind1", "Kind2"]
    assert [p.first_name for p in roster.removed] == ["Kind3"]
    assert [p.consent for p in roster.pupils] == ["given", "refused", "given", "given"]
    assert roster.taking_part == 2  # the refusal and the removed pupil do not take part
    with pytest.raises(AttributeError):  # frozen: a page cannot change what it shows
        roster.pupils[0].consent = "refused"


def test_a_foreign_class_or_pupil_is_refused(school):
    with session_scope(school["engine"]) as s:
        other = _user(s, school, "other")
        with pytest.raises(NotAllowed):
            views.class_roster(s, school["class"], actor=other)
        with pytest.raises(NotAllowed):
            views.class_waves(s, school["class"], actor=other)
        with pytest.raises(NotAllowed):
            views.class_of_pupil(s, school["pupils"][0], actor=other)
        teacher = _user(s, school, "teacher")
        assert views.class_of_pupil(s, school["pupils"][0], actor=teacher) == school["class"]
        for stale in (10**6, "abc", None, "-1"):
            assert views.class_of_pupil(s, stale, actor=teacher) is None


def test_class_choices_and_waves_of_the_teachers_classes(school):
    with session_scope(school["engine"]) as s:
        teacher = _user(s, school, "teacher")
        assert list(views.class_choices(s, actor=teacher)) == [school["class"]]
        assert views.class_choices(s, actor=teacher)[school["class"]].grade == 6
        waves = views.class_waves(s, school["class"], actor=teacher)
    assert [(w.wave_id, w.status) for w in waves] == [(school["wave"], "open")]
    assert views.wave_to_show(waves) == school["wave"]


def test_school_overviews_are_the_counsellors_school_only(school):
    with session_scope(school["engine"]) as s:
        groups = views.school_overviews(s, actor=_user(s, school, "counsellor"))
        assert [(name, [c.class_id for c in classes]) for name, classes in groups] == [
            ("De Regenboog", [school["class"]])]
        with pytest.raises(NotAllowed):
            views.school_overviews(s, actor=_user(s, school, "teacher"))


def test_a_school_admin_sees_only_their_school(school):
    with session_scope(school["engine"]) as s:
        view = views.admin_view(s, actor=_user(s, school, "admin"))
        assert list(view.schools.values()) == ["De Regenboog"]
        assert {u.username for u in view.users} == {"juf", "ib", "beheer"}
        assert set(view.all_schools.values()) == {"De Regenboog", "De Linde"}
        with pytest.raises(NotAllowed):
            views.admin_view(s, actor=_user(s, school, "counsellor"))


def test_changing_ones_own_password(school):
    engine, teacher = school["engine"], school["teacher"]
    for current, new, repeat, key in (
        ("fout-wachtwoord", "nieuw-wachtwoord-1", "nieuw-wachtwoord-1", "account.wrong_current"),
        ("wachtwoord-1234", "nieuw-wachtwoord-1", "anders-wachtwoord", "account.mismatch"),
    ):
        with pytest.raises(AccountError) as refused, session_scope(engine) as s:
            change_own_password(s, teacher, current, new, repeat, keep_session=None)
        assert refused.value.key == key
        with session_scope(engine) as s:
            assert verify_password(s.get(User, teacher).password_hash, "wachtwoord-1234")
    with session_scope(engine) as s:
        change_own_password(s, teacher, "wachtwoord-1234", "nieuw-wachtwoord-1",
                            "nieuw-wachtwoord-1", keep_session=None)
    with session_scope(engine) as s:
        assert verify_password(s.get(User, teacher).password_hash, "nieuw-wachtwoord-1")
        assert s.scalar(select(AuditEvent.user_id).where(
            AuditEvent.action == "password_changed")) == teacher


def test_the_data_version_changes_with_consent_and_identity_names_the_class(school):
    engine = school["engine"]
    with session_scope(engine) as s:
        before = dataset.data_version(s, school["class"])
        identity = dataset.class_identity(s, school["class"], actor=_user(s, school, "teacher"))
    assert identity.name == "Groep 6a"
    assert identity.wording == {school["wave"]: ("own:teacher@1.0", "own:child@1.0")}
    with session_scope(engine) as s:
        assert dataset.data_version(s, school["class"]) == before  # nothing changed
        s.get(Pupil, school["pupils"][1]).consent.status = "given"
    with session_scope(engine) as s:
        assert dataset.data_version(s, school["class"]) != before
