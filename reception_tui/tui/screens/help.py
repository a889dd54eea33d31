"""Every key of the desk on one page (F1, or ? when the search box is empty)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reception_tui.words import text


class HelpScreen(ModalScreen[None]):
    """A list of (keys, what they do), then how letters and moving work."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-height: 90%; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpScreen .keys { width: 18; color: $accent; text-style: bold; }
    HelpScreen .row { height: auto; layout: horizontal; }
    HelpScreen .what { width: 1fr; }
    HelpScreen .note { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape,enter,f1,question_mark", "app.pop_screen", show=False),
    ]

    def __init__(
        self,
        rows: Sequence[tuple[str, str]],
        language: str,
        notes: Sequence[str] = ("help.letters", "help.move"),
    ) -> None:
        """`notes` are the catalogue's keys of what is said under the keys."""
        super().__init__()
        self.rows = rows
        self.language = language
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = text(self.language, "help.title")
            scroll.border_subtitle = text(self.language, "help.close")
            for keys, what in self.rows:
                with Static(classes="row"):
                    yield Static(keys, classes="keys", markup=False)
                    yield Static(what, classes="what", markup=False)
            for note in self.notes:
                yield Static(text(self.language, note), classes="note", markup=False)
