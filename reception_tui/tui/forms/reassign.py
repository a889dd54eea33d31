"""Move an inquiry to another employee, chosen by search."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from reception_tui.domain.records import EmployeeRecord, InquiryRecord
from reception_tui.domain.text import printable
from reception_tui.tui.forms import Dialog
from reception_tui.tui.widgets.colleague import ColleaguePicker
from reception_tui.words import text


class ReassignForm(Dialog[int | None]):
    """Dismisses with the chosen employee's id, or None."""

    DEFAULT_CSS = """
    ReassignForm { align: center middle; }
    ReassignForm > Vertical {
        width: 64; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    ReassignForm .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "choose", show=False),
    ]

    def __init__(
        self,
        inquiry: InquiryRecord,
        *,
        language: str,
        find_colleagues: Callable[[str], Sequence[EmployeeRecord]],
    ) -> None:
        super().__init__()
        self.inquiry = inquiry
        self.language = language
        self.find_colleagues = find_colleagues

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = text(self.language, "reassign.title")
            inquiry = self.inquiry
            yield Static(printable(f"{inquiry.caller_name} → {inquiry.for_name}"), markup=False)
            yield ColleaguePicker(
                self.find_colleagues, allow_number=False, placeholder="", language=self.language
            )
            yield Static(text(self.language, "reassign.hint"), classes="hint", markup=False)

    @on(ColleaguePicker.Changed)
    def _changed(self, event: ColleaguePicker.Changed) -> None:
        if self.query_one(ColleaguePicker).selected_id is not None:
            self.action_choose()

    def action_choose(self) -> None:
        chosen = self.query_one(ColleaguePicker).selected_id
        if chosen is not None:
            self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
