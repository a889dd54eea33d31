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
from textual.pilot import Pilot

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.presence import find_status
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.engine import make_engine
from reception_tui.store.migrate import ensure_current
from reception_tui.store.repository import Repository
from reception_tui.tui.app import build_app
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
