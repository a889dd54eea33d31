"""Helpers for the desk's Pilot tests: finding the desk, reading its rows, waiting for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.presence import StatusCode, find_status
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.repository import Repository
from reception_tui.tui.app import ReceptionApp, build_app
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.widgets.table import VirtualTable


def desk_of(pilot: Pilot[None]) -> DeskScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DeskScreen), f"expected the desk, found {screen!r}"
    return screen


def desk_app(
    settings: Settings, repository: Repository, clock: FixedClock, **options: bool
) -> ReceptionApp:
    """The desk as `build_app` makes it (`read_only`, `ask_name`), on the test's clock."""
    return build_app(settings, repository, clock=clock, **options)


def status(settings: Settings, code: str) -> StatusCode:
    found = find_status(settings.status_codes(), code)
    assert found is not None
    return found


def cells(table: VirtualTable, key: int) -> tuple[str, ...]:
    row = table.get_row(key)
    assert row is not None, f"no row {key}"
    return row.cells


def screen_line(table: VirtualTable, key: int) -> str:
    """The text the table draws for a shown row (line 0 is the column header)."""
    index = table.index_of(key)
    assert index is not None, f"row {key} is not shown"
    return table.render_line(index + 1 - int(table.scroll_offset.y)).text


async def settle(pilot: Pilot[None]) -> None:
    """Let the desk's thread workers finish and the messages they post be handled, including
    a worker started by such a message (a save that reloads one row)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Pause until `condition` holds (at most about five seconds)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting until {what}")


async def select(pilot: Pilot[None], employee: EmployeeRecord) -> DeskScreen:
    """Find `employee` by extension in the search and put the grid's cursor on them."""
    desk = desk_of(pilot)
    desk.search.focus()
    await pilot.press("ctrl+u", *employee.extension, "enter")
    await pilot.pause()
    assert desk.grid.has_focus
    assert desk.grid.cursor_key == employee.id
    return desk


def no_blink(app: ReceptionApp) -> None:
    """Input cursors blink on a timer; a screenshot must not depend on when it is taken."""
    for screen in app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
