"""Immutable value types of instrument packs (what a loaded YAML pack becomes).

All types are frozen dataclasses. The ``dict`` fields (texts per language, labels per
language) are plain dicts so packs pickle cleanly (``st.cache_data``); treat them as
read-only — packs are shared through caches.

>>> fmt = ResponseFormat("yes_no", 2, (0, 1), {"en": ("No", "Yes")}, ("😐", "🙂"), 6, 7)
>>> fmt.scale_min, fmt.scale_max
(0, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from survey.i18n import DEFAULT_LANGUAGE, KeyedError, fill, t

#: Respondent kinds of item packs: who answers the items.
PACK_KINDS = ("teacher", "child")
#: Kinds of peer-nomination questions (the ``QUESTIONS.kind`` column of analysis.frames).
QUESTION_KINDS = (
    "liking",
    "disliking",
    "teacher_likes",
    "teacher_angry",
    "prosocial",
    "aggressive",
)
POLARITIES = ("positive", "negative")
#: ``Item.dimension`` of practice items (never scored, never in a scoring key).
PRACTICE_DIMENSION = "practice"


class PackError(KeyedError):
    """An instrument pack or a licensed-wording file is invalid.

    It carries every problem found as a message key and its values (``keyed``: a tuple of
    ``(key, values)``; ``PackError("pack.no_language", pack="x", ...)`` for one problem).
    ``lines(language)`` gives one line per problem, each starting with the file name and the
    place in it; ``problems`` holds the English lines and ``str()`` is
    ``"N problems:"`` followed by them, e.g.
    ``teacher_strs.yaml: items[3].dimension 'closenes' is not one of closeness, conflict, dependency``.

    The checks of a pack's YAML (``survey.instruments.loader``) are for the developer who
    edits a pack file in the repository, never shown in the app: their key ``pack.schema``
    carries the technical English detail as a value. Every problem of a licensed-wording
    file (which an administrator uploads) has its own key.

    >>> err = PackError("pack.not_licensable", packs="teacher, child")
    >>> err.lines("nl")
    ['Gelicentieerde tekst kan alleen voor teacher, child worden geïnstalleerd']
    >>> print(err)
    1 problem:
    - licensed wording can be installed for teacher, child only
    """

    def __init__(self, key: str | Iterable[tuple[str, Mapping[str, object]]],
                 **values: object) -> None:
        keyed = [(key, values)] if isinstance(key, str) else list(key)
        self.keyed: tuple[tuple[str, dict[str, object]], ...] = tuple(
            (k, dict(v)) for k, v in keyed)
        count = len(self.keyed)
        super().__init__("pack.problem_one" if count == 1 else "pack.problem_many",
                         count=count)

    def lines(self, language: str = DEFAULT_LANGUAGE,
              escape: Callable[[object], object] | None = None) -> list[str]:
        """One line per problem in ``language`` (``escape`` applied to every value)."""
        return [fill(t(k, language), v, escape) for k, v in self.keyed]

    @property
    def problems(self) -> tuple[str, ...]:
        """The problems in English (the command line, logs and tests)."""
        return tuple(self.lines("en"))

    def text(self, language: str = DEFAULT_LANGUAGE,
             escape: Callable[[object], object] | None = None) -> str:
        return (super().text(language, escape) + ":\n"
                + "\n".join(f"- {line}" for line in self.lines(language, escape)))


@dataclass(frozen=True)
class ResponseFormat:
    """How a respondent answers an item: the points, their stored values, labels, pictures.

    ``values[i]`` is stored when point ``i`` is chosen; ``labels[lang][i]`` and
    ``pictograms[i]`` show it. A pictogram is a file name under the pack's
    ``pictograms/`` folder (``*.svg``) or a short emoji; ``pictograms`` is empty when the
    format has none (the teacher form). ``age_min``..``age_max`` is the age band (years,
    inclusive) the format is meant for.
    """

    id: str
    points: int
    values: tuple[int, ...]
    labels: dict[str, tuple[str, ...]]
    pictograms: tuple[str, ...]
    age_min: int
    age_max: int

    @property
    def scale_min(self) -> int:
        """Lowest storable value (the reverse key maps v to scale_min + scale_max - v)."""
        return self.values[0]

    @property
    def scale_max(self) -> int:
        """Highest storable value."""
        return self.values[-1]


@dataclass(frozen=True)
class Item:
    """One questionnaire item: stable id, dimension it scores on, reverse key, texts.

    ``text`` maps language code to wording. Practice items (``practice=True``) have
    dimension ``"practice"`` and are never scored.
    """

    id: str
    dimension: str
    reverse: bool
    text: dict[str, str]
    practice: bool = False


@dataclass(frozen=True)
class Pack:
    """A relationship questionnaire (teacher STRS-structure or child CARTS-structure).

    ``items`` holds the scored items in administration order, ``practice_items`` the
    unscored warm-up items shown first. ``wording_source`` says which wording the texts
    are: ``"own:<id>@<version>"`` for the project's own wording, or
    ``"licensed:<source name>:<sha256 prefix>"`` after ``apply_licensed_wording``.
    Store it with every answer set so exports can say which wording was used.
    """

    id: str
    kind: str
    version: str
    name: dict[str, str]
    languages: tuple[str, ...]
    dimensions: tuple[str, ...]
    response_formats: dict[str, ResponseFormat]
    items: tuple[Item, ...]
    practice_items: tuple[Item, ...]
    wording_source: str = ""
    #: Format used when none is asked for (first format in the file unless the YAML
    #: names one with ``default_format``).
    default_format: str = ""
    #: Folder of the YAML file; pictogram file names resolve under ``<base_dir>/pictograms``.
    base_dir: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.wording_source:
            object.__setattr__(self, "wording_source", f"own:{self.id}@{self.version}")
        if not self.default_format and self.response_formats:
            object.__setattr__(self, "default_format", next(iter(self.response_formats)))


@dataclass(frozen=True)
class Question:
    """One peer-nomination question ("which classmates ...?").

    ``max_choices`` is ``None`` for unlimited nominations (the default, recommended for
    status questions); ``nobody_allowed`` offers an explicit "nobody" answer; ``optional``
    questions are only asked when a wave switches them on.
    """

    id: str
    kind: str
    polarity: str
    nobody_allowed: bool
    max_choices: int | None
    optional: bool
    text: dict[str, str]


@dataclass(frozen=True)
class NominationPack:
    """The peer-nomination questions, plus the label of the explicit "nobody" answer."""

    id: str
    version: str
    name: dict[str, str]
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    nobody_label: dict[str, str] = field(default_factory=dict)
    wording_source: str = ""

    def __post_init__(self) -> None:
        if not self.wording_source:
            object.__setattr__(self, "wording_source", f"own:{self.id}@{self.version}")
