"""Reading times a receptionist types, Swedish or English: when someone is back, when a call came.

Case, surrounding spaces and Swedish letters are ignored ("mån", "Man" and "MÅNDAG" all work).

Return times (`parse_return_time`) are read as:

- A clock time: ``13``, ``13:30``, ``13.30``, ``1330``, ``930``, ``kl 13``, ``kl. 13:30``,
  ``klockan 13``, ``9am``, ``2:30pm``. Hours are 0-23 and minutes 0-59; ``24:00`` is an error.
  A bare clock time means the next time the clock shows it: today if still ahead, otherwise the
  next *working* day at that time (at 15:00 on a Friday, ``9`` means Monday 09:00).
- A day, optionally followed (or preceded) by a clock time: ``idag 15``, ``imorgon``,
  ``i morgon 08:15``, ``övermorgon``, ``tomorrow 9``, ``måndag 10``, ``mon``, ``3/12``,
  ``3/12 10:00``, ``3 dec``, ``3 december 10``, ``december 3``, ``3/12/2026``,
  ``3 dec 2026``, ``3 december 2026 10:00``, ``2026-12-03``, ``2026-12-03T10:00``. A day
  without a time means the office opening that day. ``imorgon``/``tomorrow`` is literally the
  next day, even a Saturday. A weekday name is the next such day strictly after today (on a
  Monday, ``måndag`` is next week's). ``D/M`` is day/month, Swedish order; ``D/M`` and
  ``3 dec`` are the next such date: this year if the moment is still ahead (today counts),
  else next year. Four digits from 1900 to 2999 right after such a date are its year, never a
  clock time (``3 dec 2027`` and ``3/12 2027`` are in 2027; ``3 dec 10:30``, ``3 dec kl 1930``
  or ``3/12 1030`` give a time). A date that does not exist (``31/2``) is an error, and so is
  a clock time the clocks skip when they go forward (``2027-03-28 02:30`` in Stockholm: 02:00
  becomes 03:00).
- ``nästa arbetsdag`` / ``next working day``: the next office opening.
- An offset from now: ``+30m``, ``+30 min``, ``+2h``, ``+2t``, ``+1h30m``, ``+1d``,
  ``om 30 min``, ``om 2 timmar``, ``in 2 hours``. Offsets are exact elapsed time (``+1d`` is
  24 hours, also across a daylight-saving change), cut to the whole minute.

The result is always strictly after now and at most 366 days ahead; anything else (``idag 8``
at 10:00, a past ISO date, ``+999999d``) is an error that says what went wrong.

Received times (`parse_received_time`) are in the past: ``10:42``, ``1042``, ``kl 10`` (today),
``igår 15:10``, ``yesterday 15:10``, ``27/11 15:10`` and weekday names (the latest such moment
not in the future), ``2026-11-27 15:10``, ISO 8601 with an offset (kept as given), ``nu``/``now``.
A day needs a time; the same day forms as above, and the same refusal of a skipped hour. Up to
five minutes in the future is accepted as clock skew, at most a year back.

Both functions raise `ReturnTimeError` and nothing else, whatever the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from reception_tui.domain.calendar import CalendarError, WorkingCalendar
from reception_tui.domain.text import fold
from reception_tui.words import Coded, Term, dates
from reception_tui.words import text as worded

# What to write instead, as the catalogue words it.
_EXPECTED = Term("return.expected")
_EXPECTED_RECEIVED = Term("return.expected_received")
_LATER_DATE = Term("return.later_date")
_MAX_AHEAD = timedelta(days=366)
_MAX_BACK = timedelta(days=366)
_CLOCK_SKEW = timedelta(minutes=5)
# Longer inputs are not one of the forms above; refusing early keeps the split search small.
_MAX_TOKENS = 6
_MAX_ECHO = 40


class ReturnTimeError(Coded, ValueError):
    """Text that is not a usable time; its words say what was wrong and what is expected."""

    CODES = {
        "not_an_hour_ampm": ("hour",),
        "not_a_minute": ("minute",),
        "not_an_hour": ("hour",),
        "not_a_time": ("text",),
        "no_such_month": ("month", "text"),
        "no_such_date": ("text",),
        "cannot_read": ("text", "expected"),
        "offset_needs_unit": ("text",),
        "not_a_unit": ("unit", "text"),
        "offset_not_positive": ("expected",),
        "too_far_ahead": ("when",),
        "skipped_time": ("when", "opens", "closes"),
        "no_return_time": ("expected",),
        "no_opening": ("reason",),
        "day_passed": ("when",),
        "time_passed": ("when", "now"),
        "no_received_time": ("expected",),
        "not_a_date_time": ("text", "expected"),
        "received_in_future": ("expected",),
        "received_after_now": ("when", "now"),
        "too_long_ago": ("when", "expected"),
        "needs_time_of_day": ("text", "expected"),
        "needs_time_of_day_read_as": ("text", "day", "expected"),
        "no_time_given": ("expected",),
        "time_in_future": ("expected",),
        "time_after_now": ("when", "now"),
    }


# --- What a piece of text can mean -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Relative:
    """Today plus a number of calendar days (idag, imorgon, igår)."""

    days: int


@dataclass(frozen=True, slots=True)
class _Weekday:
    weekday: int


@dataclass(frozen=True, slots=True)
class _DayMonth:
    """A date without a year; which year depends on now."""

    day: int
    month: int


@dataclass(frozen=True, slots=True)
class _Date:
    value: date


@dataclass(frozen=True, slots=True)
class _Bad:
    """Text of the right shape with an impossible value ("25:00", "31/2"), and why."""

    error: ReturnTimeError


_Day = _Relative | _Weekday | _DayMonth | _Date


# --- Vocabulary (folded: lower case, no å/ä/ö) -------------------------------------------------

_RELATIVE_DAYS: dict[str, int] = {
    "idag": 0,
    "i dag": 0,
    "today": 0,
    "imorgon": 1,
    "i morgon": 1,
    "imorn": 1,
    "i morn": 1,
    "tomorrow": 1,
    "overmorgon": 2,
    "i overmorgon": 2,
    "day after tomorrow": 2,
    "the day after tomorrow": 2,
    "igar": -1,
    "i gar": -1,
    "yesterday": -1,
}


def _spellings(*names: dict[str, tuple[str, ...]], start: int) -> dict[str, int]:
    """Every name in `names` (words.dates), folded, to its number counted from `start`."""
    return {
        fold(name): number
        for by_language in names
        for spelled in by_language.values()
        for number, name in enumerate(spelled, start)
    }


# The names the desk shows, in both languages, and a few more ways people write them.
_WEEKDAYS: dict[str, int] = _spellings(dates.WEEKDAYS, dates.WEEKDAYS_SHORT, start=0) | {
    "tues": 1,
    "tors": 3,
    "thur": 3,
    "thurs": 3,
}
_MONTHS: dict[str, int] = _spellings(dates.MONTHS, dates.MONTHS_SHORT, start=1) | {"sept": 9}

_NEXT_WORKING_DAY = frozenset(
    {"nasta arbetsdag", "next working day", "next workday", "next business day"}
)
_NOW_WORDS = frozenset({"nu", "now"})

_OFFSET_UNITS: dict[str, int] = {
    **dict.fromkeys(("m", "min", "mins", "minut", "minuter", "minute", "minutes"), 1),
    **dict.fromkeys(("h", "t", "tim", "timme", "timmar", "hr", "hrs", "hour", "hours"), 60),
    **dict.fromkeys(("d", "dag", "dagar", "day", "days"), 24 * 60),
}

# Patterns use [0-9], not \d: \d also matches other scripts' digits.
_TIME_PREFIX = r"(?:(?:klockan|kl|at|@)\.?\s*)?"
_CLOCK_AMPM = re.compile(
    _TIME_PREFIX + r"(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)"
)
_CLOCK_PATTERNS = (
    re.compile(_TIME_PREFIX + r"(?P<h>[0-9]{1,2})[:.](?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?"),
    re.compile(_TIME_PREFIX + r"(?P<h>[0-9]{1,2})(?P<m>[0-9]{2})"),
    re.compile(_TIME_PREFIX + r"(?P<h>[0-9]{1,2})"),
)

_ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
# A year is four digits from 1900 to 2999 after the date ("3/12/2027", "3/12 2027", "3 dec 2027",
# "dec 3 2027"); other four digits there are a clock time ("3/12 1030" is 10:30).
_YEAR_DIGITS = r"(?:19|2[0-9])[0-9]{2}"
_YEAR = rf"(?P<y>{_YEAR_DIGITS})"
_DAY_MONTH_YEAR = re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})(?:/|\s)" + _YEAR)
_DAY_SLASH_MONTH = re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})")
_DAY_MONTH_NAME = re.compile(r"(?P<d>[0-9]{1,2})\s*(?P<name>[a-z]+)\.?(?:\s" + _YEAR + ")?")
_MONTH_NAME_DAY = re.compile(r"(?P<name>[a-z]+)\.?\s*(?P<d>[0-9]{1,2})(?:\s" + _YEAR + ")?")
_FOUR_DIGITS = re.compile(_YEAR_DIGITS)
_WORD = re.compile(r"(?P<word>[a-z]+)\.?")
# "2026-12-03T10:00": the T glues day and time; make it a space so they split like other input.
_ISO_T = re.compile(r"([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})t(?=[0-9])")

_OFFSET = re.compile(r"(?:\+|om\s|in\s)\s*(?P<parts>(?:[0-9]+\s*[a-z]+\s*)+)")
_OFFSET_PART = re.compile(r"(?P<n>[0-9]+)\s*(?P<unit>[a-z]+)")
_OFFSET_NO_UNIT = re.compile(r"(?:\+|om\s|in\s)\s*[0-9]+")
# A larger count is more than a year in any unit; checked before int() so huge inputs stay cheap.
_MAX_OFFSET_DIGITS = 7

_ISO_WITH_OFFSET = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:z|[+-][0-9]{2}:?[0-9]{2})"
)


# --- Small readers: each returns None when the text has another shape ---------------------------


def _clock(text: str) -> time | _Bad | None:
    """A clock time ("13", "13:30", "kl 9", "2pm")."""
    match = _CLOCK_AMPM.fullmatch(text)
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if not 1 <= hour <= 12:
            return _Bad(ReturnTimeError("not_an_hour_ampm", hour=hour))
        if minute > 59:
            return _Bad(ReturnTimeError("not_a_minute", minute=minute))
        hour = hour % 12 + (12 if match["half"].startswith("p") else 0)
        return time(hour, minute)
    for pattern in _CLOCK_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = match.groupdict()
            hour, minute = int(parts["h"]), int(parts.get("m") or 0)
            second = int(parts.get("s") or 0)
            if hour > 23:
                return _Bad(ReturnTimeError("not_an_hour", hour=hour))
            if minute > 59 or second > 59:
                return _Bad(ReturnTimeError("not_a_time", text=repr(text)))
            return time(hour, minute, second)
    return None


def _make_date(year: int, month: int, day: int, shown: str) -> _Date | _Bad:
    if not 1 <= month <= 12:
        return _Bad(ReturnTimeError("no_such_month", month=month, text=repr(shown)))
    try:
        return _Date(date(year, month, day))
    except ValueError:
        return _Bad(ReturnTimeError("no_such_date", text=shown))


def _day_month(day: int, month: int, shown: str) -> _DayMonth | _Bad:
    # 2000 was a leap year, so this only rejects dates that exist in no year (31/2, 30/2).
    checked = _make_date(2000, month, day, shown)
    return checked if isinstance(checked, _Bad) else _DayMonth(day, month)


def _day(text: str) -> _Day | _Bad | None:
    """A day ("imorgon", "mån", "3/12", "3 dec", "2026-12-03")."""
    if text in _RELATIVE_DAYS:
        return _Relative(_RELATIVE_DAYS[text])
    if (match := _WORD.fullmatch(text)) and match["word"] in _WEEKDAYS:
        return _Weekday(_WEEKDAYS[match["word"]])
    if match := _ISO_DATE.fullmatch(text):
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]), text)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]), text)
    if match := _DAY_SLASH_MONTH.fullmatch(text):
        return _day_month(int(match["d"]), int(match["m"]), text)
    match = _DAY_MONTH_NAME.fullmatch(text) or _MONTH_NAME_DAY.fullmatch(text)
    if match and match["name"] in _MONTHS:
        day, month = int(match["d"]), _MONTHS[match["name"]]
        if match["y"]:
            return _make_date(int(match["y"]), month, day, text)
        return _day_month(day, month, text)
    return None


def _normalise(text: str) -> str:
    folded = fold(text).replace(",", " ")
    return _ISO_T.sub(r"\1 ", " ".join(folded.split()))


def _echo(text: str) -> str:
    shown = text.strip()
    return repr(shown if len(shown) <= _MAX_ECHO else shown[:_MAX_ECHO] + "…")


def _read_day_and_clock(
    text: str, original: str, expected: Term
) -> tuple[_Day | None, time | None]:
    """Split `text` into a day and a clock time, either of which may be missing (not both)."""
    tokens = text.split(" ")
    if len(tokens) > _MAX_TOKENS:
        raise ReturnTimeError("cannot_read", text=_echo(original), expected=expected)
    # Day first ("imorgon 8") is tried before time first ("8 imorgon") so that "3 dec 10" is
    # 3 December at 10, never 03:00 on some "dec 10".
    splits = [(tokens[:k], tokens[k:]) for k in range(len(tokens) + 1)]
    splits += [(tokens[k:], tokens[:k]) for k in range(1, len(tokens))]
    problem: _Bad | None = None
    for day_tokens, clock_tokens in splits:
        day = _day(" ".join(day_tokens)) if day_tokens else None
        clock = _clock(" ".join(clock_tokens)) if clock_tokens else None
        if (day_tokens and day is None) or (clock_tokens and clock is None):
            continue
        if (
            isinstance(day, _DayMonth)
            and clock_tokens == tokens[len(day_tokens) :]
            and _FOUR_DIGITS.fullmatch(" ".join(clock_tokens))
        ):
            continue  # four digits after a date are its year ("3 dec 2027"), never 20:27
        # A well-shaped reading with an impossible value is remembered, not raised at once,
        # so that another reading of the same words can still win.
        if isinstance(day, _Bad):
            problem = problem or day
        elif isinstance(clock, _Bad):
            problem = problem or clock
        else:
            return day, clock
    if problem is not None:
        raise problem.error
    raise ReturnTimeError("cannot_read", text=_echo(original), expected=expected)


def _offset_minutes(text: str) -> int | None:
    """Total minutes of an offset ("+1h30m", "om 2 timmar"), or None if `text` is not one."""
    match = _OFFSET.fullmatch(text)
    if match is None:
        if _OFFSET_NO_UNIT.fullmatch(text):
            raise ReturnTimeError("offset_needs_unit", text=_echo(text))
        return None
    total = 0
    for part in _OFFSET_PART.finditer(match["parts"]):
        unit = _OFFSET_UNITS.get(part["unit"])
        if unit is None:
            raise ReturnTimeError("not_a_unit", unit=_echo(part["unit"]), text=_echo(text))
        digits = part["n"].lstrip("0")
        if len(digits) > _MAX_OFFSET_DIGITS:
            raise ReturnTimeError("too_far_ahead", when=_echo(text))
        total += int(digits or "0") * unit
    return total


def _show(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M}"


def _existing(moment: datetime) -> datetime:
    """`moment` (a day and a clock time in a zone) if the clocks ever show it, else an error.

    When the clocks go forward (02:00 to 03:00 in Stockholm on the last Sunday of March) the
    hour between does not exist; guessing what was meant would store a time nobody typed.
    """
    tz = moment.tzinfo
    wall = moment.replace(tzinfo=None)
    if moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall:
        return moment
    # Inside the gap the zone gives the offset from before the change (fold 0) or from after
    # it (fold 1); the change itself lies between the two readings of the same wall time.
    before = moment.utcoffset() or timedelta(0)
    after = moment.replace(fold=1).utcoffset() or timedelta(0)
    first = (wall - after).replace(tzinfo=UTC)
    low, high = 0, int((after - before).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if (first + timedelta(seconds=middle)).astimezone(tz).utcoffset() == after:
            high = middle
        else:
            low = middle
    change = (first + timedelta(seconds=high)).replace(tzinfo=None)
    opens, closes = change + before, change + after
    raise ReturnTimeError(
        "skipped_time", when=_show(moment), opens=f"{opens:%H:%M}", closes=f"{closes:%H:%M}"
    )


def clock_time(text: str) -> time | None:
    """The clock time `text` is written as, read the way a return time's clock is ("13",
    "1430", "14:30", "14.30", "kl 9", "2pm"); None when it is no clock time."""
    found = _clock(_normalise(text))
    return found if isinstance(found, time) else None


# --- Return times --------------------------------------------------------------------------------


def parse_return_time(text: str, now: datetime, calendar: WorkingCalendar) -> datetime:
    """When someone is back, from `text`: aware, in `calendar.tz`, strictly after `now`.

    Raises ReturnTimeError (and nothing else) when `text` is not a usable return time.
    """
    if now.tzinfo is None:
        raise TypeError("now must be timezone-aware")
    normalised = _normalise(text)
    if not normalised:
        raise ReturnTimeError("no_return_time", expected=_EXPECTED)
    try:
        return _return_time(normalised, text, now, calendar)
    except CalendarError as error:
        # A calendar that never opens (hours only on weekends) cannot answer "nästa arbetsdag".
        raise ReturnTimeError("no_opening", reason=error) from None


def _return_time(normalised: str, text: str, now: datetime, calendar: WorkingCalendar) -> datetime:
    now_local = now.astimezone(calendar.tz)
    if normalised in _NEXT_WORKING_DAY:
        return calendar.next_opening(now_local)

    minutes = _offset_minutes(normalised)
    if minutes is not None:
        if minutes <= 0:
            raise ReturnTimeError("offset_not_positive", expected=_EXPECTED)
        if minutes > _MAX_AHEAD // timedelta(minutes=1):
            raise ReturnTimeError("too_far_ahead", when=_echo(text))
        # Exact elapsed time: adding in UTC keeps "+2h" two real hours across a DST change.
        # Whole minutes, since that is what the desk shows ("+1h" at 10:55:13 is 11:55).
        later = now.astimezone(UTC) + timedelta(minutes=minutes)
        return later.replace(second=0, microsecond=0).astimezone(calendar.tz)

    day, clock = _read_day_and_clock(normalised, text, _EXPECTED)
    if day is None:
        assert clock is not None
        return _next_showing(clock, now_local, calendar)
    return _on_day(day, clock, now_local, calendar)


def describe_return(text: str, language: str) -> str:
    """A return time as written in config ("nästa arbetsdag", "imorgon 8", "+1h30m"), in
    `language`'s words ("next working day", "tomorrow 08:00", "+1h30m"); as written when
    it does not read as one (config has checked it does)."""
    normalised = _normalise(text)
    try:
        if normalised in _NEXT_WORKING_DAY:
            return worded(language, "date.next_working_day")
        minutes = _offset_minutes(normalised)
        if minutes is not None:
            days, rest = divmod(minutes, 24 * 60)
            if days and not rest:
                return f"+{days}d"
            hours, minutes = divmod(minutes, 60)
            return "+" + (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
        day, clock = _read_day_and_clock(normalised, text, _EXPECTED)
    except ReturnTimeError:
        return text
    parts = [] if day is None else [_day_words(day, language)]
    if clock is not None:
        parts.append(f"{clock:%H:%M}")
    return " ".join(parts)


# How a day relative to today is worded, by how many days ahead it is.
_RELATIVE_WORDS = {-1: "date.yesterday", 0: "date.today", 1: "date.tomorrow", 2: "date.in_two_days"}


def _day_words(day: _Day, language: str) -> str:
    if isinstance(day, _Relative):
        return worded(language, _RELATIVE_WORDS[day.days])
    if isinstance(day, _Weekday):
        return dates.WEEKDAYS.get(language, dates.WEEKDAYS["en"])[day.weekday]
    if isinstance(day, _DayMonth):
        return f"{day.day} {dates.month_short(language, day.month)}"
    return day.value.isoformat()


def _next_showing(clock: time, now: datetime, calendar: WorkingCalendar) -> datetime:
    """The next time the clock shows `clock`: today, else on the next working day."""
    today = now.date()
    candidate = datetime.combine(today, clock, tzinfo=calendar.tz)
    if candidate > now:
        return _existing(candidate)
    return _existing(datetime.combine(calendar.next_working_day(today), clock, tzinfo=calendar.tz))


def _at(day: date, clock: time | None, calendar: WorkingCalendar) -> datetime:
    if clock is None:
        return calendar.opening_on(day)
    return datetime.combine(day, clock, tzinfo=calendar.tz)


def _on_day(day: _Day, clock: time | None, now: datetime, calendar: WorkingCalendar) -> datetime:
    today = now.date()
    if isinstance(day, _Relative):
        target = today + timedelta(days=day.days)
    elif isinstance(day, _Weekday):
        target = today + timedelta(days=(day.weekday - today.weekday() - 1) % 7 + 1)
    elif isinstance(day, _Date):
        target = day.value
    else:
        for year in (today.year, today.year + 1):
            try:
                candidate = date(year, day.month, day.day)
            except ValueError:
                continue  # 29/2 outside leap years
            moment = _at(candidate, clock, calendar)
            if moment > now:
                return _within_a_year(_existing(moment), now)
        raise ReturnTimeError("too_far_ahead", when=f"{day.day}/{day.month}")
    # Checked on the date first so that far-off years never reach the holiday tables.
    if target < today:
        raise ReturnTimeError("day_passed", when=target.isoformat())
    if target - today > _MAX_AHEAD + timedelta(days=1):
        raise ReturnTimeError("too_far_ahead", when=target.isoformat())
    moment = _at(target, clock, calendar)
    if moment <= now:
        raise ReturnTimeError("time_passed", when=_show(moment), now=_show(now))
    return _within_a_year(_existing(moment), now)


def _within_a_year(moment: datetime, now: datetime) -> datetime:
    if moment - now > _MAX_AHEAD:
        raise ReturnTimeError("too_far_ahead", when=_show(moment))
    return moment


# --- Received times ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PastWords:
    """The codes a past moment is refused with where the words depend on what it is."""

    empty: str
    in_future: str
    after_now: str


_RECEIVED = _PastWords("no_received_time", "received_in_future", "received_after_now")
_EARLIER = _PastWords("no_time_given", "time_in_future", "time_after_now")


def parse_received_time(text: str, now: datetime, calendar: WorkingCalendar) -> datetime:
    """When an inquiry came in, from `text`: aware, not after `now` (give or take clock skew).

    Raises ReturnTimeError (and nothing else) when `text` is not a usable received time.
    """
    return _parse_past(text, now, calendar, _RECEIVED)


def parse_past_time(text: str, now: datetime, calendar: WorkingCalendar) -> datetime:
    """When something already happened (a callback, a resolve), from `text`, read as a
    received time is; a moment within the clock skew ahead of `now` is taken as `now`.

    Raises ReturnTimeError (and nothing else) when `text` is not a usable past moment.
    """
    return min(_parse_past(text, now, calendar, _EARLIER), now.astimezone(calendar.tz))


def _parse_past(text: str, now: datetime, calendar: WorkingCalendar, words: _PastWords) -> datetime:
    if now.tzinfo is None:
        raise TypeError("now must be timezone-aware")
    normalised = _normalise(text)
    if not normalised:
        raise ReturnTimeError(words.empty, expected=_EXPECTED_RECEIVED)
    if normalised in _NOW_WORDS:
        return now.astimezone(calendar.tz)
    now_local = now.astimezone(calendar.tz)

    if _ISO_WITH_OFFSET.fullmatch(text.strip().lower()):
        try:
            moment = datetime.fromisoformat(text.strip().upper())
        except ValueError:
            raise ReturnTimeError(
                "not_a_date_time", text=_echo(text), expected=_EXPECTED_RECEIVED
            ) from None
        # Far-off years would overflow when compared across offsets, so they are refused first.
        if moment.year > now_local.year + 1:
            raise ReturnTimeError(words.in_future, expected=_EXPECTED_RECEIVED)
        if moment.year < now_local.year - 1:
            raise ReturnTimeError("too_long_ago", when=_echo(text), expected=_EXPECTED_RECEIVED)
        return _not_in_future(moment, now_local, words)

    day, clock = _read_day_and_clock(normalised, text, _EXPECTED_RECEIVED)
    if clock is None:
        # "27/11 2025" is a day in 2025: saying so shows why no time of day was seen.
        if isinstance(day, _Date):
            raise ReturnTimeError(
                "needs_time_of_day_read_as",
                text=_echo(text),
                day=day.value.isoformat(),
                expected=_EXPECTED_RECEIVED,
            )
        raise ReturnTimeError("needs_time_of_day", text=_echo(text), expected=_EXPECTED_RECEIVED)
    latest = now_local + _CLOCK_SKEW
    today = now_local.date()
    if day is None:
        target = today
    elif isinstance(day, _Relative):
        target = today + timedelta(days=day.days)
    elif isinstance(day, _Weekday):
        target = today - timedelta(days=(today.weekday() - day.weekday) % 7)
        if datetime.combine(target, clock, tzinfo=calendar.tz) > latest:
            target -= timedelta(days=7)
    elif isinstance(day, _Date):
        target = day.value
    else:
        for year in (today.year, today.year - 1):
            try:
                candidate = date(year, day.month, day.day)
            except ValueError:
                continue  # 29/2 outside leap years
            if datetime.combine(candidate, clock, tzinfo=calendar.tz) <= latest:
                target = candidate
                break
        else:
            raise ReturnTimeError(
                "too_long_ago", when=f"{day.day}/{day.month}", expected=_EXPECTED_RECEIVED
            )
    if target > today + timedelta(days=1):
        raise ReturnTimeError(words.in_future, expected=_EXPECTED_RECEIVED)
    if today - target > _MAX_BACK + timedelta(days=1):
        raise ReturnTimeError("too_long_ago", when=target.isoformat(), expected=_LATER_DATE)
    moment = _existing(datetime.combine(target, clock, tzinfo=calendar.tz))
    return _not_in_future(moment, now_local, words)


def _not_in_future(moment: datetime, now: datetime, words: _PastWords) -> datetime:
    if moment > now + _CLOCK_SKEW:
        raise ReturnTimeError(words.after_now, when=_show(moment), now=_show(now))
    if now - moment > _MAX_BACK:
        raise ReturnTimeError("too_long_ago", when=_show(moment), expected=_LATER_DATE)
    return moment
