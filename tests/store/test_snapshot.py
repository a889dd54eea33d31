"""The desk's snapshot: what it keeps comes back as it was read, and a snapshot that no longer
stands for the database (or that others could have written) is passed over."""

from __future__ import annotations

import marshal
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from reception_tui.clock import FixedClock
from reception_tui.config import default_settings
from reception_tui.domain.desk import DeskModel, DeskRead
from reception_tui.store.demo import build_demo
from reception_tui.store.feed import unseen_changes
from reception_tui.store.migrate import current_revision
from reception_tui.store.repository import Repository
from reception_tui.store.snapshot import (
    Snapshot,
    SnapshotKey,
    SnapshotWrite,
    read_snapshot,
    snapshot_path,
)
from reception_tui.store.tables import Change

SETTINGS = default_settings()
DEFAULT = SETTINGS.available_status().code
QUERIES = ("a", "ann", "berg", "bygglov", "faktura", "12", "svenson", "anna lind", "zzz")


def desk_read(repository: Repository) -> DeskRead:
    """What a desk reads at its start (as `ReceptionApp.reload` does)."""
    change_id = repository.last_change_id()
    employees = repository.employees(default_status=DEFAULT, by_name=False, contact=False)
    closed = repository.recently_closed(repository.clock.now() - timedelta(days=7), 500)
    return DeskModel.read(employees, repository.open_inquiries(), change_id, closed)


def key_of(repository: Repository, default_status: str = DEFAULT) -> SnapshotKey:
    engine = repository.engine
    return SnapshotKey.of(engine.url, current_revision(engine) or "", default_status)


@pytest.fixture
def demo(repository: Repository) -> Repository:
    build_demo(repository, SETTINGS.status_codes(), employees=150, seed=3, history=40)
    return repository


def keep(repository: Repository, folder: Path) -> tuple[Path, DeskRead]:
    read = desk_read(repository)
    key = key_of(repository)
    path = snapshot_path(key, folder)
    unseen = unseen_changes(repository.engine, read.change_id)
    written = SnapshotWrite.of(path, key, read, repository.change_at(read.change_id), unseen)
    assert written is not None
    written.write()
    return path, read


def read_back(
    repository: Repository, path: Path, key: SnapshotKey | None = None
) -> Snapshot | None:
    return read_snapshot(path, key or key_of(repository), repository.change_at)


def kept_and_back(repository: Repository, folder: Path) -> tuple[DeskRead, DeskRead]:
    """A desk's read, and what the snapshot kept of it gives back."""
    path, read = keep(repository, folder)
    found = read_back(repository, path)
    assert found is not None
    return read, found.read


def test_a_snapshot_gives_back_the_read_it_kept_and_searches_alike(
    demo: Repository, tmp_path: Path
) -> None:
    read, again = kept_and_back(demo, tmp_path)
    assert again.change_id == read.change_id
    assert again.employees == read.employees
    assert again.inquiries == read.inquiries and again.inquiries
    assert again.closed == read.closed and again.closed
    assert again.redirected_to == read.redirected_to
    assert sorted(again.returns) == sorted(read.returns) and again.returns
    assert sorted(again.dues) == sorted(read.dues)
    for query in QUERIES:
        assert again.index.search(query).ids == read.index.search(query).ids, query
    # Someone away, with a note and a return time: every field came back, times still aware UTC.
    away = next(e for e in again.employees.values() if e.presence.return_at is not None)
    assert away.presence == read.employees[away.id].presence
    return_at = away.presence.return_at
    assert return_at is not None and return_at.utcoffset() == timedelta(0)


def test_the_index_from_a_snapshot_learns_changes_like_the_one_it_came_from(
    demo: Repository, tmp_path: Path
) -> None:
    read, again = kept_and_back(demo, tmp_path)
    someone = next(iter(read.employees.values()))
    for index in (read.index, again.index):
        index.remove(someone.id)
    assert again.index.search("a").ids == read.index.search("a").ids
    assert someone.id not in again.index.search(someone.last_name).ids


def test_the_snapshot_is_its_owners_alone_and_names_no_password(
    demo: Repository, tmp_path: Path
) -> None:
    path, _ = keep(demo, tmp_path / "cache")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.partial"))
    with_password = make_url("postgresql+psycopg://desk:hemligt@db.example/desk")
    other_password = with_password.set(password="annat")
    key = SnapshotKey.of(with_password, "rev", DEFAULT)
    assert key == SnapshotKey.of(other_password, "rev", DEFAULT)
    assert "hemligt" not in snapshot_path(key, tmp_path).name
    assert b"hemligt" not in path.read_bytes()


def _other_database(repository: Repository, path: Path) -> SnapshotKey:
    return SnapshotKey.of(make_url("sqlite:////somewhere/else.sqlite3"), "x", DEFAULT)


def _other_schema(repository: Repository, path: Path) -> SnapshotKey:
    key = key_of(repository)
    return SnapshotKey(key.database, "a newer schema", key.default_status)


def _other_default_status(repository: Repository, path: Path) -> SnapshotKey:
    return key_of(repository, default_status="gone")


def _change_log_rewritten(repository: Repository, path: Path) -> SnapshotKey:
    # A database restored from a backup and written to since: the same id, another moment.
    table = Change.__table__  # type: ignore[attr-defined]
    last = repository.last_change_id()
    with repository.engine.begin() as connection:
        connection.execute(
            sa.update(table)
            .where(table.c.id == last)
            .values(at=repository.clock.now() + timedelta(seconds=1))
        )
    return key_of(repository)


def _change_purged(repository: Repository, path: Path) -> SnapshotKey:
    table = Change.__table__  # type: ignore[attr-defined]
    with repository.engine.begin() as connection:
        connection.execute(sa.delete(table).where(table.c.id == repository.last_change_id()))
    return key_of(repository)


def _readable_by_others(repository: Repository, path: Path) -> SnapshotKey:
    path.chmod(0o644)
    return key_of(repository)


def _cut_short(repository: Repository, path: Path) -> SnapshotKey:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return key_of(repository)


def _garbage(repository: Repository, path: Path) -> SnapshotKey:
    path.write_bytes(b"\x00\xff not a snapshot" * 100)
    return key_of(repository)


def _missing(repository: Repository, path: Path) -> SnapshotKey:
    path.unlink()
    return key_of(repository)


@pytest.mark.parametrize(
    "spoil",
    [
        _other_database,
        _other_schema,
        _other_default_status,
        _change_log_rewritten,
        _change_purged,
        _readable_by_others,
        _cut_short,
        _garbage,
        _missing,
    ],
)
def test_a_snapshot_that_does_not_stand_for_the_database_is_passed_over(
    demo: Repository, tmp_path: Path, spoil: Callable[[Repository, Path], SnapshotKey]
) -> None:
    path, _ = keep(demo, tmp_path)
    key = spoil(demo, path)
    assert read_back(demo, path, key) is None


def test_an_empty_change_log_keeps_no_snapshot(repository: Repository, tmp_path: Path) -> None:
    read = desk_read(repository)
    key = key_of(repository)
    assert read.change_id == 0
    assert SnapshotWrite.of(snapshot_path(key, tmp_path), key, read, None, ()) is None


def test_a_snapshot_that_fails_halfway_leaves_the_one_before_and_no_part(
    demo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    path, _ = keep(demo, cache)
    before = path.read_bytes()
    dumps, written = marshal.dumps, 0

    def full_disk(value: object) -> bytes:
        nonlocal written
        written += 1
        if written > 5:
            raise OSError(28, "No space left on device")
        return dumps(value)

    monkeypatch.setattr("reception_tui.store.snapshot.marshal.dumps", full_disk)
    with pytest.raises(OSError):
        keep(demo, cache)
    assert path.read_bytes() == before
    assert [p.name for p in cache.iterdir()] == [path.name]


def test_the_clock_of_the_snapshot_is_the_change_logs(
    demo: Repository, clock: FixedClock, tmp_path: Path
) -> None:
    # The check is by the moment the change log holds, not by the desk's clock: a desk whose
    # clock moved on still finds its snapshot good.
    path, _ = keep(demo, tmp_path)
    clock.advance(timedelta(days=1))
    assert read_back(demo, path) is not None
