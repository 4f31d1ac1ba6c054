"""Benchmark: the triad census of one class, the old all-triples way against Batagelj–Mrvar.

    .venv/bin/python bench/triad_census.py [--sizes 200 400 1500] [--ties-per-pupil 40]
                                           [--old-max 400]

For each class size n a random directed graph with ``ties-per-pupil`` × n ties (capped at
half the possible arcs) is made, and both censuses are timed with their tracemalloc peak:

- old: every unordered triple of the class (``itertools.combinations``, then a 6-bit code
  per triple on a dense n × n matrix) — the code before issue 14; its memory grows with
  n³, so it runs only up to ``--old-max`` pupils (for larger n the triples alone are
  estimated: 3 × 8 bytes × C(n, 3) as numpy, more as the Python list it was built from);
- new: ``analysis.network.triad_census`` (sparse, O(m·Δ)).

Prints the figures and the old/new ratios, and checks that both give the same 16 counts.
Prints figures only; never asserts.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from itertools import combinations
from pathlib import Path

import numpy as np
from networkx.algorithms.triads import TRIAD_NAMES, TRICODE_TO_NAME

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.network import triad_census

_CODE_TO_TYPE = np.array([TRIAD_NAMES.index(TRICODE_TO_NAME[c]) for c in range(64)])


def old_census(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The census as analysis.network computed it before: all C(n, 3) triples."""
    adj = np.zeros((n, n), dtype=np.uint8)
    adj[src, dst] = 1
    trip = np.array(list(combinations(range(n), 3)), dtype=np.int64).reshape(-1, 3)
    v, u, w = trip[:, 0], trip[:, 1], trip[:, 2]
    code = adj[v, u] + (adj[u, v] << 1)
    code |= (adj[v, w] << 2) | (adj[w, v] << 3)
    code |= (adj[u, w] << 4) | (adj[w, u] << 5)
    return np.bincount(_CODE_TO_TYPE[code], minlength=len(TRIAD_NAMES))


def new_census(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    return triad_census(n, src, dst, np.zeros(n, dtype=np.int64), 1)[0][0]


def graph(n: int, ties_per_pupil: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m = min(ties_per_pupil * n, n * (n - 1) // 2)
    keys = np.unique(rng.integers(0, n, 3 * m) * n + rng.integers(0, n, 3 * m))
    keys = rng.permutation(keys[keys // n != keys % n])[:m]
    return keys // n, keys % n


def measure(fn, *args) -> tuple[np.ndarray, float, int]:
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn(*args)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 400, 1500])
    parser.add_argument("--ties-per-pupil", type=int, default=40)
    parser.add_argument("--old-max", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    mib = 1024**2
    for n in args.sizes:
        src, dst = graph(n, args.ties_per_pupil, args.seed)
        new, new_s, new_peak = measure(new_census, n, src, dst)
        line = (f"n={n:>5} pupils, {len(src):>6,} ties: new {new_s:7.3f} s, "
                f"peak {new_peak / mib:8.1f} MiB")
        if n <= args.old_max:
            old, old_s, old_peak = measure(old_census, n, src, dst)
            same = "same counts" if (old == new).all() else "COUNTS DIFFER"
            line += (f" | old {old_s:7.3f} s, peak {old_peak / mib:8.1f} MiB | old/new: time "
                     f"{old_s / new_s:6.1f}x, memory {old_peak / new_peak:6.1f}x ({same})")
        else:
            triples = n * (n - 1) * (n - 2) // 6
            line += (f" | old not run: {triples:,} triples, at least "
                     f"{3 * 8 * triples / 1024**3:,.1f} GiB as int64 "
                     f"({3 * 8 * triples / new_peak:,.0f}x the new peak)")
        print(line, flush=True)
    print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
