"""Class exports (Excel workbook) and the printable pupil profile (A4 PDF), as bytes (pure).

Workbook (``class_workbook``, openpyxl; the teacher's, in the interface language: headers
``xls.col.*`` and coded values as words): sheets ``pupils`` / ``leerlingen`` (one row per
wave × pupil: every score, percentile, status, flag and reason, plus the relationship
profiles), one ``m_<question>`` nomination matrix per question (rows: wave × rater;
columns: the classmates; 1 = named, 0 = not named, empty = the rater did not answer; a
"chose nobody" column), ``codebook`` / ``codeboek`` (per column the header, its stable
code and what it means) and ``method`` / ``methode`` (settings, reference group, wording
source of the instruments per wave, export time); ``wave_id`` keeps one wave. Negative questions are left out
unless ``include_negative`` (who named whom negatively is sensitive). Every string cell is
passed through :func:`safe_cell`: text starting with ``= + - @`` (or a tab / carriage
return) gets a leading apostrophe, so a spreadsheet never runs it as a formula, and control
characters Excel cannot store are removed.

PDF (``profile_pdf``, fpdf2, no browser): one pupil on one A4 page in black and white (a
second only when the care-team notes need it) — the three perspectives, double-risk
reasons, agreement, change, a small vector class map (only this pupil is named;
classmates are anonymous marks whose shape is the teacher profile, ``PROFILE_MARK``) and
the care-team block with writing lines. DejaVu Sans is embedded when installed (ë, ï, é, ş, ğ, ı, ’ and −
all print); otherwise the core Helvetica font is used and characters outside Latin-1 are
replaced by close equivalents.

>>> safe_cell("=SUM(A1:A3)"), safe_cell("-2"), safe_cell("Zoë"), safe_cell(-2)
("'=SUM(A1:A3)", "'-2", 'Zoë', -2)
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Hashable, Mapping
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from analysis.classmap import (
    HIGH,
    LOW,
    PROFILES,
    display_names,
    node_sizes,
    relationship_profile,
)
from analysis.pipeline import AnalysisResult, PipelineSettings
from analysis.profile import percentile_text, score_text
from survey.i18n import MESSAGES, t
from survey.text import plain

__all__ = ["class_workbook", "profile_pdf", "safe_cell", "safe_csv", "unescape_cell"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
MAX_CELL = 32_767
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def safe_cell(value: object) -> object:
    """A value safe to write into a spreadsheet cell (see module docstring).

    Numbers, booleans and dates pass unchanged; NaN/NA becomes None (an empty cell).
    """
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = _ILLEGAL.sub("", str(value))  # first: removing a character may expose a "="
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text[:MAX_CELL]


def safe_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV bytes, every text cell (and header) through :func:`safe_cell`.

    The one neutraliser of the workbook, also for CSV downloads: a cell starting with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe, so a spreadsheet
    shows it as text instead of running it. Number, boolean and date columns are written
    as they are (a negative number stays a number).

    >>> frame = pd.DataFrame({"name": ['=HYPERLINK("http://x","klik")'], "z": [-1.5]})
    >>> print(safe_csv(frame).decode(), end="")
    name,z
    "'=HYPERLINK(""http://x"",""klik"")",-1.5
    """
    out = frame.copy()
    out.columns = [safe_cell(c) for c in frame.columns]
    for k in range(out.shape[1]):
        col = out.iloc[:, k]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)
                or pd.api.types.is_datetime64_any_dtype(col)):
            out.isetitem(k, col.astype(object).map(safe_cell))
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def unescape_cell(value: object) -> object:
    """Undo :func:`safe_cell`'s apostrophe (for reading a workbook back).

    >>> unescape_cell("'=1+1"), unescape_cell("Ali")
    ('=1+1', 'Ali')
    """
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


# --------------------------------------------------------------------------------------
# workbook
# --------------------------------------------------------------------------------------

def _describe(column: str, language: str) -> str:
    """The codebook's description of ``column`` (keys ``codebook.*`` of survey.i18n)."""
    if f"codebook.{column}" in MESSAGES:
        return t(f"codebook.{column}", language)
    for informant in ("teacher", "child"):
        for dim in ("closeness", "conflict", "dependency"):
            for suffix, key in (("", "xls.scale"), ("_pct", "xls.scale_pct")):
                if column == f"{informant}_{dim}{suffix}":
                    return t(key, language, informant=t(f"xls.informant.{informant}",
                                                        language),
                             dimension=t(f"label.{dim}", language))
    if column.startswith("agreement_"):
        return t("xls.agreement", language,
                 dimension=t(f"label.{column.removeprefix('agreement_')}", language))
    if column.startswith("nb_p_"):
        return t("xls.nb_p", language)
    if column == "low_participation":
        return t("xls.low_participation", language, pct=60)
    return ""


#: columns whose values are codes shown as words of the interface language (key prefix)
_VALUE_WORDS = {"teacher_profile": "label", "child_profile": "label", "status_cd": "status",
                "status_nb": "status", "gender": "gender"}


def _header(column: str, language: str) -> str:
    """The header of ``column`` in the interface language (keys ``xls.col.*``); the
    codebook keeps the stable code next to it.

    >>> _header("double_risk", "nl"), _header("teacher_closeness_pct", "en")
    ('dubbel risico', 'teacher: closeness (percentile)')
    """
    if f"xls.col.{column}" in MESSAGES:
        return t(f"xls.col.{column}", language)
    for informant in ("teacher", "child"):
        for dim in ("closeness", "conflict", "dependency"):
            for suffix, key in (("", "xls.col.scale"), ("_pct", "xls.col.scale_pct")):
                if column == f"{informant}_{dim}{suffix}":
                    return t(key, language, informant=t(f"xls.who.{informant}", language),
                             dimension=t(f"label.{dim}", language))
    if column.startswith("agreement_") and f"label.{column[10:]}" in MESSAGES:
        return t("xls.col.agreement", language, dimension=t(f"label.{column[10:]}", language))
    return column


def _word(column: str, value: object, language: str) -> object:
    """A cell value in the interface language: profile, status group, gender, agreement
    category and yes/no as words; every other value as it is.

    >>> _word("teacher_profile", "close_conflictual", "nl"), _word("status_cd", "rejected", "en")
    ('nabij én conflictueus', 'rejected')
    >>> _word("double_risk", True, "nl"), _word("lm_prop", 0.5, "nl")
    ('ja', 0.5)
    """
    if isinstance(value, (bool, np.bool_)):
        return t("xls.yes" if value else "xls.no", language)
    if not isinstance(value, str):
        return value
    prefix = _VALUE_WORDS.get(column)
    if prefix is None and column.startswith("agreement_"):
        prefix = "pdf.agree"
    if prefix and f"{prefix}.{value}" in MESSAGES:
        return t(f"{prefix}.{value}", language)
    return value


def _in_words(frame: pd.DataFrame, language: str) -> pd.DataFrame:
    """``frame`` with headers and coded values in the interface language."""
    out = pd.DataFrame({c: [_word(c, v, language) for v in frame[c].astype(object)]
                        for c in frame.columns}, index=frame.index)
    out.columns = [_header(c, language) for c in frame.columns]
    return out


def _write_frame(ws, frame: pd.DataFrame) -> None:
    ws.append([safe_cell(c) for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        ws.append([safe_cell(v) for v in row])
    ws.freeze_panes = "A2"
    for i, col in enumerate(frame.columns, start=1):
        width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)]) + 2
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 6), 60)


def pupils_sheet(result: AnalysisResult, pupils: pd.DataFrame, roster: pd.DataFrame | None,
                 waves: pd.DataFrame, class_name: str) -> pd.DataFrame:
    """The ``pupils`` sheet as a frame (one row per wave × pupil)."""
    table = result.pupils_table()
    names = pupils[["pupil_id", "first_name", "tussenvoegsel", "last_name", "gender"]]
    out = table.merge(names, on="pupil_id", how="left")
    out = out[out["wave_id"].isin(waves["wave_id"])]  # only the waves the workbook holds
    wave_names = dict(zip(waves["wave_id"], waves["name"], strict=True))
    out.insert(0, "wave", out["wave_id"].map(wave_names))
    out.insert(0, "class", class_name)
    if roster is not None and len(roster):
        out = out.merge(roster[["wave_id", "pupil_id", "present"]], on=["wave_id", "pupil_id"],
                        how="left")
    for informant in ("teacher", "child"):
        cols = [f"{informant}_{d}_pct" for d in ("closeness", "conflict", "dependency")]
        vals = [out[c] if c in out.columns else pd.Series(np.nan, index=out.index) for c in cols]
        out[f"{informant}_profile"] = [relationship_profile(a, b, c)
                                       for a, b, c in zip(*vals, strict=True)]
    front = ["class", "wave", "wave_id", "class_id", "pupil_id", "first_name", "tussenvoegsel",
             "last_name", "gender", "present", "teacher_profile", "child_profile",
             "teacher_risk", "peer_risk", "double_risk", "reasons"]
    front = [c for c in front if c in out.columns]
    out = out[front + [c for c in out.columns if c not in front]]
    order = {w: i for i, w in enumerate(waves["wave_id"])}
    out = out.assign(_w=out["wave_id"].map(order)).sort_values(
        ["_w", "last_name", "first_name"], kind="stable").drop(columns="_w")
    return out.reset_index(drop=True)


def nomination_matrix(nominations: pd.DataFrame, roster: pd.DataFrame, pupils: pd.DataFrame,
                      waves: pd.DataFrame, question_id: Hashable) -> pd.DataFrame:
    """Rows: wave × rater on the roster; columns: wave, rater_id, rater, one column per
    classmate (``Name (id)``: 1 named, 0 not named, empty = did not answer), ``nobody``."""
    names = display_names(pupils)
    ids = sorted(pd.unique(roster["pupil_id"]).tolist(),
                 key=lambda p: (names.get(p, str(p)).casefold(), str(p)))
    col_of = {p: f"{names.get(p, p)} ({p})" for p in ids}
    rows = []
    wave_names = dict(zip(waves["wave_id"], waves["name"], strict=True))
    noms = nominations[nominations["question_id"] == question_id]
    for w in waves["wave_id"]:
        wn = noms[noms["wave_id"] == w]
        raters = roster.loc[roster["wave_id"] == w, "pupil_id"].tolist()
        raters = sorted(raters, key=lambda p: (names.get(p, str(p)).casefold(), str(p)))
        on_roster = set(raters)
        for r in raters:
            mine = wn[wn["rater_id"] == r]
            answered = len(mine) > 0
            row: dict = {"wave": wave_names.get(w, w), "rater_id": r,
                         "rater": names.get(r, str(r))}
            chosen = set(mine["target_id"].dropna().tolist())
            for p in ids:
                if p == r or p not in on_roster:
                    row[col_of[p]] = None
                else:
                    row[col_of[p]] = (1 if p in chosen else 0) if answered else None
            row["nobody"] = (1 if mine["target_id"].isna().any() else 0) if answered else None
            rows.append(row)
    return pd.DataFrame(rows, columns=["wave", "rater_id", "rater", *col_of.values(), "nobody"])


def method_rows(settings: PipelineSettings, waves: pd.DataFrame,
                wording: Mapping[Hashable, tuple[str, str]] | None, class_name: str,
                language: str, include_negative: bool,
                reference: str | None = None) -> pd.DataFrame:
    """The ``method`` sheet: every setting that shaped the numbers, and the wording source."""
    lang = language
    rows: list[tuple[str, object]] = [
        ("class", class_name),
        ("exported_at_utc", dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ",
                                                                                   "seconds")),
        ("language", lang),
        ("screening_note", t("method.screening_note", lang)),
        ("scale_score", t("method.scale_score", lang, min=f"{settings.min_answered:.0%}")),
        ("reference_group", reference or t("method.reference_group", lang)),
        ("percentiles", t("method.percentiles", lang)),
        ("relationship_profile", t("method.relationship_profile", lang, high=f"{HIGH:.0f}",
                                   low=f"{LOW:.0f}")),
        ("include_negative_nominations", bool(include_negative)),
        ("agreement_threshold_sd", settings.agreement_threshold),
    ]
    rows += [(f"risk.{k}", v) for k, v in asdict(settings.risk).items()]
    rows += [(f"sociometry.{k}", v) for k, v in asdict(settings.sociometry).items()]
    for w, name in zip(waves["wave_id"], waves["name"], strict=True):
        teacher_source, child_source = (wording or {}).get(w, ("", ""))
        rows.append((f"wording.{name}.teacher", teacher_source))
        rows.append((f"wording.{name}.child", child_source))
    return pd.DataFrame(rows, columns=["setting", "value"])


def class_workbook(
    result: AnalysisResult,
    pupils: pd.DataFrame,
    nominations: pd.DataFrame,
    questions: pd.DataFrame,
    waves: pd.DataFrame,
    *,
    class_name: str,
    roster: pd.DataFrame | None = None,
    wording: Mapping[Hashable, tuple[str, str]] | None = None,
    settings: PipelineSettings | None = None,
    language: str = "nl",
    include_negative: bool = False,
    wave_id: Hashable | None = None,
) -> bytes:
    """The class as an .xlsx workbook (see module docstring), as bytes: the teacher's
    workbook, in ``language`` (headers, sheet names and coded values such as profiles,
    status groups and yes/no as words; the codebook gives each header its stable code —
    the research exports keep the codes, ``safe_csv``).

    ``wave_id``: only that wave (the one the page shows); None: every wave of ``waves``.
    ``roster`` defaults to the pupils of ``result.sociometry_pupils`` (wave × pupil).
    """
    settings = settings or PipelineSettings(language=language)
    if wave_id is not None:
        waves = waves[waves["wave_id"] == wave_id]
    if roster is None:
        roster = result.sociometry_pupils[["wave_id", "pupil_id"]].assign(present=True)
    roster = roster[roster["wave_id"].isin(waves["wave_id"])]
    wb = Workbook()
    ws = wb.active
    ws.title = t("xls.sheet.pupils", language)
    sheet = pupils_sheet(result, pupils, roster if "present" in roster.columns else None,
                         waves, class_name)
    _write_frame(ws, _in_words(sheet, language))
    asked = set(pd.unique(nominations["question_id"]).tolist())
    used_cols = {"rater_id", "rater", "nobody"}
    for q, polarity in zip(questions["question_id"], questions["polarity"], strict=True):
        if q not in asked or (polarity == "negative" and not include_negative):
            continue
        m = nomination_matrix(nominations, roster, pupils, waves, q)
        m.columns = [_header(c, language) if c in ("wave", "rater_id", "rater", "nobody")
                     else c for c in m.columns]
        _write_frame(wb.create_sheet(f"m_{q}"[:31]), m)
    codes = [c for c in sheet.columns] + sorted(used_cols)
    codebook = pd.DataFrame({t("xls.codebook.header", language): [_header(c, language)
                                                                  for c in codes],
                             t("xls.codebook.code", language): codes,
                             t("xls.codebook.description", language): [
                                 _describe(c, language) for c in codes]})
    _write_frame(wb.create_sheet(t("xls.sheet.codebook", language)), codebook)
    pct = result.percentiles
    ref = None
    if len(pct):
        pct = pct[pct["wave_id"].isin(waves["wave_id"])]
        refs = sorted({str(r) for r in pct["reference"].dropna()})
        ref = ", ".join(refs)
    method = method_rows(settings, waves, wording, class_name, language, include_negative, ref)
    method.columns = [t("xls.method.setting", language), t("xls.method.value", language)]
    _write_frame(wb.create_sheet(t("xls.sheet.method", language)), method)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------

#: (shape, fill grey: 0 black … 255 white) per profile on the black-and-white class map:
#: told apart by shape first (a triangle is conflict, filled black when only conflict),
#: never by six shades of grey that a printer turns into one
PROFILE_MARK = {"close": ("circle", 255), "average": ("circle", 160),
                "distant": ("square", 255), "dependent": ("diamond", 255),
                "conflictual": ("triangle", 0), "close_conflictual": ("triangle", 255),
                "unknown": ("dashed", 255)}
_LATIN1_FALLBACK = {"\u2212": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                    "\u2013": "-", "\u2014": "-", "\u00b7": "-", "\u2026": "...",
                    "\u0131": "i", "\u2265": ">=", "\u2264": "<="}


def _num(x: float, language: str, decimals: int = 2) -> str:
    return score_text(x, language, decimals)  # the profile page's rule (analysis.profile)


def _true(x: object) -> bool:
    """True only for a real True (NA and False are not)."""
    try:
        return bool(x) if not pd.isna(x) else False
    except (TypeError, ValueError):
        return False


def _pct(x: float) -> str:
    return percentile_text(x)


class _Sheet(FPDF):
    """A4 portrait with a page footer; knows whether a Unicode font is embedded."""

    def __init__(self, language: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.language = language
        regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            self.family_name, self.unicode = "DejaVu", True
        else:  # pragma: no cover - depends on the machine's fonts
            self.family_name, self.unicode = "Helvetica", False
        self.set_auto_page_break(True, margin=16)
        self.set_margins(15, 14, 15)
        self.set_creator("Klaskaart")

    def txt(self, text: str) -> str:
        """Text for the PDF: control and bidirectional characters removed (survey.text)."""
        text = plain(text, keep_lines=True)
        if self.unicode:
            return text
        text = "".join(_LATIN1_FALLBACK.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFC", text)
        return text.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)

    def footer(self) -> None:
        self.set_y(-12)
        self.font(8)
        self.set_text_color(80)
        self.cell(0, 5, self.txt(t("pdf.page", self.language, n=self.page_no())), align="C")
        self.set_text_color(0)

    def para(self, text: str, size: float = 10, bold: bool = False, h: float = 5) -> None:
        self.font(size, bold)
        self.multi_cell(0, h, self.txt(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.font(12, True)
        self.cell(0, 7, self.txt(text), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(0)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)


def _map(pdf: _Sheet, nodes: pd.DataFrame, edges: pd.DataFrame, focus: Hashable,
         x0: float, y0: float, w: float, h: float) -> None:
    mw = w
    """A small black-and-white class map drawn with vector primitives."""
    pdf.set_draw_color(0)
    pdf.set_line_width(0.2)
    pdf.rect(x0, y0, w, h)
    pad = 5.0

    def at(x: float, y: float) -> tuple[float, float]:
        return x0 + pad + (x + 1) / 2 * (w - 2 * pad), y0 + pad + (1 - y) / 2 * (h - 2 * pad)

    pos = {p: at(x, y) for p, x, y in zip(nodes["pupil_id"], nodes["x"], nodes["y"],
                                          strict=True)}
    for a, b, mutual in zip(edges["rater_id"], edges["target_id"], edges["mutual"], strict=True):
        if a not in pos or b not in pos:
            continue
        touches = focus in (a, b)
        pdf.set_draw_color(0 if touches else 170)
        pdf.set_line_width((0.6 if mutual else 0.35) if touches else (0.3 if mutual else 0.12))
        pdf.line(*pos[a], *pos[b])
    sizes = node_sizes(nodes["acceptance"].tolist())
    for (p, prof, risk), size in zip(nodes[["pupil_id", "teacher_profile",
                                            "double_risk"]].itertuples(index=False),
                                     sizes, strict=True):
        cx, cy = pos[p]
        r = 0.9 + 1.6 * (size - 16.0) / 26.0
        pdf.set_line_width(0.6 if p == focus else 0.25)
        _mark(pdf, prof, cx, cy, r)
        if risk:
            pdf.set_line_width(0.5)
            pdf.circle(cx, cy, r + 1.0, style="D")
    if focus in pos:
        fx, fy = pos[focus]
        row = nodes.index[nodes["pupil_id"] == focus][0]
        r = 0.9 + 1.6 * (sizes[row] - 16.0) / 26.0 + 1.0  # below the double-risk ring
        name = pdf.txt(str(nodes.loc[row, "name"]))
        pdf.font(9, True)
        w = pdf.get_string_width(name) + 2
        # on a white box drawn last, so no line runs through the name; inside the frame
        lx = min(max(fx - w / 2, x0 + 0.5), x0 + mw - w - 0.5)
        ly = fy + r + 0.7 if fy + r + 5 < y0 + h else fy - r - 4.7
        pdf.set_fill_color(255)
        pdf.set_xy(lx, ly)
        pdf.cell(w, 4, name, align="C", fill=True)
    pdf.set_line_width(0.2)


def _mark(pdf: _Sheet, prof: str, cx: float, cy: float, r: float) -> None:
    """The node of a pupil with teacher profile ``prof`` (``PROFILE_MARK``) at (cx, cy)."""
    shape, fill = PROFILE_MARK.get(prof, PROFILE_MARK["unknown"])
    pdf.set_fill_color(fill)
    pdf.set_draw_color(0)
    if shape == "square":
        a = r * 0.9
        pdf.rect(cx - a, cy - a, 2 * a, 2 * a, style="DF")
    elif shape == "diamond":
        a = r * 1.25
        pdf.polygon([(cx, cy - a), (cx + a, cy), (cx, cy + a), (cx - a, cy)], style="DF")
    elif shape == "triangle":
        a = r * 1.3
        pdf.polygon([(cx, cy - a), (cx + a * 0.95, cy + a * 0.65),
                     (cx - a * 0.95, cy + a * 0.65)], style="DF")
    elif shape == "dashed":
        pdf.set_dash_pattern(dash=0.5, gap=0.4)
        pdf.circle(cx, cy, r, style="DF")
        pdf.set_dash_pattern()
    else:
        pdf.circle(cx, cy, r, style="DF")


#: the care-team fields of the sheet and the ruled lines each gets when it is empty
CARE_FIELDS = (("three_words", 1), ("moment_clicked", 2), ("moment_not_clicked", 2),
               ("work_question", 2), ("target_behaviour", 2), ("notes", 3))


def _column(pdf: _Sheet, x: float, y: float, w: float, title: str, lines: list[str]) -> float:
    """A titled column of short lines at (x, y), ``w`` wide; returns its bottom."""
    pdf.set_xy(x, y)
    pdf.font(11, True)
    pdf.multi_cell(w, 6, pdf.txt(title), new_x="LEFT", new_y="NEXT", align="L")
    pdf.set_draw_color(0)
    pdf.set_line_width(0.3)
    pdf.line(x, pdf.get_y(), x + w, pdf.get_y())
    pdf.set_y(pdf.get_y() + 1.2)
    pdf.font(9.5)
    for line in lines:
        pdf.set_x(x)
        pdf.multi_cell(w, 4.6, pdf.txt(line), new_x="LEFT", new_y="NEXT", align="L")
    return pdf.get_y()


def _lines_height(pdf: _Sheet, label_text: str, value: str, n_lines: int = 2,
                  w: float = 0) -> float:
    """The height :func:`_lines` takes for this field (label, text or lines, space)."""
    if not value.strip():
        return 5 + 6 * n_lines + 1.5
    pdf.font(10)
    text_h = pdf.multi_cell(w, 5, pdf.txt(value), dry_run=True, output="HEIGHT", align="L")
    return 5 + text_h + 1.5


def _lines(pdf: _Sheet, label_text: str, value: str, n_lines: int = 2,
           x: float | None = None, w: float = 0) -> float:
    """A labelled field at (x, current y), ``w`` wide (0: to the right margin): the saved
    text, or ruled lines to write on. Returns its bottom."""
    x = pdf.l_margin if x is None else x
    right = pdf.w - pdf.r_margin if not w else x + w
    pdf.set_x(x)
    pdf.font(9, True)
    pdf.cell(right - x, 5, pdf.txt(label_text), new_x="LEFT", new_y="NEXT")
    if value.strip():
        pdf.font(10)
        pdf.multi_cell(right - x, 5, pdf.txt(value), new_x="LEFT", new_y="NEXT", align="L")
    else:
        pdf.set_draw_color(150)
        pdf.set_line_width(0.2)
        for _ in range(n_lines):
            y = pdf.get_y() + 6
            pdf.line(x, y, right, y)
            pdf.set_xy(x, y)
        pdf.set_draw_color(0)
    pdf.set_y(pdf.get_y() + 1.5)
    return pdf.get_y()


def profile_pdf(
    profile,
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    class_name: str,
    wave_name: str,
    language: str = "nl",
    care_note: Mapping[str, str] | None = None,
    previous_wave_name: str | None = None,
    made_on: dt.date | None = None,
) -> bytes:
    """The pupil profile as an A4 PDF in black and white, as bytes: one page when the
    care-team notes are short, the care-team block on a second page only when it does not
    fit on the first (and further pages when it is longer than a page).

    ``profile``: :class:`analysis.profile.PupilProfile`; ``nodes``/``edges``:
    ``classmap.node_table`` / ``classmap.edge_table`` of the same class and wave.
    """
    lang = language
    pdf = _Sheet(lang)
    pdf.set_title(f"{profile.name} - {class_name} - {wave_name}")
    pdf.add_page()
    made_on = made_on or dt.date.today()
    pdf.font(16, True)
    pdf.cell(0, 8, pdf.txt(t("pdf.title", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.font(14, True)
    pdf.cell(0, 8, pdf.txt(profile.name), new_x="LMARGIN", new_y="NEXT")
    pdf.para(t("pdf.meta", lang, class_name=class_name, wave=wave_name,
                date=made_on.strftime("%d-%m-%Y")), size=10)
    pdf.set_text_color(60)
    pdf.para(t("pdf.screening", lang), size=8.5, h=4)
    pdf.set_text_color(0)

    # double risk box
    pdf.ln(1)
    top = pdf.get_y()
    pdf.set_line_width(0.8 if profile.double_risk else 0.3)
    pdf.font(12, True)
    pdf.cell(0, 7, pdf.txt(t("pdf.double_yes" if profile.double_risk else "pdf.double_no", lang)),
             new_x="LMARGIN", new_y="NEXT")
    reasons = profile.teacher_reasons + profile.peer_reasons
    for r in reasons:
        pdf.para(f"• {r}", size=9.5, h=4.6)
    pdf.rect(pdf.l_margin - 1.5, top - 1, pdf.w - pdf.l_margin - pdf.r_margin + 3,
             pdf.get_y() - top + 2)
    pdf.set_line_width(0.2)
    pdf.ln(2)

    # three perspectives in three columns
    col_w = (pdf.w - pdf.l_margin - pdf.r_margin) / 3
    y_start = pdf.get_y()
    heights = []
    for i, (title, scores, prof) in enumerate((
            (t("pdf.teacher", lang), profile.teacher, profile.teacher_profile),
            (t("pdf.child", lang), profile.child, profile.child_profile))):
        pdf.set_xy(pdf.l_margin + i * col_w, y_start)
        pdf.font(11, True)
        pdf.cell(col_w, 6, pdf.txt(title), new_x="LEFT", new_y="NEXT")
        pdf.font(9.5)
        pdf.cell(col_w, 5, pdf.txt(t("pdf.profile", lang, p=t(f"label.{prof}", lang))),
                 new_x="LEFT", new_y="NEXT")
        if not scores:
            pdf.cell(col_w, 5, pdf.txt(t("pdf.no_data", lang)), new_x="LEFT", new_y="NEXT")
        for s in scores:
            dimension = t(f"label.{s.dimension}", lang)
            pdf.cell(col_w, 5, pdf.txt(f"{dimension}: {_num(s.score, lang)} "
                                       f"({_pct(s.percentile)})"), new_x="LEFT", new_y="NEXT")
        heights.append(pdf.get_y())
    peer = profile.peer
    of = peer.nominators if peer.nominators is not None else "?"
    tof = peer.teacher_nominators if peer.teacher_nominators is not None else "?"
    pdf.set_xy(pdf.l_margin + 2 * col_w, y_start)
    pdf.font(11, True)
    pdf.cell(col_w, 6, pdf.txt(t("pdf.peers", lang)), new_x="LEFT", new_y="NEXT")
    pdf.font(9.5)
    status = (t(f"status.{peer.status_cd}", lang) if f"status.{peer.status_cd}" in MESSAGES
              else "–")
    for line in (t("pdf.chosen", lang, n=peer.received if peer.received is not None else "–",
                   of=of),
                 t("pdf.least", lang, n=peer.rejected_by if peer.rejected_by is not None else "–",
                   of=of),
                 t("pdf.status", lang, s=status),
                 t("pdf.sp", lang, v=_num(peer.social_preference, lang, 1)),
                 t("pdf.mutual", lang, n=len(peer.mutual_friends)),
                 t("pdf.t_likes", lang, n=f"{peer.teacher_likes_n}/{tof}"),
                 t("pdf.t_angry", lang, n=f"{peer.teacher_angry_n}/{tof}")):
        pdf.cell(col_w, 5, pdf.txt(line), new_x="LEFT", new_y="NEXT")
    heights.append(pdf.get_y())
    pdf.set_xy(pdf.l_margin, max(heights) + 1)
    refs = sorted({s.reference for s in profile.teacher + profile.child if s.reference})
    if refs:
        ref_words = ", ".join(t(f"pdf.ref.{r}", lang) for r in refs
                              if f"pdf.ref.{r}" in MESSAGES)
        pdf.set_text_color(60)
        pdf.para(t("pdf.reference", lang, ref=ref_words), size=8, h=4)
        pdf.set_text_color(0)

    # agreement and change (left column) next to the map with its legend (right)
    agreement = [t("pdf.no_data", lang)]
    if len(profile.agreement):
        agreement = []
        for row in profile.agreement.itertuples(index=False):
            cat = t(f"pdf.agree.{row.category}", lang) if isinstance(row.category, str) else "–"
            dimension = t(f"label.{row.dimension}", lang)
            agreement.append(f"{dimension}: {cat} ({_num(row.difference, lang, 1)} SD)")
    change = []
    if previous_wave_name and len(profile.change):
        for row in profile.change.itertuples(index=False):
            who = t(f"pdf.{row.informant}", lang) if row.informant in ("teacher", "child") else ""
            rel = f" — {t('pdf.reliable', lang)}" if _true(row.reliable) else ""
            dimension = t(f"label.{row.dimension}", lang)
            change.append(f"{who}, {dimension}: {_num(row.previous, lang)} → "
                          f"{_num(row.current, lang)}{rel}")
    pdf.ln(2)
    left_w, gap = 70.0, 5.0
    map_x = pdf.l_margin + left_w + gap
    map_w, map_h = pdf.w - pdf.r_margin - map_x, 52.0
    top = pdf.get_y()
    if top + 8 + map_h + 16 > pdf.h - pdf.b_margin:
        pdf.add_page()
        top = pdf.get_y()
    bottom = _column(pdf, pdf.l_margin, top, left_w, t("pdf.agreement", lang), agreement)
    if change:
        bottom = _column(pdf, pdf.l_margin, bottom + 2, left_w,
                         t("pdf.change", lang, wave=previous_wave_name), change)
    y = _column(pdf, map_x, top, map_w, t("pdf.map", lang), [])
    _map(pdf, nodes, edges, profile.pupil_id, map_x, y, map_w, map_h)
    y += map_h + 1.5
    pdf.set_xy(map_x, y)
    pdf.font(7.5)
    pdf.multi_cell(map_w, 3.6, pdf.txt(t("pdf.legend", lang)), new_x="LEFT", new_y="NEXT",
                   align="L")
    x, y = map_x, pdf.get_y() + 0.8
    for prof in PROFILES:  # the marks in a row, wrapping at the map's width
        label_text = pdf.txt(t(f"label.{prof}", lang))
        item_w = 5 + pdf.get_string_width(label_text) + 3
        if x + item_w > map_x + map_w:
            x, y = map_x, y + 4.5
        pdf.set_line_width(0.25)
        _mark(pdf, prof, x + 2, y + 2, 1.4)
        pdf.set_xy(x + 5, y)
        pdf.cell(item_w - 5, 4, label_text)
        x += item_w
    pdf.set_xy(pdf.l_margin, max(bottom, y + 4.5) + 1)

    # care-team block: on this page when it fits, else on a page of its own
    note = dict(care_note or {})
    fields = {key: (t(f"pdf.{key}", lang), str(note.get(key, "") or ""), n_lines)
              for key, n_lines in CARE_FIELDS}
    half = (pdf.w - pdf.l_margin - pdf.r_margin - 6) / 2
    rows = [[fields["three_words"]], [fields["moment_clicked"], fields["moment_not_clicked"]],
            [fields["work_question"], fields["target_behaviour"]], [fields["notes"]]]
    need = 10.5 + sum(max(_lines_height(pdf, *f, w=half if len(r) == 2 else
                                        pdf.w - pdf.l_margin - pdf.r_margin) for f in r)
                      for r in rows)
    room = pdf.h - pdf.b_margin - pdf.get_y()
    if need > room and need <= pdf.h - pdf.t_margin - pdf.b_margin:
        pdf.add_page()  # it fits on a page of its own: keep it together
    # else it fits here, or is longer than a page anyway: it starts here and runs on
    pdf.heading(t("pdf.care", lang))
    for r in rows:
        if len(r) == 1:
            _lines(pdf, *r[0])
            continue
        y = pdf.get_y()
        if y + max(_lines_height(pdf, *f, w=half) for f in r) > pdf.h - pdf.b_margin:
            for f in r:  # too long to stand side by side here: one after the other, on
                _lines(pdf, *f)
            continue
        left_end = _lines(pdf, *r[0], x=pdf.l_margin, w=half)
        pdf.set_y(y)
        right_end = _lines(pdf, *r[1], x=pdf.l_margin + half + 6, w=half)
        pdf.set_y(max(left_end, right_end))
    return bytes(pdf.output())
