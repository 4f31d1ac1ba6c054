"""Navigation between pages with typed values: the one module that knows which session keys
and query parameters carry a choice from one page to another.

- **The class one works in** (``current_class`` / ``remember_class``; ``class_picker``
  draws the picker): chosen on the set-up, waves, ratings, classes, class map or profile
  page, the next of those pages opens on it. Only a class in the user's scope is ever used
  (the caller passes the classes the user may see).
- **The pupil profile** (``open_profile(pupil_id, wave_id)``): the pupil and wave go into
  the URL (``?pupil=<id>&wave=<id>``), so a reload or a bookmarked link opens the same
  profile; the last profile is also remembered in the session for the page's menu entry
  (``profile_target``). The profile page checks the pupil's class against the user's
  scope like any other id from outside (``survey.views.class_of_pupil``).
- **Back to the class map** (``open_classmap(class_id, wave_id)``) on the wave the profile
  showed (``take_map_wave``).

Nothing here is a permission: every page checks role and scope itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

PROFILE_PAGE = "app_pages/profile.py"
CLASSMAP_PAGE = "app_pages/classmap.py"

CLASS_KEY = "nav_class"  # int: the class the user works in
PROFILE_KEY = "nav_profile"  # ProfileTarget: the profile last opened in this session
MAP_WAVE_KEY = "nav_map_wave"  # (class id, wave id): the wave the class map opens on once


@dataclass(frozen=True)
class ProfileTarget:
    """Which pupil profile to show, and on which wave (None: the profile's default)."""

    pupil_id: int
    wave_id: int | None = None


def _int(value: object) -> int | None:
    """A positive whole number from a query parameter or session value, else None.

    >>> _int("12"), _int(7), _int("x"), _int(None), _int("-3"), _int(True)
    (12, 7, None, None, None, None)
    """
    if isinstance(value, bool):
        return None
    text = str(value) if value is not None else ""
    return int(text) if text.isdigit() and int(text) > 0 else None


# ------------------------------------------------------------------ the class one works in


def current_class(options: Iterable[int]) -> int | None:
    """The class the user works in, when it is one of ``options`` (their classes)."""
    remembered = st.session_state.get(CLASS_KEY)
    return remembered if remembered in set(options) else None


def remember_class(class_id: int) -> None:
    """Remember ``class_id`` as the class the user works in (the next class page opens on it)."""
    st.session_state[CLASS_KEY] = int(class_id)


def class_picker(
    label: str,
    names: dict[int, str],
    key: str,
    *,
    where=None,
    extra: dict[int, str] | None = None,
) -> int:
    """A class selectbox (widget ``key``) over ``names`` ({class id: shown name}, the user's
    classes) and the ``extra`` options (e.g. "new class"), opening on the class the user
    works in; a class chosen or shown here becomes that class. Returns the chosen option."""
    extra = extra or {}
    options = [*names, *extra]
    remembered = current_class(names)
    chosen = (where or st).selectbox(
        label,
        options,
        index=options.index(remembered) if remembered is not None else 0,
        format_func=lambda i: names[i] if i in names else extra[i],
        key=key,
    )
    if chosen in names:
        remember_class(chosen)
    return chosen


# ------------------------------------------------------------------ the pupil profile


def open_profile(pupil_id: int, wave_id: int) -> NoReturn:
    """Switch to the profile of pupil ``pupil_id`` on wave ``wave_id`` (ids in the URL)."""
    target = ProfileTarget(int(pupil_id), int(wave_id))
    st.session_state[PROFILE_KEY] = target
    st.session_state.pop(_wave_key(target.pupil_id), None)  # open on the wave asked for
    st.switch_page(PROFILE_PAGE, query_params=_params(target))


def profile_target() -> ProfileTarget | None:
    """The profile to show: from the URL (``?pupil=&wave=``), else the last one opened in
    this session, else None (the page offers a picker)."""
    pupil = _int(st.query_params.get("pupil"))
    if pupil is not None:
        return ProfileTarget(pupil, _int(st.query_params.get("wave")))
    target = st.session_state.get(PROFILE_KEY)
    return target if isinstance(target, ProfileTarget) else None


def show_profile(pupil_id: int, wave_id: int) -> None:
    """The profile page shows this pupil and wave: keep them in the URL and the session, so
    a reload and the menu entry come back to them."""
    target = ProfileTarget(int(pupil_id), int(wave_id))
    st.session_state[PROFILE_KEY] = target
    wanted = _params(target)
    if {k: st.query_params.get(k) for k in wanted} != wanted:
        st.query_params.update(wanted)


def forget_profile() -> None:
    """No (visible) pupil: drop the profile from the URL and the session."""
    st.session_state.pop(PROFILE_KEY, None)
    for name in ("pupil", "wave"):
        if name in st.query_params:
            del st.query_params[name]


def profile_wave_key(pupil_id: int) -> str:
    """Widget key of the profile's wave picker for ``pupil_id``."""
    return _wave_key(int(pupil_id))


def _wave_key(pupil_id: int) -> str:
    return f"pf_wave_{pupil_id}"


def _params(target: ProfileTarget) -> dict[str, str]:
    params = {"pupil": str(target.pupil_id)}
    if target.wave_id is not None:
        params["wave"] = str(target.wave_id)
    return params


# ------------------------------------------------------------------ back to the class map


def open_classmap(class_id: int, wave_id: int) -> NoReturn:
    """Switch to the class map of ``class_id`` on wave ``wave_id``."""
    remember_class(class_id)
    st.session_state[MAP_WAVE_KEY] = (int(class_id), int(wave_id))
    st.switch_page(CLASSMAP_PAGE)


def take_map_wave(class_id: int) -> int | None:
    """The wave the class map of ``class_id`` was asked to open on (once), else None."""
    asked = st.session_state.get(MAP_WAVE_KEY)
    if isinstance(asked, tuple) and asked[0] == class_id:
        del st.session_state[MAP_WAVE_KEY]
        return asked[1]
    return None
