"""Engines: a private SQLite file in WAL mode, read-only seats, writers that queue up, and
the one check of a database URL."""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception_tui.store.engine import (
    BUSY_TIMEOUT_MS,
    DatabaseError,
    UnsupportedDatabase,
    check_url,
    make_engine,
    writer,
)
from reception_tui.store.engine import sqlite_path as path_of


def unit_names(engine: sa.Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(sa.text("SELECT name FROM unit ORDER BY name")).scalars())


def test_sqlite_file_is_readable_by_its_owner_only(sqlite_engine: sa.Engine, sqlite_url: str):
    path = path_of(sqlite_url)
    assert path is not None
    wal = path.with_name(f"{path.name}-wal")  # kept while the engine holds a connection
    assert wal.exists()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_sqlite_folder_is_created_with_the_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new/folder/reception.sqlite3"
    engine = make_engine(url)
    try:
        assert (tmp_path / "new" / "folder" / "reception.sqlite3").is_file()
    finally:
        engine.dispose()


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077], ids=["000", "022", "077"])
def test_sqlite_folders_created_are_private_whatever_the_umask(tmp_path: Path, umask: int):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o750)
    shared.chmod(0o750)
    previous = os.umask(umask)
    try:
        engine = make_engine(f"sqlite:///{shared}/reception-tui/data/reception.sqlite3")
        engine.dispose()
    finally:
        os.umask(previous)

    for created in (shared / "reception-tui", shared / "reception-tui" / "data"):
        assert stat.S_IMODE(created.stat().st_mode) == 0o700, created
    assert stat.S_IMODE((shared / "reception-tui/data/reception.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o750  # it was there: the admin's choice


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_engine: sa.Engine):
    with sqlite_engine.connect() as connection:

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS


@pytest.fixture
def seeded(engine: sa.Engine) -> sa.Engine:
    """One unit and one employee in it."""
    with writer(engine).begin() as connection:
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Kansli')"))
        connection.execute(
            sa.text(
                "INSERT INTO employee (first_name, last_name, title, extension, mobile, email,"
                " keywords, visiting_address, active)"
                " VALUES ('Lars', 'Lind', 'Nämndsekreterare', '2104', '', '', '', '', true)"
            )
        )
    return engine


def test_read_only_engine_reads(seeded: sa.Engine, open_engine: Callable[..., sa.Engine]):
    read_only = open_engine(read_only=True)

    assert unit_names(read_only) == ["Kansli"]


def test_read_only_engine_refuses_insert(seeded: sa.Engine, open_engine: Callable[..., sa.Engine]):
    read_only = open_engine(read_only=True)

    with pytest.raises(sa.exc.DBAPIError), writer(read_only).begin() as connection:
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Bygglov')"))

    assert unit_names(seeded) == ["Kansli"]


def test_read_only_engine_refuses_update(seeded: sa.Engine, open_engine: Callable[..., sa.Engine]):
    read_only = open_engine(read_only=True)

    with pytest.raises(sa.exc.DBAPIError), read_only.begin() as connection:
        connection.execute(sa.text("UPDATE employee SET title = 'Kanslichef'"))

    with seeded.connect() as connection:
        titles = connection.execute(sa.text("SELECT title FROM employee")).scalars().all()
    assert titles == ["Nämndsekreterare"]


def test_read_only_sqlite_does_not_create_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"

    with pytest.raises(DatabaseError, match="no such database"):
        make_engine(f"sqlite:///{path}", read_only=True)

    assert not path.exists()


@pytest.mark.parametrize(
    "url",
    [
        "mysql://user@localhost/reception",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite+aiosqlite:///reception.sqlite3",
        "postgresql+psycopg2://user@localhost/reception",
        "postgresql+psycopg://user@localhost:99999/reception",
        "postgresql+psycopg://user@localhost:abc/reception",
    ],
    ids=["mysql", "sqlite-no-path", "sqlite-memory", "aiosqlite", "psycopg2", "port", "port-abc"],
)
def test_unsupported_url_raises_database_error(url: str) -> None:
    with pytest.raises(UnsupportedDatabase):
        make_engine(url)


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///reception.sqlite3",
        "sqlite+pysqlite:///reception.sqlite3",
        "postgresql+psycopg://desk@db.example.org/reception",
        "postgresql+psycopg://desk:secret@127.0.0.1:5432/reception?options=-csearch_path%3Dx",
        "postgresql+psycopg:///reception?host=/run/postgresql",
    ],
)
def test_supported_urls_pass_the_check(url: str) -> None:
    assert check_url(url).get_backend_name() in ("sqlite", "postgresql")


def test_two_sqlite_writers_at_once_both_commit(sqlite_engine: sa.Engine) -> None:
    # Each writer reads before it writes: without BEGIN IMMEDIATE the second one to write
    # would fail at once with "database is locked" instead of waiting for the first.
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def add_unit(name: str) -> None:
        try:
            start.wait()
            with writer(sqlite_engine).begin() as connection:
                connection.execute(sa.text("SELECT count(*) FROM unit")).scalar()
                time.sleep(0.05)
                connection.execute(
                    sa.text("INSERT INTO unit (name) VALUES (:name)"), {"name": name}
                )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=add_unit, args=(name,)) for name in ("Bygglov", "Kansli")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert unit_names(sqlite_engine) == ["Bygglov", "Kansli"]


def test_sqlite_transaction_survives_other_threads_connecting(sqlite_engine: sa.Engine) -> None:
    # The desk does its database work in worker threads, each with its own connection; one
    # thread's open transaction must not be closed under it by the others.
    def read() -> None:
        with sqlite_engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    with writer(sqlite_engine).begin() as connection:
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Bygglov')"))
        for _ in range(50):
            worker = threading.Thread(target=read)
            worker.start()
            worker.join()
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Kansli')"))

    assert unit_names(sqlite_engine) == ["Bygglov", "Kansli"]


def test_two_sqlite_connections_in_one_thread_are_independent(sqlite_engine: sa.Engine):
    # A reader left open (one long-lived reader connection) while a write commits.
    with sqlite_engine.connect() as reader:
        reader.execute(sa.text("SELECT count(*) FROM unit")).scalar()
        with writer(sqlite_engine).begin() as connection:
            connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Bygglov')"))

    assert unit_names(sqlite_engine) == ["Bygglov"]
