"""The follow-up counted by the database (design §9): a year of inquiries in a few grouped scans.

Every inquiry carries the unit it came in for and its progress (`domain.followup.progress`),
so the figures need no attempt rows and no Python loop over a million inquiries: one scan of
the follow-up index counts each unit's weeks and channels, two more count the office minutes
as histograms, and `domain.followup.Tally` turns those counts into the same `Figures` the
item-by-item reference (`domain.followup.report`) gives.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.followup import (
    FollowUp,
    FollowUpItem,
    Report,
    Tally,
    UnitFollowUp,
    WeekShare,
)
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel, InquiryState, Outcome
from reception_tui.store.tables import CallbackAttempt, Inquiry

I = Inquiry.__table__  # type: ignore[attr-defined]  # noqa: E741
A = CallbackAttempt.__table__  # type: ignore[attr-defined]

UTC_AT = I.c.received_at.type
_ONE_WEEK = timedelta(days=7)
# (unit, channel, week) -> counts; (unit, channel) -> histograms.
_Key = tuple[int | None, Channel | None, int]


def report(
    engine: sa.Engine,
    calendar: WorkingCalendar,
    period: Period,
    now: datetime,
    units: Mapping[int, str],
    organisation: str,
) -> Report:
    """The follow-up of `period` for `units` (id: name, in the order to show) and for the whole
    organisation, as it stands at `now`. Counts every unit: a second or two for a million
    inquiries, most of it the office minutes' histograms."""
    weeks = _weeks(period)
    with engine.connect() as connection:
        parts = _unit_parts(connection, calendar, period, now, None)
    everyone = _Parts(weeks)
    for mine in parts.values():
        everyone.add(mine)

    def row(unit_id: int | None, name: str) -> UnitFollowUp:
        mine = everyone if unit_id is None else parts.get(unit_id, _Parts(weeks))
        return mine.row(unit_id, name, period)

    rows = [row(unit_id, name) for unit_id, name in units.items()]
    return Report(period, now, rows, row(None, organisation))


def units_follow_up(
    engine: sa.Engine,
    calendar: WorkingCalendar,
    period: Period,
    now: datetime,
    units: Mapping[int, str],
) -> list[UnitFollowUp]:
    """The follow-up of `units` alone, as `report` gives their rows: read through the index
    by unit, so a unit's figures take milliseconds however large the organisation."""
    weeks = _weeks(period)
    with engine.connect() as connection:
        parts = _unit_parts(connection, calendar, period, now, list(units))
    return [
        parts.get(unit_id, _Parts(weeks)).row(unit_id, name, period)
        for unit_id, name in units.items()
    ]


def organisation_shares(
    engine: sa.Engine, calendar: WorkingCalendar, period: Period, now: datetime
) -> tuple[float | None, list[WeekShare]]:
    """The whole organisation's share within the deadline over `period` and week by week,
    what the manager's screen sets beside the unit's: counted by week alone, with no office
    minutes, so one scan however many units there are."""
    weeks = _weeks(period)
    with engine.connect() as connection:
        counts = _counts(connection, _week_ranges(calendar, period), now, by_unit=False)
    by_week = [Tally() for _ in weeks]
    for (_, _, week), numbers in counts.items():
        by_week[week].add_counts(numbers)
    total = Tally()
    for tally in by_week:
        total.add(tally)
    return total.share_within, _week_shares(weeks, by_week)


def _unit_parts(
    connection: sa.Connection,
    calendar: WorkingCalendar,
    period: Period,
    now: datetime,
    unit_ids: Collection[int] | None,
) -> dict[int | None, _Parts]:
    """Each unit's counts by channel and by week, and its office minutes' histograms: for
    `unit_ids`, or every unit (None)."""
    weeks = _weeks(period)
    received = _received(calendar, period)
    # The histograms' indexes hold every received_at of a unit and channel, not a range: the
    # period is a filter on what they stream, which SQLite has to be told (unary +) lest it
    # search the follow-up index by it and sort, which takes twice as long.
    scanned = received
    if connection.dialect.name == "sqlite":
        scanned = _received(calendar, period, sa.literal_column("+inquiry.received_at", UTC_AT))
    of_units: list[sa.ColumnElement[bool]] = []
    if unit_ids is not None:
        of_units.append(I.c.unit_at_receipt_id.in_(unit_ids))
        scanned = sa.and_(scanned, *of_units)
    ranges = _week_ranges(calendar, period)
    counts = _counts(connection, ranges, now, by_unit=True, where=of_units)
    first_attempt = _histogram(connection, scanned, I.c.minutes_to_first_attempt)
    answer = _histogram(connection, scanned, I.c.minutes_to_answer)

    parts: dict[int | None, _Parts] = {}

    def part(unit: int | None) -> _Parts:
        if unit not in parts:
            parts[unit] = _Parts(weeks)
        return parts[unit]

    for (unit, channel, week), numbers in counts.items():
        mine = part(unit)
        mine.channel(channel).add_counts(numbers)
        mine.by_week[week].add_counts(numbers)
    for (unit, channel), histogram in first_attempt.items():
        part(unit).channel(channel).to_first_attempt.update(histogram)
    for (unit, channel), histogram in answer.items():
        part(unit).channel(channel).to_answer.update(histogram)
    return parts


def _received(
    calendar: WorkingCalendar, period: Period, column: sa.ColumnElement[Any] = I.c.received_at
) -> sa.ColumnElement[bool]:
    """Received in `period`: from its first local midnight to the one after its last day."""
    lo = _midnight(period.start, calendar)
    hi = _midnight(period.end + timedelta(days=1), calendar)
    return sa.and_(column >= lo, column < hi)


def _week_ranges(calendar: WorkingCalendar, period: Period) -> list[tuple[datetime, datetime]]:
    """Each ISO week of `period` as the moments it spans within the period: from a local
    midnight to the one where the next week (or the period) begins."""
    ends = [_midnight(monday, calendar) for monday in _weeks(period)[1:]]
    ends.append(_midnight(period.end + timedelta(days=1), calendar))
    starts = [_midnight(period.start, calendar), *ends[:-1]]
    return list(zip(starts, ends, strict=True))


class _Parts:
    """One unit's (or everyone's) tallies by channel and by week of the period."""

    def __init__(self, weeks: Sequence[date]) -> None:
        self.weeks = weeks
        self.by_channel: dict[Channel, Tally] = {}
        self.by_week = [Tally() for _ in weeks]

    def channel(self, channel: Channel) -> Tally:
        return self.by_channel.setdefault(channel, Tally())

    def add(self, other: _Parts) -> None:
        for channel, tally in other.by_channel.items():
            self.channel(channel).add(tally)
        for mine, theirs in zip(self.by_week, other.by_week, strict=True):
            mine.add(theirs)

    def row(self, unit_id: int | None, name: str, period: Period) -> UnitFollowUp:
        total = Tally()
        for tally in self.by_channel.values():
            total.add(tally)
        channels = {c: self.by_channel[c].figures() for c in Channel if c in self.by_channel}
        weekly = _week_shares(self.weeks, self.by_week)
        return UnitFollowUp(unit_id, name, FollowUp(period, total.figures(), channels), weekly)


def _week_shares(weeks: Sequence[date], tallies: Sequence[Tally]) -> list[WeekShare]:
    """Each week's share within the deadline, of how many (within + late)."""
    return [
        WeekShare(monday, tally.share_within, tally.within + tally.late)
        for monday, tally in zip(weeks, tallies, strict=True)
    ]


def _weeks(period: Period) -> list[date]:
    """The Mondays of the ISO weeks that overlap `period`."""
    monday = period.start - timedelta(days=period.start.weekday())
    weeks = []
    while monday <= period.end:
        weeks.append(monday)
        monday += _ONE_WEEK
    return weeks


def _midnight(day: date, calendar: WorkingCalendar) -> datetime:
    return datetime.combine(day, time(0), tzinfo=calendar.tz)


def _flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.sum(sa.case((condition, 1), else_=0))


def _counts(
    connection: sa.Connection,
    weeks: Sequence[tuple[datetime, datetime]],
    now: datetime,
    *,
    by_unit: bool,
    where: Sequence[sa.ColumnElement[bool]] = (),
) -> dict[_Key, Sequence[int]]:
    """The counts of `COUNTS` (in its order) by unit, channel and week (`by_unit`), or by
    week alone (then with None for unit and channel in the keys), of the inquiries received
    in `weeks`.

    One query a week, each a range of the follow-up index per unit and channel, grouped as it
    streams: half the time of grouping the year by a computed week, which has to sort it."""
    answered, due = I.c.answered_at, I.c.due_at
    unanswered = answered.is_(None)
    is_open = I.c.state == InquiryState.OPEN.value
    keys: list[sa.ColumnElement[Any]] = [sa.null(), sa.null()]
    if by_unit:
        keys = [I.c.unit_at_receipt_id, I.c.channel]
    query = sa.select(  # after unit and channel: domain.followup.COUNTS, in its order
        *keys,
        sa.func.count(),
        _flag(answered <= due),
        _flag(sa.or_(answered > due, sa.and_(unanswered, due < now))),
        _flag(sa.and_(unanswered, due >= now)),
        _flag(is_open),
        _flag(sa.and_(is_open, unanswered, due < now)),
        sa.func.count(I.c.first_attempt_reached),
        _flag(I.c.first_attempt_reached.is_(True)),
    ).where(*where)
    if by_unit:
        query = query.group_by(*keys)
    counts: dict[_Key, Sequence[int]] = {}
    for week, (start, end) in enumerate(weeks):
        of_week = query.where(I.c.received_at >= start, I.c.received_at < end)
        for unit, channel, *numbers in connection.execute(of_week):
            if numbers[0]:  # without groups, an empty week still gives a row of nothing
                counts[unit, channel and Channel(channel), week] = numbers
    return counts


def _histogram(
    connection: sa.Connection, received: sa.ColumnElement[bool], minutes: sa.Column[Any]
) -> dict[tuple[int | None, Channel], dict[int, int]]:
    """How many inquiries took each number of office minutes, by unit and channel.

    A year has a few hundred thousand (unit, channel, minutes) groups: the database hands
    each unit and channel's histogram over as one JSON object, which takes a tenth of the
    time of as many rows."""
    groups = (
        sa.select(
            I.c.unit_at_receipt_id.label("unit"),
            I.c.channel.label("channel"),
            minutes.label("minutes"),
            sa.func.count().label("n"),
        )
        .where(received, minutes.is_not(None))
        .group_by(I.c.unit_at_receipt_id, I.c.channel, minutes)  # as in MINUTES_INDEX
        .subquery()
    )
    sqlite = connection.dialect.name == "sqlite"
    as_json = sa.func.json_group_object if sqlite else sa.func.json_object_agg
    query = sa.select(
        groups.c.unit, groups.c.channel, as_json(groups.c.minutes, groups.c.n)
    ).group_by(groups.c.unit, groups.c.channel)
    histograms: dict[tuple[int | None, Channel], dict[int, int]] = {}
    for unit, channel, counted in connection.execute(query):
        pairs = json.loads(counted) if isinstance(counted, str) else counted
        histograms[unit, Channel(channel)] = {int(value): n for value, n in pairs.items()}
    return histograms


def follow_up_items(engine: sa.Engine) -> list[FollowUpItem]:
    """Every inquiry as the item-by-item reference (`domain.followup.report`) takes it: from
    its own columns and its attempt rows, not from the progress kept beside it. Reads the
    whole history; for tests and for measuring the counting in the database against."""
    inquiries = sa.select(
        I.c.id, I.c.received_at, I.c.due_at, I.c.channel, I.c.unit_at_receipt_id, I.c.state,
        I.c.closed_at,
    ).order_by(I.c.id)  # fmt: skip
    attempts = sa.select(A.c.inquiry_id, A.c.at, A.c.outcome).order_by(
        A.c.inquiry_id, A.c.at, A.c.id
    )
    with engine.connect() as connection:
        tried: dict[int, list[tuple[datetime, bool]]] = {}
        for inquiry_id, at, outcome in connection.execute(attempts):
            tried.setdefault(inquiry_id, []).append((at, outcome == Outcome.REACHED.value))
        items = []
        for id_, received, due, channel, unit, state, closed in connection.execute(inquiries):
            mine = tried.get(id_, [])
            items.append(
                FollowUpItem(
                    received_at=received,
                    due_at=due,
                    channel=Channel(channel),
                    unit_id_at_receipt=unit,
                    first_attempt_at=mine[0][0] if mine else None,
                    first_attempt_reached=mine[0][1] if mine else None,
                    first_reached_at=next((at for at, reached in mine if reached), None),
                    closed_at=closed,
                    state=InquiryState(state),
                )
            )
    return items


def received_heat_map(
    engine: sa.Engine,
    calendar: WorkingCalendar,
    period: Period,
    unit_ids: Collection[int] | None = None,
) -> tuple[tuple[int, ...], ...]:
    """How many inquiries of `period` (for `unit_ids`, or all) came in on each weekday (rows,
    0 = Monday) and local hour (columns, 0-23): when callers could not reach the unit.

    The database counts them by UTC quarter hour, at most 96 a day whatever the volume, and
    each is placed in local time here, where the time zone's rules are known: every zone's
    offset is a whole number of quarter hours (India +5:30, Nepal +5:45), not of hours.
    """
    received = I.c.received_at
    where = [_received(calendar, period)]
    if unit_ids is not None:
        where.append(I.c.unit_at_receipt_id.in_(unit_ids))
    heat = [[0] * 24 for _ in range(7)]
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            seconds = sa.cast(sa.func.strftime("%s", received), sa.BigInteger)
        else:
            seconds = sa.cast(sa.func.floor(sa.extract("epoch", received)), sa.BigInteger)
        quarter = (seconds - seconds % 900).label("quarter")  # when its UTC quarter began
        query = (
            sa.select(quarter, sa.func.count()).where(*where).group_by(sa.literal_column("quarter"))
        )
        for started, count in connection.execute(query):
            local = datetime.fromtimestamp(int(started), calendar.tz)
            heat[local.weekday()][local.hour] += count
    return tuple(tuple(row) for row in heat)
