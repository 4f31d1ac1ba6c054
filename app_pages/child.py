"""Child kiosk: the tablet survey, opened by the token of a login card (``?t=…``).

The screens and tap callbacks are ``ui.child_survey`` (shared with class tablet mode);
the flow is ``survey.child_flow``. The token is the only query parameter.
"""

from __future__ import annotations

import streamlit as st

from ui import child_survey


def main() -> None:
    """One run of the kiosk page (see ``ui.child_survey.run`` on why in a function)."""
    child_survey.begin_run()
    child_survey.run(st.query_params.get("t", ""))


main()
