"""Storage: schema, durability settings, idempotent upserts and the service layer.

Every test runs twice, on SQLite and on PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from survey.access import SYSTEM
from survey.db import session_scope
from survey.models import (
    Absence,
    Base,
    ChildAnswer,
    Consent,
    Nomination,
    Pupil,
    School,
    SchoolClass,
    TeacherRating,
    Wave,
)
from survey.services import (
    SurveyError,
    consent_ok,
    load_wave,
    save_child_answer,
    save_teacher_rating,
    set_nomination,
)

QUESTIONS = ["liked_most", "liked_least", "teacher_likes", "teacher_angry"]


def make_class(session, n=5, consent=None, mode="opt_in", status="open"):
    """A school with one class of ``n`` pupils (consent 'given' unless overridden by
    ``consent={index: status}``) and one wave; returns (wave_id, [pupil ids])."""
    consent = consent or {}
    school = School(name="De Regenboog", consent_mode=mode)
    session.add(school)
    session.flush()
    klass = SchoolClass(school_id=school.id, name="Groep 6a", grade=6)
    session.add(klass)
    session.flush()
    ids = []
    for i in range(n):
        p = Pupil(class_id=klass.id, first_name=f"Kind{i}", last_name="Jansen", gender="mf"[i % 2])
        session.add(p)
        session.flush()
        session.add(Consent(pupil_id=p.id, status=consent.get(i, "given")))
        ids.append(p.id)
    wave = Wave(
        class_id=klass.id,
        name="najaar 2026",
        starts_on=dt.date(2026, 11, 1),
        status=status,
        questions=QUESTIONS,
        child_wording="own:child@1.0",
        teacher_wording="own:teacher@1.0",
    )
    session.add(wave)
    session.flush()
    return wave.id, ids


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_durability_pragmas(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite-only settings")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_child_answer_is_an_idempotent_upsert(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    for value in (3, 3, 4):  # a double tap, then a changed answer
        with session_scope(engine) as s:
            save_child_answer(s, wave_id, ids[0], "carts_cl01", value)
    with session_scope(engine) as s:
        rows = s.scalars(select(ChildAnswer)).all()
        assert [(r.item_id, r.value, r.wording_source) for r in rows] == [
            ("carts_cl01", 4, "own:child@1.0")
        ]


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [("carts_cl01", 5, "not on the scale"), ("carts_cl01", 0, "not on the scale"),
     ("nope", 2, "Unknown item")],
)
def test_child_answer_rejects_bad_input_and_writes_nothing(engine, item, value, message):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    with pytest.raises(SurveyError, match=message), session_scope(engine) as s:
        save_child_answer(s, wave_id, ids[0], item, value)
    with session_scope(engine) as s:
        assert count(s, ChildAnswer) == 0


def test_closed_wave_and_non_consented_pupil_are_refused(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, consent={1: "refused", 2: "unknown"})
    for pupil in (ids[1], ids[2]):
        with pytest.raises(SurveyError, match="no consent"), session_scope(engine) as s:
            save_child_answer(s, wave_id, pupil, "carts_cl01", 2)
    with session_scope(engine) as s:
        s.get(Wave, wave_id).status = "closed"
    with pytest.raises(SurveyError, match="not open"), session_scope(engine) as s:
        save_child_answer(s, wave_id, ids[0], "carts_cl01", 2)


def test_opt_out_school_includes_unknown_consent(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, consent={1: "unknown", 2: "refused"}, mode="opt_out")
    with session_scope(engine) as s:
        save_child_answer(s, wave_id, ids[1], "carts_cl01", 2)
        assert {p.id for p in load_wave(s, wave_id, actor=SYSTEM).pupils} == {ids[0], ids[1], ids[3], ids[4]}


def test_teacher_rating_upsert_and_scale(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    for value in (5, 2):
        with session_scope(engine) as s:
            save_teacher_rating(s, wave_id, ids[0], "strs_cf01", value, actor=SYSTEM)
    for bad in (0, 6):
        with pytest.raises(SurveyError, match="not on the scale"), session_scope(engine) as s:
            save_teacher_rating(s, wave_id, ids[0], "strs_cf01", bad, actor=SYSTEM)
    with session_scope(engine) as s:
        assert [(r.item_id, r.value) for r in s.scalars(select(TeacherRating))] == [
            ("strs_cf01", 2)
        ]


def picks(session, wave_id, rater, question="liked_most"):
    return sorted(
        (n.target_id or 0)
        for n in session.scalars(
            select(Nomination).where(
                Nomination.wave_id == wave_id,
                Nomination.rater_id == rater,
                Nomination.question_id == question,
            )
        )
    )


def test_nominations_select_deselect_and_nobody(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    a, b, c = ids[0], ids[1], ids[2]
    for target in (b, b, c):  # double tap on b
        with session_scope(engine) as s:
            set_nomination(s, wave_id, "liked_most", a, target)
    with session_scope(engine) as s:
        assert picks(s, wave_id, a) == sorted([b, c])
        set_nomination(s, wave_id, "liked_most", a, b, selected=False)
    with session_scope(engine) as s:
        assert picks(s, wave_id, a) == [c]
    for _ in range(2):  # "nobody" twice: one row, and it clears the picks
        with session_scope(engine) as s:
            set_nomination(s, wave_id, "liked_most", a, None)
    with session_scope(engine) as s:
        assert picks(s, wave_id, a) == [0]
        set_nomination(s, wave_id, "liked_most", a, b)  # a pick clears "nobody"
    with session_scope(engine) as s:
        assert picks(s, wave_id, a) == [b]


@pytest.mark.parametrize("case", ["self", "absent", "refused", "other_question"])
def test_bad_nominations_are_refused_and_change_nothing(engine, case):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s, consent={3: "refused"})
        s.add(Absence(wave_id=wave_id, pupil_id=ids[2]))
    target, question, message = {
        "self": (ids[0], "liked_most", "themselves"),
        "absent": (ids[2], "liked_most", "absent"),
        "refused": (ids[3], "liked_most", "no consent"),
        "other_question": (ids[1], "prosocial", "not part of this wave"),
    }[case]
    with pytest.raises(SurveyError, match=message), session_scope(engine) as s:
        set_nomination(s, wave_id, question, ids[0], target)
    with session_scope(engine) as s:
        assert count(s, Nomination) == 0


def test_unique_constraints_guard_duplicates_in_the_database(engine):
    """Even code that bypasses the service cannot store a duplicate."""
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    rows = [
        lambda: ChildAnswer(wave_id=wave_id, pupil_id=ids[0], item_id="carts_cl01", value=1),
        lambda: Nomination(wave_id=wave_id, question_id="liked_most", rater_id=ids[0],
                           target_id=ids[1]),
        lambda: Nomination(wave_id=wave_id, question_id="liked_most", rater_id=ids[0]),
        lambda: TeacherRating(wave_id=wave_id, pupil_id=ids[0], item_id="strs_cl01", value=1),
    ]
    for make in rows:
        with session_scope(engine) as s:
            s.add(make())
        with pytest.raises(IntegrityError), session_scope(engine) as s:
            s.add(make())
    with pytest.raises(IntegrityError), session_scope(engine) as s:
        s.add(Nomination(wave_id=wave_id, question_id="liked_least", rater_id=ids[0],
                         target_id=ids[0]))


def test_load_wave_leaves_out_pupils_without_consent(engine):
    with session_scope(engine) as s:
        wave_id, ids = make_class(s)
    with session_scope(engine) as s:
        set_nomination(s, wave_id, "liked_most", ids[0], ids[1])
        set_nomination(s, wave_id, "liked_most", ids[1], ids[0])
        save_child_answer(s, wave_id, ids[1], "carts_cl01", 2)
    with session_scope(engine) as s:  # consent for ids[1] is withdrawn afterwards
        s.scalar(select(Consent).where(Consent.pupil_id == ids[1])).status = "refused"
    with session_scope(engine) as s:
        data = load_wave(s, wave_id, actor=SYSTEM)
        assert ids[1] not in {p.id for p in data.pupils}
        assert data.nominations == [] and data.child_answers == []


def test_consent_rules():
    assert consent_ok("opt_in", "given") and not consent_ok("opt_in", "unknown")
    assert not consent_ok("opt_in", None) and not consent_ok("opt_out", "refused")
    assert consent_ok("opt_out", None)


def test_migrations_downgrade_and_upgrade_again(tmp_path):
    from survey import migrate
    from survey.db import make_engine

    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    migrate.upgrade(url)
    migrate.downgrade(url, "base")
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert "pupils" not in tables
    engine.dispose()
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    engine.dispose()
