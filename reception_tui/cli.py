"""The `reception-tui` command: the desk itself, and scripting for the phone system and admins.

Exit codes: 0 success, 1 the database could not be reached, 2 bad input (arguments, config,
files), 3 not found, ambiguous or a conflict with another seat's change.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from reception_tui import __version__
from reception_tui.clock import Clock, SystemClock
from reception_tui.config import ConfigError, Settings, load_config, remembered_receptionist
from reception_tui.domain.display import format_datetime, format_redirect, format_return
from reception_tui.domain.emails import is_email_address
from reception_tui.domain.limits import FieldError, check_field
from reception_tui.domain.phones import PhoneError, format_phone, normalise_number_or_extension
from reception_tui.domain.presence import (
    Availability,
    PresenceError,
    StatusCode,
    availability,
    find_status,
)
from reception_tui.domain.records import (
    AttemptRecord,
    Channel,
    EmployeeRecord,
    InquiryRecord,
    InquiryState,
)
from reception_tui.domain.redirects import RedirectTargetError, looks_like_number, redirect_number
from reception_tui.domain.returns import ReturnTimeError, parse_received_time, parse_return_time
from reception_tui.domain.search import StaffIndex
from reception_tui.domain.text import (
    UNPRINTABLE,
    UnprintableText,
    checked_text,
    printable_lines,
)
from reception_tui.store.database_file import FileState
from reception_tui.store.engine import (
    DatabaseError,
    UnsupportedDatabase,
    check_url,
    create_private_folder,
    describe_error,
    make_engine,
    sqlite_path,
    without_password,
)
from reception_tui.store.importer import StaffFileError, read_staff_csv
from reception_tui.store.migrate import SchemaOutOfDate, open_database, upgrade
from reception_tui.store.repository import (
    ConflictError,
    NotClosed,
    NotFound,
    Repository,
    TooManyDeactivated,
)
from reception_tui.store.seats import DesksOpen, Seat, seats_file, vacant
from reception_tui.tui.text import redirect_target_problem

OK, UNREACHABLE, BAD_INPUT, NOT_FOUND = 0, 1, 2, 3


class Failure(Exception):
    """Stops a command with a message and an exit code."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    """What every command works with, built once from the arguments."""

    args: argparse.Namespace
    settings: Settings
    clock: Clock
    _repository: Repository | None = None
    # What the command holds until it ends: a seat on the SQLite file, for the desk and for
    # every command that writes rows.
    held: ExitStack = field(default_factory=ExitStack)

    @property
    def repository(self) -> Repository:
        if self._repository is None:
            if getattr(self.args, "seat", False):
                # Taken before the database is first read and held until the command ends, so
                # that nothing replaces the file under it (a rebuilt demo, a restore), and a
                # restore refuses to start under it rather than a write landing in the file
                # set aside.
                path = sqlite_path(database_url(self.settings, self.args))
                self.held.enter_context(_seat(path, read_only=self.args.read_only))
            self._repository = open_repository(self.settings, self.args, self.clock)
        return self._repository

    @property
    def language(self) -> str:
        return self.settings.organisation.language

    @cached_property
    def statuses(self) -> tuple[StatusCode, ...]:
        return self.settings.status_codes()

    @property
    def default_status(self) -> str:
        return self.settings.available_status().code


def database_url(settings: Settings, args: argparse.Namespace) -> str:
    """The URL to open: `--database`, else the demo file with `--demo`, else the configured one.

    `--database` goes through the same check as `database.url` in config.toml.
    """
    if getattr(args, "database", None):
        url = str(args.database)
        try:
            check_url(url)
        except UnsupportedDatabase as error:
            raise Failure(BAD_INPUT, f"--database: {error}") from None
        return url
    if getattr(args, "demo", False):
        return settings.demo_database_url()
    return settings.database_url()


@contextmanager
def _connecting() -> Iterator[None]:
    """Turn the ways a database can fail to open into messages and exit codes."""
    try:
        yield
    except UnsupportedDatabase as error:
        raise Failure(BAD_INPUT, str(error)) from None
    except (SchemaOutOfDate, DatabaseError) as error:
        raise Failure(UNREACHABLE, str(error)) from None
    except sa.exc.DBAPIError as error:
        raise Failure(UNREACHABLE, f"cannot open the database: {describe_error(error)}") from None
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        raise Failure(
            UNREACHABLE, f"cannot open the database:{where} {error.strerror or error}"
        ) from None


def open_repository(
    settings: Settings, args: argparse.Namespace, clock: Clock, *, read_only: bool | None = None
) -> Repository:
    """Connect, upgrading the schema first unless read-only; failures become clear messages."""
    url = database_url(settings, args)
    with _connecting():
        engine = open_database(url, read_only=args.read_only if read_only is None else read_only)
    return Repository(
        engine,
        actor=settings.actor(getattr(args, "actor", None)),
        clock=clock,
        calendar=settings.calendar(),
    )


# ------------------------------------------------------------------ finding people


def find_one(context: Context, who: str, option: str = "WHO") -> EmployeeRecord:
    lookup = context.repository.find_employee(who, default_status=context.default_status)
    if lookup.unique is not None:
        return lookup.unique
    if not lookup.matches:
        raise Failure(NOT_FOUND, f"{option}: no active employee matches {who!r}")
    raise Failure(NOT_FOUND, _ambiguous(who, option, lookup.matches))


def _ambiguous(who: str, option: str, matches: Sequence[EmployeeRecord]) -> str:
    shown = "\n".join(f"  {e.id:>6}  {e.name}  {e.unit_name}  {e.extension}" for e in matches[:20])
    more = f"\n  ... and {len(matches) - 20} more" if len(matches) > 20 else ""
    return (
        f"{option}: {who!r} matches {len(matches)} employees; nothing changed. "
        f"Use an id or extension:\n{shown}{more}"
    )


# ------------------------------------------------------------------ commands


def cmd_redirect(context: Context) -> int:
    args, now = context.args, context.clock.now()
    employee = find_one(context, args.who)
    calendar = context.repository.calendar
    if args.clear:
        status = context.settings.available_status()
        return_at, target_id, number = None, None, None
    else:
        found = find_status(context.statuses, args.status)
        if found is None:
            codes = ", ".join(f"{s.code} ({s.label(context.language)})" for s in context.statuses)
            raise Failure(
                BAD_INPUT, f"--status: unknown status {args.status!r}; use one of {codes}"
            )
        status = found
        return_at = None
        when = args.until or status.default_return
        if when and not status.available:
            try:
                return_at = parse_return_time(when, now, calendar)
            except ReturnTimeError as error:
                raise Failure(BAD_INPUT, f"--until: {error}") from None
        target_id, number = (
            _redirect_target(context, args.to, employee) if args.to else (None, None)
        )
    try:
        presence = context.repository.set_presence(
            employee.id,
            status=status,
            return_at=return_at,
            redirect_employee_id=target_id,
            redirect_number=number,
            note=args.note or "",
            expected_version=employee.presence.version,
        )
    except PresenceError as error:
        raise Failure(BAD_INPUT, f"--until: {error}") from None
    except ConflictError as error:
        raise Failure(NOT_FOUND, f"conflict, nothing changed: {error}") from None
    print(describe_employee(context, replace(employee, presence=presence), now))
    return OK


def _redirect_target(
    context: Context, text: str, employee: EmployeeRecord
) -> tuple[int | None, str | None]:
    lookup = context.repository.find_employee(text, default_status=context.default_status)
    if looks_like_number(text):
        # Digits are an extension or a number, never an id: on a large staff "1430" (a time
        # typed in the wrong place) is somebody's id. The desk's rule decides (domain.redirects).
        digits = re.sub(r"[\s-]", "", text)
        holders = [e for e in lookup.matches if e.extension == digits]
        if len(holders) == 1 and holders[0].id != employee.id:
            return holders[0].id, None
        # Shared by several (a group line): kept as the number; the person's own is refused.
        holder = next(
            (e.id for e in holders if e.id != employee.id), employee.id if holders else None
        )
        try:
            number = redirect_number(text, lambda _: holder, person_id=employee.id)
        except RedirectTargetError as error:
            why = redirect_target_problem(
                context.language, error, field="--to", time_field="--until"
            )
            raise Failure(BAD_INPUT, why) from None
        return None, number
    if lookup.unique is not None:
        if lookup.unique.id == employee.id:
            raise Failure(BAD_INPUT, "--to: cannot redirect someone to themselves")
        return lookup.unique.id, None
    if lookup.matches:
        raise Failure(NOT_FOUND, _ambiguous(text, "--to", lookup.matches))
    raise Failure(NOT_FOUND, f"--to: {text!r} is neither an active employee nor a phone number")


def cmd_inquiry_add(context: Context) -> int:
    args, now = context.args, context.clock.now()
    repository = context.repository
    number = email = None
    if args.number:
        try:
            number = normalise_number_or_extension(args.number)
        except PhoneError as error:
            raise Failure(BAD_INPUT, f"--number: {error}") from None
    if args.email:
        # Too long says so, rather than that it is no address.
        email = check_field("inquiry.caller_email", args.email.strip())
        if not is_email_address(email):
            raise Failure(BAD_INPUT, f"--email: {args.email!r} is not an e-mail address")
    if number is None and email is None:
        raise Failure(BAD_INPUT, "give --number or --email, so that the caller can be answered")
    if not args.caller.strip():
        raise Failure(BAD_INPUT, "--caller: the caller's name is empty")
    received = None
    if args.received:
        try:
            received = parse_received_time(args.received, now, repository.calendar)
        except ReturnTimeError as error:
            raise Failure(BAD_INPUT, f"--received: {error}") from None
    employee_id = unit_id = None
    lookup = repository.find_employee(args.for_, default_status=context.default_status)
    if lookup.unique is not None:
        employee_id = lookup.unique.id
    elif (unit := repository.find_unit(args.for_)) is not None:
        unit_id = unit.id
    elif lookup.matches:
        raise Failure(NOT_FOUND, _ambiguous(args.for_, "--for", lookup.matches))
    else:
        raise Failure(NOT_FOUND, f"--for: no active employee or unit matches {args.for_!r}")
    inquiry = repository.add_inquiry(
        caller_name=args.caller,
        channel=Channel(args.channel),
        caller_number=number,
        caller_email=email,
        employee_id=employee_id,
        unit_id=unit_id,
        subject=args.subject or "",
        received_at=received,
    )
    tz = repository.calendar.tz
    print(
        f"inquiry {inquiry.id} for {inquiry.for_name} from {inquiry.caller_name}"
        f" ({_contact(inquiry)}), due {format_datetime(inquiry.due_at, tz)}"
    )
    return OK


def _contact(inquiry: InquiryRecord) -> str:
    if inquiry.caller_number:
        return format_phone(inquiry.caller_number)
    return inquiry.caller_email or ""


def cmd_inquiry_list(context: Context) -> int:
    repository, now = context.repository, context.clock.now()
    inquiries = repository.inquiries(open_only=context.args.open)
    tz = repository.calendar.tz
    if context.args.json:
        print(_json([inquiry_json(i, now, tz) for i in inquiries]))
        return OK
    header = ("id", "received", "due", "state", "for", "caller", "contact", "tries")
    rows = [
        (
            str(i.id),
            format_datetime(i.received_at, tz),
            format_datetime(i.due_at, tz),
            _state(i, now),
            i.for_name,
            i.caller_name,
            _contact(i),
            str(i.attempts),
        )
        for i in inquiries
    ]
    print_table(header, rows)
    return OK


def _state(inquiry: InquiryRecord, now: datetime) -> str:
    if inquiry.state is InquiryState.OPEN and inquiry.due_at <= now:
        return "overdue"
    return inquiry.state.value


def inquiry_json(inquiry: InquiryRecord, now: datetime, tz: Any) -> dict[str, Any]:
    return {
        "id": inquiry.id,
        "received_at": _iso(inquiry.received_at, tz),
        "due_at": _iso(inquiry.due_at, tz),
        "state": inquiry.state.value,
        "overdue": inquiry.state is InquiryState.OPEN and inquiry.due_at <= now,
        "for": inquiry.for_name,
        "employee_id": inquiry.employee_id,
        "unit_id": inquiry.unit_id,
        "channel": inquiry.channel.value,
        "caller_name": inquiry.caller_name,
        "caller_number": inquiry.caller_number,
        "caller_email": inquiry.caller_email,
        "subject": inquiry.subject,
        "attempts": inquiry.attempts,
        "closed_at": _iso(inquiry.closed_at, tz),
    }


def cmd_inquiry_show(context: Context) -> int:
    repository, now = context.repository, context.clock.now()
    inquiry = repository.inquiry(context.args.id)
    attempts = repository.attempts(inquiry.id)
    tz = repository.calendar.tz
    if context.args.json:
        shown = {
            **inquiry_json(inquiry, now, tz),
            "callback_attempts": _attempts_json(attempts, tz),
        }
        print(_json(shown))
        return OK
    for label, value in _inquiry_fields(inquiry, now, tz):
        if value:
            print(f"{label:<9} {value}")
    print()
    if attempts:
        print_table(*_attempt_table(attempts, tz))
    else:
        print(_no_attempts())
    return OK


def _attempts_json(attempts: Sequence[AttemptRecord], tz: Any) -> list[dict[str, Any]]:
    return [
        {"id": a.id, "at": _iso(a.at, tz), "by": a.by, "outcome": a.outcome.value, "note": a.note}
        for a in attempts
    ]


def cmd_inquiry_reopen(context: Context) -> int:
    repository = context.repository
    inquiry = repository.inquiry(context.args.id)
    try:
        inquiry = repository.reopen_inquiry(inquiry.id, expected_version=inquiry.version)
    except NotClosed:
        raise Failure(NOT_FOUND, _already_open(inquiry.id)) from None
    except ConflictError as error:
        raise Failure(NOT_FOUND, f"conflict, nothing changed: {error}") from None
    print(_reopened(inquiry, repository.calendar.tz))
    return OK


def cmd_staff_list(context: Context) -> int:
    employees = context.repository.employees(
        default_status=context.default_status, include_inactive=context.args.all
    )
    print_staff(context, employees)
    return OK


def cmd_staff_search(context: Context) -> int:
    """The desk's own search: the same index, the same order."""
    query, limit = context.args.query, context.args.limit
    if not query.strip():
        raise Failure(BAD_INPUT, _empty_query())
    if limit is not None and limit < 1:
        raise Failure(BAD_INPUT, _at_least_one("--limit"))
    repository, default_status = context.repository, context.default_status
    # The index needs no contact details; only those found are read in full.
    employees = repository.employees(default_status=default_status, by_name=False, contact=False)
    ids = StaffIndex.from_employees(employees).search(query).ids[:limit]
    del employees
    if not ids:
        if context.args.json:
            print(_json([]))
        raise Failure(NOT_FOUND, _nobody_matches(query))
    found = repository.employees_by_id(ids, default_status=default_status)
    print_staff(context, [found[i] for i in ids if i in found])
    return OK


def print_staff(context: Context, employees: Sequence[EmployeeRecord]) -> None:
    """`employees`, in the order given, as a table or (with --json) as JSON."""
    repository, now = context.repository, context.clock.now()
    names = {e.id: e for e in employees}
    missing = {
        e.presence.redirect_employee_id
        for e in employees
        if e.presence.redirect_employee_id and e.presence.redirect_employee_id not in names
    }
    names.update(repository.employees_by_id(missing, default_status=context.default_status))
    tz = repository.calendar.tz
    if context.args.json:
        print(_json([employee_json(context, e, names, now) for e in employees]))
        return
    header = ("id", "name", "unit", "title", "ext", "status", "redirect", "return")
    table = [
        (
            str(e.id),
            e.name + ("" if e.active else " (inactive)"),
            e.unit_name,
            e.title,
            e.extension,
            _status_text(context, e, now),
            _redirect_text(e, names),
            format_return(e.presence.return_at, now, tz, context.language),
        )
        for e in employees
    ]
    print_table(header, table)


def _status_of(context: Context, employee: EmployeeRecord) -> StatusCode | None:
    return find_status(context.statuses, employee.presence.status_code)


def _status_text(context: Context, employee: EmployeeRecord, now: datetime) -> str:
    status = _status_of(context, employee)
    if status is None:
        return employee.presence.status_code
    label = status.label(context.language)
    if availability(status, employee.presence.return_at, now) is Availability.EXPECTED_BACK:
        label += " (väntas åter)" if context.language == "sv" else " (expected back)"
    return label


def _redirect_text(employee: EmployeeRecord, names: dict[int, EmployeeRecord]) -> str:
    target_id = employee.presence.redirect_employee_id
    return format_redirect(employee.presence, names.get(target_id) if target_id else None)


def employee_json(
    context: Context, e: EmployeeRecord, names: dict[int, EmployeeRecord], now: datetime
) -> dict[str, Any]:
    tz = context.repository.calendar.tz
    status = _status_of(context, e)
    state = availability(status, e.presence.return_at, now) if status else None
    return {
        "id": e.id,
        "employee_number": e.employee_number,
        "name": e.name,
        "first_name": e.first_name,
        "last_name": e.last_name,
        "unit": e.unit_name,
        "title": e.title,
        "extension": e.extension,
        "mobile": e.mobile,
        "email": e.email,
        "active": e.active,
        "status": e.presence.status_code,
        "status_label": status.label(context.language) if status else e.presence.status_code,
        "availability": state.value if state else None,
        "redirect": _redirect_text(e, names) or None,
        "redirect_employee_id": e.presence.redirect_employee_id,
        "redirect_number": e.presence.redirect_number,
        "return_at": _iso(e.presence.return_at, tz),
        "note": e.presence.note,
        "set_by": e.presence.set_by,
        "set_at": _iso(e.presence.set_at, tz),
    }


def describe_employee(context: Context, employee: EmployeeRecord, now: datetime) -> str:
    tz = context.repository.calendar.tz
    parts = [f"{employee.name}: {_status_text(context, employee, now)}"]
    if employee.presence.return_at:
        parts.append(format_return(employee.presence.return_at, now, tz, context.language))
    target_id = employee.presence.redirect_employee_id
    names = (
        context.repository.employees_by_id([target_id], default_status=context.default_status)
        if target_id
        else {}
    )
    redirect = _redirect_text(employee, names)
    if redirect:
        parts.append(
            ("hänvisad till " if context.language == "sv" else "redirected to ") + redirect
        )
    if employee.presence.note:
        parts.append(employee.presence.note)
    return ", ".join(parts)


def cmd_staff_import(context: Context) -> int:
    args = context.args
    try:
        staff = read_staff_csv(Path(args.file))
    except StaffFileError as error:
        raise Failure(BAD_INPUT, str(error)) from None
    for column in staff.unknown_columns:
        print(f"{args.file}: unknown column {column!r} ignored", file=sys.stderr)
    if args.allow_deactivating < 0:
        raise Failure(BAD_INPUT, "--allow-deactivating: give a number of at least 0")
    try:
        summary = context.repository.import_staff(
            staff.rows,
            deactivate_missing=not args.partial,
            dry_run=args.dry_run,
            max_deactivated_share=context.settings.import_.max_deactivated_share,
            allow_deactivating=args.allow_deactivating,
        )
    except TooManyDeactivated as error:
        count = len(error.deactivated)
        raise Failure(
            BAD_INPUT,
            f"{args.file}: nothing imported: {error}; a header-only or truncated export "
            "looks like this.\n"
            f"  would deactivate: {_names(error.deactivated)}\n"
            f"If they have all left, run again with --allow-deactivating {count} "
            "(or --partial to deactivate no one).",
        ) from None
    verb = "would be" if summary.dry_run else "were"
    print(
        f"{len(staff.rows)} rows: {len(summary.added)} added, {len(summary.changed)} changed, "
        f"{len(summary.deactivated)} deactivated, {summary.unchanged} unchanged"
        + (f", {len(summary.units_created)} new units" if summary.units_created else "")
        + (f" (read as {staff.encoding})" if staff.encoding != "UTF-8" else "")
        + (" (dry run: nothing written)" if summary.dry_run else "")
    )
    for title, names in (
        ("added", summary.added),
        ("changed", summary.changed),
        ("deactivated", summary.deactivated),
        ("units created", summary.units_created),
    ):
        if names:
            print(f"  {title} ({verb}): {_names(names)}")
    return OK


def _names(names: Sequence[str], shown: int = 30) -> str:
    more = f" ... (+{len(names) - shown})" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def cmd_db_upgrade(context: Context) -> int:
    url = database_url(context.settings, context.args)
    with _connecting():
        before, after = upgrade(make_engine(url))
    if before == after:
        print(f"the database is up to date (schema {after})")
    else:
        print(f"upgraded the database from schema {before or 'none'} to {after}")
    return OK


def cmd_db_purge(context: Context) -> int:
    days = context.settings.database.retention_days
    before = context.clock.now() - timedelta(days=days)
    summary = context.repository.purge(before, dry_run=context.args.dry_run)
    verb = "would purge" if summary.dry_run else "purged"
    print(
        f"{verb} {summary.inquiries} inquiries closed more than {days} days ago"
        f" (with {summary.attempts} callback attempts)"
        f" and {summary.presence_history} presence history entries older than that"
        + (" (dry run: nothing changed)" if summary.dry_run else "")
    )
    return OK


def _sqlite_file(context: Context, command: str, postgresql: Callable[[URL, str], str]) -> Path:
    """The SQLite file `db COMMAND` works on; for PostgreSQL, prints what to run instead."""
    from reception_tui.store.backup import desk_schema

    url = make_url(database_url(context.settings, context.args))
    path = sqlite_path(url)
    if path is not None:
        return path
    with _connecting():
        engine = make_engine(url, read_only=True)
        try:
            schema = desk_schema(engine)
        finally:
            engine.dispose()
    print(postgresql(url, schema))
    if url.password:
        print("# the password is left out: it is asked for, or read from ~/.pgpass or PGPASSWORD")
    raise Failure(BAD_INPUT, f"`db {command}` copies SQLite files; for PostgreSQL, run the above")


def cmd_db_backup(context: Context) -> int:
    from reception_tui.store import backup

    target = Path(context.args.path).expanduser()
    database = _sqlite_file(
        context, "backup", lambda url, schema: backup.pg_dump_command(url, schema, target)
    )
    try:
        with _connecting():
            summary = backup.backup(database, target, force=context.args.force)
    except backup.BackupExists as error:
        raise Failure(NOT_FOUND, str(error)) from None
    except (backup.CannotWrite, backup.UnusableBackup) as error:
        raise Failure(BAD_INPUT, str(error)) from None
    print(
        f"backed up {database} to {summary.target}"
        f" (schema {summary.revision or 'none'}, {summary.size:,} bytes, readable by you only)"
    )
    return OK


def cmd_db_restore(context: Context) -> int:
    from reception_tui.store import backup

    source = Path(context.args.path).expanduser()
    database = _sqlite_file(
        context, "restore", lambda url, schema: backup.pg_restore_command(url, schema, source)
    )
    try:
        with _connecting():
            summary = backup.restore(database, source, now=context.clock.now())
    except backup.DesksOpen:
        raise Failure(
            NOT_FOUND,
            f"desks have {database} open; close every desk on it (Ctrl+Q) and try again;"
            " nothing changed",
        ) from None
    except backup.DatabaseBusy as error:
        raise Failure(NOT_FOUND, f"{error}; nothing changed") from None
    except backup.UnusableBackup as error:
        raise Failure(BAD_INPUT, f"{error}; nothing changed") from None
    upgraded = f", upgraded from schema {summary.upgraded_from}" if summary.upgraded_from else ""
    print(f"restored {source} into {database} (schema {summary.revision}{upgraded})")
    if summary.kept is not None:
        print(f"the database it replaced is kept as {summary.kept}")
    return OK


def cmd_db_grant_read_only(context: Context) -> int:
    from reception_tui.store.roles import BadRoleName, RoleError, grant_read_only

    url = make_url(database_url(context.settings, context.args))
    if url.get_backend_name() != "postgresql":
        raise Failure(
            BAD_INPUT,
            "`db grant-read-only` makes a PostgreSQL role; an SQLite reader is kept to reading"
            " by --read-only and by the file's permissions (see README)",
        )
    role = context.args.role
    try:
        with _connecting():
            engine = open_database(url.render_as_string(hide_password=False))
        try:
            granted = grant_read_only(engine, role)
        finally:
            engine.dispose()
    except BadRoleName as error:
        raise Failure(BAD_INPUT, str(error)) from None
    except RoleError as error:
        raise Failure(NOT_FOUND, str(error)) from None
    except sa.exc.ProgrammingError as error:
        raise Failure(
            UNREACHABLE,
            f"the database refused: {describe_error(error)} (connect as the tables' owner,"
            " with the right to create roles)",
        ) from None
    # The administrator's own query stays (sslmode, say); the role finds its schema itself.
    manager_url = without_password(url).set(username=role)
    name, database = _sql_name(role), _sql_name(granted.database)
    print(
        f"role {role} {'created' if granted.created else 'updated'}: it may only read"
        f" {len(granted.tables)} tables in schema {granted.schema} of database"
        f" {granted.database} (SELECT and LISTEN); its sessions start read-only"
    )
    print(
        f"it has no password from us: set one in psql with \\password {name}"
        f" (or ALTER ROLE {name} PASSWORD '...')"
    )
    print(
        "managers connect with: --read-only --database "
        + manager_url.render_as_string(hide_password=False)
    )
    print(
        "note: like every role, it may still make temporary tables"
        + (" (TEMPORARY is granted to PUBLIC)" if granted.public_temporary else "")
        + " and large objects of its own, never the desk's; to take that from every role that"
        f" does not need it: REVOKE TEMPORARY ON DATABASE {database} FROM PUBLIC;"
        " REVOKE EXECUTE ON FUNCTION lo_creat(integer), lo_create(oid),"
        " lo_from_bytea(oid, bytea) FROM PUBLIC"
    )
    return OK


def _sql_name(name: str) -> str:
    """`name` as SQL needs it written: plain when it can be, else in double quotes."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def cmd_desk(context: Context) -> int:
    args = context.args
    notices: list[str] = []
    if args.demo and not args.database and not build_demo_database(context):
        notices.append("demo_shared")
    from reception_tui.tui.app import build_app

    # Who is at the desk: --as, desk.receptionist, the name she gave at her first start, or
    # (asked for now) the login name until she says hers.
    ask_name = False
    if not args.read_only and not args.actor and not context.settings.desk.receptionist.strip():
        remembered = remembered_receptionist()
        if remembered:
            context.repository.actor = remembered
        else:
            ask_name = True
    # A writable desk purges old closed inquiries itself, once it shows everyone.
    app = build_app(
        context.settings,
        context.repository,
        read_only=args.read_only,
        notices=notices,
        ask_name=ask_name,
    )
    try:
        app.run()
    finally:
        app.repository.engine.dispose()
    path = sqlite_path(app.repository.engine.url)
    if path is not None and app.file_state is not FileState.SAME:
        print(f"reception-tui: {_file_left(app.file_state, path)}", file=sys.stderr)
    return OK


@contextmanager
def _seat(path: Path | None, *, read_only: bool) -> Iterator[None]:
    """Hold a seat on the SQLite file at `path` (nothing for PostgreSQL)."""
    if path is None or (read_only and not path.exists()):
        yield  # (a read-only desk creates nothing: opening the missing file says why)
        return
    if not read_only:
        create_private_folder(path.parent)  # a first start creates the folder
    try:
        seat = Seat(path).__enter__()
    except OSError as error:
        if not read_only:
            if not path.exists():  # nor can the database be made there
                raise Failure(
                    UNREACHABLE, f"cannot create the database {path}: {error.strerror}"
                ) from None
            raise Failure(
                UNREACHABLE,
                f"cannot open the database {path}: {seats_file(path)}: {error.strerror}",
            ) from None
        # A manager who may only read the folder: the desk still notices a replaced file.
        print(
            f"reception-tui: {seats_file(path)}: {error.strerror}; this read-only desk runs "
            "without a seat, so a restore will not wait for it",
            file=sys.stderr,
        )
        yield
        return
    try:
        yield
    finally:
        seat.__exit__(None, None, None)


def _file_left(state: FileState, path: Path) -> str:
    """What an administrator needs to know about the file a desk has seen go (English)."""
    if state is FileState.GONE:
        return f"{path} was deleted or moved while the desk had it open; nothing was saved after"
    if state is FileState.BESIDE_OLD_JOURNAL:
        return (
            f"{path} was replaced while the desk had it open, but {path.name}-wal and "
            f"{path.name}-shm beside it are still the old file's: with every desk closed, "
            "remove them before the new file is opened, or SQLite applies the old file's last "
            "changes to it"
        )
    return f"{path} was replaced by a file the desk could not open; nothing was saved after"


def build_demo_database(context: Context) -> bool:
    """Recreate the demo file from scratch, so its times fit today; False when a desk has it
    open, which is then left as it is (the new desk shows the same demo)."""
    from reception_tui.store.demo import build_demo

    employees = context.args.employees
    if employees < 1:
        raise Failure(BAD_INPUT, "--employees: give a number of at least 1")
    url = context.settings.demo_database_url()
    path = sqlite_path(url)
    assert path is not None
    create_private_folder(path.parent)
    try:
        with vacant(path):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            # Built writable even for a read-only desk, which then opens it read-only.
            repository = open_repository(
                context.settings, context.args, context.clock, read_only=False
            )
            try:
                build_demo(repository, context.statuses, employees=employees)
            finally:
                repository.engine.dispose()  # the desk opens it afresh, seated
    except DesksOpen:
        print(
            f"reception-tui: the demo database {path} is open at another desk: "
            "opening it as it is, not rebuilt (--employees is ignored)",
            file=sys.stderr,
        )
        return False
    return True


# ------------------------------------------------------------------ words of search and show


def _nobody_matches(query: str) -> str:
    return f"no active employee matches {query!r}"


def _empty_query() -> str:
    return "QUERY: give a word to search for (staff list shows everyone)"


def _already_open(inquiry_id: int) -> str:
    return f"inquiry {inquiry_id} is open already; nothing changed"


def _reopened(inquiry: InquiryRecord, tz: Any) -> str:
    return (
        f"inquiry {inquiry.id} for {inquiry.for_name} from {inquiry.caller_name} is open again,"
        f" due {format_datetime(inquiry.due_at, tz)}"
    )


def _at_least_one(option: str) -> str:
    return f"{option}: give a number of at least 1"


def _no_attempts() -> str:
    return "no callback attempts yet"


def _attempt_table(
    attempts: Sequence[AttemptRecord], tz: Any
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of an inquiry's callback attempts, for `inquiry show`."""
    rows = [(format_datetime(a.at, tz), a.by, a.outcome.value, a.note) for a in attempts]
    return ("at", "by", "outcome", "note"), rows


def _inquiry_fields(inquiry: InquiryRecord, now: datetime, tz: Any) -> list[tuple[str, str]]:
    """One inquiry as label and value, for `inquiry show`."""
    closed = format_datetime(inquiry.closed_at, tz) if inquiry.closed_at else ""
    return [
        ("inquiry", str(inquiry.id)),
        ("state", _state(inquiry, now)),
        ("for", inquiry.for_name),
        ("caller", inquiry.caller_name),
        ("contact", _contact(inquiry)),
        ("channel", inquiry.channel.value),
        ("subject", inquiry.subject),
        ("received", format_datetime(inquiry.received_at, tz)),
        ("due", format_datetime(inquiry.due_at, tz)),
        ("closed", closed),
    ]


# ------------------------------------------------------------------ output helpers


def _iso(at: datetime | None, tz: Any) -> str | None:
    return at.astimezone(tz).isoformat() if at else None


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [len(h) for h in header]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# ------------------------------------------------------------------ arguments


class _Words(argparse.Action):
    """Several words taken as one text, as typed at the desk: `staff search ann byg`."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        words = [values] if isinstance(values, str) else list(values or [])
        setattr(namespace, self.dest, " ".join(words))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(BAD_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    # Shared options are accepted before or after the subcommand; SUPPRESS keeps a value given
    # before the subcommand from being reset by the subcommand's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="config file (else $RECEPTION_TUI_CONFIG, ./config.toml, user folder)",
    )
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL, overriding config: sqlite:///FILE or postgresql+psycopg://...",
    )
    common.add_argument(
        "--as",
        dest="actor",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who is at the desk: shown in the greeting, recorded on every change",
    )
    common.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use the demo database (rebuilt when a desk starts on it and none has it open)",
    )
    common.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                        help="open the database read-only (managers)")  # fmt: skip

    parser = _Parser(
        prog="reception-tui",
        description="A keyboard-first desk for the municipal switchboard.",
        parents=[common],
        epilog="Exit codes: 0 ok, 1 database unreachable, 2 bad input, 3 not found or conflict.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--employees", type=int, default=200, metavar="N",
                        help="with --demo: how many demo employees (default 200)")  # fmt: skip
    parser.set_defaults(handler=cmd_desk, writes=False, seat=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    redirect = commands.add_parser(
        "redirect", parents=[common], help="set or clear a status and redirect"
    )
    redirect.add_argument("who", metavar="WHO", help="an id, an extension or a unique name")
    what = redirect.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--status", metavar="CODE", help="status code or label, any case (lunch, Möte)"
    )
    what.add_argument("--clear", action="store_true", help="available again, no redirect")
    redirect.add_argument(
        "--until", metavar="WHEN", help="return time: 13:30, imorgon 8, mån, +2h, 3/12"
    )
    redirect.add_argument("--to", metavar="WHO_OR_NUMBER", help="colleague or number calls go to")
    redirect.add_argument("--note", metavar="TEXT", help="a short note shown with the status")
    redirect.set_defaults(handler=cmd_redirect, writes=True, seat=True)

    inquiry = commands.add_parser("inquiry", parents=[common], help="missed calls and messages")
    inquiry_commands = inquiry.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)
    add = inquiry_commands.add_parser("add", parents=[common], help="log a missed call or message")
    add.add_argument("--for", dest="for_", required=True, metavar="WHO", help="employee or unit")
    add.add_argument("--caller", required=True, metavar="NAME", help="the caller's name")
    add.add_argument("--number", metavar="PHONE", help="number to call back (0280-181 00, +46...)")
    add.add_argument("--email", metavar="ADDR", help="e-mail address to answer")
    add.add_argument("--subject", metavar="TEXT", help="what it is about")
    add.add_argument("--channel", choices=[c.value for c in Channel], default="phone")
    add.add_argument(
        "--received", metavar="WHEN", help="when it came in (default now): 10:42, igår 15:10"
    )
    add.set_defaults(handler=cmd_inquiry_add, writes=True, seat=True)
    listing = inquiry_commands.add_parser("list", parents=[common], help="list inquiries")
    listing.add_argument("--open", action="store_true", help="only open ones, most urgent first")
    listing.add_argument("--json", action="store_true", help="JSON for scripts")
    listing.set_defaults(handler=cmd_inquiry_list)
    show = inquiry_commands.add_parser(
        "show", parents=[common], help="one inquiry with its callback attempts"
    )
    show.add_argument("id", type=int, metavar="ID", help="the inquiry's id (from inquiry list)")
    show.add_argument("--json", action="store_true", help="JSON for scripts")
    show.set_defaults(handler=cmd_inquiry_show)
    reopen = inquiry_commands.add_parser(
        "reopen", parents=[common], help="open a resolved inquiry again"
    )
    reopen.add_argument("id", type=int, metavar="ID", help="the inquiry's id (from inquiry list)")
    reopen.set_defaults(handler=cmd_inquiry_reopen, writes=True, seat=True)

    staff = commands.add_parser("staff", parents=[common], help="the staff list")
    staff_commands = staff.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)
    load = staff_commands.add_parser("import", parents=[common], help="import HR's staff CSV")
    load.add_argument("file", metavar="FILE.csv")
    load.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    load.add_argument("--partial", action="store_true",
                      help="the file lists only some staff: deactivate no one")  # fmt: skip
    load.add_argument(
        "--allow-deactivating",
        type=int,
        default=0,
        metavar="N",
        help="let a full import deactivate up to N people even when that is more than "
        "import.max_deactivated_share of the staff (or the file has no rows)",
    )
    load.set_defaults(handler=cmd_staff_import, writes=True, seat=True)
    people = staff_commands.add_parser("list", parents=[common], help="list employees")
    people.add_argument("--json", action="store_true", help="JSON for scripts")
    people.add_argument("--all", action="store_true", help="include inactive employees")
    people.set_defaults(handler=cmd_staff_list)
    search = staff_commands.add_parser(
        "search", parents=[common], help="find employees as the desk's search does"
    )
    search.add_argument("query", nargs="+", action=_Words, metavar="QUERY",
                        help="words as typed at the desk: ann byg, bygglov")  # fmt: skip
    search.add_argument("--json", action="store_true", help="JSON for scripts")
    search.add_argument("--limit", type=int, metavar="N", help="at most N, best first")
    search.set_defaults(handler=cmd_staff_search)

    db = commands.add_parser("db", parents=[common], help="database maintenance")
    db_commands = db.add_subparsers(metavar="ACTION", required=True, parser_class=_Parser)
    db_commands.add_parser("upgrade", parents=[common], help="run pending migrations").set_defaults(
        handler=cmd_db_upgrade, writes=True
    )
    purge = db_commands.add_parser(
        "purge",
        parents=[common],
        help="delete personal data older than retention_days: closed inquiries, presence history",
    )
    purge.add_argument("--dry-run", action="store_true", help="say what would go, change nothing")
    purge.set_defaults(handler=cmd_db_purge, writes=True, seat=True)
    backup = db_commands.add_parser(
        "backup", parents=[common], help="copy the SQLite database to PATH (mode 0600)"
    )
    backup.add_argument("path", metavar="PATH", help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    backup.set_defaults(handler=cmd_db_backup, writes=False)
    restore = db_commands.add_parser(
        "restore", parents=[common], help="replace the SQLite database with the backup PATH"
    )
    restore.add_argument("path", metavar="PATH", help="a backup made by `db backup`")
    restore.set_defaults(handler=cmd_db_restore, writes=True)
    grant = db_commands.add_parser(
        "grant-read-only",
        parents=[common],
        help="PostgreSQL: make ROLE a login that may only read the desk's tables",
    )
    grant.add_argument("role", metavar="ROLE", help="the role managers log in as")
    grant.set_defaults(handler=cmd_db_grant_read_only, writes=True)
    return parser


class _PrintableStream(io.TextIOBase):
    """Writes to `stream` with every control character but the newline made a space.

    The command line's one way out: names, notes and file contents come from outside, and an
    escape sequence among them must not reach the terminal (title, screen, clipboard).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable_lines(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()


def _json(value: object) -> str:
    """JSON text for scripts with every unprintable character escaped: json escapes those
    below 0x20 itself, but not DEL, C1 or the line separators (its own newlines stay)."""
    return UNPRINTABLE.sub(
        lambda match: match.group() if match.group() == "\n" else f"\\u{ord(match.group()):04x}",
        json.dumps(value, ensure_ascii=False, indent=2),
    )


# Names of the options whose values are stored in these fields, for messages.
_FIELD_OPTIONS = {
    "actor": "--as",
    "inquiry.caller_name": "--caller",
    "inquiry.caller_number": "--number",
    "inquiry.caller_email": "--email",
    "inquiry.subject": "--subject",
    "presence.note": "--note",
    "presence.redirect_number": "--to",
    "callback_attempt.note": "--note",
}
# Arguments whose option is not their name.
_ARGUMENT_NAMES = {
    "actor": "--as", "for_": "--for", "who": "WHO", "file": "FILE.csv", "query": "QUERY",
}  # fmt: skip


def _checked_arguments(args: argparse.Namespace) -> None:
    """Every text argument, checked as it comes in: a tab becomes a space, other control
    characters are refused naming the argument."""
    for name, value in vars(args).items():
        if isinstance(value, str):
            shown = _ARGUMENT_NAMES.get(name, "--" + name.replace("_", "-"))
            try:
                setattr(args, name, checked_text(value))
            except UnprintableText as error:
                raise Failure(BAD_INPUT, f"{shown}: {error}") from None


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run a command; its output, and every message, reaches the terminal made printable."""
    stdout, stderr = _PrintableStream(sys.stdout), _PrintableStream(sys.stderr)
    with redirect_stdout(stdout), redirect_stderr(stderr):  # type: ignore[type-var]
        return _main(argv, clock)


def _main(argv: Sequence[str] | None, clock: Clock | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, default in (("config", None), ("database", None), ("actor", None),
                          ("demo", False), ("read_only", False)):  # fmt: skip
        if not hasattr(args, name):
            setattr(args, name, default)
    handler: Callable[[Context], int] = args.handler
    if args.read_only and args.writes:
        print("reception-tui: this command changes the database; it cannot run with --read-only",
              file=sys.stderr)  # fmt: skip
        return BAD_INPUT
    try:
        _checked_arguments(args)
        settings = load_config(args.config)
        context = Context(args=args, settings=settings, clock=clock or SystemClock())
        with context.held:
            return handler(context)
    except FieldError as error:
        option = _FIELD_OPTIONS.get(error.field, error.field)
        if error.field == "actor" and not args.actor:
            option = "desk.receptionist"
        print(f"reception-tui: {option}: {error.problem}; nothing changed", file=sys.stderr)
        return BAD_INPUT
    except ConfigError as error:
        print(f"config error:\n{error}", file=sys.stderr)
        return BAD_INPUT
    except Failure as error:
        print(f"reception-tui: {error}", file=sys.stderr)
        return error.code
    except NotFound as error:
        print(f"reception-tui: {error}", file=sys.stderr)
        return NOT_FOUND
    except DatabaseError as error:
        print(f"reception-tui: {error}", file=sys.stderr)
        return UNREACHABLE
    except sa.exc.DBAPIError as error:
        print(f"reception-tui: database error: {error.orig}", file=sys.stderr)
        return UNREACHABLE
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


if __name__ == "__main__":
    raise SystemExit(main())
