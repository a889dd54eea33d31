"""What a manager's screen shows of a unit, apart from how it is drawn: the periods it steps
through, its people in the order a manager reads them, and how old an open inquiry is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import Enum

from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.periods import Period
from reception_tui.domain.records import EmployeeRecord

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class PeriodChoice(Enum):
    """The periods the screen steps through, in order; it opens on the first. Each value is
    the `Period` constructor it names, and its words are `period.<value>`."""

    LAST_TWELVE_MONTHS = "last_twelve_months"
    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"

    def period(self, today: date) -> Period:
        made: Period = getattr(Period, self.value)(today)
        return made

    def step(self, by: int) -> PeriodChoice:
        """The next choice (`by` 1) or the one before (-1), round the list."""
        order = list(PeriodChoice)
        return order[(order.index(self) + by) % len(order)]


def in_reading_order(
    people: Sequence[EmployeeRecord], is_away: Callable[[EmployeeRecord], bool]
) -> list[EmployeeRecord]:
    """Those who are away first, longest away first; then everyone else, in the given (name)
    order."""
    away = sorted(
        (person for person in people if is_away(person)),
        key=lambda person: (person.presence.set_at is None, person.presence.set_at or _EPOCH),
    )
    others = [person for person in people if not is_away(person)]
    return [*away, *others]


def is_stale(employee: EmployeeRecord, now: datetime) -> bool:
    """Their return time has passed and the status still stands: the redirect is out of date."""
    at = employee.presence.return_at
    return at is not None and at < now


def working_days_old(calendar: WorkingCalendar, received: datetime, now: datetime) -> int:
    """How many working days have begun since `received`, by local dates: 0 the day it came
    in, 1 on the next working day, and so on (a weekend in between does not count)."""
    day = received.astimezone(calendar.tz).date()
    today = now.astimezone(calendar.tz).date()
    days = 0
    while day < today:
        day = calendar.next_working_day(day)
        if day <= today:
            days += 1
    return days
