"""The whole desk, end to end: keys in through Textual's pilot, rows out on the screen, and the
same change read back from the SQLite file through the repository.

Every test runs the app `build_app` builds for the CLI, on a real database, with a fixed clock
at Wednesday 2026-12-02 10:15 in Stockholm. Time moves only when a test moves the clock; the
desk's one-second tick notices on its own, so those tests press no key after the move.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from desk_pilot import (
    cells,
    desk_app,
    desk_of,
    no_blink,
    screen_line,
    select,
    settle,
    status,
    until,
)
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reception_tui.clock import FixedClock
from reception_tui.config import OrganisationConfig, Settings
from reception_tui.domain.desk import CLOSED_SHOWN, CLOSED_WITHIN
from reception_tui.domain.records import EmployeeRecord, InquiryState, Outcome, PresenceRecord
from reception_tui.domain.search import StaffIndex
from reception_tui.store.repository import Repository
from reception_tui.tui import app as app_module
from reception_tui.tui.forms.attempt import AttemptForm
from reception_tui.tui.forms.message import MessageForm
from reception_tui.tui.forms.redirect import RedirectForm
from reception_tui.tui.screens.desk import DeskScreen, QueueFilter
from reception_tui.tui.screens.help import HelpScreen
from reception_tui.tui.widgets.colleague import ColleaguePicker
from reception_tui.tui.widgets.header import DeskHeader
from reception_tui.tui.widgets.table import VirtualTable

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
SIZE = (120, 35)

# Grid columns: name, unit, extension, status, return, redirect, title.
NAME, UNIT, EXTENSION, STATUS, RETURN, REDIRECT = range(6)
# Queue columns: for, caller, contact, due, received, attempts.
FOR, CALLER, DUE, CONTACT, RECEIVED, ATTEMPTS = range(6)

Staff = dict[str, EmployeeRecord]
OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]
WaitForDesk = Callable[[Pilot[None]], Awaitable[DeskScreen]]


# ------------------------------------------------------------------ helpers


def presence(repository: Repository, employee: EmployeeRecord) -> PresenceRecord:
    return repository.employee(employee.id, default_status="available").presence


def row_style(table: VirtualTable, key: int) -> str:
    row = table.get_row(key)
    assert row is not None, f"no row {key}"
    return row.row_style


def shown_names(desk: DeskScreen) -> list[str]:
    return [cells(desk.grid, key)[NAME] for key in desk.grid.shown_keys]


def palette_choice(pilot: Pilot[None]) -> str:
    """The command the open command palette would run on Enter ("" while it has none)."""
    palette = pilot.app.screen
    if not isinstance(palette, CommandPalette):
        return ""
    options = palette.query_one(OptionList)
    option = options.highlighted_option
    return str(option.prompt).split("\n")[0] if option is not None else ""


# ------------------------------------------------------------------ search


@pytest.mark.parametrize(
    ("typed", "found", "approximate"),
    [
        pytest.param("ann byg", ["Anna Berg"], False, id="name-and-unit"),
        pytest.param("miljö", ["Anna Berg", "Lars Svensson"], False, id="unit"),
        pytest.param("1235", ["Lars Svensson"], False, id="extension"),
        pytest.param("strandskydd", ["Anna Berg"], False, id="keyword"),
        pytest.param("ostersund", ["Åsa Öberg"], False, id="swedish-letters-keyword"),
        # One exact match is few, so names spelled alike ("Berg") follow, after it.
        pytest.param("oberg", ["Åsa Öberg", "Anna Berg"], True, id="swedish-letters-name"),
        pytest.param("Svenson", ["Lars Svensson"], True, id="typo"),
    ],
)
async def test_search_by_name_unit_extension_and_keyword_and_escape_clears_it(
    typed: str,
    found: list[str],
    approximate: bool,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert desk.search.has_focus  # where the desk starts

        await pilot.press(*typed)
        await pilot.pause()
        assert desk.search.value == typed
        assert shown_names(desk) == found
        summary = str(desk.query_one("#staff-summary", Static).render())
        assert summary.startswith(f"{len(found)} av 5 personer")
        assert ("(ungefärliga träffar)" in summary) is approximate

        await pilot.press("escape")
        await pilot.pause()
        assert desk.search.value == ""
        assert desk.search.has_focus
        assert sorted(shown_names(desk)) == sorted(staff)


async def test_a_new_search_puts_the_cursor_on_the_best_match_unless_its_person_is_shown(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        desk.grid.move_cursor_to_key(staff["Åsa Öberg"].id)
        await pilot.press(*"miljö")
        await pilot.pause()
        # Åsa is not in Bygg och miljö: the cursor goes to the top, not to whoever is there.
        assert desk.grid.cursor_key == staff["Anna Berg"].id

        desk.grid.move_cursor_to_key(staff["Lars Svensson"].id)
        await pilot.press("backspace")
        await pilot.pause()
        assert desk.grid.cursor_key == staff["Lars Svensson"].id  # still shown: it stays


@pytest.mark.parametrize("start", ["grid", "queue"])
async def test_letters_typed_in_the_grid_or_the_queue_go_whole_to_the_search_box(
    start: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        table = desk.grid if start == "grid" else desk.queue
        table.focus()
        await pilot.pause()
        assert table.has_focus

        await pilot.press(*"ann byg")
        await pilot.pause()
        assert desk.search.has_focus
        # Nothing typed reached the queue: its one item is still there.
        assert list(desk.queue.shown_keys) == [inquiry.id]
        assert desk.search.value == "ann byg"
        assert shown_names(desk) == ["Anna Berg"]

        await pilot.press("escape")
        await pilot.pause()
        assert desk.search.value == ""
        assert len(shown_names(desk)) == 5


async def test_letters_typed_in_the_grid_after_a_search_add_to_it(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        await pilot.press(*"anna", "enter")  # Enter moves to the grid
        await pilot.pause()
        assert desk.grid.has_focus
        assert shown_names(desk) == ["Anna Berg", "Anna Bergström"]

        await pilot.press(*" ström")
        await pilot.pause()
        assert desk.search.value == "anna ström"
        assert shown_names(desk) == ["Anna Bergström"]


# ------------------------------------------------------------------ status and redirect


async def test_f2_sets_status_return_time_and_redirect_to_a_colleague_by_keys(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await select(pilot, anna)
        await pilot.press("f2")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, RedirectForm)
        assert form.employee.id == anna.id

        await pilot.press("3")  # Möte, "+1h" filled in; the focus stays until Tab
        await pilot.press("tab", *"14:30")
        await pilot.press("tab", *"lars")  # on to "Hänvisa till"
        picker = form.query_one(ColleaguePicker)
        await until(pilot, lambda: picker.is_open, "Lars is suggested")
        await pilot.press("enter")  # takes the suggestion
        assert picker.selected_id == lars.id
        await pilot.press("enter")  # saves
        await settle(pilot)
        assert pilot.app.screen is desk

        stored = presence(repository, anna)
        assert stored.status_code == "meeting"
        assert stored.return_at == datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM)
        assert stored.redirect_employee_id == lars.id
        assert stored.redirect_number is None
        assert stored.set_by == "Karin Ek"

        row = cells(desk.grid, anna.id)
        assert row[STATUS] == "Möte"
        assert row[RETURN] == "14:30"
        assert row[REDIRECT] == "1235 Lars Svensson"
        assert desk.grid.cursor_key == anna.id


async def test_at_the_usual_size_the_grid_shows_who_takes_the_calls(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    repository.set_presence(
        anna.id,
        status=status(settings, "meeting"),
        return_at=datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM),
        expected_version=0,
        redirect_employee_id=lars.id,
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        line = screen_line(desk.grid, anna.id)
        assert "Möte" in line and "14:30" in line
        assert "1235 Lars Sv" in line  # the extension to dial and the name, at 120 columns


@pytest.mark.parametrize(
    ("key", "code", "label", "back"),
    [
        ("f5", "lunch", "Lunch", datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM)),
        ("f6", "meeting", "Möte", datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM)),
        ("f7", "sick", "Sjuk", datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM)),
        ("f8", "gone", "Gått för dagen", datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM)),
    ],
)
async def test_a_quick_status_starts_afresh_without_the_earlier_redirect_and_note(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    key: str,
    code: str,
    label: str,
    back: datetime,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    repository.set_presence(
        anna.id,
        status=status(settings, "meeting"),
        return_at=datetime(2026, 12, 2, 10, 45, tzinfo=STOCKHOLM),
        expected_version=0,
        redirect_employee_id=lars.id,
        note="Lars tar bygglovsfrågor",
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await select(pilot, anna)

        await pilot.press(key)
        await until(pilot, lambda: presence(repository, anna).version == 2, f"{key} is saved")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DeskScreen)  # no form: a quick status just saves
        stored = presence(repository, anna)
        assert (stored.status_code, stored.return_at) == (code, back)
        assert (stored.redirect_employee_id, stored.redirect_number, stored.note) == (
            None,
            None,
            "",
        )
        row = cells(desk.grid, anna.id)
        assert (row[STATUS], row[REDIRECT]) == (label, "")


async def test_f4_makes_available_clearing_return_redirect_and_note(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    repository.set_presence(
        anna.id,
        status=status(settings, "meeting"),
        return_at=datetime(2026, 12, 2, 10, 45, tzinfo=STOCKHOLM),
        expected_version=0,
        redirect_employee_id=lars.id,
        note="Lars tar bygglovsfrågor",
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await select(pilot, anna)

        await pilot.press("f4")  # available again
        await until(
            pilot, lambda: presence(repository, anna).status_code == "available", "f4 is saved"
        )
        await settle(pilot)
        stored = presence(repository, anna)
        assert (stored.return_at, stored.redirect_employee_id, stored.redirect_number) == (
            None,
            None,
            None,
        )
        assert (stored.note, stored.version) == ("", 2)
        row = cells(desk.grid, anna.id)
        assert (row[STATUS], row[RETURN], row[REDIRECT]) == ("Tillgänglig", "", "")
        assert row_style(desk.grid, anna.id) == ""


# ------------------------------------------------------------------ messages and the queue


async def test_f3_takes_a_message_due_on_friday_and_it_joins_the_queue(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await select(pilot, anna)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MessageForm)

        await pilot.press(*"Olle Ek", "tab", *"070-123 45 67", "tab", "tab")
        await pilot.press(*"Garage", "enter")
        await settle(pilot)
        assert pilot.app.screen is desk

        [inquiry] = repository.open_inquiries()
        assert inquiry.caller_name == "Olle Ek"
        assert inquiry.caller_number == "+46701234567"
        assert inquiry.subject == "Garage"
        assert inquiry.employee_id == anna.id
        assert inquiry.received_at == NOW
        assert inquiry.due_at == datetime(2026, 12, 4, 16, 30, tzinfo=STOCKHOLM)
        assert inquiry.state is InquiryState.OPEN

        assert list(desk.queue.shown_keys) == [inquiry.id]
        row = cells(desk.queue, inquiry.id)
        assert row[FOR] == "Anna Berg"
        assert row[CALLER] == "Olle Ek"
        assert row[CONTACT] == "070-123 45 67"
        assert row[DUE] == "fre 16:30"
        assert row[RECEIVED] == "10:15"


async def test_f9_logs_an_attempt_and_alt_r_resolves_the_item(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert pilot.app.focused is desk.search, pilot.app.focused
        await pilot.press("tab", "tab")  # search -> people -> queue
        assert desk.queue.has_focus, pilot.app.focused
        assert desk.queue.cursor_key == inquiry.id
        assert cells(desk.queue, inquiry.id)[ATTEMPTS] == ""

        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AttemptForm)
        await pilot.press("2", "enter")  # Inget svar
        await settle(pilot)
        await until(
            pilot, lambda: cells(desk.queue, inquiry.id)[ATTEMPTS] == "1", "the row shows 1"
        )
        assert pilot.app.screen is desk
        assert repository.inquiry(inquiry.id).attempts == 1
        [attempt] = repository.attempts(inquiry.id)
        assert (attempt.outcome, attempt.by, attempt.at) == (Outcome.NO_ANSWER, "Karin Ek", NOW)

        assert desk.queue.has_focus  # back where it was when the form closed
        await pilot.press("alt+r")
        await until(pilot, lambda: inquiry.id not in desk.queue.shown_keys, "the item is gone")
        closed = repository.inquiry(inquiry.id)
        assert closed.state is InquiryState.CLOSED
        assert closed.closed_at == NOW
        assert repository.open_inquiries() == []
        assert desk.queue.row_count == 0


async def test_alt_v_cycles_the_queue_filter_through_overdue_the_person_and_the_closed(
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    open_desk: OpenDesk,
) -> None:
    open_items = demo_repository.open_inquiries()
    overdue = {i.id for i in open_items if i.due_at <= NOW}
    assert overdue, "the demo data has overdue items"
    assert len(overdue) < len(open_items)
    async with open_desk(desk_app(settings, demo_repository, clock)) as pilot:
        desk = desk_of(pilot)
        title = desk.query_one("#queue-title", Static)
        assert set(desk.queue.shown_keys) == {i.id for i in open_items}

        await pilot.press("alt+v")
        await pilot.pause()
        assert desk.queue_filter is QueueFilter.OVERDUE
        assert set(desk.queue.shown_keys) == overdue
        assert {row_style(desk.queue, key) for key in desk.queue.shown_keys} == {"error"}
        assert "(försenade)" in str(title.render())

        # For the person under the grid's cursor: someone the queue has items for.
        person = next(i.employee_id for i in open_items if i.employee_id is not None)
        desk.grid.move_cursor_to_key(person)
        await pilot.press("alt+v")
        await pilot.pause()
        assert desk.queue_filter is QueueFilter.EMPLOYEE
        assert set(desk.queue.shown_keys) == {i.id for i in open_items if i.employee_id == person}

        await pilot.press("alt+v")
        await pilot.pause()
        assert desk.queue_filter is QueueFilter.CLOSED
        closed = demo_repository.recently_closed(NOW - CLOSED_WITHIN, CLOSED_SHOWN)
        assert closed, "the demo data has items closed in the past week"
        assert list(desk.queue.shown_keys) == [i.id for i in closed]
        assert "(klara senaste veckan)" in str(title.render())

        await pilot.press("alt+v")
        await pilot.pause()
        assert desk.queue_filter is QueueFilter.ALL
        assert set(desk.queue.shown_keys) == {i.id for i in open_items}


# ------------------------------------------------------------------ other seats, and time


async def test_the_cursor_stays_on_its_employee_when_another_seat_changes_someone_else(
    settings: Settings,
    demo_repository: Repository,
    make_repository: Callable[[str], Repository],
    clock: FixedClock,
    open_desk: OpenDesk,
) -> None:
    employees = demo_repository.employees(default_status="available")
    async with open_desk(desk_app(settings, demo_repository, clock)) as pilot:
        desk = desk_of(pilot)
        desk.grid.focus()
        await pilot.press("pagedown", "pagedown", "down")
        chosen = desk.grid.cursor_key
        assert chosen is not None
        index = desk.grid.cursor_index
        assert index is not None and index > 20
        # Someone listed above the cursor, available now: a change there must not move it.
        other = next(
            e
            for e in employees
            if e.presence.status_code == "available" and (desk.grid.index_of(e.id) or 0) < index
        )

        make_repository("Per Holm").set_presence(
            other.id,
            status=status(settings, "sick"),
            return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
            expected_version=other.presence.version,
        )
        await pilot.press("ctrl+l")
        await until(pilot, lambda: cells(desk.grid, other.id)[STATUS] == "Sjuk", "Sjuk shows")
        await settle(pilot)
        assert desk.grid.cursor_key == chosen
        assert desk.grid.cursor_index == index
        assert desk.grid.has_focus


async def test_a_passed_return_time_turns_the_row_to_expected_back_without_a_key(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    repository.set_presence(
        anna.id,
        status=status(settings, "lunch"),
        return_at=datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM),
        expected_version=0,
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert row_style(desk.grid, anna.id) == ""
        assert cells(desk.grid, anna.id)[STATUS] == "Lunch"

        clock.advance(timedelta(minutes=59))  # 11:14, not yet
        await pilot.pause(1.2)
        assert row_style(desk.grid, anna.id) == ""

        clock.advance(timedelta(minutes=2))  # 11:16
        await pilot.pause(1.2)
        assert row_style(desk.grid, anna.id) == "warning"
        assert cells(desk.grid, anna.id)[STATUS] == "Väntas åter (Lunch)"
        assert cells(desk.grid, anna.id)[RETURN] == "11:15"


async def test_a_passed_due_time_turns_the_queue_row_overdue_without_a_key(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    # Received on Monday, so due today (Wednesday) at closing time.
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek",
        caller_number="+46701234567",
        employee_id=staff["Anna Berg"].id,
        received_at=datetime(2026, 11, 30, 9, 0, tzinfo=STOCKHOLM),
    )
    assert inquiry.due_at == datetime(2026, 12, 2, 16, 30, tzinfo=STOCKHOLM)
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        title = desk.query_one("#queue-title", Static)
        assert row_style(desk.queue, inquiry.id) == "warning"  # due today
        assert "0 försenade" in str(title.render())

        clock.set(datetime(2026, 12, 2, 16, 31, tzinfo=STOCKHOLM))
        await pilot.pause(1.2)
        assert row_style(desk.queue, inquiry.id) == "error"
        assert "1 försenade" in str(title.render())


async def test_return_times_in_the_grid_follow_the_clock_past_midnight(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    repository.set_presence(
        anna.id,
        status=status(settings, "sick"),
        return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
        expected_version=0,
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert cells(desk.grid, anna.id)[RETURN] == "tor 08:00"

        clock.set(datetime(2026, 12, 3, 7, 0, tzinfo=STOCKHOLM))  # Thursday morning
        await until(
            pilot,
            lambda: desk.query_one("#header", DeskHeader).render().plain.endswith("07:00"),
            "the header shows the new time",
        )
        await until(
            pilot,
            lambda: cells(desk.grid, anna.id)[RETURN] == "08:00",  # today: the weekday goes
            "the return time shown without its weekday",
        )


# ------------------------------------------------------------------ what is shown


async def test_a_bracket_in_a_name_is_shown_as_typed(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    per = staff["Per [vik] Ek"]
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        assert cells(desk.grid, per.id)[NAME] == "Per [vik] Ek"
        assert screen_line(desk.grid, per.id).strip().startswith("Per [vik] Ek ")

        # The forms show it as typed too.
        await select(pilot, per)
        await pilot.press("f2")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, RedirectForm)
        assert str(form.query_one("#title", Static).render()).startswith("Per [vik] Ek")


@pytest.mark.parametrize(("language", "words"), [("sv", "ENDAST LÄSNING"), ("en", "READ-ONLY")])
async def test_a_read_only_desk_says_so_in_the_header(
    language: str,
    words: str,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    settings = Settings(organisation=OrganisationConfig(language=language))
    async with open_desk(desk_app(settings, repository, clock, read_only=True)) as pilot:
        header = pilot.app.screen.query_one("#header", DeskHeader)
        line = header.render().plain
        assert line.startswith("Malung-Sälens kommun, Karin Ek")
        assert words in line
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        assert words not in pilot.app.screen.query_one("#header", DeskHeader).render().plain


async def test_a_read_only_desk_ignores_the_keys_that_write(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(desk_app(settings, repository, clock, read_only=True)) as pilot:
        desk = await select(pilot, anna)
        for key in ("f2", "f5", "f4", "f3", "enter"):
            await pilot.press(key)
            await settle(pilot)
            assert pilot.app.screen is desk, f"{key} opened {pilot.app.screen!r}"
        assert cells(desk.grid, anna.id)[STATUS] == "Tillgänglig"
    assert presence(repository, anna).version == 0
    assert repository.open_inquiries() == []


async def test_f1_lists_every_key_and_escape_closes_it(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = [str(s.render()) for s in help_screen.query(".keys").results(Static)]
        whats = [str(s.render()) for s in help_screen.query(".what").results(Static)]
        listed = dict(zip(keys, whats, strict=True))
        for key in ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"):
            assert key in listed, f"{key} is not in the help"
        for key in ("Alt+R", "Alt+A", "Alt+O", "Alt+V", "Ctrl+L", "Ctrl+P"):
            assert key in listed, f"{key} is not in the help"
        assert listed["F2"].startswith("sätt status och hänvisning")
        assert listed["F5"].startswith("snabbstatus Lunch (+1h)")
        assert listed["F8"].startswith("snabbstatus Gått för dagen")

        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is desk


@pytest.mark.parametrize("start", ["search", "grid"])
async def test_question_mark_with_an_empty_search_opens_the_help(
    start: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        (desk.search if start == "search" else desk.grid).focus()
        await pilot.pause()
        assert desk.search.value == ""

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        assert desk.search.value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is desk


async def test_the_command_palette_runs_the_desks_actions(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        await select(pilot, anna)
        await pilot.press("ctrl+p")
        await until(
            pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette opens"
        )
        await pilot.press(*"Status")
        await until(
            pilot, lambda: palette_choice(pilot) == "Status/hänvisning (F2)", "F2 is offered"
        )
        await pilot.press("enter")
        await until(
            pilot, lambda: isinstance(pilot.app.screen, RedirectForm), "the redirect form opens"
        )
        form = pilot.app.screen
        assert isinstance(form, RedirectForm)
        assert form.employee.id == anna.id


async def test_quit_from_the_command_palette_closes_the_app(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    app = desk_app(settings, repository, clock)
    async with open_desk(app) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette opens")
        await pilot.press(*"Avsluta")
        await until(pilot, lambda: palette_choice(pilot) == "Avsluta (Ctrl+Q)", "quit is offered")
        await pilot.press("enter")
        await until(pilot, lambda: not app.is_running, "the app has quit")


async def test_a_narrow_terminal_stacks_the_grid_above_the_queue(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock), size=(100, 30)) as pilot:
        desk = desk_of(pilot)
        assert desk.has_class("-narrow")
        grid, queue = desk.grid.region, desk.queue.region
        assert grid.height >= 5 and queue.height >= 3
        assert grid.width >= 90 and queue.width >= 90
        assert grid.bottom <= queue.y  # stacked: people above, queue below
        assert desk.grid.row_count == 5 and desk.queue.row_count == 1

    async with open_desk(desk_app(settings, repository, clock), size=(240, 60)) as pilot:
        desk = desk_of(pilot)
        assert not desk.has_class("-narrow")
        assert desk.grid.region.right <= desk.queue.region.x  # side by side


# ------------------------------------------------------------------ snapshots


def redirected(repository: Repository) -> EmployeeRecord:
    """The first demo employee (by last name) who is away and redirected to a colleague."""
    return next(
        e
        for e in repository.employees(default_status="available")
        if e.presence.redirect_employee_id is not None
    )


def test_snapshot_the_desk(
    snap_compare: Callable[..., bool],
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    wait_for_desk: WaitForDesk,
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_desk(pilot)
        no_blink(pilot.app)

    app = desk_app(settings, demo_repository, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_the_redirect_form_on_a_redirected_employee(
    snap_compare: Callable[..., bool],
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    wait_for_desk: WaitForDesk,
) -> None:
    who = redirected(demo_repository)

    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_desk(pilot)
        await pilot.press(*who.extension, "enter", "f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RedirectForm)
        no_blink(pilot.app)

    app = desk_app(settings, demo_repository, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_the_message_form(
    snap_compare: Callable[..., bool],
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    wait_for_desk: WaitForDesk,
) -> None:
    who = demo_repository.employees(default_status="available")[0]

    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_desk(pilot)
        await pilot.press(*who.extension, "enter", "f3")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MessageForm)
        await pilot.press(*"Olle Ek", "tab", *"070-123 45 67")
        no_blink(pilot.app)

    app = desk_app(settings, demo_repository, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_first_screenful_shows_at_once_and_search_waits_for_everyone(
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Reading everyone takes seconds at 100,000 people: hold it here until the test says so.
    everyone_read = threading.Event()
    read_everyone = demo_repository.employees

    def slow_read(**options: bool | str) -> list[EmployeeRecord]:
        assert everyone_read.wait(timeout=30)
        return read_everyone(**options)  # type: ignore[arg-type]

    monkeypatch.setattr(demo_repository, "employees", slow_read)
    monkeypatch.setattr(app_module, "FIRST_SCREENFUL", 40)
    active = read_everyone(default_status="available", by_name=False)
    in_order = StaffIndex.from_employees(active).all_ids()
    app = desk_app(settings, demo_repository, clock)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            await pilot.pause()
            if app.screen.query("#grid") and desk_of(pilot).grid.row_count:
                break
        desk = desk_of(pilot)
        # Everyone has a row; the first screenful is read in full, in the final order.
        assert not desk.loaded
        shown = list(desk.grid.shown_keys)
        assert len(shown) == len(active)
        assert shown[:40] == in_order[:40]
        assert [cells(desk.grid, key)[NAME] for key in shown[:40]] == [
            desk.employees[key].name for key in in_order[:40]
        ]
        assert cells(desk.grid, shown[40])[NAME] == "…"
        summary = str(desk.query_one("#staff-summary", Static).render())
        assert f"{len(active)} personer" in summary and "sökningen väntar" in summary

        await pilot.press(*"ann")
        assert list(desk.grid.shown_keys) == shown  # nothing searched yet, nothing lost

        everyone_read.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert desk.loaded and desk.search.value == "ann"
        assert list(desk.grid.shown_keys) == StaffIndex.from_employees(active).search("ann").ids
        assert cells(desk.grid, in_order[40])[NAME] != "…"


async def test_a_failing_first_screenful_still_ends_with_everyone_shown(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("no index on sort_key")

    monkeypatch.setattr(repository, "first_employees", broken)
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        assert sorted(shown_names(desk_of(pilot))) == sorted(staff)
        assert not pilot.app._notifications  # the full read did the work; nothing to report


async def test_the_desk_gives_the_garbage_collector_back_as_it_found_it(
    settings: Settings, repository: Repository, clock: FixedClock, staff: Staff, open_desk: OpenDesk
) -> None:
    before = gc.get_threshold()

    async with open_desk(desk_app(settings, repository, clock)):
        assert gc.get_threshold()[:2] == before[:2]
        assert gc.get_threshold()[2] > before[2]  # full collections only while idle
        assert gc.get_freeze_count() > 0  # the loaded desk is frozen

    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    ("read_only", "purge", "purged"),
    [(False, True, True), (True, True, False), (False, False, False)],
    ids=["writable", "read-only", "demo"],
)
async def test_a_writable_desk_purges_inquiries_closed_before_the_retention_period(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    read_only: bool,
    purge: bool,
    purged: bool,
) -> None:
    """Not on the demo (`purge` False): it is rebuilt at each start, its history kept for
    last year's report."""
    anna = staff["Anna Berg"].id
    closed: dict[str, int] = {}
    for name, days_ago in [("long ago", settings.database.retention_days + 5), ("lately", 5)]:
        clock.set(NOW - timedelta(days=days_ago))
        inquiry = repository.add_inquiry(caller_name=f"Caller {name}", employee_id=anna)
        repository.resolve_inquiry(inquiry.id, expected_version=1)
        closed[name] = inquiry.id
    clock.set(NOW)

    desk = desk_app(settings, repository, clock, read_only=read_only, purge=purge)
    async with open_desk(desk) as pilot:
        await pilot.app.workers.wait_for_complete()

    kept = repository.inquiries_by_id(closed.values())
    assert closed["lately"] in kept
    assert (closed["long ago"] not in kept) is purged


async def test_a_failing_reload_is_reported_and_the_desk_keeps_what_it_shows(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        shown = shown_names(desk)

        def broken(**_: object) -> None:
            raise RuntimeError("the database went away")

        monkeypatch.setattr(repository, "employees", broken)
        await pilot.press("ctrl+l")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in pilot.app._notifications]
        assert any("the database went away" in m for m in messages)
        assert shown_names(desk) == shown
