"""Fixtures for driving the whole desk: a fixed clock, a real SQLite file, people to name.

The desk under test is the one a receptionist runs: `build_app` with the default settings, a
`Repository` on a migrated SQLite file in `tmp_path`, and a `FixedClock` injected into both.
Time only moves when a test moves the clock; the desk's one-second tick then notices.

These fixtures take the place of the root conftest's `clock`, `calendar`, `engine` and
`repository` for the tests in this folder: the desk runs on SQLite only (the store's own tests
cover PostgreSQL), at 10:15 on a Wednesday, with the calendar from the shipped settings.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from textual import events
from textual.app import App
from textual.pilot import Pilot

from reception_tui.clock import FixedClock
from reception_tui.config import Settings, default_settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.demo import build_demo
from reception_tui.store.importer import parse_staff_csv
from reception_tui.store.repository import Repository
from reception_tui.tui.app import ReceptionApp
from reception_tui.tui.screens.desk import DeskScreen

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Wednesday in an ordinary week, mid-morning: the office is open, lunch is still ahead.
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
DESK_SIZE = (120, 35)

# A small staff to name in tests. Anna Berg and Anna Bergström share a first name and the start
# of a last name; Åsa Öberg needs Swedish letters folded; "Per [vik]" looks like markup.
STAFF_CSV = """\
employee_id;first_name;last_name;unit;title;extension;keywords;visiting_address
1;Anna;Berg;Bygg och miljö;Bygglovshandläggare;1234;bygglov, strandskydd;Kommunhuset
2;Lars;Svensson;Bygg och miljö;Miljöinspektör;1235;enskilda avlopp;Kommunhuset
3;Åsa;Öberg;Östersundskontoret;Handläggare;1240;östersund;Storgatan 3
4;Per [vik];Ek;Socialtjänst;Socialsekreterare;1300;försörjningsstöd;Kyrkogatan 8
5;Anna;Bergström;Barn och utbildning;Förskolechef;1410;förskoleplats;Skolgatan 5
"""
STAFF_NAMES = ("Anna Berg", "Lars Svensson", "Åsa Öberg", "Per [vik] Ek", "Anna Bergström")


@pytest.fixture
def settings() -> Settings:
    """The shipped settings: Swedish, Malung-Sälen, F-keys as in config.toml."""
    return default_settings()


@pytest.fixture
def clock() -> FixedClock:
    """Wednesday 2026-12-02 10:15 in Stockholm; move it with `set` or `advance`."""
    return FixedClock(NOW)


@pytest.fixture
def calendar(settings: Settings) -> WorkingCalendar:
    """The shipped working calendar: weekdays 08:00-16:30, answers due in two working days."""
    return settings.calendar()


@pytest.fixture
def engine(sqlite_engine: sa.Engine) -> sa.Engine:
    """A migrated SQLite file, the way the desk opens its default database. (The shared
    `make_repository` and `repository` fixtures build their seats on this one.)"""
    return sqlite_engine


@pytest.fixture
def staff(repository: Repository, settings: Settings) -> dict[str, EmployeeRecord]:
    """STAFF_CSV imported through the importer; full name -> the employee as stored."""
    repository.import_staff(parse_staff_csv(STAFF_CSV).rows)
    default = settings.available_status().code
    people = {e.name: e for e in repository.employees(default_status=default)}
    assert set(people) == set(STAFF_NAMES)
    return people


@pytest.fixture
def demo_repository(repository: Repository, settings: Settings) -> Repository:
    """Karin Ek's seat on the demo municipality: 200 people, seed 1, built at NOW."""
    build_demo(repository, settings.status_codes(), employees=200, seed=1, history=0)
    return repository


async def _wait_for_desk(pilot: Pilot[None]) -> DeskScreen:
    """Let the desk's first load finish: its workers done and the grid filled."""
    app = pilot.app
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, DeskScreen) and screen.loaded and screen.grid.row_count:
            return screen
    raise AssertionError("the desk never showed anyone")


OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]


@pytest.fixture
def open_desk() -> OpenDesk:
    """`async with open_desk(app) as pilot:` runs `app` headless at 120x35 (or `size=`) and
    enters once the desk has loaded and its grid shows people."""

    @asynccontextmanager
    async def open_(
        app: ReceptionApp, size: tuple[int, int] = DESK_SIZE
    ) -> AsyncIterator[Pilot[None]]:
        async with app.run_test(size=size) as pilot:
            await _wait_for_desk(pilot)
            yield pilot

    return open_


@pytest.fixture
def wait_for_desk() -> Callable[[Pilot[None]], Awaitable[DeskScreen]]:
    """`await wait_for_desk(pilot)`: the desk, once loaded (for `snap_compare`'s run_before)."""
    return _wait_for_desk


Burst = Callable[..., None]


@pytest.fixture
def burst() -> Burst:
    """`burst(app, *keys)`: post every key at once, as a paste or a fast terminal delivers them
    (Pilot.press waits for the app between keys, which hides what a burst does)."""

    def post(app: App[Any], *keys: str) -> None:
        for key in keys:
            character = {"tab": None, "space": " "}.get(key, key if len(key) == 1 else None)
            app.post_message(events.Key(key, character))

    return post
