"""Every message of the app: small dataclasses that workers and threads post upward.

Workers read and write the database; they post one of these, and a handler (in the app, or in
the screen that started the worker) changes the state and redraws.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from textual.message import Message

from reception_tui.config import ConfigError, Settings
from reception_tui.domain.desk import DeskRead
from reception_tui.domain.followup import UnitFollowUp, WeekShare
from reception_tui.domain.periods import Period
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, PresenceRecord
from reception_tui.store.database_file import FileState
from reception_tui.store.repository import ImportSummary
from reception_tui.store.snapshot import SnapshotWrite

# -- the manager's screen -----------------------------------------------------------------------


@dataclass
class ManagerRead(Message):
    """One unit (or the whole organisation) read for the manager's screen: its people, their
    redirect targets elsewhere and its open inquiries; its figures follow (`FiguresRead`)."""

    scope: int
    """Which of the app's scopes (units) this is, by index: a read for one the manager has
    stepped away from is dropped."""
    period: Period
    people: list[EmployeeRecord]
    targets: dict[int, EmployeeRecord]
    inquiries: list[InquiryRecord]
    change_id: int


@dataclass
class FiguresRead(Message):
    """The follow-up of the period for the scope of a `ManagerRead`, and when its inquiries
    came in: after its people, as the whole organisation's takes a scan of every inquiry
    (scope and period as in `ManagerRead`)."""

    scope: int
    period: Period
    follow_up: UnitFollowUp
    heat: tuple[tuple[int, ...], ...]


@dataclass
class OrganisationRead(Message):
    """The whole organisation's share within the deadline over the period and week by week,
    set beside the unit's on the manager's screen (scope and period as in `ManagerRead`)."""

    scope: int
    period: Period
    name: str
    share: float | None
    weekly: list[WeekShare]


# -- the desk's reads and saves ---------------------------------------------------------------


@dataclass
class DeskPeeked(Message):
    """How many are on the desk and the first screenful of them, in order: the first frame."""

    total: int
    employees: list[EmployeeRecord]


@dataclass
class DeskLoaded(Message):
    """Everyone, the open queue and the recently closed, read and prepared off the UI
    thread (or from the desk's snapshot); `unseen` are the change ids below the read's that
    were not visible when it began, and `snapshot` what to keep of a full read."""

    read: DeskRead
    unseen: tuple[int, ...] = ()
    snapshot: SnapshotWrite | None = None


@dataclass
class PresenceSaved(Message):
    employee_id: int
    presence: PresenceRecord


@dataclass
class EmployeeReloaded(Message):
    employee: EmployeeRecord


@dataclass
class InquiryChanged(Message):
    """An inquiry this desk saved or read again; `notice` is said when it is shown."""

    inquiry: InquiryRecord
    notice: str = ""
    notice_seconds: float = 3.0


@dataclass
class SaveFailed(Message):
    text: str


# -- live updates (posted from the follower's thread) ------------------------------------------


@dataclass
class FeedUpdate(Message):
    """Rows other seats (or this one) changed, read fresh from the database."""

    employees: dict[int, EmployeeRecord] = field(default_factory=dict)
    missing_employees: frozenset[int] = frozenset()
    inquiries: dict[int, InquiryRecord] = field(default_factory=dict)
    everything: bool = False


@dataclass
class Connectivity(Message):
    online: bool
    error: str


@dataclass
class LiveFailed(Message):
    error: str


@dataclass
class DatabaseFileChanged(Message):
    """The SQLite file's path names another file than the one open (or that one again).

    `error` says why a replacement was not opened instead, when it was tried.
    """

    state: FileState
    path: Path
    error: str = ""


@dataclass
class DatabaseReopened(Message):
    """The SQLite file was replaced by another database, which is now open on `engine`."""

    engine: sa.Engine
    path: Path
    change_id: int


@dataclass
class ConfigReloaded(Message):
    settings: Settings


@dataclass
class ConfigFailed(Message):
    error: ConfigError


@dataclass
class StaffImported(Message):
    path: Path
    summary: ImportSummary
    unknown_columns: list[str]
    encoding: str = "UTF-8"


@dataclass
class StaffImportFailed(Message):
    path: Path
    error: str
