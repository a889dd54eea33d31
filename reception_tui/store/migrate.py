"""Schema migrations: bring any older database up to the current version without loss.

Alembic is imported only when a migration has to run: a desk that opens a current database
starts faster without it (a test keeps `HEAD` equal to the newest migration).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from reception_tui.store.engine import make_engine, writer

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0003"


# Seats that start at once with migrations pending take turns: the transaction that migrates
# holds this PostgreSQL advisory lock (ours, with the schema's name: installations in other
# schemas of the same database do not wait for each other). SQLite needs none: the migration
# runs in a BEGIN IMMEDIATE transaction, which already admits one writer at a time.
_MIGRATION_LOCK = sa.text(
    "SELECT pg_advisory_xact_lock(20260902, hashtext(coalesce(current_schema(), '')))"
)


class SchemaOutOfDate(Exception):
    """A read-only seat found a database that needs `reception-tui db upgrade`."""


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The newest migration, as Alembic reads the migrations folder."""
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The schema version stored in the database; None for an empty database."""
    with engine.connect() as connection:
        return _stored_revision(connection)


def _stored_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine) -> tuple[str | None, str]:
    """Run every pending migration in one transaction; returns (from, to) revisions.

    Seats starting at once on a database that needs migrating take turns: one migrates, the
    others then find it at the newest schema and return (newest, newest).
    """
    if current_revision(engine) == HEAD:
        return HEAD, HEAD
    from alembic import command

    head = head_revision()
    with writer(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(_MIGRATION_LOCK)
        # Read again behind the lock: another seat may have migrated while this one waited.
        before = _stored_revision(connection)
        if before != head:
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return before, head


def ensure_current(engine: sa.Engine) -> None:
    """For read-only seats: refuse a database that is missing or behind the code."""
    current = current_revision(engine)
    if current != HEAD:
        raise SchemaOutOfDate(
            f"the database is at schema {current or 'none'}, this version needs {HEAD}: "
            "run `reception-tui db upgrade` first"
        )


def open_database(url: str, *, read_only: bool = False) -> sa.Engine:
    """An engine on `url` whose schema is current: upgraded on start, or checked when read-only."""
    if read_only:
        engine = make_engine(url, read_only=True)
        ensure_current(engine)
    else:
        engine = make_engine(url)
        upgrade(engine)
    return engine
