"""Importers: matrices, edge lists, rosters and wide answers; round trips and clear errors."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.frames import ANSWERS, NOMINATIONS, ROSTER
from analysis.importers import (
    read_adjacency_matrix,
    read_edge_list,
    read_roster,
    read_wide_answers,
    write_adjacency_matrix,
    write_edge_list,
)
from analysis.sociometry import sociometry


def _pairs(noms: pd.DataFrame) -> list[tuple]:
    return sorted(
        (r, None if pd.isna(t) else t) for r, t in zip(noms["rater_id"], noms["target_id"],
                                                       strict=True)
    )


# ------------------------------------------------------------------ adjacency matrix


def test_plain_square_matrix_ids_1_to_n():
    # pupil 1 names 2; pupil 2 names 1 and 3; pupil 3 is absent (row of 9s); pupil 4 named
    # nobody (row of zeros → an explicit "nobody" row)
    text = "0 1 0 0\n1 0 1 0\n9 9 9 9\n0 0 0 0\n"
    roster, noms = read_adjacency_matrix(text, "lm", 1, "4B")
    assert tuple(roster.columns) == ROSTER and tuple(noms.columns) == NOMINATIONS
    assert roster["pupil_id"].tolist() == [1, 2, 3, 4]
    assert roster["present"].tolist() == [True, True, False, True]
    assert _pairs(noms) == [(1, 2), (2, 1), (2, 3), (4, None)]
    assert (noms["question_id"] == "lm").all() and (noms["class_id"] == "4B").all()


def test_header_matrix_with_not_in_class_pupil_and_diagonal_codes():
    # whitespace file, header row without a corner cell; pupil d left the class (-1 row and
    # column); the diagonal may hold anything allowed
    text = """   a  b  c  d
a  9  1  0 -1
b  1  0  1 -1
c  0  0  0 -1
d -1 -1 -1  0
"""
    roster, noms = read_adjacency_matrix(text, "lm", 1, "X")
    assert roster["pupil_id"].tolist() == ["a", "b", "c"]
    assert _pairs(noms) == [("a", "b"), ("b", "a"), ("b", "c"), ("c", None)]


def test_csv_matrix_with_numeric_ids_and_semicolons():
    text = ";10;11;12\n10;0;1;1\n11;0;0;0\n12;9;9;9\n"
    roster, noms = read_adjacency_matrix(io.StringIO(text), "lm", 1, 1)
    assert roster["pupil_id"].tolist() == [10, 11, 12]
    assert _pairs(noms) == [(10, 11), (10, 12), (11, None)]


def test_matrix_from_path_and_bytes(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes("\ufeff,1,2\n1,0,1\n2,1,0\n".encode())
    for source in (path, str(path), path.read_bytes()):
        roster, noms = read_adjacency_matrix(source, "lm", 1, 1)
        assert _pairs(noms) == [(1, 2), (2, 1)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("0 1\n1 0 1\n", "different lengths"),
        ("0 1 0\n1 0 1\n", "square"),
        ("0 2\n1 0\n", "holds '2'"),
        ("0 9 1\n1 0 0\n0 0 0\n", "mixes the missing code"),
        (",a,b\nb,0,1\na,1,0\n", "first row and the first column differ"),
        ("0 -1 1\n1 0 0\n0 0 0\n", "not-in-class code"),
        ("", "empty"),
    ],
)
def test_matrix_errors_are_clear(text, message):
    with pytest.raises(ValueError, match=message):
        read_adjacency_matrix(text + ("\n" if text else "\n\n"), "lm", 1, 1)


def test_codes_must_differ():
    with pytest.raises(ValueError, match="must differ"):
        read_adjacency_matrix("0 1\n1 0\n", "lm", 1, 1, missing_code=1)


ROSTER_5 = pd.DataFrame({"wave_id": 1, "class_id": "A", "pupil_id": [1, 2, 3, 4, 5],
                         "gender": "x", "present": [True, True, True, True, False]})


@st.composite
def class_nominations(draw):
    ids = [1, 2, 3, 4]  # present pupils; pupil 5 is absent but can be named
    rows = []
    for r in ids:
        targets = draw(st.sets(st.sampled_from([1, 2, 3, 4, 5]), max_size=4)) - {r}
        rows += [(1, "A", "lm", r, t) for t in sorted(targets)] or [(1, "A", "lm", r, None)]
    return pd.DataFrame(rows, columns=list(NOMINATIONS))


@settings(max_examples=40, deadline=None)
@given(class_nominations())
def test_matrix_round_trip(noms):
    text = write_adjacency_matrix(noms, ROSTER_5, "lm", 1, "A")
    roster, back = read_adjacency_matrix(text, "lm", 1, "A")
    assert roster["pupil_id"].tolist() == [1, 2, 3, 4, 5]
    assert roster["present"].tolist() == ROSTER_5["present"].tolist()
    assert _pairs(back) == _pairs(noms)
    # and the sociometric scores are the same from either source
    q = pd.DataFrame({"question_id": ["lm"], "kind": ["liking"], "polarity": ["positive"]})
    a = sociometry(noms, ROSTER_5, q)[0]
    b = sociometry(back, roster, q)[0]
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_written_matrix_layout():
    noms = pd.DataFrame([(1, "A", "lm", 1, 2), (1, "A", "lm", 2, None)], columns=list(NOMINATIONS))
    text = write_adjacency_matrix(noms, ROSTER_5.iloc[:3], "lm", 1, "A")
    # pupil 3 is present but did not answer: a row of the missing code, diagonal 0
    assert text == ",1,2,3\n1,0,1,0\n2,0,0,0\n3,9,9,0\n"


# ------------------------------------------------------------------ edge list and roster


@settings(max_examples=40, deadline=None)
@given(class_nominations())
def test_edge_list_round_trip(noms):
    back = read_edge_list(write_edge_list(noms))
    assert tuple(back.columns) == NOMINATIONS
    cols = ["wave_id", "class_id", "question_id", "rater_id"]
    pd.testing.assert_frame_equal(back[cols], noms[cols], check_dtype=False)
    # "nobody" stays an explicit missing target, real targets keep their ids
    assert back["target_id"].isna().tolist() == noms["target_id"].isna().tolist()
    assert _pairs(back) == _pairs(noms)


def test_edge_list_string_ids_and_errors():
    text = "wave_id,class_id,question_id,rater_id,target_id\nw1,4B,lm,anna,bo\nw1,4B,lm,bo,\n"
    noms = read_edge_list(text)
    assert noms["target_id"].tolist()[0] == "bo" and noms["target_id"].isna().tolist() == [False,
                                                                                          True]
    with pytest.raises(ValueError, match="missing column"):
        read_edge_list("wave_id,class_id,rater_id,target_id\n1,1,1,2\n")
    with pytest.raises(ValueError, match="empty rater_id on line 3"):
        read_edge_list("wave_id,class_id,question_id,rater_id,target_id\n1,1,lm,1,2\n1,1,lm,,2\n")
    with pytest.raises(ValueError, match="empty"):
        read_edge_list("  \n")


def test_read_roster_defaults_and_errors():
    roster = read_roster("wave_id,class_id,pupil_id,gender,present\n1,4B,1,F,ja\n1,4B,2,,0\n")
    assert tuple(roster.columns) == ROSTER
    assert roster["gender"].tolist() == ["f", "x"] and roster["present"].tolist() == [True, False]
    bare = read_roster("wave_id,class_id,pupil_id\n1,4B,1\n")
    assert bare["present"].tolist() == [True] and bare["gender"].tolist() == ["x"]
    with pytest.raises(ValueError, match="yes/no"):
        read_roster("wave_id,class_id,pupil_id,present\n1,4B,1,maybe\n")
    with pytest.raises(ValueError, match="twice"):
        read_roster("wave_id,class_id,pupil_id\n1,4B,1\n1,4B,1\n")
    with pytest.raises(ValueError, match="gender"):
        read_roster("wave_id,class_id,pupil_id,gender\n1,4B,1,q\n")


# ------------------------------------------------------------------ wide answers


def test_wide_answers_to_long():
    text = "pupil_id,c1,c2,c3\n7,3,,4\n8,1,2,2.5\n"
    long = read_wide_answers(text, wave_id=5)
    assert tuple(long.columns) == ANSWERS
    # pupil 7 skipped c2: no row
    assert long.values.tolist() == [
        [5, 7, "c1", 3.0], [5, 7, "c3", 4.0], [5, 8, "c1", 1.0], [5, 8, "c2", 2.0],
        [5, 8, "c3", 2.5],
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("id,c1\n7,3\n", "pupil_id"),
        ("pupil_id\n7\n", "no item columns"),
        ("pupil_id,c1\n7,x\n", "pupil 7, item 'c1' holds 'x'"),
        ("pupil_id,c1\n7,1\n7,2\n", "appears twice"),
        ("pupil_id,c1\n,1\n", "empty pupil_id"),
    ],
)
def test_wide_answer_errors(text, message):
    with pytest.raises(ValueError, match=message):
        read_wide_answers(text, 1)


def test_wide_answers_round_trip_from_long():
    long = pd.DataFrame({"wave_id": 1, "pupil_id": [1, 1, 2], "item_id": ["a", "b", "a"],
                         "value": [1.0, 4.0, 2.0]})
    wide = long.pivot(index="pupil_id", columns="item_id", values="value").reset_index()
    back = read_wide_answers(wide.to_csv(index=False), 1)
    pd.testing.assert_frame_equal(back, long, check_dtype=False)
    assert np.isfinite(back["value"]).all()


# ------------------------------------------------------------------ messages in nl and en


@pytest.mark.parametrize("reader, text, english, dutch", [
    (read_roster, "wave_id,class_id,pupil_id,gender\n1,A,1,v\n",
     "roster: gender must be m, f or x, got 'v'",
     "leerlingenlijst: geslacht moet m, f of x zijn, maar is 'v'"),
    (read_edge_list, "wave_id,class_id\n1,A\n",
     "edge list: missing column(s) question_id, rater_id, target_id",
     "keuzelijst (edge list): kolom(men) question_id, rater_id, target_id ontbreken"),
    (lambda t: read_wide_answers(t, 1), "pupil_id,c1\n7,x\n",
     "answers: pupil 7, item 'c1' holds 'x', not a number",
     "antwoorden: leerling 7, item 'c1' bevat 'x', geen getal"),
    (lambda t: read_adjacency_matrix(t, "lm", 1, "A"), "0 1\n7 0\n",
     "adjacency matrix: cell (row 2, column 1) holds '7'",
     "matrix: cel (rij 2, kolom 1) bevat '7'"),
])
def test_import_problems_read_in_english_and_dutch(reader, text, english, dutch):
    from analysis.import_messages import ImportProblem

    with pytest.raises(ImportProblem) as info:
        reader(text)
    assert english in str(info.value) and english in info.value.text("en")
    assert dutch in info.value.text("nl")


def test_study_errors_name_the_file_in_both_languages():
    from analysis.import_messages import ImportProblem
    from analysis.importers import read_study

    edges = "wave_id,class_id,question_id,rater_id,target_id\n1,A,liked_most,1,2\n"
    with pytest.raises(ImportProblem) as info:
        read_study(("klas.csv", "wave_id,class_id,pupil_id\n1,A,1\n1,A,1\n"), edges)
    assert str(info.value) == "klas.csv: roster: a pupil is listed twice in the same wave and class"
    assert info.value.text("nl") == ("klas.csv: leerlingenlijst: een leerling staat twee keer in "
                                     "dezelfde meting en klas")
