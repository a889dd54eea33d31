"""Someone's presence in one line, as the redirect form shows it: under the title what is set
now ("Nu: Möte, åter 14:30, hänvisad till Lars Lind (2104)"), and after a conflict what the
other seat set instead."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textual.content import Content

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.display import format_return
from reception_tui.domain.phones import format_phone
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.domain.text import printable
from reception_tui.store.repository import ConflictError
from reception_tui.tui.widgets.colleague import colleague_label
from reception_tui.tui.widgets.status_picker import status_content
from reception_tui.words import say, text


@dataclass(frozen=True, slots=True)
class PresenceLine:
    """Words a presence in `language`: its status in colour, return time and redirect."""

    language: str
    statuses: Mapping[str, StatusCode]
    colleague: Callable[[int], EmployeeRecord | None]
    calendar: WorkingCalendar
    clock: Clock

    def line(self, lead: str, presence: PresenceRecord) -> Content:
        """`lead` ("Nu:"), then the status, when back and where calls go."""
        status = self.statuses.get(presence.status_code)
        label = (
            status_content(status, self.language)
            if status is not None
            else Content(printable(presence.status_code))
        )
        parts: list[str | tuple[str, str] | Content] = [lead, " ", label]
        back = format_return(presence.return_at, self.clock.now(), self.calendar.tz, self.language)
        if back:
            parts += [", ", back]
        target = self.target(presence)
        if target:
            parts += [", ", text(self.language, "redirect.redirected_to"), " ", target]
        return Content.assemble(*parts)

    def target(self, presence: PresenceRecord) -> str:
        """The colleague ("Lars Lind (2104)") or number calls go to; empty when neither."""
        if presence.redirect_employee_id is not None:
            target = self.colleague(presence.redirect_employee_id)
            return colleague_label(target) if target is not None else ""
        if presence.redirect_number:
            return format_phone(presence.redirect_number)
        return ""

    def conflict(self, error: ConflictError) -> Content:
        """The store's message, then what the other seat set (status, return, redirect)."""
        worded = say(self.language, error)
        headline = Content(printable(text(self.language, "redirect.conflict", error=worded)))
        current = error.current
        if not isinstance(current, PresenceRecord):
            cleared = Content(text(self.language, "redirect.conflict_cleared"))
            return Content("\n").join([headline, cleared])
        lead = text(self.language, "redirect.conflict_now")
        return Content("\n").join([headline, self.line(lead, current)])
