"""`db backup` and `db restore`: a consistent private copy while seats write, and putting one
back only when it is sound and no desk has the database open.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from admin_runner import BAD_INPUT, NOT_FOUND, OK, Admin, this_checkout

from reception_tui.store.engine import make_engine, sqlite_path, writer
from reception_tui.store.migrate import HEAD, MIGRATIONS, current_revision
from reception_tui.store.seats import Seat

POSTGRESQL_ONLY = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True
)

# A seat that writes as fast as it can: one inquiry per transaction, printed once committed.
WRITER = """
import sys
from pathlib import Path
from reception_tui.clock import SystemClock
from reception_tui.config import default_settings
from reception_tui.store.engine import make_engine
from reception_tui.store.repository import Repository

url, name, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
seat = Repository(make_engine(url), actor=name, clock=SystemClock(),
                  calendar=default_settings().calendar())
number = 0
while not stop.exists():
    seat.add_inquiry(caller_name=f"{name} {number}", caller_number="+46701234567",
                     employee_id=1, subject="x" * 500)
    print(number, flush=True)
    number += 1
"""


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def integrity(path: Path) -> list[tuple[object, ...]]:
    return rows(path, "PRAGMA integrity_check")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def database_of(admin: Admin) -> Path:
    path = sqlite_path(admin.url)
    assert path is not None
    return path


def callers(path: Path) -> set[str]:
    return {str(r[0]) for r in rows(path, "SELECT caller_name FROM inquiry")}


class Writer:
    """A writing seat in its own process; `committed` holds what it has said it committed."""

    def __init__(self, url: str, name: str, stop: Path) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, name, str(stop)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=this_checkout(),
        )  # fmt: skip
        self.committed: list[int] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self.committed.append(int(line))

    def so_far(self) -> set[str]:
        with self._lock:
            return {f"{self.name} {n}" for n in self.committed}

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.so_far()) < count:
            assert self.process.poll() is None, self.process.stderr.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, f"{self.name} wrote too slowly"
            time.sleep(0.01)

    def finish(self) -> str:
        _, errors = self.process.communicate(timeout=60)
        self._reader.join(timeout=10)
        assert self.process.returncode == 0, errors
        return errors


@pytest.fixture
def padded(sqlite_admin: Admin) -> Admin:
    """Some thousands of inquiries already in the database, so a copy takes a moment."""
    engine = make_engine(sqlite_admin.url)
    try:
        with writer(engine).begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO inquiry (received_at, channel, caller_name, caller_number,"
                    " employee_id, subject, due_at, state, created_by, version)"
                    " SELECT '2026-11-30 08:00:00', 'phone', 'Tidigare ' || value, '+46701234567',"
                    " 1, printf('%.1000c', 'x'), '2026-12-02 15:30:00', 'open', 'Karin Ek', 1"
                    " FROM generate_series(1, 5000)"
                )
            )
    except sa.exc.OperationalError:
        # No generate_series in this SQLite: a recursive count does the same.
        with writer(engine).begin() as connection:
            connection.execute(
                sa.text(
                    "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n"
                    " WHERE value < 5000)"
                    " INSERT INTO inquiry (received_at, channel, caller_name, caller_number,"
                    " employee_id, subject, due_at, state, created_by, version)"
                    " SELECT '2026-11-30 08:00:00', 'phone', 'Tidigare ' || value,"
                    " '+46701234567', 1, printf('%.1000c', 'x'), '2026-12-02 15:30:00',"
                    " 'open', 'Karin Ek', 1 FROM n"
                )
            )
    finally:
        engine.dispose()
    return sqlite_admin


# ------------------------------------------------------------------ backup


def test_backup_while_two_seats_write_holds_every_write_committed_before_it_began(
    padded: Admin, tmp_path: Path
) -> None:
    stop = tmp_path / "stop"
    seats = [Writer(padded.url, name, stop) for name in ("Karin", "Per")]
    try:
        for seat in seats:
            seat.wait_for(20)
        committed_before = set().union(*(seat.so_far() for seat in seats))
        result = padded("db", "backup", str(tmp_path / "copy.sqlite3"))
        for seat in seats:  # still writing after the copy: the copy held no one up for good
            seat.wait_for(len(seat.so_far()) + 5)
    finally:
        stop.touch()
        errors = [seat.finish() for seat in seats]

    assert result.code == OK, result.err
    copy = tmp_path / "copy.sqlite3"
    assert result.out.startswith(
        f"säkerhetskopierade {database_of(padded)} till {copy} (schemaversion {HEAD}"
    )
    assert errors == ["", ""]
    assert integrity(copy) == [("ok",)]
    assert mode(copy) == 0o600
    in_copy = callers(copy)
    assert committed_before <= in_copy
    # A snapshot: each seat's writes up to some point, none missing in between.
    for seat in seats:
        numbers = sorted(int(c.split()[1]) for c in in_copy if c.startswith(f"{seat.name} "))
        assert numbers == list(range(len(numbers)))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".copy.sqlite3")]


def test_backup_is_readable_by_its_owner_only_whatever_the_umask(
    sqlite_admin: Admin, tmp_path: Path
) -> None:
    previous = os.umask(0)
    try:
        result = sqlite_admin("db", "backup", str(tmp_path / "open-umask.sqlite3"))
    finally:
        os.umask(previous)

    assert result.code == OK, result.err
    assert mode(tmp_path / "open-umask.sqlite3") == 0o600


def test_backup_works_for_a_read_only_seat(sqlite_admin: Admin, tmp_path: Path) -> None:
    result = sqlite_admin("db", "backup", str(tmp_path / "manager.sqlite3"), "--read-only")

    assert result.code == OK, result.err
    assert callers(tmp_path / "manager.sqlite3") == callers(database_of(sqlite_admin))


def test_backup_refuses_to_overwrite_a_file_unless_forced(
    sqlite_admin: Admin, tmp_path: Path
) -> None:
    existing = tmp_path / "yesterday.sqlite3"
    existing.write_bytes(b"yesterday's backup")
    existing.chmod(0o644)

    refused = sqlite_admin("db", "backup", str(existing))

    assert refused.code == NOT_FOUND
    assert (
        refused.line() == f"reception-tui: {existing} finns redan; ange --force för att ersätta den"
    )
    assert existing.read_bytes() == b"yesterday's backup"

    forced = sqlite_admin("db", "backup", str(existing), "--force")

    assert forced.code == OK, forced.err
    assert integrity(existing) == [("ok",)]
    assert mode(existing) == 0o600


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("no-such-folder/copy.sqlite3", "no-such-folder finns inte"),
        ("a-file/copy.sqlite3", "a-file finns inte"),
    ],
    ids=["missing-folder", "under-a-file"],
)
def test_backup_to_a_place_that_cannot_be_written_exits_2(
    sqlite_admin: Admin, tmp_path: Path, where: str, says: str
) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")

    result = sqlite_admin("db", "backup", str(tmp_path / where))

    assert result.code == BAD_INPUT
    assert says in result.line()


def test_backup_onto_the_database_itself_is_refused(sqlite_admin: Admin) -> None:
    database = database_of(sqlite_admin)
    before = callers(database)

    result = sqlite_admin("db", "backup", str(database), "--force")

    assert result.code == BAD_INPUT
    assert "är själva databasen" in result.line()
    assert callers(database) == before and integrity(database) == [("ok",)]


@POSTGRESQL_ONLY
def test_backup_on_postgresql_prints_a_pg_dump_command_that_works(
    admin_on_postgresql: Admin, tmp_path: Path
) -> None:
    dump = tmp_path / "reception.dump"

    result = admin_on_postgresql("db", "backup", str(dump))

    assert result.code == BAD_INPUT
    assert "för PostgreSQL, kör raden ovan" in result.line()
    command, hint = result.out.splitlines()
    assert command.startswith("(umask 077 && pg_dump --format=custom --schema=")
    assert "hemligt" not in result.out
    assert "lösenordet är utelämnat" in hint
    completed = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120,
                               check=False)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert mode(dump) == 0o600
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True,
                             text=True, timeout=60, check=True).stdout  # fmt: skip
    assert " TABLE " in listing and " inquiry " in listing


@pytest.fixture
def admin_on_postgresql(database_url: str, open_admin: Callable[[str], Admin]) -> Admin:
    """An administrator on PostgreSQL whose URL carries a password (trust ignores it)."""
    url = sa.make_url(database_url).set(password="hemligt")
    return open_admin(url.render_as_string(hide_password=False))


# ------------------------------------------------------------------ restore


@pytest.fixture
def backed_up(sqlite_admin: Admin, tmp_path: Path) -> tuple[Admin, Path]:
    """A backup holding one inquiry (from Kalle); made before two more came in."""
    sqlite_admin.ok("inquiry", "add", "--for", "Anna Berg", "--caller", "Kalle Före",
                    "--number", "070-123 45 67")  # fmt: skip
    backup = tmp_path / "backup.sqlite3"
    sqlite_admin.ok("db", "backup", str(backup))
    for caller in ("Lisa Efter", "Mats Efter"):
        sqlite_admin.ok("inquiry", "add", "--for", "Lars Holm", "--caller", caller,
                        "--number", "070-765 43 21")  # fmt: skip
    return sqlite_admin, backup


def test_restore_puts_the_backup_back_and_keeps_the_replaced_database(
    backed_up: tuple[Admin, Path], tmp_path: Path
) -> None:
    admin, backup = backed_up
    database = database_of(admin)

    result = admin("db", "restore", str(backup))

    assert result.code == OK, result.err
    kept = database.with_name(f"{database.name}.replaced-20261202T080000Z")
    assert result.out.splitlines() == [
        f"återställde {backup} till {database} (schemaversion {HEAD})",
        f"databasen som ersattes finns kvar som {kept}",
    ]
    assert callers(database) == {"Kalle Före"}
    assert callers(kept) == {"Kalle Före", "Lisa Efter", "Mats Efter"}
    assert mode(kept) == 0o600 and mode(database) == 0o600
    assert integrity(kept) == [("ok",)]
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    # The desk goes on from the restored state.
    admin.ok("inquiry", "add", "--for", "Anna Berg", "--caller", "Nora Sen",
             "--number", "070-111 22 33")  # fmt: skip
    assert callers(database) == {"Kalle Före", "Nora Sen"}
    assert callers(backup) == {"Kalle Före"}  # the backup itself is left as it was


def test_restore_keeps_the_owner_group_and_mode_an_administrator_gave_the_database(
    backed_up: tuple[Admin, Path],
) -> None:
    # A shared folder: the managers' group may read the database (README, read-only managers).
    admin, backup = backed_up
    database = database_of(admin)
    group = next(g for g in (os.getgid(), 1, 2, 100) if g != database.stat().st_gid)
    os.chown(database, -1, group)  # as root here; an administrator uses chgrp
    database.chmod(0o640)

    admin.ok("db", "restore", str(backup))

    assert (mode(database), database.stat().st_gid) == (0o640, group)
    assert callers(database) == {"Kalle Före"}
    kept = database.with_name(f"{database.name}.replaced-20261202T080000Z")
    assert mode(kept) == 0o600  # the file set aside is private, whatever the database was


def test_restore_into_a_folder_that_does_not_exist_yet(
    backed_up: tuple[Admin, Path], tmp_path: Path
) -> None:
    admin, backup = backed_up
    target = tmp_path / "new" / "place" / "reception.sqlite3"

    result = admin.bare(
        "db", "restore", str(backup), "--config", str(admin.config_file),
        "--database", f"sqlite:///{target}",
    )  # fmt: skip

    assert result.code == OK, result.err
    assert callers(target) == {"Kalle Före"}


def test_restore_twice_in_a_second_keeps_both_replaced_files(
    backed_up: tuple[Admin, Path],
) -> None:
    admin, backup = backed_up
    database = database_of(admin)

    admin.ok("db", "restore", str(backup))
    admin.ok("db", "restore", str(backup))

    kept = sorted(
        p.name
        for p in database.parent.glob(f"{database.name}.replaced-*")
        if not p.name.endswith(("-wal", "-shm"))
    )
    assert kept == [
        f"{database.name}.replaced-20261202T080000Z",
        f"{database.name}.replaced-20261202T080000Z-2",
    ]


def test_restore_is_refused_while_a_desk_holds_its_seat(backed_up: tuple[Admin, Path]) -> None:
    admin, backup = backed_up
    database = database_of(admin)
    before = callers(database)

    with Seat(database):
        result = admin("db", "restore", str(backup))

    assert result.code == NOT_FOUND
    line = result.line()
    assert f"skrivbord har {database} öppen" in line
    assert "stäng varje skrivbord som har den (Ctrl+Q)" in line and "inget ändrades" in line
    assert callers(database) == before
    assert not list(database.parent.glob(f"{database.name}.replaced-*"))


def test_restore_is_refused_while_another_program_reads_the_database(
    backed_up: tuple[Admin, Path],
) -> None:
    admin, backup = backed_up
    database = database_of(admin)
    before = callers(database)
    reader = sqlite3.connect(database)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM inquiry").fetchone()  # holds a snapshot
        result = admin("db", "restore", str(backup))
    finally:
        reader.close()

    assert result.code == NOT_FOUND
    assert "ett annat program använder" in result.line()
    assert callers(database) == before


def damage(backup: Path) -> None:
    """Overwrite the middle of the file, where the inquiries' pages are."""
    data = bytearray(backup.read_bytes())
    page = 4096
    start = (len(data) // page // 2) * page
    data[start + 8 : start + page] = b"\xff" * (page - 8)
    backup.write_bytes(bytes(data))


UNUSABLE: dict[str, tuple[Callable[[Path], None], str]] = {
    "text-file": (
        lambda p: p.write_text("anställningsnummer;förnamn\n", "utf-8"),
        "går inte att använda som säkerhetskopia",
    ),
    "truncated": (
        lambda p: p.write_bytes(p.read_bytes()[:5000]),
        "går inte att använda som säkerhetskopia",
    ),
    "damaged-pages": (damage, "går inte att använda som säkerhetskopia"),
    "empty-file": (lambda p: p.write_bytes(b""), "är ingen databas för reception-tui"),
    "other-sqlite": (
        lambda p: (p.unlink(), sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.close()),
        "är ingen databas för reception-tui",
    ),
    "newer-schema": (
        lambda p: _set_revision(p, "9999"),
        "har schemaversion 9999, som den här versionen inte känner till",
    ),
}


def _set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


@pytest.mark.parametrize("spoil", UNUSABLE, ids=UNUSABLE.keys())
def test_restore_of_an_unusable_file_is_refused_and_changes_nothing(
    backed_up: tuple[Admin, Path], spoil: str
) -> None:
    admin, backup = backed_up
    database = database_of(admin)
    make_unusable, says = UNUSABLE[spoil]
    make_unusable(backup)
    before = callers(database)
    files = sorted(p.name for p in database.parent.iterdir() if p.suffix != ".seats")

    result = admin("db", "restore", str(backup))

    assert result.code == BAD_INPUT
    line = result.line()
    assert says in line and str(backup) in line and line.endswith("inget ändrades")
    assert callers(database) == before
    assert integrity(database) == [("ok",)]
    assert sorted(p.name for p in database.parent.iterdir() if p.suffix != ".seats") == files


def test_restore_of_a_missing_file_exits_2(sqlite_admin: Admin, tmp_path: Path) -> None:
    result = sqlite_admin("db", "restore", str(tmp_path / "finns-inte.sqlite3"))

    assert result.code == BAD_INPUT
    assert "filen finns inte" in result.line()


def test_restore_of_an_older_backup_upgrades_it(sqlite_admin: Admin, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    _migrated_to(old, "0002")
    database = database_of(sqlite_admin)

    result = sqlite_admin("db", "restore", str(old))

    assert result.code == OK, result.err
    assert f"(schemaversion {HEAD}, uppgraderad från schemaversion 0002)" in result.out
    engine = make_engine(f"sqlite:///{database}", read_only=True)
    try:
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()
    assert rows(old, "SELECT version_num FROM alembic_version") == [("0002",)]
    assert sqlite_admin.ok("staff", "list", "--json").out.strip() == "[]"


def _migrated_to(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(f"sqlite:///{path}")
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with writer(engine).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def test_restore_over_a_damaged_database_moves_its_wal_along(
    backed_up: tuple[Admin, Path],
) -> None:
    # A database broken beyond opening cannot be checkpointed: its -wal and -shm go with it,
    # or SQLite would replay that WAL into the restored file.
    admin, backup = backed_up
    database = database_of(admin)
    wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
    database.write_bytes(b"\x00" * 8192)
    wal.write_bytes(b"a WAL that belongs to the broken file")
    shm.write_bytes(b"\x00" * 32768)

    result = admin("db", "restore", str(backup))

    assert result.code == OK, result.err
    kept = database.with_name(f"{database.name}.replaced-20261202T080000Z")
    assert Path(f"{kept}-wal").read_bytes() == b"a WAL that belongs to the broken file"
    assert Path(f"{kept}-shm").exists()
    assert not wal.exists() or b"belongs to the broken file" not in wal.read_bytes()
    assert callers(database) == {"Kalle Före"}
    assert integrity(database) == [("ok",)]


@POSTGRESQL_ONLY
def test_restore_on_postgresql_prints_the_pg_restore_command(
    admin_on_postgresql: Admin, tmp_path: Path
) -> None:
    result = admin_on_postgresql("db", "restore", str(tmp_path / "reception.dump"))

    assert result.code == BAD_INPUT
    assert "för PostgreSQL, kör raden ovan" in result.line()
    command = result.out.splitlines()[0]
    assert command.startswith("pg_restore --clean --if-exists --single-transaction --schema=")
    assert command.endswith("reception.dump") and "hemligt" not in result.out
