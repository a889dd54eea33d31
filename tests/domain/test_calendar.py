"""Working days, office hours and answer deadlines for the Swedish calendar."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from reception_tui.domain.calendar import SEARCH_DAYS, CalendarError, OfficeHours, WorkingCalendar

TZ = ZoneInfo("Europe/Stockholm")
WEEKDAYS = OfficeHours(time(8, 0), time(16, 30))
SHORT_FRIDAY = OfficeHours(time(8, 0), time(15, 0))

# Mon-Fri 08:00-16:30.
PLAIN = WorkingCalendar(TZ, dict.fromkeys(range(5), WEEKDAYS))
# Mon-Thu 08:00-16:30, Fri 08:00-15:00: deadlines on a Friday must use Friday's closing.
SHORT_FRIDAYS = WorkingCalendar(TZ, {**dict.fromkeys(range(4), WEEKDAYS), 4: SHORT_FRIDAY})


def local(text: str) -> datetime:
    """'2026-06-18 10:00' as an aware Stockholm datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


# (received, due) with Mon-Thu closing 16:30 and Friday closing 15:00.
DUE_CASES = [
    pytest.param("2025-04-16 10:00", "2025-04-22 16:30", id="2025-good-friday-and-easter-monday"),
    pytest.param("2025-04-17 10:00", "2025-04-23 16:30", id="2025-maundy-thursday"),
    pytest.param("2025-04-29 10:00", "2025-05-02 15:00", id="2025-first-of-may-thursday"),
    pytest.param("2025-05-27 10:00", "2025-05-30 15:00", id="2025-ascension-thursday"),
    pytest.param("2025-06-04 10:00", "2025-06-09 16:30", id="2025-national-day-friday"),
    pytest.param("2025-06-18 10:00", "2025-06-23 16:30", id="2025-midsommarafton"),
    pytest.param("2025-10-30 10:00", "2025-11-03 16:30", id="2025-all-saints-saturday-no-effect"),
    pytest.param("2025-12-22 10:00", "2025-12-29 16:30", id="2025-julafton-to-annandag"),
    pytest.param("2025-12-30 10:00", "2026-01-05 16:30", id="2025-nyarsafton-and-new-year"),
    pytest.param("2026-01-05 10:00", "2026-01-08 16:30", id="2026-trettondagen-tuesday"),
    pytest.param("2026-04-02 10:00", "2026-04-08 16:30", id="2026-easter"),
    pytest.param("2026-05-13 10:00", "2026-05-18 16:30", id="2026-ascension"),
    pytest.param("2026-06-04 10:00", "2026-06-08 16:30", id="2026-national-day-saturday"),
    pytest.param("2026-06-18 10:00", "2026-06-23 16:30", id="2026-midsommarafton"),
    pytest.param("2026-11-25 23:30", "2026-11-27 15:00", id="2026-late-evening-counts-as-that-day"),
    pytest.param("2026-11-28 12:00", "2026-12-01 16:30", id="2026-saturday-receipt"),
    pytest.param("2026-11-29 12:00", "2026-12-01 16:30", id="2026-sunday-receipt"),
    pytest.param("2026-12-23 10:00", "2026-12-29 16:30", id="2026-julafton-thursday"),
    pytest.param("2026-12-30 10:00", "2027-01-05 16:30", id="2026-nyarsafton-new-year-weekend"),
    pytest.param("2027-01-05 10:00", "2027-01-08 15:00", id="2027-trettondagen-wednesday"),
    pytest.param("2027-03-25 10:00", "2027-03-31 16:30", id="2027-easter"),
    pytest.param("2027-05-04 10:00", "2027-05-07 15:00", id="2027-ascension"),
    pytest.param("2027-12-23 10:00", "2027-12-28 16:30", id="2027-julafton-friday"),
    pytest.param("2027-12-30 10:00", "2028-01-04 16:30", id="2027-nyarsafton-friday"),
    pytest.param("2028-04-13 10:00", "2028-04-19 16:30", id="2028-easter"),
    pytest.param("2028-04-28 10:00", "2028-05-03 16:30", id="2028-first-of-may-monday"),
    pytest.param("2028-05-24 10:00", "2028-05-29 16:30", id="2028-ascension"),
    pytest.param("2028-06-05 10:00", "2028-06-08 16:30", id="2028-national-day-tuesday"),
    pytest.param("2028-06-22 10:00", "2028-06-27 16:30", id="2028-midsommarafton"),
    pytest.param("2028-11-03 10:00", "2028-11-07 16:30", id="2028-all-saints-saturday-no-effect"),
    pytest.param("2028-12-22 10:00", "2028-12-28 16:30", id="2028-christmas-monday-tuesday"),
]


@pytest.mark.parametrize(("received", "due"), DUE_CASES)
def test_due_two_working_days_after_received(received: str, due: str) -> None:
    assert SHORT_FRIDAYS.due_at(local(received)) == local(due)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        pytest.param("2026-06-18 09:00", "2026-06-23 16:30", id="midsommar"),
        pytest.param("2026-12-30 09:00", "2027-01-05 16:30", id="new-year"),
        pytest.param("2026-11-27 10:00", "2026-12-01 16:30", id="friday-to-tuesday"),
    ],
)
def test_due_with_uniform_hours_closes_at_the_same_time(received: str, due: str) -> None:
    assert PLAIN.due_at(local(received)) == local(due)


def test_due_counts_from_the_local_date_not_the_utc_date() -> None:
    # 23:30 UTC on Wednesday is already Thursday in Stockholm.
    received = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert PLAIN.due_at(received) == local("2026-11-30 16:30")


def test_due_is_in_the_calendar_zone() -> None:
    due = PLAIN.due_at(datetime(2026, 6, 18, 8, 0, tzinfo=UTC))
    assert due.tzinfo is TZ


@pytest.mark.parametrize(
    ("answer_days", "received", "due"),
    [
        pytest.param(3, "2026-06-18 10:00", "2026-06-24 16:30", id="three-days-over-midsommar"),
        pytest.param(3, "2026-12-30 10:00", "2027-01-07 16:30", id="three-days-over-trettondagen"),
        pytest.param(1, "2026-06-18 10:00", "2026-06-22 16:30", id="one-day"),
        pytest.param(0, "2026-06-17 10:00", "2026-06-17 16:30", id="zero-days-same-day"),
    ],
)
def test_due_with_other_answer_working_days(answer_days: int, received: str, due: str) -> None:
    calendar = WorkingCalendar(TZ, dict.fromkeys(range(5), WEEKDAYS), answer_days)
    assert calendar.answer_working_days == answer_days
    assert calendar.due_at(local(received)) == local(due)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2026, 6, 17), True, id="ordinary-wednesday"),
        pytest.param(date(2026, 6, 19), False, id="midsommarafton"),
        pytest.param(date(2026, 6, 20), False, id="saturday"),
        pytest.param(date(2026, 6, 21), False, id="sunday"),
        pytest.param(date(2026, 12, 24), False, id="julafton"),
        pytest.param(date(2026, 12, 31), False, id="nyarsafton"),
        pytest.param(date(2027, 1, 6), False, id="trettondagen"),
        pytest.param(date(2027, 3, 26), False, id="good-friday"),
        pytest.param(date(2027, 3, 29), False, id="easter-monday"),
        pytest.param(date(2028, 6, 6), False, id="national-day-tuesday"),
        pytest.param(date(2027, 12, 27), True, id="monday-after-christmas-weekend"),
        pytest.param(date(2026, 12, 23), True, id="day-before-julafton"),
        pytest.param(date(2026, 1, 5), True, id="trettondagsafton-is-a-working-day"),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert PLAIN.is_working_day(day) is working


def test_holiday_name_is_swedish() -> None:
    assert PLAIN.holiday_name(date(2026, 6, 19)) == "Midsommarafton"
    assert PLAIN.holiday_name(date(2026, 6, 17)) is None


def test_sundays_are_not_named_holidays() -> None:
    assert PLAIN.holiday_name(date(2026, 6, 21)) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 6, 17), date(2026, 6, 18), id="wednesday-to-thursday"),
        pytest.param(date(2026, 6, 18), date(2026, 6, 22), id="over-midsommar"),
        pytest.param(date(2026, 11, 27), date(2026, 11, 30), id="friday-to-monday"),
        pytest.param(date(2026, 11, 28), date(2026, 11, 30), id="saturday-to-monday"),
    ],
)
def test_next_working_day_is_strictly_after(day: date, expected: date) -> None:
    assert PLAIN.next_working_day(day) == expected


def test_add_working_days() -> None:
    assert PLAIN.add_working_days(date(2026, 12, 23), 0) == date(2026, 12, 23)
    assert PLAIN.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert PLAIN.add_working_days(date(2026, 12, 23), 4) == date(2027, 1, 4)
    with pytest.raises(ValueError, match="0 or more"):
        PLAIN.add_working_days(date(2026, 12, 23), -1)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param("2026-11-25 07:00", "2026-11-25 08:00", id="before-opening-is-today"),
        pytest.param("2026-11-25 08:00", "2026-11-26 08:00", id="at-opening-is-tomorrow"),
        pytest.param("2026-11-25 10:00", "2026-11-26 08:00", id="during-hours"),
        pytest.param("2026-11-27 15:30", "2026-11-30 08:00", id="after-closing-on-friday"),
        pytest.param("2026-11-28 07:00", "2026-11-30 08:00", id="saturday-morning"),
        pytest.param("2026-06-18 17:00", "2026-06-22 08:00", id="before-midsommar"),
        pytest.param("2026-06-19 07:00", "2026-06-22 08:00", id="holiday-morning"),
        pytest.param("2026-12-23 16:45", "2026-12-28 08:00", id="before-christmas"),
    ],
)
def test_next_opening(at: str, expected: str) -> None:
    assert SHORT_FRIDAYS.next_opening(local(at)) == local(expected)


def test_next_opening_accepts_any_zone() -> None:
    # 06:30 UTC is 07:30 in Stockholm in winter: before opening.
    assert PLAIN.next_opening(datetime(2026, 11, 25, 6, 30, tzinfo=UTC)) == local(
        "2026-11-25 08:00"
    )


def test_next_opening_skips_weekdays_without_hours() -> None:
    no_wednesdays = WorkingCalendar(TZ, {0: WEEKDAYS, 1: WEEKDAYS, 3: WEEKDAYS, 4: WEEKDAYS})
    assert no_wednesdays.next_opening(local("2026-11-24 17:00")) == local("2026-11-26 08:00")


def test_next_opening_without_any_hours_uses_eight_oclock() -> None:
    closed = WorkingCalendar(TZ, {})
    assert closed.next_opening(local("2026-11-27 12:00")) == local("2026-11-30 08:00")
    assert closed.next_opening(local("2026-11-27 07:00")) == local("2026-11-27 08:00")


@pytest.mark.parametrize(
    ("at", "open_"),
    [
        pytest.param("2026-11-25 07:59", False, id="before-opening"),
        pytest.param("2026-11-25 08:00", True, id="at-opening"),
        pytest.param("2026-11-25 16:29", True, id="just-before-closing"),
        pytest.param("2026-11-25 16:30", False, id="at-closing"),
        pytest.param("2026-11-27 15:30", False, id="friday-after-short-closing"),
        pytest.param("2026-11-27 14:59", True, id="friday-before-short-closing"),
        pytest.param("2026-11-28 10:00", False, id="saturday"),
        pytest.param("2026-06-19 10:00", False, id="midsommarafton"),
    ],
)
def test_is_open(at: str, open_: bool) -> None:
    assert SHORT_FRIDAYS.is_open(local(at)) is open_


def test_is_open_converts_to_the_calendar_zone() -> None:
    # 07:30 UTC is 08:30 in Stockholm.
    assert PLAIN.is_open(datetime(2026, 11, 25, 7, 30, tzinfo=UTC))
    assert not PLAIN.is_open(datetime(2026, 11, 25, 6, 30, tzinfo=UTC))


def test_office_hours_on_closed_days_is_none() -> None:
    assert SHORT_FRIDAYS.office_hours_on(date(2026, 11, 27)) == SHORT_FRIDAY
    assert SHORT_FRIDAYS.office_hours_on(date(2026, 11, 28)) is None
    assert SHORT_FRIDAYS.office_hours_on(date(2026, 6, 19)) is None
    no_wednesdays = WorkingCalendar(TZ, {0: WEEKDAYS, 1: WEEKDAYS})
    assert no_wednesdays.office_hours_on(date(2026, 11, 25)) is None


def test_office_window_is_the_days_hours_in_utc_and_none_when_closed() -> None:
    # Winter time (UTC+1) on Friday 27 March 2026, summer time (UTC+2) from Monday 30 March.
    friday, monday = date(2026, 3, 27), date(2026, 3, 30)
    assert SHORT_FRIDAYS.office_window(friday) == (
        datetime(2026, 3, 27, 7, 0, tzinfo=UTC),
        datetime(2026, 3, 27, 14, 0, tzinfo=UTC),
    )
    assert PLAIN.office_window(monday) == (
        datetime(2026, 3, 30, 6, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 14, 30, tzinfo=UTC),
    )
    assert PLAIN.office_window(date(2026, 3, 28)) is None  # Saturday
    assert PLAIN.office_window(date(2026, 6, 19)) is None  # midsommarafton
    assert PLAIN.office_window(monday) is PLAIN.office_window(monday)  # memoised


def test_opening_and_closing_on_a_day_without_hours_fall_back_to_the_week() -> None:
    early_monday = WorkingCalendar(
        TZ, {0: OfficeHours(time(7, 30), time(15, 0)), 1: OfficeHours(time(9, 0), time(18, 0))}
    )
    saturday = date(2026, 11, 28)
    assert early_monday.opening_on(saturday) == local("2026-11-28 07:30")
    assert early_monday.closing_on(saturday) == local("2026-11-28 18:00")
    assert SHORT_FRIDAYS.closing_on(date(2026, 11, 27)) == local("2026-11-27 15:00")


def test_opening_and_closing_without_any_hours() -> None:
    closed = WorkingCalendar(TZ, {})
    assert closed.opening_on(date(2026, 11, 25)) == local("2026-11-25 08:00")
    assert closed.closing_on(date(2026, 11, 25)) == local("2026-11-25 17:00")


@pytest.mark.parametrize(
    ("opens", "closes"),
    [
        pytest.param(time(16, 30), time(8, 0), id="reversed"),
        pytest.param(time(8, 0), time(8, 0), id="empty"),
    ],
)
def test_office_hours_must_open_before_closing(opens: time, closes: time) -> None:
    with pytest.raises(ValueError, match="open before they close"):
        OfficeHours(opens, closes)


def test_calendar_rejects_unknown_weekdays_and_negative_answer_days() -> None:
    with pytest.raises(ValueError, match="weekday"):
        WorkingCalendar(TZ, {7: WEEKDAYS})
    with pytest.raises(ValueError, match="answer_working_days"):
        WorkingCalendar(TZ, {}, answer_working_days=-1)


def test_due_at_many_receipts_stays_consistent() -> None:
    received = local("2026-06-18 10:00")
    first = PLAIN.due_at(received)
    assert all(PLAIN.due_at(received) == first for _ in range(1000))


# --- searches that find nothing ------------------------------------------------------------

# Hours on Saturday and Sunday only: never open on a working day.
WEEKENDS_ONLY = WorkingCalendar(TZ, dict.fromkeys((5, 6), OfficeHours(time(10, 0), time(14, 0))))


def test_a_calendar_open_only_on_weekends_has_no_next_opening() -> None:
    with pytest.raises(CalendarError) as caught:
        WEEKENDS_ONLY.next_opening(local("2026-11-27 12:00"))
    assert str(caught.value) == (
        f"no office opening within {SEARCH_DAYS} days after 2026-11-27:"
        " no weekday from Monday to Friday has office hours"
    )


def test_a_calendar_open_only_on_weekends_still_counts_working_days() -> None:
    # Working days are Monday to Friday whatever the hours; only openings need hours.
    assert WEEKENDS_ONLY.next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)
    assert WEEKENDS_ONLY.due_at(local("2026-11-27 12:00")).date() == date(2026, 12, 1)


def test_add_working_days_further_than_the_search_span_gives_up() -> None:
    assert PLAIN.add_working_days(date(2026, 1, 1), 400) == date(2027, 8, 5)
    with pytest.raises(CalendarError, match=f"no 600 working days within {SEARCH_DAYS} days"):
        PLAIN.add_working_days(date(2026, 1, 1), 600)


@pytest.mark.parametrize(
    "search",
    [
        pytest.param(lambda: PLAIN.next_working_day(date.max), id="next-working-day"),
        pytest.param(lambda: PLAIN.add_working_days(date(9999, 12, 30), 2), id="add-working-days"),
        pytest.param(
            lambda: PLAIN.next_opening(datetime(9999, 12, 31, 18, 0, tzinfo=TZ)), id="next-opening"
        ),
    ],
)
def test_searches_stop_at_the_end_of_the_calendar(search: Callable[[], object]) -> None:
    with pytest.raises(CalendarError, match="after 9999-12-"):
        search()


def test_calendar_error_is_a_value_error() -> None:
    assert issubclass(CalendarError, ValueError)


def test_the_calendar_knows_swedish_holidays_without_loading_every_country() -> None:
    # Every country's module would cost a fifth of a second before the desk's first frame.
    code = (
        "import sys\n"
        "from datetime import date, time\n"
        "from zoneinfo import ZoneInfo\n"
        "from reception_tui.domain.calendar import OfficeHours, WorkingCalendar\n"
        "hours = dict.fromkeys(range(5), OfficeHours(time(8), time(17)))\n"
        "calendar = WorkingCalendar(ZoneInfo('Europe/Stockholm'), hours)\n"
        "assert not calendar.is_working_day(date(2026, 6, 19)), 'midsommarafton'\n"
        "assert calendar.is_working_day(date(2026, 6, 22))\n"
        "print(sorted(name for name in sys.modules if name.startswith('holidays.countries')))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert loaded.stdout.strip() == "['holidays.countries.sweden']"


def test_holidays_imported_in_full_afterwards_has_the_same_sweden() -> None:
    import holidays.countries

    from reception_tui.domain import calendar

    assert calendar._sweden() is holidays.countries.Sweden
