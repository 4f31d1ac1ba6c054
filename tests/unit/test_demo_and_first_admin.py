"""Issue 14 item 3 (and the command-line part of item 8): the demo school and its public
password only in the demo, a first administrator chosen by the installer, checked scope on
account creation, and audited access changes."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import func, select

from sample_data import seed
from survey import __main__ as cli
from survey import first_admin, migrate
from survey.accounts import (
    AccountError,
    access_changes,
    authenticate,
    create_user,
    update_user_access,
)
from survey.db import make_engine, session_scope
from survey.models import AuditEvent, School, SchoolClass, User, UserClass
from tests.conftest import _empty_postgres

PASSWORD = "correct horse battery"


def count(url: str, model) -> int:
    engine = make_engine(url)
    with session_scope(engine) as s:
        n = s.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return n


@pytest.fixture
def embedded(tmp_path, monkeypatch):
    """The embedded SQLite file of a new install (no DATABASE_URL), in a temporary place."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = tmp_path / "data" / "klaskaart.db"
    monkeypatch.setattr("survey.db.DEFAULT_SQLITE_PATH", path)
    monkeypatch.setenv("KLASKAART_SETUP_CODE_FILE", str(tmp_path / "data" / "first-admin-code.txt"))
    return f"sqlite:///{path}"


@pytest.fixture
def two_schools(engine):
    """Two schools with one class each: ({school: id}, {class: id})."""
    with session_scope(engine) as s:
        schools = [School(name="De Linde"), School(name="Het Anker")]
        s.add_all(schools)
        s.flush()
        classes = [SchoolClass(school_id=schools[0].id, name="Groep 5"),
                   SchoolClass(school_id=schools[1].id, name="Groep 6")]
        s.add_all(classes)
        s.flush()
        return ({"linde": schools[0].id, "anker": schools[1].id},
                {"linde5": classes[0].id, "anker6": classes[1].id})


# --- 1. the demo only in the demo -------------------------------------------------------


def test_seed_refuses_a_configured_postgres_database(postgres_url, monkeypatch, capsys):
    _empty_postgres(postgres_url)
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    assert seed.main(["--no-migrate"]) == 0  # `make run` goes on to start the app
    captured = capsys.readouterr()
    assert "DATABASE_URL is set" in captured.out and "create-user NAME --role admin" in captured.out
    assert count(postgres_url, User) == 0 and count(postgres_url, School) == 0
    code = first_admin.code_path().read_text().strip()  # the first-run code, for the installer
    assert code in captured.err
    first_admin.discard_setup_code()


def test_seed_into_a_configured_database_only_when_asked_with_a_warning(
    postgres_url, monkeypatch, capsys
):
    _empty_postgres(postgres_url)
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    assert seed.main(["--no-migrate", "--demo-in-configured-database"]) == 0
    captured = capsys.readouterr()
    assert "WARNING" in captured.err and "PUBLIC password" in captured.err
    assert count(postgres_url, User) == 4
    _empty_postgres(postgres_url)


def test_default_embedded_run_seeds_the_demo_once(embedded, capsys):
    assert seed.main([]) == 0  # what `make run` does on a new install (with the migration)
    assert "demo school seeded" in capsys.readouterr().out
    engine = make_engine(embedded)
    with session_scope(engine) as s:
        assert authenticate(s, "admin", seed.DEMO_PASSWORD).user is not None
    engine.dispose()
    assert seed.main(["--no-migrate"]) == 0
    assert "demo not seeded" in capsys.readouterr().out
    assert count(embedded, User) == 4 and count(embedded, School) == 1


def test_embedded_database_with_an_installer_admin_gets_no_demo(embedded, capsys, monkeypatch):
    migrate.upgrade()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    assert cli.main(["create-user", "beheer", "--role", "admin"]) == 0
    assert seed.main(["--no-migrate"]) == 0
    assert "demo not seeded" in capsys.readouterr().out
    assert count(embedded, School) == 0
    engine = make_engine(embedded)
    with session_scope(engine) as s:
        assert [u.username for u in s.scalars(select(User))] == ["beheer"]
    engine.dispose()


# --- 4. create_user checks the scope ----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "key", "en", "nl"),
    [
        (dict(role="teacher", school_id="anker", class_ids=("linde5",)),
         "admin.class_other_school", "is not of school", "hoort niet bij school"),
        (dict(role="teacher", school_id=None, class_ids=("linde5",)),
         "admin.classes_need_school", "belongs to a school", "hoort bij een school"),
        (dict(role="teacher", school_id=999), "admin.unknown_school", "no school with id 999",
         "geen school met nummer 999"),
        (dict(role="teacher", school_id="linde", class_ids=(999,)), "admin.unknown_class",
         "no class with id 999", "geen klas met nummer 999"),
        (dict(role="counsellor", school_id="linde", class_ids=("linde5",)),
         "admin.classes_for_teachers", "Only a teacher", "Alleen een leerkracht"),
    ],
)
def test_create_user_refuses_a_scope_that_does_not_hang_together(
    engine, two_schools, kwargs, key, en, nl
):
    schools, classes = two_schools
    school = kwargs.get("school_id")
    school_id = schools.get(school, school) if isinstance(school, str) else school
    class_ids = tuple(classes.get(c, c) for c in kwargs.get("class_ids", ()))
    with pytest.raises(AccountError) as caught, session_scope(engine) as s:
        create_user(s, "juf", PASSWORD, kwargs["role"], school_id=school_id, class_ids=class_ids)
    assert caught.value.key == key
    assert en in caught.value.text("en") and nl in caught.value.text("nl")
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0
        assert s.scalar(select(func.count()).select_from(UserClass)) == 0


def test_cli_refuses_a_class_of_another_school(engine, db_url, two_schools, monkeypatch, capsys):
    schools, classes = two_schools
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    rc = cli.main(["create-user", "x", "--role", "teacher", "--school-id", str(schools["anker"]),
                   "--class-id", str(classes["linde5"])])
    assert rc == 2
    assert f"Class {classes['linde5']} is not of school {schools['anker']}" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert cli.main(["create-user", "x", "--role", "teacher",
                     "--class-id", str(classes["linde5"])]) == 2
    assert "hoort bij een school" in capsys.readouterr().err
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(User)) == 0


def test_cli_audits_the_account_it_creates(engine, db_url, two_schools, monkeypatch):
    schools, classes = two_schools
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    assert cli.main(["create-user", "Juf.Anna", "--role", "teacher", "--school-id",
                     str(schools["linde"]), "--class-id", str(classes["linde5"])]) == 0
    with session_scope(engine) as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "access.user_created"))
        assert event.user_id is None and event.detail["via"] == "cli"
        assert event.detail["username"] == "juf.anna" and event.detail["role"] == "teacher"
        assert event.detail["school_id"] == schools["linde"]
        assert event.detail["class_ids"] == [classes["linde5"]]


# --- 3. access changes are audited and shown to the school's administrator -------------


def test_access_widening_is_audited_per_change_and_filtered_by_school(engine, two_schools):
    schools, classes = two_schools
    with session_scope(engine) as s:
        boss = create_user(s, "boss", PASSWORD, "admin")
        linde_admin = create_user(s, "linde-admin", PASSWORD, "admin", school_id=schools["linde"],
                                  actor_id=boss.id)
        juf = create_user(s, "juf", PASSWORD, "teacher", school_id=schools["linde"],
                          actor_id=linde_admin.id)
        create_user(s, "ib-anker", PASSWORD, "counsellor", school_id=schools["anker"],
                    actor_id=boss.id)
        ids = (boss.id, linde_admin.id, juf.id)
    with session_scope(engine) as s:
        juf = s.get(User, ids[2])
        done = update_user_access(s, juf, role="teacher", school_id=schools["linde"],
                                  class_ids=(classes["linde5"],), active=True, actor_id=ids[1])
        assert done == ["access.classes_added"]
    with session_scope(engine) as s:
        juf = s.get(User, ids[2])
        assert update_user_access(s, juf, role="counsellor", school_id=schools["linde"],
                                  class_ids=(), active=False, actor_id=ids[1]) == [
            "access.role_changed", "access.classes_removed", "access.deactivated"]
    with session_scope(engine) as s:
        juf = s.get(User, ids[2])
        assert update_user_access(s, juf, role="counsellor", school_id=schools["linde"],
                                  class_ids=(), active=True, actor_id=ids[1]) == [
            "access.reactivated"]
        with pytest.raises(AccountError) as caught:  # a teacher of Linde with an Anker class
            update_user_access(s, juf, role="teacher", school_id=schools["linde"],
                               class_ids=(classes["anker6"],), active=True, actor_id=ids[1])
        assert caught.value.key == "admin.class_other_school"
    with session_scope(engine) as s:
        linde = [(e.action, e.detail["username"]) for e in access_changes(s, schools["linde"])]
        every = [(e.action, e.detail["username"]) for e in access_changes(s)]
    assert linde == [("access.reactivated", "juf"), ("access.deactivated", "juf"),
                     ("access.classes_removed", "juf"), ("access.role_changed", "juf"),
                     ("access.classes_added", "juf"), ("access.user_created", "juf"),
                     ("access.user_created", "linde-admin")]
    assert ("access.user_created", "ib-anker") in every and len(every) == len(linde) + 2


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(engine):
    with session_scope(engine) as s:
        boss = create_user(s, "boss", PASSWORD, "admin")
        for role, active in (("teacher", True), ("admin", False)):
            with pytest.raises(AccountError) as caught:
                update_user_access(s, boss, role=role, school_id=None, class_ids=(),
                                   active=active, actor_id=boss.id)
            assert caught.value.key == "admin.last_admin"


# --- 2. the first administrator ---------------------------------------------------------


def test_setup_code_only_while_no_admin_private_file_and_one_use(engine, tmp_path, monkeypatch,
                                                               capsys):
    path = tmp_path / "data" / "first-admin-code.txt"
    monkeypatch.setenv("KLASKAART_SETUP_CODE_FILE", str(path))
    with session_scope(engine) as s:
        create_user(s, "juf", PASSWORD, "teacher")  # an install with users but no admin
        code = first_admin.setup_code(s)
    assert code and len(code.replace("-", "")) == first_admin.CODE_LENGTH
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert code in capsys.readouterr().err  # printed to the server log
    with session_scope(engine) as s:
        assert first_admin.setup_code(s) == code  # stable across reruns and restarts
    for wrong in ("", "AAAA-BBBB-CCCC-DDDD-EEEE", code[:-1]):
        with pytest.raises(AccountError) as caught, session_scope(engine) as s:
            first_admin.create_first_admin(s, wrong, "beheer", PASSWORD)
        assert caught.value.key == "first_run.wrong_code"
    with pytest.raises(AccountError) as caught, session_scope(engine) as s:
        first_admin.create_first_admin(s, code, "beheer", "short")  # the password rules hold
    assert "10" in caught.value.text("en")
    with session_scope(engine) as s:
        admin = first_admin.create_first_admin(s, code.lower().replace("-", " "), "beheer",
                                               PASSWORD)
        assert admin.role == "admin" and admin.school_id is None
    first_admin.discard_setup_code()
    assert not path.exists()
    with pytest.raises(AccountError) as caught, session_scope(engine) as s:
        first_admin.create_first_admin(s, code, "tweede", PASSWORD)
    assert caught.value.key == "first_run.done"
    with session_scope(engine) as s:
        assert first_admin.setup_code(s) is None and not path.exists()
        assert s.scalar(select(func.count()).select_from(User).where(User.role == "admin")) == 1
        event = s.scalar(select(AuditEvent).where(AuditEvent.object_id == str(admin.id)))
        assert event.action == "access.user_created" and event.detail["via"] == "first_run"


def test_cli_first_admin_ends_the_first_run_set_up(embedded, monkeypatch, tmp_path):
    migrate.upgrade()
    engine = make_engine(embedded)
    with session_scope(engine) as s:
        assert first_admin.setup_code(s)
    assert first_admin.code_path().exists()
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    assert cli.main(["create-user", "beheer", "--role", "admin"]) == 0
    assert not first_admin.code_path().exists()
    engine.dispose()


def test_a_school_administrator_manages_only_accounts_of_their_school(engine, two_schools):
    schools, classes = two_schools
    with session_scope(engine) as s:
        linde_admin = create_user(s, "linde-admin", PASSWORD, "admin", school_id=schools["linde"])
        anker_juf = create_user(s, "anker-juf", PASSWORD, "teacher", school_id=schools["anker"])
        teacher = create_user(s, "juf", PASSWORD, "teacher", school_id=schools["linde"])
        ids = linde_admin.id, anker_juf.id, teacher.id
    refused = [
        lambda s: create_user(s, "x", PASSWORD, "teacher", school_id=schools["anker"],
                              actor_id=ids[0]),
        lambda s: create_user(s, "x", PASSWORD, "admin", actor_id=ids[0]),  # a global admin
        lambda s: update_user_access(s, s.get(User, ids[1]), role="teacher",
                                     school_id=schools["linde"], class_ids=(), active=True,
                                     actor_id=ids[0]),
        lambda s: create_user(s, "x", PASSWORD, "teacher", school_id=schools["linde"],
                              actor_id=ids[2]),  # not an admin
    ]
    for attempt in refused:
        with pytest.raises(AccountError) as caught, session_scope(engine) as s:
            attempt(s)
        assert caught.value.key == "error.not_allowed"
    with session_scope(engine) as s:
        create_user(s, "x", PASSWORD, "teacher", school_id=schools["linde"],
                    class_ids=(classes["linde5"],), actor_id=ids[0])
        assert s.scalar(select(func.count()).select_from(User)) == 4
