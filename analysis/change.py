"""Change between consecutive waves with the reliable change index (Jacobson & Truax, 1991).

For each pupil × informant × dimension and each pair of consecutive waves in
``waves_order`` where the pupil has a score in both:

    difference = x2 - x1
    S_diff     = sqrt(2) * SD1 * sqrt(1 - alpha)        (= sqrt(2 * SE^2), SE = SD1·sqrt(1-α))
    RCI        = (x2 - x1) / S_diff
    reliable   = |RCI| > 1.96                            (two-sided 5%)

SD1 is the sample SD (ddof = 1) of the previous wave's scores of the reference group: all
non-missing scores in ``scores`` for that wave × informant × dimension (pass the scores of
the whole wave to use the wave as reference group). alpha is Cronbach's alpha of the
previous wave when ``alphas`` has a wave_id column, else the one alpha given per
informant × dimension. RCI (and ``reliable``) is NA when alpha is unknown, alpha <= 0,
alpha >= 1 or SD1 is unknown or zero: then no statement about reliable change is made.

Output frame
------------
CHANGE   pupil_id, informant, dimension, wave_previous, wave_id, previous, current,
         difference, sd_previous, alpha, s_diff, rci (float), reliable (boolean, NA when
         rci is NA).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.frames import require_columns
from analysis.sociometry import _codes, _lookup

RCI_CRITICAL = 1.96
CHANGE_COLUMNS = ("pupil_id", "informant", "dimension", "wave_previous", "wave_id",
                  "previous", "current", "difference", "sd_previous", "alpha", "s_diff",
                  "rci", "reliable")


def _alpha_lookup(alphas: pd.DataFrame, scores: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Columns to match alphas on, and the alphas frame renamed for the previous wave."""
    require_columns(alphas, ("dimension", "alpha"), "alphas")
    on = ["dimension"]
    if "informant" in alphas.columns:
        on.insert(0, "informant")
    elif scores["informant"].nunique() > 1:
        raise ValueError("alphas has no informant column but scores hold several informants; "
                         "compute cronbach_alpha(..., informant=...) per informant")
    columns = {c: alphas[c].array for c in (*on, "alpha")}
    if "wave_id" in alphas.columns:
        columns["wave_previous"] = alphas["wave_id"].to_numpy()
        on.append("wave_previous")
    a = pd.DataFrame(columns)
    if pd.Index(_codes(*(a[c] for c in on))).has_duplicates:
        raise ValueError(f"alphas has several rows per {' × '.join(on)}; pass one alpha "
                         "each (e.g. per wave, not per class)")
    return on, a


def _change_fast(s: pd.DataFrame, a: pd.DataFrame, on: list[str],
                 waves: list) -> pd.DataFrame | None:
    """:func:`_change_merged` with key lookups on integer codes instead of frame merges.

    ``s``: the validated score columns (one row per wave × pupil × informant × dimension);
    ``a``/``on``: from :func:`_alpha_lookup`. Every pair of consecutive waves is matched
    by code, SD1 comes from the same groupby-std kernel over the previous wave's rows (in
    the same order, so the numbers are identical) and alpha by one lookup. None when an id
    dtype differs between the frames (a merge then decides how such ids compare) or no
    pupil has scores in two consecutive waves (the general path builds the empty frame).
    """
    wave_index = pd.Index(waves)
    if (len(s) == 0 or len(a) == 0 or wave_index.dtype != s["wave_id"].dtype
            or s["informant"].isna().any() or s["dimension"].isna().any()):
        return None  # (groupby drops missing keys; the merges decide)
    wk = wave_index.get_indexer(s["wave_id"])
    unit = _codes(s["pupil_id"], s["informant"], s["dimension"])
    scale = pd.factorize(_codes(s["informant"], s["dimension"]))[0]
    x = s["score"].to_numpy(dtype=float)
    rows, sd, w_prev, w_cur = [], [], [], []
    for k in range(len(waves) - 1):
        prev = np.flatnonzero(wk == k)
        cur = np.flatnonzero(wk == k + 1)
        if len(prev) == 0 or len(cur) == 0:
            continue
        match = pd.Index(unit[cur]).get_indexer(unit[prev])
        both = match >= 0
        p_rows, c_rows = prev[both], cur[match[both]]
        ok = ~np.isnan(x[p_rows]) & ~np.isnan(x[c_rows])
        p_rows, c_rows = p_rows[ok], c_rows[ok]
        if len(p_rows) == 0:
            continue
        # sample SD (ddof 1) of the previous wave per informant × dimension
        std = pd.Series(x[prev]).groupby(scale[prev]).std()
        sd_of = np.full(int(scale.max()) + 1, np.nan)
        sd_of[std.index.to_numpy()] = std.to_numpy()
        rows.append(np.column_stack([p_rows, c_rows]))
        sd.append(sd_of[scale[p_rows]])
        w_prev += [waves[k]] * len(p_rows)
        w_cur += [waves[k + 1]] * len(p_rows)
    if not rows:
        return None
    pair = np.concatenate(rows)
    p_rows, c_rows = pair[:, 0], pair[:, 1]
    out: dict[str, object] = {c: s[c].array.take(p_rows)
                              for c in ("pupil_id", "informant", "dimension")}
    out["wave_previous"] = w_prev
    out["wave_id"] = w_cur
    out["previous"] = x[p_rows]
    out["current"] = x[c_rows]
    out["difference"] = x[c_rows] - x[p_rows]
    out["sd_previous"] = np.concatenate(sd)
    frame = pd.DataFrame(out)
    if any(frame[c].dtype != a[c].dtype for c in on):
        return None
    pos = _lookup([a[c] for c in on], [frame[c] for c in on])
    alpha = a["alpha"].array
    frame["alpha"] = alpha.take(pos, allow_fill=True) if (pos < 0).any() else alpha.take(pos)
    return frame


def _change_merged(s: pd.DataFrame, a: pd.DataFrame, on: list[str], waves: list) -> pd.DataFrame:
    """Reference implementation with frame filters and merges (every input shape).

    Columns pupil_id … sd_previous, alpha of CHANGE (empty frame when nothing pairs up).
    """
    keys = ["pupil_id", "informant", "dimension"]
    frames = []
    wave_col = s["wave_id"]
    for w1, w2 in zip(waves, waves[1:], strict=False):
        prev = s[wave_col == w1]
        cur = s[wave_col == w2]
        sd = prev.groupby(["informant", "dimension"], sort=False)["score"].std()
        pair = prev.drop(columns="wave_id").rename(columns={"score": "previous"}).merge(
            cur.drop(columns="wave_id").rename(columns={"score": "current"}), on=keys)
        pair = pair[pair["previous"].notna() & pair["current"].notna()]
        pair.insert(3, "wave_previous", w1)
        pair.insert(4, "wave_id", w2)
        frames.append(pair.merge(sd.rename("sd_previous").reset_index(),
                                 on=["informant", "dimension"], how="left"))
    if not frames or not sum(len(f) for f in frames):
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in CHANGE_COLUMNS})
        for c in ("pupil_id", "informant", "dimension", "wave_previous", "wave_id"):
            out[c] = out[c].astype(object)
        out["reliable"] = out["reliable"].astype("boolean")
        return out
    out = pd.concat([f for f in frames if len(f)], ignore_index=True)
    out["difference"] = out["current"] - out["previous"]
    return out.merge(a, on=on, how="left")


def change(
    scores: pd.DataFrame,
    alphas: pd.DataFrame,
    waves_order: Sequence,
) -> pd.DataFrame:
    """Per pupil × informant × dimension change between consecutive waves, with RCI.

    ``scores``: SCALE_SCORES (both informants allowed). ``alphas``: from
    ``cronbach_alpha`` (columns dimension, alpha; optional informant, wave_id).
    ``waves_order``: wave ids in time order; only consecutive pairs are compared.

    >>> s = pd.DataFrame({"wave_id": [1, 1, 2, 2], "pupil_id": [1, 2, 1, 2],
    ...     "informant": "teacher", "dimension": "conflict", "score": [2.0, 4.0, 4.0, 4.0]})
    >>> a = pd.DataFrame({"dimension": ["conflict"], "alpha": [0.5]})
    >>> round(float(change(s, a, [1, 2])["rci"].iloc[0]), 3)  # 2 / (sqrt2 · sqrt2 · sqrt.5)
    1.414
    """
    require_columns(scores, ("wave_id", "pupil_id", "informant", "dimension", "score"),
                    "scores")
    waves = list(waves_order)
    if len(set(waves)) != len(waves):
        raise ValueError("waves_order lists a wave more than once")
    on, a = _alpha_lookup(alphas, scores)
    keys = ["pupil_id", "informant", "dimension"]
    s = scores[["wave_id", *keys, "score"]]
    if pd.Index(_codes(*(s[c] for c in ["wave_id", *keys]))).has_duplicates:
        raise ValueError("scores has more than one row per wave × pupil × informant × dimension")
    out = _change_fast(s, a, on, waves)
    if out is None:
        out = _change_merged(s, a, on, waves)
        if len(out) == 0:
            return out
    alpha = out["alpha"].to_numpy(dtype=float)
    sd1 = out["sd_previous"].to_numpy(dtype=float)
    ok = (alpha > 0) & (alpha < 1) & (sd1 > 1e-12)
    s_diff = np.full(len(out), np.nan)
    np.multiply(np.sqrt(2.0) * sd1, np.sqrt(np.clip(1 - alpha, 0, None)), out=s_diff, where=ok)
    rci = np.full(len(out), np.nan)
    np.divide(out["difference"].to_numpy(dtype=float), s_diff, out=rci, where=ok)
    out["s_diff"] = s_diff
    out["rci"] = rci
    reliable = pd.array(np.abs(rci) > RCI_CRITICAL, dtype="boolean")
    reliable[~ok] = pd.NA
    out["reliable"] = reliable
    return out[list(CHANGE_COLUMNS)]
