"""Helpers for the desk's Pilot tests: finding the desk, reading its rows, waiting for it,
its notices and its command palette, and the change log behind it."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.presence import StatusCode, find_status
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Change
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
    """The desk as `build_app` makes it (`read_only`, `ask_name`, `purge`), on the test's
    clock."""
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


def notices(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def palette_commands(pilot: Pilot[None]) -> list[str]:
    """The commands the open palette lists, top to bottom (the first line of each)."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    options = palette.query_one(OptionList).options
    return [str(option.prompt).split("\n")[0] for option in options if not option.disabled]


async def open_palette(pilot: Pilot[None], typed: str = "") -> list[str]:
    """Ctrl+P, then `typed` key by key; the commands listed once the palette has looked."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette opens")
    await pilot.press(*typed)
    for _ in range(2):  # the palette adds what it gathers in batches
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)
    return palette_commands(pilot)


def change_log(
    repository: Repository, entity: str | None = None
) -> list[sa.Row[tuple[object, ...]]]:
    """The change log, oldest first (of one kind of entity, if given)."""
    table = Change.__table__  # type: ignore[attr-defined]
    query = sa.select(table).order_by(table.c.id)
    if entity is not None:
        query = query.where(table.c.entity == entity)
    with repository.engine.connect() as connection:
        return list(connection.execute(query))
