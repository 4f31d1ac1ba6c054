"""The children who need attention ([Everyday] item 7): the home page lists them across the
user's classes with class, full name and the whole reasons, from the same function as the
school page (``ui.analysis_cache.flagged_pupils``)."""

from __future__ import annotations

from sqlalchemy import select

from survey.db import make_engine, session_scope
from survey.models import Pupil, SchoolClass
from tests.app.conftest import app, shown, texts


def _attention(at):
    """The attention table of a run (st.table), as plain text cells."""
    assert len(at.table) == 1, "one attention table"
    frame = at.table[0].value
    return frame.map(lambda v: shown(str(v)))


def _lucases(demo_db_url):
    engine = make_engine(demo_db_url)
    with session_scope(engine) as s:
        rows = s.execute(select(Pupil.first_name, Pupil.tussenvoegsel, Pupil.last_name,
                                SchoolClass.name).join(SchoolClass)
                         .where(Pupil.first_name == "Lucas")).all()
    engine.dispose()
    return rows


def test_counsellor_home_lists_flagged_children_by_class_and_full_name(demo_env, demo_db_url):
    home = app("app_pages/home.py", user_id=demo_env["counsellor"])
    assert not home.exception
    table = _attention(home)
    assert list(table.columns) == ["Klas", "Naam", "Meting", "Redenen"]
    # three different Lucases were three rows of "Lucas": now each full name, with the class
    lucas = table[table["Naam"].str.startswith("Lucas")]
    assert len(lucas) == 3
    assert lucas["Naam"].nunique() == 3 and (lucas["Naam"] != "Lucas").all()
    full = {(" ".join(p for p in (f, tv, last) if p), c) for f, tv, last, c in _lucases(
        demo_db_url)}
    assert set(zip(lucas["Naam"], lucas["Klas"], strict=True)) <= full
    assert set(table["Klas"]) == {"Groep 5a", "Groep 6b", "Groep 7a"}
    # the whole reasons, not a cut-off cell; they do not repeat the name
    assert table["Redenen"].str.contains("sociale voorkeur").all()
    # the reference group in words ([Everyday] item 8): which classes, how many pupils
    assert table["Redenen"].str.contains(
        "referentiegroep: de 3 klassen van deze meting (Groep 5a, Groep 6b, Groep 7a), "
        "70 leerlingen met een score", regex=False).any()
    for row in table.itertuples():
        assert row.Naam not in row.Redenen
    # the school page shows the very same list
    school = app("app_pages/school.py", user_id=demo_env["counsellor"])
    assert not school.exception
    assert _attention(school).equals(table)


def test_a_teacher_sees_only_their_own_classes_and_an_admin_no_names(demo_env):
    teacher = app("app_pages/home.py", user_id=demo_env["teacher"])
    assert not teacher.exception
    counsellor = _attention(app("app_pages/home.py", user_id=demo_env["counsellor"]))
    mine = _attention(teacher)
    assert len(mine) <= len(counsellor)
    assert set(mine["Klas"]) <= set(counsellor["Klas"])
    admin = app("app_pages/home.py", user_id=demo_env["admin"])
    assert not admin.exception and len(admin.table) == 0


def test_the_open_profile_button_opens_the_chosen_child(demo_env):
    home = app(user_id=demo_env["counsellor"])  # the router: the home page first
    chosen = _attention(home).iloc[1]
    home.selectbox(key="home_attention_pick").select(1)
    home.button(key="home_attention_open").click().run()
    assert not home.exception
    assert "pupil" in dict(home.query_params)
    assert chosen["Naam"] in shown("\n".join(str(e.value) for e in (*home.title,
                                                                    *home.header)))
    # the profile names the reference group the same way ([Everyday] item 8)
    assert ("Referentiegroep: de 3 klassen van deze meting (Groep 5a, Groep 6b, Groep 7a), "
            "70 leerlingen met een score.") in texts(home)
