"""The change feed: every seat follows the `Change` log by id and reloads only what changed.

`ChangeFeed.read` turns the rows past the last id seen into a `FeedBatch`: which employees
and inquiries to reload, or "everything" when a burst (a staff import) touched so many that
one full reload is cheaper. A burst therefore costs one redraw, not one per row.

`Follower` decides when to read. It wakes on:

- file events (watchfiles) in the SQLite database's folder: in WAL mode a commit touches the
  `-wal` file, never the database file itself, so the folder is watched, not the file;
- PostgreSQL notifications: migration 0002 makes every insert into the change log NOTIFY
  `reception_tui_change` when its transaction commits;
- a fallback poll every `poll_seconds`, for file systems without file events (network shares)
  and connections that drop silently. A read that finds nothing costs one indexed query.

At every wake-up it also checks that an SQLite database's path still names the file the engine
opened (`database_file`): a deleted, moved or replaced file is reported at once, and nothing
more is read from it.

The same wake-up also serves other watched files (config.toml, the staff import file): their
changes are passed on by name. Nothing here knows about Textual; the desk posts what the
callbacks hand it.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reception_tui.store.database_file import FileState, opened_file
from reception_tui.store.engine import DatabaseFileGone, describe_error
from reception_tui.store.tables import Change

log = logging.getLogger(__name__)

C = Change.__table__  # type: ignore[attr-defined]
NOTIFY_CHANNEL = "reception_tui_change"
DATABASE = "database"
_STOP = "stop"
_RECHECK = "recheck"

# More employees than this in one batch: one full reload beats reloading them one by one.
BULK = 500
# PostgreSQL hands out ids when rows are inserted but shows them when transactions commit, so
# a later id can appear before an earlier one. Missing ids are read again until they turn up,
# or until no transaction could plausibly still be holding them (then they were rolled back).
GAP_SECONDS = 300.0


@dataclass(frozen=True)
class FeedBatch:
    """What changed since the last read, coalesced."""

    changes: int
    employee_ids: frozenset[int] = frozenset()
    inquiry_ids: frozenset[int] = frozenset()
    everything: bool = False
    actors: frozenset[str] = frozenset()


@dataclass
class _Gap:
    low: int
    high: int
    since: float


class ChangeFeed:
    """Reads the change log past the last id seen."""

    def __init__(
        self,
        engine: sa.Engine,
        after_id: int,
        *,
        unseen: Iterable[int] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """Follow the changes after `after_id`, and those `unseen` below it when it was read
        (`unseen_changes`); None: those not visible yet when the feed first reads."""
        self.engine = engine
        self.last_id = after_id
        self._monotonic = monotonic
        self._gaps: list[_Gap] = []
        self._started = unseen is not None
        if unseen is not None:
            self._add_gaps(unseen)

    def read(self) -> FeedBatch | None:
        """The changes committed since the last read, or None when there are none."""
        if not self._started:
            self._seed_gaps()
            self._started = True
        newer = C.c.id > self.last_id
        where = sa.or_(newer, *(C.c.id.between(g.low, g.high) for g in self._gaps))
        # An attempt names its inquiry only in the row it logged; nothing else needs the JSON.
        attempt_of = sa.case((C.c.entity == "callback_attempt", C.c.after), else_=sa.null())
        query = (
            sa.select(C.c.id, C.c.entity, C.c.entity_id, C.c.action, C.c.actor, attempt_of)
            .where(where)
            .order_by(C.c.id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        self._track_gaps([row[0] for row in rows])
        if not rows:
            return None
        employees: set[int] = set()
        inquiries: set[int] = set()
        everything = False
        for _id, entity, entity_id, action, _actor, attempt in rows:
            if action == "purge":
                continue  # a purge removes closed items and old history only: none are shown
            if entity in ("presence", "employee"):
                employees.add(entity_id)
            elif entity == "inquiry":
                inquiries.add(entity_id)
            elif entity == "callback_attempt":
                if isinstance(attempt, dict) and isinstance(attempt.get("inquiry_id"), int):
                    inquiries.add(attempt["inquiry_id"])
            elif entity == "unit" and action == "add":
                pass  # a new unit shows through the employees placed in it, logged on their own
            else:
                everything = True  # a renamed unit, or something this version does not know
        everything = everything or len(employees) > BULK
        return FeedBatch(
            changes=len(rows),
            employee_ids=frozenset() if everything else frozenset(employees),
            inquiry_ids=frozenset(inquiries),
            everything=everything,
            actors=frozenset(row[4] for row in rows),
        )

    def _seed_gaps(self) -> None:
        self._add_gaps(unseen_changes(self.engine, self.last_id))

    def _add_gaps(self, unseen: Iterable[int]) -> None:
        now = self._monotonic()
        for id_ in sorted(unseen):
            if self._gaps and self._gaps[-1].high == id_ - 1:
                self._gaps[-1].high = id_  # runs of missing ids as one range
            else:
                self._gaps.append(_Gap(id_, id_, now))

    def _track_gaps(self, ids: list[int]) -> None:
        now = self._monotonic()
        found = set(ids)
        kept: list[_Gap] = []
        for gap in self._gaps:
            if now - gap.since > GAP_SECONDS:
                continue
            low = gap.low
            for id_ in sorted(i for i in found if gap.low <= i <= gap.high):
                if id_ > low:
                    kept.append(_Gap(low, id_ - 1, gap.since))
                low = id_ + 1
            if low <= gap.high:
                kept.append(_Gap(low, gap.high, gap.since))
        expected = self.last_id + 1
        for id_ in ids:
            if id_ < expected:
                continue
            if id_ > expected:
                kept.append(_Gap(expected, id_ - 1, now))
            expected = id_ + 1
        self.last_id = expected - 1
        self._gaps = kept

    def position(self) -> tuple[int, list[_Gap]]:
        """Where the feed is, to go back to when what was read could not be used."""
        return self.last_id, [_Gap(g.low, g.high, g.since) for g in self._gaps]

    def restore(self, position: tuple[int, list[_Gap]]) -> None:
        self.last_id, self._gaps = position[0], list(position[1])


def unseen_changes(engine: sa.Engine, last_id: int) -> list[int]:
    """The ids just below `last_id` that are not visible yet, and may still commit.

    Only on PostgreSQL: SQLite commits one writer at a time, so its ids show in order.
    """
    if engine.dialect.name != "postgresql" or last_id <= 0:
        return []
    low = max(1, last_id - 1000)
    query = sa.select(C.c.id).where(C.c.id.between(low, last_id))
    with engine.connect() as connection:
        seen = set(connection.execute(query).scalars())
    return [id_ for id_ in range(low, last_id + 1) if id_ not in seen]


# ---------------------------------------------------------------------------- waking up


def file_stamp(path: Path) -> tuple[int, int] | None:
    """When `path` was last written, and its size; None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass
class WatchedFile:
    """A file whose changes are passed on under `kind` (e.g. "config", "staff")."""

    path: Path
    kind: str
    _seen: tuple[int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.path = self.path.expanduser().absolute()
        self._seen = file_stamp(self.path)

    def forget(self) -> None:
        self._seen = None

    def changed(self) -> bool:
        """Whether the file differs from when last asked (by time and size)."""
        now = file_stamp(self.path)
        if now == self._seen:
            return False
        self._seen = now
        return True


class Follower:
    """Wakes on file events, PostgreSQL notifications or the fallback poll, and reports.

    `run` blocks until `stop` is called; call it in a thread. The callbacks run in that thread:
    - `on_batch(batch)` for new changes (already read; load what it names);
    - `on_file(kind, path)` for a watched file that changed;
    - `on_online(online, error)` when the database stops or starts answering;
    - `on_file_state(state)` when an SQLite database's path names another file than before
      (none, another, or the one opened again).
    """

    def __init__(
        self,
        engine: sa.Engine,
        feed: ChangeFeed,
        *,
        files: Iterable[WatchedFile] = (),
        sqlite_file: Path | None = None,
        poll_seconds: float = 2.0,
        database: bool = True,
        notifications: bool = True,
        on_batch: Callable[[FeedBatch], None],
        on_file: Callable[[str, Path], None] = lambda kind, path: None,
        on_online: Callable[[bool, str], None] = lambda online, error: None,
        on_error: Callable[[str], None] = lambda error: None,
        on_file_state: Callable[[FileState], None] = lambda state: None,
        step_ms: int = 20,
        online: bool = True,
        after: threading.Thread | None = None,
    ) -> None:
        self.engine = engine
        self.feed = feed
        self.files = list(files)
        self.poll_seconds = poll_seconds
        self.step_ms = step_ms
        self.on_batch = on_batch
        self.on_file = on_file
        self.on_online = on_online
        self.on_error = on_error
        self.on_file_state = on_file_state
        self.database_file = opened_file(engine)
        self._file_seen: tuple[object, FileState] = (
            self.database_file.opened if self.database_file else None,
            FileState.SAME,
        )
        self._wakeups: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._online = online
        self._after = after  # a previous follower on the same feed, still finishing
        # What watchfiles reports, by absolute path: the database's own files, and each
        # watched file under its kind.
        self._paths: dict[Path, str] = {}
        self.database = database
        if sqlite_file is not None and database:
            base = sqlite_file.expanduser().absolute()
            # Not "-shm": readers touch it too, and every seat would wake every other.
            for suffix in ("", "-wal", "-journal"):
                self._paths[base.with_name(base.name + suffix)] = DATABASE
        for watched in self.files:
            self._paths[watched.path] = watched.kind
        self._listen = database and notifications and engine.dialect.name == "postgresql"

    def retry_later(self, kind: str) -> None:
        """Report the files of `kind` again at the next poll (their handling failed)."""
        for watched in self.files:
            if watched.kind == kind:
                watched.forget()

    def stop(self) -> None:
        """End `run` (thread-safe); it returns within a moment."""
        self._stop.set()
        self._wakeups.put(_STOP)

    def run(self) -> None:
        if self._after is not None:
            self._after.join()
        stop = self._stop
        threads = []
        if self._paths:
            threads.append(threading.Thread(target=self._watch_files, args=(stop,), daemon=True))
        if self._listen:
            threads.append(threading.Thread(target=self._listen_loop, args=(stop,), daemon=True))
        for thread in threads:
            thread.start()
        self._wakeups.put(DATABASE)  # whatever was committed since the caller's last read
        try:
            self._follow(stop)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=2)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _follow(self, stop: threading.Event) -> None:
        while not stop.is_set():
            timeout = self.poll_seconds if self._online else min(self.poll_seconds, 1.0)
            kinds = self._wait(timeout)
            if stop.is_set():
                return
            if kinds is None or _RECHECK in kinds:
                # The fallback poll (the database, and files on systems without file events),
                # or the watcher has just started: whatever changed before it did is found.
                kinds = (kinds or set()) | {DATABASE}
                kinds.update(watched.kind for watched in self.files if watched.changed())
            else:
                # File events can arrive for a file saved with unchanged content; keep the
                # stat current so the poll does not report it again.
                for watched in self.files:
                    if watched.kind in kinds:
                        watched.changed()
            for watched in self.files:
                if watched.kind in kinds:
                    self._report_file(watched)
            if not self._same_file():
                continue  # nobody writes the file this engine opened any more: nothing to read
            if DATABASE in kinds and self.database:
                self._read()

    def _wait(self, timeout: float) -> set[str] | None:
        """The kinds woken within `timeout` (all queued, coalesced), or None on timeout."""
        try:
            kinds = {self._wakeups.get(timeout=timeout)}
        except queue.Empty:
            return None
        while True:
            try:
                kinds.add(self._wakeups.get_nowait())
            except queue.Empty:
                return kinds

    def _report_file(self, watched: WatchedFile) -> None:
        try:
            self.on_file(watched.kind, watched.path)
        except Exception:  # a handler's bug must not stop the feed
            log.exception("handling a change to %s failed", watched.path)

    def _same_file(self) -> bool:
        """Whether the SQLite file is still the one opened; what the path names is reported
        each time it changes (the file gone, another in its place, the same one back, or the
        old journal beside a replacement removed)."""
        file = self.database_file
        if file is None:
            return True
        state = file.state()
        if (file.seen, state) != self._file_seen:
            self._file_seen = (file.seen, state)
            try:
                self.on_file_state(state)
            except Exception:  # a handler's bug must not stop the feed
                log.exception("handling a change to %s failed", file.path)
        return state is FileState.SAME

    def _read(self) -> None:
        position = self.feed.position()
        try:
            batch = self.feed.read()
            if batch is not None:
                self.on_batch(batch)
        except DatabaseFileGone:
            self.feed.restore(position)  # gone just now: the next wake-up reports it
            return
        except sa.exc.DBAPIError as error:
            # Read again once the database answers: nothing in this batch is lost.
            self.feed.restore(position)
            self._set_online(False, describe_error(error))
            return
        except Exception as error:
            self.feed.restore(position)
            log.exception("following the change log failed")
            self.on_error(f"{type(error).__name__}: {error}")
            return
        self._set_online(True, "")

    def _set_online(self, online: bool, error: str) -> None:
        if online != self._online:
            self._online = online
            self.on_online(online, error)

    # -- watchfiles ------------------------------------------------------------------------

    def _watch_files(self, stop: threading.Event) -> None:
        from watchfiles import watch

        folders = sorted({path.parent for path in self._paths if path.parent.is_dir()})
        if not folders:
            return
        paths = self._paths

        def wanted(_change: object, path: str) -> bool:
            return Path(path) in paths

        started = False
        try:
            for changes in watch(
                *folders,
                watch_filter=wanted,
                step=self.step_ms,
                stop_event=stop,
                recursive=False,
                raise_interrupt=False,
                rust_timeout=1000,
                yield_on_timeout=True,
            ):
                if not started:
                    # Watching for sure now; look once for what changed while it started.
                    started = True
                    self._wakeups.put(_RECHECK)
                for kind in {paths[Path(path)] for _change, path in changes}:
                    self._wakeups.put(kind)
        except Exception:
            # Without file events the fallback poll still finds every change, only later.
            log.exception("watching %s failed; falling back to polling", folders)

    # -- PostgreSQL LISTEN -----------------------------------------------------------------

    def _listen_loop(self, stop: threading.Event) -> None:
        delay = 0.5
        while not stop.is_set():
            try:
                connection = _listening_connection(self.engine)
            except Exception as error:
                log.info("LISTEN connection failed: %s", error)
                self._wakeups.put(DATABASE)  # the reader finds out and reports offline
                stop.wait(delay)
                delay = min(delay * 2, 5.0)
                continue
            delay = 0.5
            # Catch up with whatever was committed while not listening.
            self._wakeups.put(DATABASE)
            try:
                while not stop.is_set():
                    for _ in connection.notifies(timeout=0.5, stop_after=1):
                        self._wakeups.put(DATABASE)
            except Exception as error:
                log.info("LISTEN connection lost: %s", error)
                self._wakeups.put(DATABASE)
            finally:
                with contextlib.suppress(Exception):
                    connection.close()


def _listening_connection(engine: sa.Engine) -> Any:
    """A psycopg connection of its own, with the engine's settings, listening for changes."""
    raw = engine.raw_connection()
    connection = raw.driver_connection
    raw.detach()  # never returned to the pool: it lives as long as the listener
    assert connection is not None
    connection.rollback()  # autocommit can only be switched on outside a transaction
    connection.autocommit = True
    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
    return connection
