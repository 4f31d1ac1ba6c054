"""Upload limits of the research import: each is refused before parsing, with a keyed
message (nl/en) that names the limit and what was found; the issue's 1,500-pupil study
stays within them and is analysed in bounded memory."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from analysis import importers
from analysis.importers import (
    MAX_CELLS,
    MAX_FILE_BYTES,
    MAX_PUPILS_PER_NETWORK,
    MAX_ROWS,
    MAX_TOTAL_BYTES,
    ImportProblem,
    analyse_study,
    read_study,
)

ROSTER = b"wave_id,class_id,pupil_id\n1,A,1\n1,A,2\n"
EDGES = b"wave_id,class_id,question_id,rater_id,target_id\n1,A,liked_most,1,2\n"


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if any CSV or matrix is parsed."""
    def refuse(*args, **kwargs):
        raise AssertionError("parsed although over a limit")
    monkeypatch.setattr(importers, "_read_csv", refuse)
    monkeypatch.setattr(importers, "_tokenise", refuse)


def _problem(**files) -> ImportProblem:
    with pytest.raises(ImportProblem) as info:
        read_study(**files)
    return info.value


def test_the_limits_are_the_documented_ones():
    assert (MAX_FILE_BYTES, MAX_TOTAL_BYTES) == (20 * 2**20, 50 * 2**20)
    assert (MAX_ROWS, MAX_CELLS, MAX_PUPILS_PER_NETWORK) == (200_000, 5_000_000, 2_000)


def test_file_over_the_byte_limit(no_parsing):
    big = b"wave_id,class_id,pupil_id\n" + b"#" * MAX_FILE_BYTES
    problem = _problem(roster=("groot.csv", big), edges=EDGES)
    assert problem.key == "import.too_large"
    assert problem.text("en").startswith("groot.csv: the file is 20 MB; at most 20 MB")
    assert "per bestand kan hoogstens 20 MB" in problem.text("nl")


def test_file_over_the_row_limit(no_parsing):
    edges = EDGES + b"1,A,liked_most,2,1\n" * MAX_ROWS
    problem = _problem(roster=ROSTER, edges=("e.csv", edges))
    assert problem.key == "import.too_many_rows"
    assert problem.text("en") == ("e.csv: the file has 200,002 lines; at most 200,000 lines "
                                  "per file can be read")
    assert "200.002 regels" in problem.text("nl") and "200.000" in problem.text("nl")


def test_file_over_the_cell_limit(no_parsing):
    header = ",".join(["pupil_id", *(f"i{k}" for k in range(99))]).encode() + b"\n"
    rows = header + b"1" + b",3" * 99 + b"\n"
    answers = header + rows[len(header):] * 60_000  # 60,001 lines × 100 fields = 6.0 million
    problem = _problem(roster=ROSTER, edges=EDGES, teacher_answers=("t.csv", answers))
    assert problem.key == "import.too_many_cells"
    assert "6,000,100 cells (60,001 lines × 100 columns); at most 5,000,000" in problem.text()


def test_files_together_over_the_total_limit(no_parsing):
    part = b"x" * (MAX_FILE_BYTES - 10)
    problem = _problem(roster=ROSTER, edges=EDGES, teacher_answers=part, child_answers=part,
                       questions=part)
    assert problem.key == "import.too_large_total"
    assert "at most 50 MB can be read at once" in problem.text("en")


def _roster(n: int) -> bytes:
    return b"wave_id,class_id,pupil_id\n" + b"".join(b"1,4B,%d\n" % i for i in range(n))


def test_class_over_the_pupil_limit():
    problem = _problem(roster=("r.csv", _roster(MAX_PUPILS_PER_NETWORK + 1)), edges=EDGES)
    assert problem.key == "import.too_many_pupils"
    assert problem.text("en") == ("r.csv: wave 1, class 4B has 2,001 pupils; at most 2,000 "
                                  "pupils per class (one network) can be analysed")
    assert "klas 4B heeft 2.001 leerlingen" in problem.text("nl")


def test_a_class_at_the_pupil_limit_is_read():
    study = read_study(roster=_roster(MAX_PUPILS_PER_NETWORK), edges=EDGES)
    assert len(study.roster) == MAX_PUPILS_PER_NETWORK


def test_matrix_over_the_pupil_limit(monkeypatch):
    monkeypatch.setattr(importers, "_split_header", None)  # refused before the header parse
    n = MAX_PUPILS_PER_NETWORK + 2
    problem = _problem(matrices=[("1__4B__lm.csv", b"0\n" * n)])
    assert problem.key == "import.matrix_too_many_pupils"
    assert problem.text("en").startswith("1__4B__lm.csv: adjacency matrix: 2,002 rows; at "
                                          "most 2,000 pupils")


def _issue_study(n: int = 1500, m: int = 60_000) -> tuple[bytes, bytes]:
    rng = np.random.default_rng(1)
    keys = np.unique(rng.integers(0, n, 3 * m) * n + rng.integers(0, n, 3 * m))
    keys = rng.permutation(keys[keys // n != keys % n])[:m]
    roster = b"wave_id,class_id,pupil_id\n" + b"".join(b"1,A,%d\n" % i for i in range(n))
    edges = b"wave_id,class_id,question_id,rater_id,target_id\n" + b"".join(
        b"1,A,liked_most,%d,%d\n" % (a, b) for a, b in zip(keys // n, keys % n, strict=True))
    return roster, edges


@pytest.mark.slow  # about 20 s: Louvain (networkx) on 60,000 ties
def test_the_issue_upload_is_analysed_in_bounded_memory():
    roster, edges = _issue_study()
    assert len(roster) + len(edges) < 1.5 * 2**20  # the 1.4 MB of the issue
    tracemalloc.start()
    try:
        result = analyse_study(read_study(("roster.csv", roster), ("edges.csv", edges)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(result.pupils_table()) == 1500
    assert peak < 500 * 2**20, f"peak {peak / 2**20:.0f} MiB"  # the old code: over 13 GB


def test_a_matrix_at_the_pupil_limit_is_read_in_bounded_memory():
    # 2,000 × 2,000 = 4 million cells: each distinct token is checked once, not each cell
    n = MAX_PUPILS_PER_NETWORK
    rng = np.random.default_rng(3)
    rows = np.where(rng.random((n, n)) < 0.02, "1", "0")
    np.fill_diagonal(rows, "0")
    rows[5, 7] = "7"  # a bad code far into the file is still found and named
    text = "\n".join(" ".join(r) for r in rows).encode() + b"\n"
    with pytest.raises(ImportProblem) as info:
        importers.read_adjacency_matrix(text, "lm", 1, "A")
    assert info.value.key == "import.matrix_bad_cell" and info.value.values["row"] == 6
    rows[5, 7] = "0"
    text = "\n".join(" ".join(r) for r in rows).encode() + b"\n"
    tracemalloc.start()
    try:
        roster, noms = importers.read_adjacency_matrix(text, "lm", 1, "A")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(roster) == n and len(noms) == int((rows == "1").sum())
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"
