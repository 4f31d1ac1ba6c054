"""Roster import rules (survey.roster): the corpus of bad files in ``roster_corpus/`` (each
gives a plain message and leaves the database unchanged), the good files (encodings,
header variants), matching with pupils already in the class, manual edits, consent and
new classes. Storage tests run on SQLite and PostgreSQL (``engine`` fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from survey.db import session_scope
from survey.i18n import LANGUAGES
from survey.models import (
    AuditEvent,
    ChildAnswer,
    ChildToken,
    Consent,
    Pupil,
    School,
    SchoolClass,
    User,
    UserClass,
)
from survey.roster import (
    MAX_BYTES,
    RosterError,
    add_pupil,
    commit_import,
    create_class,
    field_for_header,
    gender_convention,
    parse_date,
    parse_gender,
    parse_roster,
    plan_import,
    set_active,
    set_consent,
    update_pupil,
)
from survey.services import participating_pupils, save_child_answer
from survey.waves import create_wave, open_wave

CORPUS = Path(__file__).parent / "roster_corpus"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
TODAY = dt.date(2026, 11, 23)

# file → the message key that must explain what is wrong
BAD = {
    "bad_wrong_columns.csv": "roster.missing_columns",
    "bad_missing_name.csv": "roster.missing",
    "bad_missing_name.xlsx": "roster.missing",
    "bad_duplicate_pupil_number.csv": "roster.duplicate_number",
    "bad_unreadable_date.csv": "roster.date",
    "bad_unknown_gender.csv": "roster.gender",
    "bad_formula_cells.csv": "roster.formula",
    "bad_formula_cells.xlsx": "roster.formula",
    "bad_gender_only_m.csv": "roster.gender_ambiguous",
    "bad_gender_mixed.csv": "roster.gender_mixed",
    "bad_double_column.csv": "roster.double_column",
    "bad_headers_only.csv": "roster.no_pupils",
    "bad_empty.csv": "roster.empty",
    "bad_blank_lines.csv": "roster.empty",
    "bad_too_many_rows.csv": "roster.too_many_rows",
    "bad_binary.csv": "roster.not_text",
    "bad_corrupt.xlsx": "roster.bad_xlsx",
    "bad_old_excel.xls": "roster.old_format",
    "bad_wrong_type.pdf": "roster.file_type",
    "bad_two_sheets.xlsx": "roster.sheets",
    "bad_edex_malformed.xml": "roster.xml_bad",
    "bad_edex_namespace.xml": "roster.xml_not_edex",
    "bad_edex_bomb.xml": "roster.xml_unsafe",
    "bad_edex_external_entity.xml": "roster.xml_unsafe",
    "bad_edex_no_groups.xml": "roster.xml_no_groups",
    "bad_edex_gender_unknown.xml": "roster.missing",
}


def read(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def parse(name: str):
    return parse_roster(read(name), name, today=TODAY)


def test_corpus_lists_every_bad_file():
    on_disk = {p.name for p in CORPUS.iterdir() if p.name.startswith("bad_")}
    assert on_disk == set(BAD)


# ------------------------------------------------------------------ pure parsing


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_a_plain_message(name):
    parsed = parse(name)
    assert not parsed.ok
    keys = {p.key for p in parsed.problems}
    assert BAD[name] in keys, [p.text("en") for p in parsed.problems]
    for p in parsed.problems:
        for lang in LANGUAGES:
            text = p.text(lang)
            assert text and "{" not in text and not text.startswith("roster."), text


def test_row_problems_name_the_line_and_the_field():
    parsed = parse("bad_missing_name.csv")
    # line 1 = headers; line 3 lacks the last name, line 4 the first name
    assert [(p.line, p.column) for p in parsed.problems] == [(3, "last_name"), (4, "first_name")]
    assert parsed.problems[0].text("nl") == "De achternaam ontbreekt."
    assert parsed.problems[1].text("en") == "The first name is missing."


def test_duplicate_number_points_at_the_first_line():
    (problem,) = parse("bad_duplicate_pupil_number.csv").problems
    assert problem.line == 4
    assert problem.text("en") == "Pupil number 101 is also on line 2."


def test_unreadable_dates_are_each_reported():
    problems = parse("bad_unreadable_date.csv").problems
    assert [(p.line, dict(p.values)["value"]) for p in problems] == [
        (2, "31-02-2016"),  # 31 February does not exist
        (3, "morgen"),
    ]


def test_formula_cells_are_text_never_evaluated():
    problems = parse("bad_formula_cells.xlsx").problems
    values = [dict(p.values)["value"] for p in problems]
    assert values[0].startswith('=HYPERLINK("http://example.com"')
    assert values[1] == "=100+3"  # the formula itself, not 103
    assert {p.column for p in problems} == {"first_name", "pupil_number"}


def test_wrong_columns_say_what_was_found():
    (problem,) = parse("bad_wrong_columns.csv").problems
    text = problem.text("nl")
    assert "voornaam, achternaam" in text and "Naam, Klas, Jongen/meisje" in text


def test_two_sheets_names_them():
    (problem,) = parse("bad_two_sheets.xlsx").problems
    assert "Leerlingen, Ouders" in problem.text("en")


def test_too_large_file_is_refused_before_reading():
    header = read("good_utf8_bom.csv")
    data = header + b"Kind;;Achter;J;01-02-2016;1\r\n" * (MAX_BYTES // 20)
    assert len(data) > MAX_BYTES
    parsed = parse_roster(data, "groot.csv")
    assert [p.key for p in parsed.problems] == ["roster.too_large"]


def test_windows_1252_is_decoded():
    rows = parse("good_windows1252.csv").rows
    assert [r.full_name for r in rows] == ["Zoë Müller", "Noël de Groot", "François Çelik"]


def test_utf8_bom_does_not_hide_the_first_header():
    parsed = parse("good_utf8_bom.csv")
    assert parsed.ok and parsed.columns["first_name"] == "Voornaam"
    assert [r.first_name for r in parsed.rows] == ["Zoë", "Burak", "Łucja"]


def test_english_headers_and_comma_separator():
    parsed = parse("good_english_headers.csv")
    assert parsed.ok
    sara, tim = parsed.rows
    assert (sara.gender, sara.birth_date, sara.pupil_number, sara.photo) == (
        "f", dt.date(2016, 2, 1), "301", "sara.jpg")
    assert (tim.gender, tim.photo) == ("m", None)


def test_headers_of_the_issue_and_an_ignored_column():
    parsed = parse("good_issue_headers.csv")
    assert parsed.ok
    assert parsed.columns["gender"] == "Geslacht (J/M)"
    assert parsed.columns["birth_date"] == "Geboortedatum dd-mm-jjjj"
    assert [r.gender for r in parsed.rows] == ["f", "m"]  # J/M: M = meisje
    assert [r.birth_date for r in parsed.rows] == [dt.date(2016, 2, 1), dt.date(2016, 4, 3)]
    assert [n.key for n in parsed.notes] == ["roster.ignored_column"]


def test_excel_dates_numbers_and_an_empty_second_sheet():
    parsed = parse("good_excel_types.xlsx")
    assert parsed.ok
    assert [(r.first_name, r.tussenvoegsel, r.gender, r.pupil_number) for r in parsed.rows] == [
        ("Sara", "", "f", "501"),  # M/V: V = vrouw; 501.0 from Excel → "501"
        ("Tim", "van", "m", "502"),
    ]
    assert parsed.rows[0].birth_date == dt.date(2016, 2, 1)


@pytest.mark.parametrize("name", ["roster_groep6.csv", "roster_groep6.xlsx"])
def test_sample_rosters_parse(name):
    parsed = parse_roster((SAMPLE / name).read_bytes(), name, today=TODAY)
    assert parsed.ok, [p.text("en") for p in parsed.problems]
    assert len(parsed.rows) == 24
    assert len({r.pupil_number for r in parsed.rows}) == 24
    assert all(r.birth_date and r.gender in ("m", "f") for r in parsed.rows)


def test_header_aliases():
    assert field_for_header("Geboortedatum (dd-mm-jjjj)") == "birth_date"
    assert field_for_header("  ACHTERNAAM ") == "last_name"
    assert field_for_header("Leerling nr.") == "pupil_number"
    assert field_for_header("Voorvoegsel") == "tussenvoegsel"
    assert field_for_header("Groep") is None


def test_gender_conventions():
    assert gender_convention(["j", "m", "m"], "Geslacht") == "jm"
    assert gender_convention(["m", "v"], "Geslacht") == "mv"
    assert gender_convention(["m", "f"], "Gender") == "mf"
    assert gender_convention(["m", "m"], "Geslacht (M/V)") == "mv"
    assert gender_convention(["m", "m"], "Geslacht") is None
    assert gender_convention(["j", "v"], "Geslacht") == "mixed"
    assert parse_gender("Jongen", None) == "m" and parse_gender("girl", None) == "f"
    assert parse_gender("X", None) == "x"
    with pytest.raises(ValueError):
        parse_gender("M", None)


def test_date_rules():
    assert parse_date("7.3.2017", TODAY) == dt.date(2017, 3, 7)  # day first
    assert parse_date("", TODAY) is None
    for bad in ("2017-13-01", "07-03-17", "01-01-2030", "01-01-1900", "3 maart"):
        with pytest.raises(ValueError):
            parse_date(bad, TODAY)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY))
def test_dates_round_trip_in_dutch_format(date):
    assert parse_date(date.strftime("%d-%m-%Y"), TODAY) == date


names = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x17F),
    min_size=1, max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(names, names, st.sampled_from("JM")), min_size=1, max_size=30))
def test_any_clean_roster_round_trips(pupils):
    # Whatever the names (Latin letters with accents), a file we write reads back the same.
    lines = ["Voornaam;Achternaam;Geslacht (J/M);Leerlingnummer"]
    lines += [f"{f};{last};{g};{i}" for i, (f, last, g) in enumerate(pupils)]
    parsed = parse_roster("\r\n".join(lines).encode("utf-8"), "klas.csv", today=TODAY)
    assert parsed.ok
    assert [(r.first_name, r.last_name, r.gender) for r in parsed.rows] == [
        (f, last, "m" if g == "J" else "f") for f, last, g in pupils
    ]


# ------------------------------------------------------------------ storage


def make_school(engine, consent_mode: str = "opt_in") -> tuple[int, int, int]:
    """(class id, teacher user id, school id) of a new school with one empty class."""
    with session_scope(engine) as s:
        school = School(name="De Linde", consent_mode=consent_mode)
        s.add(school)
        s.flush()
        school_class = SchoolClass(school_id=school.id, name="Groep 6A", grade=6)
        user = User(username="juf", password_hash="x", role="teacher", school_id=school.id)
        s.add_all([school_class, user])
        s.flush()
        s.add(UserClass(user_id=user.id, class_id=school_class.id))
        return school_class.id, user.id, school.id


def snapshot(engine) -> tuple:
    """Everything an import could touch, to prove a refused import changed nothing."""
    with session_scope(engine) as s:
        return (
            sorted((p.first_name, p.last_name, p.pupil_number, p.active)
                   for p in s.scalars(select(Pupil))),
            s.scalar(select(func.count()).select_from(Consent)),
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.count()).select_from(ChildToken)),
        )


def do_import(engine, class_id: int, user_id: int, data: bytes, name: str):
    with session_scope(engine) as s:
        return commit_import(s, class_id, parse_roster(data, name, today=TODAY), actor=s.get(User, user_id))


def test_bad_files_leave_the_database_unchanged(engine):
    class_id, user_id, _ = make_school(engine)
    do_import(engine, class_id, user_id, read("good_windows1252.csv"), "good_windows1252.csv")
    before = snapshot(engine)
    for name, key in BAD.items():
        with pytest.raises(RosterError) as info:
            do_import(engine, class_id, user_id, read(name), name)
        assert key in {p.key for p in info.value.problems}, name
        assert snapshot(engine) == before, name


def test_sample_roster_import_then_reimport_adds_nobody_twice(engine):
    class_id, user_id, _ = make_school(engine)
    data = (SAMPLE / "roster_groep6.xlsx").read_bytes()
    first = do_import(engine, class_id, user_id, data, "roster_groep6.xlsx")
    assert (first.added, first.updated, first.unchanged) == (24, 0, 0)
    again = do_import(engine, class_id, user_id, (SAMPLE / "roster_groep6.csv").read_bytes(),
                      "roster_groep6.csv")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 24)
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Pupil)) == 24
        statuses = set(s.scalars(select(Consent.status)))
        assert statuses == {"unknown"}  # new pupils start without consent
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "roster.import")).all()
        assert [e.detail["added"] for e in events] == [24, 0]
        assert all(e.user_id == user_id for e in events)


def test_matching_by_number_then_by_name_and_birth_date(engine):
    class_id, user_id, _ = make_school(engine)
    header = "Voornaam;Tussenvoegsel;Achternaam;Geslacht (J/M);Geboortedatum;Leerlingnummer\n"
    do_import(engine, class_id, user_id,
              (header + "Sara;;Bos;M;01-02-2016;101\nTim;van;Dijk;J;03-04-2016;\n").encode(),
              "a.csv")
    # Sara's name is corrected (same number); Tim now has a number (matched on name + date);
    # Noa is new.
    second = (header + "Sarah;;Bos;M;01-02-2016;101\nTim;van;Dijk;J;03-04-2016;102\n"
              "Noa;;Smit;M;05-06-2016;103\n").encode()
    with session_scope(engine) as s:
        plan, problems = plan_import(s, class_id, parse_roster(second, "b.csv", today=TODAY),
                                     actor=s.get(User, user_id))
    assert not problems
    assert [(p.action, p.changes) for p in plan] == [
        ("update", (("first_name", "Sara", "Sarah"),)),
        ("update", (("pupil_number", None, "102"),)),
        ("add", ()),
    ]
    summary = do_import(engine, class_id, user_id, second, "b.csv")
    assert (summary.added, summary.updated) == (1, 2)
    with session_scope(engine) as s:
        assert sorted((p.first_name, p.pupil_number) for p in s.scalars(select(Pupil))) == [
            ("Noa", "103"), ("Sarah", "101"), ("Tim", "102")]


def test_two_rows_for_one_existing_pupil_are_refused(engine):
    class_id, user_id, _ = make_school(engine)
    header = "Voornaam;Achternaam;Geslacht (J/M);Geboortedatum;Leerlingnummer\n"
    do_import(engine, class_id, user_id, (header + "Sara;Bos;M;01-02-2016;\n").encode(), "a.csv")
    before = snapshot(engine)
    # Two pupil numbers tell the rows apart in the file; both still match the one Sara Bos
    # without a number in the class.
    twice = (header + "Sara;Bos;M;01-02-2016;12\nSara;Bos;M;01-02-2016;13\n").encode()
    with pytest.raises(RosterError) as info:
        do_import(engine, class_id, user_id, twice, "b.csv")
    assert info.value.problems[0].text("en") == (
        "This line and line 2 are both Sara Bos, who is already in the class.")
    assert snapshot(engine) == before


def test_import_into_a_class_with_an_open_wave_issues_tokens(engine):
    class_id, user_id, _ = make_school(engine, consent_mode="opt_out")
    do_import(engine, class_id, user_id, read("good_windows1252.csv"), "x.csv")
    with session_scope(engine) as s:
        wave = create_wave(s, class_id, "Najaar 2026", actor=s.get(User, user_id))
        open_wave(s, wave.id, actor=s.get(User, user_id))
    do_import(engine, class_id, user_id, read("good_english_headers.csv"), "y.csv")
    with session_scope(engine) as s:
        # opt-out: unknown consent takes part, so all 3 + 2 pupils have a token
        assert s.scalar(select(func.count()).select_from(ChildToken)) == 5


def test_manual_add_edit_remove_and_consent(engine):
    class_id, user_id, _ = make_school(engine)
    with session_scope(engine) as s:
        pupil = add_pupil(s, class_id, {"first_name": " Sara ", "last_name": "Bos",
                                         "gender": "f", "pupil_number": "7"}, actor=s.get(User, user_id))
        pid = pupil.id
        assert participating_pupils(s, class_id) == []  # opt-in: no consent yet
        set_consent(s, pid, "given", actor=s.get(User, user_id))
        assert [p.id for p in participating_pupils(s, class_id)] == [pid]
    with session_scope(engine) as s, pytest.raises(RosterError) as info:
        add_pupil(s, class_id, {"first_name": "Tim", "last_name": "Dijk", "gender": "m",
                                "pupil_number": "7"}, actor=s.get(User, user_id))
    assert info.value.problems[0].text("en") == "Pupil number 7 already belongs to Sara Bos."
    with session_scope(engine) as s, pytest.raises(RosterError):
        update_pupil(s, pid, {"first_name": "", "last_name": "Bos", "gender": "f"},
                     actor=s.get(User, user_id))
    with session_scope(engine) as s:
        update_pupil(s, pid, {"first_name": "Sarah", "last_name": "Bos", "gender": "f",
                              "birth_date": dt.date(2016, 2, 1), "pupil_number": "7"},
                     actor=s.get(User, user_id))
        set_active(s, pid, False, actor=s.get(User, user_id))
        assert participating_pupils(s, class_id) == []
    with session_scope(engine) as s:
        pupil = s.get(Pupil, pid)
        assert (pupil.first_name, pupil.birth_date, pupil.active) == (
            "Sarah", dt.date(2016, 2, 1), False)
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions == ["pupil.add", "consent.set", "pupil.edit", "pupil.remove"]
        with pytest.raises(RosterError):
            set_consent(s, pid, "maybe", actor=s.get(User, user_id))


def test_removing_a_pupil_keeps_their_answers(engine):
    class_id, user_id, _ = make_school(engine, consent_mode="opt_out")
    with session_scope(engine) as s:
        pid = add_pupil(s, class_id, {"first_name": "Sara", "last_name": "Bos", "gender": "f"},
                        actor=s.get(User, user_id)).id
        wave = create_wave(s, class_id, "Najaar", actor=s.get(User, user_id))
        open_wave(s, wave.id, actor=s.get(User, user_id))
        save_child_answer(s, wave.id, pid, "carts_practice", 1)
    with session_scope(engine) as s:
        set_active(s, pid, False, actor=s.get(User, user_id))
    with session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(ChildAnswer)) == 1
        set_active(s, pid, True, actor=s.get(User, user_id))
        assert [p.id for p in participating_pupils(s, class_id)] == [pid]


def test_new_class_belongs_to_the_teachers_school_and_scope(engine):
    _, user_id, school_id = make_school(engine)
    with session_scope(engine) as s:
        user = s.get(User, user_id)
        new = create_class(s, user, "  Groep 7B ", 7, "2026-2027")
        assert (new.name, new.school_id) == ("Groep 7B", school_id)
        assert s.get(UserClass, (user_id, new.id)) is not None
        with pytest.raises(RosterError) as info:
            create_class(s, user, "Groep 7B", 7, "2026-2027")
        assert info.value.problems[0].key == "roster.class_exists"
        with pytest.raises(RosterError):
            create_class(s, user, "  ", 7, "2026-2027")
        homeless = User(username="x", password_hash="x", role="teacher")
        with pytest.raises(RosterError) as info:
            create_class(s, homeless, "Groep 8", 8, "2026-2027")
        assert info.value.problems[0].key == "roster.no_school"
