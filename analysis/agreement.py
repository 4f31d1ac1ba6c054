"""Teacher–child agreement: how the two perspectives on one relationship compare.

Teacher (STRS/LLRV) and child (CARTS) scales use different items, so raw scores are not on a
common metric. Both are therefore **z-standardised within the class** (per wave × class ×
dimension, over the pupils who have BOTH scores, mean 0 and sample SD 1 with ddof = 1), and
the pupil's difference is ``z_teacher - z_child`` in class SD units. Difference scores mix
level and discrepancy, so they are descriptive only (research note §6; for hypothesis
tests use polynomial regression / response surface analysis).

Categories (``threshold`` default 0.5 SD):

* ``agree``                 |difference| < threshold
* ``teacher_more_positive`` the teacher sees the relationship more positively than the child
* ``child_more_positive``   the child sees it more positively than the teacher

"More positive" means a HIGHER score for closeness but a LOWER score for conflict and
dependency (``negative_dimensions``): a teacher conflict z of +1 against a child conflict
z of 0 (difference +1) means the teacher reports more conflict, so the child's view is
the more positive one.

Output frames
-------------
AGREEMENT_PUPIL  wave_id, class_id, pupil_id, dimension, teacher_score, child_score,
                 z_teacher, z_child, difference, category (missing/NaN when not comparable).
AGREEMENT_CLASS  wave_id, class_id, dimension, n (pupils with both scores), r (Pearson
                 correlation of teacher and child scores; NaN when n < 3 or a variance is
                 zero), share_disagree (share of pupils with |difference| >= threshold, the
                 precondition check of research note §6; NaN when no z-scores).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.frames import ROSTER, require_columns
from analysis.norms import merge_on_ids

NEGATIVE_DIMENSIONS = ("conflict", "dependency")
MIN_PAIRS = 3
_KEYS = ["wave_id", "class_id", "dimension"]


def _z(frame: pd.DataFrame, col: str) -> np.ndarray:
    """Within-class z-scores (ddof = 1); NaN when fewer than MIN_PAIRS or zero SD."""
    g = frame.groupby(_KEYS, sort=False)[col]
    mean = g.transform("mean").to_numpy(dtype=float)
    sd = g.transform("std").to_numpy(dtype=float)  # ddof = 1
    n = g.transform("count").to_numpy(dtype=float)
    x = frame[col].to_numpy(dtype=float)
    ok = (n >= MIN_PAIRS) & (sd > 1e-12)
    z = np.full(len(x), np.nan)
    np.divide(x - mean, sd, out=z, where=ok)
    return np.where(ok, z, np.nan)


def agreement(
    scores: pd.DataFrame,
    roster: pd.DataFrame,
    threshold: float = 0.5,
    negative_dimensions: Sequence[str] = NEGATIVE_DIMENSIONS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-pupil agreement categories and per-class correlations (see module docstring).

    ``scores``: SCALE_SCORES rows of both informants (extra columns are ignored).
    ``roster``: ROSTER; supplies class_id and keeps only consented pupils. Only dimensions
    scored by both informants are compared. Degenerate classes (fewer than 3 pupils with
    both scores, or all scores equal) give NaN, never an error.
    """
    require_columns(scores, ("wave_id", "pupil_id", "informant", "dimension", "score"),
                    "scores")
    require_columns(roster, ROSTER, "roster")
    if not threshold > 0:
        raise ValueError(f"threshold must be positive, got {threshold!r}")
    ros = roster[["wave_id", "pupil_id", "class_id"]].drop_duplicates(["wave_id", "pupil_id"])
    s = scores[["wave_id", "pupil_id", "informant", "dimension", "score"]]
    s = merge_on_ids(s, ros, ["wave_id", "pupil_id"], how="inner")
    teacher = s[s["informant"] == "teacher"].drop(columns="informant")
    child = s[s["informant"] == "child"].drop(columns="informant")
    pair = merge_on_ids(teacher, child, ["wave_id", "class_id", "pupil_id", "dimension"],
                        how="inner", suffixes=("_teacher", "_child"))
    pair = pair.rename(columns={"score_teacher": "teacher_score", "score_child": "child_score"})
    both = pair["teacher_score"].notna() & pair["child_score"].notna()
    comp = pair[both]

    z_t = np.full(len(pair), np.nan)
    z_c = np.full(len(pair), np.nan)
    rows = np.flatnonzero(both.to_numpy())
    if len(comp):
        z_t[rows] = _z(comp, "teacher_score")
        z_c[rows] = _z(comp, "child_score")
    pair["z_teacher"] = z_t
    pair["z_child"] = z_c
    diff = z_t - z_c
    pair["difference"] = diff

    negative = pair["dimension"].isin(list(negative_dimensions)).to_numpy()
    # positive orientation: for negative dimensions a higher teacher score is a worse view
    oriented = np.where(negative, -diff, diff)
    category = np.full(len(pair), None, dtype=object)
    known = ~np.isnan(diff)
    category[known & (np.abs(diff) < threshold)] = "agree"
    category[known & (np.abs(diff) >= threshold) & (oriented > 0)] = "teacher_more_positive"
    category[known & (np.abs(diff) >= threshold) & (oriented < 0)] = "child_more_positive"
    pair["category"] = category
    per_pupil = pair[["wave_id", "class_id", "pupil_id", "dimension", "teacher_score",
                      "child_score", "z_teacher", "z_child", "difference", "category"]]
    per_pupil = per_pupil.reset_index(drop=True)
    return per_pupil, _per_class(per_pupil, threshold)


def _per_class(per_pupil: pd.DataFrame, threshold: float) -> pd.DataFrame:
    cols = [*_KEYS, "n", "r", "share_disagree"]
    comp = per_pupil[per_pupil["teacher_score"].notna() & per_pupil["child_score"].notna()]
    groups = per_pupil[_KEYS].drop_duplicates()
    if groups.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c in cols[3:] else object)
                             for c in cols}).astype({"n": "int64"})
    t = comp["teacher_score"].to_numpy(dtype=float)
    c = comp["child_score"].to_numpy(dtype=float)
    g = comp.groupby(_KEYS, sort=False)
    work = comp[_KEYS].copy()
    work["t"] = t - g["teacher_score"].transform("mean").to_numpy(dtype=float)
    work["c"] = c - g["child_score"].transform("mean").to_numpy(dtype=float)
    work["tc"] = work["t"] * work["c"]
    work["tt"] = work["t"] ** 2
    work["cc"] = work["c"] ** 2
    d = comp["difference"]
    work["dis"] = (d.abs() >= threshold).where(d.notna())
    agg = work.groupby(_KEYS, sort=False).agg(
        n=("tc", "size"), tc=("tc", "sum"), tt=("tt", "sum"), cc=("cc", "sum"),
        share_disagree=("dis", "mean"))
    ok = (agg["n"] >= MIN_PAIRS) & (agg["tt"] > 1e-12) & (agg["cc"] > 1e-12)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = agg["tc"] / np.sqrt(agg["tt"] * agg["cc"])
    agg["r"] = r.where(ok).clip(-1, 1)
    out = merge_on_ids(groups, agg.reset_index(), _KEYS, how="left")
    out["n"] = out["n"].fillna(0).astype("int64")
    out["share_disagree"] = out["share_disagree"].astype(float)
    return out[cols].reset_index(drop=True)
