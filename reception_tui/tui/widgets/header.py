"""The desk's header: the greeting to answer with, the clock, and whether the office is open.

It also says loudly when the desk cannot save: the database does not answer, or its file is
gone or replaced (the app's `file_state`, watched here so that every desk built shows it).
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widget import Widget

from reception_tui.config import Settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.store.database_file import FileState
from reception_tui.words import text


class DeskHeader(Widget):
    """One line: organisation and greeting on the left, contact, day and clock on the right."""

    DEFAULT_CSS = """
    DeskHeader {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def __init__(
        self, settings: Settings, calendar: WorkingCalendar, actor: str, *, read_only: bool
    ) -> None:
        super().__init__(id="header")
        self.settings = settings
        self.calendar = calendar
        self.actor = actor
        self.read_only = read_only
        self.now: datetime | None = None
        self.offline: str | None = None
        self.file_state = FileState.SAME

    def on_mount(self) -> None:
        if hasattr(self.app, "file_state"):
            self.watch(self.app, "file_state", self._show_file_state, init=True)

    def _show_file_state(self, state: FileState) -> None:
        self.file_state = state
        self.refresh()

    def show_offline(self, error: str | None) -> None:
        """None when the database answers; otherwise why not (the header says offline)."""
        self.offline = error
        self.refresh()

    def show_time(self, now: datetime) -> None:
        """Redraw when the minute changes; the desk calls this on every tick."""
        previous = self.now
        self.now = now
        if previous is None or previous.replace(second=0, microsecond=0) != now.replace(
            second=0, microsecond=0
        ):
            self.refresh()

    def render(self) -> Content:
        organisation = self.settings.organisation
        language = organisation.language
        greeting = f"{organisation.name}, {self.actor}"
        left = Content.assemble((greeting, "bold"))
        if self.read_only:
            left = Content.assemble(left, "  ", (text(language, "read_only"), "bold $warning"))
        if self.offline is not None:
            left = Content.assemble(left, "  ", (text(language, "offline"), "bold reverse $error"))
        if self.file_state is not FileState.SAME:
            gone = self.file_state is FileState.GONE
            alarm = text(language, "file_gone" if gone else "file_replaced")
            left = Content.assemble(left, "  ", (alarm, "bold reverse $error"))
        clock: list[Content | str | tuple[str, str]] = []
        if self.now is not None:
            local = self.now.astimezone(self.calendar.tz)
            is_open = self.calendar.is_open(self.now)
            day = local.date()
            holiday = self.calendar.holiday_name(day)
            if self.calendar.is_working_day(day):
                kind = text(language, "working_day")
            else:
                kind = holiday or text(language, "not_working_day")
            state = text(language, "open" if is_open else "closed")
            clock = [
                (state, "bold $success" if is_open else "bold $warning"),
                f" · {kind}  ",
                (local.strftime("%H:%M"), "bold"),
            ]
        # The switchboard's contact details give way first when the terminal is narrow.
        width = self.content_region.width
        contacts = (
            f"{organisation.switchboard_number} · {organisation.switchboard_email}  ",
            f"{organisation.switchboard_number}  ",
            "",
        )
        for contact in contacts:
            right = Content.assemble(contact, *clock)
            if left.cell_length + 1 + right.cell_length <= width:
                break
        gap = max(1, width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right)
