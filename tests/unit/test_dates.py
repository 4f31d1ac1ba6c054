"""survey.dates: dd-mm-jjjj days and moments in the school's time zone ([Everyday] item 6)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from survey import dates


def test_a_stored_utc_time_is_shown_in_amsterdam_time(monkeypatch):
    monkeypatch.delenv("KLASKAART_TIME_ZONE", raising=False)
    assert dates.moment(dt.datetime(2026, 10, 25, 0, 30)) == "25-10-2026 02:30"  # CEST
    assert dates.moment(dt.datetime(2026, 10, 25, 1, 30)) == "25-10-2026 02:30"  # CET again
    assert dates.moment(dt.datetime(2026, 12, 31, 23, 30)) == "01-01-2027 00:30"
    assert dates.day(dt.datetime(2026, 12, 31, 23, 30)) == "01-01-2027"  # the local day


def test_the_time_zone_comes_from_the_settings(monkeypatch):
    monkeypatch.setenv("KLASKAART_TIME_ZONE", "America/Curacao")
    assert dates.moment(dt.datetime(2026, 12, 3, 13, 45)) == "03-12-2026 09:45"
    monkeypatch.setenv("KLASKAART_TIME_ZONE", "Nowhere/Town")
    assert dates.moment(dt.datetime(2026, 12, 3, 13, 45)) == "03-12-2026 14:45"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_day_is_written_day_month_year(value):
    text = dates.day(value)
    assert len(text) == 10 and text[2] == text[5] == "-"
    assert dt.datetime.strptime(text, "%d-%m-%Y").date() == value
