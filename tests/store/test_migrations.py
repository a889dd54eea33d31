"""Migrations: an empty database reaches the newest schema, and that schema is the tables'."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from reception_tui.domain.text import name_key
from reception_tui.store.engine import writer
from reception_tui.store.migrate import (
    HEAD,
    SchemaOutOfDate,
    _config,
    current_revision,
    ensure_current,
    head_revision,
    upgrade,
)

TABLES = {"unit", "employee", "presence", "inquiry", "callback_attempt", "change"}
OPEN_QUEUE = "SELECT id FROM inquiry WHERE state = 'open' ORDER BY due_at, received_at, id"


def stored_revisions(engine: sa.Engine) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
        )


def test_upgrade_takes_an_empty_database_to_head(empty_engine: sa.Engine) -> None:
    assert current_revision(empty_engine) is None

    assert upgrade(empty_engine) == (None, head_revision())

    assert set(sa.inspect(empty_engine).get_table_names()) >= TABLES
    assert stored_revisions(empty_engine) == [head_revision()]


def test_upgrade_at_head_changes_nothing(engine: sa.Engine) -> None:
    tables = sa.inspect(engine).get_table_names()

    assert upgrade(engine) == (head_revision(), head_revision())

    assert sa.inspect(engine).get_table_names() == tables
    assert stored_revisions(engine) == [head_revision()]


def test_migrated_schema_matches_the_tables(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_ensure_current_refuses_an_empty_database(empty_engine: sa.Engine) -> None:
    with pytest.raises(SchemaOutOfDate, match="db upgrade"):
        ensure_current(empty_engine)


def test_ensure_current_accepts_a_migrated_database(engine: sa.Engine) -> None:
    ensure_current(engine)


def test_open_queue_index_covers_only_open_inquiries(engine: sa.Engine) -> None:
    indexes = {index["name"]: index for index in sa.inspect(engine).get_indexes("inquiry")}

    queue = indexes["ix_inquiry_open_queue"]
    assert queue["column_names"] == ["due_at", "received_at", "id"]
    (where,) = (value for key, value in queue["dialect_options"].items() if key.endswith("_where"))
    assert "state" in str(where) and "'open'" in str(where)


@pytest.mark.sqlite
def test_open_queue_query_uses_the_partial_index_on_sqlite(sqlite_engine: sa.Engine) -> None:
    with sqlite_engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {OPEN_QUEUE}").all()

    assert any("ix_inquiry_open_queue" in row[-1] for row in plan), plan


def test_the_head_the_desk_checks_at_start_is_the_newest_migration() -> None:
    assert head_revision() == HEAD


def test_upgrade_gives_people_already_stored_the_key_the_desk_lists_them_by(
    empty_engine: sa.Engine,
) -> None:
    from alembic import command

    config = _config()
    with writer(empty_engine).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with writer(empty_engine).begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO employee (first_name, last_name, title, extension, mobile, email, "
            "keywords, visiting_address, active) VALUES ('Åsa', 'Öberg', '', '', '', '', '', '', "
            "true)"
        )

    assert upgrade(empty_engine) == ("0002", HEAD)

    with empty_engine.connect() as connection:
        keys = connection.exec_driver_sql("SELECT sort_key FROM employee").scalars().all()
    assert keys == [name_key("Åsa", "Öberg")]
