"""Choosing a colleague by name, or typing a phone number or an extension instead.

`ColleaguePicker` is an input with a small list of suggestions under it. Typing asks
`find_colleagues` (fast, in memory) for the best matches; Down/Up move in the list, Enter (or a
click) takes the highlighted colleague (the field then shows "Name (ext)" and the id is kept),
Esc closes the list. Tab always moves on to the next field without taking a suggestion, so it
goes to the same place whether the list had opened yet or not; an untaken name is then shown
as an error under the field. With `allow_number`, a phone number or extension typed instead is
checked as you type (`check_number`, which the form may give its own rule) and kept
normalised. Every change is announced with `ColleaguePicker.Changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reception_tui.domain.phones import PhoneError, normalise_number_or_extension
from reception_tui.domain.records import EmployeeRecord
from reception_tui.domain.redirects import looks_like_number
from reception_tui.domain.text import printable
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text

MAX_SUGGESTIONS = 6


class NumberRefused(ValueError):
    """Typed digits that the field does not take; the message says why, in the desk's words."""


def colleague_label(employee: EmployeeRecord) -> str:
    """How a chosen colleague is shown in the field: "Lars Lind (2104)"."""
    name = printable(employee.name)
    return f"{name} ({employee.extension})" if employee.extension else name


class _Suggestions(OptionList, can_focus=False):
    """The suggestion list: driven from the input by keyboard, clickable with the mouse."""


class ColleaguePicker(Widget):
    """An input that picks a colleague from suggestions, or takes a phone number/extension."""

    DEFAULT_CSS = """
    ColleaguePicker {
        width: 1fr;
        height: auto;
    }
    ColleaguePicker > Input {
        width: 1fr;
    }
    ColleaguePicker > .suggestions {
        display: none;
        height: auto;
        max-height: 6;
        background: $surface;
    }
    ColleaguePicker > .suggestions > .option-list--option-highlighted {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    ColleaguePicker.-open > .suggestions {
        display: block;
    }
    ColleaguePicker > .error {
        display: none;
        color: $error;
    }
    ColleaguePicker.-error > .error {
        display: block;
    }
    ColleaguePicker.-open > .error, ColleaguePicker:disabled > .error {
        display: none;
    }
    """

    BINDINGS = [
        Binding("down", "cursor_down", "Next suggestion", show=False),
        Binding("up", "cursor_up", "Previous suggestion", show=False),
        Binding("escape", "close", "Close suggestions", show=False),
    ]

    class Changed(Message):
        """The chosen colleague, the typed number or the error changed."""

        def __init__(
            self,
            picker: ColleaguePicker,
            selected_id: int | None,
            number: str | None,
            error: str | None,
        ) -> None:
            super().__init__()
            self.picker = picker
            self.selected_id = selected_id
            self.number = number
            self.error = error

        @property
        def control(self) -> ColleaguePicker:
            return self.picker

    def __init__(
        self,
        find_colleagues: Callable[[str], Sequence[EmployeeRecord]],
        *,
        allow_number: bool,
        check_number: Callable[[str], str] | None = None,
        placeholder: str,
        language: str,
        max_suggestions: int = MAX_SUGGESTIONS,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.find_colleagues = find_colleagues
        self.allow_number = allow_number
        self.check_number = check_number or self._any_number
        self.placeholder = placeholder
        self.language = language
        self.max_suggestions = max_suggestions
        self._selected: EmployeeRecord | None = None
        self._matches: dict[str, EmployeeRecord] = {}
        self._number: str | None = None
        self._error: str | None = None
        self._input = TextInput(placeholder=placeholder, compact=True)
        self._list = _Suggestions(compact=True, markup=False, classes="suggestions")
        self._error_line = Static("", markup=False, classes="error")

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._list
        yield self._error_line

    # --- What was picked ----------------------------------------------------------------------

    @property
    def selected(self) -> EmployeeRecord | None:
        """The chosen colleague, or None."""
        return self._selected

    @property
    def selected_id(self) -> int | None:
        return None if self._selected is None else self._selected.id

    @property
    def number(self) -> str | None:
        """A typed number, normalised (E.164, or the digits of an extension); else None."""
        return self._number

    @property
    def error(self) -> str | None:
        """Why the typed text is neither a chosen colleague nor a valid number; else None."""
        return self._error

    @property
    def value(self) -> str:
        """The text in the field."""
        return self._input.value

    @property
    def input(self) -> Input:
        return self._input

    @property
    def is_open(self) -> bool:
        """Whether the suggestion list is showing (Enter and Tab then take a suggestion)."""
        return self.has_class("-open")

    # --- Setting it from outside --------------------------------------------------------------

    def select(self, employee: EmployeeRecord) -> None:
        """Choose `employee`: the field shows "Name (ext)" and the id is kept."""
        self._selected = employee
        self._number = None
        self._error = None
        self._matches = {}
        self._list.clear_options()
        label = colleague_label(employee)
        self._input.value = label
        self._input.cursor_position = len(label)
        self._sync(open_=False)
        self._announce()

    def set_text(self, text: str) -> None:
        """Put `text` in the field as if typed (a number, say); suggestions stay closed."""
        self._selected = None
        self._input.value = text
        self._evaluate(text, open_=False)
        self._announce()

    def clear(self) -> None:
        self.set_text("")

    def focus(self, scroll_visible: bool = True) -> ColleaguePicker:
        self._input.focus(scroll_visible)
        return self

    # --- Keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With the list closed these keys do what they do elsewhere (Esc: close the form), so the
        # bindings step aside.
        if action in ("cursor_down", "cursor_up", "close"):
            return self.is_open
        return True

    def action_cursor_down(self) -> None:
        self._list.action_cursor_down()

    def action_cursor_up(self) -> None:
        self._list.action_cursor_up()

    def action_accept(self) -> None:
        option = self._list.highlighted_option
        if option is not None and option.id in self._matches:
            self.select(self._matches[option.id])

    def action_close(self) -> None:
        self._sync(open_=False)

    # --- Events ----------------------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._input.value:
            return  # overtaken by a later change, which comes next
        if self._selected is not None and event.value == colleague_label(self._selected):
            return  # the echo of `select`
        self._selected = None
        self._evaluate(event.value, open_=self._input.has_focus)
        self._announce()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter takes the highlighted suggestion; with the list closed it goes on to the form.
        if self.is_open:
            event.stop()
            self.action_accept()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self._matches:
            self.select(self._matches[event.option.id])
        self._input.focus()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self._sync(open_=False)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if self._selected is None and self._matches:
            self._sync(open_=True)

    # --- Internals -------------------------------------------------------------------------------

    def _evaluate(self, typed: str, *, open_: bool) -> None:
        wanted = typed.strip()
        found = list(self.find_colleagues(wanted))[: self.max_suggestions] if wanted else []
        self._matches = {str(employee.id): employee for employee in found}
        self._list.set_options(
            Option(self._suggestion(employee), id=str(employee.id)) for employee in found
        )
        if found:
            self._list.highlighted = 0
        self._number, self._error = None, None
        if not wanted:
            pass
        elif self.allow_number and looks_like_number(wanted):
            try:
                self._number = self.check_number(wanted)
            except NumberRefused as error:
                self._error = str(error)
        elif found:
            choose = "colleague.choose" if self.allow_number else "colleague.choose_no_number"
            self._error = text(self.language, choose)
        else:
            self._error = text(self.language, "colleague.no_match", text=repr(wanted))
        self._sync(open_=open_)

    def _any_number(self, typed: str) -> str:
        """Any valid phone number or extension-shaped digits, normalised."""
        try:
            return normalise_number_or_extension(typed)
        except PhoneError:
            refused = text(self.language, "colleague.not_number", text=typed)
            raise NumberRefused(refused) from None

    def _sync(self, *, open_: bool) -> None:
        self.set_class(open_ and bool(self._matches), "-open")
        self.set_class(self._error is not None, "-error")
        self._error_line.update(self._error or "")

    def _announce(self) -> None:
        self.post_message(self.Changed(self, self.selected_id, self._number, self._error))

    @staticmethod
    def _suggestion(employee: EmployeeRecord) -> Content:
        details = printable(" · ".join(p for p in (employee.unit_name, employee.title) if p))
        return Content.assemble(
            colleague_label(employee), ("  " + details, "dim") if details else ""
        )
