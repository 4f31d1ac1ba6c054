"""Network measures of one nomination question, per pupil and per class.

The nomination network of a class is a directed graph: one node per roster pupil (also the
absent ones: they can be named), an edge rater → target per valid nomination (same
cleaning as :mod:`analysis.sociometry`: self-nominations, targets outside the class roster
and raters not on the roster or marked absent are dropped; "nobody" rows add no edge).

Degrees, mutual ties, density, reciprocity, transitivity and the triad census are computed
on adjacency matrices batched per class size with numpy (so 1,000 classes take well under
a second); only the Louvain communities need networkx per class.

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
from functools import lru_cache
from itertools import combinations

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
_MAX_TRIPLES_PER_BATCH = 4_000_000


@lru_cache(maxsize=64)
def _triples(n: int) -> np.ndarray:
    """All unordered node triples (i < j < k) of an n-node graph, shape (T, 3)."""
    if n < 3:
        return np.zeros((0, 3), dtype=np.int64)
    return np.array(list(combinations(range(n), 3)), dtype=np.int64)


def _triad_census(adj: np.ndarray) -> np.ndarray:
    """Triad census of a batch of adjacency matrices (B, n, n) → counts (B, 16).

    Uses the Batagelj–Mrvar triad code of networkx (``_tricode``): each of the six possible
    arcs of a triple is one bit; the code maps to one of the 16 MAN types.
    """
    b, n, _ = adj.shape
    out = np.zeros((b, len(TRIAD_NAMES)), dtype=np.int64)
    trip = _triples(n)
    if len(trip) == 0 or b == 0:
        return out
    v, u, w = trip[:, 0], trip[:, 1], trip[:, 2]
    step = max(1, _MAX_TRIPLES_PER_BATCH // len(trip))
    a = adj.astype(np.uint8)  # codes are < 64: uint8 keeps the (B, T) temporaries small
    for start in range(0, b, step):
        blk = a[start:start + step]
        code = blk[:, v, u] + (blk[:, u, v] << 1)
        code |= (blk[:, v, w] << 2) | (blk[:, w, v] << 3)
        code |= (blk[:, u, w] << 4) | (blk[:, w, u] << 5)
        types = _CODE_TO_TYPE[code]
        rows = np.arange(len(blk))[:, None] * len(TRIAD_NAMES)
        out[start:start + step] = np.bincount(
            (types + rows).ravel(), minlength=len(blk) * len(TRIAD_NAMES)
        ).reshape(len(blk), len(TRIAD_NAMES))
    return out


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

    stats = np.full((len(sizes), 2), np.nan)  # transitivity, n_communities
    triads = np.zeros((len(sizes), len(TRIAD_NAMES)), dtype=np.int64)
    batch_of = np.full(len(sizes), -1, dtype=np.int64)
    for n in np.unique(sizes):
        cls = np.flatnonzero(sizes == n)
        batch_of[cls] = np.arange(len(cls))
        in_batch = sizes[edge_cidx] == n
        adj = np.zeros((len(cls), n, n), dtype=bool)
        adj[batch_of[edge_cidx[in_batch]], src_local[in_batch], dst_local[in_batch]] = True
        for c in cls:
            sel = order[bounds[c]:bounds[c + 1]]
            members = first[c] + np.arange(n)
            community[members] = _communities(n, src_local[sel], dst_local[sel], seed)
            stats[c, 1] = community[members].max() + 1
        und = (adj | adj.transpose(0, 2, 1)).astype(np.float64)  # exact for counts < 2**53
        deg = und.sum(axis=2)
        closed = ((und @ und) * und).sum(axis=(1, 2))  # trace(U³) = 6 × triangles
        triples = (deg * (deg - 1)).sum(axis=1)
        stats[cls, 0] = np.where(triples > 0, closed / np.where(triples > 0, triples, 1), np.nan)
        triads[cls] = _triad_census(adj)

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
        "reciprocity": reciprocity, "transitivity": stats[:, 0], "n_mutual": n_mutual,
        "n_isolates": np.bincount(cidx[in_deg == 0], minlength=len(sizes)),
        "n_communities": np.nan_to_num(stats[:, 1]).astype(np.int64),
        **{col: triads[:, k] for k, col in enumerate(TRIAD_COLUMNS)},
    })
    return (
        _in_order(per_pupil, NETWORK_PUPIL_COLUMNS),
        _in_order(classes, NETWORK_CLASS_COLUMNS),
    )
