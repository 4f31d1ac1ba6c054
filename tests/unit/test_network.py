"""Network measures: hand example, agreement with networkx, seeded communities, edge cases."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.network import (
    NETWORK_CLASS_COLUMNS,
    NETWORK_PUPIL_COLUMNS,
    TRIAD_COLUMNS,
    build_graph,
    network_measures,
)


def roster_of(ids, cls="A", wave=1, present=None, gender=None):
    n = len(ids)
    return pd.DataFrame({
        "wave_id": wave, "class_id": cls, "pupil_id": list(ids),
        "gender": gender or ["f", "m"] * (n // 2) + ["x"] * (n % 2),
        "present": present or [True] * n,
    })


def noms_of(pairs, cls="A", wave=1, q="lm"):
    return pd.DataFrame(
        [(wave, cls, q, r, t) for r, t in pairs],
        columns=["wave_id", "class_id", "question_id", "rater_id", "target_id"],
    )


# Hand example, 4 pupils: 1 ↔ 2 (mutual), 1 → 3, 3 → 1 (mutual), 2 → 3, 4 → nobody,
# plus ignored rows: 4 → 4 (self) and 2 → 99 (not on the roster).
HAND = noms_of([(1, 2), (2, 1), (1, 3), (3, 1), (2, 3), (4, None), (4, 4), (2, 99)])
HAND_ROSTER = roster_of([1, 2, 3, 4])


def test_hand_example():
    pupils, classes = network_measures(HAND, HAND_ROSTER, "lm")
    assert tuple(pupils.columns) == NETWORK_PUPIL_COLUMNS
    assert tuple(classes.columns) == NETWORK_CLASS_COLUMNS
    p = pupils.set_index("pupil_id")
    # in: 1 ← 2, 3 = 2; 2 ← 1 = 1; 3 ← 1, 2 = 2; 4: 0    out: 1 → 2, 3; 2 → 1, 3; 3 → 1; 4: 0
    assert p["in_degree"].tolist() == [2, 1, 2, 0]
    assert p["out_degree"].tolist() == [2, 2, 1, 0]
    # mutual ties: 1: with 2 and 3 = 2; 2: with 1; 3: with 1; 4: none
    assert p["mutual"].tolist() == [2, 1, 1, 0]
    assert p["isolate"].tolist() == [False, False, False, True]
    c = classes.iloc[0]
    # 5 valid ties of 4 × 3 = 12 possible → density 5/12; 2 mutual dyads = 4 returned ties
    assert c["n_ties"] == 5 and c["density"] == pytest.approx(5 / 12)
    assert c["n_mutual"] == 2 and c["reciprocity"] == pytest.approx(4 / 5)
    # undirected: triangle 1-2-3, pupil 4 alone → transitivity 1
    assert c["transitivity"] == pytest.approx(1.0)
    assert c["n_isolates"] == 1
    # 4 triples: {1,2,3} has 1↔2, 1↔3, 2→3 = 210; the 3 triples with pupil 4 are
    # {1,2,4}: 1↔2 = 102; {1,3,4}: 1↔3 = 102; {2,3,4}: 2→3 = 012
    census = {col: c[col] for col in TRIAD_COLUMNS if c[col]}
    assert census == {"triad_210": 1, "triad_102": 2, "triad_012": 1}
    # pupil 4 is alone in its Louvain community
    assert p.loc[4, "community"] not in set(p.loc[[1, 2, 3], "community"])


def test_build_graph_nodes_attributes_and_edges():
    roster = roster_of([1, 2, 3, 4], present=[True, True, True, False])
    g = build_graph(HAND, roster, "lm", "A", 1)
    assert list(g.nodes) == [1, 2, 3, 4]
    assert g.nodes[4] == {"gender": "m", "present": False}
    assert sorted(g.edges) == [(1, 2), (1, 3), (2, 1), (2, 3), (3, 1)]
    assert isinstance(next(iter(g.nodes)), int)


def test_absent_rater_gives_no_edge_but_can_be_named():
    roster = roster_of([1, 2, 3], present=[True, True, False])
    noms = noms_of([(1, 3), (3, 1)])
    p, _ = network_measures(noms, roster, "lm")
    assert p["in_degree"].tolist() == [0, 0, 1] and p["out_degree"].tolist() == [1, 0, 0]


@st.composite
def graphs(draw):
    n_classes = draw(st.integers(1, 3))
    noms, rosters = [], []
    for c in range(n_classes):
        n = draw(st.integers(1, 9))
        ids = [f"p{c}_{i}" for i in range(n)]
        rosters.append(roster_of(ids, cls=c))
        pairs = draw(st.sets(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=30))
        noms.append(noms_of([(r, t) for r, t in pairs], cls=c))
    return pd.concat(noms, ignore_index=True), pd.concat(rosters, ignore_index=True)


@settings(max_examples=40, deadline=None)
@given(graphs())
def test_agrees_with_networkx(data):
    noms, roster = data
    pupils, classes = network_measures(noms, roster, "lm", seed=3)
    for _, row in classes.iterrows():
        g = build_graph(noms, roster, "lm", row["class_id"], 1)
        census = nx.triadic_census(g)
        assert {f"triad_{k}": v for k, v in census.items()} == {c: row[c] for c in TRIAD_COLUMNS}
        t = nx.transitivity(g.to_undirected())
        assert (np.isnan(row["transitivity"]) and t == 0) or row["transitivity"] == pytest.approx(t)
        if g.number_of_edges():
            assert row["reciprocity"] == pytest.approx(nx.overall_reciprocity(g))
        if len(g) > 1:
            assert row["density"] == pytest.approx(nx.density(g))
        sub = pupils[pupils["class_id"] == row["class_id"]].set_index("pupil_id")
        assert sub["in_degree"].to_dict() == dict(g.in_degree)
        assert sub["out_degree"].to_dict() == dict(g.out_degree)
        # same partition as networkx Louvain with the same seed on the class-map graph
        comms = nx.community.louvain_communities(g.to_undirected(), seed=3)
        ours = sub.groupby("community").groups
        assert sorted(sorted(v) for v in ours.values()) == sorted(sorted(c) for c in comms)
        assert row["n_communities"] == len(comms)


def test_communities_are_reproducible_and_numbered_by_roster_order():
    rng = np.random.default_rng(5)
    ids = list(range(20))
    pairs = [(r, t) for r in ids for t in ids if r != t and rng.random() < 0.2]
    noms, roster = noms_of(pairs), roster_of(ids)
    a = network_measures(noms, roster, "lm", seed=11)[0]["community"]
    b = network_measures(noms, roster, "lm", seed=11)[0]["community"]
    assert a.tolist() == b.tolist()
    # ids are 0, 1, … in order of each community's first pupil
    firsts = a.drop_duplicates().tolist()
    assert firsts == list(range(len(firsts)))


@pytest.mark.parametrize("ids, pairs", [([], []), ([1], [(1, None)]), ([1, 2], []),
                                        ([1, 2, 3], [(1, None), (2, None)])])
def test_degenerate_classes(ids, pairs):
    pupils, classes = network_measures(noms_of(pairs), roster_of(ids), "lm")
    assert len(pupils) == len(ids) and len(classes) == (1 if ids else 0)
    if ids:
        c = classes.iloc[0]
        assert c["n_ties"] == 0 and np.isnan(c["reciprocity"]) and np.isnan(c["transitivity"])
        assert c["n_isolates"] == len(ids)
        assert (len(ids) < 2 and np.isnan(c["density"])) or c["density"] == 0


def test_other_questions_and_waves_are_ignored():
    other = pd.concat([HAND, noms_of([(4, 1)], q="ll"), noms_of([(4, 1)], wave=2)])
    a = network_measures(HAND, HAND_ROSTER, "lm")
    b = network_measures(other, HAND_ROSTER, "lm")
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1])
