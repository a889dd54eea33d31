"""Live updates for a running desk: other seats' changes, the connection, watched files.

`Live` runs the store's `Follower` in a thread worker and turns what it reports into messages:
`FeedUpdate` for the desk (the records to redraw, already loaded), `Connectivity` when the
database stops or starts answering, `DatabaseFileChanged` / `DatabaseReopened` when the SQLite
file is deleted, moved or replaced, and `ConfigReloaded` / `ConfigFailed` / `StaffImported` /
`StaffImportFailed` for the app.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlalchemy as sa
from textual.message import Message

from reception_tui.config import ConfigError, Settings, load_settings
from reception_tui.store.database_file import FileState, opened_file
from reception_tui.store.engine import DatabaseError, make_engine, sqlite_path
from reception_tui.store.feed import ChangeFeed, FeedBatch, Follower, WatchedFile, file_stamp
from reception_tui.store.importer import StaffFileError, read_staff_csv
from reception_tui.store.migrate import current_revision, open_database
from reception_tui.store.repository import Repository, TooManyDeactivated
from reception_tui.tui.messages import (
    ConfigFailed,
    ConfigReloaded,
    Connectivity,
    DatabaseFileChanged,
    DatabaseReopened,
    FeedUpdate,
    LiveFailed,
    StaffImported,
    StaffImportFailed,
)
from reception_tui.words import say, text

CONFIG = "config"
STAFF = "staff"


class Live:
    """Follows the database and the watched files for one app, posting what it finds."""

    def __init__(
        self,
        repository: Repository,
        settings: Settings,
        post: Callable[[Message], object],
        *,
        read_only: bool,
    ) -> None:
        self.repository = repository
        self.settings = settings
        self.read_only = read_only
        self.online = True
        self._post = post
        self.feed: ChangeFeed | None = None
        self._follower: Follower | None = None
        self._thread: threading.Thread | None = None
        self._staff_waiting = False  # an import failed for want of the database

    @property
    def running(self) -> bool:
        return self._follower is not None and not self._follower.stopped

    def start(self, after_id: int, unseen: Iterable[int] | None = None) -> None:
        """Follow changes after `after_id` (the change log's end when the desk read), and
        those `unseen` below it then (see `ChangeFeed`)."""
        if self.running:
            return
        repository = self.repository
        if self.feed is None:
            self.feed = ChangeFeed(repository.engine, after_id, unseen=unseen)
        settings = self.settings
        files = []
        if settings.watch.config and settings.source is not None:
            files.append(WatchedFile(settings.source, CONFIG))
        staff = settings.import_.staff_file(settings.source)
        if staff is not None and not self.read_only:
            files.append(WatchedFile(staff, STAFF))
        follower = Follower(
            repository.engine,
            self.feed,
            files=files,
            sqlite_file=sqlite_path(repository.engine.url),
            database=settings.watch.database,
            poll_seconds=settings.watch.poll_seconds,
            on_batch=self._batch,
            on_file=self._file,
            on_online=self._online,
            on_error=self._error,
            on_file_state=self._file_state,
            online=self.online,
            after=self._thread,  # after a restart, the previous one finishes first
        )
        self._follower = follower
        # A thread of its own rather than a worker: it runs as long as the app, blocked in
        # waiting most of the time, and must never hold up the app's exit.
        self._thread = threading.Thread(target=follower.run, name="live updates", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._follower is not None:
            self._follower.stop()
        self._follower = None

    def restart(self, settings: Settings) -> None:
        """Start again with new settings, from where the feed got to."""
        self.settings = settings
        if self.feed is None:
            return
        self.stop()
        self.start(self.feed.last_id)

    def reopened(self, change_id: int) -> None:
        """Follow the repository's new engine from `change_id` (see `DatabaseReopened`)."""
        self.stop()
        self.feed = None
        self.start(change_id)

    # -- in the follower's thread ------------------------------------------------------------

    def _batch(self, batch: FeedBatch) -> None:
        if batch.everything:
            self._post(FeedUpdate(everything=True))
            return
        repository = self.repository
        default_status = self.settings.available_status().code
        employees = (
            repository.employees_by_id(batch.employee_ids, default_status=default_status)
            if batch.employee_ids
            else {}
        )
        inquiries = repository.inquiries_by_id(batch.inquiry_ids) if batch.inquiry_ids else {}
        self._post(
            FeedUpdate(
                employees=employees,
                missing_employees=batch.employee_ids - employees.keys(),
                inquiries=inquiries,
            )
        )

    def _too_many(self, path: Path, error: TooManyDeactivated) -> str:
        language = self.settings.organisation.language
        reason = (
            text(language, "staff_no_rows")
            if error.rows == 0
            else text(language, "staff_share", share=f"{error.max_share:.0%}")
        )
        return text(
            language,
            "staff_too_many_deactivated",
            file=path.name,
            count=len(error.deactivated),
            active=error.active,
            reason=reason,
        )

    def _online(self, online: bool, error: str) -> None:
        self.online = online
        self._post(Connectivity(online, error))

    def _error(self, error: str) -> None:
        self._post(LiveFailed(error))

    def _file_state(self, state: FileState) -> None:
        follower = self._follower
        file = follower.database_file if follower is not None else None
        if follower is None or file is None:
            return
        if state is not FileState.REPLACED:
            self._post(DatabaseFileChanged(state, file.path))
            return
        # Another database in its place, with no journal of the old one beside it (a restore):
        # better to work on it than to stop, if it can be opened as a start would open it.
        try:
            engine, change_id = self._open_replacement(file.path)
        except Exception as error:  # whatever it is, the desk must say the file was replaced
            self._post(
                DatabaseFileChanged(
                    state, file.path, say(self.settings.organisation.language, error)
                )
            )
            return
        follower.stop()  # the app starts a new one on the new engine
        self._post(DatabaseReopened(engine, file.path, change_id))

    def _open_replacement(self, path: Path) -> tuple[sa.Engine, int]:
        """An engine on the file now at `path` and its change log's end; raises when it is not a
        database this desk can use (a writable desk upgrades an older one, as at a start)."""
        _settled(path)  # a file still being copied in must not be read half-written
        url = self.repository.engine.url
        probe = make_engine(url, read_only=True)  # never creates an empty file in its place
        try:
            there = opened_file(probe)
            if current_revision(probe) is None:
                raise DatabaseError("not_a_desk_database", path=str(path))
        finally:
            probe.dispose()
        engine = open_database(
            url.render_as_string(), read_only=self.read_only, calendar=self.repository.calendar
        )
        opened = opened_file(engine)
        try:
            if there is None or opened is None or opened.opened != there.opened:
                raise DatabaseError("replaced_while_opening", path=str(path))
            old = self.repository
            reader = Repository(engine, actor=old.actor, clock=old.clock, calendar=old.calendar)
            return engine, reader.last_change_id()
        except BaseException:
            engine.dispose()
            raise

    def _file(self, kind: str, path: Path) -> None:
        _settled(path)
        if kind == CONFIG:
            try:
                settings = load_settings(path)
            except ConfigError as error:
                self._post(ConfigFailed(error))
            else:
                self._post(ConfigReloaded(settings))
        elif kind == STAFF:
            self._import_staff(path)

    def _import_staff(self, path: Path) -> None:
        if not path.exists():
            return  # moved away or being replaced; the next change brings it back
        settings = self.settings.import_
        try:
            staff = read_staff_csv(path)
            # The guard against a header-only or cut-off export holds here with no way past.
            summary = self.repository.import_staff(
                staff.rows,
                deactivate_missing=not settings.partial,
                max_deactivated_share=settings.max_deactivated_share,
            )
        except StaffFileError as error:
            self._post(StaffImportFailed(path, say(self.settings.organisation.language, error)))
        except TooManyDeactivated as error:
            self._post(StaffImportFailed(path, self._too_many(path, error)))
        except (DatabaseError, sa.exc.DBAPIError) as error:
            if not self._staff_waiting:  # said once, not at every retry
                why = text(
                    self.settings.organisation.language,
                    "staff_not_imported",
                    path=path,
                    error=say(self.settings.organisation.language, error),
                )
                self._post(StaffImportFailed(path, why))
            self._staff_waiting = True
            if self._follower is not None:
                self._follower.retry_later(STAFF)  # once the database answers again
        else:
            self._staff_waiting = False
            self._post(StaffImported(path, summary, staff.unknown_columns, staff.encoding))


def _settled(path: Path, *, quiet: float = 0.3, longest: float = 5.0) -> None:
    """Wait until `path` has stopped changing: a file being written must not be read half."""

    deadline = time.monotonic() + longest
    before = file_stamp(path)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = file_stamp(path)
        if now == before:
            return
        before = now
