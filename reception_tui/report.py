"""The follow-up report written out: a table for the terminal, a CSV file for Excel, JSON for
scripts and one HTML page to print, all from a `Report` (reception_tui.domain.followup).

`render(report, fmt, language)` gives the bytes of one format; `FORMATS` names them. Each
measure of `Figures` is one entry of `MEASURES`, so every format shows the same measures in
the same order. Names come from outside: every format writes them through `printable`, and
the HTML page escapes them too.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from typing import Any, Literal

from babel.numbers import format_decimal, format_percent
from rich.cells import cell_len, set_cell_size

from reception_tui.domain.display import format_datetime
from reception_tui.domain.followup import Figures, Report, UnitFollowUp, WeekShare
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel
from reception_tui.domain.text import printable
from reception_tui.words import LANGUAGES, text
from reception_tui.words.dates import MONTHS
from reception_tui.words.labels import channel_label
from reception_tui.words.numbers import shown_count

NONE = "–"  # what a measure without a value shows (no inquiry to measure)


@dataclass(frozen=True, slots=True)
class Measure:
    """One measure of `Figures`: its attribute (also its JSON key), what kind of number it is,
    and its name in the catalogue (`report.column.<field>`)."""

    field: str
    kind: Literal["count", "share", "minutes"]

    def header(self, language: str, *, minutes: bool = False) -> str:
        """Its column's heading; a time says its unit: office hours, or minutes in the CSV."""
        name = text(language, f"report.column.{self.field}")
        if self.kind != "minutes":
            return name
        return text(language, "report.in_minutes" if minutes else "report.in_hours", measure=name)

    def short_header(self, language: str) -> str:
        """Its heading in the terminal's table and on the page, where a note above the table
        says what the times are in."""
        return text(language, f"report.short.{self.field}")


MEASURES: tuple[Measure, ...] = (
    Measure("received", "count"),
    Measure("answered", "count"),
    Measure("within", "count"),
    Measure("late", "count"),
    Measure("pending", "count"),
    Measure("share_within", "share"),
    Measure("first_attempt_median", "minutes"),
    Measure("first_attempt_p90", "minutes"),
    Measure("answer_median", "minutes"),
    Measure("answer_p90", "minutes"),
    Measure("still_open", "count"),
    Measure("overdue_now", "count"),
    Measure("with_attempts", "count"),
    Measure("share_reached_first", "share"),
)


# ------------------------------------------------------------------ numbers and words


def _locale(language: str) -> str:
    """Babel's locale for `language`: English for one the catalogue does not have, as `text`."""
    return language if language in LANGUAGES else "en"


def shown_share(share: float, language: str) -> str:
    """A share as a person reads it: "86 %"."""
    return format_percent(share, locale=_locale(language))


def shown_measure(measure: Measure, figures: Figures, language: str) -> str:
    """A measure as a person reads it: "12", "86 %", hours "1,5"; "–" when there is none."""
    value = getattr(figures, measure.field)
    if value is None:
        return NONE
    locale = _locale(language)
    if measure.kind == "share":
        return shown_share(value, language)
    if measure.kind == "minutes":
        return format_decimal(value / 60, format="#,##0.0", locale=locale)
    return shown_count(value, language)


def _day(day: date, language: str) -> str:
    """ "1 januari 2026" / "1 January 2026"."""
    months = MONTHS.get(language, MONTHS["en"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def period_words(period: Period, language: str) -> str:
    """ "1 januari 2026 – 31 december 2026"."""
    return text(
        language,
        "report.period",
        start=_day(period.start, language),
        end=_day(period.end, language),
    )


def _heading(report: Report, language: str, tz: tzinfo | None) -> tuple[str, str]:
    """The report's title and the line under it: its period and when it was made."""
    period = period_words(report.period, language)
    made = format_datetime(report.made_at, tz or report.made_at.tzinfo or UTC)
    return text(language, "report.title"), text(
        language, "report.period_made", period=period, made=made
    )


def _rows(report: Report) -> list[UnitFollowUp]:
    """The units in the report's order, then the whole organisation."""
    return [*report.units, report.organisation]


def _name(row: UnitFollowUp) -> str:
    return printable(row.name)


def _channels(row: UnitFollowUp) -> Iterator[tuple[Channel, Figures]]:
    """The channels the row had inquiries on, in the order the channels are declared."""
    for channel in Channel:
        if channel in row.follow_up.by_channel:
            yield channel, row.follow_up.by_channel[channel]


# ------------------------------------------------------------------ text

NAME_WIDTH = 40  # cells; a longer unit name is cut with an ellipsis
HEADER_WIDTH = 9  # a measure's heading is wrapped to lines of about this many cells


def render_text(report: Report, language: str, tz: tzinfo | None = None) -> bytes:
    """An aligned table for a terminal: the title, the period, then a row per unit and, under a
    rule, the whole organisation. Headings are short and wrap; a note above the table says the
    times are office hours (shown with one decimal)."""
    rows = _rows(report)
    names = [_fit(_name(row), NAME_WIDTH) for row in rows]
    cells = [[shown_measure(m, row.follow_up.total, language) for m in MEASURES] for row in rows]
    headers = [text(language, "report.unit"), *(m.short_header(language) for m in MEASURES)]
    widths = [max(cell_len(n) for n in names)] + [
        max(cell_len(row[i]) for row in cells) for i in range(len(MEASURES))
    ]
    wrapped = [_wrap(h, max(w, HEADER_WIDTH)) for h, w in zip(headers, widths, strict=True)]
    widths = [
        max(w, *(cell_len(line) for line in lines))
        for w, lines in zip(widths, wrapped, strict=True)
    ]
    depth = max(len(lines) for lines in wrapped)
    wrapped = [[""] * (depth - len(lines)) + lines for lines in wrapped]  # bottom-aligned

    def line(cells: Sequence[str]) -> str:
        first = _pad(cells[0], widths[0], left=True)
        rest = (_pad(c, w, left=False) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    title, subtitle = _heading(report, language, tz)
    out = [title, subtitle, text(language, "report.times_note"), ""]
    out += [line([lines[i] for lines in wrapped]) for i in range(depth)]
    rule = "─" * (sum(widths) + 2 * (len(widths) - 1))
    out.append(rule)
    for i, (name, row) in enumerate(zip(names, cells, strict=True)):
        if i == len(rows) - 1:
            out.append(rule)
        out.append(line([name, *row]))
    return ("\n".join(out) + "\n").encode("utf-8")


def _fit(name: str, width: int) -> str:
    return name if cell_len(name) <= width else set_cell_size(name, width - 1) + "…"


def _pad(cell: str, width: int, *, left: bool) -> str:
    gap = " " * (width - cell_len(cell))
    return cell + gap if left else gap + cell


def _wrap(header: str, width: int) -> list[str]:
    """`header` in lines of at most `width` cells where it has spaces to break at."""
    lines: list[str] = []
    for word in header.split():
        if lines and cell_len(lines[-1]) + 1 + cell_len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


# ------------------------------------------------------------------ csv

CSV_LOCALE = "sv_SE"  # the decimal comma, whatever the language of the headings
_FORMULA_START = ("=", "+", "-", "@")


def render_csv(report: Report, language: str, tz: tzinfo | None = None) -> bytes:
    """A file Swedish Excel opens as it is: UTF-8 with a BOM, `;` between cells, a decimal comma.

    One heading row in `language`, then for each unit and last for the whole organisation a
    row for all its inquiries (channel "Alla"/"All") followed by a row for each channel it had
    inquiries on (phone, e-mail, visit), so that filtering the channel column on "Alla" gives
    one row per unit, and a pivot table can sum by channel. Every row names its period (ISO
    dates, which Excel reads as dates). Counts and times are whole numbers, times in office
    minutes (the heading says so); shares are decimals from 0 to 1 with four places ("0,8571"),
    which Excel reads as numbers and can show as percent. An empty cell is a measure without a
    value. The weekly series are not here (they would need a second table in the sheet): they
    are in the JSON and the HTML page. A name that would start a formula (=, +, -, @) gets an
    apostrophe before it, so that Excel shows it and never runs it.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            text(language, "report.unit"),
            text(language, "report.channel"),
            text(language, "report.from"),
            text(language, "report.to"),
            *(m.header(language, minutes=True) for m in MEASURES),
        ]
    )
    start, end = report.period.start.isoformat(), report.period.end.isoformat()
    for row in _rows(report):
        name = _cell_text(_name(row))
        writer.writerow(
            [
                name,
                text(language, "report.all_channels"),
                start,
                end,
                *_csv_values(row.follow_up.total),
            ]
        )
        for channel, figures in _channels(row):
            writer.writerow(
                [name, channel_label(channel, language), start, end, *_csv_values(figures)]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_values(figures: Figures) -> list[str]:
    values = []
    for measure in MEASURES:
        value = getattr(figures, measure.field)
        if value is None:
            values.append("")
        elif measure.kind == "share":
            values.append(format_decimal(value, format="0.0###", locale=CSV_LOCALE))
        else:
            values.append(str(value))
    return values


def _cell_text(name: str) -> str:
    return "'" + name if name.startswith(_FORMULA_START) else name


# ------------------------------------------------------------------ json


def render_json(report: Report, language: str, tz: tzinfo | None = None) -> bytes:
    """The report for scripts, keys in English whatever `language` is, and stable:

    {"period": {"start", "end"} (ISO dates), "made_at" (ISO, with its offset),
     "units": [row...], "organisation": row}, where a row is {"unit_id" (null for the
    organisation), "name", "total": figures, "by_channel": {"phone"|"email"|"visit": figures}
    (only the channels it had inquiries on), "weekly": [{"week_start", "share", "count"}]}
    and figures hold every measure by its `Figures` name: counts and office minutes as
    integers, shares as numbers from 0 to 1, null when there is no value.
    """
    document = {
        "period": {
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
        },
        "made_at": report.made_at.isoformat(),
        "units": [_json_row(row) for row in report.units],
        "organisation": _json_row(report.organisation),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_row(row: UnitFollowUp) -> dict[str, Any]:
    return {
        "unit_id": row.unit_id,
        "name": _name(row),
        "total": _json_figures(row.follow_up.total),
        "by_channel": {channel.value: _json_figures(f) for channel, f in _channels(row)},
        "weekly": [
            {"week_start": week.week_start.isoformat(), "share": week.share, "count": week.count}
            for week in row.weekly
        ],
    }


def _json_figures(figures: Figures) -> dict[str, int | float | None]:
    return {measure.field: getattr(figures, measure.field) for measure in MEASURES}


# ------------------------------------------------------------------ html

# Colours told apart by people who do not see red and green apart (Okabe and Ito); the
# organisation is drawn dark and wide.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933")
ORGANISATION_COLOUR = "#333333"

_STYLE = """
:root { color-scheme: light; font-family: system-ui, sans-serif; color: #111; }
body { margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
p.period { margin: 0 0 .25rem; color: #333; }
p.note { margin: 0 0 1rem; color: #333; font-size: .85em; }
table { border-collapse: collapse; font-size: .85em; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid #ccc; vertical-align: bottom; }
thead th { text-align: right; font-weight: 600; }
thead th:first-child, tbody th { text-align: left; }
tbody th { font-weight: normal; max-width: 18rem; overflow-wrap: break-word; }
td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.organisation th, tr.organisation td { font-weight: 700; border-top: 2px solid #111; }
figure { margin: 1.5rem 0 0; max-width: 60rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-size: 12px; fill: #333; }
svg.chart .grid { stroke: #ddd; stroke-width: 1; }
svg.chart .series { fill: none; stroke-linejoin: round; stroke-linecap: round; }
ul.legend { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1.25rem; font-size: .85em; }
ul.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: 1.75rem; border-top: 3px solid; }
.organisation .swatch { border-top-width: 5px; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 9pt; }
  table { font-size: 8pt; width: 100%; }
  th, td { padding: .1rem .25rem; }
  tr { break-inside: avoid; }
  figure { break-inside: avoid; max-width: none; }
  svg.chart { max-height: 95mm; }
}
"""

# The page holds no script and loads nothing: this says so to the browser as well, so that a
# name that slipped past the escaping could still run nothing.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def render_html(report: Report, language: str, tz: tzinfo | None = None) -> bytes:
    """One page that needs nothing else: the title, the period, the table (its short headings
    as in the terminal, the full ones as tooltips; times in office hours) and a line chart of
    each row's weekly share within the deadline, the organisation's line wide and dark. It
    prints on A4 landscape. Every name is `printable` and escaped."""
    esc = html.escape
    title, subtitle = _heading(report, language, tz)
    rows = _rows(report)
    head = "".join(
        f'<th title="{esc(m.header(language))}">{esc(m.short_header(language))}</th>'
        for m in MEASURES
    )
    body = []
    for i, row in enumerate(rows):
        css = ' class="organisation"' if i == len(rows) - 1 else ""
        values = "".join(
            f"<td>{esc(shown_measure(m, row.follow_up.total, language))}</td>" for m in MEASURES
        )
        body.append(f'<tr{css}><th scope="row">{esc(_name(row))}</th>{values}</tr>')
    chart_title = text(language, "report.chart_title")
    page = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(_locale(language))}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} – {esc(subtitle)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="period">{esc(subtitle)}</p>',
        f'<p class="note">{esc(text(language, "report.times_note"))}</p>',
        '<table class="figures">',
        f"<thead><tr><th>{esc(text(language, 'report.unit'))}</th>{head}</tr></thead>",
        f"<tbody>{''.join(body)}</tbody>",
        "</table>",
        "<figure>",
        f"<figcaption>{esc(chart_title)}</figcaption>",
        _chart(rows, language, chart_title),
        _legend(rows),
        "</figure>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(page) + "\n").encode("utf-8")


# The chart's drawing area in the SVG's own units; it scales to the page's width.
_WIDTH, _HEIGHT = 1000, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 12, 40
_MOST_WEEK_LABELS = 14


def _colour(index: int, rows: Sequence[UnitFollowUp]) -> str:
    return ORGANISATION_COLOUR if index == len(rows) - 1 else PALETTE[index % len(PALETTE)]


def _chart(rows: Sequence[UnitFollowUp], language: str, title: str) -> str:
    """An SVG line chart, 0-100 % up, the weeks along; one path per row, broken where a week
    had nothing to measure (a lone week is a dot)."""
    esc = html.escape
    weeks = [week.week_start for week in rows[-1].weekly]
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def x(i: int) -> float:
        return _LEFT + (i * plot_w / (len(weeks) - 1) if len(weeks) > 1 else plot_w / 2)

    def y(share: float) -> float:
        return _TOP + (1 - share) * plot_h

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}"'
        f' role="img" aria-label="{esc(title)}">'
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        level = y(tick)
        label = esc(format_percent(tick, locale=_locale(language)))
        parts.append(
            f'<line class="grid" x1="{_LEFT}" y1="{level:.1f}" x2="{_WIDTH - _RIGHT}"'
            f' y2="{level:.1f}"/>'
            f'<text x="{_LEFT - 6}" y="{level + 4:.1f}" text-anchor="end">{label}</text>'
        )
    step = max(1, math.ceil(len(weeks) / _MOST_WEEK_LABELS))
    for i in range(0, len(weeks), step):
        week = text(language, "report.week", week=weeks[i].isocalendar().week)
        parts.append(
            f'<text x="{x(i):.1f}" y="{_HEIGHT - _BOTTOM + 18}" text-anchor="middle">'
            f"{esc(week)}</text>"
        )
    # The organisation first, wide and dark beneath the units' lines, so that a unit whose
    # weeks are the organisation's still shows.
    for index, row in [(len(rows) - 1, rows[-1]), *enumerate(rows[:-1])]:
        organisation = index == len(rows) - 1
        parts.append(
            f'<path class="series{" organisation" if organisation else ""}"'
            f' d="{_path(row.weekly, x, y)}" stroke="{_colour(index, rows)}"'
            f' stroke-width="{5 if organisation else 2}">'
            f"<title>{esc(_name(row))}</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _path(
    weekly: Sequence[WeekShare], x: Callable[[int], float], y: Callable[[float], float]
) -> str:
    commands: list[str] = []
    drawing = False
    for i, week in enumerate(weekly):
        if week.share is None:
            if drawing and commands[-1].startswith("M"):
                commands[-1] += " h0"  # a week alone between gaps: a dot (round line caps)
            drawing = False
            continue
        commands.append(f"{'L' if drawing else 'M'}{x(i):.1f},{y(week.share):.1f}")
        drawing = True
    if drawing and commands[-1].startswith("M"):
        commands[-1] += " h0"
    return " ".join(commands)


def _legend(rows: Sequence[UnitFollowUp]) -> str:
    items = []
    for index, row in enumerate(rows):
        css = ' class="organisation"' if index == len(rows) - 1 else ""
        colour = _colour(index, rows)
        items.append(
            f'<li{css}><span class="swatch" style="border-color:{colour}"></span>'
            f"{html.escape(_name(row))}</li>"
        )
    return f'<ul class="legend">{"".join(items)}</ul>'


# ------------------------------------------------------------------ one place for all

Renderer = Callable[[Report, str, tzinfo | None], bytes]

FORMATS: Mapping[str, Renderer] = {
    "text": render_text,
    "csv": render_csv,
    "json": render_json,
    "html": render_html,
}


def render(report: Report, fmt: str, language: str, tz: tzinfo | None = None) -> bytes:
    """`report` in the format named `fmt` (one of `FORMATS`), worded in `language`.

    `tz` is the zone the time the report was made is shown in (the calendar's); without it,
    the zone `made_at` carries. The JSON keeps `made_at` as it is.
    """
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"no report format {fmt!r}; formats: {', '.join(FORMATS)}") from None
    return renderer(report, language, tz)
