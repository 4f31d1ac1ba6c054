"""Teacher ratings: rate every pupil of a wave on the teacher pack, one pupil per screen,
as a class overview, or as a fast grid (pupils × statements).

Which pupil is on screen comes from the database (the first pupil with missing items)
unless the teacher picked one in this session, so a reload resumes where they left off.
"""

import pandas as pd
import streamlit as st

from survey.access import NotAllowed
from survey.i18n import LANGUAGE_NAMES
from survey.instruments import response_format, teacher_pack, texts_for
from survey.ratings import (
    COMPLETE,
    class_overview,
    item_order,
    next_incomplete,
    rateable_waves,
    resume_position,
    save_grid,
    wave_ratings,
)
from survey.text import md, plain
from ui.core import (
    db,
    error_text,
    language,
    require_class,
    require_role,
    tr,
    visible_classes_or_stop,
)
from ui.navigation import class_picker
from ui.ratings import (
    SLOT_KEY,
    ask_scroll,
    copy_choice,
    go_to_pupil,
    grid_changes,
    grid_frame,
    highlight_first_open,
    inject_css,
    item_key,
    save_answer,
    scroll_if_asked,
    show_save_error,
    sync_widget,
)


def main() -> None:
    user = require_role("teacher")
    st.title(tr("page.ratings"))
    inject_css()

    # ---- class and wave -------------------------------------------------------------------
    names = visible_classes_or_stop(user)

    left, right = st.columns(2)
    class_id = class_picker(tr("ratings.class"), {i: plain(n) for i, n in names.items()},
                            key="ratings_class", where=left)
    require_class(user, class_id)

    with db() as session:
        waves = {w.id: (w.name, w.status, w.language) for w in rateable_waves(session, class_id, actor=user)}
    if not waves:
        st.info(tr("ratings.no_waves"))
        st.stop()
    wave_id = right.selectbox(
        tr("ratings.wave"),
        list(waves),
        format_func=lambda w: tr(
            "ratings.wave_label", name=plain(waves[w][0]), status=tr(f"wave.{waves[w][1]}")
        ),
        key=f"ratings_wave_{class_id}",
    )
    MODES = ("pupil", "overview", "grid")
    MODE_KEY = "ratings_mode"
    if st.session_state.get(MODE_KEY) not in MODES:
        st.session_state[MODE_KEY] = "pupil"
    mode = st.segmented_control(
        tr("ratings.mode"),
        MODES,
        format_func=lambda m: tr(f"ratings.mode.{m}"),
        key=MODE_KEY,
        required=True,
    )
    wave_lang = waves[wave_id][2]
    pack = teacher_pack()
    lang = wave_lang if wave_lang in pack.languages else "nl"
    texts = texts_for(pack, lang)
    anchors = response_format(pack).labels[lang]
    values = list(response_format(pack).values)
    order = item_order(pack)
    number = {item_id: i + 1 for i, item_id in enumerate(order)}

    with db() as session:
        overview = class_overview(session, wave_id, actor=user)
        resume_pupil, _ = resume_position(session, wave_id, actor=user)
    if not overview:
        st.info(tr("ratings.no_pupils"))
        st.stop()
    by_id = {row.pupil_id: row for row in overview}
    total = len(order)
    # The pupil on screen is a UI choice kept under CURRENT_KEY; the selectbox (whose labels
    # carry the progress and so change as the teacher rates) is re-set from it on every run,
    # because Streamlit matches a selectbox value by its label and would otherwise lose it.
    CURRENT_KEY = f"ratings_current_{wave_id}"
    PUPIL_KEY = f"ratings_pupil_{wave_id}"
    if st.session_state.get(CURRENT_KEY) not in by_id:
        st.session_state[CURRENT_KEY] = (
            resume_pupil if resume_pupil is not None else overview[0].pupil_id
        )

    def state_label(row) -> str:
        if row.status == COMPLETE:
            return "✓ " + tr("ratings.state.complete")
        if row.answered:
            return tr("ratings.state.partial", answered=row.answered, total=row.total)
        return tr("ratings.state.not_started")

    show_save_error()
    if lang != language():
        st.caption(tr("ratings.wording_lang", lang_name=LANGUAGE_NAMES.get(lang, lang)))

    # ---- one pupil per screen -------------------------------------------------------------
    def pupil_screen() -> None:
        st.session_state[PUPIL_KEY] = st.session_state[CURRENT_KEY]
        pupil_id = st.selectbox(
            tr("ratings.pupil"),
            list(by_id),
            format_func=lambda p: tr(
                "ratings.pupil_option", name=plain(by_id[p].name), state=state_label(by_id[p])
            ),
            key=PUPIL_KEY,
            on_change=copy_choice,
            args=(PUPIL_KEY, CURRENT_KEY, tuple(by_id)),
        )
        with db() as session:
            given = wave_ratings(session, wave_id, actor=user).get(pupil_id, {})
        answered = sum(1 for i in order if i in given)
        first_open = next((i for i in order if i not in given), None)
        following = next_incomplete(overview, pupil_id)
        next_args = (CURRENT_KEY, following, wave_id, pupil_id, answered, user)

        st.subheader(md(by_id[pupil_id].name), anchor="pupil-top")
        st.progress(answered / total, text=tr("ratings.progress", answered=answered, total=total))
        # One row whatever it holds, of a fixed height (ui.ratings.CSS): the statements below keep
        # their place in the element tree (a shifted tree re-creates the widgets and loses
        # keyboard focus) and on screen (a tap made while the page refreshes must land where the
        # teacher aimed, also when the first answer adds "continue at" or the last one turns it
        # into "next pupil"). Longer notes go below the statements.
        slot = st.container(key=SLOT_KEY, horizontal=True, vertical_alignment="center")
        if first_open is None:
            if following is not None:
                slot.button(
                    tr("ratings.next"),
                    type="primary",
                    icon=":material/arrow_forward:",
                    on_click=go_to_pupil,
                    args=next_args,
                    key="next_top",
                )
            else:
                slot.badge(tr("ratings.state.complete"), icon=":material/check:", color="green")
        else:
            key = item_key(wave_id, pupil_id, first_open)
            highlight_first_open(key, tr("ratings.first_open"))
            if answered:
                slot.button(
                    tr("ratings.continue_at", number=number[first_open]),
                    icon=":material/arrow_downward:",
                    on_click=ask_scroll,
                    args=(key,),
                    key="continue_at",
                )
            else:  # never empty: Streamlit does not draw an empty container at all
                slot.badge(tr("ratings.state.not_started"), color="gray")
        st.caption(tr("ratings.keyboard_hint"))

        with st.container(key="rating_items"):
            for start in range(0, total, 7):
                block = order[start : start + 7]
                with st.container(border=True):
                    st.caption(tr("ratings.block", first=start + 1, last=start + len(block)))
                    for item_id in block:
                        key = item_key(wave_id, pupil_id, item_id)
                        sync_widget(key, given.get(item_id))
                        label = f"{number[item_id]}\\. {md(texts[item_id])}"
                        st.radio(
                            label,
                            values,
                            index=None,
                            format_func=lambda v: f"**{v}**  \n{md(anchors[values.index(v)])}",
                            horizontal=True,
                            key=key,
                            on_change=save_answer,
                            args=(wave_id, pupil_id, item_id, key, user),
                            width="stretch",
                        )
        st.progress(answered / total, text=tr("ratings.progress", answered=answered, total=total))
        if following is not None:
            st.button(
                tr("ratings.next"),
                type="primary",
                icon=":material/arrow_forward:",
                help=tr("ratings.next_help"),
                on_click=go_to_pupil,
                args=next_args,
                key="next_bottom",
            )
        if first_open is None:  # below the last button, so nothing to tap moves when it appears
            st.success(tr("ratings.pupil_done", total=total, name=md(by_id[pupil_id].name)))
            if following is None:
                st.success(tr("ratings.all_done"))

    # ---- class overview -------------------------------------------------------------------
    def overview_screen() -> None:
        counts = {
            s: sum(1 for r in overview if r.status == s) for s in ("complete", "partial", "not_started")
        }
        st.markdown(tr("ratings.overview.summary", **counts))
        table = pd.DataFrame(
            {
                tr("ratings.col.pupil"): [plain(r.name) for r in overview],
                tr("ratings.col.status"): [state_label(r) for r in overview],
                tr("ratings.col.answered"): [r.answered for r in overview],
            }
        )
        st.caption(tr("ratings.overview.hint"))

        def open_selected() -> None:
            rows = st.session_state["ratings_overview_table"].selection.rows
            if rows:
                go_to_pupil(
                    CURRENT_KEY, overview[rows[0]].pupil_id, wave_id, None, 0, user, MODE_KEY
                )

        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * len(table), 1100),
            on_select=open_selected,
            selection_mode="single-row",
            key="ratings_overview_table",
            column_config={
                tr("ratings.col.answered"): st.column_config.ProgressColumn(
                    tr("ratings.col.answered"), min_value=0, max_value=total, format=f"%d / {total}"
                )
            },
        )
        pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        pick = pick_col.selectbox(
            tr("ratings.pupil"),
            list(by_id),
            format_func=lambda p: tr(
                "ratings.pupil_option", name=plain(by_id[p].name), state=state_label(by_id[p])
            ),
            key="ratings_overview_pick",
        )
        button_col.button(
            tr("ratings.overview.open"),
            on_click=go_to_pupil,
            args=(CURRENT_KEY, pick, wave_id, None, 0, user, MODE_KEY),
            key="ratings_overview_open",
        )

    # ---- grid -----------------------------------------------------------------------------
    def grid_screen() -> None:
        st.caption(tr("ratings.grid.hint", lo=md(anchors[0]), hi=md(anchors[-1])))
        st.caption(
            tr("ratings.grid.legend")
            + ": "
            + " · ".join(f"{v} = {md(a)}" for v, a in zip(values, anchors, strict=True))
        )
        with db() as session:
            ratings = wave_ratings(session, wave_id, actor=user)
        pupils = [(r.pupil_id, plain(r.short_name)) for r in overview]
        base = grid_frame(pupils, order, ratings)
        version = st.session_state.get("ratings_grid_version", 0)
        # Save button and messages above the grid (filled in after it): with 28 rows the
        # bottom of the grid is off screen, and an unsaved edit must be noticed.
        controls = st.container()
        config = {
            "pupil": st.column_config.TextColumn(tr("ratings.col.pupil"), disabled=True, pinned=True),
            **{
                item_id: st.column_config.NumberColumn(
                    str(number[item_id]),
                    help=f"{number[item_id]}. {texts[item_id]}",
                    min_value=values[0],
                    max_value=values[-1],
                    step=1,
                    format="%d",
                    width=56,
                    alignment="center",
                )
                for item_id in order
            },
        }
        edited = st.data_editor(
            base,
            column_config=config,
            hide_index=True,
            num_rows="fixed",
            key=f"ratings_grid_{wave_id}_{version}",
            height=min(38 + 35 * len(base), 640),
        )
        changes = grid_changes(base, edited, order)
        report = st.session_state.pop("ratings_grid_report", None)
        button_col, note_col = controls.columns([1, 4], vertical_alignment="center")
        if changes:
            note_col.warning(tr("ratings.grid.unsaved", n=len(changes)))
        saved = button_col.button(
            tr("ratings.grid.save"), type="primary", icon=":material/save:", key="grid_save"
        )
        if saved:
            cells = {
                (int(pid), item_id): edited.at[pid, item_id]
                for pid in edited.index
                for item_id in order
            }
            try:
                with db() as session:
                    result = save_grid(session, wave_id, cells, actor=user, language=language())
            except NotAllowed as exc:  # e.g. a row for a pupil of another class
                controls.error(error_text(exc))
                return
            if result.ok:
                st.session_state["ratings_grid_version"] = version + 1
                st.session_state["ratings_grid_report"] = result
                st.rerun()
            controls.error(
                tr("ratings.grid.refused") + "\n\n" + "\n".join(f"- {p}" for p in result.problems)
            )
        if report is not None:
            note_col.success(
                tr("ratings.grid.saved", n=report.saved) if report.saved else tr("ratings.grid.nothing")
            )
            if report.kept_blank:
                controls.info(tr("ratings.grid.kept_blank", n=report.kept_blank))

    {"pupil": pupil_screen, "overview": overview_screen, "grid": grid_screen}[mode]()
    scroll_if_asked()  # last: see its docstring


main()
