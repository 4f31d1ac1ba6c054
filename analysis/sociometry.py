"""Peer-nomination sociometry: proportions, within-class z-scores and status groups.

One entry point, :func:`sociometry`, turns the NOMINATIONS, ROSTER and QUESTIONS frames of
``analysis.frames`` into three result frames (per pupil × question, per pupil, per class).
Everything is computed with grouped pandas/numpy operations, so a thousand classes cost
about as much as one call (no Python loop over classes).

Definitions (see ``docs/methods.md`` for the references and the reasons):

- A *participant* of a question is a pupil on the roster, marked present, with at least one
  nomination row for that question (an explicit "nobody" row counts: a valid zero).
- ``nominators`` of pupil *i* = participants of the question in *i*'s class, minus *i* when
  *i* took part. ``proportion = received / nominators`` (NaN when no nominators).
- ``z`` = proportion standardised within class × question (population SD by default,
  ``SociometrySettings.z_ddof``); 0 when the SD is 0, NaN when the proportion is NaN.
- ``social_preference`` = zLM − zLL and ``social_impact`` = zLM + zLL, each standardised
  again within the class (Coie, Dodge & Coppotelli 1982).
- ``status_cd``: Coie, Dodge & Coppotelli (1982) standard-score groups, ``status_nb``:
  Newcomb & Bukowski (1983) binomial-probability groups.

Example
-------
>>> import pandas as pd
>>> roster = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3],
...                        "gender": "x", "present": True})
>>> questions = pd.DataFrame({"question_id": ["lm"], "kind": ["liking"],
...                           "polarity": ["positive"]})
>>> noms = pd.DataFrame({"wave_id": 1, "class_id": 1, "question_id": "lm",
...                      "rater_id": [1, 2, 3], "target_id": [2, 1, 2]})
>>> ppq, pupils, classes = sociometry(noms, roster, questions)
>>> ppq["received"].tolist(), ppq["proportion"].tolist()
([1, 2, 0], [0.5, 1.0, 0.0])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.frames import NOMINATIONS, QUESTIONS, ROSTER, require_columns

__all__ = [
    "CLASS_COLUMNS",
    "PUPIL_COLUMNS",
    "PUPIL_QUESTION_COLUMNS",
    "SociometrySettings",
    "binomial_pmf",
    "sociometry",
    "standardise",
]

PUPIL_QUESTION_COLUMNS = (
    "wave_id", "class_id", "pupil_id", "question_id", "received", "nominators",
    "proportion", "z",
)
PUPIL_COLUMNS = (
    "wave_id", "class_id", "pupil_id", "lm_received", "ll_received", "lm_nominators",
    "ll_nominators", "lm_prop", "ll_prop", "z_lm", "z_ll", "social_preference",
    "social_impact", "status_cd", "status_nb", "nb_p_lm_high", "nb_p_ll_high",
    "nb_p_impact_low", "participation_rate", "low_participation", "teacher_likes_share",
    "teacher_angry_share",
)
CLASS_COLUMNS = (
    "wave_id", "class_id", "n_pupils", "question_id", "n_nominators", "participation_rate",
    "low_participation", "ignored_self", "ignored_nonparticipant", "ignored_rater", "n_nobody",
)


@dataclass(frozen=True)
class SociometrySettings:
    """Configurable defaults of the sociometric scores (documented in docs/methods.md).

    z_ddof: 0 = population SD (z has SD exactly 1 within a class), 1 = sample SD.
    cd_preference_threshold / cd_impact_threshold: the |SP| and |SI| cut-offs of the
        Coie–Dodge–Coppotelli groups (1.0 in the 1982 paper).
    cd_neglected: "z" = SI < −t, zLM < 0, zLL < 0 (Coie & Dodge 1983 variant, default);
        "absolute" = SI < −t and no liked-most nomination received at all (1982 wording).
    cd_average_band: None = every pupil not in an extreme group is "average" (default);
        a number b = only −b < SP < b is "average", the rest "unclassified" (1982 wording
        with b = 0.5).
    nb_alpha: one-sided binomial tail probability that counts as "significantly" high/low.
    nb_max_choices: None = unlimited nominations, the binomial p is the observed mean number
        of valid nominations per participating nominator ÷ (N − 1); an integer k = limited
        nominations, p = k ÷ (N − 1) as in Newcomb & Bukowski (1983).
    min_participation: classes whose participation rate is below this are flagged.
    """

    z_ddof: int = 0
    cd_preference_threshold: float = 1.0
    cd_impact_threshold: float = 1.0
    cd_neglected: Literal["z", "absolute"] = "z"
    cd_average_band: float | None = None
    nb_alpha: float = 0.05
    nb_max_choices: int | None = None
    min_participation: float = 0.60

    def __post_init__(self) -> None:
        if self.z_ddof not in (0, 1):
            raise ValueError("z_ddof must be 0 (population SD) or 1 (sample SD)")
        if self.cd_neglected not in ("z", "absolute"):
            raise ValueError("cd_neglected must be 'z' or 'absolute'")
        if not 0 < self.nb_alpha < 1:
            raise ValueError("nb_alpha must lie strictly between 0 and 1")
        if self.nb_max_choices is not None and self.nb_max_choices < 1:
            raise ValueError("nb_max_choices must be a positive integer or None")
        if not 0 <= self.min_participation <= 1:
            raise ValueError("min_participation must lie between 0 and 1")


# --------------------------------------------------------------------------------------
# small numeric helpers
# --------------------------------------------------------------------------------------


def standardise(values: pd.Series, groups: pd.Series | list[pd.Series], ddof: int = 0) -> pd.Series:
    """z-score ``values`` within ``groups``; 0 where the group SD is 0 or undefined.

    NaN values stay NaN and are left out of the group mean and SD.

    >>> standardise(pd.Series([1.0, 3.0, 5.0, 5.0]), pd.Series([1, 1, 2, 2])).tolist()
    [-1.0, 1.0, 0.0, 0.0]
    """
    levels = groups if isinstance(groups, list) else [groups]
    codes = pd.factorize(_codes(*levels))[0].astype(np.int64)
    n_groups = int(codes.max()) + 1 if len(codes) else 0
    z = _group_standardise(values.to_numpy(float), codes, n_groups, ddof)
    return pd.Series(z, index=values.index, name=values.name)


def _log_factorials(n_max: int) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n_max + 1, dtype=float)))])


def binomial_pmf(n: np.ndarray, p: np.ndarray, k_max: int | None = None) -> np.ndarray:
    """Row-wise binomial probabilities P(X = k), k = 0..k_max, for vectors ``n`` and ``p``.

    Computed from log-factorials with numpy only (no scipy). Rows with n < 0 or NaN
    inputs are all NaN; entries with k > n are 0.

    >>> binomial_pmf(np.array([2]), np.array([0.5])).round(3).tolist()
    [[0.25, 0.5, 0.25]]
    """
    n = np.asarray(n, dtype=float)
    p = np.asarray(p, dtype=float)
    bad = ~np.isfinite(n) | ~np.isfinite(p) | (n < 0)
    n_int = np.where(bad, 0, n).astype(np.int64)
    p_safe = np.clip(np.where(bad, 0.5, p), 0.0, 1.0)
    if k_max is None:
        k_max = int(n_int.max()) if n_int.size else 0
    lf = _log_factorials(max(k_max, int(n_int.max()) if n_int.size else 0))
    k = np.arange(k_max + 1)[None, :]
    nn = n_int[:, None]
    pp = p_safe[:, None]
    inside = k <= nn
    with np.errstate(divide="ignore", invalid="ignore"):
        log_coef = lf[nn] - lf[np.minimum(k, nn)] - lf[np.maximum(nn - k, 0)]
        log_p = np.where(k == 0, 0.0, k * np.log(pp))
        log_q = np.where(nn - k == 0, 0.0, (nn - k) * np.log1p(-pp))
        pmf = np.exp(log_coef + log_p + log_q)
    pmf = np.where(inside, pmf, 0.0)
    pmf[bad] = np.nan
    return pmf


def _upper_tail(pmf: np.ndarray, x: np.ndarray) -> np.ndarray:
    """P(X >= x) per row (NaN where x is NaN)."""
    x = np.asarray(x, dtype=float)
    k = np.arange(pmf.shape[1])[None, :]
    xi = np.where(np.isfinite(x), x, 0.0)[:, None]
    out = np.where(k >= xi, pmf, 0.0).sum(axis=1)
    return np.where(np.isfinite(x) & np.isfinite(pmf).all(axis=1), np.minimum(out, 1.0), np.nan)


def _sum_lower_tail(pmf_a: np.ndarray, pmf_b: np.ndarray, s: np.ndarray) -> np.ndarray:
    """P(A + B <= s) per row for independent A, B (convolution of the two pmfs)."""
    s = np.asarray(s, dtype=float)
    width = pmf_b.shape[1]
    cdf_b = np.cumsum(pmf_b, axis=1)
    a = np.arange(pmf_a.shape[1])[None, :]
    si = np.where(np.isfinite(s), s, -1.0)[:, None].astype(np.int64)
    idx = si - a
    gathered = np.take_along_axis(cdf_b, np.clip(idx, 0, width - 1), axis=1)
    out = (pmf_a * np.where(idx >= 0, gathered, 0.0)).sum(axis=1)
    ok = np.isfinite(s) & np.isfinite(pmf_a).all(axis=1) & np.isfinite(pmf_b).all(axis=1)
    return np.where(ok, np.minimum(out, 1.0), np.nan)


# --------------------------------------------------------------------------------------
# cleaning: which rows count
# --------------------------------------------------------------------------------------

#: row kinds of a nomination (codes in ``Prepared.kind``)
VALID, SELF, NONPARTICIPANT, NOBODY, BAD_RATER = 0, 1, 2, 3, 4


def _align(series: pd.Series, like: pd.Series) -> pd.Series:
    """Cast identifier ``series`` to the dtype of ``like`` so lookups compare values."""
    if series.dtype == like.dtype:
        return series
    try:
        return series.astype(like.dtype)
    except (TypeError, ValueError):
        return series.astype(str) if like.dtype == object else series


def _codes(*levels: pd.Series | np.ndarray) -> np.ndarray:
    """One int64 code per row for a tuple of key columns (equal tuples ⇔ equal codes).

    Each level is factorized (missing values get their own code) and the codes are
    combined in mixed radix, which is much cheaper than a MultiIndex for small frames and
    as fast for large ones.
    """
    key = np.zeros(len(levels[0]), dtype=np.int64)
    for level in levels:
        codes, uniques = pd.factorize(level, use_na_sentinel=True)
        radix = len(uniques) + 1
        if key.size and (int(key.max()) + 1) * radix >= 2**62:
            key = pd.factorize(key)[0].astype(np.int64)  # re-compact before it overflows
        key = key * radix + (codes.astype(np.int64) + 1)
    return key


def _concat(a: pd.Series | np.ndarray, b: pd.Series | np.ndarray) -> pd.Series | np.ndarray:
    """``a`` followed by ``b`` (for factorizing both together).

    Equal dtypes are joined directly (numpy arrays with ``np.concatenate``, extension
    arrays with their own ``_concat_same_type``: what ``pd.concat`` does for them, without
    its fixed cost of about a millisecond); anything else goes through ``pd.concat``.
    """
    arr_a = a.array if isinstance(a, pd.Series) else a
    arr_b = b.array if isinstance(b, pd.Series) else b
    if arr_a.dtype == arr_b.dtype:
        if isinstance(arr_a, np.ndarray | pd.arrays.NumpyExtensionArray) and isinstance(
                arr_b, np.ndarray | pd.arrays.NumpyExtensionArray):
            return np.concatenate([np.asarray(arr_a), np.asarray(arr_b)])
        if (isinstance(arr_a, pd.api.extensions.ExtensionArray)
                and type(arr_a) is type(arr_b)):
            return type(arr_a)._concat_same_type([arr_a, arr_b])
    return pd.concat([pd.Series(a), pd.Series(b)], ignore_index=True)


def _lookup(index_arrays: list, query_arrays: list) -> np.ndarray:
    """Position of each query key tuple among the (unique) index key tuples, −1 if absent."""
    n_index, n_query = len(index_arrays[0]), len(query_arrays[0])
    if n_query == 0:
        return np.zeros(0, dtype=np.int64)
    if n_index == 0:
        return np.full(n_query, -1, dtype=np.int64)
    key = _codes(*(_concat(a, b) for a, b in zip(index_arrays, query_arrays, strict=True)))
    return pd.Index(key[:n_index]).get_indexer(key[n_index:]).astype(np.int64)


@dataclass
class Prepared:
    """Roster and nominations reduced to integer codes (internal; also used by network).

    ros: roster rows (deduplicated, classes contiguous, pupil index = row position) with
    ``cidx``. classes: wave_id, class_id per class index. questions: question ids per
    question code. Per nomination row (rows of classes not on the roster are dropped):
    ``n_cidx``, ``n_q``, ``rater`` (pupil index, −1 = not on the roster or absent),
    ``target`` (pupil index, −1 = nobody / not on the class roster) and ``kind``.
    """

    ros: pd.DataFrame
    cidx: np.ndarray
    classes: pd.DataFrame
    wave_of_class: np.ndarray
    questions: pd.Index
    n_cidx: np.ndarray
    n_q: np.ndarray
    rater: np.ndarray
    target: np.ndarray
    kind: np.ndarray


def _prepare(nominations: pd.DataFrame, roster: pd.DataFrame) -> Prepared:
    """Label every nomination row (valid, self, nonparticipant, nobody, bad rater)."""
    # (row selections are skipped when they would keep everything: pandas indexing has a
    # fixed cost that dominates for a single class)
    ros = roster if tuple(roster.columns) == ROSTER else roster[list(ROSTER)]
    unique = ~pd.Index(_codes(ros["wave_id"], ros["class_id"], ros["pupil_id"])).duplicated()
    if not unique.all():
        ros = ros.loc[unique]
    cidx = pd.factorize(_codes(ros["wave_id"], ros["class_id"]))[0].astype(np.int64)
    order = np.argsort(cidx, kind="stable")  # classes contiguous, roster order inside
    if len(order) and (np.diff(order) != 1).any():
        ros = ros.iloc[order]
        cidx = cidx[order]
    ros = ros.reset_index(drop=True)
    ros["present"] = ros["present"].fillna(False).astype(bool)
    first = np.flatnonzero(np.r_[True, cidx[1:] != cidx[:-1]]) if len(cidx) else cidx
    classes = pd.DataFrame({c: ros[c].array.take(first) for c in ("wave_id", "class_id")})
    wave_of_class = pd.factorize(classes["wave_id"])[0].astype(np.int64)

    noms = (nominations if tuple(nominations.columns) == NOMINATIONS
            else nominations[list(NOMINATIONS)])
    wave = _align(noms["wave_id"], ros["wave_id"])
    klass = _align(noms["class_id"], ros["class_id"])
    n_cidx = _lookup([classes["wave_id"], classes["class_id"]], [wave, klass])
    keep = n_cidx >= 0
    if not keep.all():
        noms = noms.loc[keep]
        n_cidx = n_cidx[keep]
    q_codes, questions = pd.factorize(noms["question_id"])
    pupil_keys = [cidx, ros["pupil_id"]]
    rater = _lookup(pupil_keys, [n_cidx, _align(noms["rater_id"], ros["pupil_id"])])
    present = ros["present"].to_numpy(bool)
    rater = np.where((rater >= 0) & present[np.maximum(rater, 0)], rater, -1)
    nobody = noms["target_id"].isna().to_numpy()
    target = np.full(len(noms), -1, dtype=np.int64)
    if (~nobody).any():
        tgt = _align(noms["target_id"][~nobody], ros["pupil_id"])
        target[~nobody] = _lookup(pupil_keys, [n_cidx[~nobody], tgt])
    kind = np.select(
        [rater < 0, nobody, target < 0, target == rater],
        [BAD_RATER, NOBODY, NONPARTICIPANT, SELF],
        default=VALID,
    ).astype(np.int8)
    # an identical (wave, class, question, rater, target) row counts once
    raw_rater = pd.factorize(noms["rater_id"])[0]
    raw_target = pd.factorize(noms["target_id"], use_na_sentinel=True)[0]
    sel = ~pd.Index(_codes(n_cidx, q_codes, raw_rater, raw_target)).duplicated()
    return Prepared(
        ros=ros, cidx=cidx, classes=classes, wave_of_class=wave_of_class,
        questions=pd.Index(questions), n_cidx=n_cidx[sel], n_q=q_codes[sel].astype(np.int64),
        rater=rater[sel], target=target[sel], kind=kind[sel],
    )


def _group_standardise(values: np.ndarray, group: np.ndarray, n_groups: int, ddof: int) -> np.ndarray:
    """z-score ``values`` within integer groups (NaN ignored; 0 when SD is 0 or undefined)."""
    ok = ~np.isnan(values)
    g = group[ok]
    x = values[ok]
    n = np.bincount(g, minlength=n_groups).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(g, weights=x, minlength=n_groups) / n
        ss = np.bincount(g, weights=(x - mean[g]) ** 2, minlength=n_groups)
        sd = np.sqrt(ss / (n - ddof))
    sd_v = sd[group]
    flat = ~(sd_v > 1e-12)
    z = np.where(flat, 0.0, (values - mean[group]) / np.where(flat, 1.0, sd_v))
    return np.where(ok, z, np.nan)


# --------------------------------------------------------------------------------------
# main entry point
# --------------------------------------------------------------------------------------

KINDS = ("liking", "disliking", "teacher_likes", "teacher_angry")


def _chosen_questions(questions: pd.DataFrame, prep: Prepared, asked: np.ndarray) -> np.ndarray:
    """Question code per wave × kind (KINDS order), −1 when the wave did not ask one.

    When a wave asked several questions of one kind, the first in QUESTIONS order is used.
    """
    n_waves = asked.shape[0]
    chosen = np.full((n_waves, len(KINDS)), -1, dtype=np.int64)
    code_of = {qid: code for code, qid in enumerate(prep.questions.tolist())}
    for qid, kind in zip(questions["question_id"].tolist(), questions["kind"].tolist(), strict=True):
        code = code_of.get(qid)
        if code is None or kind not in KINDS:
            continue
        k = KINDS.index(kind)
        free = (chosen[:, k] < 0) & asked[:, code]
        chosen[free, k] = code
    return chosen


def sociometry(
    nominations: pd.DataFrame,
    roster: pd.DataFrame,
    questions: pd.DataFrame,
    settings: SociometrySettings | None = None,
    *,
    prepared: Prepared | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Peer-nomination scores for every pupil of the roster.

    Returns ``(per_pupil_question, per_pupil, per_class)`` with the columns
    ``PUPIL_QUESTION_COLUMNS``, ``PUPIL_COLUMNS`` and ``CLASS_COLUMNS``:

    - per_pupil_question: one row per roster pupil × question asked in the pupil's wave
      (asked = the question has at least one nomination row in that wave).
    - per_pupil: one row per roster pupil (wave × class × pupil). ``lm_*`` use the
      question of kind 'liking', ``ll_*`` the one of kind 'disliking'; when a wave did not
      ask a disliking question, ll columns, SP, SI and both status groups are NaN.
      ``participation_rate``/``low_participation`` are those of the liking question.
      ``teacher_likes_share``/``teacher_angry_share`` are the proportions of the
      'teacher_likes'/'teacher_angry' questions (NaN when not asked). Counts are floats
      (NaN when the question was not asked).
    - per_class: one row per class × question asked in the class's wave, with the
      counts of rows ignored (self-nominations, targets not on the class roster, raters not
      on the roster or marked absent) and of participants who answered "nobody".

    ``prepared``: ``_prepare(nominations, roster)`` of these same frames, when the caller
    already has it (the pipeline shares one with ``network_measures``).
    """
    settings = settings or SociometrySettings()
    require_columns(nominations, NOMINATIONS, "nominations")
    require_columns(roster, ROSTER, "roster")
    require_columns(questions, QUESTIONS, "questions")
    prep = prepared if prepared is not None else _prepare(nominations, roster)
    ros, cidx = prep.ros, prep.cidx
    n_p, n_c, n_q = len(ros), len(prep.classes), len(prep.questions)
    n_w = int(prep.wave_of_class.max()) + 1 if n_c else 0
    class_size = np.bincount(cidx, minlength=n_c)

    # which questions each wave asked
    asked = np.zeros((n_w, n_q), dtype=bool)
    asked[prep.wave_of_class[prep.n_cidx], prep.n_q] = True
    asked_cq = asked[prep.wave_of_class] if n_c else np.zeros((0, n_q), dtype=bool)

    # ---- per class × question counts ------------------------------------------------
    cq = prep.n_cidx * n_q + prep.n_q
    size_cq = n_c * n_q

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(cq[mask], minlength=size_cq).reshape(n_c, n_q)

    ok_rater = prep.rater >= 0
    part_key = np.unique(prep.rater[ok_rater] * n_q + prep.n_q[ok_rater])
    took_part = np.zeros((n_p, n_q), dtype=np.int64)
    took_part.reshape(-1)[part_key] = 1
    n_nom = np.zeros((n_c, n_q), dtype=np.int64)
    if n_p:
        np.add.at(n_nom, cidx, took_part)
    nobody_key = np.unique(prep.rater[prep.kind == NOBODY] * n_q + prep.n_q[prep.kind == NOBODY])
    nobody_p = np.zeros(n_p * n_q, dtype=np.int64)
    nobody_p[nobody_key] = 1
    n_nobody = np.zeros((n_c, n_q), dtype=np.int64)
    if n_p:
        np.add.at(n_nobody, cidx, nobody_p.reshape(n_p, n_q))
    valid = prep.kind == VALID
    n_valid = count(valid)

    # ---- per pupil × question -------------------------------------------------------
    received = np.bincount(
        prep.target[valid] * n_q + prep.n_q[valid], minlength=n_p * n_q
    ).reshape(n_p, n_q)
    nominators = n_nom[cidx] - took_part
    with np.errstate(invalid="ignore", divide="ignore"):
        proportion = np.where(nominators > 0, received / np.maximum(nominators, 1), np.nan)
    group = (cidx[:, None] * n_q + np.arange(n_q)[None, :]).reshape(-1)
    z = _group_standardise(proportion.reshape(-1), group, size_cq, settings.z_ddof).reshape(
        n_p, n_q
    )
    # binomial p of the Newcomb–Bukowski model per class × question
    with np.errstate(invalid="ignore", divide="ignore"):
        k_bar = (
            n_valid / np.where(n_nom > 0, n_nom, np.nan)
            if settings.nb_max_choices is None
            else np.full((n_c, n_q), float(settings.nb_max_choices))
        )
        slots = np.where(class_size > 1, class_size - 1, np.nan)[:, None]
        nb_p = np.minimum(k_bar / slots, 1.0)

    def ids(frame: pd.DataFrame, rows: np.ndarray, cols: tuple[str, ...]) -> dict[str, object]:
        return {c: frame[c].array.take(rows) for c in cols}

    def qids(codes: np.ndarray) -> pd.Series:
        return pd.Series(prep.questions.take(codes), dtype=prep.questions.dtype)

    id_cols = ("wave_id", "class_id", "pupil_id")
    p_rows, q_rows = np.nonzero(asked_cq[cidx]) if n_p else (np.zeros(0, int), np.zeros(0, int))
    ppq = pd.DataFrame({
        **ids(ros, p_rows, id_cols),
        "question_id": qids(q_rows),
        "received": received[p_rows, q_rows],
        "nominators": nominators[p_rows, q_rows],
        "proportion": proportion[p_rows, q_rows],
        "z": z[p_rows, q_rows],
    })

    # ---- per class ------------------------------------------------------------------
    c_rows, cq_rows = np.nonzero(asked_cq)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = n_nom / np.where(class_size > 0, class_size, np.nan)[:, None]
    low = ~(rate >= settings.min_participation)
    per_class = pd.DataFrame({
        **ids(prep.classes, c_rows, ("wave_id", "class_id")),
        "n_pupils": class_size[c_rows],
        "question_id": qids(cq_rows),
        "n_nominators": n_nom[c_rows, cq_rows],
        "participation_rate": rate[c_rows, cq_rows],
        "low_participation": low[c_rows, cq_rows],
        "ignored_self": count(prep.kind == SELF)[c_rows, cq_rows],
        "ignored_nonparticipant": count(prep.kind == NONPARTICIPANT)[c_rows, cq_rows],
        "ignored_rater": count(prep.kind == BAD_RATER)[c_rows, cq_rows],
        "n_nobody": n_nobody[c_rows, cq_rows],
    })

    # ---- per pupil (wide) -----------------------------------------------------------
    chosen = _chosen_questions(questions, prep, asked)
    q_of = chosen[prep.wave_of_class[cidx]] if n_p else np.zeros((0, len(KINDS)), np.int64)
    rows = np.arange(n_p)

    def pick(values: np.ndarray, kind: int) -> np.ndarray:
        q = q_of[:, kind]
        if values.shape[1] == 0:
            return np.full(n_p, np.nan)
        return np.where(q >= 0, values[rows, np.maximum(q, 0)].astype(float), np.nan)

    def pick_class(values: np.ndarray, kind: int) -> np.ndarray:
        q = q_of[:, kind]
        if values.shape[1] == 0:
            return np.full(n_p, np.nan)
        return np.where(q >= 0, values[cidx, np.maximum(q, 0)].astype(float), np.nan)

    cols: dict[str, object] = {
        "lm_received": pick(received, 0), "ll_received": pick(received, 1),
        "lm_nominators": pick(nominators, 0), "ll_nominators": pick(nominators, 1),
        "lm_prop": pick(proportion, 0), "ll_prop": pick(proportion, 1),
        "z_lm": pick(z, 0), "z_ll": pick(z, 1),
    }
    ddof = settings.z_ddof
    cols["social_preference"] = _group_standardise(cols["z_lm"] - cols["z_ll"], cidx, n_c, ddof)
    cols["social_impact"] = _group_standardise(cols["z_lm"] + cols["z_ll"], cidx, n_c, ddof)
    cols["status_cd"] = _status_cd(cols, settings)
    cols.update(_status_nb(cols, pick_class(nb_p, 0), pick_class(nb_p, 1), settings))
    cols["participation_rate"] = pick_class(rate, 0)
    low_lm = pick_class(low.astype(float), 0)
    cols["low_participation"] = pd.array(
        [pd.NA if np.isnan(v) else bool(v) for v in low_lm], dtype="boolean"
    )
    cols["teacher_likes_share"] = pick(proportion, 2)
    cols["teacher_angry_share"] = pick(proportion, 3)
    pupils = pd.DataFrame({**ids(ros, rows, id_cols), **cols})
    return (
        _in_order(ppq, PUPIL_QUESTION_COLUMNS),
        _in_order(pupils, PUPIL_COLUMNS),
        _in_order(per_class, CLASS_COLUMNS),
    )


def _in_order(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame.loc[:, list(columns)]``, skipped when the columns are already exactly those."""
    return frame if tuple(frame.columns) == columns else frame.loc[:, list(columns)]


def _status_cd(p: dict, s: SociometrySettings) -> np.ndarray:
    """Coie, Dodge & Coppotelli (1982) groups; NaN where SP or SI is undefined."""
    sp, si = p["social_preference"], p["social_impact"]
    zlm, zll = p["z_lm"], p["z_ll"]
    tp, ti = s.cd_preference_threshold, s.cd_impact_threshold
    neglected_lm = zlm < 0 if s.cd_neglected == "z" else p["lm_received"] == 0
    if s.cd_average_band is None:
        rest: object = "average"
    else:
        rest = np.where(np.abs(sp) < s.cd_average_band, "average", "unclassified")
    with np.errstate(invalid="ignore"):
        groups = np.select(
            [
                (sp > tp) & (zlm > 0) & (zll < 0),
                (sp < -tp) & (zll > 0) & (zlm < 0),
                (si < -ti) & neglected_lm & (zll < 0),
                (si > ti) & (zlm > 0) & (zll > 0),
            ],
            ["popular", "rejected", "neglected", "controversial"],
            default=rest,
        ).astype(object)
    groups[np.isnan(sp) | np.isnan(si)] = np.nan
    return groups


#: Most cells of one probability table at a time (about 16 MB of float64).
_NB_CELLS = 2_000_000


def _nb_tails(n_lm, n_ll, p_lm, p_ll, x_lm, x_ll) -> tuple[np.ndarray, ...]:
    """P(LM >= x_lm), P(LL >= x_ll) and P(LM + LL <= x_lm + x_ll) per row.

    Rows are taken in groups of the same table width (the row's own number of nominators
    + 1) and at most ``_NB_CELLS`` cells, so memory follows each class's own size: one
    class of 2,000 beside 200,000 pupils in small classes does not make every row 2,001
    wide. The figures are the same as with one table for all rows (a row's probabilities
    beyond its own n are 0)."""
    n_lm, n_ll, p_lm, p_ll, x_lm, x_ll = (np.asarray(a, dtype=float)
                                          for a in (n_lm, n_ll, p_lm, p_ll, x_lm, x_ll))
    rows = len(n_lm)
    out = [np.full(rows, np.nan) for _ in range(3)]
    need = np.nan_to_num(np.fmax(n_lm, n_ll), nan=0.0).astype(np.int64) + 1
    for width in np.unique(need):
        idx = np.flatnonzero(need == width)
        step = max(1, _NB_CELLS // int(width))
        for chunk in (idx[i:i + step] for i in range(0, len(idx), step)):
            pmf_lm = binomial_pmf(n_lm[chunk], p_lm[chunk], int(width) - 1)
            pmf_ll = binomial_pmf(n_ll[chunk], p_ll[chunk], int(width) - 1)
            out[0][chunk] = _upper_tail(pmf_lm, x_lm[chunk])
            out[1][chunk] = _upper_tail(pmf_ll, x_ll[chunk])
            out[2][chunk] = _sum_lower_tail(pmf_lm, pmf_ll, x_lm[chunk] + x_ll[chunk])
    return tuple(out)


def _status_nb(
    p: dict, p_lm: np.ndarray, p_ll: np.ndarray, s: SociometrySettings
) -> dict[str, np.ndarray]:
    """Newcomb & Bukowski (1983) binomial groups and the tail probabilities they rest on.

    LM ~ Binomial(lm_nominators, p_lm), LL ~ Binomial(ll_nominators, p_ll); impact LM + LL
    is the convolution of the two (independence assumed). "Significantly high" means
    P(X >= observed) < alpha, "significantly low" P(X <= observed) < alpha. Rules are tried
    in the order popular, rejected, neglected, controversial; the rest is average.
    """
    n_lm, n_ll = p["lm_nominators"], p["ll_nominators"]
    x_lm, x_ll = p["lm_received"], p["ll_received"]
    with np.errstate(invalid="ignore"):
        defined = (n_lm > 0) & (n_ll > 0) & np.isfinite(p_lm) & np.isfinite(p_ll)
    n_lm = np.where(defined, n_lm, np.nan)
    n_ll = np.where(defined, n_ll, np.nan)
    p_lm_high, p_ll_high, p_si_low = _nb_tails(n_lm, n_ll, p_lm, p_ll,
                                               np.where(defined, x_lm, np.nan),
                                               np.where(defined, x_ll, np.nan))
    e_lm, e_ll = n_lm * p_lm, n_ll * p_ll
    with np.errstate(invalid="ignore"):
        lm_high, ll_high = p_lm_high < s.nb_alpha, p_ll_high < s.nb_alpha
        groups = np.select(
            [
                lm_high & (x_ll < e_ll),
                ll_high & (x_lm < e_lm),
                p_si_low < s.nb_alpha,
                (lm_high & (x_ll > e_ll)) | (ll_high & (x_lm > e_lm)),
            ],
            ["popular", "rejected", "neglected", "controversial"],
            default="average",
        ).astype(object)
    groups[~defined] = np.nan
    return {"status_nb": groups, "nb_p_lm_high": p_lm_high, "nb_p_ll_high": p_ll_high,
            "nb_p_impact_low": p_si_low}
