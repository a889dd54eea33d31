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

TEXT = {
    "sv": {
        "title": "Meddelande / missat samtal",
        "keys": "Tab nästa fält · Enter spara · Esc avbryt",
        "keys_channel": "1–3 kanal · Shift+Tab föregående fält · Enter spara · Esc avbryt",
        "channel_refused": (
            "Kanal: välj med 1–3 eller ↑↓. Text skrivs i fälten ovanför (Shift+Tab)."
        ),
        "saving": "Sparar…",
        "for": "För",
        "extension": "ankn.",
        "unit": "enheten",
        "caller": "Namn",
        "number": "Telefon",
        "email": "E-post",
        "subject": "Ärende",
        "channel": "Kanal",
        "channel_phone": "Telefon",
        "channel_email": "E-post",
        "channel_visit": "Besök",
        "due": "Besvaras senast {when}",
        "caller_required": "Namn: ange vem som sökte.",
        "number_invalid": "Telefon: ”{value}” är inte ett giltigt telefonnummer.",
        "email_invalid": "E-post: ”{value}” är inte en giltig e-postadress.",
        "contact_required": "Ange telefonnummer eller e-post så att vi kan svara.",
        "save_failed": "Kunde inte spara: {error}",
    },
    "en": {
        "title": "Message / missed call",
        "keys": "Tab next field · Enter save · Esc cancel",
        "keys_channel": "1–3 channel · Shift+Tab previous field · Enter save · Esc cancel",
        "channel_refused": (
            "Channel: pick with 1–3 or ↑↓. Text goes in the fields above (Shift+Tab)."
        ),
        "saving": "Saving…",
        "for": "For",
        "extension": "ext.",
        "unit": "the unit",
        "caller": "Name",
        "number": "Number",
        "email": "E-mail",
        "subject": "Subject",
        "channel": "Channel",
        "channel_phone": "Phone",
        "channel_email": "E-mail",
        "channel_visit": "Visit",
        "due": "Answer by {when}",
        "caller_required": "Name: enter who is asking.",
        "number_invalid": "Number: “{value}” is not a valid phone number.",
        "email_invalid": "E-mail: “{value}” is not a valid e-mail address.",
        "contact_required": "Enter a number or an e-mail address to answer to.",
        "save_failed": "Could not save: {error}",
    },
}

CHANNELS = tuple(Channel)

# Which input to put the cursor in for each kind of error, first error first.
_FOCUS_ON_ERROR = (
    ("caller", "caller"),
    ("number", "number"),
    ("email", "email"),
    ("contact", "number"),
    ("subject", "subject"),
)
_TEXT_FIELDS = ("caller", "number", "email", "subject")


def texts(catalogue: dict[str, dict[str, str]], language: str) -> dict[str, str]:
    """The texts for `language`, English for a language the catalogue does not have."""
    return catalogue.get(language, catalogue["en"])


def channel_label(channel: Channel, language: str) -> str:
    """ "Telefon" / "Phone"."""
    return texts(TEXT, language)[f"channel_{channel.value}"]


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
        self._texts = texts(TEXT, language)
        self._calendar = calendar
        self._save = save
        self._received = clock.now()
        self._due = calendar.due_at(self._received)
        self._shown: dict[str, str] = {}
        self._refusal_shown = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        t = self._texts
        dialog = Vertical(id="dialog")
        dialog.border_title = t["title"]
        dialog.border_subtitle = t["keys"]
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
                Label(t["channel"], classes="label"),
                ChoiceList(
                    [channel_label(c, self._language) for c in CHANNELS],
                    numbered=True,
                    id="channel",
                ),
                classes="row",
            )
            when = format_day_time(self._due, self._calendar.tz, self._language)
            yield Static(Content(t["due"].format(when=when)), id="due")
            yield Static(id="form-error", classes="error")

    def _row(self, key: str, field: Input) -> Horizontal:
        return Horizontal(
            Label(self._texts[key], classes="label"),
            Vertical(field, Static(id=f"{key}-error", classes="error"), classes="field"),
            classes="row",
        )

    def _for_line(self) -> Content:
        t = self._texts
        if self._employee is not None:
            parts = [self._employee.name, self._employee.unit_name]
            if self._employee.extension:
                parts.append(f"{t['extension']} {self._employee.extension}")
        else:
            assert self._unit is not None
            parts = [self._unit.name, t["unit"]]
        return Content(f"{t['for']}: " + printable(" · ".join(part for part in parts if part)))

    # ------------------------------------------------------------------ checking

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def _errors(self) -> dict[str, str]:
        """What is wrong with the form now, by field ("contact": neither number nor e-mail)."""
        t = self._texts
        number, email = self._value("number"), self._value("email")
        errors: dict[str, str] = {}
        if not self._value("caller"):
            errors["caller"] = t["caller_required"]
        if number:
            try:
                normalise_number_or_extension(number)
            except PhoneError:
                errors["number"] = t["number_invalid"].format(value=number)
        if email and not is_email_address(email):
            errors["email"] = t["email_invalid"].format(value=email)
        if not number and not email:
            errors["contact"] = t["contact_required"]
        for key in _TEXT_FIELDS:
            if (message := self.control_character(self._value(key), t[key])) is not None:
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
        return self._texts["keys_channel" if channel else "keys"]

    @on(ChoiceList.Refused, "#channel")
    def _channel_refused(self) -> None:
        # The channel is the last field: letters typed there have no field to go to.
        self.show_save_error(self._texts["channel_refused"])
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
