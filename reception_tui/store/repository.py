"""Every read the desk needs and every write anyone makes.

Each write is one transaction that also appends a `Change` row (actor, what, before, after):
the audit trail and the feed other seats follow. Presence and inquiries carry a `version`;
a write based on a stale version raises `ConflictError` and changes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from itertools import chain, islice
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa

from reception_tui.clock import Clock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.followup import progress
from reception_tui.domain.limits import MAX_DEACTIVATED_SHARE, check_field
from reception_tui.domain.presence import StatusCode, check_presence
from reception_tui.domain.records import (
    AttemptRecord,
    Channel,
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
    Outcome,
    PresenceRecord,
    UnitRecord,
)
from reception_tui.domain.text import fold, name_key, sort_key
from reception_tui.store.columns import Fields, field_names, labelled
from reception_tui.store.engine import DatabaseError, describe_error, writer
from reception_tui.store.importer import StaffRow, check_staff_row
from reception_tui.store.tables import (
    CallbackAttempt,
    Change,
    Employee,
    Inquiry,
    Presence,
    Unit,
    UTCDateTime,
)
from reception_tui.words import Coded, Term

E = Employee.__table__  # type: ignore[attr-defined]
U = Unit.__table__  # type: ignore[attr-defined]
P = Presence.__table__  # type: ignore[attr-defined]
I = Inquiry.__table__  # type: ignore[attr-defined]  # noqa: E741
A = CallbackAttempt.__table__  # type: ignore[attr-defined]
C = Change.__table__  # type: ignore[attr-defined]

RecordT = TypeVar("RecordT")


_EMPLOYEE_FIELDS = (
    "employee_number",
    "first_name",
    "last_name",
    "title",
    "unit_id",
    "extension",
    "mobile",
    "email",
    "keywords",
    "visiting_address",
    "active",
)


@dataclass(slots=True)
class ImportSummary:
    """What a staff import did (or, in a dry run, would do)."""

    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    unchanged: int = 0
    units_created: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PurgeSummary:
    """What a purge removed (or, in a dry run, would remove)."""

    inquiries: int
    attempts: int
    presence_history: int
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class PresenceChange:
    """One status to set in `Repository.set_presences`."""

    employee_id: int
    status: StatusCode
    return_at: datetime | None
    redirect_employee_id: int | None = None
    redirect_number: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class NewInquiry:
    """A missed call or message to log; `received_at` None means now."""

    caller_name: str
    channel: Channel = Channel.PHONE
    caller_number: str | None = None
    caller_email: str | None = None
    employee_id: int | None = None
    unit_id: int | None = None
    subject: str = ""
    received_at: datetime | None = None


class PastInquiry(NamedTuple):
    """A closed inquiry from before, for `Repository.add_history`: as it came in (the fields
    of a `NewInquiry`, for the employee or the unit it was for then), when it was resolved,
    its callback attempts (when, outcome, note) in the order they were made, and the employee
    it was reassigned to later, if it was.

    A tuple rather than a dataclass: a history is a million of them, made one after another,
    and a tuple is made four times as fast.
    """

    caller_name: str
    channel: Channel
    caller_number: str | None
    caller_email: str | None
    employee_id: int | None
    unit_id: int | None
    subject: str
    received_at: datetime
    closed_at: datetime
    attempts: Sequence[tuple[datetime, Outcome, str]] = ()
    reassigned_to: int | None = None


# What the desk neither shows nor searches, as `_employee_query(contact=False)` reads it.
_NO_CONTACT: dict[str, sa.ColumnElement[Any]] = {
    "employee_number": sa.null(),
    "mobile": sa.literal_column("''", sa.String),
    "email": sa.literal_column("''", sa.String),
    "visiting_address": sa.literal_column("''", sa.String),
}
# Fields whose values repeat across many people: a load keeps one copy of each value.
_SHARED_EMPLOYEE_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "unit_name",
    "keywords",
    "visiting_address",
)
_SHARED_PRESENCE_FIELDS = ("status_code", "redirect_number", "note", "set_by")
_PURGE_BATCH = 5000  # inquiries, or change-log ids of presence history, to a purge's transaction
HISTORY_CHUNK = 50_000  # inquiries per transaction when writing history
# Values to a statement in a bulk insert: SQLite takes 32,766.
_VALUES_PER_INSERT = 32_000


class NotFound(Coded, LookupError):
    """No such employee, unit or inquiry."""

    CODES = {
        "no_employee": ("id",),
        "no_active_employee": ("id",),
        "no_unit": ("id",),
        "no_inquiry": ("id",),
    }


class Refused(Coded, ValueError):
    """A write that makes no sense as asked (a redirect to oneself); nothing was changed."""

    CODES = {
        "redirect_to_self": (),
        "caller_name_empty": (),
        "inquiry_for_nobody": (),
        "before_received": ("when", "received"),
        "after_now": ("when", "now"),
    }


class ConflictError(Coded):
    """Someone else saved first: the write was based on a stale version and changed nothing.

    `current` is what the other seat saved (a PresenceRecord or an InquiryRecord), or None.
    """

    CODES = {
        "presence_changed_by": ("by", "status", "at"),
        "presence_cleared": (),
        "presence_same_moment": (),
        "inquiry_changed": ("state",),
        "inquiry_added_by": ("by", "at", "state"),
        "inquiry_resolved_by": ("by", "at", "state"),
        "inquiry_reopened_by": ("by", "at", "state"),
        "inquiry_reassigned_by": ("by", "at", "state"),
        "inquiry_changed_by": ("by", "at", "state"),
    }

    def __init__(self, code: str, /, *, current: object, **values: object) -> None:
        super().__init__(code, **values)
        self.current = current


class NotClosed(Coded):
    """Reopening an inquiry that is open: nothing changed."""

    CODES = {"inquiry_open": ("id",)}


# What another seat last did to an inquiry, as the conflict says it.
_INQUIRY_CONFLICTS = {
    "add": "inquiry_added_by",
    "resolve": "inquiry_resolved_by",
    "reopen": "inquiry_reopened_by",
    "reassign": "inquiry_reassigned_by",
}


class TooManyDeactivated(Coded):
    """A full staff import would deactivate more people than it may; nothing was changed.

    A header-only or truncated export looks like everyone leaving at once, so an import may
    deactivate at most `max_share` of the active staff, and none from a file without rows,
    unless the administrator allows the count (`allowed`).
    """

    CODES = {
        "too_many_deactivated": ("count", "active", "share"),
        "deactivated_from_no_rows": ("count", "active"),
    }

    def __init__(self, deactivated: list[str], active: int, rows: int, max_share: float) -> None:
        self.deactivated = deactivated
        self.active = active
        self.rows = rows
        self.max_share = max_share
        if rows == 0:
            super().__init__("deactivated_from_no_rows", count=len(deactivated), active=active)
        else:
            super().__init__(
                "too_many_deactivated",
                count=len(deactivated),
                active=active,
                share=f"{max_share:.0%}",
            )


class DatabaseUnavailable(DatabaseError):
    """The database did not answer; nothing was saved. `detail` is the driver's own words."""

    CODES = {"no_answer": ("detail",)}


class SaveUncertain(DatabaseError):
    """The connection dropped while committing: the change may or may not have been saved."""

    CODES = {"lost_while_saving": ("detail",)}


def _lost(error: sa.exc.DBAPIError) -> bool:
    """Whether `error` means the database could not be reached, rather than refused the write."""
    return error.connection_invalidated or isinstance(
        error, sa.exc.OperationalError | sa.exc.InterfaceError
    )


def _unavailable(error: sa.exc.DBAPIError) -> DatabaseUnavailable:
    return DatabaseUnavailable("no_answer", detail=describe_error(error))


@dataclass(frozen=True, slots=True)
class Lookup:
    """The outcome of finding WHO: exactly one match, or the candidates to choose from."""

    matches: tuple[EmployeeRecord, ...]

    @property
    def unique(self) -> EmployeeRecord | None:
        return self.matches[0] if len(self.matches) == 1 else None


class Repository:
    """The one way into the database for the desk, the CLI and the importer."""

    def __init__(
        self, engine: sa.Engine, *, actor: str, clock: Clock, calendar: WorkingCalendar
    ) -> None:
        self.engine = engine
        self.actor = check_field("actor", actor.strip())
        self.clock = clock
        self.calendar = calendar

    # ---------------------------------------------------------------- transactions

    @contextmanager
    def _write(self, *, commit: bool = True) -> Iterator[sa.Connection]:
        """One write transaction (rolled back at the end without `commit`: a dry run). A lost
        connection says whether anything could have been saved.

        Before the commit is sent nothing can have been stored (`DatabaseUnavailable`); if the
        connection drops during the commit itself, no one can know (`SaveUncertain`).
        """
        try:
            connection = writer(self.engine).connect()
        except sa.exc.DBAPIError as error:
            raise _unavailable(error) from error
        with connection:
            transaction: sa.RootTransaction | None = None
            try:
                transaction = connection.begin()
                yield connection
            except BaseException as error:
                # Rolled back here, before the error travels on, not when the connection closes.
                if transaction is not None and transaction.is_active:
                    transaction.rollback()
                if isinstance(error, sa.exc.DBAPIError) and _lost(error):
                    raise _unavailable(error) from error
                raise
            if not commit:
                transaction.rollback()
                return
            try:
                transaction.commit()
            except sa.exc.DBAPIError as error:
                if error.connection_invalidated:
                    raise SaveUncertain(
                        "lost_while_saving", detail=describe_error(error)
                    ) from error
                if _lost(error):
                    raise _unavailable(error) from error
                raise

    def _log(
        self,
        connection: sa.Connection,
        entity: str,
        entity_id: int,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        connection.execute(
            sa.insert(C).values(
                self._change(self.clock.now(), entity, entity_id, action, before, after)
            )
        )

    # ---------------------------------------------------------------- employees

    @staticmethod
    @cache  # built once: a feed batch asks for a few people, and building it took longer
    def _employee_query(*, contact: bool = True) -> sa.Select[Any]:
        """Employees with unit and presence, labelled with the fields of their records.

        Without `contact`, the columns nobody at the desk sees are not read at all: the query
        gives constants in their place (no employee number, empty contact details).
        """
        contact_columns = {} if contact else _NO_CONTACT
        return (
            sa.select(
                *labelled(
                    EmployeeRecord,
                    E,
                    leave_out={"presence"},
                    unit_name=sa.func.coalesce(U.c.name, ""),
                    **contact_columns,
                ),
                *labelled(PresenceRecord, P),
            )
            .select_from(E.outerjoin(U, E.c.unit_id == U.c.id))
            .outerjoin(P, P.c.employee_id == E.c.id)
        )

    @staticmethod
    @cache
    def _staff_query(*, contact: bool) -> sa.Select[Any]:
        """Employees with their unit's name but not their presence, which `_presences` reads
        on its own: most people's was never set, and a join would hand over eight empty
        columns for each of them (at 100,000 people, a third of the read)."""
        contact_columns = {} if contact else _NO_CONTACT
        return sa.select(
            *labelled(
                EmployeeRecord,
                E,
                leave_out={"presence"},
                unit_name=sa.func.coalesce(U.c.name, ""),
                **contact_columns,
            )
        ).select_from(E.outerjoin(U, E.c.unit_id == U.c.id))

    @staticmethod
    def _presences(connection: sa.Connection, shared: dict[Any, Any]) -> dict[int, PresenceRecord]:
        """Everyone's presence that was ever set, by employee id."""
        result = connection.execute(sa.select(P.c.employee_id, *labelled(PresenceRecord, P)))
        presence = Fields(PresenceRecord, list(result.keys()))
        shared_fields = [presence.index(name) for name in _SHARED_PRESENCE_FIELDS]
        keep = shared.setdefault
        found = {}
        for row in result:
            values = list(presence.values(row))
            for index in shared_fields:
                value = values[index]
                values[index] = keep(value, value)
            found[row[0]] = PresenceRecord(*values)
        return found

    @staticmethod
    def _employee_records(
        result: sa.Result[Any],
        default_status: str,
        presences: Mapping[int, PresenceRecord] | None = None,
        shared: dict[Any, Any] | None = None,
    ) -> Iterator[EmployeeRecord]:
        """The employees of an `_employee_query` result, or of a `_staff_query` result with
        their `presences`. This is hot: 100,000 rows at start.

        Names, units, titles and keywords repeat across thousands of people, and statuses,
        notes and who set them across everyone away: the records keep one copy of each, and
        share one record for "never set" presence (available by default).
        """
        keys = list(result.keys())
        employee = Fields(EmployeeRecord, keys, leave_out={"presence", "sort_key"})
        sort_key = keys.index("sort_key")
        shared_employee = [employee.index(name) for name in _SHARED_EMPLOYEE_FIELDS]
        never_set = PresenceRecord(
            status_code=default_status,
            return_at=None,
            redirect_employee_id=None,
            redirect_number=None,
            note="",
            set_by=None,
            set_at=None,
            version=0,
        )
        keep = (shared if shared is not None else {}).setdefault
        if presences is None:
            presence = Fields(PresenceRecord, keys)
            shared_presence = [presence.index(name) for name in _SHARED_PRESENCE_FIELDS]
            version = keys.index("version")
        for row in result:
            values = list(employee.values(row))
            for index in shared_employee:
                value = values[index]
                values[index] = keep(value, value)
            if presences is not None:
                person_presence = presences.get(values[0], never_set)
            elif row[version] is None:
                person_presence = never_set
            else:
                presence_values = list(presence.values(row))
                for index in shared_presence:
                    value = presence_values[index]
                    presence_values[index] = keep(value, value)
                person_presence = PresenceRecord(*presence_values)
            # Were `presence` not the last field, this would fail with "multiple values".
            key = row[sort_key]
            yield EmployeeRecord(  # type: ignore[misc]
                *values, presence=person_presence, sort_key=keep(key, key)
            )

    def employees(
        self,
        *,
        default_status: str,
        include_inactive: bool = False,
        by_name: bool = True,
        contact: bool = True,
    ) -> list[EmployeeRecord]:
        """Every (active) employee with unit and presence. Core rows: this is hot.

        By last name, then first name, in Swedish alphabetical order (Å, Ä, Ö after Z).
        `by_name=False` skips the sort, for callers that order the list themselves (the desk's
        search index does): at 100,000 people the sort is a third of the query.
        `contact=False` leaves out what the desk neither shows nor searches: the records come
        without employee number (None), mobile, e-mail and visiting address (""), which at
        100,000 people saves tens of megabytes.
        """
        # Everyone, the inactive left out here: asked for active ones only, SQLite walks the
        # index on `active` and looks each row up, which takes twice as long as the scan.
        shared: dict[Any, Any] = {}
        with self.engine.connect() as connection:
            presences = self._presences(connection, shared)
            result = connection.execute(self._staff_query(contact=contact))
            records = [
                record
                for record in self._employee_records(result, default_status, presences, shared)
                if include_inactive or record.active
            ]
        if by_name:
            records.sort(key=_by_last_name)
        return records

    def employees_in_units(
        self, unit_ids: Collection[int], *, default_status: str
    ) -> list[EmployeeRecord]:
        """The active employees of these units, by name: a manager's screen reads its unit,
        not the whole staff."""
        query = self._employee_query().where(E.c.unit_id.in_(unit_ids), E.c.active == sa.true())
        with self.engine.connect() as connection:
            records = list(self._employee_records(connection.execute(query), default_status))
        records.sort(key=_by_last_name)
        return records

    def first_employees(
        self, count: int, *, default_status: str
    ) -> tuple[int, list[EmployeeRecord]]:
        """How many employees are active, and the first `count` of them in the desk's order.

        The desk's order is its search index's: Swedish name order, then id (`sort_key`).
        Both come from the index on (active, sort_key, id) in milliseconds at 100,000 people,
        so the desk can paint its first frame before it has read everyone.
        """
        active = E.c.active == sa.true()
        first = (
            self._employee_query(contact=False)
            .where(active)
            .order_by(E.c.sort_key, E.c.id)
            .limit(count)
        )
        total = sa.select(sa.func.count()).select_from(E).where(active)
        with self.engine.connect() as connection:
            employees = list(self._employee_records(connection.execute(first), default_status))
            return connection.execute(total).scalar_one(), employees

    def employees_by_id(
        self, ids: Iterable[int], *, default_status: str
    ) -> dict[int, EmployeeRecord]:
        """The employees with these ids, active or not; ids not found are left out.

        Runs for every feed batch that names someone.
        """
        employees = self._read_by_id(
            self._employee_query(),
            E.c.id,
            ids,
            lambda result: self._employee_records(result, default_status),
        )
        return {employee.id: employee for employee in employees}

    def _read_by_id(
        self,
        query: sa.Select[Any],
        id_column: sa.Column[int],
        ids: Iterable[int],
        read: Callable[[sa.Result[Any]], Iterable[RecordT]],
    ) -> list[RecordT]:
        """The records `read` makes of `query`'s rows whose `id_column` is one of `ids`, asked
        500 ids at a time."""
        wanted = sorted(set(ids))
        with self.engine.connect() as connection:
            return [
                record
                for start in range(0, len(wanted), 500)
                for record in read(
                    connection.execute(query.where(id_column.in_(wanted[start : start + 500])))
                )
            ]

    def employee(self, employee_id: int, *, default_status: str) -> EmployeeRecord:
        found = self.employees_by_id([employee_id], default_status=default_status)
        if employee_id not in found:
            raise NotFound("no_employee", id=employee_id)
        return found[employee_id]

    def find_employee(self, who: str, *, default_status: str) -> Lookup:
        """Find WHO among active employees: an id, an extension, or a name.

        A name matches when every word of it occurs in the folded full name; an exact full-name
        match wins over partial ones ("Anna Berg" is not ambiguous beside "Anna Bergström").
        """
        text = who.strip()
        if not text:
            return Lookup(())
        ids: set[int] = set()
        with self.engine.connect() as connection:
            compact = text.replace(" ", "").replace("-", "")
            if compact.isdigit():
                query = sa.select(E.c.id).where(
                    E.c.active.is_(True),
                    sa.or_(E.c.extension == compact, E.c.id == int(compact[:18])),
                )
                ids.update(connection.execute(query).scalars())
            if not ids:
                words = fold(text).split()
                exact: set[int] = set()
                rows = connection.execute(
                    sa.select(E.c.id, E.c.first_name, E.c.last_name, E.c.email).where(
                        E.c.active.is_(True)
                    )
                )
                for id_, first, last, email in rows:
                    name = fold(f"{first} {last}")
                    if name == " ".join(words) or fold(email) == fold(text):
                        exact.add(id_)
                    elif all(word in name for word in words):
                        ids.add(id_)
                if exact:
                    ids = exact
        found = self.employees_by_id(ids, default_status=default_status)
        return Lookup(tuple(sorted(found.values(), key=_by_last_name)))

    def set_presence(
        self,
        employee_id: int,
        *,
        status: StatusCode,
        return_at: datetime | None,
        expected_version: int,
        redirect_employee_id: int | None = None,
        redirect_number: str | None = None,
        note: str = "",
    ) -> PresenceRecord:
        """Set someone's status and redirect. Raises PresenceError, NotFound or ConflictError."""
        now = self.clock.now()
        if status.available:
            # Available means reachable: no return time, no redirect.
            return_at, redirect_employee_id, redirect_number = None, None, None
        check_presence(status, return_at, now)
        if redirect_employee_id == employee_id:
            raise Refused("redirect_to_self")
        values = {
            "status_code": status.code,
            "return_at": return_at,
            "redirect_employee_id": redirect_employee_id,
            "redirect_number": _optional("presence.redirect_number", redirect_number),
            "note": check_field("presence.note", note.strip()),
            "set_by": self.actor,
            "set_at": now,
        }
        with self._write() as connection:
            exists = connection.execute(
                sa.select(E.c.id).where(E.c.id == employee_id)
            ).scalar_one_or_none()
            if exists is None:
                raise NotFound("no_employee", id=employee_id)
            if redirect_employee_id is not None:
                target = connection.execute(
                    sa.select(E.c.active).where(E.c.id == redirect_employee_id)
                ).scalar_one_or_none()
                if not target:
                    raise NotFound("no_active_employee", id=redirect_employee_id)
            current = connection.execute(
                sa.select(P).where(P.c.employee_id == employee_id).with_for_update()
            ).one_or_none()
            current_version = 0 if current is None else current.version
            if current_version != expected_version:
                raise _presence_conflict(current, self.calendar)
            if current is None:
                after = {"employee_id": employee_id, **values, "version": 1}
                try:
                    connection.execute(sa.insert(P).values(**after))
                except sa.exc.IntegrityError:
                    raise ConflictError("presence_same_moment", current=None) from None
                before = None
            else:
                before = dict(current._mapping)
                after = {**before, **values, "version": current_version + 1}
                connection.execute(
                    sa.update(P)
                    .where(P.c.employee_id == employee_id, P.c.version == current_version)
                    .values(**values, version=current_version + 1)
                )
            self._log(connection, "presence", employee_id, "set", before, after)
        return _presence_record(after)

    def set_presences(self, changes: Sequence[PresenceChange]) -> int:
        """Set many statuses in one transaction (calendar sync, demo data); last write wins.

        Unlike `set_presence` this takes no expected version: it is for machines replaying a
        source of truth, not for people editing what they see. Each change still builds on the
        version stored when it is written (someone named twice gets two versions), so a desk
        saving the same person at the same moment either comes first and is built on, or comes
        second and is refused as a conflict.
        """
        now = self.clock.now()
        changes = [
            replace(
                change,
                note=check_field("presence.note", change.note.strip()),
                redirect_number=_optional("presence.redirect_number", change.redirect_number),
            )
            for change in changes
        ]
        for change in changes:
            if change.status.available:
                raise ValueError("set_presences is for absences; clear with set_presence")
            check_presence(change.status, change.return_at, now)
        by_person: dict[int, list[PresenceChange]] = {}
        for change in changes:
            by_person.setdefault(change.employee_id, []).append(change)
        with self._write() as connection:
            ids = sorted(by_person)
            # Everyone gets a row as if they had none; the rows that exist are left alone, and
            # those people are then locked and read, and their rows updated on top of that.
            new = {id_: self._presence_steps(None, by_person[id_], now) for id_ in ids}
            inserted = self._insert_presences(connection, [new[id_][-1][1] for id_ in ids])
            steps = {id_: new[id_] for id_ in inserted}
            stored = self._locked_presences(connection, [id_ for id_ in ids if id_ not in inserted])
            for id_, row in stored.items():
                steps[id_] = self._presence_steps(row, by_person[id_], now)
            if stored:
                connection.execute(
                    sa.update(P).where(P.c.employee_id == sa.bindparam("_id")),
                    [{**steps[id_][-1][1], "_id": id_} for id_ in stored],
                )
            pending = {id_: iter(person_steps) for id_, person_steps in steps.items()}
            log = []
            for change in changes:
                before, after = next(pending[change.employee_id])
                log.append(self._change(now, "presence", change.employee_id, "set", before, after))
            if log:
                connection.execute(sa.insert(C), log)
        return len(changes)

    def _presence_steps(
        self, stored: dict[str, Any] | None, changes: Sequence[PresenceChange], now: datetime
    ) -> list[tuple[dict[str, Any] | None, dict[str, Any]]]:
        """(before, after) of each of one person's changes in turn, starting from `stored`."""
        steps: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
        before = stored
        for change in changes:
            after = {
                "employee_id": change.employee_id,
                "status_code": change.status.code,
                "return_at": change.return_at,
                "redirect_employee_id": change.redirect_employee_id,
                "redirect_number": change.redirect_number,
                "note": change.note,
                "set_by": self.actor,
                "set_at": now,
                "version": (0 if before is None else before["version"]) + 1,
            }
            steps.append((before, after))
            before = after
        return steps

    @staticmethod
    def _insert_presences(connection: sa.Connection, rows: list[dict[str, Any]]) -> set[int]:
        """Insert presence `rows` where the person has none; returns whose rows were inserted.

        A row another seat has inserted but not yet committed makes this wait for that seat,
        so every row left out exists, committed, when this returns.
        """
        if not rows:
            return set()
        from sqlalchemy.dialects import postgresql, sqlite

        statement: sa.Insert
        if connection.dialect.name == "postgresql":
            statement = postgresql.insert(P).on_conflict_do_nothing(index_elements=["employee_id"])
        else:
            statement = sqlite.insert(P).on_conflict_do_nothing(index_elements=["employee_id"])
        inserted = connection.execute(statement.returning(P.c.employee_id), rows)
        return set(inserted.scalars())

    @staticmethod
    def _locked_presences(connection: sa.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The stored presence rows of `ids` (sorted), locked until the transaction ends.

        PostgreSQL locks them (FOR UPDATE) in id order, so two bulk writes never wait for each
        other in a circle; on SQLite the writer already holds the whole database.
        """
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            query = (
                sa.select(P)
                .where(P.c.employee_id.in_(ids[start : start + 500]))
                .order_by(P.c.employee_id)
                .with_for_update()
            )
            rows.update({row.employee_id: dict(row._mapping) for row in connection.execute(query)})
        if missing := set(ids) - rows.keys():
            # Rows are never deleted; a row that was neither inserted nor found is a bug.
            raise AssertionError(f"presence rows vanished for employees {sorted(missing)}")
        return rows

    # ---------------------------------------------------------------- units

    def units(self) -> list[UnitRecord]:
        with self.engine.connect() as connection:
            result = connection.execute(sa.select(*labelled(UnitRecord, U)).order_by(U.c.name))
            return list(map(Fields(UnitRecord, list(result.keys())), result))

    def find_unit(self, name: str) -> UnitRecord | None:
        wanted = fold(name.strip())
        for unit in self.units():
            if fold(unit.name) == wanted:
                return unit
        return None

    def ensure_units(self, connection: sa.Connection, names: Iterable[str]) -> dict[str, int]:
        """Unit ids by folded name, creating the units that are missing (inside `connection`)."""
        by_name = {fold(name): id_ for id_, name in connection.execute(sa.select(U.c.id, U.c.name))}
        for name in sorted({name.strip() for name in names if name.strip()}):
            name = check_field("unit.name", name)
            if fold(name) not in by_name:
                unit_id = _inserted_id(connection.execute(sa.insert(U).values(name=name)))
                by_name[fold(name)] = unit_id
                self._log(connection, "unit", unit_id, "add", None, {"id": unit_id, "name": name})
        return by_name

    # ---------------------------------------------------------------- staff import

    def import_staff(
        self,
        rows: Sequence[StaffRow],
        *,
        deactivate_missing: bool = True,
        dry_run: bool = False,
        max_deactivated_share: float = MAX_DEACTIVATED_SHARE,
        allow_deactivating: int = 0,
    ) -> ImportSummary:
        """Upsert HR's staff list on employee number (else e-mail), in one transaction.

        With `deactivate_missing`, active employees not in the list are deactivated, never
        deleted, so their history stays; but more than `max_deactivated_share` of the active
        staff, or anyone at all when `rows` is empty, raises TooManyDeactivated and changes
        nothing, unless they are no more than `allow_deactivating`. A dry run does all of it
        and then rolls back.
        """
        for row in rows:
            check_staff_row(row)
        summary = ImportSummary(dry_run=dry_run)
        with self._write(commit=not dry_run) as connection:
            self._import_staff(
                connection,
                rows,
                summary,
                deactivate_missing=deactivate_missing,
                max_deactivated_share=max_deactivated_share,
                allow_deactivating=allow_deactivating,
            )
        return summary

    def _import_staff(
        self,
        connection: sa.Connection,
        rows: Sequence[StaffRow],
        summary: ImportSummary,
        *,
        deactivate_missing: bool,
        max_deactivated_share: float,
        allow_deactivating: int,
    ) -> None:
        known_units = {fold(name) for name in connection.execute(sa.select(U.c.name)).scalars()}
        unit_names = {row.unit.strip() for row in rows if row.unit.strip()}
        ids_by_folded = self.ensure_units(connection, unit_names)
        unit_ids = {name: ids_by_folded[fold(name)] for name in unit_names}
        summary.units_created = sorted(n for n in unit_names if fold(n) not in known_units)
        existing = {
            row.id: dict(row._mapping)
            for row in connection.execute(sa.select(E.c.id, *(E.c[k] for k in _EMPLOYEE_FIELDS)))
        }
        by_number = {
            e["employee_number"]: id_ for id_, e in existing.items() if e["employee_number"]
        }
        by_email = {fold(e["email"]): id_ for id_, e in existing.items() if e["email"]}

        now = self.clock.now()
        inserts: list[dict[str, Any]] = []
        updates: list[tuple[dict[str, Any], dict[str, Any]]] = []
        seen: set[int] = set()
        for row in rows:
            values = {
                "employee_number": row.employee_number,
                "first_name": row.first_name,
                "last_name": row.last_name,
                "title": row.title,
                "unit_id": unit_ids.get(row.unit.strip()),
                "extension": row.extension,
                "mobile": row.mobile,
                "email": row.email,
                "keywords": row.keywords,
                "visiting_address": row.visiting_address,
                "active": True,
            }
            match = by_number.get(row.employee_number) if row.employee_number else None
            if match is None and row.email:
                # Someone known by e-mail only gets the number HR has added since; a row that
                # already has another number is another person.
                candidate = by_email.get(fold(row.email))
                if candidate is not None and not (
                    row.employee_number and existing[candidate]["employee_number"]
                ):
                    match = candidate
            if match is None or match in seen:
                inserts.append(values)
                summary.added.append(row.name)
                continue
            seen.add(match)
            before = existing[match]
            if row.employee_number is None:
                # Matched on e-mail: keep the number an earlier import or a person gave it.
                values["employee_number"] = before["employee_number"]
            if any(before[key] != value for key, value in values.items()):
                updates.append((before, values))
                summary.changed.append(row.name)
            else:
                summary.unchanged += 1

        if deactivate_missing:
            for id_, before in existing.items():
                if before["active"] and id_ not in seen:
                    updates.append((before, {**before, "active": False}))
                    summary.deactivated.append(f"{before['first_name']} {before['last_name']}")
            # Checked before any employee is written; the units made above roll back with it.
            active = sum(1 for before in existing.values() if before["active"])
            count = len(summary.deactivated)
            too_many = count > max_deactivated_share * active or (count > 0 and not rows)
            if too_many and count > allow_deactivating:
                raise TooManyDeactivated(
                    summary.deactivated, active, len(rows), max_deactivated_share
                )

        changes: list[dict[str, Any]] = []
        if inserts:
            created = _insert_many(connection, E, inserts)
            for id_, values in zip(created, inserts, strict=True):
                changes.append(
                    self._change(now, "employee", id_, "import", None, {"id": id_, **values})
                )
        if updates:
            connection.execute(
                sa.update(E).where(E.c.id == sa.bindparam("_id")),
                [
                    {"_id": before["id"], **_with_sort_key({k: after[k] for k in _EMPLOYEE_FIELDS})}
                    for before, after in updates
                ],
            )
            for before, after in updates:
                action = "import" if after["active"] else "deactivate"
                changes.append(
                    self._change(now, "employee", before["id"], action, before, {**before, **after})
                )
        if changes:
            connection.execute(sa.insert(C), changes)

    def _change(
        self,
        at: datetime,
        entity: str,
        entity_id: int,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> dict[str, Any]:
        return {
            "at": at,
            "actor": self.actor,
            "entity": entity,
            "entity_id": entity_id,
            "action": action,
            "before": _jsonable(before),
            "after": _jsonable(after),
        }

    # ---------------------------------------------------------------- inquiries

    @staticmethod
    @cache
    def _inquiry_query() -> sa.Select[Any]:
        attempts = (
            sa.select(sa.func.count())
            .where(A.c.inquiry_id == I.c.id)
            .correlate(I)
            .scalar_subquery()
        )
        for_name = sa.func.coalesce(E.c.first_name + " " + E.c.last_name, U.c.name, "")
        return sa.select(
            *labelled(InquiryRecord, I, for_name=for_name, attempts=attempts)
        ).select_from(I.outerjoin(E, E.c.id == I.c.employee_id).outerjoin(U, U.c.id == I.c.unit_id))

    def open_inquiries(self, limit: int | None = None) -> list[InquiryRecord]:
        """The callback queue: open items, most urgent first (overdue sort first by due time)."""
        query = (
            self._inquiry_query()
            .where(I.c.state == "open")
            .order_by(I.c.due_at, I.c.received_at, I.c.id)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return list(_inquiry_records(connection.execute(query)))

    def open_inquiries_for_units(self, unit_ids: Collection[int]) -> list[InquiryRecord]:
        """The open inquiries for these units now (for the unit, or for one of its people),
        most urgent first."""
        theirs = sa.or_(I.c.unit_id.in_(unit_ids), E.c.unit_id.in_(unit_ids))
        query = (
            self._inquiry_query()
            .where(I.c.state == InquiryState.OPEN.value, theirs)
            .order_by(I.c.due_at, I.c.received_at, I.c.id)
        )
        with self.engine.connect() as connection:
            return list(_inquiry_records(connection.execute(query)))

    def recently_closed(self, since: datetime, limit: int) -> list[InquiryRecord]:
        """The inquiries closed at or after `since`, most recently closed first, at most
        `limit`: read backwards along the index on closed_at, never the whole table."""
        query = (
            self._inquiry_query()
            .where(I.c.state == InquiryState.CLOSED.value, I.c.closed_at >= since)
            .order_by(I.c.closed_at.desc(), I.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as connection:
            return list(_inquiry_records(connection.execute(query)))

    def inquiries(self, *, open_only: bool = False) -> list[InquiryRecord]:
        if open_only:
            return self.open_inquiries()
        query = self._inquiry_query().order_by(I.c.received_at.desc(), I.c.id.desc())
        with self.engine.connect() as connection:
            return list(_inquiry_records(connection.execute(query)))

    def inquiries_by_id(self, ids: Iterable[int]) -> dict[int, InquiryRecord]:
        """The inquiries with these ids, open or closed; ids not found are left out."""
        inquiries = self._read_by_id(self._inquiry_query(), I.c.id, ids, _inquiry_records)
        return {inquiry.id: inquiry for inquiry in inquiries}

    def inquiry(self, inquiry_id: int) -> InquiryRecord:
        with self.engine.connect() as connection:
            return self._current_inquiry(connection, inquiry_id)

    def add_inquiry(
        self,
        *,
        caller_name: str,
        channel: Channel = Channel.PHONE,
        caller_number: str | None = None,
        caller_email: str | None = None,
        employee_id: int | None = None,
        unit_id: int | None = None,
        subject: str = "",
        received_at: datetime | None = None,
    ) -> InquiryRecord:
        """Log a missed call or message; it is due `answer_working_days` working days later."""
        new = NewInquiry(
            caller_name=caller_name,
            channel=channel,
            caller_number=caller_number,
            caller_email=caller_email,
            employee_id=employee_id,
            unit_id=unit_id,
            subject=subject,
            received_at=received_at,
        )
        (inquiry_id,) = self.add_inquiries([new])
        return self.inquiry(inquiry_id)

    def add_inquiries(self, inquiries: Sequence[NewInquiry]) -> list[int]:
        """Log several inquiries in one transaction; returns their ids in order."""
        now = self.clock.now()
        rows = [self._inquiry_values(new, now) for new in inquiries]
        employee_ids = {row["employee_id"] for row in rows if row["employee_id"] is not None}
        unit_ids = {row["unit_id"] for row in rows if row["unit_id"] is not None}
        with self._write() as connection:
            # Each employee's unit now: the unit an inquiry for them came in for (design §9).
            unit_of = dict(
                connection.execute(sa.select(E.c.id, E.c.unit_id).where(E.c.id.in_(employee_ids)))
                .all()
            ) if employee_ids else {}  # fmt: skip
            if missing := employee_ids - unit_of.keys():
                raise NotFound("no_employee", id=min(missing))
            found = set(
                connection.execute(sa.select(U.c.id).where(U.c.id.in_(unit_ids))).scalars()
            ) if unit_ids else set()  # fmt: skip
            if missing := unit_ids - found:
                raise NotFound("no_unit", id=min(missing))
            if not rows:
                return []
            for row in rows:
                row["unit_at_receipt_id"] = row["unit_id"] or unit_of.get(row["employee_id"])
            ids = _insert_many(connection, I, rows)
            connection.execute(
                sa.insert(C),
                [
                    self._change(now, "inquiry", id_, "add", None, {"id": id_, **row})
                    for id_, row in zip(ids, rows, strict=True)
                ],
            )
        return ids

    def add_history(
        self,
        inquiries: Iterable[PastInquiry],
        *,
        chunk: int = HISTORY_CHUNK,
        indexes_after: bool = False,
    ) -> int:
        """Write closed inquiries from before with their callback attempts, `chunk` to a
        transaction; returns how many were written.

        History is not a live change: nothing goes into the change log, so no seat's feed
        reads a year of inquiries, and the audit trail holds only what was done here.
        Everything else is as for a live inquiry: it is checked as `add_inquiries` checks
        one, its attempts and resolution as `log_attempt` and `resolve_inquiry` check theirs
        (lengths, someone it is for, never before it came in nor after now), and its due
        time, the unit it came in for and its progress are made as theirs are. A refused one
        stops the writing; the chunks before it stay written.

        With `indexes_after` (a database being filled, such as the demo's) the indexes of
        inquiries and attempts are dropped first and made once at the end, a third of the
        time of keeping them up row by row; they are made again also when the writing fails.
        """
        now = self.clock.now()
        with self.engine.connect() as connection:
            dialect = connection.dialect
            unit_of: dict[int, int | None] = {
                id_: unit_id for id_, unit_id in connection.execute(sa.select(E.c.id, E.c.unit_id))
            }
            units = set(connection.execute(sa.select(U.c.id)).scalars())
        rows = _HistoryRows(self, now, unit_of, units, dialect)
        indexes = [index for table in (I, A) for index in table.indexes] if indexes_after else []
        with self._write() as connection:
            for index in indexes:
                index.drop(connection)
        try:
            with _cycles_uncollected():
                written, given = 0, iter(inquiries)
                while part := list(islice(given, chunk)):
                    self._write_history(*rows.chunk(part), indexed=not indexes)
                    written += len(part)
                return written
        finally:
            with self._write() as connection:
                for index in indexes:
                    index.create(connection)

    def _write_history(
        self,
        inquiries: list[dict[str, Any]],
        attempts: list[list[dict[str, Any]]],
        *,
        indexed: bool,
    ) -> None:
        """One transaction: `inquiries` with their `attempts` (rows ready to bind, without
        the ids). While the table is `indexed` the ids are given in the order of the
        follow-up's indexes: written so, a chunk takes the database half the time it takes
        in the order received; without indexes, in the order given."""
        order: Sequence[int] = range(len(inquiries))
        if indexed:
            order = sorted(order, key=lambda i: _history_order(inquiries[i]))
        with self._write() as connection:
            ids = _new_ids(connection, I, len(inquiries))
            tried: list[dict[str, Any]] = []
            for id_, i in zip(ids, order, strict=True):
                inquiries[i]["id"] = id_
                for attempt in attempts[i]:
                    attempt["inquiry_id"] = id_
                    tried.append(attempt)
            _bulk_insert(connection, I, [inquiries[i] for i in order])
            if tried:
                _bulk_insert(connection, A, tried)

    def _inquiry_values(
        self,
        new: NewInquiry | PastInquiry,
        now: datetime,
        check: Callable[[str, str], str] = check_field,
    ) -> dict[str, Any]:
        """The row of an inquiry as it comes in, its texts checked by `check` (`check_field`,
        or a memo of it for a history, whose names and subjects repeat)."""
        received = new.received_at or now
        if not new.caller_name.strip():
            raise Refused("caller_name_empty")
        if new.employee_id is None and new.unit_id is None:
            raise Refused("inquiry_for_nobody")
        number, email = new.caller_number, new.caller_email
        return {
            "received_at": received,
            "channel": new.channel.value,
            "caller_name": check("inquiry.caller_name", new.caller_name.strip()),
            "caller_number": None if number is None else check("inquiry.caller_number", number),
            "caller_email": None if email is None else check("inquiry.caller_email", email),
            "employee_id": new.employee_id,
            "unit_id": new.unit_id,
            "subject": check("inquiry.subject", new.subject.strip()),
            "due_at": self.calendar.due_at(received),
            "state": InquiryState.OPEN.value,
            "closed_at": None,
            "created_by": self.actor,
            "version": 1,
        }

    def _update_inquiry(
        self,
        inquiry_id: int,
        expected_version: int,
        action: str,
        values: dict[str, Any],
        *,
        closed: bool = False,
        stamp: tuple[str, datetime | None] | None = None,
    ) -> InquiryRecord:
        """Change one inquiry at `expected_version` and log `action`; with `closed`, only
        a closed one (else NotClosed). `stamp` is a column set to when this happened (None:
        now), which may be neither before the inquiry came in nor after now (Refused)."""
        now = self.clock.now()
        with self._write() as connection:
            current = connection.execute(
                sa.select(I).where(I.c.id == inquiry_id).with_for_update()
            ).one_or_none()
            if current is None:
                raise NotFound("no_inquiry", id=inquiry_id)
            if current.version != expected_version:
                raise self._inquiry_conflict(connection, inquiry_id, current.state)
            if closed and current.state != InquiryState.CLOSED.value:
                raise NotClosed("inquiry_open", id=inquiry_id)
            if stamp is not None:
                column, at = stamp
                values = {**values, column: self._moment(at, current.received_at, now)}
            before = dict(current._mapping)
            values = {**values, **self._progress(connection, {**before, **values})}
            connection.execute(
                sa.update(I)
                .where(I.c.id == inquiry_id, I.c.version == expected_version)
                .values(**values, version=expected_version + 1)
            )
            after = {**before, **values, "version": expected_version + 1}
            self._log(connection, "inquiry", inquiry_id, action, before, after)
        return self.inquiry(inquiry_id)

    def _inquiry_conflict(
        self, connection: sa.Connection, inquiry_id: int, state: str
    ) -> ConflictError:
        current = self._current_inquiry(connection, inquiry_id)
        last = connection.execute(
            sa.select(C.c.actor, C.c.action, C.c.at)
            .where(C.c.entity == "inquiry", C.c.entity_id == inquiry_id)
            .order_by(C.c.id.desc())
            .limit(1)
        ).one_or_none()
        now = Term(f"state.{state}")
        if last is None:
            return ConflictError("inquiry_changed", current=current, state=now)
        actor, action, at = last
        code = _INQUIRY_CONFLICTS.get(action, "inquiry_changed_by")
        when = at.astimezone(self.calendar.tz).strftime("%H:%M")
        return ConflictError(code, current=current, by=actor, at=when, state=now)

    def _current_inquiry(self, connection: sa.Connection, inquiry_id: int) -> InquiryRecord:
        query = self._inquiry_query().where(I.c.id == inquiry_id)
        for inquiry in _inquiry_records(connection.execute(query)):
            return inquiry
        raise NotFound("no_inquiry", id=inquiry_id)

    def resolve_inquiry(
        self, inquiry_id: int, *, expected_version: int, at: datetime | None = None
    ) -> InquiryRecord:
        """Close an inquiry as answered `at` (default now): not before it came in, not after
        now (Refused)."""
        return self._update_inquiry(
            inquiry_id,
            expected_version,
            "resolve",
            {"state": InquiryState.CLOSED.value},
            stamp=("closed_at", at),
        )

    def reopen_inquiry(self, inquiry_id: int, *, expected_version: int) -> InquiryRecord:
        """Open a resolved inquiry again, back in the queue with its first due time: a resolve
        undone, or an item closed too soon. Logged as "reopen"; NotClosed if it is open."""
        return self._update_inquiry(
            inquiry_id,
            expected_version,
            "reopen",
            {"state": InquiryState.OPEN.value, "closed_at": None},
            closed=True,
        )

    def reassign_inquiry(
        self, inquiry_id: int, *, employee_id: int, expected_version: int
    ) -> InquiryRecord:
        return self._update_inquiry(
            inquiry_id, expected_version, "reassign", {"employee_id": employee_id}
        )

    def log_attempt(
        self, inquiry_id: int, outcome: Outcome, note: str = "", at: datetime | None = None
    ) -> AttemptRecord:
        """Record a callback attempt made `at` (default now): not before the inquiry came in,
        not after now (Refused). Attempts only add, so they never conflict."""
        now = self.clock.now()
        note = check_field("callback_attempt.note", note.strip())
        with self._write() as connection:
            inquiry = connection.execute(
                sa.select(I.c.id, I.c.received_at, I.c.state, I.c.closed_at)
                .where(I.c.id == inquiry_id)
                .with_for_update()
            ).one_or_none()
            if inquiry is None:
                raise NotFound("no_inquiry", id=inquiry_id)
            values: dict[str, Any] = {
                "inquiry_id": inquiry_id,
                "at": self._moment(at, inquiry.received_at, now),
                "by": self.actor,
                "outcome": outcome.value,
                "note": note,
            }
            attempt_id = _inserted_id(connection.execute(sa.insert(A).values(**values)))
            self._log(connection, "callback_attempt", attempt_id, "add", None, values)
            # The inquiry's version stays: an attempt changes nothing another seat could be
            # editing, only what the follow-up counts.
            connection.execute(
                sa.update(I)
                .where(I.c.id == inquiry_id)
                .values(**self._progress(connection, inquiry._mapping))
            )
        return AttemptRecord(**{**values, "id": attempt_id, "outcome": outcome})

    def _progress(self, connection: sa.Connection, inquiry: Mapping[str, Any]) -> dict[str, Any]:
        """The follow-up's columns for `inquiry` (its id, received_at, state and closed_at as
        they are to be saved) from its attempts in the database."""
        attempts = connection.execute(
            sa.select(A.c.at, A.c.outcome)
            .where(A.c.inquiry_id == inquiry["id"])
            .order_by(A.c.at, A.c.id)
        )
        closed = inquiry["closed_at"] if inquiry["state"] == InquiryState.CLOSED.value else None
        found = progress(
            inquiry["received_at"],
            [(at, outcome == Outcome.REACHED.value) for at, outcome in attempts],
            closed,
            self.calendar,
        )
        return asdict(found)

    def _moment(self, at: datetime | None, received: datetime, now: datetime) -> datetime:
        """`at` (None: `now`) as the moment something happened to an inquiry received then."""
        if at is None:
            return now
        if at.tzinfo is None:
            raise TypeError("at must be timezone-aware")
        tz = self.calendar.tz
        if at > now:
            raise Refused("after_now", when=_shown(at, tz), now=_shown(now, tz))
        if at < received:
            raise Refused("before_received", when=_shown(at, tz), received=_shown(received, tz))
        return at

    def attempts(self, inquiry_id: int) -> list[AttemptRecord]:
        query = (
            sa.select(*labelled(AttemptRecord, A))
            .where(A.c.inquiry_id == inquiry_id)
            .order_by(A.c.at, A.c.id)
        )
        with self.engine.connect() as connection:
            result = connection.execute(query)
            attempt = Fields(AttemptRecord, list(result.keys()), convert={"outcome": Outcome})
            return list(map(attempt, result))

    def purge(self, before: datetime, *, dry_run: bool = False) -> PurgeSummary:
        """Remove the personal data older than the retention limit `before`.

        - Inquiries closed before it go, with their callback attempts. Their rows in the change
          log stay (who did what, when) with the caller's data blanked out.
        - Presence history older than it goes from the change log: those rows are the person's
          whereabouts and notes ("sjuk" is health data), and what a blanked row would keep
          (that someone's status changed then) is no use after the retention period either.
          The employee's current status lives in `presence`, not here, and stays.

        In short transactions (`_PURGE_BATCH` rows each), so that a first purge of years of
        history never holds the write lock for long while seats save. Counted where it is
        deleted, in the same transaction, so that two desks starting at once (each purges)
        log what each really removed. The change feed follows by id: each
        transaction logs after deleting, so if it deleted the newest id (SQLite hands that out
        again), the reused id is its own log row, which no desk needs to see.
        """
        old_inquiries = sa.select(I.c.id).where(I.c.state == "closed", I.c.closed_at < before)
        old_attempts = sa.select(A.c.id).where(A.c.inquiry_id.in_(old_inquiries))
        old_presence = sa.and_(C.c.entity == "presence", C.c.at < before)
        if dry_run:
            with self.engine.connect() as connection:
                return PurgeSummary(*_purge_counts(connection, old_inquiries, old_attempts,
                                                   old_presence), dry_run=True)  # fmt: skip
        inquiries = attempts = 0
        batch_query = old_inquiries.order_by(I.c.closed_at).limit(_PURGE_BATCH)
        while True:
            with self._write() as connection:
                batch = list(connection.execute(batch_query).scalars())
                if not batch:
                    break
                tried = sa.select(A.c.id).where(A.c.inquiry_id.in_(batch))
                # The log keeps who did what and when, but not the caller's data it held.
                for entity, ids in (("inquiry", batch), ("callback_attempt", tried)):
                    connection.execute(
                        sa.update(C)
                        .where(C.c.entity == entity, C.c.entity_id.in_(ids))
                        .values(before=None, after={"purged": True})
                    )
                gone_attempts = connection.execute(
                    sa.delete(A).where(A.c.inquiry_id.in_(batch))
                ).rowcount
                gone = connection.execute(sa.delete(I).where(I.c.id.in_(batch))).rowcount
                if gone:
                    summary = {"count": gone, "attempts": gone_attempts}
                    self._log(connection, "inquiry", 0, "purge", None, summary)
            inquiries += gone
            attempts += gone_attempts
            if len(batch) < _PURGE_BATCH:
                break
        with self.engine.connect() as connection:
            low, high = connection.execute(
                sa.select(sa.func.min(C.c.id), sa.func.max(C.c.id)).where(old_presence)
            ).one()
        presence = 0
        for start in range(low or 0, (high or -1) + 1, _PURGE_BATCH):
            with self._write() as connection:
                deleted = connection.execute(
                    sa.delete(C).where(
                        old_presence, C.c.id.between(start, start + _PURGE_BATCH - 1)
                    )
                ).rowcount
                if deleted:
                    self._log(connection, "presence", 0, "purge", None, {"count": deleted})
            presence += deleted
        return PurgeSummary(inquiries, attempts, presence)

    # ---------------------------------------------------------------- change feed

    def last_change_id(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.func.coalesce(sa.func.max(C.c.id), 0))
            ).scalar_one()

    def change_at(self, change_id: int) -> datetime | None:
        """When the change log's change `change_id` was written; None when it is not there."""
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(C.c.at).where(C.c.id == change_id)
            ).scalar_one_or_none()


def _purge_counts(
    connection: sa.Connection,
    old_inquiries: sa.Select[Any],
    old_attempts: sa.Select[Any],
    old_presence: sa.ColumnElement[bool],
) -> tuple[int, int, int]:
    """How many inquiries, attempts and presence history rows a purge would remove."""
    counts = [
        connection.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar_one()
        for query in (old_inquiries, old_attempts)
    ]
    presence = connection.execute(sa.select(sa.func.count()).where(old_presence)).scalar_one()
    return counts[0], counts[1], presence


def _inquiry_records(result: sa.Result[Any]) -> Iterator[InquiryRecord]:
    """The inquiries of an `_inquiry_query` result."""
    inquiry = Fields(
        InquiryRecord, list(result.keys()), convert={"channel": Channel, "state": InquiryState}
    )
    return map(inquiry, result)


def _shown(moment: datetime, tz: Any) -> str:
    """A moment as a message shows it: local date and time to the minute."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _by_last_name(employee: EmployeeRecord) -> tuple[str, str, int]:
    """Lists by last name, as the CLI prints them: in Swedish alphabetical order, then id."""
    return (sort_key(employee.last_name), sort_key(employee.first_name), employee.id)


def _optional(field: str, value: str | None) -> str | None:
    return None if value is None else check_field(field, value)


def _with_sort_key(values: dict[str, Any]) -> dict[str, Any]:
    """An employee update with the key the desk lists them by (inserts make it themselves)."""
    return {**values, "sort_key": name_key(values["first_name"], values["last_name"])}


class _HistoryRows:
    """`PastInquiry`s as `Repository.add_history` writes them, a chunk at a time: checked,
    with their due time, the unit they came in for and their progress, and every value as
    the database binds it."""

    def __init__(
        self,
        repository: Repository,
        now: datetime,
        unit_of: Mapping[int, int | None],
        units: Collection[int],
        dialect: sa.Dialect,
    ) -> None:
        self.repository = repository
        # In UTC, as the times of a history mostly are: aware datetimes in one zone compare
        # without asking the zone for its offset.
        self.now = now.astimezone(UTC)
        self.unit_of = unit_of
        self.units = units
        # Names, subjects and notes repeat throughout a history: each is checked once.
        self.check = lru_cache(maxsize=1 << 16)(check_field)
        self.stored = lru_cache(maxsize=1 << 16)(UTCDateTime().bulk_processor(dialect))
        self.moments = [c.name for c in I.columns if isinstance(c.type, UTCDateTime)]

    def chunk(
        self, part: Iterable[PastInquiry]
    ) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
        """The rows of the inquiries in `part` (without ids), and of each one's attempts."""
        repository, now, check, stored = self.repository, self.now, self.check, self.stored
        actor, calendar, moment = repository.actor, repository.calendar, repository._moment
        unit_of, units, moments = self.unit_of, self.units, self.moments
        inquiries: list[dict[str, Any]] = []
        attempts: list[list[dict[str, Any]]] = []
        for past in part:
            row = repository._inquiry_values(past, now, check)
            employee_id, unit_id, reassigned_to = past.employee_id, past.unit_id, past.reassigned_to
            if employee_id is not None and employee_id not in unit_of:
                raise NotFound("no_employee", id=employee_id)
            if reassigned_to is not None and reassigned_to not in unit_of:
                raise NotFound("no_employee", id=reassigned_to)
            if unit_id is not None and unit_id not in units:
                raise NotFound("no_unit", id=unit_id)
            received = row["received_at"]
            closed = moment(past.closed_at, received, now)
            tried = [
                (moment(at, received, now), _OUTCOME_VALUES[outcome], note)
                for at, outcome, note in past.attempts
            ]
            found = progress(
                received, [(at, outcome == _REACHED) for at, outcome, _ in tried], closed, calendar
            )
            row["state"] = _CLOSED
            row["closed_at"] = closed
            row["unit_at_receipt_id"] = unit_id or unit_of.get(employee_id)  # type: ignore[arg-type]
            row["first_attempt_at"] = found.first_attempt_at
            row["first_attempt_reached"] = found.first_attempt_reached
            row["answered_at"] = found.answered_at
            row["minutes_to_first_attempt"] = found.minutes_to_first_attempt
            row["minutes_to_answer"] = found.minutes_to_answer
            if reassigned_to is not None:
                row["employee_id"] = reassigned_to
            for name in moments:
                row[name] = stored(row[name])
            inquiries.append(row)
            attempts.append(
                [
                    {
                        "at": stored(at),
                        "by": actor,
                        "outcome": outcome,
                        "note": check("callback_attempt.note", note.strip()),
                    }
                    for at, outcome, note in tried
                ]
            )
        return inquiries, attempts


_OUTCOME_VALUES = {outcome: outcome.value for outcome in Outcome}
_REACHED = Outcome.REACHED.value
_CLOSED = InquiryState.CLOSED.value


@contextmanager
def _cycles_uncollected() -> Iterator[None]:
    """Python's cycle collector paused: a history is millions of objects that reference
    counting frees, and the collector would walk everything alive again and again meanwhile
    (a third of the time of writing a million)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _history_order(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """The order a chunk of history is written in: that of the follow-up's indexes (unit,
    channel, then receipt or minutes; no unit first), so that each unit's rows go into them
    together."""
    unit = row["unit_at_receipt_id"]
    return (unit is not None, unit or 0, row["channel"], row["received_at"])


def _new_ids(connection: sa.Connection, table: sa.Table, count: int) -> Sequence[int]:
    """`count` ids for new rows of `table`, in order, to insert with them."""
    if connection.dialect.name == "postgresql":
        sequence = sa.func.pg_get_serial_sequence(table.name, table.c.id.name)
        query = sa.select(sa.func.nextval(sequence)).select_from(sa.func.generate_series(1, count))
        return sorted(connection.execute(query).scalars())
    # Writers hold SQLite's only write lock (BEGIN IMMEDIATE): the ids above the old maximum
    # are free.
    query = sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))
    before = connection.execute(query).scalar_one()
    return range(before + 1, before + 1 + count)


def _bulk_insert(connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (same keys, values as the driver binds them), past SQLAlchemy's
    processing of each value, as many to a statement as `_VALUES_PER_INSERT` allows: one
    round trip to PostgreSQL for each, and on SQLite quicker than an executemany."""
    names = tuple(rows[0])
    width = len(names)
    values = list(chain.from_iterable(map(itemgetter(*names), rows)))
    step = _VALUES_PER_INSERT // width * width
    for start in range(0, len(values), step):
        part = values[start : start + step]
        sql = _bulk_statement(connection.dialect, table, names, len(part) // width)
        connection.exec_driver_sql(sql, tuple(part))


@cache
def _bulk_statement(
    dialect: sa.Dialect, table: sa.Table, names: tuple[str, ...], count: int
) -> str:
    """The INSERT of `count` rows of `names` into `table`, with the driver's positional
    parameters."""
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    row = f"({', '.join([marker] * len(names))})"
    columns = ", ".join(quote(name) for name in names)
    return f"INSERT INTO {quote(table.name)} ({columns}) VALUES {', '.join([row] * count)}"


def _insert_many(
    connection: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]
) -> list[int]:
    """Insert `rows` and return their new ids, in order."""
    if connection.dialect.name != "sqlite" or len(rows) == 1:
        # PostgreSQL batches this into a few statements.
        returning = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(returning, rows).scalars())
    # SQLite would run ordered RETURNING one row at a time. Writers hold the database's only
    # write lock (BEGIN IMMEDIATE), so the new ids are exactly the ones above the old maximum.
    before = connection.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar()
    connection.execute(sa.insert(table), rows)
    query = sa.select(table.c.id).where(table.c.id > before).order_by(table.c.id)
    ids = list(connection.execute(query).scalars())
    assert len(ids) == len(rows)
    return ids


def _inserted_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _presence_record(values: Mapping[Any, Any]) -> PresenceRecord:
    """A presence row (or the values just written) as the record the desk shows."""
    return PresenceRecord(**{name: values[name] for name in field_names(PresenceRecord)})


def _presence_conflict(current: Any, calendar: WorkingCalendar) -> ConflictError:
    if current is None:
        return ConflictError("presence_cleared", current=None)
    at = current.set_at.astimezone(calendar.tz).strftime("%H:%M")
    return ConflictError(
        "presence_changed_by",
        current=_presence_record(current._mapping),
        by=current.set_by,
        status=repr(current.status_code),
        at=at,
    )


def _jsonable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, datetime | date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out
