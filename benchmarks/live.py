"""Live-update benchmark: another process commits a status, how soon does this desk show it?

    python benchmarks/live.py --employees 10000 --updates 200 --json live-10k.json
    python benchmarks/live.py --smoke --json live-smoke.json

For each backend (an SQLite file in a temp folder; PostgreSQL in a schema of its own):

* seat B: the desk runs headless in this process (`App.run_test(size=(160, 48))`), following
  the change log as a receptionist's desk does (file events / LISTEN, fallback poll);
* seat A: a separate writer process (this script with `--writer`) commits K presence changes
  one at a time, 100-200 ms apart, to employees whose rows are in view on seat B, and notes
  `time.monotonic()` right after each commit returns (CLOCK_MONOTONIC is system-wide, so the
  two processes' readings compare);
* commit -> redraw: from that moment until seat B has composed a frame in which the row's
  status cell shows the new value (p50/p95/max);
* the same for two naive desks on the same data: a full reload of everyone on every change
  (what a clear-and-refill table does), and the fallback poll alone (no file events, no LISTEN);
* idle CPU: this process's CPU time over `--idle-seconds` of wall time with nothing changing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as `python benchmarks/live.py`: make `benchmarks.desk` importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.desk import (
    NOW_ISO,
    SEED,
    SIZE,
    Frames,
    code_version,
    demo_database,
    desk_loaded,
    machine,
    now,
    peak_rss_mb,
    percentile,
    rounded,
    wait_through_worker,
    working_copy,
)

BUDGET_P95_MS = 100.0
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
STATUS_COLUMN = 3
SPACING_SECONDS = (0.1, 0.2)
# Each visible row is changed once per round (in random order), and a row changed at the end
# of one round is not changed again among the first ones of the next: so one row's changes
# are seconds apart and each should be seen on its own, not coalesced with the next.
ROUND_GAP = 10

METHOD = {
    "setup": (
        "Seat B is the desk built with build_app (default settings, a FixedClock at the demo's "
        f"moment {NOW_ISO}) and run headless with App.run_test(size={SIZE}) in this process, "
        "on a demo database (build_demo, seed 1). Every frame is also encoded to terminal bytes "
        "(benchmarks.desk.Frames), as a terminal run would. Seat A is a separate process "
        "(this script with --writer) with its own engine and Repository."
    ),
    "updates": (
        "Seat A commits Repository.set_presence on employees whose rows are in view on seat B "
        "(the first screenful of the desk, search empty), one commit at a time, sleeping "
        "100-200 ms (uniform, seeded) between commits. Each row is changed once per round, in "
        "random order; the status alternates between the available status and Lunch (+1 h), "
        "so the status cell's text changes every time. Right after each commit returns, seat A "
        "notes time.monotonic()."
    ),
    "commit_to_redraw": (
        "Seat B wraps the grid's render_line: when a watched row is rendered with a status "
        "text different from the last one rendered for it, the change is held until the "
        "compositor update that contains it has been handed to App._display (and encoded); "
        "then time.monotonic() is stamped. So the clock stops when the row has been applied "
        "and the next frame showing it has been composed, i.e. it includes the follower's "
        "wake-up (watchfiles on the SQLite folder, LISTEN/NOTIFY on PostgreSQL), its read of "
        "the change log and of the changed employees, the FeedUpdate message, "
        "DeskModel.apply_feed, and "
        "the wait for Textual's screen update timer (up to 1/60 s). Only the write to a real "
        "terminal is missing. Latency = redraw stamp - commit stamp. An update counts as "
        "received when its value was painted before the next change to the same row; "
        "commit_to_apply_*: until apply_feed was called with it; commit_to_read_*: until "
        "the follower's next read of the change log started."
    ),
    "naive": (
        "full reload per change: the same desk and wake-ups, but instead of apply_feed each "
        "FeedUpdate asks for ReceptionApp.reload() (the thread worker that reads every employee "
        "and the open queue and rebuilds the index and the grid, as a clear-and-refill table "
        "would). Reloads are coalesced in the naive desk's favour: one at a time, and changes "
        "arriving during a reload are all taken by the one reload that follows it (so latency "
        "is about one to two reload times). desk_load_ms is one reload alone."
    ),
    "poll_only": (
        "The desk with the Follower's file events and LISTEN switched off (sqlite_file=None, "
        "no listener), so it sees changes only through the fallback poll every "
        "watch.poll_seconds (2.0 s by default); apply_feed as usual. Fewer updates are "
        "measured (--poll-updates) since each takes about a second."
    ),
    "idle_cpu": (
        "With nothing changing, CPU time of this whole process (time.process_time: all threads, "
        "user + system: the event loop, the follower thread, watchfiles' thread) over "
        "--idle-seconds of wall time, as a percentage of one core. It includes Textual's own "
        "work and the desk's 1-second clock tick, and the follower's fallback poll of the "
        "change log every watch.poll_seconds."
    ),
}


# ---------------------------------------------------------------------- seat A: the writer


def writer_main(url: str, ids_file: Path, updates: int, seed: int) -> int:
    """Commit `updates` presence changes to the employees in `ids_file`; one JSON line each."""
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository

    settings = default_settings()
    language = settings.organisation.language
    repository = Repository(
        open_database(url), actor="seat A", clock=FixedClock(now()), calendar=settings.calendar()
    )
    available = settings.available_status()
    lunch = settings.quick_statuses()[0]
    ids: list[int] = json.loads(ids_file.read_text())
    current = repository.employees_by_id(ids, default_status=available.code)
    state = {key: (e.presence.status_code, e.presence.version) for key, e in current.items()}
    rng = random.Random(seed)
    order = rounds(sorted(state), updates, rng)
    repository.last_change_id()  # the connection is open before the first timed commit
    for sequence, key in enumerate(order):
        code, version = state[key]
        status = lunch if code == available.code else available
        return_at = repository.clock.now() + timedelta(hours=1) if status is lunch else None
        started = time.monotonic()
        record = repository.set_presence(
            key, status=status, return_at=return_at, expected_version=version
        )
        committed = time.monotonic()
        state[key] = (record.status_code, record.version)
        line = {
            "seq": sequence,
            "id": key,
            "code": status.code,
            "label": status.label(language),
            "t": committed,
            "commit_ms": round((committed - started) * 1000, 3),
        }
        print(json.dumps(line, ensure_ascii=False), flush=True)
        if sequence + 1 < len(order):
            time.sleep(rng.uniform(*SPACING_SECONDS))
    repository.engine.dispose()
    return 0


def rounds(keys: Sequence[int], count: int, rng: random.Random) -> list[int]:
    """`count` keys: every key once per round in random order, no key twice within ROUND_GAP."""
    order: list[int] = []
    gap = min(ROUND_GAP, max(0, len(keys) // 2))
    while len(order) < count:
        batch = list(keys)
        for _ in range(100):
            rng.shuffle(batch)
            if not set(batch[:gap]) & set(order[-gap:] if gap else ()):
                break
        order.extend(batch)
    return order[:count]


# ---------------------------------------------------------------------- seat B: the desk


class Tracker:
    """Stamps when watched rows are applied and painted with a new status text."""

    def __init__(self, app: Any, screen: Any) -> None:
        self.app = app
        self.screen = screen
        self.grid = screen.grid
        self.mode = "live"
        self.watched: frozenset[int] = frozenset()
        self._last_label: dict[int, str] = {}
        self._pending: list[tuple[int, str]] = []
        self.painted: dict[int, list[tuple[float, str]]] = defaultdict(list)
        self.applied: dict[int, list[tuple[float, str]]] = defaultdict(list)
        self.reads: list[float] = []
        self.read_ms: list[float] = []
        self.reloads = 0
        self._dirty = asyncio.Event()
        self._wrap_render_line()
        self._wrap_display()
        self._wrap_apply_feed()
        self._wrap_feed_read()

    def watch(self, keys: Sequence[int]) -> None:
        """Start over: follow `keys`, remembering what their rows show now."""
        self.watched = frozenset(keys)
        self._last_label = {}
        for key in keys:
            row = self.grid.get_row(key)
            if row is not None:
                self._last_label[key] = row.cells[STATUS_COLUMN]
        self._pending.clear()
        self.painted.clear()
        self.applied.clear()
        self.reads.clear()
        self.read_ms.clear()
        self.reloads = 0

    async def reloader(self) -> None:
        """In "reload" mode: a full reload for the changes, one reload at a time.

        Changes arriving while a reload runs are taken by one more reload after it, so reloads
        never overlap (the desk's own exclusive worker would start a thread per change, and the
        threads of cancelled workers keep running).
        """
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            self.reloads += 1
            self.app.model.begin_read()
            worker = self.app.reload()
            await worker.wait()

    @property
    def reload_pending(self) -> bool:
        return self._dirty.is_set()

    def _wrap_render_line(self) -> None:
        grid = self.grid
        original = grid.render_line

        def render_line(y: int) -> Any:
            strip = original(y)
            if y > 0 and self.watched:
                index = int(grid.scroll_offset.y) + y - 1
                keys = grid.shown_keys
                if 0 <= index < len(keys) and keys[index] in self.watched:
                    key = keys[index]
                    row = grid.get_row(key)
                    if row is not None:
                        label = row.cells[STATUS_COLUMN]
                        if self._last_label.get(key) != label:
                            self._last_label[key] = label
                            self._pending.append((key, label))
            return strip

        grid.render_line = render_line

    def _wrap_display(self) -> None:
        app = self.app
        original = app._display  # already encoding each frame (Frames)

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if self._pending:
                stamp = time.monotonic()
                for key, label in self._pending:
                    self.painted[key].append((stamp, label))
                self._pending.clear()

        app._display = display

    def _wrap_apply_feed(self) -> None:
        from reception_tui.domain.desk import Changes

        model = self.app.model
        original = model.apply_feed

        def apply_feed(employees: Any, missing: Any = (), inquiries: Any = None) -> Any:
            stamp = time.monotonic()
            for key, employee in employees.items():
                if key in self.watched:
                    self.applied[key].append((stamp, employee.presence.status_code))
            if self.mode == "reload":
                self._dirty.set()  # reloader() takes it from here
                return Changes()
            return original(employees, missing, inquiries)

        model.apply_feed = apply_feed

    def _wrap_feed_read(self) -> None:
        feed = self.app.live.feed
        original = feed.read

        def read() -> Any:
            started = time.monotonic()
            self.reads.append(started)
            try:
                return original()
            finally:
                self.read_ms.append((time.monotonic() - started) * 1000)

        feed.read = read


def match(
    updates: Sequence[dict[str, Any]], events: dict[int, list[tuple[float, str]]], field_: str
) -> list[float | None]:
    """For each update, the first event showing its value after the row's previous commit.

    Events are taken in order per row, each at most once; None for an update never shown
    (superseded by the row's next change, or never arrived).
    """
    found: list[float | None] = [None] * len(updates)
    by_key: dict[int, list[int]] = defaultdict(list)
    for index, update in enumerate(updates):
        by_key[update["id"]].append(index)
    for key, indices in by_key.items():
        seen = events.get(key, [])
        position = 0
        previous = float("-inf")
        for index in sorted(indices, key=lambda i: updates[i]["t"]):
            update = updates[index]
            for j in range(position, len(seen)):
                stamp, value = seen[j]
                if stamp > previous and value == update[field_]:
                    found[index] = stamp
                    position = j + 1
                    break
            previous = update["t"]
    return found


def next_after(stamps: Sequence[float], moment: float) -> float | None:
    later = [stamp for stamp in stamps if stamp >= moment]
    return min(later) if later else None


@dataclass
class Phase:
    name: str
    updates: list[dict[str, Any]] = field(default_factory=list)
    redraw_ms: list[float | None] = field(default_factory=list)
    apply_ms: list[float | None] = field(default_factory=list)
    read_ms: list[float | None] = field(default_factory=list)
    feed_read_ms: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    frames: int = 0
    reloads: int = 0

    def stats(self, prefix: str) -> dict[str, Any]:
        done = [ms for ms in self.redraw_ms if ms is not None]
        applied = [ms for ms in self.apply_ms if ms is not None]
        read = [ms for ms in self.read_ms if ms is not None]
        commits = [update["commit_ms"] for update in self.updates]
        out = {
            f"{prefix}p50_ms": rounded(percentile(done, 50), 1),
            f"{prefix}p95_ms": rounded(percentile(done, 95), 1),
            f"{prefix}max_ms": rounded(max(done), 1) if done else None,
            f"{prefix}received": len(done),
            f"{prefix}sent": len(self.updates),
            f"{prefix}commit_to_read_p50_ms": rounded(percentile(read, 50), 1),
            f"{prefix}commit_to_apply_p50_ms": rounded(percentile(applied, 50), 1),
            f"{prefix}commit_to_apply_p95_ms": rounded(percentile(applied, 95), 1),
            f"{prefix}feed_read_p50_ms": rounded(percentile(self.feed_read_ms, 50), 2),
            f"{prefix}writer_commit_p50_ms": rounded(percentile(commits, 50), 2),
            f"{prefix}cpu_ms_per_update": rounded(
                self.cpu_seconds * 1000 / len(self.updates) if self.updates else None, 2
            ),
            f"{prefix}frames": self.frames,
        }
        if self.name == "naive":
            out[f"{prefix}reloads"] = self.reloads
        return out

    def samples(self) -> list[dict[str, Any]]:
        return [
            {
                "seq": update["seq"],
                "id": update["id"],
                "code": update["code"],
                "redraw_ms": rounded(redraw, 2),
                "apply_ms": rounded(apply, 2),
                "read_ms": rounded(read, 2),
                "commit_ms": update["commit_ms"],
            }
            for update, redraw, apply, read in zip(
                self.updates, self.redraw_ms, self.apply_ms, self.read_ms, strict=True
            )
        ]


async def run_phase(
    name: str,
    app: Any,
    tracker: Tracker,
    frames: Frames,
    url: str,
    ids: Sequence[int],
    count: int,
    seed: int,
    grace: float,
    folder: Path,
) -> Phase:
    """Seat A commits `count` changes; wait (up to `grace` s after it ends) until all show."""
    tracker.watch(ids)
    ids_file = folder / f"ids-{name}.json"
    ids_file.write_text(json.dumps(list(ids)))
    phase = Phase(name)
    cpu0, wall0, frames0 = time.process_time(), time.monotonic(), frames.count
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__).resolve()),
        "--writer",
        url,
        "--ids-file",
        str(ids_file),
        "--updates",
        str(count),
        "--seed",
        str(seed),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the writer failed with exit code {process.returncode}")
    phase.updates = [json.loads(line) for line in out.decode().splitlines() if line.strip()]

    def painted() -> list[float | None]:
        return match(phase.updates, tracker.painted, "label")

    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and None in painted():
        await asyncio.sleep(0.1)
    phase.cpu_seconds = time.process_time() - cpu0
    phase.wall_seconds = time.monotonic() - wall0
    phase.frames = frames.count - frames0
    phase.reloads = tracker.reloads
    stamps = painted()
    applied = match(phase.updates, tracker.applied, "code")
    for update, paint, apply in zip(phase.updates, stamps, applied, strict=True):
        t = update["t"]
        phase.redraw_ms.append(None if paint is None else (paint - t) * 1000)
        phase.apply_ms.append(None if apply is None else (apply - t) * 1000)
        read = next_after(tracker.reads, t)
        phase.read_ms.append(None if read is None else (read - t) * 1000)
    phase.feed_read_ms = list(tracker.read_ms)
    return phase


async def reloads_done(app: Any, tracker: Tracker, employees: int, timeout: float = 600) -> None:
    """Wait until no reload is running or asked for any more and the desk shows everyone."""
    loaded = desk_loaded(app, employees)
    deadline = time.monotonic() + timeout
    while (
        tracker.reload_pending
        or any(w.group == "desk-load" and w.is_running for w in app.workers)
        or not loaded()
    ):
        if time.monotonic() > deadline:
            raise TimeoutError("the reloads did not finish")
        await asyncio.sleep(0.05)


class PollOnly:
    """Makes Live start Followers that neither watch files nor LISTEN (the fallback poll only)."""

    def __init__(self) -> None:
        import reception_tui.tui.live as live

        self._live = live
        self._original = live.Follower

    def __enter__(self) -> PollOnly:
        original = self._original

        class PollingFollower(original):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs["sqlite_file"] = None
                kwargs["notifications"] = False
                super().__init__(*args, **kwargs)

        self._live.Follower = PollingFollower
        return self

    def __exit__(self, *_: object) -> None:
        self._live.Follower = self._original


async def seat_b(
    url: str, employees: int, args: argparse.Namespace, folder: Path
) -> dict[str, Any]:
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository
    from reception_tui.tui.app import build_app
    from reception_tui.tui.screens.desk import DeskScreen

    settings = default_settings()
    repository = Repository(
        open_database(url), actor="seat B", clock=FixedClock(now()), calendar=settings.calendar()
    )
    app = build_app(settings, repository, clock=repository.clock, read_only=False)
    frames = Frames(app)
    idle: dict[str, Any] = {}
    poll_seconds = settings.watch.poll_seconds
    async with app.run_test(size=SIZE) as pilot:
        started = time.perf_counter()
        await wait_through_worker(
            app, "desk-load", set(), desk_loaded(app, employees), poll=0.001, timeout=600
        )
        load_ms = (time.perf_counter() - started) * 1000
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeskScreen)
        grid = screen.grid
        top = int(grid.scroll_offset.y)
        ids = list(grid.shown_keys[top : top + max(1, grid.size.height - 1)])
        tracker = Tracker(app, screen)
        await asyncio.sleep(1.0)  # let the start settle (first poll, garbage collection)

        # -- idle
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        cpu0, wall0, frames0 = time.process_time(), time.monotonic(), frames.count
        tracker.watch(ids)
        await asyncio.sleep(args.idle_seconds)
        idle_cpu = time.process_time() - cpu0
        idle_wall = time.monotonic() - wall0
        usage1 = resource.getrusage(resource.RUSAGE_SELF)
        idle.update(
            idle_cpu_percent=round(idle_cpu / idle_wall * 100, 2),
            idle_seconds=round(idle_wall, 2),
            idle_cpu_user_s=round(usage1.ru_utime - usage0.ru_utime, 3),
            idle_cpu_system_s=round(usage1.ru_stime - usage0.ru_stime, 3),
            idle_frames=frames.count - frames0,
            idle_feed_reads=len(tracker.reads),
        )
        print(f"  idle: {idle['idle_cpu_percent']} % of a core", file=sys.stderr)

        # -- live updates, as shipped
        live = await run_phase(
            "live", app, tracker, frames, url, ids, args.updates, args.seed, 5.0, folder
        )
        print(f"  live: {live.stats('')['p95_ms']} ms p95", file=sys.stderr)
        await asyncio.sleep(0.5)

        # -- naive: a full reload on every change
        tracker.mode = "reload"
        reloader = asyncio.create_task(tracker.reloader())
        naive = await run_phase(
            "naive",
            app,
            tracker,
            frames,
            url,
            ids,
            args.updates,
            args.seed + 1,
            5.0 + 3 * load_ms / 1000,
            folder,
        )
        tracker.mode = "live"
        await reloads_done(app, tracker, employees)
        reloader.cancel()
        print(f"  naive reload: {naive.stats('')['p95_ms']} ms p95", file=sys.stderr)
        await asyncio.sleep(0.5)

        # -- naive: the fallback poll alone
        with PollOnly():
            app.live.restart(app.settings)
        await asyncio.sleep(poll_seconds + 0.5)  # the previous follower has noticed its stop
        poll = await run_phase(
            "poll_only",
            app,
            tracker,
            frames,
            url,
            ids,
            args.poll_updates,
            args.seed + 2,
            poll_seconds + 5.0,
            folder,
        )
        app.live.restart(app.settings)
        print(f"  poll only: {poll.stats('')['p95_ms']} ms p95", file=sys.stderr)
        bench_rss = peak_rss_mb()

    repository.engine.dispose()
    stats = live.stats("")
    result: dict[str, Any] = {
        "commit_to_redraw_p50_ms": stats.pop("p50_ms"),
        "commit_to_redraw_p95_ms": stats.pop("p95_ms"),
        "commit_to_redraw_max_ms": stats.pop("max_ms"),
        "received": stats.pop("received"),
        "sent": stats.pop("sent"),
        "within_budget": None,
        **stats,
        "naive": (
            "full reload per change: ReceptionApp.reload() (every employee read, index and grid "
            "rebuilt) instead of apply_feed, same wake-ups; one reload at a time, changes "
            "during a reload coalesced into the next"
        ),
        **naive.stats("naive_"),
        "poll_only": (
            f"fallback poll alone: a read of the change log every {poll_seconds:g} s "
            "(watch.poll_seconds), no file events / LISTEN, apply_feed as usual"
        ),
        **poll.stats("poll_only_"),
        **idle,
        "desk_load_ms": round(load_ms, 1),
        "visible_rows_changed": len(ids),
        "bench_rss_mb": round(bench_rss, 1),
        "samples": {
            "live": live.samples(),
            "naive": naive.samples(),
            "poll_only": poll.samples(),
        },
    }
    p95 = result["commit_to_redraw_p95_ms"]
    result["within_budget"] = (
        None if p95 is None else p95 <= BUDGET_P95_MS and result["received"] == result["sent"]
    )
    return result


# ---------------------------------------------------------------------- backends


def run_sqlite(employees: int, args: argparse.Namespace) -> dict[str, Any]:
    source, build_seconds, cached = demo_database(employees)
    print(
        f"sqlite: {source} ({'cached' if cached else f'built in {build_seconds:.1f} s'})",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="reception-live-") as folder:
        # The database alone in its folder: the follower watches the folder.
        data = Path(folder) / "data"
        data.mkdir()
        path = working_copy(source, data)
        result = asyncio.run(seat_b(f"sqlite:///{path}", employees, args, Path(folder)))
    result["data"] = {"cached": cached, "build_seconds": round(build_seconds, 2)}
    return result


def run_postgresql(employees: int, args: argparse.Namespace) -> dict[str, Any]:
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.demo import build_demo
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository

    base = sa.create_engine(args.postgres_url, connect_args={"connect_timeout": 5})
    schema = f"bench_live_{uuid.uuid4().hex[:10]}"
    try:
        with base.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as error:  # unreachable server, missing driver, no rights
        base.dispose()
        reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        print(f"postgresql: skipped ({reason})", file=sys.stderr)
        return {"skipped": f"PostgreSQL not usable at {args.postgres_url}: {reason}"}
    url = (
        make_url(args.postgres_url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    try:
        settings = default_settings()
        started = time.perf_counter()
        engine = open_database(url)
        repository = Repository(
            engine, actor="bench", clock=FixedClock(now()), calendar=settings.calendar()
        )
        # No history, as on SQLite (`demo_database`): the same data on both.
        build_demo(repository, settings.status_codes(), employees=employees, seed=SEED, history=0)
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        engine.dispose()
        build_seconds = time.perf_counter() - started
        print(f"postgresql: schema {schema} built in {build_seconds:.1f} s", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="reception-live-") as folder:
            result = asyncio.run(seat_b(url, employees, args, Path(folder)))
        result["data"] = {"schema": schema, "build_seconds": round(build_seconds, 2)}
        return result
    finally:
        time.sleep(1.0)  # the follower's listening connection closes after its stop
        with base.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        base.dispose()


# ---------------------------------------------------------------------- the report


def summary(report: dict[str, Any]) -> str:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.0f} ms"

    lines = [
        f"live-update benchmark, {report['employees']:,} employees, {report['updates']} updates "
        f"({report['machine']['cpu_count']} cpus, load {report['machine']['load_average']})"
    ]
    for backend in report["backends"]:
        item = report[backend]
        if "skipped" in item:
            lines.append(f"  {backend:<10} skipped: {item['skipped']}")
            continue
        lines += [
            f"  {backend:<10} commit->redraw p50 {ms(item['commit_to_redraw_p50_ms'])}  "
            f"p95 {ms(item['commit_to_redraw_p95_ms'])}  max "
            f"{ms(item['commit_to_redraw_max_ms'])}  ({item['received']}/{item['sent']} "
            f"received; budget p95 <= {report['budget_p95_ms']:.0f} ms: "
            f"{'ok' if item['within_budget'] else 'FAIL'})",
            f"  {'':<10} full reload per change p50 {ms(item['naive_p50_ms'])}  p95 "
            f"{ms(item['naive_p95_ms'])}  ({item['naive_received']}/{item['naive_sent']})",
            f"  {'':<10} poll only p50 {ms(item['poll_only_p50_ms'])}  p95 "
            f"{ms(item['poll_only_p95_ms'])}  ({item['poll_only_received']}/"
            f"{item['poll_only_sent']})",
            f"  {'':<10} idle CPU {item['idle_cpu_percent']:.2f} % of a core over "
            f"{item['idle_seconds']:.0f} s",
        ]
    lines.append(f"  total {report['total_seconds']:.0f} s")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    report: dict[str, Any] = {
        "employees": args.employees,
        "updates": args.updates,
        "poll_updates": args.poll_updates,
        "smoke": bool(args.smoke),
        "budget_p95_ms": BUDGET_P95_MS,
        "backends": args.backends,
    }
    for backend in args.backends:
        if backend == "sqlite":
            report["sqlite"] = run_sqlite(args.employees, args)
        else:
            report["postgresql"] = run_postgresql(args.employees, args)
    report["machine"] = {**machine(), "load_average_at_start": load_at_start}
    report["code"] = code_version()
    report["method"] = METHOD
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, metavar="N", help="default 10,000")
    parser.add_argument(
        "--updates", type=int, metavar="K", help="changes committed by seat A (default 200)"
    )
    parser.add_argument(
        "--poll-updates",
        type=int,
        metavar="P",
        help="changes for the poll-only comparison (default min(K, 50))",
    )
    parser.add_argument("--idle-seconds", type=float, metavar="S", help="default 20")
    parser.add_argument(
        "--backends",
        default="sqlite,postgresql",
        help="comma-separated: sqlite, postgresql (default both)",
    )
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL, metavar="URL")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the report here")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="quick check: 300 employees, 20 updates (10 polled), 3 s idle",
    )
    parser.add_argument("--writer", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--ids-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        return writer_main(args.writer, args.ids_file, args.updates, args.seed)
    smoke = args.smoke
    if args.employees is None:
        args.employees = 300 if smoke else 10_000
    if args.updates is None:
        args.updates = 20 if smoke else 200
    if args.poll_updates is None:
        args.poll_updates = min(args.updates, 10 if smoke else 50)
    if args.idle_seconds is None:
        args.idle_seconds = 3.0 if smoke else 20.0
    if not smoke and args.updates < 100:
        parser.error("--updates: at least 100 (fewer only with --smoke)")
    backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    unknown = set(backends) - {"sqlite", "postgresql"}
    if unknown or not backends:
        parser.error(f"--backends: sqlite and/or postgresql, not {', '.join(sorted(unknown))}")
    args.backends = backends
    report = run(args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
