"""The desk's model without a screen: what it keeps, and which rows it says to redraw.

Built from plain records, driven by feed batches, saves and clock ticks as the app drives it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import EllipsisType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reception_tui.config import default_settings
from reception_tui.domain.desk import (
    CLOSED_SHOWN,
    CLOSED_WITHIN,
    Changes,
    DeskModel,
    QueueCounts,
    QueueFilter,
)
from reception_tui.domain.records import (
    Channel,
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
    PresenceRecord,
)

STATUSES = default_settings().status_codes()
TZ = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)  # a Tuesday morning


def person(
    employee_id: int,
    name: str,
    *,
    unit: str = "Bygg och miljö",
    title: str = "Handläggare",
    extension: str = "",
    keywords: str = "",
    status: str = "available",
    back: datetime | None = None,
    redirect: int | None = None,
    version: int = 1,
    active: bool = True,
) -> EmployeeRecord:
    first, _, last = name.partition(" ")
    return EmployeeRecord(
        id=employee_id,
        employee_number=None,
        first_name=first,
        last_name=last,
        title=title,
        unit_id=None,
        unit_name=unit,
        extension=extension,
        mobile="",
        email="",
        keywords=keywords,
        visiting_address="",
        active=active,
        presence=presence(status, back=back, redirect=redirect, version=version),
    )


def presence(
    status: str = "available",
    *,
    back: datetime | None = None,
    redirect: int | None = None,
    version: int = 1,
) -> PresenceRecord:
    return PresenceRecord(status, back, redirect, None, "", "Reception", NOW, version)


def moved(
    employee: EmployeeRecord,
    status: str,
    *,
    back: datetime | EllipsisType | None = ...,
    redirect: int | EllipsisType | None = ...,
    version: int | None = None,
    **fields: str,
) -> EmployeeRecord:
    """`employee` with a new status saved (one version later unless given), the same return
    time and redirect unless given, and `fields` changed."""
    known = employee.presence
    changed = replace(
        known,
        status_code=status,
        return_at=known.return_at if isinstance(back, EllipsisType) else back,
        redirect_employee_id=(
            known.redirect_employee_id if isinstance(redirect, EllipsisType) else redirect
        ),
        version=known.version + 1 if version is None else version,
    )
    return replace(employee, presence=changed, **fields)  # type: ignore[arg-type]


def inquiry(
    inquiry_id: int,
    due_at: datetime,
    *,
    received_at: datetime | None = None,
    employee_id: int | None = None,
    state: InquiryState = InquiryState.OPEN,
    version: int = 1,
    closed_at: datetime | None = NOW,
) -> InquiryRecord:
    """An inquiry for Bo Ek; a closed one was closed at `closed_at` (NOW unless given)."""
    return InquiryRecord(
        id=inquiry_id,
        received_at=received_at or NOW - timedelta(hours=1),
        channel=Channel.PHONE,
        caller_name="Bo Ek",
        caller_number="070-123 45 67",
        caller_email=None,
        employee_id=employee_id,
        unit_id=None,
        for_name="",
        subject="Bygglov",
        due_at=due_at,
        state=state,
        closed_at=closed_at if state is InquiryState.CLOSED else None,
        attempts=0,
        version=version,
    )


def closed(record: InquiryRecord, at: datetime = NOW) -> InquiryRecord:
    """`record` closed at `at`, one version later."""
    return replace(record, state=InquiryState.CLOSED, closed_at=at, version=record.version + 1)


def reopened(record: InquiryRecord) -> InquiryRecord:
    """`record` open again, one version later."""
    return replace(record, state=InquiryState.OPEN, closed_at=None, version=record.version + 1)


def desk(
    employees: list[EmployeeRecord],
    inquiries: list[InquiryRecord] | None = None,
    recently_closed: list[InquiryRecord] | None = None,
) -> DeskModel:
    """A model that has read `employees`, the open `inquiries` and those `recently_closed`,
    and been ticked once at NOW."""
    model = DeskModel(STATUSES, TZ)
    model.load(DeskModel.read(employees, inquiries or [], 0, recently_closed or []))
    model.tick(NOW)
    return model


# Lars and Karin are redirected to Anna, Per to Lars; Åsa to nobody.
ANNA = person(1, "Anna Berg", title="Bygglovshandläggare", extension="1234", keywords="bygglov")
LARS = person(
    2,
    "Lars Svensson",
    unit="Teknisk förvaltning",
    title="VA-ingenjör",
    extension="3456",
    keywords="vattenläcka",
    status="lunch",
    back=NOW + timedelta(hours=3),
    redirect=ANNA.id,
)
KARIN = person(3, "Karin Lind", status="meeting", back=NOW + timedelta(hours=1), redirect=ANNA.id)
PER = person(4, "Per Andersson", unit="Ekonomi", redirect=LARS.id)
ASA = person(5, "Åsa Öberg", unit="Kommunledning", title="Kommunsekreterare")
STAFF = [ANNA, LARS, KARIN, PER, ASA]


@pytest.fixture
def model() -> DeskModel:
    return desk(STAFF)


# ---------------------------------------------------------------------- reading


def test_the_first_screenful_gives_everyone_a_key_and_the_unread_negative_ones() -> None:
    model = DeskModel(STATUSES, TZ)
    keys = model.peek(5, [ANNA, LARS])
    assert keys == [ANNA.id, LARS.id, -1, -2, -3]
    assert model.total == 5
    assert not model.loaded
    assert set(model.employees) == {ANNA.id, LARS.id}


def test_a_first_screenful_of_everyone_has_no_negative_keys() -> None:
    assert DeskModel(STATUSES, TZ).peek(2, [ANNA, LARS]) == [ANNA.id, LARS.id]


def test_loading_replaces_the_first_screenful_with_everyone() -> None:
    model = DeskModel(STATUSES, TZ)
    model.peek(5, [ANNA, LARS])
    changes = model.load(DeskModel.read(STAFF, [], change_id=7))
    assert changes == Changes(regroup=True, queue=True, all_rows=True)
    assert model.loaded
    assert model.total == 5
    assert model.away == 2  # Lars at lunch, Karin in a meeting
    # Swedish order: Å after Z.
    names = ["Anna Berg", "Karin Lind", "Lars Svensson", "Per Andersson", "Åsa Öberg"]
    assert [model.employees[i].name for i in model.search("").ids] == names
    assert model.peek(99, []) == model.search("").ids  # a late first screenful changes nothing


def test_reading_knows_who_is_redirected_to_whom_and_when_rows_change_by_themselves() -> None:
    read = DeskModel.read(STAFF, [inquiry(1, NOW + timedelta(hours=2))], change_id=3)
    assert read.redirected_to == {ANNA.id: {LARS.id, KARIN.id}, LARS.id: {PER.id}}
    assert sorted(read.returns) == [
        (NOW + timedelta(hours=1), KARIN.id),
        (NOW + timedelta(hours=3), LARS.id),
    ]
    assert read.dues == [(NOW + timedelta(hours=2), 1)]
    assert read.change_id == 3


# ---------------------------------------------------------------------- the feed


FEED_CASES = {
    "a new status": (moved(ANNA, "sick", back=NOW + timedelta(days=1)), {1, 2, 3}, False),
    "a new title": (moved(ANNA, "available", title="Enhetschef"), {1, 2, 3}, True),
    "a new name": (moved(ANNA, "available", last_name="Holm"), {1, 2, 3}, True),
    "a new extension": (moved(ANNA, "available", extension="4321"), {1, 2, 3}, True),
    "new keywords": (moved(ANNA, "available", keywords="strandskydd"), {1, 2, 3}, True),
    "a new unit": (moved(ANNA, "available", unit_name="Miljö"), {1, 2, 3}, True),
    "a new mobile (not searched)": (moved(ANNA, "available", mobile="070-111"), {1, 2, 3}, False),
    "someone redirected to others": (moved(LARS, "lunch"), {LARS.id, PER.id}, False),
    "nobody redirected to them": (moved(ASA, "sick"), {ASA.id}, False),
    "somebody new": (person(6, "Nils Karlsson", status="sick"), {6}, True),
}


@pytest.mark.parametrize(("employee", "rows", "regroup"), FEED_CASES.values(), ids=list(FEED_CASES))
def test_a_feed_batch_redraws_the_person_and_those_redirected_to_them(
    model: DeskModel, employee: EmployeeRecord, rows: set[int], regroup: bool
) -> None:
    # Anna (1) has Lars (2) and Karin (3) redirected to her, Lars has Per (4).
    changes = model.apply_feed({employee.id: employee})
    assert changes.employees == rows
    assert changes.regroup is regroup
    assert not changes.queue and not changes.all_rows
    assert model.employees[employee.id] == employee


def test_who_is_redirected_follows_a_new_redirect(model: DeskModel) -> None:
    model.apply_feed({KARIN.id: moved(KARIN, "meeting", redirect=ASA.id)})
    assert model.apply_feed({ANNA.id: moved(ANNA, "lunch")}).employees == {ANNA.id, LARS.id}
    assert model.apply_feed({ASA.id: moved(ASA, "sick")}).employees == {ASA.id, KARIN.id}
    model.apply_feed({PER.id: moved(PER, "available", redirect=None)})
    assert model.apply_feed({LARS.id: moved(LARS, "out")}).employees == {LARS.id}


def test_one_batch_of_several_redraws_the_union_of_their_rows(model: DeskModel) -> None:
    changes = model.apply_feed({ASA.id: moved(ASA, "lunch"), LARS.id: moved(LARS, "sick")})
    assert changes.employees == {ASA.id, LARS.id, PER.id}


def test_the_same_version_again_redraws_but_changes_no_count(model: DeskModel) -> None:
    changes = model.apply_feed({LARS.id: LARS})
    assert changes.employees == {LARS.id, PER.id}
    assert not changes.regroup
    assert (model.total, model.away) == (5, 2)


# ---------------------------------------------------------------------- versions


def test_a_feed_older_than_this_desks_save_is_ignored(model: DeskModel) -> None:
    saved = presence("sick", back=NOW + timedelta(days=1), version=3)
    model.save_presence(ANNA.id, saved)
    older = moved(ANNA, "lunch", version=2)
    assert not model.apply_feed({ANNA.id: older})
    assert model.employees[ANNA.id].presence == saved


def test_a_save_older_than_what_the_feed_brought_is_ignored(model: DeskModel) -> None:
    newer = moved(ANNA, "meeting", back=NOW + timedelta(hours=1), version=5)
    model.apply_feed({ANNA.id: newer})
    assert not model.save_presence(ANNA.id, presence("lunch", version=4))
    assert model.employees[ANNA.id] == newer
    assert model.away == 3


def test_a_feed_of_the_version_saved_here_is_taken(model: DeskModel) -> None:
    # Someone renamed her at the same time as this desk saved her status: same version.
    model.save_presence(ANNA.id, presence("lunch", version=2))
    renamed = moved(ANNA, "lunch", last_name="Holm", version=2)
    assert model.apply_feed({ANNA.id: renamed}).regroup
    assert model.employees[ANNA.id].name == "Anna Holm"


def test_an_inquiry_closed_here_stays_closed_when_an_older_feed_comes_late() -> None:
    open_one = inquiry(1, NOW + timedelta(hours=2))
    model = desk(STAFF, [open_one])
    model.set_inquiry(closed(open_one))
    # The feed read the inquiry just before this desk closed it, and arrives just after.
    assert not model.apply_feed({}, (), {open_one.id: open_one})
    assert model.inquiries == {}
    assert model.queue(QueueFilter.ALL, NOW) == []


def test_an_inquiry_reopened_after_its_close_is_shown_again() -> None:
    open_one = inquiry(1, NOW + timedelta(hours=2))
    model = desk(STAFF, [open_one])
    model.set_inquiry(closed(open_one))
    reopened = replace(open_one, version=3)
    assert model.apply_feed({}, (), {1: reopened}).queue
    assert model.inquiries == {1: reopened}


# ---------------------------------------------------------------------- leaving


Leaving = Callable[[EmployeeRecord], dict[str, Any]]


def _deactivated(employee: EmployeeRecord) -> dict[str, Any]:
    return {"employees": {employee.id: replace(employee, active=False)}}


def _deleted(employee: EmployeeRecord) -> dict[str, Any]:
    return {"employees": {}, "missing_employees": {employee.id}}


@pytest.mark.parametrize("leaving", [_deactivated, _deleted], ids=["deactivated", "deleted"])
def test_someone_who_leaves_is_forgotten_and_their_redirects_redrawn(
    model: DeskModel, leaving: Leaving
) -> None:
    changes = model.apply_feed(**leaving(LARS))
    assert changes.employees == {PER.id}  # "hänvisad till Lars" no longer names anyone
    assert changes.regroup
    assert LARS.id not in model.employees
    assert LARS.id not in model.search("").ids
    assert model.search("lars svensson").ids == []
    assert model.search("vattenläcka").ids == []
    assert (model.total, model.away) == (4, 1)
    assert model.redirect_target(model.employees[PER.id]) is None
    # Nobody is redirected to Anna through Lars any more: her change redraws Karin and her.
    assert model.apply_feed({ANNA.id: moved(ANNA, "lunch")}).employees == {ANNA.id, KARIN.id}


@pytest.mark.parametrize("leaving", [_deactivated, _deleted], ids=["deactivated", "deleted"])
def test_someone_unknown_leaving_changes_nothing(model: DeskModel, leaving: Leaving) -> None:
    stranger = person(99, "Okänd Person")
    assert not model.apply_feed(**leaving(stranger))
    assert (model.total, model.away) == (5, 2)


def test_someone_back_after_leaving_is_named_again_on_the_rows_redirected_to_them(
    model: DeskModel,
) -> None:
    model.apply_feed({LARS.id: replace(LARS, active=False)})
    changes = model.apply_feed({LARS.id: LARS})
    assert changes.employees == {LARS.id, PER.id}
    assert changes.regroup
    assert model.redirect_target(model.employees[PER.id]) == LARS
    assert (model.total, model.away) == (5, 2)


# ---------------------------------------------------------------------- the away count


def test_the_away_count_follows_every_change() -> None:
    model = desk(STAFF)
    steps: list[tuple[str, Callable[[], Changes], int]] = [
        ("feed: Anna to lunch", lambda: model.apply_feed({1: moved(ANNA, "lunch")}), 3),
        ("save: Åsa sick", lambda: model.save_presence(5, presence("sick", version=2)), 4),
        ("feed: Anna back", lambda: model.apply_feed({1: moved(ANNA, "available", version=3)}), 3),
        ("feed: an older Anna", lambda: model.apply_feed({1: moved(ANNA, "lunch")}), 3),
        ("feed: Lars leaves", lambda: model.apply_feed({2: replace(LARS, active=False)}), 2),
        ("feed: Karin deleted", lambda: model.apply_feed({}, {3}), 1),
        ("feed: Nils starts, on vacation", lambda: model.apply_feed({6: person(6, "Nils Ek",
            status="vacation", back=NOW + timedelta(days=7))}), 2),
        ("feed: Lars is back", lambda: model.apply_feed({2: LARS}), 3),
        ("save: Lars available", lambda: model.save_presence(2, presence(version=2)), 2),
        ("feed: Åsa, unknown status", lambda: model.apply_feed({5: moved(ASA, "retired",
            version=3)}), 1),
        ("set: Åsa read again", lambda: model.set_employee(moved(ASA, "gone", version=4)), 2),
    ]  # fmt: skip
    for what, step, away in steps:
        step()
        assert model.away == away, what
        assert model.away == sum(model.is_away(e) for e in model.employees.values()), what
        assert model.total == len(model.employees), what


def test_new_statuses_count_who_is_away_again(model: DeskModel) -> None:
    lunch_is_available = [
        replace(status, available=True) if status.code == "lunch" else status for status in STATUSES
    ]
    changes = model.set_statuses(lunch_is_available)
    assert changes.all_rows and changes.queue
    assert model.away == 1  # Karin in her meeting
    # A status removed from the configuration is shown as unknown, not counted as away.
    assert model.set_statuses([s for s in STATUSES if s.code != "meeting"])
    assert model.status(model.employees[KARIN.id]) is None
    assert model.away == 1  # Lars at lunch again


# ---------------------------------------------------------------------- during a read


def test_batches_during_a_reload_are_shown_and_applied_again_after_it(model: DeskModel) -> None:
    model.begin_read()
    # The read began before Anna's change was committed: it still has her available.
    read = DeskModel.read(STAFF, [], change_id=10)
    anna_at_lunch = moved(ANNA, "lunch")
    nils = person(6, "Nils Ek")
    changes = model.apply_feed({ANNA.id: anna_at_lunch, nils.id: nils}, {ASA.id})
    assert changes.employees == {ANNA.id, LARS.id, KARIN.id, nils.id}  # shown at once
    model.load(read)
    assert model.employees[ANNA.id] == anna_at_lunch
    assert nils.id in model.employees and ASA.id not in model.employees
    assert model.search("nils").ids == [nils.id]
    assert (model.total, model.away) == (5, 3)


def test_a_batch_older_than_the_read_does_not_undo_it(model: DeskModel) -> None:
    model.begin_read()
    model.apply_feed({ANNA.id: moved(ANNA, "lunch", version=2)})
    newer = moved(ANNA, "sick", version=3)
    model.load(DeskModel.read([newer, LARS, KARIN, PER, ASA], [], change_id=10))
    assert model.employees[ANNA.id] == newer


def test_before_the_first_load_batches_are_only_kept() -> None:
    model = DeskModel(STATUSES, TZ)
    model.begin_read()
    model.peek(5, [ANNA, LARS])
    due = inquiry(1, NOW + timedelta(hours=1))
    anna_at_lunch = moved(ANNA, "lunch")
    assert not model.apply_feed({ANNA.id: anna_at_lunch}, {KARIN.id}, {due.id: due})
    assert model.employees[ANNA.id] == ANNA
    assert model.inquiries == {}
    changes = model.load(DeskModel.read(STAFF, [], change_id=10))
    assert changes.regroup and changes.all_rows and changes.queue
    assert model.employees[ANNA.id] == anna_at_lunch
    assert KARIN.id not in model.employees
    assert model.inquiries == {due.id: due}
    assert (model.total, model.away) == (4, 2)


def test_after_a_failed_first_read_batches_wait_for_the_next_one() -> None:
    model = DeskModel(STATUSES, TZ)
    model.begin_read()
    model.apply_feed({ANNA.id: moved(ANNA, "lunch")})
    model.read_failed()
    assert not model.apply_feed({ASA.id: moved(ASA, "sick")})
    model.begin_read()
    model.load(DeskModel.read(STAFF, [], change_id=10))
    assert model.employees[ANNA.id].presence.status_code == "lunch"
    assert model.employees[ASA.id].presence.status_code == "sick"


def test_after_a_failed_reload_batches_apply_at_once_and_are_not_kept(model: DeskModel) -> None:
    model.begin_read()
    assert model.apply_feed({}, {LARS.id}).regroup  # Lars deleted while the read ran
    model.read_failed()
    assert model.apply_feed({ASA.id: moved(ASA, "sick")}).employees == {ASA.id}
    # An administrator adds Lars again; the next read has him, and the old batch that
    # deleted him is not applied again over it.
    model.begin_read()
    model.load(DeskModel.read(STAFF, [], change_id=20))
    assert LARS.id in model.employees


# ---------------------------------------------------------------------- saves here


def test_a_save_redraws_the_person_and_those_redirected_to_them(model: DeskModel) -> None:
    changes = model.save_presence(
        LARS.id, presence("sick", back=NOW + timedelta(days=1), version=2)
    )
    assert changes == Changes(employees={LARS.id, PER.id})
    assert model.employees[LARS.id].presence.status_code == "sick"
    assert model.away == 2


def test_a_save_of_a_new_redirect_moves_who_is_redirected_to_whom(model: DeskModel) -> None:
    model.save_presence(KARIN.id, presence("meeting", redirect=ASA.id, version=2))
    assert model.redirect_target(model.employees[KARIN.id]) == ASA
    assert model.apply_feed({ASA.id: moved(ASA, "lunch")}).employees == {ASA.id, KARIN.id}
    assert model.apply_feed({ANNA.id: moved(ANNA, "lunch")}).employees == {ANNA.id, LARS.id}


def test_a_save_for_someone_gone_changes_nothing(model: DeskModel) -> None:
    model.apply_feed({}, {ASA.id})
    assert not model.save_presence(ASA.id, presence("sick", version=2))
    assert ASA.id not in model.employees


# ---------------------------------------------------------------------- inquiries


def test_an_open_inquiry_is_shown_and_a_closed_one_dropped(model: DeskModel) -> None:
    due = inquiry(1, NOW + timedelta(hours=2), employee_id=ANNA.id)
    assert model.set_inquiry(due) == Changes(queue=True)
    assert model.inquiries == {1: due}
    assert model.set_inquiry(closed(due)) == Changes(queue=True)
    assert model.inquiries == {}


def test_an_inquiry_closed_elsewhere_that_the_desk_did_not_show_joins_the_closed_ones(
    model: DeskModel,
) -> None:
    elsewhere = inquiry(7, NOW, state=InquiryState.CLOSED)
    assert model.set_inquiry(elsewhere) == Changes(queue=True)
    assert model.inquiries == {}
    assert model.queue(QueueFilter.CLOSED, NOW) == [elsewhere]


def test_a_closed_inquiry_that_does_not_say_when_is_not_listed(model: DeskModel) -> None:
    assert not model.set_inquiry(inquiry(7, NOW, state=InquiryState.CLOSED, closed_at=None))
    assert model.queue(QueueFilter.CLOSED, NOW) == []


def test_an_inquiry_older_than_the_one_shown_is_ignored(model: DeskModel) -> None:
    newer = inquiry(1, NOW + timedelta(hours=2), version=4)
    model.set_inquiry(newer)
    assert not model.set_inquiry(replace(newer, subject="Gammalt", version=3))
    assert not model.set_inquiry(closed(replace(newer, version=2)))
    assert model.inquiries == {1: newer}


# ---------------------------------------------------------------------- the clock


def test_a_passed_return_time_redraws_exactly_that_row(model: DeskModel) -> None:
    karin_back, lars_back = KARIN.presence.return_at, LARS.presence.return_at
    assert karin_back and lars_back
    assert not model.tick(karin_back - timedelta(seconds=1))
    assert model.tick(karin_back) == Changes(employees={KARIN.id})
    assert not model.tick(karin_back + timedelta(seconds=1))  # once, not every second
    assert model.tick(lars_back + timedelta(minutes=5)) == Changes(employees={LARS.id})


def test_a_return_time_moved_later_redraws_at_the_new_time_only(model: DeskModel) -> None:
    old = NOW + timedelta(hours=1)
    new = NOW + timedelta(hours=2)
    model.save_presence(KARIN.id, presence("meeting", back=new, redirect=ANNA.id, version=2))
    assert not model.tick(old)
    assert model.tick(new) == Changes(employees={KARIN.id})


def test_the_return_time_of_someone_gone_redraws_nothing(model: DeskModel) -> None:
    model.apply_feed({}, {KARIN.id})
    assert not model.tick(NOW + timedelta(hours=1))


def test_a_passed_due_time_redraws_the_queue() -> None:
    due = NOW + timedelta(minutes=30)
    model = desk(STAFF, [inquiry(1, due)])
    assert not model.tick(due)  # an answer at the due time itself is still in time
    assert model.tick(due + timedelta(seconds=1)) == Changes(queue=True)
    assert not model.tick(due + timedelta(seconds=2))


def test_the_due_time_of_a_closed_inquiry_redraws_nothing() -> None:
    open_one = inquiry(1, NOW + timedelta(minutes=30))
    model = desk(STAFF, [open_one])
    model.set_inquiry(closed(open_one))
    assert not model.tick(NOW + timedelta(minutes=30))


def test_a_new_day_in_the_desks_time_zone_redraws_every_row(model: DeskModel) -> None:
    evening = datetime(2026, 3, 10, 23, 59, tzinfo=TZ)
    model.apply_feed({KARIN.id: moved(KARIN, "gone", back=None)})  # nothing else passes
    model.apply_feed({LARS.id: moved(LARS, "gone", back=None)})
    assert not model.tick(evening)
    # 23:00 UTC is midnight in Stockholm (winter time): "imorgon 08:00" becomes "08:00".
    midnight = datetime(2026, 3, 10, 23, 0, tzinfo=UTC)
    assert model.tick(midnight) == Changes(queue=True, all_rows=True)
    assert not model.tick(midnight + timedelta(hours=1))


def test_the_clock_changes_nothing_before_everyone_is_read() -> None:
    model = DeskModel(STATUSES, TZ)
    model.peek(5, [ANNA, KARIN])
    assert not model.tick(NOW)
    assert not model.tick(NOW + timedelta(days=1, hours=2))  # a new day, a return passed


def test_the_first_tick_redraws_every_row_once_since_the_rows_may_show_another_day() -> None:
    # The desk drew its rows on Wednesday evening; the clock's first tick says Thursday.
    model = DeskModel(STATUSES, TZ)
    model.load(DeskModel.read(STAFF, [], change_id=0))
    assert model.tick(NOW) == Changes(queue=True, all_rows=True)
    assert not model.tick(NOW + timedelta(seconds=1))


def test_a_tick_before_everyone_is_read_tells_the_day_for_later() -> None:
    model = DeskModel(STATUSES, TZ)
    model.tick(NOW)
    model.load(DeskModel.read(STAFF, [], change_id=0))
    assert not model.tick(NOW + timedelta(seconds=1))
    assert model.tick(NOW + timedelta(days=1)).all_rows


# ---------------------------------------------------------------------- the queue


def _queue_model() -> DeskModel:
    return desk(
        STAFF,
        [
            inquiry(1, NOW + timedelta(hours=5), received_at=NOW - timedelta(hours=2)),
            inquiry(2, NOW - timedelta(days=1), employee_id=ANNA.id),  # overdue
            inquiry(3, NOW + timedelta(hours=5), received_at=NOW - timedelta(hours=3)),
            inquiry(4, NOW, employee_id=ANNA.id),  # due this very moment: still in time
            inquiry(5, NOW + timedelta(hours=5), received_at=NOW - timedelta(hours=2)),
            inquiry(6, NOW - timedelta(hours=1), employee_id=LARS.id),  # overdue
            inquiry(7, NOW + timedelta(days=1), employee_id=LARS.id),
        ],
    )


@pytest.mark.parametrize(
    ("queue_filter", "employee_id", "ids"),
    [
        # Overdue first, then by due time, then by when they came in, then by id.
        (QueueFilter.ALL, None, [2, 6, 4, 3, 1, 5, 7]),
        (QueueFilter.OVERDUE, None, [2, 6]),
        (QueueFilter.EMPLOYEE, ANNA.id, [2, 4]),
        (QueueFilter.EMPLOYEE, LARS.id, [6, 7]),
        (QueueFilter.EMPLOYEE, ASA.id, []),
        (QueueFilter.EMPLOYEE, None, []),
    ],
)
def test_the_queue_shows_what_its_filter_asks_for_in_order(
    queue_filter: QueueFilter, employee_id: int | None, ids: list[int]
) -> None:
    shown = _queue_model().queue(queue_filter, NOW, employee_id)
    assert [i.id for i in shown] == ids


def test_the_queue_follows_set_and_closed_inquiries() -> None:
    model = _queue_model()
    model.set_inquiry(closed(model.inquiries[2]))
    model.set_inquiry(inquiry(8, NOW - timedelta(days=2)))
    assert [i.id for i in model.queue(QueueFilter.OVERDUE, NOW)] == [8, 6]


@pytest.mark.parametrize(
    ("now", "counts"),
    [
        # Late in the evening in Stockholm: 23:59 is still today, 00:30 is tomorrow, though
        # both are the same day in UTC.
        (datetime(2026, 3, 10, 23, 30, tzinfo=TZ), QueueCounts(open=5, overdue=1, due_today=2)),
        (datetime(2026, 3, 10, 22, 30, tzinfo=UTC), QueueCounts(open=5, overdue=1, due_today=2)),
        # After midnight: what was due at 23:59 is overdue, 00:30 and 17:00 are due today.
        (datetime(2026, 3, 11, 0, 0, tzinfo=TZ), QueueCounts(open=5, overdue=3, due_today=2)),
        (datetime(2026, 3, 10, 23, 0, tzinfo=UTC), QueueCounts(open=5, overdue=3, due_today=2)),
        (datetime(2026, 3, 11, 17, 0, tzinfo=TZ), QueueCounts(open=5, overdue=4, due_today=1)),
    ],
)
def test_queue_counts_count_the_day_in_the_desks_time_zone(
    now: datetime, counts: QueueCounts
) -> None:
    model = desk(
        STAFF,
        [
            inquiry(1, datetime(2026, 3, 10, 16, 0, tzinfo=TZ)),
            inquiry(2, datetime(2026, 3, 10, 23, 30, tzinfo=TZ)),  # due exactly then: in time
            inquiry(3, datetime(2026, 3, 10, 23, 59, tzinfo=TZ)),
            inquiry(4, datetime(2026, 3, 11, 0, 30, tzinfo=TZ)),
            inquiry(5, datetime(2026, 3, 11, 17, 0, tzinfo=TZ)),
        ],
    )
    assert model.queue_counts(now) == counts


# ---------------------------------------------------------------------- the recently closed


def closed_at(at: datetime, inquiry_id: int, version: int = 2) -> InquiryRecord:
    """Inquiry `inquiry_id`, closed at `at`."""
    return inquiry(
        inquiry_id, at + timedelta(days=1), state=InquiryState.CLOSED, version=version, closed_at=at
    )


OPEN_ONE = inquiry(1, NOW + timedelta(hours=2), employee_id=ANNA.id)
AN_HOUR_AGO = closed_at(NOW - timedelta(hours=1), 2)
YESTERDAY = closed_at(NOW - timedelta(days=1), 3)  # due NOW: overdue when reopened
ALSO_YESTERDAY = closed_at(NOW - timedelta(days=1), 4)  # at the same moment as 3
# Closed just inside the week: it drops out half an hour from NOW.
LAST_WEEK = closed_at(NOW - CLOSED_WITHIN + timedelta(minutes=30), 5)


def _ids(inquiries: list[InquiryRecord]) -> list[int]:
    return [i.id for i in inquiries]


def _closed_model() -> DeskModel:
    return desk(STAFF, [OPEN_ONE], [LAST_WEEK, YESTERDAY, AN_HOUR_AGO, ALSO_YESTERDAY])


def test_the_closed_ones_read_are_listed_most_recently_closed_first_beside_the_open_ones() -> None:
    model = _closed_model()
    # The same moment: the later id first, as the read orders them.
    assert _ids(model.queue(QueueFilter.CLOSED, NOW)) == [2, 4, 3, 5]
    assert _ids(model.queue(QueueFilter.ALL, NOW)) == [OPEN_ONE.id]
    assert model.queue_counts(NOW).open == 1  # the counts are the open queue's
    assert (model.inquiry(OPEN_ONE.id), model.inquiry(YESTERDAY.id)) == (OPEN_ONE, YESTERDAY)
    assert model.inquiry(99) is None
    read = DeskModel.read(STAFF, [OPEN_ONE], 0, [YESTERDAY, AN_HOUR_AGO])
    assert read.closed == {YESTERDAY.id: YESTERDAY, AN_HOUR_AGO.id: AN_HOUR_AGO}
    assert sorted(read.closings) == [(YESTERDAY.closed_at, 3), (AN_HOUR_AGO.closed_at, 2)]


Step = Callable[[DeskModel], Changes]

CLOSING_CASES: dict[str, tuple[list[Step], list[int], list[int], InquiryRecord]] = {
    "closed here": (
        [lambda m: m.set_inquiry(closed(OPEN_ONE))], [], [1, 2, 4, 3, 5], closed(OPEN_ONE)
    ),
    "closed by another seat": (
        [lambda m: m.apply_feed({}, (), {1: closed(OPEN_ONE)})], [], [1, 2, 4, 3, 5],
        closed(OPEN_ONE),
    ),
    "reopened here": (
        [lambda m: m.set_inquiry(reopened(YESTERDAY))], [3, 1], [2, 4, 5], reopened(YESTERDAY)
    ),
    "reopened by another seat": (
        [lambda m: m.apply_feed({}, (), {3: reopened(YESTERDAY)})], [3, 1], [2, 4, 5],
        reopened(YESTERDAY),
    ),
    "closed, then reopened": (
        [lambda m: m.set_inquiry(closed(OPEN_ONE)),
         lambda m: m.set_inquiry(reopened(closed(OPEN_ONE)))],
        [1], [2, 4, 3, 5], reopened(closed(OPEN_ONE)),
    ),
    "closed here, then a feed that read it open before": (
        [lambda m: m.set_inquiry(closed(OPEN_ONE)),
         lambda m: m.apply_feed({}, (), {1: OPEN_ONE})],
        [], [1, 2, 4, 3, 5], closed(OPEN_ONE),
    ),
    "reopened here, then a feed that read it closed before": (
        [lambda m: m.set_inquiry(reopened(YESTERDAY)),
         lambda m: m.apply_feed({}, (), {3: YESTERDAY})],
        [3, 1], [2, 4, 5], reopened(YESTERDAY),
    ),
    "reassigned while closed": (
        [lambda m: m.apply_feed({}, (), {3: replace(YESTERDAY, employee_id=LARS.id, version=3)})],
        [1], [2, 4, 3, 5], replace(YESTERDAY, employee_id=LARS.id, version=3),
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("steps", "open_ids", "closed_ids", "record"),
    CLOSING_CASES.values(),
    ids=list(CLOSING_CASES),
)
def test_a_closed_inquiry_moves_to_the_closed_ones_and_a_reopened_one_back_to_the_queue(
    steps: list[Step], open_ids: list[int], closed_ids: list[int], record: InquiryRecord
) -> None:
    model = _closed_model()
    changes = [step(model) for step in steps]
    assert changes[0] == Changes(queue=True)
    assert _ids(model.queue(QueueFilter.ALL, NOW)) == open_ids
    assert _ids(model.queue(QueueFilter.CLOSED, NOW)) == closed_ids
    assert model.inquiry(record.id) == record
    assert not set(model.inquiries) & set(model.closed)  # open or closed, never both


def test_a_closed_inquiry_drops_out_once_the_week_has_passed_and_only_then() -> None:
    model = _closed_model()
    assert LAST_WEEK.closed_at is not None
    last_moment = LAST_WEEK.closed_at + CLOSED_WITHIN
    assert not model.tick(last_moment)
    assert LAST_WEEK in model.queue(QueueFilter.CLOSED, last_moment)
    later = last_moment + timedelta(seconds=1)
    assert LAST_WEEK not in model.queue(QueueFilter.CLOSED, later)  # before the tick, too
    assert model.tick(later) == Changes(queue=True)
    assert LAST_WEEK.id not in model.closed
    assert not model.tick(later + timedelta(seconds=1))  # once, not every second
    assert _ids(model.queue(QueueFilter.CLOSED, later)) == [2, 4, 3]


def test_an_inquiry_closed_again_stays_for_a_week_from_its_new_close() -> None:
    model = _closed_model()
    again = closed(reopened(LAST_WEEK))  # closed anew at NOW
    model.set_inquiry(reopened(LAST_WEEK))
    model.set_inquiry(again)
    assert LAST_WEEK.closed_at is not None
    assert not model.tick(LAST_WEEK.closed_at + CLOSED_WITHIN + timedelta(seconds=1))
    assert model.queue(QueueFilter.CLOSED, NOW + timedelta(hours=1))[0] == again


def test_the_closed_ones_listed_are_the_most_recent_up_to_the_limit() -> None:
    many = [closed_at(NOW - timedelta(minutes=n), n) for n in range(1, CLOSED_SHOWN + 6)]
    model = desk(STAFF, [], many)
    shown = _ids(model.queue(QueueFilter.CLOSED, NOW))
    assert shown == list(range(1, CLOSED_SHOWN + 1))
    model.set_inquiry(closed(inquiry(1000, NOW + timedelta(days=1))))
    shown = _ids(model.queue(QueueFilter.CLOSED, NOW))
    assert shown == [1000, *range(1, CLOSED_SHOWN)]


# ---------------------------------------------------------------------- search


def test_search_finds_what_the_feed_brought(model: DeskModel) -> None:
    assert model.search("ann byg").ids == [ANNA.id]
    model.apply_feed({ANNA.id: moved(ANNA, "available", last_name="Holm", keywords="strand")})
    assert model.search("anna berg").ids == []
    assert model.search("anna holm").ids == [ANNA.id]
    assert model.search("strand").ids == [ANNA.id]
    model.apply_feed({6: person(6, "Nils Berg", keywords="vattenläcka")})
    assert model.search("vattenläcka").ids == [LARS.id, 6]
    assert model.search("svenson").ids == [LARS.id]  # typo-tolerant, as on the desk


def test_colleagues_are_found_as_records_up_to_the_limit(model: DeskModel) -> None:
    assert model.find_colleagues("  ") == []
    assert model.find_colleagues("lars") == [LARS]
    everyone_in_bygg = model.find_colleagues("bygg och")
    assert everyone_in_bygg == [ANNA, KARIN]
    assert model.find_colleagues("bygg och", limit=1) == [ANNA]
    model.apply_feed({}, {ANNA.id})
    assert model.find_colleagues("bygg och") == [KARIN]


# ---------------------------------------------------------------------- at random


IDS = range(1, 7)
EMPLOYEES = st.builds(
    person,
    employee_id=st.sampled_from(IDS),
    name=st.sampled_from(["Anna Berg", "Anna Bergström", "Åsa Öberg", "Per Ek", "Lars Ek"]),
    unit=st.sampled_from(["Bygg och miljö", "Ekonomi"]),
    keywords=st.sampled_from(["", "bygglov"]),
    status=st.sampled_from(["available", "lunch", "sick", "retired"]),
    back=st.none() | st.integers(-2, 8).map(lambda k: NOW + timedelta(minutes=15 * k)),
    redirect=st.none() | st.sampled_from(IDS),
    version=st.integers(0, 4),
    active=st.booleans() | st.just(True),
)
PRESENCES = st.builds(
    presence,
    status=st.sampled_from(["available", "lunch", "sick"]),
    back=st.none() | st.integers(1, 8).map(lambda k: NOW + timedelta(minutes=15 * k)),
    redirect=st.none() | st.sampled_from(IDS),
    version=st.integers(0, 4),
)
INQUIRIES = st.builds(
    inquiry,
    inquiry_id=st.integers(1, 4),
    due_at=st.integers(-2, 8).map(lambda k: NOW + timedelta(minutes=15 * k)),
    state=st.sampled_from(InquiryState),
    version=st.integers(0, 4),
    # Closed now, lately, and some just inside the week, so that a tick takes them out of it.
    closed_at=st.sampled_from([0, 60, 7 * 24 * 60 - 30, 7 * 24 * 60 - 1, 8 * 24 * 60]).map(
        lambda minutes: NOW - timedelta(minutes=minutes)
    ),
)
BATCHES = st.tuples(
    st.lists(EMPLOYEES, max_size=3),
    st.sets(st.sampled_from(IDS), max_size=1),
    st.lists(INQUIRIES, max_size=2),
)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("feed"), BATCHES),
        st.tuples(st.just("save"), st.tuples(st.sampled_from(IDS), PRESENCES)),
        st.tuples(st.just("inquiry"), INQUIRIES),
        st.tuples(st.just("tick"), st.sampled_from([0, 1, 15, 30, 60])),
        st.tuples(st.just("reload"), st.tuples(st.integers(0, 3), st.lists(BATCHES, max_size=3))),
    ),
    max_size=25,
)


class Truth:
    """What the desk ought to show after the same steps, kept the simplest way."""

    def __init__(self, employees: list[EmployeeRecord]) -> None:
        self.employees = {e.id: e for e in employees}
        self.inquiries: dict[int, InquiryRecord] = {}  # the latest version of each, closed too

    def feed(self, batch: tuple[list[EmployeeRecord], set[int], list[InquiryRecord]]) -> None:
        employees, missing, inquiries = batch
        for employee in {e.id: e for e in employees}.values():
            known = self.employees.get(employee.id)
            if not employee.active:
                self.employees.pop(employee.id, None)
            elif known is None or known.presence.version <= employee.presence.version:
                self.employees[employee.id] = employee
        for employee_id in missing:
            self.employees.pop(employee_id, None)
        for record in {i.id: i for i in inquiries}.values():
            self.inquiry(record)

    def save(self, employee_id: int, saved: PresenceRecord) -> None:
        known = self.employees.get(employee_id)
        if known is not None and known.presence.version <= saved.version:
            self.employees[employee_id] = replace(known, presence=saved)

    def inquiry(self, record: InquiryRecord) -> None:
        known = self.inquiries.get(record.id)
        if known is None or known.version <= record.version:
            self.inquiries[record.id] = record

    def open_inquiries(self) -> list[InquiryRecord]:
        return [i for i in self.inquiries.values() if i.state is InquiryState.OPEN]

    def recently_closed(self, now: datetime) -> list[InquiryRecord]:
        """What the closed view shows, as the repository reads it."""
        recent = [
            i
            for i in self.inquiries.values()
            if i.state is InquiryState.CLOSED and i.closed_at and i.closed_at >= now - CLOSED_WITHIN
        ]
        recent.sort(key=lambda i: (i.closed_at, i.id), reverse=True)
        return recent[:CLOSED_SHOWN]

    def copy(self) -> Truth:
        copied = Truth(list(self.employees.values()))
        copied.inquiries = dict(self.inquiries)
        return copied


def _row(model: DeskModel, employee_id: int) -> tuple[EmployeeRecord, EmployeeRecord | None]:
    """What a row shows: the person, and the one they are redirected to."""
    employee = model.employees[employee_id]
    return employee, model.redirect_target(employee)


def _as_feed(
    batch: tuple[list[EmployeeRecord], set[int], list[InquiryRecord]],
) -> tuple[dict[int, EmployeeRecord], set[int], dict[int, InquiryRecord]]:
    employees, missing, inquiries = batch
    return {e.id: e for e in employees}, missing, {i.id: i for i in inquiries}


@given(STEPS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_steps_leave_the_model_as_one_read_from_scratch(steps: list[tuple[str, Any]]) -> None:
    start = [ANNA, LARS, KARIN, ASA]
    model, truth, now = desk(start), Truth(start), NOW
    for kind, arguments in steps:
        rows = {i: _row(model, i) for i in model.employees}
        touched: set[int] = set()  # whose records a step brings
        if kind == "feed":
            truth.feed(arguments)
            changes = model.apply_feed(*_as_feed(arguments))
            touched = {e.id for e in arguments[0]} | arguments[1]
        elif kind == "save":
            truth.save(*arguments)
            changes = model.save_presence(*arguments)
            touched = {arguments[0]}
        elif kind == "inquiry":
            truth.inquiry(arguments)
            changes = model.set_inquiry(arguments)
        elif kind == "tick":
            later = now + timedelta(minutes=arguments)
            closed_before = model.queue(QueueFilter.CLOSED, now)
            changes = model.tick(later)
            closed_after = model.queue(QueueFilter.CLOSED, later)
            assert closed_after == truth.recently_closed(later)
            if closed_after != closed_before:
                assert changes.queue, "a close that left the week not redrawn"
            for employee in model.employees.values():
                back = employee.presence.return_at
                if back is not None and now < back <= later:
                    assert employee.id in changes.employees, "a passed return time not redrawn"
            for employee_id in changes.employees:
                back = model.employees[employee_id].presence.return_at
                assert back is not None and back <= later, "a row redrawn for no reason"
            now = later
            continue
        else:
            # A reload: the read sees the database as it was after `read_after` of the
            # batches that come meanwhile.
            read_after, batches = arguments
            model.begin_read()
            snapshot = truth.copy()
            for number, batch in enumerate(batches, start=1):
                truth.feed(batch)
                model.apply_feed(*_as_feed(batch))
                if number <= read_after:
                    snapshot = truth.copy()
            read = DeskModel.read(
                list(snapshot.employees.values()),
                snapshot.open_inquiries(),
                0,
                snapshot.recently_closed(now),
            )
            changes = model.load(read)
        after = {i: _row(model, i) for i in model.employees}
        for employee_id, row in after.items():
            if employee_id in rows and rows[employee_id] != row:
                assert employee_id in changes.employees or changes.all_rows, (kind, employee_id)
        if touched:
            # And no more than those brought and those redirected to them, before or after.
            redirected = {
                row[0].id
                for row in [*rows.values(), *after.values()]
                if row[0].presence.redirect_employee_id in touched
            }
            assert changes.employees <= touched | redirected, kind
        if set(rows) != set(after) or any(
            _search_fields(rows[i][0]) != _search_fields(after[i][0])
            for i in set(rows) & set(after)
        ):
            assert changes.regroup, kind
        assert model.employees == truth.employees, kind
        assert model.inquiries == {i.id: i for i in truth.open_inquiries()}, kind
        assert model.queue(QueueFilter.CLOSED, now) == truth.recently_closed(now), kind
    _assert_as_if_read_from_scratch(model, now)


def _search_fields(employee: EmployeeRecord) -> tuple[str, ...]:
    return (employee.name, employee.unit_name, employee.title, employee.extension,
            employee.keywords)  # fmt: skip


def _assert_as_if_read_from_scratch(model: DeskModel, now: datetime) -> None:
    fresh = DeskModel(STATUSES, TZ)
    closed = model.queue(QueueFilter.CLOSED, now)
    fresh.load(DeskModel.read(list(model.employees.values()), list(model.inquiries.values()), 0,
                              closed))  # fmt: skip
    assert model.total == fresh.total == len(model.employees)
    assert model.away == fresh.away
    assert model._redirected_to == fresh._redirected_to  # who to redraw when someone changes
    assert model.search("").ids == fresh.search("").ids
    for query in ("anna", "ek", "bygg", "berg an", "öberg"):
        assert model.search(query) == fresh.search(query), query
    assert model.queue(QueueFilter.ALL, now) == fresh.queue(QueueFilter.ALL, now)
    assert model.queue_counts(now) == fresh.queue_counts(now)
    assert fresh.queue(QueueFilter.CLOSED, now) == closed
