"""The grid's and the queue's columns, each one spec: header, width rule, cell and style.

Adding a column is one entry here. Widths follow the space the terminal gives: each column has
the width it wants, the least it may shrink to, and a share of any space left over.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Generic, TypeVar

from reception_tui.domain.desk import DeskModel
from reception_tui.domain.display import format_moment, format_redirect
from reception_tui.domain.phones import format_phone
from reception_tui.domain.presence import Availability, availability
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, InquiryState
from reception_tui.tui.widgets.table import Column, Row
from reception_tui.words import text

RecordT = TypeVar("RecordT")


@dataclass(frozen=True)
class Shown:
    """What every cell of one redraw needs to know."""

    model: DeskModel
    now: datetime
    tz: tzinfo
    language: str


@dataclass(frozen=True)
class ColumnSpec(Generic[RecordT]):
    key: str
    """Also the catalogue's key for its header: `col.<key>`."""
    width: int
    """The width it wants."""
    cell: Callable[[Shown, RecordT], str]
    least: int | None = None
    """The least it shrinks to when the terminal is narrow (`width` when None)."""
    grow: int = 0
    """Its share of space left over (names get the most)."""
    style: Callable[[Shown, RecordT], str] | None = None

    def column(self, language: str) -> Column:
        return Column(
            self.key,
            text(language, f"col.{self.key}"),
            self.width,
            least=self.least,
            grow=self.grow,
        )


def columns(specs: Sequence[ColumnSpec[RecordT]], language: str) -> list[Column]:
    return [spec.column(language) for spec in specs]


def row(
    specs: Sequence[ColumnSpec[RecordT]], shown: Shown, key: int, record: RecordT, row_style: str
) -> Row:
    cells = tuple(spec.cell(shown, record) for spec in specs)
    styles = tuple(spec.style(shown, record) if spec.style else "" for spec in specs)
    return Row(key=key, cells=cells, styles=styles if any(styles) else None, row_style=row_style)


# ------------------------------------------------------------------ people


def _expected_back(shown: Shown, employee: EmployeeRecord) -> bool:
    status = shown.model.status(employee)
    return (
        status is not None
        and availability(status, employee.presence.return_at, shown.now)
        is Availability.EXPECTED_BACK
    )


def _status_cell(shown: Shown, employee: EmployeeRecord) -> str:
    status = shown.model.status(employee)
    label = status.label(shown.language) if status else employee.presence.status_code
    if _expected_back(shown, employee):
        # The words first: a narrow column cuts the label, never "väntas åter".
        return text(shown.language, "expected_back_status", status=label)
    return label


def _status_style(shown: Shown, employee: EmployeeRecord) -> str:
    status = shown.model.status(employee)
    return status.colour if status else ""


def _return_cell(shown: Shown, employee: EmployeeRecord) -> str:
    at = employee.presence.return_at
    # "sön 08:00" rather than "imorgon 08:00": it fits the column and reads the same.
    return format_moment(at, shown.now, shown.tz, shown.language, relative_days=False) if at else ""


def _redirect_cell(shown: Shown, employee: EmployeeRecord) -> str:
    # The extension first: it is what she dials, and it survives a narrow column.
    target = shown.model.redirect_target(employee)
    return format_redirect(employee.presence, target, extension_first=True)


STAFF_COLUMNS: tuple[ColumnSpec[EmployeeRecord], ...] = (
    ColumnSpec("name", 20, lambda s, e: e.name, least=14, grow=3, style=lambda s, e: "bold"),
    ColumnSpec("unit", 16, lambda s, e: e.unit_name, least=8, grow=2),
    ColumnSpec("extension", 5, lambda s, e: e.extension),
    ColumnSpec("status", 16, _status_cell, least=11, grow=1, style=_status_style),
    ColumnSpec("return", 9, _return_cell),
    ColumnSpec("redirect", 18, _redirect_cell, least=10, grow=2),
    ColumnSpec("title", 20, lambda s, e: e.title, least=10, grow=3),
)


def employee_row(shown: Shown, employee: EmployeeRecord) -> Row:
    row_style = "warning" if _expected_back(shown, employee) else ""
    return row(STAFF_COLUMNS, shown, employee.id, employee, row_style)


def unread_row(key: int) -> Row:
    """A person below the first screenful, before everyone is read."""
    return Row(key=key, cells=("…",) + ("",) * (len(STAFF_COLUMNS) - 1), row_style="muted")


# ------------------------------------------------------------------ the queue


def _due_cell(shown: Shown, inquiry: InquiryRecord) -> str:
    late = shown.now - inquiry.due_at
    if not inquiry.overdue(shown.now):
        return format_moment(inquiry.due_at, shown.now, shown.tz, shown.language)
    # A passed due time as a weekday would read as the coming one: say how late instead.
    minutes = int(late.total_seconds() // 60)
    if minutes < 60:
        return text(shown.language, "late_minutes", n=max(minutes, 1))
    if minutes < 24 * 60:
        return text(shown.language, "late_hours", n=minutes // 60)
    return text(shown.language, "late_days", n=late.days)


def _closed_cell(shown: Shown, inquiry: InquiryRecord) -> str:
    at = inquiry.closed_at
    return format_moment(at, shown.now, shown.tz, shown.language) if at else ""


def _contact_cell(shown: Shown, inquiry: InquiryRecord) -> str:
    if inquiry.caller_number:
        return format_phone(inquiry.caller_number)
    return inquiry.caller_email or ""


# Most useful first: when even the least widths do not fit, the last columns are cut.
QUEUE_COLUMNS: tuple[ColumnSpec[InquiryRecord], ...] = (
    ColumnSpec("for", 16, lambda s, i: i.for_name, least=10, grow=3),
    ColumnSpec("caller", 16, lambda s, i: i.caller_name, least=10, grow=3),
    ColumnSpec("due", 13, _due_cell),
    ColumnSpec("contact", 13, _contact_cell, least=11, grow=2),
    ColumnSpec(
        "received",
        9,
        lambda s, i: format_moment(i.received_at, s.now, s.tz, s.language, relative_days=False),
    ),
    ColumnSpec("attempts", 6, lambda s, i: str(i.attempts or "")),
)


# Where the queue lists closed inquiries: when each was closed, in the due time's place.
CLOSED_QUEUE_COLUMNS: tuple[ColumnSpec[InquiryRecord], ...] = tuple(
    replace(spec, key="closed", cell=_closed_cell) if spec.key == "due" else spec
    for spec in QUEUE_COLUMNS
)


def queue_columns(closed: bool) -> tuple[ColumnSpec[InquiryRecord], ...]:
    """The queue's columns where it lists closed inquiries, or open ones."""
    return CLOSED_QUEUE_COLUMNS if closed else QUEUE_COLUMNS


def inquiry_row(shown: Shown, inquiry: InquiryRecord) -> Row:
    if inquiry.state is InquiryState.CLOSED:
        return row(CLOSED_QUEUE_COLUMNS, shown, inquiry.id, inquiry, "")  # nothing is late
    if inquiry.overdue(shown.now):
        row_style = "error"
    elif inquiry.due_at.astimezone(shown.tz).date() == shown.now.astimezone(shown.tz).date():
        row_style = "warning"
    else:
        row_style = ""
    return row(QUEUE_COLUMNS, shown, inquiry.id, inquiry, row_style)
