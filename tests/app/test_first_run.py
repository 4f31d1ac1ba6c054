"""The first-run screen (issue 14 item 3): a fresh install without an administrator shows
it instead of the log-in form, and only the one-time set-up code makes the first admin."""

from __future__ import annotations

from sqlalchemy import select

from survey import first_admin, migrate
from survey.db import make_engine, session_scope
from survey.models import User
from tests.app.conftest import ROOT, app, texts

PASSWORD = "correct horse battery"


def fill(at, code: str, username: str = "beheer", password: str = PASSWORD, repeat=None):
    at.text_input[0].input(code)
    at.text_input[1].input(username)
    at.text_input[2].input("Beheer De Linde")
    at.text_input[3].input(password)
    at.text_input[4].input(password if repeat is None else repeat)
    at.button[0].click().run()
    return at


def users(url: str) -> list[tuple[str, str]]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        found = [(u.username, u.role) for u in s.scalars(select(User))]
    engine.dispose()
    return found


def test_fresh_install_needs_the_set_up_code_to_create_the_first_admin(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate.upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KLASKAART_SETUP_CODE_FILE", str(tmp_path / "code.txt"))
    monkeypatch.chdir(ROOT)
    at = app()
    assert not at.exception
    assert "Er is nog geen beheerder" in texts(at)
    assert "klaskaart-demo" not in texts(at)
    code = first_admin.code_path().read_text().strip()
    assert code not in texts(at)  # the screen never shows the code itself
    fill(at, "AAAA-BBBB-CCCC-DDDD-EEEE")  # a stranger who got here first
    assert "Die inrichtingscode klopt niet" in texts(at)
    fill(at, code, repeat="something else")
    assert "niet gelijk" in texts(at)
    fill(at, code, password="short")
    assert "10" in texts(at) and users(url) == []
    fill(at, code)
    assert not at.exception
    assert "Beheerder beheer is aangemaakt" in texts(at)
    assert users(url) == [("beheer", "admin")]
    assert not first_admin.code_path().exists()
    again = app()  # from now on: the log-in form, and the old code is worthless
    assert again.text_input[0].label == "Gebruikersnaam"
    assert "Er is nog geen beheerder" not in texts(again)


def test_demo_install_shows_the_log_in_form(demo_env):
    at = app()
    assert at.text_input[0].label == "Gebruikersnaam"
    assert not first_admin.code_path().exists()
