"""Read researchers' existing peer data into the frames of ``analysis.frames`` (and back).

Three formats are supported:

- an **adjacency matrix** of one question in one class (whitespace- or comma-separated,
  optional first row/column of pupil ids): :func:`read_adjacency_matrix`,
  :func:`write_adjacency_matrix`;
- a long **edge list** CSV (wave_id, class_id, question_id, rater_id, target_id; an empty
  target is an explicit "nobody"): :func:`read_edge_list`, :func:`write_edge_list`;
- **wide item answers** (pupil_id + one column per item id): :func:`read_wide_answers`.

:func:`read_study` assembles a whole study (roster, nominations, questions, answers) from
file *contents*; the command line (``python -m analysis``) and the app's research-import
page both use it, and :func:`analyse_study` runs the pipeline on it the same way for both.

``data`` may be a path (``str`` without a line break, or ``pathlib.Path``), the file's text
(a ``str`` containing a line break), ``bytes`` or an open file. Identifier columns whose
values are all whole numbers become integers (nullable ``Int64``), otherwise strings.

>>> roster, noms = read_adjacency_matrix("0 1 0\\n1 0 1\\n9 9 9\\n", "lm", 1, "4B")
>>> roster["present"].tolist()
[True, True, False]
>>> noms[["rater_id", "target_id"]].values.tolist()
[[1, 2], [2, 1], [2, 3]]
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Hashable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd

from analysis.frames import ANSWERS, NOMINATIONS, QUESTIONS, ROSTER, require_columns
from analysis.import_messages import ImportProblem
from survey.i18n import KeyedError

if TYPE_CHECKING:  # the pipeline is imported lazily: it loads the instrument packs
    from analysis.pipeline import AnalysisResult

_T = TypeVar("_T")

__all__ = [
    "MATRIX_SUFFIXES",
    "MAX_CELLS",
    "MAX_FILE_BYTES",
    "MAX_PUPILS_PER_NETWORK",
    "MAX_ROWS",
    "MAX_TOTAL_BYTES",
    "ImportProblem",
    "Study",
    "WaveNeeded",
    "analyse_study",
    "check_file_size",
    "check_pupils_per_network",
    "read_adjacency_matrix",
    "read_edge_list",
    "read_matrices",
    "read_questions",
    "read_roster",
    "read_study",
    "read_wide_answers",
    "write_adjacency_matrix",
    "write_edge_list",
]

DataSource = str | Path | bytes | IO[str] | IO[bytes]

# Upload limits (issue 14), the one place they are defined. They are checked on the raw
# bytes before anything heavy is parsed (the line count and the first line are enough), so
# an oversized study is refused in milliseconds with a message that names the limit and
# what was found. The figures leave room for the largest real studies (a 2,000-pupil
# class with 60 ties each is 120,000 lines, 3 MB) while bounding time and memory.
#: bytes per file (20 MiB)
MAX_FILE_BYTES = 20 * 1024 * 1024
#: bytes of all the files of one study together (50 MiB)
MAX_TOTAL_BYTES = 50 * 1024 * 1024
#: lines per file (header included)
MAX_ROWS = 200_000
#: cells per file: lines × fields of the first line (a 2,000-pupil matrix has 4.0 million)
MAX_CELLS = 5_000_000
#: pupils per network: per wave × class (a matrix: its rows)
MAX_PUPILS_PER_NETWORK = 2_000
_INT = re.compile(r"^[+-]?\d+$")
_TRUE = {"1", "true", "t", "yes", "y", "ja", "j", "present", "aanwezig"}
_FALSE = {"0", "false", "f", "no", "n", "nee", "absent", "afwezig"}


def _text(data: DataSource) -> str:
    """The text of ``data`` (path, text, bytes or file object), BOM removed."""
    if isinstance(data, Path):
        raw: str | bytes = data.read_bytes()
    elif isinstance(data, str):
        raw = data if ("\n" in data or "\r" in data) else Path(data).read_bytes()
    elif isinstance(data, bytes | bytearray):
        raw = bytes(data)
    elif hasattr(data, "read"):
        raw = data.read()
    else:
        raise TypeError(f"cannot read data of type {type(data).__name__}")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportProblem("not_utf8") from exc
    return raw.lstrip("\ufeff")


def _ids(values: pd.Series) -> pd.Series:
    """Identifier column: nullable integers when every value is a whole number, else str."""
    s = values.astype("string").str.strip()
    s = s.mask(s == "")
    present = s.dropna()
    if len(present) and present.str.fullmatch(_INT.pattern).all():
        return pd.to_numeric(s).astype("Int64")
    if not len(present):
        return s.astype("Int64") if len(s) == 0 or s.isna().all() else s
    return s.astype(object).where(s.notna(), None)


def _scalar_ids(tokens: list[str]) -> list[Hashable]:
    if all(_INT.match(t) for t in tokens):
        return [int(t) for t in tokens]
    return list(tokens)


def _read_csv(data: DataSource, what: str) -> pd.DataFrame:
    text = _text(data)
    if not text.strip():
        raise ImportProblem("empty_file", what=what)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=True)
    except pd.errors.ParserError as exc:
        raise ImportProblem("bad_csv", what=what, detail=str(exc)) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


# --------------------------------------------------------------------------------------
# adjacency matrix
# --------------------------------------------------------------------------------------


def _tokenise(text: str, sep: str | None) -> list[list[str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if sep is None:
        sep = next((s for s in (",", ";", "\t") if any(s in ln for ln in lines)), None)
    if sep is None or sep.isspace():
        return [ln.split() for ln in lines]
    return [[tok.strip() for tok in ln.split(sep)] for ln in lines]


def _split_header(rows: list[list[str]], codes: set[int]) -> tuple[list[str] | None, list[list[str]]]:
    """Detect an id header row/column; return (ids or None, rows of cells only)."""
    def numeric_code(tok: str) -> bool:
        return bool(_INT.match(tok)) and int(tok) in codes

    n_rows = len(rows)
    widths = {len(r) for r in rows}
    distinct = {t for r in rows for t in r}  # each distinct token is checked once
    all_codes = all(numeric_code(t) for t in distinct)
    if len(widths) == 1 and all_codes and widths != {n_rows}:
        raise ImportProblem("matrix_not_square_plain", rows=n_rows, cols=widths.pop())
    if widths == {n_rows} and all(_INT.match(t) for t in distinct):
        same_ids = n_rows > 1 and rows[0][1:] == [r[0] for r in rows[1:]]
        if all_codes or not same_ids:
            return None, rows  # plain square matrix (unknown codes are reported later)
    header = rows[0]
    body = rows[1:]
    if len(header) == len(body):  # whitespace file: header without a corner cell
        header = ["", *header]
    if not body or any(len(r) != len(header) for r in body):
        raise ImportProblem("matrix_ragged")
    col_ids = header[1:]
    row_ids = [r[0] for r in body]
    if col_ids != row_ids:
        raise ImportProblem("matrix_ids_differ", cols=col_ids[:5], rows=row_ids[:5])
    if len(set(col_ids)) != len(col_ids) or any(not i for i in col_ids):
        raise ImportProblem("matrix_ids_unique")
    return col_ids, [r[1:] for r in body]


def read_adjacency_matrix(
    data: DataSource,
    question_id: Hashable,
    wave_id: Hashable,
    class_id: Hashable,
    missing_code: int = 9,
    not_in_class_code: int = -1,
    sep: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one question's nomination matrix of one class → (ROSTER, NOMINATIONS).

    Cell [i, j] = 1 when pupil i named pupil j, 0 when not. The diagonal is ignored.

    - A row whose off-diagonal cells are all ``missing_code`` is a nominator who was absent:
      the pupil is on the roster with ``present=False`` (classmates could still name them).
    - A row of only zeros is a pupil who took part and named nobody: one "nobody" row.
    - A pupil whose off-diagonal row or column is all ``not_in_class_code`` is not in the
      class (left, other class, no consent): left out of the roster and the nominations.
    - Without an id header the pupils are numbered 1..n in row order. ``gender`` is 'x'
      (unknown) in the roster returned.

    Raises ValueError for a non-square matrix, differing row/column ids, unknown codes, and
    rows that mix ``missing_code`` with answers.
    """
    codes = {0, 1, int(missing_code), int(not_in_class_code)}
    if len(codes) != 4:
        raise ImportProblem("codes_clash")
    rows = _tokenise(_text(data), sep)
    if not rows:
        raise ImportProblem("matrix_empty")
    if len(rows) > MAX_PUPILS_PER_NETWORK + 1:  # + 1: an id header row
        raise ImportProblem("matrix_too_many_pupils", limit=MAX_PUPILS_PER_NETWORK,
                            found=len(rows))
    ids, cells = _split_header(rows, codes)
    n = len(cells)
    if n > MAX_PUPILS_PER_NETWORK:
        raise ImportProblem("matrix_too_many_pupils", limit=MAX_PUPILS_PER_NETWORK, found=n)
    if any(len(r) != n for r in cells):
        raise ImportProblem("matrix_not_square", n=n, widths=sorted({len(r) for r in cells}))
    pupils = _scalar_ids(ids) if ids is not None else list(range(1, n + 1))
    # each distinct token is checked once (a matrix of 2,000 pupils has 4 million cells but
    # a handful of distinct tokens); the first bad cell in reading order is reported
    tokens, distinct = pd.factorize(pd.Series([t for row in cells for t in row], dtype=object))
    bad_value = min(codes) - 1
    value_of = np.array([int(t) if _INT.match(t) and int(t) in codes else bad_value
                         for t in distinct], dtype=np.int64)
    mat = value_of[tokens].reshape(n, n) if n else np.zeros((0, 0), dtype=np.int64)
    np.fill_diagonal(mat, 0)  # the diagonal is ignored, whatever it holds
    if (mat == bad_value).any():
        i, j = np.argwhere(mat == bad_value)[0]
        raise ImportProblem("matrix_bad_cell", row=pupils[i], col=pupils[j], value=cells[i][j],
                            missing=missing_code, not_in_class=not_in_class_code)
    off = ~np.eye(n, dtype=bool)
    nic = mat == not_in_class_code
    if n > 1:
        excluded = (nic | ~off).all(axis=1) | (nic | ~off).all(axis=0)
    else:
        excluded = np.zeros(n, dtype=bool)
    keep = ~excluded
    stray = nic & off & keep[:, None] & keep[None, :]
    if stray.any():
        i, j = np.argwhere(stray)[0]
        raise ImportProblem("matrix_stray_code", row=pupils[i], col=pupils[j],
                            not_in_class=not_in_class_code)
    inside = off & keep[None, :]
    miss = (mat == missing_code) & inside
    absent = np.array([miss[i, inside[i]].all() and inside[i].any() for i in range(n)])
    mixed = miss.any(axis=1) & ~absent & keep
    if mixed.any():
        i = int(np.flatnonzero(mixed)[0])
        raise ImportProblem("matrix_mixed_row", pupil=pupils[i], missing=missing_code)
    roster_rows, nom_rows = [], []
    for i in range(n):
        if not keep[i]:
            continue
        roster_rows.append((wave_id, class_id, pupils[i], "x", not absent[i]))
        if absent[i]:
            continue
        named = np.flatnonzero((mat[i] == 1) & inside[i])
        if len(named) == 0:
            nom_rows.append((wave_id, class_id, question_id, pupils[i], None))
        nom_rows.extend((wave_id, class_id, question_id, pupils[i], pupils[j]) for j in named)
    roster = pd.DataFrame(roster_rows, columns=list(ROSTER))
    roster["present"] = roster["present"].astype(bool)
    noms = pd.DataFrame(nom_rows, columns=list(NOMINATIONS))
    if all(isinstance(p, int) for p in pupils):
        noms["rater_id"] = noms["rater_id"].astype("Int64")
        noms["target_id"] = noms["target_id"].astype("Int64")
    return roster, noms


def write_adjacency_matrix(
    nominations: pd.DataFrame,
    roster: pd.DataFrame,
    question_id: Hashable,
    wave_id: Hashable,
    class_id: Hashable,
    missing_code: int = 9,
    sep: str = ",",
) -> str:
    """Write one question's matrix of one class (with an id header row and column).

    Rows of pupils who are absent or gave no answer to the question are all
    ``missing_code``; the diagonal is 0. Self-nominations and targets outside the class
    roster are not written (they are not valid nominations).
    """
    require_columns(nominations, NOMINATIONS, "nominations")
    require_columns(roster, ROSTER, "roster")
    ros = roster.loc[(roster["wave_id"] == wave_id) & (roster["class_id"] == class_id)]
    ids = ros["pupil_id"].tolist()
    pos = {p: k for k, p in enumerate(ids)}
    noms = nominations.loc[
        (nominations["wave_id"] == wave_id) & (nominations["class_id"] == class_id)
        & (nominations["question_id"] == question_id)
    ]
    n = len(ids)
    mat = np.zeros((n, n), dtype=np.int64)
    answered = np.zeros(n, dtype=bool)
    present = ros["present"].fillna(False).astype(bool).to_numpy()
    for rater, target in zip(noms["rater_id"].tolist(), noms["target_id"].tolist(), strict=True):
        i = pos.get(rater)
        if i is None or not present[i]:
            continue
        answered[i] = True
        j = None if pd.isna(target) else pos.get(target)
        if j is not None and j != i:
            mat[i, j] = 1
    mat[~answered] = missing_code
    np.fill_diagonal(mat, 0)
    out = io.StringIO()
    out.write(sep.join(["", *map(str, ids)]) + "\n")
    for pupil, row in zip(ids, mat, strict=True):
        out.write(sep.join([str(pupil), *map(str, row.tolist())]) + "\n")
    return out.getvalue()


# --------------------------------------------------------------------------------------
# edge list, roster, wide answers
# --------------------------------------------------------------------------------------


def read_edge_list(data: DataSource) -> pd.DataFrame:
    """Read a long nomination CSV → NOMINATIONS (an empty target_id = "nobody").

    >>> read_edge_list("wave_id,class_id,question_id,rater_id,target_id\\n1,4B,lm,1,\\n")
    ... # doctest: +NORMALIZE_WHITESPACE
       wave_id class_id question_id  rater_id  target_id
    0        1       4B          lm         1       <NA>
    """
    frame = _read_csv(data, "edge list")
    missing = [c for c in NOMINATIONS if c not in frame.columns]
    if missing:
        raise ImportProblem("edges_missing_columns", columns=", ".join(missing),
                            header=",".join(NOMINATIONS))
    frame = frame.loc[:, list(NOMINATIONS)]
    for col in ("wave_id", "class_id", "question_id", "rater_id"):
        empty = frame[col].str.strip() == ""
        if empty.any():
            line = int(np.flatnonzero(empty.to_numpy())[0]) + 2
            raise ImportProblem("edges_empty_cell", column=col, line=line)
    out = pd.DataFrame({col: _ids(frame[col]) for col in NOMINATIONS})
    out["question_id"] = frame["question_id"].str.strip()
    return out


def write_edge_list(nominations: pd.DataFrame) -> str:
    """NOMINATIONS → CSV text readable by :func:`read_edge_list` ("nobody" = empty target)."""
    require_columns(nominations, NOMINATIONS, "nominations")
    out = nominations.loc[:, list(NOMINATIONS)].copy()
    for col in ("wave_id", "class_id", "rater_id", "target_id"):
        values = out[col]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[col] = values.astype("Int64")  # 1.0 (ints next to a "nobody" NaN) → 1
    return out.to_csv(index=False, lineterminator="\n")


def _bool(values: pd.Series, what: str) -> pd.Series:
    low = values.str.strip().str.lower()
    bad = ~low.isin(_TRUE | _FALSE | {""})
    if bad.any():
        line = int(np.flatnonzero(bad.to_numpy())[0]) + 2
        raise ImportProblem("not_yes_no", what=what, value=values[bad].iloc[0], line=line)
    return ~low.isin(_FALSE)


def read_roster(data: DataSource) -> pd.DataFrame:
    """Read a ROSTER CSV (wave_id, class_id, pupil_id, gender, present).

    ``gender`` and ``present`` may be left out (then 'x' and True); present accepts
    1/0, true/false, yes/no, ja/nee.
    """
    frame = _read_csv(data, "roster")
    missing = [c for c in ("wave_id", "class_id", "pupil_id") if c not in frame.columns]
    if missing:
        raise ImportProblem("roster_missing_columns", columns=", ".join(missing))
    out = pd.DataFrame({c: _ids(frame[c]) for c in ("wave_id", "class_id", "pupil_id")})
    if out.isna().any().any():
        raise ImportProblem("roster_empty_ids")
    gender = frame["gender"].str.strip().str.lower() if "gender" in frame else "x"
    out["gender"] = pd.Series(gender, index=out.index).replace("", "x")
    bad = ~out["gender"].isin(["m", "f", "x"])
    if bad.any():
        raise ImportProblem("roster_gender", value=out["gender"][bad].iloc[0])
    out["present"] = _bool(frame["present"], "roster") if "present" in frame else True
    if out.duplicated(["wave_id", "class_id", "pupil_id"]).any():
        raise ImportProblem("roster_duplicate")
    return out.loc[:, list(ROSTER)]


def read_wide_answers(data: DataSource, wave_id: Hashable) -> pd.DataFrame:
    """Read a wide answer sheet (pupil_id + one column per item id) → ANSWERS (long).

    Empty cells are skipped items (no row). Every other cell must be a number.

    >>> read_wide_answers("pupil_id,c1,c2\\n7,3,\\n8,1,2\\n", wave_id=1).values.tolist()
    [[1, 7, 'c1', 3.0], [1, 8, 'c1', 1.0], [1, 8, 'c2', 2.0]]
    """
    frame = _read_csv(data, "answers")
    if "pupil_id" not in frame.columns:
        raise ImportProblem("answers_no_pupil_column")
    items = [c for c in frame.columns if c != "pupil_id"]
    if not items:
        raise ImportProblem("answers_no_items")
    if len(set(items)) != len(items):
        raise ImportProblem("answers_item_twice")
    pupils = _ids(frame["pupil_id"])
    if pupils.isna().any():
        raise ImportProblem("answers_empty_pupil")
    if pupils.duplicated().any():
        raise ImportProblem("answers_pupil_twice", pupil=pupils[pupils.duplicated()].iloc[0])
    long = frame[items].assign(pupil_id=pupils).melt(
        id_vars="pupil_id", var_name="item_id", value_name="raw"
    )
    raw = long["raw"].str.strip()
    long = long.loc[raw != ""]
    values = pd.to_numeric(raw[raw != ""].str.replace(",", ".", regex=False), errors="coerce")
    if values.isna().any():
        bad = long.loc[values.isna()].iloc[0]
        raise ImportProblem("answers_not_number", pupil=bad["pupil_id"], item=bad["item_id"],
                            value=bad["raw"])
    out = pd.DataFrame({
        "wave_id": wave_id,
        "pupil_id": long["pupil_id"].to_numpy(),
        "item_id": long["item_id"].to_numpy(),
        "value": values.to_numpy(float),
    })
    out = out.sort_values("pupil_id", kind="stable").reset_index(drop=True)
    return out.loc[:, list(ANSWERS)]


# --------------------------------------------------------------------------------------
# a whole study from file contents (shared by the command line and the app)
# --------------------------------------------------------------------------------------

#: file name endings accepted for adjacency matrices
MATRIX_SUFFIXES = (".csv", ".txt", ".dat", ".tsv")

Content = bytes | str
#: a file's content, optionally with its name: ``b"..."`` or ``("roster.csv", b"...")``
FileInput = Content | tuple[str, Content]


class WaveNeeded(KeyedError):
    """Wide answer files were given, no wave was named and the data hold several waves.

    ``waves`` lists the wave ids found, so a caller can offer them as a choice
    (``import.wave_needed``, a keyed error of survey.i18n).
    """

    def __init__(self, waves: list[Hashable]) -> None:
        self.waves = waves
        super().__init__("import.wave_needed", waves=", ".join(map(str, waves)))


@dataclass
class Study:
    """The frames of one researcher's study, ready for ``analysis.pipeline.analyse``.

    ``wave`` is the wave the wide answer files were assigned to (None without answers).
    """

    roster: pd.DataFrame
    nominations: pd.DataFrame
    questions: pd.DataFrame
    teacher_answers: pd.DataFrame | None = None
    child_answers: pd.DataFrame | None = None
    wave: Hashable | None = None


def _split(source: FileInput) -> tuple[str | None, bytes]:
    """(name or None, bytes). Text is encoded so it is never mistaken for a path."""
    name, content = source if isinstance(source, tuple) else (None, source)
    if isinstance(content, str):
        content = content.encode("utf-8")
    if not isinstance(content, bytes | bytearray):
        raise TypeError(f"file content must be bytes or str, not {type(content).__name__}")
    return name, bytes(content)


def check_file_size(content: bytes) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES`, :data:`MAX_ROWS` or :data:`MAX_CELLS`.

    Works on the raw bytes (a byte count, a line count and the first line), so nothing is
    decoded or parsed first. Cells = lines × fields of the first line (split on the comma,
    semicolon or tab it holds most, else on white space).

    >>> check_file_size(b"a,b\\n1,2\\n")
    >>> check_file_size(b"x\\n" * (MAX_ROWS + 1))
    Traceback (most recent call last):
    ...
    analysis.import_messages.ImportProblem: the file has 200,001 lines; at most 200,000 lines per file can be read
    """
    if len(content) > MAX_FILE_BYTES:
        raise ImportProblem("too_large", limit=MAX_FILE_BYTES / 2**20,
                            found=len(content) / 2**20)
    breaks = max(content.count(b"\n"), content.count(b"\r"))
    lines = breaks + (1 if content and not content.endswith((b"\n", b"\r")) else 0)
    if lines > MAX_ROWS:
        raise ImportProblem("too_many_rows", limit=MAX_ROWS, found=lines)
    end = min((i for i in (content.find(b"\n"), content.find(b"\r")) if i >= 0),
              default=len(content))
    first = content[:end]
    fields = max(first.count(sep) for sep in (b",", b";", b"\t")) + 1
    if fields == 1:
        fields = max(len(first.split()), 1)
    if lines * fields > MAX_CELLS:
        raise ImportProblem("too_many_cells", limit=MAX_CELLS, found=lines * fields,
                            rows=lines, cols=fields)


def check_pupils_per_network(roster: pd.DataFrame) -> None:
    """Refuse a roster with a wave × class of more than :data:`MAX_PUPILS_PER_NETWORK`."""
    if not len(roster):
        return
    sizes = roster.groupby(["wave_id", "class_id"], sort=False).size()
    if sizes.max() > MAX_PUPILS_PER_NETWORK:
        wave, klass = sizes.idxmax()
        raise ImportProblem("too_many_pupils", limit=MAX_PUPILS_PER_NETWORK,
                            found=int(sizes.max()), wave=wave, klass=klass)


#: parsed files a ``read_study`` cache keeps (the oldest are dropped first)
CACHE_ENTRIES = 32


def _named(source: FileInput, reader: Callable[..., _T], *args: object,
           cache: MutableMapping | None = None) -> _T:
    """Call ``reader(content, *args)``; prefix the file's name (when given) to errors.

    The file is first held against the size limits (:func:`check_file_size`). With a
    ``cache``, the result is kept under the SHA-256 of the content (and the reader and its
    arguments), so the same file is parsed once; a copy is returned each time.
    """
    name, content = _split(source)
    key = None
    if cache is not None:
        key = (getattr(reader, "__qualname__", repr(reader)),
               hashlib.sha256(content).hexdigest(), args)
        if key in cache:
            return _copy(cache[key])
    try:
        check_file_size(content)
        value = reader(content, *args)
        if key is not None:
            while len(cache) >= CACHE_ENTRIES:
                del cache[next(iter(cache))]
            cache[key] = _copy(value)
        return value
    except ImportProblem as exc:
        if name is None:
            raise
        raise exc.in_file(name) from exc
    except ValueError as exc:
        if name is None:
            raise
        raise ValueError(f"{name}: {exc}") from exc


def _copy(value: _T) -> _T:
    """A copy of a parsed result (a frame or a tuple of frames), so callers may change it."""
    if isinstance(value, pd.DataFrame):
        return value.copy()  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)  # type: ignore[return-value]
    return value


def _matrix_parts(name: str) -> tuple[Hashable, Hashable, Hashable]:
    path = Path(name)
    parts = path.stem.split("__")
    if len(parts) != 3 or not all(parts):
        raise ImportProblem("matrix_file_name", path.name, suffix=path.suffix)
    wave, klass, question = (int(p) if p.isdigit() else p for p in parts)
    return wave, klass, question


def read_matrices(
    matrices: Sequence[tuple[str, Content]], missing_code: int = 9, not_in_class_code: int = -1,
    *, cache: MutableMapping | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read named adjacency matrices ``<wave_id>__<class_id>__<question_id>.csv``.

    Returns (ROSTER, NOMINATIONS) of all files, in file-name order. A pupil absent for one
    question's matrix may have answered another: on the roster they are present if present
    in any matrix of their class. Errors name the file.

    >>> roster, noms = read_matrices([("1__4B__lm.csv", "0 1\\n9 9\\n")])
    >>> roster["present"].tolist(), noms["target_id"].tolist()
    ([True, False], [2])
    """
    rosters, noms, seen = [], [], {}
    for name, content in sorted(matrices, key=lambda m: m[0]):
        wave, klass, question = _matrix_parts(name)
        if (wave, klass, question) in seen:
            raise ImportProblem("matrix_duplicate", name, other=seen[wave, klass, question])
        seen[wave, klass, question] = name
        r, n = _named((name, content), read_adjacency_matrix, question, wave, klass,
                      missing_code, not_in_class_code, cache=cache)
        rosters.append(r)
        noms.append(n)
    if not rosters:
        raise ImportProblem("no_matrices")
    roster = pd.concat(rosters, ignore_index=True)
    roster = roster.groupby(["wave_id", "class_id", "pupil_id"], sort=False, as_index=False).agg(
        gender=("gender", "first"), present=("present", "max"))
    return roster, pd.concat(noms, ignore_index=True)


def read_questions(data: DataSource) -> pd.DataFrame:
    """Read a QUESTIONS CSV (question_id, kind, polarity), values as stripped strings."""
    frame = _read_csv(data, "questions")
    missing = [c for c in QUESTIONS if c not in frame.columns]
    if missing:
        raise ImportProblem("questions_missing_columns", columns=", ".join(missing),
                            header=",".join(QUESTIONS))
    return frame.apply(lambda col: col.str.strip())


def read_study(
    roster: FileInput | None = None,
    edges: FileInput | None = None,
    matrices: Sequence[tuple[str, Content]] = (),
    teacher_answers: FileInput | None = None,
    child_answers: FileInput | None = None,
    questions: FileInput | None = None,
    wave: Hashable | None = None,
    missing_code: int = 9,
    not_in_class_code: int = -1,
    cache: MutableMapping | None = None,
) -> Study:
    """Assemble a study from file CONTENTS (no file system access, no database).

    - ``roster``: ROSTER CSV; may be left out when ``matrices`` are given (the pupils then
      come from the matrices).
    - ``edges``: edge-list CSV and/or ``matrices``: (file name, content) pairs named
      ``<wave_id>__<class_id>__<question_id>.csv`` — at least one of the two.
    - ``teacher_answers`` / ``child_answers``: wide answer CSVs of one wave: ``wave``, or the
      roster's only wave (else :class:`WaveNeeded`). A wave given as digits becomes an int.
    - ``questions``: QUESTIONS CSV; default the shipped nomination pack.

    A file may be given as content or as ``(name, content)``; with a name, errors start
    with it. Every problem raises ValueError in plain words. ``cache``: a mapping (e.g. one
    per browser session) that keeps each parsed file under the SHA-256 of its bytes, so a
    rerun with the same files does not parse them again.

    Limits (checked before a file is parsed; see the constants at the top of the module):
    :data:`MAX_FILE_BYTES` and :data:`MAX_ROWS` / :data:`MAX_CELLS` per file,
    :data:`MAX_TOTAL_BYTES` for all files together, :data:`MAX_PUPILS_PER_NETWORK` per
    wave × class of the roster (or rows of a matrix).

    >>> edges = "wave_id,class_id,question_id,rater_id,target_id\\n1,A,liked_most,1,2\\n"
    >>> study = read_study(("roster.csv", "wave_id,class_id,pupil_id\\n1,A,1\\n1,A,2\\n"),
    ...                    edges, teacher_answers="pupil_id,strs_cl01\\n1,4\\n")
    >>> len(study.roster), study.wave, study.teacher_answers["value"].tolist()
    (2, 1, [4.0])
    """
    if edges is None and not matrices:
        raise ImportProblem("no_nominations")
    if roster is None and not matrices:
        raise ImportProblem("no_roster")
    given = [f for f in (roster, edges, teacher_answers, child_answers, questions)
             if f is not None] + list(matrices)
    total = sum(len(_split(f)[1]) for f in given)
    if total > MAX_TOTAL_BYTES:
        raise ImportProblem("too_large_total", limit=MAX_TOTAL_BYTES / 2**20,
                            found=total / 2**20)
    for source in given:  # every file within its limits before any is parsed
        _named(source, lambda content: None)
    ros = _named(roster, _limited_roster, cache=cache) if roster is not None else None
    frames = []
    if edges is not None:
        frames.append(_named(edges, read_edge_list, cache=cache))
    if matrices:
        matrix_roster, matrix_noms = read_matrices(matrices, missing_code, not_in_class_code,
                                                   cache=cache)
        if edges is not None:
            _no_overlap(frames[0], matrices)
        frames.append(matrix_noms)
        if ros is None:
            ros = matrix_roster
    assert ros is not None
    roster_name = _split(roster)[0] if roster is not None else None
    try:
        check_pupils_per_network(ros)  # also the pupils the matrices add
    except ImportProblem as exc:
        raise (exc.in_file(roster_name) if roster_name else exc) from None
    noms = pd.concat(frames, ignore_index=True)
    if noms["target_id"].dtype == object:
        noms["target_id"] = noms["target_id"].where(noms["target_id"].notna(), None)
    if questions is None:
        from analysis.pipeline import default_questions

        qs = default_questions()
    else:
        qs = _named(questions, read_questions, cache=cache)
    waves = pd.unique(ros["wave_id"]).tolist()
    if teacher_answers is not None or child_answers is not None:
        if wave is None or (isinstance(wave, str) and not wave.strip()):
            if len(waves) != 1:
                raise WaveNeeded(waves)
            wave = waves[0]
        elif isinstance(wave, str):
            wave = wave.strip()
            wave = int(wave) if wave.lstrip("-").isdigit() else wave
        if wave not in waves:
            raise ImportProblem("wave_not_in_roster", wave=wave, waves=", ".join(map(str, waves)))
    else:
        wave = None
    teacher = (_named(teacher_answers, read_wide_answers, wave, cache=cache)
               if teacher_answers is not None else None)
    child = (_named(child_answers, read_wide_answers, wave, cache=cache)
             if child_answers is not None else None)
    _same_id_types(ros, noms, [a for a in (teacher, child) if a is not None])
    return Study(ros, noms, qs, teacher, child, wave)


def _as_text_ids(values: pd.Series) -> pd.Series:
    """Identifier values as strings (missing → None), like :func:`_ids` gives text ids."""
    text = values.astype("string")
    return text.astype(object).where(text.notna(), None)


def _same_id_types(roster: pd.DataFrame, noms: pd.DataFrame,
                   answers: list[pd.DataFrame]) -> None:
    """Give each kind of id one type in every frame (in place).

    A column of whole numbers is read as integers, any other as text; when one file has
    text ids (``"p7"``) and another only digits (``7``) for the same kind of id, all become
    text, so pupil ``"7"`` of the roster and target ``7`` of the edge list are one pupil
    (otherwise every nomination of such a pupil would be lost as an unknown target).
    """
    families = [
        [(roster, "wave_id"), (noms, "wave_id"), *((a, "wave_id") for a in answers)],
        [(roster, "class_id"), (noms, "class_id")],
        [(roster, "pupil_id"), (noms, "rater_id"), (noms, "target_id"),
         *((a, "pupil_id") for a in answers)],
    ]
    for family in families:
        numeric = [pd.api.types.is_integer_dtype(f[c]) or f[c].isna().all() for f, c in family]
        if not all(numeric):
            for frame, col in family:
                frame[col] = _as_text_ids(frame[col])


def _limited_roster(data: DataSource) -> pd.DataFrame:
    """:func:`read_roster`, refused when a wave × class is over the pupil limit."""
    ros = read_roster(data)
    check_pupils_per_network(ros)
    return ros


def _no_overlap(edges: pd.DataFrame, matrices: Sequence[tuple[str, Content]]) -> None:
    """Raise when a matrix repeats a wave × class × question of the edge list."""
    given = set(zip(edges["wave_id"].tolist(), edges["class_id"].tolist(),
                    edges["question_id"].tolist(), strict=True))
    for name, _ in matrices:
        wave, klass, question = _matrix_parts(name)
        if (wave, klass, str(question)) in given:
            raise ImportProblem("edges_matrix_overlap", name, wave=wave, klass=klass,
                                question=question)


def analyse_study(
    study: Study,
    *,
    min_participation: float = 0.60,
    nb_alpha: float = 0.05,
    seed: int = 0,
    language: str = "nl",
    norms: pd.DataFrame | None = None,
) -> AnalysisResult:
    """Run ``analysis.pipeline.analyse`` on a study as the command line and the app do.

    Percentiles use ``norms`` (a table from ``analysis.norms.load_norm_table``; the command
    line's ``--norms``) for the scales it holds, else ``wave_reference="self"``: a pupil is
    ranked among all pupils of the same wave in the files given.
    """
    from analysis.pipeline import PipelineSettings, analyse
    from analysis.sociometry import SociometrySettings

    settings = PipelineSettings(
        sociometry=SociometrySettings(min_participation=min_participation, nb_alpha=nb_alpha),
        seed=seed, language=language,
    )
    return analyse(study.roster, study.nominations, study.questions, study.teacher_answers,
                   study.child_answers, settings=settings, norms=norms,
                   wave_reference="self")
