"""The one rule for the name a pupil is shown by (kiosk grid, hand-over buttons, teacher
ratings, class map, profile, PDF and Excel exports).

Pure: plain strings in, plain strings out, no database and no pandas, so both ``survey``
and ``analysis`` import it.

The rule, per class:

1. the first name ("Sem") where no classmate has the same first name;
2. else the first name plus the initial of the last name *proper*, not of the
   tussenvoegsel: Sem de Boer → "Sem B.";
3. where that still collides (Sem Visser and Sem van Vliet are both "Sem V."), the full
   name: "Sem Visser", "Sem van Vliet";
4. two pupils with the very same full name get a number in pupil-id order:
   "Sem Visser (1)", "Sem Visser (2)".

Names count as equal regardless of case, accents and extra spaces ("Zoë"/"zoe"), so
lookalike labels are told apart too. Each pupil gets the shortest form that no other
label of the class shares; the result depends only on the set of pupils (not their
order), and labels are unique whenever the full names are.

>>> display_names([(1, "Sem", "de", "Boer"), (2, "Sem", "", "Visser"),
...                (3, "Sem", "van", "Vliet"), (4, "Eva", "", "Bos")])
{1: 'Sem B.', 2: 'Sem Visser', 3: 'Sem van Vliet', 4: 'Eva'}
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable

__all__ = ["display_names", "full_name", "pupil_names", "surname_initial"]

#: Name particles that are never the last name proper, also when a roster put them in the
#: last-name field ("de Boer", "Van der Berg" typed without a tussenvoegsel column).
PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "'t", "’t", "t", "te", "ten", "ter", "in", "op", "aan",
    "bij", "onder", "uit", "voor", "la", "le", "les", "du", "des", "d'", "d’", "l'", "l’",
    "da", "di", "del", "della", "dos", "das", "do", "von", "vom", "zu", "zum", "zur", "el",
    "al",
})

Pupil = tuple[Hashable, str, str, str]  # (pupil id, first name, tussenvoegsel, last name)


def _clean(text: object) -> str:
    """Trimmed, single-spaced text; None/NaN become ""."""
    try:
        if text is None or text != text:  # NaN from a pandas frame
            return ""
    except TypeError:  # pandas.NA has no truth value
        return ""
    return " ".join(str(text).split())


def full_name(first: object, tussenvoegsel: object, last: object) -> str:
    """ "Sem van Vliet": the parts that are filled in, single spaces.

    >>> full_name(" Sem ", "van", "Vliet"), full_name("Eva", "", "Bos")
    ('Sem van Vliet', 'Eva Bos')
    """
    return " ".join(p for p in (_clean(first), _clean(tussenvoegsel), _clean(last)) if p)


def surname_initial(tussenvoegsel: object, last: object) -> str:
    """The capital initial of the last name proper: leading particles (lower-case words
    and known tussenvoegsels) are skipped, also when they are in the last-name field.
    "" when there is no last name.

    >>> surname_initial("de", "Boer"), surname_initial("", "van 't Hek"), surname_initial("", "Öztürk")
    ('B', 'H', 'Ö')
    """
    words = _clean(last).split() or _clean(tussenvoegsel).split()
    while len(words) > 1 and (words[0].casefold() in PARTICLES or _first_letter(words[0]).islower()):
        words = words[1:]
    return _first_letter(words[0]).upper()[:1] if words else ""


def _first_letter(word: str) -> str:
    return next((ch for ch in word if ch.isalpha()), "")


def _key(label: str) -> str:
    """What makes two labels the same to a reader: case, accents and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", label.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def display_names(pupils: Iterable[Pupil]) -> dict[Hashable, str]:
    """pupil id → shown name for the pupils of ONE class, by the rule of this module.

    ``pupils``: (pupil id, first name, tussenvoegsel, last name) tuples with distinct ids.

    >>> display_names([(1, "Noëlle", "", "Smits"), (2, "Noëlle", "de", "Haan"), (3, "Ali", "", "Bos")])
    {1: 'Noëlle S.', 2: 'Noëlle H.', 3: 'Ali'}
    """
    forms: dict[Hashable, list[str]] = {}
    for pid, first, tv, last in pupils:
        whole = full_name(first, tv, last) or "?"
        first = _clean(first)
        initial = surname_initial(tv, last)
        forms[pid] = [first or whole, f"{first} {initial}." if first and initial else whole,
                      whole]
    # identical full names: numbered in id order (ids of one class have one type)
    same = {}
    for pid in sorted(forms, key=lambda p: (type(p).__name__, p)):
        same.setdefault(_key(forms[pid][2]), []).append(pid)
    for group in same.values():
        for n, pid in enumerate(group, start=1):
            whole = forms[pid][2]
            forms[pid].append(f"{whole} ({n})" if len(group) > 1 else whole)
    # every pupil starts at the first form; whoever shares a label moves to a longer form
    level = dict.fromkeys(forms, 0)
    while True:
        counts = Counter(_key(forms[pid][level[pid]]) for pid in forms)
        moved = False
        for pid in forms:
            if counts[_key(forms[pid][level[pid]])] > 1 and level[pid] < len(forms[pid]) - 1:
                level[pid] += 1
                moved = True
        if not moved:
            return {pid: forms[pid][level[pid]] for pid in forms}


def pupil_names(pupils: Iterable[object]) -> dict[Hashable, str]:
    """``display_names`` of objects with ``id``, ``first_name``, ``tussenvoegsel`` and
    ``last_name`` (``survey.models.Pupil``), the pupils of one class."""
    return display_names((p.id, p.first_name, getattr(p, "tussenvoegsel", ""), p.last_name)
                         for p in pupils)
