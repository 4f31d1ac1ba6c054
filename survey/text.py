"""Showing user-provided text as text: the one escaping rule for every page and export.

Names of pupils, classes, waves, schools and users, licensed wording and file contents are
typed by people. Wherever they are shown they must stay text: never a link, an image, a
heading, KaTeX or a colour, never a right-to-left override that shows "evil" as "live".

- :func:`plain` neutralises the characters that change how the text around them is shown:
  C0/C1 control characters (except tabs, which become spaces, and line breaks, which do
  too unless ``keep_lines``), bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C) and invisible characters (U+200B–U+200D, U+2060, U+FEFF). Use it for plain-text
  places: table cells, plotly labels (after HTML escaping), PDF text, file names.
- :func:`md` is :func:`plain` plus a backslash before every Markdown character, for every
  Streamlit place that renders Markdown: ``st.title``/``header``/``markdown``/``caption``/
  ``write``/``info``…, button, checkbox, radio, expander and tab labels, and the values put
  into a translated message shown there (``tr("...", name=md(name))``).

:data:`INVISIBLE` is the character class both use; the rule that cleans names when they are
stored (``survey.roster.clean_text``) removes the same characters.

>>> md("![w](a.png)")
'\\\\!\\\\[w\\\\]\\\\(a\\\\.png\\\\)'
>>> md("www.x.nl") == "www\\u2060\\\\.x\\\\.nl"  # no bare-address link either
True
>>> md("$x^2$ :red[Rood] **Vet**")
'\\\\$x^2\\\\$ \\\\:red\\\\[Rood\\\\] \\\\*\\\\*Vet\\\\*\\\\*'
>>> plain("Meting \\u202eevil")
'Meting evil'
>>> md(7)
'7'
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE", "md", "plain"]

# Bidirectional controls, zero-width and other invisible format characters.
_BIDI_AND_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
# Control characters other than tab, line feed and carriage return.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
INVISIBLE = re.compile(f"[{_CONTROLS}{_BIDI_AND_INVISIBLE}]")
# Control characters that separate words (tab, vertical tab, form feed, separators, NEL).
_SPACING_CONTROLS = re.compile("[\t\x0b\x0c\x1c-\x1f\x85]")
_LINE_BREAKS = re.compile(r"[\r\n]+")
# Every ASCII punctuation character Markdown, Streamlit's directives (:red[…], :emoji:)
# or KaTeX ($…$) give a meaning; CommonMark lets each be escaped with a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")
# GitHub-flavoured Markdown turns bare addresses (http://…, www.…, name@host) into links
# after escapes are resolved, so escaping cannot stop it: a WORD JOINER (U+2060, invisible)
# after the scheme or "www" and before an "@" breaks the pattern without changing the text
# shown.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=\\?[:.])")
_JOINER = "\u2060"


def plain(text: object, *, keep_lines: bool = False) -> str:
    """``text`` as a string without control, bidirectional or invisible characters.

    A tab (and any other control character that separates words) becomes a space; line
    breaks too, unless ``keep_lines`` (notes keep their lines, as ``\\n``).

    >>> plain("Anna\\u200b Bos\\x07"), plain("a\\n b"), plain("a\\nb", keep_lines=True)
    ('Anna Bos', 'a  b', 'a\\nb')
    """
    text = INVISIBLE.sub("", _SPACING_CONTROLS.sub(" ", str(text)))
    return re.sub(r"\r\n?", "\n", text) if keep_lines else _LINE_BREAKS.sub(" ", text)


def md(text: object, *, keep_lines: bool = False) -> str:
    """``text`` for a place that renders Markdown, shown exactly as typed.

    Line breaks become spaces unless ``keep_lines``, in which case each becomes a Markdown
    hard break (two spaces and a newline) so a multi-line note keeps its lines. Spaces at
    the start of a line are dropped (four would make a code block).

    >>> md("[Tik hier](javascript:alert(1))")
    '\\\\[Tik hier\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    >>> md("# Kop\\n- punt", keep_lines=True)
    '\\\\# Kop  \\n\\\\- punt'
    """
    # leading spaces would make an indented code block
    text = "\n".join(line.lstrip(" ") for line in plain(text, keep_lines=keep_lines).split("\n"))
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    escaped = _AUTOLINK.sub(rf"\1{_JOINER}", escaped).replace("@", f"{_JOINER}@")
    if keep_lines:
        escaped = escaped.replace("\n", "  \n")
    return escaped
