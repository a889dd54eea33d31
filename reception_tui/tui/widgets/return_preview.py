"""The line under a return-time field: the typed time read back ("→ ons 2 dec 13:00"), or why
it is not one, or a hint of what may be typed."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.display import format_day_time
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.returns import ReturnTimeError, parse_return_time
from reception_tui.words import say, text


def preview_moment(at: datetime, now: datetime, calendar: WorkingCalendar, language: str) -> str:
    """A return time spelled out: "ons 2 dec 13:00" (with the year when it is not this year's)."""
    return format_day_time(at, calendar.tz, language, now=now)


class ReturnPreview(Static):
    """What the return time typed for a status reads as; green when it is a time, red when not."""

    DEFAULT_CSS = """
    ReturnPreview {
        color: $text-muted;
    }
    ReturnPreview.-ok {
        color: $success;
    }
    ReturnPreview.-error {
        color: $error;
    }
    """

    def __init__(
        self,
        *,
        language: str,
        calendar: WorkingCalendar,
        clock: Clock,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__("", markup=False, id=id, classes=classes)
        self.language = language
        self.calendar = calendar
        self.clock = clock

    def show(self, status: StatusCode | None, typed: str) -> None:
        """Read `typed` as the return time for `status` and say how it reads."""
        typed = typed.strip()
        if status is not None and status.available:
            self._say(text(self.language, "redirect.return_unused"), None)
            return
        if not typed:
            if status is not None and not status.needs_return:
                self._say(text(self.language, "redirect.return_optional"), None)
            else:
                self._say(text(self.language, "redirect.return_hint"), None)
            return
        try:
            at = parse_return_time(typed, self.clock.now(), self.calendar)
        except ReturnTimeError as error:
            self.show_error(say(self.language, error))
        else:
            moment = preview_moment(at, self.clock.now(), self.calendar, self.language)
            self._say(f"→ {moment}", "-ok")

    def show_error(self, message: str) -> None:
        """Say why what was typed cannot be saved (found on saving, say)."""
        self._say(message, "-error")

    def _say(self, line: str, state: str | None) -> None:
        self.update(line)
        self.set_class(state == "-ok", "-ok")
        self.set_class(state == "-error", "-error")
