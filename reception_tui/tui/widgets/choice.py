"""Pick one of a few in a form: the outcome of a callback, the channel of a message.

A digit picks the option with that number and the focus stays on the list (only Tab moves
on); arrows and a click move the choice too; Enter submits. Text typed on the list is never
lost: a list with a text field beside it (the attempt's note) hands every other printable key,
and a paste, to that field and moves the focus there; a list without one refuses the key
audibly and says so (`ChoiceList.Refused`), so the form can say how to pick.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reception_tui.tui.widgets.in_turn import run_own_binding

DIGITS = "123456789"


def _is_digit(character: str | None) -> bool:
    return character is not None and len(character) == 1 and character in DIGITS


class ChoiceList(OptionList):
    """Pick one of a few: the highlighted option is the choice, marked with a dot.

    `text_field` is the id of the text field that takes what is typed on the list (see the
    module docstring); None refuses it. A plain OptionList would also select on a click.
    """

    BINDINGS = [Binding("enter", "submit", "Submit", show=False)]

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
    }
    """

    class Submitted(Message):
        """Enter was pressed on the list."""

        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class Refused(Message):
        """A key that is neither a pick nor text the list could hand on was typed on it."""

        def __init__(self, choice_list: ChoiceList, character: str) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.character = character

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        labels: Sequence[str],
        *,
        selected: int | None = 0,
        numbered: bool = False,
        text_field: str | None = None,
        id: str | None = None,
    ) -> None:
        self._labels = tuple(labels)
        self._numbered = numbered
        self._text_field = text_field
        super().__init__(
            *(Option(self._prompt(index, selected)) for index in range(len(self._labels))),
            id=id,
            markup=False,
        )
        self.highlighted = selected

    @property
    def selected(self) -> int | None:
        """The index of the chosen option, None before anything is chosen."""
        return self.highlighted

    @property
    def numbers(self) -> str:
        """The digits that pick an option ("1234"); empty when the list is not numbered."""
        return DIGITS[: len(self._labels)] if self._numbered else ""

    def _prompt(self, index: int, selected: int | None) -> Content:
        mark = "●" if index == selected else "○"
        number = f"{index + 1} " if self._numbered else ""
        return Content(f"{mark} {number}{self._labels[index]}")

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index in range(self.option_count):
            self.replace_option_prompt_at_index(index, self._prompt(index, highlighted))

    # ------------------------------------------------------------------ keys

    def _hands_on(self, event: events.Event) -> bool:
        """Whether `event` is text for the text field rather than a key for the list."""
        if isinstance(event, events.Paste):
            return bool(event.text)
        if not isinstance(event, events.Key) or not event.is_printable:
            return False
        return not (self._numbered and _is_digit(event.character))

    def _forward_event(self, event: events.Event) -> None:
        # The app hands a key to the focused widget here, the moment it arrives and before the
        # next key is handed out. Moving the focus now, not when the list gets round to the key,
        # is what sends the rest of a burst or a fast typist's keys after it into the field.
        target = self._text_target()
        if target is not None and self._hands_on(event):
            self.screen.set_focus(target)
            target._forward_event(event)
            return
        super()._forward_event(event)

    def _text_target(self) -> Widget | None:
        if self._text_field is None:
            return None
        found = self.screen.query(f"#{self._text_field}")
        target = found.first() if found else None
        return target if target is not None and target.focusable else None

    async def on_key(self, event: events.Key) -> None:
        # Arrows and Enter in turn with the digits ("down", "2" in one burst is 2).
        if await run_own_binding(self, event):
            return
        character = event.character or ""
        if self._numbered and _is_digit(character):
            event.stop()
            event.prevent_default()
            if character in self.numbers:
                self.highlighted = DIGITS.index(character)
            else:
                self.app.bell()
        elif event.is_printable:
            # Only a list without a text field gets here (see `_forward_event`).
            event.stop()
            event.prevent_default()
            self.app.bell()
            self.post_message(self.Refused(self, character))

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        if event.text:
            self.app.bell()
            self.post_message(self.Refused(self, event.text))

    def on_click(self, event: Click) -> None:
        # A click chooses; only Enter submits.
        clicked = event.style.meta.get("option")
        if clicked is not None:
            event.prevent_default()
            self.highlighted = clicked
            self.focus()

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))
