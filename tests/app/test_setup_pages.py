"""AppTest of the teacher's set-up pages (app_pages/setup.py, app_pages/waves.py) on a
private copy of the demo database: create a class, import a roster (preview, then commit;
a bad file changes nothing), add a pupil, consent, and a wave from draft to open to closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey.db import make_engine, session_scope
from survey.models import (
    AuditEvent,
    ChildToken,
    Pupil,
    School,
    SchoolClass,
    User,
    UserClass,
    Wave,
)
from tests.app.conftest import ROOT, app, texts
from ui.navigation import CLASS_KEY

CORPUS = Path(__file__).resolve().parents[1] / "unit" / "roster_corpus"
SAMPLE_CSV = ROOT / "sample_data" / "roster_groep6.csv"


@pytest.fixture
def db(demo_env, demo_db_url):
    engine = make_engine(demo_db_url)
    yield engine
    engine.dispose()


def new_class(db, teacher_id: int, name: str = "Groep 6B") -> int:
    """An empty class in the teacher's school and scope, made directly in the database."""
    with session_scope(db) as s:
        user = s.get(User, teacher_id)
        c = SchoolClass(school_id=user.school_id, name=name, grade=6)
        s.add(c)
        s.flush()
        s.add(UserClass(user_id=teacher_id, class_id=c.id))
        return c.id


def setup_page(user_id: int, class_id: int | None = None):
    at = app("app_pages/setup.py", user_id=user_id)
    if class_id is not None:
        at.selectbox(key="setup_class").set_value(class_id).run()
    return at


def pupil_count(db, class_id: int) -> int:
    with session_scope(db) as s:
        return s.scalar(select(func.count()).where(Pupil.class_id == class_id))


def test_only_teachers_and_only_their_own_classes(demo_env, db):
    refused = app("app_pages/setup.py", user_id=demo_env["counsellor"])
    assert "niet beschikbaar" in texts(refused)
    with session_scope(db) as s:
        own = set(s.scalars(select(UserClass.class_id).where(
            UserClass.user_id == demo_env["teacher"])))
        school = s.scalar(select(School))
        other = SchoolClass(school_id=school.id, name="Groep 8 van een ander", grade=8)
        s.add(other)
        s.flush()
        other_id = other.id
    at = app("app_pages/setup.py", user_id=demo_env["teacher"])
    options = at.selectbox(key="setup_class").options
    assert len(options) == len(own) + 1  # own classes + "create a new class"
    assert "Groep 8 van een ander" not in options
    # Even with the shared class choice pointing at another class, it is never shown.
    at = app("app_pages/waves.py", user_id=demo_env["teacher"])
    at.session_state[CLASS_KEY] = other_id
    at.run()
    assert at.selectbox(key="waves_class").value != other_id


def test_create_a_class_then_import_the_sample_roster(demo_env, db):
    teacher = demo_env["teacher"]
    at = app("app_pages/setup.py", user_id=teacher)
    at.selectbox(key="setup_class").set_value(-1).run()
    at.text_input(key="new_class_name").input("Groep 6C")
    at.button[0].click().run()
    assert not at.exception
    assert "De klas is aangemaakt" in texts(at)
    with session_scope(db) as s:
        created = s.scalar(select(SchoolClass).where(SchoolClass.name == "Groep 6C"))
        assert created.school_id == s.get(User, teacher).school_id
        assert s.get(UserClass, (teacher, created.id)) is not None
        class_id = created.id
    assert at.selectbox(key="setup_class").value == class_id
    assert "nog geen leerlingen" in texts(at)

    at.file_uploader[0].set_value(("roster_groep6.csv", SAMPLE_CSV.read_bytes(), "text/csv"))
    at.run()
    assert "Voorbeeld: 24 nieuw, 0 bijgewerkt, 0 ongewijzigd" in texts(at)
    assert pupil_count(db, class_id) == 0  # the preview writes nothing
    preview = at.dataframe[-1].value
    assert len(preview) == 24 and set(preview.iloc[:, 0]) == {"nieuw"}
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    assert not at.exception
    assert "Klaar: 24 leerlingen toegevoegd" in texts(at)
    assert pupil_count(db, class_id) == 24
    with session_scope(db) as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "roster.import"))
        assert (event.user_id, event.detail["added"]) == (teacher, 24)


@pytest.mark.parametrize("name", ["bad_duplicate_pupil_number.csv", "bad_formula_cells.xlsx",
                                  "bad_two_sheets.xlsx", "bad_empty.csv"])
def test_a_bad_roster_shows_the_problems_and_changes_nothing(demo_env, db, name):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    at.file_uploader[0].set_value((name, (CORPUS / name).read_bytes(), "text/csv"))
    at.run()
    assert not at.exception
    assert "Er is niets ingelezen" in texts(at)
    assert not [b for b in at.button if b.label.startswith("Inlezen")]
    problems = at.table[-1].value
    assert len(problems) >= 1 and all(problems.iloc[:, 1].str.len() > 10)
    assert pupil_count(db, class_id) == 0


def test_add_a_pupil_by_hand_and_give_consent(demo_env, db):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    at.text_input(key="add_first").input("Sara")
    at.text_input(key="add_last").input("Bos")
    at.selectbox(key="add_gender").set_value("f")
    at.selectbox(key="add_consent").set_value("given")
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert not at.exception
    assert "Sara Bos is toegevoegd." in texts(at)
    with session_scope(db) as s:
        pupil = s.scalar(select(Pupil).where(Pupil.class_id == class_id))
        assert (pupil.full_name, pupil.gender, pupil.consent.status) == ("Sara Bos", "f", "given")
    # an empty first name is refused with a plain message
    at.text_input(key="add_first").input("")
    at.text_input(key="add_last").input("Dijk")
    next(b for b in at.button if b.label == "Toevoegen").click().run()
    assert "De voornaam ontbreekt." in texts(at)
    assert pupil_count(db, class_id) == 1


def test_wave_from_draft_to_open_to_closed(demo_env, db):
    teacher = demo_env["teacher"]
    class_id = new_class(db, teacher)
    at = app(user_id=teacher)  # through the router, so switch_page works like the sidebar
    at.switch_page("app_pages/setup.py").run()
    at.selectbox(key="setup_class").set_value(class_id).run()
    at.file_uploader[0].set_value(("roster_groep6.csv", SAMPLE_CSV.read_bytes(), "text/csv"))
    at.run()
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    with session_scope(db) as s:  # opt-in demo school: give consent to everyone
        for p in s.scalars(select(Pupil).where(Pupil.class_id == class_id)):
            p.consent.status = "given"

    at.switch_page("app_pages/waves.py").run()
    assert at.selectbox(key="waves_class").value == class_id  # the class choice is shared
    at.text_input(key="wave_name").input("Najaar 2026")
    at.checkbox(key="q_liked_least").uncheck()
    at.button(key="FormSubmitter:new_wave-Meting klaarzetten").click().run()
    assert not at.exception, at.exception
    with session_scope(db) as s:
        wave = s.scalar(select(Wave).where(Wave.class_id == class_id))
        assert (wave.status, wave.questions) == (
            "draft", ["liked_most", "teacher_likes", "teacher_angry"])
        wave_id = wave.id
    at.button(key="ask_open").click().run()
    assert "24 kinderen krijgen een inlogkaart" in texts(at)
    at.button(key="yes_open").click().run()
    assert not at.exception, at.exception
    assert "is open" in texts(at)
    with session_scope(db) as s:
        assert s.get(Wave, wave_id).status == "open"
        assert s.scalar(select(func.count()).where(ChildToken.wave_id == wave_id)) == 24
    assert "0%" in [m.value for m in at.metric]
    assert any("nog niet begonnen" in d.value.to_string() for d in at.dataframe)
    at.button(key="ask_close").click().run()
    at.button(key="no_close").click().run()
    with session_scope(db) as s:
        assert s.get(Wave, wave_id).status == "open"  # cancelled
    at.button(key="ask_close").click().run()
    at.button(key="yes_close").click().run()
    with session_scope(db) as s:
        assert s.get(Wave, wave_id).status == "closed"
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.user_id == teacher)).all()
        assert {"wave.create", "wave.open", "wave.close"} <= set(actions)
    assert "inlogkaarten werken niet meer" in texts(at)


def test_reimport_shows_what_changes_and_adds_nobody_twice(demo_env, db):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    at.file_uploader[0].set_value(("roster_groep6.csv", SAMPLE_CSV.read_bytes(), "text/csv"))
    at.run()
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    # The same list again, with one pupil gone and one name corrected.
    lines = SAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    first = lines[1].split(";")
    edited = [lines[0], ";".join(["Fatimah", *first[1:]]), *lines[3:]]
    at.file_uploader[0].set_value(("nieuw.csv", "\n".join(edited).encode(), "text/csv"))
    at.run()
    assert not at.exception
    text = texts(at)
    assert "Voorbeeld: 0 nieuw, 1 bijgewerkt, 22 ongewijzigd" in text
    assert "1 leerling(en) van de klas staan niet in het bestand" in text
    preview = at.dataframe[-1].value
    assert "voornaam: Fatima → Fatimah" in preview.to_string()
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    assert pupil_count(db, class_id) == 24


def test_an_upload_is_read_once_for_the_preview_reruns_and_inlezen(demo_env, db, monkeypatch):
    """Issue [Holes] item 2: the file is read once (cached by the sha256 of its bytes), not
    on every rerun and again on Inlezen."""
    import streamlit as st

    import survey.roster as roster

    calls = []
    real = roster.read_roster

    def counting(data, name, today=None, group=None):
        calls.append(name)
        return real(data, name, today, group)

    monkeypatch.setattr(roster, "read_roster", counting)
    st.cache_data.clear()
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    at.file_uploader[0].set_value(("roster_groep6.csv", SAMPLE_CSV.read_bytes(), "text/csv"))
    at.run()
    at.run()
    assert "Voorbeeld: 24 nieuw" in texts(at)
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    assert not at.exception
    assert "Klaar: 24 leerlingen toegevoegd" in texts(at)
    assert calls == ["roster_groep6.csv"]


def test_a_zip_bomb_upload_shows_a_message_and_stores_nothing(demo_env, db):
    from tests.unit.attack_files import zip_bomb_xlsx

    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    at.file_uploader[0].set_value(("klas.xlsx", zip_bomb_xlsx(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "Er is niets ingelezen" in texts(at)
    problems = at.table[-1].value
    assert "veel groter dan een klassenlijst" in problems.iloc[0, 1]
    assert pupil_count(db, class_id) == 0


def test_an_edex_school_file_asks_for_the_group_then_imports_only_that_group(demo_env, db):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    edex = ROOT / "sample_data" / "edex_school.xml"
    at.file_uploader[0].set_value(("edex_school.xml", edex.read_bytes(), "text/xml"))
    at.run()
    assert not at.exception
    assert "Dit EDEX-bestand heeft 2 groepen" in texts(at)
    assert "Er is niets ingelezen" not in texts(at)  # a school file is not an error
    assert not [b for b in at.button if b.label.startswith("Inlezen")]
    picker = next(s for s in at.selectbox if s.label.startswith("Welke groep"))
    assert picker.options == ["Groep 6 (24 leerlingen)", "Groep 7 (22 leerlingen)"]
    picker.set_value("G2").run()
    assert at.selectbox(key="setup_class").index is not None  # the class picker still shows
    assert "Voorbeeld: 22 nieuw, 0 bijgewerkt, 0 ongewijzigd" in texts(at)
    assert pupil_count(db, class_id) == 0
    next(b for b in at.button if b.label.startswith("Inlezen")).click().run()
    assert not at.exception
    assert "Klaar: 22 leerlingen toegevoegd" in texts(at)
    assert pupil_count(db, class_id) == 22


def test_the_uploader_states_the_real_limit(demo_env, db):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    assert at.file_uploader[0].proto.max_upload_size_mb == 1  # not Streamlit's "200MB"


def test_a_list_with_a_title_row_is_read_and_the_title_said_skipped(demo_env, db):
    class_id = new_class(db, demo_env["teacher"])
    at = setup_page(demo_env["teacher"], class_id)
    data = (CORPUS / "good_title_rows.xlsx").read_bytes()
    at.file_uploader[0].set_value(("groep6.xlsx", data, "application/vnd.openxmlformats"))
    at.run()
    assert not at.exception
    text = texts(at)
    assert "Voorbeeld: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd" in text
    assert "Regel 1 staat boven de kopjes en is overgeslagen" in text
