"""PostgreSQL: every insert into the change log notifies the seats that LISTEN.

The notification is sent when the writing transaction commits, so a seat wakes exactly when
there is something new to read. SQLite has no such thing; its seats watch the database folder.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "reception_tui_change"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION reception_tui_notify_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{CHANNEL}', '');
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER change_notify AFTER INSERT ON change
        FOR EACH STATEMENT EXECUTE FUNCTION reception_tui_notify_change()
        """
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS change_notify ON change")
    op.execute("DROP FUNCTION IF EXISTS reception_tui_notify_change()")
