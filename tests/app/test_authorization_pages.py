"""AppTest: an edit tampered with in the browser (a row for a pupil of a class outside the
teacher's scope, added to the consent editor or the ratings grid) ends in the "not allowed"
message, not in a KeyError, and nothing is stored (survey.access below the pages)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from survey.access import SYSTEM
from survey.db import make_engine, session_scope
from survey.i18n import t
from survey.models import Consent, Pupil, School, SchoolClass, TeacherRating
from survey.ratings import item_order, rateable_waves
from tests.app.conftest import app, texts

NOT_ALLOWED = t("error.not_allowed", "nl")


@pytest.fixture
def world(demo_env, demo_db_url):
    """The demo database plus a class of another school with one pupil (consent given):
    (users, engine, foreign pupil id)."""
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        school = School(name="Een andere school", consent_mode="opt_in")
        s.add(school)
        s.flush()
        other = SchoolClass(school_id=school.id, name="Groep 7 elders", grade=7)
        s.add(other)
        s.flush()
        pupil = Pupil(class_id=other.id, first_name="Vreemd", last_name="Kind", gender="m")
        s.add(pupil)
        s.flush()
        s.add(Consent(pupil_id=pupil.id, status="unknown"))
        foreign = pupil.id
    yield demo_env, engine, foreign
    engine.dispose()


def consents(engine) -> dict[int, str]:
    with session_scope(engine) as s:
        return dict(s.execute(select(Consent.pupil_id, Consent.status)).all())


def test_a_foreign_row_in_the_consent_editor_is_refused_with_the_message(world):
    users, engine, foreign = world
    before = consents(engine)
    at = app("app_pages/setup.py", user_id=users["teacher"])
    assert not at.exception
    at.session_state["consent_editor_0"] = {
        "edited_rows": {},
        "added_rows": [{"_index": foreign, t("col.consent", "nl"): t("consent.given", "nl")}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception  # was: KeyError for the unknown pupil id
    save = next(b for b in at.button if b.label == t("setup.save_consent", "nl", n=1))
    save.click().run()
    assert not at.exception
    assert NOT_ALLOWED in texts(at)
    assert consents(engine) == before


def test_a_foreign_row_in_the_ratings_grid_is_refused_with_the_message(world):
    users, engine, foreign = world
    with session_scope(engine) as s:
        class_id = s.scalar(select(SchoolClass.id).where(SchoolClass.name == "Groep 5a"))
        wave_id = rateable_waves(s, class_id, actor=SYSTEM)[0].id
        n_before = s.scalar(select(func.count()).select_from(TeacherRating))
    at = app("app_pages/ratings.py", user_id=users["teacher"])
    at.button_group(key="ratings_mode").set_value("grid").run()
    first = item_order()[0]
    at.session_state[f"ratings_grid_{wave_id}_0"] = {
        "edited_rows": {0: {first: 4}},  # an own pupil, so the refusal covers it too
        "added_rows": [{"_index": foreign, "pupil": "x", first: 4}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception  # was: KeyError in grid_changes
    at.button(key="grid_save").click().run()
    assert not at.exception
    assert NOT_ALLOWED in texts(at)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(TeacherRating)) == n_before
        assert s.scalar(select(TeacherRating.id).where(TeacherRating.pupil_id == foreign)) is None
