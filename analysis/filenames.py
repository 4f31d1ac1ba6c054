"""Safe names for downloaded files (and plotly's image file name), from user text.

Class, wave and pupil names are typed by users and can hold anything: ``</script>``,
slashes, control and bidirectional characters (``\\u202e`` turns ``fdp.exe`` around on
screen). :func:`download_name` keeps letters, digits, dash, underscore and dot; everything
else (a space too) becomes ``_``. Every download file name and the plotly
``toImageButtonOptions.filename`` (which plotly writes raw into a ``<script>`` block of the
HTML export) go through it.

>>> download_name("klaskaart", "G</script><svg/onload=alert(1)>", "Meting \\u202eevil")
'klaskaart_G_script_svg_onload_alert_1_Meting_evil'
>>> download_file_name("profiel Zoë../../x.pdf")
'profiel_Zoë._._x.pdf'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME_LENGTH", "download_file_name", "download_name"]

#: longest stem returned (browsers and file systems cope with far more; names stay readable)
MAX_NAME_LENGTH = 80
FALLBACK = "klaskaart"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}  # Windows device names
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def _allowed(ch: str) -> bool:
    return ch in "-_." or unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo", "Nd")


def download_name(*parts: object, max_length: int = MAX_NAME_LENGTH,
                  fallback: str = FALLBACK) -> str:
    """A file-name stem from ``parts`` (joined by ``_``) of letters, digits, dash, underscore
    and dot only: anything else (spaces too) becomes ``_``; runs of ``_`` or of dots
    collapse to one; no leading or trailing dot, dash or underscore (no hidden file, no
    command-line option); no Windows device name; at most ``max_length`` characters;
    ``fallback`` when nothing is left.
    """
    text = unicodedata.normalize("NFKC", "_".join(str(p) for p in parts if p is not None))
    text = "".join(ch if _allowed(ch) else "_" for ch in text)
    text = re.sub(r"\.{2,}", ".", re.sub(r"_{2,}", "_", text))
    text = text.strip("._-")[:max_length].rstrip("._-")
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text[:max_length - 1]
    return text or fallback


def download_file_name(file_name: str, max_length: int = MAX_NAME_LENGTH) -> str:
    """``file_name`` made safe by :func:`download_name`, keeping a short extension."""
    match = _SUFFIX.search(file_name)
    suffix = match.group().lower() if match else ""
    stem = file_name[:match.start()] if match else file_name
    return download_name(stem, max_length=max_length) + suffix
