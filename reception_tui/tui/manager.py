"""The manager's app: one unit at a time (or the whole organisation), read on a read-only
connection, followed live, its follow-up for a period the manager steps through.

It reads only the unit's people and inquiries, and the figures the database counts, never the
whole staff (unless the whole organisation is asked for): a browser tab on `serve` runs one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from textual import on, work
from textual.binding import Binding
from textual.worker import Worker, WorkerState, get_current_worker

from reception_tui.actions import BY_ID, MANAGER_ACTIONS, show_keys
from reception_tui.clock import Clock
from reception_tui.config import Settings
from reception_tui.domain.manager import PeriodChoice
from reception_tui.domain.periods import Period
from reception_tui.domain.records import UnitRecord
from reception_tui.report import period_words
from reception_tui.store.followup import (
    organisation_shares,
    received_heat_map,
    report,
    units_follow_up,
)
from reception_tui.store.repository import Repository
from reception_tui.tui.following import FollowingApp, Reads
from reception_tui.tui.forms.period import PeriodDates
from reception_tui.tui.live import Live
from reception_tui.tui.messages import FeedUpdate, FiguresRead, ManagerRead, OrganisationRead
from reception_tui.tui.screens.help import HelpScreen
from reception_tui.tui.screens.manager import ManagerScreen
from reception_tui.words import say, text

LIVE_DELAY = 0.5
"""Seconds a change from the feed waits for others before the unit is read again: a burst of
saves (a staff import) is one read."""


@dataclass(frozen=True)
class Scope:
    """What the screen shows: one unit, or the whole organisation (`unit` None)."""

    name: str
    unit: UnitRecord | None


def scopes(
    organisation: str, wanted: Sequence[UnitRecord], every: Sequence[UnitRecord]
) -> list[Scope]:
    """The scopes the manager steps through: each unit wanted; with none wanted, the whole
    organisation first, then every unit."""
    if wanted:
        return [Scope(unit.name, unit) for unit in wanted]
    return [Scope(organisation, None), *(Scope(unit.name, unit) for unit in every)]


def key_help(settings: Settings) -> list[tuple[str, str]]:
    """(keys, what they do) for every key of the manager's screen, in the registry's order and
    the configured language: the help screen's rows and README's table."""
    keymap, language = settings.keymap(), settings.organisation.language
    return [
        (show_keys(keymap[action.id]), text(language, f"action.{action.id}.help"))
        for action in MANAGER_ACTIONS
    ]


class ManagerApp(FollowingApp):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = False  # its keys are all in the footer and in help
    BINDINGS = [Binding(BY_ID["quit"].keys, "quit", show=False, priority=True, id="quit")]

    def __init__(
        self,
        settings: Settings,
        repository: Repository,
        clock: Clock,
        scopes: Sequence[Scope],
    ) -> None:
        super().__init__()
        self.settings = settings
        self.repository = repository
        self.clock = clock
        self.scopes = list(scopes)
        self.scope = 0
        self.choice: PeriodChoice | None = PeriodChoice.LAST_TWELVE_MONTHS
        self.period = self.choice.period(self._today())
        self.language = settings.organisation.language
        self.title = text(self.language, "manager.title")
        self.set_keymap(settings.remapped_keys())
        self.live = Live(repository, settings, self.post_message, read_only=True)
        self.reads = Reads(self._read)
        self._read_soon: object | None = None
        self._minute: datetime | None = None  # the minute last drawn

    def _today(self) -> date:
        return self.clock.now().astimezone(self.repository.calendar.tz).date()

    @property
    def screen_shown(self) -> ManagerScreen:
        screen = self.get_screen("manager")
        assert isinstance(screen, ManagerScreen)
        return screen

    def on_mount(self) -> None:
        statuses = self.settings.status_codes()
        screen = ManagerScreen(self.language, statuses, self.repository.calendar)
        self.install_screen(screen, "manager")
        self.push_screen("manager", callback=None)
        self.call_after_refresh(self._header)  # once the screen has its widgets
        self.read_again()
        self.set_interval(1, self.tick)

    def on_unmount(self) -> None:
        self.live.stop()

    def tick(self) -> None:
        now = self.clock.now()
        self._header(now)
        # The whole minute, not its number: a clock that jumps by hours (a laptop woken up)
        # lands on the same minute of another hour.
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self._minute = minute
            self.screen_shown.tick(now)
            # A relative period ("this week") moves on with the date, in a tab left open.
            if self.choice is not None and self.choice.period(self._today()) != self.period:
                self._choose(self.choice)

    def _header(self, now: datetime | None = None) -> None:
        if not self.screen_shown.is_mounted:
            return
        if self.choice is not None:
            shown = text(self.language, f"period.{self.choice.value}")
        else:
            shown = period_words(self.period, self.language)
        scope = self.scopes[self.scope]
        self.screen_shown.show_header(scope.name, shown, now or self.clock.now())

    # ------------------------------------------------------------------ reading

    def read_again(self) -> None:
        """Read what is shown: at once, or after the read that runs (one read at a time, so
        that keys pressed fast or a burst of saves never pile up reads of a million rows)."""
        self.reads.ask()

    @work(thread=True, group="manager-read", exit_on_error=False)
    def _read(self) -> None:
        """Read the scope shown for the period shown, and post it: its people and open
        inquiries first, then its figures, which for the whole organisation take a scan of
        every inquiry; then, for a unit, the organisation's shares beside it, which take such
        a scan too. Nothing waits for what comes after it, and a read asked for meanwhile
        skips what is left."""
        index, period = self.scope, self.period
        scope = self.scopes[index]
        repository, now = self.repository, self.clock.now()
        calendar, engine = repository.calendar, repository.engine
        default_status = self.settings.available_status().code
        change_id = repository.last_change_id()
        organisation = self.settings.organisation.name
        if scope.unit is None:
            people = repository.employees(default_status=default_status, contact=False)
            inquiries = repository.open_inquiries()
            unit_ids = None
        else:
            unit_ids = [scope.unit.id]
            people = repository.employees_in_units(unit_ids, default_status=default_status)
            inquiries = repository.open_inquiries_for_units(unit_ids)
        mine = {person.id for person in people}
        wanted = {
            target
            for person in people
            if (target := person.presence.redirect_employee_id) is not None and target not in mine
        }
        targets = (
            repository.employees_by_id(wanted, default_status=default_status) if wanted else {}
        )
        self.post_message(ManagerRead(index, period, people, targets, inquiries, change_id))
        if self._moved_on():
            return
        if scope.unit is None:
            follow_up = report(engine, calendar, period, now, {}, organisation).organisation
        else:
            units = {scope.unit.id: scope.unit.name}
            follow_up = units_follow_up(engine, calendar, period, now, units)[0]
        heat = received_heat_map(engine, calendar, period, unit_ids)
        self.post_message(FiguresRead(index, period, follow_up, heat))
        if self._moved_on():
            return
        if scope.unit is None:
            share, weekly = follow_up.follow_up.total.share_within, follow_up.weekly
        else:
            share, weekly = organisation_shares(engine, calendar, period, now)
        self.post_message(OrganisationRead(index, period, organisation, share, weekly))

    def _moved_on(self) -> bool:
        """Whether the read that runs can stop: another is asked for (the manager has moved
        on), or the app is closing."""
        return self.reads.pending or get_current_worker().is_cancelled

    @on(Worker.StateChanged)
    def _read_ended(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "manager-read":
            return
        if event.state is WorkerState.SUCCESS:
            self.reads.done()
        elif event.state is WorkerState.ERROR:
            # What is shown stays; say why it could not be read again, and go on.
            self.reads.failed()
            error = event.worker.error
            self.alert("failed", say(self.language, error) if error else "", timeout=10)

    @on(ManagerRead)
    def _shown_read(self, message: ManagerRead) -> None:
        if message.scope != self.scope or message.period != self.period:
            return  # the manager has moved on; the read for what is shown follows
        self._header()  # also on the first read, which may come before the first tick
        self.screen_shown.show(message, self.clock.now())
        self.live.start(message.change_id)

    @on(FiguresRead)
    def _figures_read(self, message: FiguresRead) -> None:
        if message.scope == self.scope and message.period == self.period:
            self.screen_shown.show_figures(message)

    @on(OrganisationRead)
    def _organisation_read(self, message: OrganisationRead) -> None:
        if message.scope == self.scope and message.period == self.period:
            self.screen_shown.show_organisation(message)

    @on(FeedUpdate)
    def _feed(self) -> None:
        """Another seat saved something: read the scope again, once for a burst."""
        if self._read_soon is None:
            self._read_soon = self.set_timer(LIVE_DELAY, self._read_soon_now)

    def _read_soon_now(self) -> None:
        self._read_soon = None
        self.read_again()

    def show_connection(self, online: bool, error: str) -> None:
        if online:
            self.read_again()

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        rows = key_help(self.settings)
        self.push_screen(HelpScreen(rows, self.language, notes=("help.manager",)))

    def action_period_next(self) -> None:
        self._choose((self.choice or PeriodChoice.LAST_YEAR).step(1))

    def action_period_previous(self) -> None:
        self._choose((self.choice or PeriodChoice.LAST_TWELVE_MONTHS).step(-1))

    def _choose(self, choice: PeriodChoice | None, period: Period | None = None) -> None:
        self.choice = choice
        self.period = period or choice.period(self._today())  # type: ignore[union-attr]
        self._header()
        self.read_again()

    def action_period_dates(self) -> None:
        def chosen(period: Period | None) -> None:
            if period is not None:
                self._choose(None, period)

        self.push_screen(PeriodDates(self.period, self.language), chosen)

    def action_unit_next(self) -> None:
        self._step_scope(1)

    def action_unit_previous(self) -> None:
        self._step_scope(-1)

    def _step_scope(self, by: int) -> None:
        if len(self.scopes) > 1:
            self.scope = (self.scope + by) % len(self.scopes)
            self._header()
            self.read_again()

    def action_reload(self) -> None:
        self.read_again()
