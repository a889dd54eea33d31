"""Text from outside never reaches the terminal as an escape sequence, at the desk.

What another program wrote straight into the database (escape sequences in a name, a note, a
caller's name) is shown made printable on every screen that shows it, and a control character
typed or pasted into a form is refused naming the field, with nothing saved. "Reaches the
terminal" is measured on what the app hands its driver: the text of every segment of a full
screen update, where Textual's own escape sequences are not yet added.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from reception_tui.clock import FixedClock
from reception_tui.config import Settings
from reception_tui.domain.records import EmployeeRecord, Outcome
from reception_tui.store.repository import Repository
from reception_tui.tui.app import build_app
from reception_tui.tui.forms.attempt import AttemptForm
from reception_tui.tui.forms.message import MessageForm
from reception_tui.tui.forms.reassign import ReassignForm
from reception_tui.tui.forms.redirect import RedirectForm
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.screens.inquiry import InquiryDetails

# Window title, clear screen, clipboard write (OSC 52), and an 8-bit CSI.
NASTY = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07\x9b2J"


def unprintable(pilot: Pilot[None]) -> list[str]:
    """Characters a terminal would act on, in what the screen (toasts included) draws now."""
    update = pilot.app.screen._compositor.render_update(full=True)
    drawn = "".join(segment.text for strip in update.strips for segment in strip)  # type: ignore[attr-defined]
    return sorted({c for c in drawn if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F})


async def until(pilot: Pilot[None], condition: Any, what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def nasty_data(repository: Repository, anna: EmployeeRecord, lars: EmployeeRecord) -> int:
    """Escapes written into the database by another program: names, notes, a caller."""
    inquiry = repository.add_inquiry(
        caller_name="Olle", caller_number="+46701234567", employee_id=anna.id
    )
    repository.log_attempt(inquiry.id, Outcome.NO_ANSWER, "ringde")
    with repository.engine.begin() as connection:
        for statement, values in (
            ("UPDATE employee SET first_name = :v || first_name WHERE id = :id", anna.id),
            ("UPDATE employee SET title = :v WHERE id = :id", lars.id),
            ("UPDATE unit SET name = name || :v WHERE id = :id", anna.unit_id),
            ("UPDATE inquiry SET caller_name = :v, subject = :v WHERE id = :id", inquiry.id),
            ("UPDATE callback_attempt SET note = :v, by = :v WHERE inquiry_id = :id", inquiry.id),
        ):
            connection.execute(sa.text(statement), {"v": NASTY, "id": values})
        connection.execute(
            sa.text(
                "INSERT INTO presence (employee_id, status_code, return_at, redirect_employee_id,"
                " note, set_by, set_at, version) VALUES (:id, 'lunch', :back, :to, :v, :v,"
                " :now, 1)"
            ),
            {
                "id": lars.id,
                "back": "2026-12-02 11:15:00",
                "to": anna.id,
                "v": NASTY,
                "now": "2026-12-02 09:15:00",
            },
        )
    return inquiry.id


async def test_escapes_stored_by_another_program_show_printable_on_every_screen(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: dict[str, EmployeeRecord],
    open_desk: Any,
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Svensson"]
    inquiry_id = nasty_data(repository, anna, lars)
    app = build_app(settings, repository, clock=clock)
    async with open_desk(app) as pilot:
        desk = pilot.app.screen
        assert isinstance(desk, DeskScreen)
        assert unprintable(pilot) == []

        seen = []
        # Lars, redirected to Anna, with the note: the redirect form shows all of it.
        await pilot.press(*"lars")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, RedirectForm), "redirect form")
        await pilot.pause()
        seen.append(("redirect form", unprintable(pilot)))
        assert pilot.app.screen.query_one("#note-input", Input).value.strip().endswith("2J")
        await pilot.press("escape")

        # The colleague picker's suggestions carry Anna's name and unit.
        await pilot.press("escape", *"lars", "f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, RedirectForm), "redirect form")
        form = pilot.app.screen
        form.query_one("#target Input", Input).focus()
        await pilot.press(*"ann")
        await pilot.pause(0.2)
        seen.append(("colleague suggestions", unprintable(pilot)))
        await pilot.press("escape", "escape")

        # The queue's item: details (with its attempt), the attempt form, reassigning.
        desk.queue.focus()
        await pilot.pause()
        assert desk.queue.cursor_key == inquiry_id
        for key, screen in (("alt+o", InquiryDetails), ("f9", AttemptForm)):
            await pilot.press(key)
            await until(pilot, lambda s=screen: isinstance(pilot.app.screen, s), key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            seen.append((key, unprintable(pilot)))
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("alt+a")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReassignForm), "reassign")
        seen.append(("reassign", unprintable(pilot)))
        await pilot.press("escape")
        await pilot.pause()

        # Resolving says whose item it was, in a toast.
        desk.queue.focus()
        await pilot.press("alt+r")
        await until(pilot, lambda: bool(pilot.app._notifications), "the resolve notice")
        await pilot.pause(0.3)
        seen.append(("resolve notice", unprintable(pilot)))

        assert seen == [(where, []) for where, _ in seen]


async def paste(pilot: Pilot[None], field: Input, text: str) -> None:
    field.focus()
    await pilot.pause()
    field.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_pasted_control_character_is_refused_in_every_form_naming_the_field(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: dict[str, EmployeeRecord],
    open_desk: Any,
) -> None:
    anna = staff["Anna Berg"]
    inquiry = repository.add_inquiry(
        caller_name="Olle", caller_number="+46701234567", employee_id=anna.id
    )
    app = build_app(settings, repository, clock=clock)
    async with open_desk(app) as pilot:
        desk = pilot.app.screen
        assert isinstance(desk, DeskScreen)
        await pilot.press(*"anna berg")

        # The message form: a caller's name with an escape in it.
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(pilot.app.screen, MessageForm), "message form")
        form = pilot.app.screen
        await paste(pilot, form.query_one("#caller", Input), f"Olle{NASTY}")
        await pilot.press("tab", *"0701234567", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MessageForm)
        error = str(form.query_one("#caller-error").render())
        assert "Namn: texten har ett styrtecken (U+001B)" in error
        assert unprintable(pilot) == []
        await pilot.press("escape")
        await pilot.pause()

        # The redirect form: the note.
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, RedirectForm), "redirect form")
        form = pilot.app.screen
        await pilot.press("2")  # Lunch
        await paste(pilot, form.query_one("#note-input", Input), f"ring{NASTY}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RedirectForm)
        assert "Notering: texten har ett styrtecken (U+001B)" in str(
            form.query_one("#message").render()
        )
        assert unprintable(pilot) == []
        await pilot.press("escape")
        await pilot.pause()

        # The attempt form: the note.
        desk.queue.focus()
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(pilot.app.screen, AttemptForm), "attempt form")
        form = pilot.app.screen
        await pilot.press("2")
        await paste(pilot, form.query_one("#note", Input), f"{NASTY}inget svar")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AttemptForm)
        assert "Anteckning: texten har ett styrtecken (U+001B)" in str(
            form.query_one("#error").render()
        )
        await pilot.press("escape")
        await pilot.pause()

    # Nothing of it was saved.
    assert [i.id for i in repository.open_inquiries()] == [inquiry.id]
    assert repository.attempts(inquiry.id) == []
    assert repository.employee(anna.id, default_status="available").presence.version == 0
