"""Change between waves and the reliable change index (Jacobson & Truax 1991)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.change import change


def scores(by_wave: dict, informant="teacher", dimension="conflict"):
    rows = []
    for wave, values in by_wave.items():
        for pupil, v in enumerate(values):
            if v is not None:
                rows.append((wave, pupil, informant, dimension, float(v)))
    return pd.DataFrame(rows, columns=["wave_id", "pupil_id", "informant", "dimension",
                                       "score"])


def alphas(alpha, dimension="conflict", **extra):
    return pd.DataFrame({"dimension": [dimension], "alpha": [alpha], **extra})


# wave 1 [2, 3, 4]: SD1 = 1 (mean 3, ss 1 + 0 + 1 = 2, / (3 - 1) = 1)
# alpha 0.5: S_diff = sqrt(2) * 1 * sqrt(1 - 0.5) = sqrt(2) * sqrt(0.5) = 1
# wave 2 [2, 5, 4.5]: differences [0, 2, 0.5] -> RCI = differences / 1
WAVES = {1: [2, 3, 4], 2: [2, 5, 4.5]}


def test_rci_by_hand():
    out = change(scores(WAVES), alphas(0.5), [1, 2])
    assert out["previous"].tolist() == [2, 3, 4] and out["current"].tolist() == [2, 5, 4.5]
    assert out["difference"].tolist() == [0, 2, 0.5]
    assert out["sd_previous"].tolist() == [1.0] * 3
    np.testing.assert_allclose(out["s_diff"], 1.0)
    np.testing.assert_allclose(out["rci"], [0, 2, 0.5])
    # |2| > 1.96 is reliable, 0.5 is not
    assert out["reliable"].tolist() == [False, True, False]
    assert (out["wave_previous"] == 1).all() and (out["wave_id"] == 2).all()


def test_alpha_of_the_previous_wave_is_used():
    a = pd.DataFrame({"wave_id": [1, 2], "informant": "teacher", "dimension": "conflict",
                      "alpha": [0.5, 0.9]})
    out = change(scores(WAVES), a, [1, 2])
    np.testing.assert_allclose(out["alpha"], 0.5)
    np.testing.assert_allclose(out["rci"], [0, 2, 0.5])


def test_only_consecutive_waves_and_pupils_in_both():
    by_wave = {1: [1, 2, 3], 2: [2, None, 4], 3: [3, 3, 5]}
    out = change(scores(by_wave), alphas(0.8), [1, 2, 3])
    pairs = list(zip(out["wave_previous"], out["wave_id"], out["pupil_id"], strict=True))
    # pupil 1 lacks wave 2: no (1,2) pair and no (2,3) pair, and never a (1,3) pair
    assert pairs == [(1, 2, 0), (1, 2, 2), (2, 3, 0), (2, 3, 2)]


def test_waves_order_decides_direction():
    out = change(scores(WAVES), alphas(0.5), [2, 1])
    assert out["difference"].tolist() == [0, -2, -0.5]


@pytest.mark.parametrize("alpha", [0.0, -0.3, 1.0, float("nan")])
def test_rci_unknown_when_alpha_unusable(alpha):
    out = change(scores(WAVES), alphas(alpha), [1, 2])
    assert out["rci"].isna().all() and out["reliable"].isna().all()
    assert out["difference"].tolist() == [0, 2, 0.5]  # change itself is still reported


def test_rci_unknown_without_alpha_for_the_dimension_or_without_spread():
    out = change(scores(WAVES), alphas(0.7, dimension="closeness"), [1, 2])
    assert out["rci"].isna().all()
    flat = change(scores({1: [3, 3, 3], 2: [1, 2, 3]}), alphas(0.7), [1, 2])
    assert flat["rci"].isna().all() and (flat["sd_previous"] == 0).all()


def test_informants_are_matched_to_their_own_alpha():
    s = pd.concat([scores(WAVES, "teacher"), scores(WAVES, "child")])
    a = pd.DataFrame({"informant": ["teacher", "child"], "dimension": "conflict",
                      "alpha": [0.5, 0.75]})
    out = change(s, a, [1, 2]).set_index(["informant", "pupil_id"])
    assert out.loc[("teacher", 1), "rci"] == pytest.approx(2.0)
    # child: S_diff = sqrt(2) * 1 * sqrt(0.25) = 0.7071 -> 2 / 0.7071 = 2.828
    assert out.loc[("child", 1), "rci"] == pytest.approx(2 / math.sqrt(0.5))
    with pytest.raises(ValueError, match="informant"):
        change(s, alphas(0.5), [1, 2])


def test_ambiguous_alphas_and_repeated_waves_are_refused():
    a = pd.DataFrame({"dimension": ["conflict", "conflict"], "alpha": [0.5, 0.6]})
    with pytest.raises(ValueError, match="several rows"):
        change(scores(WAVES), a, [1, 2])
    with pytest.raises(ValueError, match="more than once"):
        change(scores(WAVES), alphas(0.5), [1, 2, 1])


@pytest.mark.parametrize("waves", [[], [1], [1, 2]])
def test_degenerate_inputs_return_empty_frames(waves):
    out = change(scores({}), alphas(0.5), waves)
    assert out.empty and "rci" in out.columns
    one = change(scores({1: [3], 2: [4]}), alphas(0.5), waves)
    assert one["rci"].isna().all()  # a single pupil has no SD


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(1, 5), st.floats(1, 5)), min_size=2, max_size=12),
       st.floats(0.05, 0.95))
def test_rci_follows_its_formula(pairs, alpha):
    by_wave = {1: [a for a, _ in pairs], 2: [b for _, b in pairs]}
    out = change(scores(by_wave), alphas(alpha), [1, 2])
    sd1 = np.std([a for a, _ in pairs], ddof=1)
    if sd1 <= 1e-12:
        assert out["rci"].isna().all()
        return
    expected = out["difference"] / (math.sqrt(2) * sd1 * math.sqrt(1 - alpha))
    np.testing.assert_allclose(out["rci"], expected, rtol=1e-9, atol=1e-12)
    assert (out["reliable"] == (out["rci"].abs() > 1.96)).all()
