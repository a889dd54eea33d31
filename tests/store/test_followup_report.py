"""The follow-up counted by the database gives the figures the item-by-item reference gives.

The inquiries are made through the repository as seats and the phone system make them: logged
at a moment in the past, called back (sometimes with an attempt dated earlier than the one
before), resolved, reopened, reassigned to someone in another unit.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.followup import received_heat_map as reference_heat_map
from reception_tui.domain.followup import report as reference
from reception_tui.domain.periods import Period
from reception_tui.domain.records import Channel, Outcome
from reception_tui.store.followup import (
    follow_up_items,
    organisation_shares,
    received_heat_map,
    report,
    units_follow_up,
)
from reception_tui.store.importer import StaffRow
from reception_tui.store.repository import Repository

PEOPLE = [
    StaffRow(line=n + 1, employee_number=f"{n:03d}", first_name=first, last_name="Ek", unit=unit)
    for n, (first, unit) in enumerate(
        [("Anna", "Bygglov"), ("Bo", "Bygglov"), ("Cia", "Skola"), ("Dan", "Skola")], start=1
    )
]


def _seat(repository: Repository, at: datetime) -> Repository:
    return Repository(
        repository.engine, actor="Karin Ek", clock=FixedClock(at), calendar=repository.calendar
    )


def _history(repository: Repository, seed: int, count: int) -> None:
    """`count` inquiries over the ten weeks before the clock's now, at random moments."""
    repository.import_staff(PEOPLE)
    now = repository.clock.now()
    people = {e.employee_number: e for e in repository.employees(default_status="available")}
    units = {unit.name: unit.id for unit in repository.units()}
    rng = random.Random(seed)
    for _ in range(count):
        received = now - timedelta(minutes=rng.randint(0, 70 * 24 * 60))
        seat = _seat(repository, received)
        person = rng.choice(list(people.values()))
        for_unit = rng.random() < 0.2
        inquiry = seat.add_inquiry(
            caller_name="Ringare",
            channel=rng.choice(list(Channel)),
            employee_id=None if for_unit else person.id,
            unit_id=units["Skola"] if for_unit else None,
            received_at=received,
        )
        version = inquiry.version
        if rng.random() < 0.3:  # reassigned to someone in another unit: it stays where it came
            other = rng.choice(list(people.values()))
            version = repository.reassign_inquiry(
                inquiry.id, employee_id=other.id, expected_version=version
            ).version
        moments = sorted(
            received + timedelta(minutes=rng.randint(0, 6 * 24 * 60))
            for _ in range(rng.randint(0, 3))
        )
        for at in moments:
            if at <= now:
                _seat(repository, at).log_attempt(inquiry.id, rng.choice(list(Outcome)), at=at)
        if moments and rng.random() < 0.3 and moments[0] <= now:
            # An attempt logged afterwards for a moment before the others.
            at = received + (moments[0] - received) / 2
            repository.log_attempt(inquiry.id, rng.choice(list(Outcome)), at=at)
        if rng.random() < 0.7:
            closed = received + timedelta(minutes=rng.randint(0, 8 * 24 * 60))
            if closed <= now:
                version = repository.resolve_inquiry(
                    inquiry.id, expected_version=version, at=closed
                ).version
                if rng.random() < 0.1:
                    repository.reopen_inquiry(inquiry.id, expected_version=version)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_database_counts_what_the_reference_counts(
    repository: Repository, calendar: WorkingCalendar, seed: int
) -> None:
    _history(repository, seed, 120)
    now = repository.clock.now()
    today = now.astimezone(calendar.tz).date()
    units = {unit.id: unit.name for unit in repository.units()}
    items = follow_up_items(repository.engine)
    for period in (
        Period.last_twelve_months(today),
        Period.last_month(today),
        Period.this_week(today),
        Period.between(today - timedelta(days=40), today - timedelta(days=20)),
    ):
        counted = report(repository.engine, calendar, period, now, units, "Kommunen")
        expected = reference(items, units, "Kommunen", period, now, calendar)
        assert counted == expected, period
        # A manager's screen: one unit read alone, and the organisation's shares beside it.
        for unit_id, name in list(units.items())[:3]:
            alone = units_follow_up(repository.engine, calendar, period, now, {unit_id: name})
            assert alone == [row for row in expected.units if row.unit_id == unit_id]
        share, weekly = organisation_shares(repository.engine, calendar, period, now)
        whole = expected.organisation
        assert (share, weekly) == (whole.follow_up.total.share_within, whole.weekly), period


def test_an_inquiry_counts_for_the_unit_it_came_in_for_after_a_reassignment(
    repository: Repository, calendar: WorkingCalendar
) -> None:
    repository.import_staff(PEOPLE)
    people = {e.first_name: e for e in repository.employees(default_status="available")}
    units = {unit.name: unit.id for unit in repository.units()}
    inquiry = repository.add_inquiry(caller_name="Ringare", employee_id=people["Anna"].id)
    repository.reassign_inquiry(
        inquiry.id, employee_id=people["Cia"].id, expected_version=inquiry.version
    )
    now = repository.clock.now()
    period = Period.this_week(now.astimezone(calendar.tz).date())
    names = {unit_id: name for name, unit_id in units.items()}
    counted = report(repository.engine, calendar, period, now, names, "Kommunen")
    received = {row.name: row.follow_up.total.received for row in counted.units}
    assert received == {"Bygglov": 1, "Skola": 0}
    assert counted.organisation.follow_up.total.received == 1


def test_a_callback_reaching_the_caller_answers_the_inquiry_before_it_is_closed(
    repository: Repository, calendar: WorkingCalendar, clock: FixedClock
) -> None:
    repository.import_staff(PEOPLE)
    anna = next(e for e in repository.employees(default_status="available"))
    received = clock.now() - timedelta(days=1)  # Tuesday 09:00
    inquiry = repository.add_inquiry(
        caller_name="Ringare", employee_id=anna.id, received_at=received
    )
    repository.log_attempt(inquiry.id, Outcome.NO_ANSWER, at=received + timedelta(hours=1))
    repository.log_attempt(inquiry.id, Outcome.REACHED, at=received + timedelta(hours=2))
    today = clock.now().astimezone(calendar.tz).date()
    period = Period.between(today - timedelta(days=1), today)
    counted = report(repository.engine, calendar, period, clock.now(), {}, "Kommunen")
    total = counted.organisation.follow_up.total
    # Open still, but answered at 11:00: within the deadline, neither pending nor overdue.
    assert (total.received, total.answered, total.within, total.pending) == (1, 1, 1, 0)
    assert (total.still_open, total.overdue_now) == (1, 0)
    assert (total.first_attempt_median, total.answer_median) == (60, 120)
    assert (total.with_attempts, total.share_reached_first) == (1, 0.0)
    assert counted.period == period and date(2026, 12, 1) in period


@pytest.mark.parametrize("seed", [3])
def test_the_heat_map_counted_by_the_database_is_the_reference_one(
    repository: Repository, calendar: WorkingCalendar, seed: int
) -> None:
    _history(repository, seed, 80)
    now = repository.clock.now()
    today = now.astimezone(calendar.tz).date()
    items = follow_up_items(repository.engine)
    bygglov = next(unit.id for unit in repository.units() if unit.name == "Bygglov")
    # Ten weeks back: across the change from summer to winter time on 25 October.
    period = Period.between(today - timedelta(days=70), today)
    for units in (None, [bygglov]):
        mine = [
            item
            for item in items
            if item.received_at.astimezone(calendar.tz).date() in period
            and (units is None or item.unit_id_at_receipt in units)
        ]
        counted = received_heat_map(repository.engine, calendar, period, units)
        assert counted == reference_heat_map(mine, calendar.tz)
        assert sum(map(sum, counted)) == len(mine) > 0


def test_the_heat_map_places_each_inquiry_in_its_local_hour_where_zones_are_not_whole_hours(
    repository: Repository, calendar: WorkingCalendar
) -> None:
    """India is UTC+5:30, Nepal UTC+5:45: the database's UTC hour 10-11 is two local hours
    there, so counting by UTC hour would put 10:20 and 10:50 UTC in one of them."""
    repository.import_staff(PEOPLE)
    unit = next(unit.id for unit in repository.units() if unit.name == "Bygglov")
    monday = datetime(2026, 11, 2, tzinfo=UTC)
    moments = [monday.replace(hour=10, minute=minute) for minute in (5, 20, 50)]
    for at in moments:
        _seat(repository, at).add_inquiry(caller_name="Eva", unit_id=unit, received_at=at)
    for zone in ("Asia/Kolkata", "Asia/Kathmandu", "Europe/Stockholm"):
        tz = ZoneInfo(zone)
        local = WorkingCalendar(tz, {}, calendar.answer_working_days)  # hours unused
        period = Period.between(date(2026, 11, 1), date(2026, 11, 3))
        expected = [[0] * 24 for _ in range(7)]
        for at in moments:
            expected[at.astimezone(tz).weekday()][at.astimezone(tz).hour] += 1
        heat = received_heat_map(repository.engine, local, period)
        assert heat == tuple(map(tuple, expected)), zone
