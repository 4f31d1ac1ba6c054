"""Command line: ``python -m analysis`` runs the whole analysis on researchers' files.

Example::

    python -m analysis --roster roster.csv --nominations edges.csv \\
        --answers-teacher teacher.csv --answers-child child.csv --out results/

writes ``results/pupils.csv`` (one row per wave × class × pupil) and
``results/classes.csv`` (one row per wave × class × nomination question). See
``docs/methods_peers.md`` for every column and default.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.frames import FrameError
from analysis.importers import (
    read_adjacency_matrix,
    read_edge_list,
    read_roster,
    read_wide_answers,
)
from analysis.sociometry import SociometrySettings

MATRIX_SUFFIXES = (".csv", ".txt", ".dat", ".tsv")

DESCRIPTION = """\
Klaskaart analysis of peer nominations (and, optionally, teacher and child relationship
questionnaires) for one or many classes. Writes pupils.csv and classes.csv to --out.

Input files (UTF-8):
  roster        CSV: wave_id, class_id, pupil_id[, gender (m/f/x), present (1/0, yes/no)]
  nominations   CSV edge list: wave_id, class_id, question_id, rater_id, target_id
                (an empty target_id is an explicit "nobody")
  matrix dir    one adjacency matrix per file, named <wave_id>__<class_id>__<question_id>.csv
                (or .txt/.dat/.tsv); 1 = nominated, 0 = not, a row of the missing code =
                absent nominator, a row/column of the not-in-class code = not in class
  answers       wide CSV: pupil_id + one column per item id of the shipped packs
                (empty cell = skipped item)
  questions     CSV: question_id, kind, polarity (default: the shipped nomination pack)
"""

EPILOG = """\
Screening indications for a conversation, not diagnoses. Exit status: 0 ok, 1 bad input
data, 2 bad command line.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the tests and for --help)."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--roster", type=Path,
                        help="roster CSV (required unless --matrix-dir gives the pupils)")
    parser.add_argument("--nominations", type=Path, help="nomination edge list CSV")
    parser.add_argument("--matrix-dir", type=Path,
                        help="directory of adjacency matrices <wave>__<class>__<question>.csv")
    parser.add_argument("--missing-code", type=int, default=9,
                        help="matrix code of an absent nominator (default 9)")
    parser.add_argument("--not-in-class-code", type=int, default=-1,
                        help="matrix code of a pupil not in the class (default -1)")
    parser.add_argument("--answers-teacher", type=Path,
                        help="wide CSV of teacher ratings (STRS-structured teacher pack)")
    parser.add_argument("--answers-child", type=Path,
                        help="wide CSV of child answers (CARTS-structured child pack)")
    parser.add_argument("--wave", help="wave_id of the wide answer files (default: the "
                        "roster's only wave)")
    parser.add_argument("--questions", type=Path,
                        help="QUESTIONS CSV (default: the shipped nomination pack)")
    parser.add_argument("--min-participation", type=float, default=0.60,
                        help="flag classes below this participation rate (default 0.60)")
    parser.add_argument("--nb-alpha", type=float, default=0.05,
                        help="Newcomb–Bukowski significance level (default 0.05)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the Louvain communities (default 0)")
    parser.add_argument("--language", choices=("nl", "en"), default="nl",
                        help="language of the risk reasons (default nl)")
    parser.add_argument("--out", type=Path, required=True,
                        help="output directory (created when missing)")
    return parser


def _matrices(directory: Path, args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    if not directory.is_dir():
        raise ValueError(f"--matrix-dir {directory} is not a directory")
    rosters, noms = [], []
    files = sorted(p for p in directory.iterdir() if p.suffix.lower() in MATRIX_SUFFIXES)
    if not files:
        raise ValueError(f"--matrix-dir {directory} holds no .csv/.txt/.dat/.tsv files")
    for path in files:
        parts = path.stem.split("__")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"{path.name}: name the file <wave_id>__<class_id>__<question_id>"
                             f"{path.suffix}")
        wave, klass, question = (int(p) if p.isdigit() else p for p in parts)
        try:
            r, n = read_adjacency_matrix(path, question, wave, klass, args.missing_code,
                                         args.not_in_class_code)
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from exc
        rosters.append(r)
        noms.append(n)
    roster = pd.concat(rosters, ignore_index=True)
    # a pupil absent for one question's matrix may have answered another: present if any
    roster = roster.groupby(["wave_id", "class_id", "pupil_id"], sort=False, as_index=False).agg(
        gender=("gender", "first"), present=("present", "max"))
    return roster, pd.concat(noms, ignore_index=True)


def _answers(path: Path, wave: object) -> pd.DataFrame:
    try:
        return read_wide_answers(path, wave)
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


def run(args: argparse.Namespace) -> list[str]:
    """Read the inputs, analyse, write the two CSV files; return notes for the user."""
    from analysis.pipeline import PipelineSettings, analyse, default_questions

    roster = read_roster(args.roster) if args.roster else None
    frames = []
    if args.nominations:
        frames.append(read_edge_list(args.nominations))
    if args.matrix_dir:
        matrix_roster, matrix_noms = _matrices(args.matrix_dir, args)
        frames.append(matrix_noms)
        if roster is None:
            roster = matrix_roster
    assert roster is not None  # guaranteed by main()
    noms = pd.concat(frames, ignore_index=True)
    if noms["target_id"].dtype == object:
        noms["target_id"] = noms["target_id"].where(noms["target_id"].notna(), None)
    questions = default_questions() if args.questions is None else pd.read_csv(
        args.questions, dtype=str, keep_default_na=False)
    wave = args.wave
    if (args.answers_teacher or args.answers_child) and wave is None:
        waves = pd.unique(roster["wave_id"]).tolist()
        if len(waves) != 1:
            raise ValueError("the roster has several waves: say which wave the answer files "
                             "belong to with --wave")
        wave = waves[0]
    elif wave is not None and str(wave).lstrip("-").isdigit():
        wave = int(wave)
    teacher = _answers(args.answers_teacher, wave) if args.answers_teacher else None
    child = _answers(args.answers_child, wave) if args.answers_child else None
    settings = PipelineSettings(
        sociometry=SociometrySettings(min_participation=args.min_participation,
                                      nb_alpha=args.nb_alpha),
        seed=args.seed, language=args.language,
    )
    # reference group for percentiles: all pupils of the same wave in the files given
    result = analyse(roster, noms, questions, teacher, child, settings=settings,
                     wave_reference="self")
    args.out.mkdir(parents=True, exist_ok=True)
    result.pupils_table().to_csv(args.out / "pupils.csv", index=False)
    result.classes_table().to_csv(args.out / "classes.csv", index=False)
    return result.notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.nominations and not args.matrix_dir:
        parser.error("give --nominations and/or --matrix-dir")
    if not args.roster and not args.matrix_dir:
        parser.error("--roster is required (unless --matrix-dir supplies the pupils)")
    for name in ("roster", "nominations", "answers_teacher", "answers_child", "questions"):
        path = getattr(args, name)
        if path is not None and not path.is_file():
            parser.error(f"--{name.replace('_', '-')}: file not found: {path}")
    try:
        notes = run(args)
    except (ValueError, FrameError, OSError) as exc:
        print(f"python -m analysis: error: {exc}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"wrote {args.out / 'pupils.csv'} and {args.out / 'classes.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
