"""Swedish working days and office hours: when the desk is open, when an inquiry must be answered.

Working days are Monday to Friday except public holidays and the de facto holidays
(midsommarafton, julafton, nyårsafton) on which municipal offices close. Every search for a
later working day or opening looks at most `SEARCH_DAYS` ahead, then gives up with
`CalendarError`, so that a calendar that never opens fails at once instead of looping.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib.util import module_from_spec, spec_from_file_location
from itertools import chain
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays

from reception_tui.words import Coded

_DEFAULT_OPENS = time(8, 0)
_DEFAULT_CLOSES = time(17, 0)
_ONE_DAY = timedelta(days=1)


@cache
def _sweden() -> Callable[..., holidays.HolidayBase]:
    """`holidays.Sweden`, read from its own module alone.

    Importing any one country from `holidays` runs its `countries` package, which imports
    every country there is: at each start a fifth of a second before the desk's first frame.
    Sweden's module needs none of the others, so it is loaded on its own, under its usual
    name; should the package be imported later, it finds the module already there.
    """
    name = "holidays.countries.sweden"
    module = sys.modules.get(name)
    if module is None:
        path = Path(holidays.__file__).parent / "countries" / "sweden.py"
        spec = spec_from_file_location(name, path)
        if spec is None or spec.loader is None:  # pragma: no cover - a holidays without it
            return holidays.Sweden  # type: ignore[no-any-return]
        module = module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module.Sweden  # type: ignore[no-any-return]


# The weekdays (0 = Monday) that can be working days; holidays take some of them away.
WORKING_WEEKDAYS = frozenset(range(5))
# Two years: holidays never close more than a few days in a row, so a search that finds
# nothing in this span would find nothing ever.
SEARCH_DAYS = 2 * 366


class CalendarError(Coded, ValueError):
    """No working day or office opening within `SEARCH_DAYS` (`span`) after the day `after`."""

    CODES = {
        "no_working_day": ("after", "span"),
        "too_few_working_days": ("count", "after", "span"),
        "no_office_opening": ("after", "span"),
    }


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The hours the office is open on one weekday: `opens` <= t < `closes`."""

    opens: time
    closes: time

    def __post_init__(self) -> None:
        if self.opens >= self.closes:
            raise ValueError(
                "office hours must open before they close, "
                f"got {self.opens:%H:%M}-{self.closes:%H:%M}"
            )


class WorkingCalendar:
    """Working days, office hours and answer deadlines in one time zone."""

    def __init__(
        self,
        tz: ZoneInfo,
        office_hours: Mapping[int, OfficeHours],
        answer_working_days: int = 2,
    ) -> None:
        """`office_hours` maps weekday (0 = Monday .. 6 = Sunday) to hours; missing is closed."""
        for weekday in office_hours:
            if not 0 <= weekday <= 6:
                raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")
        if answer_working_days < 0:
            raise ValueError(f"answer_working_days must be 0 or more, got {answer_working_days}")
        self.tz = tz
        self.answer_working_days = answer_working_days
        self._office_hours: dict[int, OfficeHours] = dict(office_hours)
        # Days without their own hours still need an opening and a closing (a return time
        # typed for a Saturday, say), so fall back to the widest hours of the week.
        self._fallback_opens = min(
            (hours.opens for hours in self._office_hours.values()), default=_DEFAULT_OPENS
        )
        self._fallback_closes = max(
            (hours.closes for hours in self._office_hours.values()), default=_DEFAULT_CLOSES
        )
        # Sundays are never working days anyway, and holidays.Sweden would otherwise list
        # every Sunday as a holiday.  The instance fills in further years lazily.
        self._holidays = _sweden()(
            categories=(holidays.PUBLIC, holidays.DE_FACTO),
            include_sundays=False,
            language="sv",
        )
        # Deadlines are computed for every inquiry when lists are built, so both lookups are
        # memoised per date; the calendar is immutable once built.
        self._working: dict[date, bool] = {}
        self._due: dict[date, datetime] = {}
        self._windows: dict[date, tuple[datetime, datetime] | None] = {}

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday and not a holiday."""
        cached = self._working.get(day)
        if cached is None:
            cached = day.weekday() in WORKING_WEEKDAYS and day not in self._holidays
            self._working[day] = cached
        return cached

    def holiday_name(self, day: date) -> str | None:
        """The Swedish name of the holiday on `day`, or None on an ordinary day."""
        return self._holidays.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`; CalendarError if none within the span."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, n: int) -> date:
        """The `n`-th working day strictly after `day`; `day` itself when `n` is 0.

        Raises CalendarError when that day is more than `SEARCH_DAYS` after `day`.
        """
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        if n == 0:
            return day
        found = 0
        for candidate in _days_after(day):
            if self.is_working_day(candidate):
                found += 1
                if found == n:
                    return candidate
        if n == 1:
            raise CalendarError("no_working_day", after=day.isoformat(), span=SEARCH_DAYS)
        raise CalendarError(
            "too_few_working_days", count=n, after=day.isoformat(), span=SEARCH_DAYS
        )

    def office_hours_on(self, day: date) -> OfficeHours | None:
        """The hours on `day`, or None when it is not a working day or its weekday has no hours."""
        if not self.is_working_day(day):
            return None
        return self._office_hours.get(day.weekday())

    def office_window(self, day: date) -> tuple[datetime, datetime] | None:
        """When the office opens and closes on `day`, in UTC; None when it is closed all day.

        In UTC, so that the minutes between two moments of a day on which the clocks change
        are its real ones. Memoised per date: the follow-up counts office minutes for every
        inquiry, and the demo's history places a million of them in office hours.
        """
        try:
            return self._windows[day]
        except KeyError:
            pass
        hours = self.office_hours_on(day)
        window = None
        if hours is not None:
            opens = datetime.combine(day, hours.opens, tzinfo=self.tz).astimezone(UTC)
            closes = datetime.combine(day, hours.closes, tzinfo=self.tz).astimezone(UTC)
            window = (opens, closes)
        self._windows[day] = window
        return window

    def opening_on(self, day: date) -> datetime:
        """When the office opens on `day`; on a closed day, the earliest opening of the week."""
        hours = self.office_hours_on(day)
        opens = hours.opens if hours is not None else self._fallback_opens
        return datetime.combine(day, opens, tzinfo=self.tz)

    def closing_on(self, day: date) -> datetime:
        """When the office closes on `day`; on a closed day, the latest closing of the week."""
        hours = self.office_hours_on(day)
        closes = hours.closes if hours is not None else self._fallback_closes
        return datetime.combine(day, closes, tzinfo=self.tz)

    def is_open(self, at: datetime) -> bool:
        """True when `at` (aware, any zone) falls inside office hours on a working day."""
        local = at.astimezone(self.tz)
        hours = self.office_hours_on(local.date())
        return hours is not None and hours.opens <= local.time() < hours.closes

    def next_opening(self, at: datetime) -> datetime:
        """The first office opening strictly after `at`: today's if still ahead, else later.

        Skips working days whose weekday has no hours; raises CalendarError when no opening
        comes within `SEARCH_DAYS` (no weekday Monday to Friday has hours).
        """
        local = at.astimezone(self.tz)
        today = local.date()
        for day in chain((today,), _days_after(today)):
            if not self.is_working_day(day):
                continue
            hours = self._office_hours.get(day.weekday())
            if hours is None and self._office_hours:
                continue
            # No configured hours at all: every working day opens at the fallback time.
            opening = self.opening_on(day)
            if opening > at:
                return opening
        raise CalendarError("no_office_opening", after=today.isoformat(), span=SEARCH_DAYS)

    def due_at(self, received: datetime) -> datetime:
        """Closing time on the `answer_working_days`-th working day after the local receipt date."""
        day = received.astimezone(self.tz).date()
        due = self._due.get(day)
        if due is None:
            due = self.closing_on(self.add_working_days(day, self.answer_working_days))
            self._due[day] = due
        return due


def past_due(due_at: datetime, now: datetime) -> bool:
    """Whether a deadline has passed: an answer at `due_at` itself is still in time (design
    §9), so an unanswered inquiry is late only after it. Every "overdue" is this one rule."""
    return now > due_at


def _days_after(day: date) -> Iterator[date]:
    """The `SEARCH_DAYS` days after `day`, fewer near the calendar's end (9999-12-31)."""
    for _ in range(SEARCH_DAYS):
        if day == date.max:
            return
        day += _ONE_DAY
        yield day
