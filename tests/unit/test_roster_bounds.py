"""Bounded reading of uploaded rosters (issue [Holes] item 2): hostile workbooks built in
``attack_files`` are refused within seconds, with a plain message and nothing stored; the
caps on lines, columns and unpacked size; ``read_roster`` (another process) still reads a
normal class list. Storage tests run on SQLite and PostgreSQL (``engine``)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import survey.roster as roster
from survey.access import SYSTEM
from survey.bounded import BoundedError, run_bounded
from survey.db import session_scope
from survey.roster import (
    MAX_COLUMNS,
    MAX_LINES,
    MAX_UNZIPPED_BYTES,
    RosterError,
    commit_import,
    parse_roster,
    read_roster,
)
from tests.unit import attack_files
from tests.unit.test_roster import TODAY, make_school, snapshot

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
# Generous: the reading process has READ_TIMEOUT_S; these files are refused in far less.
FEW_SECONDS = 15


@pytest.fixture(scope="module", autouse=True)
def forkserver_running():
    run_bounded(int, timeout_s=120)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = attack_files.zip_bomb_xlsx()
    assert len(data) < 700_000  # a few hundred kB …
    return data


def keys(parsed) -> list[str]:
    return [p.key for p in parsed.problems]


def timed_read(data: bytes, name: str):
    started = time.monotonic()
    parsed = read_roster(data, name, today=TODAY)
    return parsed, time.monotonic() - started


def test_a_sheet_claiming_a1_to_xfd1048576_is_read_within_its_caps():
    data = attack_files.dimension_xlsx()
    assert len(data) < 5_000
    parsed, seconds = timed_read(data, "klas.xlsx")
    assert seconds < FEW_SECONDS
    assert keys(parsed) == ["roster.too_many_lines"]
    assert str(MAX_LINES) in parsed.problems[0].text("nl")
    # and in-process too: the caps, not only the deadline, bound the work
    assert keys(parse_roster(data, "klas.xlsx", today=TODAY)) == ["roster.too_many_lines"]


def test_a_zip_bomb_is_refused_from_the_zip_directory(bomb):
    parsed, seconds = timed_read(bomb, "klas.xlsx")
    assert seconds < FEW_SECONDS
    assert keys(parsed) == ["roster.unzipped_too_large"]
    text = parsed.problems[0].text("en")
    assert "240 MB" in text and f"{MAX_UNZIPPED_BYTES // 1_000_000} MB" in text


def test_a_suspiciously_compressed_part_is_refused():
    parsed, _ = timed_read(attack_files.ratio_xlsx(), "klas.xlsx")
    assert keys(parsed) == ["roster.zip_ratio"]
    assert "times" in parsed.problems[0].text("en") and "keer" in parsed.problems[0].text("nl")


def test_attack_files_store_nothing(engine, bomb):
    class_id, user_id, _ = make_school(engine)
    before = snapshot(engine)
    for data in (attack_files.dimension_xlsx(), bomb, attack_files.ratio_xlsx()):
        parsed = read_roster(data, "klas.xlsx", today=TODAY)
        with pytest.raises(RosterError), session_scope(engine) as s:
            commit_import(s, class_id, parsed, actor=SYSTEM)
        assert snapshot(engine) == before


@pytest.mark.parametrize("name", ["roster_groep6.xlsx", "roster_groep6.csv"])
def test_a_normal_roster_still_imports_through_the_bounded_reader(engine, name):
    class_id, user_id, _ = make_school(engine)
    parsed = read_roster((SAMPLE / name).read_bytes(), name, today=TODAY)
    assert parsed.ok, [p.text("en") for p in parsed.problems]
    with session_scope(engine) as s:
        summary = commit_import(s, class_id, parsed, actor=SYSTEM)
    assert summary.added == 24


def test_rows_past_the_line_cap_are_refused_not_ignored():
    at_cap = attack_files.workbook([attack_files.PUPILS, attack_files.row(MAX_LINES, "x")])
    past_cap = attack_files.workbook([attack_files.PUPILS, attack_files.row(MAX_LINES + 1, "x")])
    assert "roster.too_many_lines" not in keys(parse_roster(at_cap, "a.xlsx", today=TODAY))
    assert keys(parse_roster(past_cap, "a.xlsx", today=TODAY)) == ["roster.too_many_lines"]
    csv_far = "Voornaam;Achternaam;Geslacht\nAnna;Bos;meisje\n" + "\n" * MAX_LINES + "Piet;Bos;j\n"
    assert keys(parse_roster(csv_far.encode(), "a.csv", today=TODAY)) == ["roster.too_many_lines"]
    csv_blank_tail = "Voornaam;Achternaam;Geslacht\nAnna;Bos;meisje\n" + "\n" * MAX_LINES
    assert parse_roster(csv_blank_tail.encode(), "a.csv", today=TODAY).ok


def test_data_past_the_column_cap_is_refused():
    header = ";".join(["Voornaam", "Achternaam", "Geslacht"] + [""] * (MAX_COLUMNS - 3) + ["x"])
    data = f"{header}\nAnna;Bos;meisje\n".encode()
    parsed = parse_roster(data, "a.csv", today=TODAY)
    assert keys(parsed) == ["roster.too_many_columns"]
    assert str(MAX_COLUMNS) in parsed.problems[0].text("en")


def test_a_reading_that_overruns_becomes_a_problem_for_the_teacher(monkeypatch):
    def overrun(*args, **kwargs):
        raise BoundedError("bounded.timeout", seconds="10")

    monkeypatch.setattr(roster, "run_bounded", overrun)
    parsed = read_roster((SAMPLE / "roster_groep6.xlsx").read_bytes(), "klas.xlsx")
    assert keys(parsed) == ["bounded.timeout"] and not parsed.ok
    assert "10 seconden" in parsed.problems[0].text("nl")
