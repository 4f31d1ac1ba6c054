"""Percentiles of scale scores against a stated reference group.

Reference group, in this order (docs/design.md "Analysis defaults"), stated per row in
``reference``:

1. ``'norms'``  an imported norm table (e.g. licensed LLRV/STRS percentiles) for the
   pupil's scale, informant and gender (or its 'all' rows);
2. ``'wave'``   all pupils of the same wave in the database (``wave_reference`` scores);
3. ``'class'``  the pupil's own class in that wave.

Empirical percentiles (wave, class) are **mid-rank percentiles**:
``100 * (count below + 0.5 * count equal) / n`` over the n non-missing scores of the
reference group (the pupil's own score counts among the equal ones when the pupil belongs
to the group). A pupil alone in the group gets 50; the lowest of 4 distinct scores 12.5.

Output frame
------------
PERCENTILES    the scores columns, plus class_id, gender, percentile (float 0..100, NaN when
               the score is missing), reference ('norms' | 'wave' | 'class'), reference_n
               (Int64: size of the empirical reference group; the table's ``n`` column or
               NA for norms).
"""

from __future__ import annotations

from os import PathLike
from typing import IO

import numpy as np
import pandas as pd

from analysis.frames import ROSTER, require_columns
from analysis.sociometry import _codes, _lookup

NORM_COLUMNS = ("scale", "gender", "raw_score", "percentile")
NORM_GENDERS = ("m", "f", "x", "all")
NORM_METHODS = ("interpolate", "lower")
SCORE_COLUMNS = ("wave_id", "pupil_id", "informant", "dimension", "score")


def merge_on_ids(left: pd.DataFrame, right: pd.DataFrame, on: list[str],
                 **kwargs: object) -> pd.DataFrame:
    """``left.merge(right, on=on)`` that also works when one side is empty.

    An empty frame often carries object id columns while the other side has integer ids;
    pandas refuses to merge those, so the ids of both sides are cast to object then.
    """
    if len(left) == 0 or len(right) == 0:
        left = left.astype({c: object for c in on})
        right = right.astype({c: object for c in on})
    return left.merge(right, on=on, **kwargs)


class NormTableError(ValueError):
    """An imported norm table is malformed; the message says which row and why."""


def load_norm_table(
    csv: str | PathLike | IO,
    informant: str = "teacher",
    metric: str = "mean",
) -> pd.DataFrame:
    """Read and validate a norm table CSV: scale, gender, raw_score, percentile.

    ``gender`` is 'm', 'f', 'x' or 'all' (rows for everyone). ``scale`` names a dimension of
    the scoring key (e.g. 'conflict'). Optional columns: ``informant`` ('teacher' | 'child';
    default from the argument, usually 'teacher' since published norms are teacher norms),
    ``n`` (size of the norm sample, reported as reference_n). ``metric`` says what
    raw_score means: 'mean' (item mean, as ``scale_scores``) or 'sum' (sum of the items,
    as many manuals tabulate; then a pupil's mean × n_items is looked up).

    Checks, each with a clear NormTableError: required columns, numeric raw_score and
    percentile, percentile within 0..100, known gender, no duplicate raw_score within
    scale × gender × informant, percentile non-decreasing with raw_score.
    """
    if metric not in ("mean", "sum"):
        raise NormTableError(f"metric must be 'mean' or 'sum', got {metric!r}")
    try:
        table = pd.read_csv(csv)
    except (pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
        raise NormTableError(f"norm table cannot be read as CSV: {exc}") from exc
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in NORM_COLUMNS if c not in table.columns]
    if missing:
        raise NormTableError(
            f"norm table is missing column(s): {', '.join(missing)} "
            f"(needs {', '.join(NORM_COLUMNS)})"
        )
    if table.empty:
        raise NormTableError("norm table has no rows")
    if "informant" not in table.columns:
        table["informant"] = informant
    for col in ("scale", "gender", "informant"):
        table[col] = table[col].astype(str).str.strip().str.lower()
    for col in ("raw_score", "percentile"):
        num = pd.to_numeric(table[col], errors="coerce")
        bad = num.isna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2  # +1 header, +1 one-based
            raise NormTableError(f"norm table line {row}: {col} {table[col].iloc[row - 2]!r} "
                                 "is not a number")
        table[col] = num.astype(float)
    _check_values(table)
    table["metric"] = metric
    cols = [*NORM_COLUMNS, "informant", "metric", *(["n"] if "n" in table.columns else [])]
    return table[cols].sort_values(["informant", "scale", "gender", "raw_score"],
                                   ignore_index=True)


def _check_values(table: pd.DataFrame) -> None:
    def line(mask: pd.Series) -> int:
        return int(np.flatnonzero(mask.to_numpy())[0]) + 2

    bad = ~table["percentile"].between(0, 100)
    if bad.any():
        raise NormTableError(f"norm table line {line(bad)}: percentile must lie in 0..100")
    bad = ~table["gender"].isin(NORM_GENDERS)
    if bad.any():
        raise NormTableError(f"norm table line {line(bad)}: gender must be one of "
                             f"{', '.join(NORM_GENDERS)}, got {table['gender'][bad].iloc[0]!r}")
    bad = ~table["informant"].isin(("teacher", "child"))
    if bad.any():
        raise NormTableError(f"norm table line {line(bad)}: informant must be teacher or child")
    if "n" in table.columns:
        n = pd.to_numeric(table["n"], errors="coerce")
        if (n.isna() | (n < 1)).any():
            raise NormTableError(f"norm table line {line(n.isna() | (n < 1))}: n must be a "
                                 "positive number")
        table["n"] = n.astype("Int64")
    keys = ["informant", "scale", "gender"]
    bad = table.duplicated([*keys, "raw_score"])
    if bad.any():
        raise NormTableError(f"norm table line {line(bad)}: raw_score listed twice for the "
                             "same scale and gender")
    ordered = table.sort_values([*keys, "raw_score"])
    drops = ordered.groupby(keys, sort=False)["percentile"].diff() < 0
    if drops.any():
        r = ordered[drops].iloc[0]
        raise NormTableError(
            f"norm table: percentile decreases as raw_score rises (scale {r['scale']!r}, "
            f"gender {r['gender']!r}, raw_score {r['raw_score']:g})"
        )


def norm_percentile(raw: np.ndarray, table: pd.DataFrame, method: str = "interpolate"):
    """Look raw scores up in one scale × gender norm table (sorted by raw_score).

    'interpolate': linear interpolation between neighbouring tabulated raw scores.
    'lower': the percentile of the nearest tabulated raw score at or below the raw score.
    Both clamp outside the table: below the lowest raw score the lowest row's percentile,
    above the highest the highest row's percentile.

    >>> t = pd.DataFrame({"raw_score": [10.0, 20.0], "percentile": [40.0, 80.0]})
    >>> norm_percentile(np.array([15.0]), t).tolist(), norm_percentile(np.array([15.0]), t, "lower").tolist()
    ([60.0], [40.0])
    """
    xs = table["raw_score"].to_numpy(dtype=float)
    ps = table["percentile"].to_numpy(dtype=float)
    raw = np.asarray(raw, dtype=float)
    if method == "interpolate":
        out = np.interp(raw, xs, ps)
    elif method == "lower":
        i = np.searchsorted(xs, raw, side="right") - 1
        out = ps[np.clip(i, 0, len(ps) - 1)]
    else:
        raise ValueError(f"method must be one of {NORM_METHODS}, got {method!r}")
    return np.where(np.isnan(raw), np.nan, out)


def midrank_percentile(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Mid-rank percentile of each value within ``reference`` (NaN ignored).

    ``100 * (count below + 0.5 * count equal) / n``.

    >>> midrank_percentile(np.array([1.0, 2.0]), np.array([1.0, 2.0, 2.0, 3.0])).tolist()
    [12.5, 50.0]
    """
    ref = np.sort(np.asarray(reference, dtype=float)[~np.isnan(reference)])
    values = np.asarray(values, dtype=float)
    if len(ref) == 0:
        return np.full(len(values), np.nan)
    below = np.searchsorted(ref, values, side="left")
    upto = np.searchsorted(ref, values, side="right")
    out = 100.0 * (below + 0.5 * (upto - below)) / len(ref)
    return np.where(np.isnan(values), np.nan, out)


def _inner_on_roster(base: pd.DataFrame, ros: pd.DataFrame) -> pd.DataFrame | None:
    """The inner merge of ``percentiles`` (scores ⋈ roster, score order) by key lookup.

    Columns: wave_id, class_id, pupil_id, the other score columns, gender — as the merge
    followed by the column reordering gives them. ``ros`` has one row per wave × pupil.
    None (merge instead) when a frame is empty or the id dtypes differ.
    """
    ids = ["wave_id", "pupil_id"]
    if len(base) == 0 or len(ros) == 0 or any(base[c].dtype != ros[c].dtype for c in ids):
        return None
    pos = _lookup([ros[c] for c in ids], [base[c] for c in ids])
    rows = np.flatnonzero(pos >= 0)
    pos = pos[rows]
    take = rows if len(rows) < len(base) else None
    cols: dict[str, object] = {}
    for c in ["wave_id", "class_id", "pupil_id", *[c for c in base.columns
                                                   if c not in ("wave_id", "pupil_id")],
              "gender"]:
        if c in ("class_id", "gender"):
            cols[c] = ros[c].array.take(pos)
        else:
            arr = base[c].array
            cols[c] = arr if take is None else arr.take(take)
    return pd.DataFrame(cols)


def _class_midrank(x: np.ndarray, group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mid-rank percentile, n) of every value within its group; NaN values are left out.

    ``100 * (average rank - 0.5) / n`` with average ranks for ties (the ``midrank_percentile``
    of each value against its own group), n = non-missing values of the group.

    >>> p, n = _class_midrank(np.array([1.0, 2.0, 2.0, 3.0, np.nan]), np.zeros(5, dtype=int))
    >>> p.tolist()[:4], n.tolist()
    ([12.5, 50.0, 50.0, 87.5], [4, 4, 4, 4, 4])
    """
    n_groups = int(group.max()) + 1 if len(group) else 0
    known = np.flatnonzero(~np.isnan(x))
    n = np.bincount(group[known], minlength=n_groups)
    pct = np.full(len(x), np.nan)
    if len(known):
        order = known[np.lexsort((x[known], group[known]))]
        g, v = group[order], x[order]
        new_run = np.r_[True, (g[1:] != g[:-1]) | (v[1:] != v[:-1])]
        run = np.cumsum(new_run) - 1
        run_start = np.flatnonzero(new_run)
        run_len = np.diff(np.r_[run_start, len(order)])
        group_start = np.searchsorted(g, g, side="left")  # first sorted row of the group
        below = run_start[run] - group_start
        avg_rank = below + (run_len[run] + 1) / 2
        pct[order] = 100.0 * (avg_rank - 0.5) / n[g]
    return pct, n[group]


def percentiles(
    scores: pd.DataFrame,
    roster: pd.DataFrame,
    norms: pd.DataFrame | None = None,
    wave_reference: pd.DataFrame | None = None,
    method: str = "interpolate",
) -> pd.DataFrame:
    """Add percentile, reference and reference_n to scale scores (see module docstring).

    ``scores``: SCALE_SCORES rows (any informants). ``roster``: ROSTER; only pupils on the
    roster (consented) are kept, and it supplies class_id and gender. ``norms``: a
    ``load_norm_table`` frame or None. ``wave_reference``: SCALE_SCORES of all pupils of
    the same wave(s) in the database (including this class), or None. ``method``: norm
    lookup, 'interpolate' (default) or 'lower' (see ``norm_percentile``).

    A missing score gets percentile NaN; its reference column still says which group
    would be used.
    """
    require_columns(scores, SCORE_COLUMNS, "scores")
    require_columns(roster, ROSTER, "roster")
    if method not in NORM_METHODS:
        raise ValueError(f"method must be one of {NORM_METHODS}, got {method!r}")
    base = scores.drop(columns=[c for c in ("class_id", "gender") if c in scores.columns])
    ros = roster[["wave_id", "pupil_id", "class_id", "gender"]].drop_duplicates(
        ["wave_id", "pupil_id"])
    front = ["wave_id", "class_id", "pupil_id"]
    out = _inner_on_roster(base, ros)
    if out is None:  # general path
        out = merge_on_ids(base, ros, ["wave_id", "pupil_id"], how="inner", sort=False)
        out = out[front + [c for c in out.columns if c not in front]].reset_index(drop=True)
    score = out["score"].to_numpy(dtype=float)
    pct = np.full(len(out), np.nan)
    ref = np.full(len(out), "class", dtype=object)
    ref_n = pd.array([pd.NA] * len(out), dtype="Int64")
    done = np.zeros(len(out), dtype=bool)

    # 1. norms
    if norms is not None and len(norms) and len(out):
        require_columns(norms, NORM_COLUMNS, "norms")
        norms = norms.assign(
            informant=norms["informant"] if "informant" in norms else "teacher",
            metric=norms["metric"] if "metric" in norms else "mean")
        genders = out["gender"].astype(object).where(out["gender"].notna(), "").astype(str)
        genders = genders.str.strip().str.lower().to_numpy()
        for (inf, dim), idx in out.groupby(["informant", "dimension"], sort=False).indices.items():
            sub = norms[(norms["informant"] == inf) & (norms["scale"] == dim)]
            if sub.empty:
                continue
            gender = genders[idx]
            for g in pd.unique(gender):
                tab = sub[sub["gender"] == g]
                if tab.empty:
                    tab = sub[sub["gender"] == "all"]
                if tab.empty:
                    continue  # no norms for this gender: fall through to wave / class
                rows = idx[gender == g]
                raw = score[rows]
                if tab["metric"].iloc[0] == "sum":
                    raw = raw * out["n_items"].to_numpy(dtype=float)[rows]
                pct[rows] = norm_percentile(raw, tab.sort_values("raw_score"), method)
                ref[rows] = "norms"
                if "n" in tab.columns and tab["n"].notna().any():
                    ref_n[rows] = int(tab["n"].max())
                done[rows] = True

    # 2. all pupils of the same wave in the database
    if wave_reference is not None and len(wave_reference) and len(out):
        require_columns(wave_reference, SCORE_COLUMNS, "wave_reference")
        refs = {k: v["score"].to_numpy(dtype=float) for k, v in wave_reference.groupby(
            ["wave_id", "informant", "dimension"], sort=False)}
        todo = out[~done]
        for k, idx in todo.groupby(["wave_id", "informant", "dimension"], sort=False).indices.items():
            values = refs.get(k)
            if values is None or np.isnan(values).all():
                continue
            rows = todo.index.to_numpy()[idx]
            pct[rows] = midrank_percentile(score[rows], values)
            ref[rows] = "wave"
            ref_n[rows] = int((~np.isnan(values)).sum())
            done[rows] = True

    # 3. the class: mid-rank within wave × class × informant × dimension
    if (~done).any():
        rows = np.flatnonzero(~done)
        keys = [out[c].array[rows] for c in ("wave_id", "class_id", "informant", "dimension")]
        group = pd.factorize(_codes(*keys))[0]
        p, n = _class_midrank(score[rows], group)
        pct[rows] = p
        ref[rows] = "class"
        ref_n[rows] = n
    out["percentile"] = np.where(np.isnan(score), np.nan, pct)
    out["reference"] = ref
    out["reference_n"] = ref_n
    return out
