"""Log a callback attempt on a queued message: how it went (1-4) and a note.

The caller, how to reach them and the deadline are shown above the choice, so the receptionist
dials from the form. A digit picks the outcome and the focus stays on it; Tab goes on to the
note, and so does the first letter typed on the outcome (it lands in the note), so "2", Tab,
"Ringde 19:44" and "2Ringde 19:44" both log "no answer" with that note. Saving runs in a thread
worker; a failure keeps the form as typed.
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
from reception_tui.domain.display import format_day_time, format_moment
from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.domain.phones import format_phone
from reception_tui.domain.records import AttemptRecord, InquiryRecord, Outcome
from reception_tui.domain.text import printable
from reception_tui.tui.forms import SavingDialog
from reception_tui.tui.widgets.choice import ChoiceList
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text
from reception_tui.words.labels import outcome_label

OUTCOMES = (Outcome.REACHED, Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.WRONG_NUMBER)


def contact_line(inquiry: InquiryRecord) -> str:
    """The caller's number (as people read it) and e-mail, whichever there are."""
    parts = []
    if inquiry.caller_number:
        parts.append(format_phone(inquiry.caller_number))
    if inquiry.caller_email:
        parts.append(inquiry.caller_email)
    return printable(" · ".join(parts)) or "-"


class AttemptForm(SavingDialog[AttemptRecord | None]):
    """Log one callback attempt; dismisses with the saved attempt, or None when cancelled.

    `save(inquiry_id, outcome, note)` is blocking (it writes to the database) and runs in a
    thread worker. No outcome is chosen at first, so Enter alone cannot log the wrong one.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]

    DEFAULT_CSS = """
    AttemptForm .info {
        height: auto;
    }
    AttemptForm .label {
        width: 11;
        padding-right: 1;
        color: $text-muted;
    }
    AttemptForm .value {
        width: 1fr;
    }
    AttemptForm #caller {
        text-style: bold;
    }
    AttemptForm .row {
        height: auto;
        margin-top: 1;
    }
    AttemptForm .row > .label {
        padding-top: 1;
    }
    AttemptForm .row:focus-within > .label {
        color: $accent;
        text-style: bold;
    }
    AttemptForm #outcome, AttemptForm #note {
        width: 1fr;
    }
    AttemptForm .error {
        color: $error;
        display: none;
    }
    """

    def __init__(
        self,
        inquiry: InquiryRecord,
        *,
        language: str,
        clock: Clock,
        calendar: WorkingCalendar,
        save: Callable[[int, Outcome, str], AttemptRecord],
    ) -> None:
        super().__init__()
        self._inquiry = inquiry
        self._language = language
        self._clock = clock
        self._calendar = calendar
        self._save = save

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        language, inquiry = self._language, self._inquiry
        dialog = Vertical(id="dialog")
        dialog.border_title = text(language, "attempt.title")
        dialog.border_subtitle = text(language, "attempt.keys")
        with dialog:
            yield self._info("inquiry.caller", Content(printable(inquiry.caller_name)), id="caller")
            yield self._info("attempt.contact", Content(contact_line(inquiry)), id="contact")
            if inquiry.subject:
                subject = Content(printable(inquiry.subject))
                yield self._info("inquiry.subject", subject, id="subject")
            yield self._info("inquiry.for", Content(printable(inquiry.for_name) or "-"), id="for")
            yield self._info("inquiry.received", self._when(), id="when")
            if inquiry.attempts:
                attempts = Content(str(inquiry.attempts))
                yield self._info("inquiry.attempts", attempts, id="attempts")
            yield Horizontal(
                Label(text(language, "attempt.outcome"), classes="label"),
                ChoiceList(
                    [outcome_label(outcome, language) for outcome in OUTCOMES],
                    selected=None,
                    numbered=True,
                    text_field="note",
                    id="outcome",
                ),
                classes="row",
            )
            yield Horizontal(
                Label(text(language, "attempt.note"), classes="label"),
                # Coming back to the note adds to it: a key must not replace what is there.
                TextInput(
                    id="note",
                    max_length=MAX_LENGTH["callback_attempt.note"],
                    validate_on=(),
                    select_on_focus=False,
                ),
                classes="row",
            )
            yield Static(id="error", classes="error")

    def _info(self, label: str, value: Content, *, id: str) -> Horizontal:
        """A line of what is known: its name (the catalogue's `label`), then `value`."""
        return Horizontal(
            Label(text(self._language, label), classes="label"),
            Static(value, id=id, classes="value"),
            classes="info",
        )

    def _when(self) -> Content:
        """ "ons 10:15 · senast fre 4 dec 16:30", with "försenad" in red when it is late."""
        language, inquiry = self._language, self._inquiry
        now, tz = self._clock.now(), self._calendar.tz
        received = format_moment(inquiry.received_at, now, tz, language)
        due = format_day_time(inquiry.due_at, tz, language)
        due_word = text(language, "col.due").lower()
        parts: list[str | tuple[str, str]] = [f"{received} · {due_word} {due}"]
        if inquiry.overdue(now):
            parts += ["  ", (text(language, "inquiry.overdue"), "bold $error")]
        return Content.assemble(*parts)

    # ------------------------------------------------------------------ choosing

    def keys_hint(self) -> str:
        note = self.focused is not None and self.focused.id == "note"
        return text(self._language, "attempt.keys_note" if note else "attempt.keys")

    @on(OptionList.OptionHighlighted, "#outcome")
    def _picked(self) -> None:
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.display = bool(message)

    # ------------------------------------------------------------------ saving

    @on(Input.Submitted)
    @on(ChoiceList.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return
        choice = self.query_one("#outcome", ChoiceList)
        if choice.selected is None:
            self._show_error(text(self._language, "attempt.outcome_required"))
            choice.focus()
            return
        note = self.query_one("#note", Input).value.strip()
        label = text(self._language, "attempt.note")
        if (message := self.control_character(note, label)) is not None:
            self._show_error(message)
            self.query_one("#note", Input).focus()
            return
        self._show_error("")
        self.begin_save()
        self._save_in_thread(OUTCOMES[choice.selected], note)

    @work(thread=True, group="save", exit_on_error=False, description="save callback attempt")
    def _save_in_thread(self, outcome: Outcome, note: str) -> AttemptRecord:
        return self._save(self._inquiry.id, outcome, note)

    def show_save_error(self, message: str) -> None:
        self._show_error(message)
