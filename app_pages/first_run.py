"""First-run set-up: shown by the router instead of the log-in form while no active
administrator exists. The installer creates the first administrator with a password of
their choice; the one-time set-up code (survey.first_admin: in the server log and in a
0600 file under data/) keeps a stranger who reaches a fresh install first from taking it
over."""

import streamlit as st

from survey.accounts import AccountError
from survey.first_admin import (
    code_path,
    create_first_admin,
    discard_setup_code,
    needs_first_admin,
    setup_code,
)
from survey.text import md
from ui.core import db, error_text, language_selector, tr


def main() -> None:
    st.title(tr("first_run.title"))
    language_selector()

    with db() as session:
        needed = needs_first_admin(session)
        if needed:
            setup_code(session)  # made and printed to the server log on the first visit
    if not needed:
        st.info(tr("first_run.done"))
        st.button(tr("first_run.to_login"), type="primary")  # a rerun: the router shows log-in
        st.stop()

    st.write(tr("first_run.intro", path=md(code_path())))
    st.caption(tr("first_run.cli"))
    with st.form("first_admin"):
        code = st.text_input(tr("first_run.code"), autocomplete="off")
        username = st.text_input(tr("login.username"), autocomplete="username")
        display_name = st.text_input(tr("admin.display_name"))
        password = st.text_input(tr("login.password"), type="password", autocomplete="new-password")
        repeat = st.text_input(tr("account.repeat"), type="password", autocomplete="new-password")
        submitted = st.form_submit_button(tr("first_run.submit"), type="primary")

    if submitted:
        if password != repeat:
            st.error(tr("account.mismatch"))
        else:
            try:
                with db() as session:
                    admin = create_first_admin(session, code, username, password, display_name)
                discard_setup_code()
                st.success(tr("first_run.created", username=md(admin.username)))
                st.button(tr("first_run.to_login"), type="primary")
            except AccountError as exc:
                st.error(error_text(exc))


main()
