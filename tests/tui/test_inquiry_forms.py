"""The message form, the callback-attempt form and the inquiry details, driven by keyboard.

Each screen is pushed by a tiny host app; saving and loading go to fakes that record their
calls, so no database is involved. Time stands still on Wednesday 2026-12-02 10:15 in
Stockholm: a message taken then is due by the close of Friday 4 December.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from reception_tui.clock import FixedClock
from reception_tui.config import default_settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.emails import is_email_address
from reception_tui.domain.records import (
    AttemptRecord,
    Channel,
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
    Outcome,
    PresenceRecord,
)
from reception_tui.store.repository import NewInquiry
from reception_tui.tui.forms.attempt import AttemptForm
from reception_tui.tui.forms.message import MessageForm
from reception_tui.tui.screens.inquiry import InquiryDetails
from reception_tui.tui.widgets.choice import ChoiceList

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
FRIDAY_CLOSE = datetime(2026, 12, 4, 16, 30, tzinfo=STOCKHOLM)
SIZE = (100, 30)

ANNA = EmployeeRecord(
    id=7,
    employee_number="1001",
    first_name="Anna",
    last_name="Berg",
    title="Bygglovshandläggare",
    unit_id=3,
    unit_name="Bygglov",
    extension="2101",
    mobile="",
    email="anna.berg@malung-salen.se",
    keywords="",
    visiting_address="",
    active=True,
    presence=PresenceRecord("available", None, None, None, "", None, None, 0),
)


def inquiry(**changes: Any) -> InquiryRecord:
    """An open message for Anna, received now; override any field."""
    values: dict[str, Any] = {
        "id": 41,
        "received_at": NOW,
        "channel": Channel.PHONE,
        "caller_name": "Olle Ek",
        "caller_number": "+46701234567",
        "caller_email": None,
        "employee_id": ANNA.id,
        "unit_id": None,
        "for_name": ANNA.name,
        "subject": "Bygglov för garage",
        "due_at": FRIDAY_CLOSE,
        "state": InquiryState.OPEN,
        "closed_at": None,
        "attempts": 0,
        "version": 1,
    }
    return InquiryRecord(**(values | changes))


@dataclass
class Recorder:
    """A fake blocking save or load: records each call, then answers or raises."""

    answer: Callable[..., Any]
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def __call__(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.answer(*args)


def failing(*_: Any) -> Any:
    raise RuntimeError("database is locked")


def saved_inquiry(new: NewInquiry) -> InquiryRecord:
    return inquiry(
        caller_name=new.caller_name,
        caller_number=new.caller_number,
        caller_email=new.caller_email,
        channel=new.channel,
        subject=new.subject,
    )


class Host(App[None]):
    """Pushes one screen on mount and keeps what it was dismissed with, and every notice."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.form = screen
        self.results: list[Any] = []
        self.notices: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Static("desk")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)

    def notify(self, message: str, *, severity: Any = "information", **kwargs: Any) -> None:
        self.notices.append((message, severity))
        super().notify(message, severity=severity, **kwargs)


def text(screen: Screen[Any], selector: str) -> str:
    """What a Static shows, as plain text (markup, had it been parsed, would be gone)."""
    widget = screen.query_one(selector, Static)
    assert isinstance(widget.render(), Content)
    return str(widget.render())


@pytest.fixture
def clock() -> FixedClock:
    """Wednesday 2026-12-02 10:15 in Stockholm."""
    return FixedClock(NOW)


@pytest.fixture
def calendar() -> WorkingCalendar:
    """The default calendar: Monday to Friday 08:00-16:30, answers due in two working days."""
    return default_settings().calendar()


def message_form(
    clock: FixedClock, calendar: WorkingCalendar, save: Recorder, language: str = "sv"
) -> MessageForm:
    return MessageForm(employee=ANNA, language=language, calendar=calendar, clock=clock, save=save)


async def settle(host: Host, pilot: Any) -> None:
    await host.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ message form


async def test_message_form_saves_a_missed_call_and_shows_when_it_is_due(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        assert text(form, "#for") == "För: Anna Berg · Bygglov · ankn. 2101"
        assert text(form, "#due") == "Besvaras senast fre 4 dec 16:30"
        await pilot.press(*"Olle Ek", "tab", *"070-123 45 67", "tab", "tab", *"Bygglov garage")
        await pilot.press("enter")
        await settle(host, pilot)

        assert save.calls == [
            (
                NewInquiry(
                    caller_name="Olle Ek",
                    channel=Channel.PHONE,
                    caller_number="+46701234567",
                    caller_email=None,
                    employee_id=ANNA.id,
                    subject="Bygglov garage",
                    received_at=NOW,
                ),
            )
        ]
        assert host.results == [saved_inquiry(save.calls[0][0])]
        assert host.screen is not form


async def test_message_form_speaks_english(clock: FixedClock, calendar: WorkingCalendar) -> None:
    host = Host(message_form(clock, calendar, Recorder(saved_inquiry), language="en"))
    async with host.run_test(size=SIZE):
        assert text(host.form, "#due") == "Answer by Fri 4 Dec 16:30"
        assert text(host.form, "#for") == "For: Anna Berg · Bygglov · ext. 2101"


async def test_a_bad_number_is_named_when_leaving_the_field_and_blocks_saving(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        await pilot.press(*"Olle Ek", "tab", *"12ab", "tab")
        error = form.query_one("#number-error", Static)
        assert error.display
        assert text(form, "#number-error") == "Telefon: ”12ab” är inte ett giltigt telefonnummer."
        assert form.query_one("#number", Input).has_class("-invalid")

        await pilot.press("enter")
        await settle(host, pilot)
        assert save.calls == []
        assert host.screen is form
        assert form.focused is form.query_one("#number", Input)

        # Fixing it clears the error while typing.
        await pilot.press("ctrl+u", *"0280-181 00")
        assert not error.display
        assert not form.query_one("#number", Input).has_class("-invalid")


async def test_a_number_or_an_e_mail_is_required(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        await pilot.press(*"Olle Ek", "enter")
        await settle(host, pilot)
        assert save.calls == []
        assert form.query_one("#contact-error", Static).display
        assert (
            text(form, "#contact-error") == "Ange telefonnummer eller e-post så att vi kan svara."
        )
        assert form.query_one("#email", Input).has_class("-invalid")


async def test_a_caller_name_is_required(clock: FixedClock, calendar: WorkingCalendar) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("tab", *"070-123 45 67", "ctrl+s")
        await settle(host, pilot)
        assert save.calls == []
        assert text(host.form, "#caller-error") == "Namn: ange vem som sökte."
        assert host.form.focused is host.form.query_one("#caller", Input)


async def test_an_e_mail_only_message_by_e_mail(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Olle Ek", "tab", "tab", *"olle@example.se", "tab", "tab")
        assert host.form.focused is host.form.query_one("#channel", ChoiceList)
        await pilot.press("down", "enter")
        await settle(host, pilot)

        (new,) = save.calls[0]
        assert new.channel is Channel.EMAIL
        assert new.caller_number is None
        assert new.caller_email == "olle@example.se"
        assert host.results == [saved_inquiry(new)]


async def test_a_bad_e_mail_address_is_named(clock: FixedClock, calendar: WorkingCalendar) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Olle Ek", "tab", "tab", *"olle@example", "enter")
        await settle(host, pilot)
        assert save.calls == []
        assert text(host.form, "#email-error").startswith("E-post: ")


@pytest.mark.parametrize("typing", ["key by key", "burst", "paste"])
@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("åsa.öberg@malung-salen.se", True),
        ("anna@malung-sälen.se", True),
        ("anna..berg@malung-salen.se", False),
        ("anna@kommun.test", False),
        ("anna@malung-salen.se.", False),
    ],
)
async def test_the_e_mail_is_checked_as_in_the_cli_the_import_and_the_config(
    clock: FixedClock,
    calendar: WorkingCalendar,
    burst: Callable[..., None],
    typing: str,
    address: str,
    valid: bool,
) -> None:
    assert is_email_address(address) is valid  # the same check the other places make
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        email = host.form.query_one("#email", Input)
        if typing == "key by key":
            for key in (*"Olle", "space", *"Ek", "tab", "tab", *address):
                await pilot.press(key)
        elif typing == "burst":
            burst(host, *"Olle", "space", *"Ek", "tab", "tab", *address)
        else:
            await pilot.press(*"Olle", "space", *"Ek")
            email.focus()
            await pilot.pause()
            email.post_message(events.Paste(address))
        await settle(host, pilot)
        assert email.value == address
        await pilot.press("enter")
        await settle(host, pilot)

        if valid:
            (new,) = save.calls[0]
            assert (new.caller_name, new.caller_email) == ("Olle Ek", address)
        else:
            assert save.calls == []
            assert (
                text(host.form, "#email-error")
                == f"E-post: ”{address}” är inte en giltig e-postadress."
            )


async def test_a_failed_save_keeps_the_form_open_with_what_was_typed(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(failing)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        await pilot.press(*"Olle Ek", "tab", *"070-123 45 67", "enter")
        await settle(host, pilot)

        assert len(save.calls) == 1
        assert host.screen is form
        assert host.results == []
        assert form.query_one("#caller", Input).value == "Olle Ek"
        assert form.query_one("#number", Input).value == "070-123 45 67"
        assert host.notices == [("Kunde inte spara: database is locked", "error")]
        assert text(form, "#form-error") == "Kunde inte spara: database is locked"

        # The next try goes through.
        save.answer = saved_inquiry
        await pilot.press("enter")
        await settle(host, pilot)
        assert len(save.calls) == 2
        assert host.screen is not form


async def test_escape_cancels_the_message(clock: FixedClock, calendar: WorkingCalendar) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"Olle", "escape")
        await pilot.pause()
        assert host.results == [None]
        assert save.calls == []


async def test_a_caller_name_with_brackets_is_kept_literally(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(saved_inquiry)
    host = Host(message_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press(*"[b]x[/b]", "tab", *"2101", "enter")
        await settle(host, pilot)
        (new,) = save.calls[0]
        assert new.caller_name == "[b]x[/b]"
        assert new.caller_number == "2101"  # an extension stays as its digits

    details = InquiryDetails(
        inquiry(caller_name="[b]x[/b]", subject="[red]brådskande[/red]"),
        language="sv",
        clock=clock,
        calendar=calendar,
        load_attempts=Recorder(lambda _: []),
    )
    host = Host(details)
    async with host.run_test(size=SIZE) as pilot:
        await settle(host, pilot)
        assert text(details, "#caller") == "[b]x[/b]"
        assert text(details, "#subject") == "[red]brådskande[/red]"


def test_message_form_filled_in(
    snap_compare: Callable[..., bool], clock: FixedClock, calendar: WorkingCalendar
) -> None:
    host = Host(message_form(clock, calendar, Recorder(saved_inquiry)))

    async def fill(pilot: Any) -> None:
        await pilot.press(*"Olle Ek", "tab", *"070-123 45 67", "tab", "tab")
        await pilot.press(*"Bygglov för garage, ring efter 13", "tab")

    assert snap_compare(host, terminal_size=SIZE, run_before=fill)


# ------------------------------------------------------------------ attempt form


def attempt_form(
    clock: FixedClock, calendar: WorkingCalendar, save: Recorder, **changes: Any
) -> AttemptForm:
    return AttemptForm(inquiry(**changes), language="sv", clock=clock, calendar=calendar, save=save)


def logged(inquiry_id: int, outcome: Outcome, note: str) -> AttemptRecord:
    return AttemptRecord(5, inquiry_id, NOW, "Karin Ek", outcome, note)


async def test_a_digit_picks_the_outcome_and_enter_logs_the_attempt(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(logged)
    host = Host(attempt_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        assert text(form, "#caller") == "Olle Ek"
        assert text(form, "#contact") == "070-123 45 67"
        assert text(form, "#for") == "Anna Berg"
        assert text(form, "#when") == "10:15 · senast fre 4 dec 16:30"

        await pilot.press("2")
        assert form.query_one("#outcome", ChoiceList).selected == 1
        assert form.focused is form.query_one("#outcome", ChoiceList)  # a pick stays put
        # A letter on the outcome starts the note; the digits after it are note text.
        await pilot.press(*"Ring 14")
        assert form.focused is form.query_one("#note", Input)
        await pilot.press("enter")
        await settle(host, pilot)

        assert save.calls == [(41, Outcome.NO_ANSWER, "Ring 14")]
        assert host.results == [logged(41, Outcome.NO_ANSWER, "Ring 14")]


async def test_arrows_pick_the_outcome_too(clock: FixedClock, calendar: WorkingCalendar) -> None:
    save = Recorder(logged)
    host = Host(attempt_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter")
        await settle(host, pilot)
        assert save.calls == [(41, Outcome.VOICEMAIL, "")]


async def test_enter_without_an_outcome_asks_for_one(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(logged)
    host = Host(attempt_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(host, pilot)
        assert save.calls == []
        assert text(host.form, "#error").startswith("Välj utfall")


async def test_escape_cancels_the_attempt(clock: FixedClock, calendar: WorkingCalendar) -> None:
    save = Recorder(logged)
    host = Host(attempt_form(clock, calendar, save))
    async with host.run_test(size=SIZE) as pilot:
        await pilot.press("1", *"nådd", "escape")
        await pilot.pause()
        assert host.results == [None]
        assert save.calls == []


async def test_a_failed_attempt_keeps_the_form(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    save = Recorder(failing)
    host = Host(
        attempt_form(clock, calendar, save, due_at=datetime(2026, 12, 1, 16, 30, tzinfo=STOCKHOLM))
    )
    async with host.run_test(size=SIZE) as pilot:
        form = host.form
        assert text(form, "#when").endswith("försenad")
        await pilot.press("4", *"fel nr", "enter")
        await settle(host, pilot)
        assert host.screen is form
        assert form.query_one("#note", Input).value == "fel nr"
        assert host.notices == [("Kunde inte spara: database is locked", "error")]


# ------------------------------------------------------------------ details


async def test_details_list_the_attempts_and_mark_an_overdue_message(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    overdue = inquiry(
        received_at=datetime(2026, 11, 26, 9, 5, tzinfo=STOCKHOLM),
        due_at=datetime(2026, 11, 30, 16, 30, tzinfo=STOCKHOLM),
        attempts=2,
    )
    friday, yesterday = datetime(2026, 11, 27, 9, 0), datetime(2026, 12, 1, 13, 40)
    attempts = [
        AttemptRecord(1, 41, friday.replace(tzinfo=STOCKHOLM), "Karin Ek", Outcome.NO_ANSWER, ""),
        AttemptRecord(
            2,
            41,
            yesterday.replace(tzinfo=STOCKHOLM),
            "Per Holm",
            Outcome.VOICEMAIL,
            "Bad om återkomst [snart]",
        ),
    ]
    load = Recorder(lambda _: attempts)
    details = InquiryDetails(
        overdue, language="sv", clock=clock, calendar=calendar, load_attempts=load
    )
    host = Host(details)
    async with host.run_test(size=SIZE) as pilot:
        await settle(host, pilot)
        assert load.calls == [(41,)]
        assert text(details, "#number") == "070-123 45 67"
        assert text(details, "#received") == "2026-11-26 09:05"
        assert text(details, "#due") == "2026-11-30 16:30  försenad"
        due = details.query_one("#due", Static).render()
        assert isinstance(due, Content)
        assert any("$error" in str(span.style) for span in due.spans)
        assert text(details, "#state") == "Öppen"
        assert text(details, "#closed") == "-"

        rows = [str(row.render()) for row in details.query(".attempt").results(Static)]
        assert rows == [
            "fre 09:00   Karin Ek  Inget svar",
            "igår 13:40  Per Holm  Röstmeddelande  Bad om återkomst [snart]",
        ]
        assert not details.query_one("#attempts-status", Static).display

        await pilot.press("enter")
        await pilot.pause()
        assert host.results == [None]


async def test_details_without_attempts_say_so_and_escape_closes(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    closed = inquiry(
        state=InquiryState.CLOSED, closed_at=datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)
    )
    details = InquiryDetails(
        closed, language="sv", clock=clock, calendar=calendar, load_attempts=Recorder(lambda _: [])
    )
    host = Host(details)
    async with host.run_test(size=SIZE) as pilot:
        await settle(host, pilot)
        assert text(details, "#attempts-status") == "Inga försök ännu"
        assert text(details, "#due") == "2026-12-04 16:30"
        assert text(details, "#state") == "Avslutad"
        assert text(details, "#closed") == "2026-12-02 09:00"
        await pilot.press("escape")
        await pilot.pause()
        assert host.results == [None]


async def test_details_report_attempts_that_cannot_be_loaded(
    clock: FixedClock, calendar: WorkingCalendar
) -> None:
    details = InquiryDetails(
        inquiry(), language="en", clock=clock, calendar=calendar, load_attempts=failing
    )
    host = Host(details)
    async with host.run_test(size=SIZE) as pilot:
        await settle(host, pilot)
        message = "Could not load the attempts: database is locked"
        assert text(details, "#attempts-status") == message
        assert host.notices == [(message, "error")]


async def test_keys_typed_in_one_burst_land_in_the_field_tab_moves_to(
    clock: FixedClock, calendar: WorkingCalendar, burst: Callable[..., None]
) -> None:
    host = Host(message_form(clock, calendar, Recorder(saved_inquiry)))
    async with host.run_test(size=SIZE) as pilot:
        burst(host, *"Olle", "space", *"Ek", "tab", *"0701234567", "tab", "tab", *"Garage")
        await settle(host, pilot)

        values = [field.value for field in host.form.query(Input)]
        assert values == ["Olle Ek", "0701234567", "", "Garage"]
