"""For the report's tests: a month's follow-up of two units and the organisation, built with
the domain's `report()` from inquiries made by hand; the first unit's name is hostile.

Office hours Monday to Friday 08:00-16:30 in Stockholm, answers due at closing on the second
working day. The report covers the four ISO weeks of March 2-29 2026 and is made on Friday
27 March at 12:00.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.followup import FollowUpItem, Report, report
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel, InquiryState

TZ = ZoneInfo("Europe/Stockholm")
CALENDAR = WorkingCalendar(
    TZ, dict.fromkeys(range(5), OfficeHours(time(8, 0), time(16, 30))), answer_working_days=2
)
BUILDING, SOCIAL, ELSEWHERE = 1, 2, 3
# Markup for a page, markup for Rich, a terminal title (OSC) and a colour (CSI).
HOSTILE = "Bygg <script>alert(1)</script> [bold]lov[/bold] \x1b]0;pwned\x07\x1b[31mröd"
SOCIAL_NAME = "Socialtjänst"
ORGANISATION = "Hudiksvalls kommun"
PERIOD = Period.between(date(2026, 3, 2), date(2026, 3, 29))
NOW = datetime(2026, 3, 27, 12, 0, tzinfo=TZ)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def item(
    received: str,
    unit: int,
    channel: Channel = Channel.PHONE,
    attempts: tuple[tuple[str, bool], ...] = (),
    closed: str | None = None,
) -> FollowUpItem:
    """An inquiry received then, with its attempts as (at, reached) and its closing, if any."""
    received_at = local(received)
    reached = [at for at, ok in attempts if ok]
    return FollowUpItem(
        received_at=received_at,
        due_at=CALENDAR.due_at(received_at),
        channel=channel,
        unit_id_at_receipt=unit,
        first_attempt_at=local(attempts[0][0]) if attempts else None,
        first_attempt_reached=attempts[0][1] if attempts else None,
        first_reached_at=local(reached[0]) if reached else None,
        closed_at=local(closed) if closed else None,
        state=InquiryState.CLOSED if closed else InquiryState.OPEN,
    )


ITEMS = [
    # Building: week 10 two within (90 minutes to the first attempt and the answer; an e-mail
    # answered by closing it after 450 + 120 = 570 minutes), week 11 one late (reached only
    # on the fourth working day), week 12 a visit within; nothing in week 13.
    item("2026-03-02 09:00", BUILDING, attempts=(("2026-03-02 10:30", True),)),
    item("2026-03-03 09:00", BUILDING, Channel.EMAIL, closed="2026-03-04 10:00"),
    item(
        "2026-03-09 09:00",
        BUILDING,
        attempts=(("2026-03-09 10:00", False), ("2026-03-12 09:00", True)),
    ),
    item("2026-03-18 10:00", BUILDING, Channel.VISIT, attempts=(("2026-03-18 10:45", True),)),
    # Social services: week 10 one within and one late (reached on the fourth working day,
    # 510 + 510 + 510 + 60 = 1590 minutes), week 11 one never answered (late, overdue now),
    # week 13 an e-mail still pending.
    item("2026-03-04 13:00", SOCIAL, attempts=(("2026-03-04 14:00", True),)),
    item("2026-03-05 08:00", SOCIAL, attempts=(("2026-03-10 09:00", True),)),
    item("2026-03-12 08:00", SOCIAL),
    item("2026-03-26 09:00", SOCIAL, Channel.EMAIL),
    # A unit the report does not list: it counts for the organisation only.
    item("2026-03-05 09:00", ELSEWHERE, attempts=(("2026-03-05 09:30", True),)),
]


def march_report(units: dict[int, str] | None = None) -> Report:
    """The report for `units` (by id, with their names): by default the building unit, under
    its hostile name, and social services; and always the whole organisation."""
    wanted = {BUILDING: HOSTILE, SOCIAL: SOCIAL_NAME} if units is None else units
    return report(ITEMS, wanted, ORGANISATION, PERIOD, NOW, CALENDAR)
