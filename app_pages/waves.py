"""Waves of a class for teachers: create a wave, open and close it (with confirmation),
print login cards, hand the tablet to a child, and watch live progress.
Logic: survey.waves and survey.cards."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import quote

import pandas as pd
import streamlit as st

from analysis.filenames import download_name
from survey.access import Actor, NotAllowed
from survey.cards import (
    CARDS_PER_PAGE,
    app_base_url,
    login_cards_pdf,
    only_this_computer,
    qr_png,
)
from survey.i18n import LANGUAGE_NAMES, LANGUAGES
from survey.instruments import child_pack, nomination_pack
from survey.roster import season_of
from survey.tablets import (
    TabletError,
    active_tablets,
    open_tablet,
    start_tablet,
    stop_tablets,
    tablet_url,
)
from survey.text import md, plain
from survey.views import class_choices, class_roster, class_waves, wave_to_show
from survey.waves import (
    WaveError,
    child_cards,
    class_progress,
    close_wave,
    create_wave,
    default_child_format,
    default_questions,
    delete_draft,
    new_card,
    open_wave,
)
from ui.core import db, error_text, language, require_class, require_role, tr
from ui.downloads import private_download
from ui.navigation import class_picker

CONFIRM_KEY = "waves_confirm"

def flash(kind: str, text: str) -> None:
    st.session_state["waves_flash"] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop("waves_flash", (None, None))
    if kind:
        getattr(st, kind)(text)



def season_name(today: dt.date) -> str:
    return tr(f"waves.{season_of(today)}", year=today.year)


# ------------------------------------------------------------------------- progress
def show_progress(wave_id: int, live: bool, user: Actor) -> None:
    with db() as session:
        rows, percent = class_progress(session, wave_id, actor=user)
    done = sum(1 for r in rows if r.state == "done")
    busy = sum(1 for r in rows if r.state == "busy")
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("waves.completion"), f"{percent:.0f}%")
    c2.metric(tr("waves.n_done"), f"{done} / {len(rows)}")
    c3.metric(tr("waves.n_busy"), busy)
    st.progress(min(percent / 100, 1.0))

    def state(r) -> str:
        if r.state == "busy":
            return tr("waves.state_busy", x=r.current, y=r.total)
        return tr(f"waves.state_{r.state}")

    order = {"busy": 0, "not_started": 1, "done": 2}
    st.dataframe(
        pd.DataFrame(
            [
                {tr("col.name"): plain(r.name), tr("col.status"): state(r)}
                for r in sorted(rows, key=lambda r: (order.get(r.state, 3), r.name))
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if live:
        st.caption(tr("waves.refresh"))


@st.fragment(run_every=5)
def live_progress(wave_id: int, user: Actor) -> None:
    """Re-reads progress every 5 s without rerunning the rest of the page."""
    show_progress(wave_id, live=True, user=user)


TABLET_KEY = "waves_tablet"  # {wave id: token of the class tablet started in this session}


def class_tablet(wave_id: int, base_url: str, user: Actor) -> None:
    """Turn a tablet into the class tablet: a PIN, then this device or a scanned class code."""
    st.subheader(tr("waves.tablet_title"))
    st.markdown(tr("waves.tablet_help"))
    with st.form(f"tablet_start_{wave_id}", clear_on_submit=True):
        pin = st.text_input(tr("waves.tablet_pin"), type="password", max_chars=8,
                            autocomplete="new-password", help=tr("waves.tablet_pin_help"))
        start = st.form_submit_button(tr("waves.tablet_start"), type="primary",
                                      icon=":material/tablet:")
    if start:
        try:
            with db() as session:
                token = start_tablet(session, wave_id, pin, actor=user).token
        except (TabletError, WaveError, NotAllowed) as exc:
            st.error(error_text(exc))
        else:
            st.session_state.setdefault(TABLET_KEY, {})[wave_id] = token
    token = st.session_state.get(TABLET_KEY, {}).get(wave_id)
    if token and tablet_is_on(token):
        url = tablet_url(base_url, token)
        st.success(tr("waves.tablet_ready"), icon=":material/tablet:")
        if only_this_computer(base_url):
            st.warning(tr("waves.cards_localhost"))
        st.image(qr_png(url), caption=tr("waves.tablet_scan"), width=240)
        href = html.escape(f"./?tablet={quote(token, safe='-_')}", quote=True)
        st.html(f'<a class="kk-tablet-here" href="{href}" target="_self" style="display:'
                "inline-block;padding:14px 22px;border-radius:12px;background:#1f6feb;"
                'color:#fff;font-size:1.15rem;font-weight:600;text-decoration:none">'
                f"{html.escape(tr('waves.tablet_here'))}</a>")
        st.caption(tr("waves.tablet_here_help"))
    with db() as session:
        active = active_tablets(session, wave_id, actor=user)
    if active:
        st.info(tr("waves.tablet_active", n=active))

        def on_stop() -> None:
            with db() as session:
                n = stop_tablets(session, wave_id, actor=user)
            st.session_state.get(TABLET_KEY, {}).pop(wave_id, None)
            flash("success", tr("waves.tablet_stopped", n=n))

        st.button(tr("waves.tablet_stop_all"), on_click=on_stop, icon=":material/stop_circle:")


def tablet_is_on(token: str) -> bool:
    with db() as session:
        return open_tablet(session, token).state == "ok"


def main() -> None:
    user = require_role("teacher")
    st.title(tr("page.waves"))

    # ------------------------------------------------------------------------- choose a class
    with db() as session:
        classes = class_choices(session, actor=user)
    if not classes:
        st.info(tr("waves.no_class"))
        st.page_link("app_pages/setup.py", label=tr("page.setup"), icon=":material/edit_note:")
        st.stop()
    col_class, col_wave = st.columns(2)
    flash_area = st.container()
    detail = st.container()  # the chosen wave: filled last in code, shown above the rest
    st.divider()
    class_id = class_picker(tr("setup.class"), {i: plain(c.name) for i, c in classes.items()},
                            key="waves_class", where=col_class)
    require_class(user, class_id)
    school_class = classes[class_id]
    with flash_area:
        show_flash()

    with db() as session:
        waves = class_waves(session, class_id, actor=user)
        n_taking_part = class_roster(session, class_id, actor=user).taking_part

    # ------------------------------------------------------------------------- new wave
    questions = nomination_pack().questions
    formats = list(child_pack().response_formats)

    def on_create() -> None:
        ss = st.session_state
        chosen = [q.id for q in questions if ss.get(f"q_{q.id}")]
        with db() as session:
            try:
                wave = create_wave(
                    session, class_id, ss["wave_name"], starts_on=ss["wave_date"],
                    language=ss["wave_lang"], child_format=ss["wave_format"], questions=chosen,
                    actor=user,
                )
                wave_id = wave.id
            except (WaveError, NotAllowed) as exc:
                flash("error", error_text(exc))
                return
        ss["waves_pick"] = wave_id
        ss["new_wave_open"] = False  # fold the form away: the new wave is shown above
        flash("success", tr("waves.created", name=md(ss["wave_name"].strip())))

    with st.expander(tr("waves.new"), icon=":material/add:", expanded=not waves,
                     key="new_wave_open", on_change="rerun"):
        with st.form("new_wave"):
            c1, c2 = st.columns(2)
            c1.text_input(tr("waves.name"), value=season_name(dt.date.today()), key="wave_name")
            c2.date_input(tr("waves.date"), value=dt.date.today(), format="DD-MM-YYYY",
                          key="wave_date")
            c1.radio(tr("waves.language"), LANGUAGES, format_func=LANGUAGE_NAMES.get,
                     key="wave_lang", horizontal=True, index=LANGUAGES.index(language()))
            c2.radio(tr("waves.format"), formats,
                     index=formats.index(default_child_format(school_class.grade)),
                     format_func=lambda f: tr(f"waves.format_{f}"), key="wave_format")
            st.markdown(f"**{tr('waves.questions')}**")
            for q in questions:
                st.checkbox(q.text.get(language(), q.text["nl"]), value=q.id in default_questions(),
                            key=f"q_{q.id}", help=tr(f"waves.help_{q.id}"))
            st.form_submit_button(tr("waves.create"), type="primary", on_click=on_create)

    if not waves:
        detail.info(tr("waves.none"))
        st.stop()

    # ------------------------------------------------------------------------- list + choice
    st.markdown(f"**{tr('waves.all')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("col.wave"): plain(w.name),
                    tr("col.starts_on"): w.starts_on.strftime("%d-%m-%Y") if w.starts_on else "",
                    tr("col.status"): tr(f"wave.{w.status}"),
                    tr("waves.language"): LANGUAGE_NAMES.get(w.language, w.language),
                    tr("waves.questions"): len(w.questions),
                }
                for w in waves
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    by_id = {w.wave_id: w for w in waves}
    if st.session_state.get("waves_pick") not in by_id:
        st.session_state["waves_pick"] = wave_to_show(waves)
    wave_id = col_wave.selectbox(
        tr("waves.pick"), list(by_id),
        format_func=lambda i: f"{plain(by_id[i].name)} ({tr('wave.' + by_id[i].status)})", key="waves_pick",
    )
    wave = by_id[wave_id]
    detail.subheader(f"{md(wave.name)} — {tr(f'wave.{wave.status}')}")
    labels = {q.id: q.text.get(language(), q.text["nl"]) for q in questions}
    detail.caption(
        tr("waves.summary", lang=LANGUAGE_NAMES.get(wave.language, wave.language),
           format=tr(f"waves.format_{wave.child_format}"), n=n_taking_part)
    )
    with detail.expander(tr("waves.asked", n=len(wave.questions))):
        st.markdown("\n".join(f"- {md(labels.get(q, q))}" for q in wave.questions))

    def ask(action: str) -> None:
        st.session_state[CONFIRM_KEY] = (action, wave_id)

    def cancel() -> None:
        st.session_state.pop(CONFIRM_KEY, None)

    def do(action: str) -> None:
        cancel()
        step = {"open": open_wave, "close": close_wave, "delete": delete_draft}[action]
        with db() as session:
            try:
                step(session, wave_id, actor=user)
            except (WaveError, NotAllowed) as exc:
                flash("error", error_text(exc))
                return
        if action == "delete":
            st.session_state.pop("waves_pick", None)
        flash("success", tr(f"waves.done_{action}", name=md(wave.name)))

    def confirm_button(action: str, icon: str, primary: bool = True) -> None:
        """A button that asks once more before doing something that cannot be undone."""
        if st.session_state.get(CONFIRM_KEY) == (action, wave_id):
            st.warning(tr(f"waves.confirm_{action}", name=md(wave.name), n=n_taking_part))
            c1, c2, _ = st.columns([1, 1, 3])
            c1.button(tr("waves.yes"), type="primary", on_click=do, args=(action,),
                      key=f"yes_{action}")
            c2.button(tr("waves.cancel"), on_click=cancel, key=f"no_{action}")
        else:
            st.button(tr(f"waves.{action}"), icon=icon, on_click=ask, args=(action,),
                      type="primary" if primary else "secondary", key=f"ask_{action}")

    with detail:
        # ------------------------------------------------------------------------- by status
        if wave.status == "draft":
            st.info(tr("waves.draft_help"))
            c1, c2 = st.columns(2)
            with c1:
                confirm_button("open", ":material/play_arrow:")
            with c2:
                confirm_button("delete", ":material/delete:", primary=False)
            st.stop()

        if wave.status == "closed":
            st.info(tr("waves.closed_help"))
            show_progress(wave_id, live=False, user=user)
            st.stop()

        with db() as session:
            cards = child_cards(session, wave_id, actor=user)
        base_url = app_base_url(st.context.url)
        tab_progress, tab_cards, tab_handover, tab_close = st.tabs(
            [tr("waves.tab_progress"), tr("waves.tab_cards"), tr("waves.tab_handover"),
             tr("waves.tab_close")],
            key="waves_tab",
            on_change="rerun",
        )

        with tab_progress:
            live_progress(wave_id, user)

        with tab_cards:
            st.markdown(tr("waves.cards_help", n=len(cards), per_page=CARDS_PER_PAGE,
                           pages=max(1, -(-len(cards) // CARDS_PER_PAGE))))
            st.caption(tr("waves.cards_url", url=base_url))
            if only_this_computer(base_url):
                st.warning(tr("waves.cards_localhost"))
            private_download(  # the cards open the children's surveys: this session only
                tr("waves.download_cards"),
                lambda: login_cards_pdf(cards, base_url, class_name=school_class.name,
                                        wave_name=wave.name, language=wave.language),
                file_name=download_name("inlogkaarten", school_class.name, wave.name) + ".pdf",
                mime="application/pdf",
                key=f"dl_cards_{wave.wave_id}",
                icon=":material/print:",
                type="primary",
            )
            st.divider()
            st.markdown(f"**{tr('waves.lost_card')}**")
            st.caption(tr("waves.lost_help"))
            open_cards = {c.pupil_id: c for c in cards if c.status == "active"}
            if open_cards:
                lost = st.selectbox(tr("waves.which_child"), list(open_cards),
                                    format_func=lambda i: plain(open_cards[i].full_name), key="lost_pick")

                def on_new_card(pupil_id: int) -> None:
                    with db() as session:
                        try:
                            new_card(session, wave_id, pupil_id, actor=user)
                        except (WaveError, NotAllowed) as exc:
                            flash("error", error_text(exc))
                            return
                    name = md(open_cards[pupil_id].full_name)
                    flash("success", tr("waves.new_card_done", name=name))

                st.button(tr("waves.new_card"), on_click=on_new_card, args=(lost,),
                          icon=":material/autorenew:")

        with tab_handover:
            class_tablet(wave_id, base_url, user)
            st.divider()
            st.subheader(tr("waves.handover_one"))
            st.warning(tr("waves.handover_logout"))
            st.caption(tr("waves.handover_help"))
            links = []
            for c in cards:
                name = html.escape(plain(c.label))
                if c.status == "finished":
                    links.append(f'<span class="kk-hand kk-done">✓ {name}</span>')
                else:
                    href = f"./?t={quote(c.token, safe='-_')}"
                    links.append(f'<a class="kk-hand" href="{href}" target="_self">{name}</a>')
            st.html(
                "<style>.kk-grid{display:grid;"
                "grid-template-columns:repeat(auto-fill,minmax(170px,1fr));"
                "gap:12px}.kk-hand{display:flex;align-items:center;justify-content:center;"
                "min-height:72px;padding:8px;border-radius:14px;font-size:1.35rem;font-weight:600;"
                "text-decoration:none;background:#1f6feb;color:#fff !important;text-align:center}"
                ".kk-hand:hover{background:#1158c7}.kk-done{background:#e6e9ef;color:#555 !important;"
                "font-weight:500}</style>"
                f'<div class="kk-grid">{"".join(links)}</div>'
            )

        with tab_close:
            st.markdown(tr("waves.close_help"))
            confirm_button("close", ":material/lock:")


main()
