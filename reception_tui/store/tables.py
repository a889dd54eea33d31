"""The database tables (design.md §4). Every datetime is stored and read as aware UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.domain.text import name_key


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that refuses naive datetimes and always comes back as aware UTC.

    SQLite keeps no offset, so values are normalised to UTC on the way in and tagged on the way
    out; PostgreSQL stores `timestamptz` and gets the same treatment.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store aware datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def bulk_processor(self, dialect: sa.Dialect) -> Callable[[datetime | None], Any]:
        """What this type and then the driver's own format make of a value, as one quick
        step: for a writer that binds rows by the ten thousand itself, where SQLAlchemy's
        processing of each value would cost more than the database's writing of it
        (`Repository.add_history`). The same value the type binds (tested)."""
        if dialect.name != "sqlite":
            return partial(self.process_bind_param, dialect=dialect)

        def to_text(value: datetime | None) -> str | None:
            # SQLAlchemy keeps SQLite's datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC.
            if value is None:
                return None
            if value.tzinfo is None:
                raise ValueError(f"naive datetime {value!r}: store aware datetimes only")
            if value.tzinfo is not UTC:
                value = value.astimezone(UTC)
            return value.isoformat(" ", "microseconds")[:26]

        return to_text

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQLite text, e.g. from a hand-written query
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _at(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


class Unit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=MAX_LENGTH["unit.name"], unique=True)
    # Free text such as "mån-fre 09:00-11:00"; empty when the unit keeps normal office hours.
    phone_hours: str | None = Field(default=None, max_length=MAX_LENGTH["unit.phone_hours"])
    # Set by the unit's manager when nobody is in: where calls go instead.
    unmanned_redirect: str | None = Field(
        default=None, max_length=MAX_LENGTH["unit.unmanned_redirect"]
    )


class SortKey(TypeDecorator[str]):
    """Text compared byte by byte, as Python compares strings, on every database.

    PostgreSQL's default collation follows the server's locale, which would order the keys
    differently from the desk's search index, so there the column uses the "C" collation.
    """

    impl = sa.String(length=MAX_LENGTH["employee.sort_key"])
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(
                sa.String(length=MAX_LENGTH["employee.sort_key"], collation="C")
            )
        return dialect.type_descriptor(self.impl)


def _sort_key_default(context: Any) -> str:
    values = context.get_current_parameters()
    return name_key(values.get("first_name", ""), values.get("last_name", ""))


class Employee(SQLModel, table=True):
    __table_args__ = (
        # The desk's first screenful: active people in name order, without reading everyone.
        sa.Index("ix_employee_active_sort_key", "active", "sort_key", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_number: str | None = Field(
        default=None, max_length=MAX_LENGTH["employee.employee_number"], unique=True
    )
    first_name: str = Field(max_length=MAX_LENGTH["employee.first_name"])
    last_name: str = Field(max_length=MAX_LENGTH["employee.last_name"])
    title: str = Field(default="", max_length=MAX_LENGTH["employee.title"])
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    extension: str = Field(default="", max_length=MAX_LENGTH["employee.extension"], index=True)
    mobile: str = Field(default="", max_length=MAX_LENGTH["employee.mobile"])
    email: str = Field(default="", max_length=MAX_LENGTH["employee.email"], index=True)
    keywords: str = Field(default="", max_length=MAX_LENGTH["employee.keywords"])
    visiting_address: str = Field(default="", max_length=MAX_LENGTH["employee.visiting_address"])
    active: bool = Field(default=True)
    # domain.text.name_key(first_name, last_name): made by every insert that names someone,
    # and written by every update of a name (the staff import).
    sort_key: str = Field(
        default="", sa_type=SortKey, sa_column_kwargs={"default": _sort_key_default}
    )


class Presence(SQLModel, table=True):
    """An employee's current status. No row means available, never set (version 0)."""

    employee_id: int = Field(foreign_key="employee.id", primary_key=True)
    status_code: str = Field(max_length=MAX_LENGTH["presence.status_code"])
    return_at: datetime | None = _at(default=None)
    redirect_employee_id: int | None = Field(default=None, foreign_key="employee.id")
    redirect_number: str | None = Field(
        default=None, max_length=MAX_LENGTH["presence.redirect_number"]
    )
    note: str = Field(default="", max_length=MAX_LENGTH["presence.note"])
    set_by: str = Field(max_length=MAX_LENGTH["actor"])
    set_at: datetime = _at()
    version: int = Field(default=1)


# What the follow-up reads of an inquiry (design §9), in the order of its index.
FOLLOW_UP_COLUMNS = (
    "unit_at_receipt_id",
    "channel",
    "received_at",
    "state",
    "due_at",
    "answered_at",
    "first_attempt_reached",
    "minutes_to_first_attempt",
    "minutes_to_answer",
)

# The follow-up's office minutes (to the first attempt, to the answer) each have an index by
# unit, channel and minutes, from which their histograms stream out already grouped.
MINUTES_INDEX = {
    "minutes_to_first_attempt": "ix_inquiry_to_first_attempt",
    "minutes_to_answer": "ix_inquiry_to_answer",
}


def minutes_index_columns(minutes: str) -> tuple[str, ...]:
    return ("unit_at_receipt_id", "channel", minutes, "received_at")


class Inquiry(SQLModel, table=True):
    """A missed call or message to be answered within the deadline."""

    __table_args__ = (
        # The open queue is a small slice of a large table: index only the open rows, in queue
        # order. An index on received_at alone made this query slower than none.
        sa.Index(
            "ix_inquiry_open_queue",
            "due_at",
            "received_at",
            "id",
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        ),
        sa.Index("ix_inquiry_closed_at", "closed_at"),
        # The follow-up counts a unit's inquiries of a period from this index alone: a unit's
        # screen reads its range, the yearly report streams it unit by unit without sorting.
        sa.Index("ix_inquiry_followup", *FOLLOW_UP_COLUMNS),
        *(sa.Index(name, *minutes_index_columns(col)) for col, name in MINUTES_INDEX.items()),
        sa.CheckConstraint("state IN ('open', 'closed')", name="ck_inquiry_state"),
        sa.CheckConstraint("channel IN ('phone', 'email', 'visit')", name="ck_inquiry_channel"),
    )

    id: int | None = Field(default=None, primary_key=True)
    received_at: datetime = _at()
    channel: str = Field(max_length=10)
    caller_name: str = Field(max_length=MAX_LENGTH["inquiry.caller_name"])
    caller_number: str | None = Field(default=None, max_length=MAX_LENGTH["inquiry.caller_number"])
    caller_email: str | None = Field(default=None, max_length=MAX_LENGTH["inquiry.caller_email"])
    employee_id: int | None = Field(default=None, foreign_key="employee.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    subject: str = Field(default="", max_length=MAX_LENGTH["inquiry.subject"])
    due_at: datetime = _at()
    state: str = Field(default="open", max_length=10)
    closed_at: datetime | None = _at(default=None)
    created_by: str = Field(max_length=MAX_LENGTH["actor"])
    version: int = Field(default=1)
    # The follow-up (design §9): the unit it was for when it came in (its unit, or its
    # employee's unit then; a reassignment leaves it), and its progress
    # (domain.followup.progress), kept by every attempt, resolve and reopen.
    unit_at_receipt_id: int | None = Field(default=None, foreign_key="unit.id")
    first_attempt_at: datetime | None = _at(default=None)
    first_attempt_reached: bool | None = Field(default=None)
    answered_at: datetime | None = _at(default=None)
    minutes_to_first_attempt: int | None = Field(default=None)
    minutes_to_answer: int | None = Field(default=None)


class CallbackAttempt(SQLModel, table=True):
    __tablename__ = "callback_attempt"

    id: int | None = Field(default=None, primary_key=True)
    inquiry_id: int = Field(foreign_key="inquiry.id", index=True, ondelete="CASCADE")
    at: datetime = _at()
    by: str = Field(max_length=MAX_LENGTH["actor"])
    outcome: str = Field(max_length=20)
    note: str = Field(default="", max_length=MAX_LENGTH["callback_attempt.note"])


class Change(SQLModel, table=True):
    """Append-only audit trail, and the feed other seats follow by id."""

    __table_args__ = (
        # The purge of old presence history (every writable desk's start) finds its rows by it.
        sa.Index("ix_change_entity_at", "entity", "at"),
    )

    # 64-bit on PostgreSQL; SQLite needs plain INTEGER for its rowid autoincrement.
    id: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
    )
    at: datetime = _at()
    actor: str = Field(max_length=MAX_LENGTH["actor"])
    entity: str = Field(max_length=30)
    entity_id: int
    action: str = Field(max_length=30)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
