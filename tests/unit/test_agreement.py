"""Teacher–child agreement: z-scores within class, sign of 'more positive', correlations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.agreement import agreement


def scores(teacher, child, dimension="closeness", ids=None, wave=1):
    ids = ids if ids is not None else list(range(len(teacher)))
    rows = []
    for inf, values in (("teacher", teacher), ("child", child)):
        for p, v in zip(ids, values, strict=True):
            rows.append((wave, p, inf, dimension, np.nan if v is None else float(v)))
    return pd.DataFrame(rows, columns=["wave_id", "pupil_id", "informant", "dimension",
                                       "score"])


def roster(ids, class_id="A", wave=1):
    return pd.DataFrame({"wave_id": wave, "class_id": class_id, "pupil_id": list(ids),
                         "gender": "f", "present": True})


# teacher [1, 2, 3]: mean 2, SD 1 -> z [-1, 0, 1]; child [3, 2, 1] -> z [1, 0, -1]
# difference = z_teacher - z_child = [-2, 0, 2]
TEACHER, CHILD = [1, 2, 3], [3, 2, 1]


def test_closeness_higher_teacher_score_means_teacher_more_positive():
    per_pupil, per_class = agreement(scores(TEACHER, CHILD), roster(range(3)))
    assert per_pupil["z_teacher"].tolist() == [-1.0, 0.0, 1.0]
    assert per_pupil["z_child"].tolist() == [1.0, 0.0, -1.0]
    assert per_pupil["difference"].tolist() == [-2.0, 0.0, 2.0]
    assert per_pupil["category"].tolist() == ["child_more_positive", "agree",
                                              "teacher_more_positive"]
    row = per_class.iloc[0]
    assert row["n"] == 3 and row["r"] == pytest.approx(-1.0)
    assert row["share_disagree"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("dimension", ["conflict", "dependency"])
def test_for_conflict_and_dependency_more_positive_means_lower(dimension):
    # pupil 0: teacher conflict z -1, child conflict z +1 -> the TEACHER reports less
    # conflict, so the teacher's view is the more positive one (difference -2)
    per_pupil, _ = agreement(scores(TEACHER, CHILD, dimension), roster(range(3)))
    assert per_pupil["category"].tolist() == ["teacher_more_positive", "agree",
                                              "child_more_positive"]


def test_threshold_boundary_counts_as_disagreement():
    # |difference| = 2 exactly: agree only when |d| < threshold
    at, _ = agreement(scores(TEACHER, CHILD), roster(range(3)), threshold=2.0)
    above, _ = agreement(scores(TEACHER, CHILD), roster(range(3)), threshold=2.01)
    assert at["category"].tolist()[0] == "child_more_positive"
    assert above["category"].tolist() == ["agree"] * 3


def test_z_scores_use_pupils_with_both_scores_only():
    # pupil 3 has no child score: excluded from the standardisation and uncategorised
    per_pupil, per_class = agreement(scores([1, 2, 3, 5], [3, 2, 1, None]), roster(range(4)))
    assert per_pupil["z_teacher"].tolist()[:3] == [-1.0, 0.0, 1.0]
    assert pd.isna(per_pupil["category"].iloc[3]) and math.isnan(per_pupil["z_teacher"].iloc[3])
    assert per_class["n"].iloc[0] == 3


def test_classes_are_standardised_separately():
    s = scores([1, 2, 3, 10, 20, 30], [1, 2, 3, 3, 2, 1], ids=list(range(6)))
    r = pd.concat([roster(range(3), "A"), roster(range(3, 6), "B")])
    per_pupil, per_class = agreement(s, r)
    assert per_pupil["z_teacher"].tolist() == [-1.0, 0.0, 1.0, -1.0, 0.0, 1.0]
    assert per_class.set_index("class_id")["r"].to_dict() == pytest.approx({"A": 1.0,
                                                                            "B": -1.0})


def test_only_dimensions_of_both_informants_are_compared():
    s = pd.concat([scores(TEACHER, CHILD),
                   scores(TEACHER, CHILD, "dependency").query("informant == 'teacher'")])
    per_pupil, per_class = agreement(s, roster(range(3)))
    assert set(per_pupil["dimension"]) == {"closeness"}
    assert set(per_class["dimension"]) == {"closeness"}


@pytest.mark.parametrize(
    "teacher, child",
    [([1, 2], [2, 1]),  # n < 3
     ([2, 2, 2], [1, 2, 3]),  # zero teacher variance
     ([4], [4])],  # one pupil
)
def test_degenerate_classes_give_nan_not_errors(teacher, child):
    per_pupil, per_class = agreement(scores(teacher, child), roster(range(len(teacher))))
    assert per_pupil["difference"].isna().all() and per_pupil["category"].isna().all()
    assert math.isnan(per_class["r"].iloc[0]) and per_class["n"].iloc[0] == len(teacher)


def test_empty_input():
    per_pupil, per_class = agreement(scores([], []), roster([]))
    assert per_pupil.empty and per_class.empty and "r" in per_class.columns


def test_pupils_not_on_the_roster_are_left_out():
    per_pupil, _ = agreement(scores([1, 2, 3, 4], [1, 2, 3, 4]), roster(range(3)))
    assert per_pupil["pupil_id"].tolist() == [0, 1, 2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=0, max_size=10),
       st.sampled_from(["closeness", "conflict"]))
def test_swapping_informants_mirrors_categories(pairs, dimension):
    t = [a for a, _ in pairs]
    c = [b for _, b in pairs]
    one, cls1 = agreement(scores(t, c, dimension), roster(range(len(t))))
    two, cls2 = agreement(scores(c, t, dimension), roster(range(len(t))))
    mirror = {"agree": "agree", "teacher_more_positive": "child_more_positive",
              "child_more_positive": "teacher_more_positive", None: None}
    def cats(frame):
        return [None if pd.isna(x) else x for x in frame["category"]]

    assert [mirror[x] for x in cats(one)] == cats(two)
    np.testing.assert_allclose(one["difference"], -two["difference"])
    np.testing.assert_allclose(cls1["r"], cls2["r"])
    # every category obeys its definition
    d = one["difference"]
    agree = one["category"] == "agree"
    assert (d[agree].abs() < 0.5).all() and (d[one["category"].isin(
        ["teacher_more_positive", "child_more_positive"])].abs() >= 0.5).all()
