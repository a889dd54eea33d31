"""The change log by entity and time: the purge of old presence history finds its rows by it.

Every writable desk purges as it starts; without this index that is a scan of the whole log,
which grows by every status set, year after year.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_change_entity_at", "change", ["entity", "at"])


def downgrade() -> None:
    op.drop_index("ix_change_entity_at", table_name="change")
