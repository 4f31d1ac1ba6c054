"""Class set-up: roster import (parse → validate → plan → commit), pupils, consent, classes.

The import has three steps so a teacher always sees what will happen before anything is
written:

1. ``parse_roster(data, filename)`` — pure: bytes of a ``.csv`` or ``.xlsx`` file in,
   ``ParsedRoster`` out (rows plus plain-word problems). No database.
2. ``plan_import(session, class_id, parsed, actor=…)`` — read-only: matches every row with
   the pupils already in the class (pupil number first, else full name + birth date) and
   says per row whether it adds a pupil, updates one, or changes nothing.
3. ``commit_import(session, class_id, parsed, actor=…)`` — writes the plan in the caller's
   transaction, and refuses (``RosterError``, nothing written) when any row has a problem.

Every function that reads or writes pupils takes the acting user as ``actor`` and checks
the class or pupil is in their scope first (``survey.access``; ``NotAllowed`` otherwise).

Accepted files: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252; separator
``;``, ``,`` or tab; ``.xlsx`` with one sheet holding data; an EDEX file (``.xml``, EDEXML,
``survey.edex``) of which the teacher picks one group. The header need not be the first
row: title and blank rows above it (common in exports from school systems) are skipped and
reported as notes (``find_header``). Cells are never evaluated:
a cell starting with ``=`` is read as the text it is, and refused because a name or number
that starts with ``=`` is a spreadsheet formula, not data.

Reading is bounded, whatever the file claims (docs/operations.md): at most
``MAX_BYTES`` uploaded, ``MAX_UNZIPPED_BYTES`` unpacked from an ``.xlsx`` (checked in the zip
directory before anything is opened; a part that grows more than ``MAX_ZIP_RATIO`` times
is refused), ``MAX_LINES`` lines and ``MAX_COLUMNS`` columns read (a sheet's own
``<dimension>`` is ignored), fields of a CSV at most ``csv.field_size_limit()``. The page
calls ``read_roster``, which runs ``parse_roster`` in a separate process under a time and
memory budget (``survey.bounded``), so even an unforeseen slow file costs seconds, not the
server.

Names are cleaned by ``clean_text`` (control, bidi and zero-width characters removed, NFC,
spaces collapsed) wherever they are entered: the import, the pupil form, class and wave
names. Two rows for the same child (same name and birth date, not told apart by pupil
numbers) are refused, naming both lines.

>>> parsed = parse_roster(b"Voornaam;Achternaam;Geslacht (J/M)\\nSara;Bos;M\\n", "klas.csv")
>>> parsed.ok, parsed.rows[0].gender
(True, 'f')
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.access import Actor, actor_id, require_class, require_pupil, require_pupils_of_class
from survey.audit import record
from survey.bounded import BoundedError, run_bounded
from survey.dates import day
from survey.edex import EdexError, Group, looks_like_xml, read_edex
from survey.i18n import DEFAULT_LANGUAGE, t
from survey.models import CONSENT_STATES, Consent, Pupil, SchoolClass, User, UserClass, utcnow
from survey.names import full_name as join_name
from survey.text import plain

MAX_BYTES = 1_000_000  # a class list of 40 pupils is a few kB; photos are not embedded
MAX_ROWS = 60  # Dutch classes rarely exceed 35 pupils; combined groups stay under 60
MAX_LINES = 2_000  # lines (CSV) or rows (Excel) read at most, empty ones included
MAX_COLUMNS = 100  # columns read at most; an export of a pupil administration has ~40
MAX_UNZIPPED_BYTES = 20_000_000  # an .xlsx class list unpacks to well under 1 MB of XML
MAX_ZIP_RATIO = 100  # XML compresses 5–20×; a part over 1 MB growing more is a zip bomb
MAX_ZIP_MEMBERS = 200  # an .xlsx has about a dozen parts
UPLOAD_LIMIT_MB = max(1, MAX_BYTES // 1_000_000)  # what the uploader states (MAX_BYTES checks)
READ_TIMEOUT_S = 10.0  # read_roster: seconds of one core at most (a class list takes 0.1 s)
READ_MEMORY_MB = 768  # read_roster: address space of the reading process
FIELDS = (
    "first_name",
    "tussenvoegsel",
    "last_name",
    "gender",
    "birth_date",
    "pupil_number",
    "photo",
)
REQUIRED = ("first_name", "last_name", "gender")
# Longest text per field: the length of its column (one place: survey.models).
MAX_LENGTH = {name: Pupil.__table__.c[name].type.length
              for name in ("first_name", "tussenvoegsel", "last_name", "pupil_number", "photo")}
CLASS_NAME_LENGTH = SchoolClass.__table__.c.name.type.length
SCHOOL_YEAR_LENGTH = SchoolClass.__table__.c.school_year.type.length

# Normalised header (lower case, letters and digits only, "(…)" removed) → field.
HEADER_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        ["voornaam", "roepnaam", "firstname", "givenname", "forename", "voornamen"], "first_name"
    ),
    **dict.fromkeys(
        ["tussenvoegsel", "tussenvoegsels", "tussenv", "voorvoegsel", "prefix", "infix",
         "nameprefix"],
        "tussenvoegsel",
    ),
    **dict.fromkeys(
        ["achternaam", "familienaam", "lastname", "surname", "familyname"], "last_name"
    ),
    **dict.fromkeys(["geslacht", "gender", "sex", "jongenmeisje"], "gender"),
    **dict.fromkeys(
        ["geboortedatum", "gebdatum", "geboren", "birthdate", "dateofbirth", "dob", "birthday"],
        "birth_date",
    ),
    **dict.fromkeys(
        ["leerlingnummer", "leerlingnr", "llnr", "llnummer", "pupilnumber", "pupilno",
         "studentnumber", "studentid", "pupilid"],
        "pupil_number",
    ),
    **dict.fromkeys(
        ["foto", "pasfoto", "fotobestand", "photo", "photofile", "picture", "photofilename"],
        "photo",
    ),
}

# Gender words that mean the same in every convention.
_GENDER_WORDS = {
    "jongen": "m", "boy": "m", "male": "m", "man": "m",
    "meisje": "f", "girl": "f", "female": "f", "vrouw": "f",
    "x": "x", "anders": "x", "other": "x", "neutraal": "x", "nonbinary": "x",
}
_DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
)


class RosterError(ValueError):
    """The change cannot be saved; ``problems`` say why, in words for the teacher."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file (``line`` 0) or with one row (its line number).

    ``key`` is a message key of ``survey.messages.teacher``; ``text(lang)`` gives the words.
    """

    line: int
    column: str
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        def words(value: object) -> object:
            if isinstance(value, str) and value.startswith("field."):
                return ", ".join(t(part, language) for part in value.split("|"))
            return value

        return t(self.key, language, **{k: words(v) for k, v in self.values})


def _problem(line: int, column: str, key: str, /, **values: object) -> Problem:
    return Problem(line, column, key, tuple(values.items()))


@dataclass(frozen=True)
class RosterRow:
    """One pupil as read from the file; ``line`` is the line (CSV) or row (Excel) number."""

    line: int
    first_name: str
    tussenvoegsel: str
    last_name: str
    gender: str
    birth_date: dt.date | None
    pupil_number: str | None
    photo: str | None

    @property
    def full_name(self) -> str:
        return join_name(self.first_name, self.tussenvoegsel, self.last_name)


@dataclass
class ParsedRoster:
    """What ``parse_roster`` read: good rows, problems (nothing may be imported if any),
    notes (harmless remarks such as ignored columns) and which header became which field."""

    rows: list[RosterRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → header as in the file
    groups: list[Group] = field(default_factory=list)  # an EDEX file's groups (else empty)
    group: str | None = None  # the EDEX group read (its key); None: pick one of ``groups``

    @property
    def needs_group(self) -> bool:
        """An EDEX file with several groups, none picked yet: nothing is wrong, the teacher
        picks the group (``parse_roster(…, group=key)``)."""
        return bool(self.groups) and self.group is None and not self.problems

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


# --------------------------------------------------------------------------- reading files


def normalise_header(header: object) -> str:
    """Header → alias key: lower case, accents off, "(…)" and non-letters removed.

    >>> normalise_header("Geslacht (J/M)"), normalise_header("Geboortedatum dd-mm-jjjj")
    ('geslacht', 'geboortedatumddmmjjjj')
    """
    text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode()
    text = re.sub(r"\(.*?\)|\[.*?\]", "", text.lower())
    return re.sub(r"[^a-z0-9]", "", text)


def field_for_header(header: object) -> str | None:
    """The field a header names, or None. Exact alias first, then an alias it starts with
    (so "Geboortedatum dd-mm-jjjj" is a birth date).

    >>> field_for_header("Roepnaam"), field_for_header("First name"), field_for_header("Klas")
    ('first_name', 'first_name', None)
    """
    key = normalise_header(header)
    if not key:
        return None
    if key in HEADER_ALIASES:
        return HEADER_ALIASES[key]
    for alias, name in sorted(HEADER_ALIASES.items(), key=lambda a: -len(a[0])):
        if len(alias) >= 5 and key.startswith(alias):
            return name
    return None


def _decode(data: bytes) -> str:
    """Bytes of a text file → str: BOMs first, then UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _FileProblem(ValueError):
    """A problem with the whole file: a message key and its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def _filled(cells: list[object]) -> bool:
    return any(v not in (None, "") and str(v).strip() for v in cells)


def _keep_row(rows: list, line: int, cells: list[object]) -> bool:
    """Add a row with data to ``rows`` (capped at MAX_COLUMNS columns, refusing data beyond
    them); False once enough rows are read to know the file has too many pupils."""
    if line > MAX_LINES and _filled(cells):
        raise _FileProblem("roster.too_many_lines", max_lines=MAX_LINES)
    if _filled(cells[MAX_COLUMNS:]):
        raise _FileProblem("roster.too_many_columns", max_columns=MAX_COLUMNS)
    if _filled(cells):
        rows.append((line, list(cells[:MAX_COLUMNS])))
    return len(rows) <= MAX_ROWS + 1


def _read_csv(data: bytes) -> list[tuple[int, list[object]]]:
    """Rows with data of a CSV file (line numbers as an editor shows them); fields longer
    than ``csv.field_size_limit()`` and files longer than MAX_LINES lines are refused."""
    text = _decode(data)
    if "\x00" in text:
        raise _FileProblem("roster.not_text")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[object]]] = []
    try:
        for row in reader:
            if not _keep_row(rows, reader.line_num, row):
                break
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise _FileProblem("roster.field_too_large", line=reader.line_num,
                               n=csv.field_size_limit()) from exc
        raise _FileProblem("roster.bad_csv", line=reader.line_num) from exc
    return rows


def check_xlsx_size(data: bytes) -> None:
    """Refuse an .xlsx before opening it when its zip directory says it unpacks to more than
    MAX_UNZIPPED_BYTES, or a part over 1 MB grows more than MAX_ZIP_RATIO times (a zip bomb).
    Python's zipfile never unpacks a part beyond the size the directory states, so the
    directory is a bound on the work."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _FileProblem("roster.bad_xlsx") from exc
    if len(parts) > MAX_ZIP_MEMBERS:
        raise _FileProblem("roster.bad_xlsx")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNZIPPED_BYTES:
        raise _FileProblem("roster.unzipped_too_large", mb=round(total / 1e6),
                           max_mb=MAX_UNZIPPED_BYTES // 1_000_000)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > 1_000_000 and ratio > MAX_ZIP_RATIO:
            raise _FileProblem("roster.zip_ratio", ratio=round(ratio))


def _read_xlsx(data: bytes) -> tuple[list[tuple[int, list[object]]], str]:
    """Rows of the one sheet with data; formulas come back as their text (never run).

    Read-only mode, at most MAX_LINES + 1 rows and MAX_COLUMNS + 1 columns per sheet: the
    sheet's own ``<dimension>`` (which may claim A1:XFD1048576) is never trusted. A sheet
    that goes on beyond MAX_LINES rows (openpyxl then fills up to the cap) is refused."""
    from openpyxl import load_workbook

    check_xlsx_size(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _FileProblem("roster.bad_xlsx") from exc
    try:
        filled = []
        for ws in wb.worksheets:
            rows: list[tuple[int, list[object]]] = []
            cells = ws.iter_rows(min_row=1, max_row=MAX_LINES + 1, min_col=1,
                                 max_col=MAX_COLUMNS + 1, values_only=True)
            for number, values in enumerate(cells, start=1):
                if number > MAX_LINES:
                    raise _FileProblem("roster.too_many_lines", max_lines=MAX_LINES)
                if not _keep_row(rows, number, list(values)):
                    break
            if rows:
                filled.append((ws.title, rows))
    finally:
        wb.close()
    if len(filled) > 1:
        raise _SheetsError([name for name, _ in filled])
    if not filled:
        return [], ""
    return filled[0][1], filled[0][0]


class _SheetsError(ValueError):
    def __init__(self, names: list[str]) -> None:
        super().__init__("several sheets")
        self.names = names


# --------------------------------------------------------------------------- cell rules

_SPACES = re.compile(r"\s+")


def clean_text(value: object) -> str:
    """The one rule for a name someone typed or a file holds: control characters (C0, C1),
    bidi controls and zero-width characters removed, Unicode NFC, runs of whitespace one
    space, no space at either end. Idempotent: ``clean_text(clean_text(x)) == clean_text(x)``.

    >>> clean_text("  Anna\u202e \t Bos\x1b\u200b ")
    'Anna Bos'
    >>> clean_text("Zoe\u0308") == "Zo\u00eb"
    True
    """
    text = plain("" if value is None else value)  # survey.text: the same characters go
    text = _SPACES.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text)


def _cell_text(value: object) -> str:
    """A cell as clean text: numbers from Excel without '.0', then ``clean_text``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return clean_text(value)


def parse_date(value: object, today: dt.date | None = None) -> dt.date | None:
    """A birth date from a cell: dd-mm-jjjj (also / or .), jjjj-mm-dd, or an Excel date.

    Day first, as Dutch schools write dates. Raises ValueError when unreadable or not a
    plausible birth date of a primary-school pupil (between 1990 and today).

    >>> parse_date("07-07-2017"), parse_date("2017-7-7")
    (datetime.date(2017, 7, 7), datetime.date(2017, 7, 7))
    """
    today = today or dt.date.today()
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        text = _cell_text(value)
        if not text:
            return None
        date = None
        for pattern, order in _DATE_PATTERNS:
            match = pattern.match(text)
            if match:
                parts = dict(zip(order, map(int, match.groups()), strict=True))
                date = dt.date(parts["y"], parts["m"], parts["d"])  # ValueError if impossible
                break
        if date is None:
            raise ValueError(text)
    if not dt.date(1990, 1, 1) <= date <= today:
        raise ValueError(str(value))
    return date


def gender_convention(values: list[str], header: str) -> str | None:
    """How single letters in a gender column read: 'jm' (J/M: M = meisje), 'mv' (M/V:
    M = man) or 'mf' (English M/F). None when the letters cannot tell (only 'M').

    >>> gender_convention(["j", "m"], "Geslacht"), gender_convention(["m", "v"], "Geslacht")
    ('jm', 'mv')
    """
    letters = {v for v in values if len(v) == 1}
    has_j, has_v, has_f = "j" in letters, "v" in letters, "f" in letters
    if sum((has_j, has_v, has_f)) > 1:
        return "mixed"
    if has_j:
        return "jm"
    if has_v:
        return "mv"
    if has_f:
        return "mf"
    hint = re.sub(r"[^a-z/]", "", header.lower())
    if "j/m" in hint:
        return "jm"
    if "m/v" in hint:
        return "mv"
    if "m/f" in hint:
        return "mf"
    return None


def parse_gender(value: str, convention: str | None) -> str:
    """'m', 'f' or 'x' for a gender cell; ValueError when unknown or ambiguous.

    >>> parse_gender("M", "jm"), parse_gender("M", "mv"), parse_gender("Meisje", None)
    ('f', 'm', 'f')
    """
    key = normalise_header(value)
    if key in _GENDER_WORDS:
        return _GENDER_WORDS[key]
    letters = {
        "jm": {"j": "m", "m": "f"},
        "mv": {"m": "m", "v": "f"},
        "mf": {"m": "m", "f": "f"},
    }.get(convention or "", {})
    if key in letters:
        return letters[key]
    raise ValueError(value)


def validate_fields(
    values: dict[str, object], line: int = 0, convention: str | None = "mv",
    today: dt.date | None = None,
) -> tuple[RosterRow | None, list[Problem]]:
    """Check one pupil's raw values (a file row or the manual form) → row or problems."""
    problems: list[Problem] = []
    text = {f: _cell_text(values.get(f)) for f in FIELDS if f != "birth_date"}
    for name, value in text.items():
        if value.startswith("="):
            problems.append(_problem(line, name, "roster.formula", field=f"field.{name}",
                                     value=value[:40]))
        elif len(value) > MAX_LENGTH.get(name, 100):
            problems.append(_problem(line, name, "roster.too_long", field=f"field.{name}",
                                     n=MAX_LENGTH[name]))
    for name in ("first_name", "last_name"):
        if not text[name]:
            problems.append(_problem(line, name, "roster.missing", field=f"field.{name}"))
    gender = ""
    if not text["gender"]:
        problems.append(_problem(line, "gender", "roster.missing", field="field.gender"))
    elif not text["gender"].startswith("="):
        try:
            gender = parse_gender(text["gender"], convention)
        except ValueError:
            key = "roster.gender_ambiguous" if text["gender"].lower() == "m" else "roster.gender"
            problems.append(_problem(line, "gender", key, value=text["gender"]))
    birth_date = None
    raw_date = values.get("birth_date")
    if isinstance(raw_date, str) and raw_date.strip().startswith("="):
        problems.append(_problem(line, "birth_date", "roster.formula", field="field.birth_date",
                                 value=raw_date.strip()[:40]))
    else:
        try:
            birth_date = parse_date(raw_date, today)
        except ValueError:
            problems.append(_problem(line, "birth_date", "roster.date",
                                     value=_cell_text(raw_date)))
    if problems:
        return None, problems
    return (
        RosterRow(
            line=line,
            first_name=text["first_name"],
            tussenvoegsel=text["tussenvoegsel"],
            last_name=text["last_name"],
            gender=gender,
            birth_date=birth_date,
            pupil_number=text["pupil_number"] or None,
            photo=text["photo"] or None,
        ),
        [],
    )


# --------------------------------------------------------------------------- parse


HEADER_SEARCH_ROWS = 10  # rows at the top searched for the header (title rows above it)


def find_header(rows: list[tuple[int, list[object]]]) -> int:
    """Index of the header among the first HEADER_SEARCH_ROWS filled rows: the first row
    naming every REQUIRED field. Exports from school systems often put a title ("Overzicht
    leerlingen groep 6") above it. 0 when no row qualifies (the first row is then reported
    with what is missing).

    >>> find_header([(1, ["Overzicht leerlingen groep 6"]), (3, ["Roepnaam", "Achternaam",
    ...              "Geslacht"]), (4, ["Sem", "Boer", "J"])])
    1
    """
    for i, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if set(REQUIRED) <= {field_for_header(_cell_text(c)) for c in cells}:
            return i
    return 0


def _read_edex(data: bytes, group: str | None, result: ParsedRoster
               ) -> list[tuple[int, list[object]]] | None:
    """An EDEX file → the header and rows of the picked group (None: nothing to read yet)."""
    edex = read_edex(data)
    result.groups = edex.groups
    if not edex.groups:
        raise _FileProblem("roster.xml_no_groups")
    if group is None and len(edex.groups) == 1:
        group = edex.groups[0].key
    if group is None:
        return None
    if group not in {g.key for g in edex.groups}:
        raise _FileProblem("roster.xml_unknown_group")
    result.group = group
    header, rows = edex.table(group)
    return [(0, list(header)), *((n, list(cells)) for n, cells in rows)]


def parse_roster(data: bytes, filename: str, today: dt.date | None = None,
                 group: str | None = None) -> ParsedRoster:
    """Read and check a roster file (pure: no database). See the module docstring.

    ``group`` picks the group of an EDEX file that holds several (``ParsedRoster.groups``);
    without it such a file comes back with ``needs_group`` and no rows.
    """
    result = ParsedRoster()

    def fail(key: str, **values: object) -> ParsedRoster:
        result.problems.append(_problem(0, "", key, **values))
        return result

    name = (filename or "").lower()
    if len(data) > MAX_BYTES:
        return fail("roster.too_large", kb=len(data) // 1000, max_kb=MAX_BYTES // 1000)
    if not data.strip():
        return fail("roster.empty")
    if name.endswith((".xls", ".ods", ".numbers")):
        return fail("roster.old_format")
    try:
        if name.endswith(".xlsx") or data[:2] == b"PK":
            raw, _sheet = _read_xlsx(data)
        elif name.endswith(".xml") or (name.endswith(".txt") and looks_like_xml(data)):
            edex_rows = _read_edex(data, group, result)
            if edex_rows is None:
                return result  # several groups: the teacher picks one first
            raw = edex_rows
        elif name.endswith((".csv", ".txt")):
            raw = _read_csv(data)
        else:
            return fail("roster.file_type")
    except _SheetsError as exc:
        return fail("roster.sheets", sheets=", ".join(exc.names))
    except (_FileProblem, EdexError) as exc:
        return fail(exc.key, **exc.values)
    except (ValueError, KeyError, TypeError, zipfile.BadZipFile, OSError):
        return fail("roster.bad_xlsx")  # openpyxl's many ways of saying "not a workbook"
    raw = [(n, cells) for n, cells in raw if any(_cell_text(c) for c in cells)]
    if not raw:
        return fail("roster.empty")
    start = find_header(raw)
    for line, cells in raw[:start]:
        above = " ".join(_cell_text(c) for c in cells if _cell_text(c))
        result.notes.append(_problem(line, "", "roster.skipped_above", line=line,
                                     text=above[:80]))
    header_line, header = raw[start]
    body = raw[start + 1:]
    if len(body) > MAX_ROWS:
        return fail("roster.too_many_rows", max_rows=MAX_ROWS)
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        name_in_file = _cell_text(cell)
        target = field_for_header(name_in_file)
        if target is None:
            if name_in_file:
                result.notes.append(_problem(header_line, name_in_file, "roster.ignored_column",
                                             column=name_in_file))
            continue
        if target in index:
            return fail("roster.double_column", field=f"field.{target}",
                        first=result.columns[target], second=name_in_file)
        index[target] = i
        result.columns[target] = name_in_file
    missing = [f for f in REQUIRED if f not in index]
    if missing:
        found = ", ".join(_cell_text(c) for c in header if _cell_text(c)) or "—"
        return fail("roster.missing_columns",
                    missing="|".join(f"field.{f}" for f in missing),
                    found=found)
    if not body:
        return fail("roster.no_pupils")

    def cell(cells: list[object], name: str) -> object:
        i = index.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    genders = [normalise_header(cell(cells, "gender")) for _, cells in body]
    convention = gender_convention(genders, result.columns.get("gender", ""))
    if convention == "mixed":
        return fail("roster.gender_mixed")
    numbers: dict[str, int] = {}
    names: dict[tuple, list[RosterRow]] = {}
    for line, cells in body:
        row, problems = validate_fields({f: cell(cells, f) for f in FIELDS}, line, convention,
                                        today)
        result.problems.extend(problems)
        if row is None:
            continue
        if row.pupil_number:
            if row.pupil_number in numbers:
                result.problems.append(_problem(line, "pupil_number", "roster.duplicate_number",
                                                number=row.pupil_number,
                                                other=numbers[row.pupil_number]))
                continue
            numbers[row.pupil_number] = line
        # The same child twice: same name and birth date, and no two different pupil
        # numbers to tell them apart (the rule plan_import matches existing pupils by).
        same = names.setdefault(
            _name_key(row.first_name, row.tussenvoegsel, row.last_name, row.birth_date), [])
        twin = next((o for o in same if not (o.pupil_number and row.pupil_number)), None)
        same.append(row)
        if twin is not None:
            born = f", {day(twin.birth_date)}" if twin.birth_date else ""
            result.problems.append(_problem(line, "", "roster.same_row_twice",
                                            other=twin.line, name=twin.full_name + born))
            continue
        result.rows.append(row)
    return result


def read_roster(data: bytes, filename: str, today: dt.date | None = None,
                group: str | None = None) -> ParsedRoster:
    """``parse_roster`` in another process under a time and memory budget (READ_TIMEOUT_S,
    READ_MEMORY_MB; ``survey.bounded``): what a page calls for an uploaded file, so no file
    can hold the server. Too slow or too large comes back as a ParsedRoster whose one problem
    says so (``bounded.timeout`` / ``bounded.memory`` / ``bounded.failed``)."""
    if len(data) > MAX_BYTES or not data.strip():
        return parse_roster(data, filename, today, group)  # refused before reading anything
    try:
        return run_bounded(parse_roster, data, filename, today, group,
                           timeout_s=READ_TIMEOUT_S, memory_mb=READ_MEMORY_MB)
    except BoundedError as exc:
        return ParsedRoster(problems=[_problem(0, "", exc.key, **exc.values)])


# --------------------------------------------------------------------------- plan + commit


@dataclass(frozen=True)
class PlannedRow:
    """What importing one row will do: 'add', 'update' (``changes``: field → (old, new)),
    or 'same'; ``pupil_id`` is the matched pupil (None when added)."""

    row: RosterRow
    action: str
    pupil_id: int | None = None
    changes: tuple[tuple[str, object, object], ...] = ()
    reactivate: bool = False


def _name_key(first: str, tussenvoegsel: str, last: str, birth: dt.date | None) -> tuple:
    name = " ".join(p for p in (first, tussenvoegsel, last) if p)
    return (name.casefold(), birth)


def plan_import(session: Session, class_id: int, parsed: ParsedRoster, *, actor: Actor) -> tuple[
    list[PlannedRow], list[Problem]
]:
    """Match each row with the class's pupils: pupil number first, else full name + birth
    date. Returns the plan and problems (two rows matching one pupil). Read-only; the class
    must be in ``actor``'s scope."""
    require_class(session, actor, class_id)
    pupils = list(session.scalars(select(Pupil).where(Pupil.class_id == class_id)))
    by_number = {p.pupil_number: p for p in pupils if p.pupil_number}
    by_name: dict[tuple, Pupil] = {}
    for p in pupils:
        by_name.setdefault(_name_key(p.first_name, p.tussenvoegsel, p.last_name, p.birth_date), p)
    plan: list[PlannedRow] = []
    problems: list[Problem] = []
    taken: dict[int, int] = {}
    for row in parsed.rows:
        pupil = by_number.get(row.pupil_number) if row.pupil_number else None
        if pupil is None:
            candidate = by_name.get(
                _name_key(row.first_name, row.tussenvoegsel, row.last_name, row.birth_date)
            )
            if candidate is not None and (
                not candidate.pupil_number or not row.pupil_number
            ):
                pupil = candidate
        if pupil is None:
            plan.append(PlannedRow(row, "add"))
            continue
        if pupil.id in taken:
            problems.append(_problem(row.line, "", "roster.same_pupil_twice",
                                     name=pupil.full_name, other=taken[pupil.id]))
            continue
        taken[pupil.id] = row.line
        changes = tuple(
            (name, getattr(pupil, name), getattr(row, name))
            for name in FIELDS
            if getattr(row, name) not in (None, "") or name == "tussenvoegsel"
            if getattr(pupil, name) != getattr(row, name)
        )
        action = "update" if changes or not pupil.active else "same"
        plan.append(PlannedRow(row, action, pupil.id, changes, reactivate=not pupil.active))
    return plan, problems


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int


def _check_class(session: Session, class_id: int) -> SchoolClass:
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        raise RosterError([_problem(0, "", "roster.no_class")])
    return school_class


def commit_import(
    session: Session, class_id: int, parsed: ParsedRoster, *, actor: Actor
) -> ImportSummary:
    """Write a checked roster into the class (caller commits). Raises ``NotAllowed`` when the
    class is outside ``actor``'s scope, ``RosterError`` when the file or the match with
    existing pupils has any problem; nothing is written then."""
    from survey.waves import issue_for_open_waves  # waves imports nothing from here

    require_class(session, actor, class_id)
    _check_class(session, class_id)
    user_id = actor_id(actor)
    if parsed.problems or not parsed.rows:
        raise RosterError(parsed.problems or [_problem(0, "", "roster.no_pupils")])
    plan, problems = plan_import(session, class_id, parsed, actor=actor)
    if problems:
        raise RosterError(problems)
    counts = {"add": 0, "update": 0, "same": 0}
    for item in plan:
        counts[item.action] += 1
        if item.action == "add":
            pupil = Pupil(class_id=class_id, **_row_values(item.row))
            session.add(pupil)
            session.flush()
            session.add(Consent(pupil_id=pupil.id, status="unknown", recorded_by=user_id))
        elif item.action == "update":
            pupil = session.get(Pupil, item.pupil_id)
            for name, _old, new in item.changes:
                setattr(pupil, name, new)
            pupil.active = True
    session.flush()
    issue_for_open_waves(session, class_id)
    record(session, "roster.import", user_id=user_id, object_type="class", object_id=class_id,
           added=counts["add"], updated=counts["update"], unchanged=counts["same"])
    return ImportSummary(counts["add"], counts["update"], counts["same"])


def _row_values(row: RosterRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in FIELDS}


# --------------------------------------------------------------------------- manual edits


def add_pupil(
    session: Session, class_id: int, values: dict[str, object], *, actor: Actor
) -> Pupil:
    """Add one pupil by hand (values as on the form; gender 'm'/'f'/'x' or a word) to a
    class in ``actor``'s scope."""
    from survey.waves import issue_for_open_waves

    require_class(session, actor, class_id)
    _check_class(session, class_id)
    user_id = actor_id(actor)
    row, problems = validate_fields(values, convention="mf")
    if row is not None and row.pupil_number:
        problems += _number_taken(session, class_id, row.pupil_number, None)
    if problems:
        raise RosterError(problems)
    pupil = Pupil(class_id=class_id, **_row_values(row))
    session.add(pupil)
    session.flush()
    session.add(Consent(pupil_id=pupil.id, status="unknown", recorded_by=user_id))
    session.flush()
    issue_for_open_waves(session, class_id)
    record(session, "pupil.add", user_id=user_id, object_type="pupil", object_id=pupil.id,
           class_id=class_id)
    return pupil


def _number_taken(session: Session, class_id: int, number: str, pupil_id: int | None):
    other = session.scalar(
        select(Pupil).where(Pupil.class_id == class_id, Pupil.pupil_number == number)
    )
    if other is not None and other.id != pupil_id:
        return [_problem(0, "pupil_number", "roster.number_taken", number=number,
                         name=other.full_name)]
    return []


def update_pupil(
    session: Session, pupil_id: int, values: dict[str, object], *, actor: Actor
) -> Pupil:
    """Change the details of a pupil in ``actor``'s scope (same checks as the import)."""
    pupil = require_pupil(session, actor, pupil_id)
    user_id = actor_id(actor)
    row, problems = validate_fields(values, convention="mf")
    if row is not None and row.pupil_number:
        problems += _number_taken(session, pupil.class_id, row.pupil_number, pupil.id)
    if problems:
        raise RosterError(problems)
    changed = {}
    for name, value in _row_values(row).items():
        if getattr(pupil, name) != value:
            changed[name] = True
            setattr(pupil, name, value)
    record(session, "pupil.edit", user_id=user_id, object_type="pupil", object_id=pupil.id,
           fields=sorted(changed))
    return pupil


def set_active(session: Session, pupil_id: int, active: bool, *, actor: Actor) -> Pupil:
    """Remove a pupil in ``actor``'s scope from the class (deactivate: stored answers stay
    consistent, the pupil leaves every list and analysis) or take them back."""
    from survey.waves import issue_for_open_waves

    pupil = require_pupil(session, actor, pupil_id)
    user_id = actor_id(actor)
    pupil.active = active
    session.flush()
    if active:
        issue_for_open_waves(session, pupil.class_id)
    record(session, "pupil.activate" if active else "pupil.remove", user_id=user_id,
           object_type="pupil", object_id=pupil.id)
    return pupil


def set_consent(
    session: Session, pupil_id: int, status: str, *, actor: Actor, note: str = ""
) -> Consent:
    """Record the consent status (given / refused / unknown) of a pupil in ``actor``'s
    scope, with who and when."""
    from survey.waves import issue_for_open_waves

    pupil = require_pupil(session, actor, pupil_id)
    user_id = actor_id(actor)
    if status not in CONSENT_STATES:
        raise RosterError([_problem(0, "consent", "roster.consent", value=status)])
    consent = pupil.consent or Consent(pupil_id=pupil.id)
    old = consent.status if pupil.consent else None
    consent.status = status
    consent.recorded_by = user_id
    consent.recorded_at = utcnow()
    if note:
        consent.note = note
    session.add(consent)
    session.flush()
    issue_for_open_waves(session, pupil.class_id)
    record(session, "consent.set", user_id=user_id, object_type="pupil", object_id=pupil.id,
           old=old, new=status)
    return consent


#: The Dutch school year starts in August: autumn waves from August, spring waves before.
SCHOOL_YEAR_START_MONTH = 8


def school_year_of(day: dt.date) -> str:
    """The school year ``day`` falls in, as stored ("2026-2027").

    >>> school_year_of(dt.date(2026, 8, 1)), school_year_of(dt.date(2027, 7, 31))
    ('2026-2027', '2026-2027')
    """
    start = day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1
    return f"{start}-{start + 1}"


def season_of(day: dt.date) -> str:
    """"autumn" from August to December, else "spring" (the default name of a new wave).

    >>> season_of(dt.date(2026, 9, 1)), season_of(dt.date(2027, 3, 1))
    ('autumn', 'spring')
    """
    return "autumn" if day.month >= SCHOOL_YEAR_START_MONTH else "spring"


def check_school_year(value: object, today: dt.date | None = None) -> str:
    """A school year as stored: "2026-2027" (fits the column). Raises RosterError otherwise.

    >>> check_school_year(" 2026 / 2027 ")
    '2026-2027'
    """
    match = re.fullmatch(r"(\d{4})\s*[-/]\s*(\d{4})", clean_text(value))
    if match and int(match[2]) == int(match[1]) + 1:
        year = f"{match[1]}-{match[2]}"
        if len(year) <= SCHOOL_YEAR_LENGTH:
            return year
    start = (today or dt.date.today()).year
    raise RosterError([_problem(0, "school_year", "roster.school_year",
                                example=f"{start}-{start + 1}")])


def set_consents(
    session: Session, class_id: int, changes: dict[int, str], *, actor: Actor
) -> int:
    """The consent editor's save: every change is checked first — the class in ``actor``'s
    scope, every id a pupil of that class (``NotAllowed``), every status known
    (``RosterError``) — and only then written, so one bad row refuses the whole edit."""
    require_class(session, actor, class_id)
    require_pupils_of_class(session, class_id, changes)
    bad = sorted({str(s) for s in changes.values() if s not in CONSENT_STATES})
    if bad:
        raise RosterError([_problem(0, "consent", "roster.consent", value=bad[0])])
    for pupil_id, status in changes.items():
        set_consent(session, int(pupil_id), status, actor=actor)
    return len(changes)


def create_class(
    session: Session, user: User, name: str, grade: int | None, school_year: str
) -> SchoolClass:
    """A new class in the teacher's school, added to the teacher's scope. The name is
    cleaned (``clean_text``) and at most the column's length; the school year is two
    consecutive years ("2026-2027"; "2026/2027" is read the same)."""
    name = clean_text(name)
    if not name:
        raise RosterError([_problem(0, "name", "roster.class_name")])
    if len(name) > CLASS_NAME_LENGTH:
        raise RosterError([_problem(0, "name", "roster.class_name_long", length=len(name),
                                    n=CLASS_NAME_LENGTH)])
    school_year = check_school_year(school_year)
    if user.school_id is None:
        raise RosterError([_problem(0, "", "roster.no_school")])
    exists = session.scalar(
        select(SchoolClass.id).where(
            SchoolClass.school_id == user.school_id,
            SchoolClass.name == name,
            SchoolClass.school_year == school_year,
        )
    )
    if exists is not None:
        raise RosterError([_problem(0, "name", "roster.class_exists", name=name,
                                    year=school_year)])
    school_class = SchoolClass(school_id=user.school_id, name=name, grade=grade,
                               school_year=school_year)
    session.add(school_class)
    session.flush()
    session.add(UserClass(user_id=user.id, class_id=school_class.id))
    record(session, "class.create", user_id=user.id, object_type="class",
           object_id=school_class.id, name=name)
    return school_class
