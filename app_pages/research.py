"""Pseudonymised data of the researcher's project: counts and CSV downloads per table."""

import streamlit as st

from analysis.exports import safe_csv
from survey.research import project_frames
from survey.text import md
from survey.views import researcher_project
from ui.core import db, require_role, tr
from ui.downloads import private_download


def main() -> None:
    user = require_role("researcher")
    st.title(tr("page.research"))

    with db() as session:
        project = researcher_project(session, actor=user)
        if project is None:
            st.info(tr("research.no_project"))
            st.stop()
        frames = project_frames(session, project.project_id, actor=user)

    st.subheader(tr("research.project", name=md(project.name)))
    st.info(tr("research.pseudonymised"), icon=":material/shield_person:")
    st.write(
        tr(
            "research.counts",
            classes=frames.waves["class_id"].nunique(),
            waves=len(frames.waves),
            pupils=frames.pupils["pupil_id"].nunique(),
        )
    )
    tables = {
        "roster": frames.roster,
        "nominations": frames.nominations,
        "teacher_ratings": frames.teacher_answers,
        "child_answers": frames.child_answers,
    }
    for name, frame in tables.items():
        with st.expander(f"{name} ({len(frame)})"):
            st.dataframe(frame.head(200), hide_index=True, width="stretch")
            private_download(
                tr("research.download", table=name),
                lambda frame=frame: safe_csv(frame),  # formula cells neutralised
                file_name=f"klaskaart_{name}.csv",
                mime="text/csv",
                key=f"dl_{name}",
            )


main()
