"""Licensed wording installed on this Klaskaart server.

A licence for the original STRS/LLRV or CARTS wording belongs to an installation, so the
validated CSV is kept as a file: ``$KLASKAART_WORDING_DIR/<pack id>.csv`` (default
``data/wording/``) plus ``<pack id>.json`` with the original file name. ``teacher_pack()``
and ``child_pack()`` then return the pack with that wording applied, so every new wave records
the licensed ``wording_source`` and every answer carries it. Removing the file returns to the
project's own wording. Files are re-read when they change (checked by modification time), so
every server process sees an installation without a restart.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from survey import settings

from .licensed import MAX_SOURCE_NAME, apply_licensed_wording
from .loader import load_pack
from .model import Pack, PackError

LICENSABLE = ("teacher", "child")


def wording_dir() -> Path:
    return settings.current().wording_dir


def _paths(pack_id: str) -> tuple[Path, Path]:
    if pack_id not in LICENSABLE:
        raise PackError("pack.not_licensable", packs=", ".join(LICENSABLE))
    folder = wording_dir()
    return folder / f"{pack_id}.csv", folder / f"{pack_id}.json"


@functools.cache
def shipped_pack(pack_id: str) -> Pack:
    """The pack with the project's own wording, parsed once per process."""
    return load_pack(pack_id)


@functools.lru_cache(maxsize=8)
def _apply(pack_id: str, csv_path: str, mtime_ns: int) -> Pack:
    meta_path = Path(csv_path).with_suffix(".json")
    source = json.loads(meta_path.read_text("utf-8"))["source_name"]
    if len(source) > MAX_SOURCE_NAME:  # installed before install_wording refused such names
        source = source[: MAX_SOURCE_NAME - 1] + "…"
    return apply_licensed_wording(shipped_pack(pack_id), Path(csv_path).read_bytes(), source)


def active_pack(pack_id: str) -> Pack:
    """The pack as this server presents it: licensed wording when installed, else its own."""
    csv_path, _ = _paths(pack_id)
    try:
        mtime = csv_path.stat().st_mtime_ns
    except FileNotFoundError:
        return shipped_pack(pack_id)
    return _apply(pack_id, str(csv_path), mtime)


def install_wording(pack_id: str, data: bytes, source_name: str) -> Pack:
    """Validate ``data`` against the shipped pack and install it; raises PackError, in which
    case nothing is changed."""
    csv_path, meta_path = _paths(pack_id)
    pack = apply_licensed_wording(shipped_pack(pack_id), data, source_name)  # validates
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    meta_path.write_text(json.dumps({"source_name": source_name}), "utf-8")
    tmp = csv_path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, csv_path)  # atomic: readers see the old or the new file, never half
    return pack


def remove_wording(pack_id: str) -> None:
    """Return to the project's own wording for ``pack_id``."""
    for path in _paths(pack_id):
        path.unlink(missing_ok=True)
