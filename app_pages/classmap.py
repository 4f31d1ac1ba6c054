"""Placeholder: replaced by the page of its issue."""

import streamlit as st

from ui.core import require_role, tr

require_role("teacher", "counsellor")
st.title(tr("page.classmap"))
st.info(tr("page.coming"))
