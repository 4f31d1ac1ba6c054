"""My account: change password (ends the user's log-ins in other browsers; this one stays).
Every role."""

import streamlit as st

from survey.accounts import AccountError, change_own_password
from survey.text import md
from ui.core import current_session_id, db, error_text, require_role, tr


def main() -> None:
    user = require_role("teacher", "counsellor", "researcher", "admin")
    st.title(tr("page.account"))
    st.write(f"**{md(user.display_name)}** · {md(user.username)} · {tr(f'role.{user.role}')}")

    with st.form("password", clear_on_submit=True):
        st.subheader(tr("account.change_password"))
        current = st.text_input(tr("account.current"), type="password")
        new = st.text_input(tr("account.new"), type="password")
        repeat = st.text_input(tr("account.repeat"), type="password")
        if st.form_submit_button(tr("account.save")):
            try:
                with db() as session:
                    change_own_password(session, user.id, current, new, repeat,
                                        keep_session=current_session_id())
                st.success(tr("account.saved"))
            except AccountError as exc:
                st.error(error_text(exc))


main()
