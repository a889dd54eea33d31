"""Plain records that the store hands upward: what the desk and the CLI show.

They are frozen (see `record`), never ORM rows, so nothing above the store holds a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import TypeVar, dataclass_transform

from reception_tui.domain.calendar import past_due

_Record = TypeVar("_Record")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_Record]) -> type[_Record]:
    """A record: frozen to the type checker, which refuses any assignment to a field.

    At run time a plain slotted dataclass (hashed by its fields, as a frozen one is): a frozen
    dataclass's `__init__` sets each field through `object.__setattr__`, which makes building
    one three times as slow, 0.36 s of the desk's read at 100,000 people.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


class Channel(Enum):
    PHONE = "phone"
    EMAIL = "email"
    VISIT = "visit"


class InquiryState(Enum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(Enum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong_number"


@record
class UnitRecord:
    id: int
    name: str
    phone_hours: str | None
    unmanned_redirect: str | None


@record
class PresenceRecord:
    """Someone's current status; `version` 0 means never set (available by default)."""

    status_code: str
    return_at: datetime | None
    redirect_employee_id: int | None
    redirect_number: str | None
    note: str
    set_by: str | None
    set_at: datetime | None
    version: int


@record
class EmployeeRecord:
    id: int
    employee_number: str | None
    first_name: str
    last_name: str
    title: str
    unit_id: int | None
    unit_name: str
    extension: str
    mobile: str
    email: str
    keywords: str
    visiting_address: str
    active: bool
    presence: PresenceRecord
    #: The key the desk lists people by (`text.name_key`), as the database keeps it; "" when
    #: not read, and then the search index makes it from the name.
    sort_key: str = field(default="", kw_only=True)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@record
class AttemptRecord:
    id: int
    inquiry_id: int
    at: datetime
    by: str
    outcome: Outcome
    note: str


@record
class InquiryRecord:
    id: int
    received_at: datetime
    channel: Channel
    caller_name: str
    caller_number: str | None
    caller_email: str | None
    employee_id: int | None
    unit_id: int | None
    for_name: str
    subject: str
    due_at: datetime
    state: InquiryState
    closed_at: datetime | None
    attempts: int
    version: int

    def overdue(self, now: datetime) -> bool:
        """Open with its deadline passed at `now`."""
        return self.state is InquiryState.OPEN and past_due(self.due_at, now)
