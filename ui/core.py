"""Session plumbing every page uses: the cached engine, the logged-in user, guards, ``tr``.

The logged-in user is kept as an id in ``st.session_state`` (server side, never in the URL)
and re-read from the database on every run, so a deactivated account or a changed role
takes effect at once. A session cookie (a random id of a server-side session,
survey.sessions) logs the same adult in again after a page reload, which starts a new
Streamlit session; log-out ends that session, so a copied cookie is refused afterwards. Every page calls ``require_role`` first (defence in depth behind the
per-role navigation of streamlit_app.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from survey import settings
from survey.access import Actor
from survey.accounts import active_user, can_see_class, set_language, visible_class_names
from survey.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, KeyedError, t
from survey.sessions import COOKIE, SESSION_HOURS, end_session, start_session, user_for_session
from survey.store import Store, configured_url
from survey.text import md
from survey.throttle import address_key

USER_KEY = "user_id"
LANG_KEY = "language"  # the interface language (a plain session value)
LANG_WIDGET_KEY = "language_selector"  # its selectbox (language_selector)
COOKIE_ACTION_KEY = "session_cookie_action"  # token to store, or "" to clear the cookie
NO_COOKIE_KEY = "session_cookie_ignored"  # set after a log-out in this browser session
PENDING_LANG_KEY = "pending_language"
SESSION_KEY = "login_session_id"  # this browser's session id (survey.sessions)


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The process-wide store (engine) for DATABASE_URL (or the embedded SQLite file)."""
    return _store(configured_url())


@contextmanager
def db() -> Iterator:
    """A short unit of work (commit on success) on the shared store: the session to hand
    to ``survey`` functions (survey.store.Store.session)."""
    with store().session() as session:
        yield session


def language() -> str:
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def tr(key: str, **values: object) -> str:
    """Translate a message key into the session's language."""
    return t(key, language(), **values)


def translated_choice(widget, label: str, options, *, key: str,
                      format_func: Callable[[Any], str], **kwargs: Any) -> Any:
    """``widget`` (``st.selectbox``, ``st.radio`` or a column's) over stable ``options``
    whose labels ``format_func`` translates, keeping the chosen value when the language
    changes.

    Streamlit (1.67) holds a selectbox's value as its formatted label, so when the labels
    change language the choice is lost (or shown in the old language). The widget is keyed
    per language (``<key>.<language>``) and the chosen option itself is kept under ``key``,
    a plain session value (which a page switch keeps too)."""
    options = list(options)
    value = st.session_state.get(key)
    index = options.index(value) if value in options else kwargs.pop("index", 0)
    kwargs.pop("index", None)
    widget_key = f"{key}.{language()}"

    def keep() -> None:
        st.session_state[key] = st.session_state[widget_key]

    chosen = widget(label, options, index=index, format_func=format_func, key=widget_key,
                    on_change=keep, **kwargs)
    st.session_state[key] = chosen
    return chosen


def error_text(exc: Exception) -> str:
    """The words of an error raised by survey/ or analysis/ in the session's language, for
    ``st.error`` and the other Markdown places — the one way a page shows an error.

    A keyed error (``survey.i18n.KeyedError``: SurveyError, AccountError, WaveError,
    PackError, ImportProblem, …) gets its message from the translation table with every
    value escaped (a name in a message stays text, survey.text.md); any other exception
    (a bug, not input) is escaped as a whole."""
    if isinstance(exc, KeyedError):
        return exc.text(language(), escape=md)
    return md(str(exc), keep_lines=True)


def _user_from_cookie() -> int | None:
    """Log in again from the session cookie after a reload (survey.sessions): the cookie's
    session must be live and its user active."""
    if st.session_state.get(NO_COOKIE_KEY):
        return None
    session_id = st.context.cookies.get(COOKIE)
    if not session_id:
        return None
    with db() as session:
        user = user_for_session(session, session_id)
        if user is None:
            return None
        st.session_state[USER_KEY] = user.id
        st.session_state[SESSION_KEY] = session_id
        if LANG_KEY not in st.session_state:  # the router calls this before the widget
            st.session_state[LANG_KEY] = user.language or DEFAULT_LANGUAGE
        return user.id


def current_user() -> Actor | None:
    """The logged-in adult, re-read every run. A Streamlit session that logged in holds its
    session id (``SESSION_KEY``) and is checked against the session record each run too, so
    a log-out elsewhere, a password change in another session or a deactivation ends it at
    once, not only after a reload."""
    user_id = st.session_state.get(USER_KEY)
    if user_id is None:
        user_id = _user_from_cookie()
    if user_id is None:
        return None
    with db() as session:
        session_id = st.session_state.get(SESSION_KEY)
        if session_id is not None:
            user = user_for_session(session, session_id)
            if user is not None and user.id != user_id:
                user = None
        else:  # (only tests set USER_KEY without a session)
            user = active_user(session, user_id)
        if user is None or not user.active:
            st.session_state.pop(USER_KEY, None)
            st.session_state.pop(SESSION_KEY, None)
            return None
        return user


def client_address() -> str:
    """The client's address for log-in throttling (survey.throttle.address_key): the
    connection's peer, or — only with ``KLASKAART_TRUST_PROXY`` set, behind nginx — the
    address the proxy put in ``X-Forwarded-For``."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # no request context (bare script run)
        peer, forwarded = None, None
    return address_key(peer, forwarded, settings.current().trust_proxy)


def current_session_id() -> str | None:
    """The session id of this browser's log-in (for ``set_password(keep_session=...)``)."""
    return st.session_state.get(SESSION_KEY)


def log_in(user: Actor) -> None:
    """Start a server-side session and remember the user; the cookie is written by
    ``apply_cookie_action``. Their language is applied by ``apply_pending_language`` on the
    next run, before the language widget exists (Streamlit forbids changing it after)."""
    with db() as session:
        session_id = start_session(session, user)
    st.session_state[USER_KEY] = user.id
    st.session_state[SESSION_KEY] = session_id
    st.session_state[PENDING_LANG_KEY] = user.language or DEFAULT_LANGUAGE
    st.session_state[COOKIE_ACTION_KEY] = session_id
    st.session_state.pop(NO_COOKIE_KEY, None)


def remember_language(user_id: int) -> None:
    """Keep the chosen language for the next log-in and reload (``language_selector``)."""
    with db() as session:
        set_language(session, user_id, language())


def language_selector(user_id: int | None = None) -> None:
    """The interface-language selectbox (log-in page, first run, the sidebar).

    The language is a plain session value (``LANG_KEY``), not the widget's own state: a
    page switch (``st.switch_page``) could drop the widget's state in Streamlit 1.67, so
    the next page opened in Dutch while the selector still showed English. The widget
    (``LANG_WIDGET_KEY``) only writes its choice into ``LANG_KEY`` and, for a logged-in
    ``user_id``, stores it with the account."""
    current = language()
    st.session_state[LANG_KEY] = current

    def chosen() -> None:
        st.session_state[LANG_KEY] = st.session_state[LANG_WIDGET_KEY]
        if user_id is not None:
            remember_language(user_id)

    if st.session_state.get(LANG_WIDGET_KEY, current) != current:
        del st.session_state[LANG_WIDGET_KEY]  # a stale widget state yields to the choice
    st.selectbox(t("app.language", current), LANGUAGES, index=LANGUAGES.index(current),
                 format_func=LANGUAGE_NAMES.get, key=LANG_WIDGET_KEY, on_change=chosen)


def apply_pending_language() -> None:
    if PENDING_LANG_KEY in st.session_state:
        st.session_state[LANG_KEY] = st.session_state.pop(PENDING_LANG_KEY)


def _end_sessions() -> None:
    """End (server side) this Streamlit session's log-in and the one in the cookie."""
    ids = [i for i in (st.session_state.get(SESSION_KEY), st.context.cookies.get(COOKIE))
           if isinstance(i, str) and i]
    if ids:
        with db() as session:
            for session_id in ids:
                end_session(session, session_id)


def log_out_adult() -> None:
    """Forget a logged-in adult in this browser session, end their session and clear its
    cookie (a child takes over the tablet: a reload or an edited URL must not lead back to
    adult pages). Does its work once: a child's taps run this on every run."""
    if st.session_state.get(NO_COOKIE_KEY):
        return
    if st.session_state.get(USER_KEY) is not None or st.context.cookies.get(COOKIE):
        _end_sessions()
        st.session_state[COOKIE_ACTION_KEY] = ""
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[NO_COOKIE_KEY] = True


def log_out() -> None:
    """The log-out button: end the session (a copied cookie is refused from now on), forget
    everything of this Streamlit session and clear the cookie."""
    _end_sessions()
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[NO_COOKIE_KEY] = True
    st.session_state[COOKIE_ACTION_KEY] = ""


def apply_cookie_action() -> None:
    """Write or clear the session cookie in the browser, once, after a log-in or log-out.

    The value is ours (a URL-safe base64 session id), never user text, so it is safe inside
    the script.
    """
    action = st.session_state.pop(COOKIE_ACTION_KEY, None)
    if action is None:
        return
    attributes = "path=/; SameSite=Strict" + (
        f"; max-age={SESSION_HOURS * 3600}" if action else "; max-age=0"
    )
    st.html(
        f"<script>document.cookie = '{COOKIE}={action}; {attributes}' + "
        "(location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def require_role(*roles: str) -> Actor:
    """Stop the page unless someone with one of ``roles`` is logged in."""
    user = current_user()
    if user is None:
        st.error(tr("guard.login_first"))
        st.stop()
    if user.role not in roles:
        st.error(tr("guard.not_allowed"))
        st.stop()
    return user


def visible_classes_or_stop(user: Actor) -> dict[int, str]:
    """{class id: name} of the classes ``user`` may see; stops the page with a message when
    there are none (shared by every page that starts with a class picker)."""
    with db() as session:
        names = visible_class_names(session, user)
    if not names:
        st.info(tr("home.no_classes"))
        st.stop()
    return names


def require_class(user: Actor, class_id: int) -> None:
    """Stop the page unless ``user`` may see class ``class_id`` (their scope)."""
    with db() as session:
        allowed = can_see_class(session, user, class_id)
    if not allowed:
        st.error(tr("guard.class_not_allowed"))
        st.stop()
