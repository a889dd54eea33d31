"""Schema migrations: bring any older database up to the current version without loss."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from reception_tui.store.engine import make_engine, writer

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaOutOfDate(Exception):
    """A read-only seat found a database that needs `reception-tui db upgrade`."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: sa.Engine) -> tuple[str | None, str]:
    """Run every pending migration in one transaction; returns (from, to) revisions."""
    before = current_revision(engine)
    head = head_revision()
    if before != head:
        config = _config()
        with writer(engine).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return before, head


def ensure_current(engine: sa.Engine) -> None:
    """For read-only seats: refuse a database that is missing or behind the code."""
    current = current_revision(engine)
    if current != head_revision():
        raise SchemaOutOfDate(
            f"the database is at schema {current or 'none'}, this version needs {head_revision()}: "
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
