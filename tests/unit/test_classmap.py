"""Class map: profile rule, stable layout, node/edge tables and the plotly figure.

Node attributes are checked against the analysis they come from, and the demo school's
planted effects (Lucas de Groot at double risk, social referencing) against the map."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import classmap as cm
from analysis.pipeline import analyse, default_questions
from survey.i18n import t

# --------------------------------------------------------------------------------------
# relationship profile
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("closeness", "conflict", "dependency", "expected"), [
    (90, 10, 30, "close"),               # closeness ≥ P75, nothing else high
    (75, 10, 30, "close"),               # P75 itself counts as high
    (74.9, 10, 30, "average"),
    (60, 80, 10, "close_conflictual"),   # conflict high and closeness above the median
    (50, 80, 10, "conflictual"),         # P50 is not above the median
    (20, 75, 90, "conflictual"),         # conflict outranks dependency
    (40, 30, 80, "dependent"),
    (25, 40, 20, "distant"),             # P25 itself counts as low
    (20, 60, 60, "distant"),             # low closeness, not conflictual or dependent
    (26, 40, 20, "average"),
    (math.nan, math.nan, 90, "unknown"),  # no closeness and no conflict
    (None, 80, None, "conflictual"),      # one dimension is enough
])
def test_relationship_profile_rule(closeness, conflict, dependency, expected):
    assert cm.relationship_profile(closeness, conflict, dependency) == expected


pct = st.one_of(st.none(), st.floats(0, 100))


@given(pct, pct, pct)
def test_every_percentile_triple_gets_one_known_profile(closeness, conflict, dependency):
    profile = cm.relationship_profile(closeness, conflict, dependency)
    assert profile in cm.PROFILES
    if conflict is not None and conflict >= cm.HIGH:
        assert profile in ("conflictual", "close_conflictual")


def test_display_names_disambiguate_equal_first_names_within_a_class():
    pupils = pd.DataFrame({
        "pupil_id": [1, 2, 3, 4], "class_id": [1, 1, 1, 2],
        "first_name": ["Noëlle", "Noëlle", "Mees", "Noëlle"],
        "last_name": ["Smits", "de Haan", "van Dijk", "Jansen"]})
    # "de Haan" → initial of the last name proper, H; pupil 4 is in another class
    assert cm.display_names(pupils) == {1: "Noëlle S.", 2: "Noëlle H.", 3: "Mees", 4: "Noëlle"}


# --------------------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------------------


def test_layout_is_deterministic_keyed_by_pupil_and_independent_of_input_order():
    edges = [(1, 2), (2, 1), (2, 3), (4, 5)]
    a = cm.class_layout([1, 2, 3, 4, 5, 6], edges, seed=3)
    b = cm.class_layout([6, 5, 4, 3, 2, 1], list(reversed(edges)), seed=3)
    assert a == b
    assert set(a) == {1, 2, 3, 4, 5, 6}  # pupil 6 has no ties and still gets a place
    assert cm.class_layout([1, 2, 3, 4, 5, 6], edges, seed=4) != a  # the seed matters


def test_layout_ignores_ties_to_unknown_pupils_and_handles_tiny_classes():
    assert cm.class_layout([], [], seed=1) == {}
    assert cm.class_layout([7], [(7, 8)], seed=1) == {7: (0.0, 0.0)}
    pos = cm.class_layout([1, 2], [(1, 99)], seed=1)
    assert set(pos) == {1, 2}


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)),
                                    max_size=80), st.integers(0, 10_000))
def test_layout_fills_the_unit_square_and_separates_pupils(n, edges, seed):
    pos = cm.class_layout(range(n), edges, seed=seed)
    xy = np.array(list(pos.values()))
    assert len(pos) == n
    assert np.all(np.abs(xy) <= 1.0 + 1e-9)
    # per-axis normalisation: both axes reach the rim (unless all pupils share a coordinate)
    for axis in (0, 1):
        if np.ptp(xy[:, axis]) > 0:
            assert np.isclose(np.abs(xy[:, axis]).max(), 1.0)
    # no two circles on top of each other (names stay readable): the separation step keeps
    # pupils at least ~0.2 apart (vertical gaps weighted by LABEL_STRETCH), for up to 30
    gaps = [math.hypot(a[0] - b[0], (a[1] - b[1]) * cm.LABEL_STRETCH)
            for i, a in enumerate(xy) for b in xy[i + 1:]]
    assert min(gaps) >= 0.2


# --------------------------------------------------------------------------------------
# node and edge tables on a hand-made class
# --------------------------------------------------------------------------------------

ROSTER = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3, 4],
                       "gender": ["m", "f", "m", "f"], "present": [True, True, True, False]})
PUPILS = pd.DataFrame({"pupil_id": [1, 2, 3, 4], "class_id": 1,
                       "first_name": ["Ali", "Zoë", "<b>Bo</b>", "Şule"], "tussenvoegsel": "",
                       "last_name": ["A", "B", "C", "D"], "gender": ["m", "f", "m", "f"]})
NOMS = pd.DataFrame({
    "wave_id": 1, "class_id": 1,
    "question_id": ["liked_most"] * 5 + ["liked_least"] * 3 + ["teacher_angry"] * 3,
    "rater_id": [1, 2, 2, 3, 3, 1, 2, 3, 1, 2, 3],
    "target_id": pd.array([2, 1, 4, 2, None, 3, 3, 1, 3, 3, None], dtype="Int64"),
})


def _teacher_answers() -> pd.DataFrame:
    """Teacher ratings: pupil 3 high conflict / low closeness, the others the opposite."""
    rows = []
    key = cm_keys()[0]
    for pupil in (1, 2, 3, 4):
        for item, dim in zip(key["item_id"], key["dimension"], strict=True):
            high = (dim == "conflict") == (pupil == 3)
            value = 5 if high else 1
            if dim == "dependency":
                value = 2
            if item == "strs_cl05":  # reverse-keyed item
                value = 6 - value
            rows.append((1, pupil, item, float(value)))
    return pd.DataFrame(rows, columns=["wave_id", "pupil_id", "item_id", "value"])


@functools.cache
def cm_keys():
    from analysis.pipeline import default_keys

    return default_keys()


@pytest.fixture(scope="module")
def small():
    questions = default_questions()
    result = analyse(ROSTER, NOMS, questions, teacher_answers=_teacher_answers())
    names = cm.display_names(PUPILS)
    pos = cm.class_layout(ROSTER["pupil_id"], [(1, 2), (2, 1)], seed=1)
    nodes = cm.node_table(result.pupils_table(), names, pos, 1, 1, ROSTER, NOMS, questions)
    return result, nodes, pos


def test_edge_table_marks_mutual_ties_and_drops_nobody_self_and_outsiders():
    edges = cm.edge_table(NOMS, 1, "liked_most", [1, 2, 3])  # pupil 4 left out
    # 1→2, 2→1 mutual; 3→2 one-way; 2→4 dropped (outsider); 3→nobody dropped
    assert list(zip(edges["rater_id"], edges["target_id"], edges["mutual"], strict=True)) == [
        (1, 2, True), (2, 1, True), (3, 2, False)]


def test_node_attributes_match_the_analysis(small):
    result, nodes, pos = small
    table = result.pupils_table().set_index("pupil_id")
    assert nodes["pupil_id"].tolist() == [1, 2, 3, 4]
    for row in nodes.itertuples(index=False):
        # acceptance = liked-most received ÷ nominators: pupil 2 got 1→2 and 3→2 = 2 of 2
        assert row.acceptance == pytest.approx(table.loc[row.pupil_id, "lm_prop"], nan_ok=True)
        assert row.double_risk == bool(table.loc[row.pupil_id, "double_risk"])
        assert (row.x, row.y) == pos[row.pupil_id]
    by_id = nodes.set_index("pupil_id")
    assert by_id.loc[2, "acceptance"] == pytest.approx(2 / 2)
    # teacher_angry: raters 1 and 2 both name pupil 3 → 2; rater 3 chose nobody
    assert by_id["teacher_angry_n"].to_dict() == {1: 0, 2: 0, 3: 2, 4: 0}
    assert by_id.loc[4, "present"] is False or not by_id.loc[4, "present"]
    # pupil 3: teacher conflict highest of 4 (mid-rank percentile 87.5) → conflictual
    assert by_id.loc[3, "teacher_conflict_pct"] == pytest.approx(87.5)
    assert by_id.loc[3, "teacher_profile"] == "conflictual"
    assert by_id.loc[3, "child_profile"] == "unknown"  # no child answers given


def test_figure_nodes_carry_pupil_ids_profiles_rings_and_sizes(small):
    result, nodes, _ = small
    edges = cm.edge_table(NOMS, 1, "liked_most", nodes["pupil_id"])
    fig = cm.class_map_figure(nodes, edges, language="en")
    (trace,) = [t for t in fig.data if t.name == "pupils"]
    assert list(trace.customdata) == nodes["pupil_id"].tolist()
    assert cm.class_map_nodes_for(fig) == [1, 2, 3, 4]
    assert list(trace.marker.color) == [cm.PROFILE_COLOURS[p] for p in nodes["teacher_profile"]]
    assert list(trace.marker.size) == cm.node_sizes(nodes["acceptance"].tolist())
    # the largest acceptance draws the largest circle
    assert trace.marker.size[nodes["acceptance"].idxmax()] == cm.NODE_MAX
    # user text is escaped: a name with markup is shown, not interpreted
    assert any("&lt;b&gt;Bo&lt;/b&gt;" in t for t in trace.text)
    assert not any("<b>Bo</b>" in t for t in trace.text)
    # no negative layer unless asked for
    assert not any(t.name and "least" in t.name for t in fig.data)
    neg = cm.edge_table(NOMS, 1, "liked_least", nodes["pupil_id"])
    fig2 = cm.class_map_figure(nodes, edges, neg, language="en")
    (negative,) = [tr for tr in fig2.data if tr.name == t("label.legend_negative", "en")]
    assert negative.line.dash == "dash"
    # 3 negative ties → 3 segments of (start, end, None)
    assert len(negative.x) == 9


def test_double_risk_ring_surrounds_exactly_the_flagged_pupils(small):
    _, nodes, _ = small
    flagged = nodes.assign(double_risk=[False, False, True, False])
    fig = cm.class_map_figure(flagged, cm.edge_table(NOMS, 1, "liked_most", [1, 2, 3, 4]))
    (ring,) = [tr for tr in fig.data if tr.name == t("label.legend_risk", "nl")]
    row = flagged.iloc[2]
    assert list(ring.x) == [row["x"]] and list(ring.y) == [row["y"]]


def test_continuous_colour_uses_the_chosen_teacher_dimension(small):
    _, nodes, _ = small
    fig = cm.class_map_figure(nodes, cm.edge_table(NOMS, 1, "liked_most", [1, 2, 3, 4]),
                              colour_by="conflict")
    (trace,) = [t for t in fig.data if t.name == "pupils"]
    assert list(trace.marker.color) == pytest.approx(nodes["teacher_conflict_pct"].tolist())
    with pytest.raises(ValueError):
        cm.class_map_figure(nodes, nodes.iloc[:0].assign(rater_id=[], target_id=[], mutual=[]),
                            colour_by="shoe size")


def test_selected_pupil_reads_customdata_of_a_plotly_selection():
    assert cm.selected_pupil({"points": [{"curve_number": 0}, {"customdata": [12]}]}) == 12
    assert cm.selected_pupil({"points": [{"customdata": 5}]}) == 5
    assert cm.selected_pupil(None) is None
    assert cm.selected_pupil({"points": []}) is None


# --------------------------------------------------------------------------------------
# the demo school: planted effects visible on the map
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    from sample_data.generator import generate_demo_school

    d = generate_demo_school()
    result = analyse(d.roster, d.nominations, default_questions(), d.teacher_answers,
                     d.child_answers)
    return d, result


def test_demo_lucas_is_flagged_small_and_rejected_on_the_map(demo):
    d, result = demo
    lucas = d.pupils.loc[(d.pupils["first_name"] == "Lucas")
                         & (d.pupils["last_name"] == "Groot"), "pupil_id"].item()
    class_id = d.pupils.loc[d.pupils["pupil_id"] == lucas, "class_id"].item()
    wave = d.waves.loc[(d.waves["class_id"] == class_id)
                       & (d.waves["name"] == "najaar 2026"), "wave_id"].item()
    roster = d.roster[d.roster["class_id"] == class_id]
    pos = cm.class_layout(roster["pupil_id"].unique(), [], seed=1)
    nodes = cm.node_table(result.pupils_table(), cm.display_names(d.pupils), pos, wave,
                          class_id, d.roster, d.nominations, default_questions())
    edges = cm.edge_table(d.nominations, wave, "liked_most", nodes["pupil_id"])
    fig = cm.class_map_figure(nodes, edges)
    me = nodes.set_index("pupil_id").loc[lucas]
    assert me["double_risk"]
    assert me["teacher_profile"] in ("conflictual", "close_conflictual")
    assert me["acceptance"] == nodes["acceptance"].min()  # smallest circle
    (ring,) = [tr for tr in fig.data if tr.name == t("label.legend_risk", "nl")]
    assert (me["x"], me["y"]) in set(zip(ring.x, ring.y, strict=True))
    # many classmates name him on the negative questions
    assert me["teacher_angry_n"] >= 5


def test_demo_social_referencing_shows_as_smaller_circles_for_conflict(demo):
    """Planted: acceptance = −.55·teacher conflict + noise → conflictual pupils are drawn
    smaller on average (pooled over the demo's classes and waves)."""
    d, result = demo
    table = result.pupils_table()
    conflictual = table["teacher_conflict_pct"] >= cm.HIGH
    assert table.loc[conflictual, "lm_prop"].mean() < table.loc[~conflictual, "lm_prop"].mean()
    r = table[["teacher_conflict_pct", "lm_prop"]].corr().iloc[0, 1]
    assert r < -0.2
