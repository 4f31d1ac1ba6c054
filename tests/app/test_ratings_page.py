"""AppTest of the teacher-rating page: per pupil (save on every answer, resume after a new
session, next pupil), class overview, grid, consent and scope."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from survey.access import SYSTEM
from survey.accounts import create_user
from survey.db import make_engine, session_scope
from survey.models import Pupil, SchoolClass, TeacherRating, Wave
from survey.ratings import class_overview, item_order, rateable_waves, wave_ratings
from tests.app.conftest import app, shown, texts

ORDER = item_order()
PAGE = "app_pages/ratings.py"


@pytest.fixture
def fresh(demo_env, demo_db_url):
    """Groep 5a, newest wave, with every teacher rating removed: (users, engine, wave, pupils)."""
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        class_id = s.scalar(select(SchoolClass.id).where(SchoolClass.name == "Groep 5a"))
        wave_id = rateable_waves(s, class_id, actor=SYSTEM)[0].id
        s.execute(delete(TeacherRating).where(TeacherRating.wave_id == wave_id))
        pupils = [r.pupil_id for r in class_overview(s, wave_id, actor=SYSTEM)]
    yield demo_env, engine, wave_id, pupils
    engine.dispose()


def key(wave_id: int, pupil_id: int, item_id: str) -> str:
    return f"rate_{wave_id}_{pupil_id}_{item_id}"


def progress(at) -> str:
    return at.get("progress")[0].proto.text


def stored(engine, wave_id: int) -> dict[int, dict[str, int]]:
    with session_scope(engine) as s:
        return {p: r for p, r in wave_ratings(s, wave_id, actor=SYSTEM).items() if r}


def test_every_answer_is_saved_at_once_and_a_new_session_resumes(fresh):
    users, engine, wave_id, pupils = fresh
    at = app(PAGE, user_id=users["teacher"])
    assert not at.exception
    first = pupils[0]
    assert at.selectbox(key=f"ratings_pupil_{wave_id}").value == first
    assert len(at.radio) == 28
    # every statement shows the five anchors as its options
    assert at.radio[0].options[0].endswith("Klopt helemaal niet")
    assert at.radio[0].options[4].endswith("Klopt helemaal")
    assert progress(at) == "0 van 28 beantwoord"
    at.radio(key=key(wave_id, first, ORDER[0])).set_value(4).run()
    at.radio(key=key(wave_id, first, ORDER[1])).set_value(2).run()
    assert not at.exception
    assert stored(engine, wave_id) == {first: {ORDER[0]: 4, ORDER[1]: 2}}
    assert progress(at) == "2 van 28 beantwoord"
    assert at.button(key="continue_at").label == "Verder bij uitspraak 3"
    # a reload is a new session: same pupil, the answers shown from the database
    again = app(PAGE, user_id=users["teacher"])
    assert again.selectbox(key=f"ratings_pupil_{wave_id}").value == first
    assert again.radio(key=key(wave_id, first, ORDER[0])).value == 4
    assert again.radio(key=key(wave_id, first, ORDER[1])).value == 2
    assert again.radio(key=key(wave_id, first, ORDER[2])).value is None
    assert again.button(key="continue_at").label == "Verder bij uitspraak 3"
    # a changed answer replaces the old one (no duplicate row)
    again.radio(key=key(wave_id, first, ORDER[0])).set_value(5).run()
    assert stored(engine, wave_id) == {first: {ORDER[0]: 5, ORDER[1]: 2}}


def test_progress_and_next_pupil(fresh):
    users, engine, wave_id, pupils = fresh
    first, second = pupils[0], pupils[1]
    at = app(PAGE, user_id=users["teacher"])
    for item_id in ORDER:
        at.radio(key=key(wave_id, first, item_id)).set_value(3).run()
    assert not at.exception
    assert "Alle 28 uitspraken" in texts(at)
    # the picker's label changed to "klaar"; the same pupil stays on screen
    assert at.selectbox(key=f"ratings_pupil_{wave_id}").value == first
    assert progress(at) == "28 van 28 beantwoord"
    at.button(key="next_bottom").click().run()
    assert at.selectbox(key=f"ratings_pupil_{wave_id}").value == second
    assert all(r.value is None for r in at.radio)
    # the first pupil is complete; a new session starts at the second pupil
    assert (
        app(PAGE, user_id=users["teacher"]).selectbox(key=f"ratings_pupil_{wave_id}").value
        == second
    )


def test_class_overview_counts_and_opens_a_pupil(fresh):
    users, engine, wave_id, pupils = fresh
    with session_scope(engine) as s:
        from survey.services import save_teacher_rating

        for item_id in ORDER:
            save_teacher_rating(s, wave_id, pupils[0], item_id, 2, actor=SYSTEM)
        for item_id in ORDER[:5]:
            save_teacher_rating(s, wave_id, pupils[1], item_id, 2, actor=SYSTEM)
    at = app(PAGE, user_id=users["teacher"])
    at.button_group(key="ratings_mode").set_value("overview").run()
    assert not at.exception
    n = len(pupils)
    assert f"1 klaar · 1 gedeeltelijk · {n - 2} nog niet begonnen" in texts(at)
    table = at.dataframe[0].value
    assert len(table) == n
    assert table["Status"].tolist()[:3] == ["✓ klaar", "5 van 28", "nog niet begonnen"]
    at.selectbox(key="ratings_overview_pick").set_value(pupils[1]).run()
    at.button(key="ratings_overview_open").click().run()
    assert at.button_group(key="ratings_mode").value == "pupil"
    assert at.selectbox(key=f"ratings_pupil_{wave_id}").value == pupils[1]
    assert at.button(key="continue_at").label == "Verder bij uitspraak 6"


def test_grid_shows_pupils_by_statements(fresh):
    users, engine, wave_id, pupils = fresh
    at = app(PAGE, user_id=users["teacher"])
    at.button_group(key="ratings_mode").set_value("grid").run()
    assert not at.exception
    grid = at.dataframe[0].value
    assert len(grid) == len(pupils)
    assert list(grid.columns) == ["pupil", *ORDER]
    assert grid[ORDER].isna().all().all()
    at.button(key="grid_save").click().run()
    assert "Er was niets nieuws om op te slaan." in texts(at)


def test_pupils_without_consent_never_appear(demo_env, demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        class_id = s.scalar(select(SchoolClass.id).where(SchoolClass.name == "Groep 6b"))
        refused = s.scalar(select(Pupil.id).where(Pupil.last_name == "Winklaar"))
    engine.dispose()
    at = app(PAGE, user_id=demo_env["teacher"])
    at.selectbox(key="ratings_class").set_value(class_id).run()
    assert not at.exception
    pupil_box = next(b for b in at.selectbox if b.key.startswith("ratings_pupil_"))
    assert refused not in pupil_box.options and len(pupil_box.options) == 21
    assert "Winklaar" not in texts(at)
    at.button_group(key="ratings_mode").set_value("grid").run()
    # the only Jayden of the class is the refused one: no "Jayden" (survey.names) in the grid
    assert not any(n.startswith("Jayden") for n in at.dataframe[0].value["pupil"].tolist())


def test_english_interface_keeps_the_wave_language_for_statements(fresh):
    users, _, _, _ = fresh
    at = app(PAGE, user_id=users["teacher"])
    at.session_state["language"] = "en"
    at.run()
    assert "My ratings" in texts(at)
    assert "The statements are in the language of the wave (Nederlands)." in texts(at)
    assert shown(at.radio[0].label).startswith("1. Dit kind")  # statements: the wave's language
    assert at.radio[0].options[0].endswith("Klopt helemaal niet")


def test_teacher_without_classes_and_other_roles(demo_env, demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        school_id = s.scalar(select(SchoolClass.school_id))
        lonely = create_user(s, "newteacher", "long enough pw", "teacher", school_id=school_id).id
        assert s.scalar(select(Wave.id)) is not None
    engine.dispose()
    at = app(PAGE, user_id=lonely)
    assert not at.exception and len(at.radio) == 0
    assert "Er zijn nog geen klassen aan jouw account gekoppeld." in texts(at)
    refused = app(PAGE, user_id=demo_env["counsellor"])
    assert "Deze pagina is niet beschikbaar voor jouw rol." in texts(refused)
