"""The admin page (issue 14 item 3): creating an account with classes and widening access
are audited and listed; a school's administrator sees and manages only that school."""

from __future__ import annotations

from sqlalchemy import select

from survey.accounts import create_user
from survey.db import make_engine, session_scope
from survey.models import AuditEvent, School, SchoolClass, User
from tests.app.conftest import app, texts

PASSWORD = "correct horse battery"


def other_school(url: str) -> dict:
    """A second school with a class, its administrator and a teacher; the demo school's
    first class and its id; events in both schools."""
    engine = make_engine(url)
    with session_scope(engine) as s:
        demo = s.scalar(select(School).where(School.is_demo.is_(True)))
        demo_class = s.scalar(select(SchoolClass).where(SchoolClass.school_id == demo.id)
                              .order_by(SchoolClass.id))
        anker = School(name="Het Anker")
        s.add(anker)
        s.flush()
        anker6 = SchoolClass(school_id=anker.id, name="Anker 6")
        s.add(anker6)
        s.flush()
        boss = s.scalar(select(User).where(User.username == "admin"))
        create_user(s, "anker-juf", PASSWORD, "teacher", school_id=anker.id,
                    class_ids=(anker6.id,), actor_id=boss.id)
        regenboog = create_user(s, "regenboog-admin", PASSWORD, "admin", school_id=demo.id,
                                actor_id=boss.id)
        out = {"demo": demo.id, "demo_class": demo_class.id, "demo_class_name": demo_class.name,
               "anker": anker.id, "anker6": anker6.id, "school_admin": regenboog.id}
    engine.dispose()
    return out


def events(url: str) -> list[AuditEvent]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        found = list(s.scalars(select(AuditEvent).where(AuditEvent.action.like("access.%"))
                              .order_by(AuditEvent.id)))
    engine.dispose()
    return found


def log(at) -> list[dict]:
    return at.dataframe[-1].value.to_dict("records")


def test_admin_creates_a_teacher_with_a_class_and_gives_a_class_audited(demo_env, demo_db_url):
    ids = other_school(demo_db_url)
    at = app("app_pages/admin.py", user_id=demo_env["admin"])
    assert not at.exception
    at.text_input[0].input("juf-nieuw")
    at.text_input[2].input(PASSWORD)
    at.selectbox[1].select(ids["anker"])
    at.multiselect[0].select(ids["demo_class"])  # a class of another school: refused
    at.button[0].click().run()
    assert "hoort niet bij school" in texts(at)
    assert "juf-nieuw" not in set(at.dataframe[0].value["Gebruikersnaam"])
    at = app("app_pages/admin.py", user_id=demo_env["admin"])
    at.text_input[0].input("juf-nieuw")
    at.text_input[2].input(PASSWORD)
    at.selectbox[1].select(ids["demo"])
    at.multiselect[0].select(ids["demo_class"])
    at.button[0].click().run()
    assert not at.exception
    created = events(demo_db_url)[-1]
    assert created.action == "access.user_created" and created.user_id == demo_env["admin"]
    assert created.detail["class_ids"] == [ids["demo_class"]]
    assert created.detail["school_id"] == ids["demo"] and created.detail["via"] == "app"
    first = log(at)[0]
    assert first["Door"] == "admin" and first["Voor"] == "juf-nieuw"
    assert first["Wat"].startswith("account aangemaakt: Leerkracht")
    assert ids["demo_class_name"] in first["Wat"]
    # the edit form: the counsellor becomes a teacher with a class (two widening changes)
    at.selectbox[2].select(demo_env["counsellor"]).run()
    at.selectbox[3].select("teacher")
    at.multiselect[1].select(ids["demo_class"])
    at.button[1].click().run()
    assert not at.exception
    actions = [e.action for e in events(demo_db_url)[-2:]]
    assert actions == ["access.role_changed", "access.classes_added"]
    whats = [row["Wat"] for row in log(at)[:2]]
    assert whats[1] == "rol gewijzigd: Intern begeleider → Leerkracht"
    assert whats[0] == f"klassen erbij: {ids['demo_class_name']}"


def test_a_school_administrator_sees_only_their_school(demo_env, demo_db_url):
    ids = other_school(demo_db_url)
    at = app("app_pages/admin.py", user_id=ids["school_admin"])
    assert not at.exception
    assert "Je bent beheerder van" in texts(at)
    assert at.selectbox[1].options == ["Basisschool De Regenboog"]  # no other school, no global
    users = set(at.dataframe[0].value["Gebruikersnaam"])
    assert "anker-juf" not in users and {"teacher", "counsellor"} <= users
    assert "admin" not in users  # the global administrator is not this school's to manage
    rows = log(at)
    assert rows[0]["Voor"] == "regenboog-admin" and rows[0]["Door"] == "admin"
    # the demo school's own accounts (seeded: by the system, via the demo), not Anker's
    assert {r["Voor"] for r in rows} == {"regenboog-admin", "teacher", "counsellor"}
    assert {r["Via"] for r in rows[1:]} == {"demo"}
    boss = app("app_pages/admin.py", user_id=demo_env["admin"])
    assert {"anker-juf", "regenboog-admin"} <= {r["Voor"] for r in log(boss)}
