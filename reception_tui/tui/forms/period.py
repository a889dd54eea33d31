"""The manager's period typed as two dates: from and to, both included."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from reception_tui.domain.periods import Period, PeriodError
from reception_tui.tui.forms import Dialog
from reception_tui.words import say, text


class PeriodDates(Dialog[Period | None]):
    """From and to as YYYY-MM-DD; Enter shows the period, Esc leaves the one shown.

    The fields start empty, with the period shown as their placeholders, and an empty field
    keeps its date: what is typed never mixes with text already there, however fast it comes
    (a selection made on focus would come after the keys of a burst)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, current: Period, language: str) -> None:
        super().__init__()
        self.current = current
        self.language = language

    def compose(self) -> ComposeResult:
        language = self.language
        with Vertical(id="dialog") as dialog:
            dialog.border_title = text(language, "manager.dates_title")
            dialog.border_subtitle = text(language, "manager.dates_hint")
            yield Label(text(language, "manager.dates_from"))
            yield Input(placeholder=self.current.start.isoformat(), id="from", max_length=10)
            yield Label(text(language, "manager.dates_to"))
            yield Input(placeholder=self.current.end.isoformat(), id="to", max_length=10)
            yield Static("", id="problem", classes="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#from", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        dates: list[date] = []
        for field in ("#from", "#to"):
            box = self.query_one(field, Input)
            try:
                dates.append(date.fromisoformat(box.value.strip() or box.placeholder))
            except ValueError:
                self._problem(box, text(self.language, "manager.dates_bad", value=box.value))
                return
        try:
            period = Period.between(*dates)
        except PeriodError as error:
            field = "#from" if error.values.get("date") == dates[0].isoformat() else "#to"
            self._problem(self.query_one(field, Input), say(self.language, error))
            return
        self.dismiss(period)

    def _problem(self, box: Input, problem: str) -> None:
        self.query_one("#problem", Static).update(problem)
        self.set_focus(box)
