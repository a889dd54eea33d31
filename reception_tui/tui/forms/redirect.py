"""Set someone's status and redirect: status, return time, who takes their calls, a note.

A modal driven entirely by keyboard (the mouse works too). Letters in the first field filter the
status list and a digit 1-9 picks a status at once; the focus stays on the status until Tab,
and the fields come in one order whatever the status (a status that uses no return time or
redirect greys them out but does not skip them), so "3", Tab, "1430" is Möte back at 14:30
whether typed slowly or in one burst. The return time is read as it is typed and shown back
("→ ons 2 dec 13:00") or its error; the redirect target is a colleague picked from suggestions,
an active colleague's extension or a phone number (`domain.redirects`), and digits that look
like a time are refused with a word about where the time goes. Enter saves from any field,
Ctrl+S too, Esc cancels.

Saving runs the blocking `save` in a thread. Success dismisses the screen with the saved
PresenceRecord. If another seat changed the status meanwhile, the form stays open with what was
typed, says what the other seat set, and offers "Spara ändå" (overwrite) or "Avbryt"
(dismiss with None so the desk reloads). Any other failure is notified and shown in the form.

The status field with its list is a `StatusPicker`, the line under the return time a
`ReturnPreview`; `PresenceLine` words what is set now and what a conflicting seat set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.domain.phones import format_phone
from reception_tui.domain.presence import PresenceError, StatusCode, check_presence
from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.domain.redirects import (
    RedirectTargetError,
    redirect_number,
    redirect_target_problem,
)
from reception_tui.domain.returns import ReturnTimeError, describe_return, parse_return_time
from reception_tui.domain.text import printable
from reception_tui.store.repository import ConflictError
from reception_tui.tui.forms import Dialog, failure_text
from reception_tui.tui.forms.presence_line import PresenceLine
from reception_tui.tui.widgets.colleague import ColleaguePicker, NumberRefused
from reception_tui.tui.widgets.return_preview import ReturnPreview
from reception_tui.tui.widgets.status_picker import StatusPicker
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import LANGUAGES, say, text

NOTE_MAX = MAX_LENGTH["presence.note"]
SAVE_GROUP = "redirect-save"


@dataclass(frozen=True, slots=True)
class RedirectRequest:
    """What the form asks the store to save."""

    employee_id: int
    status: StatusCode
    return_at: datetime | None
    redirect_employee_id: int | None
    redirect_number: str | None
    note: str
    expected_version: int


class RedirectForm(Dialog[PresenceRecord | None]):
    """Set an employee's status, return time, redirect and note."""

    DEFAULT_CSS = """
    RedirectForm #title {
        text-style: bold;
        color: $text;
    }
    RedirectForm #current {
        color: $text-muted;
        margin-bottom: 1;
    }
    RedirectForm .row {
        height: auto;
    }
    RedirectForm .row > Label {
        width: 14;
        color: $text-muted;
    }
    RedirectForm .row:focus-within > Label {
        color: $accent;
        text-style: bold;
    }
    RedirectForm .row.-unused > Label {
        color: $text-disabled;
    }
    RedirectForm .row.-unused Input {
        color: $text-disabled;
    }
    RedirectForm .row.-unused ColleaguePicker > .error {
        display: none;
    }
    RedirectForm .row > Input {
        width: 1fr;
    }
    RedirectForm Input.-textual-compact {
        background: $surface;
    }
    RedirectForm Input.-textual-compact:focus {
        background: $boost;
        background-tint: $accent 15%;
    }
    RedirectForm .below {
        margin-left: 14;
        height: auto;
    }
    RedirectForm #return-preview {
        margin: 0 0 1 14;
    }
    RedirectForm #target-row {
        margin-bottom: 1;
    }
    RedirectForm #message {
        margin-top: 1;
        color: $text-muted;
    }
    RedirectForm #message.-error {
        color: $error;
    }
    RedirectForm #conflict {
        height: auto;
        margin-left: 14;
    }
    RedirectForm #conflict > Button {
        margin-right: 2;
    }
    RedirectForm #keys {
        margin-top: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    def __init__(
        self,
        employee: EmployeeRecord,
        *,
        statuses: Sequence[StatusCode],
        language: str,
        calendar: WorkingCalendar,
        clock: Clock,
        find_colleagues: Callable[[str], Sequence[EmployeeRecord]],
        colleague: Callable[[int], EmployeeRecord | None],
        extension_holder: Callable[[str], EmployeeRecord | None],
        save: Callable[[RedirectRequest], PresenceRecord],
        initial_status: StatusCode | None = None,
    ) -> None:
        super().__init__()
        self.employee = employee
        self.statuses = tuple(statuses)
        language = language if language in LANGUAGES else "en"
        self.language = language
        self.calendar = calendar
        self.clock = clock
        self.find_colleagues = find_colleagues
        self.colleague = colleague
        self.extension_holder = extension_holder
        self.save = save
        by_code = {status.code: status for status in self.statuses}
        self._current_status = by_code.get(employee.presence.status_code)
        self._initial_status = initial_status or self._current_status
        self._presence = PresenceLine(language, by_code, colleague, calendar, clock)
        # Text put in the return field by the form (the current value, a status default): it
        # is replaced when another status is picked, until the receptionist types over it.
        self._prefilled: str | None = None
        self._expected_version = employee.presence.version
        self._saving = False
        self._conflict: ConflictError | None = None

        self._statuses = StatusPicker(
            self.statuses, language=language, chosen=self._status_chosen, id="status"
        )
        self._return = TextInput(
            placeholder=text(language, "redirect.return_placeholder"),
            compact=True,
            id="return-input",
        )
        self._preview = ReturnPreview(
            language=language, calendar=calendar, clock=clock, id="return-preview", classes="below"
        )
        self._picker = ColleaguePicker(
            self._other_colleagues,
            allow_number=True,
            check_number=self._redirect_number,
            placeholder=text(language, "redirect.redirect_placeholder"),
            language=language,
            id="target",
        )
        self._note = TextInput(
            placeholder=text(language, "redirect.note_placeholder"),
            max_length=NOTE_MAX,
            compact=True,
            id="note-input",
        )
        self._message = Static("", markup=False, id="message")
        self._keys = Static("", markup=False, id="keys")

    # --- Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        language = self.language
        with Vertical(id="dialog"):
            yield Static(self._title(), markup=False, id="title")
            yield Static(
                self._presence.line(text(language, "redirect.now"), self.employee.presence),
                markup=False,
                id="current",
            )
            yield self._statuses
            with Horizontal(classes="row", id="return-row"):
                yield Label(text(language, "col.return"), markup=False)
                yield self._return
            yield self._preview
            with Horizontal(classes="row", id="target-row"):
                yield Label(text(language, "redirect.redirect"), markup=False)
                yield self._picker
            with Horizontal(classes="row", id="note-row"):
                yield Label(text(language, "redirect.note"), markup=False)
                yield self._note
            yield self._message
            with Horizontal(id="conflict"):
                yield Button(
                    text(language, "redirect.save_anyway"),
                    variant="warning",
                    compact=True,
                    id="save-anyway",
                )
                yield Button(text(language, "redirect.keep_theirs"), compact=True, id="keep-theirs")
            yield self._keys

    def on_mount(self) -> None:
        presence = self.employee.presence
        self._message.display = False
        self.query_one("#conflict").display = False
        self._statuses.start(self._initial_status)
        if presence.return_at is not None and self._statuses.status is self._current_status:
            local = presence.return_at.astimezone(self.calendar.tz)
            self._set_return(f"{local:%Y-%m-%d %H:%M}")
        if presence.redirect_employee_id is not None:
            target = self.colleague(presence.redirect_employee_id)
            if target is not None:
                self._picker.select(target)
        elif presence.redirect_number:
            self._picker.set_text(format_phone(presence.redirect_number))
        self._note.value = printable(presence.note)
        self._update_keys()
        self._statuses.focus()

    def _title(self) -> Content:
        employee = self.employee
        parts: list[str | tuple[str, str] | Content] = [(printable(employee.name), "bold")]
        if employee.unit_name:
            parts += ["  ·  ", printable(employee.unit_name)]
        if employee.extension:
            parts += ["  ·  ", f"{text(self.language, 'form.extension')} {employee.extension}"]
        return Content.assemble(*parts)

    def _other_colleagues(self, typed: str) -> Sequence[EmployeeRecord]:
        # Nobody is redirected to themselves.
        return [e for e in self.find_colleagues(typed) if e.id != self.employee.id]

    def _redirect_number(self, typed: str) -> str:
        """Typed digits as the number to redirect to, or NumberRefused saying why not."""

        def holder(extension: str) -> int | None:
            found = self.extension_holder(extension)
            return found.id if found is not None else None

        try:
            return redirect_number(typed, holder, person_id=self.employee.id)
        except RedirectTargetError as error:
            message = redirect_target_problem(
                self.language,
                error,
                field=text(self.language, "redirect.redirect"),
                time_field=text(self.language, "col.return"),
            )
            raise NumberRefused(message) from None

    # --- The status and the return time -------------------------------------------------------

    def _status_chosen(self, status: StatusCode | None) -> None:
        """Grey out the fields `status` ignores, prefill its return time, read it back."""
        available = status is not None and status.available
        # Available means reachable: no return time, no redirect (the store clears both). The
        # fields stay in the focus order, only greyed: were they skipped, where Tab goes would
        # depend on whether the status key had been handled yet when Tab came.
        for row in ("#return-row", "#target-row"):
            self.query_one(row).set_class(available, "-unused")
        if status is not None and not status.available:
            value = self._return.value
            if not value.strip() or value == self._prefilled:
                default = status.default_return
                self._set_return(describe_return(default, self.language) if default else "")
        self._preview.show(status, self._return.value)

    def _set_return(self, typed: str) -> None:
        self._prefilled = typed or None
        if self._return.value != typed:
            self._return.value = typed
        else:
            self._preview.show(self._statuses.status, self._return.value)
        if self.focused is self._return:
            # Selected, as when Tab brings the cursor to it: the next key types over it.
            self._return.select_all()

    @on(Input.Changed, "#return-input")
    def _return_changed(self, event: Input.Changed) -> None:
        self._preview.show(self._statuses.status, self._return.value)

    # --- Saving -------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        request = self._request()
        if request is not None:
            self._start(request)

    def _request(self) -> RedirectRequest | None:
        """The request the fields describe, or None after showing what is wrong."""
        status = self._statuses.status
        if status is None:
            self._statuses.show_error(text(self.language, "redirect.choose_status"))
            self._statuses.focus()
            return None
        return_at: datetime | None = None
        target_id: int | None = None
        number: str | None = None
        if not status.available:
            typed = self._return.value.strip()
            now = self.clock.now()
            try:
                if typed:
                    return_at = parse_return_time(typed, now, self.calendar)
                check_presence(status, return_at, now)
            except (ReturnTimeError, PresenceError) as error:
                self._preview.show_error(say(self.language, error))
                self._return.focus()
                return None
            if self._picker.error is not None:
                self._picker.focus()
                return None
            target_id, number = self._picker.selected_id, self._picker.number
        note = self._note.value.strip()
        if (
            message := self.control_character(note, text(self.language, "redirect.note"))
        ) is not None:
            self._show_message(message, error=True)
            self._note.focus()
            return None
        return RedirectRequest(
            employee_id=self.employee.id,
            status=status,
            return_at=return_at,
            redirect_employee_id=target_id,
            redirect_number=number,
            note=note,
            expected_version=self._expected_version,
        )

    def _start(self, request: RedirectRequest) -> None:
        self._saving = True
        self._show_conflict(None)
        self._show_message(text(self.language, "form.saving"), error=False)
        self.run_worker(
            partial(self.save, request),
            name="save presence",
            group=SAVE_GROUP,
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != SAVE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self._saving = False
            self.dismiss(worker.result)
        elif event.state == WorkerState.ERROR:
            self._saving = False
            self._failed(worker.error)
        elif event.state == WorkerState.CANCELLED:
            self._saving = False
            self._show_message(None)

    def _failed(self, error: BaseException | None) -> None:
        if isinstance(error, ConflictError):
            self._show_message(None)
            self._show_conflict(error)
            return
        message = failure_text(error, self.language)
        self.notify(message, severity="error", markup=False)
        self._show_message(message, error=True)

    def _show_message(self, message: str | Content | None, *, error: bool = False) -> None:
        self._message.update(message or "")
        self._message.set_class(error, "-error")
        self._message.display = message is not None

    # --- After a conflict ---------------------------------------------------------------------

    def _show_conflict(self, error: ConflictError | None) -> None:
        self._conflict = error
        self.query_one("#conflict").display = error is not None
        if error is not None:
            self._show_message(self._presence.conflict(error), error=True)
            self.query_one("#save-anyway", Button).focus()
        self._update_keys()

    @on(Button.Pressed, "#save-anyway")
    def _save_anyway(self, event: Button.Pressed) -> None:
        event.stop()
        error = self._conflict
        if error is None:
            return
        current = error.current
        self._expected_version = current.version if isinstance(current, PresenceRecord) else 0
        self.action_save()

    @on(Button.Pressed, "#keep-theirs")
    def _keep_theirs(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        # After a conflict, leaving keeps the other seat's value: the desk shows it at once.
        current = self._conflict.current if self._conflict is not None else None
        self.dismiss(current if isinstance(current, PresenceRecord) else None)

    # --- The keys line ------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._update_keys()

    def _update_keys(self) -> None:
        def says(action: str) -> str:
            return text(self.language, f"redirect.key.{action}")

        if self._conflict is not None:
            keys = [("Enter", says("save_anyway")), ("Esc", says("keep_theirs"))]
        elif self._picker.has_focus_within:
            keys = [
                ("↓↑ Enter", says("take")),
                ("Tab", says("next")),
                ("Ctrl+S", says("save")),
                ("Esc", says("cancel")),
            ]
        elif self._statuses.has_focus_within:
            keys = [
                ("1–9 ↑↓", says("status")),
                ("Tab", says("next")),
                ("Enter", says("save")),
                ("Esc", says("cancel")),
            ]
        else:
            keys = [
                ("Tab/Shift+Tab", says("fields")),
                ("Enter/Ctrl+S", says("save")),
                ("Esc", says("cancel")),
            ]
        parts: list[str | tuple[str, str] | Content] = []
        for key, action in keys:
            if parts:
                parts.append("  ")
            parts += [(key, "bold"), " ", action]
        self._keys.update(Content.assemble(*parts))
