"""How the desk says a time: brief near now, exact further away."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from reception_tui.domain.display import format_datetime, format_moment, format_return

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)  # a Wednesday


@pytest.mark.parametrize(
    ("at", "language", "shown"),
    [
        (datetime(2026, 12, 2, 14, 30), "sv", "14:30"),
        (datetime(2026, 12, 1, 15, 10), "sv", "igår 15:10"),
        (datetime(2026, 12, 3, 8, 0), "sv", "imorgon 08:00"),
        (datetime(2026, 12, 7, 8, 0), "sv", "mån 08:00"),
        (datetime(2026, 11, 27, 9, 5), "sv", "fre 09:05"),
        (datetime(2026, 12, 14, 8, 0), "sv", "14/12"),
        (datetime(2027, 1, 5, 8, 0), "sv", "5/1 2027"),
        (datetime(2026, 12, 7, 8, 0), "en", "Mon 08:00"),
        (datetime(2026, 12, 1, 15, 10), "en", "yesterday 15:10"),
        (datetime(2026, 12, 14, 8, 0), "en", "14 Dec"),
    ],
)
def test_moment_is_brief_near_now_and_exact_further_away(
    at: datetime, language: str, shown: str
) -> None:
    assert format_moment(at.replace(tzinfo=STOCKHOLM), NOW, STOCKHOLM, language) == shown


def test_return_time_reads_back_at() -> None:
    back = datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM)
    assert format_return(back, NOW, STOCKHOLM, "sv") == "åter 14:30"
    assert format_return(back, NOW, STOCKHOLM, "en") == "back 14:30"
    assert format_return(None, NOW, STOCKHOLM, "sv") == ""


def test_times_are_shown_in_local_time_whatever_zone_they_come_in() -> None:
    utc = datetime.fromisoformat("2026-12-04T15:30:00+00:00")
    assert format_datetime(utc, STOCKHOLM) == "2026-12-04 16:30"
    assert format_moment(utc, NOW, STOCKHOLM, "sv") == "fre 16:30"


def test_grid_times_name_the_weekday_rather_than_tomorrow() -> None:
    tomorrow = datetime(2026, 12, 3, 8, 0, tzinfo=STOCKHOLM)
    assert format_moment(tomorrow, NOW, STOCKHOLM, "sv", relative_days=False) == "tor 08:00"
    assert format_moment(tomorrow, NOW, STOCKHOLM, "sv") == "imorgon 08:00"
