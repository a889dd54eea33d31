"""The `reception-tui` command line, end to end: arguments in, text and exit codes out.

Almost every test drives `main(argv, clock=...)` in-process on a real database file, starting
from HR's staff list imported with `staff import`; one test runs the installed entry point in a
subprocess. The clock stands still on Wednesday 2026-12-02 09:00 in Stockholm (the `clock`
fixture), so return times and deadlines are exact.

No test may read the developer's own configuration: the working folder is `tmp_path`, the
per-user folders point into it, and every command gets `--config` with the test's file.
"""

from __future__ import annotations

import fcntl
import json
import os
import pwd
import re
import select
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cli_runner import BAD_INPUT, NOT_FOUND, OK, UNREACHABLE, CommandLine, Result
from email_addresses import ADDRESSES
from wording import english_in, swedish_in

import reception_tui
from reception_tui import config
from reception_tui.cli import main
from reception_tui.clock import FixedClock
from reception_tui.domain.records import Outcome
from reception_tui.domain.search import StaffIndex
from reception_tui.store.database_file import identity
from reception_tui.store.engine import make_engine, sqlite_path
from reception_tui.store.migrate import upgrade
from reception_tui.store.repository import Repository
from reception_tui.store.seats import desks_open, seats_file

# What Swedish Excel saves as "CSV UTF-8": a byte order mark, `;` and CRLF line ends.
HEADER = (
    "Anställningsnummer",
    "Förnamn",
    "Efternamn",
    "Titel",
    "Enhet",
    "Anknytning",
    "Mobil",
    "E-post",
)
ANNA_BERG = ("1001", "Anna", "Berg", "Bygglovshandläggare", "Bygglov", "2101",
             "070-123 45 67", "anna.berg@malung-salen.se")  # fmt: skip
ANNA_LIND = ("1002", "Anna", "Lind", "Socialsekreterare", "Socialtjänsten", "2102",
             "", "anna.lind@malung-salen.se")  # fmt: skip
ORJAN = ("1003", "Örjan", "Öberg", "Enhetschef", "Bygglov", "2103",
         "", "orjan.oberg@malung-salen.se")  # fmt: skip
LARS = ("1004", "Lars", "Holm", "Nämndsekreterare", "Kansliet", "2104",
        "", "lars.holm@malung-salen.se")  # fmt: skip
STAFF = (ANNA_BERG, ANNA_LIND, ORJAN, LARS)

TEST_CONFIG = """\
[organisation]
timezone = "Europe/Stockholm"
language = "sv"

[desk]
receptionist = "Karin Ek"

[office_hours]
monday = "08:00-16:30"
tuesday = "08:00-16:30"
wednesday = "08:00-16:30"
thursday = "08:00-16:30"
friday = "08:00-16:30"
saturday = ""
sunday = ""

[deadlines]
answer_working_days = 2
"""
# Any read of a config file other than the test's own fails loudly with this unknown key.
POISON = 'not_the_test_config = "read by mistake"\n'

EMPLOYEE_KEYS = {"id", "name", "unit", "extension", "status", "redirect", "return_at"}
INQUIRY_KEYS = {"id", "received_at", "due_at", "state", "for", "caller_name", "caller_number"}

NOW_ISO = "2026-12-02T09:00:00+01:00"


def write_staff(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    lines = [";".join(header), *(";".join(row) for row in rows)]
    path.write_bytes("\ufeff".encode() + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


class Desk(CommandLine):
    """The command line on one database, with ways to read back what the commands saved."""

    def options_first(self, *argv: str) -> Result:
        """The command with `--config` and `--database` before the subcommand."""
        return self.bare("--config", str(self.config_file), "--database", self.url, *argv)

    def staff(self, *extra: str) -> dict[str, dict[str, Any]]:
        """`staff list --json`, by name."""
        return {e["name"]: e for e in self.ok("staff", "list", "--json", *extra).json()}

    def person(self, name: str) -> dict[str, Any]:
        return self.staff()[name]

    def inquiries(self, *extra: str) -> list[dict[str, Any]]:
        return self.ok("inquiry", "list", "--json", *extra).json()

    def import_staff(self, path: Path, *extra: str) -> Result:
        return self.ok("staff", "import", str(path), *extra)

    def repository(self, actor: str = "Per Holm") -> Repository:
        """Another seat on the same database, for what the command line cannot do."""
        settings = config.load_config(self.config_file)
        engine = make_engine(self.url)
        return Repository(engine, actor=actor, clock=self.clock, calendar=settings.calendar())

    def changes(self) -> list[sa.Row[Any]]:
        engine = make_engine(self.url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(sa.text("SELECT * FROM change ORDER BY id")))
        finally:
            engine.dispose()


# ------------------------------------------------------------------ fixtures


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in tmp_path, away from the developer's config, data and environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(config.CONFIG_ENV, raising=False)
    user = tmp_path / "user"
    monkeypatch.setattr(config, "user_config_dir", lambda: user / "config")
    monkeypatch.setattr(config, "user_data_dir", lambda: user / "data")
    (user / "config").mkdir(parents=True)
    (user / "config" / config.CONFIG_FILE).write_text(POISON, encoding="utf-8")
    (tmp_path / config.CONFIG_FILE).write_text(POISON, encoding="utf-8")


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "desk.toml"
    path.write_text(TEST_CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def staff_file(tmp_path: Path) -> Path:
    return write_staff(tmp_path / "personal.csv", STAFF)


@pytest.fixture
def open_desk(
    config_file: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
    engines: list[sa.Engine],
) -> Callable[[str], Desk]:
    return lambda url: Desk(url, config_file, clock, capsys)


def _closing(desk: Desk, engines: list[sa.Engine]) -> Iterator[Desk]:
    yield desk
    for engine in engines:
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file with the current schema and no data, made once and copied per test.

    Migrating a new file is the slowest step of a command; `test_db_upgrade_*` and
    `test_read_only_never_creates_a_database` still start from no file at all.
    """
    path = tmp_path_factory.mktemp("template") / "reception.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def empty_desk(
    sqlite_url: str,
    migrated_database: Path,
    open_desk: Callable[[str], Desk],
    engines: list[sa.Engine],
) -> Iterator[Desk]:
    """A desk on an SQLite file with the current schema and nobody in it yet."""
    target = sqlite_path(sqlite_url)
    assert target is not None
    shutil.copyfile(migrated_database, target)
    yield from _closing(open_desk(sqlite_url), engines)


@pytest.fixture
def no_database_desk(
    sqlite_url: str, open_desk: Callable[[str], Desk], engines: list[sa.Engine]
) -> Iterator[Desk]:
    """A desk on an SQLite file that does not exist yet."""
    yield from _closing(open_desk(sqlite_url), engines)


@pytest.fixture
def desk(empty_desk: Desk, staff_file: Path) -> Desk:
    """A desk on SQLite with the four people of STAFF imported."""
    empty_desk.import_staff(staff_file)
    return empty_desk


@pytest.fixture
def any_desk(
    database_url: str,
    open_desk: Callable[[str], Desk],
    engines: list[sa.Engine],
    staff_file: Path,
) -> Iterator[Desk]:
    """Like `desk`, once on SQLite and once on PostgreSQL."""
    desk = open_desk(database_url)
    desk.import_staff(staff_file)
    yield from _closing(desk, engines)


# ------------------------------------------------------------------ staff import


def test_staff_import_prints_a_summary_of_added_changed_and_deactivated(
    empty_desk: Desk, staff_file: Path, tmp_path: Path
) -> None:
    first = empty_desk.import_staff(staff_file)
    assert first.out.splitlines()[0] == (
        "4 rader: 4 nya, 0 ändrade, 0 avaktiverade, 0 oförändrade, 3 nya enheter"
    )
    assert "  nya: Anna Berg, Anna Lind, Örjan Öberg, Lars Holm" in first.out
    assert "  nya enheter: Bygglov, Kansliet, Socialtjänsten" in first.out

    # Lars gets a new title, Örjan has left, Maja has started.
    lars = (*LARS[:3], "Kanslichef", *LARS[4:])
    maja = ("1005", "Maja", "Ek", "Växeltelefonist", "Kansliet", "2105", "", "maja.ek@x.se")
    second = empty_desk.import_staff(
        write_staff(tmp_path / "ny.csv", [ANNA_BERG, ANNA_LIND, lars, maja]),
        "--allow-deactivating",
        "1",
    )

    assert second.out.splitlines()[0] == "4 rader: 1 nya, 1 ändrade, 1 avaktiverade, 2 oförändrade"
    assert "  nya: Maja Ek" in second.out
    assert "  ändrade: Lars Holm" in second.out
    assert "  avaktiverade: Örjan Öberg" in second.out
    active = empty_desk.staff()
    assert set(active) == {"Anna Berg", "Anna Lind", "Lars Holm", "Maja Ek"}
    assert active["Lars Holm"]["title"] == "Kanslichef"
    everyone = empty_desk.staff("--all")
    assert everyone["Örjan Öberg"]["active"] is False
    # Someone who has left can no longer be redirected.
    gone = empty_desk("redirect", "Örjan Öberg", "--status", "lunch")
    assert gone.code == NOT_FOUND


def test_staff_import_dry_run_writes_nothing(
    empty_desk: Desk, staff_file: Path, tmp_path: Path
) -> None:
    dry = empty_desk.import_staff(staff_file, "--dry-run")

    assert "4 nya" in dry.out
    assert "(provkörning: inget skrevs)" in dry.out
    assert "skulle läggas till: Anna Berg" in dry.out
    assert empty_desk.staff("--all") == {}

    empty_desk.import_staff(staff_file)
    before = empty_desk.staff("--all")
    smaller = write_staff(tmp_path / "liten.csv", [ANNA_BERG])
    dry = empty_desk.import_staff(smaller, "--dry-run", "--allow-deactivating", "3")

    assert "3 avaktiverade" in dry.out
    assert empty_desk.staff("--all") == before
    # The real import afterwards still sees everything the dry run only pretended to do.
    real = empty_desk.import_staff(staff_file)
    assert "0 nya, 0 ändrade, 0 avaktiverade, 4 oförändrade" in real.out


def test_staff_import_bad_row_exits_2_naming_line_and_field_and_imports_nothing(
    desk: Desk, tmp_path: Path
) -> None:
    before = desk.staff("--all")
    lars = (*LARS[:3], "Kanslichef", *LARS[4:])  # a valid change, on a valid line
    bad_email = (*ORJAN[:7], "orjan.oberg-at-malung-salen.se")
    bad_mobile = ("1006", "Per", "Persson", "", "Bygglov", "2106", "12", "per@x.se")
    path = write_staff(tmp_path / "trasig.csv", [ANNA_BERG, lars, bad_email, bad_mobile])

    result = desk("staff", "import", str(path))

    assert result.code == BAD_INPUT
    assert "inget lästes in" in result.err
    assert "rad 4, email" in result.err
    assert "rad 5, mobile" in result.err
    assert result.out == ""
    assert desk.staff("--all") == before


def test_staff_reimport_of_the_same_file_reports_no_changes(desk: Desk, staff_file: Path) -> None:
    before = desk.staff()

    again = desk.import_staff(staff_file)

    assert again.out.strip() == "4 rader: 0 nya, 0 ändrade, 0 avaktiverade, 4 oförändrade"
    assert desk.staff() == before


def test_staff_import_reports_unknown_column_on_stderr(empty_desk: Desk, tmp_path: Path) -> None:
    header = (*HEADER, "Skostorlek")
    path = write_staff(tmp_path / "extra.csv", [(*row, "42") for row in STAFF], header)

    result = empty_desk.import_staff(path)

    assert "okänd kolumn 'Skostorlek' hoppades över" in result.err
    assert "Skostorlek" not in result.out
    assert "4 nya" in result.out
    assert len(empty_desk.staff()) == 4


# ------------------------------------------------------------------ staff list


def test_staff_list_json_describes_each_employee(desk: Desk) -> None:
    people = desk.ok("staff", "list", "--json").json()

    assert [p["name"] for p in people] == ["Anna Berg", "Lars Holm", "Anna Lind", "Örjan Öberg"]
    for person in people:
        assert set(person) >= EMPLOYEE_KEYS
        assert isinstance(person["id"], int)
        assert person["status"] == "available"
        assert person["redirect"] is None
        assert person["return_at"] is None
    anna = people[0]
    assert anna["unit"] == "Bygglov"
    assert anna["extension"] == "2101"
    assert anna["mobile"] == "+46701234567"


def test_staff_list_json_datetimes_are_iso_8601_with_stockholm_offset(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "meeting", "--until", "14:15")

    lars = desk.person("Lars Holm")

    assert lars["return_at"] == "2026-12-02T14:15:00+01:00"
    assert lars["set_at"] == NOW_ISO
    assert lars["set_by"] == "Karin Ek"


def test_staff_list_without_json_prints_a_table(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "lunch")

    lines = desk.ok("staff", "list").out.splitlines()

    header = ["id", "namn", "enhet", "titel", "ankn.", "status", "hänvisad till", "åter"]
    assert re.split(" {2,}", lines[0]) == header
    lars = next(line for line in lines if "Lars Holm" in line)
    assert "Lunch" in lars and "åter 10:00" in lars


# ------------------------------------------------------------------ staff search


def test_staff_search_answers_as_the_desks_search_in_its_order(desk: Desk) -> None:
    people = desk.ok("staff", "list", "--json").json()
    repository = desk.repository()
    index = StaffIndex.from_employees(repository.employees(default_status="available"))
    repository.engine.dispose()
    by_id = {person["id"]: person for person in people}

    for query in ("bygglovet", "ann", "sekreterare", "2103", "Öberg", "socialtjansten"):
        found = desk.ok("staff", "search", query, "--json").json()
        assert [p["id"] for p in found] == index.search(query).ids, query
        # Each person as `staff list --json` describes them.
        assert found == [by_id[p["id"]] for p in found]


def test_staff_search_finds_inflections_and_several_words(desk: Desk) -> None:
    def names(*argv: str) -> list[str]:
        return [p["name"] for p in desk.ok("staff", "search", *argv, "--json").json()]

    # "bygglovet": the title "Bygglovshandläggare" and the unit "Bygglov".
    assert names("bygglovet") == ["Anna Berg", "Örjan Öberg"]
    # Words as typed at the desk, with or without quotes.
    assert names("ann", "byg") == names("ann byg") == ["Anna Berg"]
    assert names("bygglov", "--limit", "1") == ["Anna Berg"]


def test_staff_search_prints_the_table_staff_list_prints(desk: Desk) -> None:
    desk.ok("redirect", "Örjan", "--status", "lunch", "--to", "Anna Berg")

    def cells(*argv: str) -> list[list[str]]:
        """The table's lines, cut into cells (columns are two spaces apart or more)."""
        return [line.split("  ") for line in desk.ok(*argv).out.splitlines()]

    listed = [[cell.strip() for cell in line if cell.strip()] for line in cells("staff", "list")]
    found = [
        [cell.strip() for cell in line if cell.strip()]
        for line in cells("staff", "search", "bygglov")
    ]

    by_name = {line[1]: line for line in listed[1:]}
    assert found == [listed[0], by_name["Anna Berg"], by_name["Örjan Öberg"]]
    assert found[2][5:] == ["Lunch", "Anna Berg 2101", "åter 10:00"]


def test_staff_search_finding_nobody_exits_3_and_json_says_none(desk: Desk) -> None:
    text = desk("staff", "search", "zzzqqq")
    json_ = desk("staff", "search", "zzzqqq", "--json")

    assert (text.code, text.out) == (NOT_FOUND, "")
    assert text.line() == "reception-tui: ingen aktiv person passar 'zzzqqq'"
    assert json_.code == NOT_FOUND
    assert json_.json() == []


@pytest.mark.parametrize("argv", [("   ",), ("bygglov", "--limit", "0"), ()])
def test_staff_search_without_words_or_with_a_bad_limit_exits_2(
    desk: Desk, argv: tuple[str, ...]
) -> None:
    result = desk("staff", "search", *argv)

    assert result.code == BAD_INPUT
    assert "Traceback" not in result.err


def test_staff_search_leaves_inactive_people_out_and_runs_read_only(
    desk: Desk, tmp_path: Path
) -> None:
    fewer = write_staff(tmp_path / "fewer.csv", [ANNA_BERG, ANNA_LIND, LARS])
    desk.import_staff(fewer, "--allow-deactivating", "1")

    found = desk.ok("staff", "search", "bygglov", "--json", "--read-only").json()

    assert [p["name"] for p in found] == ["Anna Berg"]


# ------------------------------------------------------------------ inquiry show and reopen


@pytest.fixture
def inquiry_id(desk: Desk) -> int:
    """An inquiry for Lars Holm with two callback attempts by another seat."""
    add_inquiry(desk, "--number", "070-123 45 67", "--subject", "Faktura")
    (inquiry,) = desk.inquiries()
    repository = desk.repository("Per Holm")
    repository.log_attempt(inquiry["id"], Outcome.NO_ANSWER)
    desk.clock.advance(timedelta(minutes=20))
    repository.log_attempt(inquiry["id"], Outcome.VOICEMAIL, "Lämnat meddelande")
    repository.engine.dispose()
    return int(inquiry["id"])


def test_inquiry_show_prints_the_inquiry_and_who_tried_when_with_what_outcome(
    desk: Desk, inquiry_id: int
) -> None:
    lines = desk.ok("inquiry", "show", str(inquiry_id)).out.splitlines()

    fields = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in lines[: lines.index("")])
    assert fields == {
        "id": str(inquiry_id),
        "läge": "öppet",
        "till": "Lars Holm",
        "uppringare": "Gustav Nilsson",
        "kontakt": "070-123 45 67",
        "kanal": "Telefon",
        "ärende": "Faktura",
        "kom in": "2026-12-02 09:00",
        "senast": "2026-12-04 16:30",
    }
    history = lines[lines.index("") + 1 :]
    assert history[0].split() == ["när", "av", "utfall", "anteckning"]
    assert [line.split(maxsplit=4) for line in history[1:]] == [
        ["2026-12-02", "09:00", "Per", "Holm", "Inget svar"],
        ["2026-12-02", "09:20", "Per", "Holm", "Röstmeddelande  Lämnat meddelande"],
    ]


def test_inquiry_show_in_an_english_desk_words_state_channel_and_outcomes_in_english(
    desk: Desk, inquiry_id: int, config_file: Path
) -> None:
    config_file.write_text(
        TEST_CONFIG.replace('language = "sv"', 'language = "en"'), encoding="utf-8"
    )

    out = desk.ok("inquiry", "show", str(inquiry_id)).out

    for word in ("open", "Phone", "No answer", "Left voicemail"):
        assert word in out, out
    for swedish in ("öppet", "Telefon", "Inget svar", "Röstmeddelande", "no_answer"):
        assert swedish not in out, out


def test_inquiry_show_json_is_the_listed_inquiry_with_its_attempts(
    desk: Desk, inquiry_id: int
) -> None:
    shown = desk.ok("inquiry", "show", str(inquiry_id), "--json").json()

    (listed,) = desk.inquiries()
    attempts = shown.pop("callback_attempts")
    assert shown == listed
    assert [(a["at"], a["by"], a["outcome"], a["note"]) for a in attempts] == [
        (NOW_ISO, "Per Holm", "no_answer", ""),
        ("2026-12-02T09:20:00+01:00", "Per Holm", "voicemail", "Lämnat meddelande"),
    ]


def test_inquiry_show_of_an_inquiry_without_attempts_says_so(desk: Desk) -> None:
    add_inquiry(desk, "--email", "gustav@example.se")
    (inquiry,) = desk.inquiries()

    out = desk.ok("inquiry", "show", str(inquiry["id"])).out
    shown = desk.ok("inquiry", "show", str(inquiry["id"]), "--json").json()

    assert out.rstrip().endswith("inga försök att ringa tillbaka ännu")
    assert "gustav@example.se" in out
    assert shown["callback_attempts"] == []


@pytest.mark.parametrize("command", ["show", "reopen"])
def test_inquiry_show_or_reopen_of_an_unknown_id_exits_3_and_a_bad_one_2(
    desk: Desk, command: str
) -> None:
    unknown = desk("inquiry", command, "404")
    bad = desk("inquiry", command, "fyra")

    assert unknown.code == NOT_FOUND
    assert unknown.line() == "reception-tui: inget ärende med id 404"
    assert bad.code == BAD_INPUT
    assert "ID" in bad.err and "Traceback" not in bad.err


def test_inquiry_reopen_puts_a_resolved_inquiry_back_in_the_queue_on_each_database(
    any_desk: Desk,
) -> None:
    desk = any_desk
    add_inquiry(desk, "--number", "070-123 45 67")
    (inquiry,) = desk.inquiries()
    repository = desk.repository("Per Holm")
    repository.resolve_inquiry(inquiry["id"], expected_version=1)
    repository.engine.dispose()
    assert desk.inquiries("--open") == []

    result = desk.ok("inquiry", "reopen", str(inquiry["id"]), "--as", "Eva Ek")

    assert result.out == (
        f"ärende {inquiry['id']} till Lars Holm från Gustav Nilsson är öppet igen,"
        " senast 2026-12-04 16:30\n"
    )
    (reopened,) = desk.inquiries("--open")
    assert (reopened["id"], reopened["closed_at"]) == (inquiry["id"], None)
    assert reopened["due_at"] == inquiry["due_at"]
    last = desk.changes()[-1]
    assert (last.actor, last.entity, last.entity_id, last.action) == (
        "Eva Ek", "inquiry", inquiry["id"], "reopen"
    )  # fmt: skip


def test_inquiry_reopen_of_an_open_inquiry_exits_3_and_logs_nothing(desk: Desk) -> None:
    add_inquiry(desk, "--number", "070-123 45 67")
    (inquiry,) = desk.inquiries()
    logged = len(desk.changes())

    result = desk("inquiry", "reopen", str(inquiry["id"]))

    assert result.code == NOT_FOUND
    assert result.line() == f"reception-tui: ärende {inquiry['id']} är redan öppet; inget ändrades"
    assert len(desk.changes()) == logged


def test_inquiry_reopen_is_refused_read_only(desk: Desk) -> None:
    add_inquiry(desk, "--number", "070-123 45 67")
    (inquiry,) = desk.inquiries()

    result = desk("inquiry", "reopen", str(inquiry["id"]), "--read-only")

    assert result.code == BAD_INPUT
    assert "--read-only" in result.err


# ------------------------------------------------------------------ inquiry attempt and resolve


def _received_yesterday(desk: Desk) -> int:
    """An inquiry for Lars Holm that came in yesterday at 15:10 (the clock is 2026-12-02 09:00)."""
    add_inquiry(desk, "--number", "070-123 45 67", "--received", "2026-12-01 15:10")
    (inquiry,) = desk.inquiries()
    return int(inquiry["id"])


def _rows(desk: Desk, table: str) -> list[sa.Row[Any]]:
    engine = make_engine(desk.url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text(f"SELECT * FROM {table} ORDER BY id")))
    finally:
        engine.dispose()


def test_inquiry_attempt_at_a_past_moment_is_saved_then_and_logged_by_the_actor_on_each_database(
    any_desk: Desk,
) -> None:
    desk = any_desk
    inquiry_id = _received_yesterday(desk)

    result = desk.ok(
        "inquiry", "attempt", str(inquiry_id), "--outcome", "voicemail",
        "--at", "2026-12-02 08:30", "--note", "Lämnat meddelande", "--as", "Växeln",
    )  # fmt: skip

    assert result.out == (
        f"försök loggat på ärende {inquiry_id} till Lars Holm från Gustav Nilsson:"
        " Röstmeddelande, 2026-12-02 08:30\n"
    )
    (attempt,) = desk.ok("inquiry", "show", str(inquiry_id), "--json").json()["callback_attempts"]
    assert (attempt["at"], attempt["by"], attempt["outcome"], attempt["note"]) == (
        "2026-12-02T08:30:00+01:00", "Växeln", "voicemail", "Lämnat meddelande"
    )  # fmt: skip
    last = desk.changes()[-1]
    assert (last.actor, last.entity, last.action) == ("Växeln", "callback_attempt", "add")


def test_inquiry_attempt_without_at_is_now_by_the_configured_receptionist(desk: Desk) -> None:
    inquiry_id = _received_yesterday(desk)

    desk.ok("inquiry", "attempt", str(inquiry_id), "--outcome", "no_answer")

    (attempt,) = desk.ok("inquiry", "show", str(inquiry_id), "--json").json()["callback_attempts"]
    assert (attempt["at"], attempt["by"], attempt["note"]) == (NOW_ISO, "Karin Ek", "")


def test_inquiry_resolve_at_a_past_moment_closes_it_then_on_each_database(
    any_desk: Desk,
) -> None:
    desk = any_desk
    inquiry_id = _received_yesterday(desk)

    result = desk.ok("inquiry", "resolve", str(inquiry_id), "--at", "igår 16:00", "--as", "Eva Ek")

    assert result.out == (
        f"ärende {inquiry_id} till Lars Holm från Gustav Nilsson stängt som besvarat"
        " 2026-12-01 16:00\n"
    )
    (inquiry,) = desk.inquiries()
    assert (inquiry["state"], inquiry["closed_at"]) == ("closed", "2026-12-01T16:00:00+01:00")
    (row,) = _rows(desk, "inquiry")
    assert row.closed_at is not None
    last = desk.changes()[-1]
    assert (last.actor, last.entity, last.entity_id, last.action) == (
        "Eva Ek", "inquiry", inquiry_id, "resolve"
    )  # fmt: skip


@pytest.mark.parametrize("language", ["sv", "en"])
def test_inquiry_attempt_and_resolve_say_what_was_saved_in_the_configured_language(
    desk: Desk, tmp_path: Path, language: str
) -> None:
    cli = in_language(desk, tmp_path, language)
    inquiry_id = _received_yesterday(cli)

    attempted = cli.ok("inquiry", "attempt", str(inquiry_id), "--outcome", "reached").out
    resolved = cli.ok("inquiry", "resolve", str(inquiry_id)).out

    if language == "sv":
        assert "Nådd, 2026-12-02 09:00" in attempted
        assert resolved.endswith("stängt som besvarat 2026-12-02 09:00\n")
        assert english_in(attempted + resolved) == set()
    else:
        assert attempted == (
            f"attempt logged on inquiry {inquiry_id} for Lars Holm from Gustav Nilsson:"
            " Reached, 2026-12-02 09:00\n"
        )
        assert resolved == (
            f"inquiry {inquiry_id} for Lars Holm from Gustav Nilsson resolved at 2026-12-02 09:00\n"
        )
        assert swedish_in(attempted + resolved) == set()


AT_REFUSED = {
    "future": (
        "idag 10:15",
        "reception-tui: --at: 2026-12-02 10:15 ligger i framtiden (nu 2026-12-02 09:00):"
        " skriv när det hände",
        "reception-tui: --at: 2026-12-02 10:15 is in the future (now 2026-12-02 09:00):"
        " write when it happened",
    ),
    "before-received": (
        "2026-12-01 14:00",
        "reception-tui: --at: 2026-12-01 14:00 är innan ärendet kom in (2026-12-01 15:10)",
        "reception-tui: --at: 2026-12-01 14:00 is before the inquiry came in (2026-12-01 15:10)",
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("command", ["attempt", "resolve"])
@pytest.mark.parametrize(("at", "swedish", "english"), AT_REFUSED.values(), ids=AT_REFUSED.keys())
def test_inquiry_attempt_or_resolve_at_a_moment_in_the_future_or_before_it_came_in_exits_2(
    desk: Desk, tmp_path: Path, language: str, command: str, at: str, swedish: str, english: str
) -> None:
    cli = in_language(desk, tmp_path, language)
    inquiry_id = _received_yesterday(cli)
    logged = len(cli.changes())
    outcome = ("--outcome", "reached") if command == "attempt" else ()

    result = cli("inquiry", command, str(inquiry_id), *outcome, "--at", at)

    assert result.code == BAD_INPUT
    assert result.line() == (swedish if language == "sv" else english)
    assert len(cli.changes()) == logged
    assert _rows(cli, "callback_attempt") == []
    assert cli.inquiries()[0]["state"] == "open"


def test_inquiry_resolve_before_it_came_in_is_refused_on_postgresql_too(any_desk: Desk) -> None:
    desk = any_desk
    inquiry_id = _received_yesterday(desk)

    result = desk("inquiry", "resolve", str(inquiry_id), "--at", "2026-12-01 14:00")

    assert result.code == BAD_INPUT
    assert result.line().startswith("reception-tui: --at: 2026-12-01 14:00 är innan")
    assert desk.inquiries()[0]["state"] == "open"


def test_inquiry_resolve_of_a_closed_inquiry_exits_2_and_logs_nothing(desk: Desk) -> None:
    inquiry_id = _received_yesterday(desk)
    desk.ok("inquiry", "resolve", str(inquiry_id), "--at", "08:00")
    logged = len(desk.changes())

    result = desk("inquiry", "resolve", str(inquiry_id))

    assert result.code == BAD_INPUT
    assert result.line() == f"reception-tui: ärende {inquiry_id} är redan stängt; inget ändrades"
    assert len(desk.changes()) == logged
    assert desk.inquiries()[0]["closed_at"] == "2026-12-02T08:00:00+01:00"


@pytest.mark.parametrize(
    "argv",
    [("attempt", "404", "--outcome", "reached"), ("resolve", "404")],
    ids=["attempt", "resolve"],
)
def test_inquiry_attempt_or_resolve_of_an_unknown_id_exits_3(
    desk: Desk, argv: tuple[str, ...]
) -> None:
    logged = len(desk.changes())

    result = desk("inquiry", *argv)

    assert result.code == NOT_FOUND
    assert result.line() == "reception-tui: inget ärende med id 404"
    assert len(desk.changes()) == logged


def test_inquiry_attempt_with_an_unknown_outcome_exits_2(desk: Desk) -> None:
    inquiry_id = _received_yesterday(desk)

    result = desk("inquiry", "attempt", str(inquiry_id), "--outcome", "busy")

    assert result.code == BAD_INPUT
    assert "--outcome" in result.err and "Traceback" not in result.err
    assert _rows(desk, "callback_attempt") == []


@pytest.mark.parametrize(
    ("note", "problem"),
    [
        ("ring \x1b]0;hej\x07 tillbaka", "har ett styrtecken (U+001B)"),
        ("x" * 1001, "längre än 1000 tecken"),
    ],
    ids=["escape-sequence", "too-long"],
)
def test_inquiry_attempt_note_with_an_escape_sequence_or_too_long_is_refused_naming_note(
    desk: Desk, note: str, problem: str
) -> None:
    inquiry_id = _received_yesterday(desk)
    logged = len(desk.changes())

    result = desk("inquiry", "attempt", str(inquiry_id), "--outcome", "reached", "--note", note)

    assert result.code == BAD_INPUT
    assert result.line().startswith("reception-tui: --note: ")
    assert problem in result.err
    assert "\x1b" not in result.err
    assert len(desk.changes()) == logged
    assert _rows(desk, "callback_attempt") == []


def test_inquiry_attempt_and_resolve_are_refused_read_only(desk: Desk) -> None:
    inquiry_id = _received_yesterday(desk)

    attempted = desk("inquiry", "attempt", str(inquiry_id), "--outcome", "reached", "--read-only")
    resolved = desk("inquiry", "resolve", str(inquiry_id), "--read-only")

    assert (attempted.code, resolved.code) == (BAD_INPUT, BAD_INPUT)
    assert "--read-only" in attempted.err and "--read-only" in resolved.err


# ------------------------------------------------------------------ redirect: who


def test_redirect_finds_someone_by_id(desk: Desk) -> None:
    orjan_id = desk.person("Örjan Öberg")["id"]

    result = desk("redirect", str(orjan_id), "--status", "lunch")

    assert result.code == OK, result.err
    assert result.out.startswith("Örjan Öberg: Lunch, åter 10:00")
    assert desk.person("Örjan Öberg")["status"] == "lunch"


def test_redirect_finds_someone_by_extension(desk: Desk) -> None:
    desk.ok("redirect", "2103", "--status", "lunch")

    assert desk.person("Örjan Öberg")["status"] == "lunch"
    assert {p["status"] for n, p in desk.staff().items() if n != "Örjan Öberg"} == {"available"}


@pytest.mark.parametrize("who", ["Örjan Öberg", "örjan", "Orjan Oberg", "ÖBERG", "Anna Berg"])
def test_redirect_finds_someone_by_unique_name(desk: Desk, who: str) -> None:
    desk.ok("redirect", who, "--status", "lunch")

    changed = {name for name, p in desk.staff().items() if p["status"] == "lunch"}
    # "Anna Berg" is a full name: exact, so not ambiguous beside Anna Lind.
    assert changed == ({"Anna Berg"} if who == "Anna Berg" else {"Örjan Öberg"})


def test_redirect_ambiguous_name_exits_3_lists_both_and_changes_nothing(desk: Desk) -> None:
    before = desk.staff()

    result = desk("redirect", "Anna", "--status", "lunch", "--to", "Lars Holm")

    assert result.code == NOT_FOUND
    assert "passar 2 personer" in result.err
    assert "inget ändrades" in result.err
    for name, extension in (("Anna Berg", "2101"), ("Anna Lind", "2102")):
        line = next(line for line in result.err.splitlines() if name in line)
        assert str(before[name]["id"]) in line and extension in line
    assert result.out == ""
    assert desk.staff() == before


def test_redirect_unknown_person_exits_3(desk: Desk) -> None:
    before = desk.staff()

    result = desk("redirect", "Zlatan", "--status", "lunch")

    assert result.code == NOT_FOUND
    assert "ingen aktiv person passar 'Zlatan'" in result.err
    assert desk.staff() == before


# ------------------------------------------------------------------ redirect: status and time


@pytest.mark.parametrize(
    ("given", "code", "label"),
    [
        ("lunch", "lunch", "Lunch"),
        ("Lunch", "lunch", "Lunch"),
        ("LUNCH", "lunch", "Lunch"),
        ("Möte", "meeting", "Möte"),
        ("möte", "meeting", "Möte"),
        ("MÖTE", "meeting", "Möte"),
        ("mote", "meeting", "Möte"),
        ("Meeting", "meeting", "Möte"),
        ("tillfälligt ute", "out", "Tillfälligt ute"),
    ],
)
def test_redirect_status_accepts_code_or_label_in_any_case(
    desk: Desk, given: str, code: str, label: str
) -> None:
    desk.ok("redirect", "Lars Holm", "--status", given, "--until", "15:00")

    lars = desk.person("Lars Holm")
    assert lars["status"] == code
    assert lars["status_label"] == label
    assert lars["return_at"] == "2026-12-02T15:00:00+01:00"


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("13:30", "2026-12-02T13:30:00+01:00"),
        ("kl 13", "2026-12-02T13:00:00+01:00"),
        ("8", "2026-12-03T08:00:00+01:00"),  # 08:00 has passed today: tomorrow's
        ("imorgon 8", "2026-12-03T08:00:00+01:00"),
        ("fre", "2026-12-04T08:00:00+01:00"),
        ("mån 10", "2026-12-07T10:00:00+01:00"),
        ("+2h", "2026-12-02T11:00:00+01:00"),
        ("3/12", "2026-12-03T08:00:00+01:00"),
    ],
)
def test_redirect_until_sets_the_exact_return_time(desk: Desk, until: str, expected: str) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "meeting", "--until", until)

    assert desk.person("Lars Holm")["return_at"] == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("lunch", "2026-12-02T10:00:00+01:00"),  # +1h
        ("meeting", "2026-12-02T10:00:00+01:00"),  # +1h
        ("out", "2026-12-02T09:30:00+01:00"),  # +30m
        ("sick", "2026-12-03T08:00:00+01:00"),  # nästa arbetsdag
    ],
)
def test_redirect_without_until_uses_the_status_default_return(
    desk: Desk, status: str, expected: str
) -> None:
    desk.ok("redirect", "Lars Holm", "--status", status)

    assert desk.person("Lars Holm")["return_at"] == expected


@pytest.mark.parametrize("to", ["Anna Berg", "0280-181 00"], ids=["colleague", "number"])
def test_a_new_status_starts_afresh_clearing_the_earlier_redirect_and_note_on_both_databases(
    any_desk: Desk, to: str
) -> None:
    any_desk.ok(
        "redirect", "Lars Holm", "--status", "meeting", "--until", "14:15",
        "--to", to, "--note", "Anna svarar på bygglov",
    )  # fmt: skip
    assert any_desk.person("Lars Holm")["redirect"] is not None

    any_desk.ok("redirect", "Lars Holm", "--status", "lunch")

    lars = any_desk.person("Lars Holm")
    assert (lars["status"], lars["return_at"]) == ("lunch", "2026-12-02T10:00:00+01:00")
    assert (lars["redirect"], lars["redirect_employee_id"], lars["redirect_number"]) == (
        None,
        None,
        None,
    )
    assert lars["note"] == ""


def test_a_new_status_keeps_only_what_it_is_given(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "meeting", "--to", "Anna Berg", "--note", "Ring")

    desk.ok("redirect", "Lars Holm", "--status", "sick", "--to", "0280-181 00")

    lars = desk.person("Lars Holm")
    assert (lars["status"], lars["redirect_number"], lars["note"]) == ("sick", "+4628018100", "")
    assert lars["redirect_employee_id"] is None


def test_redirect_status_needing_a_return_without_default_exits_2(desk: Desk) -> None:
    before = desk.staff()

    result = desk("redirect", "Lars Holm", "--status", "vacation")

    assert result.code == BAD_INPUT
    assert "--until" in result.err
    assert "kräver en återkomsttid" in result.err
    assert desk.staff() == before


def test_redirect_unknown_status_exits_2_listing_valid_codes(desk: Desk) -> None:
    before = desk.staff()

    result = desk("redirect", "Lars Holm", "--status", "fika")

    assert result.code == BAD_INPUT
    assert "--status" in result.err and "'fika'" in result.err
    for code in ("available", "lunch", "meeting", "out", "vacation", "sick", "gone"):
        assert code in result.err
    assert desk.staff() == before


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        ("3 dec 2027", "2027-12-03T08:00:00+01:00"),  # not 20:27 on 3 December 2026
        ("3 december 2026 10:00", "2026-12-03T10:00:00+01:00"),
        ("december 3", "2026-12-03T08:00:00+01:00"),
    ],
)
def test_redirect_until_a_date_with_a_month_name_saves_that_day(
    desk: Desk, until: str, expected: str
) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "travel", "--until", until)

    assert desk.person("Lars Holm")["return_at"] == expected


def test_redirect_until_a_date_more_than_a_year_ahead_exits_2_and_saves_nothing(
    desk: Desk,
) -> None:
    before = desk.staff()

    result = desk("redirect", "Lars Holm", "--status", "travel", "--until", "4 dec 2027")

    assert result.code == BAD_INPUT
    assert result.err.strip() == (
        "reception-tui: --until: 2027-12-04 08:00 ligger mer än ett år fram:"
        " skriv en återkomst inom ett år (366 dagar)"
    )
    assert desk.staff() == before


@pytest.mark.parametrize("until", ["25:00", "12:75", "igår", "snart"])
def test_redirect_bad_until_exits_2_naming_until(desk: Desk, until: str) -> None:
    before = desk.staff()

    result = desk("redirect", "Lars Holm", "--status", "lunch", "--until", until)

    assert result.code == BAD_INPUT
    assert "--until" in result.err
    assert "Traceback" not in result.err
    assert desk.staff() == before


# ------------------------------------------------------------------ redirect: where calls go


@pytest.mark.parametrize("to", ["Lars Holm", "lars", "2104"])
def test_redirect_to_a_colleague_by_name_or_extension(desk: Desk, to: str) -> None:
    lars_id = desk.person("Lars Holm")["id"]

    result = desk("redirect", "2103", "--status", "Möte", "--until", "11:00", "--to", to)

    assert result.code == OK, result.err
    assert result.out.strip() == "Örjan Öberg: Möte, åter 11:00, hänvisad till Lars Holm 2104"
    orjan = desk.person("Örjan Öberg")
    assert orjan["redirect_employee_id"] == lars_id
    assert orjan["redirect_number"] is None
    assert orjan["redirect"] == "Lars Holm 2104"


@pytest.mark.parametrize(
    ("to", "stored", "shown"),
    [
        ("0280-181 00", "+4628018100", "0280-181 00"),
        ("070-123 45 67", "+46701234567", "070-123 45 67"),
        ("+46 70 123 45 67", "+46701234567", "070-123 45 67"),
    ],
)
def test_redirect_to_a_phone_number_stores_it_normalised(
    desk: Desk, to: str, stored: str, shown: str
) -> None:
    desk.ok("redirect", "Anna Lind", "--status", "lunch", "--to", to)

    anna = desk.person("Anna Lind")
    assert anna["redirect_number"] == stored
    assert anna["redirect_employee_id"] is None
    assert anna["redirect"] == shown


@pytest.mark.parametrize(
    ("to", "said"),
    [
        (
            "1430",
            "--to: ”1430” ser ut som en tid (14:30), inte som ett nummer. Skriv tiden i --until.",
        ),
        ("14:30", "--to: ”14:30” ser ut som en tid (14:30)"),
        ("14.30", "--to: ”14.30” ser ut som en tid (14:30)"),
        ("2999", "--to: ingen har anknytning 2999."),
        ("99", "--to: ”99” är varken en kollega, en anknytning eller ett giltigt telefonnummer."),
        # An id is no redirect target: digits are an extension or a number.
        ("3", "--to: ”3” ser ut som en tid (03:00)"),
    ],
)
def test_redirect_to_digits_that_are_no_ones_extension_nor_a_number_exits_2_saying_why(
    desk: Desk, to: str, said: str
) -> None:
    before = desk.staff()

    result = desk("redirect", "Anna Lind", "--status", "meeting", "--to", to)

    assert result.code == BAD_INPUT
    assert said in result.err
    assert "Traceback" not in result.err
    assert desk.staff() == before


def test_redirect_to_digits_in_an_english_desk_says_so_in_english(
    desk: Desk, config_file: Path
) -> None:
    config_file.write_text(
        TEST_CONFIG.replace('language = "sv"', 'language = "en"'), encoding="utf-8"
    )

    result = desk("redirect", "Anna Lind", "--status", "meeting", "--to", "1430")

    assert result.code == BAD_INPUT
    assert "--to: “1430” looks like a time (14:30), not a number: put the time in --until." in (
        result.err
    )


def test_redirect_to_an_ambiguous_colleague_exits_3_and_changes_nothing(desk: Desk) -> None:
    before = desk.staff()

    result = desk("redirect", "Lars Holm", "--status", "lunch", "--to", "Anna")

    assert result.code == NOT_FOUND
    assert "--to" in result.err and "Anna Berg" in result.err and "Anna Lind" in result.err
    assert desk.staff() == before


def test_redirect_to_oneself_exits_2(desk: Desk) -> None:
    result = desk("redirect", "Lars Holm", "--status", "lunch", "--to", "2104")

    assert result.code == BAD_INPUT
    assert "--to" in result.err
    assert desk.person("Lars Holm")["status"] == "available"


def test_redirect_note_is_kept_and_shown(desk: Desk) -> None:
    result = desk.ok("redirect", "Lars Holm", "--status", "meeting", "--note", "KS-möte, rum 4")

    assert result.out.strip().endswith("KS-möte, rum 4")
    assert desk.person("Lars Holm")["note"] == "KS-möte, rum 4"


def test_redirect_clear_makes_them_available_with_no_redirect(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "sick", "--to", "0280-181 00", "--note", "feber")
    assert desk.person("Lars Holm")["status"] == "sick"

    result = desk("redirect", "Lars Holm", "--clear")

    assert result.code == OK, result.err
    assert result.out.strip() == "Lars Holm: Tillgänglig"
    lars = desk.person("Lars Holm")
    assert lars["status"] == "available"
    assert lars["availability"] == "available"
    assert lars["return_at"] is None
    assert lars["redirect"] is None
    assert lars["redirect_employee_id"] is None
    assert lars["redirect_number"] is None
    assert lars["note"] == ""


def test_redirect_records_who_made_the_change_with_as(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "lunch", "--as", "Per Holm")

    assert desk.person("Lars Holm")["set_by"] == "Per Holm"


def test_redirect_needs_status_or_clear(desk: Desk) -> None:
    result = desk("redirect", "Lars Holm")

    assert result.code == BAD_INPUT
    assert "--status" in result.err and "--clear" in result.err


def test_shared_options_are_accepted_before_the_subcommand(desk: Desk) -> None:
    result = desk.options_first("--as", "Per Holm", "redirect", "Lars Holm", "--status", "lunch")

    assert result.code == OK, result.err
    lars = desk.person("Lars Holm")
    assert lars["status"] == "lunch"
    assert lars["set_by"] == "Per Holm"


# ------------------------------------------------------------------ inquiries


def add_inquiry(desk: Desk, *options: str, who: str = "Lars Holm") -> Result:
    return desk("inquiry", "add", "--for", who, "--caller", "Gustav Nilsson", *options)


@pytest.mark.parametrize(
    ("number", "stored"),
    [
        ("0280-181 00", "+4628018100"),
        ("070-123 45 67", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0701234567", "+46701234567"),
    ],
)
def test_inquiry_add_normalises_swedish_numbers(desk: Desk, number: str, stored: str) -> None:
    result = add_inquiry(desk, "--number", number)

    assert result.code == OK, result.err
    (inquiry,) = desk.inquiries()
    assert inquiry["caller_number"] == stored


@pytest.mark.parametrize("number", ["12", "abc", "0280-181", "+46 70 123 45 67 89 10"])
def test_inquiry_add_bad_number_exits_2_naming_number(desk: Desk, number: str) -> None:
    result = add_inquiry(desk, "--number", number)

    assert result.code == BAD_INPUT
    assert "--number" in result.err
    assert desk.inquiries() == []


def test_inquiry_add_for_a_unit_by_name(desk: Desk) -> None:
    result = add_inquiry(desk, "--number", "070-123 45 67", who="bygglov")

    assert result.code == OK, result.err
    (inquiry,) = desk.inquiries()
    assert inquiry["for"] == "Bygglov"
    assert inquiry["employee_id"] is None
    assert isinstance(inquiry["unit_id"], int)


def test_inquiry_add_for_an_ambiguous_or_unknown_person_exits_3(desk: Desk) -> None:
    ambiguous = add_inquiry(desk, "--number", "070-123 45 67", who="Anna")
    unknown = add_inquiry(desk, "--number", "070-123 45 67", who="Miljökontoret")

    assert ambiguous.code == NOT_FOUND
    assert "Anna Berg" in ambiguous.err and "Anna Lind" in ambiguous.err
    assert unknown.code == NOT_FOUND
    assert "--for" in unknown.err
    assert desk.inquiries() == []


def test_inquiry_is_due_two_working_days_later_at_office_close(desk: Desk) -> None:
    result = add_inquiry(
        desk, "--number", "0280-181 00", "--subject", "Bygglov Sälen", "--channel", "phone"
    )

    assert result.code == OK, result.err
    assert result.out.strip().endswith("ska besvaras senast 2026-12-04 16:30")
    (inquiry,) = desk.inquiries()
    assert inquiry["received_at"] == NOW_ISO
    assert inquiry["due_at"] == "2026-12-04T16:30:00+01:00"
    assert inquiry["overdue"] is False


def test_inquiry_list_open_json_has_the_fields_scripts_need(desk: Desk) -> None:
    add_inquiry(desk, "--number", "070-123 45 67", "--subject", "Faktura", "--channel", "email")
    add_inquiry(desk, "--email", "gustav@example.se", "--received", "igår 15:10", who="Anna Lind")

    inquiries = desk.inquiries("--open")

    assert len(inquiries) == 2
    for inquiry in inquiries:
        assert set(inquiry) >= INQUIRY_KEYS
        assert inquiry["state"] == "open"
        assert inquiry["caller_name"] == "Gustav Nilsson"
    # Most urgent first: yesterday's is due a day earlier.
    older, newer = inquiries
    assert older["for"] == "Anna Lind"
    assert older["caller_number"] is None
    assert older["caller_email"] == "gustav@example.se"
    assert older["due_at"] == "2026-12-03T16:30:00+01:00"
    assert newer["for"] == "Lars Holm"
    assert newer["caller_number"] == "+46701234567"
    assert newer["subject"] == "Faktura"
    assert newer["channel"] == "email"
    assert newer["due_at"] == "2026-12-04T16:30:00+01:00"


def test_inquiry_received_yesterday_keeps_its_time(desk: Desk) -> None:
    add_inquiry(desk, "--number", "070-123 45 67", "--received", "igår 15:10")

    (inquiry,) = desk.inquiries("--open")

    assert inquiry["received_at"] == "2026-12-01T15:10:00+01:00"


def test_inquiry_add_bad_received_exits_2_naming_received(desk: Desk) -> None:
    result = add_inquiry(desk, "--number", "070-123 45 67", "--received", "imorgon 10")

    assert result.code == BAD_INPUT
    assert "--received" in result.err
    assert desk.inquiries() == []


@pytest.mark.parametrize(("address", "valid", "why"), ADDRESSES, ids=[a[2] for a in ADDRESSES])
def test_inquiry_add_checks_the_e_mail_as_everywhere_else(
    desk: Desk, address: str, valid: bool, why: str
) -> None:
    result = add_inquiry(desk, "--email", address)

    if valid:
        assert result.code == OK, (why, result.err)
        assert [inquiry["caller_email"] for inquiry in desk.inquiries()] == [address]
        return
    assert result.code == BAD_INPUT, why
    if len(address) > 254:
        assert "--email: längre än 254 tecken" in result.err
    else:
        assert f"--email: {address!r} är ingen e-postadress" in result.err
    assert desk.inquiries() == []


def test_inquiry_add_needs_a_way_to_answer(desk: Desk) -> None:
    result = add_inquiry(desk)

    assert result.code == BAD_INPUT
    assert "--number" in result.err and "--email" in result.err
    assert desk.inquiries() == []


def test_inquiry_add_unknown_channel_exits_2(desk: Desk) -> None:
    result = add_inquiry(desk, "--number", "070-123 45 67", "--channel", "fax")

    assert result.code == BAD_INPUT
    assert "--channel" in result.err
    assert desk.inquiries() == []


# ------------------------------------------------------------------ the same on PostgreSQL


def test_redirect_shows_in_staff_list_on_each_database(any_desk: Desk) -> None:
    ids = {name: p["id"] for name, p in any_desk.staff().items()}

    ambiguous = any_desk("redirect", "Anna", "--status", "lunch")
    to_colleague = any_desk(
        "redirect", "2103", "--status", "möte", "--until", "13:30", "--to", "Lars Holm"
    )
    to_number = any_desk("redirect", "Anna Lind", "--status", "LUNCH", "--to", "0280-181 00")

    assert ambiguous.code == NOT_FOUND
    assert to_colleague.code == OK, to_colleague.err
    assert to_number.code == OK, to_number.err
    people = any_desk.staff()
    orjan, anna = people["Örjan Öberg"], people["Anna Lind"]
    assert (orjan["status"], orjan["return_at"]) == ("meeting", "2026-12-02T13:30:00+01:00")
    assert orjan["redirect_employee_id"] == ids["Lars Holm"]
    assert orjan["redirect"] == "Lars Holm 2104"
    assert (anna["status"], anna["return_at"]) == ("lunch", "2026-12-02T10:00:00+01:00")
    assert anna["redirect_number"] == "+4628018100"
    assert people["Anna Berg"]["status"] == "available"

    any_desk.ok("redirect", "Örjan", "--clear")
    orjan = any_desk.person("Örjan Öberg")
    assert (orjan["status"], orjan["return_at"], orjan["redirect"]) == ("available", None, None)


def test_inquiry_add_and_list_on_each_database(any_desk: Desk) -> None:
    first = any_desk(
        "inquiry", "add", "--for", "Örjan Öberg", "--caller", "Gustav Nilsson",
        "--number", "+46 70 123 45 67", "--subject", "Strandskydd",
    )  # fmt: skip
    second = any_desk(
        "inquiry", "add", "--for", "Socialtjänsten", "--caller", "Eva Ek",
        "--number", "0280-181 00", "--received", "igår 15:10", "--channel", "visit",
    )  # fmt: skip
    bad = any_desk("inquiry", "add", "--for", "Lars", "--caller", "X", "--number", "abc")

    assert first.code == OK, first.err
    assert second.code == OK, second.err
    assert bad.code == BAD_INPUT
    yesterday, today = any_desk.inquiries("--open")
    assert yesterday["for"] == "Socialtjänsten"
    assert yesterday["received_at"] == "2026-12-01T15:10:00+01:00"
    assert yesterday["due_at"] == "2026-12-03T16:30:00+01:00"
    assert yesterday["caller_number"] == "+4628018100"
    assert yesterday["channel"] == "visit"
    assert today["for"] == "Örjan Öberg"
    assert today["received_at"] == NOW_ISO
    assert today["due_at"] == "2026-12-04T16:30:00+01:00"
    assert today["caller_number"] == "+46701234567"
    # The full list is newest first.
    assert [i["id"] for i in any_desk.inquiries()] == [today["id"], yesterday["id"]]


# ------------------------------------------------------------------ read-only seats


def test_read_only_staff_list_works(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "lunch")
    expected = desk.staff()

    before = desk.options_first("--read-only", "staff", "list", "--json")
    after = desk("staff", "list", "--json", "--read-only")

    for result in (before, after):
        assert result.code == OK, result.err
        assert {p["name"]: p for p in result.json()} == expected


def test_read_only_redirect_fails_and_changes_nothing(any_desk: Desk) -> None:
    before = any_desk.staff()

    results = [
        any_desk("redirect", "Lars Holm", "--status", "lunch", "--read-only"),
        any_desk.options_first("--read-only", "redirect", "Lars Holm", "--clear"),
    ]

    for result in results:
        assert result.code != OK
        assert result.err.startswith("reception-tui: ")
        assert result.out == ""
    assert any_desk.staff() == before


def test_read_only_db_upgrade_refuses_and_creates_nothing(
    no_database_desk: Desk, tmp_path: Path
) -> None:
    result = no_database_desk("db", "upgrade", "--read-only")

    assert result.code != OK
    assert result.err
    assert not (tmp_path / "reception.sqlite3").exists()


def test_read_only_never_creates_a_database(no_database_desk: Desk, tmp_path: Path) -> None:
    result = no_database_desk("staff", "list", "--read-only")

    assert result.code == UNREACHABLE
    assert "databasen finns inte" in result.err
    assert not (tmp_path / "reception.sqlite3").exists()


# ------------------------------------------------------------------ configuration


def test_broken_config_exits_2_naming_the_unknown_key(desk: Desk, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(TEST_CONFIG.replace("receptionist =", "receptionst ="), encoding="utf-8")

    result = desk.bare("--config", str(broken), "--database", desk.url, "staff", "list")

    assert result.code == BAD_INPUT
    assert "fel i inställningarna" in result.err
    assert "desk.receptionst: okänd nyckel" in result.err
    assert "'receptionist'" in result.err  # the suggestion
    assert "rad 6" in result.err
    assert result.out == ""


def test_broken_config_stops_a_redirect_before_it_writes(desk: Desk, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(TEST_CONFIG + "\n[watch]\npoll_seconds = 0.01\n", encoding="utf-8")

    result = desk.bare(
        "redirect", "Lars Holm", "--status", "lunch", "--config", str(broken),
        "--database", desk.url,
    )  # fmt: skip

    assert result.code == BAD_INPUT
    assert "watch.poll_seconds" in result.err
    assert desk.person("Lars Holm")["status"] == "available"


def broken_config(tmp_path: Path, text: str) -> str:
    """A config file holding `text`; where it is, as --config and the messages name it."""
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def line_number(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_config_whose_default_return_cannot_be_read_exits_2_naming_the_status(
    desk: Desk, tmp_path: Path
) -> None:
    text = TEST_CONFIG + (
        '\n[[statuses]]\ncode = "available"\nlabel_sv = "Tillgänglig"\nlabel_en = "Available"\n'
        'needs_return = false\navailable = true\ncolour = "green"\n'
        '\n[[statuses]]\ncode = "lunch"\nlabel_sv = "Lunch"\nlabel_en = "Lunch"\n'
        'needs_return = true\navailable = false\ncolour = "yellow"\n'
        'default_return = "efter lunch"\n'
    )
    where = broken_config(tmp_path, text)

    result = desk.bare(
        "redirect", "Lars Holm", "--status", "lunch", "--config", where, "--database", desk.url
    )

    line = line_number(text, "default_return")
    assert result.code == BAD_INPUT
    assert result.err.splitlines() == [
        "fel i inställningarna:",
        f"{where}, rad {line}: statuses[1].default_return: kunde inte läsa 'efter lunch':"
        " skriv en tid (13, 13:30, kl 13), en dag (imorgon, mån, 3/12, 2026-12-03)"
        " eller en stund framåt (+30m, +2t)",
    ]
    assert desk.person("Lars Holm")["status"] == "available"


def test_config_with_office_hours_only_on_weekends_exits_2_naming_office_hours(
    desk: Desk, tmp_path: Path
) -> None:
    text = TEST_CONFIG.replace('"08:00-16:30"', '""').replace(
        'saturday = ""', 'saturday = "10:00-14:00"'
    )
    where = broken_config(tmp_path, text)

    # Sick defaults to "nästa arbetsdag", which such hours would never reach.
    result = desk.bare(
        "redirect", "Lars Holm", "--status", "sick", "--config", where, "--database", desk.url
    )

    assert result.code == BAD_INPUT
    assert result.err.splitlines() == [
        "fel i inställningarna:",
        f"{where}, rad {line_number(text, '[office_hours]')}: office_hours: ingen veckodag från"
        " monday till friday har öppettider, så kontoret öppnar aldrig en arbetsdag: ge minst"
        ' en av dem öppettider (monday = "08:00-16:30")',
    ]
    assert desk.person("Lars Holm")["status"] == "available"


def test_config_with_a_control_character_exits_2_without_echoing_it(
    desk: Desk, tmp_path: Path
) -> None:
    text = TEST_CONFIG.replace('receptionist = "Karin Ek"', 'receptionist = "Karin\\u001b[2J"')
    where = broken_config(tmp_path, text)

    result = desk.bare("staff", "list", "--config", where, "--database", desk.url)

    assert result.code == BAD_INPUT
    assert f"rad {line_number(text, 'receptionist')}: desk.receptionist: har ett styrtecken" in (
        result.err
    )
    assert "\x1b" not in result.err


def test_config_given_but_missing_exits_2(desk: Desk, tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte.toml"

    result = desk.bare("staff", "list", "--config", str(missing), "--database", desk.url)

    assert result.code == BAD_INPUT
    assert "inställningsfilen finns inte (angiven med --config)" in result.err
    assert str(missing) in result.err


def test_config_named_by_environment_is_used(
    desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = tmp_path / "english.toml"
    english.write_text(TEST_CONFIG.replace('language = "sv"', 'language = "en"'), "utf-8")
    monkeypatch.setenv(config.CONFIG_ENV, str(english))

    result = desk.bare("redirect", "Lars Holm", "--status", "möte", "--database", desk.url)

    assert result.code == OK, result.err
    assert result.out.strip() == "Lars Holm: Meeting, back 10:00"


# ------------------------------------------------------------------ the configured language

# What `inquiry add`, `inquiry list`, `staff import` and a refused `--until` print, by language.
SAYS = {
    "sv": (
        "ärende 1 till Lars Holm från Eva Ek (070-111 22 33), ska besvaras senast 2026-12-04 16:30",
        ["id", "kom in", "senast", "läge", "till", "uppringare", "kontakt", "försök"],
        "öppet",
        "4 rader: 0 nya, 0 ändrade, 0 avaktiverade, 4 oförändrade",
        "reception-tui: --until: 25 är ingen timme: timmarna går från 0 till 23 (13, 13:30, kl 13)",
    ),
    "en": (
        "inquiry 1 for Lars Holm from Eva Ek (070-111 22 33), due 2026-12-04 16:30",
        ["id", "received", "due", "state", "for", "caller", "contact", "tries"],
        "open",
        "4 rows: 0 added, 0 changed, 0 deactivated, 4 unchanged",
        "reception-tui: --until: 25 is not an hour: hours are 0-23 (13, 13:30, at 13)",
    ),
}


def in_language(desk: Desk, tmp_path: Path, language: str) -> Desk:
    """The same desk, with `language` in its config.toml."""
    path = tmp_path / f"{language}.toml"
    path.write_text(TEST_CONFIG.replace('language = "sv"', f'language = "{language}"'), "utf-8")
    return Desk(desk.url, path, desk.clock, desk.capsys)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_commands_print_in_the_configured_language(
    desk: Desk, staff_file: Path, tmp_path: Path, language: str
) -> None:
    cli = in_language(desk, tmp_path, language)
    added, header, state, imported, refused = SAYS[language]

    add = cli.ok("inquiry", "add", "--for", "Lars Holm", "--caller", "Eva Ek",
                 "--number", "070-111 22 33")  # fmt: skip
    listing = cli.ok("inquiry", "list").out.splitlines()
    staff = cli.ok("staff", "import", str(staff_file))
    until = cli("redirect", "Lars Holm", "--status", "lunch", "--until", "25:00")

    assert add.out.strip() == added
    assert re.split(" {2,}", listing[0]) == header
    assert re.split(" {2,}", listing[1])[3] == state
    assert staff.out.strip() == imported
    assert (until.code, until.line()) == (BAD_INPUT, refused)
    said = [added, *header, state, imported, refused]
    if language == "sv":
        assert [english_in(line) for line in said] == [set()] * len(said)
    else:
        assert [swedish_in(line) for line in said] == [set()] * len(said)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_help_describes_the_commands_in_the_configured_language(
    desk: Desk, tmp_path: Path, language: str
) -> None:
    cli = in_language(desk, tmp_path, language)

    result = cli.bare("--config", str(cli.config_file), "--help")

    assert result.code == OK
    describes = "sätt eller ta bort en status" if language == "sv" else "set or clear a status"
    assert describes in result.out
    assert result.out.startswith("användning: " if language == "sv" else "usage: ")
    if language == "sv":
        assert english_in(result.out) == set()
    else:
        assert swedish_in(result.out) == set()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "command",
    [("redirect", "--help"), ("inquiry", "show", "--help"), ("staff", "search", "--help"),
     ("staff", "import", "--help"), ("inquiry", "add", "--help"), ("serve", "--help")],
    ids=["redirect", "inquiry-show", "staff-search", "staff-import", "inquiry-add", "serve"],
)  # fmt: skip
def test_a_commands_help_says_nothing_in_the_other_language(
    desk: Desk, tmp_path: Path, language: str, command: tuple[str, ...]
) -> None:
    cli = in_language(desk, tmp_path, language)

    result = cli.bare(*command, "--config", str(cli.config_file))

    assert result.code == OK
    assert ("flaggor:" if language == "sv" else "options:") in result.out.splitlines()
    if language == "sv":
        assert english_in(result.out) == set()
    else:
        assert swedish_in(result.out) == set()


# What argparse says when the arguments are wrong, by language: the last line of stderr.
ARGUMENTS_REFUSED = {
    "missing": (
        ("redirect",),
        "reception-tui redirect: följande argument krävs: WHO",
        "reception-tui redirect: the following arguments are required: WHO",
    ),
    "missing-choice": (
        ("redirect", "Lars Holm"),
        "reception-tui redirect: ett av argumenten --status --clear krävs",
        "reception-tui redirect: one of the arguments --status --clear is required",
    ),
    "unknown-option": (
        ("redirect", "Lars Holm", "--status", "lunch", "--bogus"),
        "reception-tui: okända argument: --bogus",
        "reception-tui: unrecognized arguments: --bogus",
    ),
    "bad-command": (
        ("redirekt", "Lars Holm", "--status", "lunch"),
        "reception-tui: argument COMMAND: ogiltigt val: 'redirekt'"
        " (välj bland 'redirect', 'inquiry', 'manager', 'serve', 'report', 'staff', 'db')",
        "reception-tui: argument COMMAND: invalid choice: 'redirekt'"
        " (choose from 'redirect', 'inquiry', 'manager', 'serve', 'report', 'staff', 'db')",
    ),
    "bad-choice": (
        ("inquiry", "add", "--for", "Lars Holm", "--caller", "Eva Ek", "--channel", "fax"),
        "reception-tui inquiry add: argument --channel: ogiltigt val: 'fax'"
        " (välj bland 'phone', 'email', 'visit')",
        "reception-tui inquiry add: argument --channel: invalid choice: 'fax'"
        " (choose from 'phone', 'email', 'visit')",
    ),
    "no-value": (
        ("redirect", "Lars Holm", "--status"),
        "reception-tui redirect: argument --status: förväntade ett argument",
        "reception-tui redirect: argument --status: expected one argument",
    ),
    "not-a-number": (
        ("inquiry", "show", "ett"),
        "reception-tui inquiry show: argument ID: 'ett' är inget heltal",
        "reception-tui inquiry show: argument ID: 'ett' is not a whole number",
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    ("argv", "swedish", "english"), ARGUMENTS_REFUSED.values(), ids=ARGUMENTS_REFUSED.keys()
)
def test_wrong_arguments_are_said_in_the_configured_language_and_exit_2(
    desk: Desk, tmp_path: Path, language: str, argv: tuple[str, ...], swedish: str, english: str
) -> None:
    cli = in_language(desk, tmp_path, language)

    result = cli(*argv)

    assert result.code == BAD_INPUT
    assert "Traceback" not in result.err
    *usage, said = result.err.splitlines()
    assert said == (swedish if language == "sv" else english)
    assert usage[0].startswith("användning: reception-tui" if language == "sv" else "usage: ")
    if language == "sv":
        assert english_in(result.err) == set()
    else:
        assert swedish_in(result.err) == set()
    assert desk.person("Lars Holm")["status"] == "available"


def test_a_config_option_without_a_path_is_said_in_swedish(desk: Desk) -> None:
    result = desk.bare("staff", "list", "--config")

    assert result.code == BAD_INPUT
    assert result.err.splitlines()[-1] == (
        "reception-tui staff list: argument --config: förväntade ett argument"
    )


# What a config file with an unknown key says, by the language the file asks for.
BROKEN_CONFIG_SAYS = {
    "sv": ("fel i inställningarna:", "{where}, rad {line}: deadlines.x: okänd nyckel"),
    "en": ("config error:", "{where}, line {line}: deadlines.x: unknown key"),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_broken_config_is_said_in_the_language_it_asks_for(
    desk: Desk, tmp_path: Path, language: str
) -> None:
    text = TEST_CONFIG.replace('language = "sv"', f'language = "{language}"') + "x = 1\n"
    where = broken_config(tmp_path, text)

    result = desk.bare("staff", "list", "--config", where, "--database", desk.url)

    header, problem = BROKEN_CONFIG_SAYS[language]
    assert result.code == BAD_INPUT
    said = result.err.splitlines()
    assert said == [header, problem.format(where=where, line=line_number(text, "x = 1"))]
    words = [line.replace(where, "") for line in said]
    if language == "sv":
        assert [english_in(line) for line in words] == [set(), set()]
    else:
        assert [swedish_in(line) for line in words] == [set(), set()]


def test_a_config_that_is_not_toml_is_said_in_swedish_whatever_it_asks_for(
    desk: Desk, tmp_path: Path
) -> None:
    # The file was never read far enough to know its language: the default is used.
    text = TEST_CONFIG.replace('language = "sv"', 'language = "en"') + "x = \n"
    where = broken_config(tmp_path, text)

    result = desk.bare("staff", "list", "--config", where, "--database", desk.url)

    assert result.code == BAD_INPUT
    assert result.err.splitlines() == [
        "fel i inställningarna:",
        f"{where}, rad {line_number(text, 'x = ')}: ogiltig TOML: ogiltigt värde (kolumn 5)",
    ]


# ------------------------------------------------------------------ database maintenance


def test_db_upgrade_on_a_fresh_file_then_up_to_date(no_database_desk: Desk, tmp_path: Path) -> None:
    assert not (tmp_path / "reception.sqlite3").exists()

    first = no_database_desk("db", "upgrade")
    second = no_database_desk("db", "upgrade")

    assert first.code == OK, first.err
    assert first.out.startswith("databasen uppgraderades från schemaversion ingen till ")
    head = first.out.split()[-1]
    assert second.code == OK, second.err
    assert second.out.strip() == f"databasen är aktuell (schemaversion {head})"
    assert (tmp_path / "reception.sqlite3").is_file()
    # Once upgraded, a read-only seat can open it.
    assert no_database_desk("staff", "list", "--json", "--read-only").json() == []


def with_database(desk: Desk, url: str, *argv: str) -> Result:
    return desk.bare(*argv, "--config", str(desk.config_file), "--database", url)


@pytest.mark.parametrize(
    "command", [("staff", "list"), ("db", "upgrade")], ids=["staff-list", "db-upgrade"]
)
def test_database_option_that_is_not_a_url_exits_2(
    no_database_desk: Desk, command: tuple[str, ...]
) -> None:
    result = with_database(no_database_desk, "reception.sqlite3", *command)

    assert result.code == BAD_INPUT
    assert "--database" in result.err


@pytest.mark.parametrize(
    "command", [("staff", "list"), ("db", "upgrade")], ids=["staff-list", "db-upgrade"]
)
def test_unreachable_database_exits_1(no_database_desk: Desk, command: tuple[str, ...]) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    url = "postgresql+psycopg://nobody@127.0.0.1:1/reception"

    result = with_database(no_database_desk, url, *command)

    assert result.code == UNREACHABLE
    assert "kan inte öppna databasen" in result.err
    assert result.out == ""


# Each: a URL that cannot be used, and what the message must say about it.
BAD_URLS = {
    "mysql": ("mysql://desk@localhost/reception", "'mysql' stöds inte"),
    "psycopg2": ("postgresql+psycopg2://desk@127.0.0.1/reception", "'postgresql+psycopg2'"),
    "aiosqlite": ("sqlite+aiosqlite:///reception.sqlite3", "'sqlite+aiosqlite'"),
    "port-too-big": ("postgresql+psycopg://desk@127.0.0.1:99999/reception", "99999 är inget port"),
    "port-not-a-number": ("postgresql+psycopg://desk@127.0.0.1:abc/reception", "ingen databas"),
    "sqlite-without-file": ("sqlite://", "behöver en fil"),
    "sqlite-in-memory": ("sqlite:///:memory:", "behöver en fil"),
    "not-a-url": ("reception.sqlite3", "är ingen databasadress"),
}
SUPPORTED = "sqlite:///FIL eller postgresql+psycopg://"


def one_line(text: str) -> str:
    assert "Traceback" not in text
    assert text.endswith("\n") and text.count("\n") == 1, f"not one line: {text!r}"
    return text.strip()


@pytest.mark.parametrize(("url", "says"), BAD_URLS.values(), ids=BAD_URLS.keys())
def test_database_url_that_cannot_be_used_exits_2_with_one_line(
    no_database_desk: Desk, url: str, says: str
) -> None:
    result = with_database(no_database_desk, url, "staff", "list")

    assert result.code == BAD_INPUT
    line = one_line(result.err)
    assert line.startswith("reception-tui: --database: ")
    assert says in line
    if "port" not in says:
        assert SUPPORTED in line
    assert result.out == ""


@pytest.mark.parametrize(("url", "says"), BAD_URLS.values(), ids=BAD_URLS.keys())
def test_database_url_in_config_gets_the_same_check_as_the_option(
    no_database_desk: Desk, tmp_path: Path, url: str, says: str
) -> None:
    # config.toml's problems are said in the file's language, as the option's are.
    configured = tmp_path / "url.toml"
    configured.write_text(TEST_CONFIG + f'\n[database]\nurl = "{url}"\n', encoding="utf-8")
    from_option = no_database_desk.on(url)("staff", "list")

    result = no_database_desk.bare("staff", "list", "--config", str(configured))

    assert result.code == BAD_INPUT
    header, problem, *more = result.err.splitlines()
    assert (header, more) == ("fel i inställningarna:", [])
    assert "database.url: " in problem
    # One check: the words after the name of the setting are the option's, exactly.
    assert (
        problem.split("database.url: ", 1)[1]
        == one_line(from_option.err).split("--database: ", 1)[1]
    )
    assert "Traceback" not in result.err


def test_database_url_message_never_shows_the_password(no_database_desk: Desk) -> None:
    url = "postgresql+psycopg://desk:hemligt@127.0.0.1:abc/reception"

    result = with_database(no_database_desk, url, "staff", "list")

    assert result.code == BAD_INPUT
    assert "hemligt" not in result.err
    assert "desk:***@127.0.0.1" in one_line(result.err)


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("/proc/reception.sqlite3", "kan inte skapa databasen /proc/reception.sqlite3"),
        ("{tmp}/a-file/reception.sqlite3", "a-file är en fil, inte en mapp"),
        ("{tmp}/a-file/deeper/reception.sqlite3", "a-file är en fil, inte en mapp"),
        ("{tmp}/a-folder", "a-folder: unable to open database file"),
    ],
    ids=["in-proc", "under-a-file", "deeper-under-a-file", "a-folder-itself"],
)
def test_database_that_cannot_be_created_exits_1_with_one_line(
    no_database_desk: Desk, tmp_path: Path, where: str, says: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()

    for command in (("staff", "list"), ("db", "upgrade")):
        url = f"sqlite:///{where.format(tmp=tmp_path)}"
        result = with_database(no_database_desk, url, *command)

        assert result.code == UNREACHABLE, result.err
        assert says in one_line(result.err)
        assert result.out == ""
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder\n"


# The real per-user data folder, as the isolated fixture finds it before pointing it away.
REAL_USER_DATA_DIR = config.user_data_dir


def test_default_data_folder_that_cannot_be_created_exits_1_with_one_line(
    no_database_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "xdg-data"
    blocker.write_text("a file where the data folder would go\n", encoding="utf-8")
    monkeypatch.setattr(config, "user_data_dir", REAL_USER_DATA_DIR)
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))

    result = no_database_desk.bare("staff", "list", "--config", str(no_database_desk.config_file))

    assert result.code == UNREACHABLE
    line = one_line(result.err)
    assert f"kan inte skapa mappen {blocker}/reception-tui för databasen" in line
    assert "är en fil, inte en mapp" in line


def test_default_data_folder_is_created_readable_by_its_owner_only(
    no_database_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "user_data_dir", REAL_USER_DATA_DIR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    (tmp_path / "home").mkdir()
    previous = os.umask(0o002)  # a lax umask, as some desktops set
    try:
        result = no_database_desk.bare(
            "db", "upgrade", "--config", str(no_database_desk.config_file)
        )
    finally:
        os.umask(previous)

    assert result.code == OK, result.err
    folder = tmp_path / "home" / ".local" / "share" / "reception-tui"
    for created in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(created.stat().st_mode) == 0o700, created
    assert stat.S_IMODE((folder / "reception.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "home").stat().st_mode) != 0o700  # it was there before


# ------------------------------------------------------------------ permissions (not as root)


@pytest.fixture
def other_user() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `reception-tui ARGS` in a fresh interpreter as an ordinary user.

    Root may write wherever it likes, so run as root these tests drop to `nobody`; run as
    anyone else, they run as that user.
    """
    package_root = Path(reception_tui.__file__).resolve().parents[1]
    preexec: Callable[[], None] | None = None
    if os.geteuid() == 0:
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("root ignores file modes, and there is no user nobody to run as")
        for needed in (Path(sys.executable).resolve(), package_root / "reception_tui"):
            if not _others_may_run(needed):
                pytest.skip(
                    f"root ignores file modes, and nobody may not reach {needed}: "
                    "only a non-root user (or an interpreter outside root's home) shows this"
                )

        def preexec() -> None:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)

    def run(
        *argv: str, cwd: Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(package_root),  # this checkout, not whichever one is installed
            "HOME": str(cwd),
            "XDG_CONFIG_HOME": str(cwd / "xdg-config"),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "reception_tui", *argv],
            capture_output=True, text=True, cwd=cwd, env=environment, timeout=60, check=False,
            preexec_fn=preexec,
        )  # fmt: skip

    return run


def _others_may_run(path: Path) -> bool:
    """Whether a user who is neither the owner nor in the group can reach and use `path`."""
    if not path.stat().st_mode & stat.S_IXOTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in path.parents)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder an ordinary user can enter (pytest's own tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="reception-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o700)
    shutil.rmtree(folder)


def _locked_folder(shared_tmp: Path, name: str) -> Path:
    folder = shared_tmp / name
    folder.mkdir()
    folder.chmod(0o555)  # anyone may look in, nobody but root may add a file
    return folder


def test_database_in_a_folder_without_write_permission_exits_1(other_user, shared_tmp) -> None:
    config_path = shared_tmp / "desk.toml"
    config_path.write_text(TEST_CONFIG, encoding="utf-8")
    locked = _locked_folder(shared_tmp, "locked")

    url = f"sqlite:///{locked}/reception.sqlite3"

    completed = other_user("staff", "list", "--config", str(config_path), "--database", url,
                           cwd=shared_tmp)  # fmt: skip

    assert completed.returncode == UNREACHABLE, completed.stderr
    line = one_line(completed.stderr)
    assert f"cannot create the database {locked}/reception.sqlite3: Permission denied" in line


def test_existing_database_in_a_folder_without_write_permission_exits_1(
    other_user, shared_tmp
) -> None:
    # The file may be written, but in WAL mode SQLite must also create files beside it.
    config_path = shared_tmp / "desk.toml"
    config_path.write_text(TEST_CONFIG, encoding="utf-8")
    folder = shared_tmp / "data"
    folder.mkdir()
    engine = make_engine(f"sqlite:///{folder}/reception.sqlite3")
    upgrade(engine)
    engine.dispose()
    (folder / "reception.sqlite3").chmod(0o666)
    folder.chmod(0o555)

    url = f"sqlite:///{folder}/reception.sqlite3"

    completed = other_user("staff", "list", "--config", str(config_path), "--database", url,
                           cwd=shared_tmp)  # fmt: skip

    assert completed.returncode == UNREACHABLE, completed.stderr
    line = one_line(completed.stderr)
    assert line.startswith("reception-tui: cannot open the database: ")
    assert str(folder / "reception.sqlite3") in line


def test_default_data_folder_without_write_permission_exits_1(other_user, shared_tmp) -> None:
    config_path = shared_tmp / "desk.toml"
    config_path.write_text(TEST_CONFIG, encoding="utf-8")
    locked = _locked_folder(shared_tmp, "xdg-data")

    completed = other_user("staff", "list", "--config", str(config_path), cwd=shared_tmp,
                           env={"XDG_DATA_HOME": str(locked)})  # fmt: skip

    assert completed.returncode == UNREACHABLE, completed.stderr
    line = one_line(completed.stderr)
    assert f"cannot create the folder {locked}/reception-tui for the database" in line
    assert "Permission denied" in line


# ------------------------------------------------------------------ the installed command


def test_console_entry_point_runs_and_returns_the_exit_code(desk: Desk, tmp_path: Path) -> None:
    """The real command in a fresh interpreter (`python -m reception_tui`), once: it is slow to
    start. A failure is the telling case, because its exit code is not the default 0."""
    env = {k: v for k, v in os.environ.items() if k != config.CONFIG_ENV}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    # This checkout, not whichever one the environment has installed.
    env["PYTHONPATH"] = str(Path(reception_tui.__file__).resolve().parents[1])
    before = desk.staff()

    completed = subprocess.run(
        [sys.executable, "-m", "reception_tui", "redirect", "Anna", "--status", "lunch",
         "--config", str(desk.config_file), "--database", desk.url],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )  # fmt: skip

    assert completed.returncode == NOT_FOUND, completed.stderr
    assert completed.stdout == ""
    assert completed.stderr.startswith("reception-tui: WHO: 'Anna' passar 2 personer")
    assert "Anna Berg" in completed.stderr and "Anna Lind" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert desk.staff() == before


# ------------------------------------------------------------------ untrusted text and limits

# What a terminal would obey: set the window title, clear the screen, write the clipboard (OSC
# 52), and the same as one 8-bit C1 byte (CSI).
ESCAPES = ("\x1b]0;pwned\x07", "\x1b[2J", "\x1b]52;c;cHduZWQ=\x07", "\x9b2J")


def unprintable(text: str) -> list[str]:
    """Characters a terminal would act on: below 0x20 (but newline), and 0x7f-0x9f."""
    return [c for c in text if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F]


def test_staff_file_with_escape_sequences_is_refused_naming_line_and_column(
    desk: Desk, tmp_path: Path
) -> None:
    title = "\x1b]0;pwned\x07Handläggare"
    bad = write_staff(tmp_path / "bad.csv", [ANNA_BERG, (*LARS[:3], f'"{title}"', *LARS[4:])])

    result = desk("staff", "import", str(bad))

    assert result.code == BAD_INPUT
    assert "rad 3, title: har ett styrtecken (U+001B)" in result.err
    assert unprintable(result.out + result.err) == []
    assert desk.person("Lars Holm")["title"] == "Nämndsekreterare"


@pytest.mark.parametrize("escape", ESCAPES)
def test_command_line_arguments_with_control_characters_are_refused_naming_the_option(
    desk: Desk, escape: str
) -> None:
    for argv, option in (
        (("redirect", "Lars Holm", "--status", "lunch", "--note", f"{escape}ring"), "--note"),
        (
            (
                "inquiry",
                "add",
                "--for",
                "Lars",
                "--caller",
                f"Olle{escape}",
                "--number",
                "0701234567",
            ),
            "--caller",
        ),
        (
            (
                "inquiry",
                "add",
                "--for",
                "Lars",
                "--caller",
                "Olle",
                "--number",
                "0701234567",
                "--subject",
                escape,
            ),
            "--subject",
        ),
        (("redirect", "Lars Holm", "--clear", "--as", f"Karin{escape}"), "--as"),
        (("redirect", f"Lars{escape}", "--clear"), "WHO"),
        (("staff", "search", "lars", f"holm{escape}"), "QUERY"),
    ):
        result = desk(*argv)
        assert result.code == BAD_INPUT, argv
        assert f"{option}: har ett styrtecken" in result.err
        assert unprintable(result.out + result.err) == []
    assert desk.person("Lars Holm")["status"] == "available"
    assert desk.inquiries() == []


def test_a_tab_in_an_argument_is_stored_as_a_space(desk: Desk) -> None:
    desk.ok("redirect", "Lars Holm", "--status", "lunch", "--note", "ring\tefter två")

    assert desk.person("Lars Holm")["note"] == "ring efter två"


def test_text_stored_by_another_program_reaches_the_terminal_only_made_printable(
    any_desk: Desk,
) -> None:
    desk = any_desk
    engine = make_engine(desk.url)
    nasty = "".join(ESCAPES)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE employee SET title = :t, first_name = :f WHERE last_name = 'Holm'"),
            {"t": f"{nasty}Kanslichef", "f": f"Lars{nasty}"},
        )
    engine.dispose()
    desk.ok("redirect", "2104", "--status", "lunch", "--note", "tillbaka snart")
    desk.ok("inquiry", "add", "--for", "2104", "--caller", "Olle", "--number", "0701234567")

    (inquiry,) = desk.inquiries()
    other = desk.repository()
    other.log_attempt(inquiry["id"], Outcome.NO_ANSWER, "")
    other.engine.dispose()
    engine = make_engine(desk.url)
    with engine.begin() as connection:
        connection.execute(
            sa.text('UPDATE callback_attempt SET note = :n, "by" = :b'),
            {"n": f"ring{nasty}", "b": f"Per{nasty}"},
        )
    engine.dispose()

    outputs = [
        desk.ok("staff", "list"),
        desk.ok("staff", "list", "--json"),
        desk.ok("redirect", "2104", "--status", "meeting"),
        desk.ok("inquiry", "list"),
        desk.ok("inquiry", "list", "--json"),
        desk("redirect", "Lars", "--clear"),  # no longer found by name: the message echoes it
        desk.ok("staff", "search", "kanslichef"),
        desk.ok("staff", "search", "kanslichef", "--json"),
        desk.ok("inquiry", "show", str(inquiry["id"])),
        desk.ok("inquiry", "show", str(inquiry["id"]), "--json"),
    ]

    for result in outputs:
        assert unprintable(result.out + result.err) == [], result
    listing = outputs[0].out
    assert "Lars " in listing and "Kanslichef" in listing
    # JSON keeps the value exactly, escaped.
    assert any(e["title"] == f"{nasty}Kanslichef" for e in outputs[1].json())


@pytest.mark.parametrize(
    ("argv", "option", "limit"),
    [
        (("--caller", "O" * 201), "--caller", 200),
        (("--subject", "s" * 2001), "--subject", 2000),
        (("--email", "a" * 250 + "@x.se", "--number", ""), "--email", 254),
        (("--as", "K" * 101), "--as", 100),
    ],
)
def test_inquiry_over_a_stored_limit_exits_2_naming_the_field_on_both_databases(
    any_desk: Desk, argv: tuple[str, ...], option: str, limit: int
) -> None:
    base = {"--for": "Lars Holm", "--caller": "Olle", "--number": "0701234567"}
    given = dict(zip(argv[::2], argv[1::2], strict=True))
    args = [part for key, value in {**base, **given}.items() if value for part in (key, value)]

    result = any_desk("inquiry", "add", *args)

    assert result.code == BAD_INPUT, result.err
    assert f"{option}: längre än {limit} tecken; inget ändrades" in result.err
    assert any_desk.inquiries() == []


def test_a_note_over_its_limit_or_holding_nul_exits_2_on_both_databases(any_desk: Desk) -> None:
    too_long = any_desk("redirect", "Lars Holm", "--status", "lunch", "--note", "n" * 501)
    nul = any_desk("redirect", "Lars Holm", "--status", "lunch", "--note", "a\x00b")

    assert (too_long.code, nul.code) == (BAD_INPUT, BAD_INPUT)
    assert "--note: längre än 500 tecken" in too_long.err
    assert "--note: har ett styrtecken (U+0000)" in nul.err
    assert any_desk.person("Lars Holm")["status"] == "available"


def test_a_name_too_long_once_spelled_out_for_sorting_is_refused_naming_line_and_field(
    any_desk: Desk, tmp_path: Path
) -> None:
    # "ﷺ" is one character that spells out as eighteen: 100 characters, 1,800 in the key.
    wide = ("1009", "Nils", "ﷺ" * 100, "", "Kansliet", "2109", "", "nils@malung-salen.se")
    result = any_desk("staff", "import", str(write_staff(tmp_path / "s.csv", [*STAFF, wide])))

    assert result.code == BAD_INPUT
    assert "rad 6, last_name: hela namnet utskrivet för sortering är längre än 201" in (result.err)
    assert "Nils" not in " ".join(any_desk.staff())


@pytest.mark.parametrize("rows", [0, 2], ids=["header only", "truncated"])
def test_a_header_only_or_truncated_staff_file_deactivates_nobody(
    any_desk: Desk, tmp_path: Path, rows: int
) -> None:
    before = any_desk.staff()
    cut = write_staff(tmp_path / "cut.csv", STAFF[:rows])

    refused = any_desk("staff", "import", str(cut))

    assert refused.code == BAD_INPUT
    assert f"skulle avaktivera {4 - rows} av 4 aktiva personer" in refused.err
    assert f"--allow-deactivating {4 - rows}" in refused.err
    assert any_desk.staff() == before
    # Saying how many may go lets it through; fewer than that still does not.
    fewer = any_desk("staff", "import", str(cut), "--allow-deactivating", str(3 - rows))
    assert fewer.code == BAD_INPUT
    allowed = any_desk.ok("staff", "import", str(cut), "--allow-deactivating", str(4 - rows))
    assert f"{4 - rows} avaktiverade" in allowed.out
    assert len(any_desk.staff()) == rows


def test_the_share_of_staff_an_import_may_deactivate_comes_from_config(
    desk: Desk, tmp_path: Path
) -> None:
    desk.config_file.write_text(
        TEST_CONFIG + "\n[import]\nmax_deactivated_share = 0.5\n", encoding="utf-8"
    )

    half = desk.ok("staff", "import", str(write_staff(tmp_path / "h.csv", STAFF[:2])))

    assert "2 avaktiverade" in half.out


def test_swedish_excels_own_csv_in_windows_1252_imports_with_the_letters_right(
    empty_desk: Desk, tmp_path: Path
) -> None:
    lines = [";".join(HEADER), *(";".join(row) for row in STAFF)]
    path = tmp_path / "excel.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    result = empty_desk.import_staff(path)

    assert "4 nya" in result.out and "(lästes som Windows-1252)" in result.out
    staff = empty_desk.staff()
    assert staff["Örjan Öberg"]["title"] == "Enhetschef"
    assert staff["Anna Berg"]["title"] == "Bygglovshandläggare"
    assert staff["Lars Holm"]["title"] == "Nämndsekreterare"


def test_excels_unicode_text_in_utf16_with_tabs_imports(empty_desk: Desk, tmp_path: Path) -> None:
    lines = ["\t".join(HEADER), *("\t".join(row) for row in STAFF)]
    path = tmp_path / "unicode.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))

    result = empty_desk.import_staff(path)

    assert "4 nya" in result.out and "(lästes som UTF-16)" in result.out
    assert empty_desk.staff()["Örjan Öberg"]["unit"] == "Bygglov"


def test_a_csv_field_over_the_csv_modules_limit_is_refused_naming_line_and_field(
    desk: Desk, tmp_path: Path
) -> None:
    huge = (*LARS[:3], "x" * 200_000, *LARS[4:])

    result = desk("staff", "import", str(write_staff(tmp_path / "huge.csv", [*STAFF[:3], huge])))

    assert result.code == BAD_INPUT
    assert "rad 5, title: längre än 200 tecken" in result.err
    assert "Traceback" not in result.err


# ------------------------------------------------------------------ the demo desk

# The desk itself, run as a user runs it but with no terminal: Textual's headless driver.
HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"
SOURCE = Path(reception_tui.__file__).parents[1]  # the code under test, whatever is installed


def desk_process(tmp_path: Path, config_file: Path, *options: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != config.CONFIG_ENV}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        TEXTUAL_DRIVER=HEADLESS,
        PYTHONPATH=str(SOURCE),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "reception_tui", *options, "--config", str(config_file)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition: Callable[[], bool], desk: subprocess.Popen[str], what: str) -> None:
    """Until `condition` holds, while `desk` runs; at most a minute."""
    for _ in range(600):
        if condition():
            return
        if desk.poll() is not None:
            raise AssertionError(f"the desk ended before {what}: {desk.stderr.read()}")  # type: ignore[union-attr]
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def seated(database: Path) -> bool:
    """Whether a desk holds its seat on `database` (shared, not held alone for a rebuild)."""
    if not seats_file(database).exists() or not desks_open(database):
        return False
    fd = os.open(seats_file(database), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # being rebuilt
    finally:
        os.close(fd)
    return True


def first_line_on_stderr(desk: subprocess.Popen[str]) -> str:
    assert desk.stderr is not None
    ready, _, _ = select.select([desk.stderr], [], [], 60)
    assert ready, "the desk said nothing"
    return desk.stderr.readline()


def test_a_second_demo_start_opens_the_demo_an_open_desk_uses_instead_of_rebuilding_it(
    tmp_path: Path,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo = tmp_path / "xdg" / config.APP_NAME / config.DEMO_DATABASE_FILE
    monkeypatch.setattr(config, "user_data_dir", lambda: demo.parent)  # for the commands here
    options = ("--config", str(config_file))

    def employee_1() -> dict[str, Any]:
        capsys.readouterr()
        assert main(["--demo", "staff", "list", "--json", *options]) == OK
        return next(e for e in json.loads(capsys.readouterr().out) if e["id"] == 1)

    desks: list[subprocess.Popen[str]] = []
    try:
        desks.append(karin := desk_process(tmp_path, config_file, "--demo", "--as", "Karin Ek"))
        wait_until(lambda: seated(demo), karin, "Karin's desk on the demo")
        built = identity(demo)
        # Per marks someone sick in the demo Karin's desk shows ...
        redirect = ["--demo", "redirect", "1", "--status", "sick", "--as", "Per Holm", *options]
        assert main(redirect) == OK
        # ... and a manager tries the demo beside her.
        desks.append(boss := desk_process(tmp_path, config_file, "--demo", "--read-only"))
        line = first_line_on_stderr(boss)
        assert f"demodatabasen {demo} är öppen på ett annat skrivbord" in line
        assert "den öppnas som den är, utan att byggas om" in line

        assert identity(demo) == built
        assert employee_1()["set_by"] == "Per Holm"
        # The manager's read-only desk holds a seat of its own: with Karin's closed, the demo
        # is still in use.
        karin.terminate()
        karin.wait(timeout=30)
        wait_until(lambda: desks_open(demo), boss, "the manager's seat")
        boss.terminate()
        boss.wait(timeout=30)
        assert not desks_open(demo)

        # With no desk on it, the next demo start builds it afresh.
        desks.append(again := desk_process(tmp_path, config_file, "--demo"))
        wait_until(lambda: seated(demo), again, "a desk on the new demo")
        assert identity(demo) != built
        assert employee_1()["set_by"] != "Per Holm"
    finally:
        for desk in desks:
            if desk.poll() is None:
                desk.kill()
            desk.wait(timeout=30)
            if desk.stderr is not None:
                desk.stderr.close()


@pytest.mark.parametrize(("demo", "purges"), [(True, False), (False, True)], ids=["demo", "own"])
def test_a_desk_on_the_demo_keeps_its_history_and_one_on_its_own_database_purges(
    tmp_path: Path,
    config_file: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    demo: bool,
    purges: bool,
) -> None:
    """The demo is fictional and rebuilt at each start; its history is for last year's
    report, which a purge at the desk's start would thin to the retention."""
    from reception_tui.tui import app as app_module

    monkeypatch.setattr(config, "user_data_dir", lambda: tmp_path / "data")
    built: list[bool] = []
    real = app_module.build_app

    def build(*args: Any, purge: bool = True, **kwargs: Any) -> Any:
        built.append(purge)
        app = real(*args, purge=purge, **kwargs)
        monkeypatch.setattr(app, "run", lambda *_, **__: None)  # no terminal
        return app

    monkeypatch.setattr(app_module, "build_app", build)
    where = ["--demo", "--employees", "5", "--inquiries", "20"] if demo else [
        "--database", f"sqlite:///{tmp_path / 'own.sqlite3'}"]  # fmt: skip
    assert main([*where, "--as", "Karin Ek", "--config", str(config_file)], clock=clock) == OK
    assert built == [purges]


def test_the_demo_creates_its_data_folder_private_whatever_the_umask(
    tmp_path: Path, config_file: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reception_tui.tui.app import ReceptionApp

    data = tmp_path / "fresh" / "reception-tui"
    monkeypatch.setattr(config, "user_data_dir", lambda: data)
    monkeypatch.setattr(ReceptionApp, "run", lambda self, *args, **kwargs: None)  # no terminal
    previous = os.umask(0o022)
    try:
        code = main(["--demo", "--employees", "5", "--config", str(config_file)], clock=clock)
    finally:
        os.umask(previous)

    assert code == OK
    for folder in (data, data.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((data / "demo.sqlite3").stat().st_mode) == 0o600


def test_a_utf8_staff_file_with_one_stray_byte_is_refused_not_read_as_windows_1252(
    desk: Desk, tmp_path: Path
) -> None:
    lines = [";".join(HEADER), *(";".join(row) for row in STAFF)]
    good = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    stray = ";".join(("1005", "René", "Ek", "", "Kansliet", "2105", "", "rene@x.se")).encode(
        "latin-1"
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(good + stray + b"\r\n")

    result = desk("staff", "import", str(path))

    assert result.code == BAD_INPUT
    assert "rad 6, file: ingen text i UTF-8 (byte 0xe9)" in result.err
    assert desk.person("Örjan Öberg")["title"] == "Enhetschef"  # nobody renamed to Ã–rjan


def test_a_command_that_writes_holds_a_seat_while_it_writes_and_not_after(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reception_tui.store.repository import Repository
    from reception_tui.store.seats import desks_open

    database = sqlite_path(desk.url)
    assert database is not None
    seen: list[bool] = []
    original = Repository.set_presence

    def watching(self: Repository, *args: Any, **kwargs: Any) -> Any:
        seen.append(desks_open(database))  # what a restore would ask right now
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Repository, "set_presence", watching)

    desk.ok("redirect", "Lars Holm", "--status", "lunch")

    assert seen == [True]
    assert not desks_open(database)
