"""Small table builders shared by overview pages (translation of codes to labels)."""

from __future__ import annotations

import pandas as pd

from survey.overview import ClassSummary
from survey.text import plain
from ui.core import tr


def classes_table(summaries: list[ClassSummary]) -> pd.DataFrame:
    """One row per class: name, grade, pupils taking part, and the latest wave's progress."""
    rows = []
    for s in summaries:
        latest = s.waves[-1] if s.waves else None
        rows.append(
            {
                tr("col.class"): plain(s.name),
                tr("col.grade"): s.grade,
                tr("col.pupils"): s.taking_part,
                tr("col.wave"): plain(latest.name) if latest else "—",
                tr("col.status"): tr(f"wave.{latest.status}") if latest else "—",
                tr("col.child_done"): f"{latest.child_complete}/{s.taking_part}" if latest else "—",
                tr("col.teacher_done"): f"{latest.teacher_complete}/{s.taking_part}"
                if latest
                else "—",
            }
        )
    return pd.DataFrame(rows)


def waves_table(summary: ClassSummary) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                tr("col.wave"): plain(w.name),
                tr("col.starts_on"): w.starts_on,
                tr("col.status"): tr(f"wave.{w.status}"),
                tr("col.child_done"): f"{w.child_complete}/{summary.taking_part}",
                tr("col.teacher_done"): f"{w.teacher_complete}/{summary.taking_part}",
            }
            for w in summary.waves
        ]
    )
