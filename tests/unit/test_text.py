"""survey.text: user text stays text in Markdown places (issue [Holes] item 5).

Checked against markdown-it-py (CommonMark, as Streamlit's renderer) plus a check of the
bare-address patterns of GitHub-flavoured Markdown, which Streamlit also applies."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from survey.text import INVISIBLE, md, plain

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
JOINER = "\u2060"
# mdast-util-gfm-autolink-literal's patterns (Streamlit links bare addresses with them)
GFM_AUTOLINK = re.compile(r"(https?://|www(?=\.))|[-.+\w]+@[-\w]+(\.[-\w]+)+", re.I)
HOSTILE = [
    "![w](http://127.0.0.1:9/first.png)",
    "[Tik hier](http://127.0.0.1:9/last)",
    '<a href="http://127.0.0.1:9/html">Anna</a>',
    "$x^2$ :red[Rood] **Vet**",
    "G</script><svg/onload=alert(1)>$y$",
    "Meting \u202eevil [x](javascript:alert(2))",
    "<img src=http://127.0.0.1:9/user.png onerror=alert(3)>Juf",
    "# Kop", "1. lijst", "- punt", "> citaat", "`code`", "~~weg~~", "a | b", "&amp;",
    "juf@school.nl", "www.evil.nl", "<http://x.nl>", "Anna\u200bBos\x07", "\\[x]",
]


def rendered_text(markdown: str) -> tuple[str, set[str]]:
    """The text a reader sees and the kinds of element Markdown made of ``markdown``."""
    kinds, words = set(), []

    def walk(tokens):
        for tok in tokens:
            kinds.add(tok.type)
            if tok.type == "text":
                words.append(tok.content)
            elif tok.type in ("softbreak", "hardbreak"):
                words.append("\n")
            if tok.children:
                walk(tok.children)

    walk(PARSER.parse(markdown))
    return "".join(words), kinds


PLAIN_KINDS = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak"}


def assert_text_only(original: str, *, keep_lines: bool = False) -> None:
    shown, kinds = rendered_text(md(original, keep_lines=keep_lines))
    assert kinds <= PLAIN_KINDS, (original, kinds - PLAIN_KINDS)
    expected = "\n".join(line.strip(" ") for line in
                         plain(original, keep_lines=keep_lines).split("\n"))
    assert " ".join(shown.replace(JOINER, "").split()) == " ".join(expected.split())
    assert not GFM_AUTOLINK.search(shown), (original, shown)


def test_hostile_names_stay_text():
    for name in HOSTILE:
        assert_text_only(name)


def test_the_old_escaper_let_katex_and_bare_addresses_through():
    """What the page helpers did before (no $, no autolink break): kept as a witness."""
    old = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~])", r"\\\1", "$x^2$ http://x.nl")
    assert "$x^2$" in rendered_text(old)[0] and GFM_AUTOLINK.search(rendered_text(old)[0])
    shown = rendered_text(md("$x^2$ http://x.nl"))[0]
    assert "\\$" not in shown and not GFM_AUTOLINK.search(shown)


def test_bidi_and_control_characters_are_neutralised():
    assert plain("Meting \u202eevil\u202c") == "Meting evil"
    assert plain("A\u2066n\u2069na\u200f\u061c\ufeff\x1b[31m") == "Anna[31m"
    assert plain("a\tb\r\nc") == "a b c"
    assert plain("a\nb", keep_lines=True) == "a\nb"


def test_notes_keep_their_lines():
    shown, kinds = rendered_text(md("regel 1\n# regel 2\n- regel 3", keep_lines=True))
    assert kinds <= PLAIN_KINDS
    assert shown.split("\n") == ["regel 1", "# regel 2", "- regel 3"]


PIECES = st.sampled_from(list("#*_[]()!<>$:`~|\\-.+=&@ \n\t1aw/")
                         + ["http://", "www.", "    ", "\u202e", "\u200b", "![", "](", "$$"])
MARKDOWNISH = st.lists(st.one_of(PIECES, st.characters()), max_size=25).map("".join)


@given(MARKDOWNISH)
def test_any_text_renders_as_itself(text):
    assert_text_only(text)


@given(MARKDOWNISH)
def test_any_note_renders_as_itself_with_its_lines(text):
    assert_text_only(text, keep_lines=True)


@given(st.text(max_size=60))
def test_plain_removes_every_invisible_character_and_is_idempotent(text):
    once = plain(text)
    assert plain(once) == once
    assert not INVISIBLE.search(once)
    assert not any(unicodedata.category(c) == "Cc" for c in once)
    assert not any(c in once for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_pdf_text_and_login_cards_drop_bidi_and_control_characters():
    from analysis.exports import _Sheet
    from survey.cards import _printable

    sheet = _Sheet("nl")
    assert sheet.txt("Meting \u202eevil\x1b\nregel 2") == "Meting evil\nregel 2"
    assert _printable("Anna\u202e\u200b Bos", unicode_font=True) == "Anna Bos"
