"""The one translation mechanism: one message table, Dutch (default) and English.

Every text the product shows or writes — pages, kiosk, class map, PDF, Excel, figures and
error messages — is a key of one table. The table lives in ``survey/messages/``, one module
per part of the product, each a ``MESSAGES`` dict of ``key → {"nl": …, "en": …}``; they are
merged here into one and a key defined twice is an error at import. This module and its
tables import nothing of the project but each other (an import-linter contract), so
``analysis`` uses them as a neutral layer without depending on storage.

``t("login.title", "en")`` looks a key up; ``{name}`` placeholders are filled from keyword
arguments. The one fallback rule: a language the table does not know gives Dutch, and an
unknown key shows the key itself (``tests/unit/test_i18n.py`` checks that every key has
every language, none empty, with the same placeholders).

Errors raised by ``survey`` and ``analysis`` are :class:`KeyedError`: they carry a key and
values, never display text; ``text(language)`` gives the words and ``str()`` the English
(the command line and logs print it).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

from survey.messages import (
    analysis,
    child,
    classmap,
    core,
    errors,
    exports,
    imports,
    ratings,
    research,
    teacher,
)

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def _merge(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


MESSAGES: dict[str, dict[str, str]] = _merge(
    core.MESSAGES, teacher.MESSAGES, ratings.MESSAGES, child.MESSAGES, classmap.MESSAGES,
    research.MESSAGES, analysis.MESSAGES, exports.MESSAGES, imports.MESSAGES, errors.MESSAGES,
)


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Translate ``key`` into ``language`` and fill in ``values``.

    Without values the template is returned as it is (``{name}`` unfilled), so a caller
    may fill it itself.

    >>> t("login.wait", "en", seconds=4)
    'Too many failed attempts. Try again in 4 seconds.'
    >>> t("login.wait", "fr", seconds=4)  # an unknown language gives Dutch
    'Te veel mislukte pogingen. Probeer het over 4 seconden opnieuw.'
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def placeholders(text: str) -> set[str]:
    """The names of the ``{name}`` placeholders of ``text``.

    >>> sorted(placeholders("{n} of {of!r} ({pct:.0f}%)"))
    ['n', 'of', 'pct']
    """
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Term(str):
    """A value that is itself a message key: a :class:`KeyedError` shows it translated.

    >>> KeyedError("error.care_too_long", field=Term("care.notes"), length=5, limit=4).text("en")
    "'Notes' is too long (5 characters; at most 4)."
    """


class KeyedError(ValueError):
    """An error that carries a message ``key`` and its ``values``, never display text.

    ``text(language)`` gives the words in ``language`` (``escape``, e.g. ``survey.text.md``,
    is applied to every value first, so a name in a message stays text); ``str()`` is the
    English text. A subclass prepares values for a language in :meth:`shown_values` (a
    number written the reader's way, a file kind translated).

    >>> err = KeyedError("login.wait", seconds=4)
    >>> err.key, err.text("nl"), str(err)
    ('login.wait', 'Te veel mislukte pogingen. Probeer het over 4 seconden opnieuw.', \
'Too many failed attempts. Try again in 4 seconds.')
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def shown_values(self, language: str) -> dict[str, object]:
        """The values as they are filled in for ``language``: a :class:`Term` translated,
        every other value unchanged."""
        return {k: t(v, language) if isinstance(v, Term) else v for k, v in self.values.items()}

    def text(self, language: str = DEFAULT_LANGUAGE,
             escape: Callable[[object], object] | None = None) -> str:
        # the template first: a value may be called "language" too
        return fill(t(self.key, language), self.shown_values(language), escape)


class _Escaping(string.Formatter):
    def __init__(self, escape: Callable[[object], object]) -> None:
        self.escape = escape

    def format_field(self, value: object, format_spec: str) -> str:
        # after the conversion (!r) and the format spec, so "{name!r}" escapes what shows
        return str(self.escape(super().format_field(value, format_spec)))


def fill(template: str, values: Mapping[str, object],
         escape: Callable[[object], object] | None = None) -> str:
    """``template`` filled with ``values``; ``escape`` (e.g. ``survey.text.md``) is applied
    to each value as it is shown (after ``!r`` and the format spec), never to the template.

    >>> fill("{name!r} ({n:.1f})", {"name": "a*b", "n": 2}, escape=lambda v: v.upper())
    "'A*B' (2.0)"
    """
    if escape is None:
        return template.format(**values)
    return _Escaping(escape).vformat(template, (), values)
