"""A desk's next start from the snapshot its last full read kept: everyone shows and can be
searched without reading everyone again, and what other seats changed meanwhile shows too."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from desk_pilot import cells, desk_of, status, until
from textual.pilot import Pilot

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.store.repository import Repository
from reception_tui.tui.app import build_app

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STATUS = 3  # the grid's status column
OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]


def _snapshots(folder: Path) -> list[Path]:
    return sorted(folder.glob("desk-*.snapshot"))


async def _run_desk_once(
    settings: Settings, repository: Repository, clock: FixedClock, cache: Path, open_desk: OpenDesk
) -> None:
    async with open_desk(build_app(settings, repository, clock=clock, snapshots=cache)) as pilot:
        await pilot.app.workers.wait_for_complete()


async def test_the_next_start_shows_everyone_from_the_snapshot_and_what_changed_since(
    settings: Settings,
    demo_repository: Repository,
    make_repository: Callable[[str], Repository],
    clock: FixedClock,
    open_desk: OpenDesk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = tmp_path / "cache"
    await _run_desk_once(settings, demo_repository, clock, cache, open_desk)
    assert len(_snapshots(cache)) == 1
    everyone = demo_repository.employees(default_status="available")
    someone = next(e for e in everyone if e.presence.status_code == "available")
    # While no desk runs, another seat sends someone home sick.
    make_repository("Per Holm").set_presence(
        someone.id,
        status=status(settings, "sick"),
        return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
        expected_version=someone.presence.version,
    )

    def read_everyone(**_: Any) -> None:
        raise AssertionError("the desk read everyone again")

    monkeypatch.setattr(demo_repository, "employees", read_everyone)
    app = build_app(settings, demo_repository, clock=clock, snapshots=cache)
    async with open_desk(app) as pilot:
        desk = desk_of(pilot)
        assert desk.grid.row_count == len(everyone)
        await until(pilot, lambda: cells(desk.grid, someone.id)[STATUS] == "Sjuk", "Sjuk shows")
        await pilot.press(*someone.last_name.lower())
        await until(pilot, lambda: someone.id in desk.grid.shown_keys, "the search finds them")
        assert len(desk.grid.shown_keys) < len(everyone)


async def test_a_spoilt_snapshot_is_passed_over_and_the_desk_reads_everyone(
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    open_desk: OpenDesk,
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    await _run_desk_once(settings, demo_repository, clock, cache, open_desk)
    (snapshot,) = _snapshots(cache)
    snapshot.write_bytes(b"\x07" * 64)
    snapshot.chmod(0o600)
    everyone = demo_repository.employees(default_status="available")
    app = build_app(settings, demo_repository, clock=clock, snapshots=cache)
    async with open_desk(app) as pilot:
        assert desk_of(pilot).grid.row_count == len(everyone)
        await pilot.app.workers.wait_for_complete()
    # The full read kept a good one in its place.
    assert snapshot.read_bytes() != b"\x07" * 64
