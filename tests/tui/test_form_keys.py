"""The forms' focus order, typed as a receptionist types: what lands where, and what is saved.

Each defect a receptionist met is typed three ways on the whole desk over a real SQLite file:
key by key with a pause after each ("slowly"), in one `pilot.press` call ("pressed"), and
posted all at once as a fast typist or a slow remote desktop delivers them ("burst"). Every
way must save the same thing, read back from the database. Only Tab and Shift+Tab move between
fields; a digit on a list picks and stays; text typed on the callback outcome goes into the note.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.records import Channel, EmployeeRecord, InquiryRecord, Outcome
from reception_tui.store.repository import Repository
from reception_tui.tui.app import build_app
from reception_tui.tui.forms.attempt import AttemptForm
from reception_tui.tui.forms.message import MessageForm
from reception_tui.tui.forms.redirect import RedirectForm
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.widgets.choice import ChoiceList
from reception_tui.tui.widgets.colleague import ColleaguePicker

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)  # the desk's FixedClock (conftest)

Staff = dict[str, EmployeeRecord]
OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]
Burst = Callable[..., None]
WAYS = ("slowly", "pressed", "burst")

NOTE = "Ringde 19:44, inget svar; åter på fredag"


TypeKeys = Callable[[Pilot[None], str, Sequence[str]], Awaitable[None]]


@pytest.fixture
def type_keys(burst: Burst) -> TypeKeys:
    """`await type_keys(pilot, way, keys)`: type `keys` slowly, pressed or in one burst."""

    async def type_(pilot: Pilot[None], way: str, keys: Sequence[str]) -> None:
        if way == "slowly":
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.02)
        elif way == "pressed":
            await pilot.press(*keys)
        else:
            burst(pilot.app, *keys)
        await settle(pilot)

    return type_


async def settle(pilot: Pilot[None]) -> None:
    """Let every key be handled and a save's thread worker finish and report back."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def paste(pilot: Pilot[None], text: str) -> None:
    """A bracketed paste, as a terminal delivers one."""
    pilot.app.post_message(events.Paste(text))


def desk_of(pilot: Pilot[None]) -> DeskScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DeskScreen), f"expected the desk, found {screen!r}"
    return screen


async def open_attempt(pilot: Pilot[None]) -> AttemptForm:
    """F9 on the (only) inquiry in the queue."""
    await pilot.press("tab", "tab")  # search -> people -> queue
    await pilot.press("f9")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, AttemptForm)
    return form


async def open_redirect(pilot: Pilot[None], employee: EmployeeRecord) -> RedirectForm:
    """F2 on `employee`, found by extension."""
    desk = desk_of(pilot)
    await pilot.press(*employee.extension, "enter")
    await pilot.pause()
    assert desk.grid.cursor_key == employee.id
    await pilot.press("f2")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, RedirectForm)
    return form


def marked(form: AttemptForm) -> str:
    """The outcome the form shows as chosen (the one with the dot)."""
    choice = form.query_one("#outcome", ChoiceList)
    shown = [str(option.prompt) for option in choice.options]
    [chosen] = [line for line in shown if line.startswith("●")]
    return chosen


@pytest.fixture
def inquiry(repository: Repository, staff: Staff) -> InquiryRecord:
    return repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )


# ------------------------------------------------------------------ F9: the callback attempt


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    "keys",
    [
        ("2", "tab", *NOTE, "enter"),  # pick, Tab to the note, type it
        ("2", "tab", "tab", *NOTE, "enter"),  # an extra Tab stays in the note
        ("2", *NOTE, "enter"),  # no Tab: the first letter goes on into the note
    ],
    ids=["tab", "two-tabs", "no-tab"],
)
async def test_f9_a_digit_then_the_note_logs_that_outcome_with_the_whole_note(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    inquiry: InquiryRecord,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
    keys: Sequence[str],
) -> None:
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        await open_attempt(pilot)
        await type_keys(pilot, way, keys)
        assert isinstance(pilot.app.screen, DeskScreen)

    [attempt] = repository.attempts(inquiry.id)
    assert (attempt.outcome, attempt.note) == (Outcome.NO_ANSWER, NOTE)
    assert (attempt.by, attempt.at) == ("Karin Ek", NOW)


@pytest.mark.parametrize("way", WAYS)
async def test_f9_a_digit_keeps_the_focus_and_the_hint_says_tab_goes_to_the_note(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    inquiry: InquiryRecord,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        form = await open_attempt(pilot)
        dialog = form.query_one("#dialog")
        assert dialog.border_subtitle == "1–4 utfall · Tab anteckning · Enter spara · Esc avbryt"
        await type_keys(pilot, way, ["3"])
        assert form.focused is form.query_one("#outcome", ChoiceList)
        assert marked(form) == "● 3 Röstmeddelande"
        await type_keys(pilot, way, ["tab"])
        assert form.focused is form.query_one("#note", Input)
        assert dialog.border_subtitle == "Shift+Tab utfall · Enter spara · Esc avbryt"
        await type_keys(pilot, way, ["tab", *"1 2 3"])  # Tab at the last field stays put
        assert form.query_one("#note", Input).value == "1 2 3"
        assert marked(form) == "● 3 Röstmeddelande"


@pytest.mark.parametrize("way", WAYS)
async def test_f9_the_outcome_saved_is_the_one_on_screen_after_going_back_to_change_it(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    inquiry: InquiryRecord,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        form = await open_attempt(pilot)
        await type_keys(pilot, way, ["1", "tab", *"Fel person svarade", "shift+tab", "4"])
        assert marked(form) == "● 4 Fel nummer"
        # Back on the outcome, more text is added to the note, not typed over it.
        await type_keys(pilot, way, [*" (växeln)", "enter"])

    [attempt] = repository.attempts(inquiry.id)
    assert (attempt.outcome, attempt.note) == (Outcome.WRONG_NUMBER, "Fel person svarade (växeln)")


async def test_f9_a_note_pasted_on_the_outcome_goes_into_the_note(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    inquiry: InquiryRecord,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        form = await open_attempt(pilot)
        await pilot.press("3")
        paste(pilot, "Lämnade meddelande 19:50, ring 070-123 45 67")
        await settle(pilot)
        assert form.focused is form.query_one("#note", Input)
        await pilot.press("enter")
        await settle(pilot)

    [attempt] = repository.attempts(inquiry.id)
    assert attempt.outcome is Outcome.VOICEMAIL
    assert attempt.note == "Lämnade meddelande 19:50, ring 070-123 45 67"


# ------------------------------------------------------------------ F2: status and redirect


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(
    "keys",
    [
        ("3", "tab", *"1430", "enter"),
        ("3", "tab", *"14:30", "enter"),
        (*"möte", "tab", *"1430", "enter"),  # letters choose the status too
        (*"lu", "3", "tab", *"1430", "enter"),  # the last status key wins
    ],
    ids=["digit", "digit-colon", "letters", "letters-then-digit"],
)
async def test_f2_a_status_then_tab_then_a_time_saves_that_return_time_and_no_redirect(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
    keys: Sequence[str],
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        await open_redirect(pilot, anna)
        await type_keys(pilot, way, keys)
        assert isinstance(pilot.app.screen, DeskScreen)

    saved = repository.employee(anna.id, default_status="available").presence
    assert saved.status_code == "meeting"
    assert saved.return_at == datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM)
    assert (saved.redirect_employee_id, saved.redirect_number) == (None, None)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("time_typed", ["1430", "14:30", "14.30"])
async def test_f2_a_time_typed_as_the_redirect_is_refused_saying_it_belongs_in_ater(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
    time_typed: str,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        form = await open_redirect(pilot, anna)
        await type_keys(pilot, way, ["3", "tab", "tab", *time_typed, "enter"])
        assert pilot.app.screen is form
        picker = form.query_one(ColleaguePicker)
        said = f"Hänvisa till: ”{time_typed}” ser ut som en tid (14:30), inte som ett nummer."
        assert picker.error == f"{said} Skriv tiden i Åter."
        assert str(form.query_one("#target .error", Static).visual) == picker.error
        assert form.focused is picker.input
        assert repository.employee(anna.id, default_status="available").presence.version == 0

        # Where the hint says: the time in Åter, the redirect emptied.
        await type_keys(pilot, way, ["ctrl+u", "shift+tab", *time_typed, "enter"])
        assert isinstance(pilot.app.screen, DeskScreen)

    saved = repository.employee(anna.id, default_status="available").presence
    assert saved.status_code == "meeting"
    assert saved.return_at == datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM)
    assert (saved.redirect_employee_id, saved.redirect_number) == (None, None)


@pytest.mark.parametrize("way", WAYS)
async def test_f2_an_extension_nobody_has_is_refused_and_a_colleagues_is_saved(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        form = await open_redirect(pilot, anna)
        await type_keys(pilot, way, ["2", "tab", "tab", *"2960", "ctrl+s"])
        picker = form.query_one(ColleaguePicker)
        assert picker.error == "Hänvisa till: ingen har anknytning 2960."
        assert pilot.app.screen is form
        await type_keys(pilot, way, ["ctrl+u", *"1234", "ctrl+s"])  # her own
        assert picker.error == (
            "Hänvisa till: 1234 är den egna anknytningen. Hänvisa till någon annan."
        )
        await type_keys(pilot, way, ["ctrl+u", *lars.extension, "ctrl+s"])
        assert isinstance(pilot.app.screen, DeskScreen)

    saved = repository.employee(anna.id, default_status="available").presence
    assert saved.status_code == "lunch"
    assert (saved.redirect_employee_id, saved.redirect_number) == (None, lars.extension)


@pytest.mark.parametrize("way", WAYS)
async def test_f2_available_keeps_the_focus_order_and_saves_the_note_typed_after_three_tabs(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        await open_redirect(pilot, anna)
        # Åter and Hänvisa till are greyed out for Tillgänglig, but Tab passes through them
        # whether or not the "1" had been handled when the Tabs came.
        await type_keys(pilot, way, ["1", "tab", "tab", "tab", *"Åter från lunch", "enter"])
        assert isinstance(pilot.app.screen, DeskScreen)

    saved = repository.employee(anna.id, default_status="available").presence
    assert (saved.status_code, saved.return_at, saved.note) == (
        "available",
        None,
        "Åter från lunch",
    )


@pytest.mark.parametrize("way", WAYS)
async def test_f2_corrections_typed_fast_are_made_in_the_order_typed(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    anna = staff["Anna Berg"]
    keys = [
        *"2", "tab", *"12", "backspace", *"3", "tab", "tab",
        *"Ring eftre", "backspace", "backspace", "backspace", *"ter 13", "enter",
    ]  # fmt: skip
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        await open_redirect(pilot, anna)
        await type_keys(pilot, way, keys)
        assert isinstance(pilot.app.screen, DeskScreen)

    saved = repository.employee(anna.id, default_status="available").presence
    assert saved.status_code == "lunch"
    assert saved.return_at == datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM)
    assert saved.note == "Ring efter 13"


# ------------------------------------------------------------------ F3: a message


@pytest.mark.parametrize("way", WAYS)
async def test_f3_a_digit_on_the_channel_picks_it_and_a_letter_there_is_refused_aloud(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    type_keys: TypeKeys,
    way: str,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(build_app(settings, repository, clock=clock)) as pilot:
        desk = desk_of(pilot)
        await pilot.press(*anna.extension, "enter", "f3")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, MessageForm)
        keys = [*"Åsa Öberg", "tab", *"070-123 45 67", "tab", "tab", *"Bygglov", "tab", "3"]
        await type_keys(pilot, way, keys)
        assert form.focused is form.query_one("#channel", ChoiceList)
        await type_keys(pilot, way, ["x"])
        error = form.query_one("#form-error", Static)
        assert error.display
        assert str(error.visual).startswith("Kanal: välj med 1–3")
        await type_keys(pilot, way, ["tab", "enter"])  # Tab at the last field stays put
        assert pilot.app.screen is desk

    [saved] = repository.open_inquiries()
    assert (saved.caller_name, saved.caller_number) == ("Åsa Öberg", "+46701234567")
    assert (saved.subject, saved.channel) == ("Bygglov", Channel.VISIT)
