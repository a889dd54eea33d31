"""`reception-tui report`: a manager or administrator asks for the follow-up of a period.

The inquiries are logged through the command line as the phone system would (`inquiry add`,
`inquiry attempt --at`, `inquiry resolve --at`), and the report is read back in each format.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cli_runner import BAD_INPUT, NOT_FOUND, OK, CommandLine

from reception_tui import config
from reception_tui.clock import FixedClock

CONFIG = """\
[organisation]
name = "Malung-Sälens kommun"
timezone = "Europe/Stockholm"

[desk]
receptionist = "Karin Ek"
"""
STAFF_CSV = (
    "employee_id;first_name;last_name;unit;extension\n"
    "1001;Anna;Berg;Bygglov;2101\n"
    "1002;Lars;Holm;Kansliet;2104\n"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(config.CONFIG_ENV, raising=False)
    user = tmp_path / "user"
    monkeypatch.setattr(config, "user_config_dir", lambda: user / "config")
    monkeypatch.setattr(config, "user_data_dir", lambda: user / "data")


@pytest.fixture
def desk(
    database_url: str,
    tmp_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    engines: list[sa.Engine],
) -> CommandLine:
    """The command line on a database with Anna (Bygglov) and Lars (Kansliet), and a week of
    inquiries: the clock stands at Wednesday 2 December 2026 09:00."""
    settings = tmp_path / "desk.toml"
    settings.write_text(CONFIG, encoding="utf-8")
    staff = tmp_path / "staff.csv"
    staff.write_text(STAFF_CSV, encoding="utf-8")
    command = CommandLine(database_url, settings, clock, capsys)
    command.ok("staff", "import", str(staff))
    return command


def _log(desk: CommandLine, clock: FixedClock, days_ago: int, who: str) -> int:
    """An inquiry for `who`, received `days_ago` days before now, as the phone system logs it."""
    now = clock.now()
    clock.set(now - timedelta(days=days_ago))
    desk.ok("inquiry", "add", "--for", who, "--caller", "Eva Lund", "--number", "070-123 45 67")
    clock.set(now)
    return max(int(inquiry["id"]) for inquiry in desk.ok("inquiry", "list", "--json").json())


def _inquiries(desk: CommandLine, clock: FixedClock) -> None:
    """Anna: one answered within a day by a callback, one answered late (a week later).
    Lars: one still open and overdue. All in the week of Monday 23 November."""
    answered = _log(desk, clock, 8, "Anna Berg")  # Tuesday 24 November 09:00
    desk.ok("inquiry", "attempt", str(answered), "--outcome", "reached", "--at", "2026-11-24 11:00")
    late = _log(desk, clock, 8, "Anna Berg")
    desk.ok("inquiry", "attempt", str(late), "--outcome", "no_answer", "--at", "2026-11-24 10:00")
    desk.ok("inquiry", "resolve", str(late), "--at", "2026-12-01 10:00")
    _log(desk, clock, 7, "Lars Holm")  # Wednesday 25 November, due Friday: overdue now


def _rows(desk: CommandLine, *argv: str) -> dict[tuple[str, str], dict[str, str]]:
    result = desk.ok("report", *argv, "--format", "csv")
    assert result.out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.out.removeprefix("\ufeff")), delimiter=";"))
    header, body = rows[0], rows[1:]
    return {(row[0], row[1]): dict(zip(header, row, strict=True)) for row in body}


def test_the_report_of_a_period_counts_each_unit_and_the_organisation(
    desk: CommandLine, clock: FixedClock
) -> None:
    _inquiries(desk, clock)
    data = desk.ok("report", "--from", "2026-11-23", "--to", "2026-11-29", "--format", "json")
    report = data.json()
    assert report["period"] == {"start": "2026-11-23", "end": "2026-11-29"}
    units = {unit["name"]: unit["total"] for unit in report["units"]}
    assert units["Bygglov"]["received"] == 2
    assert (units["Bygglov"]["within"], units["Bygglov"]["late"]) == (1, 1)
    assert units["Bygglov"]["share_within"] == 0.5
    # 09:00 to 11:00 on the day it came in: two office hours to the answer.
    assert units["Bygglov"]["answer_median"] == 120
    assert (units["Kansliet"]["late"], units["Kansliet"]["overdue_now"]) == (1, 1)
    organisation = report["organisation"]
    assert organisation["name"] == "Malung-Sälens kommun"
    assert (organisation["total"]["received"], organisation["total"]["late"]) == (3, 2)
    assert [week["week_start"] for week in organisation["weekly"]] == ["2026-11-23"]


def test_the_csv_gives_the_numbers_the_json_gives(desk: CommandLine, clock: FixedClock) -> None:
    _inquiries(desk, clock)
    period = ("--from", "2026-11-23", "--to", "2026-11-29")
    report = desk.ok("report", *period, "--format", "json").json()
    rows = _rows(desk, *period)
    every = next(name for (unit, name) in rows if unit == "Bygglov" and name != "Telefon")
    bygglov = rows["Bygglov", every]
    total = next(unit["total"] for unit in report["units"] if unit["name"] == "Bygglov")
    assert int(bygglov["Inkomna"]) == total["received"]
    assert float(bygglov["Andel inom tid"].replace(",", ".")) == total["share_within"]


def test_a_report_for_one_unit_lists_that_unit_and_the_organisation(
    desk: CommandLine, clock: FixedClock
) -> None:
    _inquiries(desk, clock)
    report = desk.ok(
        "report", "--from", "2026-11-23", "--unit", "kansliet", "--format", "json"
    ).json()
    assert [unit["name"] for unit in report["units"]] == ["Kansliet"]
    assert report["period"] == {"start": "2026-11-23", "end": "2026-12-02"}
    assert report["organisation"]["total"]["received"] == 3


def test_the_report_is_written_to_a_file_that_opens_as_it_was_printed(
    desk: CommandLine, clock: FixedClock, tmp_path: Path
) -> None:
    _inquiries(desk, clock)
    target = tmp_path / "uppfoljning.html"
    result = desk.ok("report", "--from", "2026-11-23", "--format", "html", "--output", str(target))
    assert str(target) in result.out and "2026-11-23–2026-12-02" in result.out
    page = target.read_text(encoding="utf-8")
    assert "<svg" in page and "Bygglov" in page and "Malung-Sälens kommun" in page


def test_the_default_period_is_the_last_full_calendar_year(desk: CommandLine) -> None:
    report = desk.ok("report", "--format", "json").json()
    assert report["period"] == {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("--from", "2026-13-01"), BAD_INPUT, "--from: 2026-13-01 är inget datum"),
        (("--from", "2026-12-01", "--to", "2026-11-01"), BAD_INPUT, "--to: "),
        (("--to", "9999-12-31"), BAD_INPUT, "--to: datumet 9999-12-31 ligger utanför"),
        (("--from", "0001-01-01", "--to", "0001-12-31"), BAD_INPUT, "--from: datumet 0001-01-01"),
        (("--from", "2000-01-01"), BAD_INPUT, "--to: perioden 2000-01-01–2026-12-"),
        (("--unit", "Bygglovet"), NOT_FOUND, "--unit: ingen enhet heter Bygglovet"),
    ],
)
def test_a_wrong_option_is_named_in_one_line(
    desk: CommandLine, argv: tuple[str, ...], code: int, message: str
) -> None:
    result = desk("report", *argv)
    assert result.code == code
    assert message in result.line()


def test_a_format_the_report_has_not_is_refused_naming_those_it_has(desk: CommandLine) -> None:
    result = desk("report", "--format", "pdf")
    assert result.code == BAD_INPUT
    assert "--format" in result.err and "'csv', 'html', 'json', 'text'" in result.err


def test_the_demos_report_counts_its_history_of_last_year(desk: CommandLine) -> None:
    """A new manager's first try: the demo, built for it, has last year to report on."""
    config_file = str(desk.config_file)

    def last_year(inquiries: str) -> dict[str, Any]:
        argv = ("--demo", "--inquiries", inquiries, "report", "--format", "json")
        result = desk.bare(*argv, "--config", config_file)
        assert result.code == OK, result.err
        report = result.json()
        assert report["period"] == {"start": "2025-01-01", "end": "2025-12-31"}
        return report["organisation"]["total"]

    counted = last_year("600")
    # Since 1 January 2025: most of it in 2025, the rest in 2026 until yesterday.
    assert 300 < counted["received"] < 600
    assert counted["answered"] == counted["received"]
    assert 0.8 < counted["share_within"] < 1
    assert last_year("0")["received"] == 0


@pytest.mark.parametrize("inquiries", ["-1", "1000001"])
def test_a_demo_history_out_of_range_is_refused_naming_the_option(
    desk: CommandLine, inquiries: str
) -> None:
    config_file = str(desk.config_file)
    result = desk.bare("--demo", "--inquiries", inquiries, "report", "--config", config_file)
    assert result.code == BAD_INPUT
    most = "1\u00a0000\u00a0000"  # as a Swede writes a million
    assert result.line() == f"reception-tui: --inquiries: ange ett tal från 0 till {most}"


# ------------------------------------------------------------------ the manager's screen


def test_the_managers_screen_opens_read_only_on_the_units_asked_for_whatever_the_flags(
    desk: CommandLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reception_tui.tui.manager import ManagerApp

    opened: list[ManagerApp] = []

    def run(app: ManagerApp) -> None:
        opened.append(app)
        # A write is refused by the database itself.
        with pytest.raises(sa.exc.DatabaseError), app.repository.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM employee"))

    monkeypatch.setattr(ManagerApp, "run", run)
    desk.ok("manager", "--unit", "kansliet", "--unit", "Bygglov")
    assert [scope.name for scope in opened[0].scopes] == ["Kansliet", "Bygglov"]
    desk.ok("manager")  # none asked for: the organisation first, then each unit
    assert [scope.name for scope in opened[1].scopes] == [
        "Malung-Sälens kommun", "Bygglov", "Kansliet"]  # fmt: skip


def test_a_unit_the_manager_asks_for_that_does_not_exist_is_named_with_where_it_came_from(
    desk: CommandLine, tmp_path: Path
) -> None:
    result = desk("manager", "--unit", "Bygglovet")
    assert result.code == NOT_FOUND
    assert "--unit: ingen enhet heter Bygglovet" in result.line()
