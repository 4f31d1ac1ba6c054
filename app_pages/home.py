"""Overview for every logged-in role: what this account can see, at a glance."""

import streamlit as st

from survey.accounts import visible_class_ids
from survey.overview import class_summaries
from survey.text import md
from survey.views import admin_counts, researcher_project
from ui.core import db, require_role, tr
from ui.tables import classes_table


def main() -> None:
    user = require_role("teacher", "counsellor", "researcher", "admin")
    st.title(tr("home.welcome", name=md(user.display_name)))
    st.caption(tr("app.screening_note"))

    with db() as session:
        if user.role == "researcher":
            project = researcher_project(session, actor=user)
            if project is None:
                st.info(tr("research.no_project"))
            else:
                st.subheader(tr("research.project", name=md(project.name)))
                st.write(tr("research.pseudonymised"))
        elif user.role == "admin":
            n_users, n_schools = admin_counts(session, actor=user)
            c1, c2 = st.columns(2)
            c1.metric(tr("admin.users"), n_users)
            c2.metric(tr("admin.schools"), n_schools)
        else:
            summaries = class_summaries(session, visible_class_ids(session, user), actor=user)
            if not summaries:
                st.info(tr("home.no_classes"))
            else:
                st.subheader(tr("page.classes"))
                st.dataframe(classes_table(summaries), hide_index=True, width="stretch")


main()
