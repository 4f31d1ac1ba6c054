"""Small table builders shared by overview pages (translation of codes to labels)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from survey.overview import ClassSummary
from survey.text import md, plain
from ui.analysis_cache import Flagged
from ui.core import tr
from ui.navigation import open_profile


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


def attention_table(flagged: list[Flagged]) -> pd.DataFrame:
    """The attention list as a table: class, full name, wave, reasons (Markdown-escaped
    cells for ``st.table``, which wraps long reasons instead of cutting them off)."""
    return pd.DataFrame(
        [{tr("col.class"): md(f.class_name), tr("col.name"): md(f.name),
          tr("col.wave"): md(f.wave_name), tr("school.col.reasons"): md(f.reasons)}
         for f in flagged],
        columns=[tr("col.class"), tr("col.name"), tr("col.wave"), tr("school.col.reasons")],
    )


def show_attention(flagged: list[Flagged], key: str) -> None:
    """The children who need attention (``ui.analysis_cache.flagged_pupils``): the whole
    reasons in a table, and a picker with *Open profiel* (home and school pages)."""
    st.markdown(f"**{tr('school.attention')}**")
    if not flagged:
        st.success(tr("school.none_flagged"))
        return
    st.table(attention_table(flagged), hide_index=True)
    labels = {i: f"{plain(f.name)} ({plain(f.class_name)})" for i, f in enumerate(flagged)}
    pick, go_col = st.columns([3, 1], vertical_alignment="bottom")
    i = pick.selectbox(tr("cm.pick"), list(labels), format_func=labels.get, key=f"{key}_pick")
    if go_col.button(tr("cm.open_profile"), type="primary", key=f"{key}_open", width="stretch"):
        open_profile(flagged[i].pupil_id, flagged[i].wave_id)
    st.caption(tr("school.attention_help"))
