"""What every app that follows the database live shares: the desk and the manager's screen.

`Live` posts what happens to the database (the connection lost and back, the SQLite file gone,
replaced or reopened, the feed failing); `FollowingApp` says it in the app's language, takes
the reopened file's engine and reads everything again. `Reads` keeps a read that takes long
from piling up when it is asked for again and again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import App
from textual.notifications import SeverityLevel
from textual.reactive import var

from reception_tui.domain.text import printable, printable_lines
from reception_tui.store.database_file import FileState
from reception_tui.store.repository import Repository
from reception_tui.tui.live import Live
from reception_tui.tui.messages import (
    Connectivity,
    DatabaseFileChanged,
    DatabaseReopened,
    LiveFailed,
)
from reception_tui.words import text


class Reads:
    """One read at a time: asked for while one runs, one more follows it, never many.

    `start` begins a read (a worker); the app calls `done` when its result is in and `failed`
    when it did not come."""

    def __init__(self, start: Callable[[], None]) -> None:
        self._start = start
        self.running = self.pending = False

    def ask(self) -> None:
        if self.running:
            self.pending = True
            return
        self.running = True
        self._start()

    def done(self) -> None:
        self.running = False
        if self.pending:
            self.pending = False
            self.ask()

    def failed(self) -> None:
        self.running = self.pending = False


class FollowingApp(App[None]):
    """An app that reads the database and follows it through `self.live`."""

    file_state: var[FileState] = var(FileState.SAME)
    """What the SQLite file's path names now, against the file open (the header shows it)."""

    live: Live
    repository: Repository
    language: str

    def read_again(self) -> None:
        """Read everything shown again (the database file was reopened, the connection is
        back)."""
        raise NotImplementedError

    def show_connection(self, online: bool, error: str) -> None:
        """The connection was lost or is back: what the screen shows of it beyond a notice."""

    @on(Connectivity)
    def _connectivity(self, message: Connectivity) -> None:
        self.show_connection(message.online, message.error)
        if message.online:
            self.notify(text(self.language, "online"), timeout=4)
        else:
            self.alert("offline_notice", message.error, timeout=10)

    @on(DatabaseFileChanged)
    def _database_file_changed(self, message: DatabaseFileChanged) -> None:
        was, self.file_state = self.file_state, message.state
        path = str(message.path)
        if message.state is FileState.SAME:
            if was is not FileState.SAME:
                self.notify(text(self.language, "file_back"), timeout=8, markup=False)
        elif message.state is FileState.GONE:
            self.alert("file_gone_notice", "", path=path, timeout=60)
        elif message.state is FileState.BESIDE_OLD_JOURNAL:
            self.alert("file_replaced_notice", "", path=path, timeout=60)
        else:
            self.alert("file_unusable_notice", message.error, path=path, timeout=60)

    @on(DatabaseReopened)
    def _database_reopened(self, message: DatabaseReopened) -> None:
        """Work on the database now at the path: follow it, and read everything from it."""
        old, self.repository.engine = self.repository.engine, message.engine
        self.live.reopened(message.change_id)
        # Its connections are to a file nobody opens any more; closing them writes nothing
        # there (SQLite leaves a moved file's journal alone).
        old.dispose()
        self.file_state = FileState.SAME
        self.read_again()
        self.notify(
            text(self.language, "file_reopened", path=str(message.path)),
            severity="warning",
            timeout=20,
            markup=False,
        )

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self.alert("failed", message.error, timeout=10)

    def alert(self, key: str, error: str, *, timeout: float, **values: str) -> None:
        """An error notice; its text (paths, database messages) is shown as written."""
        self.notify(
            text(self.language, key, error=error, **values),
            severity="error",
            timeout=timeout,
            markup=False,
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice of the app, its screens and forms: names, notes and database
        messages in it reach the terminal made printable."""
        super().notify(
            printable_lines(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )
