"""Class tablet mode (``?tablet=…``): the class's names; a child taps their own name,
answers, sees the thank-you screen, and the tablet is back at the names by itself.

Logic: ``survey.tablets`` (what the tablet opens, the child's card token, the PIN that ends
the mode); the survey screens: ``ui.child_survey``. The tablet token is the only query
parameter; which child is answering lives in this browser session only, so a reload goes
back to the names (the child taps their name again and goes on where they were).
"""

from __future__ import annotations

import streamlit as st

from survey.i18n import t
from survey.tablets import TabletError, child_token, end_tablet, open_tablet, tablet_children
from survey.text import md
from ui import child_survey, kiosk
from ui.core import client_address, db

CHILD_KEY = "tablet_child"  # {tablet token: card token of the child answering now}
TICKS_KEY = "tablet_thanks_ticks"  # runs of the thank-you screen's return timer
MESSAGE_KEY = "tablet_message"  # a message key for the names screen (a finished child …)
RETURN_AFTER_S = 2.5  # the thank-you screen goes back to the names after this long


def on_pick_child(tablet: str, pupil_id: int) -> None:
    """A child tapped their name: their survey opens (with their own card's token)."""
    try:
        with db() as session:
            card = child_token(session, tablet, pupil_id)
    except TabletError as exc:
        st.session_state[MESSAGE_KEY] = exc.key
        return
    st.session_state.setdefault(CHILD_KEY, {})[tablet] = card
    st.session_state.pop(TICKS_KEY, None)


def back_to_names(tablet: str) -> None:
    st.session_state.get(CHILD_KEY, {}).pop(tablet, None)
    st.session_state.pop(TICKS_KEY, None)


@st.fragment(run_every=RETURN_AFTER_S)
def return_timer(tablet: str) -> None:
    """Under the thank-you screen: back to the names on the timer's second tick."""
    ticks = st.session_state.get(TICKS_KEY, 0) + 1
    st.session_state[TICKS_KEY] = ticks
    if ticks > 1 and st.session_state.get(CHILD_KEY, {}).get(tablet):
        back_to_names(tablet)
        st.rerun(scope="app")


def names_screen(tablet: str, class_name: str, lang: str) -> None:
    kiosk.apply_kiosk_style()
    title = t("tablet.who", lang, klas=md(class_name))
    st.title(title, anchor=False)
    kiosk.read_aloud([t("tablet.who", lang, klas=class_name), t("tablet.who_help", lang)], lang,
                     t("kiosk.read_aloud", lang))
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.warning(t(message, lang))
    with db() as session:
        children = tablet_children(session, tablet)
    with st.container(key="ktablet"), st.grid(3, gap="small"):
        for child in children:
            done = child.status == "finished"
            st.button(
                md(child.label), key=f"tablet|{child.pupil_id}",
                icon=":material/check_circle:" if done else ":material/person:",
                type="tertiary" if done else "secondary", width="stretch", disabled=done,
                on_click=on_pick_child, args=(tablet, child.pupil_id),
            )
    st.caption(t("tablet.done_grey", lang))
    with st.expander(t("tablet.teacher", lang), icon=":material/lock:"):
        with st.form("tablet_stop", clear_on_submit=True):
            pin = st.text_input(t("tablet.pin", lang), type="password", max_chars=8,
                                autocomplete="off")
            stop = st.form_submit_button(t("tablet.stop", lang))
        if stop:
            with db() as session:
                result = end_tablet(session, tablet, pin, client_address())
            if result.ended:
                st.query_params.clear()  # the router shows the log-in page again
                st.rerun()
            elif result.wait_s:
                st.error(t("login.wait", lang, seconds=result.wait_s))
            else:
                st.error(t("tablet.wrong_pin", lang))


def main() -> None:
    """One run of class tablet mode (a function: see ``ui.child_survey.run``)."""
    child_survey.begin_run()
    tablet = st.query_params.get("tablet", "")
    with db() as session:
        found = open_tablet(session, tablet)
    lang = found.wave.language if found.wave else "nl"
    if found.state != "ok":
        child_survey.message_screen(t("tablet.not_open", lang), lang)
        return
    card = st.session_state.get(CHILD_KEY, {}).get(tablet)
    if card is None:
        names_screen(tablet, found.class_name, lang)
        return

    def after_thanks(lang: str) -> None:
        with st.container(key="kstart"):
            st.button(t("tablet.next", lang), type="primary", icon=":material/groups:",
                      on_click=back_to_names, args=(tablet,), key="tablet_next")
        return_timer(tablet)

    def after_welcome(lang: str) -> None:
        st.button(t("tablet.not_me", lang), icon=":material/arrow_back:",
                  on_click=back_to_names, args=(tablet,), key="tablet_not_me")

    child_survey.run(card, after_thanks=after_thanks, after_welcome=after_welcome)


main()
