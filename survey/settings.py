"""Every environment variable Klaskaart reads, in one place (pure: no Streamlit, no database).

Product code asks ``current()`` for the settings and never reads ``os.environ`` itself
(tests/unit/test_settings.py checks the source). Values are read **at call time**: a change
to the environment (a test's ``monkeypatch.setenv``) applies to the next ``current()``.
An empty value counts as unset.

=============================  ==============================  ==================================
Variable                       Default (unset or empty)        Meaning
=============================  ==============================  ==================================
``DATABASE_URL``               the embedded SQLite file        The database (``postgresql://…``
                               ``data/klaskaart.db``           for PostgreSQL). When set, the
                                                               demo school is never seeded.
``KLASKAART_SECRET``           the key in                      The server secret child login
                               ``KLASKAART_SECRET_FILE``       cards are derived from: stable,
                                                               the same on every replica.
``KLASKAART_SECRET_FILE``      ``data/secret_key``             Where the random server secret is
                                                               made (0600) when
                                                               ``KLASKAART_SECRET`` is unset.
``KLASKAART_SETUP_CODE_FILE``  ``data/first-admin-code.txt``   Where the one-time first-admin
                                                               set-up code is written (0600).
``KLASKAART_TRUST_PROXY``      not trusted (0)                 Number of reverse proxies whose
                                                               ``X-Forwarded-For`` entries are
                                                               trusted for log-in throttling:
                                                               ``1``/``true``/``yes``/``on`` = 1,
                                                               ``n`` = n; ``0``/``false``/
                                                               ``no``/``off`` and anything else
                                                               = not trusted.
``KLASKAART_BASE_URL``         the app's address in the        The address the QR codes on login
                               browser                         cards open (trailing ``/``
                                                               dropped).
``KLASKAART_WORDING_DIR``      ``data/wording``                Folder of the installed licensed
                                                               wording files.
``KLASKAART_TIME_ZONE``        ``Europe/Amsterdam``            The school's time zone: times are
                                                               stored in UTC and shown in it
                                                               (an unknown name: the default).
``LANG``                       English                         Language of the command line
                                                               (``python -m survey``): Dutch when
                                                               it starts with ``nl``.
=============================  ==============================  ==================================

(docs/operations.md, section "Settings", has the same table.)

>>> s = current({"KLASKAART_TRUST_PROXY": "2", "KLASKAART_BASE_URL": "https://k.example/"})
>>> s.trust_proxy, s.base_url, s.database_url, s.cli_language
(2, 'https://k.example', None, 'en')
>>> s.wording_dir == ROOT / "data" / "wording"
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Settings:
    """The settings at one moment (see the module's table)."""

    database_url: str | None  # None: the embedded SQLite file
    secret: str | None = field(repr=False)  # never printed in a log
    secret_file: Path
    setup_code_file: Path
    trust_proxy: int  # proxies in front whose X-Forwarded-For entry is trusted; 0 = none
    base_url: str | None
    wording_dir: Path
    cli_language: str  # "nl" or "en"
    time_zone: str = "Europe/Amsterdam"  # IANA name; survey.dates shows times in it


def _value(env: Mapping[str, str], name: str) -> str | None:
    return env.get(name) or None


def parse_trust_proxy(value: str | None) -> int:
    """The number of trusted proxies ``KLASKAART_TRUST_PROXY`` names; anything not
    understood trusts none (the header is ignored: anyone can send it).

    >>> [parse_trust_proxy(v) for v in ("1", "true", " Yes ", "2", "", None, "0", "off")]
    [1, 1, 1, 2, 0, 0, 0, 0]
    >>> [parse_trust_proxy(v) for v in ("garbage", "-1", "1.5", "tru")]
    [0, 0, 0, 0]
    """
    text = (value or "").strip().lower()
    if text in _TRUE:
        return 1
    if text.isascii() and text.isdigit():
        return int(text)
    return 0  # unset, _FALSE, or not understood


def current(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment, read now)."""
    env = os.environ if env is None else env
    base_url = _value(env, "KLASKAART_BASE_URL")
    return Settings(
        database_url=_value(env, "DATABASE_URL"),
        secret=_value(env, "KLASKAART_SECRET"),
        secret_file=Path(_value(env, "KLASKAART_SECRET_FILE") or ROOT / "data" / "secret_key"),
        setup_code_file=Path(
            _value(env, "KLASKAART_SETUP_CODE_FILE") or ROOT / "data" / "first-admin-code.txt"
        ),
        trust_proxy=parse_trust_proxy(env.get("KLASKAART_TRUST_PROXY")),
        base_url=base_url.rstrip("/") if base_url else None,
        wording_dir=Path(_value(env, "KLASKAART_WORDING_DIR") or ROOT / "data" / "wording"),
        cli_language="nl" if (env.get("LANG") or "").lower().startswith("nl") else "en",
        time_zone=parse_time_zone(env.get("KLASKAART_TIME_ZONE")),
    )


DEFAULT_TIME_ZONE = "Europe/Amsterdam"


def parse_time_zone(value: str | None) -> str:
    """The IANA time zone ``KLASKAART_TIME_ZONE`` names, or Europe/Amsterdam when it is unset
    or unknown.

    >>> parse_time_zone("Europe/Brussels"), parse_time_zone(""), parse_time_zone("Mars/Base")
    ('Europe/Brussels', 'Europe/Amsterdam', 'Europe/Amsterdam')
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = (value or "").strip()
    if not name:
        return DEFAULT_TIME_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIME_ZONE
    return name
