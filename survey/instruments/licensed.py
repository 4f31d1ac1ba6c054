"""Replace a pack's own wording by licensed item texts from a CSV file.

Institutions holding a licence for the STRS/LLRV or CARTS wording import it as a CSV
with the header ``item_id,language,text``. Files exported from Excel come in many
shapes, so UTF-8 (with or without BOM) and Windows-1252 are accepted, with ``,`` or
``;`` as separator. The result is a NEW pack whose ``wording_source`` records the file
name and a hash of its bytes; the original pack is never changed. Every wave stores that
``wording_source`` (``survey.limits.WORDING_SOURCE_LENGTH`` characters), so a file name
longer than ``MAX_SOURCE_NAME`` is refused here, as is a field longer than
``csv.field_size_limit()`` — both as a PackError, never a crash later.

>>> pack = load_pack("child")
>>> rows = ["item_id,language,text"] + [
...     f"{i.id},{lang},[licensed {i.id} {lang}]" for i in pack.items for lang in pack.languages]
>>> licensed = apply_licensed_wording(pack, "\\n".join(rows), "demo.csv")
>>> licensed.wording_source.startswith("licensed:demo.csv:")
True
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io

from survey.limits import WORDING_SOURCE_LENGTH

from .loader import load_pack  # noqa: F401 - used by the doctest above
from .model import Item, Pack, PackError

HEADER = ("item_id", "language", "text")
_DIGEST = 12  # hex digits of the file's sha256 in the wording source
#: Longest file name that fits "licensed:<name>:<digest>" in the stored wording source.
MAX_SOURCE_NAME = WORDING_SOURCE_LENGTH - len("licensed:") - 1 - _DIGEST


def _decode(data: bytes | str) -> tuple[str, bytes]:
    """Return (text, raw bytes). UTF-8 (BOM optional) first, then Windows-1252."""
    if isinstance(data, str):
        return data.lstrip("\ufeff"), data.encode("utf-8")
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), data


def _delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_wording_csv(data: bytes | str, source_name: str) -> list[tuple[int, list[str]]]:
    """Parse the CSV into (line number, cells) rows after checking the header.

    Raises PackError when the header is not ``item_id,language,text``.
    """
    text, _raw = _decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise PackError("wording.field_too_long", file=source_name, line=reader.line_num,
                            limit=csv.field_size_limit()) from exc
        raise PackError("wording.unreadable", file=source_name, line=reader.line_num,
                        detail=str(exc)) from exc
    if not rows:
        raise PackError("wording.empty", file=source_name, header=",".join(HEADER))
    header = tuple(cell.strip().lower() for cell in rows[0][1])
    if header != HEADER:
        raise PackError("wording.bad_header", file=source_name, line=rows[0][0],
                        header=",".join(HEADER), found=",".join(rows[0][1]))
    return rows[1:]


def apply_licensed_wording(pack: Pack, data: bytes | str, source_name: str) -> Pack:
    """Return a copy of ``pack`` with item texts taken from a licensed-wording CSV.

    The CSV must give a non-empty text for every scored item in every pack language;
    practice items may be included (then in every language) or left with their own
    wording. All problems are reported together in one PackError; nothing is changed
    when there is any problem. A ``source_name`` over ``MAX_SOURCE_NAME`` characters is
    refused (it would not fit the wording source every new wave stores).
    """
    if len(source_name) > MAX_SOURCE_NAME:
        raise PackError("wording.name_too_long", start=source_name[:40],
                        length=len(source_name), limit=MAX_SOURCE_NAME)
    _text, raw = _decode(data)
    rows = read_wording_csv(data, source_name)
    by_id = {item.id: item for item in (*pack.practice_items, *pack.items)}
    problems: list[tuple[str, dict[str, object]]] = []

    def problem(line: int, key: str, **values: object) -> None:
        problems.append((key, {"file": source_name, "line": line, **values}))

    texts: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if len(row) != len(HEADER):
            problem(line, "wording.columns", n=len(row))
            continue
        item_id, language, text = (cell.strip() for cell in row)
        ok = True
        if item_id not in by_id:
            problem(line, "wording.unknown_item", item=item_id, pack=pack.id)
            ok = False
        if language not in pack.languages:
            problem(line, "wording.bad_language", language=language,
                    languages=", ".join(pack.languages))
            ok = False
        if not text:
            problem(line, "wording.empty_text", item=item_id, language=language)
            ok = False
        key = (item_id, language)
        if key in seen:
            problem(line, "wording.twice", item=item_id, language=language, first=seen[key])
            ok = False
        else:
            seen[key] = line
        if ok:
            texts.setdefault(item_id, {})[language] = text

    covered = {item_id for item_id, _lang in seen}
    for item_id in (i.id for i in (*pack.practice_items, *pack.items)):
        if item_id not in covered:
            continue
        for language in pack.languages:
            if (item_id, language) not in seen:
                problems.append(("wording.missing_language",
                                 {"file": source_name, "item": item_id, "language": language}))
    missing = [item.id for item in pack.items if item.id not in covered]
    if missing:
        problems.append(("wording.missing_items", {"file": source_name, "n": len(missing),
                                                   "pack": pack.id, "items": ", ".join(missing)}))
    if problems:
        raise PackError(problems)

    def replaced(items: tuple[Item, ...]) -> tuple[Item, ...]:
        return tuple(
            dataclasses.replace(item, text=dict(texts[item.id])) if item.id in texts else item
            for item in items
        )

    digest = hashlib.sha256(raw).hexdigest()[:_DIGEST]
    return dataclasses.replace(
        pack,
        items=replaced(pack.items),
        practice_items=replaced(pack.practice_items),
        wording_source=f"licensed:{source_name}:{digest}",
    )
