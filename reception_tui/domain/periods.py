"""Periods a follow-up covers: whole days from a first to a last date, both included.

The constructors take today's date (from the clock, in the calendar's time zone) rather than
reading time themselves, so that a report for "last month" is the same in every test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reception_tui.words import Coded

_ONE_DAY = timedelta(days=1)


FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)
"""The dates a period may start and end on: far from them is a typing mistake (9999 for 2025),
and a week or a day after 9999-12-31 cannot even be counted."""
MAX_DAYS = 10 * 366
"""The longest period followed up, about ten years: a longer one reads every inquiry there is
for figures nobody asked for."""


class PeriodError(Coded, ValueError):
    """A period that cannot be: it ends before it starts, lies outside FIRST_DATE-LAST_DATE or
    is longer than MAX_DAYS."""

    CODES = {
        "period_ends_before_start": ("start", "end"),
        "period_date_out_of_range": ("date", "first", "last"),
        "period_too_long": ("start", "end", "years"),
    }


@dataclass(frozen=True, slots=True)
class Period:
    """The dates `start` to `end`, both included; never empty."""

    start: date
    end: date

    def __post_init__(self) -> None:
        start, end = self.start.isoformat(), self.end.isoformat()
        for day in (self.start, self.end):
            if not FIRST_DATE <= day <= LAST_DATE:
                first, last = FIRST_DATE.isoformat(), LAST_DATE.isoformat()
                raise PeriodError(
                    "period_date_out_of_range", date=day.isoformat(), first=first, last=last
                )
        if self.end < self.start:
            raise PeriodError("period_ends_before_start", start=start, end=end)
        if (self.end - self.start).days >= MAX_DAYS:
            raise PeriodError("period_too_long", start=start, end=end, years=MAX_DAYS // 366)

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """From `start` to `end`, both included; PeriodError when they cannot be one."""
        return cls(start, end)

    @classmethod
    def this_week(cls, today: date) -> Period:
        """Monday to Sunday of the ISO week `today` is in."""
        monday = today - timedelta(days=today.weekday())
        return cls(monday, monday + timedelta(days=6))

    @classmethod
    def last_week(cls, today: date) -> Period:
        return cls.this_week(today - timedelta(days=7))

    @classmethod
    def this_month(cls, today: date) -> Period:
        first = today.replace(day=1)
        return cls(first, _next_month(first) - _ONE_DAY)

    @classmethod
    def last_month(cls, today: date) -> Period:
        return cls.this_month(today.replace(day=1) - _ONE_DAY)

    @classmethod
    def this_year(cls, today: date) -> Period:
        return cls(date(today.year, 1, 1), date(today.year, 12, 31))

    @classmethod
    def last_year(cls, today: date) -> Period:
        return cls(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))

    @classmethod
    def last_twelve_months(cls, today: date) -> Period:
        """The day after the same date a year ago, up to and including today.

        On 29 February a year ago has no such date; the period then starts on 1 March.
        """
        try:
            year_ago = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            year_ago = date(today.year - 1, 2, 28)
        return cls(year_ago + _ONE_DAY, today)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _next_month(first: date) -> date:
    """The first of the month after the month that starts on `first`."""
    if first.month == 12:
        return date(first.year + 1, 1, 1)
    return date(first.year, first.month + 1, 1)
