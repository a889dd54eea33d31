"""Schema migrations: bring any older database up to the current version without loss.

Alembic is imported only when a migration has to run: a desk that opens a current database
starts faster without it (a test keeps `HEAD` equal to the newest migration).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from reception_tui.store.engine import make_engine, writer
from reception_tui.words import Coded, Term

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from reception_tui.domain.calendar import WorkingCalendar

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0005"


# Seats that start at once with migrations pending take turns: the transaction that migrates
# holds this PostgreSQL advisory lock (ours, with the schema's name: installations in other
# schemas of the same database do not wait for each other). SQLite needs none: the migration
# runs in a BEGIN IMMEDIATE transaction, which already admits one writer at a time.
_MIGRATION_LOCK = sa.text(
    "SELECT pg_advisory_xact_lock(20260902, hashtext(coalesce(current_schema(), '')))"
)


class SchemaOutOfDate(Coded):
    """The database's schema is not the one this program works with; its words say why."""

    CODES = {"schema_behind": ("current", "head")}


class ProgramOutOfDate(SchemaOutOfDate):
    """The database is at a schema newer than this program knows (a newer reception-tui has
    upgraded it): only upgrading reception-tui helps, so it neither migrates nor opens it."""

    CODES = {"program_behind": ("revision", "head")}


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


def known_revisions() -> frozenset[str]:
    """Every schema revision this version's migrations know."""
    return frozenset(script.revision for script in _script().walk_revisions())


def _refuse_newer(revision: str | None) -> None:
    """Raise ProgramOutOfDate if `revision` is none of this program's migrations."""
    if revision is None or revision == HEAD:
        return
    if revision not in known_revisions():
        raise ProgramOutOfDate("program_behind", revision=revision, head=HEAD)


def upgrade(engine: sa.Engine, calendar: WorkingCalendar | None = None) -> tuple[str | None, str]:
    """Run every pending migration in one transaction; returns (from, to) revisions.

    `calendar` is the one the program runs with: a migration that counts office minutes for
    existing rows counts them with it (without it, with the default office hours).

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
        _refuse_newer(before)
        if before != head:
            config = _config()
            config.attributes["connection"] = connection
            config.attributes["calendar"] = calendar
            command.upgrade(config, "head")
    return before, head


def ensure_current(engine: sa.Engine) -> None:
    """For read-only seats: refuse a database that is missing, behind or ahead of the code."""
    current = current_revision(engine)
    if current == HEAD:
        return
    _refuse_newer(current)
    raise SchemaOutOfDate("schema_behind", current=current or Term("schema.none"), head=HEAD)


def open_database(
    url: str, *, read_only: bool = False, calendar: WorkingCalendar | None = None
) -> sa.Engine:
    """An engine on `url` whose schema is current: upgraded on start (with `calendar`, see
    `upgrade`), or checked when read-only."""
    engine = make_engine(url, read_only=read_only)
    try:
        if read_only:
            ensure_current(engine)
        else:
            upgrade(engine, calendar)
    except BaseException:
        engine.dispose()
        raise
    return engine
