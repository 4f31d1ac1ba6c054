"""read_study: one pure loader for the command line and the app (contents in, frames out)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.frames import ANSWERS, NOMINATIONS, QUESTIONS, ROSTER
from analysis.importers import (
    Study,
    WaveNeeded,
    analyse_study,
    read_matrices,
    read_study,
    write_adjacency_matrix,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "study_example"
ROSTER_CSV = "wave_id,class_id,pupil_id,gender\n1,A,1,m\n1,A,2,f\n1,A,3,x\n"
EDGES_CSV = ("wave_id,class_id,question_id,rater_id,target_id\n"
             "1,A,liked_most,1,2\n1,A,liked_most,2,1\n1,A,liked_most,3,\n")


def _example(name: str) -> bytes:
    return (EXAMPLE / name).read_bytes()


# ------------------------------------------------------------------ edge list


def test_edge_list_with_roster_and_default_questions():
    study = read_study(("roster.csv", ROSTER_CSV), ("edges.csv", EDGES_CSV))
    assert isinstance(study, Study)
    assert tuple(study.roster.columns) == ROSTER and tuple(study.nominations.columns) == NOMINATIONS
    assert tuple(study.questions.columns[:3]) == QUESTIONS
    # pupil 3 chose nobody: an explicit row with a missing target
    pairs = list(zip(study.nominations["rater_id"], study.nominations["target_id"], strict=True))
    assert pairs[:2] == [(1, 2), (2, 1)] and pd.isna(pairs[2][1])
    assert study.teacher_answers is None and study.child_answers is None and study.wave is None


def test_text_content_is_never_taken_for_a_path(tmp_path):
    # a one-line str without a newline would be a path for the low-level readers
    secret = tmp_path / "secret.csv"
    secret.write_text(ROSTER_CSV)
    with pytest.raises(ValueError, match="edges.csv: edge list: missing column"):
        read_study(ROSTER_CSV, ("edges.csv", str(secret)))


# ------------------------------------------------------------------ matrices


def test_matrices_with_missing_and_not_in_class_codes():
    # pupils 1..4; 3 was absent (row of 8s = custom missing code); 4 left the class
    # (row and column of -7 = custom not-in-class code)
    lm = "0 1 0 -7\n1 0 1 -7\n8 8 8 -7\n-7 -7 -7 0\n"
    ll = "0 0 1 -7\n0 0 0 -7\n0 1 0 -7\n-7 -7 -7 0\n"
    study = read_study(matrices=[("1__A__liked_most.txt", lm), ("1__A__liked_least.txt", ll)],
                       missing_code=8, not_in_class_code=-7)
    # pupil 3 is absent in liked_most but answered liked_least: present (any matrix)
    assert study.roster["pupil_id"].tolist() == [1, 2, 3]
    assert study.roster["present"].tolist() == [True, True, True]
    lm_noms = study.nominations[study.nominations["question_id"] == "liked_most"]
    assert lm_noms[["rater_id", "target_id"]].values.tolist() == [[1, 2], [2, 1], [2, 3]]
    ll_noms = study.nominations[study.nominations["question_id"] == "liked_least"]
    # pupil 2 named nobody for liked_least: one "nobody" row
    assert ll_noms["rater_id"].tolist() == [1, 2, 3]
    assert pd.isna(ll_noms["target_id"].iloc[1])


def test_example_matrices_equal_the_edge_list_for_their_class():
    matrices = [(n, _example(n)) for n in ("1__2__liked_most.csv", "1__2__liked_least.csv")]
    from_matrices = read_study(matrices=matrices)
    from_edges = read_study(_example("roster.csv"), _example("edges.csv"))
    # class 2 has 20 pupils in the files, 2 without consent coded -1 → 18 on both rosters
    assert len(from_matrices.roster) == 18
    edges = from_edges.nominations
    edges = edges[(edges["class_id"] == 2) & edges["question_id"].isin(["liked_most",
                                                                          "liked_least"])]
    def key(f):
        return sorted(map(str, zip(f["question_id"], f["rater_id"], f["target_id"], strict=True)))
    assert key(from_matrices.nominations) == key(edges)


def test_matrix_roster_is_replaced_by_a_given_roster():
    study = read_study(ROSTER_CSV, matrices=[("1__A__liked_most.csv", "0 1\n1 0\n")])
    assert study.roster["gender"].tolist() == ["m", "f", "x"]


@pytest.mark.parametrize("name", ["liked_most.csv", "1__A.csv", "1____lm.csv"])
def test_badly_named_matrix(name):
    with pytest.raises(ValueError, match=rf"{name}: name the file <wave_id>__<class_id>"):
        read_study(matrices=[(name, "0 1\n1 0\n")])


def test_bad_matrix_names_its_file():
    with pytest.raises(ValueError, match="1__A__lm.csv: adjacency matrix: cell .* holds '5'"):
        read_study(matrices=[("1__A__lm.csv", "0 5\n1 0\n")])


def test_same_matrix_twice_and_overlap_with_edges():
    with pytest.raises(ValueError, match="1__A__lm.csv holds the same wave, class and question"):
        read_matrices([("1__A__lm.csv", "0 1\n1 0\n"), ("1__A__lm.txt", "0 1\n1 0\n")])
    with pytest.raises(ValueError, match="1__A__liked_most.csv: the edge list already holds"):
        read_study(ROSTER_CSV, EDGES_CSV, [("1__A__liked_most.csv", "0 1 0\n1 0 1\n0 0 0\n")])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=5, max_size=5), min_size=5, max_size=5))
def test_written_matrix_reads_back_to_the_same_choices(cells):
    # any 5 × 5 choice pattern survives write_adjacency_matrix → read_study
    roster = pd.DataFrame({"wave_id": 1, "class_id": "A", "pupil_id": [1, 2, 3, 4, 5],
                           "gender": "x", "present": True})
    noms = pd.DataFrame([(1, "A", "lm", i + 1, j + 1) for i in range(5) for j in range(5)
                         if cells[i][j] and i != j], columns=list(NOMINATIONS))
    text = write_adjacency_matrix(noms, roster, "lm", 1, "A")
    back = read_study(matrices=[("1__A__lm.csv", text)]).nominations.dropna()
    got = sorted(zip(back["rater_id"].tolist(), back["target_id"].tolist(), strict=True))
    assert got == sorted(zip(noms["rater_id"], noms["target_id"], strict=True))


# ------------------------------------------------------------------ answers and waves


def test_answers_get_the_rosters_only_wave():
    study = read_study(ROSTER_CSV, EDGES_CSV, teacher_answers="pupil_id,strs_cl01\n1,4\n2,\n",
                       child_answers=("child.csv", b"pupil_id,carts_cl01\n3,2\n"))
    assert study.wave == 1
    assert tuple(study.teacher_answers.columns) == ANSWERS
    # pupil 2's empty cell is a skipped item: no row
    assert study.teacher_answers[["pupil_id", "value"]].values.tolist() == [[1, 4.0]]
    assert study.child_answers["wave_id"].tolist() == [1]


def test_several_waves_need_a_wave():
    roster = ROSTER_CSV + "2,A,1,m\n2,A,2,f\n"
    with pytest.raises(WaveNeeded) as caught:
        read_study(roster, EDGES_CSV, teacher_answers="pupil_id,strs_cl01\n1,4\n")
    assert caught.value.waves == [1, 2]
    study = read_study(roster, EDGES_CSV, teacher_answers="pupil_id,strs_cl01\n1,4\n", wave="2")
    assert study.wave == 2 and study.teacher_answers["wave_id"].tolist() == [2]
    with pytest.raises(ValueError, match="wave 3 of the answer files is not in the roster"):
        read_study(roster, EDGES_CSV, teacher_answers="pupil_id,strs_cl01\n1,4\n", wave="3")


def test_bad_answers_and_questions_name_their_file():
    with pytest.raises(ValueError, match="t.csv: answers: pupil 1, item 'strs_cl01' holds 'x'"):
        read_study(ROSTER_CSV, EDGES_CSV, teacher_answers=("t.csv", "pupil_id,strs_cl01\n1,x\n"))
    with pytest.raises(ValueError, match="q.csv: questions: missing column.s. polarity"):
        read_study(ROSTER_CSV, EDGES_CSV, questions=("q.csv", "question_id,kind\nlm,liking\n"))
    with pytest.raises(ValueError, match="r.csv: file is not UTF-8 text"):
        read_study(("r.csv", "pupil_id\n".encode("utf-16")), EDGES_CSV)


def test_nothing_to_analyse():
    with pytest.raises(ValueError, match="edge list and/or adjacency matrices"):
        read_study(ROSTER_CSV)
    with pytest.raises(ValueError, match="a roster is needed"):
        read_study(edges=EDGES_CSV)


def test_own_questions_file():
    study = read_study(ROSTER_CSV, EDGES_CSV,
                       questions=" question_id , kind , polarity\n liked_most , liking , positive\n")
    assert study.questions.values.tolist() == [["liked_most", "liking", "positive"]]


# ------------------------------------------------------------------ analysis path of the app


def test_analyse_study_gives_a_row_per_pupil_and_settings_reach_the_steps():
    study = read_study(_example("roster.csv"), _example("edges.csv"),
                       teacher_answers=_example("teacher_answers.csv"),
                       child_answers=_example("child_answers.csv"))
    result = analyse_study(study, min_participation=1.0, language="en")
    pupils, classes = result.pupils_table(), result.classes_table()
    assert len(pupils) == len(study.roster) == 38
    assert len(classes) == 2 * 4  # 2 classes × 4 questions
    # 3 of the 38 pupils are absent, so no class reaches full participation
    assert classes["low_participation"].all()
    assert pupils["child_closeness_pct"].notna().any() and result.notes == []
    assert pupils["double_risk"].any()  # the generator plants strained relationships
    flagged = pupils.loc[pupils["teacher_risk"] == True, "reasons"]  # noqa: E712
    assert flagged.str.contains("reference group: all classes of this wave").all()
    default = analyse_study(study)  # Dutch reasons, 60 % participation threshold
    assert not default.classes_table()["low_participation"].all()
    dutch = default.pupils_table()
    assert dutch.loc[dutch["teacher_risk"] == True, "reasons"].str.contains(  # noqa: E712
        "referentiegroep").all()
