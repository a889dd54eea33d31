"""PostgreSQL: `db grant-read-only ROLE` makes a login the database itself keeps to reading.

A read-only desk only asks for read-only transactions, which a session may turn off again.
The role made here has no privilege to write the desk's tables, so every write fails, the
overrides included; its sessions still read, and a manager's `--read-only` commands work on
the URL the command prints.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from admin_runner import BAD_INPUT, NOT_FOUND, OK, Admin

POSTGRESQL_ONLY = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True
)
pytestmark = POSTGRESQL_ONLY
DESK_TABLES = ("alembic_version", "callback_attempt", "change", "employee", "inquiry",
               "presence", "unit")  # fmt: skip


@pytest.fixture
def new_role(database_url: str) -> Iterator[Callable[[str], str]]:
    """`new_role("ro")`: a unique role name; every role named is dropped at the end."""
    names: list[str] = []

    def name(stem: str) -> str:
        names.append(f"rt_{stem}_{uuid.uuid4().hex[:8]}")
        return names[-1]

    yield name
    superuser = sa.create_engine(
        os.environ["RECEPTION_TUI_TEST_POSTGRES_URL"],
        poolclass=sa.NullPool,
        isolation_level="AUTOCOMMIT",
    )
    try:
        with superuser.connect() as connection:
            for role in reversed(names):
                exists = connection.execute(
                    sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
                ).scalar()
                if exists:
                    connection.exec_driver_sql(f'DROP OWNED BY "{role}"')
                    connection.exec_driver_sql(f'DROP ROLE "{role}"')
    finally:
        superuser.dispose()


def as_superuser(admin: Admin, *statements: str) -> None:
    engine = sa.create_engine(admin.url, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def manager_url(result_out: str) -> str:
    """The URL the command tells the administrator to give managers."""
    lines = result_out.splitlines()
    line = next(text for text in lines if text.startswith("chefer ansluter med: "))
    return line.split("--database ", 1)[1]


@pytest.fixture
def read_only_role(admin: Admin, new_role: Callable[[str], str]) -> tuple[str, str]:
    """A role made by `db grant-read-only`, and the URL managers are told to use."""
    role = new_role("managers")
    result = admin.ok("db", "grant-read-only", role)
    return role, manager_url(result.out)


def desk_state(admin: Admin) -> dict[str, Any]:
    """Everything a write could change, read as the administrator."""
    engine = sa.create_engine(admin.url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            schema = connection.execute(sa.text("SELECT current_schema()")).scalar_one()
            state: dict[str, Any] = {
                "relations": connection.execute(
                    sa.text(
                        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE n.nspname = :s ORDER BY 1"
                    ),
                    {"s": schema},
                ).all(),
                "columns": connection.execute(
                    sa.text(
                        "SELECT table_name, column_name FROM information_schema.columns"
                        " WHERE table_schema = :s ORDER BY 1, 2"
                    ),
                    {"s": schema},
                ).all(),
                "sequences": connection.execute(
                    sa.text(
                        "SELECT sequencename, last_value FROM pg_sequences"
                        " WHERE schemaname = :s ORDER BY 1"
                    ),
                    {"s": schema},
                ).all(),
                # Other tests make and drop schemas meanwhile: look only for what ours would.
                "elsewhere": connection.execute(
                    sa.text(
                        "SELECT to_regnamespace('smuggled') IS NULL,"
                        " to_regclass('public.smuggled') IS NULL"
                    )
                ).one(),
            }
            for table in DESK_TABLES:
                state[table] = connection.exec_driver_sql(
                    f'SELECT * FROM "{table}" ORDER BY 1'
                ).all()
            return state
    finally:
        engine.dispose()


@pytest.fixture
def as_role(read_only_role: tuple[str, str]) -> Iterator[psycopg.Connection[Any]]:
    """A session of the read-only role: autocommit, so each statement stands on its own (a
    `SET` that turns read-only off then holds for the rest of the session). No options in its
    URL: the role's own settings give it the desk's schema and read-only sessions."""
    url = sa.make_url(read_only_role[1]).set(query={})
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    raw = engine.raw_connection()
    connection = raw.driver_connection
    assert isinstance(connection, psycopg.Connection)
    connection.autocommit = True
    try:
        yield connection
    finally:
        raw.close()
        engine.dispose()


def _copy_from_stdin(connection: psycopg.Connection[Any]) -> None:
    with connection.cursor() as cursor, cursor.copy("COPY unit (name) FROM STDIN") as copy:
        copy.write_row(("Smugglad",))


def _drop_own_schema(connection: psycopg.Connection[Any]) -> None:
    row = connection.execute("SELECT current_schema()").fetchone()
    assert row is not None
    connection.execute(f'DROP SCHEMA "{row[0]}" CASCADE')


READ_WRITE = "SET default_transaction_read_only = off"
# Each: statements run in order in one session; the last must fail (an earlier one failing
# first is as good). Most turn read-only off first, so that what stops them is the privilege.
WRITES: dict[str, list[Any]] = {
    "insert": ["INSERT INTO unit (name) VALUES ('Smugglad')"],
    "set-transaction-read-write-then-insert": [
        "BEGIN",
        "SET TRANSACTION READ WRITE",
        "INSERT INTO unit (name) VALUES ('Smugglad')",
    ],
    "begin-read-write-then-update": ["BEGIN READ WRITE", "UPDATE employee SET title = 'Chef'"],
    "default-read-only-off-then-insert": [READ_WRITE, "INSERT INTO unit (name) VALUES ('S')"],
    "session-read-write-then-delete": [
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
        "DELETE FROM unit",
    ],
    "reset-all-then-update": ["RESET ALL", "UPDATE employee SET title = 'Chef'"],
    "update": [READ_WRITE, "UPDATE employee SET title = 'Chef'"],
    "update-alembic-version": [READ_WRITE, "UPDATE alembic_version SET version_num = '9999'"],
    "delete": [READ_WRITE, "DELETE FROM inquiry"],
    "delete-change-log": [READ_WRITE, 'DELETE FROM "change"'],
    "truncate": [READ_WRITE, "TRUNCATE unit CASCADE"],
    "upsert": [
        READ_WRITE,
        "INSERT INTO unit (id, name) VALUES (1, 'X') ON CONFLICT (id) DO UPDATE SET name = 'Y'",
    ],
    "merge": [
        READ_WRITE,
        "MERGE INTO unit u USING (SELECT 1 AS id) s ON u.id = s.id"
        " WHEN MATCHED THEN UPDATE SET name = 'Y'",
    ],
    "copy-from-stdin": [READ_WRITE, _copy_from_stdin],
    "copy-from-server-file": [READ_WRITE, "COPY unit (name) FROM '/etc/hostname'"],
    "create-table": [READ_WRITE, "CREATE TABLE smuggled (x int)"],
    "create-table-in-public": [READ_WRITE, "CREATE TABLE public.smuggled (x int)"],
    "create-table-as": [READ_WRITE, "CREATE TABLE copy AS SELECT * FROM employee"],
    "create-schema": [READ_WRITE, "CREATE SCHEMA smuggled"],
    "create-index": [READ_WRITE, "CREATE INDEX smuggled ON unit (name)"],
    "create-view": [READ_WRITE, "CREATE VIEW smuggled AS SELECT * FROM unit"],
    "create-function": [
        READ_WRITE,
        "CREATE FUNCTION smuggled() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ],
    "create-trigger": [
        READ_WRITE,
        "CREATE TRIGGER smuggled BEFORE INSERT ON unit"
        " FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
    ],
    "drop-table": [READ_WRITE, "DROP TABLE unit CASCADE"],
    "drop-schema": [READ_WRITE, _drop_own_schema],
    "alter-table-add-column": [READ_WRITE, "ALTER TABLE unit ADD COLUMN smuggled text"],
    "alter-table-rename": [READ_WRITE, "ALTER TABLE unit RENAME TO enhet"],
    "comment-on-table": [READ_WRITE, "COMMENT ON TABLE unit IS 'smuggled'"],
    # Without the grant option PostgreSQL only warns ("no privileges were granted").
    "grant-itself-insert-then-insert": [
        READ_WRITE,
        "GRANT INSERT ON unit TO CURRENT_USER",
        "INSERT INTO unit (name) VALUES ('Smugglad')",
    ],
    "alter-itself-superuser": [READ_WRITE, "ALTER ROLE CURRENT_USER SUPERUSER"],
    "alter-itself-createrole": [READ_WRITE, "ALTER ROLE CURRENT_USER CREATEROLE"],
    "set-role-postgres": ["SET ROLE postgres"],
    "set-session-authorization": ["SET SESSION AUTHORIZATION postgres"],
    "nextval": [READ_WRITE, "SELECT nextval(pg_get_serial_sequence('change', 'id'))"],
    "setval": [READ_WRITE, "SELECT setval(pg_get_serial_sequence('change', 'id'), 1)"],
    "lock-table-exclusive": [READ_WRITE, "BEGIN", "LOCK TABLE unit IN EXCLUSIVE MODE"],
    "select-for-update": [READ_WRITE, "BEGIN", "SELECT * FROM employee FOR UPDATE"],
    "do-block-insert": [READ_WRITE, "DO $$ BEGIN INSERT INTO unit (name) VALUES ('S'); END $$"],
    "reindex-table": [READ_WRITE, "REINDEX TABLE unit"],
    "cluster": [READ_WRITE, "CLUSTER unit USING unit_pkey"],
    "alter-sequence-restart": [
        READ_WRITE,
        "ALTER SEQUENCE unit_id_seq RESTART WITH 1",
    ],
    "server-lo-import": [READ_WRITE, "SELECT lo_import('/etc/hostname')"],
}


@pytest.mark.parametrize("what", WRITES)
def test_every_write_as_the_read_only_role_fails(
    what: str, admin: Admin, as_role: psycopg.Connection[Any]
) -> None:
    before = desk_state(admin)

    with pytest.raises(psycopg.Error):
        for statement in WRITES[what]:
            if callable(statement):
                statement(as_role)
            else:
                as_role.execute(statement)
    as_role.rollback()

    assert desk_state(admin) == before


def test_the_read_only_role_reads_and_listens(as_role: psycopg.Connection[Any]) -> None:
    assert as_role.execute("SELECT count(*) FROM employee").fetchone() == (2,)
    assert as_role.execute("SHOW default_transaction_read_only").fetchone() == ("on",)
    as_role.execute("LISTEN reception_tui_change")
    with as_role.transaction():
        names = as_role.execute("SELECT last_name FROM employee ORDER BY 1").fetchall()
    assert names == [("Berg",), ("Holm",)]


def test_a_manager_reads_the_desk_with_the_url_it_is_given(
    admin: Admin, read_only_role: tuple[str, str]
) -> None:
    _, url = read_only_role
    manager = admin.on(url)
    expected = admin.ok("staff", "list", "--json").out

    listed = manager("staff", "list", "--json", "--read-only")
    refused = manager("redirect", "Anna Berg", "--status", "lunch")

    assert listed.code == OK, listed.err
    assert listed.out == expected
    assert refused.code != OK and "Anna Berg" not in refused.out
    assert admin.ok("staff", "list", "--json").out == expected


def test_grant_read_only_prints_what_to_do_next(
    admin: Admin, new_role: Callable[[str], str]
) -> None:
    role = new_role("managers")

    result = admin("db", "grant-read-only", role)

    assert result.code == OK, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(f"rollen {role} skapades: den får bara läsa 7 tabeller i schemat ")
    assert lines[0].endswith("(SELECT och LISTEN); dess sessioner börjar i läsläge")
    assert lines[1] == (
        f"den har inget lösenord från oss: sätt ett i psql med \\password {role}"
        f" (eller ALTER ROLE {role} PASSWORD '...')"
    )
    url, given = sa.make_url(manager_url(result.out)), sa.make_url(admin.url)
    assert (url.username, url.password, url.host, url.port, url.database, url.query) == (
        role, None, given.host, given.port, given.database, given.query
    )  # fmt: skip
    assert any(
        line.startswith("obs: ") and "REVOKE TEMPORARY ON DATABASE" in line for line in lines
    )


def test_grant_read_only_names_a_role_with_a_dot_as_sql_needs_it(
    admin: Admin, new_role: Callable[[str], str]
) -> None:
    role = new_role("anna.berg")

    result = admin("db", "grant-read-only", role)

    assert result.code == OK, result.err
    assert f'\\password "{role}" (eller ALTER ROLE "{role}" PASSWORD' in result.out
    assert admin.on(manager_url(result.out))("staff", "list", "--read-only").code == OK


def test_grant_read_only_takes_from_an_existing_role_what_it_had_more(
    admin: Admin, new_role: Callable[[str], str]
) -> None:
    role = new_role("was_writer")
    as_superuser(
        admin,
        f'CREATE ROLE "{role}" LOGIN',
        f'GRANT INSERT, UPDATE, DELETE, TRUNCATE ON unit, employee TO "{role}"',
        f'GRANT USAGE ON SCHEMA {_schema(admin)} TO "{role}"',
        f'GRANT CREATE ON SCHEMA {_schema(admin)} TO "{role}"',
    )

    result = admin("db", "grant-read-only", role)

    assert result.code == OK, result.err
    assert result.out.startswith(f"rollen {role} uppdaterades:")
    privileges = _privileges(admin, role)
    assert privileges == {(table, "SELECT") for table in DESK_TABLES}
    engine = sa.create_engine(manager_url(result.out), poolclass=sa.NullPool)
    try:
        with pytest.raises(sa.exc.ProgrammingError), engine.begin() as connection:
            connection.exec_driver_sql("SET TRANSACTION READ WRITE")
            connection.exec_driver_sql("INSERT INTO unit (name) VALUES ('Smugglad')")
        with pytest.raises(sa.exc.ProgrammingError), engine.begin() as connection:
            connection.exec_driver_sql("SET TRANSACTION READ WRITE")
            connection.exec_driver_sql("CREATE TABLE smuggled (x int)")
    finally:
        engine.dispose()


def test_grant_read_only_refuses_a_role_that_could_write_through_a_membership(
    admin: Admin, new_role: Callable[[str], str]
) -> None:
    group, role = new_role("receptionists"), new_role("anna")
    as_superuser(
        admin,
        f'CREATE ROLE "{group}" NOLOGIN',
        f'GRANT INSERT ON unit TO "{group}"',
        f'CREATE ROLE "{role}" LOGIN IN ROLE "{group}"',
    )

    result = admin("db", "grant-read-only", role)

    assert result.code == NOT_FOUND
    line = result.line()
    assert f"'{role}' är medlem i '{group}', som får skriva i unit" in line
    assert f"REVOKE {group} FROM {role}" in line and "inget ändrades" in line
    assert _privileges(admin, role) == set()  # the grant was rolled back


@pytest.mark.parametrize(
    ("who", "says"),
    [("postgres", "är rollen som kommandot är anslutet som"),
     ("pg_monitor", "namn som börjar med pg_ tillhör PostgreSQL"),
     ("robert'); DROP TABLE unit; --", "är inget rollnamn som det här kommandot skapar")],
    ids=["itself", "reserved", "not-a-name"],
)  # fmt: skip
def test_grant_read_only_refuses_roles_it_must_not_touch(admin: Admin, who: str, says: str) -> None:
    before = desk_state(admin)

    result = admin("db", "grant-read-only", who)

    assert result.code in (BAD_INPUT, NOT_FOUND)
    assert says in result.line()
    assert desk_state(admin) == before


def _schema(admin: Admin) -> str:
    engine = sa.create_engine(admin.url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            return str(connection.execute(sa.text("SELECT current_schema()")).scalar_one())
    finally:
        engine.dispose()


def _privileges(admin: Admin, role: str) -> set[tuple[str, str]]:
    engine = sa.create_engine(admin.url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                sa.text(
                    "SELECT table_name, privilege_type FROM information_schema.role_table_grants"
                    " WHERE grantee = :role AND table_schema = current_schema()"
                ),
                {"role": role},
            ).all()
            return {(str(t), str(p)) for t, p in found}
    finally:
        engine.dispose()
