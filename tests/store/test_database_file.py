"""An SQLite file deleted, moved or replaced under an open engine: noticed, and never written."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.store.database_file import FileState, opened_file
from reception_tui.store.engine import DatabaseFileGone, make_engine, sqlite_path
from reception_tui.store.feed import ChangeFeed, FeedBatch, Follower
from reception_tui.store.importer import parse_staff_csv
from reception_tui.store.migrate import upgrade
from reception_tui.store.repository import Repository

STAFF = "employee_id;first_name;last_name;unit;title;extension\n1;Anna;Berg;Bygglov;Jurist;2101"


@pytest.fixture
def seat(sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar) -> Repository:
    """A seat on an SQLite file with Anna Berg in it (employee 1)."""
    repository = Repository(sqlite_engine, actor="Karin Ek", clock=clock, calendar=calendar)
    repository.import_staff(parse_staff_csv(STAFF).rows)
    return repository


def database_path(repository: Repository) -> Path:
    path = sqlite_path(repository.engine.url)
    assert path is not None
    return path


def contents(*paths: Path) -> dict[Path, str]:
    """Each file's bytes, by hash: what a write would change."""
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def set_sick(repository: Repository, statuses) -> None:
    repository.set_presence(1, status=statuses.sick, return_at=None, expected_version=0)


def other_database(path: Path) -> Path:
    """A migrated database at `path`, closed (so no journal files of its own are left)."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    assert not path.with_name(path.name + "-wal").exists()
    return path


def test_a_save_into_a_deleted_file_is_refused_and_writes_nothing(
    seat: Repository, statuses, tmp_path: Path
) -> None:
    path = database_path(seat)
    wal = path.with_name(path.name + "-wal")
    # The deleted file stays reachable through a second name, to see that nothing reaches it.
    old = tmp_path / "old-inode.sqlite3"
    os.link(path, old)
    before = contents(old, wal)
    path.unlink()

    assert opened_file(seat.engine).state() is FileState.GONE  # type: ignore[union-attr]
    with pytest.raises(DatabaseFileGone):
        set_sick(seat, statuses)
    seat.engine.dispose()
    with pytest.raises(DatabaseFileGone):  # nor does a new connection make an empty file there
        set_sick(seat, statuses)

    assert contents(old, wal) == before
    assert not path.exists()


def test_a_save_into_a_replaced_file_is_refused_and_neither_file_is_written(
    seat: Repository, statuses, tmp_path: Path
) -> None:
    path = database_path(seat)
    wal = path.with_name(path.name + "-wal")
    old = tmp_path / "old-inode.sqlite3"
    os.link(path, old)
    new = other_database(tmp_path / "restored.sqlite3")
    old_before, new_before = contents(old, wal), contents(new)
    os.replace(new, path)  # only the main file: its -wal and -shm are still the old file's

    assert opened_file(seat.engine).state() is FileState.BESIDE_OLD_JOURNAL  # type: ignore[union-attr]
    with pytest.raises(DatabaseFileGone):
        set_sick(seat, statuses)

    assert contents(old, wal) == old_before
    assert contents(path) == {path: new_before[new]}


def test_a_replacement_that_brought_its_own_journal_files_can_be_opened(
    seat: Repository, tmp_path: Path
) -> None:
    path = database_path(seat)
    for suffix in ("-wal", "-shm"):  # as a restore does, with the old file's journal removed
        path.with_name(path.name + suffix).unlink()
    os.replace(other_database(tmp_path / "restored.sqlite3"), path)
    assert opened_file(seat.engine).state() is FileState.REPLACED  # type: ignore[union-attr]


def follow(follower: Follower) -> threading.Thread:
    thread = threading.Thread(target=follower.run, daemon=True)
    thread.start()
    return thread


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


def test_the_fallback_poll_reports_the_file_gone_and_back_and_reads_nothing_meanwhile(
    seat: Repository, statuses, tmp_path: Path
) -> None:
    path = database_path(seat)
    states: list[FileState] = []
    batches: list[FeedBatch] = []
    # No file events (no `sqlite_file` to watch): only the poll can notice.
    follower = Follower(
        seat.engine,
        ChangeFeed(seat.engine, seat.last_change_id()),
        poll_seconds=0.2,
        on_batch=batches.append,
        on_file_state=states.append,
    )
    thread = follow(follower)
    try:
        aside = tmp_path / "moved-aside.sqlite3"
        path.rename(aside)
        wait_for(lambda: states == [FileState.GONE], "the file reported gone")
        aside.rename(path)  # the same file back
        wait_for(lambda: states[-1] is FileState.SAME, "the file reported back")
        set_sick(seat, statuses)  # saving works again, and the feed follows it
        wait_for(lambda: bool(batches), "the save read from the file")
    finally:
        follower.stop()
        thread.join()
    assert states == [FileState.GONE, FileState.SAME]
    assert [batch.employee_ids for batch in batches] == [frozenset({1})]
