"""The receptionist's desk: search, the employee grid and the callback queue, driven by keys.

Letters always go to the search box; actions sit on function keys and Ctrl/Alt combinations,
so typing a caller's words can never change anyone's status. The screen renders the desk's
model (`DeskContext.model`); the app reads and follows the database and says what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Footer, Input, Static

from reception_tui.actions import Action, named
from reception_tui.domain.desk import Changes, QueueFilter
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, InquiryState
from reception_tui.domain.text import printable
from reception_tui.tui import columns
from reception_tui.tui.columns import Shown
from reception_tui.tui.context import DeskContext
from reception_tui.tui.screens.desk_actions import DeskActions, desk_bindings
from reception_tui.tui.widgets.header import DeskHeader
from reception_tui.tui.widgets.table import Row, VirtualTable
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text
from reception_tui.words.numbers import shown_count

__all__ = ["DeskScreen", "QueueFilter"]

# Side by side from this width; below it the grid and the queue are stacked, each full width.
SIDE_BY_SIDE = 220


class SearchBox(TextInput):
    """The search box: Down or Enter moves to the grid; ? on an empty box opens help."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.focus('grid')", show=False),
    ]
    # Input widens its virtual size with every character, which by default lays out the whole
    # screen; a fixed-height box on a fixed row never needs that.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, placeholder: str, searched: Callable[[], None]) -> None:
        # Letters typed elsewhere are added to the search, so focusing must not select it all.
        super().__init__(placeholder=placeholder, id="search", select_on_focus=False)
        self._searched = searched

    def watch_value(self) -> None:
        # Searched in the same turn as the key, not on the Changed message a turn later: the
        # box and the grid then change in one frame, not in two.
        self._searched()

    def on_key(self, event: events.Key) -> None:
        if event.key == "question_mark" and not self.value:
            event.stop()
            event.prevent_default()
            self.app.call_later(self.screen.run_action, "help")


class DeskScreen(DeskActions):
    """The one screen a receptionist keeps open all day."""

    AUTO_FOCUS = "#search"

    def __init__(self, context: DeskContext, search: str = "") -> None:
        super().__init__()
        self.context = context
        self._initial_search = search
        self.queue_filter = QueueFilter.ALL
        self.replacement: DeskScreen | None = None
        """The desk that takes this one's place when it is shown again (a new language)."""
        self._connection: tuple[bool, str] | None = None
        # Descriptions follow the configured language, so the desk's bindings are added per
        # instance, beside the screen's own (Tab and Shift+Tab move the focus).
        inherited = [binding for _, binding in self._bindings]
        bindings = desk_bindings(context.settings, read_only=context.read_only)
        self._bindings = BindingsMap([*inherited, *bindings])

    @property
    def language(self) -> str:
        return self.context.language

    @property
    def employees(self) -> dict[int, EmployeeRecord]:
        return self.context.model.employees

    @property
    def inquiries(self) -> dict[int, InquiryRecord]:
        return self.context.model.inquiries

    @property
    def loaded(self) -> bool:
        return self.context.model.loaded

    # -------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        context = self.context
        language = self.language
        yield DeskHeader(
            context.settings,
            context.repository.calendar,
            context.repository.actor,
            read_only=context.read_only,
        )
        yield SearchBox(text(language, "search"), lambda: self._apply_search())
        with Horizontal(id="panes"):
            with Vertical(id="staff-pane"):
                yield Static(text(language, "loading"), id="staff-summary", markup=False)
                grid = VirtualTable(columns.columns(columns.STAFF_COLUMNS, language), id="grid")
                # Enter on a person opens the redirect form: nothing to offer where it is
                # refused.
                grid.activates = not context.read_only
                yield grid
            with Vertical(id="queue-pane"):
                yield Static("", id="queue-title", markup=False)
                yield VirtualTable(columns.columns(columns.QUEUE_COLUMNS, language), id="queue")
        yield Footer()

    @property
    def grid(self) -> VirtualTable:
        return self.query_one("#grid", VirtualTable)

    @property
    def queue(self) -> VirtualTable:
        return self.query_one("#queue", VirtualTable)

    @property
    def search(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def showing(self) -> bool:
        """Mounted, attached and not being taken down: its widgets are there to update.

        A feed batch or a key handled while the app shuts down (or while the desk is replaced
        for another language) must not reach for widgets already removed.
        """
        return self.is_mounted and self.is_attached and not (self._pruning or self._closing)

    def on_mount(self) -> None:
        # Not through show_time: inside on_mount the screen does not count as mounted yet, and
        # the header would wait a second, for the app's first tick, to show the time.
        self.query_one(DeskHeader).show_time(self.context.clock.now())
        if self._initial_search:
            self.search.value = self._initial_search
        # After the first refresh: the grid, inside its panes, may not be mounted yet now.
        self.call_after_refresh(self._show_model)

    def _show_model(self) -> None:
        """What the model holds already (a desk built for a new language on the same model)."""
        model = self.context.model
        if not self.showing:
            return  # taken down before it was shown
        if model.loaded:
            self.show_loaded()
        elif model.employees:
            self.show_peek(model.peek(model.total, model.employees.values()))

    def on_screen_resume(self) -> None:
        if self.replacement is not None:
            self.app.switch_screen(self.replacement)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < SIDE_BY_SIDE, "-narrow")
        # Every key the footer offers keeps its words, down to 100 columns.
        self.query_one(Footer).compact = event.size.width < 120

    # -------------------------------------------------------------- rendering the model

    def _shown(self) -> Shown:
        context = self.context
        return Shown(
            context.model, context.clock.now(), context.repository.calendar.tz, self.language
        )

    def _employee_row(self, employee_id: int) -> Row:
        employee = self.employees.get(employee_id)
        if employee is None:  # not read yet: below the first screenful, before the full read
            return columns.unread_row(employee_id)
        return columns.employee_row(self._shown(), employee)

    def _inquiry_row(self, inquiry_id: int) -> Row:
        inquiry = self.context.model.inquiry(inquiry_id)
        assert inquiry is not None, inquiry_id  # the queue shows only what the model holds
        return columns.inquiry_row(self._shown(), inquiry)

    def show_peek(self, keys: list[int]) -> None:
        """The first screenful: a row for everyone, those not read yet as "…"."""
        self.grid.set_source(keys, self._employee_row)
        total = shown_count(self.context.model.total, self.language)
        self._summary(text(self.language, "staff_reading", total=total))

    def show_loaded(self) -> None:
        """Everyone is read: rows are built only when they come into view."""
        self.grid.set_source(self.context.model.index.all_ids(), self._employee_row)
        self._apply_search()
        self._refresh_queue()
        if self._connection is not None:
            self.show_connection(*self._connection)

    def show_changes(self, changes: Changes) -> None:
        """Redraw what the model says changed, and nothing more."""
        if not (self.showing and self.loaded):
            return
        if changes.all_rows:
            self.grid.refresh_all()
        elif changes.employees:
            self.grid.refresh_keys(changes.employees)
        if changes.regroup:
            self._apply_search()
        elif changes.employees or changes.all_rows:
            self._update_staff_summary()
        if changes.queue:
            self._refresh_queue()

    def show_connection(self, online: bool, error: str) -> None:
        self._connection = (online, error)
        if self.showing:
            self.query_one(DeskHeader).show_offline(None if online else error)

    def settings_changed(self) -> None:
        """The settings changed without changing the language: the header, labels, colours."""
        if not self.showing:
            return
        header = self.query_one(DeskHeader)
        header.settings, header.calendar = self.context.settings, self.context.repository.calendar
        header.actor = self.context.repository.actor
        header.refresh()
        self.show_changes(Changes(all_rows=True, queue=True))

    def _summary(self, line: str) -> None:
        # One line high whatever it says: no need for a layout pass on every keystroke.
        self.query_one("#staff-summary", Static).update(line, layout=False)

    # -------------------------------------------------------------- search

    def _apply_search(self) -> None:
        if not self.loaded or not self.showing:
            return  # what is typed meanwhile is searched once everyone is read
        result = self.context.model.search(self.search.value)
        # A new search puts the cursor on the best match unless the person it was on is still
        # shown: F2 right after typing must never open someone further down.
        self.grid.set_order(result.ids, lost_cursor_to_top=True)
        self._update_staff_summary(fuzzy=result.fuzzy)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.grid.focus()

    def _update_staff_summary(self, *, fuzzy: bool = False) -> None:
        if not self.loaded:
            return  # "… läser in" stands until everyone is read
        model = self.context.model
        empty = not model.employees and not self.search.value
        summary = self.query_one("#staff-summary", Static)
        if empty != summary.has_class("-empty"):
            summary.set_class(empty, "-empty")  # the help for an empty database wraps
            summary.refresh(layout=True)
        if empty:
            self._summary(text(self.language, "staff_empty"))
            return
        line = text(
            self.language,
            "staff_summary",
            shown=shown_count(self.grid.row_count, self.language),
            total=shown_count(len(model.employees), self.language),
            away=shown_count(model.away, self.language),
        )
        if fuzzy:
            line += " " + text(self.language, "fuzzy")
        self._summary(line)

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

    def show_time(self, now: datetime) -> None:
        """The header's clock (the app says the time once a second)."""
        for header in self.query(DeskHeader):  # none while the screen is taken down
            header.show_time(now)

    # -------------------------------------------------------------- queue

    def _refresh_queue(self) -> None:
        if not self.showing:
            return
        model = self.context.model
        now = self.context.clock.now()
        visible = model.queue(self.queue_filter, now, self.grid.cursor_key)
        self.queue.set_source([i.id for i in visible], self._inquiry_row)
        counts = model.queue_counts(now)
        if self.queue_filter is QueueFilter.EMPLOYEE:
            person = self.employees.get(self.grid.cursor_key or -1)
            name = printable(person.name) if person else "-"
            shown = text(self.language, "filter.employee", name=name)
        else:
            shown = text(self.language, f"filter.{self.queue_filter.value}")
        title = text(self.language, "queue_title", filter=shown)
        if self.queue_filter is QueueFilter.CLOSED:
            summary = text(
                self.language,
                "queue_closed_summary",
                shown=shown_count(len(visible), self.language),
                open=shown_count(counts.open, self.language),
            )
        else:
            summary = text(
                self.language,
                "queue_summary",
                open=shown_count(counts.open, self.language),
                overdue=shown_count(counts.overdue, self.language),
                today=shown_count(counts.due_today, self.language),
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
        self.run_action("redirect")

    def action_queue_filter(self) -> None:
        order = list(QueueFilter)
        was_closed = self.queue_filter is QueueFilter.CLOSED
        self.queue_filter = order[(order.index(self.queue_filter) + 1) % len(order)]
        closed = self.queue_filter is QueueFilter.CLOSED
        if closed != was_closed:
            self.queue.set_columns(columns.columns(columns.queue_columns(closed), self.language))
        self._refresh_queue()
        self.refresh_bindings()  # the footer offers what fits the inquiries listed

    # -------------------------------------------------------------- what is selected

    def selected_employee(self) -> EmployeeRecord | None:
        key = self.grid.cursor_key
        return self.employees.get(key) if key is not None else None

    def selected_inquiry(self) -> InquiryRecord | None:
        key = self.queue.cursor_key
        return self.context.model.inquiry(key) if key is not None else None

    def offers(self, action: Action) -> bool:
        """Whether the desk offers this action now (its keys, footer and palette): no writing
        action where the view only reads, and an inquiry's action only where the queue lists
        inquiries it is for (the closed ones to reopen, the open ones everywhere else)."""
        if self.context.read_only and action.writes:
            return False  # its keys have no bindings here: only the read-only notice does
        if action.inquiry_state is None:
            return True
        closed = self.queue_filter is QueueFilter.CLOSED
        return action.inquiry_state is (InquiryState.CLOSED if closed else InquiryState.OPEN)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        known = named(action)
        return known is None or self.offers(known)
