"""Take a message or log a missed call for someone: who called, how to reach them, about what.

The form opens already filled with whom the message is for, and says before it is saved when
the answer is due (two Swedish working days, by default). Saving runs in a thread worker; if
it fails the form stays open with everything typed, so nothing has to be typed twice.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.display import format_day_time
from reception_tui.domain.emails import is_email_address
from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.domain.phones import PhoneError, normalise_number_or_extension
from reception_tui.domain.records import Channel, EmployeeRecord, InquiryRecord, UnitRecord
from reception_tui.domain.text import printable
from reception_tui.store.repository import NewInquiry
from reception_tui.tui.forms import SavingDialog
from reception_tui.tui.widgets.choice import ChoiceList
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text
from reception_tui.words.labels import channel_label

CHANNELS = tuple(Channel)
# Each channel's name; e-mail has the word of the e-mail field.
# Which input to put the cursor in for each kind of error, first error first.
_FOCUS_ON_ERROR = (
    ("caller", "caller"),
    ("number", "number"),
    ("email", "email"),
    ("contact", "number"),
    ("subject", "subject"),
)
# The text fields, each with its name: the label beside it, and the name its errors give it.
_TEXT_FIELDS = {
    "caller": "col.name",
    "number": "inquiry.number",
    "email": "inquiry.email",
    "subject": "inquiry.subject",
}


class MessageForm(SavingDialog[InquiryRecord | None]):
    """Log a message or missed call; dismisses with the saved record, or None when cancelled.

    The call counts as received when the form opens, so the due time shown is the one saved.
    `save` is blocking (it writes to the database) and runs in a thread worker.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    DEFAULT_CSS = """
    MessageForm #for {
        text-style: bold;
        margin-bottom: 1;
    }
    MessageForm .row {
        height: auto;
    }
    MessageForm .label {
        width: 10;
        padding: 1 1 0 0;
        color: $text-muted;
    }
    MessageForm .row:focus-within > .label {
        color: $accent;
        text-style: bold;
    }
    MessageForm .field {
        width: 1fr;
        height: auto;
    }
    MessageForm .error {
        color: $error;
        display: none;
    }
    MessageForm #channel {
        width: 1fr;
    }
    MessageForm #due {
        text-style: bold;
        margin-top: 1;
    }
    """

    def __init__(
        self,
        *,
        employee: EmployeeRecord | None,
        unit: UnitRecord | None = None,
        language: str,
        calendar: WorkingCalendar,
        clock: Clock,
        save: Callable[[NewInquiry], InquiryRecord],
    ) -> None:
        if employee is None and unit is None:
            raise ValueError("a message is for an employee or a unit")
        super().__init__()
        self._employee = employee
        self._unit = unit
        self._language = language
        self._calendar = calendar
        self._save = save
        self._received = clock.now()
        self._due = calendar.due_at(self._received)
        self._shown: dict[str, str] = {}
        self._refusal_shown = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        language = self._language
        dialog = Vertical(id="dialog")
        dialog.border_title = text(language, "message.title")
        dialog.border_subtitle = text(language, "message.keys")
        with dialog:
            yield Static(self._for_line(), id="for")
            yield self._row(
                "caller",
                TextInput(
                    id="caller", max_length=MAX_LENGTH["inquiry.caller_name"], validate_on=()
                ),
            )
            yield self._row("number", TextInput(id="number", max_length=40, validate_on=()))
            yield self._row(
                "email",
                TextInput(
                    id="email", max_length=MAX_LENGTH["inquiry.caller_email"], validate_on=()
                ),
            )
            yield Static(id="contact-error", classes="error")
            yield self._row(
                "subject",
                TextInput(id="subject", max_length=MAX_LENGTH["inquiry.subject"], validate_on=()),
            )
            yield Horizontal(
                Label(text(language, "inquiry.channel"), classes="label"),
                ChoiceList(
                    [channel_label(c, self._language) for c in CHANNELS],
                    numbered=True,
                    id="channel",
                ),
                classes="row",
            )
            when = format_day_time(self._due, self._calendar.tz, language)
            yield Static(Content(text(language, "message.due", when=when)), id="due")
            yield Static(id="form-error", classes="error")

    def _row(self, key: str, field: Input) -> Horizontal:
        return Horizontal(
            Label(text(self._language, _TEXT_FIELDS[key]), classes="label"),
            Vertical(field, Static(id=f"{key}-error", classes="error"), classes="field"),
            classes="row",
        )

    def _for_line(self) -> Content:
        language = self._language
        if self._employee is not None:
            parts = [self._employee.name, self._employee.unit_name]
            if self._employee.extension:
                parts.append(f"{text(language, 'form.extension')} {self._employee.extension}")
        else:
            assert self._unit is not None
            parts = [self._unit.name, text(language, "message.unit")]
        named = printable(" · ".join(part for part in parts if part))
        return Content(f"{text(language, 'inquiry.for')}: " + named)

    # ------------------------------------------------------------------ checking

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def _errors(self) -> dict[str, str]:
        """What is wrong with the form now, by field ("contact": neither number nor e-mail)."""
        language = self._language
        number, email = self._value("number"), self._value("email")
        errors: dict[str, str] = {}
        if not self._value("caller"):
            errors["caller"] = text(language, "message.caller_required")
        if number:
            try:
                normalise_number_or_extension(number)
            except PhoneError:
                errors["number"] = text(language, "message.number_invalid", value=number)
        if email and not is_email_address(email):
            errors["email"] = text(language, "message.email_invalid", value=email)
        if not number and not email:
            errors["contact"] = text(language, "message.contact_required")
        for key, name in _TEXT_FIELDS.items():
            label = text(language, name)
            if (message := self.control_character(self._value(key), label)) is not None:
                errors[key] = message
        return errors

    def _show_errors(self) -> None:
        for key in (*_TEXT_FIELDS, "contact"):
            message = self._shown.get(key, "")
            error = self.query_one(f"#{key}-error", Static)
            error.update(Content(message))
            error.display = bool(message)
        contact = "contact" in self._shown
        self.query_one("#caller", Input).set_class("caller" in self._shown, "-invalid")
        self.query_one("#number", Input).set_class(contact or "number" in self._shown, "-invalid")
        self.query_one("#email", Input).set_class(contact or "email" in self._shown, "-invalid")
        self.query_one("#subject", Input).set_class("subject" in self._shown, "-invalid")

    @on(Input.Blurred, "#number, #email")
    def _check_on_leaving(self, event: Input.Blurred) -> None:
        key = event.input.id
        assert key is not None
        self._shown.pop(key, None)
        if event.value.strip() and (message := self._errors().get(key)):
            self._shown[key] = message
        self._show_errors()

    @on(Input.Changed)
    def _recheck_shown(self) -> None:
        # While typing, errors only go away (or follow the text); new ones wait for blur/save.
        if self._shown:
            errors = self._errors()
            self._shown = {key: errors[key] for key in self._shown if key in errors}
            self._show_errors()

    # ------------------------------------------------------------------ keys

    def keys_hint(self) -> str:
        channel = self.focused is not None and self.focused.id == "channel"
        return text(self._language, "message.keys_channel" if channel else "message.keys")

    @on(ChoiceList.Refused, "#channel")
    def _channel_refused(self) -> None:
        # The channel is the last field: letters typed there have no field to go to.
        self.show_save_error(text(self._language, "message.channel_refused"))
        self._refusal_shown = True

    @on(OptionList.OptionHighlighted, "#channel")
    @on(Input.Changed)
    def _typing_again(self) -> None:
        if self._refusal_shown:
            self._refusal_shown = False
            self.query_one("#form-error", Static).display = False

    # ------------------------------------------------------------------ saving

    @on(Input.Submitted)
    @on(ChoiceList.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        self._shown = self._errors()
        self._show_errors()
        if self._shown:
            first = next(field for key, field in _FOCUS_ON_ERROR if key in self._shown)
            self.query_one(f"#{first}", Input).focus()
            return
        self.query_one("#form-error", Static).display = False
        self.begin_save()
        self._save_in_thread(self._new_inquiry())

    def _new_inquiry(self) -> NewInquiry:
        number = self._value("number")
        channel = self.query_one("#channel", ChoiceList).selected
        return NewInquiry(
            caller_name=self._value("caller"),
            channel=CHANNELS[channel or 0],
            caller_number=normalise_number_or_extension(number) if number else None,
            caller_email=self._value("email") or None,
            employee_id=self._employee.id if self._employee is not None else None,
            unit_id=self._unit.id if self._unit is not None else None,
            subject=self._value("subject"),
            received_at=self._received,
        )

    @work(thread=True, group="save", exit_on_error=False, description="save message")
    def _save_in_thread(self, new: NewInquiry) -> InquiryRecord:
        return self._save(new)

    def show_save_error(self, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(Content(message))
        error.display = True
