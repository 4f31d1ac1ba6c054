"""The school's classes for a counsellor (their school) or an admin (every school)."""

import streamlit as st

from survey.accounts import visible_class_ids
from survey.models import School, SchoolClass
from survey.overview import class_summaries
from ui.core import db, require_role, tr
from ui.tables import classes_table

user = require_role("counsellor", "admin")

with db() as session:
    if user.role == "admin":
        schools = session.query(School).order_by(School.name).all()
    else:
        schools = [session.get(School, user.school_id)] if user.school_id else []
    visible = set(visible_class_ids(session, user))
    groups = []
    for school in schools:
        ids = [
            c.id
            for c in session.query(SchoolClass)
            .filter(SchoolClass.school_id == school.id)
            .order_by(SchoolClass.grade, SchoolClass.name)
            if c.id in visible
        ]
        groups.append((school.name, class_summaries(session, ids)))

st.title(tr("page.school"))
st.caption(tr("app.screening_note"))
if not groups:
    st.info(tr("home.no_classes"))
for school_name, summaries in groups:
    st.subheader(tr("school.overview", school=school_name))
    if summaries:
        st.dataframe(classes_table(summaries), hide_index=True, width="stretch")
    else:
        st.info(tr("home.no_classes"))
