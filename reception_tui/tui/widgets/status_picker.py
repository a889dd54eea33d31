"""Picking a status: a field whose letters filter the list under it, and a digit 1-9 that
picks at once.

`StatusPicker` is the status row of the redirect form, with the list of statuses and a line
for what is wrong under it. Letters filter the list (label start first, then word start, then
anywhere) and the best match becomes the chosen status; a digit picks the status with that
number and empties the filter; Up and Down move through the list shown; a click picks too. The
focus stays in the field throughout (only Tab moves on). Each choice is told at once to the
`chosen` callback, not by a message: a Tab that comes in the same burst then finds the fields
after it already set for the new status.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.errors import StyleSyntaxError
from rich.style import Style as RichStyle
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reception_tui.domain.presence import StatusCode
from reception_tui.domain.text import fold
from reception_tui.tui.widgets.choice import DIGITS
from reception_tui.tui.widgets.text_input import TextInput
from reception_tui.words import text


def status_style(colour: str) -> Style | None:
    """A status colour from the settings (a Rich style string) as a Textual style."""
    try:
        return Style.from_rich_style(RichStyle.parse(colour))
    except StyleSyntaxError:
        return None


def status_content(status: StatusCode, language: str) -> Content:
    """The status label in its colour; the label is data, never read as markup."""
    return Content.styled(status.label(language), status_style(status.colour) or "")


def matching(statuses: Sequence[StatusCode], query: str, language: str) -> list[StatusCode]:
    """Statuses whose label matches `query`: label start, then word start, then anywhere."""
    wanted = fold(query.strip())
    ranked: list[tuple[int, int, StatusCode]] = []
    for index, status in enumerate(statuses):
        label = fold(status.label(language))
        if label.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in label.split()):
            rank = 1
        elif wanted in label:
            rank = 2
        else:
            continue
        ranked.append((rank, index, status))
    return [status for _, _, status in sorted(ranked, key=lambda item: item[:2])]


class _StatusFilter(TextInput):
    """The field: letters filter the status list, a digit picks a status at once."""

    BINDINGS = [
        Binding("down", "move(1)", "Next status", show=False),
        Binding("up", "move(-1)", "Previous status", show=False),
    ]

    def __init__(self, picker: StatusPicker, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._picker = picker

    async def _on_key(self, event: events.Key) -> None:
        # Handled here, in turn with the letters before it ("lu3" is Möte, typed fast or
        # slow); a digit never moves the focus, so it need not act before later keys arrive.
        if event.character is not None and len(event.character) == 1 and event.character in DIGITS:
            event.stop()
            event.prevent_default()
            self._picker.quick_pick(int(event.character))
        # Otherwise Textual goes on to TextInput's and Input's own `_on_key`.

    def action_move(self, step: int) -> None:
        self._picker.move(step)


class _StatusList(OptionList, can_focus=False):
    """Driven from the filter field by keyboard; clickable with the mouse."""


class StatusPicker(Widget):
    """The status field with its list; `status` is the chosen one (None while nothing is)."""

    DEFAULT_CSS = """
    StatusPicker {
        width: 1fr;
        height: auto;
    }
    StatusPicker > #status-list {
        height: 10;
        background: $panel;
    }
    StatusPicker > #status-list > .option-list--option-highlighted {
        background: $block-cursor-background;
        text-style: bold;
    }
    StatusPicker > #status-error {
        color: $error;
    }
    """

    def __init__(
        self,
        statuses: Sequence[StatusCode],
        *,
        language: str,
        chosen: Callable[[StatusCode | None], None],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.statuses = tuple(statuses)
        self.language = language
        self._chosen = chosen
        self._by_code = {status.code: status for status in self.statuses}
        self._status: StatusCode | None = None
        self._shown: list[StatusCode] = list(self.statuses)
        self._filter = _StatusFilter(
            self,
            placeholder=text(language, "redirect.status_placeholder"),
            compact=True,
            id="status-filter",
        )
        self._list = _StatusList(compact=True, markup=False, id="status-list", classes="below")
        # A fixed height, so that filtering never makes the dialog jump.
        self._list.styles.height = max(1, min(len(self.statuses), 10))
        self._error = Static("", markup=False, id="status-error", classes="below")
        self._error.display = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row", id="status-row"):
            yield Label(text(self.language, "col.status"), markup=False)
            yield self._filter
        yield self._list
        yield self._error

    @property
    def status(self) -> StatusCode | None:
        return self._status

    def focus(self, scroll_visible: bool = True) -> StatusPicker:
        self._filter.focus(scroll_visible)
        return self

    def show_error(self, error: str | None) -> None:
        """Say under the list what is wrong (None: nothing)."""
        self._error.update(error or "")
        self._error.display = error is not None

    # --- Choosing -----------------------------------------------------------------------------

    def start(self, status: StatusCode | None) -> None:
        """Show every status, with `status` chosen (the form's first state)."""
        self._shown = list(self.statuses)
        self._fill_list()
        self._choose(status)

    def quick_pick(self, number: int) -> None:
        """Choose the status numbered `number`; a bell when there is none."""
        if number > len(self.statuses):
            self.app.bell()
            return
        self._pick(self.statuses[number - 1])

    def move(self, step: int) -> None:
        """Choose the next (1) or previous (-1) status in the list shown, going round."""
        if not self._shown:
            return
        if self._status in self._shown:
            index = (self._shown.index(self._status) + step) % len(self._shown)
        else:
            index = 0 if step > 0 else len(self._shown) - 1
        self._choose(self._shown[index])

    def _pick(self, status: StatusCode) -> None:
        """Choose `status` from the whole list; the focus stays (Tab moves on)."""
        self._filter.value = ""
        self._shown = list(self.statuses)
        self._choose(status)
        self._fill_list()

    def _choose(self, status: StatusCode | None) -> None:
        self._status = status
        self._highlight()
        if status is not None:
            self.show_error(None)
        self._chosen(status)

    @on(Input.Changed, "#status-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self._filter.value:
            # Overtaken: a digit typed since picked a status and emptied the field ("lu3"
            # in one burst is Möte, not Lunch); the change it made comes next.
            return
        query = event.value.strip()
        if not query:
            self._shown = list(self.statuses)
            self._fill_list()
            self.show_error(None)
            return
        self._shown = matching(self.statuses, query, self.language)
        self._fill_list()
        if self._shown:
            self._choose(self._shown[0])
        else:
            self._choose(None)
            self.show_error(text(self.language, "redirect.no_status_match", text=repr(query)))

    @on(OptionList.OptionSelected, "#status-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        status = self._by_code.get(event.option.id or "")
        if status is not None:
            self._pick(status)

    # --- The list -----------------------------------------------------------------------------

    def _option(self, status: StatusCode) -> Option:
        index = self.statuses.index(status)
        prefix = f"{index + 1} " if index < len(DIGITS) else "  "
        return Option(
            Content.assemble((prefix, "dim"), status_content(status, self.language)),
            id=status.code,
        )

    def _fill_list(self) -> None:
        self._list.set_options(self._option(status) for status in self._shown)
        self._highlight()

    def _highlight(self) -> None:
        if self._status is not None and self._status in self._shown:
            self._list.highlighted = self._shown.index(self._status)
        else:
            self._list.highlighted = None
