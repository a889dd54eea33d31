"""Times the way the desk says them: "åter 14:30", "åter mån 08:00", "igår 15:10"."""

from __future__ import annotations

from datetime import datetime, tzinfo

from reception_tui.domain.phones import format_phone
from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.words import text
from reception_tui.words.dates import month_short, weekday_short


def format_moment(
    at: datetime, now: datetime, tz: tzinfo, language: str = "sv", *, relative_days: bool = True
) -> str:
    """A time near `now` as briefly as it stays unambiguous.

    Same day: "14:30"; the day before or after: "igår 15:10" / "imorgon 08:00" (or, without
    `relative_days`, the weekday as for the rest of the week); within a week: "mån 08:00";
    further: "3/12" ("3 Dec"), with the year when it is not this year's.
    """
    local, today = at.astimezone(tz), now.astimezone(tz).date()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return clock
    if relative_days and days == -1:
        return f"{text(language, 'date.yesterday')} {clock}"
    if relative_days and days == 1:
        return f"{text(language, 'date.tomorrow')} {clock}"
    if -6 <= days <= 6:
        return f"{weekday_short(language, local.weekday())} {clock}"
    if language == "sv":
        day = f"{local.day}/{local.month}"
    else:
        day = f"{local.day} {month_short(language, local.month)}"
    if local.year != today.year:
        day += f" {local.year}"
    return day


def format_return(
    return_at: datetime | None, now: datetime, tz: tzinfo, language: str = "sv"
) -> str:
    """ "åter 14:30" for a return time; empty when there is none."""
    if return_at is None:
        return ""
    return text(language, "date.back", moment=format_moment(return_at, now, tz, language))


def format_day_time(
    at: datetime, tz: tzinfo, language: str = "sv", *, now: datetime | None = None
) -> str:
    """A day and time spelled out: "ons 2 dec 13:00" / "Wed 2 Dec 13:00", with the year
    when it is not the year of `now` (given)."""
    local = at.astimezone(tz)
    weekday, month = weekday_short(language, local.weekday()), month_short(language, local.month)
    day = f"{weekday} {local.day} {month}"
    if now is not None and local.year != now.astimezone(tz).year:
        day += f" {local.year}"
    return f"{day} {local:%H:%M}"


def format_datetime(at: datetime, tz: tzinfo) -> str:
    """An exact local time for lists and logs: "2026-12-04 16:30"."""
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def format_redirect(
    presence: PresenceRecord, target: EmployeeRecord | None, *, extension_first: bool = False
) -> str:
    """Where calls go: a colleague ("Lars Holm 2104") or a number ("0280-181 00"), or ""."""
    if presence.redirect_employee_id is not None:
        if target is None:
            return f"#{presence.redirect_employee_id}"
        parts = (
            (target.extension, target.name) if extension_first else (target.name, target.extension)
        )
        return " ".join(parts).strip()
    if presence.redirect_number:
        return format_phone(presence.redirect_number)
    return ""
