"""Counsellor overview: every class of the school, participation per wave (sortable), the
children who need attention (``ui.tables.show_attention``, the home page's list too) and a
way into each flagged child's profile. An admin sees the class
summaries of every school (no pupil names)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from survey.text import md, plain
from survey.views import school_overviews
from ui.analysis_cache import class_analysis, flagged_pupils
from ui.core import db, language, require_role, tr
from ui.tables import classes_table, show_attention


def main() -> None:
    user = require_role("counsellor", "admin")
    lang = language()

    with db() as session:
        groups = school_overviews(session, actor=user)

    st.title(tr("page.school"))
    st.caption(tr("app.screening_note"))
    if not groups:
        st.info(tr("home.no_classes"))

    if user.role == "admin":
        for school_name, summaries in groups:
            st.subheader(tr("school.overview", school=md(school_name)))
            if summaries:
                st.dataframe(classes_table(summaries), hide_index=True, width="stretch")
            else:
                st.info(tr("home.no_classes"))
        st.stop()

    for school_name, summaries in groups:
        st.subheader(tr("school.overview", school=md(school_name)))
        if not summaries:
            st.info(tr("home.no_classes"))
            continue
        rows = []
        for s in summaries:
            ca = class_analysis(s.class_id, lang, actor=user)
            risk = ca.result.risk
            soc = ca.result.sociometry_classes
            for w in s.waves:
                r = risk[risk["wave_id"] == w.wave_id] if len(risk) else risk
                part = soc[soc["wave_id"] == w.wave_id]["participation_rate"] if len(soc) else []
                rows.append({
                    tr("col.class"): plain(s.name),
                    tr("col.grade"): s.grade,
                    tr("col.wave"): plain(w.name),
                    tr("col.status"): tr(f"wave.{w.status}"),
                    tr("col.pupils"): s.taking_part,
                    tr("col.child_done"): w.child_complete,
                    tr("col.teacher_done"): w.teacher_complete,
                    tr("school.col.participation"): round(100 * float(max(part)))
                    if len(part) else None,
                    tr("school.col.double"): int(r["double_risk"].sum()) if len(r) else 0,
                    tr("school.col.teacher_risk"): int(r["teacher_risk"].sum()) if len(r) else 0,
                    tr("school.col.peer_risk"): int(r["peer_risk"].sum()) if len(r) else 0,
                })
        st.markdown(f"**{tr('school.participation')}**")
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption(tr("school.participation_help"))

        show_attention(flagged_pupils([x.class_id for x in summaries], lang, actor=user),
                       key=f"school_{school_name}")


main()
