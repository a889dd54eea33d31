"""The change feed: what a seat learns from the change log, and when it wakes to read it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.records import Outcome
from reception_tui.store.engine import sqlite_path, writer
from reception_tui.store.feed import (
    BULK,
    ChangeFeed,
    FeedBatch,
    Follower,
    WatchedFile,
    unseen_changes,
)
from reception_tui.store.importer import parse_staff_csv
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Change

C = Change.__table__  # type: ignore[attr-defined]


def staff_csv(count: int) -> str:
    lines = ["employee_id;first_name;last_name;unit;title;extension"]
    lines += [f"{n};Person;Nummer{n};Enhet {n % 7};Handläggare;{3000 + n}" for n in range(count)]
    return "\n".join(lines)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


def test_a_read_names_the_employees_and_inquiries_that_changed(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    anna, lars = staff["Anna Berg"], staff["Lars Lind"]
    repository.set_presence(anna, status=statuses.sick, return_at=None, expected_version=0)
    inquiry = repository.add_inquiry(
        caller_name="Eva", caller_number="0280-18100", employee_id=lars
    )
    other = repository.add_inquiry(caller_name="Olle", caller_number="0280-18101", employee_id=lars)
    batch = feed.read()
    assert batch is not None
    assert batch.employee_ids == {anna}
    assert batch.inquiry_ids == {inquiry.id, other.id}
    assert not batch.everything
    assert batch.actors == {"Karin Ek"}
    assert feed.read() is None  # nothing new: nothing to do

    # An attempt is logged under its own id; the feed names the inquiry it belongs to.
    repository.log_attempt(other.id, Outcome.NO_ANSWER)
    batch = feed.read()
    assert batch is not None and batch.inquiry_ids == {other.id}


def test_a_reopened_inquiry_is_named_like_a_resolved_one(
    repository: Repository, staff: dict[str, int]
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Eva", caller_number="0280-18100", employee_id=staff["Lars Lind"]
    )
    resolved = repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version)
    feed = ChangeFeed(repository.engine, repository.last_change_id())

    repository.reopen_inquiry(inquiry.id, expected_version=resolved.version)

    batch = feed.read()
    assert batch is not None
    assert (batch.inquiry_ids, batch.employee_ids, batch.everything) == ({inquiry.id}, set(), False)


def test_a_staff_import_is_one_batch_that_asks_for_one_full_reload(
    repository: Repository,
) -> None:
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    repository.import_staff(parse_staff_csv(staff_csv(BULK + 100)).rows)
    batch = feed.read()
    assert batch is not None
    assert batch.everything
    assert batch.changes > BULK
    assert batch.employee_ids == frozenset()
    assert feed.read() is None


@pytest.mark.postgresql
def anna_open_below_lars(
    repository: Repository, staff: dict[str, int], statuses
) -> tuple[sa.Connection, sa.RootTransaction]:
    """A change to Anna takes the next id but stays uncommitted; one to Lars, after it, commits.

    Returns the open connection and transaction; commit them to let Anna's change appear.
    """
    slow = repository.engine.connect()
    transaction = slow.begin()
    slow.execute(
        sa.insert(C).values(
            at=repository.clock.now(), actor="Per Holm", entity="presence",
            entity_id=staff["Anna Berg"], action="set",
        )
    )  # fmt: skip
    repository.set_presence(
        staff["Lars Lind"], status=statuses.sick, return_at=None, expected_version=0
    )
    return slow, transaction


def waiting_for(feed: ChangeFeed) -> int:
    """How many ids below the feed's last one it still expects (PostgreSQL commit order)."""
    _, gaps = feed.position()
    return sum(gap.high - gap.low + 1 for gap in gaps)


def test_postgresql_changes_committed_out_of_id_order_are_not_missed(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    if repository.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL commits ids out of order")
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    slow, transaction = anna_open_below_lars(repository, staff, statuses)
    first = feed.read()
    assert first is not None and first.employee_ids == {staff["Lars Lind"]}
    assert waiting_for(feed) == 1
    transaction.commit()
    slow.close()
    second = feed.read()
    assert second is not None and second.employee_ids == {staff["Anna Berg"]}
    assert waiting_for(feed) == 0


def test_an_id_left_by_a_rolled_back_transaction_is_given_up_after_a_while(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    now = [0.0]
    feed = ChangeFeed(repository.engine, repository.last_change_id(), monotonic=lambda: now[0])
    with writer(repository.engine).connect() as connection:
        transaction = connection.begin()
        connection.execute(
            sa.insert(C).values(
                at=repository.clock.now(), actor="x", entity="presence", entity_id=1, action="set"
            )
        )
        transaction.rollback()
    repository.set_presence(
        staff["Lars Lind"], status=statuses.sick, return_at=None, expected_version=0
    )
    assert feed.read() is not None
    # SQLite reuses the rolled-back id, so only PostgreSQL leaves a gap to wait for.
    now[0] = 10_000.0
    assert feed.read() is None
    assert waiting_for(feed) == 0


def test_a_batch_that_could_not_be_used_is_read_again(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    batches: list[FeedBatch] = []

    def on_batch(batch: FeedBatch) -> None:
        if not batches:
            batches.append(batch)
            raise sa.exc.OperationalError("SELECT", {}, Exception("server closed the connection"))
        batches.append(batch)

    states: list[tuple[bool, str]] = []
    follower = Follower(
        repository.engine,
        feed,
        poll_seconds=0.05,
        on_batch=on_batch,
        on_online=lambda online, error: states.append((online, error)),
    )
    repository.set_presence(
        staff["Anna Berg"], status=statuses.sick, return_at=None, expected_version=0
    )
    thread = follow(follower)
    try:
        wait_for(lambda: len(batches) >= 2, "the batch read a second time")
    finally:
        follower.stop()
        thread.join()
    assert batches[0] == batches[1]
    assert states[0] == (False, "server closed the connection")
    assert states[1][0] is True


def follow(follower: Follower) -> threading.Thread:
    thread = threading.Thread(target=follower.run, daemon=True)
    thread.start()
    return thread


@pytest.mark.sqlite
def test_sqlite_wakes_on_a_commit_in_the_wal_file_not_on_the_poll(
    sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> None:
    repository = Repository(sqlite_engine, actor="Per Holm", clock=clock, calendar=calendar)
    path = sqlite_path(sqlite_engine.url)
    assert path is not None
    feed = ChangeFeed(sqlite_engine, repository.last_change_id())
    batches: list[FeedBatch] = []
    # A poll once a minute: a batch within seconds can only come from the file event.
    follower = Follower(
        sqlite_engine, feed, sqlite_file=path, poll_seconds=60, on_batch=batches.append
    )
    thread = follow(follower)
    try:
        time.sleep(0.2)  # let the watcher start
        repository.import_staff(parse_staff_csv(staff_csv(3)).rows)
        wait_for(lambda: bool(batches), "a batch after the commit")
    finally:
        follower.stop()
        thread.join()
    assert {batch.actors for batch in batches} == {frozenset({"Per Holm"})}


def test_the_fallback_poll_finds_changes_without_any_file_events(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    batches: list[FeedBatch] = []
    # As on a share or a server that sends no events: only the poll can find the change.
    follower = Follower(
        repository.engine, feed, poll_seconds=0.2, notifications=False, on_batch=batches.append
    )
    thread = follow(follower)
    try:
        repository.set_presence(
            staff["Anna Berg"], status=statuses.sick, return_at=None, expected_version=0
        )
        wait_for(lambda: bool(batches), "a batch from the poll")
    finally:
        follower.stop()
        thread.join()
    assert batches[0].employee_ids == {staff["Anna Berg"]}


def test_an_edited_watched_file_is_reported_under_its_kind(tmp_path: Path) -> None:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as connection:
        C.create(connection)
    config = tmp_path / "config.toml"
    config.write_text("[desk]\n")
    reported: list[tuple[str, Path]] = []
    follower = Follower(
        engine,
        ChangeFeed(engine, 0),
        files=[WatchedFile(config, "config")],
        poll_seconds=60,
        on_batch=lambda batch: None,
        on_file=lambda kind, path: reported.append((kind, path)),
    )
    thread = follow(follower)
    try:
        time.sleep(0.2)
        # Saved the way editors do: a new file renamed over the old one.
        (tmp_path / "config.toml.tmp").write_text('[desk]\nreceptionist = "Per"\n')
        (tmp_path / "config.toml.tmp").replace(config)
        (tmp_path / "unrelated.txt").write_text("not watched")
        wait_for(lambda: bool(reported), "the edit reported")
    finally:
        follower.stop()
        thread.join()
    assert set(reported) == {("config", config)}


@pytest.mark.postgresql
def test_postgresql_a_change_still_uncommitted_when_a_seat_starts_is_not_missed(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    if repository.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL commits ids out of order")
    slow, transaction = anna_open_below_lars(repository, staff, statuses)
    # The seat loads now: the log's end is Lars's change, Anna's is still open below it.
    feed = ChangeFeed(repository.engine, repository.last_change_id())
    assert feed.read() is None
    assert waiting_for(feed) == 1
    transaction.commit()
    slow.close()
    batch = feed.read()
    assert batch is not None and batch.employee_ids == {staff["Anna Berg"]}


@pytest.mark.postgresql
def test_postgresql_a_change_uncommitted_when_a_desk_read_commits_before_its_feed_starts(
    repository: Repository, staff: dict[str, int], statuses
) -> None:
    if repository.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL commits ids out of order")
    slow, transaction = anna_open_below_lars(repository, staff, statuses)
    # The desk reads (or a snapshot was kept) with Anna's change still open below the end...
    last = repository.last_change_id()
    unseen = unseen_changes(repository.engine, last)
    assert len(unseen) == 1
    # ...which commits before the feed first looks: the ids the read did not see are read.
    transaction.commit()
    slow.close()
    feed = ChangeFeed(repository.engine, last, unseen=unseen)
    batch = feed.read()
    assert batch is not None and batch.employee_ids == {staff["Anna Berg"]}
    assert waiting_for(feed) == 0
