"""AppTest of the class map, pupil profile and counsellor overview, per role, on the demo
school: the counsellor finds a flagged child, opens the profile, saves care-team notes."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from survey.accounts import create_user
from survey.db import make_engine, session_scope
from survey.models import (
    AuditEvent,
    CareTeamNote,
    Consent,
    Nomination,
    Pupil,
    SchoolClass,
    Wave,
)
from tests.app.conftest import app, texts
from ui.navigation import PROFILE_KEY, ProfileTarget


def _ids(db_url: str) -> dict:
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        lucas = s.scalar(select(Pupil).where(Pupil.first_name == "Lucas",
                                             Pupil.last_name == "Groot"))
        jayden = s.scalar(select(Pupil).where(Pupil.last_name == "Winklaar"))
        waves = s.scalars(select(Wave).where(Wave.class_id == lucas.class_id)
                          .order_by(Wave.starts_on)).all()
        other_class = s.scalar(select(SchoolClass.id).where(SchoolClass.id != lucas.class_id))
        out = {"lucas": lucas.id, "lucas_class": lucas.class_id, "jayden": jayden.id,
               "wave1": waves[0].id, "wave2": waves[1].id, "other_class": other_class}
    engine.dispose()
    return out


@pytest.fixture
def env(demo_env, demo_db_url):
    return demo_env, _ids(demo_db_url), demo_db_url


def _charts(at) -> list:
    return [e for e in at.get("plotly_chart")]


def test_counsellor_class_map_lists_flagged_children_and_opens_a_profile(env):
    users, ids, _ = env
    at = app(user_id=users["counsellor"])
    at.switch_page("app_pages/classmap.py").run()
    assert not at.exception
    shown = texts(at)
    assert "signalen voor een gesprek" in shown
    assert "Dubbel risico" in shown and "Lucas" in shown
    assert len(_charts(at)) == 1
    assert len(at.get("download_button")) == 2  # HTML and Excel
    negative = at.toggle(key="cm_layer_negative")
    assert not negative.disabled  # the counsellor may see negative nominations (default)
    negative.set_value(True).run()
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == "Kies een leerling")
    picker.set_value(ids["lucas"]).run()
    at.button(key="cm_open_picked").click().run()
    assert not at.exception
    shown = texts(at)
    assert "Lucas de Groot" in shown and "Groep 5a" in shown
    assert "geen diagnoses" in shown


def test_teacher_sees_the_map_but_not_negative_names(env):
    users, ids, _ = env
    at = app("app_pages/classmap.py", user_id=users["teacher"])
    assert not at.exception
    assert at.toggle(key="cm_layer_negative").disabled
    prof = app("app_pages/profile.py", user_id=users["teacher"], pupil=str(ids["lucas"]),
               wave=str(ids["wave1"]))
    assert not prof.exception
    shown = texts(prof)
    assert "Lucas de Groot" in shown
    assert "alleen de intern begeleider" in shown  # names of negative choices hidden


def test_profile_shows_three_perspectives_reasons_and_change(env):
    users, ids, _ = env
    at = app("app_pages/profile.py", user_id=users["counsellor"], pupil=str(ids["lucas"]),
             wave=str(ids["wave2"]))
    assert not at.exception
    shown = texts(at)
    for heading in ("Leerkracht", "Kind", "Klasgenoten", "Leerkracht en kind vergeleken",
                    "Verandering sinds de vorige meting", "Zorgoverleg"):
        assert heading in shown
    assert "Dubbel risico" in shown and "conflict met de leerkracht op percentiel" in shown
    assert "Genoemd door:" in shown  # the counsellor sees who chose Lucas negatively
    assert len(at.get("download_button")) == 1  # the PDF


def test_saving_care_team_notes(env):
    users, ids, db_url = env
    at = app("app_pages/profile.py", user_id=users["counsellor"], pupil=str(ids["lucas"]),
             wave=str(ids["wave1"]))
    at.text_input[0].input("onrustig, grappig, gevoelig")
    at.text_area[2].input("Hoe krijg ik meer positieve momenten met Lucas?")
    next(b for b in at.button if b.label == "Bewaren").click().run()  # the form's submit
    assert not at.exception
    assert "Bewaard." in texts(at)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        note = s.scalar(select(CareTeamNote).where(CareTeamNote.pupil_id == ids["lucas"]))
        assert note.wave_id == ids["wave1"]
        assert note.three_words == "onrustig, grappig, gevoelig"
        assert note.work_question == "Hoe krijg ik meer positieve momenten met Lucas?"
        assert note.updated_by == users["counsellor"]
        assert s.scalar(select(AuditEvent.action).where(
            AuditEvent.object_type == "care_team_note")) == "care_note.create"
    engine.dispose()
    again = app("app_pages/profile.py", user_id=users["counsellor"], pupil=str(ids["lucas"]),
                wave=str(ids["wave1"]))
    assert again.text_input[0].value == "onrustig, grappig, gevoelig"


def test_pupil_without_consent_never_appears(env):
    users, ids, _ = env
    at = app("app_pages/profile.py", user_id=users["counsellor"], pupil=str(ids["jayden"]))
    assert not at.exception
    assert "geen gegevens beschikbaar" in texts(at)
    assert "Winklaar" not in texts(at)


def test_teacher_cannot_open_a_pupil_outside_their_classes(env):
    users, ids, db_url = env
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        user = create_user(s, "juf-anders", "klaskaart-demo", "teacher",
                           school_id=s.get(SchoolClass, ids["other_class"]).school_id,
                           class_ids=(ids["other_class"],))
        other_teacher = user.id
    engine.dispose()
    at = app("app_pages/profile.py", user_id=other_teacher, pupil=str(ids["lucas"]))
    assert "geen toegang tot deze klas" in texts(at)
    assert "Lucas de Groot" not in texts(at)


def test_counsellor_overview_shows_participation_and_flagged_children(env):
    users, ids, _ = env
    at = app(user_id=users["counsellor"])
    at.switch_page("app_pages/school.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Deelname per meting" in shown and "Kinderen die aandacht vragen" in shown
    participation, flagged = at.dataframe[0].value, at.table[0].value
    assert len(participation) == 6  # 3 classes × 2 waves
    assert "Lucas de Groot" in flagged["Naam"].tolist()  # the full name (st.table, escaped)
    picker = next(s for s in at.selectbox if s.label == "Kies een leerling")
    row = flagged.index[flagged["Naam"] == "Lucas de Groot"][0]
    picker.set_value(int(row)).run()
    next(b for b in at.button if b.label == "Open profiel").click().run()
    assert not at.exception
    assert "Lucas de Groot" in texts(at)


def test_admin_overview_has_no_pupil_names(env):
    users, _, _ = env
    at = app("app_pages/school.py", user_id=users["admin"])
    assert not at.exception
    assert "Kinderen die aandacht vragen" not in texts(at)
    assert len(at.dataframe) == 1


def test_new_answers_show_up_without_restarting(env):
    """The analysis cache is keyed by a data version: a new nomination changes the numbers."""
    users, ids, db_url = env
    at = app(user_id=users["counsellor"])
    at.session_state[PROFILE_KEY] = ProfileTarget(ids["lucas"], ids["wave2"])
    at.switch_page("app_pages/profile.py").run()
    before = next(line for line in texts(at).splitlines() if "Gekozen als vriend" in line)
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        chosen = set(s.scalars(select(Nomination.rater_id).where(
            Nomination.wave_id == ids["wave2"], Nomination.question_id == "liked_most",
            Nomination.target_id == ids["lucas"])))
        absent_or_chosen = chosen | {ids["lucas"]}
        rater = s.scalar(select(Nomination.rater_id).where(
            Nomination.wave_id == ids["wave2"], Nomination.question_id == "liked_most",
            Nomination.rater_id.not_in(absent_or_chosen)).limit(1))
        s.add(Nomination(wave_id=ids["wave2"], question_id="liked_most", rater_id=rater,
                         target_id=ids["lucas"]))
    engine.dispose()
    at.run()
    after = next(line for line in texts(at).splitlines() if "Gekozen als vriend" in line)
    n_before = int(before.split("door ")[1].split(" ")[0])
    assert after.startswith(before.split("door ")[0] + f"door {n_before + 1} ")


def test_back_from_the_profile_to_the_class_map(env):
    users, ids, _ = env
    at = app(user_id=users["counsellor"])
    at.session_state[PROFILE_KEY] = ProfileTarget(ids["lucas"], ids["wave1"])
    at.switch_page("app_pages/profile.py").run()
    at.button(key="pf_back").click().run()
    assert not at.exception
    assert "Hoe lees ik de klaskaart?" in [e.label for e in at.expander]
    wave = next(s for s in at.selectbox if s.label == "Meting")
    assert wave.value == ids["wave1"]


def test_class_map_of_a_wave_without_participating_pupils_says_so(env):
    """Every pupil's consent refused: a message, not a crash (issue [Holes] item 10)."""
    users, ids, db_url = env
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        pupils = s.scalars(select(Pupil.id).where(Pupil.class_id == ids["lucas_class"])).all()
        s.execute(update(Consent).where(Consent.pupil_id.in_(pupils)).values(status="refused"))
    engine.dispose()
    at = app(user_id=users["teacher"])
    at.switch_page("app_pages/classmap.py").run()
    assert not at.exception
    assert "doet geen leerling mee" in texts(at)
    assert not _charts(at)
