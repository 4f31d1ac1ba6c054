"""EDEX files (survey.edex) and class lists with title rows above the header
(survey.roster.find_header): what a teacher exports from ParnasSys or ESIS.

The bad EDEX files (malformed, unknown namespace, entity bomb, external entity, no groups,
an unknown gender) are in the roster corpus and run through the corpus tests of
test_roster.py, including "a bad file leaves the database unchanged" on both databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from survey.edex import EdexError, read_edex
from survey.i18n import LANGUAGES
from survey.roster import find_header, parse_roster, read_roster

CORPUS = Path(__file__).parent / "roster_corpus"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
TODAY = dt.date(2026, 11, 23)
SCHOOL = SAMPLE / "edex_school.xml"


def test_a_school_file_lists_its_groups_and_waits_for_a_pick():
    parsed = parse_roster(SCHOOL.read_bytes(), SCHOOL.name, TODAY)
    assert parsed.needs_group and not parsed.ok
    assert not parsed.problems and not parsed.rows
    assert [(g.key, g.name, g.pupils) for g in parsed.groups] == [
        ("G1", "Groep 6", 24), ("G2", "Groep 7", 22)]


def test_the_picked_group_reads_as_the_same_class_list_as_the_csv_export():
    from_edex = parse_roster(SCHOOL.read_bytes(), SCHOOL.name, TODAY, group="G1")
    from_csv = parse_roster((SAMPLE / "roster_groep6.csv").read_bytes(), "roster_groep6.csv",
                            TODAY)
    assert from_edex.ok, [p.text("en") for p in from_edex.problems]
    assert from_edex.group == "G1"

    def people(parsed):
        return [(r.first_name, r.tussenvoegsel, r.last_name, r.gender, r.birth_date,
                 r.pupil_number) for r in parsed.rows]

    assert people(from_edex) == people(from_csv)


def test_an_unknown_group_is_refused_in_words():
    parsed = parse_roster(SCHOOL.read_bytes(), SCHOOL.name, TODAY, group="G9")
    assert [p.key for p in parsed.problems] == ["roster.xml_unknown_group"]
    assert "groep" in parsed.problems[0].text("nl")


def test_the_uwlr_namespace_codes_and_first_names():
    parsed = parse_roster((CORPUS / "good_edex_uwlr.xml").read_bytes(), "export.xml", TODAY)
    assert parsed.ok and parsed.group == "G5"  # one group: taken without asking
    assert [(r.first_name, r.tussenvoegsel, r.last_name, r.gender, r.pupil_number)
            for r in parsed.rows] == [
        ("Noëlle", "van", "Vliet", "f", "501"),
        ("Noël", "van", "Dijk", "m", "502"),  # no roepnaam: the first of the voornamen
        ("Alex", "", "Yilmaz", "x", "503"),  # 9 = niet gespecificeerd
    ]
    assert parsed.rows[0].birth_date == dt.date(2017, 2, 3)


def test_an_unknown_gender_asks_for_it_on_that_pupil():
    parsed = parse_roster((CORPUS / "bad_edex_gender_unknown.xml").read_bytes(), "x.xml",
                          TODAY)
    (problem,) = parsed.problems
    assert (problem.line, problem.column, problem.key) == (2, "gender", "roster.missing")


@pytest.mark.parametrize("name", ["bad_edex_bomb.xml", "bad_edex_external_entity.xml"])
def test_entities_are_refused_before_anything_expands(name):
    with pytest.raises(EdexError) as info:
        read_edex((CORPUS / name).read_bytes())
    assert info.value.key == "roster.xml_unsafe"


def test_an_xml_file_that_is_not_edex_names_what_it_is():
    (problem,) = parse_roster((CORPUS / "bad_edex_namespace.xml").read_bytes(), "a.xml").problems
    for language in LANGUAGES:
        assert "http://example.org/other-export/1" in problem.text(language)


def test_pupils_outside_any_listed_group_are_not_read():
    xml = (b'<EDEX><groepen><groep key="A"><naam>Groep 4</naam></groep></groepen><leerlingen>'
           b'<leerling key="1"><roepnaam>Ada</roepnaam><achternaam>Bos</achternaam>'
           b'<geslacht>2</geslacht><groep key="A"/></leerling>'
           b'<leerling key="2"><roepnaam>Bo</roepnaam><achternaam>Kok</achternaam>'
           b'<geslacht>1</geslacht><groep key="Z"/></leerling>'
           b'<leerling key="3"><roepnaam>Cas</roepnaam><achternaam>Mol</achternaam>'
           b'<geslacht>1</geslacht></leerling></leerlingen></EDEX>')
    edex = read_edex(xml)
    assert [(g.key, g.pupils) for g in edex.groups] == [("A", 1)]
    assert [cells[0] for _, cells in edex.table("A")[1]] == ["Ada"]


def test_read_roster_passes_the_group_to_the_bounded_reader():
    parsed = read_roster(SCHOOL.read_bytes(), SCHOOL.name, TODAY, "G2")
    assert parsed.ok and len(parsed.rows) == 22 and parsed.group == "G2"


# ------------------------------------------------------------------ title rows


@pytest.mark.parametrize("name", ["good_title_rows.csv", "good_title_rows.xlsx"])
def test_title_rows_above_the_header_are_skipped_and_said(name):
    parsed = parse_roster((CORPUS / name).read_bytes(), name, TODAY)
    assert parsed.ok, [p.text("en") for p in parsed.problems]
    skipped = [n for n in parsed.notes if n.key == "roster.skipped_above"]
    assert [n.line for n in skipped] == [1, 2]
    assert "Overzicht leerlingen groep 6" in skipped[0].text("nl")
    assert [r.last_name for r in parsed.rows][:2] == ["Boer", "Visser"]
    assert parsed.rows[0].line == 5  # the line numbers are still those of the file


def test_the_header_is_searched_in_the_first_rows_only():
    titles = "".join(f"Titel {i};;\n" for i in range(1, 12))
    data = (titles + "Voornaam;Achternaam;Geslacht\nSem;Boer;J\n").encode()
    parsed = parse_roster(data, "k.csv", TODAY)
    assert [p.key for p in parsed.problems] == ["roster.missing_columns"]


def test_find_header_needs_every_required_field():
    rows = [(1, ["Voornaam", "Achternaam"]), (2, ["Voornaam", "Achternaam", "Geslacht"])]
    assert find_header(rows) == 1
    assert find_header([(1, ["Naam", "Klas"])]) == 0
