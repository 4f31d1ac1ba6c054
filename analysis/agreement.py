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


def _pair_stats(code: np.ndarray, t: np.ndarray, c: np.ndarray, n_groups: int) -> dict:
    """Per group code 0..n_groups−1 of comparable teacher–child pairs (both scores known).

    n, the sample SDs ``sd_t``/``sd_c`` (ddof = 1) and the sums of squared and crossed
    deviations ``tt``, ``cc``, ``tc``; per row its deviations ``dt``/``dc`` from the group
    means. Two-pass sums with ``np.bincount`` in row order: both paths of ``agreement``
    call this on the same rows in the same order, so their numbers are identical.

    >>> st = _pair_stats(np.array([0, 0, 0]), np.array([1., 2., 3.]), np.array([2., 2., 5.]), 1)
    >>> float(st["tc"][0] / np.sqrt(st["tt"][0] * st["cc"][0]))  # Pearson r
    0.8660254037844387
    """
    n = np.bincount(code, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        dt = t - (np.bincount(code, weights=t, minlength=n_groups) / n)[code]
        dc = c - (np.bincount(code, weights=c, minlength=n_groups) / n)[code]
        tt = np.bincount(code, weights=dt * dt, minlength=n_groups)
        cc = np.bincount(code, weights=dc * dc, minlength=n_groups)
        tc = np.bincount(code, weights=dt * dc, minlength=n_groups)
        sd_t = np.sqrt(tt / (n - 1))
        sd_c = np.sqrt(cc / (n - 1))
    return {"n": n, "dt": dt, "dc": dc, "sd_t": sd_t, "sd_c": sd_c, "tt": tt, "cc": cc,
            "tc": tc}


def _z_scores(code: np.ndarray, t: np.ndarray, c: np.ndarray, n_groups: int):
    """(z_teacher, z_child, stats): within-group z of the comparable rows (NaN elsewhere).

    z is NaN in groups with fewer than MIN_PAIRS comparable pairs or an SD of zero.
    """
    rows = np.flatnonzero(~np.isnan(t) & ~np.isnan(c))
    st = _pair_stats(code[rows], t[rows], c[rows], n_groups)
    z_t = np.full(len(t), np.nan)
    z_c = np.full(len(t), np.nan)
    g = code[rows]
    for z, dev, sd in ((z_t, st["dt"], st["sd_t"]), (z_c, st["dc"], st["sd_c"])):
        ok = (st["n"][g] >= MIN_PAIRS) & (sd[g] > 1e-12)
        z[rows[ok]] = dev[ok] / sd[g][ok]
    return z_t, z_c, st, rows


def _class_rows(st: dict, code: np.ndarray, rows: np.ndarray, diff: np.ndarray,
                threshold: float, n_groups: int) -> dict:
    """n, r and share_disagree per group from :func:`_pair_stats` (see AGREEMENT_CLASS)."""
    ok = (st["n"] >= MIN_PAIRS) & (st["tt"] > 1e-12) & (st["cc"] > 1e-12)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.clip(np.where(ok, st["tc"] / np.sqrt(st["tt"] * st["cc"]), np.nan), -1, 1)
        d = diff[rows]
        known = ~np.isnan(d)
        dis = np.bincount(code[rows][known], weights=np.abs(d[known]) >= threshold,
                          minlength=n_groups)
        share = dis / np.bincount(code[rows][known], minlength=n_groups)
    return {"n": st["n"].astype("int64"), "r": r, "share_disagree": share}


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
    """Reference implementation with merges (every input shape).

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
    pair = pair.reset_index(drop=True)
    code = pd.factorize(_codes(*(pair[c] for c in _KEYS)))[0]  # first-seen group order
    n_groups = int(code.max()) + 1 if len(code) else 0
    t = pair["teacher_score"].to_numpy(dtype=float)
    c = pair["child_score"].to_numpy(dtype=float)
    keyless = pair[_KEYS].isna().any(axis=1).to_numpy()  # no class to standardise within
    z_t, z_c, st, rows = _z_scores(code, np.where(keyless, np.nan, t), c, n_groups)
    pair["z_teacher"] = z_t
    pair["z_child"] = z_c
    diff = z_t - z_c
    pair["difference"] = diff
    pair["category"] = _categories(pair["dimension"], diff, threshold, negative_dimensions)
    per_pupil = pair[["wave_id", "class_id", "pupil_id", "dimension", "teacher_score",
                      "child_score", "z_teacher", "z_child", "difference", "category"]]
    cols = [*_KEYS, "n", "r", "share_disagree"]
    if n_groups == 0:
        per_class = pd.DataFrame({c: pd.Series(dtype=float if c in cols[3:] else object)
                                  for c in cols}).astype({"n": "int64"})
        return per_pupil, per_class
    first = np.unique(code, return_index=True)[1]
    per_class = pd.DataFrame({
        **{k: per_pupil[k].array.take(first) for k in _KEYS},
        **_class_rows(st, code, rows, diff, threshold, n_groups),
    })
    return per_pupil, per_class


def _agreement_fast(
    s: pd.DataFrame, ros: pd.DataFrame, threshold: float, negative_dimensions: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """:func:`_agreement_general` without merges, for the common input shapes.

    Returns None (caller takes the general path) unless: both informants present, id
    dtypes of scores and roster equal, one row per wave × pupil × dimension per informant,
    at least one comparable pair and no missing wave/class/dimension. The teacher–child
    pairs are found by key lookup (inner merges keep the left frame's order, so the pairs
    are the roster teacher rows, in order, that have a child row for the same wave, pupil
    and dimension); the statistics come from the same :func:`_pair_stats` on the same
    rows in the same order as in the general path, so the numbers are identical.
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
    n_groups = int(code.max()) + 1
    z_t, z_c, st, rows = _z_scores(code, t, c, n_groups)
    if len(rows) == 0:
        return None
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
    first = np.unique(code, return_index=True)[1]
    per_class = pd.DataFrame({
        **{k: per_pupil[k].array.take(first) for k in _KEYS},
        **_class_rows(st, code, rows, diff, threshold, n_groups),
    })
    return per_pupil, per_class


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
