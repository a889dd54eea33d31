"""A table that draws only the rows in view, for grids of 100,000 rows and more.

Textual's `DataTable` measures every cell when it is refilled, which takes seconds at tens of
thousands of rows. `VirtualTable` keeps its rows in plain Python containers, gives every column
a fixed width, and draws each visible line on demand (`ScrollView` + `render_line`). Replacing
or filtering the shown rows therefore costs one pass over the keys and nothing more.

The table knows a set of rows by key (`set_rows`, `update_rows`, `remove_keys`) and shows some of
them in some order (`set_order`, the path a search box takes on every keystroke). Cells are plain
text, never parsed as markup: a cell "Per [vik]" shows exactly that. How a line is drawn, and
kept drawn, is in table_lines.py; here are the rows, their order, the cursor and the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView

from reception_tui.tui.widgets.cells import ELLIPSIS, Column, Row, column_widths, fit_cell
from reception_tui.tui.widgets.table_lines import STATE_CLASSES, TableLines

__all__ = ["ELLIPSIS", "Column", "Row", "VirtualTable", "column_widths", "fit_cell"]


class VirtualTable(TableLines, ScrollView, can_focus=True):
    """A keyboard-driven table with a row cursor, drawing only the lines in view.

    Line 0 is the header with the column labels; it stays in place while the rows scroll
    beneath it. Row `i` of the shown order is virtual line `i + 1`.
    """

    ALLOW_SELECT = False

    activates = True
    """Whether Enter on a row does something (offered in the footer); False hides it."""

    # The row count changes on every search keystroke. The table's own size never depends on
    # it, so a new virtual size only updates the scrollbars instead of laying out the screen.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            self._scroll_update(size)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="virtual_table.cursor_up"),
        Binding("down", "cursor_down", "Down", show=False, id="virtual_table.cursor_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="virtual_table.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="virtual_table.page_down"),
        Binding("home", "first_row", "First row", show=False, id="virtual_table.first_row"),
        Binding("end", "last_row", "Last row", show=False, id="virtual_table.last_row"),
        # Not in the footer: what Enter opens is the screen's own action, offered there.
        Binding("enter", "activate", show=False, id="virtual_table.activate"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        *STATE_CLASSES.values(),
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        & > .virtual-table--header {
            background: $panel;
            color: $foreground;
            text-style: bold;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-table--error { color: $error; }
        & > .virtual-table--warning { color: $warning; }
        & > .virtual-table--success { color: $success; }
        & > .virtual-table--muted { color: $text-muted; }
    }
    """

    @dataclass
    class CursorMoved(Message):
        """The row under the cursor changed (`key` is None when no row is shown)."""

        table: VirtualTable
        key: int | None

        @property
        def control(self) -> VirtualTable:
            return self.table

    @dataclass
    class RowActivated(Message):
        """Enter was pressed on a row, or the row under the cursor was clicked."""

        table: VirtualTable
        key: int

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._columns: tuple[Column, ...] = ()
        self._rows: dict[int, Row] = {}
        # With a row source (`set_source`), rows are built only when first drawn or asked for.
        self._row_for: Callable[[int], Row] | None = None
        self._order: list[int] = []
        self._positions: dict[int, int] | None = None  # key -> index in _order, built on demand
        self._cursor = -1  # index into _order; -1 only when nothing is shown
        self._announced: int | None = None  # the key last sent in CursorMoved
        self._start_lines()
        self.set_columns(columns)

    # ------------------------------------------------------------------ reading

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns, left to right."""
        return self._columns

    @property
    def row_count(self) -> int:
        """The number of rows shown."""
        return len(self._order)

    @property
    def shown_keys(self) -> Sequence[int]:
        """The keys of the shown rows, in order (do not modify)."""
        return self._order

    @property
    def cursor_index(self) -> int | None:
        """The position of the cursor among the shown rows, or None when nothing is shown."""
        return self._cursor if self._cursor >= 0 else None

    @property
    def cursor_key(self) -> int | None:
        """The key of the row under the cursor, or None when nothing is shown."""
        return self._order[self._cursor] if self._cursor >= 0 else None

    def get_row(self, key: int) -> Row | None:
        """A known row by key, shown or not."""
        row = self._rows.get(key)
        if row is None and self._row_for is not None:
            row = self._rows[key] = self._row_for(key)
        return row

    def index_of(self, key: int) -> int | None:
        """The position of a shown row, or None if the key is not shown."""
        positions = self._positions
        if positions is None:
            order = self._order
            positions = self._positions = dict(zip(order, range(len(order)), strict=True))
        return positions.get(key)

    # ------------------------------------------------------------------ changing

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Replace the columns (the rows keep their cells, matched by position)."""
        self._columns = tuple(columns)
        self._clear_render_caches()
        self._update_virtual_size()
        self.refresh()

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Make `rows` the rows the table knows, and show them in this order.

        Rows known before and not in `rows` are forgotten. The cursor stays on its row if that
        row is still shown, otherwise at the same position (clamped to the rows there are).
        """
        self._row_for = None
        self._rows = {row.key: row for row in rows}
        self._apply_order(list(self._rows))  # a repeated key is shown once, at its first place

    def set_source(self, keys: Sequence[int], row_for: Callable[[int], Row]) -> None:
        """Show `keys`, building each row with `row_for` only when it is first needed.

        For large tables: nothing is built for rows that never scroll into view, and every key
        passed to `set_order` is trusted to be one `row_for` can build.
        """
        self._row_for = row_for
        self._rows = {}
        self._line_cache.clear()
        self._apply_order(list(keys))

    def refresh_keys(self, keys: Iterable[int]) -> None:
        """Rows built by the row source are stale: rebuild them when next drawn."""
        changed = set(keys)
        for key in changed:
            self._rows.pop(key, None)
        self._refresh_shown(changed)

    def refresh_all(self) -> None:
        """Every row built by the row source is stale (a new day, a new language)."""
        self._rows.clear()
        self._line_cache.clear()
        self.refresh()

    def set_order(self, keys: Sequence[int], *, lost_cursor_to_top: bool = False) -> None:
        """Show the known rows with these keys, in this order (keys the table does not know
        are skipped; keys should not repeat).

        This is the path for filtering and sorting: one pass over `keys`, no row is measured or
        drawn until it scrolls into view. The cursor follows its row as in `set_rows`; with
        `lost_cursor_to_top`, a cursor whose row is no longer shown goes to the first row.
        """
        if self._row_for is not None:
            order = list(keys)
        else:
            rows = self._rows
            order = [key for key in keys if key in rows]
        self._apply_order(order, lost_cursor_to_top=lost_cursor_to_top)

    def update_rows(self, rows: Iterable[Row]) -> None:
        """Replace known rows by key, or add them to the known rows, without changing what is
        shown or in what order. Only the changed rows that are in view are redrawn."""
        known = self._rows
        changed: set[int] = set()
        for row in rows:
            known[row.key] = row
            changed.add(row.key)
        self._refresh_shown(changed)

    def _refresh_shown(self, changed: set[int]) -> None:
        """Redraw the lines of the changed rows that are in view."""
        if not changed or not self._order:
            return
        top = int(self.scroll_offset.y)
        height = max(0, self.size.height - 1)
        for index, key in enumerate(self._order[top : top + height], start=top):
            if key in changed:
                self._refresh_index(index)

    def remove_keys(self, keys: Iterable[int]) -> None:
        """Forget the rows with these keys and stop showing them."""
        removed = set(keys)
        for key in removed:
            self._rows.pop(key, None)
        if any(key in removed for key in self._order):
            self._apply_order([key for key in self._order if key not in removed])

    def clear(self) -> None:
        """Forget all rows."""
        self.set_rows(())

    def move_cursor_to_key(self, key: int) -> bool:
        """Put the cursor on the row with this key and scroll it into view.

        Returns:
            True if the row is shown (and now under the cursor), False otherwise.
        """
        index = self.index_of(key)
        if index is None:
            return False
        self._move_cursor(index)
        return True

    # ------------------------------------------------------------------ actions

    def action_cursor_up(self) -> None:
        self._move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        page = self._page_height()
        self.scroll_to(y=self.scroll_y - page, animate=False)
        self._move_cursor(self._cursor - page)

    def action_page_down(self) -> None:
        page = self._page_height()
        self.scroll_to(y=self.scroll_y + page, animate=False)
        self._move_cursor(self._cursor + page)

    def action_first_row(self) -> None:
        self._move_cursor(0)

    def action_last_row(self) -> None:
        self._move_cursor(len(self._order) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.activates or action != "activate"

    def action_activate(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowActivated(self, key))

    # ------------------------------------------------------------------ events

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.scroll_offset.y + offset.y - 1
        if not 0 <= index < len(self._order):
            return
        event.stop()
        if index == self._cursor:
            self.action_activate()
        else:
            self._move_cursor(index)

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_cursor_into_view()

    # ------------------------------------------------------------------ cursor and scrolling

    def _apply_order(self, order: list[int], *, lost_cursor_to_top: bool = False) -> None:
        old_key = self.cursor_key
        old_index = 0 if lost_cursor_to_top else self._cursor
        old_cursor, old_shown = self._cursor, self._in_view()
        self._order = order
        self._positions = None
        self._update_virtual_size()
        index = -1
        if old_key is not None:
            try:
                index = order.index(old_key)
            except ValueError:
                index = old_index
        self._cursor = -1 if not order else min(max(index, 0), len(order) - 1)
        self._refresh_moved(old_shown, old_cursor)
        self._scroll_cursor_into_view()
        self._announce_cursor()

    def _in_view(self) -> list[int]:
        """The keys of the rows on the lines in view, top to bottom."""
        top = int(self.scroll_offset.y)
        return self._order[top : top + max(0, self.size.height - 1)]

    def _refresh_moved(self, old_shown: list[int], old_cursor: int) -> None:
        """After a new order: redraw only the lines whose row or cursor changed. A search
        often keeps its best matches on top, and every line redrawn costs in each frame."""
        if not self.is_mounted or not self.size:
            self.refresh()
            return
        top = int(self.scroll_offset.y)
        shown = self._in_view()
        for line in range(max(len(old_shown), len(shown))):
            index = top + line
            same = line < len(old_shown) and line < len(shown) and old_shown[line] == shown[line]
            if not same or (index in (old_cursor, self._cursor) and old_cursor != self._cursor):
                self._refresh_index(index)

    def _move_cursor(self, index: int) -> None:
        count = len(self._order)
        if count == 0:
            return
        index = min(max(index, 0), count - 1)
        if index != self._cursor:
            old = self._cursor
            self._cursor = index
            self._refresh_index(old)
            self._refresh_index(index)
        self._scroll_cursor_into_view()
        self._announce_cursor()

    def _announce_cursor(self) -> None:
        key = self.cursor_key
        if key != self._announced:
            self._announced = key
            self.post_message(self.CursorMoved(self, key))

    def _refresh_index(self, index: int) -> None:
        """Redraw the line of the shown row at `index`, if it is in view."""
        if index < 0:
            return
        y = index + 1 - self.scroll_offset.y
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_cursor_into_view(self) -> None:
        if self._cursor < 0 or not self.is_mounted or not self.size:
            return
        self.scroll_to_region(
            Region(self.scroll_offset.x, self._cursor + 1, 1, 1),
            spacing=Spacing(1, 0, 0, 0),  # the header covers the top line
            animate=False,
            force=True,
            x_axis=False,
            immediate=True,
        )

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _update_virtual_size(self) -> None:
        widths = [column.shrinks_to for column in self._columns]
        self.virtual_size = Size(sum(widths) + len(widths) + 1, len(self._order) + 1)
