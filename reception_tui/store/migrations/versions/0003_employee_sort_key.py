"""Employees get the key the desk lists them by, so it can show the first screenful at once.

`sort_key` is the full name's key in Swedish alphabetical order (`domain.text.name_key`);
active people in (sort_key, id) order are exactly the order of the desk's search index, so
the desk reads only the first screenful before its first frame and the rest afterwards.
PostgreSQL compares the key with the "C" collation, byte by byte, as Python and SQLite do.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reception_tui.domain.text import name_key

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5000


def upgrade() -> None:
    key_type = sa.String(length=201).with_variant(
        sa.String(length=201, collation="C"), "postgresql"
    )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_key", key_type, nullable=False, server_default=""))
    employee = sa.table(
        "employee",
        sa.column("id", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("sort_key", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(employee.c.id, employee.c.first_name, employee.c.last_name)
    ).all()
    update = (
        employee.update()
        .where(employee.c.id == sa.bindparam("_id"))
        .values(sort_key=sa.bindparam("_key"))
    )
    for start in range(0, len(rows), _BATCH):
        connection.execute(
            update,
            [
                {"_id": id_, "_key": name_key(first, last)}
                for id_, first, last in rows[start : start + _BATCH]
            ],
        )
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.create_index(
            "ix_employee_active_sort_key", ["active", "sort_key", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("employee", schema=None) as batch_op:
        batch_op.drop_index("ix_employee_active_sort_key")
        batch_op.drop_column("sort_key")
