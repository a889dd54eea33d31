"""Modal forms the desk opens over its main screen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from reception_tui.store.repository import DatabaseUnavailable, SaveUncertain
from reception_tui.tui.text import text

ResultT = TypeVar("ResultT")


def failure_text(error: BaseException | None, language: str, template: str) -> str:
    """Why a save failed, for the form: a lost database says plainly whether it was stored."""
    if isinstance(error, SaveUncertain):
        return text(language, "save_uncertain")
    if isinstance(error, DatabaseUnavailable):
        return text(language, "not_saved")
    return template.format(error=str(error) or type(error).__name__)


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


class SavingDialog(ModalScreen[ResultT]):
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
