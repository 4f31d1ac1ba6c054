"""Child entry by token (``?t=…`` from the login card): only that child's survey for that
wave. Unknown, revoked or finished tokens get a friendly message and no data."""

import streamlit as st

from survey.i18n import t
from survey.tokens import lookup
from ui.core import db

st.html(
    "<style>[data-testid='stHeader'],[data-testid='stToolbar'],"
    "[data-testid='stSidebar']{display:none !important}</style>"
)
with db() as session:
    found = lookup(session, st.query_params.get("t", ""))
lang = found.wave.language if found.wave else "nl"
if found.state == "unknown":
    st.header(t("child.unknown_token", lang))
elif found.state == "finished":
    st.header(t("child.finished", lang))
elif found.state == "closed":
    st.header(t("child.not_open", lang))
else:
    st.title(t("child.welcome", lang, name=found.pupil.first_name))
