"""The child's survey on a tablet: screens and tap callbacks, shared by the login-card page
(``app_pages/child.py``, ``?t=…``) and class tablet mode (``app_pages/tablet.py``).

Layout only; the flow lives in ``survey.child_flow``. Durability rules (docs/design.md):
- every tap writes in its callback, with the token and the item / question / classmate id
  in the callback args (never "the current step" from session state);
- the screen is derived from the database at the top of every run; session state holds
  only the "back" view, which may be lost without losing an answer;
- buttons are keyed by item and value, so a tap on a stale screen that reaches a fresh
  session (its callback is then not run) is still saved for the item that screen showed.
Nothing a child answers goes into the URL.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from survey import child_flow
from survey.child_flow import ChildState, Step
from survey.i18n import t
from survey.instruments import child_pack, nomination_pack, texts_for
from survey.services import SurveyError
from survey.text import md, plain
from survey.tokens import lookup
from ui import kiosk
from ui.core import db

REVIEW_KEY = "kiosk_review"  # {token: step id shown by the back button}
ERROR_KEY = "kiosk_error"
FINISHED_KEY = "kiosk_finished"  # token this session just finished (thank-you vs "already done")
PLACES_KEY = "kiosk_places"  # {(token, question): pupil ids in grid order, as first shown}
RAN_KEY = "kiosk_callback_ran"  # set by every callback; absent in a session a stale tap opened
RAN_THIS_RUN_KEY = "kiosk_callback_ran_this_run"  # RAN_KEY as the run found it (begin_run)


# ---------------------------------------------------------------- callbacks
# Each one looks the token up again: a revoked or finished token writes nothing.


def _with_child(token: str, action):
    """Run ``action(session, wave, pupil_id)`` for the child of ``token`` and commit
    (``survey.child_flow.write_for_token``: a busy database is retried there).

    If the database stays busy, or the input is refused, the screen stays where it was and
    asks the child to tap again."""
    st.session_state[RAN_KEY] = True
    try:
        return child_flow.write_for_token(db, token, action)
    except child_flow.StillBusy:
        st.session_state[ERROR_KEY] = True
    except SurveyError as exc:
        # "look again" when the screen was behind the stored picks, else "tap again"
        st.session_state[ERROR_KEY] = exc.key if exc.key == "kiosk.check_picks" else True
    return None


def _leave_review(token: str) -> None:
    st.session_state.get(REVIEW_KEY, {}).pop(token, None)


def on_start(token: str) -> None:
    _with_child(token, lambda s, w, p: child_flow.start(s, w.id, p))


def on_answer(token: str, item_id: str, value: int) -> None:
    if _with_child(token, lambda s, w, p: child_flow.answer_item(s, w, p, item_id, value)):
        st.session_state[FINISHED_KEY] = token
    _leave_review(token)


def on_pick(token: str, question_id: str, target_id: int | None, selected: bool) -> None:
    _with_child(
        token, lambda s, w, p: child_flow.toggle_pick(s, w, p, question_id, target_id, selected)
    )


def on_next(token: str, question_id: str, shown: frozenset[int | None] | None = None) -> None:
    """"Verder": close the question if the stored picks are the ``shown`` ones."""
    if _with_child(token, lambda s, w, p: child_flow.close_question(s, w, p, question_id,
                                                                     shown)):
        st.session_state[FINISHED_KEY] = token
    _leave_review(token)


def on_back(token: str, step_id: str, before_id: str) -> None:
    st.session_state.setdefault(REVIEW_KEY, {})[token] = before_id


def stale_tap(callback, *args) -> None:
    """Save a tap whose callback did not run: after a long disconnect or a server restart
    the first tap on the old screen opens a fresh session, which reports the button as
    clicked (its id is its key) but runs no callback. ``begin_run`` noted whether a callback
    ran before this run: that tells the two apart."""
    if not st.session_state.get(RAN_THIS_RUN_KEY, False):
        callback(*args)
        st.session_state.pop(RAN_KEY, None)
        st.rerun()


# ---------------------------------------------------------------- screens


def message_screen(text: str, lang: str) -> None:
    """A message for the child (a card that does not work, a closed survey), with the
    speaker: a child who cannot read hears it too."""
    kiosk.apply_kiosk_style()
    st.header(text, anchor=False)
    kiosk.read_aloud([text], lang, t("kiosk.read_aloud", lang))


def top(state: ChildState, step: Step, lang: str, text: str, spoken: list[str],
        title: str = "", help_text: str = "") -> None:
    """Progress, (title, help), the item or question and the speaker button: one element."""
    total = len(state.steps)
    picks = ",".join(sorted(str(p) for p in state.picks.get(step.id, set())))
    kiosk.question_top(
        progress=(state.answered, total, t("kiosk.progress", lang, n=step.number, total=total)),
        screen=f"{step.id}|{state.answered}|{state.answers.get(step.id, '')}|{picks}",
        text=text, spoken=spoken, lang=lang, say_label=t("kiosk.read_aloud", lang),
        title=title, help_text=help_text,
    )
    error = st.session_state.pop(ERROR_KEY, False)
    if error:
        st.warning(t(error if isinstance(error, str) else "kiosk.try_again", lang))


def back_button(token: str, state: ChildState, step: Step, lang: str) -> None:
    before = state.before(step.id)
    if before is None:
        return
    with st.container(key="knav-back"):
        st.button(
            t("kiosk.back", lang),
            key=f"back|{step.id}",
            icon=":material/arrow_back:",
            on_click=on_back,
            args=(token, step.id, before.id),
        )


def item_screen(token: str, wave, state: ChildState, step: Step, lang: str) -> None:
    pack = child_pack()
    fmt = pack.response_formats[wave.child_format]
    labels = list(fmt.labels.get(lang) or next(iter(fmt.labels.values())))
    text = texts_for(pack, lang)[step.id]
    if step.kind == "practice":
        help_key = "kiosk.practice_help" if fmt.points == 4 else "kiosk.practice_help_yes_no"
        top(state, step, lang, text, [t(help_key, lang), text, *labels],
            title=t("kiosk.practice_title", lang), help_text=t(help_key, lang))
    else:
        top(state, step, lang, text, [text, *labels], help_text=t("kiosk.item_help", lang))
    tapped = kiosk.answer_cards(
        fmt, lang, step.id, state.answers.get(step.id), on_answer,
        lambda value: (token, step.id, value),
    )
    if tapped is not None:
        stale_tap(on_answer, token, step.id, tapped)
    back_button(token, state, step, lang)


def question_screen(token: str, session, wave, pupil_id: int, state: ChildState,
                    step: Step, lang: str) -> None:
    npack = nomination_pack()
    question = next(q for q in npack.questions if q.id == step.id)
    picks = state.picks.get(step.id, set())
    chosen = len([p for p in picks if p is not None])
    mates = child_flow.classmates(session, wave, pupil_id)
    text = question.text.get(lang) or question.text["nl"]
    top(state, step, lang, text, [text, t("kiosk.peers_help", lang)])
    if question.max_choices:
        st.markdown(f"**{t('kiosk.chosen_max', lang, n=chosen, max=question.max_choices)}**")
    else:
        st.markdown(f"**{t('kiosk.chosen_count', lang, n=chosen)}**")
    full = question.max_choices is not None and chosen >= question.max_choices
    # Everyone keeps their cell while this question is on screen (a classmate the teacher
    # removes leaves an empty cell): a repeated tap never lands on another child.
    places = st.session_state.setdefault(PLACES_KEY, {})
    before = places.get((token, step.id), [])
    grid = child_flow.keep_places(before, mates)
    places[(token, step.id)] = before + [m.pupil_id for m in mates if m.pupil_id not in before]
    with st.container(key="kgrid"), st.grid(4, gap="small"):
        for cell, mate in enumerate(grid):
            if mate is None:
                st.button(" ", key=f"gone|{step.id}|{cell}", type="tertiary", disabled=True,
                          width="stretch")
                continue
            selected = mate.pupil_id in picks
            args = (token, step.id, mate.pupil_id, not selected)
            if mate.photo and Path(mate.photo).is_file():
                st.image(mate.photo, width="stretch")  # photo cell above the name cell
            # The key says what the tap asks for (+ choose, - undo): a tap from a screen the
            # server has moved past matches no button and changes nothing.
            if st.button(
                md(mate.label),
                key=f"p|{step.id}|{mate.pupil_id}|{'-' if selected else '+'}",
                icon=":material/check_circle:" if selected else ":material/person:",
                type="primary" if selected else "secondary",
                width="stretch",
                disabled=full and not selected,
                on_click=on_pick,
                args=args,
            ):
                stale_tap(on_pick, *args)
    if question.nobody_allowed:
        nobody = None in picks
        with st.container(key="knobody"):
            args = (token, step.id, None, not nobody)
            if st.button(
                md(npack.nobody_label.get(lang, "Niemand")),
                key=f"p|{step.id}|nobody|{'-' if nobody else '+'}",
                icon=":material/block:",
                type="primary" if nobody else "secondary",
                width="stretch",
                on_click=on_pick,
                args=args,
            ):
                stale_tap(on_pick, *args)
    if full:
        st.info(t("kiosk.max_reached", lang, max=question.max_choices))
    ready = child_flow.can_close_question(state, step.id)
    shown = frozenset(picks)
    with st.container(key="knav-next"):
        if st.button(  # keyed by the picks on screen: closes only what the child saw
            t("kiosk.next", lang),
            key=f"next|{step.id}|{child_flow.picks_key(shown)}",
            icon=":material/arrow_forward:",
            type="primary",
            disabled=not ready,
            on_click=on_next,
            args=(token, step.id, shown),
        ):
            stale_tap(on_next, token, step.id, shown)
    if not ready:
        st.caption(t("kiosk.choose_first", lang))
    back_button(token, state, step, lang)


def welcome_screen(token: str, name: str, lang: str, after=None) -> None:
    st.title(t("child.welcome", lang, name=md(name)), anchor=False)
    st.markdown(t("kiosk.welcome_intro", lang))
    kiosk.read_aloud(
        [t("child.welcome", lang, name=plain(name)), t("kiosk.welcome_intro", lang)],
        lang, t("kiosk.read_aloud", lang),
    )
    with st.container(key="kstart"):
        if st.button(
            t("kiosk.start", lang), key="start", type="primary", icon=":material/play_arrow:",
            on_click=on_start, args=(token,),
        ):
            stale_tap(on_start, token)
    if after is not None:
        after(lang)


def thanks_screen(lang: str, just_finished: bool, after=None) -> None:
    """Right after the last answer: "Klaar! Dankjewel!"; a finished card opened again: "Je
    bent al klaar" — both without any answer on screen. ``after(lang)`` adds what comes
    next (class tablet mode: back to the names)."""
    kiosk.apply_kiosk_style()
    title = t("kiosk.thanks_title" if just_finished else "child.finished", lang)
    st.title(title, anchor=False)
    st.header(t("kiosk.thanks_body", lang), anchor=False)
    kiosk.read_aloud([title, t("kiosk.thanks_body", lang)], lang, t("kiosk.read_aloud", lang))
    if after is not None:
        after(lang)


# ---------------------------------------------------------------- the run


def begin_run() -> None:
    """Call first in every run of a page that shows the survey: note whether a callback ran
    before this run (``stale_tap``) and freeze the start-up heap (``kiosk``)."""
    kiosk.freeze_startup_heap()
    st.session_state[RAN_THIS_RUN_KEY] = st.session_state.pop(RAN_KEY, False)


def run(token: str, after_thanks=None, after_welcome=None) -> None:
    """One run of the survey of the child whose card token is ``token``.

    Called from a page's ``main()``, never at module level, on purpose: Streamlit keeps
    each button's callback, and a callback defined in a page script keeps the script's
    globals alive. With the run's database session, token lookup, ORM rows and state as
    module globals, every run's whole object graph stayed reachable for the life of the
    browser session, and Streamlit's full garbage collection after each run walked all of
    it again (CPU per tap grew with the number of taps and tablets). As locals they are
    freed when the run ends. ``after_thanks(lang)`` is drawn under the thank-you screen and
    ``after_welcome(lang)`` under the welcome screen (class tablet mode: back to the names)."""
    with db() as session:
        found = lookup(session, token)
        lang = found.wave.language if found.wave else "nl"
        if found.state == "unknown":
            message_screen(t("child.unknown_token", lang), lang)
        elif found.state == "finished":
            thanks_screen(lang, st.session_state.get(FINISHED_KEY) == token, after_thanks)
        elif found.state == "closed":
            message_screen(t("child.not_open", lang), lang)
        else:
            wave, pupil = found.wave, found.pupil
            pack = child_pack()
            kiosk.apply_kiosk_style(pack, pack.response_formats[wave.child_format])
            state = child_flow.load_state(session, wave, pupil.id)
            review_id = st.session_state.get(REVIEW_KEY, {}).get(token)
            step = state.step(review_id) if review_id else None
            if step is None or not state.is_done(step):
                step = state.current
            if not state.started:
                welcome_screen(token, pupil.first_name, lang, after_welcome)
            elif step is None:
                child_flow.finish_if_complete(session, wave, pupil.id)
                thanks_screen(lang, True, after_thanks)
            elif step.kind == "question":
                question_screen(token, session, wave, pupil.id, state, step, lang)
            else:
                item_screen(token, wave, state, step, lang)
