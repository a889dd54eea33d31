"""The inquiries closed in the past week, at the desk: Alt+V lists them, Alt+U opens one again.

Past the ten seconds in which Ctrl+Z undoes a resolve, the queue's filter for the recently
closed is the desk's way back: it lists what this seat and the others closed, with when, and
offers Alt+U there (and only there) instead of the keys for open inquiries. Each test drives
the app `build_app` builds, on a real SQLite file, with a fixed clock at Wednesday 2026-12-02
10:15 in Stockholm; another seat writes through a second repository on the same file.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from desk_pilot import (
    cells,
    change_log,
    desk_app,
    desk_of,
    notices,
    open_palette,
    screen_line,
    settle,
    until,
)
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.desk import CLOSED_WITHIN, QueueFilter
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, InquiryState
from reception_tui.store.repository import Repository
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.screens.desk_actions import UNDO_TIME
from reception_tui.tui.screens.inquiry import InquiryDetails

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
# Queue columns: for, caller, due (or, for the closed, when closed), contact, received, attempts.
FOR, CALLER, DUE = range(3)

OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]
Burst = Callable[..., None]


@dataclass(frozen=True)
class Queue:
    """What the queue holds when the desk opens."""

    olle: InquiryRecord
    """Open and overdue, for Anna Berg: the one the tests resolve."""
    lars: InquiryRecord
    """Open, due on Friday, for Lars Svensson."""
    yesterday: InquiryRecord
    """Closed yesterday at 10:15; it was overdue then."""
    long_ago: InquiryRecord
    """Closed eight days ago: not among the recently closed."""


@pytest.fixture
def queue(repository: Repository, staff: dict[str, EmployeeRecord], clock: FixedClock) -> Queue:
    anna, lars = staff["Anna Berg"].id, staff["Lars Svensson"].id
    last_week = NOW - timedelta(days=5)  # Friday: due on Tuesday, so overdue now

    def closed(caller: str, at: datetime) -> InquiryRecord:
        clock.set(at - timedelta(hours=1))
        added = repository.add_inquiry(
            caller_name=caller, employee_id=anna, received_at=min(last_week, at)
        )
        clock.set(at)
        return repository.resolve_inquiry(added.id, expected_version=added.version)

    yesterday = closed("Stina Ek", NOW - timedelta(days=1))
    long_ago = closed("Gustav Gran", NOW - timedelta(days=8))
    clock.set(NOW)
    olle = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=anna, received_at=last_week
    )
    return Queue(
        olle=olle,
        lars=repository.add_inquiry(caller_name="Maj Ek", employee_id=lars),
        yesterday=yesterday,
        long_ago=long_ago,
    )


# ------------------------------------------------------------------ helpers


async def to_the_closed(pilot: Pilot[None]) -> DeskScreen:
    """Alt+V until the queue lists the recently closed (all, overdue, for the person, closed)."""
    desk = desk_of(pilot)
    for _ in QueueFilter:
        if desk.queue_filter is QueueFilter.CLOSED:
            break
        await pilot.press("alt+v")
    assert desk.queue_filter is QueueFilter.CLOSED
    await pilot.pause()
    await pilot.pause()  # the footer follows a turn later
    return desk


async def resolve(pilot: Pilot[None], repository: Repository, inquiry_id: int) -> None:
    """Alt+R on the inquiry in the queue, until it is closed and gone from the open ones."""
    desk = desk_of(pilot)
    desk.queue.focus()
    assert desk.queue.move_cursor_to_key(inquiry_id)
    await pilot.press("alt+r")
    await until(
        pilot,
        lambda: repository.inquiry(inquiry_id).state is InquiryState.CLOSED,
        "the item is closed",
    )
    await settle(pilot)
    assert inquiry_id not in desk.queue.shown_keys


def footer_keys(pilot: Pilot[None]) -> dict[str, str]:
    """What the footer shows: key -> its words."""
    return {key.key: key.description for key in pilot.app.screen.query(FooterKey)}


def offered(desk: DeskScreen) -> set[str]:
    """The ids of the desk's actions that a key can run now."""
    return {b.binding.id for b in desk.active_bindings.values() if b.binding.id}


def queue_title(desk: DeskScreen) -> str:
    return str(desk.query_one("#queue-title", Static).render())


def row_style(desk: DeskScreen, inquiry_id: int) -> str:
    row = desk.queue.get_row(inquiry_id)
    assert row is not None, f"no row {inquiry_id}"
    return row.row_style


# ------------------------------------------------------------------ reopening


@pytest.mark.parametrize("how", ["keys", "burst"])
async def test_past_the_undo_time_alt_v_lists_the_resolved_item_and_alt_u_opens_it_again(
    how: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    queue: Queue,
    open_desk: OpenDesk,
    burst: Burst,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        await resolve(pilot, repository, queue.olle.id)
        clock.advance(UNDO_TIME + timedelta(seconds=1))  # Ctrl+Z no longer undoes it
        pilot.app.clear_notifications()

        if how == "keys":
            await to_the_closed(pilot)
            # The most recently closed first; the one closed eight days ago is not listed.
            assert list(desk.queue.shown_keys) == [queue.olle.id, queue.yesterday.id]
            assert desk.queue.cursor_key == queue.olle.id
            await pilot.press("alt+u")
        else:
            burst(pilot.app, "alt+v", "alt+v", "alt+v", "alt+u")
        await until(
            pilot,
            lambda: repository.inquiry(queue.olle.id).state is InquiryState.OPEN,
            "the item is open again",
        )
        await settle(pilot)
        assert desk.queue_filter is QueueFilter.CLOSED
        assert list(desk.queue.shown_keys) == [queue.yesterday.id]
        assert "Ärendet från Olle Ek är öppet igen." in notices(pilot)

        await pilot.press("alt+v")  # back to all the open ones
        assert desk.queue_filter is QueueFilter.ALL
        assert list(desk.queue.shown_keys) == [queue.olle.id, queue.lars.id]  # overdue first
        assert row_style(desk, queue.olle.id) == "error"
        assert cells(desk.queue, queue.olle.id)[CALLER] == "Olle Ek"

    reopened = repository.inquiry(queue.olle.id)
    assert (reopened.closed_at, reopened.due_at) == (None, queue.olle.due_at)
    last = change_log(repository, "inquiry")[-1]
    assert (last.entity_id, last.actor, last.action) == (queue.olle.id, "Karin Ek", "reopen")
    assert last.after is not None and last.after["state"] == "open"


async def test_the_closed_view_says_when_each_was_closed_in_no_overdue_colour(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    queue: Queue,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert desk.queue.columns[DUE].label == "Senast"
        await to_the_closed(pilot)
        assert list(desk.queue.shown_keys) == [queue.yesterday.id]
        assert desk.queue.columns[DUE].label == "Klar"
        assert cells(desk.queue, queue.yesterday.id)[DUE] == "igår 10:15"
        assert "igår 10:15" in screen_line(desk.queue, queue.yesterday.id)
        assert row_style(desk, queue.yesterday.id) == ""  # it was overdue, and is done
        title = queue_title(desk)
        assert "(klara senaste veckan)" in title and "1 klara · 2 öppna" in title, title

        await pilot.press("alt+v")
        assert desk.queue.columns[DUE].label == "Senast"
        assert "(alla)" in queue_title(desk)


async def test_the_closed_view_offers_alt_u_and_not_the_keys_for_open_items(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    queue: Queue,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock), size=(160, 40)) as pilot:
        desk = desk_of(pilot)
        desk.queue.focus()
        await pilot.pause()
        await pilot.pause()
        assert {"attempt", "resolve", "reassign", "details"} <= offered(desk)
        assert "reopen" not in offered(desk)
        assert "alt+u" not in footer_keys(pilot)
        assert footer_keys(pilot)["alt+r"] == "Klar"
        before = repository.last_change_id()
        await pilot.press("alt+u")  # on an open item: nothing
        await settle(pilot)
        assert repository.last_change_id() == before

        await to_the_closed(pilot)
        assert "reopen" in offered(desk) and "details" in offered(desk)
        assert not {"attempt", "resolve", "reassign"} & offered(desk)
        shown = footer_keys(pilot)
        assert shown["alt+u"] == "Öppna igen", shown
        assert "f9" not in shown and "alt+r" not in shown, shown
        for key in ("f9", "alt+r", "alt+a"):
            await pilot.press(key)
            await settle(pilot)
            assert pilot.app.screen is desk, f"{key} opened {pilot.app.screen!r}"
        assert repository.last_change_id() == before

        listed = await open_palette(pilot)
        assert "Öppna igen (Alt+U)" in listed and "Detaljer (Alt+O)" in listed, listed
        assert not {"Logga försök (F9)", "Klar (Alt+R)", "Flytta (Alt+A)"} & set(listed), listed
        await pilot.press("escape")
        await until(pilot, lambda: pilot.app.screen is desk, "the palette closes")

        for key in ("alt+o", "enter"):  # details, of a closed item too
            await pilot.press(key)
            await until(pilot, lambda: isinstance(pilot.app.screen, InquiryDetails), key)
            await pilot.press("escape")
            await until(pilot, lambda: pilot.app.screen is desk, "the details close")


# ------------------------------------------------------------------ other seats, and time


async def test_an_item_another_seat_closes_joins_the_closed_view_and_leaves_it_when_reopened(
    settings: Settings,
    repository: Repository,
    make_repository: Callable[[str], Repository],
    clock: FixedClock,
    queue: Queue,
    open_desk: OpenDesk,
) -> None:
    per = make_repository("Per Holm")
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await to_the_closed(pilot)
        closed = per.resolve_inquiry(queue.lars.id, expected_version=queue.lars.version)
        # No key pressed: the change feed brings it.
        await until(pilot, lambda: queue.lars.id in desk.queue.shown_keys, "it is listed as closed")
        assert list(desk.queue.shown_keys) == [queue.lars.id, queue.yesterday.id]
        assert cells(desk.queue, queue.lars.id)[DUE] == "10:15"

        per.reopen_inquiry(queue.lars.id, expected_version=closed.version)
        await until(pilot, lambda: queue.lars.id not in desk.queue.shown_keys, "it is open again")
        await pilot.press("alt+v")
        assert queue.lars.id in desk.queue.shown_keys


async def test_an_item_closed_a_week_ago_leaves_the_closed_view_by_itself(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    queue: Queue,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await to_the_closed(pilot)
        assert queue.yesterday.closed_at is not None
        clock.set(queue.yesterday.closed_at + CLOSED_WITHIN + timedelta(seconds=1))
        # No key pressed: the desk's tick notices.
        await until(pilot, lambda: desk.queue.row_count == 0, "the closed view is empty")
        assert "0 klara" in queue_title(desk)
