"""AppTest smoke of every page for every role: allowed pages render without exceptions and
refused pages stop with a message (both through the router and when run directly)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.models import ChildToken, User, Wave
from tests.app.conftest import app, texts

PAGES = ["home", "classes", "school", "research", "admin", "account", "setup", "waves",
         "ratings", "classmap", "profile", "research_import"]
ALLOWED = {
    "teacher": {"home", "classes", "account", "setup", "waves", "ratings", "classmap", "profile"},
    "counsellor": {"home", "school", "classes", "account", "classmap", "profile"},
    "researcher": {"home", "research", "research_import", "account"},
    "admin": {"home", "admin", "school", "account"},
}


def test_anonymous_visitor_sees_only_the_login_form(demo_env):
    at = app()
    assert not at.exception
    assert at.text_input[0].label == "Gebruikersnaam"
    assert "klaskaart-demo" in texts(at)  # the demo hint shows because the demo is seeded
    direct = app("app_pages/classes.py")
    assert "Log eerst in." in texts(direct)


def test_login_with_wrong_then_right_password(demo_env):
    at = app()
    at.text_input[0].input("teacher")
    at.text_input[1].input("wrong-password")
    at.button[0].click().run()
    assert "Gebruikersnaam of wachtwoord klopt niet." in texts(at)
    at.text_input[0].input("nobody-here")
    at.button[0].click().run()
    assert "Gebruikersnaam of wachtwoord klopt niet." in texts(at)
    at.text_input[0].input("teacher")
    at.text_input[1].input("klaskaart-demo")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["user_id"] == demo_env["teacher"]
    assert "Welkom, Juf Fatima" in texts(at)
    assert "Groep" in at.dataframe[0].value.iloc[0, 0]


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_for_every_role(demo_env, role, page):
    direct = app(f"app_pages/{page}.py", user_id=demo_env[role])
    if page in ALLOWED[role]:
        assert not direct.exception, direct.exception
        assert "niet beschikbaar" not in texts(direct)
        routed = app(user_id=demo_env[role])
        routed.switch_page(f"app_pages/{page}.py").run()
        assert not routed.exception
    else:
        assert "Deze pagina is niet beschikbaar voor jouw rol." in texts(direct)


def test_teacher_sees_the_demo_classes_and_pupils(demo_env):
    at = app("app_pages/classes.py", user_id=demo_env["teacher"])
    assert len(at.selectbox[0].options) == 3
    pupils = at.dataframe[1].value
    assert len(pupils) >= 20 and "Naam" in pupils.columns


def test_researcher_page_is_pseudonymised(demo_env):
    at = app("app_pages/research.py", user_id=demo_env["researcher"])
    assert not at.exception
    roster = at.dataframe[0].value
    assert roster["pupil_id"].str.startswith("P-").all()


def test_english_interface(demo_env):
    at = app(user_id=demo_env["counsellor"])
    at.session_state["language"] = "en"
    at.run()
    assert "Welcome, Meester Sander (ib)" in texts(at)


def test_child_token_routes_to_the_kiosk_only(demo_env, demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        open_wave = select(Wave.id).where(Wave.status == "open")
        active = s.scalars(select(ChildToken).where(  # tokens are stored hashed: read .token
            ChildToken.status == "active", ChildToken.wave_id.in_(open_wave))).first().token
        closed = s.scalars(select(ChildToken).where(
            ChildToken.status == "active", ChildToken.wave_id.not_in(open_wave))).first().token
        finished = s.scalar(select(ChildToken).where(ChildToken.status == "finished")).token
    engine.dispose()
    assert "Hoi " in texts(app(t=active))
    assert "Dankjewel" in texts(app(t=finished))
    assert "niet open" in texts(app(t=closed))
    assert "werkt niet" in texts(app(t="forged-token"))


def test_a_child_url_drops_the_adult_login(demo_env):
    """A tablet handed over by a logged-in teacher must not lead back to teacher pages."""
    at = app(user_id=demo_env["teacher"], t="forged-token")
    assert "user_id" not in at.session_state
    at.query_params.clear()
    at.run()
    assert at.text_input[0].label == "Gebruikersnaam"  # back at the log-in form


def test_the_chosen_language_is_remembered_for_the_next_log_in(demo_env, demo_db_url):
    """Choosing English in the sidebar is stored with the account: a reload (a new
    session, logged in again from the cookie) and the next log-in open in English."""
    at = app(user_id=demo_env["teacher"])
    at.selectbox(key="language_selector").set_value("en").run()
    assert "Welcome, Juf Fatima" in texts(at)
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        assert s.get(User, demo_env["teacher"]).language == "en"
    engine.dispose()
