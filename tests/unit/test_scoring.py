"""Scale scores and Cronbach's alpha: hand-computed examples and invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.frames import FrameError
from analysis.scoring import cronbach_alpha, reverse_key, scale_scores


def make_key(n_items: int = 5, dimension: str = "closeness", reverse=(), lo=1, hi=5):
    ids = [f"{dimension[:2]}{i}" for i in range(1, n_items + 1)]
    return pd.DataFrame({"item_id": ids, "dimension": dimension,
                         "reverse": [i in reverse for i in range(1, n_items + 1)],
                         "scale_min": lo, "scale_max": hi})


def answers(rows):
    return pd.DataFrame(rows, columns=["wave_id", "pupil_id", "item_id", "value"])


def one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for col, value in where.items():
        mask &= (frame[col] == value).to_numpy()
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


# --------------------------------------------------------------------------- scale_scores


def test_reverse_keyed_items_are_flipped_before_the_mean():
    key = make_key(3, reverse=(2,))
    ans = answers([(1, "p", "cl1", 4), (1, "p", "cl2", 2), (1, "p", "cl3", 5)])
    row = one(scale_scores(ans, key, "teacher"), pupil_id="p")
    # cl2 reversed: 1 + 5 - 2 = 4; mean(4, 4, 5) = 13 / 3
    assert row["score"] == pytest.approx(13 / 3)
    assert row["n_answered"] == 3 and row["n_items"] == 3 and not row["missing"]


def test_eighty_percent_rule_at_the_boundary():
    key = make_key(5)
    four = [(1, "a", f"cl{i}", v) for i, v in zip(range(1, 5), (1, 2, 3, 5), strict=True)]
    three = [(1, "b", f"cl{i}", v) for i, v in zip(range(1, 4), (2, 2, 5), strict=True)]
    out = scale_scores(answers(four + three), key, "child")
    a, b = one(out, pupil_id="a"), one(out, pupil_id="b")
    # 4 of 5 answered: 4 >= 0.8 * 5 = 4 -> scored, mean(1, 2, 3, 5) = 11 / 4
    assert not a["missing"] and a["score"] == pytest.approx(2.75) and a["n_answered"] == 4
    # 3 of 5 answered: 3 < 4 -> missing, score NaN
    assert b["missing"] and math.isnan(b["score"]) and b["n_answered"] == 3


def test_min_answered_is_configurable_and_floating_point_safe():
    key = make_key(10)
    ans = answers([(1, "a", f"cl{i}", 3) for i in range(1, 8)])  # 7 of 10
    # 0.7 * 10 = 7.000000000000001 in floating point: 7 answered must still count
    assert not scale_scores(ans, key, "teacher", min_answered=0.7)["missing"].iloc[0]
    assert scale_scores(ans, key, "teacher", min_answered=0.8)["missing"].iloc[0]


def test_nan_values_count_as_unanswered_and_practice_items_are_ignored():
    key = make_key(2)
    ans = answers([(1, "a", "cl1", 4), (1, "a", "cl2", np.nan), (1, "a", "practice", 99)])
    row = one(scale_scores(ans, key, "teacher", min_answered=0.5), pupil_id="a")
    # only cl1 counts (NaN skipped, practice item not in key): 1 of 2 >= 0.5 * 2
    assert row["score"] == 4 and row["n_answered"] == 1


def test_every_dimension_gets_a_row_even_when_unanswered():
    key = pd.concat([make_key(2, "closeness"), make_key(2, "conflict")], ignore_index=True)
    out = scale_scores(answers([(1, "a", "cl1", 4), (1, "a", "cl2", 4)]), key, "child")
    assert list(out["dimension"]) == ["closeness", "conflict"]
    conflict = one(out, dimension="conflict")
    assert conflict["missing"] and conflict["n_answered"] == 0 and conflict["n_items"] == 2
    assert list(out.columns) == ["wave_id", "pupil_id", "informant", "dimension", "score",
                                 "n_answered", "n_items", "missing"]
    assert (out["informant"] == "child").all()


def test_out_of_range_value_names_the_item():
    ans = answers([(1, "a", "cl1", 4), (1, "a", "cl2", 6)])
    with pytest.raises(ValueError, match="cl2"):
        scale_scores(ans, make_key(2), "teacher")


def test_duplicate_answer_is_an_error_not_double_counted():
    ans = answers([(1, "a", "cl1", 4), (1, "a", "cl1", 2)])
    with pytest.raises(ValueError, match="more than once"):
        scale_scores(ans, make_key(2), "teacher")


def test_bad_arguments_are_refused():
    ans = answers([(1, "a", "cl1", 4)])
    with pytest.raises(ValueError, match="informant"):
        scale_scores(ans, make_key(2), "parent")
    with pytest.raises(ValueError, match="min_answered"):
        scale_scores(ans, make_key(2), "teacher", min_answered=80)
    with pytest.raises(FrameError, match="value"):
        scale_scores(ans.drop(columns="value"), make_key(2), "teacher")
    with pytest.raises(ValueError, match="more than once"):
        scale_scores(ans, pd.concat([make_key(2), make_key(2)]), "teacher")


def test_empty_answers_give_an_empty_frame_with_the_columns():
    out = scale_scores(answers([]), make_key(3), "teacher")
    assert out.empty and "score" in out.columns and "missing" in out.columns


def test_string_and_integer_ids_are_kept():
    ans = answers([("w1", 10, "cl1", 2), ("w1", 10, "cl2", 3), ("w1", 2, "cl1", 5),
                   ("w1", 2, "cl2", 5)])
    out = scale_scores(ans, make_key(2), "teacher")
    assert list(out["pupil_id"]) == [2, 10]  # sorted by pupil id
    assert list(out["score"]) == [5.0, 2.5]


# --------------------------------------------------------------------------- properties

values_strategy = st.lists(
    st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4),
    min_size=1, max_size=6,
)


def grid_answers(grid, wave=1, ids=None):
    rows = []
    for p, row in enumerate(grid):
        for i, v in enumerate(row, start=1):
            if v is not None:
                rows.append((wave, ids[p] if ids else p, f"cl{i}", float(v)))
    return answers(rows)


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.sets(st.integers(1, 4)))
def test_scores_lie_within_the_scale(grid, reverse):
    out = scale_scores(grid_answers(grid), make_key(4, reverse=tuple(reverse)), "teacher")
    s = out["score"].dropna()
    assert ((s >= 1) & (s <= 5)).all()
    assert (out["missing"] == out["score"].isna()).all()


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.randoms(use_true_random=False))
def test_relabelling_pupils_permutes_results_only(grid, rnd):
    ids = list(range(100, 100 + len(grid)))
    shuffled = ids[:]
    rnd.shuffle(shuffled)
    key = make_key(4, reverse=(1,))
    a = scale_scores(grid_answers(grid, ids=ids), key, "child")
    b = scale_scores(grid_answers(grid, ids=shuffled), key, "child")
    relabel = dict(zip(shuffled, ids, strict=True))
    b["pupil_id"] = b["pupil_id"].map(relabel)
    b = b.sort_values("pupil_id", ignore_index=True)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b, check_dtype=False)


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4,
                                 max_size=4))
def test_adding_an_unrelated_pupil_changes_no_other_score(grid, extra):
    key = make_key(4, reverse=(3,))
    before = scale_scores(grid_answers(grid), key, "teacher")
    after = scale_scores(grid_answers([*grid, extra]), key, "teacher")
    after = after[after["pupil_id"] != len(grid)].reset_index(drop=True)
    # dtypes may differ only when nothing was answered before (empty frame)
    pd.testing.assert_frame_equal(before, after, check_dtype=not before.empty)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1, 7), min_size=1, max_size=20))
def test_reversing_twice_is_identity(values):
    v = np.array(values)
    np.testing.assert_allclose(reverse_key(reverse_key(v, 1, 7), 1, 7), v)


@settings(max_examples=40, deadline=None)
@given(values_strategy)
def test_reverse_key_flag_equals_pre_reversed_data(grid):
    # scoring raw data with item 2 reverse-keyed == scoring pre-reversed data without flag
    flipped = [[(6 - v if (v is not None and i == 1) else v) for i, v in enumerate(row)]
               for row in grid]
    a = scale_scores(grid_answers(grid), make_key(4, reverse=(2,)), "teacher")
    b = scale_scores(grid_answers(flipped), make_key(4), "teacher")
    pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- cronbach_alpha

THREE_BY_THREE = [[1, 2, 3], [2, 2, 4], [3, 5, 5]]


def test_alpha_of_a_three_by_three_matrix_by_hand():
    # item variances (ddof 1): [1,2,3] -> 1; [2,2,5] -> mean 3, ss 1+1+4 = 6, var 3;
    # [3,4,5] -> 1; sum = 5. Totals 6, 8, 13: mean 9, ss 9+1+16 = 26, var 13.
    # alpha = 3/2 * (1 - 5/13) = 12/13
    out = cronbach_alpha(grid_answers(THREE_BY_THREE), make_key(3))
    row = one(out, dimension="closeness")
    assert row["alpha"] == pytest.approx(12 / 13)
    assert row["n_items"] == 3 and row["n_pupils"] == 3


def test_alpha_uses_reverse_keyed_values():
    # item 2 stored reversed (6 - v) and keyed reverse: same alpha as the plain matrix
    stored = [[a, 6 - b, c] for a, b, c in THREE_BY_THREE]
    out = cronbach_alpha(grid_answers(stored), make_key(3, reverse=(2,)))
    assert out["alpha"].iloc[0] == pytest.approx(12 / 13)


def test_alpha_listwise_deletion():
    # a fourth pupil with one item missing is dropped: same alpha, n_pupils 3
    grid = [*THREE_BY_THREE, [5, None, 1]]
    row = cronbach_alpha(grid_answers(grid), make_key(3)).iloc[0]
    assert row["alpha"] == pytest.approx(12 / 13) and row["n_pupils"] == 3


@pytest.mark.parametrize(
    "grid, n_items",
    [
        ([[3, 3, 3], [3, 3, 3], [3, 3, 3]], 3),  # zero variance
        ([[1, 2, 3]], 3),  # one pupil
        ([[1], [2], [4]], 1),  # one item
    ],
)
def test_degenerate_alpha_is_nan(grid, n_items):
    out = cronbach_alpha(grid_answers(grid), make_key(n_items))
    assert math.isnan(out["alpha"].iloc[0])


def test_alpha_per_class_and_informant_column():
    a = grid_answers(THREE_BY_THREE)
    a["class_id"] = "A"
    b = grid_answers([[1, 1, 1], [2, 2, 2], [3, 3, 3]], ids=[10, 11, 12])
    b["class_id"] = "B"
    out = cronbach_alpha(pd.concat([a, b]), make_key(3), ("wave_id", "class_id"),
                         informant="teacher")
    assert list(out.columns) == ["wave_id", "class_id", "informant", "dimension", "alpha",
                                 "n_items", "n_pupils"]
    assert one(out, class_id="A")["alpha"] == pytest.approx(12 / 13)
    # identical items: item vars 1 each (sum 3), total [3,6,9] var 9 -> 1.5 * (1 - 3/9) = 1
    assert one(out, class_id="B")["alpha"] == pytest.approx(1.0)


def test_alpha_needs_the_group_column():
    with pytest.raises(FrameError, match="class_id"):
        cronbach_alpha(grid_answers(THREE_BY_THREE), make_key(3), ("wave_id", "class_id"))


def test_alpha_of_empty_answers():
    out = cronbach_alpha(answers([]), make_key(3))
    assert out.empty and "alpha" in out.columns


def test_reverse_flags_must_be_booleans():
    key = make_key(2)
    key["reverse"] = ["False", "True"]  # strings would all read as True
    with pytest.raises(ValueError, match="reverse"):
        scale_scores(answers([(1, "a", "cl1", 4)]), key, "teacher")
