"""Weekday and month names in each language: the one place both the dates the desk shows
("ons 2 dec 13:00", "Wed 2 Dec") and the dates it reads back ("mån", "3 december") come from.

The desk's own short forms ("tor", "dec"), not CLDR's ("tors", "dec."): they keep every
column one width, and they are what a receptionist types.
"""

from __future__ import annotations

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
WEEKDAYS_SHORT: dict[str, tuple[str, ...]] = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
MONTHS_SHORT: dict[str, tuple[str, ...]] = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def weekday_short(language: str, weekday: int) -> str:
    """ "mån" / "Mon" for `weekday` (0 = Monday); English for a language it does not have."""
    return WEEKDAYS_SHORT.get(language, WEEKDAYS_SHORT["en"])[weekday]


def month_short(language: str, month: int) -> str:
    """ "dec" / "Dec" for `month` (1 = January)."""
    return MONTHS_SHORT.get(language, MONTHS_SHORT["en"])[month - 1]
