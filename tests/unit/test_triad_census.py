"""Triad census (Batagelj–Mrvar): a hand example, agreement with networkx, and a class of
1,500 pupils with 60,000 ties that is computed in bounded memory (the old all-triples
census built the C(n, 3) triples: 561 million for 1,500 pupils, over 13 GB)."""

from __future__ import annotations

import tracemalloc

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms.triads import TRIAD_NAMES

from analysis.network import TRIAD_COLUMNS, network_measures, triad_census


def _census(n: int, arcs: list[tuple[int, int]]) -> dict[str, int]:
    src = np.array([a for a, _ in arcs], dtype=np.int64)
    dst = np.array([b for _, b in arcs], dtype=np.int64)
    counts, _ = triad_census(n, src, dst, np.zeros(n, dtype=np.int64), 1)
    return {TRIAD_NAMES[k]: int(c) for k, c in enumerate(counts[0]) if c}


def test_hand_example_five_nodes():
    # 0 ↔ 1, 1 → 2, 2 → 0, 3 → 4; C(5, 3) = 10 triads
    arcs = [(0, 1), (1, 0), (1, 2), (2, 0), (3, 4)]
    # {0,1,2}: 0↔1, 1→2, 2→0 = 120C (mutual + a path through the third node)
    # {0,1,3}, {0,1,4}: only 0↔1 = 102 (2)
    # {0,2,3}, {0,2,4}: only 2→0 = 012; {1,2,3}, {1,2,4}: only 1→2 = 012;
    # {0,3,4}, {1,3,4}, {2,3,4}: only 3→4 = 012  → 012 = 7; no 003 left
    assert _census(5, arcs) == {"120C": 1, "102": 2, "012": 7}
    assert sum(_census(5, arcs).values()) == 10


def test_empty_and_tiny_graphs():
    assert _census(0, []) == {}
    assert _census(2, [(0, 1)]) == {}
    assert _census(4, []) == {"003": 4}


def test_classes_are_counted_apart_and_triangles_reported():
    # class 0 = nodes 0..2 (a cycle 0→1→2→0), class 1 = nodes 3..6 (3↔4)
    node_class = np.array([0, 0, 0, 1, 1, 1, 1])
    counts, triangles = triad_census(7, np.array([0, 1, 2, 3, 4]), np.array([1, 2, 0, 4, 3]),
                                     node_class, 2)
    named = [{TRIAD_NAMES[k]: int(c) for k, c in enumerate(row) if c} for row in counts]
    assert named == [{"030C": 1}, {"102": 2, "003": 2}]
    assert triangles.tolist() == [1, 0]


def test_repeated_arcs_count_once():
    assert _census(3, [(0, 1), (0, 1), (1, 0)]) == _census(3, [(0, 1), (1, 0)])


@st.composite
def digraphs(draw):
    n = draw(st.integers(0, 14))
    if n < 2:
        return n, []
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
        lambda p: p[0] != p[1])
    return n, draw(st.lists(pairs, max_size=n * (n - 1)))


@settings(max_examples=150, deadline=None)
@given(digraphs())
def test_equals_networkx_triadic_census(graph):
    n, arcs = graph
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(arcs)
    expected = {k: v for k, v in nx.triadic_census(g).items() if v}
    assert _census(n, arcs) == expected
    _, triangles = triad_census(n, np.array([a for a, _ in arcs], dtype=np.int64),
                                np.array([b for _, b in arcs], dtype=np.int64),
                                np.zeros(n, dtype=np.int64), 1)
    assert triangles[0] == sum(nx.triangles(g.to_undirected()).values()) // 3


def _big_class(n: int, m: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    keys = np.unique(rng.integers(0, n, 3 * m) * n + rng.integers(0, n, 3 * m))
    keys = rng.permutation(keys[keys // n != keys % n])[:m]
    return keys // n, keys % n


def test_1500_pupils_60000_ties_in_bounded_memory():
    n, m = 1500, 60_000
    src, dst = _big_class(n, m)
    tracemalloc.start()
    try:
        counts, _ = triad_census(n, src, dst, np.zeros(n, dtype=np.int64), 1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert counts.sum() == n * (n - 1) * (n - 2) // 6
    assert counts[0, TRIAD_NAMES.index("003")] > 0
    assert peak < 200 * 1024**2, f"peak {peak / 1024**2:.0f} MB"


@pytest.mark.slow  # Louvain on 60,000 ties (networkx) takes about half a minute
def test_network_measures_of_a_1500_pupil_class_in_bounded_memory():
    n, m = 1500, 60_000
    src, dst = _big_class(n, m)
    roster = pd.DataFrame({"wave_id": 1, "class_id": "big", "pupil_id": np.arange(n),
                           "gender": "x", "present": True})
    noms = pd.DataFrame({"wave_id": 1, "class_id": "big", "question_id": "lm",
                         "rater_id": src, "target_id": dst})
    tracemalloc.start()
    try:
        _, classes = network_measures(noms, roster, "lm")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert classes["n_ties"].item() == m
    assert classes[list(TRIAD_COLUMNS)].sum(axis=1).item() == n * (n - 1) * (n - 2) // 6
    assert peak < 200 * 1024**2, f"peak {peak / 1024**2:.0f} MB"
