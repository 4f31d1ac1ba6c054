"""Benchmark: how long the bounded roster reader takes to refuse each hostile file, and to
read a normal class list (issue [Holes] item 2).

    .venv/bin/python bench/roster_uploads.py [--runs 5]

Builds the attack files of tests/unit/attack_files.py, starts the forkserver once (its
start-up is printed separately), then times ``survey.roster.read_roster`` per file: median
and maximum of ``--runs`` readings, with the load average. Prints figures only; never asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey.bounded import run_bounded  # noqa: E402
from survey.roster import read_roster  # noqa: E402
from tests.unit import attack_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    header = "Voornaam;Achternaam;Geslacht\n"
    files = {
        "dimension A1:XFD1048576 (.xlsx)": ("a.xlsx", attack_files.dimension_xlsx()),
        "zip bomb 240 MB XML (.xlsx)": ("b.xlsx", attack_files.zip_bomb_xlsx()),
        "compression ratio (.xlsx)": ("c.xlsx", attack_files.ratio_xlsx()),
        "CSV field of 140,000 characters": ("d.csv",
                                            (header + "A;" + "x" * 140_000 + ";j\n").encode()),
        "sample roster_groep6.xlsx": ("e.xlsx",
                                      (ROOT / "sample_data" / "roster_groep6.xlsx").read_bytes()),
    }
    started = time.monotonic()
    run_bounded(int, timeout_s=120)
    print(f"load average {os.getloadavg()[0]:.2f}; forkserver start "
          f"{time.monotonic() - started:.2f} s (once per server process)")
    for label, (name, data) in files.items():
        seconds, outcome = [], ""
        for _ in range(args.runs):
            t0 = time.monotonic()
            parsed = read_roster(data, name)
            seconds.append(time.monotonic() - t0)
            outcome = ", ".join(p.key for p in parsed.problems[:1]) or f"{len(parsed.rows)} rows"
        print(f"{label:34} {len(data) / 1000:8.1f} kB  median {statistics.median(seconds):.3f} s"
              f"  max {max(seconds):.3f} s  → {outcome}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
