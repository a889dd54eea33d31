"""Modal forms the desk opens over its main screen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from reception_tui.domain.text import UnprintableText, checked_text
from reception_tui.store.engine import DatabaseFileGone
from reception_tui.store.repository import DatabaseUnavailable, SaveUncertain
from reception_tui.tui.widgets.colleague import ColleaguePicker
from reception_tui.words import say, text

ResultT = TypeVar("ResultT")


def failure_text(error: BaseException | None, language: str, template: str) -> str:
    """Why a save failed, for the form: a lost database says plainly whether it was stored."""
    if isinstance(error, SaveUncertain):
        return text(language, "save_uncertain")
    if isinstance(error, DatabaseUnavailable):
        return text(language, "not_saved")
    if isinstance(error, DatabaseFileGone):
        return text(language, "file_not_saved")
    if error is None:
        return template.format(error="")
    return template.format(error=say(language, error))


def dialog_css(screen: str) -> str:
    """The centred, bordered dialog box (`#dialog`) that the desk's modals share."""
    return f"""
    {screen} {{
        align: center middle;
    }}
    {screen} > #dialog {{
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }}
"""


class Dialog(ModalScreen[ResultT]):
    """A modal form whose Tab and Shift+Tab move between fields the moment the key arrives.

    As priority bindings they act before the next key is handed to a field, so keys that come
    in one burst (a paste, a fast typist, "name<Tab>number") land in the field Tab moved to,
    not in the one it left. A colleague picker showing suggestions takes Tab for itself.
    """

    BINDINGS = [
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "previous_field", show=False, priority=True),
    ]

    def action_next_field(self) -> None:
        picker = self._open_picker()
        if picker is not None:
            picker.action_accept()
        else:
            self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def control_character(self, value: str, label: str) -> str | None:
        """What to say when `value`, typed or pasted into the field `label`, holds a control
        character (which is never stored); None when it holds none."""
        try:
            checked_text(value)
        except UnprintableText as error:
            return text(self.app.language, "control_character", field=label, code=error.codepoint)
        return None

    def _open_picker(self) -> ColleaguePicker | None:
        focused = self.focused
        if focused is None:
            return None
        for node in focused.ancestors_with_self:
            if isinstance(node, ColleaguePicker):
                return node if node.is_open else None
        return None


class SavingDialog(Dialog[ResultT]):
    """A modal whose save runs in a thread worker (group "save").

    Success dismisses with the worker's result; a failure keeps the dialog open with what was
    typed, shown by `show_save_error`. Subclasses give `_texts` ("saving", "keys",
    "save_failed") and a `#dialog` container.
    """

    _texts: Mapping[str, str]
    _language: str
    _saving = False

    def begin_save(self) -> None:
        self._saving = True
        self.query_one("#dialog").border_subtitle = self._texts["saving"]

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
        self.query_one("#dialog").border_subtitle = self._texts["keys"]
        if event.state is WorkerState.ERROR:
            message = failure_text(event.worker.error, self._language, self._texts["save_failed"])
            self.show_save_error(message)
            self.notify(message, severity="error", markup=False)

    def action_cancel(self) -> None:
        # Once a save has started it finishes; leaving now would hide whether it was stored.
        if not self._saving:
            self.dismiss(None)  # type: ignore[arg-type]
