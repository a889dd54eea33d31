"""Swedish working days and office hours: when the desk is open, when an inquiry must be answered.

Working days are Monday to Friday except public holidays and the de facto holidays
(midsommarafton, julafton, nyårsafton) on which municipal offices close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

_DEFAULT_OPENS = time(8, 0)
_DEFAULT_CLOSES = time(17, 0)
_ONE_DAY = timedelta(days=1)


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
        self._holidays = holidays.Sweden(
            categories=(holidays.PUBLIC, holidays.DE_FACTO),
            include_sundays=False,
            language="sv",
        )
        # Deadlines are computed for every inquiry when lists are built, so both lookups are
        # memoised per date; the calendar is immutable once built.
        self._working: dict[date, bool] = {}
        self._due: dict[date, datetime] = {}

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday and not a holiday."""
        cached = self._working.get(day)
        if cached is None:
            cached = day.weekday() < 5 and day not in self._holidays
            self._working[day] = cached
        return cached

    def holiday_name(self, day: date) -> str | None:
        """The Swedish name of the holiday on `day`, or None on an ordinary day."""
        return self._holidays.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day + _ONE_DAY
        while not self.is_working_day(candidate):
            candidate += _ONE_DAY
        return candidate

    def add_working_days(self, day: date, n: int) -> date:
        """The `n`-th working day strictly after `day`; `day` itself when `n` is 0."""
        if n < 0:
            raise ValueError(f"n must be 0 or more, got {n}")
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def office_hours_on(self, day: date) -> OfficeHours | None:
        """The hours on `day`, or None when it is not a working day or its weekday has no hours."""
        if not self.is_working_day(day):
            return None
        return self._office_hours.get(day.weekday())

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
        """The first office opening strictly after `at`: today's if still ahead, else later."""
        local = at.astimezone(self.tz)
        day = local.date()
        if not self._office_hours:
            # No configured hours at all: every working day opens at the fallback time.
            opening = self.opening_on(day)
            if self.is_working_day(day) and opening > at:
                return opening
            return self.opening_on(self.next_working_day(day))
        hours = self.office_hours_on(day)
        if hours is not None:
            opening = datetime.combine(day, hours.opens, tzinfo=self.tz)
            if opening > at:
                return opening
        # Skips working days whose weekday has no hours; ends because some weekday has hours
        # and holidays never cover a whole week.
        day = self.next_working_day(day)
        while (hours := self.office_hours_on(day)) is None:
            day = self.next_working_day(day)
        return datetime.combine(day, hours.opens, tzinfo=self.tz)

    def due_at(self, received: datetime) -> datetime:
        """Closing time on the `answer_working_days`-th working day after the local receipt date."""
        day = received.astimezone(self.tz).date()
        due = self._due.get(day)
        if due is None:
            due = self.closing_on(self.add_working_days(day, self.answer_working_days))
            self._due[day] = due
        return due
