"""The desk's text field: what it holds is drawn made printable, and its keys act in turn.

A control character can reach a field only by pasting (Textual types printable keys only), and
the forms refuse to save one, naming the field; until then it must not reach the terminal as
part of the field's own drawing either, so it is drawn as a space.
"""

from __future__ import annotations

from typing import Any

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events
from textual.widgets import Input

from reception_tui.domain.text import is_printable, printable
from reception_tui.tui.widgets.in_turn import run_own_binding


class _Printable(Highlighter):
    """Draws control characters as spaces; one character for one, so the cursor stays put."""

    def __call__(self, text: str | Text) -> Text:
        # The Input makes a new Text for every drawing, so it is changed in place.
        shown = Text(text) if isinstance(text, str) else text
        if not is_printable(shown.plain):
            shown.plain = printable(shown.plain)
        return shown

    def highlight(self, text: Text) -> None:
        pass


class TextInput(Input):
    """An Input that never draws a control character, and whose editing keys act in the order
    they were pressed, also in a burst (`in_turn`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("highlighter", _Printable())
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        # Textual then calls Input's own `_on_key` (typing), unless a binding ran here.
        await run_own_binding(self, event)
