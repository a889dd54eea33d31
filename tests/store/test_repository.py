"""The repository: presence with conflict detection, the callback queue, lookups, the audit log."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql import psycopg

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.limits import FieldError
from reception_tui.domain.presence import PresenceError
from reception_tui.domain.records import Channel, EmployeeRecord, InquiryState, Outcome
from reception_tui.domain.search import StaffIndex
from reception_tui.store import repository as repository_module
from reception_tui.store.engine import writer
from reception_tui.store.importer import StaffRow
from reception_tui.store.repository import (
    ConflictError,
    NotClosed,
    NotFound,
    PastInquiry,
    PresenceChange,
    Refused,
    Repository,
)
from reception_tui.store.tables import CallbackAttempt, Change, Employee, Inquiry, Presence

C = Change.__table__  # type: ignore[attr-defined]
A = CallbackAttempt.__table__  # type: ignore[attr-defined]
P = Presence.__table__  # type: ignore[attr-defined]
E = Employee.__table__  # type: ignore[attr-defined]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM)  # the `clock` fixture's time, a Wednesday
IN_AN_HOUR = NOW + timedelta(hours=1)


def person(repository: Repository, employee_id: int) -> EmployeeRecord:
    (found,) = [e for e in repository.employees(default_status="available") if e.id == employee_id]
    return found


def status_of(repository: Repository, employee_id: int) -> tuple[str, int]:
    presence = person(repository, employee_id).presence
    return presence.status_code, presence.version


def changes(engine: sa.Engine) -> list[sa.Row]:
    with engine.connect() as connection:
        return list(connection.execute(sa.select(C).order_by(C.c.id)))


def count(engine: sa.Engine, table: sa.Table) -> int:
    with engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


# ------------------------------------------------------------------ presence


def test_set_presence_is_read_back_by_employees(repository, staff, statuses) -> None:
    anna = staff["Anna Berg"]

    repository.set_presence(
        anna, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0, note=" Matsal "
    )

    presence = person(repository, anna).presence
    assert (presence.status_code, presence.return_at) == ("lunch", IN_AN_HOUR)
    assert presence.note == "Matsal"
    assert (presence.set_by, presence.set_at, presence.version) == ("Karin Ek", NOW, 1)


def test_employee_never_set_has_the_default_status_at_version_zero(repository, staff) -> None:
    presence = person(repository, staff["Lars Lind"]).presence

    assert (presence.status_code, presence.version, presence.set_by) == ("available", 0, None)


def test_stale_version_conflicts_and_keeps_the_other_seats_value(
    repository, make_repository, staff, statuses
) -> None:
    anna = staff["Anna Berg"]
    repository.set_presence(anna, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0)
    make_repository("Per Holm").set_presence(
        anna, status=statuses.sick, return_at=None, expected_version=1
    )

    with pytest.raises(ConflictError, match="Per Holm") as raised:
        repository.set_presence(
            anna, status=statuses.meeting, return_at=IN_AN_HOUR, expected_version=1
        )

    current = raised.value.current
    assert (current.status_code, current.set_by, current.version) == ("sick", "Per Holm", 2)
    stored = person(repository, anna).presence
    assert (stored.status_code, stored.set_by, stored.version) == ("sick", "Per Holm", 2)


def test_second_of_two_seats_saving_the_same_version_conflicts(
    make_repository, staff, statuses
) -> None:
    first, second = make_repository("Karin Ek"), make_repository("Per Holm")
    lars = staff["Lars Lind"]
    seen = person(first, lars).presence.version
    assert person(second, lars).presence.version == seen

    first.set_presence(lars, status=statuses.meeting, return_at=IN_AN_HOUR, expected_version=seen)
    with pytest.raises(ConflictError):
        second.set_presence(lars, status=statuses.sick, return_at=None, expected_version=seen)

    assert person(first, lars).presence.status_code == "meeting"


def test_set_presence_on_unknown_employee_raises_not_found(repository, staff, statuses) -> None:
    with pytest.raises(NotFound):
        repository.set_presence(
            999_999, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0
        )


def test_status_that_needs_a_return_time_refuses_none(repository, staff, statuses) -> None:
    with pytest.raises(PresenceError):
        repository.set_presence(
            staff["Anna Berg"], status=statuses.lunch, return_at=None, expected_version=0
        )

    assert count(repository.engine, P) == 0
    assert changes(repository.engine) == []


def test_every_presence_write_is_logged_with_actor_and_before_after(
    repository, staff, statuses
) -> None:
    anna = staff["Anna Berg"]
    baseline = len(changes(repository.engine))

    repository.set_presence(anna, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0)
    repository.set_presence(anna, status=statuses.available, return_at=None, expected_version=1)

    first, second = changes(repository.engine)[baseline:]
    assert (first.actor, first.entity, first.entity_id, first.action) == (
        "Karin Ek", "presence", anna, "set"
    )  # fmt: skip
    assert first.before is None
    assert (first.after["status_code"], first.after["version"]) == ("lunch", 1)
    assert (second.before["status_code"], second.before["version"]) == ("lunch", 1)
    assert (second.after["status_code"], second.after["version"]) == ("available", 2)


def test_set_presences_writes_and_logs_every_change(repository, staff, statuses) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Lind"]
    repository.set_presence(anna, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0)
    baseline = len(changes(repository.engine))

    written = repository.set_presences(
        [
            PresenceChange(anna, statuses.meeting, IN_AN_HOUR + timedelta(hours=1)),
            PresenceChange(lars, statuses.sick, None, note="Kalender"),
        ]
    )

    assert written == 2
    assert status_of(repository, anna) == ("meeting", 2)
    assert status_of(repository, lars) == ("sick", 1)
    logged = {row.entity_id: row for row in changes(repository.engine)[baseline:]}
    assert logged.keys() == {anna, lars}
    assert logged[anna].before["status_code"] == "lunch"
    assert logged[anna].after["status_code"] == "meeting"
    assert logged[lars].before is None
    assert {row.actor for row in logged.values()} == {"Karin Ek"}


def presence_versions(engine: sa.Engine) -> dict[int, list[tuple[int | None, int]]]:
    """Per employee, (version before, version after) of every logged presence write, in order."""
    logged: dict[int, list[tuple[int | None, int]]] = {}
    for row in changes(engine):
        if row.entity == "presence":
            before = row.before["version"] if row.before else None
            logged.setdefault(row.entity_id, []).append((before, row.after["version"]))
    return logged


def stored_versions(engine: sa.Engine) -> dict[int, int]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(P.c.employee_id, P.c.version))
        return {row.employee_id: row.version for row in rows}


def assert_versions_count_every_write(engine: sa.Engine) -> None:
    """Each person's logged presence writes are versions 1..n, each on top of the one before,
    and the stored row is at n: no version written twice, none skipped, none overwritten."""
    logged = presence_versions(engine)
    for employee_id, versions in logged.items():
        n = len(versions)
        assert versions == [(None, 1)] + [(v, v + 1) for v in range(1, n)], employee_id
    assert stored_versions(engine) == {id_: len(v) for id_, v in logged.items()}


def test_set_presences_naming_someone_twice_writes_one_version_after_the_other(
    repository, staff, statuses
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Lind"]
    repository.set_presence(lars, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0)

    repository.set_presences(
        [
            PresenceChange(anna, statuses.meeting, IN_AN_HOUR),
            PresenceChange(lars, statuses.meeting, IN_AN_HOUR),
            PresenceChange(anna, statuses.sick, None),
            PresenceChange(lars, statuses.sick, None),
        ]
    )

    assert status_of(repository, anna) == ("sick", 2)
    assert status_of(repository, lars) == ("sick", 3)
    assert_versions_count_every_write(repository.engine)


def test_set_presence_based_on_a_version_the_bulk_write_passed_conflicts(
    repository, make_repository, staff, statuses
) -> None:
    anna, lars = staff["Anna Berg"], staff["Lars Lind"]
    repository.set_presence(anna, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0)
    make_repository("Kalendersynk").set_presences(
        [
            PresenceChange(anna, statuses.meeting, IN_AN_HOUR),
            PresenceChange(lars, statuses.sick, None),
        ]
    )

    with pytest.raises(ConflictError, match="Kalendersynk") as on_anna:
        repository.set_presence(anna, status=statuses.sick, return_at=None, expected_version=1)
    with pytest.raises(ConflictError) as on_lars:
        repository.set_presence(
            lars, status=statuses.lunch, return_at=IN_AN_HOUR, expected_version=0
        )

    assert (on_anna.value.current.status_code, on_anna.value.current.version) == ("meeting", 2)
    assert (on_lars.value.current.status_code, on_lars.value.current.version) == ("sick", 1)
    assert status_of(repository, anna) == ("meeting", 2)
    assert status_of(repository, lars) == ("sick", 1)


RACES = 100


def add_people(engine: sa.Engine, count: int) -> list[int]:
    """`count` more employees, none of whom has a presence row yet."""
    people = [
        {"first_name": f"Ny{n}", "last_name": "Anställd", "title": "", "extension": "",
         "mobile": "", "email": "", "keywords": "", "visiting_address": "", "active": True}
        for n in range(count)
    ]  # fmt: skip
    with writer(engine).begin() as connection:
        return [connection.execute(sa.insert(E).values(person)).inserted_primary_key[0]
                for person in people]  # fmt: skip


def race(*writes: Callable[[], object]) -> tuple[int, list[BaseException]]:
    """Run `writes` in threads of their own, released at the same moment; returns how many were
    refused as conflicts, and every other error."""
    start = threading.Barrier(len(writes))
    refused: list[ConflictError] = []
    failed: list[BaseException] = []

    def run(write: Callable[[], object]) -> None:
        start.wait()
        try:
            write()
        except ConflictError as error:
            refused.append(error)
        except BaseException as error:
            failed.append(error)

    threads = [threading.Thread(target=run, args=(write,)) for write in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(refused), failed


def test_bulk_and_single_presence_writes_racing_never_write_a_version_twice(
    open_engine: Callable[..., sa.Engine],
    engine: sa.Engine,
    staff: dict[str, int],
    statuses,
    clock: FixedClock,
    calendar: WorkingCalendar,
) -> None:
    """Each round, on connections of their own and at the same moment: calendar sync sets two
    people, one who has a status and one who has never had one, while two receptionists set
    each of them from the version they last saw. Whoever commits later either builds on the
    earlier write or, if it is a person at a desk, is refused."""

    def seat(actor: str) -> Repository:
        return Repository(open_engine(), actor=actor, clock=clock, calendar=calendar)

    sync, desk_one, desk_two = seat("Kalendersynk"), seat("Karin Ek"), seat("Per Holm")
    anna = staff["Anna Berg"]
    newcomers = add_people(engine, RACES)
    conflicts, failures = 0, []

    for newcomer in newcomers:
        seen = status_of(desk_one, anna)[1]
        refused, failed = race(
            partial(
                sync.set_presences,
                [
                    PresenceChange(anna, statuses.meeting, IN_AN_HOUR),
                    PresenceChange(newcomer, statuses.sick, None),
                ],
            ),
            partial(
                desk_one.set_presence,
                anna,
                status=statuses.lunch,
                return_at=IN_AN_HOUR,
                expected_version=seen,
            ),
            partial(
                desk_two.set_presence,
                newcomer,
                status=statuses.lunch,
                return_at=IN_AN_HOUR,
                expected_version=0,
            ),
        )
        conflicts += refused
        failures += failed

    assert failures == []
    assert_versions_count_every_write(engine)
    # Every write that was not refused is in the log: the sync's two each round, and the desks'.
    logged = presence_versions(engine)
    assert len(logged[anna]) + sum(len(logged[n]) for n in newcomers) == 4 * RACES - conflicts


# ------------------------------------------------------------------ finding people


def names(lookup) -> list[str]:
    return [match.name for match in lookup.matches]


def find(repository: Repository, who: str) -> list[str]:
    return names(repository.find_employee(who, default_status="available"))


def test_find_employee_by_id(repository, staff) -> None:
    assert find(repository, str(staff["Lars Lind"])) == ["Lars Lind"]


def test_find_employee_by_extension(repository, staff) -> None:
    assert find(repository, "2103") == ["Örjan Öberg"]


def test_find_employee_ignores_case_and_swedish_letters(repository, staff) -> None:
    assert find(repository, "oberg") == ["Örjan Öberg"]
    assert find(repository, "ÖRJAN öberg") == ["Örjan Öberg"]


def test_exact_full_name_beats_a_longer_name(repository, staff) -> None:
    lookup = repository.find_employee("Anna Berg", default_status="available")

    assert lookup.unique is not None
    assert lookup.unique.id == staff["Anna Berg"]


def test_ambiguous_name_returns_every_candidate(repository, staff) -> None:
    lookup = repository.find_employee("anna", default_status="available")

    assert lookup.unique is None
    assert names(lookup) == ["Anna Berg", "Anna Bergström"]


def test_inactive_employee_is_neither_listed_nor_found(repository, staff) -> None:
    listed = [e.name for e in repository.employees(default_status="available")]

    assert "Gun Gammal" not in listed
    assert listed == ["Anna Berg", "Anna Bergström", "Lars Lind", "Örjan Öberg"]
    assert find(repository, "Gun Gammal") == []
    assert find(repository, "2105") == []
    assert find(repository, str(staff["Gun Gammal"])) == []


# ------------------------------------------------------------------ the callback queue


def test_inquiry_is_due_at_closing_two_working_days_later(repository, staff) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])

    assert inquiry.received_at == NOW
    assert inquiry.due_at == datetime(2026, 12, 4, 16, 30, tzinfo=STOCKHOLM)
    assert (inquiry.state, inquiry.attempts, inquiry.version) == (InquiryState.OPEN, 0, 1)
    assert inquiry.for_name == "Anna Berg"


def test_open_inquiries_are_ordered_by_due_time_overdue_first(repository, staff) -> None:
    anna = staff["Anna Berg"]
    for caller, received in [
        ("Today", NOW),
        ("Last week", datetime(2026, 11, 25, 10, 0, tzinfo=STOCKHOLM)),
        ("Yesterday", datetime(2026, 12, 1, 15, 0, tzinfo=STOCKHOLM)),
    ]:
        repository.add_inquiry(caller_name=caller, employee_id=anna, received_at=received)

    queue = repository.open_inquiries()

    assert [item.caller_name for item in queue] == ["Last week", "Yesterday", "Today"]
    assert queue[0].due_at < NOW < queue[1].due_at


def test_log_attempt_counts_attempts(repository, staff) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])

    repository.log_attempt(inquiry.id, Outcome.NO_ANSWER)
    repository.log_attempt(inquiry.id, Outcome.VOICEMAIL, " Lämnat meddelande ")

    assert repository.inquiry(inquiry.id).attempts == 2
    attempts = repository.attempts(inquiry.id)
    assert [(a.outcome, a.by, a.note) for a in attempts] == [
        (Outcome.NO_ANSWER, "Karin Ek", ""),
        (Outcome.VOICEMAIL, "Karin Ek", "Lämnat meddelande"),
    ]


def test_resolved_inquiry_leaves_the_open_queue(repository, staff, clock: FixedClock) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    clock.advance(timedelta(minutes=30))

    resolved = repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version)

    assert (resolved.state, resolved.closed_at, resolved.version) == (
        InquiryState.CLOSED, NOW + timedelta(minutes=30), 2
    )  # fmt: skip
    assert repository.open_inquiries() == []
    assert [item.id for item in repository.inquiries()] == [inquiry.id]


YESTERDAY = datetime(2026, 12, 1, 15, 10, tzinfo=STOCKHOLM)


def test_an_attempt_and_a_resolve_at_a_past_moment_are_saved_then(repository, staff) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Sven Svensson", employee_id=staff["Anna Berg"], received_at=YESTERDAY
    )
    called = YESTERDAY + timedelta(minutes=20)

    repository.log_attempt(inquiry.id, Outcome.REACHED, at=called)
    resolved = repository.resolve_inquiry(inquiry.id, expected_version=1, at=called)

    assert [a.at for a in repository.attempts(inquiry.id)] == [called]
    assert repository.inquiry(inquiry.id).closed_at == resolved.closed_at == called


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (YESTERDAY - timedelta(minutes=1), "before_received"),
        (NOW + timedelta(seconds=1), "after_now"),
    ],
)
def test_an_attempt_or_resolve_before_received_or_after_now_is_refused_writing_nothing(
    repository, staff, at: datetime, code: str
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Sven Svensson", employee_id=staff["Anna Berg"], received_at=YESTERDAY
    )
    changes = repository.last_change_id()

    with pytest.raises(Refused) as attempted:
        repository.log_attempt(inquiry.id, Outcome.REACHED, at=at)
    with pytest.raises(Refused) as resolved:
        repository.resolve_inquiry(inquiry.id, expected_version=1, at=at)

    assert attempted.value.code == resolved.value.code == code
    assert repository.attempts(inquiry.id) == []
    assert repository.inquiry(inquiry.id).state is InquiryState.OPEN
    assert repository.last_change_id() == changes


# ------------------------------------------------------------------ history

I = Inquiry.__table__  # type: ignore[attr-defined]  # noqa: E741
PROGRESS = (
    "state", "closed_at", "due_at", "unit_at_receipt_id", "first_attempt_at",
    "first_attempt_reached", "answered_at", "minutes_to_first_attempt", "minutes_to_answer",
)  # fmt: skip
CALLED = YESTERDAY + timedelta(minutes=20)  # no answer
REACHED = NOW - timedelta(minutes=30)  # the next morning
RESOLVED = REACHED + timedelta(minutes=5)


def past(staff: dict[str, int], **changes: object) -> PastInquiry:
    """Sven Svensson's call for Anna Berg yesterday, called back twice and resolved today."""
    inquiry = PastInquiry(
        caller_name="Sven Svensson",
        channel=Channel.PHONE,
        caller_number="+46701234567",
        caller_email=None,
        employee_id=staff["Anna Berg"],
        unit_id=None,
        subject="Bygglov",
        received_at=YESTERDAY,
        closed_at=RESOLVED,
        attempts=((CALLED, Outcome.NO_ANSWER, "Inget svar"), (REACHED, Outcome.REACHED, "")),
    )
    return inquiry._replace(**changes)


def inquiry_row(repository: Repository, inquiry_id: int) -> dict[str, object]:
    with repository.engine.connect() as connection:
        row = connection.execute(sa.select(I).where(I.c.id == inquiry_id)).one()
    return {name: getattr(row, name) for name in PROGRESS}


def test_history_is_stored_as_the_same_inquiry_handled_live_but_not_logged(
    repository, staff
) -> None:
    live = repository.add_inquiry(
        caller_name="Sven Svensson",
        caller_number="+46701234567",
        employee_id=staff["Anna Berg"],
        subject="Bygglov",
        received_at=YESTERDAY,
    )
    repository.log_attempt(live.id, Outcome.NO_ANSWER, "Inget svar", at=CALLED)
    repository.log_attempt(live.id, Outcome.REACHED, at=REACHED)
    repository.resolve_inquiry(live.id, expected_version=1, at=RESOLVED)
    changes = repository.last_change_id()

    assert repository.add_history([past(staff)]) == 1

    (written,) = [i for i in repository.inquiries() if i.id != live.id]
    assert inquiry_row(repository, written.id) == inquiry_row(repository, live.id)
    assert written.state is InquiryState.CLOSED
    assert [(a.at, a.by, a.outcome, a.note) for a in repository.attempts(written.id)] == [
        (a.at, a.by, a.outcome, a.note) for a in repository.attempts(live.id)
    ]
    assert repository.last_change_id() == changes  # history is no live change


def test_history_reassigned_to_another_unit_counts_for_the_unit_it_came_in_for(
    repository, staff
) -> None:
    repository.add_history([past(staff, reassigned_to=staff["Lars Lind"])])

    (written,) = repository.inquiries()
    assert written.employee_id == staff["Lars Lind"]
    anna = person(repository, staff["Anna Berg"])
    assert inquiry_row(repository, written.id)["unit_at_receipt_id"] == anna.unit_id


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        pytest.param({"caller_name": "x" * 201}, FieldError, id="caller-name-too-long"),
        pytest.param({"caller_name": " "}, Refused, id="no-caller"),
        pytest.param({"employee_id": None}, Refused, id="for-nobody"),
        pytest.param({"employee_id": 999}, NotFound, id="unknown-employee"),
        pytest.param({"reassigned_to": 999}, NotFound, id="reassigned-to-nobody"),
        pytest.param({"closed_at": NOW + timedelta(minutes=1)}, Refused, id="resolved-after-now"),
        pytest.param(
            {"attempts": ((YESTERDAY - timedelta(minutes=1), Outcome.NO_ANSWER, ""),)},
            Refused,
            id="attempt-before-it-came-in",
        ),
        pytest.param(
            {"attempts": ((CALLED, Outcome.NO_ANSWER, "\x1b[2J"),)}, FieldError, id="escape"
        ),
    ],
)
def test_history_is_checked_as_a_live_inquiry_is_and_stops_at_the_first_refused(
    repository, staff, changes: dict[str, object], refused: type[Exception]
) -> None:
    good = past(staff)
    with pytest.raises(refused):
        repository.add_history([good, good, past(staff, **changes), good], chunk=2)

    # The first chunk is written, the refused one's chunk is not.
    assert len(repository.inquiries()) == 2


def _index_names(repository: Repository) -> set[str]:
    inspector = sa.inspect(repository.engine)
    return {
        index["name"]
        for table in (I, A)
        for index in inspector.get_indexes(table.name)
        if index["name"] is not None
    }


def test_history_written_with_its_indexes_after_is_found_through_them(repository, staff) -> None:
    indexes = _index_names(repository)
    changes = repository.last_change_id()

    written = repository.add_history([past(staff)] * 3, chunk=2, indexes_after=True)

    assert written == 3
    assert _index_names(repository) == indexes
    assert len(repository.inquiries()) == 3
    assert repository.last_change_id() == changes


def test_history_refused_midway_with_its_indexes_after_leaves_them_made_again(
    repository, staff
) -> None:
    indexes = _index_names(repository)
    given = [past(staff), past(staff), past(staff, employee_id=999)]

    with pytest.raises(NotFound):
        repository.add_history(given, chunk=2, indexes_after=True)

    assert _index_names(repository) == indexes
    assert len(repository.inquiries()) == 2


@pytest.mark.parametrize("dialect", [sqlite.dialect(), psycopg.dialect()], ids=["sqlite", "pg"])
def test_the_bulk_processor_binds_what_the_datetime_type_binds(dialect: sa.Dialect) -> None:
    column = I.c.received_at.type
    binds = column.dialect_impl(dialect).bind_processor(dialect)
    quick = column.bulk_processor(dialect)
    for value in (
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
        datetime(2026, 3, 29, 3, 30, 5, 123, tzinfo=STOCKHOLM),  # just after the change
        datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM),
        datetime(999, 1, 1, 23, 59, 59, 999999, tzinfo=UTC),
        None,
    ):
        assert quick(value) == binds(value), value
    with pytest.raises(ValueError, match="naive"):
        quick(datetime(2026, 12, 2, 9, 0))


def test_stale_resolve_conflicts(repository, make_repository, staff) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    make_repository("Per Holm").resolve_inquiry(inquiry.id, expected_version=inquiry.version)

    with pytest.raises(ConflictError) as raised:
        repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version)

    assert raised.value.current.state is InquiryState.CLOSED
    assert raised.value.current.version == 2


def test_inquiry_writes_are_logged(repository, staff) -> None:
    baseline = len(changes(repository.engine))
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    attempt = repository.log_attempt(inquiry.id, Outcome.REACHED)
    repository.resolve_inquiry(inquiry.id, expected_version=1)

    logged = [(r.actor, r.entity, r.entity_id, r.action) for r in changes(repository.engine)]
    assert logged[baseline:] == [
        ("Karin Ek", "inquiry", inquiry.id, "add"),
        ("Karin Ek", "callback_attempt", attempt.id, "add"),
        ("Karin Ek", "inquiry", inquiry.id, "resolve"),
    ]
    resolve = changes(repository.engine)[-1]
    assert (resolve.before["state"], resolve.after["state"]) == ("open", "closed")


def test_a_reopened_inquiry_is_back_in_the_queue_with_its_first_due_time(
    repository, staff, clock: FixedClock
) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    repository.log_attempt(inquiry.id, Outcome.NO_ANSWER, "Inget svar")
    resolved = repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version)
    clock.advance(timedelta(minutes=5))

    reopened = repository.reopen_inquiry(inquiry.id, expected_version=resolved.version)

    assert (reopened.state, reopened.closed_at, reopened.version) == (InquiryState.OPEN, None, 3)
    assert (reopened.due_at, reopened.received_at) == (inquiry.due_at, inquiry.received_at)
    assert [item.id for item in repository.open_inquiries()] == [inquiry.id]
    assert [a.note for a in repository.attempts(inquiry.id)] == ["Inget svar"]
    # And it can be resolved again.
    again = repository.resolve_inquiry(inquiry.id, expected_version=reopened.version)
    assert (again.state, again.closed_at) == (InquiryState.CLOSED, NOW + timedelta(minutes=5))


def test_a_reopen_is_logged_like_a_resolve(repository, make_repository, staff) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    repository.resolve_inquiry(inquiry.id, expected_version=1)
    baseline = len(changes(repository.engine))

    make_repository("Per Holm").reopen_inquiry(inquiry.id, expected_version=2)

    (reopen,) = changes(repository.engine)[baseline:]
    assert (reopen.actor, reopen.entity, reopen.entity_id, reopen.action) == (
        "Per Holm", "inquiry", inquiry.id, "reopen"
    )  # fmt: skip
    assert (reopen.before["state"], reopen.after["state"]) == ("closed", "open")
    assert reopen.before["closed_at"] is not None and reopen.after["closed_at"] is None
    assert (reopen.before["version"], reopen.after["version"]) == (2, 3)


def test_a_stale_reopen_conflicts_and_says_who_reopened_it(
    repository, make_repository, staff
) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    resolved = repository.resolve_inquiry(inquiry.id, expected_version=1)
    make_repository("Per Holm").reopen_inquiry(inquiry.id, expected_version=resolved.version)
    baseline = len(changes(repository.engine))

    with pytest.raises(ConflictError) as raised:
        repository.reopen_inquiry(inquiry.id, expected_version=resolved.version)

    assert str(raised.value) == "Per Holm reopened this item at 09:00 (now open)"
    assert (raised.value.current.state, raised.value.current.version) == (InquiryState.OPEN, 3)
    assert len(changes(repository.engine)) == baseline


def test_reopening_an_open_inquiry_is_refused_and_changes_nothing(repository, staff) -> None:
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=staff["Anna Berg"])
    baseline = len(changes(repository.engine))

    with pytest.raises(NotClosed):
        repository.reopen_inquiry(inquiry.id, expected_version=inquiry.version)

    assert repository.inquiry(inquiry.id).version == inquiry.version
    assert len(changes(repository.engine)) == baseline


def test_recently_closed_lists_those_closed_since_most_recent_first_up_to_the_limit(
    repository, make_repository, staff, clock: FixedClock
) -> None:
    anna = staff["Anna Berg"]
    ids: dict[str, int] = {}
    for caller, closed in [
        ("Last month", NOW - timedelta(days=30)),
        ("Monday", NOW - timedelta(days=2)),
        ("Just now", NOW),
        ("Yesterday", NOW - timedelta(days=1)),
        ("Reopened", NOW - timedelta(hours=1)),
    ]:
        clock.set(closed)
        inquiry = repository.add_inquiry(caller_name=caller, employee_id=anna)
        make_repository("Per Holm").resolve_inquiry(inquiry.id, expected_version=1)
        ids[caller] = inquiry.id
    repository.reopen_inquiry(ids["Reopened"], expected_version=2)
    repository.add_inquiry(caller_name="Still open", employee_id=anna)

    week = repository.recently_closed(NOW - timedelta(days=7), limit=10)

    assert [i.caller_name for i in week] == ["Just now", "Yesterday", "Monday"]
    assert all(i.state is InquiryState.CLOSED for i in week)
    assert week[0].closed_at == NOW and week[0].for_name == "Anna Berg"
    assert [i.caller_name for i in repository.recently_closed(NOW - timedelta(days=7), 2)] == [
        "Just now", "Yesterday"
    ]  # fmt: skip
    # Closed exactly at `since` counts.
    since = NOW - timedelta(days=2)
    assert [i.caller_name for i in repository.recently_closed(since, 10)][-1] == "Monday"


def test_recently_closed_reads_along_the_index_on_closed_at_on_sqlite(
    sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> None:
    repository = Repository(sqlite_engine, actor="Karin Ek", clock=clock, calendar=calendar)
    statements: list[tuple[str, object]] = []

    def seen(connection, cursor, statement, parameters, context, executemany) -> None:
        statements.append((statement, parameters))

    sa.event.listen(repository.engine, "before_cursor_execute", seen)
    try:
        repository.recently_closed(NOW - timedelta(days=7), limit=300)
    finally:
        sa.event.remove(repository.engine, "before_cursor_execute", seen)
    statement, parameters = statements[-1]
    with repository.engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()

    assert any("USING INDEX ix_inquiry_closed_at" in row[-1] for row in plan), plan
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan  # no sort of its own


def test_reopening_an_unknown_inquiry_is_not_found(repository) -> None:
    with pytest.raises(NotFound, match="no inquiry with id 404"):
        repository.reopen_inquiry(404, expected_version=2)


@pytest.fixture
def purge_case(repository: Repository, staff, clock: FixedClock) -> dict[str, int]:
    """Inquiries closed long ago (with attempts), closed lately, and open since long ago."""
    anna = staff["Anna Berg"]
    ids: dict[str, int] = {}
    for name, closed in [("old", NOW - timedelta(days=400)), ("recent", NOW - timedelta(days=10))]:
        clock.set(closed - timedelta(days=1))
        inquiry = repository.add_inquiry(caller_name=f"Caller {name}", employee_id=anna)
        repository.log_attempt(inquiry.id, Outcome.NO_ANSWER)
        clock.set(closed)
        repository.resolve_inquiry(inquiry.id, expected_version=1)
        ids[name] = inquiry.id
    clock.set(NOW - timedelta(days=500))
    ids["open"] = repository.add_inquiry(caller_name="Caller open", employee_id=anna).id
    clock.set(NOW)
    return ids


def test_purge_deletes_only_old_closed_inquiries_and_their_attempts(repository, purge_case):
    purged = repository.purge(NOW - timedelta(days=365))

    assert purged.inquiries == 1
    assert sorted(item.id for item in repository.inquiries()) == sorted(
        [purge_case["recent"], purge_case["open"]]
    )
    assert repository.attempts(purge_case["old"]) == []
    assert len(repository.attempts(purge_case["recent"])) == 1
    assert count(repository.engine, A) == 1


def test_purge_leaves_no_caller_data_in_the_change_log(repository, purge_case) -> None:
    repository.purge(NOW - timedelta(days=365))

    keeping_the_caller = [
        (row.entity, row.entity_id, row.action)
        for row in changes(repository.engine)
        if "Caller old" in f"{row.before} {row.after}"
    ]
    assert keeping_the_caller == []


def test_a_large_purge_goes_in_short_transactions_each_logged_with_what_it_removed(
    repository, staff, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first purge of years of history must not hold the write lock while seats save."""
    monkeypatch.setattr(repository_module, "_PURGE_BATCH", 2)
    anna = staff["Anna Berg"]
    for day in range(5):
        clock.set(NOW - timedelta(days=500 - day))
        inquiry = repository.add_inquiry(caller_name=f"Caller {day}", employee_id=anna)
        repository.log_attempt(inquiry.id, Outcome.NO_ANSWER)
        repository.resolve_inquiry(inquiry.id, expected_version=1)
    clock.set(NOW)

    purged = repository.purge(NOW - timedelta(days=365))

    assert (purged.inquiries, purged.attempts) == (5, 5)
    assert repository.inquiries() == []
    logged = [row.after for row in changes(repository.engine) if row.action == "purge"]
    assert logged == [{"count": 2, "attempts": 2}, {"count": 2, "attempts": 2},
                      {"count": 1, "attempts": 1}]  # fmt: skip


# ------------------------------------------------------------------ time zones


def test_datetimes_come_back_as_aware_utc(repository, staff, statuses) -> None:
    anna = staff["Anna Berg"]
    back = datetime(2026, 12, 2, 14, 30, tzinfo=STOCKHOLM)
    repository.set_presence(anna, status=statuses.meeting, return_at=back, expected_version=0)
    inquiry = repository.add_inquiry(caller_name="Sven Svensson", employee_id=anna)
    repository.log_attempt(inquiry.id, Outcome.REACHED)
    repository.resolve_inquiry(inquiry.id, expected_version=1)

    presence = person(repository, anna).presence
    inquiry = repository.inquiry(inquiry.id)
    (attempt,) = repository.attempts(inquiry.id)
    stamps = [
        presence.return_at,
        presence.set_at,
        inquiry.received_at,
        inquiry.due_at,
        inquiry.closed_at,
        attempt.at,
        *(change.at for change in changes(repository.engine)),
    ]
    assert all(stamp is not None and stamp.tzinfo is UTC for stamp in stamps), stamps
    assert presence.return_at == back and presence.return_at.hour == 13


# ------------------------------------------------------------------ the desk's first screenful

# Ties, case, Swedish letters and accents: the order the desk lists people in.
NAMES = [
    ("Örjan", "Ek"),
    ("anna", "Berg"),
    ("Åsa", "Öberg"),
    ("Anna", "Berg"),
    ("Östen", "Å"),
    ("Zoe", "Adler"),
    ("Åke", "Zorn"),
    ("Émile", "Östlund"),
    ("Asa", "Oberg"),
]


def import_names(repository: Repository, names: list[tuple[str, str]]) -> None:
    rows = [
        StaffRow(line=n + 2, employee_number=str(100 + n), first_name=first, last_name=last)
        for n, (first, last) in enumerate(names)
    ]
    repository.import_staff(rows, allow_deactivating=len(rows))


def desk_order(repository: Repository) -> list[int]:
    everyone = repository.employees(default_status="available", by_name=False, contact=False)
    return StaffIndex.from_employees(everyone).all_ids()


def test_first_employees_come_in_the_desks_search_order(repository) -> None:
    import_names(repository, NAMES)
    import_names(repository, NAMES[:-1])  # Asa Oberg leaves: deactivated

    total, everyone = repository.first_employees(100, default_status="available")
    _, first = repository.first_employees(3, default_status="available")

    assert total == len(NAMES) - 1
    assert [employee.id for employee in everyone] == desk_order(repository)
    assert [employee.name for employee in first] == ["anna Berg", "Anna Berg", "Émile Östlund"]


def test_a_renamed_employee_moves_in_the_first_employees_order(repository) -> None:
    import_names(repository, NAMES)
    import_names(repository, [*NAMES[:5], ("Aaron", "Adler"), *NAMES[6:]])  # Zoe -> Aaron

    _, everyone = repository.first_employees(100, default_status="available")

    assert [employee.id for employee in everyone] == desk_order(repository)
    assert everyone[0].name == "Aaron Adler"


def test_employees_written_without_the_importer_get_their_sort_key(repository, staff) -> None:
    _, everyone = repository.first_employees(100, default_status="available")

    assert [employee.id for employee in everyone] == desk_order(repository)


def test_employees_by_name_are_by_last_name_in_swedish_order(repository) -> None:
    import_names(repository, [("Ali", "Öberg"), ("Åke", "Zorn"), ("Bo", "Zander"), ("Eva", "Ahl")])

    listed = repository.employees(default_status="available")

    assert [e.name for e in listed] == ["Eva Ahl", "Bo Zander", "Åke Zorn", "Ali Öberg"]
