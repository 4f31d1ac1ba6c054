"""Overview for every logged-in role: what this account can see, at a glance."""

import streamlit as st

from survey.accounts import visible_class_ids
from survey.models import ResearchProject, School, User
from survey.overview import class_summaries
from survey.text import md
from ui.core import db, require_role, tr
from ui.tables import classes_table

user = require_role("teacher", "counsellor", "researcher", "admin")
st.title(tr("home.welcome", name=md(user.display_name)))
st.caption(tr("app.screening_note"))

with db() as session:
    if user.role == "researcher":
        project = session.get(ResearchProject, user.project_id) if user.project_id else None
        if project is None:
            st.info(tr("research.no_project"))
        else:
            st.subheader(tr("research.project", name=md(project.name)))
            st.write(tr("research.pseudonymised"))
    elif user.role == "admin":
        c1, c2 = st.columns(2)
        c1.metric(tr("admin.users"), session.query(User).count())
        c2.metric(tr("admin.schools"), session.query(School).count())
    else:
        summaries = class_summaries(session, visible_class_ids(session, user), actor=user)
        if not summaries:
            st.info(tr("home.no_classes"))
        else:
            st.subheader(tr("page.classes"))
            st.dataframe(classes_table(summaries), hide_index=True, width="stretch")
