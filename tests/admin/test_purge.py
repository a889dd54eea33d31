"""`db purge`: personal data older than the retention period goes, the rest stays.

The retention period is 365 days (admin.toml); the clock stands at Wednesday 2026-12-02.
What goes: inquiries closed before the limit, with their callback attempts, and the presence
history in the change log ("Sjuk", notes). What stays: everything newer, the open inquiries,
and everyone's current status.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from admin_runner import NOW, Admin

from reception_tui.clock import FixedClock
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.records import Outcome
from reception_tui.store import repository as repository_module
from reception_tui.store.engine import make_engine
from reception_tui.store.feed import ChangeFeed
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Change

C = Change.__table__  # type: ignore[attr-defined]
LIMIT = NOW - timedelta(days=365)


def change_log(url: str) -> list[tuple[object, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(C).order_by(C.c.id)).all()
    finally:
        engine.dispose()
    return [(r.id, r.at, r.actor, r.entity, r.entity_id, r.action, r.before, r.after)
            for r in rows]  # fmt: skip


def history(admin: Admin) -> dict[str, object]:
    """What a purge may change, as an administrator would look at it."""
    return {
        "inquiries": admin.ok("inquiry", "list", "--json").out,
        "staff": admin.ok("staff", "list", "--json").out,
        "log": change_log(admin.url),
    }


def seat(admin: Admin, calendar: WorkingCalendar) -> Repository:
    """A receptionist's seat on the administrator's database (for what the CLI cannot do)."""
    return Repository(make_engine(admin.url), actor="Karin Ek", clock=admin.clock,
                      calendar=calendar)  # fmt: skip


@pytest.fixture
def a_year_and_more(admin: Admin, clock: FixedClock, calendar: WorkingCalendar) -> Admin:
    """Anna was sick 400 days ago and back the day after; Lars is at lunch since 10 days ago
    (a status no one has changed since); an inquiry closed 400 days ago (with an attempt), one
    closed 10 days ago, one still open since long ago."""
    receptionist = seat(admin, calendar)
    try:
        clock.set(NOW - timedelta(days=401))
        admin.ok("inquiry", "add", "--for", "Lars Holm", "--caller", "Olle Gammal",
                 "--number", "070-111 11 11", "--subject", "Bygglov på Tallbacken")  # fmt: skip
        admin.ok("inquiry", "add", "--for", "Lars Holm", "--caller", "Stina Öppen",
                 "--number", "070-333 33 33")  # fmt: skip
        clock.set(NOW - timedelta(days=400))
        admin.ok("redirect", "Anna Berg", "--status", "sick", "--note", "sjuk, magsjuka")
        old = receptionist.open_inquiries()
        olle = next(i for i in old if i.caller_name == "Olle Gammal")
        receptionist.log_attempt(olle.id, Outcome.REACHED, "ringde upp")
        receptionist.resolve_inquiry(olle.id, expected_version=olle.version)
        clock.set(NOW - timedelta(days=399))
        admin.ok("redirect", "Anna Berg", "--clear")
        clock.set(NOW - timedelta(days=11))
        admin.ok("inquiry", "add", "--for", "Anna Berg", "--caller", "Nils Ny",
                 "--number", "070-222 22 22")  # fmt: skip
        clock.set(NOW - timedelta(days=10))
        nils = next(i for i in receptionist.open_inquiries() if i.caller_name == "Nils Ny")
        receptionist.resolve_inquiry(nils.id, expected_version=nils.version)
        admin.ok("redirect", "Lars Holm", "--status", "lunch", "--note", "lunch med chefen")
    finally:
        receptionist.engine.dispose()
    clock.set(NOW)
    return admin


def test_purge_dry_run_says_what_would_go_and_changes_nothing(a_year_and_more: Admin) -> None:
    admin = a_year_and_more
    before = history(admin)

    result = admin.ok("db", "purge", "--dry-run")

    assert result.out.strip() == (
        "skulle ta bort 1 ärenden som stängdes för mer än 365 dagar sedan (med 1 försök till"
        " återkoppling) och 2 äldre poster om närvaro (provkörning: inget ändrades)"
    )
    assert history(admin) == before


def test_purge_removes_old_inquiries_and_presence_history_and_keeps_the_rest(
    a_year_and_more: Admin,
) -> None:
    admin = a_year_and_more
    staff_before = admin.ok("staff", "list", "--json").out

    result = admin.ok("db", "purge")

    assert result.out.strip() == (
        "tog bort 1 ärenden som stängdes för mer än 365 dagar sedan (med 1 försök till"
        " återkoppling) och 2 äldre poster om närvaro"
    )
    callers = {i["caller_name"] for i in json.loads(admin.ok("inquiry", "list", "--json").out)}
    assert callers == {"Nils Ny", "Stina Öppen"}
    log = change_log(admin.url)
    text = json.dumps([row[6:] for row in log], ensure_ascii=False, default=str)
    for personal in ("sjuk, magsjuka", "Olle Gammal", "ringde upp", "070-111"):
        assert personal not in text
    # Presence history: nothing before the limit; the newer change, and its note, stay.
    presence = [row for row in log if row[3] == "presence" and row[5] != "purge"]
    assert [row[1] >= LIMIT for row in presence] == [True]
    assert "lunch med chefen" in text
    # Everyone's current status is the presence table's, untouched.
    assert admin.ok("staff", "list", "--json").out == staff_before
    # What the log says about the purge itself: who, when, how many; nothing personal.
    purges = [(row[2], row[3], row[7]) for row in log if row[5] == "purge"]
    assert purges == [
        ("Karin Ek", "inquiry", {"count": 1, "attempts": 1}),
        ("Karin Ek", "presence", {"count": 2}),
    ]

    again = admin.ok("db", "purge")
    assert again.out.startswith("tog bort 0 ärenden") and "och 0 äldre poster" in again.out
    # A purge that finds nothing (a second desk starting at the same moment) logs nothing.
    assert len(change_log(admin.url)) == len(log)


def test_purge_refuses_to_run_read_only(a_year_and_more: Admin) -> None:
    result = a_year_and_more("db", "purge", "--read-only")

    assert result.code == 2
    assert "det kan inte köras med --read-only" in result.line()


def test_a_seat_following_the_change_log_misses_nothing_across_a_purge(
    repository: Repository,
    make_repository,
    staff: dict[str, int],
    statuses,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The newest row of the log is old presence history, which the purge deletes: on SQLite,
    # whose ids are rowids, a deleted newest id would be handed out again, and a seat that had
    # read up to it would skip the row that got it. Small batches, so several run.
    monkeypatch.setattr(repository_module, "_PURGE_BATCH", 2)
    anna, lars = staff["Anna Berg"], staff["Lars Lind"]
    sick: StatusCode = statuses.sick
    clock.set(NOW - timedelta(days=500))
    for day in range(5):
        clock.advance(timedelta(days=1))
        repository.set_presence(anna, status=sick, return_at=None, note=f"sjuk dag {day}",
                                expected_version=day)  # fmt: skip
    clock.set(NOW)
    feed = ChangeFeed(repository.engine, after_id=repository.last_change_id())

    summary = repository.purge(LIMIT)
    make_repository("Per Holm").set_presence(
        lars, status=statuses.available, return_at=None, expected_version=0
    )
    batch = feed.read()

    assert summary.presence_history == 5
    assert batch is not None
    assert batch.changes == 4  # the purge's own rows (one per batch), and Per Holm's change
    assert lars in batch.employee_ids
    assert feed.read() is None
