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
from analysis.sociometry import _codes, _lookup

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
    fast = _agreement_fast(s, ros, threshold, negative_dimensions)
    if fast is not None:
        return fast
    return _agreement_general(s, ros, threshold, negative_dimensions)


def _agreement_general(
    s: pd.DataFrame, ros: pd.DataFrame, threshold: float, negative_dimensions: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reference implementation with merges and grouped transforms (every input shape).

    ``s``: the score columns of SCALE_SCORES; ``ros``: wave_id, pupil_id, class_id with
    one row per wave × pupil. :func:`_agreement_fast` gives the same frames, faster, for
    the common shapes.
    """
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


def _agreement_fast(
    s: pd.DataFrame, ros: pd.DataFrame, threshold: float, negative_dimensions: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """:func:`_agreement_general` without merges, for the common input shapes.

    Returns None (caller takes the general path) unless: both informants present, id
    dtypes of scores and roster equal, one row per wave × pupil × dimension per informant,
    at least one comparable pair and no missing wave/class/dimension. The teacher–child
    pairs are found by key lookup (inner merges keep the left frame's order, so the pairs
    are the roster teacher rows, in order, that have a child row for the same wave, pupil
    and dimension); every per-class statistic comes from one groupby on integer codes,
    with the same cython kernels (mean, std, sum) as the general path, so the numbers are
    identical.
    """
    ids = ["wave_id", "pupil_id"]
    if len(s) == 0 or len(ros) == 0 or any(s[c].dtype != ros[c].dtype for c in ids):
        return None
    inf = s["informant"].to_numpy(dtype=object)
    is_t, is_c = inf == "teacher", inf == "child"
    if not is_t.any() or not is_c.any():
        return None
    key = _codes(s["wave_id"], s["pupil_id"], s["dimension"])
    kt, kc = pd.Index(key[is_t]), pd.Index(key[is_c])
    if kt.has_duplicates or kc.has_duplicates:
        return None
    on_roster = _lookup([ros["wave_id"], ros["pupil_id"]], [s["wave_id"], s["pupil_id"]])
    t_rows = np.flatnonzero(is_t & (on_roster >= 0))
    c_pos = kc.get_indexer(key[t_rows])
    t_rows = t_rows[c_pos >= 0]
    c_rows = np.flatnonzero(is_c)[c_pos[c_pos >= 0]]
    if len(t_rows) == 0:
        return None
    left = s.iloc[t_rows]
    klass = ros["class_id"].iloc[on_roster[t_rows]]
    t = left["score"].to_numpy(dtype=float)
    c = s["score"].iloc[c_rows].to_numpy(dtype=float)
    if (left["wave_id"].isna().any() or klass.isna().any()
            or left["dimension"].isna().any()):
        return None
    code = pd.factorize(_codes(left["wave_id"], klass, left["dimension"]))[0]
    rows = np.flatnonzero(~np.isnan(t) & ~np.isnan(c))
    if len(rows) == 0:
        return None
    cc = code[rows]
    g = pd.DataFrame({"t": t[rows], "c": c[rows]}).groupby(cc, sort=True)
    mean, sd = g.mean(), g.std()
    n = g.count()["t"].to_numpy(dtype=float)
    present = mean.index.to_numpy()  # group codes that have comparable pairs
    slot = np.searchsorted(present, cc)
    m_t, m_c = mean["t"].to_numpy()[slot], mean["c"].to_numpy()[slot]
    z_t = np.full(len(t), np.nan)
    z_c = np.full(len(t), np.nan)
    z_t[rows] = _z_from(t[rows], m_t, sd["t"].to_numpy()[slot], n[slot])
    z_c[rows] = _z_from(c[rows], m_c, sd["c"].to_numpy()[slot], n[slot])
    diff = z_t - z_c
    per_pupil = pd.DataFrame({
        "wave_id": left["wave_id"].array,
        "class_id": klass.array,
        "pupil_id": left["pupil_id"].array,
        "dimension": left["dimension"].array,
        "teacher_score": t,
        "child_score": c,
        "z_teacher": z_t,
        "z_child": z_c,
        "difference": diff,
        "category": _categories(left["dimension"], diff, threshold, negative_dimensions),
    })

    # per class (one row per wave × class × dimension of the pairs, first-seen order)
    dt = t[rows] - m_t
    dc = c[rows] - m_c
    d = diff[rows]
    dis = np.where(np.isnan(d), np.nan, (np.abs(d) >= threshold).astype(float))
    work = pd.DataFrame({"tc": dt * dc, "tt": dt ** 2, "cc": dc ** 2, "dis": dis})
    g = work.groupby(cc, sort=True)
    sums = g[["tc", "tt", "cc"]].sum()
    share = g["dis"].mean().to_numpy(dtype=float)
    n_groups = int(code.max()) + 1
    n_all = np.zeros(n_groups, dtype="int64")
    n_all[present] = g.size().to_numpy()
    tc, tt, c2 = sums["tc"].to_numpy(), sums["tt"].to_numpy(), sums["cc"].to_numpy()
    ok = (n_all[present] >= MIN_PAIRS) & (tt > 1e-12) & (c2 > 1e-12)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = tc / np.sqrt(tt * c2)
    r_all = np.full(n_groups, np.nan)
    r_all[present] = np.clip(np.where(ok, r, np.nan), -1, 1)
    share_all = np.full(n_groups, np.nan)
    share_all[present] = share
    first = np.unique(code, return_index=True)[1]
    groups = per_pupil.iloc[first]
    per_class = pd.DataFrame({
        "wave_id": groups["wave_id"].array,
        "class_id": groups["class_id"].array,
        "dimension": groups["dimension"].array,
        "n": n_all,
        "r": r_all,
        "share_disagree": share_all,
    })
    return per_pupil, per_class


def _z_from(x: np.ndarray, mean: np.ndarray, sd: np.ndarray, n: np.ndarray) -> np.ndarray:
    """z-scores from broadcast group statistics; NaN when n < MIN_PAIRS or zero SD."""
    ok = (n >= MIN_PAIRS) & (sd > 1e-12)
    z = np.full(len(x), np.nan)
    np.divide(x - mean, sd, out=z, where=ok)
    return np.where(ok, z, np.nan)


def _categories(dimension: pd.Series, diff: np.ndarray, threshold: float,
                negative_dimensions: Sequence[str]) -> np.ndarray:
    """Agreement category per row (None where the difference is NaN)."""
    negative = dimension.isin(list(negative_dimensions)).to_numpy()
    # positive orientation: for negative dimensions a higher teacher score is a worse view
    oriented = np.where(negative, -diff, diff)
    category = np.full(len(diff), None, dtype=object)
    known = ~np.isnan(diff)
    category[known & (np.abs(diff) < threshold)] = "agree"
    category[known & (np.abs(diff) >= threshold) & (oriented > 0)] = "teacher_more_positive"
    category[known & (np.abs(diff) >= threshold) & (oriented < 0)] = "child_more_positive"
    return category


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
