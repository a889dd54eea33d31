"""One message or missed call in full, with every callback attempt made on it so far."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.display import format_datetime, format_moment
from reception_tui.domain.phones import format_phone
from reception_tui.domain.records import AttemptRecord, InquiryRecord
from reception_tui.domain.text import printable
from reception_tui.words import say, text
from reception_tui.words.labels import channel_label, outcome_label

_NONE = "-"


class InquiryDetails(ModalScreen[None]):
    """Everything about one inquiry, and its attempts loaded in a thread worker on mount.

    `load_attempts(inquiry_id)` is blocking (it reads the database). Esc or Enter closes.
    """

    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("enter", "close", "Close", show=False),
    ]

    DEFAULT_CSS = """
    InquiryDetails .info {
        height: auto;
    }
    InquiryDetails .label {
        width: 11;
        padding-right: 1;
        color: $text-muted;
    }
    InquiryDetails .value {
        width: 1fr;
    }
    InquiryDetails #caller {
        text-style: bold;
    }
    InquiryDetails #attempts-title {
        margin-top: 1;
        text-style: bold;
    }
    InquiryDetails #attempts {
        height: auto;
        max-height: 10;
    }
    InquiryDetails #attempts-status {
        color: $text-muted;
    }
    InquiryDetails #attempts-status.error {
        color: $error;
    }
    """

    def __init__(
        self,
        inquiry: InquiryRecord,
        *,
        language: str,
        clock: Clock,
        calendar: WorkingCalendar,
        load_attempts: Callable[[int], Sequence[AttemptRecord]],
    ) -> None:
        super().__init__()
        self._inquiry = inquiry
        self._language = language
        self._clock = clock
        self._calendar = calendar
        self._load_attempts = load_attempts

    def compose(self) -> ComposeResult:
        language, inquiry, tz = self._language, self._inquiry, self._calendar.tz
        dialog = Vertical(id="dialog")
        dialog.border_title = f"{text(language, 'action.message')} #{inquiry.id}"
        dialog.border_subtitle = text(language, "inquiry.keys")
        number = format_phone(inquiry.caller_number) if inquiry.caller_number else _NONE
        closed = format_datetime(inquiry.closed_at, tz) if inquiry.closed_at else _NONE
        state = text(language, f"inquiry.state_{inquiry.state.value}")
        with dialog:
            yield self._info("inquiry.caller", inquiry.caller_name, id="caller")
            yield self._info("inquiry.number", number, id="number")
            yield self._info("inquiry.email", inquiry.caller_email or _NONE, id="email")
            yield self._info("inquiry.subject", inquiry.subject or _NONE, id="subject")
            yield self._info("inquiry.for", inquiry.for_name or _NONE, id="for")
            yield self._info(
                "inquiry.channel", channel_label(inquiry.channel, language), id="channel"
            )
            received = format_datetime(inquiry.received_at, tz)
            yield self._info("inquiry.received", received, id="received")
            yield self._info("col.due", self._due(), id="due")
            yield self._info("inquiry.state", state, id="state")
            yield self._info("inquiry.state_closed", closed, id="closed")
            yield Static(text(language, "inquiry.attempts"), id="attempts-title", markup=False)
            yield VerticalScroll(id="attempts")
            yield Static(text(language, "inquiry.loading"), id="attempts-status", markup=False)

    def _info(self, label: str, value: str | Content, *, id: str) -> Horizontal:
        """A line of the inquiry: its name (the catalogue's `label`), then `value`."""
        content = value if isinstance(value, Content) else Content(printable(value))
        return Horizontal(
            Label(text(self._language, label), classes="label"),
            Static(content, id=id, classes="value"),
            classes="info",
        )

    def _due(self) -> Content:
        inquiry = self._inquiry
        due = format_datetime(inquiry.due_at, self._calendar.tz)
        if inquiry.overdue(self._clock.now()):
            overdue = text(self._language, "inquiry.overdue")
            return Content.assemble(due, "  ", (overdue, "bold $error"))
        return Content(due)

    # ------------------------------------------------------------------ attempts

    def on_mount(self) -> None:
        self.query_one("#attempts").display = False
        self._load_in_thread()

    @work(thread=True, group="load", exit_on_error=False, description="load callback attempts")
    def _load_in_thread(self) -> Sequence[AttemptRecord]:
        return self._load_attempts(self._inquiry.id)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        status = self.query_one("#attempts-status", Static)
        if event.state is WorkerState.ERROR:
            error = say(self._language, event.worker.error) if event.worker.error else ""
            message = text(self._language, "inquiry.load_failed", error=error)
            status.update(Content(message))
            status.add_class("error")
            self.notify(message, severity="error", markup=False)
        elif event.state is WorkerState.SUCCESS:
            attempts = event.worker.result or ()
            if not attempts:
                status.update(Content(text(self._language, "inquiry.no_attempts")))
                return
            status.display = False
            listing = self.query_one("#attempts", VerticalScroll)
            listing.mount_all(self._attempt_rows(attempts))
            listing.display = True

    def _attempt_rows(self, attempts: Sequence[AttemptRecord]) -> list[Static]:
        now, tz = self._clock.now(), self._calendar.tz
        times = [format_moment(attempt.at, now, tz, self._language) for attempt in attempts]
        time_width = max(len(when) for when in times)
        by_width = min(20, max(len(attempt.by) for attempt in attempts))
        rows = []
        for attempt, when in zip(attempts, times, strict=True):
            label = outcome_label(attempt.outcome, self._language)
            line = Content.assemble(
                (when.ljust(time_width), "dim"),
                "  ",
                printable(attempt.by[:by_width]).ljust(by_width),
                "  ",
                (label, "bold"),
                f"  {printable(attempt.note)}" if attempt.note else "",
            )
            rows.append(Static(line, classes="attempt"))
        return rows

    def action_close(self) -> None:
        self.dismiss(None)
