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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property, partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from reception_tui import __version__
from reception_tui.clock import Clock, SystemClock
from reception_tui.config import (
    ConfigError,
    Mistake,
    Settings,
    check_host,
    load_config,
    remembered_receptionist,
    user_cache_dir,
)
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
    Outcome,
    UnitRecord,
)
from reception_tui.domain.redirects import (
    RedirectTargetError,
    looks_like_number,
    redirect_number,
    redirect_target_problem,
)
from reception_tui.domain.returns import (
    ReturnTimeError,
    parse_past_time,
    parse_received_time,
    parse_return_time,
)
from reception_tui.domain.search import StaffIndex
from reception_tui.domain.text import (
    UNPRINTABLE,
    UnprintableText,
    checked_text,
    printable_lines,
    sort_key,
)
from reception_tui.report import FORMATS
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
    Refused,
    Repository,
    TooManyDeactivated,
)
from reception_tui.store.seats import DesksOpen, Seat, seats_file, vacant
from reception_tui.words import DEFAULT_LANGUAGE, Term, Worded, Words, say, text
from reception_tui.words.labels import channel_label, outcome_label
from reception_tui.words.numbers import shown_count

OK, UNREACHABLE, BAD_INPUT, NOT_FOUND = 0, 1, 2, 3
_NO_SCHEMA = Term("schema.none")


class Failure(Exception):
    """Stops a command with a message and an exit code; the message is worded when printed,
    in the configured language (`Words`, a coded error, or text that is data)."""

    def __init__(self, code: int, message: Worded | BaseException | str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def say(self, language: str) -> str:
        return say(language, self.message)


def _on_demo(args: argparse.Namespace) -> bool:
    """Whether the command runs on the demo database: --demo, and no --database given."""
    return bool(args.demo and not args.database)


def _option(option: str, problem: object) -> Words:
    """ "--until: ..." (the option, then what is wrong with its value)."""
    return Words("cli.option", option=option, problem=problem)


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
                seat = _seat(path, read_only=self.args.read_only, language=self.language)
                self.held.enter_context(seat)
            self._repository = open_repository(self.settings, self.args, self.clock)
        return self._repository

    @property
    def language(self) -> str:
        return self.settings.organisation.language

    def text(self, key: str, **values: object) -> str:
        """The catalogue's `key` in the configured language."""
        return text(self.language, key, **values)

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
            raise Failure(BAD_INPUT, _option("--database", error)) from None
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
        raise Failure(BAD_INPUT, error) from None
    except (SchemaOutOfDate, DatabaseError) as error:
        raise Failure(UNREACHABLE, error) from None
    except sa.exc.DBAPIError as error:
        raise Failure(UNREACHABLE, Words("cli.cannot_open", reason=describe_error(error))) from None
    except OSError as error:
        where = f"{error.filename} " if error.filename else ""
        reason = f"{where}{error.strerror or error}"
        raise Failure(UNREACHABLE, Words("cli.cannot_open", reason=reason)) from None


def open_repository(
    settings: Settings, args: argparse.Namespace, clock: Clock, *, read_only: bool | None = None
) -> Repository:
    """Connect, upgrading the schema first unless read-only; failures become clear messages."""
    url = database_url(settings, args)
    calendar = settings.calendar()
    read_only = args.read_only if read_only is None else read_only
    with _connecting():
        engine = open_database(url, read_only=read_only, calendar=calendar)
    return Repository(
        engine, actor=settings.actor(getattr(args, "actor", None)), clock=clock, calendar=calendar
    )


# ------------------------------------------------------------------ finding people


def find_one(context: Context, who: str, option: str = "WHO") -> EmployeeRecord:
    lookup = context.repository.find_employee(who, default_status=context.default_status)
    if lookup.unique is not None:
        return lookup.unique
    if not lookup.matches:
        raise Failure(NOT_FOUND, _option(option, Words("cli.nobody_matches", who=repr(who))))
    raise Failure(NOT_FOUND, _ambiguous(who, option, lookup.matches))


def _ambiguous(who: str, option: str, matches: Sequence[EmployeeRecord]) -> Words:
    shown = "\n".join(f"  {e.id:>6}  {e.name}  {e.unit_name}  {e.extension}" for e in matches[:20])
    more = Words("cli.and_more", count=len(matches) - 20) if len(matches) > 20 else ""
    return Words(
        "cli.ambiguous",
        option=option,
        who=repr(who),
        count=len(matches),
        matches=shown,
        more=more,
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
            unknown = Words("cli.unknown_status", status=repr(args.status), codes=codes)
            raise Failure(BAD_INPUT, _option("--status", unknown))
        status = found
        return_at = None
        when = args.until or status.default_return
        if when and not status.available:
            try:
                return_at = parse_return_time(when, now, calendar)
            except ReturnTimeError as error:
                raise Failure(BAD_INPUT, _option("--until", error)) from None
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
        raise Failure(BAD_INPUT, _option("--until", error)) from None
    except ConflictError as error:
        raise Failure(NOT_FOUND, Words("cli.conflict", error=error)) from None
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
            raise Failure(BAD_INPUT, _option("--to", Words("cli.redirect_to_self")))
        return lookup.unique.id, None
    if lookup.matches:
        raise Failure(NOT_FOUND, _ambiguous(text, "--to", lookup.matches))
    neither = Words("cli.neither_colleague_nor_number", text=repr(text))
    raise Failure(NOT_FOUND, _option("--to", neither))


def cmd_inquiry_add(context: Context) -> int:
    args, now = context.args, context.clock.now()
    repository = context.repository
    number = email = None
    if args.number:
        try:
            number = normalise_number_or_extension(args.number)
        except PhoneError as error:
            raise Failure(BAD_INPUT, _option("--number", error)) from None
    if args.email:
        # Too long says so, rather than that it is no address.
        email = check_field("inquiry.caller_email", args.email.strip())
        if not is_email_address(email):
            not_email = Words("cli.not_an_email", address=repr(args.email))
            raise Failure(BAD_INPUT, _option("--email", not_email))
    if number is None and email is None:
        raise Failure(BAD_INPUT, Words("cli.no_way_to_answer"))
    if not args.caller.strip():
        raise Failure(BAD_INPUT, _option("--caller", Words("cli.caller_empty")))
    received = None
    if args.received:
        try:
            received = parse_received_time(args.received, now, repository.calendar)
        except ReturnTimeError as error:
            raise Failure(BAD_INPUT, _option("--received", error)) from None
    employee_id = unit_id = None
    lookup = repository.find_employee(args.for_, default_status=context.default_status)
    if lookup.unique is not None:
        employee_id = lookup.unique.id
    elif (unit := repository.find_unit(args.for_)) is not None:
        unit_id = unit.id
    elif lookup.matches:
        raise Failure(NOT_FOUND, _ambiguous(args.for_, "--for", lookup.matches))
    else:
        nobody = Words("cli.nobody_or_no_unit_matches", who=repr(args.for_))
        raise Failure(NOT_FOUND, _option("--for", nobody))
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
        context.text(
            "cli.inquiry_added",
            id=inquiry.id,
            name=inquiry.for_name,
            caller=inquiry.caller_name,
            contact=_contact(inquiry),
            due=format_datetime(inquiry.due_at, tz),
        )
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
    header = _header(context, "id", "received", "due", "state", "for", "caller", "contact", "tries")
    rows = [
        (
            str(i.id),
            format_datetime(i.received_at, tz),
            format_datetime(i.due_at, tz),
            context.text(f"cli.state.{_state(i, now)}"),
            i.for_name,
            i.caller_name,
            _contact(i),
            str(i.attempts),
        )
        for i in inquiries
    ]
    print_table(header, rows)
    return OK


def _header(context: Context, *columns: str) -> tuple[str, ...]:
    """A table's column headings in the configured language."""
    return tuple(context.text(f"cli.column.{column}") for column in columns)


def _state(inquiry: InquiryRecord, now: datetime) -> str:
    if inquiry.overdue(now):
        return "overdue"
    return inquiry.state.value


def inquiry_json(inquiry: InquiryRecord, now: datetime, tz: Any) -> dict[str, Any]:
    return {
        "id": inquiry.id,
        "received_at": _iso(inquiry.received_at, tz),
        "due_at": _iso(inquiry.due_at, tz),
        "state": inquiry.state.value,
        "overdue": inquiry.overdue(now),
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
    fields = [
        (label, value) for label, value in _inquiry_fields(context, inquiry, now, tz) if value
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        print(f"{label:<{width}}  {value}")
    print()
    if attempts:
        print_table(*_attempt_table(context, attempts, tz))
    else:
        print(context.text("cli.no_attempts"))
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
        raise Failure(NOT_FOUND, context.text("cli.already_open", id=inquiry.id)) from None
    except ConflictError as error:
        why = context.text("cli.conflict_nothing_changed", error=say(context.language, error))
        raise Failure(NOT_FOUND, why) from None
    due = format_datetime(inquiry.due_at, repository.calendar.tz)
    print(
        context.text(
            "cli.reopened",
            id=inquiry.id,
            name=inquiry.for_name,
            caller=inquiry.caller_name,
            due=due,
        )
    )
    return OK


def _moment(context: Context) -> datetime | None:
    """`--at` read as a past moment, or None (now)."""
    if not context.args.at:
        return None
    try:
        return parse_past_time(context.args.at, context.clock.now(), context.repository.calendar)
    except ReturnTimeError as error:
        raise Failure(BAD_INPUT, _option("--at", error)) from None


@contextmanager
def _refused_at() -> Iterator[None]:
    """The store's refusal of a moment (before the inquiry came in, after now) names --at."""
    try:
        yield
    except Refused as error:
        raise Failure(BAD_INPUT, _option("--at", error)) from None


def cmd_inquiry_attempt(context: Context) -> int:
    repository, args = context.repository, context.args
    at = _moment(context)
    inquiry = repository.inquiry(args.id)
    with _refused_at():
        attempt = repository.log_attempt(inquiry.id, Outcome(args.outcome), args.note or "", at)
    print(
        context.text(
            "cli.attempt_logged",
            id=inquiry.id,
            name=inquiry.for_name,
            caller=inquiry.caller_name,
            outcome=outcome_label(attempt.outcome, context.language),
            at=format_datetime(attempt.at, repository.calendar.tz),
        )
    )
    return OK


def cmd_inquiry_resolve(context: Context) -> int:
    repository = context.repository
    at = _moment(context)
    inquiry = repository.inquiry(context.args.id)
    if inquiry.state is InquiryState.CLOSED:
        raise Failure(BAD_INPUT, context.text("cli.already_closed", id=inquiry.id))
    try:
        with _refused_at():
            inquiry = repository.resolve_inquiry(
                inquiry.id, expected_version=inquiry.version, at=at
            )
    except ConflictError as error:
        why = context.text("cli.conflict_nothing_changed", error=say(context.language, error))
        raise Failure(NOT_FOUND, why) from None
    assert inquiry.closed_at is not None
    print(
        context.text(
            "cli.resolved",
            id=inquiry.id,
            name=inquiry.for_name,
            caller=inquiry.caller_name,
            at=format_datetime(inquiry.closed_at, repository.calendar.tz),
        )
    )
    return OK


def cmd_report(context: Context) -> int:
    """The follow-up of a period (the last full calendar year unless told) per unit and for the
    whole organisation, in one of report.FORMATS, to stdout or --output."""
    from reception_tui.domain.periods import Period, PeriodError
    from reception_tui.report import render
    from reception_tui.store.followup import report

    args = context.args
    if _on_demo(args):
        build_demo_database(context)  # when a desk has it open, the report reads that one
    repository = context.repository
    now = context.clock.now()
    today = now.astimezone(repository.calendar.tz).date()
    last_year = Period.last_year(today)
    start = _date_option(args.start, "--from") or last_year.start
    end = _date_option(args.end, "--to") or (last_year.end if args.start is None else today)
    try:
        period = Period.between(start, end)
    except PeriodError as error:
        option = "--from" if error.values.get("date") == start.isoformat() else "--to"
        raise Failure(BAD_INPUT, _option(option, error)) from None
    units = {unit.id: unit.name for unit in repository.units()}
    if args.unit:
        units = {unit.id: unit.name for unit in _units_named(context, args.unit, "--unit")}
    else:
        units = dict(sorted(units.items(), key=lambda unit: sort_key(unit[1])))
    figures = report(
        repository.engine,
        repository.calendar,
        period,
        now,
        units,
        context.settings.organisation.name,
    )
    written = render(figures, args.format, context.language, repository.calendar.tz)
    if args.output is None:
        stdout = sys.stdout
        assert isinstance(stdout, _PrintableStream)  # main's, always
        stdout.write_exact(written)
        return OK
    try:
        args.output.write_bytes(written)
    except OSError as error:
        raise Failure(BAD_INPUT, _option("--output", error.strerror or error)) from None
    written_to = context.text(
        "cli.report_written",
        path=args.output,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )
    print(written_to)
    return OK


def _date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Failure(BAD_INPUT, _option(option, Words("cli.not_a_date", value=value))) from None


def cmd_manager(context: Context) -> int:
    """The manager's screen on a read-only connection, whatever the flags: the units of
    --unit, else of [manager] units, else the whole organisation."""
    from reception_tui.tui.manager import ManagerApp, scopes

    args = context.args
    if _on_demo(args):
        build_demo_database(context)  # when a desk has it open, the manager reads the same one
    args.read_only = True
    repository = context.repository
    wanted, every = _manager_units(context)
    shown = scopes(context.settings.organisation.name, wanted, every)
    app = ManagerApp(context.settings, repository, context.clock, shown)
    try:
        app.run()
    finally:
        repository.engine.dispose()
    return OK


def _manager_units(context: Context) -> tuple[list[UnitRecord], list[UnitRecord]]:
    """The units the manager asked for (--unit, else [manager] units), and every unit in name
    order; a name that is no unit is refused naming where it came from."""
    repository = context.repository
    names, option = context.args.unit, "--unit"
    if not names:
        names, option = list(context.settings.manager.units), "manager.units"
    wanted = _units_named(context, names, option)
    return wanted, sorted(repository.units(), key=lambda unit: sort_key(unit.name))


def _units_named(context: Context, names: Sequence[str], option: str) -> list[UnitRecord]:
    """The units `names` name, in their order; a name that is no unit is refused naming
    `option`, where it came from."""
    wanted = []
    for name in names:
        unit = context.repository.find_unit(name)
        if unit is None:
            raise Failure(NOT_FOUND, _option(option, Words("cli.no_such_unit", name=name)))
        wanted.append(unit)
    return wanted


def cmd_serve(context: Context) -> int:
    """The manager's screen in a browser: one `manager` process per tab, read-only, for
    requests with the token (from [web] token, else new at each start) only."""
    try:
        from reception_tui.web import ManagerServer, new_token
    except ImportError:
        raise Failure(BAD_INPUT, Words("cli.serve_needs_web")) from None

    args, web = context.args, context.settings.web
    host = web.host if args.host is None else args.host.strip()
    try:
        check_host(host)
    except Mistake as mistake:
        raise Failure(BAD_INPUT, _option("--host", mistake)) from None
    port = web.port if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise Failure(BAD_INPUT, _option("--port", Words("cli.not_a_port", value=port)))
    if _on_demo(args):
        build_demo_database(context)  # once, here: every tab then reads this one
    # The database and the units are checked once here, so that a wrong name is said now
    # rather than in every tab.
    args.read_only = True
    wanted, _ = _manager_units(context)
    context.repository.engine.dispose()
    server = ManagerServer(
        _manager_command(context),
        host=host,
        port=port,
        token=web.token or new_token(),
        max_sessions=web.max_sessions,
        public_url=web.public_url,
        language=context.language,
    )
    scope = ", ".join(unit.name for unit in wanted) or context.settings.organisation.name

    def announce(link: str) -> None:
        said = context.text("cli.serve_link", scope=scope, link=link, max_sessions=web.max_sessions)
        print(said, flush=True)

    try:
        server.run(announce)
    except OSError as error:
        reason = error.strerror or str(error)
        raise Failure(
            UNREACHABLE, Words("cli.serve_cannot_listen", host=host, port=port, reason=reason)
        ) from None
    return OK


def _manager_command(context: Context) -> list[str]:
    """The command each browser tab runs: this program's manager's screen, read-only, on the
    database, the config and the units the server was given."""
    args = context.args
    command = [sys.executable, "-m", "reception_tui", "manager", "--read-only"]
    config = args.config or context.settings.source
    if config is not None:
        command += ["--config", str(Path(config).absolute())]
    if args.database:
        command += ["--database", args.database]
    elif args.demo:  # the demo the server built, not one rebuilt for every tab
        command += ["--database", context.settings.demo_database_url()]
    for name in args.unit or ():
        command += ["--unit", name]
    return command


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
        raise Failure(BAD_INPUT, context.text("cli.empty_query"))
    if limit is not None and limit < 1:
        raise Failure(BAD_INPUT, context.text("cli.at_least_one", option="--limit"))
    repository, default_status = context.repository, context.default_status
    # The index needs no contact details; only those found are read in full.
    employees = repository.employees(default_status=default_status, by_name=False, contact=False)
    ids = StaffIndex.from_employees(employees).search(query).ids[:limit]
    del employees
    if not ids:
        if context.args.json:
            print(_json([]))
        raise Failure(NOT_FOUND, context.text("cli.nobody_matches", who=repr(query)))
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
        rows = [employee_json(context, e, names, now) for e in employees]
        print(_json(rows))
        return
    header = _header(context, "id", "name", "unit", "title", "ext", "status", "redirect", "return")
    inactive = " " + context.text("cli.inactive")
    table = [
        (
            str(e.id),
            e.name + ("" if e.active else inactive),
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
        label += " " + context.text("cli.expected_back")
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
        parts.append(context.text("cli.redirected_to", target=redirect))
    if employee.presence.note:
        parts.append(employee.presence.note)
    return ", ".join(parts)


def cmd_staff_import(context: Context) -> int:
    args = context.args
    try:
        staff = read_staff_csv(Path(args.file))
    except StaffFileError as error:
        raise Failure(BAD_INPUT, error) from None
    for column in staff.unknown_columns:
        ignored = context.text("cli.unknown_column", file=args.file, column=repr(column))
        print(ignored, file=sys.stderr)
    if args.allow_deactivating < 0:
        at_least = Words("cli.at_least", number=0)
        raise Failure(BAD_INPUT, _option("--allow-deactivating", at_least))
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
            Words(
                "cli.too_many_deactivated",
                file=args.file,
                error=error,
                names=_names(error.deactivated),
                count=count,
            ),
        ) from None
    line = context.text(
        "cli.staff_imported",
        rows=len(staff.rows),
        added=len(summary.added),
        changed=len(summary.changed),
        deactivated=len(summary.deactivated),
        unchanged=summary.unchanged,
    )
    if summary.units_created:
        line += context.text("cli.staff_new_units", count=len(summary.units_created))
    if staff.encoding != "UTF-8":
        line += context.text("cli.staff_read_as", encoding=staff.encoding)
    if summary.dry_run:
        line += context.text("cli.staff_dry_run")
    print(line)
    done = "would_be" if summary.dry_run else "were"
    for what, names in (
        ("added", summary.added),
        ("changed", summary.changed),
        ("deactivated", summary.deactivated),
        ("units_created", summary.units_created),
    ):
        if names:
            print("  " + context.text(f"cli.staff_{what}_{done}", names=_names(names)))
    return OK


def _names(names: Sequence[str], shown: int = 30) -> str:
    more = f" ... (+{len(names) - shown})" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def cmd_db_upgrade(context: Context) -> int:
    url = database_url(context.settings, context.args)
    with _connecting():
        before, after = upgrade(make_engine(url), context.settings.calendar())
    if before == after:
        print(context.text("cli.up_to_date", schema=after))
    else:
        print(Words("cli.upgraded", before=before or _NO_SCHEMA, after=after).say(context.language))
    return OK


def cmd_db_purge(context: Context) -> int:
    days = context.settings.database.retention_days
    before = context.clock.now() - timedelta(days=days)
    summary = context.repository.purge(before, dry_run=context.args.dry_run)
    print(
        context.text(
            "cli.would_purge" if summary.dry_run else "cli.purged",
            inquiries=summary.inquiries,
            days=days,
            attempts=summary.attempts,
            history=summary.presence_history,
        )
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
        print(context.text("cli.password_left_out"))
    raise Failure(BAD_INPUT, Words("cli.sqlite_only", command=command))


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
        raise Failure(NOT_FOUND, error) from None
    except (backup.CannotWrite, backup.UnusableBackup) as error:
        raise Failure(BAD_INPUT, error) from None
    print(
        context.text(
            "cli.backed_up",
            database=database,
            target=summary.target,
            schema=summary.revision or context.text("schema.none"),
            size=summary.size,
        )
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
        raise Failure(NOT_FOUND, Words("cli.restore_desks_open", database=database)) from None
    except (backup.DatabaseBusy, backup.UnusableBackup) as error:
        code = NOT_FOUND if isinstance(error, backup.DatabaseBusy) else BAD_INPUT
        raise Failure(code, Words("cli.nothing_changed", error=error)) from None
    restored = context.text(
        "cli.restored_upgraded" if summary.upgraded_from else "cli.restored",
        source=source,
        database=database,
        schema=summary.revision,
        before=summary.upgraded_from,
    )
    print(restored)
    if summary.kept is not None:
        print(context.text("cli.replaced_kept", kept=summary.kept))
    return OK


def cmd_db_grant_read_only(context: Context) -> int:
    from reception_tui.store.roles import BadRoleName, RoleError, grant_read_only

    url = make_url(database_url(context.settings, context.args))
    if url.get_backend_name() != "postgresql":
        raise Failure(BAD_INPUT, Words("cli.grant_needs_postgresql"))
    role = context.args.role
    try:
        with _connecting():
            engine = open_database(url.render_as_string(hide_password=False))
        try:
            granted = grant_read_only(engine, role)
        finally:
            engine.dispose()
    except BadRoleName as error:
        raise Failure(BAD_INPUT, error) from None
    except RoleError as error:
        raise Failure(NOT_FOUND, error) from None
    except sa.exc.ProgrammingError as error:
        refused = Words("cli.grant_refused", reason=describe_error(error))
        raise Failure(UNREACHABLE, refused) from None
    # The administrator's own query stays (sslmode, say); the role finds its schema itself.
    manager_url = without_password(url).set(username=role)
    name, database = _sql_name(role), _sql_name(granted.database)
    print(
        context.text(
            "cli.role_created" if granted.created else "cli.role_updated",
            role=role,
            tables=len(granted.tables),
            schema=granted.schema,
            database=granted.database,
        )
    )
    print(context.text("cli.role_password", name=name))
    print(
        context.text("cli.managers_connect", url=manager_url.render_as_string(hide_password=False))
    )
    print(
        context.text(
            "cli.role_temporary_public" if granted.public_temporary else "cli.role_temporary",
            database=database,
        )
    )
    return OK


def _sql_name(name: str) -> str:
    """`name` as SQL needs it written: plain when it can be, else in double quotes."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def cmd_desk(context: Context) -> int:
    args = context.args
    notices: list[str] = []
    if _on_demo(args) and not build_demo_database(context):
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
    # A writable desk purges old closed inquiries itself, once it shows everyone; not on the
    # demo, which is fictional and rebuilt at each start, with a history for the yearly report.
    app = build_app(
        context.settings,
        context.repository,
        read_only=args.read_only,
        notices=notices,
        ask_name=ask_name,
        purge=not _on_demo(args),
        # Not of the demo either: it is built anew at each start, so no snapshot would fit.
        snapshots=user_cache_dir()
        if context.settings.desk.snapshot and not _on_demo(args)
        else None,
    )
    try:
        app.run()
    finally:
        app.repository.engine.dispose()
    path = sqlite_path(app.repository.engine.url)
    if path is not None and app.file_state is not FileState.SAME:
        left = _file_left(context, app.file_state, path)
        print(context.text("cli.complaint", message=left), file=sys.stderr)
    return OK


@contextmanager
def _seat(path: Path | None, *, read_only: bool, language: str) -> Iterator[None]:
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
                cannot = DatabaseError(
                    "cannot_create_database", path=str(path), reason=error.strerror
                )
                raise Failure(UNREACHABLE, cannot) from None
            reason = f"{path}: {seats_file(path)}: {error.strerror}"
            raise Failure(UNREACHABLE, Words("cli.cannot_open", reason=reason)) from None
        # A manager who may only read the folder: the desk still notices a replaced file.
        without = Words("cli.without_seat", file=seats_file(path), reason=error.strerror)
        print(Words("cli.complaint", message=without).say(language), file=sys.stderr)
        yield
        return
    try:
        yield
    finally:
        seat.__exit__(None, None, None)


def _file_left(context: Context, state: FileState, path: Path) -> str:
    """What an administrator needs to know about the file a desk has seen go."""
    if state is FileState.GONE:
        return context.text("cli.file_gone", path=path)
    if state is FileState.BESIDE_OLD_JOURNAL:
        return context.text("cli.file_beside_old_journal", path=path, name=path.name)
    return context.text("cli.file_unusable", path=path)


def build_demo_database(context: Context) -> bool:
    """Recreate the demo file from scratch, so its times fit today; False when a desk has it
    open, which is then left as it is (the new desk shows the same demo)."""
    from reception_tui.store.demo import MAX_HISTORY, build_demo

    employees, history = context.args.employees, context.args.inquiries
    if employees < 1:
        raise Failure(BAD_INPUT, _option("--employees", Words("cli.at_least", number=1)))
    if history is not None and not 0 <= history <= MAX_HISTORY:
        most = shown_count(MAX_HISTORY, context.language)
        problem = Words("cli.zero_to", most=most)
        raise Failure(BAD_INPUT, _option("--inquiries", problem))
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
                build_demo(repository, context.statuses, employees=employees, history=history)
            finally:
                repository.engine.dispose()  # the desk opens it afresh, seated
    except DesksOpen:
        shared = context.text("cli.demo_shared", path=path)
        print(context.text("cli.complaint", message=shared), file=sys.stderr)
        return False
    return True


# ------------------------------------------------------------------ words of search and show


def _attempt_table(
    context: Context, attempts: Sequence[AttemptRecord], tz: Any
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of an inquiry's callback attempts, for `inquiry show`."""
    rows = [
        (format_datetime(a.at, tz), a.by, outcome_label(a.outcome, context.language), a.note)
        for a in attempts
    ]
    return _header(context, "at", "by", "outcome", "note"), rows


def _inquiry_fields(
    context: Context, inquiry: InquiryRecord, now: datetime, tz: Any
) -> list[tuple[str, str]]:
    """One inquiry as label and value, for `inquiry show`."""
    closed = format_datetime(inquiry.closed_at, tz) if inquiry.closed_at else ""
    fields = [
        ("id", str(inquiry.id)),
        ("state", context.text(f"cli.state.{_state(inquiry, now)}")),
        ("for", inquiry.for_name),
        ("caller", inquiry.caller_name),
        ("contact", _contact(inquiry)),
        ("channel", channel_label(inquiry.channel, context.language)),
        ("subject", inquiry.subject),
        ("received", format_datetime(inquiry.received_at, tz)),
        ("due", format_datetime(inquiry.due_at, tz)),
        ("closed", closed),
    ]
    return [(context.text(f"cli.column.{label}"), value) for label, value in fields]


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


def _argparse_pattern(message: str) -> re.Pattern[str]:
    """A pattern matching argparse's `message` once filled in: `%(name)s` (or `%s`, named
    value) becomes a group of that name."""
    pattern, end = "", 0
    for placeholder in re.finditer(r"%(?:\((\w+)\))?[sr]", message):
        name = placeholder.group(1) or "value"
        pattern += re.escape(message[end : placeholder.start()]) + f"(?P<{name}>.+?)"
        end = placeholder.end()
    return re.compile(pattern + re.escape(message[end:]))


# What argparse says through gettext (Python 3.11 to 3.13), by the catalogue entry that says it
# in the reader's language; what it fills in (names of options, values typed) is shown as it is.
# A message not here is shown as argparse says it.
_ARGPARSE_WORDS = tuple(
    (_argparse_pattern(message), key)
    for message, key in (
        ("argument %(argument_name)s: %(message)s", "cli.argparse.argument"),
        ("the following arguments are required: %s", "cli.argparse.required"),
        ("one of the arguments %s is required", "cli.argparse.one_of_required"),
        ("unrecognized arguments: %s", "cli.argparse.unrecognized"),
        ("invalid choice: %(value)r (choose from %(choices)s)", "cli.argparse.invalid_choice"),
        ("unknown parser %(parser_name)r (choices: %(choices)s)", "cli.argparse.unknown_command"),
        # "invalid %(type)s value: %(value)r" for the one type whose name a reader needs.
        ("invalid int value: %(value)r", "cli.argparse.not_a_whole_number"),
        ("invalid %(type)s value: %(value)r", "cli.argparse.invalid_value"),
        ("expected one argument", "cli.argparse.expected_one"),
        ("expected at most one argument", "cli.argparse.expected_at_most_one"),
        ("expected at least one argument", "cli.argparse.expected_at_least_one"),
        # ngettext's singular is for one only.
        ("expected %s argument", "cli.argparse.expected_one"),
        ("expected %s arguments", "cli.argparse.expected_n"),
        ("not allowed with argument %s", "cli.argparse.not_allowed_with"),
        ("ignored explicit argument %r", "cli.argparse.takes_no_value"),
        ("ambiguous option: %(option)s could match %(matches)s", "cli.argparse.ambiguous"),
        ("unexpected option string: %s", "cli.argparse.unexpected_option"),
    )
)


def _argparse_words(language: str, message: str) -> str:
    """argparse's `message` in the words of `language` (as it is when argparse's own)."""
    for pattern, key in _ARGPARSE_WORDS:
        if match := pattern.fullmatch(message):
            values = match.groupdict()
            if "message" in values:  # "argument --until: <what is wrong with it>"
                values["message"] = _argparse_words(language, values["message"])
            return text(language, key, **values)
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's layout of usage and help, whose "usage: " is worded in `language`."""

    def __init__(self, prog: str, *, language: str) -> None:
        super().__init__(prog)
        self._language = language

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = text(self._language, "cli.argparse.usage")
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, in the configured language: its help option, the headings of its
    help, its usage and its complaints about the arguments."""

    def __init__(self, *args: Any, language: str = DEFAULT_LANGUAGE, **kwargs: Any) -> None:
        formatter = partial(_Formatter, language=language)
        super().__init__(*args, **(kwargs | {"add_help": False, "formatter_class": formatter}))
        self.language = language
        # argparse names its two groups of arguments as it makes them, in English.
        self._positionals.title = text(language, "cli.argparse.positionals")
        self._optionals.title = text(language, "cli.argparse.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=text(language, "cli.help.help"))  # fmt: skip

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(BAD_INPUT, f"{self.prog}: {_argparse_words(self.language, message)}\n")


def build_parser(language: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    def words(key: str) -> str:
        return text(language, f"cli.help.{key}")

    parser_class = partial(_Parser, language=language)

    # Shared options are accepted before or after the subcommand; SUPPRESS keeps a value given
    # before the subcommand from being reset by the subcommand's default.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=words("config"),
    )
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=words("database"),
    )
    common.add_argument(
        "--as",
        dest="actor",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help=words("as"),
    )
    common.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help=words("demo"),
    )
    common.add_argument("--read-only", action="store_true", default=argparse.SUPPRESS,
                        help=words("read_only"))  # fmt: skip

    parser = parser_class(
        prog="reception-tui",
        description=words("description"),
        parents=[common],
        epilog=words("epilog"),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=words("version"))  # fmt: skip
    parser.add_argument("--employees", type=int, default=200, metavar="N",
                        help=words("employees"))  # fmt: skip
    parser.add_argument("--inquiries", type=int, metavar="N", help=words("inquiries"))
    parser.set_defaults(handler=cmd_desk, writes=False, seat=True)
    commands = parser.add_subparsers(
        title=words("commands"), metavar="COMMAND", parser_class=parser_class
    )

    redirect = commands.add_parser("redirect", parents=[common], help=words("redirect"))
    redirect.add_argument("who", metavar="WHO", help=words("who"))
    what = redirect.add_mutually_exclusive_group(required=True)
    what.add_argument("--status", metavar="CODE", help=words("status"))
    what.add_argument("--clear", action="store_true", help=words("clear"))
    redirect.add_argument("--until", metavar="WHEN", help=words("until"))
    redirect.add_argument("--to", metavar="WHO_OR_NUMBER", help=words("to"))
    redirect.add_argument("--note", metavar="TEXT", help=words("note"))
    redirect.set_defaults(handler=cmd_redirect, writes=True, seat=True)

    inquiry = commands.add_parser("inquiry", parents=[common], help=words("inquiry"))
    inquiry_commands = inquiry.add_subparsers(
        metavar="ACTION", required=True, parser_class=parser_class
    )
    add = inquiry_commands.add_parser("add", parents=[common], help=words("inquiry_add"))
    add.add_argument("--for", dest="for_", required=True, metavar="WHO", help=words("for"))
    add.add_argument("--caller", required=True, metavar="NAME", help=words("caller"))
    add.add_argument("--number", metavar="PHONE", help=words("number"))
    add.add_argument("--email", metavar="ADDR", help=words("email"))
    add.add_argument("--subject", metavar="TEXT", help=words("subject"))
    add.add_argument("--channel", choices=[c.value for c in Channel], default="phone",
                     help=words("channel"))  # fmt: skip
    add.add_argument("--received", metavar="WHEN", help=words("received"))
    add.set_defaults(handler=cmd_inquiry_add, writes=True, seat=True)
    listing = inquiry_commands.add_parser("list", parents=[common], help=words("inquiry_list"))
    listing.add_argument("--open", action="store_true", help=words("open"))
    listing.add_argument("--json", action="store_true", help=words("json"))
    listing.set_defaults(handler=cmd_inquiry_list)
    show = inquiry_commands.add_parser("show", parents=[common], help=words("inquiry_show"))
    show.add_argument("id", type=int, metavar="ID", help=words("inquiry_id"))
    show.add_argument("--json", action="store_true", help=words("json"))
    show.set_defaults(handler=cmd_inquiry_show)
    reopen = inquiry_commands.add_parser("reopen", parents=[common], help=words("inquiry_reopen"))
    reopen.add_argument("id", type=int, metavar="ID", help=words("inquiry_id"))
    reopen.set_defaults(handler=cmd_inquiry_reopen, writes=True, seat=True)
    attempt = inquiry_commands.add_parser(
        "attempt", parents=[common], help=words("inquiry_attempt")
    )
    attempt.add_argument("id", type=int, metavar="ID", help=words("inquiry_id"))
    attempt.add_argument("--outcome", required=True, choices=[o.value for o in Outcome],
                         help=words("outcome"))  # fmt: skip
    attempt.add_argument("--at", metavar="WHEN", help=words("at"))
    attempt.add_argument("--note", metavar="TEXT", help=words("attempt_note"))
    attempt.set_defaults(handler=cmd_inquiry_attempt, writes=True, seat=True)
    resolve = inquiry_commands.add_parser(
        "resolve", parents=[common], help=words("inquiry_resolve")
    )
    resolve.add_argument("id", type=int, metavar="ID", help=words("inquiry_id"))
    resolve.add_argument("--at", metavar="WHEN", help=words("at"))
    resolve.set_defaults(handler=cmd_inquiry_resolve, writes=True, seat=True)

    manager = commands.add_parser("manager", parents=[common], help=words("manager"))
    manager.add_argument("--unit", action="append", metavar="NAME", help=words("manager_unit"))
    manager.set_defaults(handler=cmd_manager, seat=True)

    serve = commands.add_parser("serve", parents=[common], help=words("serve"))
    serve.add_argument("--host", metavar="ADDRESS", help=words("serve_host"))
    serve.add_argument("--port", type=int, metavar="PORT", help=words("serve_port"))
    serve.add_argument("--unit", action="append", metavar="NAME", help=words("serve_unit"))
    serve.set_defaults(handler=cmd_serve, seat=False)

    report = commands.add_parser("report", parents=[common], help=words("report"))
    report.add_argument("--from", dest="start", metavar="DATE", help=words("report_from"))
    report.add_argument("--to", dest="end", metavar="DATE", help=words("report_to"))
    report.add_argument(
        "--unit", action="append", metavar="NAME", help=words("report_unit")
    )  # fmt: skip
    report.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help=words("report_format")
    )
    report.add_argument("--output", type=Path, metavar="FILE", help=words("report_output"))
    report.set_defaults(handler=cmd_report)

    staff = commands.add_parser("staff", parents=[common], help=words("staff"))
    staff_commands = staff.add_subparsers(
        metavar="ACTION", required=True, parser_class=parser_class
    )
    load = staff_commands.add_parser("import", parents=[common], help=words("staff_import"))
    load.add_argument("file", metavar="FILE.csv", help=words("staff_file"))
    load.add_argument("--dry-run", action="store_true", help=words("dry_run"))
    load.add_argument("--partial", action="store_true",
                      help=words("partial"))  # fmt: skip
    load.add_argument(
        "--allow-deactivating",
        type=int,
        default=0,
        metavar="N",
        help=words("allow_deactivating"),
    )
    load.set_defaults(handler=cmd_staff_import, writes=True, seat=True)
    people = staff_commands.add_parser("list", parents=[common], help=words("staff_list"))
    people.add_argument("--json", action="store_true", help=words("json"))
    people.add_argument("--all", action="store_true", help=words("all"))
    people.set_defaults(handler=cmd_staff_list)
    search = staff_commands.add_parser("search", parents=[common], help=words("staff_search"))
    search.add_argument("query", nargs="+", action=_Words, metavar="QUERY",
                        help=words("query"))  # fmt: skip
    search.add_argument("--json", action="store_true", help=words("json"))
    search.add_argument("--limit", type=int, metavar="N", help=words("limit"))
    search.set_defaults(handler=cmd_staff_search)

    db = commands.add_parser("db", parents=[common], help=words("db"))
    db_commands = db.add_subparsers(metavar="ACTION", required=True, parser_class=parser_class)
    db_commands.add_parser("upgrade", parents=[common], help=words("db_upgrade")).set_defaults(
        handler=cmd_db_upgrade, writes=True
    )
    purge = db_commands.add_parser(
        "purge",
        parents=[common],
        help=words("db_purge"),
    )
    purge.add_argument("--dry-run", action="store_true", help=words("purge_dry_run"))
    purge.set_defaults(handler=cmd_db_purge, writes=True, seat=True)
    backup = db_commands.add_parser("backup", parents=[common], help=words("db_backup"))
    backup.add_argument("path", metavar="PATH", help=words("backup_path"))
    backup.add_argument("--force", action="store_true", help=words("force"))
    backup.set_defaults(handler=cmd_db_backup, writes=False)
    restore = db_commands.add_parser("restore", parents=[common], help=words("db_restore"))
    restore.add_argument("path", metavar="PATH", help=words("restore_path"))
    restore.set_defaults(handler=cmd_db_restore, writes=True)
    grant = db_commands.add_parser(
        "grant-read-only",
        parents=[common],
        help=words("db_grant"),
    )
    grant.add_argument("role", metavar="ROLE", help=words("role"))
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

    def write_exact(self, data: bytes) -> None:
        """A file's bytes as they are (a report piped into a file), made printable text only
        where they reach a terminal."""
        if self._stream.isatty():
            self.write(data.decode("utf-8"))
            return
        self._stream.flush()
        self._stream.buffer.write(data)
        self._stream.buffer.flush()

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
                raise Failure(BAD_INPUT, _option(shown, error)) from None


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run a command; its output, and every message, reaches the terminal made printable."""
    stdout, stderr = _PrintableStream(sys.stdout), _PrintableStream(sys.stderr)
    with redirect_stdout(stdout), redirect_stderr(stderr):  # type: ignore[type-var]
        return _main(argv, clock)


def _settings(argv: Sequence[str] | None) -> Settings | ConfigError:
    """The settings `--config` (or the usual search) names, read before the arguments are, so
    that help and argparse's errors are in the configured language; or why they cannot be."""
    # Never a complaint of its own: a `--config` without a path is left to the real parser.
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--config", type=Path)
    try:
        known, _ = early.parse_known_args(argv)
    except argparse.ArgumentError:
        known = argparse.Namespace(config=None)
    try:
        return load_config(known.config)
    except ConfigError as error:
        return error


def _main(argv: Sequence[str] | None, clock: Clock | None) -> int:
    settings = _settings(sys.argv[1:] if argv is None else argv)
    # A broken config is said by the command that needs it, in the language the file asks for
    # if it could be read that far (else the default).
    if isinstance(settings, Settings):
        language = settings.organisation.language
    else:
        language = settings.language
    parser = build_parser(language)
    args = parser.parse_args(argv)
    for name, default in (("config", None), ("database", None), ("actor", None),
                          ("demo", False), ("read_only", False)):  # fmt: skip
        if not hasattr(args, name):
            setattr(args, name, default)
    handler: Callable[[Context], int] = args.handler

    def complain(message: str) -> None:
        print(text(language, "cli.complaint", message=message), file=sys.stderr)

    if args.read_only and args.writes:
        complain(text(language, "cli.writes_read_only"))
        return BAD_INPUT
    try:
        _checked_arguments(args)
        if isinstance(settings, ConfigError):
            raise settings
        context = Context(args=args, settings=settings, clock=clock or SystemClock())
        with context.held:
            return handler(context)
    except FieldError as error:
        option = _FIELD_OPTIONS.get(error.field, error.field)
        if error.field == "actor" and not args.actor:
            option = "desk.receptionist"
        problem = error.problem(language)
        complain(text(language, "cli.field_refused", option=option, problem=problem))
        return BAD_INPUT
    except ConfigError as error:
        print(text(language, "cli.config_error", error=error.say(language)), file=sys.stderr)
        return BAD_INPUT
    except Failure as error:
        complain(error.say(language))
        return error.code
    except NotFound as error:
        complain(say(language, error))
        return NOT_FOUND
    except DatabaseError as error:
        complain(say(language, error))
        return UNREACHABLE
    except sa.exc.DBAPIError as error:
        complain(text(language, "cli.database_error", error=error.orig))
        return UNREACHABLE
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK


if __name__ == "__main__":
    raise SystemExit(main())
