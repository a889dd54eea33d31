"""On the first start, the receptionist's name: the greeting she answers with and the name on
every change she makes. It is kept in her own config.toml, so she is asked once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.tui.forms import Dialog
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text


class NameForm(Dialog[str | None]):
    """Dismisses with the name typed, or None (Esc: ask again next time)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, language: str, login: str) -> None:
        super().__init__()
        self.language = language
        self.login = login

    def compose(self) -> ComposeResult:
        t = self.language
        with Vertical(id="dialog") as box:
            box.border_title = text(t, "name.title")
            box.border_subtitle = text(t, "name.keys")
            yield Static(text(t, "name.why", login=self.login), markup=False)
            yield TextInput(
                placeholder=text(t, "name.placeholder"),
                max_length=MAX_LENGTH["actor"],
                id="name",
            )
            yield Static("", id="problem", classes="problem", markup=False)

    @on(Input.Submitted, "#name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        problem = self.control_character(event.value, text(self.language, "name.field"))
        if problem is None and not name:
            problem = text(self.language, "name.empty")
        if problem is not None:
            self.query_one("#problem", Static).update(problem)
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
