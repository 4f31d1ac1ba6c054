"""Downloads of pupil data: made when clicked, for this browser session only.

Every download of pupil data (class map HTML and Excel, the care-team PDF, research tables)
goes through :func:`private_download`. The file is built by ``make`` only when the button
is clicked (Streamlit's deferred download), so nothing is built on every rerun and nothing
sits in the server's media store while the page is merely open; the generated file is
dropped again after the next runs. ``ui.streamlit_guards`` makes sure that only the browser
session that drew the button can have the file made; a log-out or a closed tab ends it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analysis.filenames import download_file_name


def private_download(
    label: str,
    make: Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    key: str,
    where=st,
    **button: object,
) -> None:
    """A download button for the file ``make()`` returns (see the module docstring).

    ``where`` is a container or column to draw in; ``button`` passes Streamlit options
    (``icon``, ``type``, ``width``) through. ``file_name`` is made safe
    (``analysis.filenames.download_file_name``: letters, digits, ``-_.`` only).
    """
    where.download_button(label, data=make, file_name=download_file_name(file_name),
                          mime=mime, key=key, on_click="ignore", **button)
