"""How a `VirtualTable` draws its lines: the header, and each row in its cursor state.

Textual asks for every line in view on every frame (`render_line`), so a drawn line is kept
(by row and state) until the row object, the width or the theme changes; a style string's
theme words ("error", "muted") are resolved once.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from rich.errors import StyleSyntaxError
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reception_tui.tui.widgets.cells import Column, Row, build_strip, column_widths

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView as _Widget
else:
    _Widget = object

STATE_CLASSES = {
    "error": "virtual-table--error",
    "warning": "virtual-table--warning",
    "success": "virtual-table--success",
    "muted": "virtual-table--muted",
}
"""Style words that take their colour from the theme, through a component class."""

_NORMAL, _CURSOR, _CURSOR_BLURRED = 0, 1, 2


class TableLines(_Widget):
    """The drawing half of `VirtualTable`, mixed in ahead of its `ScrollView`: it reads the
    table's columns, shown order and cursor, and keeps the caches of what it drew."""

    # The table's, read here.
    _columns: tuple[Column, ...]
    _order: list[int]
    _cursor: int

    if TYPE_CHECKING:

        def get_row(self, key: int) -> Row | None: ...

    def _start_lines(self) -> None:
        self._line_cache: LRUCache[tuple[int, int], tuple[Row, Strip, Style]] = LRUCache(1024)
        self._header: tuple[Strip, Style] | None = None
        self._cache_token: tuple[int, Style] | None = None
        self._widths: list[int] = []
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._clear_render_caches()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.visual_style.rich_style
        view_width = self.scrollable_size.width  # without the vertical scrollbar
        if self._cache_token != (view_width, base):
            self._clear_render_caches()
            self._cache_token = (view_width, base)
            self._widths = self._column_widths(view_width)
        if y == 0:
            strip, fill = self._header_strip(base)
        else:
            index = scroll_y + y - 1
            if not 0 <= index < len(self._order):
                return Strip.blank(width, base)
            row = self.get_row(self._order[index])
            if row is None:
                return Strip.blank(width, base)
            if index != self._cursor:
                state = _NORMAL
            else:
                state = _CURSOR if self.has_focus else _CURSOR_BLURRED
            strip, fill = self._row_strip(row, state, base)
        return strip.crop_extend(scroll_x, scroll_x + width, fill)

    def _header_strip(self, base: Style) -> tuple[Strip, Style]:
        if self._header is None:
            style = base + self.get_component_rich_style("virtual-table--header")
            labels = [column.label for column in self._columns]
            self._header = (build_strip(self._widths, labels, style, None), style)
        return self._header

    def _row_strip(self, row: Row, state: int, base: Style) -> tuple[Strip, Style]:
        cache_key = (row.key, state)
        cached = self._line_cache.get(cache_key)
        if cached is not None and cached[0] is row:
            return cached[1], cached[2]
        line_style = base + self._style(row.row_style) if row.row_style else base
        cursor = None
        if state != _NORMAL:
            cursor = self.get_component_rich_style("virtual-table--cursor")
        fill = line_style + cursor if cursor is not None else line_style
        cell_styles: list[Style] | None = None
        if row.styles:
            style_of = self._style
            cell_styles = [
                line_style + style_of(name) if name else line_style for name in row.styles
            ]
            if cursor is not None:
                cell_styles = [style + cursor for style in cell_styles]
        strip = build_strip(self._widths, row.cells, fill, cell_styles)
        self._line_cache.set(cache_key, (row, strip, fill))
        return strip, fill

    def _style(self, spec: str) -> Style:
        """The Rich style for a style string, with the theme words resolved (cached)."""
        style = self._styles.get(spec)
        if style is None:
            style = Style()
            rest: list[str] = []
            for word in spec.split():
                component = STATE_CLASSES.get(word)
                if component is None:
                    rest.append(word)
                else:
                    style += self.get_component_rich_style(component)
            if rest:
                with suppress(StyleSyntaxError):  # a bad style string draws unstyled
                    style += Style.parse(" ".join(rest))
            self._styles[spec] = style
        return style

    def _column_widths(self, view_width: int) -> list[int]:
        return column_widths(self._columns, view_width - len(self._columns) - 1)

    def _clear_render_caches(self) -> None:
        self._line_cache.clear()
        self._header = None
        self._cache_token = None
        self._styles.clear()
