"""Modal forms the desk opens over its main screen."""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from reception_tui.domain.text import UnprintableText, checked_text
from reception_tui.store.engine import DatabaseFileGone
from reception_tui.store.repository import DatabaseUnavailable, SaveUncertain
from reception_tui.words import say, text

ResultT = TypeVar("ResultT")


def failure_text(error: BaseException | None, language: str) -> str:
    """Why a save failed, for the form: a lost database says plainly whether it was stored."""
    if isinstance(error, SaveUncertain):
        return text(language, "save_uncertain")
    if isinstance(error, DatabaseUnavailable):
        return text(language, "not_saved")
    if isinstance(error, DatabaseFileGone):
        return text(language, "file_not_saved")
    return text(language, "save_failed", error="" if error is None else say(language, error))


class Dialog(ModalScreen[ResultT]):
    """A modal form with one focus order, the same whether keys come slowly or in a burst.

    Only Tab and Shift+Tab move between fields (a click too, and a save that finds a field
    wrong puts the cursor there); picking from a list, by digit or arrow, leaves the focus where
    it is. The order is the order on screen and does not wrap: Tab in the last field and
    Shift+Tab in the first stay put, so an extra Tab never lands back on a list where letters
    would be taken as picks. Tab and Shift+Tab are priority bindings: they act the moment the
    key arrives, before the next key is handed to a field, so keys that come in one burst (a
    fast typist, "name<Tab>number") land in the field Tab moved to, not in the one it left.
    """

    BINDINGS = [
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "previous_field", show=False, priority=True),
    ]

    def action_next_field(self) -> None:
        self._step_focus(1)

    def action_previous_field(self) -> None:
        self._step_focus(-1)

    def _step_focus(self, step: int) -> None:
        chain = self.focus_chain
        if not chain:
            return
        focused = self.focused
        if focused not in chain:
            self.set_focus(chain[0] if step > 0 else chain[-1])
            return
        index = chain.index(focused) + step
        if 0 <= index < len(chain):
            # At once (Widget.focus waits a turn): the keys that follow go to the new field.
            self.set_focus(chain[index])

    def control_character(self, value: str, label: str) -> str | None:
        """What to say when `value`, typed or pasted into the field `label`, holds a control
        character (which is never stored); None when it holds none."""
        try:
            checked_text(value)
        except UnprintableText as error:
            return text(self.app.language, "control_character", field=label, code=error.codepoint)
        return None


class SavingDialog(Dialog[ResultT]):
    """A modal whose save runs in a thread worker (group "save").

    Success dismisses with the worker's result; a failure keeps the dialog open with what was
    typed, shown by `show_save_error`. Subclasses give `_language` and a `#dialog` container,
    whose bottom border shows the keys that work in the focused field (`keys_hint`).
    """

    _language: str
    _saving = False

    def keys_hint(self) -> str:
        """The keys line for the field that has the focus."""
        raise NotImplementedError

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self._saving:
            self.query_one("#dialog").border_subtitle = self.keys_hint()

    def begin_save(self) -> None:
        self._saving = True
        self.query_one("#dialog").border_subtitle = text(self._language, "form.saving")

    def show_save_error(self, message: str) -> None:
        raise NotImplementedError

    @on(Worker.StateChanged)
    def _save_finished(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "save" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
            return
        self._saving = False
        self.query_one("#dialog").border_subtitle = self.keys_hint()
        if event.state is WorkerState.ERROR:
            message = failure_text(event.worker.error, self._language)
            self.show_save_error(message)
            self.notify(message, severity="error", markup=False)

    def action_cancel(self) -> None:
        # Once a save has started it finishes; leaving now would hide whether it was stored.
        if not self._saving:
            self.dismiss(None)  # type: ignore[arg-type]
