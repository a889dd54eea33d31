"""Reading return times and received times typed at the desk, in Swedish and English."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.returns import (
    ReturnTimeError,
    describe_return,
    parse_received_time,
    parse_return_time,
)
from reception_tui.words import say

TZ = ZoneInfo("Europe/Stockholm")
CALENDAR = WorkingCalendar(TZ, dict.fromkeys(range(5), OfficeHours(time(8, 0), time(16, 30))))


def local(text: str) -> datetime:
    """'2026-12-02 10:15' as an aware Stockholm datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def by_text(rows: list[tuple[str, str]]) -> list[object]:
    """Parametrize rows of (text, expected), each named after its text."""
    return [pytest.param(text, expected, id=repr(text[:20])) for text, expected in rows]


WEDNESDAY = local("2026-12-02 10:15")
FRIDAY_AFTERNOON = local("2026-12-04 15:00")

# Every case is read at WEDNESDAY (Wednesday 2 December 2026, 10:15).
WEDNESDAY_CASES = [
    # Clock times still ahead today.
    ("13", "2026-12-02 13:00"),
    ("13:30", "2026-12-02 13:30"),
    ("13.30", "2026-12-02 13:30"),
    ("1330", "2026-12-02 13:30"),
    ("kl 13", "2026-12-02 13:00"),
    ("kl. 13:30", "2026-12-02 13:30"),
    ("kl.13", "2026-12-02 13:00"),
    ("klockan 13", "2026-12-02 13:00"),
    ("  KL 13  ", "2026-12-02 13:00"),
    ("2pm", "2026-12-02 14:00"),
    ("2:30pm", "2026-12-02 14:30"),
    ("2 PM", "2026-12-02 14:00"),
    ("12pm", "2026-12-02 12:00"),
    ("10:16", "2026-12-02 10:16"),
    # Clock times already passed today: the next working day.
    ("930", "2026-12-03 09:30"),
    ("9am", "2026-12-03 09:00"),
    ("10:15", "2026-12-03 10:15"),
    ("08", "2026-12-03 08:00"),
    ("0", "2026-12-03 00:00"),
    ("12am", "2026-12-03 00:00"),
    # Relative days.
    ("idag 15", "2026-12-02 15:00"),
    ("today 15", "2026-12-02 15:00"),
    ("i dag kl 16", "2026-12-02 16:00"),
    ("imorgon", "2026-12-03 08:00"),
    ("i morgon", "2026-12-03 08:00"),
    ("IMORGON", "2026-12-03 08:00"),
    ("imorgon 8", "2026-12-03 08:00"),
    ("i morgon 08:15", "2026-12-03 08:15"),
    ("imorgon kl 13", "2026-12-03 13:00"),
    ("13 imorgon", "2026-12-03 13:00"),
    ("tomorrow", "2026-12-03 08:00"),
    ("tomorrow 9", "2026-12-03 09:00"),
    ("Tomorrow at 9", "2026-12-03 09:00"),
    ("övermorgon", "2026-12-04 08:00"),
    # Weekdays: the next such day strictly after today.
    ("mån", "2026-12-07 08:00"),
    ("måndag", "2026-12-07 08:00"),
    ("MÅNDAG 10", "2026-12-07 10:00"),
    ("man", "2026-12-07 08:00"),
    ("mandag", "2026-12-07 08:00"),
    ("mån.", "2026-12-07 08:00"),
    ("tis", "2026-12-08 08:00"),
    ("tisdag", "2026-12-08 08:00"),
    ("ons", "2026-12-09 08:00"),
    ("onsdag", "2026-12-09 08:00"),
    ("tors", "2026-12-03 08:00"),
    ("tor", "2026-12-03 08:00"),
    ("torsdag 14", "2026-12-03 14:00"),
    ("fre", "2026-12-04 08:00"),
    ("fredag", "2026-12-04 08:00"),
    ("lör", "2026-12-05 08:00"),
    ("lördag", "2026-12-05 08:00"),
    ("lordag", "2026-12-05 08:00"),
    ("sön", "2026-12-06 08:00"),
    ("söndag", "2026-12-06 08:00"),
    ("sondag", "2026-12-06 08:00"),
    ("monday", "2026-12-07 08:00"),
    ("mon", "2026-12-07 08:00"),
    ("monday 10:30", "2026-12-07 10:30"),
    ("wednesday", "2026-12-09 08:00"),
    ("thu 9am", "2026-12-03 09:00"),
    ("sunday", "2026-12-06 08:00"),
    # Offsets from now.
    ("+30m", "2026-12-02 10:45"),
    ("+30 min", "2026-12-02 10:45"),
    ("+2h", "2026-12-02 12:15"),
    ("+2t", "2026-12-02 12:15"),
    ("+1h30m", "2026-12-02 11:45"),
    ("+1d", "2026-12-03 10:15"),
    ("+366d", "2027-12-03 10:15"),
    ("om 30 min", "2026-12-02 10:45"),
    ("om 2 timmar", "2026-12-02 12:15"),
    ("in 2 hours", "2026-12-02 12:15"),
    # Dates.
    ("2026-12-03", "2026-12-03 08:00"),
    ("2026-12-03 10:00", "2026-12-03 10:00"),
    ("2026-12-03T10:00", "2026-12-03 10:00"),
    ("3/12", "2026-12-03 08:00"),
    ("3/12 10:00", "2026-12-03 10:00"),
    ("3/12/2026", "2026-12-03 08:00"),
    ("2/12 11", "2026-12-02 11:00"),
    ("2/12 09:00", "2027-12-02 09:00"),
    ("1/12", "2027-12-01 08:00"),
    ("3 dec", "2026-12-03 08:00"),
    ("3 december", "2026-12-03 08:00"),
    ("3 dec 10", "2026-12-03 10:00"),
    ("3 Dec. 10:30", "2026-12-03 10:30"),
    ("15 jan", "2027-01-15 08:00"),
    ("6 januari 10", "2027-01-06 10:00"),
    ("3 maj", "2027-05-03 08:00"),
    ("1 may", "2027-05-01 08:00"),
    ("31 okt", "2027-10-31 08:00"),
    ("31 oct", "2027-10-31 08:00"),
    ("december 3", "2026-12-03 08:00"),
    ("dec 3 10:00", "2026-12-03 10:00"),
    ("jan 15", "2027-01-15 08:00"),
    ("3 dec kl 1030", "2026-12-03 10:30"),
    # Dates with a month name and a year.
    ("3 dec 2026", "2026-12-03 08:00"),
    ("3 december 2026 10:00", "2026-12-03 10:00"),
    ("Dec. 3, 2026", "2026-12-03 08:00"),
    ("15 januari 2027 kl 9", "2027-01-15 09:00"),
    ("3/12 2026", "2026-12-03 08:00"),
    # A date that has its year already: four digits after it are a clock time.
    ("2026-12-03 1030", "2026-12-03 10:30"),
    # The next office opening.
    ("nästa arbetsdag", "2026-12-03 08:00"),
    ("Nästa Arbetsdag", "2026-12-03 08:00"),
    ("next working day", "2026-12-03 08:00"),
]


@pytest.mark.parametrize(("text", "expected"), by_text(WEDNESDAY_CASES))
def test_return_time_read_on_wednesday_morning(text: str, expected: str) -> None:
    result = parse_return_time(text, WEDNESDAY, CALENDAR)
    assert result == local(expected)
    assert result.tzinfo is TZ


FRIDAY_CASES = [
    ("9", "2026-12-07 09:00"),
    ("15:00", "2026-12-07 15:00"),
    ("kl 14", "2026-12-07 14:00"),
    ("16", "2026-12-04 16:00"),
    ("idag 16:30", "2026-12-04 16:30"),
    ("imorgon", "2026-12-05 08:00"),
    ("sön 12", "2026-12-06 12:00"),
    ("fre", "2026-12-11 08:00"),
    ("nästa arbetsdag", "2026-12-07 08:00"),
    ("+1h", "2026-12-04 16:00"),
]


@pytest.mark.parametrize(("text", "expected"), by_text(FRIDAY_CASES))
def test_passed_clock_time_on_friday_means_the_next_working_day(text: str, expected: str) -> None:
    assert parse_return_time(text, FRIDAY_AFTERNOON, CALENDAR) == local(expected)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        pytest.param("2026-06-18 17:00", "9", "2026-06-22 09:00", id="passed-skips-midsommar"),
        pytest.param("2026-06-18 17:00", "nästa arbetsdag", "2026-06-22 08:00", id="midsommar"),
        pytest.param("2026-06-18 17:00", "imorgon", "2026-06-19 08:00", id="tomorrow-is-literal"),
        pytest.param("2026-12-02 07:00", "next working day", "2026-12-02 08:00", id="early"),
        pytest.param("2026-12-31 10:00", "3/1", "2027-01-03 08:00", id="date-in-next-year"),
        pytest.param("2028-02-01 10:00", "29/2", "2028-02-29 08:00", id="leap-day"),
    ],
)
def test_return_time_around_holidays_and_years(now: str, text: str, expected: str) -> None:
    assert parse_return_time(text, local(now), CALENDAR) == local(expected)


def test_offsets_are_exact_across_daylight_saving() -> None:
    # Summer time starts 2026-03-29 02:00: 24 hours later shows one hour more on the clock.
    now = local("2026-03-28 12:00")
    assert parse_return_time("+1d", now, CALENDAR) == local("2026-03-29 13:00")
    assert parse_return_time("+24h", now, CALENDAR) == local("2026-03-29 13:00")
    assert parse_return_time("imorgon 12", now, CALENDAR) == local("2026-03-29 12:00")


def test_offsets_from_a_utc_now_come_back_in_the_calendar_zone() -> None:
    result = parse_return_time("+30m", datetime(2026, 12, 2, 9, 15, tzinfo=UTC), CALENDAR)
    assert result == local("2026-12-02 10:45")
    assert result.tzinfo is TZ


ERROR_CASES = [
    ("", "write a time"),
    ("   ", "write a time"),
    ("xyz", "write a time (13, 13:30, at 13)"),
    ("kl", "write a time"),
    ("13 14", "write a time"),
    ("1 2 3 4 5 6 7 8", "write a time"),
    ("nu", "write a time"),
    ("25:00", "hours are 0-23"),
    ("24:00", "hours are 0-23"),
    ("25", "hours are 0-23"),
    ("imorgon 25", "hours are 0-23"),
    ("13:75", "minutes are 0-59"),
    ("måndag 13:60", "minutes are 0-59"),
    ("13pm", "1-12"),
    ("0am", "1-12"),
    ("31/2", "does not exist"),
    ("30 feb", "does not exist"),
    ("2026-02-30", "does not exist"),
    ("3/13", "no month 13"),
    ("2020-01-01", "has already passed"),
    ("2020-01-01 10:00", "has already passed"),
    ("idag 8", "has already passed"),
    ("today 10:15", "has already passed"),
    ("idag", "has already passed"),
    ("igår 15", "has already passed"),
    ("+0m", "more than zero"),
    ("+0h0m", "more than zero"),
    ("+30", "needs a unit"),
    ("+5x", "not a unit"),
    ("+367d", "more than a year ahead"),
    ("+8785h", "more than a year ahead"),
    ("+999999999999d", "more than a year ahead"),
    ("+" + "9" * 5000 + "m", "more than a year ahead"),
    ("2027-12-31", "more than a year ahead"),
    ("9999-12-31 10:00", "more than a year ahead"),
    ("29/2", "more than a year ahead"),
    ("3 dec 2025", "2025-12-03 has already passed"),
    ("4 dec 2027", "2027-12-04 08:00 is more than a year ahead"),
    ("30 feb 2027", "does not exist"),
    ("3 dec 1930", "1930-12-03 has already passed"),
]


@pytest.mark.parametrize(("text", "message"), by_text(ERROR_CASES))
def test_unusable_return_time_says_what_is_expected(text: str, message: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, WEDNESDAY, CALENDAR)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["3 dec 2027", "3 december 2027", "3 Dec. 2027", "dec 3 2027", "December 3, 2027", "3/12 2027"],
)
def test_four_digits_after_a_date_are_its_year_never_a_clock_time(text: str) -> None:
    # Read at 10:15 on 2 December 2026: 3 December 2027 is just within a year ahead.
    assert parse_return_time(text, WEDNESDAY, CALENDAR) == local("2027-12-03 08:00")


def test_four_digits_after_a_date_are_a_year_only_from_1900_to_2999() -> None:
    # "1030" is no year anyone means: 10:30. "1930" could be either, and is never read as a
    # time; the message shows how it was read, so the fix (19:30) is plain.
    assert parse_return_time("3/12 1030", WEDNESDAY, CALENDAR) == local("2026-12-03 10:30")
    with pytest.raises(ReturnTimeError, match="1930-12-03 has already passed"):
        parse_return_time("3/12 1930", WEDNESDAY, CALENDAR)


# Summer time starts on Sunday 2027-03-28: the clocks go from 02:00 straight to 03:00.
SATURDAY_BEFORE_SUMMER_TIME = local("2027-03-27 12:00")
SKIPPED = "2027-03-28 02:30 does not exist: the clocks go forward from 02:00 to 03:00 that night"


@pytest.mark.parametrize(
    "text", ["2027-03-28 02:30", "28/3 02:30", "28 mar 2027 02:30", "sön 02:30", "imorgon 2:30"]
)
def test_return_time_the_clocks_skip_is_refused_saying_what_to_write(text: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, SATURDAY_BEFORE_SUMMER_TIME, CALENDAR)
    assert SKIPPED in str(caught.value)
    assert "write a time before 02:00 or from 03:00" in str(caught.value)


def test_a_bare_clock_time_the_clocks_skip_tonight_is_refused() -> None:
    with pytest.raises(ReturnTimeError, match=SKIPPED):
        parse_return_time("2:30", local("2027-03-28 01:00"), CALENDAR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("imorgon 01:59", datetime(2027, 3, 28, 1, 59, tzinfo=timezone(timedelta(hours=1)))),
        ("imorgon 03:00", datetime(2027, 3, 28, 3, 0, tzinfo=timezone(timedelta(hours=2)))),
        ("+14h", datetime(2027, 3, 28, 3, 0, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_times_either_side_of_the_skipped_hour_are_read(text: str, expected: datetime) -> None:
    assert parse_return_time(text, SATURDAY_BEFORE_SUMMER_TIME, CALENDAR) == expected


def test_the_skipped_hour_is_worked_out_from_the_time_zone() -> None:
    # Lord Howe Island puts its clocks forward by half an hour, at 02:00.
    zone = ZoneInfo("Australia/Lord_Howe")
    every_day = WorkingCalendar(zone, dict.fromkeys(range(7), OfficeHours(time(8), time(16))))
    now = datetime(2027, 9, 1, 12, 0, tzinfo=zone)
    with pytest.raises(ReturnTimeError, match="from 02:00 to 02:30 that night"):
        parse_return_time("2027-10-03 02:10", now, every_day)


WEEKENDS_ONLY = WorkingCalendar(TZ, dict.fromkeys((5, 6), OfficeHours(time(10, 0), time(14, 0))))


def test_a_calendar_that_never_opens_on_a_working_day_gives_a_return_time_error() -> None:
    with pytest.raises(ReturnTimeError, match="no office opening within 732 days"):
        parse_return_time("nästa arbetsdag", WEDNESDAY, WEEKENDS_ONLY)


def test_return_time_error_is_a_value_error() -> None:
    assert issubclass(ReturnTimeError, ValueError)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse_return_time("13", datetime(2026, 12, 2, 10, 15), CALENDAR)


# --- Properties ---------------------------------------------------------------------------------

NOWS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(TZ)
)

CLOCK_WORDS = ["kl", "kl.", "klockan", "at", "am", "pm", "p.m.", ":", ".", "T", "Z"]
DAY_WORDS = ["idag", "i", "dag", "imorgon", "morgon", "tomorrow", "today", "igår", "övermorgon"]
WEEKDAY_WORDS = ["mån", "måndag", "monday", "tis", "tors", "fre", "lör", "sön", "sat"]
DATE_WORDS = ["dec", "december", "maj", "feb", "/", "-"]
OFFSET_WORDS = ["+", "om", "in", "m", "min", "h", "t", "d", "timmar", "hours", "dagar"]
ODD_WORDS = ["nästa arbetsdag", "next working day", "nu", "å", "\u00a0", "\n"]
TOKENS = st.one_of(
    st.sampled_from(
        CLOCK_WORDS + DAY_WORDS + WEEKDAY_WORDS + DATE_WORDS + OFFSET_WORDS + ODD_WORDS
    ),
    st.integers(min_value=0, max_value=99).map(str),
    st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}"),
    st.integers(min_value=0, max_value=10**30).map(str),
    st.integers(min_value=1, max_value=9999).map(lambda n: f"{n:04d}"),
)
SEPARATORS = st.sampled_from(["", " ", "  ", ":", "/", "-"])
GRAMMAR = st.lists(st.tuples(TOKENS, SEPARATORS), min_size=1, max_size=7).map(
    lambda parts: "".join(token + sep for token, sep in parts).strip()
)
SHAPES = st.from_regex(
    r"\A(\+|om |kl |imorgon |mån |)[0-9]{1,12}([:./ -][0-9]{1,4}){0,3}( ?[a-zåäö]{1,9})?\Z"
)


def numbers(top: int) -> st.SearchStrategy[str]:
    return st.integers(min_value=0, max_value=top).map(str)


# Well-formed pieces with values out of range too, so that the checks behind each shape run.
CLOCKS = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(["", "kl ", "kl. ", "klockan ", "at "]),
    numbers(30),
    st.one_of(st.just(""), st.builds("{}{}".format, st.sampled_from([":", ".", ""]), numbers(99))),
    st.sampled_from(["", "am", " pm", ":00"]),
)
DAYS = st.one_of(
    st.sampled_from([*DAY_WORDS, *WEEKDAY_WORDS, "i morgon", "nästa arbetsdag"]),
    st.builds("{}/{}".format, numbers(40), numbers(14)),
    st.builds("{} {}".format, numbers(40), st.sampled_from(["jan", "feb", "maj", "okt", "dec"])),
    st.builds("{} {}".format, st.sampled_from(["jan", "mars", "maj", "december"]), numbers(40)),
    st.builds(
        "{} {} {:04d}".format,
        numbers(40),
        st.sampled_from(["jan", "mar", "okt", "dec."]),
        st.integers(0, 9999),
    ),
    st.builds("{}/{} {:04d}".format, numbers(32), numbers(13), st.integers(0, 9999)),
    st.builds("{:04d}-{}-{}".format, st.integers(0, 9999), numbers(13), numbers(32)),
    st.builds("{}/{}/{}".format, numbers(32), numbers(13), st.integers(1, 9999)),
)
OFFSETS = st.builds(
    "{}{}".format,
    st.sampled_from(["+", "om ", "in ", "+ "]),
    st.lists(
        st.builds("{}{}".format, numbers(10**20), st.sampled_from([*OFFSET_WORDS, "x", " min"])),
        min_size=1,
        max_size=3,
    ).map("".join),
)
STRUCTURED = st.one_of(
    CLOCKS,
    DAYS,
    OFFSETS,
    st.builds("{} {}".format, DAYS, CLOCKS),
    st.builds("{} {}".format, CLOCKS, DAYS),
)


def check_return_time(text: str, now: datetime) -> None:
    try:
        result = parse_return_time(text, now, CALENDAR)
    except ReturnTimeError as error:
        assert str(error)
        return
    assert result.tzinfo is not None
    assert result.tzinfo is TZ
    assert now < result <= now + timedelta(days=366)
    assert_the_clocks_show(result)


def assert_the_clocks_show(moment: datetime) -> None:
    """`moment` is a wall time that exists, not one in the hour skipped in spring."""
    assert moment.astimezone(UTC).astimezone(TZ).replace(tzinfo=None) == moment.replace(tzinfo=None)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), now=NOWS)
def test_any_text_is_a_future_time_or_a_return_time_error(text: str, now: datetime) -> None:
    check_return_time(text, now)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(STRUCTURED, GRAMMAR, SHAPES), now=NOWS)
def test_time_like_text_is_a_future_time_or_a_return_time_error(text: str, now: datetime) -> None:
    check_return_time(text, now)


@settings(max_examples=300, deadline=None)
@given(hour=st.integers(0, 23), minute=st.integers(0, 59), now=NOWS)
def test_clock_time_is_today_or_the_next_working_day(hour: int, minute: int, now: datetime) -> None:
    today = now.date()
    try:
        result = parse_return_time(f"{hour:02d}:{minute:02d}", now, CALENDAR)
    except ReturnTimeError:
        # Only a time the clocks skip that night (spring forward) is refused.
        days = (today, CALENDAR.next_working_day(today))
        assert any(_skipped(datetime.combine(day, time(hour, minute))) for day in days)
        return
    assert (result.hour, result.minute) == (hour, minute)
    if result.date() == today:
        assert result > now
    else:
        assert result.date() == CALENDAR.next_working_day(today)
        assert datetime.combine(today, time(hour, minute), tzinfo=TZ) <= now


# --- Received times -----------------------------------------------------------------------------

RECEIVED_NOW = local("2026-12-02 11:00")

RECEIVED_CASES = [
    ("10:42", "2026-12-02 10:42"),
    ("1042", "2026-12-02 10:42"),
    ("10.42", "2026-12-02 10:42"),
    ("kl 10", "2026-12-02 10:00"),
    ("11:05", "2026-12-02 11:05"),
    ("idag 8", "2026-12-02 08:00"),
    ("igår 15:10", "2026-12-01 15:10"),
    ("i går 9", "2026-12-01 09:00"),
    ("IGAR 15:10", "2026-12-01 15:10"),
    ("yesterday 15:10", "2026-12-01 15:10"),
    ("yesterday 3pm", "2026-12-01 15:00"),
    ("2026-11-27 15:10", "2026-11-27 15:10"),
    ("2026-11-27T15:10", "2026-11-27 15:10"),
    ("27/11 15:10", "2026-11-27 15:10"),
    ("27 nov 15:10", "2026-11-27 15:10"),
    ("3/12 09:00", "2025-12-03 09:00"),
    ("måndag 9", "2026-11-30 09:00"),
    ("ons 10", "2026-12-02 10:00"),
    ("ons 11:04", "2026-12-02 11:04"),
    ("ons 11:30", "2026-11-25 11:30"),
    ("27 nov 2026 15:10", "2026-11-27 15:10"),
    ("november 27 15:10", "2026-11-27 15:10"),
    ("3 dec 2025 09:00", "2025-12-03 09:00"),
    ("nu", "2026-12-02 11:00"),
    ("NOW", "2026-12-02 11:00"),
]


@pytest.mark.parametrize(("text", "expected"), by_text(RECEIVED_CASES))
def test_received_time(text: str, expected: str) -> None:
    result = parse_received_time(text, RECEIVED_NOW, CALENDAR)
    assert result == local(expected)
    assert result.tzinfo is TZ


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        pytest.param("2026-11-27T15:10:00+01:00", timedelta(hours=1), id="plus-one"),
        pytest.param("2026-11-27T14:10:00Z", timedelta(0), id="utc"),
        pytest.param("2026-11-27T09:10:00-05:00", timedelta(hours=-5), id="minus-five"),
        pytest.param("2026-11-27 15:10+0100", timedelta(hours=1), id="compact-offset"),
    ],
)
def test_received_iso_time_keeps_its_offset(text: str, offset: timedelta) -> None:
    result = parse_received_time(text, RECEIVED_NOW, CALENDAR)
    assert result == local("2026-11-27 15:10")
    assert result.utcoffset() == offset


RECEIVED_ERRORS = [
    ("", "write a time"),
    ("xyz", "write a time"),
    ("11:06", "received time is in the future"),
    ("12:00", "received time is in the future"),
    ("imorgon 9", "received time is in the future"),
    ("2027-01-01 10:00", "received time is in the future"),
    ("2026-12-02T12:00:00+01:00", "received time is in the future"),
    ("9999-12-31T23:59:59+01:00", "received time is in the future"),
    ("igår", "needs a time of day"),
    ("25:00", "hours are 0-23"),
    ("31/2 10:00", "does not exist"),
    ("2020-01-01 10:00", "more than a year ago"),
    ("0001-01-01T00:00+01:00", "more than a year ago"),
    ("2026-11-27T15:10:00+25:00", "not a valid date and time"),
    ("27 nov 2026", "needs a time of day"),
    ("3 dec 2026 09:00", "received time is in the future"),
    ("27/11 2025", "needs a time of day too (read as the day 2025-11-27)"),
]


SWEDISH_ERRORS = [
    ("25:00", "25 är ingen timme: timmarna går från 0 till 23"),
    ("banan", "kunde inte läsa 'banan': skriv en tid (13, 13:30, kl 13)"),
    ("+30", "'+30' behöver en enhet"),
    ("2020-01-01", "2020-01-01 har redan varit"),
    ("+367d", "ligger mer än ett år fram"),
]


@pytest.mark.parametrize(("text", "message"), by_text(SWEDISH_ERRORS))
def test_unusable_return_time_is_worded_in_swedish(text: str, message: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, WEDNESDAY, CALENDAR)
    assert message in say("sv", caught.value)


def test_return_time_that_never_comes_says_why_in_swedish() -> None:
    weekends_only = WorkingCalendar(TZ, {5: OfficeHours(time(10), time(14))})
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time("nästa arbetsdag", WEDNESDAY, weekends_only)
    assert say("sv", caught.value).startswith("kontoret öppnar inte inom 732 dagar")


@pytest.mark.parametrize(("text", "message"), by_text(RECEIVED_ERRORS))
def test_unusable_received_time_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_received_time(text, RECEIVED_NOW, CALENDAR)
    assert message in str(caught.value)


@pytest.mark.parametrize("text", ["02:30", "idag 02:30", "2027-03-28 02:30", "sön 2:30"])
def test_received_time_the_clocks_skip_is_refused(text: str) -> None:
    with pytest.raises(ReturnTimeError, match=SKIPPED):
        parse_received_time(text, local("2027-03-28 12:00"), CALENDAR)


def test_received_time_with_an_offset_inside_the_skipped_hour_is_kept_as_given() -> None:
    # An offset names one instant (01:30 UTC), whatever the local clocks showed.
    result = parse_received_time("2027-03-28T02:30+01:00", local("2027-03-28 12:00"), CALENDAR)
    assert result == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)


ISO_WITH_OFFSET = (
    r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:?[0-9]{2})\Z"
)


def check_received_time(text: str, now: datetime) -> None:
    try:
        result = parse_received_time(text, now, CALENDAR)
    except ReturnTimeError as error:
        assert str(error)
        return
    assert result.tzinfo is not None
    assert now - timedelta(days=366) <= result <= now + timedelta(minutes=5)
    if result.tzinfo is TZ:
        assert_the_clocks_show(result)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), now=NOWS)
def test_any_text_is_a_past_time_or_a_return_time_error(text: str, now: datetime) -> None:
    check_received_time(text, now)


@settings(max_examples=500, deadline=None)
@given(
    text=st.one_of(
        STRUCTURED,
        GRAMMAR,
        SHAPES,
        st.from_regex(ISO_WITH_OFFSET),
    ),
    now=NOWS,
)
def test_time_like_text_is_a_past_time_or_a_return_time_error(text: str, now: datetime) -> None:
    check_received_time(text, now)


def _skipped(wall: datetime) -> bool:
    """Whether a wall-clock time does not exist in Stockholm (the spring-forward hour)."""
    there = wall.replace(tzinfo=TZ)
    return there.astimezone(UTC).astimezone(TZ).replace(tzinfo=None) != wall


DESCRIBED = [
    ("nästa arbetsdag", "nästa arbetsdag", "next working day"),
    ("next working day", "nästa arbetsdag", "next working day"),
    ("+1h", "+1h", "+1h"),
    ("om 90 minuter", "+1h30m", "+1h30m"),
    ("+2d", "+2d", "+2d"),
    ("+25h", "+25h", "+25h"),
    ("imorgon 8", "imorgon 08:00", "tomorrow 08:00"),
    ("i övermorgon", "i övermorgon", "the day after tomorrow"),
    ("fredag", "fredag", "Friday"),
    ("fre 13", "fredag 13:00", "Friday 13:00"),
    ("13:30", "13:30", "13:30"),
    ("kl 13", "13:00", "13:00"),
    ("3 dec 10", "3 dec 10:00", "3 Dec 10:00"),
    ("2027-01-04", "2027-01-04", "2027-01-04"),
]


@pytest.mark.parametrize(("written", "swedish", "english"), DESCRIBED)
def test_a_return_time_from_config_is_worded_in_the_desks_language(
    written: str, swedish: str, english: str
) -> None:
    assert describe_return(written, "sv") == swedish
    assert describe_return(written, "en") == english


@pytest.mark.parametrize(("written", "swedish", "english"), DESCRIBED)
def test_a_worded_return_time_reads_back_as_the_same_moment(
    written: str, swedish: str, english: str
) -> None:
    meant = parse_return_time(written, WEDNESDAY, CALENDAR)
    assert parse_return_time(swedish, WEDNESDAY, CALENDAR) == meant
    assert parse_return_time(english, WEDNESDAY, CALENDAR) == meant


def test_a_return_time_that_does_not_read_is_shown_as_written() -> None:
    assert describe_return("efter lunch", "en") == "efter lunch"
