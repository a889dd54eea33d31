"""Engines for SQLite (the embedded default) and PostgreSQL (several seats on one server).

SQLite runs in WAL mode with a busy timeout and foreign keys on, and its file is created
readable by its owner only (it holds callers' personal data). Read-only is enforced by the
connection itself: SQLite opens the file with `mode=ro`, PostgreSQL starts every transaction
read-only. An SQLite engine stays with the file it opened: once that file is deleted, moved or
replaced it opens no new connection and begins no write (`DatabaseFileGone`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from reception_tui.store.database_file import DatabaseFile, FileState, register

BUSY_TIMEOUT_MS = 5000
_IMMEDIATE = "reception_tui_immediate"


class DatabaseError(Exception):
    """The database cannot be reached or opened as asked."""


class DatabaseFileGone(DatabaseError):
    """The SQLite file was deleted, moved or replaced after the engine opened it: not written."""


def describe_error(error: sa.exc.DBAPIError) -> str:
    """The driver's own message, first line only (what a person can read in a notice)."""
    text = str(error.orig if error.orig is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def make_engine(url: str | URL, *, read_only: bool = False) -> sa.Engine:
    """An engine for `url`; for SQLite the file (and folder) is created when missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, read_only=read_only)
    if parsed.get_backend_name() == "postgresql":
        return _postgresql_engine(parsed, read_only=read_only)
    raise DatabaseError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
    )


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
    if path is None:
        raise DatabaseError(
            "an SQLite database needs a file path, e.g. sqlite:///reception.sqlite3"
        )
    if read_only:
        if not path.exists():
            raise DatabaseError(f"{path}: no such database (read-only mode does not create one)")
    else:
        _create_private_file(path)
    file = DatabaseFile(path)

    def check(state: FileState) -> None:
        if state is not FileState.SAME:
            raise DatabaseFileGone(
                f"{path}: the database file was deleted, moved or replaced after it was opened;"
                " nothing is written to it"
            )

    def connect() -> sqlite3.Connection:
        # Never a connection to a file other than the one opened (nor a new empty one).
        check(file.state())
        if read_only:
            # A real read-only connection: the driver refuses every write.
            uri = f"{path.resolve().as_uri()}?mode=ro"
            return sqlite3.connect(
                uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
        return sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

    # An explicit pool: SQLite's default pool is built for the in-memory database. The URL
    # only names the file (for watching it); `connect` opens it.
    engine = sa.create_engine(url.set(query={}), creator=connect, poolclass=sa.QueuePool)
    register(engine, file)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Leave transactions to SQLAlchemy's BEGIN (below) rather than the driver's guesswork.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # Writers ask for IMMEDIATE (see `writer`): it takes the write lock up front, so two seats
        # writing at once wait for each other (busy timeout) instead of failing halfway with
        # "database is locked". Readers never block anyone.
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        if immediate:
            check(file.state())  # a write into a file nobody opens any more would be lost
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate and not read_only else "BEGIN")

    return engine


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Put the file in WAL mode (a no-op once it is). Seats opening a new file at once all try
    to switch it, and SQLite refuses all but one at once, without the busy timeout, so as not
    to deadlock; the others try again until the first has switched it."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


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
