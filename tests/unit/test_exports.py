"""Exports: formula-injection escaping, the class workbook (round trip) and the profile PDF
(text contains the right numbers; renders to PNG with pdftoppm)."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import classmap as cm
from analysis.exports import (
    FORMULA_START,
    class_workbook,
    profile_pdf,
    safe_cell,
    unescape_cell,
)
from analysis.pipeline import analyse, default_questions
from analysis.profile import pupil_profile
from tests.unit.test_classmap import NOMS, PUPILS, ROSTER, _teacher_answers

# --------------------------------------------------------------------------------------
# formula injection
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+31 6 1234", "'+31 6 1234"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("Zoë", "Zoë"),
    ("a=b", "a=b"),
    ("bell\x07", "bell"),  # control characters Excel cannot store are dropped
    (-1.5, -1.5),
    (float("nan"), None),
    (None, None),
    (True, True),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@given(st.text(max_size=60))
def test_safe_cell_never_starts_a_formula_and_round_trips(text):
    out = safe_cell(text)
    assert not out.startswith(FORMULA_START)
    cleaned = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
    assert unescape_cell(out) == cleaned


# --------------------------------------------------------------------------------------
# workbook
# --------------------------------------------------------------------------------------

WAVES = pd.DataFrame({"wave_id": [1], "class_id": [1], "name": ["najaar 2026"],
                      "starts_on": [None], "status": ["closed"], "questions": [[]]})


@pytest.fixture(scope="module")
def result():
    return analyse(ROSTER, NOMS, default_questions(), teacher_answers=_teacher_answers())


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _frame(ws) -> pd.DataFrame:
    rows = list(ws.iter_rows(values_only=True))
    return pd.DataFrame(rows[1:], columns=rows[0])


def _coded(book, sheet: str, codebook: str = "codeboek") -> pd.DataFrame:
    """A sheet with its headers turned back into the stable codes (by the codebook)."""
    codes = _frame(book[codebook])
    to_code = dict(zip(codes.iloc[:, 0], codes.iloc[:, 1], strict=True))
    frame = _frame(book[sheet])
    return frame.rename(columns=lambda c: to_code.get(c, c))


def test_workbook_round_trips_scores_flags_and_nominations(result):
    pupils = PUPILS.assign(first_name=["=cmd|' /C calc'!A0", "Zoë", "Bo", "Şule"])
    data = class_workbook(result, pupils, NOMS, default_questions(), WAVES,
                          class_name="Groep 6a", roster=ROSTER,
                          wording={1: ("own:teacher@1.0", "own:child@1.0")})
    book = _book(data)
    # negative questions (liked_least, teacher_angry) are left out by default
    assert book.sheetnames == ["leerlingen", "m_liked_most", "codeboek", "methode"]
    sheet = _coded(book, "leerlingen")
    table = result.pupils_table().set_index("pupil_id")
    assert sorted(sheet["pupil_id"]) == [1, 2, 3, 4]
    for row in sheet.itertuples(index=False):
        expected = table.loc[row.pupil_id]
        assert row.lm_prop == pytest.approx(expected["lm_prop"], nan_ok=True) or (
            row.lm_prop is None and pd.isna(expected["lm_prop"]))
        assert row.double_risk == ("ja" if expected["double_risk"] else "nee")
        assert (row.reasons if isinstance(row.reasons, str) else "") == expected["reasons"]
        assert row.teacher_conflict_pct == pytest.approx(expected["teacher_conflict_pct"])
    # the formula-like first name is stored as text with an apostrophe, never a formula
    cells = [c for r in book["leerlingen"].iter_rows() for c in r]
    assert not any(c.data_type == "f" for c in cells)
    assert "'=cmd|' /C calc'!A0" in sheet["first_name"].tolist()
    assert sheet.loc[sheet["pupil_id"] == 3, "teacher_profile"].item() == "conflictueus"

    matrix = _coded(book, "m_liked_most")
    # rows: raters in name order (Bo, Zoë, =cmd…, Şule → casefolded sort); 1 named, 0 not
    by_rater = matrix.set_index("rater_id")
    col = {pid: next(c for c in matrix.columns if c.endswith(f"({pid})")) for pid in (1, 2, 4)}
    assert by_rater.loc[1, col[2]] == 1 and by_rater.loc[1, col[4]] == 0
    assert by_rater.loc[2, col[1]] == 1 and by_rater.loc[2, col[4]] == 1
    assert by_rater.loc[3, "nobody"] == 1  # rater 3 also chose "nobody" once
    # pupil 4 was absent and gave no nominations: empty cells, not zeros
    assert pd.isna(by_rater.loc[4, col[1]]) and pd.isna(by_rater.loc[4, "nobody"])
    # nominations counted from the matrix equal the analysis
    received = matrix[[col[1], col[2]]].fillna(0).sum()
    assert received[col[2]] == table.loc[2, "lm_received"]

    codebook = _frame(book["codeboek"]).set_index("code")
    assert set(sheet.columns) <= set(codebook.index)
    assert codebook.loc["double_risk", "beschrijving"]
    assert codebook.loc["double_risk", "kolom"] == "dubbel risico"
    method = _frame(book["methode"]).set_index("instelling")["waarde"]
    assert method["wording.najaar 2026.teacher"] == "own:teacher@1.0"
    assert method["risk.conflict_pct"] == 75


def test_workbook_includes_negative_matrices_only_when_allowed(result):
    data = class_workbook(result, PUPILS, NOMS, default_questions(), WAVES,
                          class_name="Groep 6a", roster=ROSTER, include_negative=True)
    book = _book(data)
    assert "m_liked_least" in book.sheetnames and "m_teacher_angry" in book.sheetnames
    angry = _coded(book, "m_teacher_angry").set_index("rater_id")
    col3 = next(c for c in angry.columns if str(c).endswith("(3)"))
    assert angry.loc[1, col3] == 1 and angry.loc[2, col3] == 1


def test_workbook_speaks_the_interface_language_and_holds_one_wave(result):
    """[Everyday] item 11: headers and coded values in the interface language; with
    wave_id only that wave (rows, matrices, method sheet)."""
    two = pd.concat([ROSTER, ROSTER.assign(wave_id=2)], ignore_index=True)
    noms = pd.concat([NOMS, NOMS.assign(wave_id=2)], ignore_index=True)
    both = analyse(two, noms, default_questions(),
                   teacher_answers=pd.concat([_teacher_answers(),
                                              _teacher_answers().assign(wave_id=2)]))
    waves = pd.concat([WAVES, WAVES.assign(wave_id=2, name="voorjaar 2027")],
                      ignore_index=True)
    en = _book(class_workbook(both, PUPILS, noms, default_questions(), waves,
                              class_name="Groep 6a", roster=two, language="en", wave_id=2))
    assert en.sheetnames == ["pupils", "m_liked_most", "codebook", "method"]
    sheet = _frame(en["pupils"])
    assert set(sheet["wave"]) == {"voorjaar 2027"}
    assert {"double risk", "relationship profile (teacher)", "status group (Coie)",
            "teacher: conflict (percentile)"} <= set(sheet.columns)
    assert set(sheet["status group (Coie)"]) <= {"popular", "rejected", "neglected",
                                                 "controversial", "average", "unclassified",
                                                 None}
    assert set(sheet["double risk"]) <= {"yes", "no"}
    assert set(_frame(en["m_liked_most"])["wave"]) == {"voorjaar 2027"}
    method = _frame(en["method"]).set_index("setting")["value"]
    assert "wording.najaar 2026.teacher" not in method.index
    nl = _book(class_workbook(both, PUPILS, noms, default_questions(), waves,
                              class_name="Groep 6a", roster=two, language="nl", wave_id=1))
    rows = _frame(nl["leerlingen"])
    assert set(rows["meting"]) == {"najaar 2026"} and len(rows) == 4
    assert "close_conflictual" not in rows.to_string() and "rejected" not in rows.to_string()
    assert set(rows["statusgroep (Coie)"]) & {"afgewezen", "populair", "genegeerd", "gemiddeld"}
    # without wave_id every wave, as before
    every = _frame(_book(class_workbook(both, PUPILS, noms, default_questions(), waves,
                                        class_name="Groep 6a", roster=two))["leerlingen"])
    assert set(every["meting"]) == {"najaar 2026", "voorjaar 2027"}


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def _pdf_for(result, pupil_id: int, note: dict | None = None) -> tuple[bytes, object]:
    q = default_questions()
    profile = pupil_profile(result, PUPILS, NOMS, q, wave_id=1, pupil_id=pupil_id,
                            roster=ROSTER)
    pos = cm.class_layout(ROSTER["pupil_id"], [], seed=1)
    nodes = cm.node_table(result.pupils_table(), cm.display_names(PUPILS), pos, 1, 1, ROSTER,
                          NOMS, q)
    edges = cm.edge_table(NOMS, 1, "liked_most", nodes["pupil_id"])
    return profile_pdf(profile, nodes, edges, class_name="Groep 6a", wave_name="najaar 2026",
                       care_note=note), profile


def test_profile_pdf_text_has_the_right_numbers_and_renders(result, tmp_path):
    note = {"three_words": "onrustig, grappig, eerlijk", "work_question": "=Hoe meer rust?"}
    data, profile = _pdf_for(result, 3, note)
    assert data.startswith(b"%PDF")
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "<b>Bo</b>" in text  # the name is printed as text
    conflict = profile.score("teacher", "conflict")
    # pupil 3: teacher conflict item mean 5,00 at mid-rank percentile 87.5 → "P88"
    assert "conflict: 5,00 (P88)" in text
    assert "Profiel: conflictueus" in text
    assert conflict.percentile == pytest.approx(87.5)
    # peers: rater 1 named nobody as liked most for 3; 2 of 2 named 3 on teacher_angry
    assert f"Gekozen door {profile.peer.received} van {profile.peer.nominators}" in text
    assert "Juf/meester vaak boos: 2/2" in text
    assert "onrustig, grappig, eerlijk" in text and "=Hoe meer rust?" in text
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                           check=True).stdout
    n_pages = int(next(line.split()[-1] for line in pages.splitlines()
                       if line.startswith("Pages:")))
    assert 1 <= n_pages <= 2
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 2000


def test_profile_pdf_prints_diacritics_and_double_risk_reasons(result, tmp_path):
    data, profile = _pdf_for(result, 4)
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Şule D" in text  # Turkish Ş survives (DejaVu embedded)
    for reason in profile.teacher_reasons + profile.peer_reasons:
        assert reason.split(" (")[0] in text.replace("\n", " ")
