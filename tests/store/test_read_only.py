"""A read-only SQLite connection refuses every write, however it is sent, and still reads.

`mode=ro` alone guards only the file it opened: `ATTACH` of the same file opens it writable
again. Each statement here goes straight to the read-only engine's own sqlite3 connection, as
anything that got hold of it could send it; none may change the database or leave a file.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception_tui.store.engine import make_engine, sqlite_path, writer
from reception_tui.store.migrate import ensure_current

pytestmark = pytest.mark.sqlite


@pytest.fixture
def database(sqlite_engine: sa.Engine, sqlite_url: str) -> Path:
    """A migrated SQLite file with one unit and one employee in it; the writer still open."""
    with writer(sqlite_engine).begin() as connection:
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Kansli')"))
        connection.execute(
            sa.text(
                "INSERT INTO employee (first_name, last_name, title, extension, mobile, email,"
                " keywords, visiting_address, active)"
                " VALUES ('Lars', 'Lind', 'Nämndsekreterare', '2104', '', '', '', '', true)"
            )
        )
    path = sqlite_path(sqlite_url)
    assert path is not None
    return path


@pytest.fixture
def read_only(sqlite_url: str, database: Path) -> Iterator[sqlite3.Connection]:
    """The read-only engine's own driver connection."""
    engine = make_engine(sqlite_url, read_only=True)
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        yield connection
    finally:
        raw.close()
        engine.dispose()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and a digest of the database and its WAL.

    The `-shm` file is left out: it is shared memory that every reader maps, not data.
    """
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith("-shm") or path.name.endswith(".seats"):
            found[path.name] = ""
        else:
            found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def contents(database: Path) -> list[object]:
    """What a writable connection sees: schema, rows and the header fields a pragma sets."""
    connection = sqlite3.connect(database)
    try:
        return [
            connection.execute(
                "SELECT type, name, sql FROM sqlite_master ORDER BY name"
            ).fetchall(),
            connection.execute("SELECT * FROM unit").fetchall(),
            connection.execute("SELECT * FROM employee").fetchall(),
            connection.execute("PRAGMA user_version").fetchall(),
            connection.execute("PRAGMA application_id").fetchall(),
            connection.execute("PRAGMA journal_mode").fetchall(),
        ]
    finally:
        connection.close()


def _attach_same_file(path: Path) -> list[str]:
    return [f"ATTACH DATABASE '{path}' AS w", "INSERT INTO w.unit (name) VALUES ('Bygglov')"]


def _attach_uri_read_write(path: Path) -> list[str]:
    uri = f"{path.resolve().as_uri()}?mode=rw"
    return [f"ATTACH DATABASE '{uri}' AS w", "INSERT INTO w.unit (name) VALUES ('Bygglov')"]


def _vacuum_into(path: Path) -> list[str]:
    return [f"VACUUM INTO '{path.with_name('copy.sqlite3')}'"]


# Each: what it tries, and the statements that try it (the last one is what must fail; the
# ones before it set the stage and may fail first, which is as good).
WRITES: dict[str, object] = {
    "attach-same-file-then-insert": _attach_same_file,
    "attach-uri-mode-rw-then-insert": _attach_uri_read_write,
    "attach-memory": ["ATTACH DATABASE ':memory:' AS m"],
    "insert": ["INSERT INTO unit (name) VALUES ('Bygglov')"],
    "insert-or-replace": ["INSERT OR REPLACE INTO unit (id, name) VALUES (1, 'Bygglov')"],
    "replace": ["REPLACE INTO unit (id, name) VALUES (1, 'Bygglov')"],
    "upsert": [
        "INSERT INTO unit (id, name) VALUES (1, 'X') ON CONFLICT (id) DO UPDATE SET name = 'Y'"
    ],
    "insert-from-cte": [
        "WITH n AS (SELECT 'Bygglov' AS name) INSERT INTO unit (name) SELECT name FROM n"
    ],
    "update": ["UPDATE employee SET title = 'Kanslichef'"],
    "delete": ["DELETE FROM unit"],
    "insert-in-savepoint": ["SAVEPOINT s", "INSERT INTO unit (name) VALUES ('Bygglov')"],
    "insert-in-begin-immediate": ["BEGIN IMMEDIATE", "INSERT INTO unit (name) VALUES ('B')"],
    "insert-in-begin-exclusive": ["BEGIN EXCLUSIVE", "INSERT INTO unit (name) VALUES ('B')"],
    "create-table": ["CREATE TABLE note (text TEXT)"],
    "create-table-as-select": ["CREATE TABLE copy AS SELECT * FROM employee"],
    "create-temp-table": ["CREATE TEMP TABLE note (text TEXT)"],
    "create-index": ["CREATE INDEX ix_unit_name2 ON unit (name)"],
    "create-view": ["CREATE VIEW v AS SELECT * FROM unit"],
    "create-temp-view": ["CREATE TEMP VIEW v AS SELECT * FROM unit"],
    "create-trigger": ["CREATE TRIGGER t AFTER INSERT ON unit BEGIN DELETE FROM employee; END"],
    "create-temp-trigger": [
        "CREATE TEMP TRIGGER t AFTER INSERT ON unit BEGIN DELETE FROM employee; END"
    ],
    "create-virtual-table": ["CREATE VIRTUAL TABLE s USING fts5(text)"],
    "drop-table": ["DROP TABLE unit"],
    "drop-table-if-exists": ["DROP TABLE IF EXISTS change"],
    "drop-index": ["DROP INDEX ix_employee_email"],
    "alter-table-add-column": ["ALTER TABLE unit ADD COLUMN extra TEXT"],
    "alter-table-rename": ["ALTER TABLE unit RENAME TO enhet"],
    "pragma-journal-mode-delete": ["PRAGMA journal_mode = DELETE"],
    "pragma-user-version": ["PRAGMA user_version = 5"],
    "pragma-main-user-version": ["PRAGMA main.user_version = 5"],
    "pragma-application-id": ["PRAGMA application_id = 42"],
    "pragma-schema-version": ["PRAGMA schema_version = 99"],
    "pragma-query-only-off-then-insert": [
        "PRAGMA query_only = OFF",
        "INSERT INTO unit (name) VALUES ('Bygglov')",
    ],
    "pragma-writable-schema": ["PRAGMA writable_schema = ON"],
    "pragma-wal-checkpoint-truncate": ["PRAGMA wal_checkpoint(TRUNCATE)"],
    "pragma-wal-checkpoint": ["PRAGMA wal_checkpoint"],
    "pragma-incremental-vacuum": ["PRAGMA incremental_vacuum"],
    "pragma-optimize": ["PRAGMA optimize"],
    "pragma-auto-vacuum": ["PRAGMA auto_vacuum = FULL"],
    "pragma-foreign-keys-off": ["PRAGMA foreign_keys = OFF"],
    "vacuum": ["VACUUM"],
    "vacuum-into-a-file": _vacuum_into,
    "analyze": ["ANALYZE"],
    "reindex": ["REINDEX"],
    "load-extension": ["SELECT load_extension('libsomething')"],
}


@pytest.mark.parametrize("what", WRITES)
def test_read_only_connection_refuses_the_write(
    what: str, read_only: sqlite3.Connection, database: Path
) -> None:
    statements = WRITES[what]
    sql = statements(database) if callable(statements) else statements
    assert isinstance(sql, list)
    before_files, before_contents = fingerprint(database.parent), contents(database)

    with pytest.raises(sqlite3.DatabaseError):
        for statement in sql:
            read_only.execute(statement)
    if read_only.in_transaction:
        read_only.rollback()

    assert contents(database) == before_contents
    assert fingerprint(database.parent) == before_files


def test_read_only_connection_refuses_a_write_hidden_in_a_script(
    read_only: sqlite3.Connection, database: Path
) -> None:
    before = contents(database)

    with pytest.raises(sqlite3.DatabaseError):
        read_only.executescript("SELECT 1; INSERT INTO unit (name) VALUES ('Bygglov');")

    assert contents(database) == before


def test_read_only_connection_reads(read_only: sqlite3.Connection, database: Path) -> None:
    def one(sql: str) -> object:
        return read_only.execute(sql).fetchone()

    read_only.execute("BEGIN")
    assert one("SELECT name FROM unit") == ("Kansli",)
    assert one("SELECT count(*), max(last_name) FROM employee") == (1, "Lind")
    assert one("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3)"
               " SELECT sum(i) FROM n") == (6,)  # fmt: skip
    read_only.execute("COMMIT")
    assert isinstance(one("PRAGMA data_version")[0], int)  # type: ignore[index]
    assert one("PRAGMA query_only") == (1,)
    assert one("PRAGMA foreign_keys") == (1,)
    assert one("PRAGMA journal_mode") == ("wal",)
    assert read_only.execute("PRAGMA main.table_info('unit')").fetchall()
    assert read_only.execute("PRAGMA index_list('employee')").fetchall()
    assert one("PRAGMA integrity_check") == ("ok",)
    read_only.execute("SAVEPOINT look")
    read_only.execute("RELEASE look")


def test_read_only_engine_sees_what_a_writer_commits_and_checks_the_schema(
    sqlite_engine: sa.Engine, sqlite_url: str, database: Path
) -> None:
    engine = make_engine(sqlite_url, read_only=True)
    try:
        ensure_current(engine)  # what a read-only desk does first: reads alembic_version
        with writer(sqlite_engine).begin() as connection:
            connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Bygglov')"))
        with engine.connect() as connection:
            names = connection.execute(sa.text("SELECT name FROM unit ORDER BY name")).scalars()
            assert list(names) == ["Bygglov", "Kansli"]
            assert sa.inspect(connection).has_table("employee")
    finally:
        engine.dispose()


def test_writable_connection_is_not_held_to_reading(sqlite_engine: sa.Engine, database: Path):
    # The guard belongs to read-only seats only: a receptionist's seat still attaches nothing,
    # but writes, checkpoints and changes pragmas as before.
    with writer(sqlite_engine).begin() as connection:
        connection.execute(sa.text("INSERT INTO unit (name) VALUES ('Bygglov')"))
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA query_only").scalar() == 0
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
