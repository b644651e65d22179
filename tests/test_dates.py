"""The one Dutch date of rechtmakers (document.labels) is Babel's long nl_NL date, every day."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from rechtmakers.document.labels import long_date, long_moment


def test_long_date_is_babels_long_dutch_date_every_day_of_a_leap_year() -> None:
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        assert long_date(day) == format_date(day, format="long", locale="nl_NL")
        day += dt.timedelta(days=1)


def test_a_moment_adds_the_time_and_a_date_does_not() -> None:
    moment = dt.datetime(2026, 3, 5, 9, 7, tzinfo=dt.UTC)
    assert long_moment(moment) == "5 maart 2026 09:07"
    assert long_date(moment) == "5 maart 2026"
