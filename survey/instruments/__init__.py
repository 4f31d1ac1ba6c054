"""Instrument packs as data: relationship questionnaires and peer-nomination questions.

Three YAML packs ship with the project, all in the project's OWN wording (the STRS,
LLRV and CARTS texts are copyrighted; only their structure is used):

- ``teacher`` (``teacher_strs.yaml``): the teacher rates one pupil on 28 items with the
  STRS structure — closeness 11, conflict 12, dependency 5; ``strs_cl05`` is reverse-keyed.
- ``child`` (``child_carts.yaml``): the child answers 17 items with the CARTS dimensions
  (closeness 6, conflict 6, dependency 5) after one practice item, on a pictorial
  4-point scale (ages 8–12) or yes/no faces (ages 6–7).
- ``peers`` (``peer_nominations.yaml``): six nomination questions (liking, disliking,
  teacher likes, teacher angry, optional prosocial and aggressive).

A licensed institution can swap in the licensed wording with ``apply_licensed_wording``;
``Pack.wording_source`` then records which wording was used.

>>> pack = teacher_pack()
>>> len(pack.items), pack.wording_source
(28, 'own:teacher@1.0')
>>> scoring_key(pack).query("reverse")["item_id"].tolist()
['strs_cl05']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .installed import active_pack, install_wording, remove_wording
from .licensed import apply_licensed_wording
from .loader import PACK_FILES, load_nomination_pack, load_pack
from .model import (
    PACK_KINDS,
    POLARITIES,
    PRACTICE_DIMENSION,
    QUESTION_KINDS,
    Item,
    NominationPack,
    Pack,
    PackError,
    Question,
    ResponseFormat,
)

__all__ = [
    "PACK_FILES",
    "PACK_KINDS",
    "POLARITIES",
    "PRACTICE_DIMENSION",
    "QUESTION_KINDS",
    "SCORING_KEY_COLUMNS",
    "QUESTIONS_COLUMNS",
    "Item",
    "NominationPack",
    "Pack",
    "PackError",
    "Question",
    "ResponseFormat",
    "active_pack",
    "apply_licensed_wording",
    "install_wording",
    "remove_wording",
    "child_pack",
    "format_for_age",
    "load_nomination_pack",
    "load_pack",
    "nomination_pack",
    "ordered_questions",
    "pictogram_path",
    "questions_frame",
    "response_format",
    "scoring_key",
    "teacher_pack",
    "texts_for",
]

#: Same names as ``analysis.frames.SCORING_KEY`` (survey must not import analysis).
SCORING_KEY_COLUMNS = ("item_id", "dimension", "reverse", "scale_min", "scale_max")
#: Same names as ``analysis.frames.QUESTIONS``.
QUESTIONS_COLUMNS = ("question_id", "kind", "polarity")


def teacher_pack() -> Pack:
    """The teacher pack as this server presents it: with installed licensed wording, if any
    (see ``survey.instruments.installed``), else the project's own (treat as read-only)."""
    return active_pack("teacher")


def child_pack() -> Pack:
    """The child pack as this server presents it (licensed wording if installed)."""
    return active_pack("child")


@functools.cache
def nomination_pack() -> NominationPack:
    """The shipped peer-nomination pack (loaded once per process; treat as read-only)."""
    return load_nomination_pack("peers")


def response_format(pack: Pack, format_id: str | None = None) -> ResponseFormat:
    """The response format ``format_id`` of ``pack`` (default: ``pack.default_format``)."""
    format_id = format_id or pack.default_format
    try:
        return pack.response_formats[format_id]
    except KeyError:
        known = ", ".join(pack.response_formats)
        raise PackError("pack.no_format", pack=pack.id, format=format_id, known=known) from None


def format_for_age(pack: Pack, age: int | None) -> ResponseFormat:
    """The format whose age band holds ``age``; the default format when none does.

    >>> format_for_age(child_pack(), 6).id, format_for_age(child_pack(), 10).id
    ('yes_no', 'four_point')
    """
    if age is not None:
        for fmt in pack.response_formats.values():
            if fmt.age_min <= age <= fmt.age_max:
                return fmt
    return response_format(pack)


def scoring_key(pack: Pack, format_id: str | None = None) -> pd.DataFrame:
    """The SCORING_KEY frame of ``pack``: one row per scored item, in pack order.

    Columns item_id, dimension, reverse, scale_min, scale_max (analysis.frames.SCORING_KEY).
    The scale comes from the response format: the child pack answered with ``yes_no``
    has scale 0..1, with ``four_point`` 1..4 (the default).

    >>> scoring_key(child_pack(), "yes_no")[["scale_min", "scale_max"]].iloc[0].tolist()
    [0, 1]
    """
    fmt = response_format(pack, format_id)
    return pd.DataFrame(
        {
            "item_id": [item.id for item in pack.items],
            "dimension": [item.dimension for item in pack.items],
            "reverse": pd.Series([item.reverse for item in pack.items], dtype=bool),
            "scale_min": pd.Series([fmt.scale_min] * len(pack.items), dtype="int64"),
            "scale_max": pd.Series([fmt.scale_max] * len(pack.items), dtype="int64"),
        },
        columns=list(SCORING_KEY_COLUMNS),
    )


def questions_frame(npack: NominationPack) -> pd.DataFrame:
    """The QUESTIONS frame (question_id, kind, polarity) of every question in the pack."""
    return pd.DataFrame(
        [(q.id, q.kind, q.polarity) for q in npack.questions],
        columns=list(QUESTIONS_COLUMNS),
    )


def ordered_questions(
    npack: NominationPack, ids: Iterable[str] | None = None
) -> tuple[Question, ...]:
    """The questions to ask, positive ones first, then negative ones, else in pack order.

    ``ids`` chooses the questions (e.g. the ones a wave switched on); ``None`` means every
    non-optional question. Asking positive questions first lets a child start with
    friendly choices before the harder ones. Unknown ids raise PackError.

    >>> [q.id for q in ordered_questions(nomination_pack(), ["teacher_angry", "liked_most"])]
    ['liked_most', 'teacher_angry']
    """
    by_id = {q.id: q for q in npack.questions}
    if ids is None:
        chosen = {q.id for q in npack.questions if not q.optional}
    else:
        chosen = set(ids)
        unknown = sorted(chosen - by_id.keys())
        if unknown:
            raise PackError("pack.no_questions", pack=npack.id, questions=", ".join(unknown))
    selected = [q for q in npack.questions if q.id in chosen]
    return tuple(
        sorted(selected, key=lambda q: POLARITIES.index(q.polarity))  # stable: keeps pack order
    )


def texts_for(pack: Pack, language: str) -> dict[str, str]:
    """Item id → text in ``language``: practice items first, then scored items.

    >>> texts_for(child_pack(), "en")["carts_practice"]
    'I like ice cream.'
    """
    if language not in pack.languages:
        raise PackError("pack.no_language", pack=pack.id, language=language,
                        known=", ".join(pack.languages))
    return {item.id: item.text[language] for item in (*pack.practice_items, *pack.items)}


def pictogram_path(pack: Pack, name: str) -> Path | None:
    """File path of an SVG pictogram of ``pack``; None when ``name`` is an emoji."""
    if not name.lower().endswith(".svg"):
        return None
    return Path(pack.base_dir) / "pictograms" / name
