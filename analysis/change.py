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
    a = alphas[[*on, "alpha"]].copy()
    if "wave_id" in alphas.columns:
        a["wave_previous"] = alphas["wave_id"].to_numpy()
        on.append("wave_previous")
    if pd.Index(_codes(*(a[c] for c in on))).has_duplicates:
        raise ValueError(f"alphas has several rows per {' × '.join(on)}; pass one alpha "
                         "each (e.g. per wave, not per class)")
    return on, a


def _positions(right: pd.DataFrame, left: pd.DataFrame, on: list[str]) -> np.ndarray | None:
    """Row of ``right`` (unique on ``on``) matching each ``left`` row, −1 when none.

    None when a key column's dtype differs between the frames (a merge then decides how
    such ids compare) or a frame is empty.
    """
    if len(left) == 0 or len(right) == 0 or any(left[c].dtype != right[c].dtype for c in on):
        return None
    return _lookup([right[c] for c in on], [left[c] for c in on])


def _pairs(prev: pd.DataFrame, cur: pd.DataFrame, keys: list[str]) -> pd.DataFrame | None:
    """``prev ⋈ cur`` on ``keys`` (inner, previous wave's row order) by lookup.

    Columns: keys, previous, current — as the merge in ``change`` gives them. Both frames
    come from the same columns and hold one row per key (checked in ``change``).
    """
    pos = _positions(cur, prev, keys)
    if pos is None:
        return None
    rows = np.flatnonzero(pos >= 0)
    cols = {k: prev[k].array.take(rows) for k in keys}
    cols["previous"] = prev["score"].array.take(rows)
    cols["current"] = cur["score"].array.take(pos[rows])
    return pd.DataFrame(cols)


def _attach_sd(pair: pd.DataFrame, sd: pd.Series) -> pd.DataFrame | None:
    """``pair`` with column sd_previous looked up per informant × dimension (a left merge)."""
    if len(pair) == 0 or len(sd) == 0:
        return None
    index = sd.index
    pos = _lookup([index.get_level_values(0), index.get_level_values(1)],
                  [pair["informant"], pair["dimension"]])
    values = sd.array
    out = pair.reset_index(drop=True)
    out["sd_previous"] = values.take(pos, allow_fill=True) if (pos < 0).any() else values.take(pos)
    return out


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
    frames = []
    wave_col = s["wave_id"]
    for w1, w2 in zip(waves, waves[1:], strict=False):
        prev = s[wave_col == w1]
        cur = s[wave_col == w2]
        sd = prev.groupby(["informant", "dimension"], sort=False)["score"].std()
        pair = _pairs(prev, cur, keys)
        if pair is None:  # general path: merges
            pair = prev.drop(columns="wave_id").rename(columns={"score": "previous"}).merge(
                cur.drop(columns="wave_id").rename(columns={"score": "current"}), on=keys)
        pair = pair[pair["previous"].notna() & pair["current"].notna()]
        pair.insert(3, "wave_previous", w1)
        pair.insert(4, "wave_id", w2)
        with_sd = _attach_sd(pair, sd)
        frames.append(with_sd if with_sd is not None else pair.merge(
            sd.rename("sd_previous").reset_index(), on=["informant", "dimension"], how="left"))
    if not frames or not sum(len(f) for f in frames):
        out = pd.DataFrame({c: pd.Series(dtype=float) for c in CHANGE_COLUMNS})
        for c in ("pupil_id", "informant", "dimension", "wave_previous", "wave_id"):
            out[c] = out[c].astype(object)
        out["reliable"] = out["reliable"].astype("boolean")
        return out
    out = pd.concat([f for f in frames if len(f)], ignore_index=True)
    out["difference"] = out["current"] - out["previous"]
    pos = _positions(a, out, on)
    if pos is None:
        out = out.merge(a, on=on, how="left")
    else:  # the same left merge by lookup (alphas are unique per ``on``, checked above)
        alpha = a["alpha"].array
        out["alpha"] = alpha.take(pos, allow_fill=True) if (pos < 0).any() else alpha.take(pos)
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
