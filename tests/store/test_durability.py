"""Nothing committed is lost when writers are killed (SIGKILL) at random moments.

Several writer processes, each with its own engine, set statuses and log inquiries through the
repository as fast as they can, and print one line for each write once its commit has returned.
The test kills one of them at a random moment, starts another in its place, and so on; then it
checks that every write a writer reported is in the database, that presence versions in the
change log run 1..n for each person with the stored row at n, and, on SQLite, that the file
passes `PRAGMA integrity_check`.

A few seconds per database by default; `--durability-seconds 60` runs it longer.

This file is also the writers' parent, `python test_durability.py URL FOLDER EMPLOYEE_ID...`:
it imports everything once and forks each writer, so that starting one costs milliseconds and
a few seconds hold dozens of kills.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import subprocess
import sys
import time
import traceback
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from reception_tui.clock import SystemClock
from reception_tui.domain.calendar import OfficeHours, WorkingCalendar
from reception_tui.domain.presence import StatusCode
from reception_tui.store.engine import make_engine
from reception_tui.store.repository import ConflictError, PresenceChange, Repository
from reception_tui.store.tables import Change, Inquiry, Presence

C = Change.__table__  # type: ignore[attr-defined]
I = Inquiry.__table__  # type: ignore[attr-defined]  # noqa: E741
P = Presence.__table__  # type: ignore[attr-defined]

WRITERS = 3
SICK = StatusCode("sick", "Sjuk", "Sick", False, False, "red")
MEETING = StatusCode("meeting", "Möte", "Meeting", True, False, "dark_orange", "+1h")


# ------------------------------------------------------------------ the writer


def write_until_killed(url: str, name: str, employee_ids: list[int], parent: int) -> None:
    """Write until killed (or orphaned: `parent` gone); print `presence EMPLOYEE_ID TOKEN` or
    `inquiry ID TOKEN` after each commit.

    Every write carries a token of its own (the presence note, the inquiry subject), so the
    test can find exactly that write afterwards. Conflicts with the other writers are expected
    and reported as nothing.
    """
    clock = SystemClock()
    hours = OfficeHours(clock_time(8, 0), clock_time(16, 30))
    calendar = WorkingCalendar(ZoneInfo("Europe/Stockholm"), dict.fromkeys(range(5), hours), 2)
    repository = Repository(make_engine(url), actor=name, clock=clock, calendar=calendar)
    rng = random.Random()
    for n in itertools.count():
        if os.getppid() != parent:
            return
        token = f"{name}.{n}"
        status, return_at = rng.choice(((SICK, None), (MEETING, clock.now() + timedelta(hours=1))))
        kind = rng.choice(("presence", "presences", "inquiry"))
        if kind == "presence":
            who = rng.choice(employee_ids)
            seen = repository.employee(who, default_status="available").presence.version
            try:
                repository.set_presence(
                    who, status=status, return_at=return_at, expected_version=seen, note=token
                )
            except ConflictError:
                continue
            print("presence", who, token, flush=True)
        elif kind == "presences":
            chosen = rng.sample(employee_ids, 2)
            repository.set_presences(
                [PresenceChange(who, status, return_at, note=f"{token}.{who}") for who in chosen]
            )
            print("".join(f"presence {who} {token}.{who}\n" for who in chosen), end="", flush=True)
        else:
            inquiry = repository.add_inquiry(
                caller_name="Uppringare", employee_id=rng.choice(employee_ids), subject=token
            )
            print("inquiry", inquiry.id, token, flush=True)


# ------------------------------------------------------------------ the writers' parent


def serve(url: str, folder: Path, employee_ids: list[int]) -> None:
    """Start and kill writers when told on stdin, one answer a line on stdout.

    `start NAME` forks a writer whose output goes to FOLDER/NAME.out and .err, and answers its
    process id; `kill PID` sends it SIGKILL, waits for it and answers `killed`, or how it ended
    if it had stopped by itself. Each writer makes its own engine after the fork. At the end of
    stdin, every writer still running is killed.
    """
    running: set[int] = set()
    for line in iter(sys.stdin.readline, ""):
        command, argument = line.split()
        if command == "start":
            for suffix in (".out", ".err"):  # there even if it is killed at once
                (folder / argument).with_suffix(suffix).touch(0o600)
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _become_writer(url, folder / argument, employee_ids)
            running.add(pid)
            print(pid, flush=True)
        else:
            pid = int(argument)
            running.remove(pid)
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            print("killed" if killed else f"stopped by itself (status {status})", flush=True)
    for pid in running:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _become_writer(url: str, files: Path, employee_ids: list[int]) -> None:
    """In the forked child: own standard streams, then write until killed; never returns."""
    parent = os.getppid()
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(os.open(files.with_suffix(".out"), os.O_WRONLY | os.O_CREAT, 0o600), 1)
        os.dup2(os.open(files.with_suffix(".err"), os.O_WRONLY | os.O_CREAT, 0o600), 2)
        write_until_killed(url, files.name, employee_ids, parent)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(1)


# ------------------------------------------------------------------ the test


class Writers:
    """Writer processes on one database, started and killed through their parent (`serve`)."""

    def __init__(self, url: str, folder: Path, employee_ids: list[int], env: dict[str, str]):
        self.folder = folder
        self.names = (f"writer{n}" for n in itertools.count())
        self.parent = subprocess.Popen(
            [sys.executable, __file__, url, str(folder), *map(str, employee_ids)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.started: list[str] = []

    def _ask(self, line: str) -> str:
        assert self.parent.stdin is not None and self.parent.stdout is not None
        self.parent.stdin.write(f"{line}\n")
        self.parent.stdin.flush()
        return self.parent.stdout.readline().strip()

    def start(self) -> int:
        name = next(self.names)
        self.started.append(name)
        return int(self._ask(f"start {name}"))

    def kill(self, pid: int) -> None:
        """SIGKILL the writer `pid`, which must not have stopped by itself before."""
        assert self._ask(f"kill {pid}") == "killed", self.errors()

    def close(self) -> None:
        """Stop the parent, which kills every writer still running."""
        assert self.parent.stdin is not None
        self.parent.stdin.close()
        self.parent.wait()

    def errors(self) -> str:
        return "".join((self.folder / f"{name}.err").read_text() for name in self.started)

    def reported(self) -> list[tuple[str, int, str]]:
        """(kind, id, token) of every complete line the writers printed."""
        lines = []
        for name in self.started:
            text = (self.folder / f"{name}.out").read_text(encoding="utf-8")
            lines += text.splitlines()[: text.count("\n")]
        return [(kind, int(id_), token) for kind, id_, token in map(str.split, lines)]


@pytest.fixture
def durability_seconds(request: pytest.FixtureRequest) -> float:
    return float(request.config.getoption("--durability-seconds"))


def test_every_write_reported_committed_survives_writers_killed_at_random_moments(
    database_url: str,
    engine: sa.Engine,
    staff: dict[str, int],
    child_env: dict[str, str],
    tmp_path: Path,
    durability_seconds: float,
) -> None:
    rng = random.Random()
    writers = Writers(database_url, tmp_path, sorted(staff.values()), child_env)
    kills = 0
    try:
        running = [writers.start() for _ in range(WRITERS)]
        until = time.monotonic() + durability_seconds
        while time.monotonic() < until:
            time.sleep(rng.uniform(0.0, 0.2))
            victim = rng.randrange(WRITERS)
            writers.kill(running[victim])
            kills += 1
            running[victim] = writers.start()
        for pid in running:
            writers.kill(pid)
    finally:
        writers.close()

    reported = writers.reported()
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
        logged = connection.execute(
            sa.select(C.c.entity_id, C.c.before, C.c.after)
            .where(C.c.entity == "presence")
            .order_by(C.c.id)
        ).all()
        inquiries = {(row.id, row.subject) for row in connection.execute(sa.select(I))}
        stored = {
            row.employee_id: (row.version, row.note)
            for row in connection.execute(sa.select(P.c.employee_id, P.c.version, P.c.note))
        }

    summary = f"{kills} writers killed, {len(reported)} writes reported"
    assert writers.errors() == ""
    assert kills > 0 and {kind for kind, _, _ in reported} == {"presence", "inquiry"}, summary
    presence_writes = {(row.entity_id, row.after["note"]) for row in logged}
    missing = [
        line
        for line in reported
        if (line[1], line[2]) not in (presence_writes if line[0] == "presence" else inquiries)
    ]
    assert missing == [], summary

    history: dict[int, list[tuple[int | None, int, str]]] = {}
    for row in logged:
        before = row.before["version"] if row.before else None
        history.setdefault(row.entity_id, []).append(
            (before, row.after["version"], row.after["note"])
        )
    for employee_id, writes in history.items():
        versions = [(before, after) for before, after, _ in writes]
        assert versions == [(None, 1), *((v, v + 1) for v in range(1, len(writes)))], employee_id
        assert stored[employee_id] == (len(writes), writes[-1][2]), employee_id
    assert stored.keys() == history.keys()


if __name__ == "__main__":
    database, folder, *ids = sys.argv[1:]
    serve(database, Path(folder), [int(id_) for id_ in ids])
