"""The manager's screen as a manager uses it: a unit's people and queue, its follow-up for a
period, the keys that step through units and periods, and a receptionist's save showing live.

The manager reads through a read-only engine, as `reception-tui manager` always opens it; the
receptionist (Karin Ek) writes through her own seat on the same file. The clock stands at
Wednesday 2026-12-02 10:15 in Stockholm.

History, with the answers worked out by hand (two working days to answer, 08:00-16:30):
- Anna Berg (Bygg och miljö): received Mon 2 Nov 09:00, resolved 10:00: within.
- Lars Svensson (Bygg och miljö): received Mon 9 Nov 09:00, due Wed 11 Nov, resolved Mon 16
  Nov: late.
- Anna Berg: received Fri 27 Nov 09:00, due Tue 1 Dec, still open: late, overdue now.
- Lars Svensson: received today 08:30, due Fri 4 Dec: pending (not late).
- Per Ek (Socialtjänst): received Tue 3 Nov 09:00, resolved 09:30: within.
Bygg och miljö: 4 received, 1 within, 2 late, 1 pending: 33 % within. The organisation: 5
received, 2 within, 2 late: 50 %.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from desk_pilot import until
from textual.pilot import Pilot
from textual.widget import Widget

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.periods import Period
from reception_tui.domain.presence import find_status
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, Outcome
from reception_tui.store.engine import make_engine
from reception_tui.store.migrate import ensure_current
from reception_tui.store.repository import Repository
from reception_tui.tui import manager as manager_module
from reception_tui.tui.forms.period import PeriodDates
from reception_tui.tui.manager import ManagerApp, scopes
from reception_tui.tui.screens.manager import ManagerScreen
from reception_tui.tui.widgets.table import VirtualTable

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)  # the folder's clock
SIZE = (120, 35)
Staff = dict[str, EmployeeRecord]
Burst = Callable[..., None]


def _at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture
def history(
    repository: Repository, staff: Staff, clock: FixedClock, settings: Settings
) -> dict[str, InquiryRecord]:
    """The inquiries of the module's docstring, and Lars at a meeting since 09:00 that should
    have ended at 10:00 (a stale redirect), redirected to Anna."""
    anna, lars, per = staff["Anna Berg"], staff["Lars Svensson"], staff["Per [vik] Ek"]

    def received(name: str, who: EmployeeRecord, at: datetime) -> InquiryRecord:
        clock.set(at)
        return repository.add_inquiry(
            caller_name=name, caller_number="+46701234567", employee_id=who.id, received_at=at
        )

    made = {
        "within": received("Kalle Karlsson", anna, _at(2, 9)),
        "late": received("Stina Ström", lars, _at(9, 9)),
        "social": received("Örjan Åberg", per, _at(3, 9)),
        "overdue": received("Maja Nordin", anna, _at(27, 9)),
        "pending": received("Olle Lund", lars, _at(2, 8, 30, month=12)),
    }
    clock.set(NOW)
    repository.log_attempt(made["within"].id, Outcome.NO_ANSWER, at=_at(2, 9, 30))
    repository.resolve_inquiry(made["within"].id, expected_version=1, at=_at(2, 10))
    repository.resolve_inquiry(made["late"].id, expected_version=1, at=_at(16, 9))
    repository.resolve_inquiry(made["social"].id, expected_version=1, at=_at(3, 9, 30))
    meeting = find_status(settings.status_codes(), "meeting")
    assert meeting is not None
    clock.set(_at(2, 9, month=12))
    repository.set_presence(
        lars.id,
        status=meeting,
        return_at=_at(2, 10, month=12),
        redirect_employee_id=anna.id,
        expected_version=lars.presence.version,
    )
    clock.set(NOW)
    return made


@pytest.fixture
def reader(
    sqlite_url: str, sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> Iterator[Repository]:
    """The manager's seat: a read-only engine, as `reception-tui manager` opens it."""
    engine = make_engine(sqlite_url, read_only=True)
    ensure_current(engine)
    yield Repository(engine, actor="Chef", clock=clock, calendar=calendar)
    engine.dispose()


def manager_app(
    settings: Settings, reader: Repository, clock: FixedClock, *units: str
) -> ManagerApp:
    """The app `reception-tui manager [--unit NAME ...]` runs."""
    wanted = [unit for name in units if (unit := reader.find_unit(name)) is not None]
    every = sorted(reader.units(), key=lambda unit: unit.name)
    return ManagerApp(settings, reader, clock, scopes(settings.organisation.name, wanted, every))


@asynccontextmanager
async def opened(app: ManagerApp, size: tuple[int, int] = SIZE) -> AsyncIterator[Pilot[None]]:
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: read_in_full(pilot), "the first read shows")
        yield pilot


def read_in_full(pilot: Pilot[None]) -> bool:
    """The unit's read is drawn, its figures, and the organisation's shares beside them."""
    screen = screen_of(pilot)
    beside = screen.query_one("#org-share")  # not drawn beside the whole organisation's
    return (
        screen.read is not None
        and screen.figures_of is not None
        and (not beside.display or bool(drawn(beside).strip()))
    )


def screen_of(pilot: Pilot[None]) -> ManagerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ManagerScreen), screen
    return screen


def drawn(widget: Widget) -> str:
    """The text a widget draws, line by line, as the manager sees it."""
    return "\n".join(widget.render_line(y).text.rstrip() for y in range(widget.size.height))


def shown(pilot: Pilot[None], selector: str) -> str:
    return drawn(screen_of(pilot).query_one(selector))


def figure(pilot: Pilot[None], label: str) -> list[str]:
    """The figures' row for `label`: total, then phone, e-mail, visit."""
    for line in shown(pilot, "#figures").splitlines():
        if line.strip().startswith(label):
            return line.strip()[len(label) :].split()
    raise AssertionError(f"no figure {label!r} in\n{shown(pilot, '#figures')}")


def ids(pilot: Pilot[None], selector: str) -> list[int]:
    return list(screen_of(pilot).query_one(selector, VirtualTable).shown_keys)


async def header_shows(pilot: Pilot[None], words: str) -> None:
    """Wait until the screen is back, its header names `words` and what was read for it is
    drawn."""

    def shows() -> bool:
        on_screen = isinstance(pilot.app.screen, ManagerScreen)
        return on_screen and words in shown(pilot, "#manager-header")

    await read_again(pilot, words, shows)


async def read_again(pilot: Pilot[None], what: str, condition: Callable[[], bool]) -> None:
    await until(pilot, condition, what)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ one unit


async def test_a_units_screen_shows_its_people_away_first_its_overdue_first_and_its_figures(
    settings: Settings,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        header = shown(pilot, "#manager-header")
        assert "Bygg och miljö" in header and "senaste 12 månaderna" in header
        assert "ENDAST LÄSNING" in header

        assert ids(pilot, "#people") == [lars.id, anna.id]  # the unit's only, away first
        people = shown(pilot, "#people")
        lars_line = next(line for line in people.splitlines() if "Lars Svensson" in line)
        # Away since 09:00 (1 h 15 min), back at 10:00 passed, redirected to Anna.
        assert "Väntas åter" in lars_line and "1 tim" in lars_line and "Anna B" in lars_line
        row = screen_of(pilot).query_one("#people", VirtualTable).get_row(lars.id)
        assert row is not None and row.row_style == "error"  # the stale redirect is marked

        assert ids(pilot, "#open") == [history["overdue"].id, history["pending"].id]
        queue = shown(pilot, "#open")
        assert "Öppna ärenden · 2, varav 1 försenade" in shown(pilot, "#open-title")
        overdue_line = next(line for line in queue.splitlines() if "Maja Nordin" in line)
        assert "3 d" in overdue_line  # Fri 27 Nov -> Wed 2 Dec: Mon, Tue, Wed

        assert figure(pilot, "Inkomna") == ["4", "4", "–", "–"]
        assert figure(pilot, "Inom tid") == ["1", "1", "–", "–"]
        assert figure(pilot, "Sena") == ["2", "2", "–", "–"]
        assert figure(pilot, "Väntande") == ["1", "1", "–", "–"]
        assert figure(pilot, "Andel inom tid")[:2] == ["33", "%"]
        assert figure(pilot, "Öppna") == ["2", "2", "–", "–"]
        assert figure(pilot, "Försenade nu") == ["1", "1", "–", "–"]
        assert "Bygg och miljö: 33\xa0%" in shown(pilot, "#unit-share")
        assert "Malung-Sälens kommun: 50\xa0%" in shown(pilot, "#org-share")
        assert "Inkomna per veckodag och timme: 4" in shown(pilot, "#heat-title")


# ------------------------------------------------------------------ units and periods


async def test_f8_steps_from_the_whole_organisation_to_each_unit_and_shift_f8_back(
    settings: Settings,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
) -> None:
    async with opened(manager_app(settings, reader, clock)) as pilot:
        assert "Malung-Sälens kommun" in shown(pilot, "#manager-header")
        assert len(ids(pilot, "#people")) == len(staff)
        assert figure(pilot, "Inkomna")[0] == "5"

        charts = screen_of(pilot).query("WeeklyChart")
        assert [chart.id for chart in charts if chart.display] == ["unit-chart"]  # not twice
        assert "Malung-Sälens kommun: 50\xa0%" in shown(pilot, "#unit-share")

        await pilot.press("f8")
        await header_shows(pilot, "Barn och utbildning")
        assert all(chart.display for chart in charts)  # the unit's, and the organisation's
        assert ids(pilot, "#people") == [staff["Anna Bergström"].id]
        assert figure(pilot, "Inkomna")[0] == "0"
        assert "Inga ärenden kom in" in shown(pilot, "#heat-title")

        await pilot.press("shift+f8", "shift+f8")
        await header_shows(pilot, "Östersundskontoret")
        assert ids(pilot, "#people") == [staff["Åsa Öberg"].id]


async def test_f6_and_f5_step_the_period_and_the_figures_follow(
    settings: Settings,
    reader: Repository,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        await pilot.press("f6")
        await header_shows(pilot, "den här veckan")
        assert "30 november 2026 – 6 december 2026" in shown(pilot, "#figures-title")
        assert figure(pilot, "Inkomna")[0] == "1"  # today's, pending
        assert figure(pilot, "Väntande")[0] == "1"

        await pilot.press("f6")
        await header_shows(pilot, "förra veckan")
        assert figure(pilot, "Inkomna")[0] == "1"  # Fri 27 Nov, overdue
        assert figure(pilot, "Sena")[0] == "1"

        await pilot.press("f5", "f5")
        await header_shows(pilot, "senaste 12 månaderna")
        assert figure(pilot, "Inkomna")[0] == "4"


# ------------------------------------------------------------------ dates typed in

DATES = ["2", "0", "2", "6", "-", "1", "1", "-", "0", "1", "tab",
         "2", "0", "2", "6", "-", "1", "1", "-", "0", "8", "enter"]  # fmt: skip


async def _shows_the_first_november_week(pilot: Pilot[None]) -> None:
    await header_shows(pilot, "1 november 2026 – 8 november 2026")
    assert pilot.app.period == Period.between(_at(1, 0).date(), _at(8, 0).date())  # type: ignore[attr-defined]
    assert figure(pilot, "Inkomna")[0] == "1"  # Anna's of 2 Nov, answered within
    assert figure(pilot, "Inom tid")[0] == "1"
    assert figure(pilot, "Andel inom tid")[:2] == ["100", "%"]


async def open_dates(pilot: Pilot[None]) -> None:
    await pilot.press("f7")
    await until(pilot, lambda: isinstance(pilot.app.screen, PeriodDates), "the dates asked for")
    await pilot.pause()


async def test_f7_takes_a_period_typed_as_two_dates_key_by_key(
    settings: Settings, reader: Repository, history: dict[str, InquiryRecord], clock: FixedClock
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        await open_dates(pilot)
        for key in DATES:
            await pilot.press(key)
        await _shows_the_first_november_week(pilot)


async def test_f7_takes_a_period_typed_as_two_dates_in_one_burst(
    settings: Settings,
    reader: Repository,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    burst: Burst,
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        await open_dates(pilot)
        burst(pilot.app, *DATES)
        await _shows_the_first_november_week(pilot)


async def test_a_date_that_is_no_date_is_named_and_esc_keeps_the_period_shown(
    settings: Settings, reader: Repository, history: dict[str, InquiryRecord], clock: FixedClock
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        before = pilot.app.period  # type: ignore[attr-defined]
        await open_dates(pilot)
        for key in "2026-13-01":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert "2026-13-01 är inget datum" in drawn(pilot.app.screen.query_one("#problem"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ManagerScreen)
        assert pilot.app.period == before  # type: ignore[attr-defined]
        assert "senaste 12 månaderna" in shown(pilot, "#manager-header")


async def test_a_period_that_cannot_be_counted_is_named_at_its_field(
    settings: Settings, reader: Repository, history: dict[str, InquiryRecord], clock: FixedClock
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        before = pilot.app.period  # type: ignore[attr-defined]
        await open_dates(pilot)
        await pilot.press(*"2026-01-01", "tab", *"9999-12-31", "enter")
        await pilot.pause()
        problem = drawn(pilot.app.screen.query_one("#problem"))
        assert "9999-12-31 ligger utanför 1900-01-01–2999-12-31" in problem
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#to")
        await pilot.press("ctrl+u", *"2026-12-31", "enter")  # a year instead
        await pilot.pause()
        assert isinstance(pilot.app.screen, ManagerScreen)
        assert pilot.app.period == Period.between(date(2026, 1, 1), date(2026, 12, 31))  # type: ignore[attr-defined]
        assert pilot.app.period != before  # type: ignore[attr-defined]


# ------------------------------------------------------------------ live


async def test_a_receptionists_save_at_another_seat_shows_within_a_moment(
    settings: Settings,
    repository: Repository,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
) -> None:
    anna = staff["Anna Berg"]
    sick = find_status(settings.status_codes(), "sick")
    assert sick is not None
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        repository.set_presence(
            anna.id,
            status=sick,
            return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
            expected_version=anna.presence.version,
        )
        repository.add_inquiry(caller_name="Ny Uppringare", caller_number="+46701112233",
                               employee_id=anna.id)  # fmt: skip
        await read_again(pilot, "Anna shows as sick",
                         lambda: "Sjuk" in shown(pilot, "#people"))  # fmt: skip
        assert "2 av 2 borta" in shown(pilot, "#people-title")
        assert len(ids(pilot, "#open")) == 3
        assert figure(pilot, "Inkomna")[0] == "5"


async def test_the_whole_organisations_people_show_while_its_figures_are_counted(
    settings: Settings,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its figures take a scan of every inquiry (seconds at a million): who is away and the
    open queue do not wait for them."""
    counted = threading.Event()
    real = manager_module.report

    def slow(*args: Any) -> Any:
        counted.wait(timeout=30)
        return real(*args)

    monkeypatch.setattr(manager_module, "report", slow)
    async with manager_app(settings, reader, clock).run_test(size=SIZE) as pilot:
        screen = screen_of(pilot)
        try:
            await until(pilot, lambda: screen.read is not None, "the people shown")
            assert len(ids(pilot, "#people")) == len(staff)
            assert len(ids(pilot, "#open")) == len(reader.open_inquiries()) > 0
            assert "Räknar…" in shown(pilot, "#figures")
            assert "Räknar…" in shown(pilot, "#heat-title")
        finally:
            counted.set()
        await until(pilot, lambda: read_in_full(pilot), "the figures shown")
        assert figure(pilot, "Inkomna")[0] == "5"
        assert "Räknar…" not in shown(pilot, "#heat-title")


async def test_periods_stepped_through_in_a_burst_are_read_once_more_not_once_each(
    settings: Settings,
    reader: Repository,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    burst: Burst,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F6 held down over a million inquiries: the read that runs ends (its figures skipped
    when the keys came before it got to them), then one read of the period the keys stopped
    at, not ten reads side by side."""
    periods: list[Period] = []
    real = manager_module.units_follow_up

    def slow(engine: sa.Engine, calendar: WorkingCalendar, period: Period, *rest: Any) -> Any:
        periods.append(period)
        time.sleep(0.3)  # as long as a large unit's year takes
        return real(engine, calendar, period, *rest)

    monkeypatch.setattr(manager_module, "units_follow_up", slow)
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        app = pilot.app
        assert isinstance(app, ManagerApp)
        periods.clear()
        burst(app, *["f6"] * 10)
        await until(pilot, lambda: not app.reads.running and bool(periods), "the reads done")
        await pilot.pause()
        assert 1 <= len(periods) <= 2
        assert periods[-1] == app.period == screen_of(pilot).read.period  # type: ignore[union-attr]
        assert screen_of(pilot).figures_of == (app.scope, app.period)


async def test_a_read_that_fails_is_said_and_what_is_shown_stays(
    settings: Settings,
    reader: Repository,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = manager_module.received_heat_map

    def down(*args: Any) -> Any:
        raise sa.exc.OperationalError("SELECT", {}, Exception("the server went away"))

    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        app = pilot.app
        assert isinstance(app, ManagerApp)
        monkeypatch.setattr(manager_module, "received_heat_map", down)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: any("Det gick inte" in n for n in notices(app)), "said")
        assert "the server went away" in next(n for n in notices(app) if "Det gick inte" in n)
        assert figure(pilot, "Inkomna")[0] == "4"  # what was read before stays
        assert not app.reads.running

        monkeypatch.setattr(manager_module, "received_heat_map", real)
        await pilot.press("f6")  # the next read works again
        await header_shows(pilot, "den här veckan")
        assert figure(pilot, "Inkomna")[0] == "1"


async def test_a_restored_database_file_is_opened_and_read_at_once(
    settings: Settings,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    sqlite_url: str,
    tmp_path: Path,
) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        app = pilot.app
        assert isinstance(app, ManagerApp)
        restored = tmp_path / "backup.sqlite3"
        with sqlite3.connect(path) as source, sqlite3.connect(restored) as target:
            source.backup(target)
        engine = make_engine(f"sqlite:///{restored}")
        Repository(engine, actor="Karin Ek", clock=clock, calendar=reader.calendar).add_inquiry(
            caller_name="Från säkerhetskopian", caller_number="+46701112233",
            employee_id=staff["Anna Berg"].id,
        )  # fmt: skip
        engine.dispose()
        # As a restore does it: the old file's journal removed, the new file put in place.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(restored, path)

        await read_again(pilot, "the restored file read",
                         lambda: figure(pilot, "Inkomna")[0] == "5")  # fmt: skip
        assert any("har öppnat den nya filen" in n for n in notices(app))
        assert len(ids(pilot, "#open")) == 3


def notices(app: ManagerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_away_times_and_ages_move_on_with_the_clock_without_a_key(
    settings: Settings,
    reader: Repository,
    staff: Staff,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        await pilot.pause(1.2)  # a tick at 10:15 first: two hours on is 12:15, the same minute
        clock.advance(timedelta(hours=2))
        await until(pilot, lambda: "3 tim" in shown(pilot, "#people"), "Lars away 3 h")


# ------------------------------------------------------------------ snapshots


@pytest.mark.parametrize("size", [(120, 35), (100, 30)])
def test_the_units_screen_at_a_fixed_clock(
    snap_compare: Callable[..., bool],
    settings: Settings,
    reader: Repository,
    history: dict[str, InquiryRecord],
    clock: FixedClock,
    size: tuple[int, int],
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: read_in_full(pilot), "the first read shows")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = manager_app(settings, reader, clock, "Bygg och miljö")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_a_relative_period_moves_on_to_the_next_day_in_a_screen_left_open(
    settings: Settings, reader: Repository, history: dict[str, InquiryRecord], clock: FixedClock
) -> None:
    async with opened(manager_app(settings, reader, clock, "Bygg och miljö")) as pilot:
        await pilot.press("f6")  # this week: 30 November to 6 December
        await header_shows(pilot, "den här veckan")
        clock.set(datetime(2026, 12, 7, 8, 0, tzinfo=STOCKHOLM))  # the next Monday
        await read_again(pilot, "the next week is shown",
                         lambda: "7 december 2026" in shown(pilot, "#figures-title"))  # fmt: skip
        assert figure(pilot, "Inkomna")[0] == "0"
