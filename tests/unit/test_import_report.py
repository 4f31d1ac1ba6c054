"""What the research import leaves out is counted per reason, and its CSV outputs
(pupils.csv, classes.csv) neutralise cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from analysis.__main__ import main
from analysis.exports import safe_csv
from analysis.import_report import NOMINATION_DROPS, drop_report
from analysis.importers import analyse_study, read_study

ROOT = Path(__file__).resolve().parents[2]

ROSTER = b"""wave_id,class_id,pupil_id,present
1,A,1,1
1,A,2,1
1,A,3,1
1,A,4,0
"""
EDGES = b"""wave_id,class_id,question_id,rater_id,target_id
1,A,liked_most,1,2
1,A,liked_most,1,2
1,A,liked_most,1,3
1,A,liked_most,2,2
1,A,liked_most,2,99
1,A,liked_most,2,98
1,A,liked_most,77,1
1,A,liked_most,4,1
1,B,liked_most,1,2
1,A,best_at_football,1,3
1,A,liked_least,3,
"""
TEACHER = b"""pupil_id,strs_cl01,not_an_item
1,4,3
55,4,
"""


def test_every_reason_is_counted_once():
    study = read_study(("roster.csv", ROSTER), ("edges.csv", EDGES),
                       teacher_answers=("t.csv", TEACHER))
    report = drop_report(study)
    assert report.nominations == 11 and report.answers == 3  # empty cells are no rows
    assert report.dropped() == {
        "unknown_question": 1,  # best_at_football is not in the shipped pack
        "unknown_class": 1,  # class B is not on the roster
        "unknown_rater": 1,  # 77
        "absent_rater": 1,  # 4 is marked absent
        "unknown_target": 2,  # 99 and 98
        "self_nomination": 1,  # 2 → 2
        "duplicate": 1,  # 1 → 2 twice
        "answers_unknown_pupil": 1,  # pupil 55 (one non-empty cell)
        "answers_unknown_item": 1,  # not_an_item of pupil 1
    }
    assert report.nominations_dropped == 8  # 11 rows: 1→2, 1→3 and "nobody" are used
    assert list(report.dropped())[:len(NOMINATION_DROPS)] == list(NOMINATION_DROPS)


def test_a_clean_study_drops_nothing():
    edges = b"wave_id,class_id,question_id,rater_id,target_id\n1,A,liked_most,1,2\n"
    assert drop_report(read_study(ROSTER, edges)).dropped() == {}


HOSTILE = '=HYPERLINK("http://x","klik")'


def _hostile_files() -> tuple[bytes, bytes]:
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    roster = f"wave_id,class_id,pupil_id\n1,+4B,{quoted}\n1,+4B,@b\n1,+4B,-c\n".encode()
    edges = ("wave_id,class_id,question_id,rater_id,target_id\n"
             f"1,+4B,liked_most,{quoted},@b\n1,+4B,liked_most,@b,-c\n").encode()
    return roster, edges


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_pupils_csv_neutralises_a_hyperlink_formula():
    roster, edges = _hostile_files()
    result = analyse_study(read_study(roster, edges))
    pupils = _cells(safe_csv(result.pupils_table()))
    assert [p["pupil_id"] for p in pupils] == ["'" + HOSTILE, "'@b", "'-c"]
    assert {p["class_id"] for p in pupils} == {"'+4B"}
    classes = _cells(safe_csv(result.classes_table()))
    assert {c["class_id"] for c in classes} == {"'+4B"}
    # numbers stay numbers (a negative z-score is not text)
    assert any(p["z_lm"].startswith("-") for p in pupils)
    # no cell of either file starts with a formula character
    for row in pupils + classes:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def test_the_command_line_writes_neutralised_csv_and_reports_drops(tmp_path, capsys):
    roster, edges = _hostile_files()
    (tmp_path / "roster.csv").write_bytes(roster)
    (tmp_path / "edges.csv").write_bytes(edges + b"1,+4B,liked_most,@b,@b\n")
    out = tmp_path / "out"
    assert main(["--roster", str(tmp_path / "roster.csv"),
                 "--nominations", str(tmp_path / "edges.csv"), "--out", str(out)]) == 0
    text = (out / "pupils.csv").read_text("utf-8")
    assert "=HYPERLINK" in text and not any(
        v.startswith("=") for row in _cells(text.encode()) for v in row.values())
    assert "left out of the analysis: 1 self-nomination(s)" in capsys.readouterr().err


def test_safe_csv_keeps_numbers_and_empty_cells():
    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [-0.5, float("nan")],
                          "c": ["-x", None], "d": [True, False]})
    assert safe_csv(frame).decode() == "a,b,c,d\n1,-0.5,'-x,True\n,,,False\n"


def test_text_roster_ids_and_digit_targets_are_the_same_pupils():
    # the roster has a text id, so all its ids are text; the targets are only digits
    roster = b"wave_id,class_id,pupil_id\n1,A,p1\n1,A,2\n1,A,3\n"
    edges = (b"wave_id,class_id,question_id,rater_id,target_id\n"
             b"1,A,liked_most,p1,2\n1,A,liked_most,2,3\n1,A,liked_most,3,\n")
    study = read_study(roster, edges)
    assert drop_report(study).dropped() == {}  # before: two "unknown targets"
    received = analyse_study(study).pupils_table().set_index("pupil_id")["lm_received"]
    assert received.to_dict() == {"p1": 0.0, "2": 1.0, "3": 1.0}


def test_the_command_line_ranks_against_a_norm_table(tmp_path, capsys):
    """--norms: teacher conflict against a table running from 1 (percentile 0) to 5 (100),
    interpolated; the scales the table lacks stay ranked within the wave."""
    example = ROOT / "sample_data" / "study_example"
    files = ["--roster", str(example / "roster.csv"), "--nominations", str(example / "edges.csv"),
             "--answers-teacher", str(example / "teacher_answers.csv"), "--wave", "1"]
    (tmp_path / "norms.csv").write_text(
        "scale,gender,raw_score,percentile\nconflict,all,1,0\nconflict,all,5,100\n")
    assert main([*files, "--out", str(tmp_path / "wave")]) == 0
    assert main([*files, "--norms", str(tmp_path / "norms.csv"), "--out", str(tmp_path / "n")]) == 0
    wave = pd.read_csv(tmp_path / "wave" / "pupils.csv")
    normed = pd.read_csv(tmp_path / "n" / "pupils.csv")
    expected = (normed["teacher_conflict"] - 1) / 4 * 100
    assert normed["teacher_conflict_pct"].round(6).tolist() == expected.round(6).tolist()
    assert not normed["teacher_conflict_pct"].equals(wave["teacher_conflict_pct"])
    assert normed["teacher_closeness_pct"].equals(wave["teacher_closeness_pct"])
    # a malformed table: a clear message, exit status 1, nothing written
    (tmp_path / "bad.csv").write_text("scale,gender,raw_score,percentile\nconflict,all,1,140\n")
    capsys.readouterr()
    assert main([*files, "--norms", str(tmp_path / "bad.csv"), "--out", str(tmp_path / "b")]) == 1
    assert "percentile must lie in 0..100" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
