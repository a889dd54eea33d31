"""What the follow-up counts, kept with each inquiry: the unit it came in for, and its progress.

The yearly figures for a million inquiries are counted by the database from one index, so each
inquiry carries the unit it was for when it came in and what its attempts and resolution say
(first attempt, reached or not, when it was answered, and the office minutes to each).

Existing inquiries get the unit they are for now (their own unit, else their employee's), the
best the database knows; their minutes are counted with the calendar the upgrading program runs
with (`config.attributes["calendar"]`), else the default office hours.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from reception_tui.store.tables import (
    FOLLOW_UP_COLUMNS,
    MINUTES_INDEX,
    UTCDateTime,
    minutes_index_columns,
)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000


def upgrade() -> None:
    with op.batch_alter_table("inquiry") as batch:
        batch.add_column(sa.Column("unit_at_receipt_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("first_attempt_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("first_attempt_reached", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("answered_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("minutes_to_first_attempt", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("minutes_to_answer", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_inquiry_unit_at_receipt_id_unit", "unit", ["unit_at_receipt_id"], ["id"]
        )
    _fill(op.get_bind())
    op.create_index("ix_inquiry_followup", "inquiry", list(FOLLOW_UP_COLUMNS))
    for minutes, name in MINUTES_INDEX.items():
        op.create_index(name, "inquiry", list(minutes_index_columns(minutes)))


def _fill(connection: sa.Connection) -> None:
    from reception_tui.domain.followup import progress

    calendar = context.config.attributes.get("calendar")
    if calendar is None:
        from reception_tui.config import Settings

        calendar = Settings().calendar()
    inquiry = sa.table(
        "inquiry",
        sa.column("id", sa.Integer()),
        sa.column("unit_id", sa.Integer()),
        sa.column("employee_id", sa.Integer()),
        sa.column("received_at", UTCDateTime()),
        sa.column("state", sa.String()),
        sa.column("closed_at", UTCDateTime()),
        sa.column("unit_at_receipt_id", sa.Integer()),
        sa.column("first_attempt_at", UTCDateTime()),
        sa.column("first_attempt_reached", sa.Boolean()),
        sa.column("answered_at", UTCDateTime()),
        sa.column("minutes_to_first_attempt", sa.Integer()),
        sa.column("minutes_to_answer", sa.Integer()),
    )
    employee = sa.table("employee", sa.column("id", sa.Integer()), sa.column("unit_id"))
    attempt = sa.table(
        "callback_attempt",
        sa.column("inquiry_id", sa.Integer()),
        sa.column("at", UTCDateTime()),
        sa.column("outcome", sa.String()),
        sa.column("id", sa.Integer()),
    )
    connection.execute(
        sa.update(inquiry).values(
            unit_at_receipt_id=sa.func.coalesce(
                inquiry.c.unit_id,
                sa.select(employee.c.unit_id)
                .where(employee.c.id == inquiry.c.employee_id)
                .scalar_subquery(),
            )
        )
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(inquiry.c.id, inquiry.c.received_at, inquiry.c.state, inquiry.c.closed_at)
            .where(inquiry.c.id > last)
            .order_by(inquiry.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        attempts: dict[int, list[tuple[Any, bool]]] = {}
        for inquiry_id, at, outcome in connection.execute(
            sa.select(attempt.c.inquiry_id, attempt.c.at, attempt.c.outcome)
            .where(attempt.c.inquiry_id.between(rows[0].id, last))
            .order_by(attempt.c.inquiry_id, attempt.c.at, attempt.c.id)
        ):
            attempts.setdefault(inquiry_id, []).append((at, outcome == "reached"))
        updates = []
        for row in rows:
            closed = row.closed_at if row.state == "closed" else None
            found = progress(row.received_at, attempts.get(row.id, ()), closed, calendar)
            if found.first_attempt_at is None and found.answered_at is None:
                continue
            updates.append({"key": row.id, **asdict(found)})
        if updates:
            connection.execute(
                sa.update(inquiry).where(inquiry.c.id == sa.bindparam("key")), updates
            )


def downgrade() -> None:
    for name in MINUTES_INDEX.values():
        op.drop_index(name, table_name="inquiry")
    op.drop_index("ix_inquiry_followup", table_name="inquiry")
    with op.batch_alter_table("inquiry") as batch:
        batch.drop_constraint("fk_inquiry_unit_at_receipt_id_unit", type_="foreignkey")
        for name in (
            "minutes_to_answer",
            "minutes_to_first_attempt",
            "answered_at",
            "first_attempt_reached",
            "first_attempt_at",
            "unit_at_receipt_id",
        ):
            batch.drop_column(name)
