"""Double risk: a strained relationship with the teacher AND low acceptance by classmates.

A screening indication for a conversation, not a diagnosis (docs/design.md "Analysis defaults";
research note §5: there is no validated standard cut-off, these defaults follow the
quartile rule of Hughes, Bullock & Coplan 2014 and the −1 SD / rejected-status rule of
Coie, Dodge & Coppotelli 1982). All thresholds live in ``RiskSettings``.

    teacher_risk = teacher conflict percentile >= conflict_pct (P75)
                   OR teacher closeness percentile <= closeness_pct (P25)
    peer_risk    = social_preference z <= social_preference_z (−1.0)
                   OR (rejected_counts and status_cd == 'rejected')
    double_risk  = teacher_risk AND peer_risk

Every flag carries reasons in plain sentences (Dutch or English; keys ``risk.*`` of
survey.i18n, table survey/messages/analysis.py).
Missing data never silently gives False: teacher_data / peer_data say whether the
perspective was available, and a reason ("no teacher ratings", "too few nominators")
says why not. The child's own view (child closeness/conflict percentiles) is shown next to
the flags and never changes them.

Output frame
------------
DOUBLE_RISK  wave_id, class_id, pupil_id,
             teacher_conflict_pct, teacher_closeness_pct, teacher_reference,
             child_conflict_pct, child_closeness_pct, child_view (str, '' when absent),
             social_preference, status_cd, participation_rate,
             teacher_data, peer_data, teacher_risk, peer_risk, double_risk (bool),
             teacher_reasons, peer_reasons (list[str]), reasons (str, '; '-joined).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.frames import require_columns
from analysis.norms import merge_on_ids
from analysis.sociometry import _codes, _lookup
from survey.i18n import t

LANGUAGES = ("nl", "en")
SOCIOMETRY = ("wave_id", "class_id", "pupil_id", "social_preference", "status_cd",
              "participation_rate")
DOUBLE_RISK_COLUMNS = (
    "wave_id", "class_id", "pupil_id", "teacher_conflict_pct", "teacher_closeness_pct",
    "teacher_reference", "child_conflict_pct", "child_closeness_pct", "child_view",
    "social_preference", "status_cd", "participation_rate", "teacher_data", "peer_data",
    "teacher_risk", "peer_risk", "double_risk", "teacher_reasons", "peer_reasons", "reasons",
)

@dataclass(frozen=True)
class RiskSettings:
    """Configurable thresholds of the double-risk rule (defaults: docs/design.md)."""

    conflict_pct: float = 75
    closeness_pct: float = 25
    social_preference_z: float = -1.0
    rejected_counts: bool = True
    min_participation: float = 0.6  # below this, a caution is added (flags unchanged)
    conflict_dimension: str = "conflict"
    closeness_dimension: str = "closeness"


def format_number(x: float, language: str, decimals: int = 1) -> str:
    """Number for a sentence: real minus sign, decimal comma in Dutch.

    >>> format_number(-1.4, "nl")
    '−1,4'
    """
    text = f"{abs(x):.{decimals}f}"
    if language == "nl":
        text = text.replace(".", ",")
    return ("\u2212" if x < 0 and float(text.replace(",", ".")) != 0 else "") + text


def _pct_text(p: float) -> str:
    return "?" if p is None or math.isnan(p) else str(int(math.floor(p + 0.5)))


def _wide_pct(frame: pd.DataFrame | None, informant: str, settings: RiskSettings,
              prefix: str) -> pd.DataFrame:
    """Conflict and closeness percentiles with their reference, one row per wave × pupil."""
    names = (("conflict", settings.conflict_dimension),
             ("closeness", settings.closeness_dimension))
    cols = ["wave_id", "pupil_id", f"{prefix}_class_id"]
    for name, _ in names:
        cols += [f"{prefix}_{name}_pct", f"{prefix}_{name}_reference", f"{prefix}_{name}_n"]
    if frame is None or frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c.endswith("_pct") else object)
                             for c in cols})
    require_columns(frame, ("wave_id", "pupil_id", "dimension", "percentile"),
                    f"{prefix} scores")
    mask = frame["dimension"].isin([dim for _, dim in names]).to_numpy()
    if "informant" in frame.columns:
        mask = mask & (frame["informant"] == informant).to_numpy()
    idx = np.flatnonzero(mask)  # the rows used, read column by column (no frame filter)
    # one code per wave × pupil in first-seen order = the row of ``out`` (its
    # drop_duplicates keeps first occurrences in that order)
    key = pd.factorize(_codes(frame["wave_id"], frame["pupil_id"])[idx])[0]
    first = idx[np.unique(key, return_index=True)[1]]
    id_cols = ["wave_id", "pupil_id", *(["class_id"] if "class_id" in frame.columns else [])]
    data = {(f"{prefix}_class_id" if c == "class_id" else c): frame[c].array.take(first)
            for c in id_cols}
    dims = frame["dimension"].to_numpy(dtype=object)[idx]
    pct = frame["percentile"].to_numpy(dtype=float)
    ref = frame["reference"].array if "reference" in frame.columns else None
    ref_n = frame["reference_n"].array if "reference_n" in frame.columns else None
    for name, dim in names:
        sel = np.flatnonzero(dims == dim)
        first_d = sel[np.unique(key[sel], return_index=True)[1]]  # first row per pupil
        rows = idx[first_d]
        part = pd.DataFrame({  # built as a merge's right side would be (same dtypes)
            f"{prefix}_{name}_pct": pct[rows],
            f"{prefix}_{name}_reference": None if ref is None else ref[rows].to_numpy(),
            f"{prefix}_{name}_n": None if ref_n is None else ref_n[rows].to_numpy(),
        })
        pos = np.full(len(first), -1, dtype=np.int64)
        pos[key[first_d]] = np.arange(len(rows))
        fill = bool((pos < 0).any())
        for c in part.columns:
            arr = part[c].array
            data[c] = arr.take(pos, allow_fill=True) if fill else arr.take(pos)
    out = pd.DataFrame(data)
    for c in cols:
        if c not in out.columns:
            out[c] = None
    return out[cols]


def _joined_reference(a: object, b: object) -> object:
    refs = [r for r in (a, b) if isinstance(r, str)]
    return "/".join(dict.fromkeys(refs)) if refs else None


def _ref_text(ref: object, n: object, language: str,
              classes: Sequence[str] = ()) -> str:
    """The reference group in a counsellor's words: which classes and how many pupils.

    ``classes``: the names of the classes of this wave's occasion (the 'wave' reference),
    when known.

    >>> _ref_text("wave", 70, "nl", ("6A", "6B", "7A"))
    'de 3 klassen van deze meting (6A, 6B, 7A), 70 leerlingen met een score'
    >>> _ref_text("class", 28, "en")
    'this class, 28 pupils with a score'
    """
    if ref not in ("norms", "wave", "class"):
        return t("risk.unknown", language)
    n_text = "?" if n is None or pd.isna(n) else str(int(n))
    if ref == "wave" and len(classes) > 1:
        return t("risk.ref_wave_classes", language, k=len(classes),
                 classes=", ".join(classes), n=n_text)
    return t(f"risk.ref_{ref}", language, n=n_text)


def _first_rows(pos: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    """For each of ``n`` targets, the first of ``rows`` whose ``pos`` is that target (−1: none)."""
    first = np.full(n, -1, dtype=np.int64)
    if len(rows):
        targets, at = np.unique(pos[rows], return_index=True)
        first[targets] = rows[at]
    return first


def _columns_fast(soc: pd.DataFrame, teacher: pd.DataFrame | None,
                  child: pd.DataFrame | None, settings: RiskSettings) -> dict | None:
    """The merged, sorted input columns of ``double_risk`` by key lookup (no frames).

    Equal to :func:`_columns_merged` when every teacher wave × pupil is a sociometry row
    (the usual case: the teacher rates pupils of the roster), the id dtypes agree, no
    class_id is missing and the ids can be sorted; None otherwise (the caller merges).
    Per informant and dimension the first percentile row of each pupil is taken, as the
    merge of :func:`_wide_pct` does; child rows of pupils without a sociometry row are
    dropped (a left merge).
    """
    keys = ("wave_id", "pupil_id")
    n = len(soc)
    if (n == 0 or teacher is None or child is None or len(teacher) == 0 or len(child) == 0
            or soc["class_id"].isna().any()):
        return None  # (merge_on_ids gives empty sides object ids: the merge decides)
    soc_keys = [soc[c] for c in keys]
    cols: dict[str, object] = {}
    for frame, informant in ((teacher, "teacher"), (child, "child")):
        require_columns(frame, ("wave_id", "pupil_id", "dimension", "percentile"),
                        f"{informant} scores")
        if any(frame[c].dtype != soc[c].dtype for c in keys):
            return None
        pos = _lookup(soc_keys, [frame[c] for c in keys])
        mine = (frame["informant"].to_numpy(dtype=object) == informant
                if "informant" in frame.columns else np.ones(len(frame), dtype=bool))
        dims = frame["dimension"].to_numpy(dtype=object)
        used = mine & np.isin(dims, [settings.conflict_dimension, settings.closeness_dimension])
        if not used.any():
            return None  # nothing to attach: an empty side, which the merge path handles
        pct = frame["percentile"].to_numpy(dtype=float)
        none = np.full(len(frame), None, dtype=object)
        ref = frame["reference"].to_numpy(dtype=object) if "reference" in frame else none
        ref_n = frame["reference_n"].to_numpy(dtype=object) if "reference_n" in frame else none
        for name, dim in (("conflict", settings.conflict_dimension),
                          ("closeness", settings.closeness_dimension)):
            rows = np.flatnonzero(mine & (dims == dim))
            if informant == "teacher" and (pos[rows] < 0).any():
                return None  # a teacher-only pupil: the outer merge adds rows
            first = _first_rows(pos, rows[pos[rows] >= 0], n)
            hit = first >= 0
            at = np.where(hit, first, 0)
            cols[f"{informant}_{name}_pct"] = np.where(hit, pct[at], np.nan)
            cols[f"{informant}_{name}_reference"] = np.where(hit, ref[at], None)
            cols[f"{informant}_{name}_n"] = np.where(hit, ref_n[at], None)
    codes = []  # the order of sort_values(["wave_id", "class_id", "pupil_id"]): unique keys
    for c in ("pupil_id", "class_id", "wave_id"):
        if soc[c].dtype == object and pd.api.types.infer_dtype(soc[c]).startswith("mixed"):
            return None  # sort_values may refuse such ids; factorize would order them
        code = pd.factorize(soc[c], sort=True)[0]
        if (code < 0).any():
            return None  # missing ids sort last in sort_values
        codes.append(code)
    order = np.lexsort(codes)
    cols = {c: values[order] for c, values in cols.items()}
    cols.update({c: soc[c].array.take(order) for c in SOCIOMETRY})
    return cols


def _columns_merged(soc: pd.DataFrame, teacher: pd.DataFrame | None,
                    child: pd.DataFrame | None, settings: RiskSettings) -> dict:
    """The merged, sorted input columns of ``double_risk`` by pandas merges (every shape).

    sociometry ⟗ teacher percentiles (outer: a rated pupil without sociometry still gets a
    row, its class from the teacher frame) ⟕ child percentiles, sorted by wave, class and
    pupil; when the ids cannot be sorted the merge order is kept.
    """
    t_wide = _wide_pct(teacher, "teacher", settings, "teacher")
    c_wide = _wide_pct(child, "child", settings, "child")
    c_wide = c_wide[["wave_id", "pupil_id", "child_conflict_pct", "child_closeness_pct"]]
    out = merge_on_ids(soc, t_wide, ["wave_id", "pupil_id"], how="outer", sort=False)
    out["class_id"] = out["class_id"].where(out["class_id"].notna(), out["teacher_class_id"])
    out = merge_on_ids(out, c_wide, ["wave_id", "pupil_id"], how="left", sort=False)
    try:
        out = out.sort_values(["wave_id", "class_id", "pupil_id"], ignore_index=True)
    except TypeError:  # unsortable ids: the merge order shows
        out = out.reset_index(drop=True)
    return {c: out[c] for c in out.columns}


def double_risk(
    teacher_scores_pct: pd.DataFrame,
    sociometry: pd.DataFrame,
    child_scores_pct: pd.DataFrame | None = None,
    settings: RiskSettings = RiskSettings(),
    language: str = "nl",
    reference_classes: Mapping[Hashable, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Teacher risk, peer risk and double risk per wave × pupil, with reasons (see module).

    ``teacher_scores_pct`` / ``child_scores_pct``: output of ``norms.percentiles`` (rows of
    another informant are ignored). ``sociometry``: wave_id, class_id, pupil_id,
    social_preference, status_cd, participation_rate. Every pupil in either frame gets a row.
    ``reference_classes``: wave_id → the class names of that wave's occasion, so a reason
    names the classes of a 'wave' reference group.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    require_columns(sociometry, SOCIOMETRY, "sociometry")
    soc = sociometry[list(SOCIOMETRY)]
    if pd.Index(_codes(soc["wave_id"], soc["pupil_id"])).has_duplicates:
        soc = soc.drop_duplicates(["wave_id", "pupil_id"])
    out = _columns_fast(soc, teacher_scores_pct, child_scores_pct, settings)
    if out is None:
        out = _columns_merged(soc, teacher_scores_pct, child_scores_pct, settings)
    out["teacher_reference"] = [
        _joined_reference(a, b) for a, b in zip(out["teacher_conflict_reference"],
                                                 out["teacher_closeness_reference"],
                                                 strict=True)
    ]

    conflict = np.asarray(out["teacher_conflict_pct"], dtype=float)
    closeness = np.asarray(out["teacher_closeness_pct"], dtype=float)
    sp = np.asarray(out["social_preference"], dtype=float)
    status = [None if pd.isna(s) else s for s in out["status_cd"]]

    conflict_hit = conflict >= settings.conflict_pct  # NaN compares False
    closeness_hit = closeness <= settings.closeness_pct
    teacher_data = ~np.isnan(conflict) | ~np.isnan(closeness)
    teacher_risk = conflict_hit | closeness_hit
    sp_hit = sp <= settings.social_preference_z
    rejected_hit = np.array([settings.rejected_counts and s == "rejected" for s in status],
                            dtype=bool)
    peer_data = ~np.isnan(sp) | np.array([s is not None for s in status], dtype=bool)
    peer_risk = sp_hit | rejected_hit

    lang = language
    cut_hi = (t("risk.cut_top_quarter", lang) if settings.conflict_pct == 75
              else t("risk.cut_at_or_above", lang, value=_pct_text(settings.conflict_pct)))
    cut_lo = (t("risk.cut_bottom_quarter", lang) if settings.closeness_pct == 25
              else t("risk.cut_at_or_below", lang, value=_pct_text(settings.closeness_pct)))
    part = np.asarray(out["participation_rate"], dtype=float)
    no_conflict = t("risk.no_teacher_dimension", lang, dimension=t("risk.dim_conflict", lang))
    no_closeness = t("risk.no_teacher_dimension", lang,
                     dimension=t("risk.dim_closeness", lang))
    t_reasons, p_reasons, joined, child_view = [], [], [], []
    conflict_ref = list(out["teacher_conflict_reference"])
    conflict_n = list(out["teacher_conflict_n"])
    closeness_ref = list(out["teacher_closeness_reference"])
    closeness_n = list(out["teacher_closeness_n"])
    child_cc = np.asarray(out["child_closeness_pct"], dtype=float)
    ref_classes = dict(reference_classes or {})
    wave_ids = list(out["wave_id"])
    child_cf = np.asarray(out["child_conflict_pct"], dtype=float)
    for i in range(len(conflict)):
        tr: list[str] = []
        if not teacher_data[i]:
            tr.append(t("risk.no_teacher_ratings", lang))
        else:
            if conflict_hit[i]:
                ref = _ref_text(conflict_ref[i], conflict_n[i], lang,
                                ref_classes.get(wave_ids[i], ()))
                tr.append(t("risk.conflict_high", lang, pct=_pct_text(conflict[i]), cut=cut_hi,
                            ref=ref))
            if closeness_hit[i]:
                ref = _ref_text(closeness_ref[i], closeness_n[i], lang,
                                ref_classes.get(wave_ids[i], ()))
                tr.append(t("risk.closeness_low", lang, pct=_pct_text(closeness[i]),
                            cut=cut_lo, ref=ref))
            if np.isnan(conflict[i]):
                tr.append(no_conflict)
            if np.isnan(closeness[i]):
                tr.append(no_closeness)
        pr: list[str] = []
        if not peer_data[i]:
            pr.append(t("risk.too_few_nominators", lang))
        else:
            if sp_hit[i]:
                cut = settings.social_preference_z
                # one more decimal when rounding would make the value look equal to the cut
                decimals = 2 if round(sp[i], 1) == round(cut, 1) and sp[i] != cut else 1
                pr.append(t("risk.social_preference_low", lang,
                            value=format_number(sp[i], lang, decimals),
                            cut=format_number(settings.social_preference_z, lang)))
            if rejected_hit[i]:
                pr.append(t("risk.status", lang, status=t("risk.status_rejected", lang)))
        if not np.isnan(part[i]) and part[i] < settings.min_participation:
            pr.append(t("risk.low_participation", lang, pct=_pct_text(100 * part[i]),
                        min=_pct_text(100 * settings.min_participation)))
        t_reasons.append(tr)
        p_reasons.append(pr)
        joined.append("; ".join(tr + pr))
        cc, cf = child_cc[i], child_cf[i]
        has_child = not (np.isnan(cc) and np.isnan(cf))
        child_view.append(t("risk.child_view", lang, closeness=_pct_text(cc),
                            conflict=_pct_text(cf)) if has_child else "")

    new = {"child_view": child_view, "teacher_data": teacher_data, "peer_data": peer_data,
           "teacher_risk": teacher_risk, "peer_risk": peer_risk,
           "double_risk": teacher_risk & peer_risk, "teacher_reasons": t_reasons,
           "peer_reasons": p_reasons, "reasons": joined}
    # one frame built at once (nine column insertions and a selection cost more)
    return pd.DataFrame({c: new[c] if c in new else out[c] for c in DOUBLE_RISK_COLUMNS})
