"""The desk's actions as a receptionist meets them: the command palette, undo after resolve,
the first start that asks her name, an empty database, and a queue she can read at a glance.

Each test drives the app `build_app` builds, on a real SQLite file with a fixed clock (Wednesday
2026-12-02 10:15 in Stockholm, unless a test moves it), and reads back what was saved.
"""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from fnmatch import fnmatchcase
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from desk_pilot import (
    cells,
    change_log,
    desk_app,
    desk_of,
    no_blink,
    notices,
    open_palette,
    screen_line,
    select,
    settle,
    status,
    until,
)
from textual import events
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from reception_tui import cli, config
from reception_tui.clock import FixedClock
from reception_tui.config import OrganisationConfig, Settings
from reception_tui.domain.records import EmployeeRecord, InquiryState, Outcome
from reception_tui.store.importer import parse_staff_csv
from reception_tui.store.repository import Repository
from reception_tui.tui.app import ReceptionApp
from reception_tui.tui.forms.message import MessageForm
from reception_tui.tui.forms.name import NameForm
from reception_tui.tui.forms.reassign import ReassignForm
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.screens.desk_actions import UNDO_TIME
from reception_tui.tui.widgets.header import DeskHeader

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 2, 10, 15, tzinfo=STOCKHOLM)
SIZE = (120, 35)
GREETING = "Malung-Sälens kommun"

# Grid columns: name, unit, extension, status, return, redirect, title.
NAME, UNIT, EXTENSION, STATUS, RETURN, REDIRECT = range(6)
# Queue columns: for, caller, due, contact, received, attempts.
FOR, CALLER, DUE, CONTACT, RECEIVED, ATTEMPTS = range(6)

Staff = dict[str, EmployeeRecord]
OpenDesk = Callable[..., AbstractAsyncContextManager[Pilot[None]]]
WaitForDesk = Callable[[Pilot[None]], Awaitable[DeskScreen]]
Burst = Callable[..., None]

ENGLISH = Settings(organisation=OrganisationConfig(language="en"))


# ------------------------------------------------------------------ helpers


def drawn(widget: Widget) -> str:
    """What a widget draws in the space the screen gives it, line by line."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def palette_lines(pilot: Pilot[None]) -> list[str]:
    """Every line the open palette lists, the commands' sentences and its own words too."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    return [str(option.prompt) for option in palette.query_one(OptionList).options]


def highlighted(pilot: Pilot[None]) -> str:
    palette = pilot.app.screen
    if not isinstance(palette, CommandPalette):
        return ""
    option = palette.query_one(OptionList).highlighted_option
    return str(option.prompt).split("\n")[0] if option is not None else ""


# ------------------------------------------------------------------ the command palette

SWEDISH_COMMANDS = [
    "Hjälp (F1)",
    "Status/hänvisning (F2)",
    "Meddelande (F3)",
    "Tillgänglig (F4)",
    "Lunch (+1h) (F5)",
    "Möte (+1h) (F6)",
    "Sjuk (nästa arbetsdag) (F7)",
    "Gått för dagen (nästa arbetsdag) (F8)",
    "Logga försök (F9)",
    "Klar (Alt+R)",
    "Ångra (Ctrl+Z)",
    "Flytta (Alt+A)",
    "Detaljer (Alt+O)",
    "Filter (Alt+V)",
    "Läs om (Ctrl+L)",
    "Avsluta (Ctrl+Q)",
]
ENGLISH_COMMANDS = [
    "Help (F1)",
    "Status/redirect (F2)",
    "Message (F3)",
    "Available (F4)",
    "Lunch (+1h) (F5)",
    "Meeting (+1h) (F6)",
    # Their return time is worded apart: test_an_english_palette_has_no_swedish_words.
    "Sick (*) (F7)",
    "Gone for the day (*) (F8)",
    "Log attempt (F9)",
    "Done (Alt+R)",
    "Undo (Ctrl+Z)",
    "Reassign (Alt+A)",
    "Details (Alt+O)",
    "Filter (Alt+V)",
    "Reload (Ctrl+L)",
    "Quit (Ctrl+Q)",
]
# What Textual's own palette would offer, in English, whatever the desk's language.
TEXTUAL_COMMANDS = ("Quit the application", "Change theme", "Keys", "Screenshot", "Maximize",
                    "Minimize", "Show keys", "Save screenshot")  # fmt: skip


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", SWEDISH_COMMANDS), ("en", ENGLISH_COMMANDS)],
    ids=["swedish", "english"],
)
async def test_an_empty_palette_lists_the_desks_actions_once_each_in_the_registrys_order(
    language: str,
    expected: list[str],
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    settings = Settings(organisation=OrganisationConfig(language=language))
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        listed = await open_palette(pilot)
        assert len(listed) == len(set(listed)), listed  # each once
        assert len(listed) == len(expected), listed
        for shown, wanted in zip(listed, expected, strict=True):
            assert fnmatchcase(shown, wanted), (shown, wanted)
        assert not [c for c in listed if c.startswith(TEXTUAL_COMMANDS)], listed


async def test_an_english_palette_has_no_swedish_words(
    repository: Repository, clock: FixedClock, staff: Staff, open_desk: OpenDesk
) -> None:
    async with open_desk(desk_app(ENGLISH, repository, clock)) as pilot:
        listed = await open_palette(pilot)
        assert not [c for c in listed if "nästa arbetsdag" in c], listed
        assert [c for c in listed if "(next working day)" in c], listed


@pytest.mark.parametrize(
    ("language", "typed", "command"),
    [
        ("sv", "lunch", "Lunch (+1h) (F5)"),
        ("sv", "klar", "Klar (Alt+R)"),
        ("en", "lunch", "Lunch (+1h) (F5)"),
        ("en", "done", "Done (Alt+R)"),
    ],
)
async def test_a_command_chosen_in_the_palette_is_saved_as_its_key_would_save_it(
    language: str,
    typed: str,
    command: str,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    settings = Settings(organisation=OrganisationConfig(language=language))
    anna = staff["Anna Berg"]
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=anna.id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = await select(pilot, anna)
        assert desk.queue.cursor_key == inquiry.id
        await open_palette(pilot, typed)
        await until(pilot, lambda: highlighted(pilot) == command, f"{command} is first")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is desk

    saved = repository.employee(anna.id, default_status="available").presence
    item = repository.inquiry(inquiry.id)
    if typed == "lunch":
        assert (saved.status_code, saved.return_at) == (
            "lunch",
            datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM),
        )
        assert item.state is InquiryState.OPEN
    else:
        assert saved.version == 0  # nobody's status changed
        assert item.state is InquiryState.CLOSED


async def test_a_command_typed_in_one_burst_into_the_palette_opens_its_form(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    burst: Burst,
) -> None:
    anna = staff["Anna Berg"]
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        await select(pilot, anna)
        await open_palette(pilot)
        burst(pilot.app, *"meddel")
        await until(pilot, lambda: highlighted(pilot) == "Meddelande (F3)", "F3 is first")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, MessageForm), "the form opens")
        form = pilot.app.screen
        assert isinstance(form, MessageForm)
        assert "Anna Berg" in str(form.query_one("#for", Static).render())


async def test_a_palette_that_finds_nothing_says_so_in_swedish(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        assert await open_palette(pilot, "xyzzy") == []
        await pilot.pause(0.7)  # "no matches" is said half a second later
        lines = palette_lines(pilot)
        assert not [line for line in lines if "No matches" in line], lines
        assert [line for line in lines if "Inget kommando passar" in line], lines


# ------------------------------------------------------------------ undo after resolve


def closed_notice(caller: str) -> str:
    return f"Ärendet från {caller} är klart. Ctrl+Z ångrar."


async def resolve_in_queue(pilot: Pilot[None], repository: Repository, inquiry_id: int) -> None:
    desk = desk_of(pilot)
    desk.queue.focus()
    assert desk.queue.move_cursor_to_key(inquiry_id)
    await pilot.press("alt+r")
    await until(
        pilot,
        lambda: repository.inquiry(inquiry_id).state is InquiryState.CLOSED,
        "the item is closed",
    )
    await settle(pilot)
    assert inquiry_id not in desk.queue.shown_keys


@pytest.mark.parametrize("where", ["queue", "search"])
async def test_ctrl_z_right_after_alt_r_opens_the_item_again_and_logs_who(
    where: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        await resolve_in_queue(pilot, repository, inquiry.id)
        assert closed_notice("Olle Ek") in notices(pilot)

        if where == "search":  # she has gone on to look someone up meanwhile
            await pilot.press(*"lars")
            assert desk.search.has_focus
        clock.advance(UNDO_TIME - timedelta(seconds=1))
        pilot.app.clear_notifications()
        await pilot.press("ctrl+z")
        await until(
            pilot,
            lambda: repository.inquiry(inquiry.id).state is InquiryState.OPEN,
            "the item is open again",
        )
        await settle(pilot)
        assert inquiry.id in desk.queue.shown_keys
        assert cells(desk.queue, inquiry.id)[CALLER] == "Olle Ek"
        assert "Ärendet från Olle Ek är öppet igen." in notices(pilot)

    reopened = repository.inquiry(inquiry.id)
    assert reopened.closed_at is None
    assert [i.id for i in repository.open_inquiries()] == [inquiry.id]
    last = change_log(repository, "inquiry")[-1]
    assert last.entity_id == inquiry.id
    assert last.actor == "Karin Ek"
    assert last.action == "reopen"  # as Repository.reopen_inquiry logs it
    assert last.after is not None and last.after["state"] == "open"


async def test_alt_r_and_ctrl_z_in_one_burst_leave_the_item_open_and_log_both(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
    burst: Burst,
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        desk.queue.focus()
        assert desk.queue.move_cursor_to_key(inquiry.id)
        pilot.app.clear_notifications()
        burst(pilot.app, "alt+r", "ctrl+z")  # both keys arrive before the close is saved
        await until(
            pilot,
            lambda: (
                [c.action for c in change_log(repository, "inquiry")][-2:] == ["resolve", "reopen"]
            ),
            "closed and opened again",
        )
        await settle(pilot)
        assert inquiry.id in desk.queue.shown_keys
        assert "Inget att ångra." not in notices(pilot)
        assert "Ärendet från Olle Ek är öppet igen." in notices(pilot)

    assert repository.inquiry(inquiry.id).state is InquiryState.OPEN


async def test_ctrl_z_after_the_undo_time_says_there_is_nothing_to_undo_and_the_item_stays_closed(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    inquiry = repository.add_inquiry(
        caller_name="Olle Ek", caller_number="+46701234567", employee_id=staff["Anna Berg"].id
    )
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk = desk_of(pilot)
        await resolve_in_queue(pilot, repository, inquiry.id)
        changes = repository.last_change_id()

        clock.advance(UNDO_TIME + timedelta(seconds=1))
        pilot.app.clear_notifications()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(pilot) == ["Inget att ångra."]
        assert inquiry.id not in desk.queue.shown_keys

    assert repository.inquiry(inquiry.id).state is InquiryState.CLOSED
    assert repository.last_change_id() == changes


async def test_ctrl_z_with_nothing_resolved_says_there_is_nothing_to_undo(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    repository.add_inquiry(caller_name="Olle Ek", employee_id=staff["Anna Berg"].id)
    changes = repository.last_change_id()
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        pilot.app.clear_notifications()
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert notices(pilot) == ["Inget att ångra."]
    assert repository.last_change_id() == changes


# ------------------------------------------------------------------ the first start: her name

USER_CONFIG = """\
# Karins egna inställningar för växeln.
[organisation]
language = "sv"  # svenska på skrivbordet

[desk]
# Namnet i hälsningen; skrivbordet fyller i det första gången.
"""


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Her own config.toml (not written yet), where platformdirs finds it: under
    $XDG_CONFIG_HOME, pointed into tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv(config.CONFIG_ENV, raising=False)
    folder = config.user_config_dir()
    assert folder == tmp_path / "xdg-config" / "reception-tui"
    return folder / config.CONFIG_FILE


def write_user_config(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(USER_CONFIG, encoding="utf-8")


async def wait_for_name_form(pilot: Pilot[None]) -> NameForm:
    """The name form over a desk that has loaded everyone."""
    app = pilot.app
    assert isinstance(app, ReceptionApp)
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, NameForm) and app.desk_screen.loaded:
            return app.screen
    raise AssertionError(f"no name form over a loaded desk: {app.screen!r}")


def header_line(app: ReceptionApp) -> str:
    return app.desk_screen.query_one(DeskHeader).render().plain


def problem(form: NameForm) -> str:
    return str(form.query_one("#problem", Static).render())


async def give_name(pilot: Pilot[None], form: NameForm, how: str, name: str, burst: Burst) -> None:
    field = form.query_one("#name", Input)
    assert field.has_focus
    if how == "keys":
        await pilot.press(*name, "enter")
    elif how == "burst":
        burst(pilot.app, *[{" ": "space"}.get(c, c) for c in name], "enter")
    else:
        field.post_message(events.Paste(name))
        await pilot.pause()
        await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("how", ["keys", "burst", "paste"])
async def test_the_first_start_asks_her_name_and_keeps_it_in_her_config_with_its_comments(
    how: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    user_config: Path,
    burst: Burst,
) -> None:
    write_user_config(user_config)
    anna = staff["Anna Berg"]
    app = desk_app(settings, repository, clock, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        form = await wait_for_name_form(pilot)
        assert header_line(app).startswith(f"{GREETING}, Karin Ek ")  # the login, until then

        await give_name(pilot, form, how, "Karin Öberg", burst)
        await until(pilot, lambda: pilot.app.screen is app.desk_screen, "the desk is back")
        assert repository.actor == "Karin Öberg"
        assert header_line(app).startswith(f"{GREETING}, Karin Öberg ")
        await until(pilot, lambda: bool(notices(pilot)), "she is told where the name is kept")
        assert notices(pilot) == [f"Hej Karin Öberg! Namnet finns nu i {user_config}."]

        # What she saves next carries her name.
        await select(pilot, anna)
        await pilot.press("f5")
        await until(
            pilot,
            lambda: repository.employee(anna.id, default_status="available").presence.version,
            "lunch is saved",
        )
        await settle(pilot)

    saved = repository.employee(anna.id, default_status="available").presence
    assert (saved.status_code, saved.set_by) == ("lunch", "Karin Öberg")
    assert change_log(repository)[-1].actor == "Karin Öberg"

    kept = user_config.read_text(encoding="utf-8")
    assert kept.startswith(USER_CONFIG)  # every comment and line as it was
    assert kept[len(USER_CONFIG) :].strip() == 'receptionist = "Karin Öberg"'
    assert tomllib.loads(kept)["desk"] == {"receptionist": "Karin Öberg"}
    assert config.remembered_receptionist() == "Karin Öberg"


async def test_her_name_makes_a_config_toml_where_she_had_none(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    user_config: Path,
    burst: Burst,
) -> None:
    app = desk_app(settings, repository, clock, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        form = await wait_for_name_form(pilot)
        await give_name(pilot, form, "keys", "  Karin   Öberg ", burst)
        await until(pilot, lambda: user_config.exists(), "the name is kept")
    assert repository.actor == "Karin Öberg"  # spaces as a person means them
    assert tomllib.loads(user_config.read_text(encoding="utf-8")) == {
        "desk": {"receptionist": "Karin Öberg"}
    }


async def test_escape_at_the_first_start_goes_on_under_the_login_and_writes_nothing(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    user_config: Path,
) -> None:
    app = desk_app(settings, repository, clock, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_name_form(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is app.desk_screen
        assert repository.actor == "Karin Ek"
        assert header_line(app).startswith(f"{GREETING}, Karin Ek ")
    assert not user_config.parent.exists()
    assert config.remembered_receptionist() == ""


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param("", "Skriv ditt namn, eller Esc för att hoppa över.", id="empty"),
        pytest.param("   ", "Skriv ditt namn, eller Esc för att hoppa över.", id="spaces"),
        pytest.param(
            "\x1b[31m",
            "Namn: texten har ett styrtecken (U+001B) som inte kan sparas.",
            id="escape-sequence",
        ),
        pytest.param(
            "Karin\x1b[31mÖberg",
            "Namn: texten har ett styrtecken (U+001B) som inte kan sparas.",
            id="escape-in-a-name",
        ),
    ],
)
async def test_a_name_that_cannot_be_kept_is_refused_saying_why(
    typed: str,
    said: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    user_config: Path,
) -> None:
    app = desk_app(settings, repository, clock, ask_name=True)
    async with app.run_test(size=SIZE) as pilot:
        form = await wait_for_name_form(pilot)
        form.query_one("#name", Input).post_message(events.Paste(typed))
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is form
        assert problem(form) == said
        assert repository.actor == "Karin Ek"

        # She can still say her name, or go on without.
        await pilot.press("ctrl+u", *"Karin Öberg", "enter")  # ctrl+u empties the field
        await settle(pilot)
        assert repository.actor == "Karin Öberg"
    assert config.remembered_receptionist() == "Karin Öberg"


@pytest.fixture
def cli_desk(
    tmp_path: Path,
    sqlite_url: str,
    engine: sa.Engine,
    clock: FixedClock,
    user_config: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[..., tuple[bool, str]]:
    """`reception-tui [options]` with no terminal: whether the desk asks her name, and who it
    saves as. The config file given with --config has no receptionist unless `receptionist`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    seen: list[tuple[bool, str]] = []

    def run(self: ReceptionApp, *args: object, **kwargs: object) -> None:
        seen.append((self._ask_name, self.repository.actor))

    monkeypatch.setattr(ReceptionApp, "run", run)

    def desk(*options: str, receptionist: str = "") -> tuple[bool, str]:
        given = tmp_path / "desk.toml"
        given.write_text(f'[desk]\nreceptionist = "{receptionist}"\n', encoding="utf-8")
        code = cli.main(["--config", str(given), "--database", sqlite_url, *options], clock=clock)
        assert code == cli.OK
        return seen.pop()

    return desk


def test_the_desk_asks_her_name_only_when_nothing_names_her(
    cli_desk: Callable[..., tuple[bool, str]], user_config: Path
) -> None:
    login = Settings().actor()
    assert cli_desk() == (True, login)
    assert cli_desk("--as", "Per Holm") == (False, "Per Holm")
    assert cli_desk(receptionist="Lena Ek") == (False, "Lena Ek")
    assert cli_desk("--read-only") == (False, login)

    # The name she gave at an earlier start (kept in her own config.toml).
    config.remember_receptionist("Karin Öberg")
    assert config.remembered_receptionist() == "Karin Öberg"
    assert cli_desk() == (False, "Karin Öberg")
    assert cli_desk("--as", "Per Holm") == (False, "Per Holm")  # --as still comes first
    assert cli_desk(receptionist="Lena Ek") == (False, "Lena Ek")


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param("", id="no-file"),
        pytest.param("[desk]\n", id="no-name"),
        pytest.param('[desk]\nreceptionist = "   "\n', id="blank"),
        pytest.param('[desk]\nreceptionist = "Karin\\u001b[2J"\n', id="control-character"),
        pytest.param('[desk\nreceptionist = "Karin"\n', id="broken-toml"),
        pytest.param("desk = 3\n", id="desk-not-a-table"),
    ],
)
def test_no_usable_name_kept_means_she_is_asked(kept: str, user_config: Path) -> None:
    if kept:
        user_config.parent.mkdir(parents=True)
        user_config.write_text(kept, encoding="utf-8")
    assert config.remembered_receptionist() == ""


# ------------------------------------------------------------------ an empty database


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ("Ingen personal ännu.", "reception-tui staff import FIL.csv")),
        ("en", ("No staff yet.", "reception-tui staff import FILE.csv")),
    ],
)
async def test_an_empty_database_says_how_to_get_staff_in(
    language: str,
    words: tuple[str, str],
    repository: Repository,
    clock: FixedClock,
) -> None:
    settings = Settings(organisation=OrganisationConfig(language=language))
    app = desk_app(settings, repository, clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.desk_screen.loaded, "the desk has read the database")
        await settle(pilot)
        summary = app.desk_screen.query_one("#staff-summary", Static)
        said = str(summary.render())
        assert said.startswith(words[0])
        assert "reception-tui --demo" in said
        shown = drawn(summary)
        for part in words:
            assert part in shown, shown  # on the screen, not only in the widget
        assert app.desk_screen.grid.row_count == 0


@pytest.mark.parametrize("size", [(120, 35), (200, 60)], ids=["120x35", "200x60"])
async def test_an_empty_database_shows_all_of_its_help(
    size: tuple[int, int], settings: Settings, repository: Repository, clock: FixedClock
) -> None:
    app = desk_app(settings, repository, clock)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.desk_screen.loaded, "the desk has read the database")
        await settle(pilot)
        shown = " ".join(drawn(app.desk_screen.query_one("#staff-summary")).split())
        assert "eller titta runt med reception-tui --demo." in shown, shown


# ------------------------------------------------------------------ reading the queue

LONG_NAMES_CSV = """\
employee_id;first_name;last_name;unit;title;extension;keywords;visiting_address
1;Ann-Sofie;Lindqvist;Barn och utbildning;Förskollärare;2049;förskola;Skolgatan 5
2;Anna;Berg;Bygg och miljö;Bygglovshandläggare;1234;bygglov;Kommunhuset
"""
LATE_NOW = datetime(2026, 12, 2, 19, 45, tzinfo=STOCKHOLM)  # Wednesday evening


@pytest.fixture
def long_names(repository: Repository, settings: Settings, clock: FixedClock) -> dict[str, int]:
    """Ann-Sofie Lindqvist with two items from Sören Lindén-Åberg, one due at 16:30 today
    (3 h 15 min late at LATE_NOW), one due on Monday (2 days late); and Anna Berg at lunch
    until 11:15. Name -> id."""
    repository.import_staff(parse_staff_csv(LONG_NAMES_CSV).rows)
    people = {e.name: e for e in repository.employees(default_status="available")}
    ann_sofie, anna = people["Ann-Sofie Lindqvist"], people["Anna Berg"]
    hours = repository.add_inquiry(
        caller_name="Sören Lindén-Åberg",
        caller_number="+46701234567",
        employee_id=ann_sofie.id,
        received_at=datetime(2026, 11, 30, 9, 0, tzinfo=STOCKHOLM),  # Monday: due today
    )
    days = repository.add_inquiry(
        caller_name="Sören Lindén-Åberg",
        caller_number="+46280181000",
        employee_id=ann_sofie.id,
        received_at=datetime(2026, 11, 26, 9, 5, tzinfo=STOCKHOLM),  # Thursday: due Monday
    )
    repository.log_attempt(days.id, Outcome.NO_ANSWER)
    repository.set_presence(
        anna.id,
        status=status(settings, "lunch"),
        return_at=datetime(2026, 12, 2, 11, 15, tzinfo=STOCKHOLM),
        expected_version=0,
    )
    clock.set(LATE_NOW)
    return {"hours": hours.id, "days": days.id, "Anna Berg": anna.id}


@pytest.mark.parametrize(
    "size",
    [
        pytest.param((100, 30), id="100x30"),
        pytest.param((120, 35), id="120x35"),
        pytest.param((160, 48), id="160x48"),
        pytest.param((170, 48), id="170x48"),
        pytest.param((200, 60), id="200x60"),
        pytest.param((240, 60), id="240x60 side by side"),
    ],
)
async def test_the_queue_shows_whole_names_how_late_and_every_column(
    size: tuple[int, int],
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    long_names: dict[str, int],
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock), size=size) as pilot:
        desk = desk_of(pilot)
        queue = desk.queue
        assert cells(queue, long_names["hours"])[DUE] == "försenad 3 h"
        assert cells(queue, long_names["days"])[DUE] == "försenad 2 d"

        header = queue.render_line(0).text
        for label in ("Till", "Uppringare", "Senast", "Nummer", "Kom in", "Försök"):
            assert label in header, header
        for key, late, received, attempts in (
            (long_names["hours"], "försenad 3 h", "mån 09:00", ""),
            (long_names["days"], "försenad 2 d", "tor 09:05", "1"),
        ):
            line = screen_line(queue, key)
            assert "…" not in line, line
            assert "Ann-Sofie Lindqvist" in line and "Sören Lindén-Åberg" in line, line
            assert late in line and received in line, line
            assert line.rstrip().endswith(received + (f" {attempts}" if attempts else "")), line

        title = drawn(desk.query_one("#queue-title"))
        assert title.strip() == (
            "Återkopplingar (alla) · 2 ärenden · 2 försenade · 0 ska besvaras idag"
        )


@pytest.mark.parametrize(
    "size", [(100, 30), (120, 35), (200, 60)], ids=["100x30", "120x35", "200x60"]
)
async def test_a_passed_return_time_says_expected_back_in_the_status_column_at_every_size(
    size: tuple[int, int],
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    long_names: dict[str, int],
    open_desk: OpenDesk,
) -> None:
    anna = long_names["Anna Berg"]
    async with open_desk(desk_app(settings, repository, clock), size=size) as pilot:
        desk = desk_of(pilot)
        assert cells(desk.grid, anna)[STATUS] == "Väntas åter (Lunch)"
        line = screen_line(desk.grid, anna)
        assert "Väntas åter (" in line, line
        assert "11:15" in line, line


# ---------------------------------------------------------------- the footer's and Textual's words


def screen_lines(pilot: Pilot[None]) -> list[str]:
    """The whole terminal as the receptionist sees it, line by line."""
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]


@pytest.mark.parametrize("table", ["#grid", "#queue"])
async def test_the_footer_offers_enter_through_the_desks_own_keys_and_no_english_word(
    table: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    repository.add_inquiry(caller_name="Olle Ek", employee_id=staff["Anna Berg"].id)
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk_of(pilot).query_one(table).focus()
        await pilot.pause()
        await pilot.pause()
        footer = screen_lines(pilot)[-1]
        assert "⏎" not in footer and "Open" not in footer, footer
        assert "f2 Status/hänvisning" in footer, footer  # what Enter opens on a person


@pytest.mark.parametrize("focus", ["#search", "#grid"])
async def test_at_100_columns_the_footer_shows_every_key_it_offers_with_its_words(
    focus: str,
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock), size=(100, 30)) as pilot:
        desk_of(pilot).query_one(focus).focus()
        await pilot.pause()
        await pilot.pause()
        footer = screen_lines(pilot)[-1]
        for words in ("f1 Hjälp", "f2 Status/hänvisning", "f9 Logga försök", "alt+r Klar"):
            assert words in footer, footer


async def test_ctrl_c_on_the_grid_says_how_to_quit_in_swedish(
    settings: Settings,
    repository: Repository,
    clock: FixedClock,
    staff: Staff,
    open_desk: OpenDesk,
) -> None:
    async with open_desk(desk_app(settings, repository, clock)) as pilot:
        desk_of(pilot).grid.focus()
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [f"{n.title} {n.message}" for n in pilot.app._notifications]
        assert said, "Ctrl+C said nothing"
        assert not [words for words in said if "quit" in words], said
        assert "Skrivbordet stängs med Ctrl+Q." in said[-1]


# ------------------------------------------------------------------ snapshots at four sizes


@pytest.mark.parametrize(
    "size",
    [(100, 30), (120, 35), (160, 48), (200, 60)],
    ids=["100x30", "120x35", "160x48", "200x60"],
)
def test_snapshot_the_desk_at_size(
    size: tuple[int, int],
    snap_compare: Callable[..., bool],
    settings: Settings,
    demo_repository: Repository,
    clock: FixedClock,
    wait_for_desk: WaitForDesk,
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await wait_for_desk(pilot)
        no_blink(pilot.app)

    app = desk_app(settings, demo_repository, clock)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


# ------------------------------------------------------------------ reassign


async def test_an_english_reassign_form_says_in_english_that_no_colleague_matches(
    repository: Repository, clock: FixedClock, staff: Staff, open_desk: OpenDesk
) -> None:
    anna = staff["Anna Berg"]
    repository.add_inquiry(caller_name="Olle Ek", caller_number="+46701234567", employee_id=anna.id)
    async with open_desk(desk_app(ENGLISH, repository, clock)) as pilot:
        desk = await select(pilot, anna)
        desk.queue.focus()
        await pilot.press("alt+a")
        await until(pilot, lambda: isinstance(pilot.app.screen, ReassignForm), "the form opens")
        for key in "xyzzy":
            await pilot.press(key)
        await settle(pilot)
        form = pilot.app.screen
        shown = "\n".join(drawn(widget) for widget in form.query("Static"))
        assert "No colleague matches 'xyzzy'" in shown, shown
        assert "Ingen" not in shown and "Välj" not in shown, shown
