"""Backups of the SQLite database and putting one back, without losing what seats write.

`backup` copies the database with SQLite's online backup API in one step: one read
transaction, so the copy is exactly the database as it was when the copy began, however busy
the seats are; seats go on writing meanwhile. The copy is readable by its owner only (it holds
callers' personal data) and is written beside its name first, so a copy cut short never takes
the place of a good one.

`restore` checks a backup before anything is replaced (an SQLite file, intact, with a schema
this program knows), brings an older schema up to date, and then swaps it in while no desk
holds a seat (`seats.vacant`). The database it replaces is kept beside it, with its own `-wal`
and `-shm` moved along: a stale WAL file left beside the restored database would be replayed
into it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from reception_tui.store.engine import (
    BUSY_TIMEOUT_MS,
    DatabaseError,
    create_private_folder,
    make_engine,
    without_password,
)
from reception_tui.store.migrate import HEAD, known_revisions, upgrade
from reception_tui.store.seats import DesksOpen, desks_open, vacant
from reception_tui.words import Coded

# What SQLite keeps beside a database file while it is in use.
COMPANIONS = ("-wal", "-shm", "-journal")

__all__ = [
    "BackupExists",
    "BackupSummary",
    "CannotWrite",
    "DatabaseBusy",
    "DesksOpen",
    "RestoreSummary",
    "UnusableBackup",
    "backup",
    "desk_schema",
    "pg_dump_command",
    "pg_restore_command",
    "restore",
]


class BackupExists(Coded):
    """The backup's file is there already (replace it only when asked to)."""

    CODES = {"backup_exists": ("path",)}


class UnusableBackup(Coded):
    """The file cannot be used as a backup: missing, not SQLite, damaged, or too new."""

    CODES = {
        "backup_is_database": ("path",),
        "no_such_backup": ("path",),
        "backup_names_database": ("path",),
        "not_a_usable_backup": ("path", "reason"),
        "backup_without_schema": ("path",),
        "backup_schema_unknown": ("path", "revision", "head"),
        "backup_not_upgraded": ("path", "revision", "reason"),
    }


class DatabaseBusy(Coded):
    """Another program has the database open, so it cannot be replaced now."""

    CODES = {"database_busy": ("path",)}


class CannotWrite(Coded):
    """The backup's file cannot be written where it was asked for."""

    CODES = {"no_such_folder": ("path", "folder"), "cannot_write": ("path", "reason")}


class Damaged(Coded, sqlite3.DatabaseError):
    """A copy that SQLite's integrity check finds damaged; `problem` is SQLite's own report."""

    CODES = {"damaged": ("problem",)}


@dataclass(frozen=True, slots=True)
class BackupSummary:
    target: Path
    revision: str | None
    size: int


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    database: Path
    revision: str
    upgraded_from: str | None
    kept: Path | None


# ------------------------------------------------------------------ backup


def backup(database: Path, target: Path, *, force: bool = False) -> BackupSummary:
    """Copy `database` to `target` (mode 0600); refuses an existing `target` unless `force`."""
    if not database.is_file():
        raise DatabaseError("no_such_database", path=str(database))
    if _same_file(database, target):
        raise UnusableBackup("backup_is_database", path=str(target))
    if target.exists() and not force:
        raise BackupExists("backup_exists", path=str(target))
    if not target.parent.is_dir():
        raise CannotWrite("no_such_folder", path=str(target), folder=str(target.parent))
    try:
        partial = _private_file(target.with_name(f".{target.name}.partial-{os.getpid()}"))
    except OSError as error:
        raise CannotWrite("cannot_write", path=str(target), reason=error.strerror) from None
    try:
        try:
            revision = _copy(database, partial)
        except sqlite3.DatabaseError as error:
            raise DatabaseError("cannot_read_database", path=str(database), reason=error) from None
        _fsync(partial)
        _put_in_place(partial, target, force=force)
    finally:
        _remove(partial)
    _fsync(target.parent)
    return BackupSummary(target, revision, target.stat().st_size)


def _copy(database: Path, copy_path: Path) -> str | None:
    """Copy `database` into the empty file `copy_path` and check the copy; its revision."""
    source = _open_read_only(database)
    try:
        copy = sqlite3.connect(copy_path)
        try:
            # In one step (pages=-1), so in one read transaction: the copy is the database as
            # it was when it began. In several steps, a seat's write between two of them would
            # start the copy over, and under steady writing it might never end.
            source.backup(copy, pages=-1)
            # One self-contained file, whatever journal mode the database runs in.
            copy.execute("PRAGMA journal_mode = DELETE")
            problem = _integrity_problem(copy)
            if problem:
                raise Damaged("damaged", problem=problem)
            return _revision(copy)
        finally:
            copy.close()
    finally:
        source.close()


def _put_in_place(partial: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(partial, target)
        return
    try:
        os.link(partial, target)  # fails if someone made `target` meanwhile; never overwrites
    except FileExistsError:
        raise BackupExists("backup_exists", path=str(target)) from None
    except OSError:
        # A file system without hard links: check and rename (a narrow race, but no link).
        if target.exists():
            raise BackupExists("backup_exists", path=str(target)) from None
        os.rename(partial, target)


# ------------------------------------------------------------------ restore


def restore(database: Path, source: Path, *, now: datetime) -> RestoreSummary:
    """Replace `database` with the backup `source`, keeping the replaced file beside it.

    Raises UnusableBackup (nothing changed), DesksOpen or DatabaseBusy (nothing changed).
    """
    if not source.is_file():
        raise UnusableBackup("no_such_backup", path=str(source))
    if _same_file(database, source):
        raise UnusableBackup("backup_names_database", path=str(source))
    if desks_open(database):  # before any work: the answer a person waits for
        raise DesksOpen("desks_open", path=str(database))
    create_private_folder(database.parent)
    staging = _private_file(database.with_name(f".{database.name}.restoring-{os.getpid()}"))
    try:
        before = _stage(source, staging)
        if before != HEAD:
            _upgrade(staging, source, before)
        with vacant(database):
            _same_access(staging, database)  # before the old file is set aside (and made 0600)
            kept = _set_aside(database, now)
            os.replace(staging, database)
            _fsync(database.parent)
    finally:
        for suffix in ("", *COMPANIONS):
            _remove(Path(f"{staging}{suffix}"))
    return RestoreSummary(database, HEAD, before if before != HEAD else None, kept)


def _same_access(staging: Path, database: Path) -> None:
    """Give the restored file the owner, group and mode of the one it replaces: on a shared
    folder the group that may read it is the administrator's choice, and whoever restores (root,
    say) must not leave a file the desks cannot open."""
    try:
        replaced = database.stat()
    except FileNotFoundError:
        return  # a first restore: the file stays private
    # Only root may give a file away; the group alone is enough otherwise.
    with contextlib.suppress(PermissionError):
        os.chown(staging, replaced.st_uid, replaced.st_gid)
    with contextlib.suppress(PermissionError):
        os.chown(staging, -1, replaced.st_gid)
    os.chmod(staging, stat.S_IMODE(replaced.st_mode))


def _stage(source: Path, staging: Path) -> str:
    """Copy `source` into `staging` and check it; returns its schema revision."""
    try:
        revision = _copy(source, staging)
    except sqlite3.DatabaseError as error:
        raise UnusableBackup("not_a_usable_backup", path=str(source), reason=error) from None
    if revision is None:
        raise UnusableBackup("backup_without_schema", path=str(source))
    if revision not in known_revisions():
        raise UnusableBackup(
            "backup_schema_unknown", path=str(source), revision=revision, head=HEAD
        )
    return revision


def _upgrade(staging: Path, source: Path, revision: str) -> None:
    engine = make_engine(f"sqlite:///{staging}")
    try:
        upgrade(engine)
    except (sa.exc.SQLAlchemyError, sqlite3.Error) as error:
        raise UnusableBackup(
            "backup_not_upgraded", path=str(source), revision=revision, reason=error
        ) from None
    finally:
        engine.dispose()
    _single_file(staging)


def _set_aside(database: Path, now: datetime) -> Path | None:
    """Keep the database being replaced as `<name>.replaced-<UTC time>`, with its WAL."""
    if not database.exists():
        return None
    _checkpoint(database)
    kept = _free_name(database, now)
    try:
        # A second name first, so the database's own name is never missing.
        os.link(database, kept)
    except OSError:
        os.rename(database, kept)
    kept.chmod(0o600)
    # Whatever SQLite left beside the old file belongs to it, not to the restored one.
    for suffix in COMPANIONS:
        companion = Path(f"{database}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{kept}{suffix}"))
    return kept


def _checkpoint(database: Path) -> None:
    """Write the WAL into the database file, so the file set aside is whole by itself."""
    try:
        connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return  # cannot be opened (damaged?): it is moved with its companions as it is
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.DatabaseError:
        busy = 0  # damaged, or not SQLite at all: moved as it is
    finally:
        connection.close()
    if busy:
        raise DatabaseBusy("database_busy", path=str(database))


def _free_name(database: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = database.with_name(f"{database.name}.replaced-{stamp}")
    number = 1
    while kept.exists():
        number += 1
        kept = database.with_name(f"{database.name}.replaced-{stamp}-{number}")
    return kept


def _single_file(path: Path) -> None:
    """Leave `path` in rollback-journal mode with no WAL beside it (a desk turns WAL on)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


# ------------------------------------------------------------------ PostgreSQL


def desk_schema(engine: sa.Engine) -> str:
    """The schema the desk's tables live in on PostgreSQL (the connection's current schema)."""
    with engine.connect() as connection:
        return str(connection.execute(sa.text("SELECT current_schema()")).scalar_one())


def pg_dump_command(url: URL, schema: str, target: Path) -> str:
    """The pg_dump command that backs up the desk's schema at `url` (never with its password).

    In a subshell with umask 077, so that the dump is readable by its owner only, as the
    SQLite backups are.
    """
    return (
        f"(umask 077 && pg_dump --format=custom --schema={_quoted(schema)}"
        f" --file={_quoted(str(target))} --dbname={_quoted(_libpq(url))})"
    )


def pg_restore_command(url: URL, schema: str, source: Path) -> str:
    """The pg_restore command that puts the dump `source` back into the desk's schema."""
    return (
        f"pg_restore --clean --if-exists --single-transaction --schema={_quoted(schema)}"
        f" --dbname={_quoted(_libpq(url))} {_quoted(str(source))}"
    )


def _libpq(url: URL) -> str:
    """`url` as libpq reads it: no driver name, no password, search_path as its `options`."""
    plain = without_password(url).set(drivername="postgresql")
    return plain.render_as_string(hide_password=False)


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


# ------------------------------------------------------------------ files


def _open_read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    """The first problem `PRAGMA integrity_check` finds, or None when the file is whole."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    if rows == [("ok",)]:
        return None
    if not rows:
        return "integrity_check said nothing"
    # SQLite's report may take several lines ("*** in database main ***", then the page).
    return " ".join(str(rows[0][0]).split())


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None  # no such table
    return str(row[0]) if row else None


def _private_file(path: Path) -> Path:
    """Create `path` empty and readable by its owner only, whatever the umask."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a leftover of an earlier attempt by a process with this id
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
