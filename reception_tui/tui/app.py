"""The Textual app: built by `build_app` from explicit settings, repository and clock.

The CLI and every test use the same factory, so tests run the app a receptionist runs.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual import events, on, work
from textual.binding import Binding
from textual.command import CommandPalette
from textual.worker import Worker, WorkerState

from reception_tui.actions import BY_ID, show_keys
from reception_tui.clock import Clock
from reception_tui.config import Settings
from reception_tui.domain.desk import CLOSED_SHOWN, CLOSED_WITHIN, Changes, DeskModel
from reception_tui.domain.presence import StatusCode
from reception_tui.store.engine import DatabaseError
from reception_tui.store.feed import unseen_changes
from reception_tui.store.migrate import current_revision
from reception_tui.store.repository import Repository
from reception_tui.store.snapshot import SnapshotKey, SnapshotWrite, read_snapshot, snapshot_path
from reception_tui.tui.collector import COLLECTOR
from reception_tui.tui.commands import DeskCommands, DeskPalette
from reception_tui.tui.context import DeskContext
from reception_tui.tui.following import FollowingApp, Reads
from reception_tui.tui.live import Live
from reception_tui.tui.messages import (
    ConfigFailed,
    ConfigReloaded,
    DeskLoaded,
    DeskPeeked,
    EmployeeReloaded,
    FeedUpdate,
    InquiryChanged,
    PresenceSaved,
    SaveFailed,
    StaffImported,
    StaffImportFailed,
)
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.words import say, text

log = logging.getLogger(__name__)

FIRST_SCREENFUL = 200
"""Rows read before the first frame: more than the tallest terminal shows."""


class ReceptionApp(FollowingApp):
    """The switchboard desk: reads and follows the database into the desk's model, and tells
    the desk's screen what changed."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    # The desk's own commands only: Textual's English system commands are not what a
    # Swedish receptionist should find in the palette.
    COMMANDS = {DeskCommands}
    BINDINGS = [Binding(BY_ID["quit"].keys, "quit", "Quit", id="quit", show=False, priority=True)]

    def __init__(
        self,
        settings: Settings,
        repository: Repository,
        clock: Clock,
        *,
        read_only: bool,
        notices: Iterable[str] = (),
        ask_name: bool = False,
        purge: bool = True,
        snapshots: Path | None = None,
    ) -> None:
        super().__init__()
        self._words_for_bindings(settings.organisation.language)
        model = DeskModel(settings.status_codes(), repository.calendar.tz)
        self.context = DeskContext(settings, repository, clock, read_only, model)
        self.title = f"{settings.organisation.name}, {repository.actor}"
        self.sub_title = text(settings.organisation.language, "read_only") if read_only else ""
        self.set_keymap(settings.remapped_keys())
        self.live = Live(repository, settings, self.post_message, read_only=read_only)
        self.reads = Reads(self._read_everyone)
        self._purged = read_only or not purge  # a read-only seat never purges
        self._notices = tuple(notices)
        self._ask_name = ask_name
        self._snapshots = snapshots  # the folder of the desk's snapshots; None: none kept

    def action_help_quit(self) -> None:
        """Ctrl+C outside a field: say how the desk is closed, in the desk's language."""
        keys = show_keys(self.settings.keymap()["quit"])
        self.notify(text(self.language, "quit_hint", keys=keys), timeout=4, markup=False)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = text(self.language, "palette.placeholder")
            nothing_found = text(self.language, "palette.nothing_found")
            self.push_screen(DeskPalette(nothing_found=nothing_found, placeholder=placeholder))

    def _words_for_bindings(self, language: str) -> None:
        """The app's own keys (quit, the palette) described in the desk's language."""
        words = {
            "quit": text(language, "action.quit"),
            "command_palette": text(language, "action.palette"),
        }
        bindings = self._bindings.key_to_bindings
        for key, on_key in bindings.items():
            bindings[key] = [
                replace(b, description=words[b.action]) if b.action in words else b for b in on_key
            ]

    # What the screens and forms read (through `self.app`).

    @property
    def settings(self) -> Settings:
        return self.context.settings

    @property
    def repository(self) -> Repository:
        return self.context.repository

    @property
    def clock(self) -> Clock:
        return self.context.clock

    @property
    def read_only(self) -> bool:
        return self.context.read_only

    @property
    def model(self) -> DeskModel:
        return self.context.model

    @property
    def statuses(self) -> tuple[StatusCode, ...]:
        return self.context.statuses

    @property
    def default_status(self) -> str:
        return self.context.default_status

    @property
    def language(self) -> str:
        return self.context.language

    def on_mount(self) -> None:
        self.desk_screen = DeskScreen(self.context)
        self.push_screen(self.desk_screen)
        COLLECTOR.start()  # full garbage collections only while nobody types
        self.set_interval(1.0, COLLECTOR.tick)
        self.tick()  # today's date is known from the start: "imorgon" changes at midnight
        self.set_interval(1.0, self.tick)
        for key in self._notices:
            self.notify(text(self.language, key), severity="warning", timeout=15, markup=False)
        # Everyone's place and the first screenful first, then the full read: at 100,000
        # people that read takes seconds, and the first frame should not wait for it.
        self.reads.running = True  # the peek, then the full read
        self.model.begin_read()
        self.peek()
        if self._ask_name:
            from reception_tui.tui.forms.name import NameForm

            self.push_screen(NameForm(self.language, self.repository.actor), self._named)

    def _named(self, name: str | None) -> None:
        """The receptionist said her name: it is in the greeting and on her changes at once."""
        if name:
            self.repository.actor = name
            self.title = f"{self.settings.organisation.name}, {name}"
            self.desk_screen.settings_changed()
            self.remember_name(name)

    @work(thread=True, group="remember-name", exit_on_error=False)
    def remember_name(self, name: str) -> None:
        from reception_tui.config import CONFIG_FILE, remember_receptionist, user_config_dir

        try:
            path = remember_receptionist(name)
        except (OSError, ValueError) as error:
            path = user_config_dir() / CONFIG_FILE
            words = text(self.language, "name.not_saved", path=str(path), error=error)
            self.call_from_thread(self.notify, words, severity="warning", markup=False)
            return
        words = text(self.language, "name.saved", name=name, path=str(path))
        self.call_from_thread(self.notify, words, timeout=6, markup=False)

    def on_unmount(self) -> None:
        self.live.stop()
        COLLECTOR.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            COLLECTOR.input()
        await super().on_event(event)

    def tick(self) -> None:
        """Once a second: the clock, and rows whose return or due times have passed."""
        now = self.clock.now()
        self.desk_screen.show_time(now)
        self._show(self.model.tick(now))

    def _show(self, changes: Changes) -> None:
        if changes:
            self.desk_screen.show_changes(changes)

    # -- reading -----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.request_reload()

    def request_reload(self) -> None:
        """Read everything again; asked while a read runs, one more follows it, not many."""
        self.reads.ask()

    def read_again(self) -> None:
        self.request_reload()

    def _read_everyone(self) -> None:
        self.model.begin_read()
        self.reload()

    @work(thread=True, group="desk-peek", exit_on_error=False)
    def peek(self) -> None:
        """Read how many are active and the first screenful of them, in the grid's order."""
        total, employees = self.repository.first_employees(
            FIRST_SCREENFUL, default_status=self.default_status
        )
        self.post_message(DeskPeeked(total, employees))

    @on(DeskPeeked)
    def _peeked(self, message: DeskPeeked) -> None:
        if not self.model.loaded:
            self.desk_screen.show_peek(self.model.peek(message.total, message.employees))
        self.call_after_refresh(self.reload, from_snapshot=True)

    @work(thread=True, exclusive=True, group="desk-load", exit_on_error=False)
    def reload(self, *, from_snapshot: bool = False) -> None:
        """Read everyone, the open queue and the recently closed; the grid keeps its cursor
        across reloads. At the start, from the desk's snapshot when it stands for the
        database as it is (`store.snapshot`); the change feed brings what changed since."""
        repository = self.repository
        snapshot = None
        if self._snapshots is not None:
            key = SnapshotKey.of(
                repository.engine.url, current_revision(repository.engine) or "",
                self.default_status,
            )  # fmt: skip
            snapshot = snapshot_path(key, self._snapshots)
            if from_snapshot and (kept := read_snapshot(snapshot, key, repository.change_at)):
                self.post_message(DeskLoaded(kept.read, kept.unseen))
                return
        # Read first, so that whatever is committed while the rest is read comes through the
        # change feed afterwards (reading a change twice is harmless; missing one is not).
        change_id = repository.last_change_id()
        unseen = tuple(unseen_changes(repository.engine, change_id))
        # Only what the grid, the search and the forms use: no contact details for 100,000.
        employees = repository.employees(
            default_status=self.default_status, by_name=False, contact=False
        )
        inquiries = repository.open_inquiries()
        # Never those the purge after the first read deletes, where the retention is short.
        within = min(CLOSED_WITHIN, timedelta(days=self.settings.database.retention_days))
        closed = repository.recently_closed(self.clock.now() - within, CLOSED_SHOWN)
        read = DeskModel.read(employees, inquiries, change_id, closed)
        keep = None
        if snapshot is not None:
            keep = SnapshotWrite.of(snapshot, key, read, repository.change_at(change_id), unseen)
        self.post_message(DeskLoaded(read, unseen, keep))

    @on(DeskLoaded)
    def _loaded(self, message: DeskLoaded) -> None:
        changes = self.model.load(message.read)
        self.reads.done()  # a read asked for meanwhile begins; this one is shown meanwhile
        self.desk_screen.show_loaded()
        self._show(changes)
        self.live.start(message.read.change_id, message.unseen)
        if message.snapshot is not None:
            self.keep_snapshot(message.snapshot)
        if not self._purged:
            self._purged = True
            self.purge_closed()
        # What was just loaded lives until the next reload: keep the garbage collector from
        # scanning it again and again, which otherwise pauses typing at 100,000 people.
        gc.freeze()

    @work(thread=True, group="snapshot", exit_on_error=False)
    def keep_snapshot(self, snapshot: SnapshotWrite) -> None:
        """Keep the full read for the next start. A cache: when it cannot be written (a full
        disk, say), the next start reads everything, and only the log says why."""
        try:
            snapshot.write()
        except OSError as error:
            log.warning("the desk's snapshot %s could not be written: %s", snapshot.path, error)

    @work(thread=True, group="purge", exit_on_error=False)
    def purge_closed(self) -> None:
        """Delete the personal data older than `retention_days` (see `Repository.purge`).

        Off the way to the first frame: the purge takes the write lock, which another seat
        may hold for a moment. If the database does not answer, the next start purges.
        """
        days = self.settings.database.retention_days
        with suppress(DatabaseError):
            self.repository.purge(self.clock.now() - timedelta(days=days))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        # A worker that fails must never take the desk down: say what happened and go on.
        if event.state is not WorkerState.ERROR:
            return
        if event.worker.group == "desk-peek":
            self.reload()  # the full read says what is wrong, if it still is
            return
        if event.worker.group == "desk-load":
            self.reads.failed()
            self.model.read_failed()
        error = event.worker.error
        self.notify(
            text(self.language, "failed", error=say(self.language, error) if error else ""),
            severity="error",
            timeout=10,
            markup=False,
        )

    # -- what this desk saved ----------------------------------------------------------------

    @on(PresenceSaved)
    def _presence_saved(self, message: PresenceSaved) -> None:
        # The row itself shows the new status; a toast on every save would only add noise.
        self._show(self.model.save_presence(message.employee_id, message.presence))

    @on(EmployeeReloaded)
    def _employee_reloaded(self, message: EmployeeReloaded) -> None:
        self._show(self.model.set_employee(message.employee))

    @on(InquiryChanged)
    def _inquiry_changed(self, message: InquiryChanged) -> None:
        self._show(self.model.set_inquiry(message.inquiry))
        if message.notice:
            self.notify(message.notice, timeout=message.notice_seconds, markup=False)

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self.notify(message.text, severity="error", timeout=8, markup=False)

    # -- live updates ------------------------------------------------------------------------

    @on(FeedUpdate)
    def _feed_update(self, message: FeedUpdate) -> None:
        if message.everything:
            self.request_reload()  # a burst (a staff import): one full read, the cursor kept
            return
        changes = self.model.apply_feed(
            message.employees, message.missing_employees, message.inquiries
        )
        self._show(changes)

    def show_connection(self, online: bool, error: str) -> None:
        self.desk_screen.show_connection(online, error)

    @on(ConfigFailed)
    def _config_failed(self, message: ConfigFailed) -> None:
        # In the desk's language, as the notice around it: the edited file is not in force.
        self.alert("config_failed", message.error.say(self.language), timeout=20)

    @on(ConfigReloaded)
    def _config_reloaded(self, message: ConfigReloaded) -> None:
        self.apply_settings(message.settings)

    def apply_settings(self, new: Settings) -> None:
        """Put an edited config.toml in force; what only a restart can change is said so."""
        old = self.settings
        if new == old:
            return
        self.context.settings = new
        self.set_keymap(new.remapped_keys())
        self.repository.calendar = new.calendar()
        self.model.tz = self.repository.calendar.tz
        changes = self.model.set_statuses(new.status_codes())
        if old.organisation.language != new.organisation.language:
            # Every label, column and key description changes: a new desk on the same model.
            desk = self.desk_screen
            self.desk_screen = DeskScreen(self.context, search=desk.search.value)
            if self.screen is desk:
                self.switch_screen(self.desk_screen)
            else:
                desk.replacement = self.desk_screen  # a form is open: when it closes
        else:
            self.desk_screen.settings_changed()
            self._show(changes)
        if (old.watch, old.import_) != (new.watch, new.import_):
            self.live.restart(new)
        else:
            self.live.settings = new
        if old.desk.model_copy(update={"receptionist": new.desk.receptionist}) == new.desk and (
            new.model_copy(update={"desk": old.desk}) == old
            and new.desk.receptionist == self.repository.actor
        ):
            return  # only the name this desk has just kept there
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
        self.alert("staff_import_failed", message.error, timeout=20)


def build_app(
    settings: Settings,
    repository: Repository,
    *,
    clock: Clock | None = None,
    read_only: bool = False,
    notices: Iterable[str] = (),
    ask_name: bool = False,
    purge: bool = True,
    snapshots: Path | None = None,
) -> ReceptionApp:
    """The one factory for the desk app, used by the CLI and by tests; `notices` are keys of
    the catalogue of words, shown as warnings when the desk opens; `ask_name` asks for the
    receptionist's name first (and keeps it in her config.toml); without `purge` a writable
    desk keeps what is older than the retention (the demo's history, rebuilt at each start);
    `snapshots` is the folder where the desk keeps what it read, for its next start."""
    return ReceptionApp(
        settings,
        repository,
        clock or repository.clock,
        read_only=read_only,
        notices=notices,
        ask_name=ask_name,
        purge=purge,
        snapshots=snapshots,
    )
