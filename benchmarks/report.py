"""Follow-up benchmark: the yearly report and the manager's screen, at design.md section 7's size.

    python benchmarks/report.py --employees 100000 --inquiries 1000000 --json report-1m.json
    python benchmarks/report.py --smoke --json report-smoke.json

On a demo SQLite file with a year of history it measures:

* report: `store.followup.report` for every unit and the whole organisation over the last 12
  months (the span the history covers), p50/p95 of several runs, wall and CPU time;
* the same figures computed the naive way in the same run: every inquiry and attempt read into
  Python (`follow_up_items`) and counted item by item (`domain.followup.report`); the two must
  give the same report, and `report_ratio` is naive / ours;
* the manager's screen for the unit with the most inquiries and for the whole organisation:
  a fresh interpreter from start to the first frame that shows its figures (and to the frame
  with the organisation's shares beside them), against the import floor, and its peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk import (  # the desk benchmark's helpers: one way to measure
    NOW_ISO,
    SEED,
    code_version,
    machine,
    measure_import_floor,
    now,
    peak_rss_mb,
    percentile,
    rounded,
)

SIZE = (120, 35)
FIGURES_MARK = "FIGURES"
ORGANISATION_MARK = "ORGANISATION"

BUDGET = {
    "report_p95_ms": 500.0,
    "manager_first_frame_over_import_floor_ms": 600.0,
    "manager_unit_rss_mb": 120.0,
    "manager_organisation_rss_mb": 200.0,
}

METHOD = {
    "report": (
        "store.followup.report(engine, calendar, last 12 months up to the demo's day, now, "
        "every unit, organisation) on a read-only engine, as `reception-tui report` runs it; "
        "wall and CPU time (process_time: the database runs in this process) per run."
    ),
    "naive": (
        "follow_up_items(engine) (every inquiry and its attempts read into Python) then "
        "domain.followup.report over those items: what counting in Python over all rows costs. "
        "Its report must equal ours (same_report)."
    ),
    "manager": (
        "A fresh interpreter opens the database read-only like `reception-tui manager --unit "
        "NAME` and runs ManagerApp headless at 120x35 with the demo's fixed clock. "
        "first_frame_ms: from process start until the app has composed a frame with the "
        "unit's figures (the unit's read drawn); organisation_ms: until the organisation's "
        "shares are drawn beside them. rss_mb: the child's peak RSS (VmHWM) then. The unit is "
        "the one with the most inquiries; 'organisation' is the screen of the whole "
        "organisation (everyone, the full report)."
    ),
}


# ---------------------------------------------------------------------- data


def cache_dir() -> Path:
    return Path(tempfile.gettempdir()) / "reception-tui-bench"


def history_database(employees: int, inquiries: int) -> tuple[Path, float, bool]:
    """The cached demo file with `inquiries` historical inquiries (built when missing)."""
    import reception_tui.store.demo as demo
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.demo import build_demo
    from reception_tui.store.migrate import head_revision, open_database
    from reception_tui.store.repository import Repository

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    generator = hashlib.sha256(Path(demo.__file__).read_bytes()).hexdigest()[:10]
    name = (
        f"history-{employees}-{inquiries}-seed{SEED}-{NOW_ISO[:10]}-{head_revision()}-"
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
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    seconds = time.perf_counter() - started
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path, seconds, False


def reader(path: Path) -> Any:
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository

    settings = default_settings()
    engine = open_database(f"sqlite:///{path}", read_only=True)
    return Repository(engine, actor="bench", clock=FixedClock(now()), calendar=settings.calendar())


def busiest_unit(repository: Any) -> tuple[int, str, int]:
    """(id, name, inquiries) of the unit with the most inquiries."""
    import sqlalchemy as sa

    from reception_tui.store.tables import Inquiry

    table = Inquiry.__table__  # type: ignore[attr-defined]
    unit = table.c.unit_at_receipt_id
    query = sa.select(unit, sa.func.count()).group_by(unit).order_by(sa.func.count().desc())
    with repository.engine.connect() as connection:
        unit_id, count = connection.execute(query.limit(1)).one()
    names = {record.id: record.name for record in repository.units()}
    return unit_id, names[unit_id], count


# ---------------------------------------------------------------------- the report


def measure_report(repository: Any, runs: int) -> tuple[list[float], list[float], Any]:
    """Wall and CPU ms of each run of the whole report, and the last report."""
    from reception_tui.config import default_settings
    from reception_tui.domain.periods import Period
    from reception_tui.store.followup import report

    settings = default_settings()
    moment = now()
    period = Period.last_twelve_months(moment.astimezone(repository.calendar.tz).date())
    units = {unit.id: unit.name for unit in repository.units()}
    walls, cpus, made = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        made = report(
            repository.engine,
            repository.calendar,
            period,
            moment,
            units,
            settings.organisation.name,
        )
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus, made


def measure_naive(repository: Any, ours: Any) -> tuple[float, float, bool]:
    """Wall and CPU ms of the same report counted in Python over every row, and whether it is
    the same report."""
    from reception_tui.domain.followup import report as reference
    from reception_tui.store.followup import follow_up_items

    wall, cpu = time.perf_counter(), time.process_time()
    items = follow_up_items(repository.engine)
    units = {row.unit_id: row.name for row in ours.units}
    theirs = reference(
        items, units, ours.organisation.name, ours.period, ours.made_at, repository.calendar
    )
    elapsed = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    return *elapsed, theirs == ours


# ---------------------------------------------------------------------- the manager's screen


def manager_child(url: str, unit: str) -> int:
    """Runs in a fresh interpreter: the manager's screen for `unit` ('' = the organisation)."""
    from reception_tui.clock import FixedClock
    from reception_tui.config import default_settings
    from reception_tui.store.migrate import open_database
    from reception_tui.store.repository import Repository
    from reception_tui.tui.manager import ManagerApp, scopes
    from reception_tui.tui.screens.manager import ManagerScreen

    settings = default_settings()
    clock = FixedClock(now())
    repository = Repository(
        open_database(url, read_only=True),
        actor="bench",
        clock=clock,
        calendar=settings.calendar(),
    )
    wanted = [] if not unit else [repository.find_unit(unit)]
    shown = scopes(settings.organisation.name, wanted, [] if unit else repository.units())
    app = ManagerApp(settings, repository, clock, shown[:1])
    marks: set[str] = set()
    display = app._display

    def display_and_report(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        manager = app.screen
        if not isinstance(manager, ManagerScreen):
            return
        if FIGURES_MARK not in marks and manager.read is not None:
            marks.add(FIGURES_MARK)
            print(FIGURES_MARK, flush=True)
        organisation = manager.query_one("#org-share").render()
        if FIGURES_MARK in marks and ORGANISATION_MARK not in marks and str(organisation):
            marks.add(ORGANISATION_MARK)
            print(f"{ORGANISATION_MARK} {peak_rss_mb():.3f}", flush=True)

    app._display = display_and_report  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while ORGANISATION_MARK not in marks:
                await pilot.pause(0.005)
            os._exit(0)  # the measurement is over: skip the shutdown

    asyncio.run(run())
    return 1


def measure_manager(path: Path, unit: str) -> tuple[float, float, float]:
    """ms from process start to the unit's figures and to the organisation's, and peak RSS."""
    command = [sys.executable, str(Path(__file__).resolve()), "--manager-child", str(path)]
    command += ["--unit", unit]
    t0 = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    figures = None
    for line in process.stdout:
        if line.startswith(FIGURES_MARK):
            figures = (time.perf_counter() - t0) * 1000
        elif line.startswith(ORGANISATION_MARK) and figures is not None:
            organisation = (time.perf_counter() - t0) * 1000
            process.wait(timeout=120)
            return figures, organisation, float(line.split()[1])
    process.wait(timeout=120)
    raise RuntimeError(f"the manager child exited ({process.returncode}) without its figures")


# ---------------------------------------------------------------------- the run


def budget(report: dict[str, Any]) -> dict[str, Any]:
    floor = report["import_floor_ms"]
    over = BUDGET["manager_first_frame_over_import_floor_ms"]
    checks = {
        "report_p95_ms": (report["report_p95_ms"], BUDGET["report_p95_ms"]),
        "manager_unit_first_frame_ms": (report["manager_unit"]["first_frame_ms"], floor + over),
        "manager_unit_rss_mb": (report["manager_unit"]["rss_mb"], BUDGET["manager_unit_rss_mb"]),
        "manager_organisation_rss_mb": (
            report["manager_organisation"]["rss_mb"],
            BUDGET["manager_organisation_rss_mb"],
        ),
    }
    return {
        name: {"value": rounded(value), "limit": rounded(limit), "pass": value <= limit}
        for name, (value, limit) in checks.items()
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.perf_counter()
    load_at_start = [round(load, 2) for load in os.getloadavg()]
    source, build_seconds, cached = history_database(args.employees, args.inquiries)
    print(
        f"data: {source} ({'cached' if cached else f'built in {build_seconds:.1f} s'})",
        file=sys.stderr,
    )
    repository = reader(source)
    unit_id, unit_name, unit_inquiries = busiest_unit(repository)
    walls, cpus, ours = measure_report(repository, args.runs)
    print(f"report: {statistics.median(walls):.0f} ms", file=sys.stderr)
    naive_ms, naive_cpu_ms, same = measure_naive(repository, ours)
    print(f"naive: {naive_ms:.0f} ms, same report: {same}", file=sys.stderr)
    repository.engine.dispose()

    managers: dict[str, list[tuple[float, float, float]]] = {"unit": [], "organisation": []}
    floor: list[float] = []
    for _ in range(args.manager_runs):  # in turns, so that each sees the same load
        managers["unit"].append(measure_manager(source, unit_name))
        managers["organisation"].append(measure_manager(source, ""))
        floor += measure_import_floor(1)

    def screen(samples: list[tuple[float, float, float]]) -> dict[str, Any]:
        return {
            "first_frame_ms": rounded(statistics.median(s[0] for s in samples)),
            "organisation_ms": rounded(statistics.median(s[1] for s in samples)),
            "rss_mb": rounded(max(s[2] for s in samples), 1),
            "samples": [[round(value, 3) for value in sample] for sample in samples],
        }

    report_p50 = percentile(walls, 50)
    result: dict[str, Any] = {
        "employees": args.employees,
        "inquiries": args.inquiries,
        "units": len(ours.units),
        "smoke": bool(args.smoke),
        "report_p50_ms": rounded(report_p50),
        "report_p95_ms": rounded(percentile(walls, 95)),
        "report_cpu_p50_ms": rounded(percentile(cpus, 50)),
        "naive_ms": rounded(naive_ms),
        "naive_cpu_ms": rounded(naive_cpu_ms),
        "report_ratio": rounded(naive_ms / report_p50 if report_p50 else None, 1),
        "same_report": same,
        "received_in_period": ours.organisation.follow_up.total.received,
        "manager_unit": {
            "unit": unit_name,
            "inquiries": unit_inquiries,
            **screen(managers["unit"]),
        },
        "manager_organisation": screen(managers["organisation"]),
        "import_floor_ms": rounded(statistics.median(floor)),
        "machine": {**machine(), "load_average_at_start": load_at_start},
        "code": code_version(),
        "data": {
            "database": str(source),
            "cached": cached,
            "unit_id": unit_id,
            "build_seconds": rounded(build_seconds, 2),
            "seed": SEED,
            "now": NOW_ISO,
        },
        "method": METHOD,
        "samples": {
            "report_ms": [round(ms, 3) for ms in walls],
            "report_cpu_ms": [round(ms, 3) for ms in cpus],
            "import_floor_ms": [round(ms, 3) for ms in floor],
        },
    }
    unit, whole = result["manager_unit"], result["manager_organisation"]
    floor_ms = result["import_floor_ms"]
    result["manager_unit_ratio"] = rounded(naive_ms / max(unit["first_frame_ms"] - floor_ms, 1), 1)
    result["budget"] = budget(result)
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    print(
        f"follow-up benchmark, {args.employees:,} employees, {args.inquiries:,} inquiries\n"
        f"  report      p50 {result['report_p50_ms']:.0f} ms  p95 {result['report_p95_ms']:.0f} "
        f"ms  (naive {naive_ms:.0f} ms, {result['report_ratio']}x; same: {same})\n"
        f"  manager     unit {unit['first_frame_ms']:.0f} ms (organisation beside it "
        f"{unit['organisation_ms']:.0f} ms, {unit['rss_mb']:.0f} MB)  whole organisation "
        f"{whole['first_frame_ms']:.0f} ms ({whole['rss_mb']:.0f} MB)  import floor "
        f"{floor_ms:.0f} ms\n  budget: "
        + ", ".join(
            f"{name} {'ok' if item['pass'] else 'FAIL'}" for name, item in result["budget"].items()
        ),
        file=sys.stderr,
    )
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000, metavar="N")
    parser.add_argument("--inquiries", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--runs", type=int, default=5, metavar="R", help="report runs")
    parser.add_argument("--manager-runs", type=int, default=3, metavar="R")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the report here")
    parser.add_argument("--smoke", action="store_true", help="small and quick, for CI")
    parser.add_argument("--manager-child", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--unit", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.manager_child:
        return manager_child(f"sqlite:///{args.manager_child}", args.unit)
    if args.smoke:
        args.employees, args.inquiries, args.runs, args.manager_runs = 2_000, 20_000, 2, 1
    result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
