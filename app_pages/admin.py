"""Administration: users (list, create, change role/school/classes/active), schools, the
log of access changes, and the questionnaire wording.

A global administrator (``school_id`` NULL) manages every school. An administrator with a
school is that school's administrator: this page shows and offers only that school's
users, classes and access changes (survey.accounts.check_actor enforces the same below
the page). Creating an account and every change that widens access is audited
(``access.*`` events, survey.accounts.record_access_change), from here, the command line
and the first-run set-up alike.
"""

import pandas as pd
import streamlit as st

from survey.accounts import ROLES, AccountError, create_user, update_access_of
from survey.audit import record
from survey.instruments import PackError, active_pack, install_wording, remove_wording
from survey.instruments.installed import LICENSABLE
from survey.text import md, plain
from survey.views import admin_view
from ui.core import db, error_text, language, require_role, tr


def main() -> None:
    admin = require_role("admin")
    scope = admin.school_id  # None: every school
    st.title(tr("page.admin"))

    with db() as session:
        view = admin_view(session, actor=admin)
    schools = {i: plain(n) for i, n in view.schools.items()}
    classes = {c.class_id: plain(f"{schools[c.school_id]} · {c.name} ({c.school_year})")
               for c in view.classes.values()}
    usernames = {i: plain(n) for i, n in view.usernames.items()}
    all_schools = {i: plain(n) for i, n in view.all_schools.items()}
    all_classes = {i: plain(n) for i, n in view.all_classes.items()}
    managed = view.users
    user_classes = {u.user_id: list(u.class_ids) for u in managed}
    users = pd.DataFrame(
        [
            {
                tr("col.username"): plain(u.username),
                tr("admin.display_name"): plain(u.display_name),
                tr("col.role"): tr(f"role.{u.role}"),
                tr("col.school"): schools.get(u.school_id, ""),
                tr("col.classes"): plain(", ".join(u.class_names)),
                tr("admin.active"): u.active,
            }
            for u in managed
        ]
    )
    events = view.events

    if scope is not None:
        st.info(tr("admin.school_scope", school=md(schools.get(scope, ""))))
    school_options = list(schools) if scope is not None else [None, *schools]

    def school_label(school_id: int | None) -> str:
        return schools.get(school_id, tr("admin.no_school"))

    st.subheader(tr("admin.users"))
    st.dataframe(users, hide_index=True, width="stretch")

    with st.form("new_user", clear_on_submit=True):
        st.subheader(tr("admin.new_user"))
        c1, c2 = st.columns(2)
        username = c1.text_input(tr("col.username"))
        display_name = c2.text_input(tr("admin.display_name"))
        role = c1.selectbox(tr("col.role"), ROLES, format_func=lambda r: tr(f"role.{r}"))
        school_id = c2.selectbox(tr("col.school"), school_options, format_func=school_label)
        class_ids = st.multiselect(tr("admin.classes"), list(classes), format_func=classes.get)
        password = st.text_input(tr("login.password"), type="password")
        if st.form_submit_button(tr("admin.create"), type="primary"):
            try:
                with db() as session:
                    new = create_user(
                        session, username, password, role, display_name=display_name,
                        school_id=school_id, class_ids=tuple(class_ids), actor_id=admin.id,
                    )
                st.success(tr("admin.created", username=md(new.username)))
                st.rerun()
            except AccountError as exc:
                st.error(error_text(exc))

    if managed:
        st.subheader(tr("admin.edit_user"))
        by_id = {u.user_id: u for u in managed}
        chosen = st.selectbox(
            tr("admin.user"), list(by_id),
            format_func=lambda i: f"{plain(by_id[i].display_name)} · {plain(by_id[i].username)} "
                                f"({tr(f'role.{by_id[i].role}')})",
            key="edit_user_id",
        )
        target = by_id[chosen]
        with st.form(f"edit_user_{chosen}"):
            c1, c2 = st.columns(2)
            new_role = c1.selectbox(tr("col.role"), ROLES, index=ROLES.index(target.role),
                                    format_func=lambda r: tr(f"role.{r}"))
            options = school_options if target.school_id in school_options else [
                target.school_id, *school_options]
            new_school = c2.selectbox(tr("col.school"), options,
                                      index=options.index(target.school_id),
                                      format_func=lambda i: all_schools.get(i, tr("admin.no_school")))
            current = user_classes[chosen]
            class_options = list(dict.fromkeys([*classes, *current]))
            new_classes = st.multiselect(
                tr("admin.classes"), class_options, default=current,
                format_func=lambda i: classes.get(i) or all_classes.get(i, str(i)),
            )
            new_active = st.checkbox(tr("admin.active"), value=target.active)
            if st.form_submit_button(tr("admin.save")):
                try:
                    with db() as session:
                        done = update_access_of(
                            session, chosen, role=new_role, school_id=new_school,
                            class_ids=tuple(new_classes), active=new_active, actor_id=admin.id,
                        )
                    if done:
                        st.success(tr("admin.saved", username=md(target.username)))
                        st.rerun()
                    st.info(tr("admin.unchanged"))
                except AccountError as exc:
                    st.error(error_text(exc))

    st.subheader(tr("admin.schools"))
    st.dataframe(
        pd.DataFrame({tr("col.school"): list(schools.values())}), hide_index=True, width="stretch"
    )

    def describe(action: str, detail: dict) -> str:
        """The words of one access change: the action and what it gave (names, not ids)."""

        def class_names(ids) -> str:
            return ", ".join(all_classes.get(i, str(i)) for i in ids or ())

        def school_name(school_id) -> str:
            return all_schools.get(school_id, tr("admin.no_school"))

        role = tr(f"role.{detail.get('role')}")
        if action == "access.role_changed":
            words = f"{tr('role.' + str(detail.get('old_role')))} → {role}"
        elif action == "access.school_changed":
            words = f"{school_name(detail.get('old_school_id'))} → {school_name(detail.get('school_id'))}"
        elif action == "access.classes_added":
            words = class_names(detail.get("added"))
        elif action == "access.classes_removed":
            words = class_names(detail.get("removed"))
        else:
            words = ", ".join(p for p in (role, school_name(detail.get("school_id")) if detail.get(
                "school_id") else "", class_names(detail.get("class_ids"))) if p)
        return tr(action, detail=words)

    st.subheader(tr("admin.access_log"))
    st.caption(tr("admin.access_log_help"))
    if events:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("admin.col_when"): e.at.strftime("%Y-%m-%d %H:%M"),
                        tr("admin.col_who"): usernames.get(e.user_id, tr("admin.by_command_line")),
                        tr("admin.col_what"): describe(e.action, e.detail or {}),
                        tr("admin.col_for"): plain((e.detail or {}).get("username", e.object_id)),
                        tr("admin.col_via"): tr(f"admin.via.{(e.detail or {}).get('via', 'app')}"),
                    }
                    for e in events
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(tr("admin.access_log_empty"))

    st.subheader(tr("admin.wording"))
    st.caption(tr("admin.wording_help"))
    for pack_id in LICENSABLE:
        pack = active_pack(pack_id)
        with st.container(border=True):
            st.write(f"**{md(pack.name.get(language(), pack.id))}** — {md(pack.wording_source)}")
            upload = st.file_uploader(
                tr("admin.wording_upload"), type=["csv"], key=f"wording_{pack_id}",
                max_upload_size=1,  # a wording file is a few kB
            )
            c1, c2 = st.columns(2)
            if c1.button(tr("admin.wording_install"), key=f"install_{pack_id}", disabled=not upload):
                try:
                    installed = install_wording(pack_id, upload.getvalue(), upload.name)
                    with db() as session:
                        record(session, "wording_installed", user_id=admin.id, object_type="pack",
                               object_id=pack_id, source=installed.wording_source)
                    st.success(tr("admin.wording_installed", source=md(installed.wording_source)))
                except PackError as exc:
                    st.error(tr("admin.wording_refused"))
                    st.code("\n".join(exc.lines(language())), language=None)
            if pack.wording_source.startswith("licensed:") and c2.button(
                tr("admin.wording_remove"), key=f"remove_{pack_id}"
            ):
                remove_wording(pack_id)
                with db() as session:
                    record(session, "wording_removed", user_id=admin.id, object_type="pack",
                           object_id=pack_id)
                st.rerun()


main()
