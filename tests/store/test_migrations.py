"""Migrations: an empty database reaches the newest schema, that schema is the tables', and
seats starting at once on a database that needs migrating take turns."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from reception_tui.cli import main
from reception_tui.domain.text import name_key
from reception_tui.store.engine import writer
from reception_tui.store.migrate import (
    HEAD,
    ProgramOutOfDate,
    SchemaOutOfDate,
    _config,
    current_revision,
    ensure_current,
    head_revision,
    open_database,
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


# ------------------------------------------------------------------ a newer database

NEWER = f"{int(HEAD) + 1:04d}"
OLDER_PROGRAM = (
    f"this reception-tui is older than the database: the database is at schema {NEWER}, "
    f"this version knows schemas up to {HEAD}; upgrade reception-tui"
)
# The same, as the command line says it on the Swedish desk the tests configure.
OLDER_PROGRAM_SV = (
    f"det här reception-tui är äldre än databasen: databasen har schemaversion {NEWER}, "
    f"den här versionen känner till versioner upp till {HEAD}; uppgradera reception-tui"
)


@pytest.fixture
def newer_database(engine: sa.Engine, database_url: str) -> str:
    """A database that a newer reception-tui has upgraded past this one's newest migration."""
    with writer(engine).begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": NEWER})
    return database_url


def test_upgrade_refuses_a_newer_database_saying_the_program_is_older(
    engine: sa.Engine, newer_database: str
) -> None:
    tables = sa.inspect(engine).get_table_names()

    with pytest.raises(ProgramOutOfDate) as refused:
        upgrade(engine)

    assert str(refused.value) == OLDER_PROGRAM
    assert stored_revisions(engine) == [NEWER]
    assert sa.inspect(engine).get_table_names() == tables


def test_read_only_seat_refuses_a_newer_database_saying_the_program_is_older(
    engine: sa.Engine, newer_database: str
) -> None:
    with pytest.raises(ProgramOutOfDate) as checked:
        ensure_current(engine)
    with pytest.raises(ProgramOutOfDate) as opened:
        open_database(newer_database, read_only=True)

    assert str(checked.value) == str(opened.value) == OLDER_PROGRAM


@pytest.mark.parametrize(
    "command",
    [("db", "upgrade"), ("staff", "list"), ("staff", "list", "--read-only")],
    ids=["db-upgrade", "start", "read-only-start"],
)
def test_command_line_on_a_newer_database_exits_1_with_one_line(
    newer_database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
) -> None:
    config_file = tmp_path / "desk.toml"
    config_file.write_text("", encoding="utf-8")  # the defaults; never the user's own file

    code = main([*command, "--config", str(config_file), "--database", newer_database])

    captured = capsys.readouterr()
    assert code == 1
    assert captured.err == f"reception-tui: {OLDER_PROGRAM_SV}\n"
    assert captured.out == ""


# ------------------------------------------------------------------ seats starting at once

# A seat that starts when told, as many desks do at nine o'clock: given a database it makes its
# engine and says "ready"; on "go" it upgrades and says what happened. One process serves every
# round, so a round costs an upgrade, not a Python start.
SEAT = """
import sys
from reception_tui.store.engine import make_engine
from reception_tui.store.migrate import upgrade

for url in iter(sys.stdin.readline, ""):
    engine = make_engine(url.strip())
    print("ready", flush=True)
    sys.stdin.readline()
    try:
        before, after = upgrade(engine)
    except Exception as error:
        print("failed:", type(error).__name__, str(error).splitlines()[0], flush=True)
    else:
        print("upgraded", before or "none", after, flush=True)
    engine.dispose()
"""
SEATS = 4
ROUNDS = 10


class Seats:
    """Seat processes that upgrade the same database at the same moment."""

    def __init__(self, count: int, env: dict[str, str]) -> None:
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-c", SEAT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(count)
        ]

    def _tell(self, line: str) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(f"{line}\n")
            process.stdin.flush()

    def _answers(self) -> list[str]:
        return [process.stdout.readline().strip() for process in self.processes]  # type: ignore[union-attr]

    def upgrade_at_once(self, url: str) -> list[str]:
        """Every seat's answer, once all of them have upgraded `url` starting together."""
        self._tell(url)
        assert self._answers() == ["ready"] * len(self.processes)
        self._tell("go")
        return self._answers()

    def close(self) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.close()
        for process in self.processes:
            process.wait()


@pytest.fixture(scope="module")
def seats(child_env: dict[str, str]) -> Iterator[Seats]:
    started = Seats(SEATS, child_env)
    yield started
    started.close()


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_seats_starting_at_once_on_a_new_database_all_succeed_and_one_migrates(
    seats: Seats, database_url: str, empty_engine: sa.Engine, round_: int
) -> None:
    answers = seats.upgrade_at_once(database_url)

    head = head_revision()
    assert sorted(answers) == [f"upgraded {head} {head}"] * (SEATS - 1) + [f"upgraded none {head}"]
    assert stored_revisions(empty_engine) == [head]
    assert set(sa.inspect(empty_engine).get_table_names()) >= TABLES
