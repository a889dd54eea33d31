"""What the desk's keys do: open a form, or save at once (a quick status, resolve, reassign).

Every save that needs no form runs through one worker (`_save`): it calls the repository,
posts what was saved for the app to put into the model, and turns a failure into words. A
conflict reads the row again, so the desk shows what the other seat saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reception_tui.actions import ACTIONS, Target, show_keys
from reception_tui.config import Settings
from reception_tui.domain.presence import PresenceError, StatusCode, find_status
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, PresenceRecord
from reception_tui.domain.returns import ReturnTimeError, describe_return, parse_return_time
from reception_tui.store.engine import DatabaseError
from reception_tui.store.repository import ConflictError, NewInquiry, NotClosed, NotFound
from reception_tui.tui.context import DeskContext
from reception_tui.tui.forms import failure_text
from reception_tui.tui.messages import (
    EmployeeReloaded,
    InquiryChanged,
    PresenceSaved,
    SaveFailed,
)
from reception_tui.words import say, text

SavedT = TypeVar("SavedT")

UNDO_TIME = timedelta(seconds=10)
"""How long the undo key is offered after an inquiry is resolved."""

REFUSALS = (PresenceError, ReturnTimeError, NotFound, NotClosed, ValueError, DatabaseError)
"""What a save may meet that is said in words, not as a failed worker."""


def action_words(settings: Settings, action_id: str) -> str:
    """An action's name as the footer and the palette show it, in the desk's language."""
    language = settings.organisation.language
    if action_id.startswith("quick_"):
        quick = settings.quick_statuses()
        number = int(action_id.rsplit("_", 1)[1])
        if number > len(quick):
            return ""
        status = quick[number - 1]
        what = status.label(language)
        if not status.default_return:
            return what
        return f"{what} ({describe_return(status.default_return, language)})"
    return text(language, f"action.{action_id}")


def desk_bindings(settings: Settings, *, read_only: bool) -> list[Binding]:
    """The desk's keys from the action registry, each with an id that `[keys]` can remap.
    Where the view only reads, a writing key says so instead of acting."""
    bindings = []
    for action in ACTIONS:
        if action.id == "quit":
            continue  # the app's
        method = action.method
        show = action.footer
        if read_only and action.writes:
            method, show = "read_only", False
        bindings.append(
            Binding(
                action.keys,
                method,
                action_words(settings, action.id),
                id=action.id,
                show=show,
            )
        )
    bindings.append(Binding("escape", "clear_search", show=False))
    if read_only:
        bindings.append(Binding("enter", "read_only", show=False))
    return bindings


def action_help(settings: Settings, action_id: str) -> str:
    """What an action does, in a sentence (help, the palette, README)."""
    language = settings.organisation.language
    if action_id.startswith("quick_"):
        return text(language, "action.quick.help", status=action_words(settings, action_id))
    return text(language, f"action.{action_id}.help")


def key_help(settings: Settings, *, read_only: bool) -> list[tuple[str, str]]:
    """(keys as shown, what they do) for the help screen, in registry order."""
    language = settings.organisation.language
    keymap = settings.keymap()
    rows = []
    for action in ACTIONS:
        if read_only and action.writes:
            continue
        if not action_words(settings, action.id):
            continue  # a quick key with no status behind it
        rows.append((show_keys(keymap[action.id]), action_help(settings, action.id)))
    return [*rows, ("Ctrl+P", text(language, "action.palette.help"))]


class DeskActions(Screen[None]):
    """The desk's actions; the screen (`DeskScreen`) gives the selection and the context."""

    context: DeskContext
    _undo: tuple[InquiryRecord, datetime] | None = None  # resolved here, and until when
    # Alt+R's saves still under way, and whether Ctrl+Z came meanwhile (in one burst of keys).
    _resolving: frozenset[Worker[None]] = frozenset()
    _undo_asked: bool = False

    @property
    def language(self) -> str:
        return self.context.language

    def selected_employee(self) -> EmployeeRecord | None:
        raise NotImplementedError

    def selected_inquiry(self) -> InquiryRecord | None:
        raise NotImplementedError

    def _need(self, target: Target) -> EmployeeRecord | InquiryRecord | None:
        chosen: EmployeeRecord | InquiryRecord | None
        if target is Target.PERSON:
            chosen, missing = self.selected_employee(), "no_employee"
        else:
            chosen, missing = self.selected_inquiry(), "no_inquiry"
        if chosen is None:
            self.notify(text(self.language, missing), severity="warning")
        return chosen

    def _need_employee(self) -> EmployeeRecord | None:
        employee = self._need(Target.PERSON)
        assert employee is None or isinstance(employee, EmployeeRecord)
        return employee

    def _need_inquiry(self) -> InquiryRecord | None:
        inquiry = self._need(Target.INQUIRY)
        assert inquiry is None or isinstance(inquiry, InquiryRecord)
        return inquiry

    def action_read_only(self) -> None:
        self.notify(text(self.language, "read_only_refused"), severity="warning", timeout=3)

    def action_help(self) -> None:
        from reception_tui.tui.screens.help import HelpScreen

        context = self.context
        rows = key_help(context.settings, read_only=context.read_only)
        self.app.push_screen(HelpScreen(rows, self.language))

    # -------------------------------------------------------------- one save, many actions

    @work(thread=True, group="desk-save", exit_on_error=False)
    def _save(
        self,
        write: Callable[[], SavedT],
        saved: Callable[[SavedT], Message],
        reread: Callable[[], Message | None],
    ) -> None:
        """Run `write`; post `saved(result)`, or the failure (and after a conflict, the row
        read again by `reread`)."""
        try:
            result = write()
        except ConflictError as error:
            worded = say(self.language, error)
            self.post_message(SaveFailed(text(self.language, "conflict", error=worded)))
            again = reread()
            if again is not None:
                self.post_message(again)
            return
        except REFUSALS as error:
            message = failure_text(error, self.language)
            self.post_message(SaveFailed(message))
            return
        self.post_message(saved(result))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        # A worker that fails must never take the desk down: say what happened and go on.
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                text(self.language, "failed", error=say(self.language, error) if error else ""),
                severity="error",
                timeout=10,
                markup=False,
            )

    def _reread_employee(self, employee_id: int) -> EmployeeReloaded | None:
        context = self.context
        try:
            employee = context.repository.employee(
                employee_id, default_status=context.default_status
            )
        except NotFound:
            return None
        return EmployeeReloaded(employee)

    def _reread_inquiry(self, inquiry_id: int) -> InquiryChanged:
        return InquiryChanged(self.context.repository.inquiry(inquiry_id))

    @work(thread=True, group="desk-load-one", exit_on_error=False)
    def reload_employee(self, employee_id: int) -> None:
        reloaded = self._reread_employee(employee_id)
        if reloaded is not None:
            self.post_message(reloaded)

    @work(thread=True, group="desk-load-one", exit_on_error=False)
    def reload_inquiry(self, inquiry_id: int) -> None:
        self.post_message(self._reread_inquiry(inquiry_id))

    # -------------------------------------------------------------- people

    def action_redirect(self, status_code: str | None = None) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        from reception_tui.tui.forms.redirect import RedirectForm, RedirectRequest

        context = self.context
        repository = context.repository
        model = context.model

        def save(request: RedirectRequest) -> PresenceRecord:
            return repository.set_presence(
                request.employee_id,
                status=request.status,
                return_at=request.return_at,
                expected_version=request.expected_version,
                redirect_employee_id=request.redirect_employee_id,
                redirect_number=request.redirect_number,
                note=request.note,
            )

        def saved(presence: PresenceRecord | None) -> None:
            if presence is not None:
                self.post_message(PresenceSaved(employee.id, presence))
            else:
                self.reload_employee(employee.id)

        initial = find_status(context.statuses, status_code) if status_code else None
        self.app.push_screen(
            RedirectForm(
                employee,
                statuses=context.statuses,
                language=self.language,
                calendar=repository.calendar,
                clock=context.clock,
                find_colleagues=model.find_colleagues,
                colleague=model.employees.get,
                # Exact extensions rank first in the search, so six results are enough.
                extension_holder=lambda digits: next(
                    (e for e in model.find_colleagues(digits) if e.extension == digits), None
                ),
                save=save,
                initial_status=initial,
            ),
            saved,
        )

    def action_available(self) -> None:
        employee = self._need_employee()
        if employee is not None:
            self.save_status(employee, self.context.settings.available_status())

    def action_quick(self, number: int) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        quick = self.context.settings.quick_statuses()
        if not 1 <= number <= len(quick):
            self.notify(text(self.language, "quick_missing"), severity="warning")
            return
        status = quick[number - 1]
        if status.needs_return and not status.default_return:
            # No sensible default: ask for the return time in the full form.
            self.action_redirect(status.code)
            return
        self.save_status(employee, status)

    def save_status(self, employee: EmployeeRecord, status: StatusCode) -> None:
        """A quick status starts afresh: its default return time, no redirect, no note."""
        context = self.context
        repository = context.repository

        def write() -> PresenceRecord:
            return_at = None
            if status.needs_return and status.default_return:
                now = context.clock.now()
                return_at = parse_return_time(status.default_return, now, repository.calendar)
            return repository.set_presence(
                employee.id,
                status=status,
                return_at=return_at,
                expected_version=employee.presence.version,
            )

        self._save(
            write,
            lambda presence: PresenceSaved(employee.id, presence),
            lambda: self._reread_employee(employee.id),
        )

    def action_message(self) -> None:
        employee = self._need_employee()
        if employee is None:
            return
        from reception_tui.tui.forms.message import MessageForm

        context = self.context
        repository = context.repository

        def add(new: NewInquiry) -> InquiryRecord:
            (inquiry_id,) = repository.add_inquiries([new])
            return repository.inquiry(inquiry_id)

        def saved(inquiry: InquiryRecord | None) -> None:
            if inquiry is not None:
                self.post_message(InquiryChanged(inquiry))

        self.app.push_screen(
            MessageForm(
                employee=employee,
                language=self.language,
                calendar=repository.calendar,
                clock=context.clock,
                save=add,
            ),
            saved,
        )

    # -------------------------------------------------------------- the queue

    def action_attempt(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.forms.attempt import AttemptForm

        context = self.context

        def saved(attempt: object) -> None:
            if attempt is not None:
                self.reload_inquiry(inquiry.id)

        self.app.push_screen(
            AttemptForm(
                inquiry,
                language=self.language,
                clock=context.clock,
                calendar=context.repository.calendar,
                save=context.repository.log_attempt,
            ),
            saved,
        )

    def action_resolve(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        repository = self.context.repository
        keys = show_keys(self.context.settings.keymap()["undo"])

        def resolved(closed: InquiryRecord) -> InquiryChanged:
            self._undo = (closed, self.context.clock.now() + UNDO_TIME)
            notice = text(self.language, "resolved", caller=inquiry.caller_name, keys=keys)
            return InquiryChanged(closed, notice, UNDO_TIME.total_seconds())

        saving = self._save(
            lambda: repository.resolve_inquiry(inquiry.id, expected_version=inquiry.version),
            resolved,
            lambda: self._reread_inquiry(inquiry.id),
        )
        self._resolving |= {saving}

    @on(Worker.StateChanged)
    def _resolve_saved(self, event: Worker.StateChanged) -> None:
        """A close is saved (or refused): a Ctrl+Z that came before it undoes it now."""
        if event.worker not in self._resolving or not event.worker.is_finished:
            return
        self._resolving -= {event.worker}
        if self._undo_asked and not self._resolving:
            self._undo_asked = False
            self.action_undo()

    def action_undo(self) -> None:
        if self._resolving:
            self._undo_asked = True  # Ctrl+Z on Alt+R's heels: undone once the close is saved
            return
        undo, self._undo = self._undo, None
        if undo is None or self.context.clock.now() > undo[1]:
            self.notify(text(self.language, "nothing_to_undo"), severity="warning", timeout=3)
            return
        self._reopen(undo[0])

    def action_reopen(self) -> None:
        """The selected closed inquiry, open again (the queue lists closed ones only where
        this is offered)."""
        inquiry = self._need_inquiry()
        if inquiry is not None:
            self._reopen(inquiry)

    def _reopen(self, closed: InquiryRecord) -> None:
        repository = self.context.repository
        notice = text(self.language, "reopened", caller=closed.caller_name)
        self._save(
            lambda: repository.reopen_inquiry(closed.id, expected_version=closed.version),
            lambda opened: InquiryChanged(opened, notice),
            lambda: self._reread_inquiry(closed.id),
        )

    def action_reassign(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.forms.reassign import ReassignForm

        repository = self.context.repository

        def moved(record: InquiryRecord) -> InquiryChanged:
            notice = text(
                self.language, "reassigned", caller=record.caller_name, name=record.for_name
            )
            return InquiryChanged(record, notice)

        def chosen(employee_id: int | None) -> None:
            if employee_id is not None:
                self._save(
                    lambda: repository.reassign_inquiry(
                        inquiry.id, employee_id=employee_id, expected_version=inquiry.version
                    ),
                    moved,
                    lambda: self._reread_inquiry(inquiry.id),
                )

        self.app.push_screen(
            ReassignForm(
                inquiry, language=self.language, find_colleagues=self.context.model.find_colleagues
            ),
            chosen,
        )

    def action_details(self) -> None:
        inquiry = self._need_inquiry()
        if inquiry is None:
            return
        from reception_tui.tui.screens.inquiry import InquiryDetails

        context = self.context
        self.app.push_screen(
            InquiryDetails(
                inquiry,
                language=self.language,
                clock=context.clock,
                calendar=context.repository.calendar,
                load_attempts=context.repository.attempts,
            )
        )
