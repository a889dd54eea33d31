"""Engines for SQLite (the embedded default) and PostgreSQL (several seats on one server).

SQLite runs in WAL mode with a busy timeout and foreign keys on; its file is created readable
by its owner only and its folder, when created here, by its owner only (it holds callers'
personal data). Read-only is enforced by the connection itself: SQLite opens the file with
`mode=ro` and an authorizer that refuses `ATTACH` and every statement that would write,
PostgreSQL starts every transaction read-only (and `grant-read-only` makes a role the
database itself keeps to reading). An SQLite engine stays with the file it opened: once that
file is deleted, moved or replaced it opens no new connection and begins no write
(`DatabaseFileGone`).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from reception_tui.store.database_file import DatabaseFile, FileState, register
from reception_tui.words import Coded, Term

BUSY_TIMEOUT_MS = 5000
_IMMEDIATE = "reception_tui_immediate"
# The URLs this program opens, in the reader's words ("sqlite:///FILE or postgresql+...").
SUPPORTED_URLS = Term("error.supported_urls")
# The drivers this program ships with, by backend: any other needs a package it does not have.
_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}


class DatabaseError(Coded):
    """The database cannot be reached or opened as asked."""

    CODES = {
        "no_database_read_only": ("path",),
        "cannot_create_database": ("path", "reason"),
        "folder_is_a_file": ("folder", "file"),
        "cannot_create_folder": ("folder", "reason"),
        "no_such_database": ("path",),
        "cannot_read_database": ("path", "reason"),
        "not_a_desk_database": ("path",),
        "replaced_while_opening": ("path",),
    }


class DatabaseFileGone(DatabaseError):
    """The SQLite file was deleted, moved or replaced after the engine opened it: not written."""

    CODES = {"file_gone": ("path",)}


class UnsupportedDatabase(DatabaseError, ValueError):
    """The URL does not name a database this program can open (bad input, not a broken server)."""

    CODES = {
        "not_a_url": ("url", "supported"),
        "backend_unsupported": ("backend", "supported"),
        "driver_unsupported": ("driver", "supported"),
        "sqlite_needs_file": ("supported",),
        "bad_port": ("port",),
    }


def check_url(url: str | URL) -> URL:
    """`url` parsed, or UnsupportedDatabase saying what is wrong and which URLs work.

    The one check for a database URL, wherever it comes from (`--database`, config.toml).
    """
    try:
        parsed = make_url(url)
        port = parsed.port  # a port that is not a number only shows up here
    except (sa.exc.ArgumentError, ValueError):
        raise UnsupportedDatabase(
            "not_a_url", url=repr(_shown(url)), supported=SUPPORTED_URLS
        ) from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend not in _DRIVERS:
        raise UnsupportedDatabase(
            "backend_unsupported", backend=repr(backend), supported=SUPPORTED_URLS
        )
    if driver != _DRIVERS[backend]:
        raise UnsupportedDatabase(
            "driver_unsupported", driver=repr(parsed.drivername), supported=SUPPORTED_URLS
        )
    if backend == "sqlite" and (not parsed.database or parsed.database == ":memory:"):
        raise UnsupportedDatabase("sqlite_needs_file", supported=SUPPORTED_URLS)
    if port is not None and not 1 <= port <= 65535:
        raise UnsupportedDatabase("bad_port", port=port)
    return parsed


def without_password(url: URL) -> URL:
    """`url` with no password in it (`URL.set(password=None)` would keep the old one)."""
    return URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )


def _shown(url: str | URL) -> str:
    """The URL for a message, its password (if any) masked."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def describe_error(error: sa.exc.DBAPIError) -> str:
    """The driver's own message, first line only (what a person can read in a notice)."""
    text = str(error.orig if error.orig is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def make_engine(url: str | URL, *, read_only: bool = False) -> sa.Engine:
    """An engine for `url`; for SQLite the file (and folder) is created when missing."""
    parsed = check_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, read_only=read_only)
    return _postgresql_engine(parsed, read_only=read_only)


def writer(engine: sa.Engine) -> sa.Engine:
    """The same engine, for transactions that will write (SQLite: BEGIN IMMEDIATE)."""
    return engine.execution_options(**{_IMMEDIATE: True})


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database).expanduser()


def _sqlite_engine(url: URL, *, read_only: bool) -> sa.Engine:
    path = sqlite_path(url)
    assert path is not None  # check_url refuses an SQLite URL without a file
    if read_only:
        if not path.exists():
            raise DatabaseError("no_database_read_only", path=str(path))
    else:
        _create_private_file(path)
    file = DatabaseFile(path)

    def check() -> None:
        # The journals are noted too while the file is the same: a replacement beside them
        # must be told apart (three `stat`s, against a commit's fsync).
        if file.state() is not FileState.SAME:
            raise DatabaseFileGone("file_gone", path=str(path))

    def connect() -> sqlite3.Connection:
        # Never a connection to a file other than the one opened (nor a new empty one).
        check()
        connection: sqlite3.Connection | None = None
        try:
            if read_only:
                uri = f"{path.resolve().as_uri()}?mode=ro"
                connection = sqlite3.connect(
                    uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
                )
            else:
                connection = sqlite3.connect(
                    str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
                )
            _configure(connection, read_only=read_only)
            if read_only:
                # Opening reads nothing yet; the first read is where a WAL file that cannot be
                # opened shows, so it happens here, where the message can say why.
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            if connection is not None:
                connection.close()
            raise sqlite3.OperationalError(f"{path}: {_why(error, path, read_only)}") from error
        return connection

    # An explicit pool: SQLite's default pool is built for the in-memory database. The URL
    # only names the file (for watching it); `connect` opens it.
    engine = sa.create_engine(url.set(query={}), creator=connect, poolclass=sa.QueuePool)
    register(engine, file)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # Writers ask for IMMEDIATE (see `writer`): it takes the write lock up front, so two seats
        # writing at once wait for each other (busy timeout) instead of failing halfway with
        # "database is locked". Readers never block anyone.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        if immediate:
            check()  # a write into a file nobody opens any more would be lost
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not read_only else "BEGIN")

    return engine


def _switch_to_wal(connection: sqlite3.Connection) -> None:
    """Put the file in WAL mode (a no-op once it is). Seats opening a new file at once all try
    to switch it, and SQLite refuses all but one at once, without the busy timeout, so as not
    to deadlock; the others try again until the first has switched it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _why(error: sqlite3.Error, path: Path, read_only: bool) -> str:
    if read_only and getattr(error, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
        return (
            f"{error}: a reader needs the -wal and -shm files beside it, which only a seat that"
            f" may write in {path.parent} creates; open it while a receptionist's desk runs"
        )
    return str(error)


def _configure(connection: sqlite3.Connection, *, read_only: bool) -> None:
    # Leave transactions to SQLAlchemy's BEGIN (above) rather than the driver's guesswork.
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    if read_only:
        # `mode=ro` covers this file only: an ATTACH of the same file would open it writable
        # again. So no database may be attached (VACUUM INTO attaches its target, too), the
        # connection refuses writes to anything, and the authorizer refuses every statement
        # that is not reading, before it runs.
        connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        connection.execute("PRAGMA query_only = ON")
        connection.set_authorizer(_reading_only)
    else:
        _switch_to_wal(connection)
        connection.execute("PRAGMA synchronous = NORMAL")


# What reading needs, and nothing more: SELECT, reading columns, functions, recursive queries,
# transactions and savepoints (a read transaction), and the pragmas that only report.
_READING = frozenset(
    {
        sqlite3.SQLITE_SELECT,
        sqlite3.SQLITE_READ,
        sqlite3.SQLITE_FUNCTION,
        sqlite3.SQLITE_RECURSIVE,
        sqlite3.SQLITE_TRANSACTION,
        sqlite3.SQLITE_SAVEPOINT,
    }
)
# Pragmas whose argument only says what to report on (a table, an index, how many errors).
_REPORTING_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
        "foreign_key_check",
        "integrity_check",
        "quick_check",
    }
)
# Pragmas that report when asked without a value (with one, most of them change something).
_READ_PRAGMAS = _REPORTING_PRAGMAS | {
    "data_version",
    "schema_version",
    "user_version",
    "application_id",
    "query_only",
    "foreign_keys",
    "busy_timeout",
    "journal_mode",
    "read_uncommitted",
    "page_size",
    "page_count",
    "freelist_count",
    "encoding",
    "database_list",
    "collation_list",
    "compile_options",
}
_REFUSED_FUNCTIONS = frozenset({"load_extension"})


def _reading_only(
    action: int, first: str | None, second: str | None, _db: str | None, _trigger: str | None
) -> int:
    """The read-only connection's authorizer: what reading needs is allowed, all else denied."""
    if action == sqlite3.SQLITE_PRAGMA:
        name = (first or "").lower()
        if name in _REPORTING_PRAGMAS or (name in _READ_PRAGMAS and second is None):
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_FUNCTION:
        return (
            sqlite3.SQLITE_DENY
            if (second or "").lower() in _REFUSED_FUNCTIONS
            else sqlite3.SQLITE_OK
        )
    return sqlite3.SQLITE_OK if action in _READING else sqlite3.SQLITE_DENY


def _create_private_file(path: Path) -> None:
    """The database file, readable by its owner only, in a folder that is created private."""
    create_private_folder(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise DatabaseError(
            "cannot_create_database", path=str(path), reason=_reason(error)
        ) from None
    os.close(fd)


def create_private_folder(folder: Path) -> None:
    """`folder` and whatever above it is missing, each 0700 whatever the umask.

    A folder that already exists keeps its mode: a shared folder's group permissions are the
    administrator's choice.
    """
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            break
        missing.append(candidate)
    for created in reversed(missing):
        try:
            created.mkdir(mode=0o700)
        except FileExistsError:
            if not created.is_dir():
                raise DatabaseError(
                    "folder_is_a_file", folder=str(folder), file=str(created)
                ) from None
            continue  # made by someone else meanwhile
        except OSError as error:
            raise DatabaseError(
                "cannot_create_folder", folder=str(folder), reason=_reason(error)
            ) from None
        created.chmod(0o700)  # mkdir's mode is reduced by the umask


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _postgresql_engine(url: URL, *, read_only: bool) -> sa.Engine:
    connect_args: dict[str, Any] = {"connect_timeout": 5}
    if read_only:
        options = url.query.get("options", "")
        if isinstance(options, tuple):
            options = " ".join(options)
        url = url.update_query_dict(
            {"options": f"{options} -c default_transaction_read_only=on".strip()}
        )
    return sa.create_engine(url, pool_pre_ping=True, connect_args=connect_args)
