"""Desk performance benchmark: the budget of design.md section 7, measured on the real app.

    python benchmarks/desk.py --employees 100000 --json bench-100k.json
    python benchmarks/desk.py --smoke --json bench-smoke.json

What it measures, all headless through `App.run_test(size=(160, 48))` on a demo SQLite file:

* keystroke: a key event posted to the app -> the grid shows the new matches and the frame has
  been composed and encoded to terminal bytes (p50/p95 over a realistic query sequence);
* the same query sequence against a stock `textual.widgets.DataTable` refilled per query;
* redirect: F5 (quick status "Lunch") -> committed in a worker and the row redrawn;
* first frame: process start -> first frame with every employee, in a fresh interpreter,
  against the import floor (`python -c "import textual.app, sqlmodel"`);
* resident memory (peak RSS) of that app process and of this benchmark process.

The demo database is built once per size and kept in the temp folder; every run works on a
copy, so the statuses the redirect part sets never leak into the next run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The moment the demo data is built for, and the app's clock: a Wednesday mid-morning.
NOW_ISO = "2026-12-02T10:00:00+01:00"
SIZE = (160, 48)
FIRST_FRAME_MARK = "FIRST_FRAME"
LOADED_MARK = "LOADED"
SEED = 1
# The desk keeps the history as built: the demo's starts on 1 January last year, which a purge
# at the start would thin to the days within the retention, so a million would not stay a
# million, and the purge's writing would share the machine with what is measured.
PURGE = False

BUDGET = {
    "keystroke_p95_ms": 16.0,
    "datatable_ratio": 100.0,
    "redirect_p95_ms": 10.0,
    "first_frame_over_import_floor_ms": 400.0,
    "full_load_ms": 1000.0,  # after the first frame
    "rss_mb": 200.0,
}

# Key -> the character a terminal sends with it (None for keys without one).
_CHARACTERS = {"space": " ", "backspace": None, "escape": None, "f5": None}

FULL_SEQUENCE: tuple[str, ...] = (
    *"ann",
    "space",
    *"byg",  # "ann byg": a name and a unit, as receptionists type them
    *["backspace"] * 4,  # back to "ann"
    *["backspace"] * 3,  # empty: everyone again
    *"svensson",
    *["backspace"] * 8,
    *"1234",  # an extension
    "escape",
    *"oster",  # "Öster..." without the dots
    "escape",
    *"andersen",  # a typo for Andersson: the typo-tolerant path
    "escape",
    *"bygglov",
)
SMOKE_SEQUENCE: tuple[str, ...] = (*"ann", "backspace", "escape", *"1234", "escape", *"andersen")

METHOD = {
    "keystroke": (
        "Each key is posted to the app as the events.Key that Pilot.press posts (Pilot.press "
        "itself is not used for timing: it sleeps at least 2 x 20 ms in wait_for_idle per key). "
        "The clock stops when (1) the search box holds the expected text, (2) the grid shows "
        "exactly the expected matches, (3) every message queue of the app and of the screen's "
        "widgets is empty, and (4) the screen update has been run "
        "(Screen._on_timer_update: layout if needed, compositor render_update of every dirty "
        "widget, calling the grid's render_line for each visible line) and the resulting "
        "update encoded to terminal bytes with a truecolor Console (the app's own _display "
        "skips that step when headless). Only the write to a terminal is missing. The wait "
        "between the state being ready and Textual's 60 fps update timer firing (0-16.7 ms, "
        "the same for any widget) is not included because the update is run at once; nothing "
        "is subtracted. Expected matches come from a second StaffIndex built from the same "
        "records before timing, so the app's own search caches stay cold."
    ),
    "bare_frame": (
        "The same keys on the same loaded desk, screen size and layout, with the desk's search "
        "switched off (DeskScreen._apply_search replaced by a no-op on the instance), so that a "
        "key changes only the search box; timed like a keystroke until the box holds the text, "
        "queues are empty and the frame is composed and encoded. keystroke_cpu_over_bare_p95: "
        "keystroke CPU p95 / bare frame CPU p95 (process time: CPU, not the host's speed). "
        "keystroke_frames_mean: frames composed per key (the update timer may compose one "
        "before the clock stops, then the measured paint another)."
    ),
    "datatable": (
        "A stock textual.widgets.DataTable in a small App (same size, same seven plain-string "
        "cells per row, taken from the desk's rows) is filled once with all rows; then for each "
        "measured query: clear() + add_rows(matching rows in the desk's order), and the clock "
        "stops when the table's idle work (dimension update) is done, queues are empty and the "
        "frame is composed and encoded exactly as for the desk."
    ),
    "redirect": (
        "On the loaded desk with an empty search, the grid cursor is put on an available "
        "employee (move_cursor_to_key, not timed), then F5 (quick status 1, Lunch +1h) is "
        "posted. The clock stops when the save_status thread worker has committed, the row's "
        "status cell shows the new status, queues are empty and the frame is composed and "
        "encoded. The wait for the worker is event-driven (Worker.wait), so the event loop is "
        "idle like in the real app while the thread commits. commit_*: Repository.set_presence "
        "alone, on other employees."
    ),
    "first_frame": (
        "Wall time from starting a fresh interpreter (subprocess) until it prints that the grid "
        "holds a row for every active employee, the first screenful of them read in full "
        "(in their final order), and the app has composed that frame (its own screen update, "
        "not one the benchmark asks for) and it has been encoded. The child "
        "opens the database like the CLI does (open_database with the migration check; the "
        "desk does not purge, so the history stays as built), builds the app with "
        "build_app and runs it with run_test. "
        "full_load_ms: the same child, from that first frame until the desk knows everyone, "
        "their search index and the queue, and has painted that (search answers from then "
        "on), starting from the snapshot an earlier start kept, as every start but the first "
        "does. full_load_cold_ms: the same without a snapshot (the first start, or one "
        "after the database was replaced): everyone read and indexed; its ratio to "
        "full_load_ms is full_load_cold_ratio. "
        "import_floor_ms: wall time of `python -c 'import textual.app, sqlmodel'`, median."
    ),
    "rss": (
        "rss_mb: peak RSS (VmHWM; not ru_maxrss, which Linux carries over an exec from the "
        "forked parent) of the first-frame child once it has read everyone and painted: the "
        "app alone. bench_rss_mb: peak RSS of this process after the desk loaded."
    ),
}


# ---------------------------------------------------------------------- small helpers


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100), linear between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM where /proc has it: Linux carries ru_maxrss over an exec from the forked parent,
    so in a child started by a large benchmark process ru_maxrss would report the parent's.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def spread(count: int, total: int) -> list[int]:
    """`count` indices out of range(total), evenly spread and including both ends."""
    if count >= total:
        return list(range(total))
    if count <= 0:
        return []
    if count == 1:
        return [total // 2]
    return sorted({round(i * (total - 1) / (count - 1)) for i in range(count)})


def typed_values(keys: Sequence[str]) -> list[str]:
    """The search box's text after each key of `keys`, typed into an empty box."""
    values, text = [], ""
    for key in keys:
        if key == "backspace":
            text = text[:-1]
        elif key == "escape":
            text = ""
        elif key == "space":
            text += " "
        else:
            text += key
        values.append(text)
    return values


# ---------------------------------------------------------------------- data


def now() -> Any:
    from datetime import datetime

    return datetime.fromisoformat(NOW_ISO)


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "reception-tui-bench"


def demo_database(employees: int, inquiries: int = 0) -> tuple[Path, float, bool]:
    """The cached demo file for `employees` with `inquiries` historical inquiries (built when
    missing): path, build seconds, cached."""
    import reception_tui.domain.text as text
    import reception_tui.store.demo as demo
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.demo import build_demo
    from reception_tui.store.migrate import head_revision, open_database
    from reception_tui.store.repository import Repository

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Keyed by what decides the content: size, seed, moment, schema, the demo generator and
    # the text rules that make the stored sort keys.
    digest = hashlib.sha256()
    for module in (demo, text):
        digest.update(Path(module.__file__).read_bytes())
    generator = digest.hexdigest()[:10]
    name = (
        f"demo-{employees}-{inquiries}-seed{SEED}-{NOW_ISO[:10]}-{head_revision()}-"
        f"{generator}.sqlite3"
    )
    path = folder / name
    if path.exists():
        return path, 0.0, True
    partial = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    settings = default_settings()
    engine = open_database(f"sqlite:///{partial}")
    repository = Repository(
        engine, actor="bench", clock=FixedClock(now()), calendar=settings.calendar()
    )
    build_demo(
        repository, settings.status_codes(), employees=employees, seed=SEED, history=inquiries
    )
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    seconds = time.perf_counter() - started
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path, seconds, False


def working_copy(source: Path, folder: Path) -> Path:
    """A private copy (with its WAL, if one was left behind) that the run may change."""
    target = folder / "desk.sqlite3"
    shutil.copyfile(source, target)
    wal = Path(f"{source}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{target}-wal")
    return target


def make_repository(path: Path) -> Any:
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository

    settings = default_settings()
    engine = open_database(f"sqlite:///{path}")
    return settings, Repository(
        engine, actor="bench", clock=FixedClock(now()), calendar=settings.calendar()
    )


# ---------------------------------------------------------------------- painting


class Frames:
    """Encodes every screen update of one app to terminal bytes, as a real terminal run would.

    Headless, `App._display` returns before `render_segments`; this wraps it (on the instance)
    so that the encoding a terminal needs is part of every frame that is measured.
    """

    def __init__(self, app: Any) -> None:
        from rich.console import Console
        from textual._compositor import CompositorUpdate

        self._update_type = CompositorUpdate
        self._console = Console(
            color_system="truecolor",
            force_terminal=True,
            legacy_windows=False,
            file=open(os.devnull, "w"),  # noqa: SIM115 - lives as long as the app
            width=SIZE[0],
            height=SIZE[1],
        )
        self.count = 0
        self.bytes = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, self._update_type) and not app._batch_count:
                self.bytes += len(renderable.render_segments(self._console))
                self.count += 1
            original(screen, renderable)

        app._display = display


class GcWatch:
    """Time spent in the garbage collector while `on`, and the longest full collection."""

    def __init__(self) -> None:
        self.on = False
        self.ms = 0.0
        self.full_runs = 0
        self.full_max_ms = 0.0
        self._start = 0.0

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if not self.on:
            return
        if phase == "start":
            self._start = time.perf_counter()
            return
        elapsed = (time.perf_counter() - self._start) * 1000
        self.ms += elapsed
        if info["generation"] == 2:
            self.full_runs += 1
            self.full_max_ms = max(self.full_max_ms, elapsed)

    def report(self, count: int) -> dict[str, Any]:
        return {
            "gc_ms_total": round(self.ms, 1),
            "gc_ms_per_op": round(self.ms / count, 2) if count else None,
            "full_collections": self.full_runs,
            "full_collection_max_ms": round(self.full_max_ms, 1),
        }


def _nodes(app: Any) -> list[Any]:
    return [app, *app.screen.walk_children(with_self=True)]


def _queues_empty(app: Any) -> bool:
    return all(node._message_queue.empty() for node in _nodes(app))


async def settle(app: Any, ready: Callable[[], bool], timeout: float = 120.0) -> None:
    """Give the event loop turns until `ready()` holds and no message is waiting anywhere."""
    deadline = time.perf_counter() + timeout
    while True:
        await asyncio.sleep(0)
        if ready() and _queues_empty(app):
            return
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not reach the expected state")


def paint(app: Any) -> None:
    """Run the screen update now: layout if needed, compose dirty widgets, encode (Frames)."""
    app.screen._on_timer_update()


def post_key(app: Any, key: str) -> None:
    from textual import events

    character = _CHARACTERS.get(key, key)
    event = events.Key(key, character)
    event.set_sender(app)
    app.post_message(event)


async def wait_through_worker(
    app: Any,
    group: str,
    known: set[int],
    ready: Callable[[], bool],
    *,
    poll: float = 0.0,
    timeout: float = 120.0,
) -> None:
    """Wait until `ready()` holds, sleeping on the thread worker of `group` while it runs.

    Polling the event loop while a thread works would make the two fight for the GIL (the
    thread gets it only after the 5 ms switch interval), so the wait for the worker itself is
    `Worker.wait`, which leaves the loop idle, as it is in the real app. Workers in `known` are
    old ones; the one found is added to it. `poll`: seconds between looks while no worker is
    found (0 when the worker is known to start at once, as after a key press).
    """
    deadline = time.perf_counter() + timeout
    while not ready():
        for worker in app.workers:
            if worker.group == group and id(worker) not in known:
                known.add(id(worker))
                await worker.wait()
                break
        else:
            await asyncio.sleep(poll)
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{group}: the app did not reach the expected state")
    await settle(app, ready, timeout=timeout)


def desk_loaded(app: Any, employees: int) -> Callable[[], bool]:
    from reception_tui.tui.screens.desk import DeskScreen

    def loaded() -> bool:
        screen = app.screen
        return (
            isinstance(screen, DeskScreen) and screen.loaded and screen.grid.row_count == employees
        )

    return loaded


# ---------------------------------------------------------------------- the desk


@dataclass
class DeskResult:
    load_ms: float = 0.0
    keystrokes: list[dict[str, Any]] = field(default_factory=list)
    redirects: list[dict[str, Any]] = field(default_factory=list)
    bare: list[dict[str, Any]] = field(default_factory=list)  # the bare frame, key by key
    rows: dict[int, tuple[str, ...]] = field(default_factory=dict)  # key -> cells, desk order
    expected: list[array] = field(default_factory=list)  # per keystroke: the ids shown
    keystroke_gc: dict[str, Any] = field(default_factory=dict)
    redirect_gc: dict[str, Any] = field(default_factory=dict)
    gc_tracked_after_load: int = 0
    bench_rss_mb: float = 0.0
    frames: int = 0
    frame_bytes: int = 0


def reference_results(repository: Any, settings: Any, values: Sequence[str]) -> list[array]:
    """What the grid must show after each typed value, from an index of our own.

    Built before the app starts and kept as arrays (which the garbage collector does not
    traverse), so that neither its memory nor its objects weigh on the app being measured, and
    the app's own search caches stay cold.
    """
    from reception_tui.domain.search import StaffIndex

    records = repository.employees(default_status=settings.available_status().code)
    index = StaffIndex.from_employees(records)
    results = [array("q", index.search(value).ids) for value in values]
    del index, records
    gc.collect()
    return results


async def run_desk(path: Path, employees: int, keys: Sequence[str], redirects: int) -> DeskResult:
    from reception_tui.tui.app import build_app

    settings, repository = make_repository(path)
    result = DeskResult()
    values = typed_values(keys)
    result.expected = reference_results(repository, settings, values)
    app = build_app(settings, repository, clock=repository.clock, purge=PURGE)
    frames = Frames(app)
    with GcWatch() as keystroke_gc, GcWatch() as redirect_gc:
        async with app.run_test(size=SIZE) as pilot:
            await _drive_desk(
                app, pilot, settings, employees, keys, values, redirects, result, frames,
                keystroke_gc, redirect_gc,
            )  # fmt: skip
    result.keystroke_gc = keystroke_gc.report(len(result.keystrokes))
    result.redirect_gc = redirect_gc.report(len(result.redirects))
    repository.engine.dispose()
    return result


async def _drive_desk(
    app: Any,
    pilot: Any,
    settings: Any,
    employees: int,
    keys: Sequence[str],
    values: Sequence[str],
    redirects: int,
    result: DeskResult,
    frames: Frames,
    keystroke_gc: GcWatch,
    redirect_gc: GcWatch,
) -> None:
    from reception_tui.tui.screens.desk import DeskScreen

    started = time.perf_counter()
    await wait_through_worker(app, "desk-load", set(), desk_loaded(app, employees), poll=0.001)
    paint(app)
    screen = app.screen
    assert isinstance(screen, DeskScreen)
    result.load_ms = (time.perf_counter() - started) * 1000
    result.bench_rss_mb = peak_rss_mb()
    result.gc_tracked_after_load = len(gc.get_objects())
    grid = screen.grid
    search = screen.search
    assert grid.row_count == employees, (grid.row_count, employees)

    await pilot.pause()

    # -- keystrokes
    for key, value, expected in zip(keys, values, result.expected, strict=True):
        count = len(expected)
        head, tail = expected[:60].tolist(), expected[-5:].tolist()

        def ready(value: str = value, count: int = count, head=head, tail=tail) -> bool:
            shown = grid.shown_keys
            return (
                search.value == value
                and len(shown) == count
                and list(shown[:60]) == head
                and list(shown[-5:]) == tail
            )

        before = frames.count
        keystroke_gc.on = True
        c0 = time.process_time()
        t0 = time.perf_counter()
        post_key(app, key)
        await settle(app, ready)
        paint(app)
        elapsed = (time.perf_counter() - t0) * 1000
        cpu = (time.process_time() - c0) * 1000
        keystroke_gc.on = False
        exact = array("q", grid.shown_keys) == expected  # checked after the clock stopped
        result.keystrokes.append(
            {
                "key": key,
                "query": value,
                "matches": count,
                "ms": round(elapsed, 3),
                "cpu_ms": round(cpu, 3),
                "frames": frames.count - before,
                "verified": exact,
            }
        )

    # -- the bare frame: the same keys on the same screen, with the search switched off, so a
    # key changes only the search box. What a key costs beyond this is the desk's own work.
    post_key(app, "escape")
    await settle(app, lambda: search.value == "" and grid.row_count == employees)
    paint(app)
    await pilot.pause()
    screen._apply_search = lambda: None  # the instance's, over the class's method
    try:
        for key, value in zip(keys, values, strict=True):
            before = frames.count
            c0 = time.process_time()
            t0 = time.perf_counter()
            post_key(app, key)
            await settle(app, lambda value=value: search.value == value)
            paint(app)
            result.bare.append(
                {
                    "key": key,
                    "ms": round((time.perf_counter() - t0) * 1000, 3),
                    "cpu_ms": round((time.process_time() - c0) * 1000, 3),
                    "frames": frames.count - before,
                }
            )
    finally:
        del screen._apply_search

    # -- redirects (quick status on F5)
    post_key(app, "escape")
    await settle(app, lambda: search.value == "" and grid.row_count == employees)
    paint(app)
    await pilot.pause()
    lunch = settings.quick_statuses()[0]
    label = lunch.label(settings.organisation.language)
    available = [
        key
        for key in grid.shown_keys
        if screen.employees[key].presence.status_code == app.default_status
        and screen.employees[key].presence.redirect_employee_id is None
    ]
    chosen = [available[i] for i in spread(redirects, len(available))]
    known: set[int] = set()
    for key in chosen:
        grid.move_cursor_to_key(key)
        await settle(app, lambda key=key: grid.cursor_key == key)
        paint(app)
        known.update(id(worker) for worker in app.workers)
        redirect_gc.on = True
        c0 = time.process_time()
        t0 = time.perf_counter()
        post_key(app, "f5")

        def shown_status(key: int = key) -> bool:
            row = grid.get_row(key)
            return row is not None and row.cells[3] == label

        await wait_through_worker(app, "desk-save", known, shown_status, timeout=30)
        paint(app)
        elapsed = (time.perf_counter() - t0) * 1000
        cpu = (time.process_time() - c0) * 1000  # both threads
        redirect_gc.on = False
        result.redirects.append(
            {
                "employee_id": key,
                "position": grid.index_of(key),
                "ms": round(elapsed, 3),
                "cpu_ms": round(cpu, 3),
            }
        )
    result.frames, result.frame_bytes = frames.count, frames.bytes
    # The cells the DataTable gets: the desk's own, in the desk's order.
    result.rows = {key: grid.get_row(key).cells for key in grid.shown_keys}


def measure_commits(path: Path, count: int, skip: set[int]) -> list[float]:
    """Repository.set_presence alone (Lunch, +1 h) for `count` employees not in `skip`."""
    from datetime import timedelta

    import sqlalchemy as sa

    from reception_tui.store.tables import Employee

    settings, repository = make_repository(path)
    lunch = settings.quick_statuses()[0]
    employee = Employee.__table__  # type: ignore[attr-defined]
    with repository.engine.connect() as connection:
        ids = [
            i
            for (i,) in connection.execute(
                sa.select(employee.c.id).order_by(employee.c.id).limit(count * 20)
            )
            if i not in skip
        ][::20][:count]
    by_id = repository.employees_by_id(ids, default_status=settings.available_status().code)
    samples = []
    for employee_id in ids:
        presence = by_id[employee_id].presence
        if presence.status_code == lunch.code:
            continue
        t0 = time.perf_counter()
        repository.set_presence(
            employee_id,
            status=lunch,
            return_at=repository.clock.now() + timedelta(hours=1),
            expected_version=presence.version,
            redirect_employee_id=presence.redirect_employee_id,
            redirect_number=presence.redirect_number,
        )
        samples.append((time.perf_counter() - t0) * 1000)
    repository.engine.dispose()
    return samples


# ---------------------------------------------------------------------- the stock DataTable


@dataclass
class TableResult:
    fill_ms: float = 0.0
    samples: list[dict[str, Any]] = field(default_factory=list)


async def run_datatable(
    columns: Sequence[str],
    rows: dict[int, tuple[str, ...]],
    keys: Sequence[str],
    expected: Sequence[array],
    measured: Sequence[int],
) -> TableResult:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(id="table", cursor_type="row")

    app = TableApp()
    Frames(app)
    result = TableResult()
    values = typed_values(keys)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(DataTable)
        table.add_columns(*columns)
        table.focus()

        def done(count: int) -> Callable[[], bool]:
            return lambda: (
                table.row_count == count
                and not table._require_update_dimensions
                and not table._new_rows
                and not table._updated_cells
            )

        t0 = time.perf_counter()
        table.add_rows(rows.values())
        await settle(app, done(len(rows)), timeout=600)
        paint(app)
        result.fill_ms = (time.perf_counter() - t0) * 1000
        await pilot.pause()
        for index in measured:
            ids = expected[index]
            t0 = time.perf_counter()
            table.clear()
            table.add_rows([rows[key] for key in ids])
            await settle(app, done(len(ids)), timeout=600)
            paint(app)
            elapsed = (time.perf_counter() - t0) * 1000
            result.samples.append(
                {
                    "index": index,
                    "query": values[index],
                    "matches": len(ids),
                    "ms": round(elapsed, 3),
                }
            )
    return result


# ---------------------------------------------------------------------- first frame, floor


def first_frame_child(url: str, employees: int, snapshots: Path | None) -> int:
    """Runs in a fresh interpreter: open the desk the way the CLI does, report the first frame.

    With `snapshots`, the desk keeps its snapshots there (as in the user's cache): it starts
    from one found there, and a child that read everyone waits until it has kept one."""

    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository
    from reception_tui.tui.app import build_app

    settings = default_settings()
    clock = FixedClock(now())
    repository = Repository(
        open_database(url), actor="bench", clock=clock, calendar=settings.calendar()
    )
    app = build_app(settings, repository, clock=clock, purge=PURGE, snapshots=snapshots)
    Frames(app)

    def first_screenful() -> bool:
        from reception_tui.tui.screens.desk import DeskScreen

        screen = app.screen
        if not isinstance(screen, DeskScreen) or screen.grid.row_count != employees:
            return False
        shown = screen.grid.scroll_offset.y
        visible = screen.grid.shown_keys[shown : shown + screen.grid.size.height]
        return all(key in screen.employees for key in visible)

    # The first frame is the first one the app itself composes (and Frames encodes) with the
    # first screenful in the grid: reported from inside the display call that carries it.
    shown = False
    display = app._display

    def display_and_report(screen: Any, renderable: Any) -> None:
        nonlocal shown
        display(screen, renderable)
        if not shown and first_screenful():
            shown = True
            print(FIRST_FRAME_MARK, flush=True)

    app._display = display_and_report  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=SIZE):
            await wait_through_worker(app, "desk-peek", set(), lambda: shown, poll=0.001)
            await wait_through_worker(
                app, "desk-load", set(), desk_loaded(app, employees), poll=0.001
            )
            paint(app)
            print(f"{LOADED_MARK} {peak_rss_mb():.3f}", flush=True)
            for worker in app.workers:
                if worker.group == "snapshot":
                    await worker.wait()
            os._exit(0)  # the measurement is over: skip the shutdown

    asyncio.run(run())
    return 1


def measure_first_frame(
    path: Path, employees: int, snapshots: Path | None = None
) -> tuple[float, float, float]:
    """ms from process start to first frame and to everyone read, peak RSS MB of that process;
    with the desk's snapshots in `snapshots` (see `first_frame_child`)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--first-frame-child",
        f"sqlite:///{path}",
        "--employees",
        str(employees),
        *(["--snapshots", str(snapshots)] if snapshots else []),
    ]
    t0 = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first = None
    for line in process.stdout:
        if line.startswith(FIRST_FRAME_MARK):
            first = (time.perf_counter() - t0) * 1000
        elif line.startswith(LOADED_MARK) and first is not None:
            loaded = (time.perf_counter() - t0) * 1000
            rss = float(line.split()[1])
            process.wait(timeout=60)
            return first, loaded, rss
    process.wait(timeout=60)
    raise RuntimeError(f"the first-frame child exited ({process.returncode}) without a frame")


def measure_import_floor(runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import textual.app, sqlmodel"], check=True)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


# ---------------------------------------------------------------------- the report


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "cpu_count": os.cpu_count(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "textual": version("textual"),
        "rich": version("rich"),
        "sqlalchemy": version("sqlalchemy"),
    }


def code_version() -> dict[str, Any]:
    """The commit measured and whether reception_tui differs from it (read-only git calls)."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    changed = git("status", "--porcelain", "--", "reception_tui")
    return {
        "commit": git("rev-parse", "HEAD"),
        "reception_tui_changed_files": None if changed is None else len(changed.splitlines()),
    }


def budget(report: dict[str, Any]) -> dict[str, Any]:
    floor = report["import_floor_ms"]
    checks = {
        "keystroke_p95_ms": (report["keystroke_p95_ms"], "<=", BUDGET["keystroke_p95_ms"]),
        "datatable_ratio": (report["datatable_ratio"], ">=", BUDGET["datatable_ratio"]),
        "redirect_p95_ms": (report["redirect_p95_ms"], "<=", BUDGET["redirect_p95_ms"]),
        "first_frame_ms": (
            report["first_frame_ms"],
            "<=",
            None if floor is None else floor + BUDGET["first_frame_over_import_floor_ms"],
        ),
        "full_load_ms": (report["full_load_ms"], "<=", BUDGET["full_load_ms"]),
        "rss_mb": (report["rss_mb"], "<=", BUDGET["rss_mb"]),
    }
    out = {}
    for name, (value, op, limit) in checks.items():
        if value is None or limit is None:
            ok = None
        else:
            ok = value <= limit if op == "<=" else value >= limit
        out[name] = {"value": rounded(value), "limit": rounded(limit), "op": op, "pass": ok}
    return out


def summary(report: dict[str, Any]) -> str:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f} ms"

    lines = [
        f"desk benchmark, {report['employees']:,} employees "
        f"({report['machine']['cpu_count']} cpus, Python {report['machine']['python']}, "
        f"Textual {report['machine']['textual']})",
        f"  keystroke      p50 {ms(report['keystroke_p50_ms'])}  p95 "
        f"{ms(report['keystroke_p95_ms'])}  max {ms(report['keystroke_max_ms'])}  "
        f"({len(report['queries'])} keys)",
        f"  keystroke CPU  p95 {ms(report['keystroke_cpu_p95_ms'])}  bare frame CPU p95 "
        f"{ms(report['bare_frame_cpu_p95_ms'])}  ratio {report['keystroke_cpu_over_bare_p95']}  "
        f"frames per key {report['keystroke_frames_mean']} (bare {report['bare_frames_mean']})",
        f"  DataTable      p50 {ms(report['datatable_keystroke_p50_ms'])}  "
        f"({report['datatable_queries_measured']} of {len(report['queries'])} queries; "
        f"fill {ms(report['datatable_fill_ms'])})  ratio {report['datatable_ratio'] or 0:.0f}x",
        f"  redirect (F5)  p50 {ms(report['redirect_p50_ms'])}  p95 "
        f"{ms(report['redirect_p95_ms'])}  (commit alone p50 {ms(report['commit_p50_ms'])})",
        f"  first frame    {ms(report['first_frame_ms'])}  import floor "
        f"{ms(report['import_floor_ms'])}",
        f"  everyone       {ms(report['full_load_ms'])} after the first frame, from the snapshot; "
        f"without one {ms(report['full_load_cold_ms'])} ({report['full_load_cold_ratio']}x)",
        f"  memory         app {report['rss_mb']:.0f} MB  bench {report['bench_rss_mb']:.0f} MB",
        "  budget: "
        + ", ".join(
            f"{name} {'ok' if item['pass'] else 'FAIL' if item['pass'] is False else 'n/a'}"
            for name, item in report["budget"].items()
        ),
        f"  total {report['total_seconds']:.0f} s",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    employees: int = args.employees
    keys = SMOKE_SEQUENCE if args.smoke else FULL_SEQUENCE
    sample = args.datatable_sample
    if sample is None:
        sample = 2 if args.smoke else (len(keys) if employees <= 20_000 else 3)
    redirects = args.redirects if args.redirects is not None else (5 if args.smoke else 30)
    first_frame_runs = args.first_frame_runs or (1 if args.smoke else 5)

    source, build_seconds, cached = demo_database(employees, args.inquiries)
    print(
        f"data: {source} ({'cached' if cached else f'built in {build_seconds:.1f} s'})",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="reception-bench-") as folder:
        path = working_copy(source, Path(folder))
        desk = asyncio.run(run_desk(path, employees, keys, redirects))
        print("desk done", file=sys.stderr)
        redirected = {sample["employee_id"] for sample in desk.redirects}
        commits = measure_commits(path, 5 if args.smoke else 30, redirected)
        measured = spread(sample, len(keys))
        from reception_tui.config import default_settings
        from reception_tui.words import text

        language = default_settings().organisation.language
        columns = [
            text(language, f"col.{name}")
            for name in ("name", "unit", "extension", "status", "return", "redirect", "title")
        ]
        table = asyncio.run(run_datatable(columns, desk.rows, keys, desk.expected, measured))
        print("DataTable done", file=sys.stderr)
        del desk.rows
        # Taken in turns, so that all see the machine under the same load: a start from the
        # snapshot a first start kept (every start after the first), a start without one,
        # and the import floor.
        snapshots = Path(tempfile.mkdtemp(prefix="desk-snapshots-"))
        measure_first_frame(path, employees, snapshots)
        first_frames, cold_frames, floor = [], [], []
        for _ in range(first_frame_runs):
            first_frames.append(measure_first_frame(path, employees, snapshots))
            cold_frames.append(measure_first_frame(path, employees))
            floor += measure_import_floor(1)
        shutil.rmtree(snapshots)

    ours = [sample["ms"] for sample in desk.keystrokes]
    theirs = [sample["ms"] for sample in table.samples]
    ours_same = [desk.keystrokes[sample["index"]]["ms"] for sample in table.samples]
    ours_p50 = percentile(ours, 50)
    theirs_p50 = percentile(theirs, 50)
    same_p50 = percentile(ours_same, 50)
    ours_cpu = [sample["cpu_ms"] for sample in desk.keystrokes]
    bare_cpu = [sample["cpu_ms"] for sample in desk.bare]
    cpu_p95, bare_p95 = percentile(ours_cpu, 95), percentile(bare_cpu, 95)
    redirect_ms = [sample["ms"] for sample in desk.redirects]
    redirect_cpu = [sample["cpu_ms"] for sample in desk.redirects]
    frame_ms = [ms for ms, _, _ in first_frames]
    loaded_ms = [loaded - first for first, loaded, _ in first_frames]
    cold_loaded_ms = [loaded - first for first, loaded, _ in cold_frames]
    report: dict[str, Any] = {
        "employees": employees,
        "inquiries": args.inquiries,
        "smoke": bool(args.smoke),
        "keystroke_p50_ms": rounded(ours_p50),
        "keystroke_p95_ms": rounded(percentile(ours, 95)),
        "keystroke_max_ms": rounded(max(ours)),
        "keystrokes_verified": all(sample["verified"] for sample in desk.keystrokes),
        "keystroke_cpu_p50_ms": rounded(percentile(ours_cpu, 50)),
        "keystroke_cpu_p95_ms": rounded(percentile(ours_cpu, 95)),
        "keystroke_frames_mean": rounded(
            statistics.mean(sample["frames"] for sample in desk.keystrokes), 2
        ),
        "bare_frame_cpu_p50_ms": rounded(percentile(bare_cpu, 50)),
        "bare_frame_cpu_p95_ms": rounded(bare_p95),
        "bare_frame_p95_ms": rounded(percentile([sample["ms"] for sample in desk.bare], 95)),
        "bare_frames_mean": rounded(statistics.mean(sample["frames"] for sample in desk.bare), 2),
        "keystroke_cpu_over_bare_p95": rounded(
            cpu_p95 / bare_p95 if cpu_p95 and bare_p95 else None, 2
        ),
        "datatable_keystroke_p50_ms": rounded(theirs_p50),
        "datatable_ratio": rounded(theirs_p50 / ours_p50 if theirs_p50 and ours_p50 else None, 1),
        "datatable_ratio_same_queries": rounded(
            theirs_p50 / same_p50 if theirs_p50 and same_p50 else None, 1
        ),
        "datatable_queries_measured": len(table.samples),
        "datatable_query_indices": measured,
        "datatable_fill_ms": rounded(table.fill_ms),
        "redirect_p50_ms": rounded(percentile(redirect_ms, 50)),
        "redirect_p95_ms": rounded(percentile(redirect_ms, 95)),
        "redirect_cpu_p50_ms": rounded(percentile(redirect_cpu, 50)),
        "commit_p50_ms": rounded(percentile(commits, 50)),
        "commit_p95_ms": rounded(percentile(commits, 95)),
        "first_frame_ms": rounded(statistics.median(frame_ms)),
        "full_load_ms": rounded(statistics.median(loaded_ms)),
        "full_load_cold_ms": rounded(statistics.median(cold_loaded_ms)),
        "full_load_cold_ratio": rounded(
            statistics.median(cold_loaded_ms) / statistics.median(loaded_ms), 2
        ),
        "import_floor_ms": rounded(statistics.median(floor)),
        "rss_mb": rounded(max(rss for _, _, rss in (*first_frames, *cold_frames)), 1),
        "bench_rss_mb": rounded(desk.bench_rss_mb, 1),
        "desk_load_ms": rounded(desk.load_ms),
        "gc": {
            "tracked_objects_after_load": desk.gc_tracked_after_load,
            "keystrokes": desk.keystroke_gc,
            "redirects": desk.redirect_gc,
        },
        "machine": {**machine(), "load_average_at_start": load_at_start},
        "code": code_version(),
        "data": {
            "database": str(source),
            "cached": cached,
            "build_seconds": rounded(build_seconds, 2),
            "seed": SEED,
            "now": NOW_ISO,
        },
        "queries": typed_values(keys),
        "keys": list(keys),
        "method": METHOD,
        "samples": {
            "keystrokes": desk.keystrokes,
            "datatable": table.samples,
            "redirects": desk.redirects,
            "bare_frame": desk.bare,
            "commits_ms": [round(ms, 3) for ms in commits],
            "first_frame_ms": [round(ms, 3) for ms in frame_ms],
            "full_load_ms": [round(ms, 3) for ms in loaded_ms],
            "full_load_cold_ms": [round(ms, 3) for ms in cold_loaded_ms],
            "first_frame_rss_mb": [round(rss, 1) for _, _, rss in first_frames],
            "cold_first_frame_rss_mb": [round(rss, 1) for _, _, rss in cold_frames],
            "import_floor_ms": [round(ms, 3) for ms in floor],
            "desk_frames": desk.frames,
            "desk_frame_bytes": desk.frame_bytes,
        },
    }
    report["budget"] = budget(report)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=10_000, metavar="N")
    parser.add_argument(
        "--inquiries",
        type=int,
        default=0,
        metavar="N",
        help="closed inquiries of the demo's history in the database (0: none, as before)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the report here")
    parser.add_argument(
        "--datatable-sample",
        type=int,
        metavar="K",
        help="measure the DataTable on K queries spread over the sequence "
        "(default: all when N <= 20,000, else 3)",
    )
    parser.add_argument("--redirects", type=int, metavar="R", help="F5 samples (default 30)")
    parser.add_argument(
        "--first-frame-runs",
        type=int,
        metavar="R",
        help="first-frame runs, each followed by a floor run (default 5; smoke 1)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="quick CI check: 2,000 employees, a few queries, DataTable sample 2",
    )
    parser.add_argument("--first-frame-child", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--snapshots", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.first_frame_child:
        return first_frame_child(args.first_frame_child, args.employees, args.snapshots)
    if args.smoke and "--employees" not in (argv if argv is not None else sys.argv[1:]):
        args.employees = 2_000
    report = run(args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(summary(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
