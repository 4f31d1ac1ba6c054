"""Klaskaart router: who is this (child token, logged-in user, or nobody yet)?

Builds the page list for that role on every run and hands it to ``st.navigation``; a page
that is not in the list cannot be reached. Children enter with ``?t=<token>`` from their
login card and only ever get the kiosk page, with no sidebar or navigation. Nobody logged
in and no active administrator yet: the first-run set-up (app_pages/first_run.py) instead
of the log-in form.
"""

from __future__ import annotations

import streamlit as st

from analysis.frames import configure_pandas
from survey.first_admin import needs_first_admin
from survey.text import md
from ui.core import (
    apply_cookie_action,
    apply_pending_language,
    current_user,
    db,
    language_selector,
    log_out,
    log_out_adult,
    tr,
)
from ui.kiosk import freeze_startup_heap
from ui.streamlit_guards import install as install_streamlit_guards

install_streamlit_guards()  # downloads bound to their session; no cache clearing by browsers
configure_pandas()  # text columns in Python storage: cheaper on one class's small frames
st.set_page_config(page_title="Klaskaart", page_icon="🗺️", layout="wide")
apply_pending_language()
# Streamlit runs a full garbage collection after every run; freezing the long-lived startup
# heap (on the first few runs of the process) keeps that cheap on every page (ui/kiosk.py).
freeze_startup_heap()

PAGES = {
    "home": ("app_pages/home.py", "page.home", ":material/home:"),
    "classes": ("app_pages/classes.py", "page.classes", ":material/groups:"),
    "school": ("app_pages/school.py", "page.school", ":material/school:"),
    "research": ("app_pages/research.py", "page.research", ":material/science:"),
    "research_import": ("app_pages/research_import.py", "page.research_import",
                        ":material/upload_file:"),
    "admin": ("app_pages/admin.py", "page.admin", ":material/admin_panel_settings:"),
    "account": ("app_pages/account.py", "page.account", ":material/person:"),
    "setup": ("app_pages/setup.py", "page.setup", ":material/edit_note:"),
    "waves": ("app_pages/waves.py", "page.waves", ":material/event:"),
    "ratings": ("app_pages/ratings.py", "page.ratings", ":material/rate_review:"),
    "classmap": ("app_pages/classmap.py", "page.classmap", ":material/hub:"),
    "profile": ("app_pages/profile.py", "page.profile", ":material/badge:"),
}
ROLE_PAGES = {
    "teacher": ["home", "classes", "setup", "waves", "ratings", "classmap", "profile", "account"],
    "counsellor": ["home", "school", "classes", "classmap", "profile", "account"],
    "researcher": ["home", "research", "research_import", "account"],
    "admin": ["home", "admin", "school", "account"],
}


def page(name: str, default: bool = False) -> st.Page:
    path, title, icon = PAGES[name]
    return st.Page(path, title=tr(title), icon=icon, url_path=name, default=default)


if st.query_params.get("t"):
    # A tablet handed to a child must not keep an adult's log-in: clearing the URL would
    # otherwise lead back to teacher pages.
    log_out_adult()
    nav = st.navigation([st.Page("app_pages/child.py", title="Klaskaart", url_path="survey")],
                        position="hidden")
elif st.query_params.get("tablet"):
    # Class tablet mode holds a class session, never an adult's log-in (survey.tablets).
    log_out_adult()
    nav = st.navigation([st.Page("app_pages/tablet.py", title="Klaskaart", url_path="klas")],
                        position="hidden")
else:
    user = current_user()
    if user is None:
        with db() as session:
            first_run = needs_first_admin(session)
        entry = ("app_pages/first_run.py", "first_run.title") if first_run else (
            "app_pages/login.py", "login.title")
        nav = st.navigation([st.Page(entry[0], title=tr(entry[1]))], position="hidden")
    else:
        names = ROLE_PAGES[user.role]
        nav = st.navigation([page(n, default=i == 0) for i, n in enumerate(names)])
        with st.sidebar:
            st.caption(tr("logged_in_as", name=md(user.display_name), role=tr(f"role.{user.role}")))
            language_selector(user.id)  # a reload opens in the chosen language too
            st.button(tr("logout"), icon=":material/logout:", on_click=log_out)
apply_cookie_action()
nav.run()
