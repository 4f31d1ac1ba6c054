"""Read instrument packs from YAML and validate them, collecting every problem at once.

A pack author fixing a file wants the whole list, not one error per run, so the
validators below record problems in a ``_Problems`` collector (each prefixed with the
file name and a path such as ``items[3].text.en``) and ``PackError`` is raised at the end.

>>> load_pack("teacher").id
'teacher'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

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

PACKAGE_DIR = Path(__file__).resolve().parent
#: Short names accepted by ``load_pack`` / ``load_nomination_pack``.
PACK_FILES = {
    "teacher": "teacher_strs.yaml",
    "child": "child_carts.yaml",
    "peers": "peer_nominations.yaml",
}
NOMINATION_KIND = "nominations"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_MAX_EMOJI_CHARS = 8

_PACK_KEYS = {
    "required": ("id", "kind", "version", "name", "languages", "dimensions",
                 "response_formats", "items"),
    "optional": ("practice_items", "default_format", "description"),
}
_NOMINATION_KEYS = {
    "required": ("id", "kind", "version", "name", "languages", "questions"),
    "optional": ("nobody_label", "description"),
}
_FORMAT_KEYS = {
    "required": ("id", "points", "values", "labels", "age_min", "age_max"),
    "optional": ("pictograms",),
}
_ITEM_KEYS = {"required": ("id", "dimension", "text"), "optional": ("reverse",)}
_PRACTICE_KEYS = {"required": ("id", "text"), "optional": ()}
_QUESTION_KEYS = {
    "required": ("id", "kind", "polarity", "text"),
    "optional": ("nobody_allowed", "max_choices", "optional"),
}


# --------------------------------------------------------------------------- YAML reading


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (PyYAML silently keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def _read_yaml(path: Path) -> Any:
    """Parse ``path`` as YAML; any I/O or syntax error becomes a PackError naming the file."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError("pack.not_found", file=name, path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise PackError("pack.not_utf8", file=name, reason=exc.reason, start=exc.start) from None
    except OSError as exc:
        raise PackError("pack.unreadable", file=name, reason=exc.strerror) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no object tags
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{context}; {problem}" if context else problem
        if mark:
            raise PackError("pack.yaml_syntax_at", file=name, line=mark.line + 1,
                            column=mark.column + 1, detail=detail) from None
        raise PackError("pack.yaml_syntax", file=name, detail=detail) from None


def resolve_path(path_or_name: str | Path) -> Path:
    """Map a pack name (``teacher``, ``child``, ``peers`` or a file stem such as
    ``teacher_strs``) or a path to a file path.

    >>> resolve_path("child").name
    'child_carts.yaml'
    """
    if isinstance(path_or_name, str) and path_or_name in PACK_FILES:
        return PACKAGE_DIR / PACK_FILES[path_or_name]
    if isinstance(path_or_name, str) and f"{path_or_name}.yaml" in PACK_FILES.values():
        return PACKAGE_DIR / f"{path_or_name}.yaml"
    path = Path(path_or_name)
    if not path.suffix and not path.exists():
        known = ", ".join(PACK_FILES)
        raise PackError("pack.unknown_name", name=str(path_or_name), known=known)
    return path


# --------------------------------------------------------------------------- checking helpers


class _Problems:
    """Collects problems of a pack file (``pack.schema``: file, place and the technical
    English detail, for the developer who edits the pack; see ``PackError``)."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.keyed: list[tuple[str, dict[str, object]]] = []

    def add(self, place: str, message: str) -> None:
        where = f"{place} " if place else ""
        self.keyed.append(("pack.schema", {"file": self.file_name, "where": where,
                                           "detail": message}))

    def raise_if_any(self) -> None:
        if self.keyed:
            raise PackError(self.keyed)


def _describe(value: Any) -> str:
    """Short YAML-ish rendering of a value for messages ('false', 'null', "'abc'", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_keys(
    data: Any, spec: dict[str, tuple[str, ...]], place: str, problems: _Problems
) -> bool:
    """Check that ``data`` is a mapping with the required keys and no unknown ones."""
    if not isinstance(data, dict):
        problems.add(place, f"must be a mapping of keys to values, found {_describe(data)}")
        return False
    for key in spec["required"]:
        if key not in data:
            problems.add(place, f"is missing the required key '{key}'")
    allowed = set(spec["required"]) | set(spec["optional"])
    for key in data:
        if key not in allowed:
            problems.add(place, f"has an unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
    return True


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _get_id(data: dict[str, Any], place: str, problems: _Problems) -> str | None:
    value = data.get("id")
    if "id" not in data:
        return None
    if not isinstance(value, str) or not _ID.match(value):
        problems.add(
            _join(place, "id"),
            f"{_describe(value)} must be lower-case letters, digits and '_', starting with a letter",
        )
        return None
    return value


def _get_text(value: Any, place: str, problems: _Problems) -> str | None:
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, bool | int | float) else ""
        problems.add(place, f"must be text, found {_describe(value)}{hint}")
        return None
    if not value.strip():
        problems.add(place, "is empty")
        return None
    return value.strip()


def _get_texts(
    data: dict[str, Any], key: str, place: str, languages: tuple[str, ...], problems: _Problems
) -> dict[str, str]:
    """Read a ``{language: text}`` mapping that must cover exactly the pack languages."""
    where = _join(place, key)
    if key not in data:
        return {}
    value = data[key]
    if not isinstance(value, dict):
        problems.add(where, f"must map each language ({', '.join(languages)}) to a text, "
                     f"found {_describe(value)}")
        return {}
    texts: dict[str, str] = {}
    for lang in languages:
        if lang not in value:
            problems.add(where, f"has no text in language '{lang}'")
            continue
        text = _get_text(value[lang], f"{where}.{lang}", problems)
        if text is not None:
            texts[lang] = text
    for lang in value:
        if lang not in languages:
            problems.add(where, f"has language {_describe(lang)} which is not one of the pack "
                         f"languages ({', '.join(languages)})")
    return texts


def _get_bool(data: dict[str, Any], key: str, place: str, default: bool,
              problems: _Problems) -> bool:
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, bool):
        problems.add(_join(place, key), f"must be true or false, found {_describe(value)}")
        return default
    return value


def _get_str_list(data: dict[str, Any], key: str, place: str, problems: _Problems,
                  pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
    where = _join(place, key)
    if key not in data:
        return ()
    value = data[key]
    if not isinstance(value, list) or not value:
        problems.add(where, f"must be a non-empty list of {what}, found {_describe(value)}")
        return ()
    result: list[str] = []
    for i, entry in enumerate(value):
        if not isinstance(entry, str) or not pattern.match(entry):
            problems.add(f"{where}[{i}]", f"{_describe(entry)} is not a valid {what[:-1]}")
        elif entry in result:
            problems.add(f"{where}[{i}]", f"'{entry}' is listed twice")
        else:
            result.append(entry)
    return tuple(result)


def _get_version(data: dict[str, Any], problems: _Problems) -> str:
    value = data.get("version")
    if "version" in data and (not isinstance(value, str) or not value.strip()):
        problems.add("version", f"must be text such as \"1.0\" (in quotes), found {_describe(value)}")
        return ""
    return (value or "").strip() if isinstance(value, str) else ""


def _header(
    data: Any, spec: dict[str, tuple[str, ...]], problems: _Problems
) -> tuple[str, str, tuple[str, ...], dict[str, str]] | None:
    """Check the top level shared by both pack types; return id, version, languages, name."""
    if not _check_keys(data, spec, "", problems):
        return None
    pack_id = _get_id(data, "", problems) or ""
    version = _get_version(data, problems)
    languages = _get_str_list(data, "languages", "", problems, _LANG, "language codes")
    name = _get_texts(data, "name", "", languages, problems) if languages else {}
    return pack_id, version, languages, name


# --------------------------------------------------------------------------- item packs


def _pictograms(
    value: Any, place: str, points: int, base_dir: Path, problems: _Problems
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(place, f"must be a list with one pictogram per point, found {_describe(value)}")
        return ()
    result: list[str] = []
    for i, entry in enumerate(value):
        where = f"{place}[{i}]"
        if not isinstance(entry, str) or not entry.strip():
            problems.add(where, f"must be an SVG file name or an emoji, found {_describe(entry)}")
            continue
        if entry.lower().endswith(".svg"):
            if "/" in entry or "\\" in entry:
                problems.add(where, f"'{entry}' must be a plain file name inside pictograms/")
            elif not (base_dir / "pictograms" / entry).is_file():
                problems.add(where, f"pictogram file 'pictograms/{entry}' does not exist")
        elif len(entry) > _MAX_EMOJI_CHARS:
            problems.add(where, f"'{entry}' is neither an .svg file name nor a short emoji")
        result.append(entry)
    if len(result) == len(value) and len(result) != points:
        problems.add(place, f"has {len(result)} pictograms but the format has {points} points")
    return tuple(result)


def _response_format(
    data: Any, place: str, languages: tuple[str, ...], base_dir: Path, problems: _Problems
) -> ResponseFormat | None:
    before = len(problems.keyed)
    if not _check_keys(data, _FORMAT_KEYS, place, problems):
        return None
    fmt_id = _get_id(data, place, problems)
    points = data.get("points")
    if "points" in data and (not _is_int(points) or points < 2):
        problems.add(f"{place}.points", f"must be a whole number of at least 2, found {_describe(points)}")
        points = None
    values = data.get("values")
    if "values" in data:
        if not isinstance(values, list) or not all(_is_int(v) for v in values):
            problems.add(f"{place}.values", f"must be a list of whole numbers, found {_describe(values)}")
            values = None
        elif any(b - a != 1 for a, b in zip(values, values[1:], strict=False)):
            problems.add(f"{place}.values", f"{values} must be consecutive and ascending (e.g. 1, 2, 3)")
            values = None
        elif points is not None and len(values) != points:
            problems.add(f"{place}.values", f"has {len(values)} values but points is {points}")
    labels: dict[str, tuple[str, ...]] = {}
    raw_labels = data.get("labels")
    if "labels" in data:
        if not isinstance(raw_labels, dict):
            problems.add(f"{place}.labels", f"must map each language to a list of labels, "
                         f"found {_describe(raw_labels)}")
        else:
            for lang in languages:
                where = f"{place}.labels.{lang}"
                entry = raw_labels.get(lang)
                if lang not in raw_labels:
                    problems.add(f"{place}.labels", f"has no labels in language '{lang}'")
                elif not isinstance(entry, list):
                    problems.add(where, f"must be a list of labels, found {_describe(entry)}")
                else:
                    texts = [_get_text(t, f"{where}[{i}]", problems) for i, t in enumerate(entry)]
                    if points is not None and len(entry) != points:
                        problems.add(where, f"has {len(entry)} labels but the format has {points} points")
                    labels[lang] = tuple(t or "" for t in texts)
            for lang in raw_labels:
                if lang not in languages:
                    problems.add(f"{place}.labels", f"has language {_describe(lang)} which is not "
                                 f"one of the pack languages ({', '.join(languages)})")
    pictograms = _pictograms(data.get("pictograms"), f"{place}.pictograms", points or 0,
                             base_dir, problems)
    ages = []
    for key in ("age_min", "age_max"):
        age = data.get(key)
        if key in data and (not _is_int(age) or not 3 <= age <= 18):
            problems.add(f"{place}.{key}", f"must be a whole number of years from 3 to 18, "
                         f"found {_describe(age)}")
        ages.append(age)
    if all(_is_int(a) for a in ages) and ages[0] > ages[1]:
        problems.add(place, f"age_min {ages[0]} is above age_max {ages[1]}")
    if len(problems.keyed) > before:
        return None
    return ResponseFormat(fmt_id or "", points, tuple(values), labels, pictograms, ages[0], ages[1])


def _items(
    data: dict[str, Any], key: str, dimensions: tuple[str, ...], languages: tuple[str, ...],
    seen: dict[str, str], problems: _Problems,
) -> tuple[Item, ...]:
    practice = key == "practice_items"
    raw = data.get(key)
    if raw is None and practice:
        return ()
    if not isinstance(raw, list) or (not raw and not practice):
        problems.add(key, f"must be a {'' if practice else 'non-empty '}list of items, "
                     f"found {_describe(raw)}")
        return ()
    items: list[Item] = []
    for i, entry in enumerate(raw):
        place = f"{key}[{i}]"
        before = len(problems.keyed)
        if not _check_keys(entry, _PRACTICE_KEYS if practice else _ITEM_KEYS, place, problems):
            continue
        item_id = _get_id(entry, place, problems)
        if item_id is not None:
            if item_id in seen:
                problems.add(f"{place}.id", f"'{item_id}' is used twice (also at {seen[item_id]})")
            else:
                seen[item_id] = place
        dimension = PRACTICE_DIMENSION
        if not practice and "dimension" in entry:
            dimension = entry["dimension"]
            if dimension not in dimensions:
                problems.add(f"{place}.dimension", f"{_describe(dimension)} is not one of "
                             f"{', '.join(dimensions)}")
        reverse = _get_bool(entry, "reverse", place, False, problems)
        text = _get_texts(entry, "text", place, languages, problems)
        if len(problems.keyed) == before:
            items.append(Item(item_id or "", dimension, reverse, text, practice))
    return tuple(items)


def parse_pack(data: Any, file_name: str, base_dir: Path) -> Pack:
    """Validate parsed YAML ``data`` of an item pack and build the ``Pack`` (or PackError)."""
    problems = _Problems(file_name)
    header = _header(data, _PACK_KEYS, problems)
    if header is None:
        problems.raise_if_any()
    pack_id, version, languages, name = header  # type: ignore[misc]
    kind = data.get("kind")
    if kind == NOMINATION_KIND:
        raise PackError("pack.is_nomination", file=file_name)
    if "kind" in data and kind not in PACK_KINDS:
        problems.add("kind", f"{_describe(kind)} is not one of {', '.join(PACK_KINDS)}")
    dimensions = _get_str_list(data, "dimensions", "", problems, _ID, "dimension names")
    formats: dict[str, ResponseFormat] = {}
    raw_formats = data.get("response_formats")
    if "response_formats" in data and (not isinstance(raw_formats, list) or not raw_formats):
        problems.add("response_formats", f"must be a non-empty list, found {_describe(raw_formats)}")
    elif isinstance(raw_formats, list):
        for i, entry in enumerate(raw_formats):
            fmt = _response_format(entry, f"response_formats[{i}]", languages, base_dir, problems)
            if fmt is None:
                continue
            if fmt.id in formats:
                problems.add(f"response_formats[{i}].id", f"'{fmt.id}' is used twice")
            formats[fmt.id] = fmt
    default_format = data.get("default_format", "")
    if default_format and formats and default_format not in formats:
        problems.add("default_format", f"{_describe(default_format)} is not one of the response "
                     f"formats ({', '.join(formats)})")
    seen: dict[str, str] = {}
    items = _items(data, "items", dimensions, languages, seen, problems) if "items" in data else ()
    practice = _items(data, "practice_items", dimensions, languages, seen, problems)
    raw_items = data.get("items") if isinstance(data.get("items"), list) else []
    used = {entry.get("dimension") for entry in raw_items if isinstance(entry, dict)}
    for dimension in dimensions:
        if raw_items and dimension not in used:
            problems.add("dimensions", f"lists '{dimension}' but no item has that dimension")
    problems.raise_if_any()
    return Pack(
        id=pack_id, kind=kind, version=version, name=name, languages=languages,
        dimensions=dimensions, response_formats=formats, items=items, practice_items=practice,
        default_format=default_format or "", base_dir=str(base_dir),
    )


# --------------------------------------------------------------------------- nomination packs


def _question(data: Any, place: str, languages: tuple[str, ...],
              problems: _Problems) -> Question | None:
    before = len(problems.keyed)
    if not _check_keys(data, _QUESTION_KEYS, place, problems):
        return None
    question_id = _get_id(data, place, problems)
    kind = data.get("kind")
    if "kind" in data and kind not in QUESTION_KINDS:
        problems.add(f"{place}.kind", f"{_describe(kind)} is not one of {', '.join(QUESTION_KINDS)}")
    polarity = data.get("polarity")
    if "polarity" in data and polarity not in POLARITIES:
        problems.add(f"{place}.polarity", f"{_describe(polarity)} is not one of {', '.join(POLARITIES)}")
    nobody = _get_bool(data, "nobody_allowed", place, True, problems)
    optional = _get_bool(data, "optional", place, False, problems)
    max_choices = data.get("max_choices")
    if max_choices is not None and (not _is_int(max_choices) or max_choices < 1):
        problems.add(f"{place}.max_choices", f"must be null (unlimited) or a whole number of at "
                     f"least 1, found {_describe(max_choices)}")
    text = _get_texts(data, "text", place, languages, problems)
    if len(problems.keyed) > before:
        return None
    return Question(question_id or "", kind, polarity, nobody, max_choices, optional, text)


def parse_nomination_pack(data: Any, file_name: str) -> NominationPack:
    """Validate parsed YAML ``data`` of a nomination pack and build it (or PackError)."""
    problems = _Problems(file_name)
    header = _header(data, _NOMINATION_KEYS, problems)
    if header is None:
        problems.raise_if_any()
    pack_id, version, languages, name = header  # type: ignore[misc]
    if "kind" in data and data["kind"] != NOMINATION_KIND:
        problems.add("kind", f"{_describe(data['kind'])} must be '{NOMINATION_KIND}' "
                     "(item packs are loaded with load_pack)")
    nobody_label = _get_texts(data, "nobody_label", "", languages, problems) if languages else {}
    questions: list[Question] = []
    raw = data.get("questions")
    if "questions" in data and (not isinstance(raw, list) or not raw):
        problems.add("questions", f"must be a non-empty list, found {_describe(raw)}")
    elif isinstance(raw, list):
        seen: dict[str, str] = {}
        for i, entry in enumerate(raw):
            place = f"questions[{i}]"
            question = _question(entry, place, languages, problems)
            if question is None:
                continue
            if question.id in seen:
                problems.add(f"{place}.id", f"'{question.id}' is used twice (also at {seen[question.id]})")
            seen[question.id] = place
            questions.append(question)
    if any(q.nobody_allowed for q in questions) and "nobody_label" not in data:
        problems.add("", "nobody_label is required when a question allows 'nobody'")
    problems.raise_if_any()
    return NominationPack(
        id=pack_id, version=version, name=name, languages=languages,
        questions=tuple(questions), nobody_label=nobody_label,
    )


def load_pack(path_or_name: str | Path) -> Pack:
    """Load and validate an item pack: ``"teacher"``, ``"child"`` or a YAML file path.

    Raises PackError listing every problem, each prefixed with the file name.
    """
    path = resolve_path(path_or_name)
    return parse_pack(_read_yaml(path), path.name, path.resolve().parent)


def load_nomination_pack(path_or_name: str | Path = "peers") -> NominationPack:
    """Load and validate a peer-nomination pack (default: the shipped ``peers`` pack)."""
    path = resolve_path(path_or_name)
    return parse_nomination_pack(_read_yaml(path), path.name)
