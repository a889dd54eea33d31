"""Times the way the desk says them: "åter 14:30", "åter mån 08:00", "igår 15:10"."""

from __future__ import annotations

from datetime import datetime, tzinfo

from reception_tui.domain.phones import format_phone
from reception_tui.domain.records import EmployeeRecord, PresenceRecord

WEEKDAYS = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WORDS = {
    "sv": {"back": "åter", "yesterday": "igår", "tomorrow": "imorgon"},
    "en": {"back": "back", "yesterday": "yesterday", "tomorrow": "tomorrow"},
}


def format_moment(
    at: datetime, now: datetime, tz: tzinfo, language: str = "sv", *, relative_days: bool = True
) -> str:
    """A time near `now` as briefly as it stays unambiguous.

    Same day: "14:30"; the day before or after: "igår 15:10" / "imorgon 08:00" (or, without
    `relative_days`, the weekday as for the rest of the week); within a week: "mån 08:00";
    further: "3/12" ("3 Dec"), with the year when it is not this year's.
    """
    local, today = at.astimezone(tz), now.astimezone(tz).date()
    words = WORDS.get(language, WORDS["en"])
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return clock
    if relative_days and days == -1:
        return f"{words['yesterday']} {clock}"
    if relative_days and days == 1:
        return f"{words['tomorrow']} {clock}"
    if -6 <= days <= 6:
        return f"{WEEKDAYS.get(language, WEEKDAYS['en'])[local.weekday()]} {clock}"
    if language == "sv":
        day = f"{local.day}/{local.month}"
    else:
        day = f"{local.day} {MONTHS_EN[local.month - 1]}"
    if local.year != today.year:
        day += f" {local.year}"
    return day


def format_return(
    return_at: datetime | None, now: datetime, tz: tzinfo, language: str = "sv"
) -> str:
    """ "åter 14:30" for a return time; empty when there is none."""
    if return_at is None:
        return ""
    words = WORDS.get(language, WORDS["en"])
    return f"{words['back']} {format_moment(return_at, now, tz, language)}"


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
