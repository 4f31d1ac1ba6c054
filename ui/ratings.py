"""Widgets of the teacher-rating page: answer tiles, save callbacks, the grid frame.

Every answer is written in the widget's ``on_change`` callback with wave, pupil and item
passed as arguments (never taken from session state), so a tap on a stale screen is still
stored against the right item; the widget value shown is re-read from the database on
every run (``sync_widget``), so a reload, the grid or another tab can never show a value
that is not stored.

Nothing a tap can hit may move when an answer is saved. A teacher taps the next statement
while the page is still refreshing after the previous tap; if the refresh moves the tiles
(a button appearing above them, a label inserted, a bar that narrows a row), the second tap
lands on the question text or on another tile and is lost. So everything that changes with
progress keeps its size: the row above the statements (``SLOT_KEY``) keeps one height,
every statement carries the same (transparent) bar, and the first open statement is marked
by colour only (``highlight_first_open``).
"""

from __future__ import annotations

import re
import time

import pandas as pd
import streamlit as st

from survey.access import Actor
from survey.ratings import record_pupil_batch
from survey.services import SurveyError, save_teacher_rating
from ui.core import db, error_text, tr

ERROR_KEY = "ratings_error"
SCROLL_KEY = "ratings_scroll_top"
SLOT_KEY = "ratings_slot"

# Answer tiles: the five anchors of a radio group as equal tiles in one row (≥ 56 px high,
# the whole tile is the tap target). A radio group is ONE tab stop per statement and the
# arrow keys choose within it, so the keyboard needs Tab + arrow (or space) per answer.
CSS = """
<style>
.st-key-rating_items [data-testid="stRadio"] { width: 100%; }
.st-key-rating_items [data-testid="stRadioGroup"] {
  display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 6px; width: 100%;
}
.st-key-rating_items [data-testid="stRadioGroup"] > div {
  display: grid !important; align-self: stretch !important; height: auto !important;
  margin: 0; min-width: 0;
}
.st-key-rating_items [data-testid="stRadioOption"] {
  box-sizing: border-box; width: 100%; height: 100% !important; min-height: 56px;
  margin: 0;
  padding: 6px 4px; border: 1px solid rgba(49, 51, 63, 0.25); border-radius: 8px;
  align-items: center; justify-content: center; cursor: pointer; background: #fff;
}
/* the tile itself shows the choice, so the small radio circle is left out */
.st-key-rating_items [data-testid="stRadioOption"] > div > div:first-child { display: none; }
.st-key-rating_items [data-testid="stRadioOption"] > div { width: 100%; justify-content: center; }
/* the thicker edge of the chosen tile is drawn inside it: a wider border made a tile whose
   text wraps (iPad) 2 px higher, and everything below it moved */
.st-key-rating_items [data-testid="stRadioOption"]:has(input:checked) {
  border-color: #1c64c8; box-shadow: inset 0 0 0 1px #1c64c8; background: #e8f0fc;
}
.st-key-rating_items [data-testid="stRadioOption"]:has(input:focus-visible) {
  outline: 3px solid #1c64c8; outline-offset: 1px;
}
.st-key-rating_items [data-testid="stRadioOption"] p {
  font-size: 0.85rem; line-height: 1.2; text-align: center;
  word-break: normal; overflow-wrap: normal; hyphens: manual;
}
/* Every statement has the bar of the first open one, transparent: marking another statement
   then changes a colour, never a width (narrower tiles would move under a tapping finger). */
.st-key-rating_items [class*="st-key-rate_"] {
  border-left: 6px solid transparent; padding-left: 10px;
}
/* The row above the statements (a badge, "continue at …" or "next pupil") is as high
   whatever it holds, so the statements never move when it changes. */
.st-key-ratings_slot { min-height: 3.5rem; }
</style>
"""


def inject_css() -> None:
    st.html(CSS)


def ask_scroll(selector: str) -> None:
    """Scroll to the element with widget key ``selector`` (or "top") after the next run."""
    st.session_state[SCROLL_KEY] = selector


def scroll_if_asked() -> None:
    """Carry out a scroll asked for by a button: Streamlit keeps the scroll position across
    reruns, so after "next pupil" the page would stay at the bottom. Static script; the
    target is a widget key made of ids (validated below), never user text.

    Call it LAST on the page: the script is an element that exists for one run only. Above
    the statements it shifted them (by one place in the element tree and by one gap on
    screen) and back again on the next run, so the first taps after "next pupil" or
    "continue at" could miss and widgets were re-created (losing keyboard focus)."""
    target = st.session_state.pop(SCROLL_KEY, None)
    if target is None:
        return
    target = str(target)
    if target != "top" and not re.fullmatch(r"[A-Za-z0-9_]+", target):
        return
    selector = "h3#pupil-top" if target == "top" else f".st-key-{target}"
    block = "start" if target == "top" else "center"
    st.html(
        "<script>(function(){ let tries = 0; const go = () => {"
        f" const el = document.querySelector('{selector}');"
        f" if (el) {{ el.scrollIntoView({{block: '{block}'}}); return; }}"
        " if (tries++ < 40) setTimeout(go, 100); }; go(); })();"
        f" /* {time.monotonic_ns()} */</script>",
        unsafe_allow_javascript=True,
    )


def highlight_first_open(key: str, label: str) -> None:
    """Mark the first unanswered statement with CSS only (a style-only ``st.html`` goes to
    Streamlit's event container, so the element tree keeps its shape and keyboard focus
    survives the rerun of each answer).

    Colour only: the orange bar (every statement has it, transparent) and a tint. ``label``
    is read out by screen readers but takes no room on screen. A visible label above the
    statement and a bar on that statement alone moved tiles whenever the mark moved on (the
    statement just answered up by 28 px, the next one 16 px narrower), under a finger that
    was already tapping again."""
    text = re.sub(r'["\\<>]', "", label)
    st.html(
        "<style>"
        # more specific than the transparent bar every statement has (see CSS)
        f'.st-key-rating_items [class*="st-key-rate_"].st-key-{key}'
        " { border-left-color: #e07b00; background: #fdf1e2; }"
        f'.st-key-{key}::before {{ content: "{text}"; position: absolute; width: 1px;'
        " height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }"
        "</style>"
    )


def item_key(wave_id: int, pupil_id: int, item_id: str) -> str:
    return f"rate_{wave_id}_{pupil_id}_{item_id}"


def sync_widget(key: str, stored: int | None) -> None:
    """Show what the database holds (set before the widget is created in this run).

    Only written when it differs: writing a widget's state makes Streamlit push the value
    to the browser, and pushing it on every run could overwrite a newer key press or tap
    made while this run was still going (measured: the screen showed 2, the database 1).
    """
    if key not in st.session_state or st.session_state[key] != stored:
        st.session_state[key] = stored


def save_answer(wave_id: int, pupil_id: int, item_id: str, key: str, user: Actor) -> None:
    """on_change of one statement: write the chosen value at once (idempotent upsert) as
    ``user`` (the logged-in teacher; the service checks the scope)."""
    value = st.session_state.get(key)
    if value is None:
        return
    try:
        with db() as session:
            save_teacher_rating(session, wave_id, pupil_id, item_id, int(value), actor=user)
    except SurveyError as exc:
        st.session_state[ERROR_KEY] = tr("ratings.save_failed", reason=error_text(exc))


def show_save_error() -> None:
    message = st.session_state.pop(ERROR_KEY, None)
    if message:
        st.error(message)


def copy_choice(widget_key: str, target_key: str, choices: tuple) -> None:
    """on_change of a picker: remember the choice under a key no widget owns.

    Only one of ``choices`` is copied. The pupil picker's labels carry the progress, and
    Streamlit sends a selectbox's value as its label: a tap made before the page has drawn
    the previous answer sends the picker's old label along, which no option has any more, so
    the "changed" value is that label string. Copying it threw the teacher onto the resume
    pupil in the middle of rating another one (or onto the next pupil as the last statement
    was answered), and the taps that followed landed on that other pupil's statements.
    """
    value = st.session_state[widget_key]
    if value in choices:
        st.session_state[target_key] = value


def go_to_pupil(
    current_key: str,
    target: int | None,
    wave_id: int,
    leaving: int | None,
    answered: int,
    user: Actor,
    mode_key: str | None = None,
) -> None:
    """Switch the screen to pupil ``target`` (a UI choice) and audit the pupil just left
    (as ``user``, the logged-in teacher)."""
    if leaving is not None and answered:
        with db() as session:
            record_pupil_batch(session, wave_id, leaving, answered, actor=user)
    if target is None:
        return
    st.session_state[current_key] = target
    st.session_state[SCROLL_KEY] = "top"
    if mode_key is not None:
        st.session_state[mode_key] = "pupil"


def grid_frame(
    pupils: list[tuple[int, str]], order: list[str], ratings: dict[int, dict[str, int]]
) -> pd.DataFrame:
    """Pupils × items (columns = item ids in screen order), nullable integers, pupil column."""
    data = {
        item_id: pd.array([ratings.get(pid, {}).get(item_id) for pid, _ in pupils], dtype="Int64")
        for item_id in order
    }
    frame = pd.DataFrame(data, index=[pid for pid, _ in pupils])
    frame.insert(0, "pupil", [name for _, name in pupils])
    return frame


def grid_changes(base: pd.DataFrame, edited: pd.DataFrame, order: list[str]) -> dict:
    """Cells that differ between the stored grid and the edited one: (pupil, item) → value.

    A row the stored grid does not have (a tampered edit adding a pupil) counts as changed
    everywhere it holds a value; saving it is refused by ``survey.ratings.save_grid``."""
    changes = {}
    for pupil_id in edited.index:
        for item_id in order:
            known = pupil_id in base.index
            old = base.at[pupil_id, item_id] if known else None
            new = edited.at[pupil_id, item_id]
            old = None if pd.isna(old) else old
            new = None if pd.isna(new) else new
            if old != new:
                changes[(int(pupil_id), item_id)] = new
    return changes
