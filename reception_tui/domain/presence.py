"""Status codes and the rules for who counts as available.

Policy: whoever cannot take calls is redirected and the caller learns when they are back, so
statuses that mean "away" need a return time. A return time that has passed makes the person
"expected back": the desk shows it as stale until someone sets a new status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from reception_tui.domain.text import fold
from reception_tui.words import Coded


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One status a person can have, as configured."""

    code: str
    label_sv: str
    label_en: str
    needs_return: bool
    available: bool
    colour: str
    default_return: str | None = None

    def label(self, language: str) -> str:
        return self.label_sv if language == "sv" else self.label_en


class Availability(Enum):
    AVAILABLE = "available"
    AWAY = "away"
    EXPECTED_BACK = "expected_back"


class PresenceError(Coded, ValueError):
    """A status and return time that do not go together."""

    CODES = {"needs_return": ("status",), "return_passed": ()}


def availability(status: StatusCode, return_at: datetime | None, now: datetime) -> Availability:
    """Whether someone with `status` until `return_at` can take calls at `now`."""
    if status.available:
        return Availability.AVAILABLE
    if return_at is not None and return_at <= now:
        return Availability.EXPECTED_BACK
    return Availability.AWAY


def find_status(statuses: Iterable[StatusCode], text: str) -> StatusCode | None:
    """The status whose code or label (sv or en) equals `text`, ignoring case and accents."""
    statuses = tuple(statuses)
    for status in statuses:
        # Stored codes match exactly: the common case, checked without folding anything.
        if status.code == text:
            return status
    wanted = fold(text.strip())
    for status in statuses:
        if wanted in (fold(status.code), fold(status.label_sv), fold(status.label_en)):
            return status
    return None


def check_presence(status: StatusCode, return_at: datetime | None, now: datetime) -> None:
    """Raise PresenceError when the return time is missing where needed, or already passed."""
    if status.needs_return and return_at is None:
        raise PresenceError("needs_return", status=status)
    if return_at is not None and return_at <= now:
        raise PresenceError("return_passed")
