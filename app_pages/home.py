"""Overview for every logged-in role: what this account can see, at a glance. Teachers and
counsellors also see the children who need attention in their classes (class, full name,
reasons; the school page's list)."""

import streamlit as st

from survey.access import CARE_TEAM
from survey.accounts import visible_class_ids
from survey.overview import class_summaries
from survey.text import md
from survey.views import admin_counts, researcher_project
from ui.analysis_cache import flagged_pupils
from ui.core import db, language, require_role, tr
from ui.tables import classes_table, show_attention


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
                if user.role in CARE_TEAM:
                    show_attention(flagged_pupils([x.class_id for x in summaries], language(),
                                                  actor=user), key="home_attention")


main()
