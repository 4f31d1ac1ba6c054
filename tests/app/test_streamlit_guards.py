"""The two Streamlit holes closed by ui.streamlit_guards (issue [Holes] item 9), on the real
Streamlit classes the server uses: a deferred download is made only for the browser session
that drew its button, and a browser's ``clear_cache`` message empties no cache."""

from __future__ import annotations

import asyncio
from unittest import mock

import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.backend_operation_handler import DeferredFileHandler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from tests.app.conftest import app
from ui import streamlit_guards


def _deferred(manager: MediaFileManager, session_id: str, data: bytes) -> str:
    with mock.patch("streamlit.runtime.media_file_manager._get_session_id",
                    return_value=session_id):
        return manager.add_deferred(lambda: data, "application/pdf", "1.2.3", "profiel.pdf")


def _request(file_id: str) -> BackendOperationRequest:
    request = BackendOperationRequest(request_id="r1")
    request.deferred_file.file_id = file_id
    return request


def test_a_deferred_download_is_made_only_for_the_session_that_drew_it():
    streamlit_guards.install()
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    made = []
    file_id = _deferred(manager, "teacher-session", b"%PDF care note")
    manager._deferred_callables[file_id]["callable"] = lambda: made.append(1) or b"%PDF"
    handler = DeferredFileHandler(lambda: manager)

    stranger = asyncio.run(handler.handle(_request(file_id), "anonymous-session"))
    assert stranger.error_msg == streamlit_guards.NOT_FOUND
    assert not stranger.deferred_file.url
    assert made == []  # the stranger's request did not even build the file

    own = asyncio.run(handler.handle(_request(file_id), "teacher-session"))
    assert own.deferred_file.url.startswith("/media/")
    assert made == [1]

    unknown = asyncio.run(handler.handle(_request("0" * 32), "teacher-session"))
    assert unknown.error_msg == streamlit_guards.NOT_FOUND


def test_a_clear_cache_message_from_a_browser_clears_nothing():
    streamlit_guards.install()
    calls = []

    @st.cache_data
    def expensive(x: int) -> int:
        calls.append(x)
        return x

    expensive(1)
    session = mock.MagicMock()
    AppSession._handle_clear_cache_request(session)  # what handle_backmsg calls
    expensive(1)
    assert calls == [1]
    session._session_state.clear.assert_not_called()


def test_install_is_idempotent():
    streamlit_guards.install()
    handle, clear = DeferredFileHandler.handle, AppSession._handle_clear_cache_request
    streamlit_guards.install()
    assert (DeferredFileHandler.handle, AppSession._handle_clear_cache_request) == (handle, clear)


def test_pupil_data_downloads_are_made_on_click(demo_env):
    """The class map draws its HTML and Excel buttons without building either file."""
    with mock.patch("analysis.exports.class_workbook") as workbook:
        at = app("streamlit_app.py", demo_env["teacher"])
        at.switch_page("app_pages/classmap.py").run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 2
    assert all(b.proto.deferred_file_id for b in buttons)
    workbook.assert_not_called()


def test_the_class_workbook_holds_the_wave_its_name_names_in_the_interface_language(demo_env):
    """[Everyday] item 11: the page's workbook is the wave the page shows (its file name
    names it), with Dutch headers and words."""
    import io

    import openpyxl

    made = {}

    def capture(label, make, *, file_name, **_):
        made[file_name] = make

    with mock.patch("ui.downloads.private_download", capture):
        at = app("streamlit_app.py", demo_env["teacher"])
        at.switch_page("app_pages/classmap.py").run()
    assert not at.exception
    wave = next(s for s in at.selectbox if s.label == "Meting")
    shown = wave.format_func(wave.value)
    name, make = next((n, m) for n, m in made.items() if n.endswith(".xlsx"))
    assert shown.replace(" ", "_") in name
    book = openpyxl.load_workbook(io.BytesIO(make()))
    assert book.sheetnames[0] == "leerlingen" and "codeboek" in book.sheetnames
    rows = list(book["leerlingen"].iter_rows(values_only=True))
    header = rows[0]
    assert "dubbel risico" in header and "double_risk" not in header
    waves = {r[header.index("meting")] for r in rows[1:]}
    assert waves == {shown}
    profiles = {r[header.index("relatieprofiel leerkracht")] for r in rows[1:]}
    assert not profiles & {"close_conflictual", "conflictual", "average", "close", "distant"}
    status = {r[header.index("statusgroep (Coie)")] for r in rows[1:]}
    assert "rejected" not in status and "average" not in status
