"""The follow-up's figures (design §9), with every answer counted by hand in a comment.

Office hours are Monday to Friday 08:00-16:30 (510 minutes a day) in Stockholm, answers due at
closing on the second working day after receipt. Easter 2026: Good Friday 3 April, Easter
Monday 6 April; midsommarafton, Friday 19 June 2026, is closed too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.followup import (
    FollowUpItem,
    Progress,
    Standing,
    WeekShare,
    follow_up,
    nearest_rank,
    office_minutes,
    progress,
    received_heat_map,
    standing,
    weekly_share,
)
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel, InquiryRecord, InquiryState

TZ = ZoneInfo("Europe/Stockholm")
CALENDAR = WorkingCalendar(
    TZ, dict.fromkeys(range(5), OfficeHours(time(8, 0), time(16, 30))), answer_working_days=2
)
UNIT_A, UNIT_B = 1, 2


def local(text: str) -> datetime:
    """'2026-04-02 10:00' as an aware Stockholm datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def item(
    received: str | datetime,
    *,
    channel: Channel = Channel.PHONE,
    unit: int | None = UNIT_A,
    attempts: tuple[tuple[str, bool], ...] = (),
    closed: str | None = None,
) -> FollowUpItem:
    """An inquiry received then, with its attempts as (at, reached) and its closing, if any."""
    received_at = received if isinstance(received, datetime) else local(received)
    first = attempts[0] if attempts else None
    reached = [at for at, ok in attempts if ok]
    return FollowUpItem(
        received_at=received_at,
        due_at=CALENDAR.due_at(received_at),
        channel=channel,
        unit_id_at_receipt=unit,
        first_attempt_at=local(first[0]) if first else None,
        first_attempt_reached=first[1] if first else None,
        first_reached_at=local(reached[0]) if reached else None,
        closed_at=local(closed) if closed else None,
        state=InquiryState.CLOSED if closed else InquiryState.OPEN,
    )


# ------------------------------------------------------------------ office minutes

OFFICE_MINUTES = [
    # 09:00-10:30 on an ordinary Tuesday.
    pytest.param("2026-04-07 09:00", "2026-04-07 10:30", 90, id="same-day"),
    # 07:00-18:00 counts only 08:00-16:30.
    pytest.param("2026-04-07 07:00", "2026-04-07 18:00", 510, id="a-whole-office-day"),
    # Friday 16:00-16:30 = 30, the weekend 0, Monday 08:00-08:30 = 30.
    pytest.param("2026-04-17 16:00", "2026-04-20 08:30", 60, id="across-a-weekend"),
    # Received Saturday: nothing until Monday 08:00, then 08:00-10:00 = 120.
    pytest.param("2026-04-18 12:00", "2026-04-20 10:00", 120, id="received-on-a-saturday"),
    # Maundy Thursday 16:00-16:30 = 30; Good Friday, the weekend and Easter Monday 0;
    # Tuesday 08:00-09:00 = 60.
    pytest.param("2026-04-02 16:00", "2026-04-07 09:00", 90, id="across-easter"),
    # Thursday 15:30-16:30 = 60; midsommarafton and the weekend 0; Monday 08:00-08:15 = 15.
    pytest.param("2026-06-18 15:30", "2026-06-22 08:15", 75, id="across-midsommar"),
    # Evening to next morning's opening: all outside office hours.
    pytest.param("2026-04-07 18:00", "2026-04-08 08:00", 0, id="overnight-is-nothing"),
    # 59 seconds are not a minute.
    pytest.param("2026-04-07 09:00:00", "2026-04-07 09:00:59", 0, id="whole-minutes-only"),
    pytest.param("2026-04-07 10:00", "2026-04-07 10:00", 0, id="no-time"),
    pytest.param("2026-04-07 11:00", "2026-04-07 10:00", 0, id="end-before-start"),
]


@pytest.mark.parametrize(("start", "end", "minutes"), OFFICE_MINUTES)
def test_office_minutes_count_only_working_days_office_hours(
    start: str, end: str, minutes: int
) -> None:
    assert office_minutes(CALENDAR, local(start), local(end)) == minutes


def test_office_minutes_read_any_time_zone_in_the_calendars() -> None:
    # 07:00 UTC is 09:00 in Stockholm in summer time; to 10:00 there = 60.
    start = datetime(2026, 4, 7, 7, 0, tzinfo=UTC)
    assert office_minutes(CALENDAR, start, local("2026-04-07 10:00")) == 60


def test_progress_is_timed_from_the_first_attempt_made_and_the_first_that_reached() -> None:
    received = local("2026-04-07 09:00")
    # Logged out of order: the first made is 10:00 (failed); 13:00 reached the caller.
    tried = [(local("2026-04-07 13:00"), True), (local("2026-04-07 10:00"), False)]
    found = progress(received, tried, local("2026-04-08 09:00"), CALENDAR)
    assert found == Progress(local("2026-04-07 10:00"), False, local("2026-04-07 13:00"), 60, 240)
    # Resolved before anyone was reached: answered by the resolution.
    tried = [(local("2026-04-07 10:00"), False)]
    found = progress(received, tried, local("2026-04-07 11:30"), CALENDAR)
    assert found == Progress(local("2026-04-07 10:00"), False, local("2026-04-07 11:30"), 60, 150)
    # Still open, reached the next morning: 9:00-16:30 (450) + 8:00-9:00 (60) to both.
    tried = [(local("2026-04-08 09:00"), True)]
    found = progress(received, tried, None, CALENDAR)
    assert found == Progress(local("2026-04-08 09:00"), True, local("2026-04-08 09:00"), 510, 510)
    # Resolved without an attempt, or open without one.
    found = progress(received, [], local("2026-04-07 09:05"), CALENDAR)
    assert found == Progress(None, None, local("2026-04-07 09:05"), None, 5)
    assert progress(received, [], None, CALENDAR) == Progress(None, None, None, None, None)


# ------------------------------------------------------------------ percentiles

PERCENTILES = [
    # One value is every percentile.
    pytest.param([7], 50, 7, id="one-value-median"),
    pytest.param([7], 90, 7, id="one-value-p90"),
    # Four values: rank ceil(0.5 * 4) = 2 -> 20; ceil(0.9 * 4) = ceil(3.6) = 4 -> 40.
    pytest.param([10, 20, 30, 40], 50, 20, id="even-count-median-is-the-lower-middle"),
    pytest.param([10, 20, 30, 40], 90, 40, id="four-values-p90"),
    # Unsorted [30, 10, 20]: rank ceil(1.5) = 2 -> 20; ceil(2.7) = 3 -> 30.
    pytest.param([30, 10, 20], 50, 20, id="unsorted-median"),
    pytest.param([30, 10, 20], 90, 30, id="unsorted-p90"),
    # 1..10: rank ceil(9.0) = 9 -> 9, exactly on a rank.
    pytest.param(list(range(1, 11)), 90, 9, id="ten-values-p90-on-a-rank"),
    # Rank ceil(0) would be 0: the least rank is 1.
    pytest.param([5, 3, 8], 0, 3, id="p0-is-the-least"),
    pytest.param([5, 3, 8], 100, 8, id="p100-is-the-greatest"),
]


@pytest.mark.parametrize(("values", "percent", "expected"), PERCENTILES)
def test_percentiles_are_by_nearest_rank(values: list[int], percent: int, expected: int) -> None:
    assert nearest_rank(values, percent) == expected


def test_no_values_have_no_percentile() -> None:
    assert nearest_rank([], 50) is None


def test_a_percent_outside_0_to_100_is_refused() -> None:
    with pytest.raises(ValueError):
        nearest_rank([1], 101)


# ------------------------------------------------------------------ where an inquiry stands

NOW = local("2026-06-23 12:00")  # Tuesday after midsommar

STANDINGS = [
    # Received Thursday 2 April; due (Good Friday, Easter Monday closed) Wednesday 8 April 16:30.
    pytest.param(
        item("2026-04-02 10:00", attempts=(("2026-04-08 16:30", True),)),
        Standing.WITHIN,
        id="reached-on-the-deadlines-last-minute",
    ),
    pytest.param(
        item("2026-04-02 10:00", attempts=(("2026-04-08 16:31", True),)),
        Standing.LATE,
        id="reached-a-minute-after-the-deadline",
    ),
    pytest.param(
        item("2026-04-02 10:00", closed="2026-04-08 16:30"),
        Standing.WITHIN,
        id="resolved-on-the-deadline-without-attempts",
    ),
    # A failed attempt in time does not answer; the resolution after the deadline does.
    pytest.param(
        item(
            "2026-04-02 10:00", attempts=(("2026-04-07 09:00", False),), closed="2026-04-09 09:00"
        ),
        Standing.LATE,
        id="a-failed-attempt-is-not-an-answer",
    ),
    # Received Monday 22 June, due Wednesday 24 June 16:30; now is Tuesday.
    pytest.param(item("2026-06-22 09:00"), Standing.PENDING, id="open-and-not-yet-due"),
    # Received Tuesday 16 June, due Thursday 18 June 16:30; still open on the 23rd.
    pytest.param(item("2026-06-16 10:00"), Standing.LATE, id="open-and-overdue"),
    # Reached in time but not yet closed: answered.
    pytest.param(
        item("2026-06-16 10:00", attempts=(("2026-06-17 10:00", True),)),
        Standing.WITHIN,
        id="reached-and-still-open",
    ),
]


@pytest.mark.parametrize(("inquiry", "expected"), STANDINGS)
def test_an_inquiry_stands_within_late_or_pending(
    inquiry: FollowUpItem, expected: Standing
) -> None:
    assert standing(inquiry, NOW) is expected


@pytest.mark.parametrize(("seconds_after_due", "late"), [(-60, False), (0, False), (1, True)])
def test_the_desk_calls_overdue_exactly_what_the_follow_up_counts_late(
    seconds_after_due: int, late: bool
) -> None:
    """One rule: an open inquiry is overdue on the desk, in the CLI and on the manager's screen
    at the very moments the follow-up counts it late, and not at its due time itself."""
    open_one = item("2026-06-16 10:00")
    now = open_one.due_at + timedelta(seconds=seconds_after_due)
    record = InquiryRecord(
        id=1, received_at=open_one.received_at, channel=Channel.PHONE, caller_name="Eva",
        caller_number=None, caller_email=None, employee_id=None, unit_id=UNIT_A, for_name="",
        subject="", due_at=open_one.due_at, state=InquiryState.OPEN, closed_at=None,
        attempts=0, version=1,
    )  # fmt: skip
    assert record.overdue(now) is late
    assert (standing(open_one, now) is Standing.LATE) is late


def test_a_reopened_inquiry_is_not_answered_by_its_earlier_closing() -> None:
    closed = item("2026-06-16 10:00", closed="2026-06-17 10:00")
    reopened = replace(closed, state=InquiryState.OPEN)
    assert closed.answered_at == local("2026-06-17 10:00")
    assert reopened.answered_at is None
    assert standing(reopened, NOW) is Standing.LATE


def test_answered_at_is_the_earlier_of_reaching_and_resolving() -> None:
    inquiry = item(
        "2026-06-16 10:00", attempts=(("2026-06-17 10:00", True),), closed="2026-06-16 15:00"
    )
    assert inquiry.answered_at == local("2026-06-16 15:00")


# ------------------------------------------------------------------ a quarter's figures

# 30 March to 28 June 2026: Easter and midsommar inside.
PERIOD = Period.between(date(2026, 3, 30), date(2026, 6, 28))

# Easter. Due Wednesday 8 April 16:30. Reached exactly then: within.
# To first attempt and to answer: Thursday 10:00-16:30 = 390, Tuesday 510, Wednesday 510 = 1410.
EASTER_IN_TIME = item(
    "2026-04-02 10:00", attempts=(("2026-04-08 16:30", True),), closed="2026-04-09 09:00"
)
# Same deadline, reached a minute after: late.
# Thursday 11:00-16:30 = 330, Tuesday 510, Wednesday until closing 510 = 1350.
EASTER_LATE = item(
    "2026-04-02 11:00", attempts=(("2026-04-08 16:31", True),), closed="2026-04-08 16:31"
)
# Midsommar, for unit A when it came in, later reassigned to unit B: counts for A.
# Due (midsommarafton closed) Tuesday 23 June 16:30. First attempt Monday 09:00, no answer:
# Thursday 14:00-16:30 = 150 + Monday 60 = 210. Reached Monday 10:00: 150 + 120 = 270, within.
MIDSOMMAR_REASSIGNED = item(
    "2026-06-18 14:00",
    unit=UNIT_A,
    attempts=(("2026-06-22 09:00", False), ("2026-06-22 10:00", True)),
    closed="2026-06-22 10:05",
)
# An e-mail resolved without any attempt, for unit B. Due Wednesday 15 April 16:30.
# Answered at the resolution: Monday 09:00-16:30 = 450 + Tuesday 08:00-09:30 = 90 = 540.
EMAIL_RESOLVED = item(
    "2026-04-13 09:00", channel=Channel.EMAIL, unit=UNIT_B, closed="2026-04-14 09:30"
)
# Sunday 29 March 23:30 UTC is Monday 30 March 01:30 in Stockholm: inside the period.
# Due Wednesday 1 April 16:30; resolved Monday 08:20: 08:00-08:20 = 20 minutes.
EMAIL_AT_NIGHT = item(
    datetime(2026, 3, 29, 23, 30, tzinfo=UTC),
    channel=Channel.EMAIL,
    unit=UNIT_B,
    closed="2026-03-30 08:20",
)
# Open, not yet due (Wednesday 24 June 16:30), for unit B.
# A voicemail Monday 11:00: 09:00-11:00 = 120 minutes to the first attempt.
PENDING = item("2026-06-22 09:00", unit=UNIT_B, attempts=(("2026-06-22 11:00", False),))
# Open and overdue since Thursday 18 June 16:30, for unit A.
OVERDUE = item("2026-06-16 10:00", unit=UNIT_A)
# Outside the period: Friday 27 March, and Sunday 29 March 23:30 in Stockholm.
BEFORE = item("2026-03-27 10:00", closed="2026-03-27 11:00")
SUNDAY_BEFORE = item(datetime(2026, 3, 29, 21, 30, tzinfo=UTC), closed="2026-03-30 09:00")

ITEMS = [
    EASTER_IN_TIME,
    EASTER_LATE,
    MIDSOMMAR_REASSIGNED,
    EMAIL_RESOLVED,
    EMAIL_AT_NIGHT,
    PENDING,
    OVERDUE,
    BEFORE,
    SUNDAY_BEFORE,
]


def test_the_figures_for_a_period_follow_the_definition() -> None:
    total = follow_up(ITEMS, PERIOD, NOW, CALENDAR).total
    # Seven received in the period (not BEFORE, not SUNDAY_BEFORE).
    assert total.received == 7
    # Answered: both Easter ones, midsommar, both e-mails.
    assert total.answered == 5
    # Within: Easter in time, midsommar, both e-mails = 4. Late: Easter late, overdue = 2.
    assert (total.within, total.late, total.pending) == (4, 2, 1)
    assert total.share_within == pytest.approx(4 / 6)
    # To answer [20, 270, 540, 1350, 1410]: median rank ceil(2.5) = 3 -> 540,
    # 90th ceil(4.5) = 5 -> 1410.
    assert (total.answer_median, total.answer_p90) == (540, 1410)
    # To first attempt [120, 210, 1350, 1410]: median rank 2 -> 210, 90th ceil(3.6) = 4 -> 1410.
    assert (total.first_attempt_median, total.first_attempt_p90) == (210, 1410)
    # Still open: pending and overdue; overdue now: overdue alone.
    assert (total.still_open, total.overdue_now) == (2, 1)
    # With attempts: both Easter ones (reached first), midsommar and pending (not) = 2 of 4.
    assert total.with_attempts == 4
    assert total.share_reached_first == 0.5


def test_the_figures_by_channel_count_each_channel_alone() -> None:
    by_channel = follow_up(ITEMS, PERIOD, NOW, CALENDAR).by_channel
    assert list(by_channel) == [Channel.PHONE, Channel.EMAIL]
    phone, email = by_channel[Channel.PHONE], by_channel[Channel.EMAIL]
    # Phone: Easter in time and midsommar within; Easter late and overdue late; pending.
    assert (phone.received, phone.within, phone.late, phone.pending) == (5, 2, 2, 1)
    assert phone.share_within == 0.5
    # To answer [270, 1350, 1410]: median rank 2 -> 1350, 90th ceil(2.7) = 3 -> 1410.
    assert (phone.answer_median, phone.answer_p90) == (1350, 1410)
    # E-mail: both resolved in time, never attempted.
    assert (email.received, email.within, email.late, email.share_within) == (2, 2, 0, 1.0)
    # To answer [20, 540]: median rank 1 -> 20, 90th rank 2 -> 540.
    assert (email.answer_median, email.answer_p90) == (20, 540)
    assert (email.with_attempts, email.share_reached_first) == (0, None)
    assert (email.first_attempt_median, email.first_attempt_p90) == (None, None)


def test_an_inquiry_counts_for_the_unit_it_was_for_when_it_came_in() -> None:
    unit_a = follow_up(ITEMS, PERIOD, NOW, CALENDAR, unit_id=UNIT_A).total
    unit_b = follow_up(ITEMS, PERIOD, NOW, CALENDAR, unit_id=UNIT_B).total
    # A: both Easter ones, midsommar (reassigned to B later), overdue. Within 2 of 4.
    assert (unit_a.received, unit_a.within, unit_a.late) == (4, 2, 2)
    # B: both e-mails and pending; midsommar is not here.
    assert (unit_b.received, unit_b.within, unit_b.late, unit_b.pending) == (3, 2, 0, 1)
    assert unit_b.share_within == 1.0


def test_a_period_without_inquiries_has_no_shares_or_times() -> None:
    empty = follow_up(ITEMS, Period.between(date(2026, 5, 4), date(2026, 5, 10)), NOW, CALENDAR)
    assert empty.total.received == 0
    assert empty.total.share_within is None
    assert empty.total.share_reached_first is None
    assert empty.total.answer_median is None
    assert empty.by_channel == {}


def test_only_pending_inquiries_have_no_share_within() -> None:
    figures = follow_up([PENDING], PERIOD, NOW, CALENDAR).total
    assert (figures.received, figures.pending, figures.share_within) == (1, 1, None)
    # Its first attempt still counts: 120 minutes; it has no answer yet.
    assert (figures.first_attempt_median, figures.answer_median) == (120, None)


# ------------------------------------------------------------------ week by week


def test_the_weekly_share_has_a_row_for_every_iso_week_of_the_period() -> None:
    rows = weekly_share(ITEMS, PERIOD, NOW, CALENDAR)
    # Mondays 30 March to 22 June: 13 weeks.
    assert len(rows) == 13
    assert rows[0].week_start == date(2026, 3, 30)
    assert rows[-1].week_start == date(2026, 6, 22)
    by_week = {row.week_start: row for row in rows}
    # Week 14: Easter in time and the night e-mail within, Easter late: 2 of 3.
    assert by_week[date(2026, 3, 30)].share == pytest.approx(2 / 3)
    assert by_week[date(2026, 3, 30)].count == 3
    # Week 16: the e-mail resolved in time.
    assert by_week[date(2026, 4, 13)] == WeekShare(date(2026, 4, 13), 1.0, 1)
    # Week 25: midsommar within, overdue late.
    assert by_week[date(2026, 6, 15)] == WeekShare(date(2026, 6, 15), 0.5, 2)
    # Week 26: only the pending one, which no share counts.
    assert by_week[date(2026, 6, 22)] == WeekShare(date(2026, 6, 22), None, 0)
    # A week without inquiries.
    assert by_week[date(2026, 5, 4)] == WeekShare(date(2026, 5, 4), None, 0)


def test_a_week_cut_by_the_period_counts_only_the_days_inside() -> None:
    # From Wednesday 1 April: the night e-mail of Monday 30 March is outside.
    rows = weekly_share(ITEMS, Period.between(date(2026, 4, 1), date(2026, 4, 8)), NOW, CALENDAR)
    # Week 14 (from Monday 30 March): Easter in time within, Easter late: 1 of 2. Week 15: none.
    assert rows == [WeekShare(date(2026, 3, 30), 0.5, 2), WeekShare(date(2026, 4, 6), None, 0)]


# ------------------------------------------------------------------ when they come in


def test_the_heat_map_counts_receipts_by_local_weekday_and_hour() -> None:
    heat = received_heat_map(ITEMS, TZ)
    assert len(heat) == 7 and all(len(row) == 24 for row in heat)
    # Thursday (3): Easter 10 and 11, midsommar 14. Monday (0): e-mail and pending at 9,
    # the night e-mail at 01:30 local (Sunday in UTC). Tuesday (1): overdue at 10.
    # Friday (4): BEFORE at 10. Sunday (6): SUNDAY_BEFORE at 23:30 local.
    expected = {(3, 10): 1, (3, 11): 1, (3, 14): 1, (0, 9): 2, (0, 1): 1, (1, 10): 1}
    expected |= {(4, 10): 1, (6, 23): 1}
    found = {
        (weekday, hour): count
        for weekday, row in enumerate(heat)
        for hour, count in enumerate(row)
        if count
    }
    assert found == expected
