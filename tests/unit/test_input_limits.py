"""Ordinary bad input gets a clear message, never a crash (issue [Holes] item 10): the
limits are the column lengths of survey.models, checked before anything is written, on
SQLite and on PostgreSQL (``engine``): a 300-character class name, a 32-character school
year, a NUL byte in a pupil name, a CSV field over 131,072 characters (roster and licensed
wording) and a licensed-wording file name too long for the wording source of a wave."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey.access import SYSTEM
from survey.db import session_scope
from survey.instruments import PackError, install_wording, teacher_pack
from survey.instruments.licensed import MAX_SOURCE_NAME
from survey.limits import WORDING_SOURCE_LENGTH
from survey.models import Pupil, SchoolClass, Wave
from survey.roster import (
    CLASS_NAME_LENGTH,
    RosterError,
    add_pupil,
    check_school_year,
    commit_import,
    create_class,
    parse_roster,
    update_pupil,
)
from survey.waves import NAME_LENGTH, WaveError, create_wave
from tests.unit.test_roster import TODAY, make_school, snapshot

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "sample_data" / "licensed_wording_example.csv"
HUGE = "x" * (csv.field_size_limit() + 10)


def teacher(session):
    from survey.models import User

    return session.scalar(select(User).where(User.username == "juf"))


def classes(engine) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(SchoolClass))


def test_the_limits_are_the_columns():
    assert CLASS_NAME_LENGTH == SchoolClass.__table__.c.name.type.length
    assert NAME_LENGTH == Wave.__table__.c.name.type.length
    assert Wave.__table__.c.teacher_wording.type.length == WORDING_SOURCE_LENGTH
    assert len(f"licensed:{'n' * MAX_SOURCE_NAME}:{'0' * 12}") == WORDING_SOURCE_LENGTH


def test_a_300_character_class_name_is_refused(engine):
    make_school(engine)
    before = classes(engine)
    with pytest.raises(RosterError) as info, session_scope(engine) as s:
        create_class(s, teacher(s), "G" * 300, 6, "2026-2027")
    problem = info.value.problems[0]
    assert problem.key == "roster.class_name_long"
    assert f"hooguit {CLASS_NAME_LENGTH}" in problem.text("nl")
    assert "300 characters" in problem.text("en")
    assert classes(engine) == before
    with session_scope(engine) as s:  # the longest name that fits is stored
        assert create_class(s, teacher(s), "G" * CLASS_NAME_LENGTH, 6, "2026-2027").id


def test_a_32_character_school_year_is_refused(engine):
    make_school(engine)
    before = classes(engine)
    with pytest.raises(RosterError) as info, session_scope(engine) as s:
        create_class(s, teacher(s), "Groep 7", 7, "2026-2027 (tweede helft, groep 7)")
    assert info.value.problems[0].key == "roster.school_year"
    assert "2026-2027" in info.value.problems[0].text("en")
    assert classes(engine) == before
    with session_scope(engine) as s:
        assert create_class(s, teacher(s), "Groep 7", 7, "2026 / 2027").school_year == (
            "2026-2027")


def test_school_year_rule():
    assert check_school_year("2026-2027") == "2026-2027"
    for bad in ("2026-2028", "26-27", "", "2026-2027-2028", "2026\x002027"):
        with pytest.raises(RosterError):
            check_school_year(bad)


def test_a_nul_byte_in_a_pupil_name_is_cleaned_before_storing(engine):
    class_id, user_id, _ = make_school(engine)
    with session_scope(engine) as s:
        pupil = add_pupil(s, class_id, {"first_name": "An\x00na", "last_name": "Bos\x00",
                                        "gender": "f"}, actor=SYSTEM)
        pupil_id = pupil.id
    with session_scope(engine) as s:
        update_pupil(s, pupil_id, {"first_name": "Anna", "tussenvoegsel": "\x00de",
                                   "last_name": "B\x00os", "gender": "f"}, actor=SYSTEM)
    with session_scope(engine) as s:
        stored = s.get(Pupil, pupil_id)
        assert (stored.first_name, stored.tussenvoegsel, stored.last_name) == (
            "Anna", "de", "Bos")


def test_a_roster_field_over_the_csv_limit_is_a_message(engine):
    class_id, user_id, _ = make_school(engine)
    before = snapshot(engine)
    data = f"Voornaam;Achternaam;Geslacht\nAnna;Bos;meisje\nPiet;{HUGE};jongen\n".encode()
    parsed = parse_roster(data, "klas.csv", today=TODAY)
    assert [(p.line, p.key) for p in parsed.problems] == [(0, "roster.field_too_large")]
    assert "Regel 3" in parsed.problems[0].text("nl")
    assert "more than 131072 characters" in parsed.problems[0].text("en")
    with pytest.raises(RosterError), session_scope(engine) as s:
        commit_import(s, class_id, parsed, actor=SYSTEM)
    assert snapshot(engine) == before


def test_a_wave_name_over_the_column_is_refused(engine):
    class_id, _, _ = make_school(engine)
    with pytest.raises(WaveError) as info, session_scope(engine) as s:
        create_wave(s, class_id, "M" * (NAME_LENGTH + 1), actor=SYSTEM)
    assert info.value.key == "wave.err_name"
    assert f"hooguit {NAME_LENGTH} tekens" in info.value.text("nl")


@pytest.fixture
def wording_dir(tmp_path, monkeypatch):
    folder = tmp_path / "wording"
    monkeypatch.setenv("KLASKAART_WORDING_DIR", str(folder))
    return folder


def test_a_long_wording_file_name_is_refused_and_new_waves_still_work(wording_dir, engine):
    class_id, _, _ = make_school(engine)
    with pytest.raises(PackError, match="rename the file"):
        install_wording("teacher", EXAMPLE.read_bytes(), "n" * 201 + ".csv")
    assert not wording_dir.exists() or not list(wording_dir.iterdir())  # nothing installed
    assert teacher_pack().wording_source.startswith("own:")
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar 2026", actor=SYSTEM)
        assert wave.teacher_wording.startswith("own:")
    # the longest name that fits is stored in full by a new wave
    longest = "n" * (MAX_SOURCE_NAME - 4) + ".csv"
    install_wording("teacher", EXAMPLE.read_bytes(), longest)
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Voorjaar 2027", actor=SYSTEM)
        assert wave.teacher_wording.startswith(f"licensed:{longest}:")
        assert len(wave.teacher_wording) == WORDING_SOURCE_LENGTH


def test_a_wording_field_over_the_csv_limit_is_a_pack_error(wording_dir):
    data = EXAMPLE.read_text("utf-8") + f"strs_cl01,nl,{HUGE}\n"
    with pytest.raises(PackError, match="longer than 131072 characters"):
        install_wording("teacher", data.encode(), "licensed.csv")
    assert not wording_dir.exists() or not list(wording_dir.iterdir())


def test_a_long_name_installed_before_the_check_still_loads_and_fits(wording_dir, engine):
    """A file installed by an older version under a too-long name: the pack still loads
    (shortened name) and new waves fit their column."""
    import json

    class_id, _, _ = make_school(engine)
    wording_dir.mkdir()
    (wording_dir / "teacher.csv").write_bytes(EXAMPLE.read_bytes())
    (wording_dir / "teacher.json").write_text(json.dumps({"source_name": "n" * 300}))
    assert teacher_pack().wording_source.startswith("licensed:nnn")
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar 2026", actor=SYSTEM)
        assert len(wave.teacher_wording) == WORDING_SOURCE_LENGTH
