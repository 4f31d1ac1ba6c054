"""Command line: ``python -m analysis`` runs the whole analysis on researchers' files.

Example::

    python -m analysis --roster roster.csv --nominations edges.csv \\
        --answers-teacher teacher.csv --answers-child child.csv --out results/

writes ``results/pupils.csv`` (one row per wave × class × pupil) and
``results/classes.csv`` (one row per wave × class × nomination question), text cells that
look like formulas neutralised (``analysis.exports.safe_csv``); rows the analysis left out
are counted per reason on standard error (``analysis.import_report``). See
``docs/methods.md`` for every column and default. The files are assembled by
``analysis.importers.read_study`` — the same loader the app's research-import page uses.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis.exports import safe_csv
from analysis.frames import FrameError, configure_pandas
from analysis.import_report import drop_report
from analysis.importers import (
    MATRIX_SUFFIXES,
    MAX_FILE_BYTES,
    ImportProblem,
    WaveNeeded,
    analyse_study,
    read_study,
)
from analysis.norms import load_norm_table

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
  norms         CSV norm table: scale, gender (m/f/x/all), raw_score, percentile
                [, informant (teacher/child, default teacher), n]
"""

EPILOG = """\
Screening indications for a conversation, not diagnoses. Exit status: 0 ok, 1 bad input
data, 2 bad command line.
"""


#: English words per reason of ``analysis.import_report`` (the app shows nl/en messages)
_DROP_WORDS = {
    "unknown_question": "nomination row(s) of a question not in the question list",
    "unknown_class": "nomination row(s) of a wave and class not on the roster",
    "unknown_rater": "nomination row(s) by a pupil not on the class roster",
    "absent_rater": "nomination row(s) by a pupil marked absent",
    "unknown_target": "nomination row(s) of a target not on the class roster",
    "self_nomination": "self-nomination(s)",
    "duplicate": "repeated nomination row(s), counted once",
    "answers_unknown_pupil": "answer(s) of a pupil not on that wave's roster",
    "answers_unknown_item": "answer(s) to an item not in the instrument pack",
}


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
    parser.add_argument("--norms", type=Path,
                        help="norm table CSV (scale, gender, raw_score, percentile[, informant, "
                             "n]): percentiles against these norms for the scales it holds, "
                             "else against the wave (docs/methods.md section 3)")
    parser.add_argument("--norms-metric", choices=("mean", "sum"), default="mean",
                        help="what the norm table's raw_score is: the item mean (default) or "
                             "the sum of the items, as many manuals tabulate")
    parser.add_argument("--out", type=Path, required=True,
                        help="output directory (created when missing)")
    return parser


def _bytes(path: Path) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportProblem("too_large", path.name, limit=MAX_FILE_BYTES / 2**20,
                            found=size / 2**20)
    return path.read_bytes()


def _read(path: Path | None) -> bytes | None:
    return None if path is None else _bytes(path)


def _named(path: Path | None) -> tuple[str, bytes] | None:
    return None if path is None else (path.name, _bytes(path))


def _matrix_files(directory: Path) -> list[tuple[str, bytes]]:
    if not directory.is_dir():
        raise ValueError(f"--matrix-dir {directory} is not a directory")
    files = sorted(p for p in directory.iterdir() if p.suffix.lower() in MATRIX_SUFFIXES)
    if not files:
        raise ValueError(f"--matrix-dir {directory} holds no .csv/.txt/.dat/.tsv files")
    return [(p.name, _bytes(p)) for p in files]


def run(args: argparse.Namespace) -> list[str]:
    """Read the inputs, analyse, write the two CSV files; return notes for the user."""
    try:
        study = read_study(
            roster=_read(args.roster),
            edges=_read(args.nominations),
            matrices=_matrix_files(args.matrix_dir) if args.matrix_dir else (),
            teacher_answers=_named(args.answers_teacher),
            child_answers=_named(args.answers_child),
            questions=_read(args.questions),
            wave=args.wave,
            missing_code=args.missing_code,
            not_in_class_code=args.not_in_class_code,
        )
    except WaveNeeded as exc:
        raise ValueError(f"{exc} with --wave") from exc
    norms = None
    if args.norms is not None:
        norms = load_norm_table(io.BytesIO(_bytes(args.norms)), metric=args.norms_metric)
    result = analyse_study(study, min_participation=args.min_participation,
                           nb_alpha=args.nb_alpha, seed=args.seed, language=args.language,
                           norms=norms)
    args.out.mkdir(parents=True, exist_ok=True)
    # formula-like cells (= + - @ …) neutralised, as in the app's downloads
    (args.out / "pupils.csv").write_bytes(safe_csv(result.pupils_table()))
    (args.out / "classes.csv").write_bytes(safe_csv(result.classes_table()))
    left_out = drop_report(study)
    notes = [f"left out of the analysis: {count} {_DROP_WORDS[kind]}"
             for kind, count in left_out.dropped().items()]
    return [*notes, *result.notes]


def main(argv: Sequence[str] | None = None) -> int:
    configure_pandas()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.nominations and not args.matrix_dir:
        parser.error("give --nominations and/or --matrix-dir")
    if not args.roster and not args.matrix_dir:
        parser.error("--roster is required (unless --matrix-dir supplies the pupils)")
    for name in ("roster", "nominations", "answers_teacher", "answers_child", "questions",
                 "norms"):
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
