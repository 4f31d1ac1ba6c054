"""Network measures of one nomination question, per pupil and per class.

The nomination network of a class is a directed graph: one node per roster pupil (also the
absent ones: they can be named), an edge rater → target per valid nomination (same
cleaning as :mod:`analysis.sociometry`: self-nominations, targets outside the class roster
and raters not on the roster or marked absent are dropped; "nobody" rows add no edge).

Degrees, mutual ties, density, reciprocity, transitivity and the triad census are computed
from the ties (sparse: never an n × n matrix nor the n³ triples of a class), vectorised
with numpy over all classes at once; the triad census is the Batagelj–Mrvar algorithm
(:func:`triad_census`, time and memory O(m·Δ) in ties m and largest degree Δ). Only the
Louvain communities need networkx, per class.

>>> import pandas as pd
>>> roster = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3],
...                        "gender": ["f", "m", "x"], "present": True})
>>> noms = pd.DataFrame({"wave_id": 1, "class_id": 1, "question_id": "lm",
...                      "rater_id": [1, 2], "target_id": [2, 1]})
>>> pupils, classes = network_measures(noms, roster, "lm")
>>> pupils["mutual"].tolist(), classes["reciprocity"].item()
([1, 1, 0], 1.0)
>>> sorted(build_graph(noms, roster, "lm", 1, 1).edges())
[(1, 2), (2, 1)]
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np
import pandas as pd
from networkx.algorithms.triads import TRIAD_NAMES, TRICODE_TO_NAME

from analysis.frames import NOMINATIONS, ROSTER, require_columns
from analysis.sociometry import VALID, Prepared, _in_order, _prepare

__all__ = [
    "NETWORK_CLASS_COLUMNS",
    "NETWORK_PUPIL_COLUMNS",
    "TRIAD_COLUMNS",
    "build_graph",
    "network_measures",
    "triad_census",
]

TRIAD_COLUMNS = tuple(f"triad_{name}" for name in TRIAD_NAMES)
NETWORK_PUPIL_COLUMNS = (
    "wave_id", "class_id", "pupil_id", "question_id", "in_degree", "out_degree", "mutual",
    "isolate", "community",
)
NETWORK_CLASS_COLUMNS = (
    "wave_id", "class_id", "question_id", "n_pupils", "n_ties", "density", "reciprocity",
    "transitivity", "n_mutual", "n_isolates", "n_communities", *TRIAD_COLUMNS,
)

_CODE_TO_TYPE = np.array(
    [TRIAD_NAMES.index(TRICODE_TO_NAME[code]) for code in range(64)], dtype=np.int64
)
#: candidate triads handled at once by :func:`triad_census` (bounds its memory)
_CANDIDATES_PER_CHUNK = 1 << 18


def _ragged(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, position) of every index in the ranges ``starts[i]:stops[i]``, concatenated."""
    counts = np.maximum(stops - starts, 0)
    owner = np.repeat(np.arange(len(counts)), counts)
    offsets = np.cumsum(counts) - counts
    return owner, np.arange(int(counts.sum())) - offsets[owner] + starts[owner]


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(found, position) of each of ``keys`` in the sorted unique array ``sorted_keys``."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool), np.zeros(len(keys), dtype=np.int64)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[pos] == keys, pos


def triad_census(
    n_nodes: int, src: np.ndarray, dst: np.ndarray, node_class: np.ndarray, n_classes: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Triad census of every class from its ties: (counts (C, 16) in ``TRIAD_NAMES`` order,
    triangles of the undirected graph per class).

    Batagelj & Mrvar (2001), "A subquadratic triad census algorithm for large sparse
    networks with small maximum degree": each triad with ties between at least two of its
    pairs is found once, from its tie {v, u} (v < u) and a third node w among the
    neighbours of v (w > u) or of u (w > v and w not adjacent to v); its code is the six
    arcs of (v, u, w) as bits, as in networkx. The triads with one tied pair are counted
    per tie by formula (n − 2 − |N(v) ∪ N(u) \\ {v, u}|: type 102 when the tie is mutual,
    else 012), and the empty triads 003 by subtraction from C(n, 3). Time and memory grow
    with m·Δ (ties × largest degree), never with n³. The work is vectorised with numpy over
    all classes at once, in chunks of at most ``_CANDIDATES_PER_CHUNK`` candidate triads,
    so memory stays bounded whatever the class size.

    Nodes are 0..n_nodes−1 (``node_class`` gives each node's class 0..n_classes−1; ties
    only join nodes of one class); ``src → dst`` are the arcs (no self-loops; a repeated
    arc counts once).

    >>> counts, triangles = triad_census(3, np.array([0, 1, 1]), np.array([1, 0, 2]),
    ...                                  np.zeros(3, dtype=np.int64), 1)
    >>> {TRIAD_NAMES[k]: int(c) for k, c in enumerate(counts[0]) if c}, triangles.tolist()
    ({'111U': 1}, [0])
    """
    n_types = len(TRIAD_NAMES)
    out = np.zeros((n_classes, n_types), dtype=np.int64)
    triangles = np.zeros(n_classes, dtype=np.int64)
    size = np.bincount(node_class, minlength=n_classes).astype(np.int64)
    n = max(int(n_nodes), 1)
    arcs = np.unique(np.asarray(src, dtype=np.int64) * n + np.asarray(dst, dtype=np.int64))
    a, b = arcs // n, arcs % n
    ties = np.unique(np.minimum(a, b) * n + np.maximum(a, b))  # undirected, v < u
    tv, tu = ties // n, ties % n
    # both directions of every tie, sorted = neighbour lists (CSR) and a lookup index;
    # ``arc_bits`` of entry (x, y): 1 when x → y, 2 when y → x
    both = np.sort(np.concatenate([tv * n + tu, tu * n + tv]))
    nbr = both % n
    arc_bits = (_find(arcs, both)[0].astype(np.int64)
                | (_find(arcs, nbr * n + both // n)[0].astype(np.int64) << 1))
    indptr = np.searchsorted(both, np.arange(n_nodes + 1, dtype=np.int64) * n)
    degree = np.diff(indptr)
    tie_bits = arc_bits[np.searchsorted(both, ties)]  # v → u: 1, u → v: 2
    # candidates per tie: neighbours w > u of v, and neighbours w > v of u
    v_first = np.searchsorted(both, ties + 1)
    u_first = np.searchsorted(both, tu * n + tv + 1)
    done = np.cumsum((indptr[tv + 1] - v_first) + (indptr[tu + 1] - u_first))
    common = np.zeros(len(ties), dtype=np.int64)  # triangles on each tie
    start = 0
    while start < len(ties):
        before = int(done[start - 1]) if start else 0
        stop = max(int(np.searchsorted(done, before + _CANDIDATES_PER_CHUNK, side="right")),
                   start + 1)
        sel = np.arange(start, stop)
        start = stop
        # w next to v (w > u): arcs v–w from the entry itself, arcs u–w looked up
        e_v, pos_v = _ragged(v_first[sel], indptr[tv[sel] + 1])
        e_v = sel[e_v]
        w_v = nbr[pos_v]
        at_u, pos_uw = _find(both, tu[e_v] * n + w_v)
        code_v = (tie_bits[e_v] | (arc_bits[pos_v] << 2)
                  | np.where(at_u, arc_bits[pos_uw], 0) << 4)
        # w next to u only (w > v, not adjacent to v): arcs u–w from the entry, none v–w
        e_u, pos_u = _ragged(u_first[sel], indptr[tu[sel] + 1])
        e_u = sel[e_u]
        keep = ~_find(both, tv[e_u] * n + nbr[pos_u])[0]
        e_u, pos_u = e_u[keep], pos_u[keep]
        code_u = tie_bits[e_u] | (arc_bits[pos_u] << 4)
        cls = node_class[tv[np.concatenate([e_v, e_u])]]
        code = np.concatenate([code_v, code_u])
        out += np.bincount(cls * n_types + _CODE_TO_TYPE[code],
                           minlength=n_classes * n_types).reshape(n_classes, n_types)
        # a closed triad (all three pairs tied) is found from its lowest tie (v, u), with
        # w next to both: its other ties are (v, w) and (u, w)
        triangles += np.bincount(node_class[tv[e_v[at_u]]], minlength=n_classes)
        common += np.bincount(np.concatenate([
            e_v[at_u], np.searchsorted(ties, tv[e_v[at_u]] * n + w_v[at_u]),
            np.searchsorted(ties, tu[e_v[at_u]] * n + w_v[at_u])]), minlength=len(ties))
    # triads with exactly one tied pair, and the empty triads
    alone = size[node_class[tv]] - 2 - (degree[tv] + degree[tu] - 2 - common)
    mutual = tie_bits == 3
    for name, which in (("102", mutual), ("012", ~mutual)):
        out[:, TRIAD_NAMES.index(name)] += np.bincount(
            node_class[tv[which]], weights=alone[which], minlength=n_classes
        ).round().astype(np.int64)
    out[:, TRIAD_NAMES.index("003")] = size * (size - 1) * (size - 2) // 6 - out.sum(axis=1)
    return out, triangles


def _valid_edges(
    nominations: pd.DataFrame, roster: pd.DataFrame, question_id: Hashable,
    prepared: Prepared | None = None,
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame, np.ndarray]:
    """(roster, class index per pupil, classes, valid edges as (class, rater, target) rows).

    ``prepared``: ``_prepare(nominations, roster)`` of all questions; its rows of
    ``question_id`` are the rows ``_prepare`` gives for that question alone (the labels and
    the duplicate rule do not depend on the other questions).
    """
    require_columns(nominations, NOMINATIONS, "nominations")
    require_columns(roster, ROSTER, "roster")
    if prepared is None:
        prep = _prepare(nominations.loc[nominations["question_id"] == question_id], roster)
        valid = prep.kind == VALID
    else:
        prep = prepared
        code = prep.questions.get_indexer([question_id])[0]
        valid = (prep.kind == VALID) & (prep.n_q == code) if code >= 0 else (
            np.zeros(len(prep.kind), dtype=bool))
    edges = np.column_stack([prep.n_cidx[valid], prep.rater[valid], prep.target[valid]])
    return prep.ros, prep.cidx, prep.classes, edges.astype(np.int64).reshape(-1, 3)


def build_graph(
    nominations: pd.DataFrame,
    roster: pd.DataFrame,
    question_id: Hashable,
    class_id: Hashable,
    wave_id: Hashable,
) -> nx.DiGraph:
    """Directed nomination graph of one class × wave × question, for the class map.

    Nodes are the roster pupils of the class (in roster order) with attributes ``gender``
    and ``present``; edges are the valid nominations rater → target.
    """
    require_columns(roster, ROSTER, "roster")
    mask = (roster["class_id"] == class_id) & (roster["wave_id"] == wave_id)
    class_roster = roster.loc[mask]
    ros, _, _, edges = _valid_edges(nominations, class_roster, question_id)
    graph = nx.DiGraph(question_id=question_id, class_id=class_id, wave_id=wave_id)
    ids = ros["pupil_id"].tolist()
    for pupil, gender, present in zip(ids, ros["gender"], ros["present"], strict=True):
        graph.add_node(pupil, gender=gender, present=bool(present))
    graph.add_edges_from(
        (ids[a], ids[b])
        for a, b in zip(edges[:, 1].tolist(), edges[:, 2].tolist(), strict=True)
    )
    return graph


def _communities(n: int, src: np.ndarray, dst: np.ndarray, seed: int) -> np.ndarray:
    """Louvain community of each node 0..n−1 (ids ordered by each community's first node)."""
    # Same graph as ``build_graph(...).to_undirected()`` (node order = roster order, each
    # node's neighbours in the order DiGraph.to_undirected visits them: by source node, then
    # edge insertion order), so the seeded partition equals networkx's on the class map,
    # without the cost of building the DiGraph and deep-copying its attributes.
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    by_source = np.argsort(src, kind="stable")
    graph.add_edges_from(zip(src[by_source].tolist(), dst[by_source].tolist(), strict=True))
    comms = nx.community.louvain_communities(graph, seed=seed)
    label = np.empty(n, dtype=np.int64)
    for cid, members in enumerate(sorted(comms, key=min)):
        label[list(members)] = cid
    return label


def network_measures(
    nominations: pd.DataFrame,
    roster: pd.DataFrame,
    question_id: Hashable,
    seed: int = 0,
    *,
    prepared: Prepared | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-pupil and per-class network measures of one question in every class of the roster.

    per_pupil (``NETWORK_PUPIL_COLUMNS``): in_degree (nominations received), out_degree
    (given), mutual (number of reciprocated ties), isolate (in_degree == 0: nobody named the
    pupil — "isolated" only when the question is a positive one), community (seeded
    Louvain on the undirected version of the graph; ids 0.. numbered by the community's
    first pupil in roster order, so a fixed seed gives the same ids on every run).

    per_class (``NETWORK_CLASS_COLUMNS``): n_ties, density = n_ties / (n(n−1)),
    reciprocity = share of ties that are returned (networkx ``overall_reciprocity``),
    transitivity = 3 × triangles / connected triples of the undirected graph (networkx
    ``transitivity(G.to_undirected())``), n_mutual = mutual dyads, n_isolates,
    n_communities and the 16 triad-census counts ``triad_003`` … ``triad_300``. Undefined
    ratios (no possible ties, no ties, no two-paths) are NaN.

    ``prepared``: ``sociometry._prepare(nominations, roster)`` of these same frames, when
    the caller already has it (the pipeline shares one with ``sociometry``).
    """
    ros, cidx, class_keys, edges = _valid_edges(nominations, roster, question_id, prepared)
    n_pupils = len(ros)
    edge_cidx, src, dst = edges[:, 0], edges[:, 1], edges[:, 2]
    in_deg = np.bincount(dst, minlength=n_pupils)
    out_deg = np.bincount(src, minlength=n_pupils)
    returned = np.isin(dst * n_pupils + src, src * n_pupils + dst)  # the tie is returned
    mutual = np.bincount(src[returned], minlength=n_pupils)

    # local position of every pupil inside its class (classes are contiguous in ros)
    sizes = np.bincount(cidx, minlength=len(class_keys))
    first = np.cumsum(sizes) - sizes
    local = np.arange(n_pupils) - first[cidx]
    community = np.zeros(n_pupils, dtype=np.int64)
    src_local = local[src]
    dst_local = local[dst]
    order = np.argsort(edge_cidx, kind="stable")
    bounds = np.searchsorted(edge_cidx[order], np.arange(len(sizes) + 1))

    n_communities = np.zeros(len(sizes), dtype=np.int64)
    for c in np.flatnonzero(sizes):
        sel = order[bounds[c]:bounds[c + 1]]
        members = first[c] + np.arange(sizes[c])
        community[members] = _communities(int(sizes[c]), src_local[sel], dst_local[sel], seed)
        n_communities[c] = community[members].max() + 1
    triads, triangles = triad_census(n_pupils, src, dst, cidx, len(sizes))
    # transitivity of the undirected graph: 3 × triangles / connected triples (two-paths)
    und_degree = np.bincount(np.unique(np.r_[src * n_pupils + dst, dst * n_pupils + src])
                             // max(n_pupils, 1), minlength=n_pupils)
    two_paths = np.bincount(cidx, weights=und_degree * (und_degree - 1) / 2,
                            minlength=len(sizes))
    with np.errstate(invalid="ignore", divide="ignore"):
        transitivity = np.where(two_paths > 0, 3 * triangles / np.maximum(two_paths, 1),
                                np.nan)

    per_pupil = pd.DataFrame({
        "wave_id": ros["wave_id"].array, "class_id": ros["class_id"].array,
        "pupil_id": ros["pupil_id"].array, "question_id": question_id,
        "in_degree": in_deg, "out_degree": out_deg, "mutual": mutual,
        "isolate": in_deg == 0, "community": community,
    })
    n_ties = np.bincount(edge_cidx, minlength=len(sizes))
    possible = sizes * (sizes - 1)
    n_mutual = np.bincount(cidx[src[returned]], minlength=len(sizes)) // 2
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(possible > 0, n_ties / np.maximum(possible, 1), np.nan)
        reciprocity = np.where(n_ties > 0, 2 * n_mutual / np.maximum(n_ties, 1), np.nan)
    classes = pd.DataFrame({
        "wave_id": class_keys["wave_id"].array, "class_id": class_keys["class_id"].array,
        "question_id": question_id, "n_pupils": sizes, "n_ties": n_ties, "density": density,
        "reciprocity": reciprocity, "transitivity": transitivity, "n_mutual": n_mutual,
        "n_isolates": np.bincount(cidx[in_deg == 0], minlength=len(sizes)),
        "n_communities": n_communities,
        **{col: triads[:, k] for k, col in enumerate(TRIAD_COLUMNS)},
    })
    return (
        _in_order(per_pupil, NETWORK_PUPIL_COLUMNS),
        _in_order(classes, NETWORK_CLASS_COLUMNS),
    )
