"""The desk's first screen: who is in, and the open callback queue (read as a table).

Built by `build_app` from explicit settings and repository, the same way for the CLI and tests.
"""

from __future__ import annotations

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

from reception_tui.config import Settings
from reception_tui.domain.display import format_moment, format_return
from reception_tui.domain.presence import Availability, availability, find_status
from reception_tui.domain.records import EmployeeRecord, InquiryRecord
from reception_tui.store.repository import Repository


class Loaded(Message):
    def __init__(self, employees: list[EmployeeRecord], inquiries: list[InquiryRecord]) -> None:
        super().__init__()
        self.employees = employees
        self.inquiries = inquiries


class ReceptionApp(App[None]):
    TITLE = "reception-tui"
    CSS = """
    #summary { height: 1; padding: 0 1; background: $boost; }
    #staff { width: 2fr; }
    #queue { width: 1fr; }
    """
    BINDINGS = [
        Binding("f5", "reload", "Reload", id="reload"),
        Binding("ctrl+q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, settings: Settings, repository: Repository, *, read_only: bool) -> None:
        super().__init__()
        self.settings = settings
        self.repository = repository
        self.read_only = read_only
        # The header carries the greeting the receptionist answers with.
        self.title = f"{settings.organisation.name}, {repository.actor}"
        self.sub_title = "read-only" if read_only else ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading...", id="summary")
        with Horizontal():
            yield DataTable(id="staff", cursor_type="row")
            yield DataTable(id="queue", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#staff", DataTable).add_columns(
            "Name", "Unit", "Title", "Ext", "Status", "Return"
        )
        self.query_one("#queue", DataTable).add_columns("For", "Caller", "Received", "Due")
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        default = self.settings.available_status().code
        employees = self.repository.employees(default_status=default)
        inquiries = self.repository.open_inquiries()
        self.post_message(Loaded(employees, inquiries))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        now = self.repository.clock.now()
        tz = self.repository.calendar.tz
        language = self.settings.organisation.language
        statuses = self.settings.status_codes()
        staff = self.query_one("#staff", DataTable)
        staff.clear()
        away = 0
        for employee in message.employees:
            status = find_status(statuses, employee.presence.status_code)
            label = status.label(language) if status else employee.presence.status_code
            if status and availability(status, employee.presence.return_at, now) is not (
                Availability.AVAILABLE
            ):
                away += 1
            staff.add_row(
                employee.name,
                employee.unit_name,
                employee.title,
                employee.extension,
                label,
                format_return(employee.presence.return_at, now, tz, language),
                key=str(employee.id),
            )
        queue = self.query_one("#queue", DataTable)
        queue.clear()
        overdue = 0
        for inquiry in message.inquiries:
            overdue += inquiry.due_at <= now
            queue.add_row(
                inquiry.for_name,
                inquiry.caller_name,
                format_moment(inquiry.received_at, now, tz, language),
                format_moment(inquiry.due_at, now, tz, language),
                key=str(inquiry.id),
            )
        self.query_one("#summary", Static).update(
            f"{len(message.employees)} employees, {away} away · "
            f"{len(message.inquiries)} open inquiries, {overdue} overdue · "
            f"switchboard {self.settings.organisation.switchboard_number}"
        )

    @on(Worker.StateChanged)
    def report_failure(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.notify(str(event.worker.error), title="Could not load", severity="error")


def build_app(
    settings: Settings, repository: Repository, *, read_only: bool = False
) -> ReceptionApp:
    """The one factory for the desk app, used by the CLI and by tests."""
    return ReceptionApp(settings, repository, read_only=read_only)
