"""Scale scores and internal consistency from raw item answers.

Raw answers are stored; scores are always recomputed from them (docs/design.md invariant). A scale
score is the **mean of the answered items** of a dimension after reverse keying, and it is
**missing** when fewer than ``min_answered`` (default 80%) of the dimension's items are
answered. Internal consistency is Cronbach's alpha with listwise deletion.

Output frames
-------------
SCALE_SCORES   wave_id, pupil_id, informant ('teacher' | 'child'), dimension, score (float,
               NaN when missing), n_answered (int), n_items (int), missing (bool).
ALPHAS         <group_cols...>, [informant,] dimension, alpha (float), n_items (int),
               n_pupils (int: listwise complete cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.frames import ANSWERS, SCORING_KEY, require_columns

SCALE_SCORES = (
    "wave_id",
    "pupil_id",
    "informant",
    "dimension",
    "score",
    "n_answered",
    "n_items",
    "missing",
)
INFORMANTS = ("teacher", "child")

# Tolerance for "n_answered >= min_answered * n_items" so that 0.7 * 10 = 7.000000000000001
# still accepts 7 answered items out of 10.
_EPS = 1e-9


def _check_key(key: pd.DataFrame) -> pd.DataFrame:
    """Validate a scoring key and return it with one row per item (index = item_id)."""
    require_columns(key, SCORING_KEY, "scoring key")
    duplicated = key["item_id"].duplicated()
    if duplicated.any():
        dup = key["item_id"][duplicated]
        raise ValueError(f"scoring key lists item(s) more than once: {', '.join(map(str, dup))}")
    reverse = key["reverse"]
    if reverse.dtype != bool and not reverse.map(
            lambda r: isinstance(r, bool | np.bool_) or r in (0, 1)).all():
        raise ValueError("scoring key column 'reverse' must hold booleans (True/False)")
    wrong = ~(key["scale_min"] < key["scale_max"])
    if wrong.any():
        bad = key[wrong]
        raise ValueError(
            f"scoring key item {bad['item_id'].iloc[0]!r} has scale_min >= scale_max"
        )
    return key.set_index("item_id")


def _factorize(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes and uniques of an id column, sorted when the ids can be ordered."""
    if values.isna().any():
        raise ValueError(f"column {values.name!r} has missing identifiers")
    try:
        codes, uniques = pd.factorize(values, sort=True)
    except TypeError:  # ids of mixed types that cannot be ordered: first-seen order
        codes, uniques = pd.factorize(values)
    return codes.astype("int64"), pd.Index(uniques)


def _unit_codes(frame: pd.DataFrame, cols: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer code per row for the combination of ``cols``, plus the table of combinations.

    Codes follow the sorted order of the combinations (when the ids can be sorted), so
    results come out ordered by e.g. wave_id, pupil_id without a costly sort of objects.
    """
    combined = np.zeros(len(frame), dtype="int64")
    uniques = []
    for col in cols:
        codes, u = _factorize(frame[col])
        combined = combined * len(u) + codes
        uniques.append(u)
    table_codes, inverse = np.unique(combined, return_inverse=True)
    table = {}
    rest = table_codes
    for col, u in zip(reversed(cols), reversed(uniques), strict=True):
        table[col] = u.take(rest % len(u)) if len(u) else u
        rest = rest // max(len(u), 1)
    return inverse.reshape(-1).astype("int64"), pd.DataFrame({c: table[c] for c in cols})


@dataclass(frozen=True)
class KeyInfo:
    """A validated scoring key as arrays, one entry per item (see :func:`key_info`)."""

    items: pd.Index  # item ids, key order
    dims: list  # dimensions, first-seen order
    item_dim: np.ndarray  # dimension code per item
    n_items: np.ndarray  # items per dimension
    scale_min: np.ndarray
    scale_max: np.ndarray
    reverse: np.ndarray


def key_info(key: pd.DataFrame | KeyInfo) -> KeyInfo:
    """Validate a SCORING_KEY frame once (ValueError naming the problem); a KeyInfo is
    returned as is. Scoring functions accept either; callers that score many answer sets
    with one key (the pipeline, with the shipped packs) validate it once.

    >>> key = pd.DataFrame({"item_id": ["a", "b"], "dimension": ["closeness"] * 2,
    ...     "reverse": [False, True], "scale_min": [1, 1], "scale_max": [5, 5]})
    >>> key_info(key).n_items.tolist()
    [2]
    """
    if isinstance(key, KeyInfo):
        return key
    k = _check_key(key)
    dims = list(pd.unique(k["dimension"]))
    item_dim = pd.Index(dims).get_indexer(k["dimension"])
    return KeyInfo(
        items=k.index, dims=dims, item_dim=item_dim,
        n_items=np.bincount(item_dim, minlength=len(dims)).astype("int64"),
        scale_min=k["scale_min"].to_numpy(dtype=float),
        scale_max=k["scale_max"].to_numpy(dtype=float),
        reverse=k["reverse"].to_numpy(dtype=bool),
    )


class _Keyed:
    """Answer rows restricted to key items, NaN dropped, range-checked and reverse keyed."""

    def __init__(self, answers: pd.DataFrame, key: pd.DataFrame | KeyInfo, unit_cols: list[str]):
        require_columns(answers, ANSWERS, "answers")
        k = key_info(key)
        self.items = k.items
        self.dims = k.dims
        self.item_dim = k.item_dim
        self.n_items = k.n_items
        # unit = one row of answers per pupil (e.g. wave × pupil), over ALL answer rows
        unit, self.units = _unit_codes(answers, unit_cols)
        item_codes, item_uniques = pd.factorize(answers["item_id"])
        pos_u = k.items.get_indexer(pd.Index(item_uniques, dtype=object))
        pos = np.where(item_codes >= 0, pos_u[item_codes], -1) if len(pos_u) else item_codes
        values = pd.to_numeric(answers["value"], errors="raise").to_numpy(dtype=float)
        keep = (pos >= 0) & ~np.isnan(values)
        pos, v, self.unit = pos[keep], values[keep], unit[keep]
        lo = k.scale_min[pos]
        hi = k.scale_max[pos]
        out = (v < lo) | (v > hi)
        if out.any():
            i = int(np.flatnonzero(out)[0])
            r = answers.loc[keep].iloc[i]
            raise ValueError(
                f"item {r['item_id']!r} has value {v[i]:g} outside its scale "
                f"{lo[i]:g}..{hi[i]:g} (wave {r['wave_id']!r}, pupil {r['pupil_id']!r})"
            )
        cell = self.unit * len(k.items) + pos
        if len(cell) and np.bincount(cell).max() > 1:
            dup = pd.Series(cell).duplicated().to_numpy()
            r = answers.loc[keep].iloc[int(np.flatnonzero(dup)[0])]
            raise ValueError(
                f"item {r['item_id']!r} is answered more than once by pupil "
                f"{r['pupil_id']!r} in wave {r['wave_id']!r}; answers must be unique per "
                "(wave, pupil, item)"
            )
        rev = k.reverse[pos]
        self.pos = pos
        self.dim = self.item_dim[pos]
        self.keyed = np.where(rev, lo + hi - v, v)


def reverse_key(values, scale_min: float, scale_max: float):
    """Reverse-key values on a scale: ``scale_min + scale_max - v`` (its own inverse).

    >>> float(reverse_key(np.array([1.0]), 1, 5)[0])
    5.0
    """
    return scale_min + scale_max - values


def _empty_scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "wave_id": pd.Series(dtype=object),
            "pupil_id": pd.Series(dtype=object),
            "informant": pd.Series(dtype=object),
            "dimension": pd.Series(dtype=object),
            "score": pd.Series(dtype=float),
            "n_answered": pd.Series(dtype="int64"),
            "n_items": pd.Series(dtype="int64"),
            "missing": pd.Series(dtype=bool),
        }
    )


def scale_scores(
    answers: pd.DataFrame,
    key: pd.DataFrame,
    informant: str,
    min_answered: float = 0.8,
) -> pd.DataFrame:
    """Scale score per wave × pupil × dimension: mean of the answered, reverse-keyed items.

    Every pupil with at least one row in ``answers`` (any item, even a practice item or a
    NaN value) gets one row per dimension of ``key``, ordered by wave_id, pupil_id and the
    key's dimension order. The score is missing (NaN, ``missing=True``) when nothing was
    answered or ``n_answered < min_answered * n_items``: with 5 items and the default 0.8,
    4 answered items give a score and 3 do not. Items absent from the key are ignored; a
    value outside [scale_min, scale_max] raises ValueError naming the item.

    >>> key = pd.DataFrame({"item_id": ["a", "b"], "dimension": ["closeness"] * 2,
    ...     "reverse": [False, True], "scale_min": [1, 1], "scale_max": [5, 5]})
    >>> ans = pd.DataFrame({"wave_id": [1, 1], "pupil_id": [7, 7], "item_id": ["a", "b"],
    ...     "value": [4.0, 2.0]})
    >>> float(scale_scores(ans, key, "teacher")["score"].iloc[0])  # (4 + (1+5-2)) / 2
    4.0
    """
    if informant not in INFORMANTS:
        raise ValueError(f"informant must be one of {INFORMANTS}, got {informant!r}")
    if not 0 <= min_answered <= 1:
        raise ValueError(f"min_answered must lie in [0, 1], got {min_answered!r}")
    return _scores_from(_Keyed(answers, key, ["wave_id", "pupil_id"]), informant, min_answered)


def _scores_from(kd: _Keyed, informant: str, min_answered: float) -> pd.DataFrame:
    """``scale_scores`` from answers already keyed per wave × pupil."""
    n_units, n_dims = len(kd.units), len(kd.dims)
    if n_units == 0 or n_dims == 0:
        return _empty_scores()
    cell = kd.unit * n_dims + kd.dim
    total = np.bincount(cell, weights=kd.keyed, minlength=n_units * n_dims)
    count = np.bincount(cell, minlength=n_units * n_dims).astype("int64")
    items = np.tile(kd.n_items, n_units)
    missing = (count == 0) | (count < min_answered * items - _EPS)
    score = np.full(len(count), np.nan)
    np.divide(total, count, out=score, where=~missing)
    return pd.DataFrame(
        {
            "wave_id": kd.units["wave_id"].repeat(n_dims).to_numpy(),
            "pupil_id": kd.units["pupil_id"].repeat(n_dims).to_numpy(),
            "informant": informant,
            "dimension": np.tile(np.asarray(kd.dims, dtype=object), n_units),
            "score": score,
            "n_answered": count,
            "n_items": items,
            "missing": missing,
        }
    )


def _group_var(x: np.ndarray, g: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Count and sample variance (ddof=1) of ``x`` per group code, two-pass; NaN if n < 2."""
    n = np.bincount(g, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(g, weights=x, minlength=n_groups) / n
        ss = np.bincount(g, weights=(x - mean[g]) ** 2, minlength=n_groups)
        var = np.where(n >= 2, ss / np.maximum(n - 1, 1), np.nan)
    return n, var


def cronbach_alpha(
    answers: pd.DataFrame,
    key: pd.DataFrame,
    group_cols: Sequence[str] = ("wave_id",),
    informant: str | None = None,
) -> pd.DataFrame:
    """Cronbach's alpha per group × dimension, listwise deletion, reverse keying applied.

    ``alpha = k / (k - 1) * (1 - sum(item variances) / variance(sum score))`` with sample
    variances (ddof = 1) over the pupils who answered **all** k key items of the dimension
    (listwise complete cases, ``n_pupils``). alpha is NaN when k < 2, when fewer than 2
    complete cases remain, or when the sum score has zero variance; it may be negative
    (reported as is: the items do not hang together in this group).

    ``group_cols`` defaults to one alpha per wave; pass ``("wave_id", "class_id")`` for one
    per class (``answers`` must then carry ``class_id``), or filter the frame to a class.
    ``informant`` (optional) is written into an ``informant`` column, which ``change``
    uses to match alphas to teacher or child scores.
    """
    group_cols = list(group_cols)
    require_columns(answers, tuple(group_cols), "answers (group_cols)")
    if not group_cols or "pupil_id" in group_cols or "item_id" in group_cols:
        raise ValueError("group_cols must name at least one column, not pupil_id or item_id")
    return _alphas_from(_Keyed(answers, key, [*group_cols, "pupil_id"]), group_cols, informant)


def _alphas_from(kd: _Keyed, group_cols: list[str], informant: str | None) -> pd.DataFrame:
    """``cronbach_alpha`` from answers already keyed per group_cols × pupil."""
    out_cols = [*group_cols, *(["informant"] if informant else []), "dimension",
                "alpha", "n_items", "n_pupils"]
    n_units = len(kd.units)
    if n_units == 0 or not kd.dims:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
        return empty.astype({"alpha": float, "n_items": "int64", "n_pupils": "int64"})
    # groups: every combination of group_cols seen in the answers
    unit_group, groups = _unit_codes(kd.units, group_cols)
    n_groups = len(groups)
    wide = np.full((n_units, len(kd.items)), np.nan)
    wide[kd.unit, kd.pos] = kd.keyed
    alphas, n_items, n_pupils = [], [], []
    for d, _dim in enumerate(kd.dims):
        cols = np.flatnonzero(kd.item_dim == d)
        k = len(cols)
        sub = wide[:, cols]
        complete = ~np.isnan(sub).any(axis=1)
        sub, g = sub[complete], unit_group[complete]
        n, total_var = _group_var(sub.sum(axis=1), g, n_groups)
        item_var = np.zeros(n_groups)
        for c in range(k):
            item_var += _group_var(sub[:, c], g, n_groups)[1]
        # zero variance up to rounding (every pupil has the same sum score) -> NaN
        ok = (n >= 2) & (k >= 2) & (total_var > 1e-12)
        ratio = np.full(n_groups, np.nan)
        np.divide(item_var, total_var, out=ratio, where=ok)
        alpha = k / (k - 1) * (1 - ratio) if k >= 2 else ratio
        alphas.append(np.where(ok, alpha, np.nan))
        n_items.append(np.full(n_groups, k, dtype="int64"))
        n_pupils.append(n.astype("int64"))
    # one block of rows per dimension, groups in the same order inside each block (built
    # at once: one frame per dimension plus pd.concat costs more than the alphas)
    n_dims = len(kd.dims)
    rows = np.tile(np.arange(n_groups), n_dims)
    data: dict[str, object] = {c: groups[c].array.take(rows) for c in group_cols}
    if informant:
        data["informant"] = informant
    data["dimension"] = pd.Series([dim for dim in kd.dims for _ in range(n_groups)])
    data["alpha"] = np.concatenate(alphas)
    data["n_items"] = np.concatenate(n_items)
    data["n_pupils"] = np.concatenate(n_pupils)
    return pd.DataFrame(data)  # columns already in out_cols order


def scores_and_alphas(
    answers: pd.DataFrame,
    key: pd.DataFrame | KeyInfo,
    informant: str,
    min_answered: float = 0.8,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(scale_scores(answers, key, informant, min_answered),
    cronbach_alpha(answers, key, ("wave_id",), informant))`` with the answers keyed once.

    Both start from the same validated, reverse-keyed answers per wave × pupil, so the
    pipeline checks and keys them once instead of twice (``key`` may be a
    :func:`key_info` validated before); the frames are identical to the
    two separate calls (and so are the errors, raised in the same order).
    """
    if informant not in INFORMANTS:
        raise ValueError(f"informant must be one of {INFORMANTS}, got {informant!r}")
    if not 0 <= min_answered <= 1:
        raise ValueError(f"min_answered must lie in [0, 1], got {min_answered!r}")
    kd = _Keyed(answers, key, ["wave_id", "pupil_id"])
    return _scores_from(kd, informant, min_answered), _alphas_from(kd, ["wave_id"], informant)
