"""Shared fixtures: a fixed clock and calendar, a fresh database (SQLite or PostgreSQL), a
repository on it, the status codes the tests use, and a few people to look up.

Database-backed fixtures run once per backend: `database_url` is parametrized over SQLite (a
file in `tmp_path`) and PostgreSQL (a throwaway schema on the server named by the environment
variable RECEPTION_TUI_TEST_POSTGRES_URL; skipped when it is unset). Select one backend with
`-m sqlite` or `-m postgresql`.
"""

from __future__ import annotations

import os
import textwrap
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

import reception_tui
from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.presence import StatusCode
from reception_tui.store.engine import make_engine, writer
from reception_tui.store.migrate import upgrade
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Employee, Unit

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Wednesday in an ordinary week: the two working days after it are Thursday and Friday.
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=STOCKHOLM).astimezone(UTC)
ACTOR = "Karin Ek"
POSTGRES_URL_VARIABLE = "RECEPTION_TUI_TEST_POSTGRES_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--durability-seconds",
        type=float,
        default=3.0,
        help="how long each durability test kills writers, per database (default 3)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite: runs against an SQLite file")
    config.addinivalue_line("markers", f"postgresql: runs against {POSTGRES_URL_VARIABLE}")


# ------------------------------------------------------------------ time


@pytest.fixture
def clock() -> FixedClock:
    """Wednesday 2026-12-02 09:00 in Stockholm (08:00 UTC); move it with `set` or `advance`."""
    return FixedClock(NOW)


@pytest.fixture
def calendar() -> WorkingCalendar:
    """Swedish working days, Monday to Friday 08:00-16:30, answers due in two working days."""
    hours = OfficeHours(time(8, 0), time(16, 30))
    return WorkingCalendar(STOCKHOLM, dict.fromkeys(range(5), hours), answer_working_days=2)


# ------------------------------------------------------------------ databases


def postgres_url() -> str:
    """The PostgreSQL server to test against; skips the test when none is configured."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip(
            f"PostgreSQL tests need {POSTGRES_URL_VARIABLE}, "
            "e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
    return url


def postgres_schema_url(base_url: str, schema: str) -> str:
    """`base_url` with every connection's search_path set to `schema`."""
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A new, empty schema on the server at `base_url`; yields a URL that works inside it.

    The schema is dropped (CASCADE) on exit, so dispose every engine on the yielded URL first:
    an open transaction in the schema would block the drop.
    """
    schema = f"rt_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base_url, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        try:
            yield postgres_schema_url(base_url, schema)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql("SET lock_timeout = '10s'")
                connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An SQLite file in `tmp_path`, not created yet."""
    return f"sqlite:///{tmp_path}/reception.sqlite3"


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite, id="sqlite"),
        pytest.param("postgresql", marks=pytest.mark.postgresql, id="postgresql"),
    ]
)
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> Iterator[str]:
    """An empty database, once on SQLite and once on PostgreSQL (in a schema of its own)."""
    if request.param == "sqlite":
        yield sqlite_url
        return
    with postgres_schema(postgres_url()) as url:
        yield url


@pytest.fixture
def open_engine(database_url: str) -> Iterator[Callable[..., sa.Engine]]:
    """Open engines with `make_engine` (default: on `database_url`); all disposed at teardown.

    Use it for every extra engine in a test (a read-only seat, say), so the PostgreSQL schema
    can be dropped afterwards.
    """
    engines: list[sa.Engine] = []

    def open_(url: str | None = None, *, read_only: bool = False) -> sa.Engine:
        engine = make_engine(url or database_url, read_only=read_only)
        engines.append(engine)
        return engine

    yield open_
    for engine in engines:
        engine.dispose()


@pytest.fixture
def empty_engine(open_engine: Callable[..., sa.Engine]) -> sa.Engine:
    """An engine on a database that has never been migrated."""
    return open_engine()


@pytest.fixture
def engine(empty_engine: sa.Engine) -> sa.Engine:
    """An engine on a database migrated to the newest schema."""
    upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[sa.Engine]:
    """A migrated SQLite database only, for what is particular to SQLite (files, pragmas)."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[sa.Engine]]:
    """Every engine the commands under test open, disposed at the end (so that a PostgreSQL
    schema can be dropped with no connection left in it)."""
    from reception_tui.store import backup, engine, migrate

    made: list[sa.Engine] = []
    original = engine.make_engine

    def recording(*args: Any, **kwargs: Any) -> sa.Engine:
        made.append(original(*args, **kwargs))
        return made[-1]

    for module in (engine, migrate, backup):
        monkeypatch.setattr(module, "make_engine", recording)
    monkeypatch.setattr("reception_tui.cli.make_engine", recording)
    yield made
    for made_engine in made:
        made_engine.dispose()


@pytest.fixture
def make_repository(
    engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> Callable[[str], Repository]:
    """Another seat on the same database: `make_repository("Per Holm")`."""

    def make(actor: str) -> Repository:
        return Repository(engine, actor=actor, clock=clock, calendar=calendar)

    return make


@pytest.fixture
def repository(make_repository: Callable[[str], Repository]) -> Repository:
    """The receptionist Karin Ek's seat."""
    return make_repository(ACTOR)


# ------------------------------------------------------------------ child processes


@pytest.fixture(scope="session")
def child_env() -> dict[str, str]:
    """The environment for a test's Python child processes (`sys.executable`): they import the
    reception_tui the tests import, not whichever one is installed."""
    root = Path(reception_tui.__file__).resolve().parents[1]
    paths = [str(root), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


# ------------------------------------------------------------------ data


class Statuses(NamedTuple):
    available: StatusCode
    lunch: StatusCode
    meeting: StatusCode
    sick: StatusCode


@pytest.fixture
def statuses() -> Statuses:
    """Four statuses: one available, two that need a return time, one (sick) that does not."""
    return Statuses(
        available=StatusCode("available", "Tillgänglig", "Available", False, True, "green"),
        lunch=StatusCode("lunch", "Lunch", "Lunch", True, False, "yellow", "+1h"),
        meeting=StatusCode("meeting", "Möte", "Meeting", True, False, "dark_orange", "+1h"),
        sick=StatusCode("sick", "Sjuk", "Sick", False, False, "red"),
    )


# Unit, employee number, first name, last name, title, extension, e-mail, active.
STAFF = (
    ("Bygglov", "1001", "Anna", "Berg", "Bygglovshandläggare", "2101", "anna.berg", True),
    ("Socialtjänst", "1002", "Anna", "Bergström", "Socialsekreterare", "2102", "anna.b", True),
    ("Bygglov", "1003", "Örjan", "Öberg", "Enhetschef", "2103", "orjan.oberg", True),
    ("Kansli", "1004", "Lars", "Lind", "Nämndsekreterare", "2104", "lars.lind", True),
    ("Kansli", "1005", "Gun", "Gammal", "Arkivarie", "2105", "gun.gammal", False),
)


@pytest.fixture
def staff(engine: sa.Engine) -> dict[str, int]:
    """The people in STAFF (Gun Gammal has left: inactive), as full name -> employee id.

    Written with plain SQL, not through the importer, so repository tests do not depend on it.
    """
    units, employees = Unit.__table__, Employee.__table__  # type: ignore[attr-defined]
    ids: dict[str, int] = {}
    with writer(engine).begin() as connection:
        unit_ids = {
            name: connection.execute(sa.insert(units).values(name=name)).inserted_primary_key[0]
            for name in sorted({row[0] for row in STAFF})
        }
        for unit, number, first, last, title, extension, email, active in STAFF:
            ids[f"{first} {last}"] = connection.execute(
                sa.insert(employees).values(
                    employee_number=number,
                    first_name=first,
                    last_name=last,
                    title=title,
                    unit_id=unit_ids[unit],
                    extension=extension,
                    mobile="",
                    email=f"{email}@malung-salen.se",
                    keywords="",
                    visiting_address="",
                    active=active,
                )
            ).inserted_primary_key[0]
    return ids


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write a staff file: `write_csv(text, name="staff.csv", bom=False)` -> its path.

    `text` is dedented and stripped of its first newline, so it can be an indented
    triple-quoted string; the file is UTF-8, with a byte order mark when `bom` is true.
    """

    def write(text: str, name: str = "staff.csv", *, bom: bool = False) -> Path:
        path = tmp_path / name
        body = textwrap.dedent(text).lstrip("\n")
        path.write_bytes(("\ufeff" if bom else "").encode() + body.encode("utf-8"))
        return path

    return write
