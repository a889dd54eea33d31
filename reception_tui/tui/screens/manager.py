"""The manager's screen: a unit's people and open inquiries on top, its follow-up below, with
the weekly share within the deadline beside the organisation's and when inquiries came in.

It draws what the app read (`ManagerRead`, then `FiguresRead`) and nothing else: it never
writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from reception_tui.actions import MANAGER_ACTIONS
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.desk import DeskModel
from reception_tui.domain.followup import Figures, UnitFollowUp, WeekShare
from reception_tui.domain.manager import in_reading_order, is_stale, working_days_old
from reception_tui.domain.periods import Period
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.records import Channel, EmployeeRecord, InquiryRecord
from reception_tui.domain.text import printable
from reception_tui.report import MEASURES, NONE, period_words, shown_measure, shown_share
from reception_tui.tui import columns
from reception_tui.tui.columns import ColumnSpec, Shown
from reception_tui.tui.messages import FiguresRead, ManagerRead, OrganisationRead
from reception_tui.tui.widgets.table import Row, VirtualTable
from reception_tui.words import text
from reception_tui.words.dates import weekday_short
from reception_tui.words.labels import channel_label
from reception_tui.words.numbers import shown_count

_SHADES = " ░▒▓█"
_DAY_WIDTH = 4
_BLOCKS = " ▁▂▃▄▅▆▇█"


def _away_for(shown: Shown, employee: EmployeeRecord) -> str:
    since = employee.presence.set_at
    if since is None or not shown.model.is_away(employee):
        return ""
    minutes = max(int((shown.now - since).total_seconds() // 60), 0)
    if minutes < 60:
        return text(shown.language, "manager.away_minutes", n=minutes)
    if minutes < 24 * 60:
        return text(shown.language, "manager.away_hours", n=minutes // 60)
    return text(shown.language, "manager.away_days", n=minutes // (24 * 60))


def _stale_style(shown: Shown, employee: EmployeeRecord) -> str:
    return "bold $error" if is_stale(employee, shown.now) else ""


_STAFF = {spec.key: spec for spec in columns.STAFF_COLUMNS}
_QUEUE = {spec.key: spec for spec in columns.QUEUE_COLUMNS}

# Narrower at least than on the desk: the screen holds the queue and the figures beside them.
PEOPLE_COLUMNS: tuple[ColumnSpec[EmployeeRecord], ...] = (
    replace(_STAFF["name"], least=12),
    _STAFF["status"],
    ColumnSpec("away_for", 6, _away_for),
    replace(_STAFF["return"], style=_stale_style),
    replace(_STAFF["redirect"], least=9),
)


class ManagerScreen(Screen[None]):
    """Draws one `ManagerRead`; the app reads, and says which scope and period are shown."""

    DEFAULT_CSS = """
    ManagerScreen #manager-header { height: 1; background: $panel; padding: 0 1; }
    ManagerScreen #top { height: 1fr; }
    ManagerScreen #bottom { height: 18; border-top: hkey $border-blurred; }
    ManagerScreen #people-pane { width: 52%; }
    ManagerScreen #open-pane, ManagerScreen #charts {
        width: 1fr; border-left: vkey $border-blurred;
    }
    ManagerScreen #figures-pane { width: 53%; }
    ManagerScreen #figures { height: 1fr; padding: 0 1 0 0; }
    ManagerScreen .title { height: 1; padding: 0 1; color: $text-muted; background: $boost; }
    ManagerScreen #people, ManagerScreen #open { height: 1fr; scrollbar-size-vertical: 1; }
    ManagerScreen #unit-chart { color: $accent; }
    ManagerScreen #org-chart { color: $text-muted; }
    ManagerScreen .line { height: 1; padding: 0 1; }
    """

    def __init__(
        self, language: str, statuses: Sequence[StatusCode], calendar: WorkingCalendar
    ) -> None:
        super().__init__()
        self.language = language
        self.model = DeskModel(statuses, calendar.tz)
        self.open_columns = open_columns(calendar)
        self._inquiries: dict[int, InquiryRecord] = {}
        self.read: ManagerRead | None = None
        self.figures_of: tuple[int, Period] | None = None  # (scope, period) of the figures
        self.now: datetime | None = None
        self.set_bindings()

    def set_bindings(self) -> None:
        """The manager's keys from the registry, in the screen's language, each with the id
        that `[keys]` remaps; they act on the app, which reads."""
        inherited = [binding for _, binding in self._bindings]
        bindings = [
            Binding(
                action.keys,
                f"app.{action.method.removeprefix('app.')}",
                text(self.language, f"action.{action.id}"),
                show=action.footer,
                id=action.id,
            )
            for action in MANAGER_ACTIONS
            if action.id != "quit"  # the app's
        ]
        self._bindings = BindingsMap([*inherited, *bindings])

    def compose(self) -> ComposeResult:
        language = self.language
        yield Static("", id="manager-header", markup=False)
        with Horizontal(id="top"):
            with Vertical(id="people-pane"):
                yield Static("", id="people-title", classes="title", markup=False)
                yield VirtualTable(columns.columns(PEOPLE_COLUMNS, language), id="people")
            with Vertical(id="open-pane"):
                yield Static("", id="open-title", classes="title", markup=False)
                yield VirtualTable(columns.columns(self.open_columns, language), id="open")
        with Horizontal(id="bottom"):
            with Vertical(id="figures-pane"):
                yield Static("", id="figures-title", classes="title", markup=False)
                yield Static("", id="figures")
            with Vertical(id="charts"):
                yield Static(text(language, "manager.chart"), classes="title", markup=False)
                yield Static("", id="unit-share", classes="line", markup=False)
                yield WeeklyChart(id="unit-chart")
                yield Static("", id="org-share", classes="line", markup=False)
                yield WeeklyChart(id="org-chart")
                yield Static("", id="heat-title", classes="line", markup=False)
                yield HeatMap(language, id="heat")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#people-title", Static).update(text(self.language, "manager.reading"))

    # ------------------------------------------------------------------ drawing

    def show_header(self, scope_name: str, period_name: str, now: datetime) -> None:
        self.now = now
        language = self.language
        clock = now.astimezone(self.model.tz).strftime("%H:%M")
        left = f"{text(language, 'manager.title')} · {printable(scope_name)} · {period_name}"
        header = Content.assemble(
            (left, "bold"), "  ", (text(language, "read_only"), "bold $warning"), "  ", clock
        )
        self.query_one("#manager-header", Static).update(header)

    def show(self, read: ManagerRead, now: datetime) -> None:
        """Draw everything `read` holds, as it stands at `now`."""
        self.read = read
        self.now = now
        model = self.model
        model.employees = {e.id: e for e in (*read.targets.values(), *read.people)}
        people = in_reading_order(read.people, model.is_away)
        self.query_one("#people", VirtualTable).set_source(
            [person.id for person in people], self._person_row
        )
        overdue_first = sorted(read.inquiries, key=lambda i: (not i.overdue(now), i.due_at, i.id))
        self._inquiries = {inquiry.id: inquiry for inquiry in read.inquiries}
        self.query_one("#open", VirtualTable).set_source(
            [inquiry.id for inquiry in overdue_first], self._inquiry_row
        )
        self._titles(read, now)
        if self.figures_of != (read.scope, read.period):
            # Other figures than these are shown: say they are being counted.
            counting = text(self.language, "manager.counting")
            for line in ("#unit-share", "#heat-title"):
                self.query_one(line, Static).update(counting)
            # Where the figures' table pads its own left edge.
            self.query_one("#figures", Static).update(Padding(counting, (0, 0, 0, 1)))
            self.query_one("#unit-chart", WeeklyChart).shares = ()
            self.query_one("#heat", HeatMap).counts = ()

    def show_figures(self, read: FiguresRead) -> None:
        """The follow-up and the heat map of the scope and period shown."""
        self.figures_of = (read.scope, read.period)
        row = read.follow_up
        self._figures(row)
        share = row.follow_up.total.share_within
        self._chart("#unit-share", "#unit-chart", row.name, share, row.weekly)
        # The whole organisation's chart is the one above: not drawn twice.
        for beside in self.query("#org-share, #org-chart"):
            beside.display = row.unit_id is not None
        self._heat(read.heat)

    def tick(self, now: datetime) -> None:
        """Once a minute: how long people have been away, and ages, move on."""
        self.now = now
        if self.read is not None:
            self.query_one("#people", VirtualTable).refresh_all()
            self.query_one("#open", VirtualTable).refresh_all()
            self._titles(self.read, now)

    def _shown(self) -> Shown:
        assert self.now is not None
        return Shown(self.model, self.now, self.model.tz, self.language)

    def _person_row(self, employee_id: int) -> Row:
        employee = self.model.employees[employee_id]
        shown = self._shown()
        style = "error" if is_stale(employee, shown.now) else ""
        return columns.row(PEOPLE_COLUMNS, shown, employee_id, employee, style)

    def _inquiry_row(self, inquiry_id: int) -> Row:
        inquiry = self._inquiries[inquiry_id]
        shown = self._shown()
        style = "error" if inquiry.overdue(shown.now) else ""
        return columns.row(self.open_columns, shown, inquiry_id, inquiry, style)

    def _titles(self, read: ManagerRead, now: datetime) -> None:
        language = self.language
        away = sum(1 for person in read.people if self.model.is_away(person))
        self.query_one("#people-title", Static).update(
            text(
                language,
                "manager.people",
                away=shown_count(away, language),
                total=shown_count(len(read.people), language),
            )
        )
        overdue = sum(1 for inquiry in read.inquiries if inquiry.overdue(now))
        self.query_one("#open-title", Static).update(
            text(
                language,
                "manager.open",
                open=shown_count(len(read.inquiries), language),
                overdue=shown_count(overdue, language),
            )
        )
        period = period_words(read.period, language)
        self.query_one("#figures-title", Static).update(
            text(language, "manager.figures", period=period)
        )

    def _figures(self, row: UnitFollowUp) -> None:
        """Every measure in a row, in total and by channel; times in office hours."""
        language = self.language
        table = Table(box=None, padding=(0, 0, 0, 1), show_edge=False, expand=False)
        table.add_column(text(language, "manager.office_hours"), style="dim", no_wrap=True)
        table.add_column(text(language, "manager.total"), justify="right", no_wrap=True)
        for channel in Channel:
            table.add_column(channel_label(channel, language), justify="right", no_wrap=True)
        follow_up = row.follow_up
        for measure in MEASURES:
            cells = [measure.short_header(language)]
            cells.append(shown_measure(measure, follow_up.total, language))
            for channel in Channel:
                figures: Figures | None = follow_up.by_channel.get(channel)
                cells.append(shown_measure(measure, figures, language) if figures else NONE)
            table.add_row(*(RichText(cell) for cell in cells))
        self.query_one("#figures", Static).update(table)

    def show_organisation(self, read: OrganisationRead) -> None:
        """The organisation's shares, beside the unit's."""
        self._chart("#org-share", "#org-chart", read.name, read.share, read.weekly)

    def _chart(
        self,
        line_id: str,
        chart_id: str,
        name: str,
        share: float | None,
        weekly: Sequence[WeekShare],
    ) -> None:
        shown = printable(name)
        if share is None:
            line = text(self.language, "manager.chart_none", name=shown)
        else:
            percent = shown_share(share, self.language)
            line = text(self.language, "manager.chart_share", name=shown, share=percent)
        self.query_one(line_id, Static).update(line)
        self.query_one(chart_id, WeeklyChart).shares = tuple(week.share for week in weekly)

    def _heat(self, heat: tuple[tuple[int, ...], ...]) -> None:
        count = sum(map(sum, heat))
        words = "manager.heat" if count else "manager.heat_none"
        shown = shown_count(count, self.language)
        self.query_one("#heat-title", Static).update(text(self.language, words, count=shown))
        self.query_one("#heat", HeatMap).counts = heat


def open_columns(calendar: WorkingCalendar) -> tuple[ColumnSpec[InquiryRecord], ...]:
    """The open inquiries' columns: age counts working days in `calendar`."""

    def age(shown: Shown, inquiry: InquiryRecord) -> str:
        days = working_days_old(calendar, inquiry.received_at, shown.now)
        return text(shown.language, "manager.age", n=days)

    return (
        replace(_QUEUE["for"], least=8),
        replace(_QUEUE["caller"], least=8),
        ColumnSpec("age", 5, age),
        _QUEUE["due"],
        ColumnSpec("channel", 7, lambda s, i: channel_label(i.channel, s.language)),
    )


class HeatMap(Widget):
    """Inquiries received by weekday (rows) and hour (columns), darker for more, office hours
    (7-17) always shown; each hour as wide as fits, up to three cells."""

    DEFAULT_CSS = "HeatMap { height: auto; padding: 0 1; color: $accent; }"

    counts: reactive[tuple[tuple[int, ...], ...]] = reactive((), layout=True)

    def __init__(self, language: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.language = language

    def render(self) -> Content:
        heat = self.counts
        hours = [hour for hour in range(24) if any(day[hour] for day in heat)]
        if not hours:
            return Content("")
        first, last = min(min(hours), 7), max(max(hours), 17)
        span = last - first + 1
        cell = max(1, min(3, (self.content_size.width - _DAY_WIDTH) // span))
        top = max(max(day) for day in heat)
        every = -(-3 // cell)  # an hour's label over every few hours, where it fits
        labels = "".join(
            f"{hour:<{cell * every}}" for hour in range(first, last + 1, every)
        ).rstrip()
        lines: list[Content | str] = [" " * _DAY_WIDTH + labels]
        for weekday, day in enumerate(heat):
            if weekday >= 5 and not any(day):
                continue  # a weekend nobody called on
            shades = "".join(
                _SHADES[-(-day[hour] * (len(_SHADES) - 1) // top)] * cell
                for hour in range(first, last + 1)
            )
            day_name = f"{weekday_short(self.language, weekday):<{_DAY_WIDTH}}"
            lines += ["\n", Content.styled(day_name, "$text"), shades]
        return Content.assemble(*lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + sum(1 for i, day in enumerate(self.counts) if i < 5 or any(day))


class WeeklyChart(Widget):
    """The weekly share within the deadline as bars, one column per week, as many of the last
    weeks as fit; 0 % at the bottom and 100 % at the top, two rows telling 16 steps. A week
    with nothing to measure is a gap, not a low bar (and a scale from the lowest week to the
    highest, as a sparkline has, would make 95 % against 100 % look like nothing against
    everything)."""

    DEFAULT_CSS = "WeeklyChart { height: 2; padding: 0 1; }"

    shares: reactive[tuple[float | None, ...]] = reactive(())

    def render(self) -> Content:
        shown = self.shares[-self.content_size.width :] if self.content_size.width else ()
        return weekly_bars(shown, self.content_size.height or 1)


def weekly_bars(shares: Sequence[float | None], rows: int) -> Content:
    """`rows` lines of bars for `shares` (0-1, None for a gap)."""
    steps = (len(_BLOCKS) - 1) * rows
    # A week measured at 0 % still shows its thinnest bar: only a week without any is a gap.
    levels = [None if share is None else max(1, round(share * steps)) for share in shares]
    lines = []
    for row in reversed(range(rows)):
        floor = row * (len(_BLOCKS) - 1)
        cells = "".join(
            " " if level is None else _BLOCKS[max(0, min(len(_BLOCKS) - 1, level - floor))]
            for level in levels
        )
        lines.append(cells)
    return Content("\n".join(lines))
