"""The class map: teacher view (fill), child view (ring), acceptance (size), nominations
(arrows), double risk (black circle); a pupil picker beside it opens the pupil profile."""

from __future__ import annotations

import streamlit as st

from analysis.classmap import (
    DIMENSIONS,
    class_map_config,
    class_map_figure,
    class_map_html,
    default_wave,
    edge_table,
    map_questions,
    node_table,
    participation_warning,
    selected_pupil,
)
from analysis.filenames import download_name
from survey.care_notes import may_see_negative_nominations
from survey.instruments import nomination_pack
from survey.text import md, plain
from ui.analysis_cache import class_analysis
from ui.core import (
    language,
    require_class,
    require_role,
    tr,
    translated_choice,
    visible_classes_or_stop,
)
from ui.downloads import private_download
from ui.navigation import class_picker, open_profile, take_map_wave


def main() -> None:
    user = require_role("teacher", "counsellor")
    lang = language()
    st.title(tr("page.classmap"))
    st.caption(tr("app.screening_note"))

    class_names = visible_classes_or_stop(user)
    c_class, c_wave, c_question, c_colour = st.columns(4)
    class_id = class_picker(tr("classes.choose"), {i: plain(n) for i, n in class_names.items()},
                            key="cm_class", where=c_class)
    require_class(user, class_id)
    ca = class_analysis(class_id, lang, actor=user)
    if not ca.wave_ids:
        st.info(tr("cm.no_waves"))
        st.stop()

    waves = ca.wave_ids
    wave_key = f"cm_wave_{class_id}"
    asked_wave = take_map_wave(class_id)  # back from a profile: the wave it showed
    if asked_wave in waves:
        st.session_state[wave_key] = asked_wave
    elif wave_key not in st.session_state:
        st.session_state[wave_key] = default_wave(waves, ca.nominations)
    wave_id = c_wave.selectbox(tr("cm.wave"), waves, format_func=lambda w: plain(ca.wave_name(w)), key=wave_key)

    texts = {q.id: q.text.get(lang, q.text["nl"]) for q in nomination_pack().questions}
    asked = ca.waves.loc[ca.waves["wave_id"] == wave_id, "questions"].iloc[0] or []
    positive, negative = map_questions(ca.questions, asked)
    if not positive:
        st.info(tr("cm.no_questions"))
        st.stop()
    question = c_question.selectbox(tr("cm.question"), positive, format_func=lambda q: plain(texts[q]),
                                    key=f"cm_question_{class_id}")
    colour_by = translated_choice(
        c_colour.selectbox, tr("cm.colour_by"), ["profile", *DIMENSIONS],
        format_func=lambda v: tr(f"cm.colour.{v}"), key="cm_colour")

    may_negative = may_see_negative_nominations(ca.school_settings, user.role)
    l1, l2 = st.columns(2)
    show_negative = l1.toggle(tr("cm.layer_negative"), value=False, key="cm_layer_negative",
                              disabled=not (may_negative and negative),
                              help=None if may_negative else tr("cm.layer_negative_restricted"))
    show_teacher = l2.toggle(tr("cm.layer_teacher"), value=False, key="cm_layer_teacher")

    nodes = node_table(ca.result.pupils_table(), ca.names, ca.positions, wave_id, class_id,
                       ca.roster, ca.nominations, ca.questions)
    if nodes.empty:
        st.info(tr("cm.no_pupils"))
        st.stop()
    edges = edge_table(ca.nominations, wave_id, question, nodes["pupil_id"])
    neg_edges = (edge_table(ca.nominations, wave_id, negative[0], nodes["pupil_id"])
                 if show_negative and may_negative and negative else None)
    fig = class_map_figure(nodes, edges, neg_edges, colour_by=colour_by,
                           teacher_layer=show_teacher, language=lang,
                           title=f"{ca.class_name} — {ca.wave_name(wave_id)}")
    file_stem = download_name("klaskaart", ca.class_name, ca.wave_name(wave_id))
    config = class_map_config(file_stem)

    low = participation_warning(ca.result.sociometry_classes, wave_id, question)
    if low is not None:
        st.warning(tr("cm.low_participation", pct=low))

    if edges.empty:
        st.info(tr("cm.no_answers"))
    left, right = st.columns([3, 1])
    with left:
        event = st.plotly_chart(fig, width="stretch", theme=None, on_select="rerun", selection_mode="points",
                                key=f"cm_chart_{class_id}_{wave_id}", config=config)
        picked = selected_pupil(event.selection if event else None)
        if picked is not None and st.session_state.get("cm_last_click") != (wave_id, picked):
            st.session_state["cm_last_click"] = (wave_id, picked)
            open_profile(int(picked), int(wave_id))

    with right:
        order = nodes.sort_values("name", key=lambda s: s.str.casefold())
        ids = order["pupil_id"].tolist()
        label_of = dict(zip(nodes["pupil_id"], nodes["name"], strict=True))
        choice = st.selectbox(tr("cm.pick"), ids, index=None, placeholder=tr("cm.pick_placeholder"),
                              format_func=lambda i: plain(label_of[i]), key=f"cm_pick_{class_id}_{wave_id}")
        if st.button(tr("cm.open_profile"), disabled=choice is None, type="primary",
                     key="cm_open_picked", width="stretch"):
            open_profile(int(choice), int(wave_id))
        st.subheader(tr("cm.flagged"))
        flagged = nodes[nodes["double_risk"]].sort_values("name")
        if flagged.empty:
            st.caption(tr("cm.flagged_none"))
        for row in flagged.itertuples(index=False):
            with st.container(border=True):
                st.markdown(f"**{md(row.name)}**")
                st.caption(md(row.reasons))
                if st.button(tr("cm.open_profile"), key=f"cm_open_{row.pupil_id}", width="stretch"):
                    open_profile(int(row.pupil_id), int(wave_id))

    with st.expander(tr("cm.legend_title"), expanded=True):
        st.markdown(tr("cm.legend_body"))
        st.caption(tr("cm.profile_rule"))

    d1, d2, d3 = st.columns(3)
    private_download(tr("cm.download_html"), lambda: class_map_html(fig, file_stem),
                     file_name=f"{file_stem}.html", mime="text/html", key="cm_dl_html", where=d1,
                     icon=":material/download:", width="stretch")

    def _workbook() -> bytes:
        from analysis.exports import class_workbook

        return class_workbook(ca.result, ca.pupils, ca.nominations, ca.questions, ca.waves,
                              class_name=ca.class_name, wording=ca.wording, language=lang,
                              include_negative=may_negative, wave_id=wave_id)

    private_download(tr("cm.download_xlsx"), _workbook, file_name=f"{file_stem}.xlsx",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     key="cm_dl_xlsx", where=d2, icon=":material/table:", width="stretch")
    d3.caption(tr("cm.download_png"))


main()
