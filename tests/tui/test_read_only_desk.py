"""A manager's desk on a connection that may only read: it loads, and follows other seats.

The desk here reads through a read-only engine (`mode=ro` and the authorizer that refuses
every write), as `reception-tui --read-only` opens it, not through the receptionist's engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from desk_pilot import open_palette
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from reception_tui.actions import writes
from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.presence import find_status
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.engine import make_engine
from reception_tui.store.migrate import ensure_current
from reception_tui.store.repository import Repository
from reception_tui.tui.app import ReceptionApp, build_app
from reception_tui.tui.screens.desk import DeskScreen

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]


@pytest.fixture
def manager(
    sqlite_url: str, sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> Iterator[Repository]:
    """A seat on a read-only engine, the way `--read-only` opens the database."""
    engine = make_engine(sqlite_url, read_only=True)
    ensure_current(engine)
    yield Repository(engine, actor="Chef", clock=clock, calendar=calendar)
    engine.dispose()


async def test_a_read_only_desk_loads_everyone_and_follows_another_seats_change(
    settings: Settings,
    repository: Repository,
    manager: Repository,
    staff: dict[str, EmployeeRecord],
    clock: FixedClock,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    repository.add_inquiry(caller_name="Kalle Karlsson", caller_number="+46701234567",
                           employee_id=anna.id)  # fmt: skip
    sick = find_status(settings.status_codes(), "sick")
    assert sick is not None

    app = build_app(settings, manager, clock=clock, read_only=True)
    async with open_desk(app) as pilot:
        desk = pilot.app.screen
        assert isinstance(desk, DeskScreen)
        assert desk.grid.row_count == len(staff)
        assert desk.queue.row_count == 1

        repository.set_presence(
            anna.id,
            status=sick,
            return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
            expected_version=anna.presence.version,
        )
        for _ in range(100):
            row = desk.grid.get_row(anna.id)
            if row is not None and "Sjuk" in row.cells:
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the read-only desk never showed Anna as Sjuk")


# ------------------------------------------------------------------ what a read-only desk offers

REFUSED = "Den här vyn kan bara läsa; inget ändras här."
# Every key that writes, with where the receptionist would press it.
WRITING_KEYS = [
    ("f2", "grid"),
    ("f3", "grid"),
    ("f4", "grid"),
    ("f5", "grid"),
    ("f8", "grid"),
    ("enter", "grid"),
    ("f9", "queue"),
    ("alt+r", "queue"),
    ("alt+a", "queue"),
    ("ctrl+z", "queue"),
]
WRITING_WORDS = ("Status/hänvisning", "Meddelande", "Tillgänglig", "Logga försök", "Klar",
                 "Flytta", "Ångra", "Öppna igen", "Lunch", "Möte", "Sjuk",
                 "Gått för dagen")  # fmt: skip


def saved_state(repository: Repository) -> tuple[object, ...]:
    """Everything a writing key could change: presences, inquiries, the change log."""
    presences = {e.id: e.presence for e in repository.employees(default_status="available")}
    return presences, repository.inquiries(), repository.last_change_id()


def notices(pilot: Pilot[None]) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def desk_of(pilot: Pilot[None]) -> DeskScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DeskScreen), f"expected the desk, found {screen!r}"
    return screen


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def focus_on(pilot: Pilot[None], where: str, key: int) -> DeskScreen:
    """Focus the grid or the queue with its cursor on `key`."""
    desk = desk_of(pilot)
    table = desk.grid if where == "grid" else desk.queue
    table.focus()
    assert table.move_cursor_to_key(key)
    await pilot.pause()
    await pilot.pause()  # the footer follows the focus a turn later
    return desk


def footer_keys(pilot: Pilot[None]) -> dict[str, str]:
    """What the footer shows: key -> its words."""
    return {key.key: key.description for key in pilot.app.screen.query(FooterKey)}


@pytest.fixture
def read_only_desk(
    settings: Settings,
    repository: Repository,
    manager: Repository,
    staff: dict[str, EmployeeRecord],
    clock: FixedClock,
) -> tuple[ReceptionApp, int, int]:
    """A read-only desk on Anna Berg and an open item for her: (app, Anna's id, the item's)."""
    anna = staff["Anna Berg"]
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=anna.id
    )
    return build_app(settings, manager, clock=clock, read_only=True), anna.id, inquiry.id


async def test_a_read_only_footer_offers_no_key_that_writes_wherever_the_focus_is(
    read_only_desk: tuple[ReceptionApp, int, int], open_desk: OpenDesk
) -> None:
    app, anna, inquiry = read_only_desk
    async with open_desk(app) as pilot:
        for where, key in (("grid", anna), ("queue", inquiry)):
            desk = await focus_on(pilot, where, key)
            shown = footer_keys(pilot)
            assert shown, "the footer shows nothing"
            assert "f1" in shown and "ctrl+p" in shown  # help and the palette still are
            for writing in ("f2", "f3", "f4", "f5", "f9", "alt+r", "alt+a", "ctrl+z"):
                assert writing not in shown, f"{writing} is offered on the {where}"
            assert not set(shown.values()) & set(WRITING_WORDS), shown
            # No binding that could write is active either, shown or not.
            active = [b.binding.action for b in desk.active_bindings.values()]
            assert not [action for action in active if writes(action)], active
        # Enter on a person would open the redirect form: not offered.
        await focus_on(pilot, "grid", anna)
        assert "enter" not in footer_keys(pilot)


@pytest.mark.parametrize(("key", "where"), WRITING_KEYS, ids=[key for key, _ in WRITING_KEYS])
async def test_a_key_that_writes_says_the_view_only_reads_and_changes_nothing(
    key: str,
    where: str,
    read_only_desk: tuple[ReceptionApp, int, int],
    repository: Repository,
    open_desk: OpenDesk,
) -> None:
    app, anna, inquiry = read_only_desk
    before = saved_state(repository)
    async with open_desk(app) as pilot:
        desk = await focus_on(pilot, where, anna if where == "grid" else inquiry)
        pilot.app.clear_notifications()
        await pilot.press(key)
        await settle(pilot)
        assert pilot.app.screen is desk, f"{key} opened {pilot.app.screen!r}"
        assert notices(pilot) == [REFUSED]
    assert saved_state(repository) == before


async def test_every_key_that_writes_at_once_is_refused_one_by_one_and_changes_nothing(
    read_only_desk: tuple[ReceptionApp, int, int],
    repository: Repository,
    open_desk: OpenDesk,
    burst: Callable[..., None],
) -> None:
    app, anna, inquiry = read_only_desk
    before = saved_state(repository)
    async with open_desk(app) as pilot:
        for where, key in (("grid", anna), ("queue", inquiry)):
            desk = await focus_on(pilot, where, key)
            pilot.app.clear_notifications()
            keys = [k for k, on in WRITING_KEYS if on == where]
            burst(pilot.app, *keys)
            await settle(pilot)
            assert pilot.app.screen is desk
            assert notices(pilot) == [REFUSED] * len(keys)
    assert saved_state(repository) == before


async def test_a_read_only_palette_lists_only_what_reads(
    read_only_desk: tuple[ReceptionApp, int, int], open_desk: OpenDesk
) -> None:
    app, _, inquiry = read_only_desk
    async with open_desk(app) as pilot:
        await focus_on(pilot, "queue", inquiry)
        assert await open_palette(pilot) == [
            "Hjälp (F1)",
            "Detaljer (Alt+O)",
            "Filter (Alt+V)",
            "Läs om (Ctrl+L)",
            "Avsluta (Ctrl+Q)",
        ]
        await pilot.press("escape")
        await pilot.pause()

        for typed in ("klar", "status", "lunch", "ångra"):
            found = await open_palette(pilot, typed)
            assert not [c for c in found if c.startswith(WRITING_WORDS)], (typed, found)
            await pilot.press("escape")
            await pilot.pause()


async def test_a_read_only_desk_lists_the_closed_but_alt_u_there_only_says_it_reads(
    read_only_desk: tuple[ReceptionApp, int, int],
    repository: Repository,
    open_desk: OpenDesk,
) -> None:
    app, _, inquiry = read_only_desk
    repository.resolve_inquiry(inquiry, expected_version=1)
    before = saved_state(repository)
    async with open_desk(app) as pilot:
        desk = desk_of(pilot)
        for _ in range(3):  # all, overdue, for the person, closed in the past week
            await pilot.press("alt+v")
        assert list(desk.queue.shown_keys) == [inquiry]
        await focus_on(pilot, "queue", inquiry)
        shown = footer_keys(pilot)
        assert "alt+u" not in shown and not set(shown.values()) & set(WRITING_WORDS), shown
        assert not [b for b in desk.active_bindings.values() if writes(b.binding.action)]
        pilot.app.clear_notifications()
        await pilot.press("alt+u")
        await settle(pilot)
        assert notices(pilot) == [REFUSED]
        found = await open_palette(pilot, "öppna")
        assert not [c for c in found if c.startswith(WRITING_WORDS)], found
    assert saved_state(repository) == before
