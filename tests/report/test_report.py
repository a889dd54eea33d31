"""The follow-up report as a terminal table, a CSV file for Swedish Excel, JSON for scripts and
one HTML page: the same figures in each, in the reader's language, and no name from outside
able to mark up a page, run a formula or steer a terminal."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import fields
from datetime import UTC

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st
from march import BUILDING, ELSEWHERE, HOSTILE, ORGANISATION, SOCIAL, SOCIAL_NAME, march_report

from reception_tui.domain.followup import Figures
from reception_tui.domain.records import Channel
from reception_tui.domain.text import printable
from reception_tui.report import FORMATS, MEASURES, render
from reception_tui.words import LANGUAGES, text
from reception_tui.words.labels import channel_label
from reception_tui.words.numbers import shown_count

SVG = "{http://www.w3.org/2000/svg}"
# Control characters a terminal or a page could act on: every one but the line ends.
CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def csv_number(cell: str) -> int | float | None:
    """A cell as Swedish Excel reads it: an integer, a decimal with a comma, or nothing."""
    if cell == "":
        return None
    return float(cell.replace(",", ".")) if "," in cell else int(cell)


def cells(line: str) -> list[str]:
    """A line of the terminal's table in its cells: split at spaces, not at the no-break space
    between a number and its percent sign."""
    return [cell for cell in line.split(" ") if cell]


def chart(page: str) -> ET.Element:
    """The page's chart, parsed: the SVG is well-formed XML on its own."""
    found = re.search(r'<svg class="chart".*?</svg>', page, re.DOTALL)
    assert found is not None
    return ET.fromstring(found.group())


# ------------------------------------------------------------------ the same figures everywhere


def test_every_measure_of_the_figures_is_in_every_format() -> None:
    assert [measure.field for measure in MEASURES] == [field.name for field in fields(Figures)]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_csv_read_back_gives_the_numbers_of_the_json(language: str) -> None:
    march = march_report()
    document = json.loads(render(march, "json", language))
    header, *rows = csv_rows(render(march, "csv", language))

    expected = {}
    for row in [*document["units"], document["organisation"]]:
        expected[(row["name"], text(language, "report.all_channels"))] = row["total"]
        for channel in Channel:
            if channel.value in row["by_channel"]:
                label = channel_label(channel, language)
                expected[(row["name"], label)] = row["by_channel"][channel.value]
    assert len(header) == 4 + len(MEASURES)
    read = {}
    for name, channel, start, end, *cells in rows:
        assert (start, end) == ("2026-03-02", "2026-03-29")
        figures = dict(zip([m.field for m in MEASURES], map(csv_number, cells), strict=True))
        read[(name, channel)] = figures
    assert read.keys() == expected.keys()
    for key, figures in expected.items():
        # Shares are written with four decimals; everything else exactly.
        assert read[key] == pytest.approx(figures, abs=0.00005), key


def test_the_json_has_the_period_the_time_made_and_every_figure_of_the_domain() -> None:
    march = march_report()
    document = json.loads(render(march, "json", "sv"))
    assert document["period"] == {"start": "2026-03-02", "end": "2026-03-29"}
    assert document["made_at"] == "2026-03-27T12:00:00+01:00"
    assert [row["unit_id"] for row in document["units"]] == [BUILDING, SOCIAL]
    organisation = document["organisation"]
    assert organisation["unit_id"] is None and organisation["name"] == ORGANISATION
    # Five within of eight answered or due (the pending e-mail is left out): 5/8.
    assert organisation["total"]["share_within"] == pytest.approx(5 / 8)
    # Answers after 30, 45, 60, 90, 570, 1530 and 1590 office minutes: the 7th of 7.
    assert organisation["total"]["answer_p90"] == 1590
    assert organisation["weekly"][3] == {"week_start": "2026-03-23", "share": None, "count": 0}
    social = document["units"][1]
    assert sorted(social["by_channel"]) == ["email", "phone"]  # it had no visit
    assert social["by_channel"]["email"]["share_within"] is None
    assert social["total"] == {
        m.field: getattr(march.units[1].follow_up.total, m.field) for m in MEASURES
    }


# ------------------------------------------------------------------ csv for Excel


def test_the_csv_starts_with_a_byte_order_mark_for_excel() -> None:
    data = render(march_report(), "csv", "sv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").startswith("Enhet;Kanal;")


def test_the_csv_writes_shares_with_a_decimal_comma_and_says_times_are_minutes() -> None:
    header, *rows = csv_rows(render(march_report(), "csv", "sv"))
    assert "Till svar, median (kontorsminuter)" in header
    organisation = next(row for row in rows if row[:2] == [ORGANISATION, "Alla"])
    assert organisation[header.index("Andel inom tid")] == "0,625"
    assert organisation[header.index("Till svar, 90:e percentil (kontorsminuter)")] == "1590"


def test_a_unit_name_that_would_start_a_formula_in_excel_is_written_as_text() -> None:
    march = march_report({BUILDING: '=HYPERLINK("http://x","klicka")', SOCIAL: "-Social"})
    names = [row[0] for row in csv_rows(render(march, "csv", "sv"))[1:]]
    assert '\'=HYPERLINK("http://x","klicka")' in names
    assert "'-Social" in names


# ------------------------------------------------------------------ names from outside


@pytest.mark.parametrize("fmt", ["text", "csv", "html", "json"])
def test_a_hostile_unit_name_reaches_no_output_with_a_control_character(fmt: str) -> None:
    shown = render(march_report(), fmt, "sv").decode("utf-8-sig")
    assert CONTROL.search(shown) is None
    if fmt == "json":  # where an escape would be written \u001b: read the names back
        document = json.loads(shown)
        names = [row["name"] for row in [*document["units"], document["organisation"]]]
        assert printable(HOSTILE) in names
        assert not any(CONTROL.search(name) for name in names)


def test_a_hostile_unit_name_is_escaped_on_the_page() -> None:
    page = render(march_report(), "html", "sv").decode()
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]lov[/bold]" in page
    assert page.count("&lt;script&gt;") >= 3  # the table, the chart's tooltip, the legend


def test_a_hostile_unit_name_is_shown_as_it_reads_in_the_text_and_the_csv() -> None:
    terminal = render(march_report(), "text", "sv").decode()
    assert "Bygg <script>alert(1)</script> [bold]lo…" in terminal  # cut at 40 cells
    names = [row[0] for row in csv_rows(render(march_report(), "csv", "sv"))]
    assert printable(HOSTILE) in names


# ------------------------------------------------------------------ the terminal's table


def test_the_text_is_in_swedish_with_decimal_commas_for_a_swedish_reader() -> None:
    shown = render(march_report(), "text", "sv").decode()
    assert shown.startswith("Uppföljning av svarstider\n2 mars 2026 – 29 mars 2026")
    assert "Inkomna" in shown and "Andel" in shown and "kontorstimmar" in shown
    assert "Received" not in shown
    building = next(line for line in shown.splitlines() if line.startswith("Bygg"))
    # 4 received, 3 of 4 within; answers after 45, 90, 570 and 1530 office minutes: the
    # median is 90 minutes (1,5 hours), the 90th percentile 1530 (25,5 hours).
    assert cells(building)[-14:] == [
        "4", "4", "3", "1", "0", "75\xa0%", "1,0", "1,5", "1,5", "25,5", "3", "0", "3", "67\xa0%"
    ]  # fmt: skip


def test_the_text_is_in_english_with_decimal_points_for_an_english_reader() -> None:
    shown = render(march_report(), "text", "en").decode()
    assert shown.startswith("Follow-up of response times\n2 March 2026 – 29 March 2026")
    assert "Received" in shown and "office hours" in shown
    assert "Inkomna" not in shown
    building = next(line for line in shown.splitlines() if line.startswith("Bygg"))
    assert "25.5" in cells(building) and "75%" in cells(building)


def test_the_text_lists_the_units_then_the_organisation_under_a_rule_in_aligned_columns() -> None:
    lines = render(march_report(), "text", "sv").decode().splitlines()
    rows = [line for line in lines if line.startswith(("Bygg", SOCIAL_NAME, ORGANISATION))]
    assert [cells(row)[0] for row in rows] == ["Bygg", SOCIAL_NAME, "Hudiksvalls"]
    assert lines[lines.index(rows[-1]) - 1].startswith("───")
    assert len({len(row) for row in rows}) == 1  # every number ends in the same column


def test_the_time_the_report_was_made_is_shown_in_the_zone_given() -> None:
    march = march_report()  # made at 12:00 in Stockholm, 11:00 UTC
    assert "framtagen 2026-03-27 12:00" in render(march, "text", "sv").decode()
    assert "framtagen 2026-03-27 11:00" in render(march, "text", "sv", UTC).decode()
    assert "made 2026-03-27 11:00" in render(march, "html", "en", UTC).decode()


def test_a_measure_without_a_value_shows_a_dash() -> None:
    empty = march_report({4: "Kultur"})  # a unit that had no inquiries
    shown = render(empty, "text", "en").decode()
    row = next(line for line in shown.splitlines() if line.startswith("Kultur"))
    assert cells(row)[1:] == ["0"] * 5 + ["–"] * 5 + ["0", "0", "0", "–"]


# ------------------------------------------------------------------ the page


def test_the_page_draws_one_line_per_unit_and_the_organisation_distinct() -> None:
    page = render(march_report(), "html", "sv").decode()
    paths = chart(page).findall(f"{SVG}path")
    # The organisation's line first, so that the units' lines are drawn over it.
    titles = [path.findtext(f"{SVG}title") for path in paths]
    assert titles == [ORGANISATION, printable(HOSTILE), SOCIAL_NAME]
    organisation, units = paths[0], paths[1:]
    assert organisation.get("stroke") not in {path.get("stroke") for path in units}
    assert all(
        float(organisation.get("stroke-width", 0)) > float(path.get("stroke-width", 0))
        for path in units
    )


def test_the_chart_has_a_0_to_100_percent_axis_and_a_label_for_each_week() -> None:
    labels = [
        t.text for t in chart(render(march_report(), "html", "sv").decode()).iter(f"{SVG}text")
    ]
    assert labels == [
        "0\xa0%",
        "25\xa0%",
        "50\xa0%",
        "75\xa0%",
        "100\xa0%",
        "v. 10",
        "v. 11",
        "v. 12",
        "v. 13",
    ]


def test_a_line_breaks_where_a_week_had_nothing_to_measure() -> None:
    paths = chart(render(march_report(), "html", "sv").decode()).findall(f"{SVG}path")
    building, social = paths[1].get("d", ""), paths[2].get("d", "")
    # Building: weeks 10-12 measured, week 13 not: one line of three points.
    assert building.count("M") == 1 and building.count("L") == 2
    # Social services: weeks 10 and 11 only.
    assert social.count("M") == 1 and social.count("L") == 1


def test_a_week_alone_between_weeks_without_a_share_is_drawn_as_a_dot() -> None:
    # The unit the report does not list by default had one inquiry, in week 10 alone.
    page = render(march_report({ELSEWHERE: "Kultur"}), "html", "sv").decode()
    kultur = chart(page).findall(f"{SVG}path")[1]
    assert re.fullmatch(r"M[\d.]+,[\d.]+ h0", kultur.get("d", ""))  # round caps make it a dot


def test_the_page_needs_nothing_from_outside_and_prints_on_a4_landscape() -> None:
    page = render(march_report(), "html", "en").decode()
    assert not re.search(r"""(src|href)\s*=|@import|url\(|<script""", page)
    assert "default-src 'none'" in page  # and forbids loading anything
    assert "@page { size: A4 landscape" in page and "@media print" in page
    assert '<html lang="en">' in page and "<title>Follow-up of response times" in page


def test_an_unknown_format_is_refused() -> None:
    assert set(FORMATS) == {"text", "csv", "json", "html"}
    with pytest.raises(ValueError, match="pdf"):
        render(march_report(), "pdf", "sv")


@pytest.mark.parametrize(
    ("language", "expected"), [("sv", "920\xa0792"), ("en", "920,792"), ("fi", "920,792")]
)
def test_a_count_is_grouped_by_thousands_as_the_reader_writes_it(
    language: str, expected: str
) -> None:
    assert shown_count(920_792, language) == expected


@given(count=st.integers(min_value=0, max_value=10**12), language=st.sampled_from(LANGUAGES))
def test_a_count_is_written_as_babel_writes_it_for_the_language(count: int, language: str) -> None:
    """Grouped without Babel, for the desk's first frame, but as Babel groups it."""
    assert shown_count(count, language) == format_decimal(count, locale=language)
