"""Benchmark: the whole analysis pipeline on 1,000 classes and on one class.

    .venv/bin/python bench/analysis_scale.py [--classes 1000] [--pupils 25] [--waves 2]
                                             [--runs 60] [--one-class-only]

Prints wall time and peak memory (tracemalloc peak of the Python heap during the run, and
the process's peak resident set size from ``resource.getrusage``) for the large run, the
median wall time of 60 runs for one class, and each figure's ratio to its target:
1,000 classes < 10 s and < 2 GB, one class < 50 ms. Everything runs with the pandas
options of the app (``analysis.frames.configure_pandas``); the one-class case is also
timed with pandas' default options in the same process, as a baseline. Prints figures
only; never asserts.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.frames import configure_pandas
from analysis.pipeline import analyse, default_questions

TARGET_LARGE_S = 10.0
TARGET_LARGE_BYTES = 2 * 1024**3
TARGET_ONE_S = 0.050


@dataclass
class _Data:
    roster: pd.DataFrame
    nominations: pd.DataFrame
    teacher_answers: pd.DataFrame
    child_answers: pd.DataFrame


def _fallback_generate(n_classes: int, pupils: int, n_waves: int, seed: int) -> _Data:
    """Small synthetic stand-in used only when sample_data.generator is unavailable."""
    from analysis.pipeline import default_keys

    rng = np.random.default_rng(seed)
    teacher_key, child_key = default_keys()
    rosters, noms, t_ans, c_ans = [], [], [], []
    for w in range(n_waves):
        for c in range(n_classes):
            wave = c * n_waves + w + 1  # per-class waves, ids growing with time
            ids = np.arange(pupils) + c * pupils + 1
            present = rng.random(pupils) > 0.05
            rosters.append(pd.DataFrame({"wave_id": wave, "class_id": c + 1, "pupil_id": ids,
                                         "gender": rng.choice(["m", "f"], pupils),
                                         "present": present}))
            for q in ("liked_most", "liked_least", "teacher_likes", "teacher_angry"):
                tie = rng.random((pupils, pupils)) < 0.15
                np.fill_diagonal(tie, False)
                r, t = np.nonzero(tie & present[:, None])
                noms.append(pd.DataFrame({"wave_id": wave, "class_id": c + 1, "question_id": q,
                                          "rater_id": ids[r],
                                          "target_id": pd.array(ids[t], dtype="Int64")}))
            for key, out, hi in ((teacher_key, t_ans, 5), (child_key, c_ans, 4)):
                items = key["item_id"].to_numpy()
                out.append(pd.DataFrame({
                    "wave_id": wave, "pupil_id": np.repeat(ids, len(items)),
                    "item_id": np.tile(items, pupils),
                    "value": rng.integers(1, hi + 1, pupils * len(items)).astype(float)}))
    return _Data(pd.concat(rosters, ignore_index=True), pd.concat(noms, ignore_index=True),
                 pd.concat(t_ans, ignore_index=True), pd.concat(c_ans, ignore_index=True))


def generate(n_classes: int, pupils: int, n_waves: int, seed: int) -> tuple[object, str]:
    """Data from sample_data.generator.generate_classes (fallback: the local generator)."""
    try:
        from sample_data.generator import generate_classes
    except ImportError:
        return _fallback_generate(n_classes, pupils, n_waves, seed), "bench fallback generator"
    return generate_classes(n_classes, pupils, n_waves, seed), "sample_data.generator"


def run(data: object, questions: pd.DataFrame) -> object:
    return analyse(data.roster, data.nominations, questions, data.teacher_answers,
                   data.child_answers)


def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--pupils", type=int, default=25)
    parser.add_argument("--waves", type=int, default=2)
    parser.add_argument("--runs", type=int, default=60,
                        help="runs of the one-class case (per pandas configuration)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one-class-only", action="store_true",
                        help="skip the large run: only the one-class median")
    args = parser.parse_args()
    configure_pandas()  # the options the app and the CLI run with
    questions = default_questions()
    if args.one_class_only:
        _one_class(args, questions)
        _print_load()
        return

    t0 = time.perf_counter()
    big, source = generate(args.classes, args.pupils, args.waves, args.seed)
    gen_s = time.perf_counter() - t0
    print(f"data: {source}; {args.classes} classes x {args.pupils} pupils x {args.waves} waves"
          f" = {len(big.roster):,} roster rows, {len(big.nominations):,} nominations, "
          f"{len(big.teacher_answers) + len(big.child_answers):,} item answers "
          f"(generated in {gen_s:.1f} s, not timed below)")
    rss_before = _maxrss_bytes()

    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    result = run(big, questions)
    large_s = time.perf_counter() - t0
    large_cpu = time.process_time() - c0
    rss_after = _maxrss_bytes()
    del result
    gc.collect()
    tracemalloc.start()
    run(big, questions)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    mib = 1024**2
    print(f"{args.classes} classes: wall {large_s:.2f} s "
          f"(target < {TARGET_LARGE_S:.0f} s: ratio {large_s / TARGET_LARGE_S:.2f}); "
          f"CPU time {large_cpu:.2f} s (less sensitive to other jobs on the machine)")
    print(f"{args.classes} classes: tracemalloc peak {peak / mib:,.0f} MiB "
          f"(target < 2 GiB: ratio {peak / TARGET_LARGE_BYTES:.3f})")
    print(f"{args.classes} classes: process peak RSS {rss_after / mib:,.0f} MiB "
          f"(before the run {rss_before / mib:,.0f} MiB; ratio to 2 GiB "
          f"{rss_after / TARGET_LARGE_BYTES:.3f})")
    _one_class(args, questions)
    _print_load()


def _one_class(args: argparse.Namespace, questions: pd.DataFrame) -> None:
    """Median wall (and CPU) time of ``args.runs`` runs of the pipeline on one class.

    Measured twice in this process, in alternating blocks so both see the same machine:
    with the pandas options the app runs with (``configure_pandas``: Python string
    storage, the figure held against the target) and with pandas' default (pyarrow
    string storage) as the baseline. The data is generated anew under each option.
    """
    storages = {"app (python strings)": "python", "pandas default (pyarrow strings)": "pyarrow"}
    times: dict[str, list[float]] = {name: [] for name in storages}
    cpu: dict[str, list[float]] = {name: [] for name in storages}
    blocks = 4
    per_block = max(1, -(-args.runs // blocks))
    for _ in range(blocks):
        for name, storage in storages.items():
            pd.set_option("mode.string_storage", storage)
            one, _ = generate(1, args.pupils, args.waves, args.seed + 1)
            qs = default_questions()
            run(one, qs)  # warm-up (imports, caches)
            for _ in range(per_block):
                t0, c0 = time.perf_counter(), time.process_time()
                run(one, qs)
                times[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
    configure_pandas()
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    app, default = medians
    for name, ts in times.items():
        one_s = medians[name]
        target = (f"target < 50 ms: ratio {one_s / TARGET_ONE_S:.2f}" if name == app
                  else f"app / default {medians[app] / one_s:.2f}")
        print(f"1 class, {name}: median wall of {len(ts)} runs {one_s * 1000:.1f} ms "
              f"(min {min(ts) * 1000:.1f}, max {max(ts) * 1000:.1f}; {target}); "
              f"median CPU time {statistics.median(cpu[name]) * 1000:.1f} ms")


def _print_load() -> None:
    print(f"load average during the run: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
