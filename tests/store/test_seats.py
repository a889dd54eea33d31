"""Seats: a replacement of the database file can tell whether any desk has it open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reception_tui.store.seats import DesksOpen, Seat, desks_open, seats_file, vacant

_HOLD = """
import sys, time
from pathlib import Path
from reception_tui.store.seats import Seat
with Seat(Path(sys.argv[1])):
    print("seated", flush=True)
    time.sleep(60)
"""


def test_no_desk_means_vacant(tmp_path: Path) -> None:
    database = tmp_path / "reception.sqlite3"
    assert not desks_open(database)
    with vacant(database):
        pass
    assert seats_file(database).stat().st_mode & 0o022 == 0  # readable, never writable by others


def test_an_open_desk_is_seen_and_its_seat_is_gone_when_it_closes(tmp_path: Path) -> None:
    database = tmp_path / "reception.sqlite3"
    with Seat(database), Seat(database):
        assert desks_open(database)
        with pytest.raises(DesksOpen), vacant(database):
            pass
    assert not desks_open(database)


def test_a_desk_killed_with_sigkill_leaves_no_seat(tmp_path: Path) -> None:
    database = tmp_path / "reception.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "seated\n"
        assert desks_open(database)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert not desks_open(database)
