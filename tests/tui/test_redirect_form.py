"""The set status / redirect form, driven by keyboard through Textual's pilot.

A tiny host app pushes the form; the store is replaced by a fake `save` that records each
request. The clock stands still on Wednesday 2026-12-02 10:15 in Stockholm.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from textual.app import App
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static

from reception_tui.clock import FixedClock
from reception_tui.config import default_settings
from reception_tui.domain.presence import StatusCode, find_status
from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.domain.text import fold
from reception_tui.store.repository import ConflictError, DatabaseUnavailable, SaveUncertain
from reception_tui.tui.forms.redirect import RedirectForm, RedirectRequest
from reception_tui.tui.widgets.colleague import ColleaguePicker

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
SETTINGS = default_settings()
STATUSES = SETTINGS.status_codes()
CALENDAR = SETTINGS.calendar()
SIZE = (100, 30)


def status(code: str) -> StatusCode:
    found = find_status(STATUSES, code)
    assert found is not None
    return found


def presence(code: str = "available", version: int = 0, **changes: Any) -> PresenceRecord:
    record = PresenceRecord(
        status_code=code,
        return_at=None,
        redirect_employee_id=None,
        redirect_number=None,
        note="",
        set_by=None,
        set_at=None,
        version=version,
    )
    return replace(record, **changes)


def person(id_: int, first: str, last: str, unit: str, extension: str) -> EmployeeRecord:
    return EmployeeRecord(
        id=id_,
        employee_number=str(1000 + id_),
        first_name=first,
        last_name=last,
        title="Handläggare",
        unit_id=id_,
        unit_name=unit,
        extension=extension,
        mobile="",
        email="",
        keywords="",
        visiting_address="",
        active=True,
        presence=presence(),
    )


ANNA = replace(person(1, "Anna", "Berg", "Bygglov", "2101"), presence=presence(version=3))
LARS = person(2, "Lars", "Lind", "Kansli", "2104")
LISA = person(3, "Lisa", "Larsson", "Socialtjänst", "2110")
PER = person(4, "Per [vik]", "Ek", "Kansli", "2120")
STAFF = (ANNA, LARS, LISA, PER)


def find_colleagues(text: str) -> Sequence[EmployeeRecord]:
    words = fold(text).split()
    return [
        e for e in STAFF if all(w in fold(f"{e.name} {e.unit_name} {e.extension}") for w in words)
    ]


def colleague(id_: int) -> EmployeeRecord | None:
    return next((e for e in STAFF if e.id == id_), None)


def extension_holder(extension: str) -> EmployeeRecord | None:
    return next((e for e in STAFF if e.extension == extension), None)


class FakeSave:
    """Records requests; answers with the next outcome (an exception is raised), else saves."""

    def __init__(self, *outcomes: BaseException) -> None:
        self.outcomes = list(outcomes)
        self.requests: list[RedirectRequest] = []
        self.saved: list[PresenceRecord] = []

    def __call__(self, request: RedirectRequest) -> PresenceRecord:
        self.requests.append(request)
        if self.outcomes:
            raise self.outcomes.pop(0)
        record = PresenceRecord(
            status_code=request.status.code,
            return_at=request.return_at,
            redirect_employee_id=request.redirect_employee_id,
            redirect_number=request.redirect_number,
            note=request.note,
            set_by="Karin Ek",
            set_at=NOW.astimezone(UTC),
            version=request.expected_version + 1,
        )
        self.saved.append(record)
        return record


class Host(App[None]):
    """Pushes the form at start and keeps what it was dismissed with, and every notification."""

    def __init__(self, form: RedirectForm) -> None:
        super().__init__()
        self.form = form
        self.results: list[PresenceRecord | None] = []
        self.notices: list[tuple[str, SeverityLevel]] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)

    def notify(self, message: str, *, severity: SeverityLevel = "information", **kw: Any) -> None:
        self.notices.append((message, severity))
        super().notify(message, severity=severity, **kw)


def changed_by_per(theirs: PresenceRecord) -> ConflictError:
    """What the store says when Per Holm set `theirs` first."""
    return ConflictError(
        "presence_changed_by", current=theirs, by="Per Holm", status="'sick'", at="10:14"
    )


def make_form(
    employee: EmployeeRecord = ANNA,
    save: Callable[[RedirectRequest], PresenceRecord] | None = None,
    *,
    language: str = "sv",
    initial_status: StatusCode | None = None,
) -> RedirectForm:
    return RedirectForm(
        employee,
        statuses=STATUSES,
        language=language,
        calendar=CALENDAR,
        clock=FixedClock(NOW),
        find_colleagues=find_colleagues,
        colleague=colleague,
        extension_holder=extension_holder,
        save=save or FakeSave(),
        initial_status=initial_status,
    )


def text_of(app: App[Any], selector: str) -> str:
    content = app.screen.query_one(selector, Static).visual
    assert isinstance(content, Content)
    return content.plain


async def settle(pilot: Pilot[Any]) -> None:
    """Let a save in its thread finish and its outcome reach the form."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_digit_picks_a_status_the_preview_follows_typing_and_enter_saves() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        form = app.form
        assert form.focused is form.query_one("#status-filter")  # a pick does not move on
        assert form.query_one("#return-input", Input).value == "+1h"
        await pilot.press("tab")
        assert form.focused is form.query_one("#return-input")
        # Lunch comes with "+1h" filled in and selected, so typing replaces it.
        await pilot.press("1", "3")
        assert form.query_one("#return-input", Input).value == "13"
        assert text_of(app, "#return-preview") == "→ ons 2 dec 13:00"
        assert form.query_one("#return-preview").has_class("-ok")
        await pilot.press("enter")
        await settle(pilot)

    [request] = save.requests
    assert request == RedirectRequest(
        employee_id=ANNA.id,
        status=status("lunch"),
        return_at=datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM),
        redirect_employee_id=None,
        redirect_number=None,
        note="",
        expected_version=3,
    )
    assert app.results == save.saved


async def test_digits_are_numbered_in_the_list_and_labels_are_coloured() -> None:
    app = Host(make_form())
    async with app.run_test(size=SIZE):
        options = app.form.query_one("#status-list", OptionList).options
        prompts = [option.prompt for option in options]
        assert all(isinstance(prompt, Content) for prompt in prompts)
        plain = [prompt.plain for prompt in prompts if isinstance(prompt, Content)]
        assert plain[:3] == ["1 Tillgänglig", "2 Lunch", "3 Möte"]
        assert plain[9] == "  Gått för dagen"  # only nine digits
        lunch = prompts[1]
        assert isinstance(lunch, Content)
        assert any(span.style for span in lunch.spans if span.start >= 2)


async def test_typing_filters_statuses_and_prefills_the_default_return() -> None:
    app = Host(make_form())
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        await pilot.press("s", "j")
        assert [o.id for o in form.query_one("#status-list", OptionList).options] == ["sick"]
        assert form.query_one("#status-list", OptionList).highlighted == 0
        # Sick by default lasts until the next opening: Thursday 08:00.
        assert form.query_one("#return-input", Input).value == "nästa arbetsdag"
        assert text_of(app, "#return-preview") == "→ tor 3 dec 08:00"

        await pilot.press("backspace", "backspace", "l", "u")
        assert form.query_one("#return-input", Input).value == "+1h"
        assert text_of(app, "#return-preview") == "→ ons 2 dec 11:15"


async def test_an_english_form_prefills_the_default_return_in_english_and_saves_it() -> None:
    save = FakeSave()
    app = Host(make_form(save=save, language="en"))
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        await pilot.press("s", "i")
        assert form.query_one("#return-input", Input).value == "next working day"
        assert text_of(app, "#return-preview") == "→ Thu 3 Dec 08:00"
        await pilot.press("enter")
        await settle(pilot)
    assert save.requests[0].status == status("sick")
    assert save.requests[0].return_at == datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM)


async def test_up_and_down_in_the_filter_move_through_the_statuses() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "up", "down")  # Available -> Lunch -> Meeting
        assert app.form.query_one("#status-list", OptionList).highlighted == 2
        await pilot.press("enter")
        await settle(pilot)
    assert save.requests[0].status == status("meeting")
    assert save.requests[0].return_at == datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM)


async def test_a_bad_return_time_shows_the_error_and_enter_does_not_save() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", *"25:00")
        preview = text_of(app, "#return-preview")
        assert preview.startswith("25 är ingen timme: timmarna går från 0 till 23")
        assert app.form.query_one("#return-preview").has_class("-error")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.form
        assert app.form.focused is app.form.query_one("#return-input")
    assert save.requests == []
    assert app.results == []


@pytest.mark.parametrize("burst", [True, False], ids=["burst", "key-by-key"])
@pytest.mark.parametrize(
    ("language", "typed", "words"),
    [
        ("sv", "banan", "kunde inte läsa 'banan': skriv en tid (13, 13:30, kl 13), en dag"),
        (
            "sv",
            "idag 8",
            "2026-12-02 08:00 har redan varit: skriv en tid efter nu (2026-12-02 10:15)",
        ),
        ("en", "banan", "could not read 'banan': write a time (13, 13:30, at 13), a day"),
        ("en", "idag 8", "2026-12-02 08:00 has already passed: write a time after now"),
    ],
)
async def test_a_bad_return_time_is_said_in_the_desks_language(
    language: str, typed: str, words: str, burst: bool
) -> None:
    save = FakeSave()
    app = Host(make_form(save=save, language=language))
    async with app.run_test(size=SIZE) as pilot:
        if burst:
            await pilot.press("2", "tab", *typed)
        else:
            for key in ("2", "tab", *typed):
                await pilot.press(key)
        assert app.form.query_one("#return-input", Input).value == typed
        assert text_of(app, "#return-preview").startswith(words)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.form
    assert save.requests == []


async def test_a_status_that_needs_a_return_time_refuses_an_empty_one() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")  # Semester: needs a return time, has no default
        assert app.form.query_one("#return-input", Input).value == ""
        await pilot.press("tab", "tab", "tab", "enter")  # from the note field
        await settle(pilot)
        assert text_of(app, "#return-preview") == "Semester kräver en återkomsttid"
        assert app.form.query_one("#return-preview").has_class("-error")
        assert app.form.focused is app.form.query_one("#return-input")
        assert app.screen is app.form
    assert save.requests == []


async def test_redirect_to_a_colleague_chosen_from_the_suggestions() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        picker = form.query_one(ColleaguePicker)
        await pilot.press("3", "tab", "1", "4", "tab", "l", "a")
        assert picker.is_open
        suggestions = picker.query_one(OptionList)
        # Anna herself is never suggested.
        assert [o.id for o in suggestions.options] == [str(LARS.id), str(LISA.id)]
        await pilot.press("down", "enter")  # Enter takes the suggestion, does not save
        assert save.requests == []
        assert not picker.is_open
        assert picker.value == "Lisa Larsson (2110)"
        assert picker.selected_id == LISA.id
        await pilot.press("enter")
        await settle(pilot)
    [request] = save.requests
    assert request.status == status("meeting")
    assert request.return_at == datetime(2026, 12, 2, 14, 0, tzinfo=STOCKHOLM)
    assert request.redirect_employee_id == LISA.id
    assert request.redirect_number is None


async def test_tab_moves_on_without_taking_a_suggestion_and_typing_again_forgets_one() -> None:
    app = Host(make_form())
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        picker = form.query_one(ColleaguePicker)
        await pilot.press("2", "tab", "tab", "l", "i", "n", "d")
        assert picker.is_open
        await pilot.press("tab")  # on to the note, whether the list had opened yet or not
        assert form.focused is form.query_one("#note-input")
        assert picker.selected_id is None
        assert picker.error is not None and "Välj en kollega" in picker.error
        await pilot.press("shift+tab", "enter")  # Enter takes it
        assert picker.selected_id == LARS.id
        assert picker.value == "Lars Lind (2104)"
        assert form.focused is picker.input
        await pilot.press("backspace")
        assert picker.selected_id is None
        assert picker.error == "Ingen kollega matchar 'Lars Lind (2104'"
        await pilot.press("ctrl+u", *"lisa")
        assert picker.is_open
        await pilot.press("escape")  # closes the suggestions, not the form
        assert not picker.is_open
        assert app.screen is app.form
        assert picker.error is not None
        assert "Välj en kollega" in text_of(app, "#target .error")


async def test_a_burst_of_keys_picks_the_status_and_fills_the_fields_tab_moves_to(
    burst: Callable[..., None],
) -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        # Pasted or sent in one go: status 3, back at 14, no redirect, a note.
        burst(app, "3", "tab", "1", "4", "tab", "tab", *"Ring", "space", *"efter", "enter")
        await settle(pilot)
    [request] = save.requests
    assert request.status == status("meeting")
    assert request.return_at == datetime(2026, 12, 2, 14, 0, tzinfo=STOCKHOLM)
    assert request.redirect_employee_id is None and request.redirect_number is None
    assert request.note == "Ring efter"


async def test_redirect_to_a_number_is_normalised() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "tab", *"0280-181 00")
        picker = app.form.query_one(ColleaguePicker)
        assert picker.number == "+4628018100"
        assert picker.error is None
        await pilot.press("enter")
        await settle(pilot)
    [request] = save.requests
    assert request.redirect_number == "+4628018100"
    assert request.redirect_employee_id is None


async def test_a_bad_number_shows_an_error_and_does_not_save() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "tab", "9", "9", "tab", "enter")  # Enter from the note
        await settle(pilot)
        picker = app.form.query_one(ColleaguePicker)
        assert picker.error == (
            "Hänvisa till: ”99” är varken en kollega, en anknytning eller ett giltigt "
            "telefonnummer."
        )
        assert text_of(app, "#target .error") == picker.error
        assert app.form.focused is picker.input
        assert app.screen is app.form
    assert save.requests == []


async def test_escape_cancels_without_saving() -> None:
    save = FakeSave()
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "1", "3", "escape")
        await pilot.pause()
        assert app.screen is not app.form
    assert app.results == [None]
    assert save.requests == []


async def test_a_conflict_is_shown_and_save_anyway_retries_with_the_current_version() -> None:
    theirs = presence(
        "sick",
        version=7,
        return_at=datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM),
        set_by="Per Holm",
        set_at=NOW.astimezone(UTC),
    )
    conflict = changed_by_per(theirs)
    save = FakeSave(conflict)
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "1", "3", "tab", "tab", *"Ring Lars", "enter")
        await settle(pilot)
        form = app.form
        assert app.screen is form
        message = text_of(app, "#message")
        assert "Någon annan hann före: Per Holm ändrade personens status till 'sick' kl. 10:14" in (
            message
        )
        assert "Nu gäller: Sjuk, åter imorgon 08:00" in message
        # What was typed is still there.
        assert form.query_one("#return-input", Input).value == "13"
        assert form.query_one("#note-input", Input).value == "Ring Lars"
        assert form.focused is form.query_one("#save-anyway", Button)
        await pilot.press("enter")  # Spara ändå
        await settle(pilot)
    first, second = save.requests
    assert first.expected_version == 3
    assert second == replace(first, expected_version=7)
    assert second.note == "Ring Lars"
    assert app.results == save.saved


async def test_save_anyway_after_a_cleared_status_expects_version_zero() -> None:
    save = FakeSave(ConflictError("presence_cleared", current=None))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        await settle(pilot)
        assert "Nu gäller: ingen status satt" in text_of(app, "#message")
        await pilot.click("#save-anyway")
        await settle(pilot)
    assert [r.expected_version for r in save.requests] == [3, 0]
    assert app.results == save.saved


async def test_a_lost_database_says_plainly_that_nothing_was_saved() -> None:
    save = FakeSave(DatabaseUnavailable("no_answer", detail="server closed"))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "1", "3", "enter")
        await settle(pilot)
        assert app.screen is app.form
        assert text_of(app, "#message").startswith("Inte sparat: databasen svarar inte.")
        assert app.form.query_one("#return-input", Input).value == "13"


async def test_a_connection_lost_while_committing_says_it_may_or_may_not_be_saved() -> None:
    save = FakeSave(SaveUncertain("lost_while_saving", detail="server closed"))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "1", "3", "enter")
        await settle(pilot)
        assert app.screen is app.form
        assert text_of(app, "#message").startswith("Oklart om det sparades")


async def test_keep_theirs_after_a_conflict_dismisses_with_the_other_seats_value() -> None:
    theirs = presence("lunch", version=4)
    save = FakeSave(changed_by_per(theirs))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        await settle(pilot)
        await pilot.click("#keep-theirs")
        await pilot.pause()
    assert app.results == [theirs]
    assert len(save.requests) == 1


async def test_escape_after_a_conflict_also_keeps_theirs() -> None:
    theirs = presence("lunch", version=4)
    save = FakeSave(changed_by_per(theirs))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [theirs]


async def test_any_other_failure_keeps_the_form_and_what_was_typed() -> None:
    save = FakeSave(RuntimeError("disk full"))
    app = Host(make_form(save=save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "1", "3", "enter")
        await settle(pilot)
        assert app.screen is app.form
        assert app.notices == [("Kunde inte spara: disk full", "error")]
        assert text_of(app, "#message") == "Kunde inte spara: disk full"
        assert app.form.query_one("#message").has_class("-error")
        assert app.form.query_one("#return-input", Input).value == "13"
        await pilot.press("ctrl+s")  # try again
        await settle(pilot)
    assert len(save.requests) == 2
    assert app.results == save.saved


async def test_available_greys_out_return_and_redirect_and_saves_without_them() -> None:
    at_lunch = replace(
        ANNA,
        presence=presence(
            "lunch",
            version=5,
            return_at=datetime(2026, 12, 2, 11, 0, tzinfo=STOCKHOLM),
            redirect_employee_id=LARS.id,
        ),
    )
    save = FakeSave()
    app = Host(make_form(at_lunch, save=save))
    async with app.run_test(size=SIZE) as pilot:
        form = app.form
        # The current values are filled in.
        assert form.query_one("#return-input", Input).value == "2026-12-02 11:00"
        assert form.query_one(ColleaguePicker).selected_id == LARS.id
        assert "Nu: Lunch, åter 11:00, hänvisad till Lars Lind (2104)" in text_of(app, "#current")
        await pilot.press("1")
        # Greyed out but still in the focus order: Tab goes where it always goes.
        assert form.query_one("#return-row").has_class("-unused")
        assert form.query_one("#target-row").has_class("-unused")
        assert text_of(app, "#return-preview") == (
            "Ingen återkomsttid eller hänvisning när man är tillgänglig"
        )
        assert form.focused is form.query_one("#status-filter")
        await pilot.press("tab")
        assert form.focused is form.query_one("#return-input")
        await pilot.press("enter")
        await settle(pilot)
    [request] = save.requests
    assert request.status == status("available")
    assert request.return_at is None
    assert request.redirect_employee_id is None
    assert request.redirect_number is None
    assert request.expected_version == 5


async def test_initial_status_is_preselected_and_english_texts() -> None:
    save = FakeSave()
    form = make_form(save=save, language="en", initial_status=status("lunch"))
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        assert form.query_one("#return-input", Input).value == "+1h"
        assert text_of(app, "#return-preview") == "→ Wed 2 Dec 11:15"
        assert text_of(app, "#title") == "Anna Berg  ·  Bygglov  ·  ext. 2101"
        await pilot.press("enter")
        await settle(pilot)
    assert save.requests[0].status == status("lunch")


def test_snapshot_lunch_typed_with_a_preview(snap_compare: Any) -> None:
    app = Host(make_form())

    async def type_lunch(pilot: Pilot[Any]) -> None:
        await pilot.press(*"lunch")
        for field in app.form.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=type_lunch)


@pytest.mark.parametrize("language", ["sv", "en"])
async def test_the_form_fits_a_small_terminal(language: str) -> None:
    app = Host(make_form(language=language))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "tab", "l")  # suggestions open: the tallest the form gets
        dialog = app.form.query_one("#dialog")
        assert dialog.outer_size.height <= SIZE[1]
        assert dialog.region.y >= 0
