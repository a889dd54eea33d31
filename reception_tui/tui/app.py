"""The Textual app: built by `build_app` from explicit settings, repository and clock.

The CLI and every test use the same factory, so tests run the app a receptionist runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from datetime import timedelta
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.notifications import SeverityLevel
from textual.reactive import var

from reception_tui.clock import Clock
from reception_tui.config import Settings
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.text import printable, printable_lines
from reception_tui.store.database_file import FileState
from reception_tui.store.engine import DatabaseError
from reception_tui.store.repository import Repository
from reception_tui.tui.collector import COLLECTOR
from reception_tui.tui.live import (
    ConfigFailed,
    ConfigReloaded,
    Connectivity,
    DatabaseFileChanged,
    DatabaseReopened,
    FeedUpdate,
    Live,
    LiveFailed,
    StaffImported,
    StaffImportFailed,
)
from reception_tui.tui.screens.desk import DeskScreen, changes_data
from reception_tui.words import text


class DeskCommands(Provider):
    """The command palette offers the same actions as the keys."""

    def _commands(self) -> Iterable[tuple[str, str, str]]:
        app = self.app
        assert isinstance(app, ReceptionApp)
        for action, keys, description in app.key_help_entries():
            if app.read_only and changes_data(action):
                continue
            yield action, f"{description} ({keys})", description

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, label, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), help=help_text
                )

    def _run(self, action: str) -> None:
        if action == "quit":
            self.app.exit()
            return
        screen = self.app.screen
        if isinstance(screen, DeskScreen):
            method = f"quick({action[-1]})" if action.startswith("quick_") else action
            self.app.call_later(screen.run_action, method)


class ReceptionApp(App[None]):
    """The switchboard desk."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {DeskCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True)]

    file_state: var[FileState] = var(FileState.SAME)
    """What the SQLite file's path names now, against the file open (the header shows it)."""

    def __init__(
        self,
        settings: Settings,
        repository: Repository,
        clock: Clock,
        *,
        read_only: bool,
        notices: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.settings = settings
        self.repository = repository
        self.clock = clock
        self.read_only = read_only
        self.title = f"{settings.organisation.name}, {repository.actor}"
        self.sub_title = "read-only" if read_only else ""
        self.statuses: tuple[StatusCode, ...] = settings.status_codes()
        self.default_status = settings.available_status().code
        self.set_keymap(settings.remapped_keys())
        self.live = Live(self)
        self.online = True
        self._purged = read_only  # a read-only seat never purges
        self._notices = tuple(notices)

    def desk_loaded(self) -> None:
        """The desk has read everyone: now is the time for the start's housekeeping."""
        if not self._purged:
            self._purged = True
            self.purge_closed()

    @work(thread=True, group="purge", exit_on_error=False)
    def purge_closed(self) -> None:
        """Delete the personal data older than `retention_days` (see `Repository.purge`).

        Off the way to the first frame: the purge takes the write lock, which another seat
        may hold for a moment. If the database does not answer, the next start purges.
        """
        days = self.settings.database.retention_days
        with suppress(DatabaseError):
            self.repository.purge(self.clock.now() - timedelta(days=days))

    @property
    def language(self) -> str:
        return self.settings.organisation.language

    def on_mount(self) -> None:
        # Made here, not in __init__: the desk reads the app's settings as it is built.
        self.desk_screen = DeskScreen()
        self.push_screen(self.desk_screen)
        COLLECTOR.start()  # full garbage collections only while nobody types
        self.set_interval(1.0, COLLECTOR.tick)
        for key in self._notices:
            self.notify(text(self.language, key), severity="warning", timeout=15, markup=False)

    def on_unmount(self) -> None:
        self.live.stop()
        COLLECTOR.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            COLLECTOR.input()
        await super().on_event(event)

    # -- live updates ----------------------------------------------------------------------

    @on(FeedUpdate)
    def _feed_update(self, message: FeedUpdate) -> None:
        self.desk_screen.apply_feed(message)

    @on(Connectivity)
    def _connectivity(self, message: Connectivity) -> None:
        self.online = message.online
        self.desk_screen.show_connection(message.online, message.error)
        if message.online:
            self.notify(text(self.language, "online"), timeout=4)
        else:
            self._alert("offline_notice", message.error, timeout=10)

    @on(DatabaseFileChanged)
    def _database_file_changed(self, message: DatabaseFileChanged) -> None:
        was, self.file_state = self.file_state, message.state
        path = str(message.path)
        if message.state is FileState.SAME:
            if was is not FileState.SAME:
                self.notify(text(self.language, "file_back"), timeout=8, markup=False)
        elif message.state is FileState.GONE:
            self._alert("file_gone_notice", "", path=path, timeout=60)
        elif message.state is FileState.BESIDE_OLD_JOURNAL:
            self._alert("file_replaced_notice", "", path=path, timeout=60)
        else:
            self._alert("file_unusable_notice", message.error, path=path, timeout=60)

    @on(DatabaseReopened)
    def _database_reopened(self, message: DatabaseReopened) -> None:
        """Work on the database now at the path: follow it, and read everyone from it."""
        old, self.repository.engine = self.repository.engine, message.engine
        self.live.reopened(message.change_id)
        # Its connections are to a file nobody opens any more; closing them writes nothing
        # there (SQLite leaves a moved file's journal alone).
        old.dispose()
        self.file_state = FileState.SAME
        self.desk_screen.request_reload()
        self.notify(
            text(self.language, "file_reopened", path=str(message.path)),
            severity="warning",
            timeout=20,
            markup=False,
        )

    @on(LiveFailed)
    def _live_failed(self, message: LiveFailed) -> None:
        self._alert("failed", message.error, timeout=10)

    @on(ConfigFailed)
    def _config_failed(self, message: ConfigFailed) -> None:
        self._alert("config_failed", message.error, timeout=20)

    @on(ConfigReloaded)
    def _config_reloaded(self, message: ConfigReloaded) -> None:
        self.apply_settings(message.settings)

    def apply_settings(self, new: Settings) -> None:
        """Put an edited config.toml in force; what only a restart can change is said so."""
        old = self.settings
        if new == old:
            return
        self.settings = new
        self.statuses = new.status_codes()
        self.default_status = new.available_status().code
        self.set_keymap(new.remapped_keys())
        self.repository.calendar = new.calendar()
        self.desk_screen = self.desk_screen.settings_changed(old, new)
        if (old.watch, old.import_) != (new.watch, new.import_):
            self.live.restart()
        notice = text(self.language, "config_reloaded")
        if old.database != new.database:
            notice += " " + text(self.language, "config_restart", keys="[database]")
        self.notify(notice, timeout=5, markup=False)

    @on(StaffImported)
    def _staff_imported(self, message: StaffImported) -> None:
        summary = message.summary
        line = text(
            self.language,
            "staff_imported",
            file=message.path.name,
            added=len(summary.added),
            changed=len(summary.changed),
            deactivated=len(summary.deactivated),
            unchanged=summary.unchanged,
        )
        if message.encoding != "UTF-8":
            line += " " + text(self.language, "staff_encoding", encoding=message.encoding)
        if message.unknown_columns:
            ignored = ", ".join(message.unknown_columns)
            line += " " + text(self.language, "staff_columns_ignored", columns=ignored)
        self.notify(line, timeout=8, markup=False)

    @on(StaffImportFailed)
    def _staff_import_failed(self, message: StaffImportFailed) -> None:
        self._alert("staff_import_failed", message.error, timeout=20)

    def _alert(self, key: str, error: str, *, timeout: float, **values: str) -> None:
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
        """Every notice of the desk, its screens and forms: names, notes and database
        messages in it reach the terminal made printable."""
        super().notify(
            printable_lines(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def key_help_entries(self) -> list[tuple[str, str, str]]:
        """(action id, keys as shown, what it does) for help and the command palette."""
        language = self.language
        quick = self.settings.quick_statuses()
        entries: list[tuple[str, str, str]] = []
        for action, keys in self.settings.keymap().items():
            if action.startswith("quick_"):
                number = int(action[-1])
                if number > len(quick):
                    continue
                status = quick[number - 1]
                what = status.label(language)
                if status.default_return:
                    what += f" ({status.default_return})"
            else:
                what = text(language, f"action.{action}")
            shown = ", ".join(_show_key(key) for key in keys.split(","))
            entries.append((action, shown, what))
        return entries

    def key_help(self) -> list[tuple[str, str]]:
        entries = [
            (keys, what)
            for action, keys, what in self.key_help_entries()
            if not (self.read_only and changes_data(action))
        ]
        return [*entries, ("Ctrl+P", text(self.language, "action.palette"))]


def _show_key(key: str) -> str:
    return "+".join(part.capitalize() if len(part) > 1 else part.upper() for part in key.split("+"))


def build_app(
    settings: Settings,
    repository: Repository,
    *,
    clock: Clock | None = None,
    read_only: bool = False,
    notices: Iterable[str] = (),
) -> ReceptionApp:
    """The one factory for the desk app, used by the CLI and by tests; `notices` are keys of
    the catalogue of words, shown as warnings when the desk opens."""
    return ReceptionApp(
        settings, repository, clock or repository.clock, read_only=read_only, notices=notices
    )
