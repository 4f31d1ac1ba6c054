"""Pupil profile for a care-team meeting: teacher, child and classmates side by side,
double-risk reasons, change since the previous wave, care-team notes and a printable sheet.

The pupil comes from ``?pupil=<id>&wave=<id>`` (``ui.navigation.open_profile``: the class
map, its picker or the counsellor overview) or the last profile of the session; without
one, a class and pupil picker is shown. The pupil and wave shown are kept in the URL, so a
reload opens the same profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.classmap import (
    class_map_figure,
    default_wave,
    edge_table,
    node_table,
)
from analysis.filenames import download_name
from analysis.profile import percentile_text, pupil_profile, score_text
from survey.access import NotAllowed
from survey.accounts import visible_class_names
from survey.care_notes import (
    TEXT_FIELDS,
    load_note,
    may_see_negative_nominations,
    notes_for_pupil,
    save_note,
)
from survey.instruments import nomination_pack
from survey.services import SurveyError
from survey.text import md, plain
from survey.views import class_of_pupil
from ui.analysis_cache import class_analysis
from ui.core import db, error_text, language, require_class, require_role, tr
from ui.downloads import private_download
from ui.navigation import (
    class_picker,
    forget_profile,
    open_classmap,
    profile_target,
    profile_wave_key,
    remember_class,
    show_profile,
)


def main() -> None:
    user = require_role("teacher", "counsellor")
    lang = language()
    target = profile_target()
    pupil_id = target.pupil_id if target else None
    wave_wanted = target.wave_id if target else None

    st.title(tr("page.profile"))
    with db() as session:
        class_names = visible_class_names(session, user)
        try:
            pupil_class = class_of_pupil(session, pupil_id, actor=user) if target else None
        except NotAllowed:
            pupil_class = None
            forget_profile()
            st.error(tr("guard.class_not_allowed"))
            st.stop()
    if pupil_class is None:
        # No pupil chosen yet: pick a class and a pupil here (touch-friendly, no map needed).
        forget_profile()
        if not class_names:
            st.info(tr("home.no_classes"))
            st.stop()
        class_id = class_picker(tr("classes.choose"),
                                {i: plain(n) for i, n in class_names.items()}, key="pf_class")
        require_class(user, class_id)
        ca = class_analysis(class_id, lang, actor=user)
        if not ca.wave_ids:
            st.info(tr("cm.no_waves"))
            st.stop()
        ids = sorted(ca.roster["pupil_id"].unique().tolist(), key=lambda p: ca.names[p].casefold())
        choice = st.selectbox(tr("cm.pick"), ids, index=None, format_func=lambda p: plain(ca.names[p]),
                              placeholder=tr("cm.pick_placeholder"), key="pf_pick")
        if choice is None:
            st.caption(tr("pf.choose_hint"))
            st.stop()
        pupil_id, pupil_class = int(choice), class_id

    require_class(user, pupil_class)
    ca = class_analysis(pupil_class, lang, actor=user)
    in_waves = [w for w in ca.wave_ids
                if ((ca.roster["wave_id"] == w) & (ca.roster["pupil_id"] == pupil_id)).any()]
    if not in_waves:
        # Pupils without consent never reach the analysis (and so never appear here).
        st.error(tr("pf.not_available"))
        st.stop()
    wave_key = profile_wave_key(pupil_id)
    if st.session_state.get(wave_key) not in in_waves:
        st.session_state[wave_key] = (wave_wanted if wave_wanted in in_waves
                                      else default_wave(in_waves, ca.nominations))
    remember_class(pupil_class)

    may_negative = may_see_negative_nominations(ca.school_settings, user.role)
    wave_id = st.session_state[wave_key]
    profile = pupil_profile(ca.result, ca.pupils, ca.nominations, ca.questions, wave_id=wave_id,
                            pupil_id=pupil_id, roster=ca.roster, waves_order=ca.wave_ids,
                            include_negative=may_negative)

    show_profile(pupil_id, wave_id)  # in the URL: a reload opens this profile again
    if st.button(tr("pf.back"), icon=":material/arrow_back:", key="pf_back"):
        open_classmap(pupil_class, wave_id)
    head, wave_col = st.columns([3, 1])
    head.header(f"{md(profile.name)} · {md(ca.class_name)}")
    wave_col.selectbox(tr("cm.wave"), in_waves, format_func=lambda w: plain(ca.wave_name(w)), key=wave_key)
    st.info(tr("pf.screening"))
    if not profile.present:
        st.caption(tr("pf.absent"))

    def fmt(x: float, decimals: int = 2) -> str:
        return score_text(x, lang, decimals)

    pct = percentile_text

    def ref_text(scores) -> str:
        refs = {(s.reference, s.reference_n) for s in scores if s.reference}
        if not refs:
            return ""
        ref, n = sorted(refs, key=str)[0]
        n = n if n is not None else "?"
        classes = ca.reference_classes.get(wave_id, ())
        if ref == "wave" and len(classes) > 1:
            return tr("pf.ref.wave_classes", k=len(classes), classes=md(", ".join(classes)), n=n)
        return tr(f"pf.ref.{ref}", n=n)

    if profile.double_risk:
        st.error(tr("pf.double_risk") + "\n\n" + "\n".join(
            f"- {r}" for r in profile.teacher_reasons + profile.peer_reasons))
    elif profile.teacher_risk or profile.peer_risk:
        st.warning(tr("pf.single_risk") + "\n\n" + "\n".join(
            f"- {r}" for r in profile.teacher_reasons + profile.peer_reasons))
    else:
        st.success(tr("pf.no_risk"))

    def score_table(scores) -> pd.DataFrame:
        return pd.DataFrame({
            tr("pf.col.dimension"): [tr(f"label.{s.dimension}") for s in scores],
            tr("pf.col.score"): [fmt(s.score) for s in scores],
            tr("pf.col.percentile"): [pct(s.percentile) for s in scores],
        })

    def perspective(column, informant: str, relationship_profile: str, scores) -> None:
        """One informant's column: relationship profile, scores against the reference group."""
        with column:
            st.subheader(tr(f"pf.{informant}"))
            st.markdown(tr("pf.profile_is", profile=tr(f"label.{relationship_profile}")))
            if scores:
                st.dataframe(score_table(scores), hide_index=True, width="stretch")
                st.caption(ref_text(scores))
            else:
                st.caption(tr(f"pf.no_{informant}"))

    c_teacher, c_child, c_peers = st.columns(3)
    perspective(c_teacher, "teacher", profile.teacher_profile, profile.teacher)
    perspective(c_child, "child", profile.child_profile, profile.child)
    with c_peers:
        st.subheader(tr("pf.peers"))
        peer = profile.peer
        of = peer.nominators if peer.nominators is not None else "?"
        st.markdown("\n".join([
            "- " + tr("pf.chosen_by", n=peer.received if peer.received is not None else "–", of=of),
            "- " + tr("pf.rejected_by", n=peer.rejected_by if peer.rejected_by is not None else "–",
                      of=of),
            "- " + tr("pf.status", status=tr(f"pf.status.{peer.status_cd or 'unknown'}")),
            "- " + tr("pf.preference", value=fmt(peer.social_preference, 1)),
            "- " + tr("pf.mutual", names=md(", ".join(peer.mutual_friends)) or tr("pf.none")),
            "- " + tr("pf.teacher_seen", likes=peer.teacher_likes_n, angry=peer.teacher_angry_n,
                      of=peer.teacher_nominators if peer.teacher_nominators is not None else "?"),
        ]))
        if profile.child_view:
            st.caption(md(profile.child_view))

    st.subheader(tr("pf.agreement"))
    if len(profile.agreement):
        agr = profile.agreement
        st.dataframe(pd.DataFrame({
            tr("pf.col.dimension"): [tr(f"label.{d}") for d in agr["dimension"]],
            tr("pf.col.difference"): [fmt(v, 1) for v in agr["difference"]],
            tr("pf.col.agreement"): [tr(f"pf.agree.{c}") if isinstance(c, str) else "–"
                                     for c in agr["category"]],
        }), hide_index=True, width="stretch")
        st.caption(tr("pf.agreement_help"))
    else:
        st.caption(tr("pf.no_agreement"))

    st.subheader(tr("pf.change"))
    if profile.previous_wave_id is None:
        st.caption(tr("pf.no_previous"))
    elif len(profile.change):
        chg = profile.change
        st.dataframe(pd.DataFrame({
            tr("pf.col.informant"): [tr(f"pf.{i}") for i in chg["informant"]],
            tr("pf.col.dimension"): [tr(f"label.{d}") for d in chg["dimension"]],
            plain(ca.wave_name(profile.previous_wave_id)): [fmt(v) for v in chg["previous"]],
            plain(ca.wave_name(wave_id)): [fmt(v) for v in chg["current"]],
            tr("pf.col.reliable"): ["–" if pd.isna(r) else tr("pf.yes") if bool(r) else tr("pf.no")
                                    for r in chg["reliable"].astype(object)],
        }), hide_index=True, width="stretch")
        st.caption(tr("pf.change_help"))
    else:
        st.caption(tr("pf.no_change"))

    texts = {q.id: q.text.get(lang, q.text["nl"]) for q in nomination_pack().questions}
    with st.expander(tr("pf.negative")):
        if profile.negative is None:
            st.caption(tr("pf.negative_restricted"))
        elif not profile.negative:
            st.caption(tr("pf.none"))
        else:
            for q, ties in profile.negative.items():
                st.markdown(f"**{md(texts.get(q, q))}**")
                st.markdown("- " + tr("pf.negative_by", names=md(", ".join(ties["by"]))
                                      or tr("pf.none"))
                            + "\n- " + tr("pf.negative_named",
                                          names=md(", ".join(ties["named"])) or tr("pf.none")))

    liking = ca.questions.loc[ca.questions["kind"] == "liking", "question_id"].tolist()
    nodes = node_table(ca.result.pupils_table(), ca.names, ca.positions, wave_id, pupil_class,
                       ca.roster, ca.nominations, ca.questions)
    with st.expander(tr("pf.small_map")):
        edges = edge_table(ca.nominations, wave_id, liking[0], nodes["pupil_id"]) if liking else \
            edge_table(ca.nominations.iloc[:0], wave_id, "", [])
        st.plotly_chart(class_map_figure(nodes, edges, language=lang, highlight=pupil_id,
                                         height=520), width="stretch", theme=None,
                        config={"displayModeBar": False}, key="pf_map")

    st.subheader(tr("pf.care"))
    st.caption(tr("pf.care_help"))
    with db() as session:
        note = load_note(session, pupil_id, wave_id, actor=user)
    with st.form(f"care_{pupil_id}_{wave_id}"):
        values = {}
        values["three_words"] = st.text_input(tr("care.three_words"), note.three_words,
                                              max_chars=200)
        a, b = st.columns(2)
        values["moment_clicked"] = a.text_area(tr("care.moment_clicked"), note.moment_clicked)
        values["moment_not_clicked"] = b.text_area(tr("care.moment_not_clicked"),
                                                   note.moment_not_clicked)
        values["work_question"] = st.text_area(tr("care.work_question"), note.work_question)
        values["target_behaviour"] = st.text_area(tr("care.target_behaviour"), note.target_behaviour)
        values["notes"] = st.text_area(tr("care.notes"), note.notes)
        if st.form_submit_button(tr("care.save"), type="primary"):
            try:
                with db() as session:
                    save_note(session, pupil_id, wave_id, actor=user,
                              **{k: values[k] for k in TEXT_FIELDS})
                    note = load_note(session, pupil_id, wave_id, actor=user)
                st.success(tr("care.saved"))
            except SurveyError as exc:
                st.error(error_text(exc))
    if note.updated_at:
        st.caption(tr("care.updated", at=str(note.updated_at)[:16]))

    with db() as session:
        history = [n for n in notes_for_pupil(session, pupil_id, actor=user) if n.wave_id != wave_id]
    if history:
        with st.expander(tr("care.history")):
            for n in history:
                st.markdown(f"**{md(ca.wave_name(n.wave_id))}** — {md(n.three_words)}")
                if n.work_question:
                    st.caption(f"{tr('care.work_question')}: {md(n.work_question)}")

    def _pdf() -> bytes:
        from analysis.exports import profile_pdf

        with db() as session:
            current = load_note(session, pupil_id, wave_id, actor=user)
        return profile_pdf(profile, nodes, edges, class_name=ca.class_name,
                           wave_name=ca.wave_name(wave_id), language=lang,
                           care_note={k: getattr(current, k) for k in TEXT_FIELDS},
                           previous_wave_name=ca.wave_name(profile.previous_wave_id)
                           if profile.previous_wave_id is not None else None)

    private_download(tr("pf.download_pdf"), _pdf,
                     file_name=download_name("profiel", profile.first_name, ca.wave_name(wave_id))
                     + ".pdf", mime="application/pdf", key="pf_dl_pdf",
                     icon=":material/print:", type="primary")


main()
