"""One rule for names (issue [Holes] item 12): ``clean_text`` drops C0/C1 control, bidi and
zero-width characters, NFC-normalises and collapses whitespace — for the roster import, the
pupil form, class and wave names — and a child listed twice in one file is refused, naming
both lines. Storage tests run on SQLite and PostgreSQL (``engine``)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from survey.access import SYSTEM
from survey.db import session_scope
from survey.models import Pupil, SchoolClass, User
from survey.roster import (
    RosterError,
    add_pupil,
    clean_text,
    commit_import,
    create_class,
    parse_roster,
    update_pupil,
)
from survey.text import INVISIBLE
from survey.waves import create_wave
from tests.unit.test_roster import TODAY, make_school, snapshot

HOSTILE = "\x07\x1b\x00\x7f\x85\x9b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" \
          "\u200e\u200f\u061c\u200b\u200c\u200d\ufeff\u2060"
# Text with many of the characters the rule is about, plus letters, marks and spaces.
texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(HOSTILE + " \t\n\r\u00a0\u2000\u3000e\u0301\u0308AaZz-'é"),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


def forbidden(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or bool(INVISIBLE.match(ch))


@settings(max_examples=500, deadline=None)
@given(texts)
@example("e\u200d\u0301")  # removing a zero-width joiner lets the accent combine
@example("a \x00 b")  # a dropped control between spaces leaves one space
def test_clean_text_leaves_no_control_bidi_or_zero_width_and_is_idempotent(value):
    cleaned = clean_text(value)
    assert not any(forbidden(ch) for ch in cleaned)
    assert cleaned == unicodedata.normalize("NFC", cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert not any(ch.isspace() and ch != " " for ch in cleaned)
    assert clean_text(cleaned) == cleaned


def test_clean_text_examples():
    assert clean_text("An\u202ena\x07 \t B\u200bos\x1b") == "Anna Bos"
    assert clean_text("Zoe\u0308") == "Zoë"
    assert clean_text("Anna\nBos") == "Anna Bos"  # a line break is a space, not nothing
    assert clean_text(0) == "0" and clean_text(None) == ""


def names(engine) -> list[tuple[str, str, str]]:
    with session_scope(engine) as s:
        return sorted((p.first_name, p.tussenvoegsel, p.last_name)
                      for p in s.scalars(select(Pupil)))


def test_the_import_stores_clean_names(engine):
    class_id, user_id, _ = make_school(engine)
    data = ("Voornaam;Tussenvoegsel;Achternaam;Geslacht\n"
            "An\u202ena\x07;\u2066van\u2069 der;B\u200bos\x1b;meisje\n").encode()
    with session_scope(engine) as s:
        commit_import(s, class_id, parse_roster(data, "k.csv", today=TODAY), actor=SYSTEM)
    assert names(engine) == [("Anna", "van der", "Bos")]


def test_the_pupil_form_class_and_wave_names_are_cleaned(engine):
    class_id, user_id, _ = make_school(engine)
    with session_scope(engine) as s:
        pupil = add_pupil(s, class_id, {"first_name": "\u200bSem\x1b", "last_name": "de\u00a0Vries",
                                        "gender": "m"}, actor=SYSTEM)
        pupil_id = pupil.id
    with session_scope(engine) as s:
        update_pupil(s, pupil_id, {"first_name": "Sem\u202e", "last_name": "Vr\u200dies",
                                   "gender": "m"}, actor=SYSTEM)
        user = s.get(User, user_id)
        new = create_class(s, user, "Groep\u202e 7\x07B", 7, "2026-2027")
        wave = create_wave(s, class_id, "Najaar\u2068 2026\u2069\ufeff", actor=SYSTEM)
        assert (new.name, wave.name) == ("Groep 7B", "Najaar 2026")
    assert names(engine) == [("Sem", "", "Vries")]
    with session_scope(engine) as s:
        assert s.scalar(select(SchoolClass.name).where(SchoolClass.id == new.id)) == "Groep 7B"


HEADER = "Voornaam;Achternaam;Geslacht;Geboortedatum;Leerlingnummer\n"


def test_a_child_listed_twice_is_refused_naming_both_lines(engine):
    class_id, user_id, _ = make_school(engine)
    before = snapshot(engine)
    twice = (HEADER + "Anna;Bos;meisje;01-01-2016;\nPiet;Jansen;jongen;02-02-2016;\n"
             "anna;bos;meisje;01-01-2016;\n").encode()
    parsed = parse_roster(twice, "k.csv", today=TODAY)
    assert [(p.line, p.key) for p in parsed.problems] == [(4, "roster.same_row_twice")]
    assert parsed.problems[0].text("nl") == (
        "Deze regel is dezelfde leerling als regel 2: Anna Bos, 01-01-2016. Haal de dubbele "
        "regel weg. Zijn het twee verschillende kinderen, vul dan hun leerlingnummer in.")
    with pytest.raises(RosterError), session_scope(engine) as s:
        commit_import(s, class_id, parsed, actor=SYSTEM)
    assert snapshot(engine) == before


@pytest.mark.parametrize(("rows", "refused"), [
    # no pupil number on one of them: the same child
    ("Anna;Bos;meisje;01-01-2016;12\nAnna;Bos;meisje;01-01-2016;\n", True),
    # no birth date either: still the same child as far as the file can tell
    ("Anna;Bos;meisje;;\nAnna;Bos;meisje;;\n", True),
    # names that differ only by an invisible character are the same name
    ("Anna;Bos;meisje;01-01-2016;\nAn\u200bna;Bos;meisje;01-01-2016;\n", True),
    # two different pupil numbers: two children with the same name and birthday
    ("Anna;Bos;meisje;01-01-2016;12\nAnna;Bos;meisje;01-01-2016;13\n", False),
    # another birth date: another child
    ("Anna;Bos;meisje;01-01-2016;\nAnna;Bos;meisje;02-01-2016;\n", False),
])
def test_what_counts_as_the_same_child(rows, refused):
    parsed = parse_roster((HEADER + rows).encode(), "k.csv", today=TODAY)
    assert (not parsed.ok) is refused
    assert len(parsed.rows) == (1 if refused else 2)
