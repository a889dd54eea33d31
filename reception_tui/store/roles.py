"""PostgreSQL: a login role that the database itself keeps to reading the desk's tables.

A read-only desk starts its transactions read-only, but a session may turn that off again
(`SET TRANSACTION READ WRITE`). What it cannot turn off are privileges: the role made here
may `SELECT` the desk's tables and nothing more on them (`LISTEN` needs no privilege), so a
write fails however it is sent. Its sessions also start read-only and in the desk's schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import SQLModel

from reception_tui.store import tables as _tables  # noqa: F401  (registers the desk's tables)
from reception_tui.store.engine import writer
from reception_tui.words import Coded, Worded

_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,62}$")
# Every privilege a table has beyond SELECT.
_TABLE_WRITES = "INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER"


class RoleError(Coded):
    """The role cannot be made read-only as asked (a bad name, or it could still write)."""

    CODES = {
        "no_schema": (),
        "role_is_connected": ("role",),
        "role_is_superuser": ("role",),
        "role_creates_roles": ("role",),
        "tables_missing": ("schema", "tables"),
        "role_still_writes": ("role", "what"),
        "member_writes": ("role", "member", "what"),
    }


class BadRoleName(RoleError, ValueError):
    """The name is not one this command accepts for a role."""

    CODES = {"bad_role_name": ("role",), "role_name_reserved": ("role",)}


class _Power(Worded):
    """What a role may still do that a reader must not (for RoleError's words)."""

    CODES = {
        "power_almighty": (),
        "power_writes": ("tables",),
        "power_creates": ("schema",),
    }

    def __init__(self, code: str, /, **values: object) -> None:
        self._coded(code, values)


@dataclass(frozen=True, slots=True)
class ReadOnlyRole:
    """What `grant_read_only` did, for the administrator's next steps."""

    role: str
    created: bool
    database: str
    schema: str
    tables: tuple[str, ...]
    # What PostgreSQL grants every role (PUBLIC) in this database beyond the desk's tables.
    public_temporary: bool


def desk_tables() -> tuple[str, ...]:
    """The tables a desk reads: its own and Alembic's version table."""
    return (*sorted(SQLModel.metadata.tables), "alembic_version")


def check_role_name(role: str) -> str:
    if not _ROLE_NAME.match(role):
        raise BadRoleName("bad_role_name", role=repr(role))
    if role.lower().startswith("pg_"):
        raise BadRoleName("role_name_reserved", role=repr(role))
    return role


def grant_read_only(engine: sa.Engine, role: str) -> ReadOnlyRole:
    """Create `role` (LOGIN, no password) or update it, so that it may only read the desk.

    One transaction: either the role ends up read-only on every desk table, or nothing changes
    (RoleError says why, e.g. a membership that would still let it write).
    """
    check_role_name(role)
    with writer(engine).begin() as connection:
        quote = connection.dialect.identifier_preparer.quote_identifier
        who, database, schema = connection.execute(
            sa.text("SELECT current_user, current_database(), current_schema()")
        ).one()
        if schema is None:
            raise RoleError("no_schema")
        if role == who:
            raise RoleError("role_is_connected", role=repr(role))
        existing = connection.execute(
            sa.text("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = :role"),
            {"role": role},
        ).one_or_none()
        if existing is not None and existing.rolsuper:
            raise RoleError("role_is_superuser", role=repr(role))
        if existing is not None and existing.rolcreaterole:
            raise RoleError("role_creates_roles", role=repr(role))
        tables = desk_tables()
        present = set(
            connection.execute(
                sa.text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = :schema"
                    " AND tablename = ANY(:tables)"
                ),
                {"schema": schema, "tables": list(tables)},
            ).scalars()
        )
        missing = [t for t in tables if t not in present]
        if missing:
            raise RoleError("tables_missing", schema=schema, tables=", ".join(missing))
        r, s, d = quote(role), quote(schema), quote(database)
        qualified = ", ".join(f"{s}.{quote(t)}" for t in tables)
        sequences = ", ".join(
            f"{s}.{quote(name)}" for name in _owned_sequences(connection, schema, tables)
        )
        # No password from us: the administrator sets one (see the CLI's message).
        if existing is None:
            connection.exec_driver_sql(
                f"CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                " NOBYPASSRLS"
            )
        else:
            connection.exec_driver_sql(f"ALTER ROLE {r} LOGIN")
        statements = [
            f"REVOKE ALL ON TABLE {qualified} FROM {r}",
            f"GRANT SELECT ON TABLE {qualified} TO {r}",
            f"REVOKE CREATE ON SCHEMA {s} FROM {r}",
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"REVOKE CREATE ON DATABASE {d} FROM {r}",
            f"GRANT CONNECT ON DATABASE {d} TO {r}",
            # Tables a later migration adds are readable too (the desk reads them all).
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}",
            # Its sessions start read-only and find the desk's tables without options.
            f"ALTER ROLE {r} IN DATABASE {d} SET default_transaction_read_only = on",
            f"ALTER ROLE {r} IN DATABASE {d} SET search_path = {s}",
        ]
        if sequences:
            statements.insert(2, f"REVOKE ALL ON SEQUENCE {sequences} FROM {r}")
        for statement in statements:
            connection.exec_driver_sql(statement)
        _refuse_remaining_writes(connection, role, schema, tables)
        public_temporary = connection.execute(
            sa.text("SELECT has_database_privilege('public', :database, 'TEMPORARY')"),
            {"database": database},
        ).scalar_one()
    return ReadOnlyRole(role, existing is None, database, schema, tables, public_temporary)


def _owned_sequences(connection: sa.Connection, schema: str, tables: tuple[str, ...]) -> list[str]:
    """The sequences behind the desk tables' ids (serial or identity columns)."""
    query = sa.text(
        "SELECT DISTINCT s.relname FROM pg_class s"
        " JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')"
        " JOIN pg_class t ON t.oid = d.refobjid"
        " JOIN pg_namespace n ON n.oid = t.relnamespace"
        " WHERE s.relkind = 'S' AND n.nspname = :schema AND t.relname = ANY(:tables)"
        " ORDER BY s.relname"
    )
    return list(connection.execute(query, {"schema": schema, "tables": list(tables)}).scalars())


def _refuse_remaining_writes(
    connection: sa.Connection, role: str, schema: str, tables: tuple[str, ...]
) -> None:
    """Raise RoleError if `role`, or a role it may act as, can still change the desk.

    Privileges come through memberships as well (inherited, or by SET ROLE), so each role it
    is a member of is checked too; raising rolls the whole grant back.
    """
    query = sa.text(
        f"""
        SELECT m.rolname, m.rolsuper OR m.rolcreaterole AS almighty,
               has_schema_privilege(m.oid, :schema, 'CREATE') AS creates,
               array_remove(array_agg(CASE WHEN has_table_privilege(
                   m.oid, quote_ident(:schema) || '.' || quote_ident(t), '{_TABLE_WRITES}')
                   THEN t END), NULL) AS writes
        FROM pg_roles m CROSS JOIN unnest(CAST(:tables AS text[])) AS t
        WHERE pg_has_role(:role, m.oid, 'MEMBER')
        GROUP BY m.rolname, m.rolsuper, m.rolcreaterole, m.oid
        ORDER BY m.rolname
        """
    )
    rows = connection.execute(query, {"role": role, "schema": schema, "tables": list(tables)}).all()
    # Another role first: what the role inherits from it shows on the role itself as well.
    for name, almighty, creates, writes in sorted(rows, key=lambda row: row[0] == role):
        if not (almighty or creates or writes):
            continue
        what = (
            _Power("power_almighty")
            if almighty
            else _Power("power_writes", tables=", ".join(writes))
            if writes
            else _Power("power_creates", schema=schema)
        )
        if name == role:
            raise RoleError("role_still_writes", role=repr(role), what=what)
        raise RoleError("member_writes", role=role, member=name, what=what)
