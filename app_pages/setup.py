"""Class set-up for teachers: choose or create a class, import the class list (preview and
plain-word errors first), add / edit / remove pupils, record consent. Logic: survey.roster.

An uploaded file is read once: ``survey.roster.read_roster`` (another process, time and
memory budget) keyed by the sha256 of its bytes in ``st.cache_data``, so reruns, the preview
and the Inlezen button reuse that one reading — also of a file that was refused."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from survey.access import NotAllowed
from survey.accounts import visible_class_names
from survey.bounded import warm_up
from survey.roster import (
    CLASS_NAME_LENGTH,
    CONSENT_STATES,
    HEADER_ALIASES,
    MAX_LENGTH,
    REQUIRED,
    UPLOAD_LIMIT_MB,
    ParsedRoster,
    RosterError,
    add_pupil,
    commit_import,
    create_class,
    plan_import,
    read_roster,
    school_year_of,
    set_active,
    set_consent,
    set_consents,
    update_pupil,
)
from survey.text import md, plain
from survey.views import PupilRow, class_roster
from ui.core import db, error_text, language, require_class, require_role, tr
from ui.navigation import class_picker, remember_class

NEW = -1
GENDERS = ("m", "f", "x")

@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def read_upload(digest: str, name: str, today: str, group: str | None,
                _data: bytes) -> ParsedRoster:
    """One reading per file (``digest``: sha256 of ``_data``), EDEX group and day (the
    birth-date check)."""
    return read_roster(_data, name, dt.date.fromisoformat(today), group)


def parsed_upload(data: bytes, name: str, group: str | None = None) -> ParsedRoster:
    digest = hashlib.sha256(data).hexdigest()
    return read_upload(digest, name, dt.date.today().isoformat(), group, data)


def flash(kind: str, text: str) -> None:
    st.session_state["setup_flash"] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop("setup_flash", (None, None))
    if kind:
        getattr(st, kind)(text)


def problem_texts(exc: RosterError) -> str:
    return "\n".join(f"- {md(p.text(language()))}" for p in exc.problems)


def main() -> None:
    user = require_role("teacher")
    st.title(tr("page.setup"))
    warm_up()  # the reading process is ready before the teacher has chosen a file

    # ------------------------------------------------------------------ choose or create a class
    with db() as session:
        names = visible_class_names(session, user)

    class_id = class_picker(tr("setup.class"), {i: plain(n) for i, n in names.items()},
                            key="setup_class", extra={NEW: tr("setup.new_class")})
    show_flash()

    def on_create_class() -> None:
        with db() as session:
            try:
                new = create_class(
                    session,
                    user,
                    st.session_state["new_class_name"],
                    st.session_state["new_class_grade"],
                    st.session_state["new_class_year"],
                )
                new_id = new.id
            except RosterError as exc:
                flash("error", problem_texts(exc))
                return
        st.session_state["setup_class"] = new_id
        remember_class(new_id)
        st.session_state["setup_tab"] = tr("setup.tab_import")
        flash("success", tr("setup.class_created"))

    if class_id == NEW:
        st.subheader(tr("setup.new_class"))
        with st.form("new_class"):
            st.text_input(tr("setup.class_name"), key="new_class_name", placeholder="Groep 6B",
                          max_chars=CLASS_NAME_LENGTH)
            st.number_input(tr("setup.grade"), min_value=1, max_value=8, value=6, key="new_class_grade")
            st.text_input(tr("setup.school_year"), value=school_year_of(dt.date.today()),
                          key="new_class_year")
            st.form_submit_button(tr("setup.create_class"), type="primary", on_click=on_create_class)
        st.stop()

    require_class(user, class_id)

    with db() as session:
        roster = class_roster(session, class_id, actor=user)
    active, removed, consent_mode = roster.active, roster.removed, roster.consent_mode
    consent = {p.pupil_id: p.consent for p in roster.pupils}
    taking_part = roster.taking_part
    st.caption(tr(f"setup.consent_mode_{consent_mode}"))

    tab_labels = [tr("setup.tab_pupils"), tr("setup.tab_import")]
    if st.session_state.get("setup_tab") not in tab_labels:
        st.session_state["setup_tab"] = tab_labels[0 if active else 1]
    tab_pupils, tab_import = st.tabs(tab_labels, key="setup_tab", on_change="rerun")

    # ------------------------------------------------------------------------------ import
    with tab_import:
        st.markdown(tr("setup.import_help"))
        with st.expander(tr("setup.headers_title")):
            headers = {}
            for alias, name in HEADER_ALIASES.items():
                headers.setdefault(name, []).append(alias)
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("setup.col_field"): tr(f"field.{name}"),
                            tr("setup.col_required"): "✓" if name in REQUIRED else "",
                            tr("setup.col_headers"): ", ".join(aliases),
                        }
                        for name, aliases in headers.items()
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
            st.caption(tr("setup.headers_note"))
        upload_key = f"roster_upload_{st.session_state.get('upload_n', 0)}"
        upload = st.file_uploader(
            tr("setup.upload"), type=["csv", "xlsx", "xls", "txt", "xml"], key=upload_key,
            max_upload_size=UPLOAD_LIMIT_MB,  # the real limit, not Streamlit's 200MB
        )
        if upload is not None:
            data = upload.getvalue()
            with st.spinner(tr("setup.reading")):
                parsed = parsed_upload(data, upload.name)
            group = None
            if len(parsed.groups) > 1:  # an EDEX file of the whole school: which group?
                st.markdown(tr("setup.pick_group_help", n=len(parsed.groups)))
                group_labels = {g.key: tr("setup.group_option", name=g.name, n=g.pupils)
                                for g in parsed.groups}
                group = st.selectbox(tr("setup.pick_group"), list(group_labels), index=None,
                                     format_func=lambda key: plain(group_labels[key]),
                                     placeholder=tr("setup.pick_group_placeholder"),
                                     key=f"{upload_key}_group")
                if group is not None:
                    with st.spinner(tr("setup.reading")):
                        parsed = parsed_upload(data, upload.name, group)
            elif parsed.groups:
                group = parsed.group
            problems = list(parsed.problems)
            plan = []
            if not problems and not parsed.needs_group:
                with db() as session:
                    plan, plan_problems = plan_import(session, class_id, parsed, actor=user)
                problems += plan_problems
            if problems:
                st.error(tr("setup.import_refused", n=len(problems)))
                st.table(  # a table wraps long messages (a dataframe cuts them off)
                    pd.DataFrame(
                        [
                            {
                                tr("setup.col_line"): str(p.line or "—"),
                                tr("setup.col_problem"): md(p.text(language())),
                            }
                            for p in problems
                        ]
                    ),
                    hide_index=True,
                )
            for note in parsed.notes:
                st.caption(md(note.text(language())))
            if plan and not problems:
                counts = {a: sum(1 for r in plan if r.action == a) for a in ("add", "update", "same")}
                st.info(tr("setup.preview", added=counts["add"], updated=counts["update"],
                           same=counts["same"]))
                matched = {r.pupil_id for r in plan if r.pupil_id is not None}
                not_in_file = [p.full_name for p in active if p.pupil_id not in matched]
                if not_in_file:
                    st.caption(tr("setup.not_in_file", n=len(not_in_file),
                                  names=md(", ".join(not_in_file))))

                def on_import(data: bytes, name: str, group: str | None) -> None:
                    with db() as session:
                        try:
                            summary = commit_import(
                                session, class_id, parsed_upload(data, name, group), actor=user
                            )
                        except RosterError as exc:
                            flash("error", problem_texts(exc))
                            return
                    st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1
                    st.session_state["setup_tab"] = tr("setup.tab_pupils")
                    flash("success", tr("setup.imported", added=summary.added,
                                        updated=summary.updated))

                st.button(
                    tr("setup.import_button", n=counts["add"] + counts["update"]),
                    type="primary",
                    on_click=on_import,
                    args=(data, upload.name, group),
                    disabled=counts["add"] + counts["update"] == 0,
                )

                def shown(name: str, value: object) -> str:
                    if value in (None, ""):
                        return "—"
                    if isinstance(value, dt.date):
                        return value.strftime("%d-%m-%Y")
                    return tr(f"gender.{value}") if name == "gender" else str(value)

                def change_text(item) -> str:
                    if item.action != "update":
                        return ""
                    parts = [f"{tr('field.' + n)}: {shown(n, old)} → {shown(n, new)}"
                             for n, old, new in item.changes]
                    if item.reactivate:
                        parts.append(tr("setup.back_in_class"))
                    return "; ".join(parts)

                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                tr("setup.col_action"): tr(f"setup.action_{r.action}"),
                                tr("col.name"): plain(r.row.full_name),
                                tr("col.gender"): tr(f"gender.{r.row.gender}"),
                                tr("col.birth_date"): r.row.birth_date.strftime("%d-%m-%Y")
                                if r.row.birth_date else "",
                                tr("field.pupil_number").capitalize(): r.row.pupil_number or "",
                                **({tr("setup.col_changes"): change_text(r)}
                                   if counts["update"] else {}),
                            }
                            for r in plan
                        ]
                    ),
                    hide_index=True,
                    width="stretch",
                )

    # ------------------------------------------------------------------------------ pupils
    with tab_pupils:
        st.caption(tr("classes.taking_part", n=taking_part, excluded=len(active) - taking_part))
        if not active:
            st.info(tr("setup.no_pupils"))
        else:
            st.markdown(tr("setup.consent_help"))
            consent_labels = {s: tr(f"consent.{s}") for s in CONSENT_STATES}
            table = pd.DataFrame(
                [
                    {
                        "id": p.pupil_id,
                        tr("col.name"): plain(p.full_name),
                        tr("col.gender"): tr(f"gender.{p.gender}"),
                        tr("col.birth_date"): p.birth_date.strftime("%d-%m-%Y") if p.birth_date else "",
                        tr("field.pupil_number").capitalize(): p.pupil_number or "",
                        tr("col.consent"): consent_labels[p.consent],
                        tr("setup.col_taking_part"): p.taking_part,
                    }
                    for p in active
                ]
            ).set_index("id")
            editor_key = f"consent_editor_{st.session_state.get('consent_n', 0)}"
            edited = st.data_editor(
                table,
                key=editor_key,
                hide_index=True,
                width="stretch",
                disabled=[c for c in table.columns if c != tr("col.consent")],
                column_config={
                    tr("col.consent"): st.column_config.SelectboxColumn(
                        options=list(consent_labels.values()), required=True
                    ),
                    tr("setup.col_taking_part"): st.column_config.CheckboxColumn(),
                },
            )
            by_label = {v: k for k, v in consent_labels.items()}
            changed = {
                int(pid): by_label[label]
                for pid, label in edited[tr("col.consent")].items()
                if by_label.get(label) and by_label[label] != consent.get(int(pid))
            }

            def on_save_consent(changes: dict[int, str]) -> None:
                try:
                    with db() as session:  # all rows or none (survey.roster.set_consents)
                        set_consents(session, class_id, changes, actor=user)
                except (NotAllowed, RosterError) as exc:
                    flash("error", error_text(exc) if isinstance(exc, NotAllowed)
                          else problem_texts(exc))
                    return
                st.session_state["consent_n"] = st.session_state.get("consent_n", 0) + 1
                flash("success", tr("setup.consent_saved", n=len(changes)))

            c1, c2 = st.columns(2)
            c1.button(
                tr("setup.save_consent", n=len(changed)),
                type="primary",
                disabled=not changed,
                on_click=on_save_consent,
                args=(changed,),
            )
            unknown = {p.pupil_id: "given" for p in active if p.consent == "unknown"}
            if unknown:
                c2.button(
                    tr("setup.all_given", n=len(unknown)),
                    on_click=on_save_consent,
                    args=(unknown,),
                    help=tr("setup.all_given_help"),
                )

        def pupil_form(prefix: str, pupil: PupilRow | None) -> dict[str, object]:
            c1, c2, c3 = st.columns([3, 2, 3])
            values = {
                "first_name": c1.text_input(tr("field.first_name").capitalize(),
                                            value=pupil.first_name if pupil else "",
                                            key=f"{prefix}_first",
                                            max_chars=MAX_LENGTH["first_name"]),
                "tussenvoegsel": c2.text_input(tr("field.tussenvoegsel").capitalize(),
                                               value=pupil.tussenvoegsel if pupil else "",
                                               key=f"{prefix}_tv",
                                               max_chars=MAX_LENGTH["tussenvoegsel"]),
                "last_name": c3.text_input(tr("field.last_name").capitalize(),
                                           value=pupil.last_name if pupil else "",
                                           key=f"{prefix}_last",
                                           max_chars=MAX_LENGTH["last_name"]),
            }
            c1, c2, c3 = st.columns([3, 2, 3])
            values["gender"] = c1.selectbox(
                tr("field.gender").capitalize(), GENDERS,
                index=GENDERS.index(pupil.gender) if pupil else 0,
                format_func=lambda g: tr(f"gender.{g}"), key=f"{prefix}_gender",
            )
            values["birth_date"] = c2.date_input(
                tr("field.birth_date").capitalize(), value=pupil.birth_date if pupil else None,
                min_value=dt.date(2005, 1, 1), max_value=dt.date.today(), format="DD-MM-YYYY",
                key=f"{prefix}_birth",
            )
            values["pupil_number"] = c3.text_input(
                tr("field.pupil_number").capitalize(),
                value=(pupil.pupil_number or "") if pupil else "", key=f"{prefix}_number",
                max_chars=MAX_LENGTH["pupil_number"],
            )
            values["photo"] = pupil.photo if pupil else None
            return values

        with st.expander(tr("setup.add_pupil"), icon=":material/person_add:"):
            with st.form("add_pupil", clear_on_submit=False):
                new_values = pupil_form("add", None)
                new_consent = st.selectbox(tr("col.consent"), CONSENT_STATES, index=2,
                                           format_func=lambda s: tr(f"consent.{s}"),
                                           key="add_consent")
                if st.form_submit_button(tr("setup.add_button"), type="primary"):
                    try:
                        with db() as session:
                            pupil = add_pupil(session, class_id, new_values, actor=user)
                            if new_consent != "unknown":
                                set_consent(session, pupil.id, new_consent, actor=user)
                            name = pupil.full_name
                        flash("success", tr("setup.added", name=md(name)))
                        st.rerun()
                    except RosterError as exc:
                        st.error(problem_texts(exc))

        if active:
            with st.expander(tr("setup.edit_pupil"), icon=":material/edit:"):
                labels = {p.pupil_id: p.full_name for p in active}
                pid = st.selectbox(tr("setup.which_pupil"), list(labels), format_func=lambda i: plain(labels[i]),
                                   key="edit_which")
                pupil = next(p for p in active if p.pupil_id == pid)
                with st.form(f"edit_{pid}"):
                    values = pupil_form(f"edit{pid}", pupil)
                    if st.form_submit_button(tr("setup.save_pupil"), type="primary"):
                        try:
                            with db() as session:
                                update_pupil(session, pid, values, actor=user)
                            flash("success", tr("setup.saved", name=md(labels[pid])))
                            st.rerun()
                        except RosterError as exc:
                            st.error(problem_texts(exc))
                st.caption(tr("setup.remove_help"))
                sure = st.checkbox(tr("setup.remove_sure", name=md(labels[pid])),
                                   key=f"sure_{pid}")
                if st.button(tr("setup.remove_button"), disabled=not sure, key=f"remove_{pid}",
                             icon=":material/person_remove:"):
                    with db() as session:
                        set_active(session, pid, False, actor=user)
                    flash("success", tr("setup.removed", name=md(labels[pid])))
                    st.rerun()

        if removed:
            with st.expander(tr("setup.removed_pupils", n=len(removed))):
                for p in removed:
                    c1, c2 = st.columns([4, 1])
                    c1.write(md(p.full_name))
                    if c2.button(tr("setup.take_back"), key=f"back_{p.pupil_id}"):
                        with db() as session:
                            set_active(session, p.pupil_id, True, actor=user)
                        flash("success", tr("setup.taken_back", name=md(p.full_name)))
                        st.rerun()


main()
