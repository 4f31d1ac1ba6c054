"""Write the small example study of ``sample_data/study_example/`` (for the research import).

Two generated classes of 20 pupils, one measurement: a roster, every nomination as an edge
list, the two liking matrices of class 1 and the wide teacher and child answer sheets —
the files a researcher brings from an earlier study. Run from the repository root::

    .venv/bin/python -m sample_data.make_study_example

The generator gives every class its own wave id; a study measures all classes at once, so
the example relabels the wave to 1. In the matrices, a pupil without consent is kept as a
row and column of the not-in-class code -1 (as many study files do) and absent pupils'
rows hold the missing code 9.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from analysis.importers import write_adjacency_matrix, write_edge_list
from sample_data.generator import generate_classes

OUT = Path(__file__).resolve().parent / "study_example"
WAVE = 1
MATRIX_CLASS = 2  # the class with pupils without consent
MATRIX_QUESTIONS = ("liked_most", "liked_least")


def _with_not_in_class(text: str, pupils: list[int]) -> str:
    """Put ``pupils`` into a matrix (id header) as rows and columns of -1, in id order."""
    frame = pd.read_csv(io.StringIO(text), index_col=0)
    frame.columns = frame.columns.astype(int)
    ids = sorted([*frame.index.tolist(), *pupils])
    frame = frame.reindex(index=ids, columns=ids, fill_value=-1)
    for pupil in pupils:
        frame.loc[pupil, pupil] = 0
    return frame.to_csv(lineterminator="\n")


def _wide(answers: pd.DataFrame) -> str:
    wide = answers.pivot(index="pupil_id", columns="item_id", values="value")
    wide = wide.astype("Int64").reset_index()
    return wide.to_csv(index=False, lineterminator="\n")


def make(out: Path = OUT) -> list[Path]:
    """Write the example files into ``out``; return their paths."""
    school = generate_classes(2, 20, 1, seed=5)
    roster = school.roster.assign(wave_id=WAVE)
    noms = school.nominations.assign(wave_id=WAVE)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, text: str) -> None:
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)

    write("roster.csv", roster.to_csv(index=False, lineterminator="\n"))
    write("edges.csv", write_edge_list(noms))
    refused = school.pupils.loc[(school.pupils["consent"] == "refused")
                                & (school.pupils["class_id"] == MATRIX_CLASS), "pupil_id"]
    for question in MATRIX_QUESTIONS:
        text = write_adjacency_matrix(noms, roster, question, WAVE, MATRIX_CLASS)
        text = _with_not_in_class(text, [int(p) for p in refused])
        write(f"{WAVE}__{MATRIX_CLASS}__{question}.csv", text)
    write("teacher_answers.csv", _wide(school.teacher_answers))
    write("child_answers.csv", _wide(school.child_answers))
    return written


if __name__ == "__main__":
    for path in make():
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
