"""Which desks have an SQLite database open: each holds a shared lock on a file beside it.

A restore or a rebuilt demo replaces the database file; a desk that still had the old one open
would go on writing where nobody reads. So every desk on an SQLite file holds a shared `flock`
on `<file>.seats` for as long as it runs, and whatever replaces the file first asks
`desks_open`, which tries for the lock exclusively. The kernel drops a lock when its process
ends, however it ends (kill -9 included), so a crashed desk never leaves a stale seat.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from reception_tui.words import Coded

# The lock file holds nothing, so whoever may read the folder (a manager's read-only desk on a
# shared folder) may open it too and hold a seat.
_MODE = 0o644


class DesksOpen(Coded):
    """A desk has the database open, so it cannot be replaced now."""

    CODES = {"desks_open": ("path",)}


def seats_file(database: Path) -> Path:
    """The lock file beside `database`."""
    return database.with_name(database.name + ".seats")


class Seat:
    """A desk's claim on an SQLite file, from `__enter__` until `__exit__` (or the process ends)."""

    def __init__(self, database: Path) -> None:
        self.path = seats_file(database)
        self._fd: int | None = None

    def __enter__(self) -> Seat:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, _MODE)
        except PermissionError:
            # A manager who may only read the folder: a shared lock needs no write access.
            fd = os.open(self.path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None


def desks_open(database: Path) -> bool:
    """Whether any desk holds a seat on `database` right now."""
    if not database.parent.is_dir():
        return False  # nothing there yet: nobody can have it open
    try:
        with vacant(database):
            return False
    except DesksOpen:
        return True


@contextmanager
def vacant(database: Path) -> Iterator[None]:
    """Hold `database` with no desk on it, for replacing the file; raises DesksOpen if one is.

    A desk that starts meanwhile waits for its seat until the block is done.
    """
    fd = os.open(seats_file(database), os.O_RDWR | os.O_CREAT, _MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DesksOpen("desks_open", path=str(database)) from None
        yield
    finally:
        os.close(fd)
