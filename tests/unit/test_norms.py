"""Percentiles against norms, the wave or the class: hand-computed examples and invariants."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.norms import (
    NormTableError,
    load_norm_table,
    midrank_percentile,
    norm_percentile,
    percentiles,
)


def scores_frame(values, dimension="conflict", informant="teacher", wave=1, ids=None,
                 n_items=5):
    ids = ids if ids is not None else list(range(len(values)))
    return pd.DataFrame({"wave_id": wave, "pupil_id": ids, "informant": informant,
                         "dimension": dimension, "score": [float("nan") if v is None else v
                                                           for v in values],
                         "n_answered": n_items, "n_items": n_items,
                         "missing": [v is None for v in values]})


def roster_for(ids, wave=1, class_id="A", gender=None):
    return pd.DataFrame({"wave_id": wave, "class_id": class_id, "pupil_id": list(ids),
                         "gender": gender or ["f"] * len(ids), "present": True})


def norm_csv(text: str, **kwargs) -> pd.DataFrame:
    return load_norm_table(io.StringIO(text), **kwargs)


NORMS = """scale,gender,raw_score,percentile
conflict,all,10,40
conflict,all,20,80
conflict,m,10,20
conflict,m,20,60
"""


# --------------------------------------------------------------------------- mid-rank


def test_midrank_percentile_by_hand():
    # reference [1, 2, 2, 3], n = 4
    # 1: (0 below + 0.5 * 1 equal) / 4 = 12.5 ; 2: (1 + 0.5 * 2) / 4 = 50 ;
    # 3: (3 + 0.5 * 1) / 4 = 87.5 ; 2.5 (not in reference): (3 + 0) / 4 = 75
    out = midrank_percentile(np.array([1, 2, 3, 2.5]), np.array([1, 2, 2, 3.0]))
    assert out.tolist() == [12.5, 50.0, 87.5, 75.0]


def test_class_percentiles_are_midranks_within_the_class():
    s = scores_frame([1, 2, 2, 3])
    out = percentiles(s, roster_for(range(4)))
    assert out["percentile"].tolist() == [12.5, 50.0, 50.0, 87.5]
    assert (out["reference"] == "class").all() and (out["reference_n"] == 4).all()
    assert out["class_id"].eq("A").all()


def test_one_pupil_is_at_the_median_and_missing_scores_stay_missing():
    out = percentiles(scores_frame([3.0, None]), roster_for(range(2)))
    assert out["percentile"].iloc[0] == 50.0  # (0 + 0.5 * 1) / 1
    assert math.isnan(out["percentile"].iloc[1])
    assert out["reference"].iloc[1] == "class"  # the group that would be used is stated
    assert out["reference_n"].iloc[0] == 1


def test_pupils_not_on_the_roster_are_dropped():
    out = percentiles(scores_frame([1, 2, 3]), roster_for([0, 1]))
    assert out["pupil_id"].tolist() == [0, 1]
    assert out["percentile"].tolist() == [25.0, 75.0]  # ranks among the 2 consented pupils


def test_classes_are_separate_reference_groups():
    s = scores_frame([1, 2, 1, 2])
    r = pd.concat([roster_for([0, 1], class_id="A"), roster_for([2, 3], class_id="B")])
    out = percentiles(s, r)
    assert out["percentile"].tolist() == [25.0, 75.0, 25.0, 75.0]


# --------------------------------------------------------------------------- wave reference


def test_wave_reference_is_used_before_the_class():
    wave = scores_frame([1, 2, 3, 4, 5], ids=[10, 11, 12, 13, 0])
    out = percentiles(scores_frame([4.0]), roster_for([0]), wave_reference=wave)
    # score 4 among [1..5]: (3 below + 0.5 * 1 equal) / 5 = 70
    assert out["percentile"].iloc[0] == 70.0
    assert out["reference"].iloc[0] == "wave" and out["reference_n"].iloc[0] == 5


def test_wave_reference_without_the_dimension_falls_back_to_class():
    wave = scores_frame([1, 2, 3], dimension="closeness", ids=[5, 6, 7])
    out = percentiles(scores_frame([1, 3]), roster_for([0, 1]), wave_reference=wave)
    assert (out["reference"] == "class").all()


# --------------------------------------------------------------------------- norms


def test_norm_lookup_interpolates_or_takes_the_lower_row():
    t = pd.DataFrame({"raw_score": [10.0, 20.0], "percentile": [40.0, 80.0]})
    raw = np.array([15.0, 5.0, 25.0, 20.0])
    # 15 halfway between 10 and 20 -> 40 + 0.5 * (80 - 40) = 60; outside: clamped
    assert norm_percentile(raw, t).tolist() == [60.0, 40.0, 80.0, 80.0]
    # lower: nearest tabulated raw score at or below (15 -> 10 -> 40); 5 clamps to 40
    assert norm_percentile(raw, t, "lower").tolist() == [40.0, 40.0, 80.0, 80.0]


def test_norms_by_gender_with_all_as_fallback():
    norms = norm_csv(NORMS)
    s = scores_frame([15.0, 15.0, 15.0])
    r = roster_for(range(3), gender=["m", "f", "x"])
    out = percentiles(s, r, norms=norms)
    # boys: 20 + 0.5 * 40 = 40 ; girls and 'x' use the 'all' rows: 40 + 0.5 * 40 = 60
    assert out["percentile"].tolist() == [40.0, 60.0, 60.0]
    assert (out["reference"] == "norms").all() and out["reference_n"].isna().all()


def test_norms_only_for_their_scale_and_informant():
    norms = norm_csv(NORMS)
    s = pd.concat([scores_frame([15.0, 12.0]),
                   scores_frame([1.0, 2.0], dimension="closeness"),
                   scores_frame([15.0, 11.0], informant="child")])
    out = percentiles(s, roster_for(range(2)), norms=norms)
    ref = out.set_index(["informant", "dimension", "pupil_id"])["reference"]
    assert ref[("teacher", "conflict", 0)] == "norms"
    assert ref[("teacher", "closeness", 0)] == "class"
    assert ref[("child", "conflict", 0)] == "class"  # norms were loaded as teacher norms


def test_sum_metric_looks_up_mean_times_items():
    norms = norm_csv("scale,gender,raw_score,percentile,n\nconflict,all,10,40,500\n"
                     "conflict,all,20,80,500\n", metric="sum")
    out = percentiles(scores_frame([3.0], n_items=5), roster_for([0]), norms=norms)
    # mean 3 × 5 items = sum 15 -> 60 ; table n reported as reference size
    assert out["percentile"].iloc[0] == 60.0 and out["reference_n"].iloc[0] == 500


def test_load_norm_table_normalises_and_sorts():
    t = norm_csv("Scale, Gender ,raw_score,percentile\nConflict,ALL,20,80\nconflict,all,10,40\n")
    assert t["scale"].tolist() == ["conflict", "conflict"]
    assert t["raw_score"].tolist() == [10.0, 20.0]
    assert (t["informant"] == "teacher").all() and (t["metric"] == "mean").all()


@pytest.mark.parametrize(
    "text, message",
    [
        ("scale,gender,raw_score\nconflict,all,1\n", "missing column"),
        ("scale,gender,raw_score,percentile\n", "no rows"),
        ("scale,gender,raw_score,percentile\nconflict,all,ten,40\n", "line 2: raw_score"),
        ("scale,gender,raw_score,percentile\nconflict,all,10,140\n", "0..100"),
        ("scale,gender,raw_score,percentile\nconflict,boys,10,40\n", "gender"),
        ("scale,gender,raw_score,percentile\nconflict,all,10,40\nconflict,all,10,50\n",
         "twice"),
        ("scale,gender,raw_score,percentile\nconflict,all,10,40\nconflict,all,20,30\n",
         "decreases"),
        ("scale,gender,raw_score,percentile,informant\nconflict,all,10,40,parent\n",
         "informant"),
    ],
)
def test_load_norm_table_errors_are_clear(text, message):
    with pytest.raises(NormTableError, match=message):
        norm_csv(text)


def test_empty_scores_give_empty_output():
    out = percentiles(scores_frame([]), roster_for([]), norms=norm_csv(NORMS),
                      wave_reference=scores_frame([]))
    assert out.empty and {"percentile", "reference", "reference_n"} <= set(out.columns)


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(1, 5)), min_size=1, max_size=12),
       st.randoms(use_true_random=False))
def test_class_percentiles_are_bounded_and_permutation_invariant(values, rnd):
    ids = list(range(len(values)))
    out = percentiles(scores_frame(values, ids=ids), roster_for(ids))
    p = out["percentile"].dropna()
    assert ((p > 0) & (p < 100)).all()
    assert out["percentile"].isna().tolist() == [v is None for v in values]
    shuffled = ids[:]
    rnd.shuffle(shuffled)
    # pupil shuffled[i] now has the score pupil i had: same percentile
    out2 = percentiles(scores_frame(values, ids=shuffled), roster_for(shuffled))
    by_pupil = dict(zip(out2["pupil_id"], out2["percentile"], strict=True))
    np.testing.assert_array_equal(out["percentile"].to_numpy(),
                                  np.array([by_pupil[shuffled[i]] for i in ids]))
    # the mean of mid-rank percentiles of a full group is exactly 50
    if len(p):
        assert p.mean() == pytest.approx(50.0)


def test_unknown_gender_uses_the_all_rows():
    norms = norm_csv(NORMS)
    r = roster_for(range(2), gender=["m", None])
    out = percentiles(scores_frame([15.0, 15.0]), r, norms=norms)
    assert out["percentile"].tolist() == [40.0, 60.0]


def test_hand_made_norm_frame_defaults_to_teacher_item_means():
    norms = pd.DataFrame({"scale": "conflict", "gender": "all", "raw_score": [1.0, 5.0],
                          "percentile": [0.0, 100.0]})
    out = percentiles(scores_frame([2.0]), roster_for([0]), norms=norms)
    assert out["percentile"].iloc[0] == 25.0 and out["reference"].iloc[0] == "norms"


def test_all_equal_scores_sit_at_the_median():
    # 3 equal scores: (0 below + 0.5 * 3 equal) / 3 = 50 for everyone
    out = percentiles(scores_frame([2.0, 2.0, 2.0]), roster_for(range(3)))
    assert out["percentile"].tolist() == [50.0, 50.0, 50.0]
