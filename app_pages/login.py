"""Log-in page: username and password; the same message for a wrong password and an
unknown user; repeated failures are slowed down per account and client address
(survey.throttle)."""

import streamlit as st

from survey.accounts import authenticate
from survey.audit import record
from survey.views import demo_school_exists
from ui.core import client_address, db, language_selector, log_in, tr


def main() -> None:
    st.title(tr("app.title"))
    st.caption(tr("app.tagline"))
    language_selector()

    with st.form("login"):
        st.subheader(tr("login.title"))
        st.text_input(tr("login.username"), autocomplete="username", key="login_username")
        st.text_input(
            tr("login.password"), type="password", autocomplete="current-password",
            key="login_password",
        )
        submitted = st.form_submit_button(tr("login.submit"), type="primary")

    if submitted:
        with db() as session:
            result = authenticate(
                session, st.session_state["login_username"], st.session_state["login_password"],
                address=client_address(),
            )
            if result.user is not None:
                record(session, "login", user_id=result.user.id)
        if result.user is not None:
            log_in(result.user)
            st.rerun()
        elif result.wait_s > 120:
            st.error(tr("login.wait_minutes", minutes=-(-result.wait_s // 60)))
        elif result.wait_s:
            st.error(tr("login.wait", seconds=result.wait_s))
        else:
            st.error(tr("login.failed"))

    st.info(tr("login.children"), icon=":material/child_care:")
    with db() as session:
        if demo_school_exists(session):
            st.caption(tr("login.demo"))


main()
