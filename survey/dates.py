"""Dates and times as a Dutch school writes them: one rule for every screen and file.

Days are written ``dd-mm-jjjj`` (``day``); moments are stored in UTC (naive datetimes from
``survey.models.utcnow`` are UTC) and shown in the school's time zone, ``KLASKAART_TIME_ZONE``
(default Europe/Amsterdam, ``survey.settings``), as ``dd-mm-jjjj HH:MM`` (``moment``).

>>> import datetime as dt
>>> day(dt.date(2026, 10, 5)), day(None)
('05-10-2026', '')
>>> moment(dt.datetime(2026, 12, 3, 13, 45), "Europe/Amsterdam")  # 13:45 UTC in winter
'03-12-2026 14:45'
>>> moment(dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC), "Europe/Amsterdam")  # summer time
'01-07-2026 10:00'
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from survey import settings

DAY_FORMAT = "%d-%m-%Y"
MOMENT_FORMAT = "%d-%m-%Y %H:%M"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local(at: dt.datetime, zone: str | None = None) -> dt.datetime:
    """``at`` (UTC when naive) in the school's time zone (or ``zone``)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(_zone(zone or settings.current().time_zone))


def day(value: dt.date | dt.datetime | None) -> str:
    """A day as dd-mm-jjjj ('' for none); a datetime is first put in the school's zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = local(value).date()
    return value.strftime(DAY_FORMAT)


def moment(at: dt.datetime | None, zone: str | None = None) -> str:
    """A stored moment as dd-mm-jjjj HH:MM in the school's time zone ('' for none)."""
    return local(at, zone).strftime(MOMENT_FORMAT) if at is not None else ""
