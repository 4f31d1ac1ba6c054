"""Counsellor overview: every class of the school, participation per wave, children flagged
per class (sortable), and a way into each flagged child's profile. An admin sees the class
summaries of every school (no pupil names)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from survey.text import md, plain
from survey.views import school_overviews
from ui.analysis_cache import class_analysis
from ui.core import db, language, require_role, tr
from ui.navigation import open_profile
from ui.tables import classes_table


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
        rows, flagged_rows = [], []
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
            if ca.wave_ids:
                latest = ca.wave_ids[-1]
                for row in (risk[(risk["wave_id"] == latest) & risk["double_risk"]].itertuples()
                            if len(risk) else []):
                    flagged_rows.append({
                        "pupil_id": int(row.pupil_id), "wave_id": int(latest),
                        "class_id": int(s.class_id),
                        tr("col.class"): plain(s.name), tr("col.wave"): plain(ca.wave_name(latest)),
                        tr("col.name"): plain(ca.names.get(row.pupil_id, str(row.pupil_id))),
                        tr("school.col.reasons"): row.reasons,
                    })
        st.markdown(f"**{tr('school.participation')}**")
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
        st.caption(tr("school.participation_help"))

        st.markdown(f"**{tr('school.attention')}**")
        if not flagged_rows:
            st.success(tr("school.none_flagged"))
            continue
        flagged = pd.DataFrame(flagged_rows)
        shown = flagged.drop(columns=["pupil_id", "wave_id", "class_id"])
        event = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun",
                             selection_mode="single-row", key=f"school_flagged_{school_name}")
        chosen = event.selection.rows if event and event.selection else []
        if chosen:
            hit = flagged.iloc[chosen[0]]
            open_profile(int(hit["pupil_id"]), int(hit["wave_id"]))
        st.caption(tr("school.attention_help"))
        labels = {i: f"{r[tr('col.name')]} ({r[tr('col.class')]})" for i, r in flagged.iterrows()}
        pick, go_col = st.columns([3, 1], vertical_alignment="bottom")
        i = pick.selectbox(tr("cm.pick"), list(labels), format_func=labels.get,
                           key=f"school_pick_{school_name}")
        if go_col.button(tr("cm.open_profile"), type="primary", key=f"school_open_{school_name}",
                         width="stretch"):
            hit = flagged.loc[i]
            open_profile(int(hit["pupil_id"]), int(hit["wave_id"]))


main()
