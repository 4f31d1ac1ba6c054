"""Authorization below the pages (survey.access): every service function that reads or
writes pupil data refuses an acting user outside the scope and changes nothing; the class's
own teacher succeeds. On SQLite and PostgreSQL (the ``engine`` fixture).

The world: school A with classes A1 (teacher ``own``, who also teaches A3) and A2 (teacher
``colleague``) and counsellor ``counsellor_a``; school B with class B1 (teacher
``other_school``) and counsellor ``counsellor_b``; an admin and a researcher. Every target
is in class A1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from survey import access
from survey.access import SYSTEM, NotAllowed
from survey.care_notes import load_note, notes_for_pupil, save_note
from survey.dataset import load_frames
from survey.db import session_scope
from survey.models import (
    Base,
    CareTeamNote,
    Consent,
    ProjectSchool,
    Pupil,
    ResearchProject,
    School,
    SchoolClass,
    TeacherRating,
    User,
    UserClass,
    Wave,
)
from survey.overview import class_summaries
from survey.ratings import (
    class_overview,
    rateable_waves,
    record_pupil_batch,
    resume_position,
    save_grid,
    wave_ratings,
)
from survey.research import project_frames
from survey.roster import (
    add_pupil,
    commit_import,
    parse_roster,
    plan_import,
    set_active,
    set_consent,
    set_consents,
    update_pupil,
)
from survey.services import load_wave, save_teacher_rating
from survey.tokens import issue_tokens
from survey.waves import (
    child_cards,
    class_progress,
    close_wave,
    create_wave,
    delete_draft,
    new_card,
    open_wave,
)

ROOT = Path(__file__).resolve().parents[2]
ROSTER = b"Voornaam;Achternaam;Geslacht\nSara;Bos;meisje\n"
OUTSIDERS = ("colleague", "other_school", "counsellor_b", "researcher")


def make_world(session) -> dict:
    """The schools, classes, users, pupils and waves described in the module docstring."""
    ids: dict = {"users": {}, "classes": {}, "pupils": {}}
    schools = {}
    for name in ("A", "B"):
        schools[name] = School(name=f"School {name}", consent_mode="opt_in")
        session.add(schools[name])
    session.flush()
    for name, school in (("A1", "A"), ("A2", "A"), ("A3", "A"), ("B1", "B")):
        c = SchoolClass(school_id=schools[school].id, name=name, grade=5)
        session.add(c)
        session.flush()
        ids["classes"][name] = c.id
        for i in range(3):
            p = Pupil(class_id=c.id, first_name=f"Kind{i}", last_name=name, gender="f")
            session.add(p)
            session.flush()
            session.add(Consent(pupil_id=p.id, status="given"))
            ids["pupils"].setdefault(name, []).append(p.id)
    project = ResearchProject(name="Project", salt="zout")
    other_project = ResearchProject(name="Ander project", salt="peper")
    session.add_all([project, other_project])
    session.flush()
    session.add(ProjectSchool(project_id=project.id, school_id=schools["A"].id))
    ids["project"], ids["other_project"] = project.id, other_project.id
    users = {
        "own": ("teacher", "A", ("A1", "A3"), None),
        "colleague": ("teacher", "A", ("A2",), None),
        "other_school": ("teacher", "B", ("B1",), None),
        "counsellor_a": ("counsellor", "A", (), None),
        "counsellor_b": ("counsellor", "B", (), None),
        "admin": ("admin", None, (), None),
        "researcher": ("researcher", None, (), project.id),
        "other_researcher": ("researcher", None, (), other_project.id),
    }
    for username, (role, school, classes, project_id) in users.items():
        u = User(username=username, password_hash="x", role=role, project_id=project_id,
                 school_id=schools[school].id if school else None)
        session.add(u)
        session.flush()
        for c in classes:
            session.add(UserClass(user_id=u.id, class_id=ids["classes"][c]))
        ids["users"][username] = u.id
    for name in ("A1", "A3", "B1"):
        open_ = Wave(class_id=ids["classes"][name], name="Najaar", status="open")
        draft = Wave(class_id=ids["classes"][name], name="Voorjaar", status="draft")
        session.add_all([open_, draft])
        session.flush()
        issue_tokens(session, open_.id)
        ids.setdefault("open", {})[name] = open_.id
        ids.setdefault("draft", {})[name] = draft.id
    session.flush()
    return ids


@pytest.fixture
def world(engine):
    with session_scope(engine) as s:
        return make_world(s)


def snapshot(engine) -> dict:
    """Every row of every table, to prove a refused call changed nothing."""
    with session_scope(engine) as s:
        out = {}
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            out[table.name] = sorted(repr(tuple(r)) for r in rows)
        return out


def user(s, ids, name):
    return s.get(User, ids["users"][name])


# Each call gets (session, actor, ids) and acts on class A1 (its pupil 0, its open/draft wave).
def _pupil(ids):
    return ids["pupils"]["A1"][0]


CALLS = {
    "save_note": lambda s, a, d: save_note(s, _pupil(d), d["open"]["A1"], actor=a, notes="x"),
    "load_note": lambda s, a, d: load_note(s, _pupil(d), d["open"]["A1"], actor=a),
    "notes_for_pupil": lambda s, a, d: notes_for_pupil(s, _pupil(d), actor=a),
    "set_consent": lambda s, a, d: set_consent(s, _pupil(d), "refused", actor=a),
    "set_consents": lambda s, a, d: set_consents(s, d["classes"]["A1"],
                                                 {_pupil(d): "refused"}, actor=a),
    "update_pupil": lambda s, a, d: update_pupil(
        s, _pupil(d), {"first_name": "Anders", "last_name": "A1", "gender": "f"}, actor=a),
    "set_active": lambda s, a, d: set_active(s, _pupil(d), False, actor=a),
    "add_pupil": lambda s, a, d: add_pupil(
        s, d["classes"]["A1"], {"first_name": "Nieuw", "last_name": "Kind", "gender": "m"},
        actor=a),
    "plan_import": lambda s, a, d: plan_import(s, d["classes"]["A1"],
                                               parse_roster(ROSTER, "k.csv"), actor=a),
    "commit_import": lambda s, a, d: commit_import(s, d["classes"]["A1"],
                                                   parse_roster(ROSTER, "k.csv"), actor=a),
    "save_teacher_rating": lambda s, a, d: save_teacher_rating(
        s, d["open"]["A1"], _pupil(d), "strs_cl01", 3, actor=a),
    "save_grid": lambda s, a, d: save_grid(s, d["open"]["A1"], {(_pupil(d), "strs_cl01"): 3},
                                           actor=a),
    "record_pupil_batch": lambda s, a, d: record_pupil_batch(s, d["open"]["A1"], _pupil(d), 1,
                                                             actor=a),
    "wave_ratings": lambda s, a, d: wave_ratings(s, d["open"]["A1"], actor=a),
    "class_overview": lambda s, a, d: class_overview(s, d["open"]["A1"], actor=a),
    "resume_position": lambda s, a, d: resume_position(s, d["open"]["A1"], actor=a),
    "rateable_waves": lambda s, a, d: rateable_waves(s, d["classes"]["A1"], actor=a),
    "create_wave": lambda s, a, d: create_wave(s, d["classes"]["A1"], f"Extra {a.id}",
                                                   actor=a),
    "open_wave": lambda s, a, d: (close_wave(s, d["open"]["A1"], actor=SYSTEM),
                                  open_wave(s, d["draft"]["A1"], actor=a)),
    "close_wave": lambda s, a, d: close_wave(s, d["open"]["A1"], actor=a),
    "delete_draft": lambda s, a, d: delete_draft(s, d["draft"]["A1"], actor=a),
    "child_cards": lambda s, a, d: child_cards(s, d["open"]["A1"], actor=a),
    "new_card": lambda s, a, d: new_card(s, d["open"]["A1"], _pupil(d), actor=a),
    "class_progress": lambda s, a, d: class_progress(s, d["open"]["A1"], actor=a),
    "class_summaries": lambda s, a, d: class_summaries(s, [d["classes"]["A1"]], actor=a),
    "load_wave": lambda s, a, d: load_wave(s, d["open"]["A1"], actor=a),
    "load_frames": lambda s, a, d: load_frames(s, [d["open"]["A1"]], actor=a),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_outsiders_are_refused_and_nothing_changes(engine, world, name):
    before = snapshot(engine)
    for outsider in OUTSIDERS:
        with pytest.raises(NotAllowed) as info:
            with session_scope(engine) as s:
                CALLS[name](s, user(s, world, outsider), world)
        assert info.value.key == "error.not_allowed"
        assert str(info.value) == "Your account is not allowed to do that."  # no data in it
        assert snapshot(engine) == before, (name, outsider)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_own_teacher_succeeds(engine, world, name):
    with session_scope(engine) as s:
        CALLS[name](s, user(s, world, "own"), world)


READS_AND_ROSTER = ("load_note", "set_consent", "update_pupil", "wave_ratings",
                    "class_overview", "class_progress", "child_cards", "class_summaries",
                    "load_frames", "create_wave")


@pytest.mark.parametrize("name", READS_AND_ROSTER)
def test_the_schools_counsellor_and_the_admin_share_the_scope_rule(engine, world, name):
    """visible_class_ids is the rule: the school's counsellor sees its classes, an admin
    every class (care notes are the care team's: the admin is refused there)."""
    for who in ("counsellor_a", "admin"):
        if who == "admin" and name == "load_note":
            continue
        with session_scope(engine) as s:
            CALLS[name](s, user(s, world, who), world)


def test_role_bound_data(engine, world):
    """Ratings are written by a teacher only; care notes by the care team only."""
    before = snapshot(engine)
    for name, who in (("save_teacher_rating", "counsellor_a"), ("save_grid", "counsellor_a"),
                      ("save_teacher_rating", "admin"), ("save_note", "admin"),
                      ("notes_for_pupil", "admin")):
        with pytest.raises(NotAllowed):
            with session_scope(engine) as s:
                CALLS[name](s, user(s, world, who), world)
    assert snapshot(engine) == before
    with session_scope(engine) as s:  # the school's counsellor writes care notes
        CALLS["save_note"](s, user(s, world, "counsellor_a"), world)


def test_unknown_ids_deactivated_users_and_odd_actors_are_refused(engine, world):
    before = snapshot(engine)
    attempts = [
        lambda s, a: set_consent(s, 10**6, "given", actor=a),
        lambda s, a: save_teacher_rating(s, 10**6, _pupil(world), "strs_cl01", 3, actor=a),
        lambda s, a: class_summaries(s, [10**6], actor=a),
        lambda s, a: set_consents(s, world["classes"]["A1"], {"1; drop": "given"}, actor=a),
    ]
    for attempt in attempts:
        with pytest.raises(NotAllowed):
            with session_scope(engine) as s:
                attempt(s, user(s, world, "own"))
    with session_scope(engine) as s:
        user(s, world, "own").active = False
    before = snapshot(engine)
    for actor in ("own", None, world["users"]["own"]):
        with pytest.raises(NotAllowed):
            with session_scope(engine) as s:
                a = user(s, world, actor) if actor == "own" else actor
                set_consent(s, _pupil(world), "refused", actor=a)
    assert snapshot(engine) == before


def test_a_tampered_ratings_grid_with_a_foreign_row_is_refused_as_a_whole(engine, world):
    own_pupil, wave = _pupil(world), world["open"]["A1"]
    for foreign in (world["pupils"]["B1"][0],  # another school
                    world["pupils"]["A2"][0],  # another teacher's class
                    world["pupils"]["A3"][0],  # the teacher's own other class
                    10**6):  # no pupil at all
        before = snapshot(engine)
        with pytest.raises(NotAllowed):
            with session_scope(engine) as s:
                save_grid(s, wave, {(own_pupil, "strs_cl01"): 4, (foreign, "strs_cl01"): 4},
                          actor=user(s, world, "own"))
        assert snapshot(engine) == before
    with session_scope(engine) as s:
        assert s.scalar(select(TeacherRating.id)) is None


def test_a_tampered_consent_edit_with_a_foreign_row_is_refused_as_a_whole(engine, world):
    own = world["pupils"]["A1"]
    for who, foreign in (("own", world["pupils"]["B1"][0]),
                         ("own", world["pupils"]["A3"][0]),
                         ("counsellor_a", world["pupils"]["A2"][0])):  # in scope, other class
        before = snapshot(engine)
        with pytest.raises(NotAllowed):
            with session_scope(engine) as s:
                set_consents(s, world["classes"]["A1"],
                             {own[0]: "refused", own[1]: "refused", foreign: "refused"},
                             actor=user(s, world, who))
        assert snapshot(engine) == before
    with session_scope(engine) as s:
        assert set_consents(s, world["classes"]["A1"], {own[0]: "refused", own[1]: "unknown"},
                            actor=user(s, world, "own")) == 2
    with session_scope(engine) as s:
        assert s.get(Pupil, own[0]).consent.status == "refused"


def test_new_card_for_a_pupil_of_another_class_is_refused(engine, world):
    before = snapshot(engine)
    with pytest.raises(NotAllowed):
        with session_scope(engine) as s:
            new_card(s, world["open"]["A1"], world["pupils"]["A3"][0],
                     actor=user(s, world, "own"))
    assert snapshot(engine) == before


def test_reference_waves_only_of_the_same_occasion(engine, world):
    """load_frames adds other classes' waves only as the same occasion's reference group,
    and never their pupils' names."""
    with session_scope(engine) as s:
        me = user(s, world, "own")
        # A3 "Najaar" is the same occasion as A1 "Najaar" in school A; B1's is not
        frames = load_frames(s, [world["open"]["A1"]], actor=me,
                             reference_wave_ids=[world["open"]["A3"]])
        assert set(frames.pupils["pupil_id"]) == set(world["pupils"]["A1"])
        colleague = user(s, world, "colleague")
        with pytest.raises(NotAllowed):
            load_frames(s, [world["open"]["A3"]], actor=colleague)
    with pytest.raises(NotAllowed):
        with session_scope(engine) as s:
            load_frames(s, [world["open"]["A1"]], actor=user(s, world, "own"),
                        reference_wave_ids=[world["open"]["B1"]])


def test_project_frames_only_for_the_projects_researcher(engine, world):
    with session_scope(engine) as s:
        frames = project_frames(s, world["project"], actor=user(s, world, "researcher"))
        assert "first_name" not in frames.pupils
        for who in ("other_researcher", "own", "counsellor_a", "admin"):
            with pytest.raises(NotAllowed):
                project_frames(s, world["project"], actor=user(s, world, who))


def test_audit_and_authorship_name_the_acting_user(engine, world):
    with session_scope(engine) as s:
        me = user(s, world, "own")
        save_note(s, _pupil(world), world["open"]["A1"], actor=me, notes="x")
        save_teacher_rating(s, world["open"]["A1"], _pupil(world), "strs_cl01", 3, actor=me)
        set_consent(s, _pupil(world), "given", actor=me)
    with session_scope(engine) as s:
        me = world["users"]["own"]
        assert s.scalar(select(CareTeamNote.updated_by)) == me
        assert s.scalar(select(TeacherRating.rater_user_id)) == me
        assert s.get(Pupil, _pupil(world)).consent.recorded_by == me


def test_pages_and_ui_never_act_as_the_system():
    """SYSTEM is for code without a logged-in user; a page always passes its user."""
    files = [ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py"),
             *(ROOT / "ui").glob("*.py")]
    offenders = [f.name for f in files if re.search(r"\bSYSTEM\b|SystemActor", f.read_text())]
    assert offenders == []
    assert access.SYSTEM is SYSTEM
