"""Benchmark: the one-class analysis of an earlier commit against the working tree.

    .venv/bin/python bench/analysis_before_after.py --before 707f21b [--blocks 3] [--runs 30]

The speed of this shared 2-core machine drifts by about 1.5× from one minute to the next, so
two figures measured at different times cannot be compared. This script checks the earlier
commit out into a temporary git worktree and times ``analyse`` on the same generated class
(25 pupils, 2 waves) for both trees, with pandas' default string storage (pyarrow) and with
the programs' Python storage, in alternating blocks of ``--runs`` runs: every combination
sees the same machine. Each block runs in a fresh subprocess (imports and caches warmed up
before timing). Prints the median and minimum per combination and the after/before ratios.
Prints figures only; never asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_TIMER = r"""
import json, sys, time
root, storage, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path[:0] = [root, root + "/bench"]
import pandas as pd
pd.set_option("mode.string_storage", storage)
from analysis_scale import generate
from analysis.pipeline import analyse, default_questions
questions = default_questions()
one, _ = generate(1, 25, 2, 1)
def call():
    analyse(one.roster, one.nominations, questions, one.teacher_answers, one.child_answers)
call(); call()
times = []
for _ in range(runs):
    t0 = time.perf_counter(); call(); times.append(time.perf_counter() - t0)
print(json.dumps(times))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="git revision to compare with")
    parser.add_argument("--blocks", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30, help="runs per block")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="klaskaart-before-") as tmp:
        before = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                        str(before), args.before], check=True)
        try:
            trees = {"before": before, "after": ROOT}
            times: dict[tuple[str, str], list[float]] = {}
            for _ in range(args.blocks):
                for tree, path in trees.items():
                    for storage in ("pyarrow", "python"):
                        out = subprocess.run(
                            [sys.executable, "-c", _TIMER, str(path), storage, str(args.runs)],
                            capture_output=True, text=True, check=True).stdout
                        times.setdefault((tree, storage), []).extend(json.loads(out))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(before)], check=False)
    medians = {key: statistics.median(ts) for key, ts in times.items()}
    for (tree, storage), ts in times.items():
        print(f"{tree:6s} {storage:7s} strings: median {medians[tree, storage] * 1000:6.1f} ms, "
              f"min {min(ts) * 1000:6.1f} ms ({len(ts)} runs)")
    base = medians["before", "pyarrow"]
    for tree, storage in (("after", "pyarrow"), ("after", "python"), ("before", "python")):
        print(f"ratio {tree}/{storage} to before/pyarrow: {medians[tree, storage] / base:.2f}")


if __name__ == "__main__":
    main()
