"""Periods of the follow-up: which dates "last month" or "the last 12 months" cover."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from reception_tui.domain.periods import Period, PeriodError
from reception_tui.words import say

# Wednesday 8 April 2026, the week after Easter.
TODAY = date(2026, 4, 8)

PERIODS = [
    # Week 15 of 2026 runs Monday 6 April (Easter Monday) to Sunday 12 April.
    pytest.param(Period.this_week, TODAY, date(2026, 4, 6), date(2026, 4, 12), id="this-week"),
    # Week 14: Monday 30 March to Sunday 5 April (Easter Day).
    pytest.param(Period.last_week, TODAY, date(2026, 3, 30), date(2026, 4, 5), id="last-week"),
    pytest.param(Period.this_month, TODAY, date(2026, 4, 1), date(2026, 4, 30), id="this-month"),
    pytest.param(Period.last_month, TODAY, date(2026, 3, 1), date(2026, 3, 31), id="last-month"),
    # January's last month is the December before.
    pytest.param(
        Period.last_month, date(2026, 1, 15), date(2025, 12, 1), date(2025, 12, 31),
        id="last-month-across-new-year",
    ),
    # 2028 is a leap year: February has 29 days.
    pytest.param(
        Period.this_month, date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29),
        id="this-month-leap-february",
    ),
    pytest.param(Period.this_year, TODAY, date(2026, 1, 1), date(2026, 12, 31), id="this-year"),
    pytest.param(Period.last_year, TODAY, date(2025, 1, 1), date(2025, 12, 31), id="last-year"),
    # The day after 8 April 2025 up to today: 365 days.
    pytest.param(
        Period.last_twelve_months, TODAY, date(2025, 4, 9), date(2026, 4, 8), id="last-12-months"
    ),
    # A year before 29 February 2028 has no 29th; the period starts on 1 March 2027.
    pytest.param(
        Period.last_twelve_months, date(2028, 2, 29), date(2027, 3, 1), date(2028, 2, 29),
        id="last-12-months-from-leap-day",
    ),
    # On a Sunday, this week is the one ending today.
    pytest.param(
        Period.this_week, date(2026, 4, 12), date(2026, 4, 6), date(2026, 4, 12),
        id="this-week-on-sunday",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("make", "today", "start", "end"), PERIODS)
def test_a_named_period_covers_the_dates_counted_by_hand(
    make: Callable[[date], Period], today: date, start: date, end: date
) -> None:
    assert make(today) == Period(start, end)


def test_the_last_twelve_months_are_a_year_of_days() -> None:
    assert Period.last_twelve_months(TODAY).days == 365
    assert Period.last_twelve_months(date(2028, 2, 29)).days == 366


def test_a_range_includes_both_of_its_dates() -> None:
    period = Period.between(date(2026, 4, 3), date(2026, 4, 6))
    assert date(2026, 4, 3) in period
    assert date(2026, 4, 6) in period
    assert date(2026, 4, 2) not in period
    assert date(2026, 4, 7) not in period
    assert period.days == 4


def test_a_range_of_one_day_is_a_period() -> None:
    assert Period.between(TODAY, TODAY).days == 1


def test_a_range_ending_before_it_starts_is_refused_with_a_code() -> None:
    with pytest.raises(PeriodError) as raised:
        Period.between(date(2026, 4, 6), date(2026, 4, 3))
    assert raised.value.code == "period_ends_before_start"
    assert (
        say("en", raised.value) == "the period ends on 2026-04-03, before it starts on 2026-04-06"
    )
    assert say("sv", raised.value) == "perioden slutar 2026-04-03, innan den börjar 2026-04-06"
