"""Which SQLite file an engine opened, so that a deleted, moved or replaced file is noticed.

SQLite goes on reading and writing a file after it has been deleted or renamed, and a file put
in its place is a different file: a desk that kept saving would save where nobody reads. So an
SQLite engine records its file's identity (device and inode) when it is made; it refuses new
connections and write transactions once the path names another file or none (see `engine`),
and a running desk compares on every wake-up of its follower (see `feed`).

A file replaced under an open desk may still have the old file's `-wal` and `-shm` beside it:
only the main file moved. Whatever opens the new file then reads the old file's last changes
into it, so such a file is told apart (`BESIDE_OLD_JOURNAL`) and never opened from here.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from weakref import WeakKeyDictionary

import sqlalchemy as sa

Identity = tuple[int, int]
JOURNALS = ("-wal", "-shm")


def identity(path: Path) -> Identity | None:
    """The file `path` names now, as (device, inode); None when there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class FileState(Enum):
    SAME = "same"
    """The path names the file the engine opened."""
    GONE = "gone"
    """Nothing at the path: the file was deleted or moved away."""
    REPLACED = "replaced"
    """Another file at the path, with journal files of its own or none: it can be opened."""
    BESIDE_OLD_JOURNAL = "beside-old-journal"
    """Another file at the path, beside the `-wal`/`-shm` of the file the engine opened."""


class DatabaseFile:
    """The file an SQLite engine opened, and what the path names now."""

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser().absolute()
        self.opened = identity(self.path)
        self.seen = self.opened  # what the path named at the last `state`
        self._journals = self._journal_identities()

    def _journal_identities(self) -> tuple[Identity | None, ...]:
        return tuple(identity(self.path.with_name(self.path.name + s)) for s in JOURNALS)

    def state(self) -> FileState:
        """What the path names now. While it is the same file, its journals are noted too: they
        are the ones this process has open, which a replacement must not be paired with."""
        now = self.seen = identity(self.path)
        journals = self._journal_identities()
        if now is not None and now == self.opened:
            self._journals = journals
            return FileState.SAME
        if now is None:
            return FileState.GONE
        if any(j is not None and j == old for j, old in zip(journals, self._journals, strict=True)):
            return FileState.BESIDE_OLD_JOURNAL
        return FileState.REPLACED


_files: WeakKeyDictionary[sa.Engine, DatabaseFile] = WeakKeyDictionary()


def register(engine: sa.Engine, file: DatabaseFile) -> None:
    _files[engine] = file


def opened_file(engine: sa.Engine) -> DatabaseFile | None:
    """The file `engine` opened; None for PostgreSQL and engines not made by `make_engine`."""
    return _files.get(engine)
