"""What a desk has read and what follows from it, apart from any screen.

`DeskModel` keeps the active employees, the open inquiries and those closed in the past week by
id, who is away, who is redirected to whom, the times at which rows change by themselves (a
return time or a due time passing, a close falling out of the week) and the search index. It
applies what the change feed brings, a save's result and the clock's tick, and answers with
`Changes`: the rows a screen must redraw, and no more.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum

from reception_tui.domain.calendar import past_due
from reception_tui.domain.presence import StatusCode, find_status
from reception_tui.domain.records import (
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
    PresenceRecord,
)
from reception_tui.domain.search import SearchEntry, SearchResult, StaffIndex


class QueueFilter(Enum):
    ALL = "all"
    OVERDUE = "overdue"
    EMPLOYEE = "employee"
    CLOSED = "closed"
    """The recently closed inquiries, to open one again."""


CLOSED_WITHIN = timedelta(days=7)
"""How long a closed inquiry stays in the desk's list of closed ones."""
CLOSED_SHOWN = 300
"""The most closed inquiries that list shows (and a desk reads): the most recently closed."""


@dataclass
class Changes:
    """What a screen must redraw after the model changed."""

    employees: set[int] = field(default_factory=set)
    """Rows whose cells changed (the person, or someone they are redirected to)."""
    regroup: bool = False
    """Someone came, went, or changed what the search matches: search again."""
    queue: bool = False
    """The open or the recently closed inquiries changed: the queue is redrawn (it is small)."""
    all_rows: bool = False
    """Every row's cells may have changed (a new day: "imorgon 08:00" becomes "08:00")."""

    def __bool__(self) -> bool:
        return bool(self.employees) or self.regroup or self.queue or self.all_rows

    def merge(self, other: Changes) -> Changes:
        self.employees |= other.employees
        self.regroup = self.regroup or other.regroup
        self.queue = self.queue or other.queue
        self.all_rows = self.all_rows or other.all_rows
        return self


@dataclass(frozen=True)
class QueueCounts:
    open: int
    overdue: int
    due_today: int


@dataclass
class DeskRead:
    """Everything read for a desk and prepared off the UI thread (see `DeskModel.read`)."""

    employees: dict[int, EmployeeRecord]
    inquiries: dict[int, InquiryRecord]
    index: StaffIndex
    redirected_to: dict[int, set[int]]
    returns: list[tuple[datetime, int]]
    dues: list[tuple[datetime, int]]
    closed: dict[int, InquiryRecord]
    closings: list[tuple[datetime, int]]
    change_id: int  # the change log's end before the reading began


class DeskModel:
    """The employees and inquiries one desk shows, and what follows from them."""

    def __init__(self, statuses: Sequence[StatusCode], tz: tzinfo) -> None:
        self.statuses = tuple(statuses)
        self.tz = tz
        self.employees: dict[int, EmployeeRecord] = {}
        self.inquiries: dict[int, InquiryRecord] = {}
        """The open inquiries."""
        self.closed: dict[int, InquiryRecord] = {}
        """The inquiries closed in the past week (`CLOSED_WITHIN`) as far as this desk knows:
        those read (`CLOSED_SHOWN` at most), and those closed since, here or elsewhere."""
        self.index = StaffIndex([])
        self.loaded = False
        """Everyone has been read (before that, only the first screenful may be known)."""
        self.total = 0
        """How many active people there are, known from the first screenful's read on."""
        self.away = 0
        self._redirected_to: dict[int, set[int]] = {}  # employee id -> who redirects to them
        self._returns: list[tuple[datetime, int]] = []  # (return_at, employee id), a heap
        self._dues: list[tuple[datetime, int]] = []  # (due_at, inquiry id), a heap
        self._closings: list[tuple[datetime, int]] = []  # (closed_at, inquiry id), a heap
        # Inquiry id -> the version it was closed in: a feed that read it open just before a
        # close here, and comes just after, must not show it again. One small entry for each
        # inquiry closed while the desk runs, kept after it has left `closed`.
        self._closed_versions: dict[int, int] = {}
        self._day: date | None = None
        self._reading = False
        self._during_read: list[
            tuple[dict[int, EmployeeRecord], set[int], dict[int, InquiryRecord]]
        ] = []

    # -------------------------------------------------------------- reading

    @staticmethod
    def read(
        employees: Sequence[EmployeeRecord],
        inquiries: Sequence[InquiryRecord],
        change_id: int,
        closed: Sequence[InquiryRecord] = (),
        index: StaffIndex | None = None,
    ) -> DeskRead:
        """Prepare what was read for `load` (the open inquiries, and those `closed` lately):
        at 100,000 people this takes seconds, so it runs in the reading thread, not on the UI
        thread. `index` is the employees' search index when it is known (a snapshot's)."""
        redirected_to: dict[int, set[int]] = {}
        for employee in employees:
            target = employee.presence.redirect_employee_id
            if target is not None:
                redirected_to.setdefault(target, set()).add(employee.id)
        returns = [(e.presence.return_at, e.id) for e in employees if e.presence.return_at]
        heapq.heapify(returns)
        dues = [(i.due_at, i.id) for i in inquiries]
        heapq.heapify(dues)
        closings = [(i.closed_at, i.id) for i in closed if i.closed_at is not None]
        heapq.heapify(closings)
        return DeskRead(
            employees={e.id: e for e in employees},
            inquiries={i.id: i for i in inquiries},
            index=StaffIndex.from_employees(employees) if index is None else index,
            redirected_to=redirected_to,
            returns=returns,
            dues=dues,
            closed={i.id: i for i in closed if i.closed_at is not None},
            closings=closings,
            change_id=change_id,
        )

    def peek(self, total: int, first: Iterable[EmployeeRecord]) -> list[int]:
        """The first screenful, before everyone is read: the grid's keys for everyone, where
        those not read yet have negative keys (and show as "…")."""
        if self.loaded:
            return self.index.all_ids()
        self.total = total
        self.employees = {employee.id: employee for employee in first}
        known = list(self.employees)
        return [*known, *range(-1, -max(total - len(known), 0) - 1, -1)]

    def begin_read(self) -> None:
        """A full read begins: what the feed brings meanwhile is applied again after it, since
        the read may have begun before those changes were committed."""
        self._reading = True

    def load(self, read: DeskRead) -> Changes:
        """Everything is read: replace what was known with it, then apply again what the feed
        brought during the read (version checks skip what the read already had)."""
        self.employees = read.employees
        self.inquiries = read.inquiries
        self.index = read.index
        self._redirected_to = read.redirected_to
        self._returns = read.returns
        self._dues = read.dues
        self.closed = read.closed
        self._closings = read.closings
        self.total = len(self.employees)
        self.away = sum(self.is_away(e) for e in self.employees.values())
        self.loaded = True
        self._reading = False
        changes = Changes(regroup=True, queue=True, all_rows=True)
        during, self._during_read = self._during_read, []
        for employees, missing, inquiries in during:
            changes.merge(self.apply_feed(employees, missing, inquiries))
        return changes

    def read_failed(self) -> None:
        """The full read did not finish: what the feed brought is applied as it comes."""
        self._reading = False
        during, self._during_read = self._during_read, []
        for employees, missing, inquiries in during:
            self.apply_feed(employees, missing, inquiries)

    def set_statuses(self, statuses: Sequence[StatusCode]) -> Changes:
        """The configured statuses changed: who counts as away may change, and every label."""
        self.statuses = tuple(statuses)
        self.away = sum(self.is_away(e) for e in self.employees.values())
        return Changes(all_rows=True, queue=True)

    # -------------------------------------------------------------- questions

    def status(self, employee: EmployeeRecord) -> StatusCode | None:
        return find_status(self.statuses, employee.presence.status_code)

    def is_away(self, employee: EmployeeRecord) -> bool:
        status = self.status(employee)
        return status is not None and not status.available

    def redirect_target(self, employee: EmployeeRecord) -> EmployeeRecord | None:
        target_id = employee.presence.redirect_employee_id
        return self.employees.get(target_id) if target_id is not None else None

    def search(self, query: str) -> SearchResult:
        return self.index.search(query)

    def find_colleagues(self, query: str, limit: int = 6) -> list[EmployeeRecord]:
        if not query.strip():
            return []
        ids = self.index.search(query).ids[:limit]
        return [self.employees[i] for i in ids if i in self.employees]

    def queue(
        self, queue_filter: QueueFilter, now: datetime, employee_id: int | None = None
    ) -> list[InquiryRecord]:
        """The inquiries a filter shows. Open ones: overdue first (their due times are the
        earliest), then by due time, then by when they came in. Closed ones: those closed in
        the past week, the most recently closed first, `CLOSED_SHOWN` at most."""
        if queue_filter is QueueFilter.CLOSED:
            since = now - CLOSED_WITHIN
            # The clock's tick lets go of those closed before the week; until it comes, they
            # are not shown either.
            recent = [
                (closed_at, inquiry.id, inquiry)
                for inquiry in self.closed.values()
                if (closed_at := inquiry.closed_at) is not None and closed_at >= since
            ]
            recent.sort(key=lambda entry: entry[:2], reverse=True)
            return [inquiry for _, _, inquiry in recent[:CLOSED_SHOWN]]
        items: Iterable[InquiryRecord] = self.inquiries.values()
        if queue_filter is QueueFilter.OVERDUE:
            items = [i for i in items if i.overdue(now)]
        elif queue_filter is QueueFilter.EMPLOYEE:
            items = [i for i in items if employee_id is not None and i.employee_id == employee_id]
        return sorted(items, key=lambda i: (i.due_at, i.received_at, i.id))

    def queue_counts(self, now: datetime) -> QueueCounts:
        today = now.astimezone(self.tz).date()
        overdue = due_today = 0
        for inquiry in self.inquiries.values():
            if inquiry.overdue(now):
                overdue += 1
            elif inquiry.due_at.astimezone(self.tz).date() == today:
                due_today += 1
        return QueueCounts(len(self.inquiries), overdue, due_today)

    # -------------------------------------------------------------- changes

    def apply_feed(
        self,
        employees: Mapping[int, EmployeeRecord],
        missing_employees: Iterable[int] = (),
        inquiries: Mapping[int, InquiryRecord] | None = None,
    ) -> Changes:
        """Rows the change feed read fresh (`missing_employees` were deleted)."""
        if self._reading or not self.loaded:
            self._during_read.append(
                (dict(employees), set(missing_employees), dict(inquiries or {}))
            )
            if not self.loaded:
                return Changes()
        changes = Changes()
        for employee in employees.values():
            previous = self.employees.get(employee.id)
            if not employee.active:
                changes.employees |= self._forget(employee.id)
                changes.regroup = changes.regroup or previous is not None
                continue
            if previous is not None and previous.presence.version > employee.presence.version:
                continue  # this desk already shows a later save
            changes.regroup = (
                changes.regroup
                or previous is None
                or _search_fields(previous) != _search_fields(employee)
            )
            changes.employees |= self._store(employee)
        for employee_id in missing_employees:
            changes.regroup = changes.regroup or employee_id in self.employees
            changes.employees |= self._forget(employee_id)
        for inquiry in (inquiries or {}).values():
            changes.queue = self._store_inquiry(inquiry) or changes.queue
        return changes

    def set_employee(self, employee: EmployeeRecord) -> Changes:
        """One employee read again (after a conflict, or a form that did not save)."""
        return self.apply_feed({employee.id: employee})

    def save_presence(self, employee_id: int, presence: PresenceRecord) -> Changes:
        """This desk saved someone's presence."""
        employee = self.employees.get(employee_id)
        if employee is None or employee.presence.version > presence.version:
            return Changes()  # gone, or another seat's later change already came through
        return Changes(employees=self._store(replace(employee, presence=presence)))

    def inquiry(self, inquiry_id: int) -> InquiryRecord | None:
        """An open or a recently closed inquiry by id."""
        return self.inquiries.get(inquiry_id) or self.closed.get(inquiry_id)

    def set_inquiry(self, inquiry: InquiryRecord) -> Changes:
        """An inquiry this desk saved or read again: in the queue while open, among the
        recently closed once closed."""
        return Changes(queue=self._store_inquiry(inquiry))

    def tick(self, now: datetime) -> Changes:
        """The clock moved on: rows whose return time has passed, a passed due time, a new
        day."""
        changes = Changes()
        # The heaps keep times that have since changed: only a time still in force counts.
        while self._returns and self._returns[0][0] <= now:
            return_at, employee_id = heapq.heappop(self._returns)
            employee = self.employees.get(employee_id)
            if employee is not None and employee.presence.return_at == return_at:
                changes.employees.add(employee_id)
        while self._dues and past_due(self._dues[0][0], now):
            due_at, inquiry_id = heapq.heappop(self._dues)
            inquiry = self.inquiries.get(inquiry_id)
            changes.queue = changes.queue or (inquiry is not None and inquiry.due_at == due_at)
        since = now - CLOSED_WITHIN
        while self._closings and self._closings[0][0] < since:
            closed_at, inquiry_id = heapq.heappop(self._closings)
            inquiry = self.closed.get(inquiry_id)
            if inquiry is not None and inquiry.closed_at == closed_at:
                del self.closed[inquiry_id]  # closed more than a week ago
                changes.queue = True
        day = now.astimezone(self.tz).date()
        if day != self._day:
            # Due-today colours and "imorgon" change at midnight. Before its first tick the
            # model knows no day, and the rows may have been drawn on the day before.
            changes.all_rows = changes.queue = True
            self._day = day
        if not self.loaded:
            return Changes()
        return changes

    # -------------------------------------------------------------- keeping

    def _store(self, employee: EmployeeRecord) -> set[int]:
        """Keep `employee` (active) and index it; the rows that must be redrawn."""
        previous = self.employees.get(employee.id)
        self.away += self.is_away(employee) - (self.is_away(previous) if previous else 0)
        if previous is None:
            self.total += 1
        self.employees[employee.id] = employee
        self.index.upsert(SearchEntry.from_employee(employee))
        if employee.presence.return_at is not None:
            heapq.heappush(self._returns, (employee.presence.return_at, employee.id))
        old_target = previous.presence.redirect_employee_id if previous else None
        self._retarget(employee.id, old_target, employee.presence.redirect_employee_id)
        return {employee.id, *self._redirected_to.get(employee.id, ())}

    def _forget(self, employee_id: int) -> set[int]:
        """Drop someone deactivated or deleted; the rows that named them must be redrawn."""
        previous = self.employees.pop(employee_id, None)
        if previous is None:
            return set()
        self.total -= 1
        self.away -= self.is_away(previous)
        self.index.remove(employee_id)
        self._retarget(employee_id, previous.presence.redirect_employee_id, None)
        # Who is redirected to them stays known: should they come back, those rows name them.
        return set(self._redirected_to.get(employee_id, ()))

    def _retarget(self, employee_id: int, old: int | None, new: int | None) -> None:
        if old != new:
            if old is not None:
                redirected = self._redirected_to.get(old, set())
                redirected.discard(employee_id)
                if not redirected:
                    self._redirected_to.pop(old, None)
            if new is not None:
                self._redirected_to.setdefault(new, set()).add(employee_id)

    def _store_inquiry(self, inquiry: InquiryRecord) -> bool:
        """Keep an open inquiry in the queue and a closed one among the recently closed (it
        leaves the other); whether either changed."""
        known = self.inquiry(inquiry.id)
        known_version = max(
            known.version if known is not None else -1,
            self._closed_versions.get(inquiry.id, -1),
        )
        if known_version > inquiry.version:
            return False  # a later version is already shown, or was closed
        if inquiry.state is InquiryState.OPEN:
            self.inquiries[inquiry.id] = inquiry
            self.closed.pop(inquiry.id, None)
            self._closed_versions.pop(inquiry.id, None)
            heapq.heappush(self._dues, (inquiry.due_at, inquiry.id))
            return True
        self._closed_versions[inquiry.id] = inquiry.version
        was_open = self.inquiries.pop(inquiry.id, None) is not None
        if inquiry.closed_at is None:
            return was_open  # closed, but not saying when: not listed among the closed
        self.closed[inquiry.id] = inquiry
        heapq.heappush(self._closings, (inquiry.closed_at, inquiry.id))
        return True


def _search_fields(employee: EmployeeRecord) -> tuple[str, ...]:
    return (
        employee.name,
        employee.unit_name,
        employee.title,
        employee.extension,
        employee.keywords,
    )
