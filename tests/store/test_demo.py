"""The demo municipality: its size, its people, who is away, and the callback queue."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from reception_tui.clock import FixedClock
from reception_tui.config import default_settings
from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.phones import normalise_phone
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.records import Channel, EmployeeRecord, InquiryState
from reception_tui.store import demo
from reception_tui.store.demo import DemoSummary, build_demo
from reception_tui.store.engine import make_engine
from reception_tui.store.migrate import upgrade
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Inquiry

TZ = ZoneInfo("Europe/Stockholm")
# A Wednesday mid-morning, an ordinary working day.
WEDNESDAY = datetime(2025, 3, 12, 10, 15, tzinfo=TZ)
STATUSES: tuple[StatusCode, ...] = default_settings().status_codes()
INQUIRY = Inquiry.__table__  # type: ignore[attr-defined]
BY_CODE = {status.code: status for status in STATUSES}
AVAILABLE = "available"
UNITS = {
    "Kommunledning", "Socialtjänst", "Bygg och miljö", "Barn och utbildning",
    "Teknisk förvaltning", "Kultur och fritid", "Äldreomsorg", "Ekonomi", "HR och lön",
    "Kommunikation", "Räddningstjänst", "Överförmyndare",
}  # fmt: skip

Build = Callable[..., tuple[Repository, DemoSummary]]


def _calendar() -> WorkingCalendar:
    return WorkingCalendar(TZ, {day: OfficeHours(time(8), time(16, 30)) for day in range(5)}, 2)


def _build(
    path: Path,
    *,
    at: datetime = WEDNESDAY,
    employees: int = 200,
    seed: int = 1,
    history: int | None = None,
) -> tuple[Repository, DemoSummary]:
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    repository = Repository(engine, actor="demo", clock=FixedClock(at), calendar=_calendar())
    summary = build_demo(repository, STATUSES, employees=employees, seed=seed, history=history)
    return repository, summary


@pytest.fixture
def build(tmp_path: Path) -> Build:
    count = iter(range(1_000))

    def make(**kwargs: object) -> tuple[Repository, DemoSummary]:
        return _build(tmp_path / f"demo{next(count)}.sqlite3", **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repository, DemoSummary]:
    return _build(tmp_path_factory.mktemp("demo") / "demo.sqlite3")


def _staff(repository: Repository) -> list[EmployeeRecord]:
    return repository.employees(default_status=AVAILABLE)


def test_the_default_demo_has_twelve_units_and_200_people(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, summary = default_demo
    staff = _staff(repository)
    assert {unit.name for unit in repository.units()} == UNITS
    assert summary.units == 12
    assert summary.employees == len(staff) == 200
    assert all(person.active and person.unit_id is not None for person in staff)
    assert all(person.title and person.keywords and person.visiting_address for person in staff)
    assert sorted(person.employee_number or "" for person in staff) == [
        f"E{n:05d}" for n in range(1, 201)
    ]
    assert Counter(person.unit_name for person in staff).most_common()[-1][1] >= 2


def test_extensions_and_e_mails_are_unique_and_numbers_valid(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    staff = _staff(default_demo[0])
    extensions = [person.extension for person in staff]
    emails = [person.email for person in staff]
    assert len(set(extensions)) == len(extensions)
    assert all(re.fullmatch(r"[2-9]\d{3}", extension) for extension in extensions)
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z-]+\.[a-z-]+\d*@demo\.kommun\.se", email) for email in emails), (
        emails
    )
    assert all(normalise_phone(person.mobile) == person.mobile for person in staff)
    assert all(person.mobile.startswith("+467") for person in staff)


def test_names_include_swedish_letters(default_demo: tuple[Repository, DemoSummary]) -> None:
    staff = _staff(default_demo[0])
    names = {person.name for person in staff}
    assert {"Åsa Öberg", "Jöns Ärlig", "Anna Berg", "Anna Bergström"} <= names
    assert any(re.search("[åäöÅÄÖ]", name) for name in names - {"Åsa Öberg", "Jöns Ärlig"})
    assert any("-" in name for name in names)
    oberg = next(person for person in staff if person.name == "Åsa Öberg")
    assert oberg.email == "asa.oberg@demo.kommun.se"
    assert oberg.title == "Kommundirektör"


def test_some_are_away_and_redirected_with_return_times_ahead(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, summary = default_demo
    now = repository.clock.now()
    staff = _staff(repository)
    by_id = {person.id: person for person in staff}
    away = [person for person in staff if person.presence.version > 0]
    assert len(away) == summary.away == 30
    for person in away:
        status = BY_CODE[person.presence.status_code]
        assert not status.available
        assert person.presence.return_at is not None
        assert person.presence.return_at > now
        target = person.presence.redirect_employee_id
        if target is not None:
            assert target != person.id
            assert by_id[target].unit_id == person.unit_id
    to_colleague = [p for p in away if p.presence.redirect_employee_id is not None]
    to_number = [p for p in away if p.presence.redirect_number is not None]
    assert to_colleague
    assert summary.redirected == len(to_colleague) + len(to_number)
    for person in to_number:
        number = person.presence.redirect_number
        assert number is not None
        assert normalise_phone(number) == number
    # Lunch lasts about an hour; sickness and holidays end at an opening on a later day.
    for person in away:
        back = person.presence.return_at
        assert back is not None
        local = back.astimezone(TZ)
        if person.presence.status_code == "lunch":
            assert 30 <= (back - now).total_seconds() / 60 <= 80
        if person.presence.status_code in ("lunch", "meeting", "out"):
            assert local.date() == WEDNESDAY.date()
            assert local.time() <= time(16, 30)
        if person.presence.status_code in ("sick", "vacation", "gone"):
            assert local.date() > WEDNESDAY.date()
            assert local.time() == time(8)


def test_people_went_away_at_different_moments_before_now(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    """So that the manager's "away for" says something on the demo."""
    repository, _ = default_demo
    now = repository.clock.now()
    away = [person for person in _staff(repository) if person.presence.version > 0]
    moments = [person.presence.set_at for person in away]
    assert all(moment is not None and moment < now for moment in moments)
    assert len(set(moments)) > 5
    for person in away:
        went = person.presence.set_at
        assert went is not None
        if person.presence.status_code in ("lunch", "meeting", "out"):
            assert timedelta(minutes=5) <= now - went <= timedelta(hours=1)
        if person.presence.status_code in ("sick", "vacation"):
            assert went.astimezone(TZ).time() == time(8)  # an opening, this week
            assert now - went < timedelta(days=8)


def test_the_queue_has_open_overdue_and_closed_inquiries(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, summary = default_demo
    now = repository.clock.now()
    everything = repository.inquiries()
    still_open = [item for item in everything if item.state is InquiryState.OPEN]
    closed = [item for item in everything if item.state is InquiryState.CLOSED]
    overdue = [item for item in still_open if item.due_at < now]
    assert len(still_open) == summary.inquiries_open == 25
    assert 3 <= len(overdue) == summary.inquiries_overdue <= 5
    assert summary.inquiries_closed == 20
    assert summary.inquiries_history == 25 * 200
    assert len(closed) == summary.inquiries_closed + summary.inquiries_history
    today = now.astimezone(TZ).date()
    assert any(item.due_at.astimezone(TZ).date() == today for item in still_open)
    assert any(item.due_at.astimezone(TZ).date() > today for item in still_open)
    assert any(item.unit_id is not None and item.employee_id is None for item in everything)
    assert Counter(item.channel for item in everything).most_common(1)[0][0] is Channel.PHONE
    for item in everything:
        assert item.received_at < now
        assert item.caller_name.strip() and item.subject and item.for_name
        if item.caller_number is not None:
            assert normalise_phone(item.caller_number) == item.caller_number
        if item.channel is Channel.PHONE:
            assert item.caller_number is not None
        if item.channel is Channel.EMAIL:
            assert item.caller_email is not None and "@" in item.caller_email
    for item in closed:
        assert item.closed_at is not None
        assert item.received_at < item.closed_at < now
    # Ids grow with the time received, as they would at a real desk: in the history, and
    # in what the desk has had since.
    history = summary.inquiries_history
    by_id = sorted(everything, key=lambda item: item.id)
    for part in (by_id[:history], by_id[history:]):
        assert [item.received_at for item in part] == sorted(item.received_at for item in part)


def test_most_inquiries_arrive_in_office_hours(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, _ = default_demo
    everything = repository.inquiries()
    in_hours = [item for item in everything if repository.calendar.is_open(item.received_at)]
    assert len(in_hours) >= 0.8 * len(everything)


def test_some_inquiries_have_callback_attempts(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, _ = default_demo
    tried = [item for item in repository.inquiries() if item.attempts > 0]
    assert tried
    for item in tried:
        attempts = repository.attempts(item.id)
        assert all(item.received_at < attempt.at < repository.clock.now() for attempt in attempts)
        if item.closed_at is not None:
            assert all(attempt.at <= item.closed_at for attempt in attempts)


def test_the_demo_builds_on_every_database(repository: Repository) -> None:
    """On the shared fixtures: SQLite, and PostgreSQL where one is configured."""
    summary = build_demo(repository, STATUSES, employees=100)
    now = repository.clock.now()
    staff = _staff(repository)
    assert summary.employees == len(staff) == 100
    assert summary.units == len(repository.units()) == 12
    away = [person for person in staff if person.presence.version]
    assert len(away) == summary.away == 15
    assert all(p.presence.return_at is not None and p.presence.return_at > now for p in away)
    everything = repository.inquiries()
    assert all(item.received_at < now for item in everything)
    assert summary.inquiries_overdue >= 3
    assert summary.inquiries_history == 2500
    expected = summary.inquiries_open + summary.inquiries_closed + summary.inquiries_history
    assert expected == len(everything)


def test_only_the_given_away_statuses_are_used(
    repository: Repository, statuses: tuple[StatusCode, ...]
) -> None:
    build_demo(repository, statuses, employees=60)
    used = {p.presence.status_code for p in _staff(repository) if p.presence.version}
    assert used
    assert used <= {status.code for status in statuses if not status.available}


def test_the_same_seed_gives_the_same_demo(build: Build) -> None:
    first, _ = build(employees=40, seed=7)
    second, _ = build(employees=40, seed=7)

    def names(repository: Repository) -> list[tuple[str, str, str, str | None]]:
        return [
            (p.employee_number or "", p.name, p.email, p.presence.redirect_number)
            for p in _staff(repository)
        ]

    def queue(repository: Repository) -> list[tuple[str, str, datetime]]:
        return [(i.caller_name, i.subject, i.received_at) for i in repository.inquiries()]

    assert names(first) == names(second)
    assert queue(first) == queue(second)


def test_another_seed_gives_other_people() -> None:
    def names(seed: int) -> list[str]:
        return [person.row.name for person in demo._people(random.Random(seed), 200)]

    assert names(7) == names(7)
    assert names(7) != names(8)


@pytest.mark.parametrize(
    "at",
    [
        datetime(2025, 3, 15, 14, 0, tzinfo=TZ),  # Saturday
        datetime(2025, 3, 12, 6, 45, tzinfo=TZ),  # before opening
        datetime(2025, 3, 12, 21, 30, tzinfo=TZ),  # evening
        datetime(2025, 12, 24, 11, 0, tzinfo=TZ),  # julafton, the office is closed
    ],
)
def test_any_moment_gives_a_consistent_demo(build: Build, at: datetime) -> None:
    repository, summary = build(at=at, employees=80)
    now = repository.clock.now()
    staff = _staff(repository)
    for person in staff:
        if person.presence.version:
            assert person.presence.return_at is not None
            assert person.presence.return_at > now
    # Nobody is at lunch while the office is closed.
    assert all(person.presence.status_code not in ("lunch", "meeting", "out") for person in staff)
    everything = repository.inquiries()
    assert all(item.received_at < now for item in everything)
    assert summary.inquiries_overdue >= 3
    assert summary.inquiries_overdue == sum(
        1 for item in everything if item.state is InquiryState.OPEN and item.due_at < now
    )


def test_2000_people_make_more_units_none_too_large(build: Build) -> None:
    repository, summary = build(employees=2_000, history=0)
    staff = _staff(repository)
    sizes = Counter(person.unit_name for person in staff)
    assert summary.employees == len(staff) == 2_000
    assert summary.units == len(sizes) > 12
    assert "Äldreomsorg område 2" in sizes
    assert max(sizes.values()) <= demo.MAX_UNIT_SIZE
    assert len({person.extension for person in staff}) == 2_000
    assert summary.inquiries_open == 250


def test_a_large_municipality_is_split_into_areas() -> None:
    units = demo._unit_sizes(100_000)
    assert sum(size for _, _, size in units) == 100_000
    assert max(size for _, _, size in units) <= demo.MAX_UNIT_SIZE
    assert len({name for _, name, _ in units}) == len(units)


def test_more_than_8000_people_get_five_digit_extensions() -> None:
    people = demo._people(random.Random(1), 9_000)
    extensions = [person.row.extension for person in people]
    assert len(set(extensions)) == 9_000
    assert all(len(extension) == 5 for extension in extensions)
    assert len({person.row.email for person in people}) == 9_000


def test_a_tiny_demo_still_builds(build: Build) -> None:
    repository, summary = build(employees=5)
    assert summary.employees == len(_staff(repository)) == 5
    assert summary.inquiries_open >= 1


def test_no_employees_is_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    repository = Repository(engine, actor="demo", clock=FixedClock(WEDNESDAY), calendar=_calendar())
    with pytest.raises(ValueError, match="employees"):
        build_demo(repository, STATUSES, employees=0)


# --- History ---------------------------------------------------------------------------------

_HISTORY = (
    sa.select(
        INQUIRY.c.received_at,
        INQUIRY.c.due_at,
        INQUIRY.c.answered_at,
        INQUIRY.c.closed_at,
        INQUIRY.c.state,
        INQUIRY.c.unit_at_receipt_id,
        INQUIRY.c.minutes_to_answer,
    )
    .where(INQUIRY.c.received_at < WEDNESDAY - timedelta(days=21))
    .order_by(INQUIRY.c.id)
)


def _history(repository: Repository) -> list[sa.Row[Any]]:
    """The demo's inquiries from before its last three weeks: its history only."""
    with repository.engine.connect() as connection:
        return list(connection.execute(_HISTORY))


def _late_share(rows: Sequence[sa.Row[Any]]) -> float:
    return sum(1 for row in rows if row.answered_at > row.due_at) / len(rows)


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repository, DemoSummary]:
    return _build(tmp_path_factory.mktemp("history") / "demo.sqlite3", history=40_000)


def test_the_history_is_a_year_of_answered_inquiries_most_within_the_deadline(
    default_demo: tuple[Repository, DemoSummary],
) -> None:
    repository, _ = default_demo
    rows = _history(repository)
    now = repository.clock.now()
    assert len(rows) > 0.9 * 25 * 200
    assert all(row.state == "closed" for row in rows)
    assert all(row.received_at < row.answered_at <= row.closed_at < now for row in rows)
    # From the first of January last year: the yearly report's default period.
    first = min(row.received_at for row in rows).astimezone(TZ).date()
    assert date(2024, 1, 1) <= first < date(2024, 1, 10)
    assert 0.02 < _late_share(rows) < 0.15
    # Most are answered within a working day's office hours (8-16:30: 510 minutes).
    quick = sum(1 for row in rows if row.minutes_to_answer <= 510)
    assert quick > 0.7 * len(rows)


def test_the_history_is_answered_later_in_july_and_before_holidays(
    long_history: tuple[Repository, DemoSummary],
) -> None:
    repository, _ = long_history
    rows = _history(repository)

    def local(row: sa.Row[Any]) -> date:
        return row.received_at.astimezone(TZ).date()

    july = [row for row in rows if local(row).month == 7]
    # Midsommar eve 2024 and Christmas: the deadline runs over the holidays.
    before_holidays = [
        row
        for row in rows
        if date(2024, 6, 18) <= local(row) <= date(2024, 6, 20)
        or date(2024, 12, 18) <= local(row) <= date(2024, 12, 23)
    ]
    ordinary = [row for row in rows if local(row).month in (3, 4, 5, 9, 10, 11)]
    assert _late_share(july) > 2 * _late_share(ordinary)
    assert _late_share(before_holidays) > 1.5 * _late_share(ordinary)
    # Fewer come in July, when the municipality is on holiday too.
    per_month = Counter(local(row).month for row in rows)
    assert per_month[7] < 0.8 * per_month[9]


def test_units_answer_at_different_speeds(
    long_history: tuple[Repository, DemoSummary],
) -> None:
    repository, _ = long_history
    by_unit: dict[int, list[sa.Row[Any]]] = {}
    for row in _history(repository):
        by_unit.setdefault(row.unit_at_receipt_id, []).append(row)
    shares = [_late_share(rows) for rows in by_unit.values() if len(rows) > 500]
    assert len(shares) >= 5
    assert max(shares) > 2 * min(shares)


def test_the_desk_sees_the_same_demo_whatever_its_history(build: Build) -> None:
    def queue(repository: Repository) -> list[tuple[str, str, datetime]]:
        return [
            (item.caller_name, item.subject, item.received_at)
            for item in repository.inquiries()
            if item.state is InquiryState.OPEN
        ]

    without, summary = build(employees=60, history=0)
    with_history, _ = build(employees=60, history=3_000)
    assert summary.inquiries_history == 0
    assert queue(without) == queue(with_history)
    assert len(without.inquiries()) == summary.inquiries_open + summary.inquiries_closed


@pytest.mark.parametrize("history", [-1, demo.MAX_HISTORY + 1])
def test_a_history_out_of_range_is_refused(build: Build, history: int) -> None:
    with pytest.raises(ValueError, match="history"):
        build(employees=5, history=history)
