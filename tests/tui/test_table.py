"""The virtual table, driven through Textual's pilot: what it draws, where the cursor goes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import App, ComposeResult
from textual.message import Message

from reception_tui.tui.widgets.table import Column, Row, VirtualTable, fit_cell

SIZE = (80, 20)
"""Terminal size of every test: one header line and 19 row lines."""

COLUMNS = (
    Column("name", "Namn", 24),
    Column("unit", "Enhet", 18),
    Column("ext", "Ankn", 6),
    Column("status", "Status", 12, flex=True),
)


def person(key: int, name: str | None = None, *, row_style: str = "") -> Row:
    return Row(
        key,
        (name or f"Person {key}", "Bygg och miljö", str(1000 + key), "Inne"),
        row_style=row_style,
    )


def people(count: int) -> list[Row]:
    return [person(key) for key in range(count)]


class TableApp(App[None]):
    """Hosts one table and records what it posts."""

    def __init__(self, rows: Sequence[Row] = ()) -> None:
        super().__init__()
        self.initial_rows = rows
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield VirtualTable(COLUMNS, id="table")

    def on_mount(self) -> None:
        self.table.set_rows(self.initial_rows)

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    def on_virtual_table_cursor_moved(self, message: VirtualTable.CursorMoved) -> None:
        self.messages.append(message)

    def on_virtual_table_row_activated(self, message: VirtualTable.RowActivated) -> None:
        self.messages.append(message)


def lines(table: VirtualTable) -> list[str]:
    """The text of every line the table draws now, header first."""
    return [table.render_line(y).text for y in range(table.size.height)]


def cursor_is_visible(table: VirtualTable) -> bool:
    index = table.cursor_index
    assert index is not None
    top = table.scroll_offset.y
    shown = table.scrollable_size.height - 1  # less the header
    return top <= index < top + shown and lines(table)[index - top + 1].startswith(
        f" Person {table.cursor_key} "
    )


# ------------------------------------------------------------------ cells


def test_fit_cell_pads_crops_and_counts_wide_characters() -> None:
    assert fit_cell("Åsa Öberg", 12) == "Åsa Öberg   "
    assert fit_cell("Åsa Öberg", 9) == "Åsa Öberg"
    assert fit_cell("Åsa Öberg", 6) == "Åsa Ö…"
    assert fit_cell("Åsa Öberg", 5) == "Åsa… "  # no space before the ellipsis
    assert fit_cell("日本語", 4) == "日… "  # two cells per character
    assert fit_cell("rad\tett\nrad två", 20) == "rad ett rad två     "
    assert fit_cell("x", 1) == "x"
    assert fit_cell("xy", 1) == "…"
    assert fit_cell("xy", 0) == ""


# ------------------------------------------------------------------ drawing


async def test_shows_header_and_first_rows() -> None:
    app = TableApp(people(50))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        shown = lines(table)
        assert shown[0].split() == ["Namn", "Enhet", "Ankn", "Status"]
        assert shown[1].split() == ["Person", "0", "Bygg", "och", "miljö", "1000", "Inne"]
        assert shown[19].startswith(" Person 18 ")
        assert len(shown) == 20
        assert table.row_count == 50
        assert table.cursor_key == 0


async def test_cells_are_plain_text_never_markup() -> None:
    app = TableApp([person(1, "[bold]x[/]"), person(2, "Per [vik]")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = lines(app.table)
        assert shown[1].startswith(" [bold]x[/] ")
        assert shown[2].startswith(" Per [vik] ")


async def test_long_cell_is_cropped_with_an_ellipsis() -> None:
    name = "Anna-Karin Lindqvist Östergren"
    app = TableApp([person(1, name)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = lines(app.table)[1]
        assert line.startswith(" Anna-Karin Lindqvist Ös… Bygg och miljö ")
        assert name not in line


async def test_empty_table_draws_only_the_header() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        shown = lines(table)
        assert shown[0].split() == ["Namn", "Enhet", "Ankn", "Status"]
        assert all(not line.strip() for line in shown[1:])
        assert table.cursor_key is None
        assert table.cursor_index is None
        assert table.row_count == 0
        await pilot.press("down", "end", "enter")
        assert table.cursor_key is None
        assert not any(isinstance(m, VirtualTable.RowActivated) for m in app.messages)


async def test_update_rows_redraws_a_visible_row_and_keeps_the_order() -> None:
    app = TableApp(people(30))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        assert lines(table)[3].startswith(" Person 2 ")
        table.update_rows([person(2, "Greta Garbo"), person(99, "Ny person")])
        await pilot.pause()
        assert lines(table)[3].startswith(" Greta Garbo ")
        assert table.row_count == 30  # a new key is known but not shown
        assert table.get_row(99) == person(99, "Ny person")
        table.set_order([99, 2])
        await pilot.pause()
        assert [line[:12] for line in lines(table)[1:3]] == [" Ny person  ", " Greta Garbo"]


async def test_remove_keys_drops_rows_and_the_cursor_moves_to_the_next() -> None:
    app = TableApp(people(10))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        assert table.move_cursor_to_key(4)
        table.remove_keys([4, 7, 123])
        await pilot.pause()
        assert table.row_count == 8
        assert table.cursor_key == 5
        assert table.get_row(4) is None
        assert not table.move_cursor_to_key(7)


# ------------------------------------------------------------------ filtering


async def test_set_order_can_send_a_lost_cursor_to_the_first_row() -> None:
    app = TableApp(people(100))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        assert table.move_cursor_to_key(42)
        table.set_order([40, 41, 42, 43], lost_cursor_to_top=True)
        await pilot.pause()
        assert table.cursor_key == 42  # still shown: it stays
        table.set_order([7, 8, 9], lost_cursor_to_top=True)
        await pilot.pause()
        assert table.cursor_key == 7  # gone: the first row, not the same position


async def test_set_order_filters_and_keeps_the_cursor_on_its_row() -> None:
    app = TableApp(people(100))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        assert table.move_cursor_to_key(42)
        table.set_order([k for k in range(100) if k % 2 == 0])
        await pilot.pause()
        assert table.row_count == 50
        assert table.cursor_key == 42
        assert table.cursor_index == 21
        assert cursor_is_visible(table)

        table.set_order([1, 3, 5, 500])  # 42 gone; 500 is not a known row
        await pilot.pause()
        assert table.row_count == 3
        assert table.cursor_key == 5  # the same position, clamped to the rows there are
        assert [line[:10] for line in lines(table)[1:5]] == [
            " Person 1 ",
            " Person 3 ",
            " Person 5 ",
            " " * 10,
        ]

        table.set_order(range(100))
        await pilot.pause()
        assert table.cursor_key == 5
        moved = [m.key for m in app.messages if isinstance(m, VirtualTable.CursorMoved)]
        assert moved == [0, 42, 5]


async def test_hundred_thousand_rows_then_a_filter_of_fifty_thousand() -> None:
    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        table = app.table
        table.set_rows(people(100_000))
        await pilot.pause()
        assert table.row_count == 100_000
        await pilot.press("end")
        assert table.cursor_key == 99_999
        assert lines(table)[19].startswith(" Person 99999 ")

        table.set_order(range(0, 100_000, 2))
        await pilot.pause()
        assert table.row_count == 50_000
        assert table.cursor_key == 99_998  # 99,999 is gone: same position, clamped
        assert cursor_is_visible(table)
        assert table.virtual_size.height == 50_001
        assert table.index_of(50_000) == 25_000


# ------------------------------------------------------------------ cursor


async def test_cursor_keys_move_and_scroll_the_cursor_into_view() -> None:
    app = TableApp(people(100))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        assert table.has_focus
        await pilot.press("down", "down")
        assert table.cursor_key == 2
        assert table.scroll_offset.y == 0

        await pilot.press(*["down"] * 20)
        await pilot.pause()
        assert table.cursor_key == 22
        assert cursor_is_visible(table)
        assert lines(table)[19].startswith(" Person 22 ")  # the cursor is on the last line
        assert lines(table)[0].split()[0] == "Namn"  # and the header stays on top

        await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_key == 22 + 19  # a page is the 19 row lines
        assert cursor_is_visible(table)

        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_key == 99
        assert cursor_is_visible(table)
        assert lines(table)[19].startswith(" Person 99 ")

        await pilot.press("pageup", "up")
        await pilot.pause()
        assert table.cursor_key == 99 - 19 - 1
        assert cursor_is_visible(table)

        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_key == 0
        assert table.scroll_offset.y == 0


async def test_enter_posts_row_activated_with_the_key() -> None:
    app = TableApp(people(5))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        activated = [m for m in app.messages if isinstance(m, VirtualTable.RowActivated)]
        assert [m.key for m in activated] == [1]
        assert activated[0].control is app.table


async def test_click_selects_a_row_and_a_second_click_activates_it() -> None:
    app = TableApp(people(100))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.table
        table.scroll_to(y=10, animate=False)
        await pilot.pause()
        assert await pilot.click(VirtualTable, offset=(5, 4))  # line 4: the fourth row in view
        await pilot.pause()
        assert table.cursor_key == 13
        assert not any(isinstance(m, VirtualTable.RowActivated) for m in app.messages)

        await pilot.click(VirtualTable, offset=(5, 0))  # the header: nothing happens
        await pilot.click(VirtualTable, offset=(5, 4))
        await pilot.pause()
        assert table.cursor_key == 13
        activated = [m.key for m in app.messages if isinstance(m, VirtualTable.RowActivated)]
        assert activated == [13]


# ------------------------------------------------------------------ looks


SNAPSHOT_ROWS = (
    Row(1, ("Anna Berg", "Bygg och miljö", "1234", "Inne")),
    Row(2, ("Lars Öberg", "Bygg och miljö", "1235", "Lunch till 13:00")),
    Row(
        3,
        ("Per [vik] Ek", "Socialtjänst", "1300", "Sjuk"),
        styles=("", "", "", "bold"),
        row_style="error",
    ),
    Row(4, ("Karin Sjöström-Lindqvist Andersson", "Kultur och fritid", "1400", "Inne")),
    Row(5, ("Olle Ek", "Kommunledning", "1500", "Möte"), row_style="muted"),
)


def test_snapshot_with_cursor_and_an_error_row(snap_compare: Callable[..., bool]) -> None:
    assert snap_compare(TableApp(SNAPSHOT_ROWS), terminal_size=SIZE, press=["down"])
