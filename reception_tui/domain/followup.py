"""The follow-up's figures: how quickly inquiries were answered, as the design defines them (§9).

One definition for the manager's screen, the `report` command and the tests. Pure Python: the
store reads each inquiry into a `FollowUpItem`, and everything here is counting.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from math import ceil
from operator import itemgetter
from zoneinfo import ZoneInfo

from reception_tui.domain.calendar import WorkingCalendar, past_due
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel, InquiryState

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)
_ONE_MINUTE = timedelta(minutes=1)
_NO_TIME = timedelta(0)


def office_minutes(calendar: WorkingCalendar, start: datetime, end: datetime) -> int:
    """Whole minutes of office hours on working days from `start` to `end` (aware); 0 if
    `end` is not after `start`.

    Evenings, weekends and holidays do not count: an inquiry received on Friday at 16:00 and
    answered on Monday at 08:30 (office hours 08:00-16:30) waited 30 + 30 = 60 minutes.
    """
    if end <= start:
        return 0
    # In UTC, as the office windows are, so that a day on which the clocks change counts its
    # real length.
    if start.tzinfo is not UTC:
        start = start.astimezone(UTC)
    if end.tzinfo is not UTC:
        end = end.astimezone(UTC)
    tz = calendar.tz
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    office_window = calendar.office_window
    elapsed = _NO_TIME
    while day <= last:
        window = office_window(day)
        if window is not None:
            opens, closes = window
            begin = start if start > opens else opens
            finish = end if end < closes else closes
            if finish > begin:
                elapsed += finish - begin
        day += _ONE_DAY
    return elapsed // _ONE_MINUTE


def nearest_rank(values: Sequence[int], percent: float) -> int | None:
    """The `percent`-th percentile of `values` by nearest rank; None when there are none.

    Sorted ascending, it is the value at rank ceil(percent / 100 * n), counting from 1 (and at
    least rank 1). It is always one of the values, never an average of two: the median of
    [10, 20, 30, 40] is 20, its 90th percentile is 40 (rank ceil(3.6) = 4).
    """
    return counted_rank(Counter(values), percent)


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """What the figures need of one inquiry.

    `unit_id_at_receipt` is the unit it was for when it came in (its unit, or its employee's
    unit then): a later reassignment does not move it between units' figures.
    `first_attempt_reached` is None when there has been no attempt; `first_reached_at` is
    the first attempt whose outcome was reached, if any; `closed_at` counts only while the
    inquiry is closed (a reopened one is not resolved).
    """

    received_at: datetime
    due_at: datetime
    channel: Channel
    unit_id_at_receipt: int | None
    first_attempt_at: datetime | None
    first_attempt_reached: bool | None
    first_reached_at: datetime | None
    closed_at: datetime | None
    state: InquiryState

    @property
    def answered_at(self) -> datetime | None:
        """The earlier of the first attempt that reached the caller and the resolution."""
        resolved = self.closed_at if self.state is InquiryState.CLOSED else None
        times = [at for at in (self.first_reached_at, resolved) if at is not None]
        return min(times, default=None)


@dataclass(frozen=True, slots=True)
class Progress:
    """What an inquiry's attempts and resolution say about it, kept beside it in the store so
    that the figures for a year are counted by the database, not read row by row.

    Minutes are office minutes from receipt (`office_minutes`), with the office hours in force
    when the attempt or the answer was recorded, as `due_at` is fixed with those at receipt.
    """

    first_attempt_at: datetime | None
    first_attempt_reached: bool | None
    answered_at: datetime | None
    minutes_to_first_attempt: int | None
    minutes_to_answer: int | None


def progress(
    received_at: datetime,
    attempts: Iterable[tuple[datetime, bool]],
    closed_at: datetime | None,
    calendar: WorkingCalendar,
) -> Progress:
    """The progress of an inquiry received at `received_at`, given its attempts as (when,
    reached) in the order they were logged, and `closed_at` while it is closed (None if open)."""
    ordered = sorted(attempts, key=itemgetter(0))  # stable: logged order on ties
    first = ordered[0][0] if ordered else None
    reached = next((at for at, reached in ordered if reached), None)
    if reached is None or closed_at is None:
        answered = closed_at if reached is None else reached
    else:
        answered = min(reached, closed_at)
    to_first = None if first is None else office_minutes(calendar, received_at, first)
    to_answer = None
    if answered is not None:
        # Mostly the first attempt answered: its minutes need not be counted twice.
        same = answered == first
        to_answer = to_first if same else office_minutes(calendar, received_at, answered)
    return Progress(
        first_attempt_at=first,
        first_attempt_reached=ordered[0][1] if ordered else None,
        answered_at=answered,
        minutes_to_first_attempt=to_first,
        minutes_to_answer=to_answer,
    )


class Standing(Enum):
    """Where an inquiry stands against its deadline at a given moment."""

    WITHIN = "within"  # answered at or before due_at
    LATE = "late"  # answered after due_at, or unanswered with due_at passed
    PENDING = "pending"  # unanswered and not yet due: left out of the share


def standing(item: FollowUpItem, now: datetime) -> Standing:
    answered = item.answered_at
    if answered is not None:
        return Standing.WITHIN if answered <= item.due_at else Standing.LATE
    return Standing.LATE if past_due(item.due_at, now) else Standing.PENDING


@dataclass(frozen=True, slots=True)
class Figures:
    """The follow-up's measures for one set of inquiries.

    Times are office-hours minutes from receipt (`office_minutes`); medians and 90th
    percentiles by nearest rank (`nearest_rank`), None when nothing was measured. Shares are
    fractions from 0 to 1, None without a denominator.
    """

    received: int
    answered: int
    within: int
    late: int
    pending: int
    share_within: float | None
    first_attempt_median: int | None
    first_attempt_p90: int | None
    answer_median: int | None
    answer_p90: int | None
    still_open: int
    overdue_now: int
    with_attempts: int
    share_reached_first: float | None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The figures for all the inquiries received in `period`, and for each channel that had any."""

    period: Period
    total: Figures
    by_channel: Mapping[Channel, Figures]


@dataclass(frozen=True, slots=True)
class UnitFollowUp:
    """One row of a report: a unit's follow-up (or the whole organisation's, `unit_id` None)
    and its weekly share within the deadline."""

    unit_id: int | None
    name: str
    follow_up: FollowUp
    weekly: Sequence[WeekShare]


@dataclass(frozen=True, slots=True)
class Report:
    """The follow-up of a period for some units and for the whole organisation, as it stood
    at `made_at`."""

    period: Period
    made_at: datetime
    units: Sequence[UnitFollowUp]
    organisation: UnitFollowUp


def report(
    items: Iterable[FollowUpItem],
    units: Mapping[int, str],
    organisation: str,
    period: Period,
    now: datetime,
    calendar: WorkingCalendar,
) -> Report:
    """The report computed item by item in Python: the reference the store's counting in
    the database is tested and measured against. `units` are the units wanted, by id."""
    received = received_in(items, period, calendar.tz)

    def row(unit_id: int | None, name: str) -> UnitFollowUp:
        mine = [i for i in received if unit_id is None or i.unit_id_at_receipt == unit_id]
        return UnitFollowUp(
            unit_id,
            name,
            follow_up(mine, period, now, calendar),
            weekly_share(mine, period, now, calendar),
        )

    rows = [row(unit_id, name) for unit_id, name in units.items()]
    return Report(period, now, rows, row(None, organisation))


def received_in(items: Iterable[FollowUpItem], period: Period, tz: ZoneInfo) -> list[FollowUpItem]:
    """The items whose `received_at` falls on a date of `period` in `tz`."""
    return [item for item in items if item.received_at.astimezone(tz).date() in period]


def follow_up(
    items: Iterable[FollowUpItem],
    period: Period,
    now: datetime,
    calendar: WorkingCalendar,
    unit_id: int | None = None,
) -> FollowUp:
    """The figures for the items received in `period` (all of them, or those of `unit_id` when
    they came in), as they stand at `now`."""
    received = [
        item
        for item in received_in(items, period, calendar.tz)
        if unit_id is None or item.unit_id_at_receipt == unit_id
    ]
    by_channel = {
        channel: figures([item for item in received if item.channel is channel], now, calendar)
        for channel in Channel
        if any(item.channel is channel for item in received)
    }
    return FollowUp(period, figures(received, now, calendar), by_channel)


def figures(items: Sequence[FollowUpItem], now: datetime, calendar: WorkingCalendar) -> Figures:
    """The measures for exactly `items`, as they stand at `now`."""
    tally = Tally()
    for item in items:
        tally.count(item, now, calendar)
    return tally.figures()


@dataclass(slots=True)
class Tally:
    """Counts from which `Figures` follow: filled item by item (`count`), or by the database
    from its grouped counts, and added up (`add`) from weeks or channels to a unit, from
    units to the organisation. Times are kept as histograms (minutes: how many), so that
    percentiles add up exactly."""

    received: int = 0
    within: int = 0
    late: int = 0
    pending: int = 0
    still_open: int = 0
    overdue_now: int = 0
    with_attempts: int = 0
    reached_first: int = 0
    to_first_attempt: Counter[int] = field(default_factory=Counter)
    to_answer: Counter[int] = field(default_factory=Counter)

    def count(self, item: FollowUpItem, now: datetime, calendar: WorkingCalendar) -> None:
        """Add one item as it stands at `now`."""
        self.received += 1
        match standing(item, now):
            case Standing.WITHIN:
                self.within += 1
            case Standing.LATE:
                self.late += 1
            case Standing.PENDING:
                self.pending += 1
        answered = item.answered_at
        if item.state is InquiryState.OPEN:
            self.still_open += 1
            if answered is None and past_due(item.due_at, now):
                self.overdue_now += 1
        if item.first_attempt_reached is not None:
            self.with_attempts += 1
            self.reached_first += item.first_attempt_reached
        if item.first_attempt_at is not None:
            self.to_first_attempt[
                office_minutes(calendar, item.received_at, item.first_attempt_at)
            ] += 1
        if answered is not None:
            self.to_answer[office_minutes(calendar, item.received_at, answered)] += 1

    def add(self, other: Tally) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.to_first_attempt:  # most tallies added up (a unit's weeks) have none
            self.to_first_attempt.update(other.to_first_attempt)
        if other.to_answer:
            self.to_answer.update(other.to_answer)

    @property
    def share_within(self) -> float | None:
        """Within the deadline of those within or late: a week's share needs no more."""
        return _share(self.within, self.within + self.late)

    def add_counts(self, numbers: Sequence[int]) -> None:
        """Add counts given in the order of `COUNTS` (as the database counts them)."""
        for name, number in zip(COUNTS, numbers, strict=True):
            setattr(self, name, getattr(self, name) + number)

    def figures(self) -> Figures:
        return Figures(
            received=self.received,
            answered=self.to_answer.total(),
            within=self.within,
            late=self.late,
            pending=self.pending,
            share_within=self.share_within,
            first_attempt_median=counted_rank(self.to_first_attempt, 50),
            first_attempt_p90=counted_rank(self.to_first_attempt, 90),
            answer_median=counted_rank(self.to_answer, 50),
            answer_p90=counted_rank(self.to_answer, 90),
            still_open=self.still_open,
            overdue_now=self.overdue_now,
            with_attempts=self.with_attempts,
            share_reached_first=_share(self.reached_first, self.with_attempts),
        )


# Tally's counts (its histograms aside), in the order the store selects them.
COUNTS = (
    "received",
    "within",
    "late",
    "pending",
    "still_open",
    "overdue_now",
    "with_attempts",
    "reached_first",
)


def counted_rank(histogram: Mapping[int, int], percent: float) -> int | None:
    """`nearest_rank` of the values a histogram (value: how many times) holds, without
    spelling them out: the same answer for a year of inquiries counted by the database."""
    total = sum(histogram.values())
    if not total:
        return None
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be 0 to 100, got {percent}")
    rank = max(1, ceil(percent / 100 * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


@dataclass(frozen=True, slots=True)
class WeekShare:
    """One ISO week of a period: its Monday, its share within the deadline, and how many
    inquiries that share is of (within + late; pending ones are not counted)."""

    week_start: date
    share: float | None
    count: int


def weekly_share(
    items: Iterable[FollowUpItem], period: Period, now: datetime, calendar: WorkingCalendar
) -> list[WeekShare]:
    """The share within the deadline for each ISO week (Monday first) that overlaps `period`,
    of the items received in both, by dates in the calendar's time zone."""
    tz = calendar.tz
    counts: dict[date, list[int]] = {}
    monday = period.start - timedelta(days=period.start.weekday())
    while monday <= period.end:
        counts[monday] = [0, 0]  # within, late
        monday += _ONE_WEEK
    for item in received_in(items, period, tz):
        day = item.received_at.astimezone(tz).date()
        week = counts[day - timedelta(days=day.weekday())]
        match standing(item, now):
            case Standing.WITHIN:
                week[0] += 1
            case Standing.LATE:
                week[1] += 1
            case Standing.PENDING:
                pass
    return [
        WeekShare(monday, _share(within, within + late), within + late)
        for monday, (within, late) in counts.items()
    ]


def received_heat_map(items: Iterable[FollowUpItem], tz: ZoneInfo) -> tuple[tuple[int, ...], ...]:
    """How many items were received in each weekday (rows, 0 = Monday) and hour (columns,
    0-23) in local time in `tz`: `heat[weekday][hour]`."""
    heat = [[0] * 24 for _ in range(7)]
    for item in items:
        local = item.received_at.astimezone(tz)
        heat[local.weekday()][local.hour] += 1
    return tuple(tuple(row) for row in heat)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
