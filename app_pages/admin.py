"""Administration: users (list, create) and schools."""

import pandas as pd
import streamlit as st

from survey.accounts import AccountError, create_user
from survey.audit import record
from survey.instruments import PackError, active_pack, install_wording, remove_wording
from survey.instruments.installed import LICENSABLE
from survey.models import ROLES, School, User
from ui.core import db, language, require_role, tr

admin = require_role("admin")
st.title(tr("page.admin"))

with db() as session:
    schools = {s.id: s.name for s in session.query(School).order_by(School.name)}
    users = pd.DataFrame(
        [
            {
                tr("col.username"): u.username,
                tr("admin.display_name"): u.display_name,
                tr("col.role"): tr(f"role.{u.role}"),
                tr("col.school"): schools.get(u.school_id, ""),
                tr("col.classes"): ", ".join(c.name for c in u.classes),
            }
            for u in session.query(User).order_by(User.role, User.username)
        ]
    )

st.subheader(tr("admin.users"))
st.dataframe(users, hide_index=True, width="stretch")

with st.form("new_user", clear_on_submit=True):
    st.subheader(tr("admin.new_user"))
    c1, c2 = st.columns(2)
    username = c1.text_input(tr("col.username"))
    display_name = c2.text_input(tr("admin.display_name"))
    role = c1.selectbox(tr("col.role"), ROLES, format_func=lambda r: tr(f"role.{r}"))
    school_id = c2.selectbox(
        tr("col.school"), [None, *schools], format_func=lambda s: schools.get(s, tr("admin.no_school"))
    )
    password = st.text_input(tr("login.password"), type="password")
    if st.form_submit_button(tr("admin.create"), type="primary"):
        try:
            with db() as session:
                new = create_user(
                    session, username, password, role, display_name=display_name, school_id=school_id
                )
                record(session, "user_created", user_id=admin.id, object_type="user", object_id=new.id)
            st.success(tr("admin.created", username=new.username))
            st.rerun()
        except AccountError as exc:
            st.error(str(exc))

st.subheader(tr("admin.schools"))
st.dataframe(
    pd.DataFrame({tr("col.school"): list(schools.values())}), hide_index=True, width="stretch"
)

st.subheader(tr("admin.wording"))
st.caption(tr("admin.wording_help"))
for pack_id in LICENSABLE:
    pack = active_pack(pack_id)
    with st.container(border=True):
        st.write(f"**{pack.name.get(language(), pack.id)}** — `{pack.wording_source}`")
        upload = st.file_uploader(
            tr("admin.wording_upload"), type=["csv"], key=f"wording_{pack_id}"
        )
        c1, c2 = st.columns(2)
        if c1.button(tr("admin.wording_install"), key=f"install_{pack_id}", disabled=not upload):
            try:
                installed = install_wording(pack_id, upload.getvalue(), upload.name)
                with db() as session:
                    record(session, "wording_installed", user_id=admin.id, object_type="pack",
                           object_id=pack_id, source=installed.wording_source)
                st.success(tr("admin.wording_installed", source=installed.wording_source))
            except PackError as exc:
                st.error(tr("admin.wording_refused"))
                st.code("\n".join(getattr(exc, "problems", ()) or [str(exc)]), language=None)
        if pack.wording_source.startswith("licensed:") and c2.button(
            tr("admin.wording_remove"), key=f"remove_{pack_id}"
        ):
            remove_wording(pack_id)
            with db() as session:
                record(session, "wording_removed", user_id=admin.id, object_type="pack",
                       object_id=pack_id)
            st.rerun()
