"""The fast paths of the analysis steps give exactly the frames of the general paths.

The speed-ups of the one-class pipeline (key lookups instead of pandas merges, one groupby on
integer codes instead of several grouped transforms, frames built at once) each keep the
original, general code next to them for the input shapes they do not handle. These tests
run both on data from ``sample_data.generator.generate_classes`` — also perturbed: missing
scores, pupils without teacher or child data, duplicate rows, string ids, ids of different
types — and require identical frames (``check_exact``: same values, dtypes, order, index).
Where the old code was replaced outright (``risk._wide_pct``, the assembly of
``scoring.cronbach_alpha``, ``sociometry._concat``), a copy of the old code below is the
reference. No timing is asserted here; ``bench/analysis_scale.py`` measures speed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import agreement as agreement_mod
from analysis import change as change_mod
from analysis import norms as norms_mod
from analysis import risk as risk_mod
from analysis import scoring
from analysis import sociometry as sociometry_mod
from analysis.pipeline import AnalysisResult, analyse, default_keys, default_questions
from sample_data.generator import generate_classes

SHAPES = [(1, 25, 2, 1), (3, 14, 3, 7), (4, 9, 2, 11)]  # classes, pupils, waves, seed


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@pytest.fixture(scope="module", params=SHAPES, ids=lambda s: "x".join(map(str, s)))
def case(request):
    """(generated data, its AnalysisResult, a seeded random generator)."""
    n, pupils, waves, seed = request.param
    data = generate_classes(n, pupils, waves, seed)
    result = analyse(data.roster, data.nominations, default_questions(),
                     data.teacher_answers, data.child_answers)
    return data, result, np.random.default_rng(seed)


def _with_nan(frame: pd.DataFrame, column: str, rng: np.random.Generator,
              share: float) -> pd.DataFrame:
    values = frame[column].to_numpy(dtype=float)
    return frame.assign(**{column: np.where(rng.random(len(frame)) < share, np.nan, values)})


def _score_variants(scores: pd.DataFrame, roster: pd.DataFrame, rng: np.random.Generator):
    """(name, scores, roster) shapes that reach both the fast and the general paths."""
    str_ids = {"pupil_id": lambda f: f["pupil_id"].astype(str)}
    yield "full", scores, roster
    yield "missing scores", _with_nan(scores, "score", rng, 0.2), roster
    yield "part of the roster", scores, roster.sample(frac=0.7, random_state=1)
    yield "teacher only", scores[scores["informant"] == "teacher"], roster
    yield "duplicate rows", pd.concat([scores, scores.iloc[:3].assign(score=1.0)]), roster
    yield "string ids", scores.assign(**str_ids), roster.assign(**str_ids)
    yield "two pupils", scores[scores["pupil_id"].isin(scores["pupil_id"].unique()[:2])], roster


# ------------------------------------------------------------------------ agreement


def test_agreement_fast_equals_general(case):
    data, result, rng = case
    for _name, scores, roster in _score_variants(result.scores, data.roster, rng):
        ros = roster[["wave_id", "pupil_id", "class_id"]].drop_duplicates(["wave_id", "pupil_id"])
        s = scores[["wave_id", "pupil_id", "informant", "dimension", "score"]]
        for threshold in (0.5, 1.0):
            general = agreement_mod._agreement_general(s, ros, threshold, ("conflict",
                                                                            "dependency"))
            fast = agreement_mod._agreement_fast(s, ros, threshold, ("conflict", "dependency"))
            public = agreement_mod.agreement(scores, roster, threshold)
            if fast is not None:
                _same(fast[0], general[0])
                _same(fast[1], general[1])
            _same(public[0], general[0])
            _same(public[1], general[1])
    # the common shape really takes the fast path
    ros = data.roster[["wave_id", "pupil_id", "class_id"]]
    assert agreement_mod._agreement_fast(result.scores[list(("wave_id", "pupil_id", "informant",
                                                              "dimension", "score"))],
                                         ros, 0.5, ("conflict",)) is not None


# ------------------------------------------------------------------------ change


def test_change_lookups_equal_merges(case, monkeypatch):
    data, result, rng = case
    waves = sorted(pd.unique(data.roster["wave_id"]).tolist())
    one_alpha = result.alphas.drop(columns="wave_id").drop_duplicates(["informant", "dimension"])
    variants = list(_score_variants(result.scores, data.roster, rng))
    fast = {}
    for name, scores, _ in variants:
        for alphas in (result.alphas, one_alpha):
            fast[name, len(alphas)] = _call(change_mod.change, scores, alphas, waves)
    monkeypatch.setattr(change_mod, "_change_fast", lambda *a: None)
    for name, scores, _ in variants:
        for alphas in (result.alphas, one_alpha):
            _same_or_same_error(fast[name, len(alphas)],
                                _call(change_mod.change, scores, alphas, waves))


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except (ValueError, TypeError) as error:
        return error


def _same_or_same_error(a, b) -> None:
    if isinstance(a, Exception) or isinstance(b, Exception):
        assert type(a) is type(b) and str(a) == str(b)
    elif isinstance(a, tuple):
        for x, y in zip(a, b, strict=True):
            _same(x, y)
    else:
        _same(a, b)


# ------------------------------------------------------------------------ percentiles


def test_percentiles_lookup_equals_merge(case, monkeypatch):
    data, result, rng = case
    variants = list(_score_variants(result.scores, data.roster, rng))
    fast = [_call(norms_mod.percentiles, s, r, wave_reference=result.scores)
            for _, s, r in variants]
    fast_class = [_call(norms_mod.percentiles, s, r) for _, s, r in variants]
    monkeypatch.setattr(norms_mod, "_inner_on_roster", lambda *a: None)
    for (_, s, r), f, fc in zip(variants, fast, fast_class, strict=True):
        _same_or_same_error(f, _call(norms_mod.percentiles, s, r, wave_reference=result.scores))
        _same_or_same_error(fc, _call(norms_mod.percentiles, s, r))


# ------------------------------------------------------------------------ double risk


def _wide_pct_reference(frame, informant, settings, prefix):
    """risk._wide_pct before the speed-up (row filters and merges)."""
    names = (("conflict", settings.conflict_dimension),
             ("closeness", settings.closeness_dimension))
    cols = ["wave_id", "pupil_id", f"{prefix}_class_id"]
    for name, _ in names:
        cols += [f"{prefix}_{name}_pct", f"{prefix}_{name}_reference", f"{prefix}_{name}_n"]
    if frame is None or frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=float if c.endswith("_pct") else object)
                             for c in cols})
    f = frame if "informant" not in frame.columns else frame[frame["informant"] == informant]
    f = f[f["dimension"].isin([dim for _, dim in names])]
    out = f[["wave_id", "pupil_id", *(["class_id"] if "class_id" in f.columns else [])]]
    out = out.drop_duplicates(["wave_id", "pupil_id"]).rename(
        columns={"class_id": f"{prefix}_class_id"})
    for name, dim in names:
        d = f[f["dimension"] == dim].drop_duplicates(["wave_id", "pupil_id"])
        part = pd.DataFrame({
            "wave_id": d["wave_id"].to_numpy(),
            "pupil_id": d["pupil_id"].to_numpy(),
            f"{prefix}_{name}_pct": d["percentile"].to_numpy(dtype=float),
            f"{prefix}_{name}_reference": (d["reference"].to_numpy() if "reference" in d
                                           else None),
            f"{prefix}_{name}_n": d["reference_n"].to_numpy() if "reference_n" in d else None,
        })
        out = out.merge(part, on=["wave_id", "pupil_id"], how="left")
    for c in cols:
        if c not in out.columns:
            out[c] = None
    return out[cols]


def _risk_variants(result: AnalysisResult, rng: np.random.Generator):
    pct = result.percentiles
    tp, cp = pct[pct["informant"] == "teacher"], pct[pct["informant"] == "child"]
    sp = result.sociometry_pupils
    str_ids = {"pupil_id": lambda f: f["pupil_id"].astype(str)}
    yield "full", tp, sp, cp
    yield "whole percentile frame", pct, sp, pct
    yield "some teacher rows", tp.sample(frac=0.7, random_state=2), sp, cp
    yield "some child rows", tp, sp, cp.sample(frac=0.5, random_state=3)
    yield "some sociometry rows", tp, sp.sample(frac=0.8, random_state=4), cp
    yield "no child", tp, sp, None
    yield "no teacher", tp.iloc[:0], sp, cp
    yield "duplicate rows", pd.concat([tp, tp.iloc[:5].assign(percentile=99.0)]), sp, cp
    yield "no informant column", tp.drop(columns="informant"), sp, cp.drop(columns="informant")
    yield "no reference columns", tp.drop(columns=["reference", "reference_n"]), sp, cp
    yield "missing percentiles", _with_nan(tp, "percentile", rng, 0.3), sp, cp
    yield "only dependency", tp[tp["dimension"] == "dependency"], sp, cp
    yield "string ids", tp.assign(**str_ids), sp.assign(**str_ids), cp.assign(**str_ids)


def test_wide_pct_equals_reference(case):
    _, result, rng = case
    settings = risk_mod.RiskSettings()
    for _, tp, _, cp in _risk_variants(result, rng):
        _same(risk_mod._wide_pct(tp, "teacher", settings, "teacher"),
              _wide_pct_reference(tp, "teacher", settings, "teacher"))
        _same(risk_mod._wide_pct(cp, "child", settings, "child"),
              _wide_pct_reference(cp, "child", settings, "child"))


def test_double_risk_lookups_equal_merges(case, monkeypatch):
    _, result, rng = case
    variants = list(_risk_variants(result, rng))
    fast = {(name, lang): _call(risk_mod.double_risk, tp, sp, cp, language=lang)
            for name, tp, sp, cp in variants for lang in ("nl", "en")}
    monkeypatch.setattr(risk_mod, "_columns_fast", lambda *a: None)
    for name, tp, sp, cp in variants:
        for lang in ("nl", "en"):
            _same_or_same_error(fast[name, lang],
                                _call(risk_mod.double_risk, tp, sp, cp, language=lang))


def test_double_risk_ignores_other_informant_rows(case):
    """The pipeline passes the whole percentile frame for both informants."""
    _, result, _ = case
    pct, sp = result.percentiles, result.sociometry_pupils
    _same(risk_mod.double_risk(pct, sp, pct),
          risk_mod.double_risk(pct[pct["informant"] == "teacher"], sp,
                               pct[pct["informant"] == "child"]))


# ------------------------------------------------------------------------ scoring


def _alphas_reference(answers, key, group_cols, informant):
    """cronbach_alpha before the speed-up (one frame per dimension, then pd.concat)."""
    group_cols = list(group_cols)
    kd = scoring._Keyed(answers, key, [*group_cols, "pupil_id"])
    out_cols = [*group_cols, *(["informant"] if informant else []), "dimension",
                "alpha", "n_items", "n_pupils"]
    unit_group, groups = scoring._unit_codes(kd.units, group_cols)
    n_groups = len(groups)
    wide = np.full((len(kd.units), len(kd.items)), np.nan)
    wide[kd.unit, kd.pos] = kd.keyed
    frames = []
    for d, dim in enumerate(kd.dims):
        cols = np.flatnonzero(kd.item_dim == d)
        k = len(cols)
        sub = wide[:, cols]
        complete = ~np.isnan(sub).any(axis=1)
        sub, g = sub[complete], unit_group[complete]
        n, total_var = scoring._group_var(sub.sum(axis=1), g, n_groups)
        item_var = np.zeros(n_groups)
        for c in range(k):
            item_var += scoring._group_var(sub[:, c], g, n_groups)[1]
        ok = (n >= 2) & (k >= 2) & (total_var > 1e-12)
        ratio = np.full(n_groups, np.nan)
        np.divide(item_var, total_var, out=ratio, where=ok)
        alpha = k / (k - 1) * (1 - ratio) if k >= 2 else ratio
        part = groups.copy()
        part["dimension"] = dim
        part["alpha"] = np.where(ok, alpha, np.nan)
        part["n_items"] = k
        part["n_pupils"] = n.astype("int64")
        frames.append(part)
    result = pd.concat(frames, ignore_index=True)
    if informant:
        result["informant"] = informant
    return result[out_cols]


def test_scores_and_alphas_equal_separate_calls(case):
    data, _, rng = case
    teacher_key, child_key = default_keys()
    for answers, key, informant in ((data.teacher_answers, teacher_key, "teacher"),
                                    (data.child_answers, child_key, "child")):
        with_class = answers.merge(data.roster[["wave_id", "pupil_id", "class_id"]],
                                   on=["wave_id", "pupil_id"])
        for frame in (answers, answers.sample(frac=0.85, random_state=5),
                      _with_nan(answers, "value", rng, 0.1)):
            scores, alphas = scoring.scores_and_alphas(frame, key, informant, 0.8)
            _same(scores, scoring.scale_scores(frame, key, informant, 0.8))
            _same(alphas, scoring.cronbach_alpha(frame, key, ("wave_id",), informant))
            _same(alphas, _alphas_reference(frame, key, ("wave_id",), informant))
            _same(scoring.cronbach_alpha(frame, key, ("wave_id",)),
                  _alphas_reference(frame, key, ("wave_id",), None))
        _same(scoring.cronbach_alpha(with_class, key, ("wave_id", "class_id"), informant),
              _alphas_reference(with_class, key, ("wave_id", "class_id"), informant))


# ------------------------------------------------------------------------ key lookups


def _lookup_reference(index_arrays, query_arrays):
    """sociometry._lookup before the speed-up (every level joined with pd.concat)."""
    n_index = len(index_arrays[0])
    if len(query_arrays[0]) == 0:
        return np.zeros(0, dtype=np.int64)
    if n_index == 0:
        return np.full(len(query_arrays[0]), -1, dtype=np.int64)
    levels = [pd.concat([pd.Series(a), pd.Series(b)], ignore_index=True)
              for a, b in zip(index_arrays, query_arrays, strict=True)]
    key = sociometry_mod._codes(*levels)
    return pd.Index(key[:n_index]).get_indexer(key[n_index:]).astype(np.int64)


@pytest.mark.parametrize("index, query", [
    (pd.Series([3, 1, 2]), pd.Series([2, 5, 3, 3])),
    (np.array([3, 1, 2]), np.array([2.0, 1.0, 7.5])),
    (pd.Series(["a", "b", None], dtype="str"), pd.Series(["b", None, "c"], dtype="str")),
    (pd.Series([1, None, 3], dtype="Int64"), pd.Series([None, 3, 4], dtype="Int64")),
    (pd.Series([1, 2, 3]), pd.Series(["1", "2", 3], dtype=object)),
    (pd.Series(["1", "2"], dtype=object), pd.Series(["2", "1", "x"], dtype="str")),
    (np.array([], dtype=np.int64), np.array([1, 2])),
])
def test_lookup_equals_concat_reference(index, query):
    wave_index = np.zeros(len(index), dtype=np.int64)
    wave_query = np.zeros(len(query), dtype=np.int64)
    np.testing.assert_array_equal(
        sociometry_mod._lookup([wave_index, index], [wave_query, query]),
        _lookup_reference([wave_index, index], [wave_query, query]))


# ------------------------------------------------------------------------ whole pipeline


def test_pipeline_equals_general_paths(case, monkeypatch):
    """analyse with every lookup shortcut switched off gives the same result."""
    data, result, _ = case
    monkeypatch.setattr(agreement_mod, "_agreement_fast", lambda *a: None)
    monkeypatch.setattr(change_mod, "_change_fast", lambda *a: None)
    monkeypatch.setattr(norms_mod, "_inner_on_roster", lambda *a: None)
    monkeypatch.setattr(risk_mod, "_columns_fast", lambda *a: None)
    general = analyse(data.roster, data.nominations, default_questions(),
                      data.teacher_answers, data.child_answers)
    for name in AnalysisResult.__dataclass_fields__:
        if name == "notes":
            assert general.notes == result.notes
        else:
            _same(getattr(result, name), getattr(general, name))


def test_common_shapes_take_the_fast_paths(case):
    """Generated data (the benchmark's shape) never needs the general merge paths."""
    data, result, _ = case
    pct, sp = result.percentiles, result.sociometry_pupils
    soc = sp[list(risk_mod.SOCIOMETRY)]
    assert risk_mod._columns_fast(soc, pct, pct, risk_mod.RiskSettings()) is not None
    ros = data.roster[["wave_id", "pupil_id", "class_id", "gender"]]
    assert norms_mod._inner_on_roster(result.scores, ros) is not None
    waves = sorted(pd.unique(result.scores["wave_id"]).tolist())
    on, a = change_mod._alpha_lookup(result.alphas, result.scores)
    s = result.scores[["wave_id", "pupil_id", "informant", "dimension", "score"]]
    assert change_mod._change_fast(s, a, on, waves) is not None
