"""The one translation mechanism: a message table, Dutch (default) and English.

Messages live in ``survey/messages/`` — one table per part of the product (core, teacher,
child, classmap), merged here into one; a key defined twice is an error at import.
``t("login.title", "en")`` looks a key up; ``{name}`` placeholders are filled from keyword
arguments. A key missing in a language falls back to Dutch, and a missing key shows the key
itself (and a test checks that every key has both languages).
"""

from __future__ import annotations

from survey.messages import child, classmap, core, ratings, research, teacher

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
    research.MESSAGES,
)


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """Translate ``key`` into ``language`` and fill in ``values``.

    >>> t("login.wait", "en", seconds=4)
    'Too many failed attempts. Try again in 4 seconds.'
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
