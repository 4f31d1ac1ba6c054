"""Typed navigation between pages (ui/navigation.py): the profile's pupil and wave travel in
the URL and survive a reload; the class one works in follows the teacher from page to page;
ids from outside (an edited URL, a remembered class) never widen the user's scope."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.models import Pupil, SchoolClass, UserClass, Wave
from tests.app.conftest import app, texts
from ui.navigation import CLASS_KEY


@pytest.fixture
def ids(demo_env, demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        lucas = s.scalar(select(Pupil).where(Pupil.first_name == "Lucas",
                                             Pupil.last_name == "Groot"))
        waves = s.scalars(select(Wave.id).where(Wave.class_id == lucas.class_id)
                          .order_by(Wave.starts_on)).all()
        # a second class for the demo teacher, so there is a choice to remember
        teacher_class = s.scalar(select(UserClass.class_id).where(
            UserClass.user_id == demo_env["teacher"]))
        school_id = s.get(SchoolClass, teacher_class).school_id
        second = SchoolClass(school_id=school_id, name="Groep 7 extra", grade=7)
        s.add(second)
        s.flush()
        s.add(UserClass(user_id=demo_env["teacher"], class_id=second.id))
        out = {"lucas": lucas.id, "lucas_class": lucas.class_id, "wave1": waves[0],
               "wave2": waves[1], "teacher_class": teacher_class, "second": second.id}
    engine.dispose()
    return out


def _profile_shown(at) -> bool:
    return "Lucas de Groot" in texts(at)


def test_opening_a_profile_puts_pupil_and_wave_in_the_url_and_a_reload_keeps_them(
        demo_env, ids):
    at = app(user_id=demo_env["counsellor"])
    at.switch_page("app_pages/classmap.py").run()
    next(s for s in at.selectbox if s.label == "Kies een leerling").set_value(ids["lucas"]).run()
    at.button(key="cm_open_picked").click().run()
    assert not at.exception and _profile_shown(at)
    assert dict(at.query_params)["pupil"] == str(ids["lucas"])
    wave_shown = next(s for s in at.selectbox if s.label == "Meting").value

    # another wave in the profile: the URL follows (AppTest runs the page it was last
    # switched to by the test, so the test follows the switch the page made)
    at.switch_page("app_pages/profile.py").run()
    assert next(s for s in at.selectbox if s.label == "Meting").value == wave_shown
    other = ids["wave1"] if wave_shown == ids["wave2"] else ids["wave2"]
    next(s for s in at.selectbox if s.label == "Meting").set_value(other).run()
    assert not at.exception
    assert dict(at.query_params) == {"pupil": str(ids["lucas"]), "wave": str(other)}

    # a reload is a new session with only the URL: the same pupil on the same wave
    reloaded = app("app_pages/profile.py", user_id=demo_env["counsellor"],
                   pupil=str(ids["lucas"]), wave=str(other))
    assert not reloaded.exception and _profile_shown(reloaded)
    assert next(s for s in reloaded.selectbox if s.label == "Meting").value == other


@pytest.mark.parametrize("pupil", ["abc", "-4", "999999"])
def test_a_broken_pupil_in_the_url_gives_the_picker(demo_env, ids, pupil):
    at = app("app_pages/profile.py", user_id=demo_env["counsellor"], pupil=pupil, wave="x")
    assert not at.exception
    assert at.selectbox(key="pf_class") is not None  # choose a class and a pupil instead
    assert "pupil" not in dict(at.query_params)


def test_the_class_one_works_in_follows_the_teacher_across_pages(demo_env, ids):
    at = app(user_id=demo_env["teacher"])
    at.switch_page("app_pages/ratings.py").run()
    at.selectbox(key="ratings_class").set_value(ids["second"]).run()
    assert not at.exception
    for page, key in (("app_pages/waves.py", "waves_class"),
                      ("app_pages/setup.py", "setup_class"),
                      ("app_pages/classmap.py", "cm_class"),
                      ("app_pages/classes.py", "class_id")):
        at.switch_page(page).run()
        assert not at.exception, page
        assert at.selectbox(key=key).value == ids["second"], page
    # and back: chosen on the set-up page, the ratings page opens on it
    at.switch_page("app_pages/setup.py").run()
    at.selectbox(key="setup_class").set_value(ids["teacher_class"]).run()
    at.switch_page("app_pages/ratings.py").run()
    assert at.selectbox(key="ratings_class").value == ids["teacher_class"]
    # "a new class" on the set-up page is not a class to remember
    at.switch_page("app_pages/setup.py").run()
    at.selectbox(key="setup_class").set_value(-1).run()
    assert at.session_state[CLASS_KEY] == ids["teacher_class"]


def test_a_profile_remembers_its_class_for_the_class_map(demo_env, ids):
    at = app(user_id=demo_env["counsellor"])
    at.switch_page("app_pages/classmap.py").run()
    at.selectbox(key="cm_class").set_value(ids["second"]).run()  # working in another class
    assert at.session_state[CLASS_KEY] == ids["second"]
    at.query_params["pupil"], at.query_params["wave"] = str(ids["lucas"]), str(ids["wave1"])
    at.switch_page("app_pages/profile.py").run()
    assert _profile_shown(at)
    assert at.session_state[CLASS_KEY] == ids["lucas_class"]
    at.switch_page("app_pages/classmap.py").run()
    assert at.selectbox(key="cm_class").value == ids["lucas_class"]
