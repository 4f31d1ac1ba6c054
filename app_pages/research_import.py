"""Analyse a researcher's own study files (roster, nominations, answers) in memory.

The same loader and analysis as ``python -m analysis`` (``analysis.importers.read_study`` and
``analyse_study``); nothing is written to the database. Results live in the session only,
tied to the exact files (their SHA-256) and settings they were computed from; each parsed
file is kept in the session under its SHA-256, so a rerun does not parse it again. The
upload limits of ``analysis.importers`` are shown and enforced; what the analysis left out
is counted per reason (``analysis.import_report``). Downloads are made when clicked
(``ui.downloads.private_download``), with formula-like cells neutralised.
"""

from __future__ import annotations

import hashlib

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from analysis.exports import safe_csv
from analysis.import_messages import number
from analysis.import_report import drop_report
from analysis.importers import (
    MATRIX_SUFFIXES,
    MAX_FILE_BYTES,
    MAX_PUPILS_PER_NETWORK,
    MAX_ROWS,
    MAX_TOTAL_BYTES,
    WaveNeeded,
    analyse_study,
    read_study,
)
from survey.i18n import LANGUAGE_NAMES, LANGUAGES
from survey.text import md
from ui.core import error_text, language, require_role, tr
from ui.downloads import private_download

RESULT_KEY = "ri_result"
PARSED_KEY = "ri_parsed"  # parsed files of this session, by SHA-256 (read_study's cache)
DIGESTS_KEY = "ri_digests"  # SHA-256 per uploaded file id, so a rerun hashes nothing
MAX_MB = MAX_FILE_BYTES // 2**20

def _file(upload: UploadedFile | None) -> tuple[str, bytes] | None:
    return None if upload is None else (upload.name, upload.getvalue())


def _id(upload: UploadedFile | None) -> str | None:
    """The SHA-256 of an uploaded file's bytes (computed once per upload)."""
    if upload is None:
        return None
    digests = st.session_state.setdefault(DIGESTS_KEY, {})
    if upload.file_id not in digests:
        digests[upload.file_id] = hashlib.sha256(upload.getvalue()).hexdigest()
    return digests[upload.file_id]


def main() -> None:
    require_role("researcher")
    lang = language()
    st.title(tr("page.research_import"))
    st.write(tr("ri.intro"))
    st.info(tr("ri.memory_only"), icon=":material/lock:")
    st.caption(tr("ri.example"))
    st.caption(tr("ri.limits", file_mb=MAX_MB, total_mb=MAX_TOTAL_BYTES // 2**20,
                  rows=number(MAX_ROWS, lang), pupils=number(MAX_PUPILS_PER_NETWORK, lang)))

    st.subheader(tr("ri.step_pupils"))
    roster = st.file_uploader(tr("ri.roster"), type=["csv"], help=tr("ri.roster_help"),
                              key="ri_roster", max_upload_size=MAX_MB)
    edges = st.file_uploader(tr("ri.edges"), type=["csv"], help=tr("ri.edges_help"),
                             key="ri_edges", max_upload_size=MAX_MB)
    matrices = st.file_uploader(
        tr("ri.matrices"), type=[s.lstrip(".") for s in MATRIX_SUFFIXES],
        accept_multiple_files=True, help=tr("ri.matrices_help"), key="ri_matrices",
        max_upload_size=MAX_MB,
    ) or []
    st.caption(tr("ri.naming"))
    left, right = st.columns(2)
    missing_code = int(left.number_input(tr("ri.missing_code"), value=9, step=1, key="ri_missing"))
    not_in_class_code = int(right.number_input(tr("ri.not_in_class_code"), value=-1, step=1,
                                               key="ri_nic"))

    st.subheader(tr("ri.step_answers"))
    left, right = st.columns(2)
    teacher = left.file_uploader(tr("ri.teacher"), type=["csv"], help=tr("ri.answers_help"),
                                 key="ri_teacher", max_upload_size=MAX_MB)
    child = right.file_uploader(tr("ri.child"), type=["csv"], help=tr("ri.answers_help"),
                                key="ri_child", max_upload_size=MAX_MB)
    wave = st.text_input(tr("ri.wave"), help=tr("ri.wave_help"), key="ri_wave").strip()
    questions = st.file_uploader(tr("ri.questions"), type=["csv"], help=tr("ri.questions_help"),
                                 key="ri_questions", max_upload_size=MAX_MB)

    with st.expander(tr("ri.settings"), icon=":material/tune:"):
        min_participation = st.slider(tr("ri.min_participation"), 0.0, 1.0, 0.60, 0.05,
                                      key="ri_min_participation")
        nb_alpha = st.number_input(tr("ri.nb_alpha"), min_value=0.001, max_value=0.5, value=0.05,
                                   step=0.01, format="%.3f", key="ri_nb_alpha")
        reasons_language = st.selectbox(tr("ri.language"), LANGUAGES,
                                        index=LANGUAGES.index(language()),
                                        format_func=LANGUAGE_NAMES.get, key="ri_language")

    signature = (
        _id(roster), _id(edges), tuple((m.name, _id(m)) for m in matrices), missing_code,
        not_in_class_code, _id(teacher), _id(child), wave, _id(questions), min_participation,
        nb_alpha, reasons_language,
    )

    if st.button(tr("ri.analyse"), type="primary", icon=":material/play_arrow:"):
        st.session_state.pop(RESULT_KEY, None)
        if edges is None and not matrices:
            st.warning(tr("ri.need_nominations"))
        elif roster is None and not matrices:
            st.warning(tr("ri.need_roster"))
        else:
            try:
                with st.spinner(tr("ri.analyse")):
                    study = read_study(
                        roster=_file(roster), edges=_file(edges),
                        matrices=[(m.name, m.getvalue()) for m in matrices],
                        teacher_answers=_file(teacher), child_answers=_file(child),
                        questions=_file(questions), wave=wave or None,
                        missing_code=missing_code, not_in_class_code=not_in_class_code,
                        cache=st.session_state.setdefault(PARSED_KEY, {}),
                    )
                    result = analyse_study(study, min_participation=min_participation,
                                           nb_alpha=nb_alpha, language=reasons_language)
                    dropped = drop_report(study)
            except WaveNeeded as exc:
                st.error(tr("ri.wave_needed", waves=md(", ".join(map(str, exc.waves)))))
            except ValueError as exc:
                st.error(tr("ri.error", message=error_text(exc)))
            else:
                pupils, classes = result.pupils_table(), result.classes_table()
                st.session_state[RESULT_KEY] = {
                    "signature": signature, "pupils": pupils, "classes": classes,
                    "notes": list(result.notes), "dropped": dropped,
                    "n_classes": len(pupils[["wave_id", "class_id"]].drop_duplicates()),
                }

    shown = st.session_state.get(RESULT_KEY)
    if shown is not None and shown["signature"] == signature:
        pupils, classes = shown["pupils"], shown["classes"]
        st.success(tr("ri.done", pupils=len(pupils), classes=shown["n_classes"]))
        st.caption(tr("ri.screening"))
        report = shown["dropped"]
        left_out = report.dropped()
        if left_out:
            st.warning(tr("ri.dropped", n=report.nominations_dropped, total=report.nominations,
                          answers=report.answers)
                       + "\n" + "".join(f"\n- {tr(f'ri.drop.{kind}', n=count)}"
                                        for kind, count in left_out.items()),
                       icon=":material/filter_alt:")
        else:
            st.caption(tr("ri.dropped_none", total=report.nominations, answers=report.answers))
        if shown["notes"]:
            with st.expander(tr("ri.notes")):
                st.markdown("\n".join(f"- {md(n)}" for n in shown["notes"]))
        st.subheader(tr("ri.classes_table"))
        st.dataframe(classes, hide_index=True, width="stretch")
        st.subheader(tr("ri.pupils_table"))
        st.dataframe(pupils, hide_index=True, width="stretch")
        left, right = st.columns(2)
        private_download(tr("ri.download_pupils"), lambda: safe_csv(pupils), file_name="pupils.csv",
                         mime="text/csv", key="ri_dl_pupils", where=left,
                         icon=":material/download:")
        private_download(tr("ri.download_classes"), lambda: safe_csv(classes),
                         file_name="classes.csv", mime="text/csv", key="ri_dl_classes",
                         where=right, icon=":material/download:")


main()
