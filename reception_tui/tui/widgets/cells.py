"""The cells of a `VirtualTable`: columns with their width rule, rows of plain text, and how
text is fitted to a column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reception_tui.domain.text import printable

ELLIPSIS = "…"
"""Shown at the end of a cell whose text is wider than its column."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the width it wants in terminal cells, the least it shrinks to, and its share
    of space left over.

    When the columns do not fit, those that may shrink give up space in proportion to how much
    they can (down to `least`); beyond that the table scrolls sideways. Space left over when
    the widget is wider is shared among the columns by `grow` (`flex=True` means a share of 1),
    the remainder going to the first of them.
    """

    key: str
    label: str
    width: int
    flex: bool = False
    least: int | None = None
    grow: int = 0

    @property
    def shrinks_to(self) -> int:
        return max(0, self.width if self.least is None else min(self.least, self.width))

    @property
    def share(self) -> int:
        return self.grow or int(self.flex)


@dataclass(frozen=True, slots=True)
class Row:
    """One row: plain-text cells and optional styles.

    `styles` holds one style string per cell ("" for none) and `row_style` one for the whole
    row. A style string is a Rich style ("bold red", "dim italic") and may include the theme
    words "error", "warning", "success" and "muted" ("error bold").
    """

    key: int
    cells: tuple[str, ...]
    styles: tuple[str, ...] | None = None
    row_style: str = ""


def fit_cell(text: str, width: int) -> str:
    """Pad or crop `text` to exactly `width` terminal cells, ending a cropped text with "…"."""
    if width <= 0:
        return ""
    # Control characters (tabs and newlines among them) would break a line: shown as spaces.
    text = printable(text)
    size = cell_len(text)
    if size == width:
        return text
    if size < width:
        return text + " " * (width - size)
    if width == 1:
        return ELLIPSIS
    head = set_cell_size(text, width - 1).rstrip()
    return head + ELLIPSIS + " " * (width - 1 - cell_len(head))


def column_widths(columns: Sequence[Column], space: int) -> list[int]:
    """Each column's width when `space` cells are there for them (gaps not counted)."""
    widths = [max(0, column.width) for column in columns]
    spare = space - sum(widths)
    if spare < 0:
        room = [width - column.shrinks_to for width, column in zip(widths, columns, strict=True)]
        total = sum(room)
        if total > 0:
            cut = min(-spare, total)
            given = [room_i * cut // total for room_i in room]
            # What rounding left goes to the columns with the most room left, left to right.
            for index in sorted(range(len(room)), key=lambda i: given[i] - room[i])[
                : cut - sum(given)
            ]:
                given[index] += 1
            widths = [width - taken for width, taken in zip(widths, given, strict=True)]
        return widths
    shares = [column.share for column in columns]
    total = sum(shares)
    if total and spare:
        given = [share * spare // total for share in shares]
        first = next(index for index, share in enumerate(shares) if share)
        given[first] += spare - sum(given)
        widths = [width + extra for width, extra in zip(widths, given, strict=True)]
    return widths


def build_strip(
    widths: Sequence[int],
    cells: Sequence[str],
    style: Style,
    cell_styles: Sequence[Style] | None,
) -> Strip:
    """One space, then each cell fitted to its column and followed by one space.

    Neighbouring text in the same style is one segment: every segment costs again in each
    frame the compositor and the line filters make of the line.
    """
    segments: list[Segment] = []
    run: list[str] = [" "]
    run_style = style
    count = len(cells)
    styles = cell_styles or ()
    styled = len(styles)
    for index, width in enumerate(widths):
        text = fit_cell(cells[index], width) if index < count else " " * width
        cell_style = styles[index] if index < styled else style
        if cell_style != run_style:
            segments.append(Segment("".join(run), run_style))
            run, run_style = [], cell_style
        run.append(text)
        if run_style != style:
            segments.append(Segment("".join(run), run_style))
            run, run_style = [], style
        run.append(" ")
    segments.append(Segment("".join(run), run_style))
    return Strip(segments, sum(widths) + len(widths) + 1)
