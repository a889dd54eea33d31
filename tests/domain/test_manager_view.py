"""What the manager's screen shows of a unit, apart from drawing: the periods it steps through,
its people in reading order, how old an open inquiry is in working days, its weekly bars."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.manager import PeriodChoice, in_reading_order, is_stale, working_days_old
from reception_tui.domain.periods import Period
from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.tui.screens.manager import weekly_bars

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TODAY = date(2026, 12, 2)  # a Wednesday


def _local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (PeriodChoice.LAST_TWELVE_MONTHS, Period(date(2025, 12, 3), date(2026, 12, 2))),
        (PeriodChoice.THIS_WEEK, Period(date(2026, 11, 30), date(2026, 12, 6))),
        (PeriodChoice.LAST_WEEK, Period(date(2026, 11, 23), date(2026, 11, 29))),
        (PeriodChoice.THIS_MONTH, Period(date(2026, 12, 1), date(2026, 12, 31))),
        (PeriodChoice.LAST_MONTH, Period(date(2026, 11, 1), date(2026, 11, 30))),
        (PeriodChoice.THIS_YEAR, Period(date(2026, 1, 1), date(2026, 12, 31))),
        (PeriodChoice.LAST_YEAR, Period(date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_each_period_choice_is_the_period_its_name_says(
    choice: PeriodChoice, expected: Period
) -> None:
    assert choice.period(TODAY) == expected


def test_period_choices_step_forward_and_back_round_the_list() -> None:
    assert PeriodChoice.LAST_TWELVE_MONTHS.step(1) is PeriodChoice.THIS_WEEK
    assert PeriodChoice.LAST_YEAR.step(1) is PeriodChoice.LAST_TWELVE_MONTHS
    assert PeriodChoice.LAST_TWELVE_MONTHS.step(-1) is PeriodChoice.LAST_YEAR
    for choice in PeriodChoice:
        assert choice.step(1).step(-1) is choice


@pytest.mark.parametrize(
    ("received", "now", "days"),
    [
        (_local(TODAY, 8), _local(TODAY, 16), 0),  # the same day
        (_local(date(2026, 12, 1)), _local(TODAY), 1),  # yesterday
        (_local(date(2026, 11, 27)), _local(TODAY), 3),  # Fri -> Wed: Mon, Tue, Wed
        (_local(date(2026, 11, 28)), _local(date(2026, 11, 30)), 1),  # Sat -> Mon
        (_local(date(2026, 12, 23)), _local(date(2026, 12, 28)), 1),  # Christmas Eve and Day off
        (_local(date(2026, 12, 1), 23, 30), _local(TODAY, 0, 30), 1),  # across midnight
    ],
)
def test_an_open_inquiry_is_as_old_as_the_working_days_begun_since_it_came_in(
    calendar: WorkingCalendar, received: datetime, now: datetime, days: int
) -> None:
    assert working_days_old(calendar, received, now) == days


def _person(
    id_: int, status: str, set_at: datetime | None, return_at: datetime | None = None
) -> EmployeeRecord:
    presence = PresenceRecord(status, return_at, None, None, "", None, set_at, 1)
    return EmployeeRecord(id_, None, f"P{id_}", "X", "", None, "", "", "", "", "", "", True,
                          presence)  # fmt: skip


def test_people_away_come_first_longest_away_first_then_the_rest_in_their_order() -> None:
    people = [
        _person(1, "available", None),
        _person(2, "lunch", _local(TODAY, 11)),
        _person(3, "available", _local(TODAY, 8)),
        _person(4, "sick", _local(TODAY, 8)),
        _person(5, "meeting", None),  # away, since unknown: after those with a time
    ]
    ordered = in_reading_order(people, lambda p: p.presence.status_code != "available")
    assert [p.id for p in ordered] == [4, 2, 5, 1, 3]


def test_a_redirect_is_stale_once_its_return_time_has_passed() -> None:
    back = _local(TODAY, 10)
    person = _person(1, "meeting", _local(TODAY, 9), back)
    assert not is_stale(person, back)
    assert is_stale(person, _local(TODAY, 10, 1))
    assert not is_stale(replace(person, presence=replace(person.presence, return_at=None)),
                        _local(TODAY, 12))  # fmt: skip


@pytest.mark.parametrize(
    ("shares", "rows", "drawn"),
    [
        ([1.0, 0.5, None, 0.0], 1, "█▄ ▁"),
        ([1.0, 0.5, None, 0.0, 0.75], 2, "█   ▄\n██ ▁█"),
        ([], 2, "\n"),
    ],
)
def test_weekly_bars_run_from_zero_to_a_hundred_percent_with_gaps_for_unmeasured_weeks(
    shares: list[float | None], rows: int, drawn: str
) -> None:
    assert weekly_bars(shares, rows).plain == drawn
