"""The receptionist's desk: search, the employee grid and the callback queue, driven by keys.

Letters always go to the search box; actions sit on function keys and Ctrl/Alt combinations,
so typing a caller's words can never change anyone's status. Database work runs in thread
workers that post messages back; the handlers here own the state.
"""

from __future__ import annotations

import gc
import heapq
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from enum import Enum
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from reception_tui.config import KEY_ACTIONS
from reception_tui.domain.display import format_moment, format_redirect
from reception_tui.domain.phones import format_phone
from reception_tui.domain.presence import (
    Availability,
    PresenceError,
    StatusCode,
    availability,
    find_status,
)
from reception_tui.domain.records import (
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
    PresenceRecord,
)
from reception_tui.domain.returns import ReturnTimeError, parse_return_time
from reception_tui.domain.search import SearchEntry, StaffIndex
from reception_tui.domain.text import printable
from reception_tui.store.engine import DatabaseError
from reception_tui.store.repository import ConflictError, NewInquiry, NotFound
from reception_tui.tui.forms import failure_text
from reception_tui.tui.widgets.header import DeskHeader
from reception_tui.tui.widgets.table import Column, Row, VirtualTable
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import say, text

if TYPE_CHECKING:
    from reception_tui.config import Settings
    from reception_tui.tui.app import ReceptionApp
    from reception_tui.tui.live import FeedUpdate

# Actions that change data: hidden in read-only mode.
# Rows read before the first frame: more than the tallest terminal shows.
FIRST_SCREENFUL = 200
WRITES = frozenset({"redirect", "message", "available", "quick", "attempt", "resolve", "reassign"})


def changes_data(action_id: str) -> bool:
    """Whether a key action (a binding id such as "quick_1") changes data."""
    return action_id.split("_")[0] in WRITES


class QueueFilter(Enum):
    ALL = "all"
    OVERDUE = "overdue"
    EMPLOYEE = "employee"


# ------------------------------------------------------------------ messages


@dataclass
class DeskLoaded(Message):
    """Everything the desk shows, read and prepared off the UI thread."""

    employees: dict[int, EmployeeRecord]
    inquiries: dict[int, InquiryRecord]
    index: StaffIndex
    away: int
    redirected_to: dict[int, set[int]]
    returns: list[tuple[datetime, int]]  # a heap
    dues: list[tuple[datetime, int]]  # a heap
    change_id: int  # the end of the change log before the reading began


@dataclass
class DeskPeeked(Message):
    """How many are on the desk and the first screenful of them, in order: the first frame."""

    total: int
    employees: list[EmployeeRecord]


@dataclass
class PresenceSaved(Message):
    employee_id: int
    presence: PresenceRecord


@dataclass
class InquiryChanged(Message):
    inquiry: InquiryRecord


@dataclass
class EmployeeReloaded(Message):
    employee: EmployeeRecord


@dataclass
class SaveFailed(Message):
    text: str


@dataclass
class Saved(Message):
    text: str


# ------------------------------------------------------------------ widgets


class SearchBox(TextInput):
    """The search box: Down or Enter moves to the grid; ? on an empty box opens help."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus('grid')", show=False),
    ]
    # Input widens its virtual size with every character, which by default lays out the whole
    # screen; a fixed-height box on a fixed row never needs that.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, placeholder: str) -> None:
        # Letters typed elsewhere are added to the search, so focusing must not select it all.
        super().__init__(placeholder=placeholder, id="search", select_on_focus=False)

    def on_key(self, event: events.Key) -> None:
        if event.key == "question_mark" and not self.value:
            event.stop()
            event.prevent_default()
            self.app.call_later(self.screen.run_action, "help")


# ------------------------------------------------------------------ the screen


def _binding(action: str, method: str, language: str, *, show: bool = True) -> Binding:
    return Binding(
        KEY_ACTIONS[action],
        method,
        text(language, f"action.{action}") if not action.startswith("quick") else action,
        id=action,
        show=show,
    )


class DeskScreen(Screen[None]):
    """The one screen a receptionist keeps open all day."""

    AUTO_FOCUS = "#search"

    def __init__(self, initial: DeskLoaded | None = None, search: str = "") -> None:
        super().__init__()
        self._initial = initial
        self._initial_search = search
        self._replacement: DeskScreen | None = None
        self._reloading = self._reload_pending = False
        self._after_load: list[FeedUpdate] = []
        self._connection: tuple[bool, str] | None = None
        self.employees: dict[int, EmployeeRecord] = {}
        self.inquiries: dict[int, InquiryRecord] = {}
        self.index = StaffIndex([])
        self.queue_filter = QueueFilter.ALL
        self.loaded = False
        self._redirected_to: dict[int, set[int]] = {}  # employee id -> who redirects to them
        self._returns: list[tuple[datetime, int]] = []  # (return_at, employee id), a heap
        self._dues: list[tuple[datetime, int]] = []  # (due_at, inquiry id), a heap
        self._day: object = None
        self._away = 0
        # Descriptions follow the configured language, so the desk's bindings are added per
        # instance, beside the screen's own (Tab and Shift+Tab move the focus).
        inherited = [binding for _, binding in self._bindings]
        self._bindings = BindingsMap([*inherited, *desk_bindings(self.language)])

    @property
    def desk(self) -> ReceptionApp:
        return self.app  # type: ignore[return-value]

    @property
    def language(self) -> str:
        return self.desk.settings.organisation.language

    # -------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        app = self.desk
        language = self.language
        yield DeskHeader(
            app.settings, app.repository.calendar, app.repository.actor, read_only=app.read_only
        )
        yield SearchBox(text(language, "search"))
        with Horizontal(id="panes"):
            with Vertical(id="staff-pane"):
                yield Static(text(language, "loading"), id="staff-summary", markup=False)
                yield VirtualTable(self._staff_columns(), id="grid")
            with Vertical(id="queue-pane"):
                yield Static("", id="queue-title", markup=False)
                yield VirtualTable(self._queue_columns(), id="queue")
        yield Footer()

    def _staff_columns(self) -> list[Column]:
        # Sized for 120 columns: everything up to the redirect fits; the title comes after.
        t = self.language
        return [
            Column("name", text(t, "col.name"), 18),
            Column("unit", text(t, "col.unit"), 12),
            Column("extension", text(t, "col.extension"), 5),
            Column("status", text(t, "col.status"), 12),
            Column("return", text(t, "col.return"), 9),
            Column("redirect", text(t, "col.redirect"), 20),
            Column("title", text(t, "col.title"), 24, flex=True),
        ]

    def _queue_columns(self) -> list[Column]:
        # Most useful first: in a narrow pane the last columns are the ones cut.
        t = self.language
        return [
            Column("for", text(t, "col.for"), 9),
            Column("caller", text(t, "col.caller"), 9),
            Column("due", text(t, "col.due"), 9),
            Column("contact", text(t, "col.contact"), 13),
            Column("received", text(t, "col.received"), 10),
            Column("attempts", text(t, "col.attempts"), 6, flex=True),
        ]

    @property
    def grid(self) -> VirtualTable:
        return self.query_one("#grid", VirtualTable)

    @property
    def queue(self) -> VirtualTable:
        return self.query_one("#queue", VirtualTable)

    @property
    def search(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)
        if self._initial_search:
            self.search.value = self._initial_search
        if self._initial is not None:
            self.post_message(self._initial)
            self._initial = None
        else:
            # Everyone's place and the first screenful first, then the full read: at 100,000
            # people that read takes seconds, and the first frame should not wait for it.
            self._reloading = True
            self.peek()

    def on_screen_resume(self) -> None:
        if self._replacement is not None:
            self.desk.desk_screen = self._replacement
            self.app.switch_screen(self._replacement)

    def on_resize(self, event: events.Resize) -> None:
        # Side by side when there is room, stacked in a narrow terminal.
        self.set_class(event.size.width < 110, "-narrow")

    # -------------------------------------------------------------- loading

    def request_reload(self) -> None:
        """Read everything again; asked while a read runs, one more follows it, not many."""
        if self._reloading:
            self._reload_pending = True
            return
        self._reloading = True
        self.reload()

    @work(thread=True, group="desk-peek", exit_on_error=False)
    def peek(self) -> None:
        """Read how many are active and the first screenful of them, in the grid's order."""
        total, employees = self.desk.repository.first_employees(
            FIRST_SCREENFUL, default_status=self.desk.default_status
        )
        self.post_message(DeskPeeked(total, employees))

    @on(DeskPeeked)
    def _peeked(self, message: DeskPeeked) -> None:
        if not self.loaded:
            self.employees = {employee.id: employee for employee in message.employees}
            # A row for everyone: those not read yet have negative keys and show as "…" until
            # the full read, which follows this frame.
            first = list(self.employees)
            rest = range(-1, -max(message.total - len(first), 0) - 1, -1)
            self.grid.set_source([*first, *rest], self._employee_row_by_id)
            self.query_one("#staff-summary", Static).update(
                text(self.language, "staff_reading", total=message.total), layout=False
            )
        self.call_after_refresh(self.reload)

    @work(thread=True, exclusive=True, group="desk-load", exit_on_error=False)
    def reload(self) -> None:
        """Read everyone and the open queue; the grid keeps its cursor across reloads."""
        repository = self.desk.repository
        # Read first, so that whatever is committed while the rest is read comes through the
        # change feed afterwards (reading a change twice is harmless; missing one is not).
        change_id = repository.last_change_id()
        # Only what the grid, the search and the forms use: no contact details for 100,000.
        employees = repository.employees(
            default_status=self.desk.default_status, by_name=False, contact=False
        )
        inquiries = repository.open_inquiries()
        # Everything derived is prepared here too: at 100,000 people it takes seconds, and the
        # UI thread stays free for typing meanwhile.
        redirected_to: dict[int, set[int]] = {}
        for employee in employees:
            target = employee.presence.redirect_employee_id
            if target is not None:
                redirected_to.setdefault(target, set()).add(employee.id)
        returns = [(e.presence.return_at, e.id) for e in employees if e.presence.return_at]
        heapq.heapify(returns)
        dues = [(i.due_at, i.id) for i in inquiries]
        heapq.heapify(dues)
        self.post_message(
            DeskLoaded(
                employees={e.id: e for e in employees},
                inquiries={i.id: i for i in inquiries},
                index=StaffIndex.from_employees(employees),
                away=sum(self._is_away(e) for e in employees),
                redirected_to=redirected_to,
                returns=returns,
                dues=dues,
                change_id=change_id,
            )
        )

    @on(DeskLoaded)
    def _loaded(self, message: DeskLoaded) -> None:
        self._reloading = False
        if self._reload_pending:
            self._reload_pending = False
            self.request_reload()  # what this read began before is shown meanwhile
        self.employees = message.employees
        self._away = message.away
        self._redirected_to = message.redirected_to
        self.index = message.index
        self.loaded = True
        # Rows are built only when they come into view: there may be 100,000 of them.
        self.grid.set_source(self.index.all_ids(), self._employee_row_by_id)
        self._apply_search()
        self._returns = message.returns
        self.inquiries = message.inquiries
        self._dues = message.dues
        self._refresh_queue()
        pending, self._after_load = self._after_load, []
        for update in pending:
            self.apply_feed(update)  # version checks skip what the read already had
        if self._connection is not None:
            self.show_connection(*self._connection)
        self.desk.live.start(message.change_id)
        self.desk.desk_loaded()
        # What was just loaded lives until the next reload: keep the garbage collector from
        # scanning it again and again, which otherwise pauses typing at 100,000 people.
        gc.freeze()

    # -------------------------------------------------------------- rows

    def _status(self, employee: EmployeeRecord) -> StatusCode | None:
        return find_status(self.desk.statuses, employee.presence.status_code)

    def _redirect_text(self, employee: EmployeeRecord) -> str:
        target_id = employee.presence.redirect_employee_id
        target = self.employees.get(target_id) if target_id is not None else None
        # The extension first: it is what she dials, and it survives a narrow column.
        return format_redirect(employee.presence, target, extension_first=True)

    def _employee_row_by_id(self, employee_id: int) -> Row:
        employee = self.employees.get(employee_id)
        if employee is None:  # not read yet: below the first screenful, before the full read
            return Row(key=employee_id, cells=("…", "", "", "", "", "", ""), row_style="muted")
        return self._employee_row(employee)

    def _employee_row(self, employee: EmployeeRecord) -> Row:
        now = self.desk.clock.now()
        tz = self.desk.repository.calendar.tz
        status = self._status(employee)
        label = status.label(self.language) if status else employee.presence.status_code
        state = availability(status, employee.presence.return_at, now) if status else None
        row_style = ""
        if state is Availability.EXPECTED_BACK:
            label = f"{label}, {text(self.language, 'expected_back')}"
            row_style = "warning"
        colour = status.colour if status else ""
        return Row(
            key=employee.id,
            cells=(
                employee.name,
                employee.unit_name,
                employee.extension,
                label,
                _moment(employee.presence.return_at, now, tz, self.language),
                self._redirect_text(employee),
                employee.title,
            ),
            styles=("bold", "", "", colour, "", "", ""),
            row_style=row_style,
        )

    def _inquiry_row_by_id(self, inquiry_id: int) -> Row:
        return self._inquiry_row(self.inquiries[inquiry_id])

    def _inquiry_row(self, inquiry: InquiryRecord) -> Row:
        now = self.desk.clock.now()
        tz = self.desk.repository.calendar.tz
        contact = (
            format_phone(inquiry.caller_number)
            if inquiry.caller_number
            else inquiry.caller_email or ""
        )
        if inquiry.due_at <= now:
            row_style = "error"
        elif inquiry.due_at.astimezone(tz).date() == now.astimezone(tz).date():
            row_style = "warning"
        else:
            row_style = ""
        return Row(
            key=inquiry.id,
            cells=(
                inquiry.for_name,
                inquiry.caller_name,
                format_moment(inquiry.due_at, now, tz, self.language),
                contact,
                format_moment(inquiry.received_at, now, tz, self.language),
                str(inquiry.attempts or ""),
            ),
            row_style=row_style,
        )

    def _set_employee(self, employee: EmployeeRecord) -> None:
        """One employee changed: redraw their row, and the rows that redirect to them."""
        keys = self._store_employee(employee)
        self.grid.refresh_keys(keys)
        self._update_staff_summary()

    def _store_employee(self, employee: EmployeeRecord) -> list[int]:
        """Keep `employee` (active) in memory and the index; the rows that must be redrawn."""
        previous = self.employees.get(employee.id)
        self._away += self._is_away(employee) - (self._is_away(previous) if previous else 0)
        self.employees[employee.id] = employee
        self.index.upsert(SearchEntry.from_employee(employee))
        if employee.presence.return_at is not None:
            heapq.heappush(self._returns, (employee.presence.return_at, employee.id))
        old_target = previous.presence.redirect_employee_id if previous else None
        self._retarget(employee.id, old_target, employee.presence.redirect_employee_id)
        return [employee.id, *self._redirected_to.get(employee.id, ())]

    def _forget_employee(self, employee_id: int) -> list[int]:
        """Drop someone deactivated or deleted; the rows that named them must be redrawn."""
        previous = self.employees.pop(employee_id, None)
        if previous is None:
            return []
        self._away -= self._is_away(previous)
        self.index.remove(employee_id)
        self._retarget(employee_id, previous.presence.redirect_employee_id, None)
        return list(self._redirected_to.pop(employee_id, ()))

    def _retarget(self, employee_id: int, old: int | None, new: int | None) -> None:
        if old != new:
            if old is not None:
                self._redirected_to.get(old, set()).discard(employee_id)
            if new is not None:
                self._redirected_to.setdefault(new, set()).add(employee_id)

    # -------------------------------------------------------------- other seats

    def apply_feed(self, update: FeedUpdate) -> None:
        """Changes from the change feed: redraw only the rows they touch, in one go."""
        if self.loaded and not self.is_attached:
            return  # this desk has been closed (the app is exiting, or a new desk replaced it)
        if update.everything:
            self.request_reload()  # a burst (a staff import): one full read, the cursor kept
            return
        if not self.loaded or self._reloading:
            # A read under way may have begun before these: apply them again after it.
            self._after_load.append(update)
            if not self.loaded:
                return
        redraw: list[int] = []
        regroup = False  # someone came, went, or changed what the search matches
        for employee in update.employees.values():
            previous = self.employees.get(employee.id)
            if not employee.active:
                redraw += self._forget_employee(employee.id)
                regroup = regroup or previous is not None
                continue
            if previous is not None and previous.presence.version > employee.presence.version:
                continue  # this seat already shows a later save
            regroup = (
                regroup or previous is None or _search_fields(previous) != _search_fields(employee)
            )
            redraw += self._store_employee(employee)
        for employee_id in update.missing_employees:
            regroup = regroup or employee_id in self.employees
            redraw += self._forget_employee(employee_id)
        if regroup:
            self._apply_search()
        if redraw:
            self.grid.refresh_keys(redraw)
            self._update_staff_summary()
        if update.inquiries:
            for inquiry in update.inquiries.values():
                self._store_inquiry(inquiry)
            self._refresh_queue()

    def show_connection(self, online: bool, error: str) -> None:
        self._connection = (online, error)
        if self.is_mounted and self.is_attached:
            self.query_one(DeskHeader).show_offline(None if online else error)

    def snapshot(self) -> DeskLoaded:
        """What this desk holds, for a new desk to start from (when the language changes)."""
        feed = self.desk.live.feed
        return DeskLoaded(
            employees=self.employees,
            inquiries=self.inquiries,
            index=self.index,
            away=self._away,
            redirected_to=self._redirected_to,
            returns=self._returns,
            dues=self._dues,
            change_id=feed.last_id if feed is not None else 0,
        )

    def settings_changed(self, old: Settings, new: Settings) -> DeskScreen:
        """Show what an edited config changed; returns the desk in use afterwards."""
        if not (self.is_mounted and self.is_attached):
            return self  # a replacement not shown yet: it is built with the new settings
        if old.organisation.language != new.organisation.language and self.loaded:
            # Every label, column and key description changes: a new desk, with the same data.
            desk = DeskScreen(self.snapshot(), search=self.search.value)
            if self.app.screen is not self:
                self._replacement = desk  # a form is open over the desk: when it closes
                return self
            self.app.switch_screen(desk)
            return desk
        header = self.query_one(DeskHeader)
        header.settings, header.calendar = new, self.desk.repository.calendar
        header.refresh()
        self._away = sum(self._is_away(e) for e in self.employees.values())
        self.grid.refresh_all()  # status labels and colours
        self._update_staff_summary()
        self._refresh_queue()
        return self

    # -------------------------------------------------------------- search

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._apply_search()

    def _apply_search(self) -> None:
        if not self.loaded:
            return  # what is typed meanwhile is searched once everyone is read
        result = self.index.search(self.search.value)
        # A new search puts the cursor on the best match unless the person it was on is still
        # shown: F2 right after typing must never open someone further down.
        self.grid.set_order(result.ids, lost_cursor_to_top=True)
        self._update_staff_summary(fuzzy=result.fuzzy)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.grid.focus()

    def _is_away(self, employee: EmployeeRecord) -> bool:
        status = self._status(employee)
        return status is not None and not status.available

    def _update_staff_summary(self, *, fuzzy: bool = False) -> None:
        if not self.loaded:
            return  # "… läser in" stands until everyone is read
        line = text(
            self.language,
            "staff_summary",
            shown=self.grid.row_count,
            total=len(self.employees),
            away=self._away,
        )
        if fuzzy:
            line += " " + text(self.language, "fuzzy")
        # One line high whatever it says: no need for a layout pass on every keystroke.
        self.query_one("#staff-summary", Static).update(line, layout=False)

    def on_key(self, event: events.Key) -> None:
        # Letters always go to the search box, wherever the focus is. Combinations such as
        # alt+r also carry a printable character, but they are actions, not letters.
        if "+" in event.key:
            return
        if isinstance(self.focused, Input):
            return
        if event.key == "slash":
            event.stop()
            self.search.focus()
        elif event.key == "question_mark" and not self.search.value:
            event.stop()
            self.action_help()
        elif event.is_printable and event.character:
            event.stop()
            self.search.focus()
            self.search.cursor_position = len(self.search.value)
            self.search.insert_text_at_cursor(event.character)
        elif event.key == "escape" and self.search.value:
            event.stop()
            self.search.value = ""
            self.search.focus()

    def action_clear_search(self) -> None:
        self.search.value = ""
        self.search.focus()

    # -------------------------------------------------------------- the clock

    def tick(self) -> None:
        """Once a second: the header clock, passed return times, passed due times."""
        now = self.desk.clock.now()
        self.query_one(DeskHeader).show_time(now)
        changed: list[EmployeeRecord] = []
        while self._returns and self._returns[0][0] <= now:
            _, employee_id = heapq.heappop(self._returns)
            if employee_id in self.employees:
                changed.append(self.employees[employee_id])
        if changed:
            self.grid.refresh_keys(e.id for e in changed)
        overdue = False
        while self._dues and self._dues[0][0] <= now:
            heapq.heappop(self._dues)
            overdue = True
        day = now.astimezone(self.desk.repository.calendar.tz).date()
        new_day = day != self._day
        self._day = day
        if self.loaded and new_day:
            # "imorgon 08:00" becomes "08:00" at midnight: every row is rebuilt when drawn.
            self.grid.refresh_all()
        if self.loaded and (overdue or new_day):
            # Due-today colours change at midnight too; the queue is small, so redraw it all.
            self._refresh_queue()

    # -------------------------------------------------------------- queue

    def _visible_inquiries(self) -> list[InquiryRecord]:
        now = self.desk.clock.now()
        items = list(self.inquiries.values())
        if self.queue_filter is QueueFilter.OVERDUE:
            items = [i for i in items if i.due_at <= now]
        elif self.queue_filter is QueueFilter.EMPLOYEE:
            key = self.grid.cursor_key
            items = [i for i in items if key is not None and i.employee_id == key]
        # Overdue first (their due times are the earliest), then by due time, then received.
        return sorted(items, key=lambda i: (i.due_at, i.received_at, i.id))

    def _refresh_queue(self) -> None:
        now = self.desk.clock.now()
        tz = self.desk.repository.calendar.tz
        visible = self._visible_inquiries()
        self.queue.set_source([i.id for i in visible], self._inquiry_row_by_id)
        today = now.astimezone(tz).date()
        overdue = sum(1 for i in self.inquiries.values() if i.due_at <= now)
        due_today = sum(
            1
            for i in self.inquiries.values()
            if i.due_at > now and i.due_at.astimezone(tz).date() == today
        )
        if self.queue_filter is QueueFilter.EMPLOYEE:
            person = self.employees.get(self.grid.cursor_key or -1)
            name = printable(person.name) if person else "-"
            shown = text(self.language, "filter.employee", name=name)
        else:
            shown = text(self.language, f"filter.{self.queue_filter.value}")
        title = text(self.language, "queue_title", filter=shown)
        summary = text(
            self.language,
            "queue_summary",
            open=len(self.inquiries),
            overdue=overdue,
            today=due_today,
        )
        self.query_one("#queue-title", Static).update(f"{title} · {summary}")

    @on(VirtualTable.CursorMoved, "#grid")
    def _grid_cursor_moved(self) -> None:
        if self.queue_filter is QueueFilter.EMPLOYEE:
            self._refresh_queue()

    @on(VirtualTable.RowActivated, "#queue")
    def _queue_row_activated(self) -> None:
        self.action_details()

    @on(VirtualTable.RowActivated, "#grid")
    def _grid_row_activated(self) -> None:
        if not self.desk.read_only:
            self.action_redirect()

    @on(InquiryChanged)
    def _inquiry_changed(self, message: InquiryChanged) -> None:
        self._store_inquiry(message.inquiry)
        self._refresh_queue()

    def _store_inquiry(self, inquiry: InquiryRecord) -> None:
        known = self.inquiries.get(inquiry.id)
        if known is not None and known.version > inquiry.version:
            return  # a later version is already shown
        if inquiry.state is InquiryState.OPEN:
            self.inquiries[inquiry.id] = inquiry
            heapq.heappush(self._dues, (inquiry.due_at, inquiry.id))
        else:
            self.inquiries.pop(inquiry.id, None)

    # -------------------------------------------------------------- selection helpers

    def selected_employee(self) -> EmployeeRecord | None:
        key = self.grid.cursor_key
        return self.employees.get(key) if key is not None else None

    def selected_inquiry(self) -> InquiryRecord | None:
        key = self.queue.cursor_key
        return self.inquiries.get(key) if key is not None else None

    def _need_employee(self) -> EmployeeRecord | None:
        employee = self.selected_employee()
        if employee is None:
            self.notify(text(self.language, "no_employee"), severity="warning")
        return employee

    def _need_inquiry(self) -> InquiryRecord | None:
        inquiry = self.selected_inquiry()
        if inquiry is None:
            self.notify(text(self.language, "no_inquiry"), severity="warning")
        return inquiry

    def find_colleagues(self, query: str, limit: int = 6) -> list[EmployeeRecord]:
        if not query.strip():
            return []
        ids = self.index.search(query).ids[:limit]
        return [self.employees[i] for i in ids if i in self.employees]

    # -------------------------------------------------------------- employee actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        name = action.split("(")[0]
        return not (self.desk.read_only and name in WRITES)

    def action_help(self) -> None:
        from reception_tui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.desk.key_help(), self.language))

    def action_redirect(self, status_code: str | None = None) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        from reception_tui.tui.forms.redirect import RedirectForm, RedirectRequest

        repository = self.desk.repository

        def save(request: RedirectRequest) -> PresenceRecord:
            return repository.set_presence(
                request.employee_id,
                status=request.status,
                return_at=request.return_at,
                expected_version=request.expected_version,
                redirect_employee_id=request.redirect_employee_id,
                redirect_number=request.redirect_number,
                note=request.note,
            )

        initial = find_status(self.desk.statuses, status_code) if status_code else None

        def saved(presence: PresenceRecord | None) -> None:
            if presence is not None:
                self.post_message(PresenceSaved(employee.id, presence))
            else:
                self.reload_employee(employee.id)

        self.app.push_screen(
            RedirectForm(
                employee,
                statuses=self.desk.statuses,
                language=self.language,
                calendar=repository.calendar,
                clock=self.desk.clock,
                find_colleagues=self.find_colleagues,
                colleague=self.employees.get,
                save=save,
                initial_status=initial,
            ),
            saved,
        )

    def action_available(self) -> None:
        employee = self._need_employee()
        if employee is not None:
            self.save_status(employee, self.desk.settings.available_status())

    def action_quick(self, number: int) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        quick = self.desk.settings.quick_statuses()
        if not 1 <= number <= len(quick):
            self.notify(text(self.language, "quick_missing"), severity="warning")
            return
        status = quick[number - 1]
        if status.needs_return and not status.default_return:
            # No sensible default: ask for the return time in the full form.
            self.action_redirect(status.code)
            return
        self.save_status(employee, status)

    @work(thread=True, group="desk-save", exit_on_error=False)
    def save_status(self, employee: EmployeeRecord, status: StatusCode) -> None:
        """A quick status: its default return time, no redirect change unless available."""
        repository = self.desk.repository
        now = self.desk.clock.now()
        return_at = None
        try:
            if status.needs_return and status.default_return:
                return_at = parse_return_time(status.default_return, now, repository.calendar)
            presence = repository.set_presence(
                employee.id,
                status=status,
                return_at=return_at,
                expected_version=employee.presence.version,
                redirect_employee_id=employee.presence.redirect_employee_id,
                redirect_number=employee.presence.redirect_number,
            )
        except ConflictError as error:
            self.post_message(SaveFailed(self._conflict(error)))
            self.reload_employee(employee.id)
            return
        except (PresenceError, ReturnTimeError, NotFound, ValueError, DatabaseError) as error:
            self.post_message(SaveFailed(self._failure(error)))
            return
        self.post_message(PresenceSaved(employee.id, presence))

    def _failure(self, error: Exception) -> str:
        return failure_text(error, self.language, text(self.language, "save_failed"))

    def _conflict(self, error: ConflictError) -> str:
        return text(self.language, "conflict", error=say(self.language, error))

    @work(thread=True, group="desk-load-one", exit_on_error=False)
    def reload_employee(self, employee_id: int) -> None:
        try:
            employee = self.desk.repository.employee(
                employee_id, default_status=self.desk.default_status
            )
        except NotFound:
            return
        self.post_message(EmployeeReloaded(employee))

    @on(EmployeeReloaded)
    def _employee_reloaded(self, message: EmployeeReloaded) -> None:
        self._set_employee(message.employee)

    @on(PresenceSaved)
    def _presence_saved(self, message: PresenceSaved) -> None:
        employee = self.employees.get(message.employee_id)
        if employee is None or employee.presence.version > message.presence.version:
            return  # gone, or another seat's later change already came through the feed
        # The row itself shows the new status; a toast on every save would only add noise.
        self._set_employee(replace(employee, presence=message.presence))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(message.text, timeout=3, markup=False)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        # A worker that fails must never take the desk down: say what happened and go on.
        if event.state is WorkerState.ERROR and event.worker.group == "desk-peek":
            self.reload()  # the full read says what is wrong, if it still is
            return
        if event.state is WorkerState.ERROR and event.worker.group == "desk-load":
            self._reloading = self._reload_pending = False
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                text(self.language, "failed", error=say(self.language, error) if error else ""),
                severity="error",
                timeout=10,
                markup=False,
            )

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self.notify(message.text, severity="error", timeout=8, markup=False)

    def action_message(self) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        from reception_tui.tui.forms.message import MessageForm

        def saved(inquiry: InquiryRecord | None) -> None:
            if inquiry is not None:
                self.post_message(InquiryChanged(inquiry))

        repository = self.desk.repository
        self.app.push_screen(
            MessageForm(
                employee=employee,
                language=self.language,
                calendar=repository.calendar,
                clock=self.desk.clock,
                save=self._add_inquiry,
            ),
            saved,
        )

    def _add_inquiry(self, new: NewInquiry) -> InquiryRecord:
        repository = self.desk.repository
        (inquiry_id,) = repository.add_inquiries([new])
        return repository.inquiry(inquiry_id)

    # -------------------------------------------------------------- queue actions

    def action_attempt(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.forms.attempt import AttemptForm

        repository = self.desk.repository

        def saved(attempt: object) -> None:
            if attempt is not None:
                self.reload_inquiry(inquiry.id)

        self.app.push_screen(
            AttemptForm(
                inquiry,
                language=self.language,
                clock=self.desk.clock,
                calendar=repository.calendar,
                save=repository.log_attempt,
            ),
            saved,
        )

    @work(thread=True, group="desk-load-one", exit_on_error=False)
    def reload_inquiry(self, inquiry_id: int) -> None:
        self.post_message(InquiryChanged(self.desk.repository.inquiry(inquiry_id)))

    def action_resolve(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is not None:
            self.resolve(inquiry)

    @work(thread=True, group="desk-save", exit_on_error=False)
    def resolve(self, inquiry: InquiryRecord) -> None:
        repository = self.desk.repository
        try:
            closed = repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version)
        except ConflictError as error:
            self.post_message(SaveFailed(self._conflict(error)))
            self.reload_inquiry(inquiry.id)
            return
        except DatabaseError as error:
            self.post_message(SaveFailed(self._failure(error)))
            return
        self.post_message(InquiryChanged(closed))
        self.post_message(Saved(text(self.language, "resolved", caller=inquiry.caller_name)))

    def action_reassign(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.forms.reassign import ReassignForm

        def chosen(employee_id: int | None) -> None:
            if employee_id is not None:
                self.reassign(inquiry, employee_id)

        self.app.push_screen(
            ReassignForm(inquiry, language=self.language, find_colleagues=self.find_colleagues),
            chosen,
        )

    @work(thread=True, group="desk-save", exit_on_error=False)
    def reassign(self, inquiry: InquiryRecord, employee_id: int) -> None:
        repository = self.desk.repository
        try:
            moved = repository.reassign_inquiry(
                inquiry.id, employee_id=employee_id, expected_version=inquiry.version
            )
        except ConflictError as error:
            self.post_message(SaveFailed(self._conflict(error)))
            self.reload_inquiry(inquiry.id)
            return
        except DatabaseError as error:
            self.post_message(SaveFailed(self._failure(error)))
            return
        self.post_message(InquiryChanged(moved))
        self.post_message(
            Saved(text(self.language, "reassigned", caller=moved.caller_name, name=moved.for_name))
        )

    def action_details(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.screens.inquiry import InquiryDetails

        repository = self.desk.repository
        self.app.push_screen(
            InquiryDetails(
                inquiry,
                language=self.language,
                clock=self.desk.clock,
                calendar=repository.calendar,
                load_attempts=repository.attempts,
            )
        )

    def action_queue_filter(self) -> None:
        order = list(QueueFilter)
        self.queue_filter = order[(order.index(self.queue_filter) + 1) % len(order)]
        self._refresh_queue()

    def action_reload(self) -> None:
        self.request_reload()


def desk_bindings(language: str) -> list[Binding]:
    """The desk's keys, each with an id that `[keys]` in config.toml can remap."""
    return [
        _binding("help", "help", language),
        _binding("redirect", "redirect", language),
        _binding("message", "message", language),
        _binding("available", "available", language),
        *(_binding(f"quick_{n}", f"quick({n})", language, show=False) for n in range(1, 5)),
        _binding("attempt", "attempt", language),
        _binding("resolve", "resolve", language),
        _binding("reassign", "reassign", language, show=False),
        _binding("details", "details", language, show=False),
        _binding("queue_filter", "queue_filter", language, show=False),
        _binding("reload", "reload", language, show=False),
        Binding("escape", "clear_search", show=False),
    ]


def _search_fields(employee: EmployeeRecord) -> tuple[str, ...]:
    return (
        employee.name,
        employee.unit_name,
        employee.title,
        employee.extension,
        employee.keywords,
    )


def _moment(at: datetime | None, now: datetime, tz: tzinfo, language: str) -> str:
    # "sön 08:00" rather than "imorgon 08:00": it fits the column and reads the same.
    return format_moment(at, now, tz, language, relative_days=False) if at else ""
