"""Two holes in Streamlit 1.67's server that any browser tab can reach, closed for this app.

1. **Deferred downloads are not tied to their session.** ``st.download_button(data=callable)``
   registers the callable under a random id; any websocket session that sends a
   ``deferred_file`` request with that id gets the generated file (Streamlit's
   ``DeferredFileHandler`` ignores the requesting session). A care-team PDF made for a
   teacher must only go to that teacher's browser session: the guard answers a request from
   another session as if the id did not exist.
2. **Any session can clear the app's caches for everyone.** A ``clear_cache`` message (the
   developer menu's "Clear cache", sent by hand from an unauthenticated websocket) empties
   ``st.cache_data`` and ``st.cache_resource`` for all users (class map 122 ms → 500–800 ms
   for everyone, repeatable). Klaskaart never needs that from a browser: the guard ignores
   the message (the cached work is still safe to lose: it is recomputed from the database,
   and the cache key carries the data version). A server restart still starts empty.

``install()`` is called once by the router (``streamlit_app.py``) before any page runs; it
is idempotent. Both patches check that the Streamlit internals they wrap exist, so an
upgrade that renames them fails loudly (at start and in the tests) instead of silently
reopening the holes. The requirements pin Streamlit below 1.68 for this reason.
"""

from __future__ import annotations

from streamlit.logger import get_logger
from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.backend_operation_handler import DeferredFileHandler

_LOG = get_logger(__name__)
_MARK = "_klaskaart_guarded"
NOT_FOUND = "Failed to generate file for download"  # Streamlit's own answer for a bad id


def _owner(handler: DeferredFileHandler, file_id: str) -> str | None:
    """The session that registered deferred download ``file_id`` (None if unknown)."""
    manager = handler._get_media_file_mgr()
    with manager._lock:
        entry = manager._deferred_callables.get(file_id)
    return entry["session_id"] if entry else None


def _guard_deferred_downloads() -> None:
    original = DeferredFileHandler.handle
    if getattr(original, _MARK, False):
        return

    async def handle(self, request, session_id):  # same signature as Streamlit's
        file_id = request.deferred_file.file_id
        if _owner(self, file_id) != session_id:
            _LOG.warning("refused a deferred download requested by another session")
            return BackendOperationResponse(request_id=request.request_id, error_msg=NOT_FOUND)
        return await original(self, request, session_id)

    setattr(handle, _MARK, True)
    DeferredFileHandler.handle = handle


def _ignore_clear_cache() -> None:
    original = AppSession._handle_clear_cache_request
    if getattr(original, _MARK, False):
        return

    def ignore(self) -> None:
        _LOG.warning("ignored a clear_cache request from a browser session")

    setattr(ignore, _MARK, True)
    AppSession._handle_clear_cache_request = ignore


def install() -> None:
    """Apply both guards (safe to call on every run)."""
    _guard_deferred_downloads()
    _ignore_clear_cache()
