"""The desk's first screen, driven through Textual's pilot on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import DataTable, Static

from reception_tui.clock import FixedClock
from reception_tui.config import default_settings
from reception_tui.domain.presence import find_status
from reception_tui.store.importer import parse_staff_csv
from reception_tui.store.migrate import open_database
from reception_tui.store.repository import Repository
from reception_tui.tui.app import build_app

STAFF = (
    "employee_id;first_name;last_name;unit;extension\n"
    "1;Anna;Berg;Bygg och miljö;1234\n"
    "2;Lars;Öberg;Bygg och miljö;1235\n"
    "3;Per [vik];Ek;Socialtjänst;1300\n"
)


def _repository(tmp_path: Path) -> Repository:
    settings = default_settings()
    engine = open_database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    clock = FixedClock(datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    repository = Repository(engine, actor="Karin Ek", clock=clock, calendar=settings.calendar())
    repository.import_staff(parse_staff_csv(STAFF).rows)
    return repository


async def test_desk_lists_staff_and_open_inquiries(tmp_path: Path) -> None:
    settings = default_settings()
    repository = _repository(tmp_path)
    anna = repository.find_employee("Anna Berg", default_status="available").unique
    assert anna is not None
    lunch = find_status(settings.status_codes(), "lunch")
    assert lunch is not None
    repository.set_presence(
        anna.id,
        status=lunch,
        return_at=datetime(2026, 12, 2, 11, 0, tzinfo=UTC),
        expected_version=0,
    )
    repository.add_inquiry(caller_name="Olle", caller_number="+46701234567", employee_id=anna.id)

    app = build_app(settings, repository)
    async with app.run_test(size=(120, 35)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        staff = app.query_one("#staff", DataTable)
        queue = app.query_one("#queue", DataTable)
        assert staff.row_count == 3
        assert queue.row_count == 1
        row = staff.get_row(str(anna.id))
        assert row[0] == "Anna Berg"
        assert row[4] == "Lunch"
        assert row[5] == "åter 12:00"
        summary = str(app.query_one("#summary", Static).render())
        assert "3 employees, 1 away" in summary
        assert "1 open inquiries, 0 overdue" in summary
        # Names are plain text: a bracket is shown as itself, not read as markup.
        assert any(staff.get_row_at(i)[0] == "Per [vik] Ek" for i in range(staff.row_count))


async def test_read_only_desk_says_so_in_the_header(tmp_path: Path) -> None:
    app = build_app(default_settings(), _repository(tmp_path), read_only=True)
    async with app.run_test(size=(120, 35)):
        assert app.sub_title == "read-only"
        assert app.title == "Malung-Sälens kommun, Karin Ek"
