"""The desk's last full read, kept in the user's cache between starts.

At 100,000 people a full read takes seconds, and from one morning to the next little has
changed. So after each full read the desk keeps what it read in a snapshot; at its next start
it shows everyone from the snapshot within a second, and the change feed
brings what changed since, as it brings another seat's saves.

A snapshot stands for one database at one point of its change log: it is used only when the
database, its schema and this program's code that shape what is kept are the same, and the
change log still holds the snapshot's last change, written at the same moment (a database
restored from a backup, rebuilt or purged past it fails that). Anything else, and a file that
is not its user's or that others may write, is passed over: the desk then reads everything.

The file holds the desk's personal data as the database does, so only its owner may read it;
it is written beside its place and moved there whole. It is a run of `marshal` values, each
after its length: loading it builds only strings, numbers and containers, and runs no code,
as a pickle could.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from enum import Enum
from functools import cache
from pathlib import Path
from typing import IO, Any, TypeVar, get_type_hints

import sqlalchemy as sa

from reception_tui.domain import records, search, text
from reception_tui.domain.desk import DeskModel, DeskRead
from reception_tui.domain.records import EmployeeRecord, InquiryRecord, PresenceRecord
from reception_tui.domain.search import IndexState, StaffIndex

log = logging.getLogger(__name__)

_MAGIC = "reception-tui desk snapshot"
# The modules whose code decides what a snapshot holds: a change to any of them makes the
# snapshots written before it stale.
_SHAPED_BY = (records, search, text)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Each value is written as its length in this many bytes, then its marshal data: reading a
# whole value at once is many times quicker than `marshal.load` from a file.
_LENGTH = 8

# What the search index holds of each employee already: their records take it from there,
# the same strings, as after a full read (where the index shares the records' strings).
_FROM_INDEX = frozenset({"id", "unit_name", "title", "extension", "keywords", "sort_key"})
_NOT_KEPT = _FROM_INDEX | {"presence"}

_R = TypeVar("_R")


@dataclasses.dataclass(frozen=True, slots=True)
class SnapshotKey:
    """What a snapshot must have been written for to stand for the database now."""

    database: str  # a digest of the database's URL, without its password
    revision: str  # the schema's
    default_status: str  # what "never set" reads as

    @classmethod
    def of(cls, url: sa.URL, revision: str, default_status: str) -> SnapshotKey:
        where = url.render_as_string(hide_password=True)
        return cls(hashlib.sha256(where.encode()).hexdigest(), revision, default_status)


@dataclasses.dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot read back: the desk's read, where the change feed goes on from."""

    read: DeskRead
    unseen: tuple[int, ...]  # change ids below `read.change_id` not visible when it was read


def snapshot_path(key: SnapshotKey, folder: Path) -> Path:
    """Where the snapshot of `key`'s database lives in `folder` (the user's cache): one file
    for each database."""
    return folder / f"desk-{key.database[:20]}.snapshot"


_Parts = tuple[list[EmployeeRecord], list[InquiryRecord], list[InquiryRecord], IndexState]


@dataclasses.dataclass(frozen=True, slots=True)
class SnapshotWrite:
    """A full read to keep at `path`, taken before the desk changes it: records never change,
    and the search index's state is a copy."""

    path: Path
    header: tuple[Any, ...]
    parts: _Parts

    @classmethod
    def of(
        cls,
        path: Path,
        key: SnapshotKey,
        read: DeskRead,
        change_at: datetime | None,
        unseen: Sequence[int],
    ) -> SnapshotWrite | None:
        """What to keep of `read` (None when the change log is empty: nothing to check it
        by); `change_at` is when its last change was written."""
        if change_at is None:
            return None
        header = (_MAGIC, _code(), key.database, key.revision, key.default_status,
                  read.change_id, _stamp(change_at), tuple(unseen))  # fmt: skip
        # The employees in the index's order: a snapshot's records take what the index holds
        # of them from it as it is read (`_FROM_INDEX`).
        employees = [read.employees[id_] for id_ in read.index.all_ids()]
        parts = (employees, list(read.inquiries.values()), list(read.closed.values()),
                 read.index.state())  # fmt: skip
        return cls(path, header, parts)

    def write(self) -> None:
        """Keep it, readable by its owner only."""
        employees, inquiries, closed, index = self.parts
        path = self.path
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                # One value at a time, none of them large: the desk's memory hardly grows.
                for value in (
                    self.header,
                    *index,
                    *_columns(employees, EmployeeRecord, leave_out=_NOT_KEPT),
                    *_presences(employees),
                    *_columns(inquiries, InquiryRecord),
                    *_columns(closed, InquiryRecord),
                ):
                    data = marshal.dumps(value)
                    file.write(len(data).to_bytes(_LENGTH, "little"))
                    file.write(data)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise


def read_snapshot(
    path: Path, key: SnapshotKey, change_at: Callable[[int], datetime | None]
) -> Snapshot | None:
    """The snapshot at `path` when it stands for the database now (see the module), else None.

    `change_at(id)` is when the change log's change `id` was written, None when it is not there.
    """
    try:
        with path.open("rb") as file:
            if not _private(file):
                log.warning("the desk's snapshot %s is not its user's alone: not used", path)
                return None
            header = _load(file)
            if not isinstance(header, tuple) or len(header) != 8 or header[:5] != (
                _MAGIC, _code(), key.database, key.revision, key.default_status,
            ):  # fmt: skip
                return None
            change_id, stamp, unseen = header[5:]
            if change_at(change_id) != _moment(stamp):
                return None
            return _read_body(file, key, change_id, tuple(unseen))
    except FileNotFoundError:
        return None
    except (
        OSError,
        EOFError,
        ValueError,
        TypeError,
        IndexError,
        KeyError,
        AttributeError,
    ) as error:
        log.warning("the desk's snapshot %s could not be read: %s", path, error)
        return None


def _read_body(
    file: IO[bytes], key: SnapshotKey, change_id: int, unseen: tuple[int, ...]
) -> Snapshot:
    load = _load
    index = StaffIndex.from_state(tuple(load(file) for _ in range(10)))  # type: ignore[arg-type]
    kept = [load(file) for _ in _fields(EmployeeRecord, leave_out=_NOT_KEPT)]
    holders, *presence_columns = [load(file) for _ in range(1 + len(_fields(PresenceRecord)))]
    presences = dict(zip(holders, _records(presence_columns, PresenceRecord), strict=True))
    never_set = PresenceRecord(key.default_status, None, None, None, "", None, None, 0)
    employees = []
    # Made in one pass beside the index, with nothing else made for each of them: what a read
    # makes and lets go among the records it keeps would stay in the process as holes.
    for (id_, unit, title, extension, keywords, sort_key), row in zip(
        index.entries(), zip(*kept, strict=True), strict=True
    ):
        number, first, last, unit_id, mobile, email, visiting, active = row
        employees.append(
            EmployeeRecord(
                id_, number, first, last, title, unit_id, unit, extension, mobile, email,
                keywords, visiting, active, presences.get(id_, never_set), sort_key=sort_key,
            )
        )  # fmt: skip
    inquiries = _records([load(file) for _ in _fields(InquiryRecord)], InquiryRecord)
    closed = _records([load(file) for _ in _fields(InquiryRecord)], InquiryRecord)
    return Snapshot(DeskModel.read(employees, inquiries, change_id, closed, index=index), unseen)


def _load(file: IO[bytes]) -> Any:
    """The next value in `file` (as `SnapshotWrite.write` put it there)."""
    length = int.from_bytes(_read_exactly(file, _LENGTH), "little")
    return marshal.loads(_read_exactly(file, length))


def _read_exactly(file: IO[bytes], size: int) -> bytes:
    if size > os.fstat(file.fileno()).st_size - file.tell():
        raise EOFError("the snapshot ends early")  # or a length that is not one
    data = file.read(size)
    if len(data) != size:
        raise EOFError("the snapshot ends early")
    return data


# ---------------------------------------------------------------------- records as columns


def _fields(record: type, leave_out: Iterable[str] = ()) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(record) if f.name not in set(leave_out)]


def _columns(
    items: Sequence[Any], record: type, leave_out: Iterable[str] = ()
) -> Iterable[tuple[Any, ...]]:
    """One tuple per field of `record`, in field order, of plain values (see `_conversion`)."""
    hints = get_type_hints(record)
    for f in _fields(record, leave_out):
        to_plain, _ = _conversion(hints[f.name])
        column = tuple(getattr(item, f.name) for item in items)
        yield column if to_plain is None else tuple(map(to_plain, column))


def _records(columns: Sequence[Sequence[Any]], record: type[_R]) -> list[_R]:
    hints = get_type_hints(record)
    converted = []
    for f, column in zip(_fields(record), columns, strict=True):
        _, from_plain = _conversion(hints[f.name])
        converted.append(column if from_plain is None else list(map(from_plain, column)))
    return [record(*row) for row in zip(*converted, strict=True)]


def _presences(employees: Sequence[EmployeeRecord]) -> Iterable[tuple[Any, ...]]:
    """Who has a presence that was ever set, then those presences as columns."""
    held = [e for e in employees if e.presence.version]
    yield tuple(e.id for e in held)
    yield from _columns([e.presence for e in held], PresenceRecord)


def _conversion(hint: Any) -> tuple[Callable[[Any], Any] | None, Callable[[Any], Any] | None]:
    """How a field of type `hint` becomes a plain value and back; None: it is one already."""
    kinds = set(getattr(hint, "__args__", (hint,))) - {type(None)}
    if kinds == {datetime}:
        return _stamp_or_none, _moment_or_none
    if len(kinds) == 1 and isinstance(kind := kinds.pop(), type) and issubclass(kind, Enum):
        return (lambda member: member.value), kind
    return None, None


def _stamp(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def _moment(stamp: int) -> datetime:
    return _EPOCH + stamp * _MICROSECOND


def _stamp_or_none(moment: datetime | None) -> int | None:
    return None if moment is None else _stamp(moment)


def _moment_or_none(stamp: int | None) -> datetime | None:
    return None if stamp is None else _moment(stamp)


@cache
def _code() -> str:
    """A digest of the code that shapes a snapshot (`_SHAPED_BY` and this module)."""
    digest = hashlib.sha256()
    for source in (*(module.__file__ or "" for module in _SHAPED_BY), __file__):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def _private(file: IO[bytes]) -> bool:
    """Whether the open `file` is its user's, and nobody else may read or write it."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the user's profile folder keeps others out
    stat = os.fstat(file.fileno())
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o077
