"""Several seats, one truth: what one desk, the CLI or a file changes shows at another desk.

Each desk here waits for changes with a fallback poll of a minute, so a row that changes
within seconds was woken by the database folder's file events (SQLite) or by LISTEN/NOTIFY
(PostgreSQL), not by the poll.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import textwrap
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from textual.pilot import Pilot
from textual.widgets import Button, Input

from reception_tui.clock import FixedClock
from reception_tui.config import Settings, WatchConfig, default_settings, load_settings
from reception_tui.domain.calendar import WorkingCalendar
from reception_tui.domain.desk import Changes
from reception_tui.domain.records import EmployeeRecord
from reception_tui.store.engine import make_engine, sqlite_path
from reception_tui.store.migrate import upgrade
from reception_tui.store.repository import Repository
from reception_tui.store.tables import Change
from reception_tui.tui.app import ReceptionApp, build_app
from reception_tui.tui.forms.redirect import RedirectForm
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.widgets.header import DeskHeader

SIZE = (120, 35)
STATUS = 3  # the grid's status column
C = Change.__table__  # type: ignore[attr-defined]

STAFF_HEADER = "employee_id;first_name;last_name;unit;title;extension"
STAFF_ROWS = (
    "1;Anna;Berg;Bygglov;Bygglovshandläggare;2101",
    "2;Lars;Lind;Kansli;Nämndsekreterare;2104",
)
NILS = "3;Nils;Nyberg;Kansli;Arkivarie;2110"


def live_settings(**changes: object) -> Settings:
    """The shipped settings with a fallback poll of a minute (see the module's docstring)."""
    return default_settings().model_copy(
        update={"watch": WatchConfig(poll_seconds=60.0), **changes}
    )


@pytest.fixture
def seat(
    engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> Callable[..., ReceptionApp]:
    """`seat("Per Holm")`: a desk for that receptionist on the test database (or on an engine
    of its own: `seat("Karin Ek", on=desk_engine)`)."""

    def make(
        actor: str, settings: Settings | None = None, *, on: sa.Engine | None = None
    ) -> ReceptionApp:
        repository = Repository(on or engine, actor=actor, clock=clock, calendar=calendar)
        return build_app(settings or live_settings(), repository, clock=clock)

    return make


@pytest.fixture
def people(repository: Repository) -> dict[str, int]:
    from reception_tui.store.importer import parse_staff_csv

    repository.import_staff(parse_staff_csv("\n".join([STAFF_HEADER, *STAFF_ROWS])).rows)
    return {e.name: e.id for e in repository.employees(default_status="available")}


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Pause until `condition` holds; at most about ten seconds."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}; notices: {notices(pilot.app)}")


def desk_of(app: ReceptionApp) -> DeskScreen:
    return app.desk_screen


def shown(app: ReceptionApp) -> bool:
    desk = app.desk_screen if hasattr(app, "desk_screen") else None
    return (
        desk is not None and desk.loaded and bool(desk.query("#grid")) and desk.grid.row_count > 0
    )


def status_of(app: ReceptionApp, employee_id: int) -> str:
    grids = desk_of(app).query("#grid")  # none while a new desk (a new language) is mounted
    row = grids.first().get_row(employee_id) if grids else None
    return row.cells[STATUS] if row is not None else ""


def notices(app: ReceptionApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def select(pilot: Pilot[None], name: str) -> None:
    """Search for `name` at this desk; the cursor lands on the best match."""
    await pilot.press("escape", *name)
    await pilot.pause()


# ------------------------------------------------------------------ two desks


async def test_a_redirect_saved_at_one_desk_appears_at_another_with_no_key_pressed(
    seat: Callable[..., ReceptionApp], people: dict[str, int]
) -> None:
    karin, per = seat("Karin Ek"), seat("Per Holm")
    lars = people["Lars Lind"]
    async with karin.run_test(size=SIZE) as at_karin, per.run_test(size=SIZE) as at_per:
        await until(at_karin, lambda: shown(karin), "Karin's desk loaded")
        await until(at_per, lambda: shown(per), "Per's desk loaded")
        assert status_of(per, lars) == "Tillgänglig"

        await select(at_karin, "lars")
        await at_karin.press("f5")  # quick status 1: Lunch, back in an hour
        await until(at_karin, lambda: status_of(karin, lars) == "Lunch", "saved at Karin's")

        # Per presses nothing.
        await until(at_per, lambda: status_of(per, lars) == "Lunch", "shown at Per's")
        assert per.desk_screen.employees[lars].presence.set_by == "Karin Ek"


async def test_a_redirect_made_with_the_command_line_updates_the_running_desk(
    seat: Callable[..., ReceptionApp],
    people: dict[str, int],
    database_url: str,
    engine: sa.Engine,
    tmp_path: Path,
) -> None:
    app = seat("Karin Ek")
    lars = people["Lars Lind"]
    config = tmp_path / "config.toml"
    config.write_text("")  # the defaults
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "reception_tui", "redirect", str(lars),
            "--status", "sick", "--as", "Per Holm",
            "--database", database_url, "--config", str(config),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        _, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        # (The command line sets the return time by the real clock, earlier than the desk's.)
        await until(pilot, lambda: "Sjuk" in status_of(app, lars), "the change shown")
    with engine.connect() as connection:
        actor = connection.execute(
            sa.select(C.c.actor).where(C.c.entity == "presence").order_by(C.c.id.desc())
        ).scalar()
    assert actor == "Per Holm"


async def test_conflicting_saves_show_the_other_seats_value_and_both_are_logged(
    seat: Callable[..., ReceptionApp], people: dict[str, int], engine: sa.Engine
) -> None:
    karin, per = seat("Karin Ek"), seat("Per Holm")
    lars = people["Lars Lind"]
    async with karin.run_test(size=SIZE) as at_karin, per.run_test(size=SIZE) as at_per:
        await until(at_karin, lambda: shown(karin), "Karin's desk loaded")
        await until(at_per, lambda: shown(per), "Per's desk loaded")
        # Per opens Lars's form first ...
        await select(at_per, "lars")
        await at_per.press("f2")
        await until(at_per, lambda: isinstance(per.screen, RedirectForm), "Per's form open")
        # ... Karin sets Lunch meanwhile ...
        await select(at_karin, "lars")
        await at_karin.press("f5")
        await until(at_karin, lambda: status_of(karin, lars) == "Lunch", "saved at Karin's")
        # ... and Per saves Möte until 14 from the form he opened before.
        await at_per.press("3", "tab", "1", "4", "enter")
        form = per.screen
        assert isinstance(form, RedirectForm)
        await until(at_per, lambda: form._conflict is not None, "the conflict shown")
        message = str(form.query_one("#message").render())
        assert "Karin Ek ändrade personens status till 'lunch'" in message
        assert "Nu gäller: Lunch" in message
        assert isinstance(per.screen.focused, Button)  # Spara ändå
        await at_per.press("enter")
        await until(at_per, lambda: status_of(per, lars) == "Möte", "Per's save shown")
        await until(at_karin, lambda: status_of(karin, lars) == "Möte", "and at Karin's")
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(C.c.actor, C.c.before, C.c.after)
            .where(C.c.entity == "presence", C.c.entity_id == lars)
            .order_by(C.c.id)
        ).all()
    assert [(actor, after["status_code"]) for actor, _before, after in rows] == [
        ("Karin Ek", "lunch"),
        ("Per Holm", "meeting"),
    ]
    assert rows[1].before["status_code"] == "lunch"  # Per's save says what it replaced


# ------------------------------------------------------------------ watched files


def statuses_toml(lunch_label: str) -> str:
    blocks = []
    for status in default_settings().statuses:
        label = lunch_label if status.code == "lunch" else status.label_sv
        block = (
            f'[[statuses]]\ncode = "{status.code}"\nlabel_sv = "{label}"\n'
            f'label_en = "{status.label_en}"\nneeds_return = {str(status.needs_return).lower()}\n'
            f'available = {str(status.available).lower()}\ncolour = "{status.colour}"\n'
        )
        if status.default_return:
            block += f'default_return = "{status.default_return}"\n'
        blocks.append(block)
    return "\n".join(blocks)


def write_config(
    path: Path, *, language: str = "sv", lunch: str = "Lunch", extra: str = ""
) -> None:
    body = textwrap.dedent(
        f"""\
        [organisation]
        language = "{language}"

        [watch]
        poll_seconds = 60.0
        {extra}
        """
    )
    # Written beside and renamed over, as editors save.
    temporary = path.with_suffix(".tmp")
    temporary.write_text(body + "\n" + statuses_toml(lunch), encoding="utf-8")
    temporary.replace(path)


async def test_config_edits_apply_live_and_a_broken_edit_keeps_the_last_good_config(
    seat: Callable[..., ReceptionApp], people: dict[str, int], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    write_config(config)
    app = seat("Karin Ek", load_settings(config))
    anna = people["Anna Berg"]
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        await select(pilot, "anna")
        await pilot.press("f5")
        await until(pilot, lambda: status_of(app, anna) == "Lunch", "Lunch set")

        # A status renamed, and the redirect form moved to F12.
        write_config(config, lunch="Lunchrast", extra='[keys]\nredirect = "f12"')
        await until(pilot, lambda: status_of(app, anna) == "Lunchrast", "the new label shown")
        assert any("config.toml" in notice for notice in notices(app))
        await pilot.press("f12")
        await until(pilot, lambda: isinstance(app.screen, RedirectForm), "F12 opens the form")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen), "form closed")

        # A broken edit: named by line and key; the running config stays.
        config.write_text('[watch]\npoll_seconds = "often"\n', encoding="utf-8")
        await until(
            pilot,
            lambda: any("rad 2: watch.poll_seconds" in notice for notice in notices(app)),
            "the broken line reported",
        )
        assert status_of(app, anna) == "Lunchrast"
        assert app.settings.keys == {"redirect": "f12"}

        # Another language: the whole desk speaks it, with the same people.
        write_config(config, language="en", lunch="Lunchrast")
        await until(pilot, lambda: status_of(app, anna) == "Lunch", "English labels")
        assert desk_of(app).grid.columns[0].label == "Name"
        assert desk_of(app).search.value == "anna"  # the search carries over
        assert desk_of(app).grid.cursor_key is not None


async def test_the_staff_file_named_in_config_is_imported_when_it_changes(
    seat: Callable[..., ReceptionApp], people: dict[str, int], tmp_path: Path
) -> None:
    staff = tmp_path / "personal.csv"
    staff.write_text("\n".join([STAFF_HEADER, *STAFF_ROWS]), encoding="utf-8")
    config = tmp_path / "config.toml"
    write_config(config, extra='[import]\nstaff_csv = "personal.csv"\npartial = true')
    app = seat("Karin Ek", load_settings(config))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        names = lambda: {e.name for e in desk_of(app).employees.values()}  # noqa: E731
        assert "Nils Nyberg" not in names()

        staff.write_text(
            "\n".join([STAFF_HEADER, *STAFF_ROWS, "3;Nils;Nyberg;Kansli;Arkivarie;2110"]),
            encoding="utf-8",
        )
        await until(pilot, lambda: "Nils Nyberg" in names(), "the new person in the grid")
        assert any("personal.csv lästes in: 1 nya" in notice for notice in notices(app))

        # A bad row: reported by line and field, and nothing changes.
        staff.write_text(
            "\n".join([STAFF_HEADER, *STAFF_ROWS, "4;Olle;;Kansli;Vaktmästare;2111"]),
            encoding="utf-8",
        )
        await until(
            pilot,
            lambda: any("lästes inte in" in notice for notice in notices(app)),
            "the bad file reported",
        )
        failure = next(notice for notice in notices(app) if "lästes inte in" in notice)
        assert "rad 4, last_name: är tom" in failure
        assert "Olle" not in " ".join(names())


async def test_a_watched_staff_file_with_its_header_alone_deactivates_nobody(
    seat: Callable[..., ReceptionApp], people: dict[str, int], tmp_path: Path
) -> None:
    staff = tmp_path / "personal.csv"
    staff.write_text("\n".join([STAFF_HEADER, *STAFF_ROWS]), encoding="utf-8")
    config = tmp_path / "config.toml"
    write_config(config, extra='[import]\nstaff_csv = "personal.csv"')
    app = seat("Karin Ek", load_settings(config))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")

        staff.write_text(STAFF_HEADER + "\n", encoding="utf-8")  # HR's export, cut short
        await until(
            pilot,
            lambda: any("lästes inte in" in notice for notice in notices(app)),
            "the refusal reported",
        )
        failure = next(notice for notice in notices(app) if "lästes inte in" in notice)
        assert "skulle avaktivera 2 av 2 aktiva personer (filen har inga rader)" in failure
        assert "--allow-deactivating 2" in failure
        assert {e.name for e in desk_of(app).employees.values()} == {"Anna Berg", "Lars Lind"}
    assert len(app.repository.employees(default_status="available")) == 2


# ------------------------------------------------------------------ PostgreSQL connection lost


@pytest.fixture
def tagged_url(database_url: str) -> Iterator[str]:
    """The test database with an application name of its own, so its connections can be
    told apart from everyone else's (and killed)."""
    if make_url(database_url).get_backend_name() != "postgresql":
        pytest.skip("a server connection to kill is PostgreSQL's")
    yield (
        make_url(database_url)
        .update_query_dict({"application_name": f"rt_{uuid.uuid4().hex[:10]}"})
        .render_as_string(hide_password=False)
    )


def kill_connections(engine: sa.Engine, application_name: str) -> int:
    with engine.connect() as connection:
        killed = connection.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": application_name},
        ).scalar()
    return int(killed or 0)


@pytest.mark.postgresql
async def test_postgresql_a_killed_connection_recovers_and_no_confirmed_save_is_lost(
    tagged_url: str,
    engine: sa.Engine,
    seat: Callable[..., ReceptionApp],
    people: dict[str, int],
    clock: FixedClock,
    calendar: WorkingCalendar,
) -> None:
    desk_engine = make_engine(tagged_url)
    upgrade(desk_engine)
    name = make_url(tagged_url).query["application_name"]
    assert isinstance(name, str)
    other_seat = Repository(engine, actor="Per Holm", clock=clock, calendar=calendar)
    app = seat("Karin Ek", on=desk_engine)
    anna, lars = people["Anna Berg"], people["Lars Lind"]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: shown(app), "desk loaded")
            await select(pilot, "anna")
            await pilot.press("f5")
            await until(pilot, lambda: status_of(app, anna) == "Lunch", "a confirmed save")

            assert kill_connections(engine, name) >= 1  # the listener, and the pool's

            # Another seat's change still arrives: the listener has reconnected by itself.
            sick = next(s for s in default_settings().status_codes() if s.code == "sick")
            back = clock.now() + timedelta(days=1)
            other_seat.set_presence(lars, status=sick, return_at=back, expected_version=0)
            await until(pilot, lambda: status_of(app, lars) == "Sjuk", "a change after the kill")

            # And this desk saves again.
            await select(pilot, "anna")
            await pilot.press("f4")
            await until(pilot, lambda: status_of(app, anna) == "Tillgänglig", "a save after")
            header = app.desk_screen.query_one(DeskHeader)
            assert header.offline is None
    finally:
        desk_engine.dispose()
    stored = other_seat.employees_by_id([anna, lars], default_status="available")
    assert stored[anna].presence.status_code == "available"
    assert stored[anna].presence.version == 2  # the save before the kill, then the one after
    assert stored[lars].presence.status_code == "sick"


@pytest.fixture
def own_role(tagged_url: str, engine: sa.Engine) -> Iterator[tuple[str, str]]:
    """A login role of its own on the test schema: (its URL, its name). Switching its login
    off makes the server unreachable for this desk alone."""
    role = f"rt_role_{uuid.uuid4().hex[:8]}"
    with engine.connect() as connection:
        schema = connection.execute(sa.text("SELECT current_schema()")).scalar()
        for statement in (
            f"CREATE ROLE {role} LOGIN",
            f"GRANT USAGE ON SCHEMA {schema} TO {role}",
            f"GRANT ALL ON ALL TABLES IN SCHEMA {schema} TO {role}",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        ):
            connection.execute(sa.text(statement))
        connection.commit()
    try:
        yield make_url(tagged_url).set(username=role).render_as_string(hide_password=False), role
    finally:
        with engine.connect() as connection:
            kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :role"
            connection.execute(sa.text(kill), {"role": role})
            connection.execute(sa.text(f"DROP OWNED BY {role}"))
            connection.execute(sa.text(f"DROP ROLE {role}"))
            connection.commit()


@pytest.mark.postgresql
async def test_postgresql_while_the_server_is_away_the_desk_says_so_and_saves_nothing(
    own_role: tuple[str, str],
    engine: sa.Engine,
    seat: Callable[..., ReceptionApp],
    people: dict[str, int],
    clock: FixedClock,
    calendar: WorkingCalendar,
) -> None:
    url, role = own_role
    desk_engine = make_engine(url)
    other_seat = Repository(engine, actor="Per Holm", clock=clock, calendar=calendar)
    app = seat("Karin Ek", on=desk_engine)
    anna, lars = people["Anna Berg"], people["Lars Lind"]
    header = lambda: app.desk_screen.query_one(DeskHeader)  # noqa: E731

    def set_login(allowed: bool) -> None:
        with engine.connect() as connection:
            connection.execute(sa.text(f"ALTER ROLE {role} {'LOGIN' if allowed else 'NOLOGIN'}"))
            # Committed before the desk's connections are ended: else they could log in again
            # at once, before NOLOGIN holds, and the desk would rightly stay online.
            connection.commit()
            if not allowed:
                connection.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        f"WHERE usename = '{role}'"
                    )
                )
            connection.commit()

    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: shown(app), "desk loaded")
            set_login(False)
            await until(pilot, lambda: header().offline is not None, "offline shown")
            assert "FRÅNKOPPLAD" in str(header().render())

            # What is in memory still serves: the search narrows the grid.
            await select(pilot, "lars")
            assert desk_of(app).grid.shown_keys == [lars]
            # A save fails, and says so plainly.
            await pilot.press("f5")
            await until(
                pilot,
                lambda: any(n.startswith("Inte sparat") for n in notices(app)),
                "the failed save reported",
            )
            assert status_of(app, lars) == "Tillgänglig"

            # Meanwhile another seat changes Anna; once back, this desk shows it.
            sick = next(s for s in default_settings().status_codes() if s.code == "sick")
            back = clock.now() + timedelta(days=1)
            other_seat.set_presence(anna, status=sick, return_at=back, expected_version=0)
            set_login(True)
            await until(pilot, lambda: header().offline is None, "online again")
            await until(pilot, lambda: status_of(app, anna) == "Sjuk", "the change made meanwhile")
    finally:
        desk_engine.dispose()
    stored = other_seat.employee(lars, default_status="available")
    assert stored.presence.version == 0  # the save that was refused changed nothing


async def test_a_staff_import_of_thousands_is_one_reload_not_thousands_of_redraws(
    seat: Callable[..., ReceptionApp], people: dict[str, int], repository: Repository
) -> None:
    from reception_tui.store.importer import parse_staff_csv

    app = seat("Karin Ek")
    rows = [f"{n};Ny;Person{n};Enhet {n % 9};Handläggare;{5000 + n}" for n in range(10, 2010)]
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        desk = desk_of(app)
        applied: list[int] = []
        reloads: list[bool] = []
        apply_feed, request_reload = app.model.apply_feed, app.request_reload

        def counting(employees: dict[int, EmployeeRecord], *rest: Any) -> Changes:
            applied.append(len(employees))
            return apply_feed(employees, *rest)

        def reloading() -> None:
            reloads.append(True)
            request_reload()

        app.model.apply_feed = counting  # type: ignore[method-assign]
        app.request_reload = reloading  # type: ignore[method-assign]
        csv = "\n".join([STAFF_HEADER, *STAFF_ROWS, *rows])
        repository.import_staff(parse_staff_csv(csv).rows)
        await until(pilot, lambda: len(desk.employees) == 2002, "everyone shown")
        assert reloads == [True] and applied == []  # one batch, one full reload
        assert desk.grid.row_count == 2002


async def test_a_change_that_arrives_while_everyone_is_read_again_is_not_lost(
    seat: Callable[..., ReceptionApp],
    people: dict[str, int],
    make_repository: Callable[[str], Repository],
) -> None:
    app = seat("Karin Ek")
    lars = people["Lars Lind"]
    read, release = threading.Event(), threading.Event()
    repository = app.repository
    read_everyone = repository.employees

    def slow_read(**options: object) -> list[EmployeeRecord]:
        employees = read_everyone(**options)  # type: ignore[arg-type]
        if not read.is_set():
            read.set()
            release.wait(10)  # hold the read's result until the change below has been shown
        return employees

    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        repository.employees = slow_read  # type: ignore[method-assign]
        app.request_reload()
        await until(pilot, read.is_set, "the reload has read everyone")
        sick = next(s for s in default_settings().status_codes() if s.code == "sick")
        back = app.clock.now() + timedelta(days=1)
        make_repository("Per Holm").set_presence(
            lars, status=sick, return_at=back, expected_version=0
        )
        await until(pilot, lambda: status_of(app, lars) == "Sjuk", "the change shown")
        release.set()  # the reload now delivers what it read before the change
        await until(pilot, lambda: not app.reads.running, "the reload done")
        await pilot.pause(0.2)
        assert status_of(app, lars) == "Sjuk"


async def test_a_new_language_waits_for_an_open_form_and_misses_no_change(
    seat: Callable[..., ReceptionApp],
    people: dict[str, int],
    make_repository: Callable[[str], Repository],
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    write_config(config)
    app = seat("Karin Ek", load_settings(config))
    anna, lars = people["Anna Berg"], people["Lars Lind"]
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        await select(pilot, "anna")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, RedirectForm), "form open")
        write_config(config, language="en")
        await until(pilot, lambda: app.settings.organisation.language == "en", "config read")
        assert isinstance(app.screen, RedirectForm)  # the form stays as it is
        sick = next(s for s in default_settings().status_codes() if s.code == "sick")
        back = app.clock.now() + timedelta(days=1)
        make_repository("Per Holm").set_presence(
            lars, status=sick, return_at=back, expected_version=0
        )
        behind = app.desk_screen
        await until(
            pilot,
            lambda: behind.employees[lars].presence.status_code == "sick",
            "taken in behind the form",
        )
        await pilot.press("escape")
        await until(pilot, lambda: shown(app) and status_of(app, lars) == "Sick", "in English")
        assert app.screen is app.desk_screen
        assert desk_of(app).grid.get_row(anna) is not None


async def test_a_read_only_managers_desk_follows_changes_too(
    people: dict[str, int],
    database_url: str,
    open_engine: Callable[..., sa.Engine],
    make_repository: Callable[[str], Repository],
    clock: FixedClock,
    calendar: WorkingCalendar,
) -> None:
    manager = Repository(
        open_engine(database_url, read_only=True), actor="Chef", clock=clock, calendar=calendar
    )
    app = build_app(live_settings(), manager, clock=clock, read_only=True)
    lars = people["Lars Lind"]
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        sick = next(s for s in default_settings().status_codes() if s.code == "sick")
        back = clock.now() + timedelta(days=1)
        make_repository("Karin Ek").set_presence(
            lars, status=sick, return_at=back, expected_version=0
        )
        await until(pilot, lambda: status_of(app, lars) == "Sjuk", "shown to the manager")


# ------------------------------------------------------------------ the database file itself


@pytest.fixture
def file_desk(
    sqlite_engine: sa.Engine, clock: FixedClock, calendar: WorkingCalendar
) -> Callable[..., ReceptionApp]:
    """`file_desk(poll_seconds=..., events=...)`: Karin's desk on an SQLite file with Anna Berg
    and Lars Lind; with `events=False` only the fallback poll wakes it."""
    from reception_tui.store.importer import parse_staff_csv

    repository = Repository(sqlite_engine, actor="Karin Ek", clock=clock, calendar=calendar)
    repository.import_staff(parse_staff_csv("\n".join([STAFF_HEADER, *STAFF_ROWS])).rows)

    def make(*, poll_seconds: float = 60.0, events: bool = True) -> ReceptionApp:
        watch = WatchConfig(poll_seconds=poll_seconds, database=events)
        settings = default_settings().model_copy(update={"watch": watch})
        return build_app(settings, repository, clock=clock)

    return make


def database_file(app: ReceptionApp) -> Path:
    path = sqlite_path(app.repository.engine.url)
    assert path is not None
    return path


def journal(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def fingerprint(*paths: Path) -> dict[Path, str]:
    """Each file's bytes by hash: whatever a save wrote would change it."""
    return {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def another_database(path: Path, clock: FixedClock, *rows: str) -> Path:
    """A closed, migrated database at `path` with the staff in `rows` (no -wal or -shm left)."""
    from reception_tui.store.importer import parse_staff_csv

    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    repository = Repository(
        engine, actor="Återställd", clock=clock, calendar=default_settings().calendar()
    )
    repository.import_staff(parse_staff_csv("\n".join([STAFF_HEADER, *rows])).rows)
    engine.dispose()
    return path


def header_text(app: ReceptionApp) -> str:
    return app.desk_screen.query_one(DeskHeader).render().plain


async def assert_saves_refused(pilot: Pilot[None], app: ReceptionApp, lars: int) -> None:
    """A quick status and the redirect form both fail and say why; the form keeps its input."""
    await select(pilot, "lars")
    await pilot.press("f5")  # Lunch
    await until(
        pilot,
        lambda: any(n.startswith("Inte sparat: databasfilen") for n in notices(app)),
        "the quick status refused",
    )
    assert status_of(app, lars) == "Tillgänglig"
    await pilot.press("f2")
    await until(pilot, lambda: isinstance(app.screen, RedirectForm), "the form open")
    await pilot.press("3", "tab", "1", "4", "enter")  # Möte, back at 14
    form = app.screen
    assert isinstance(form, RedirectForm)
    await until(
        pilot,
        lambda: "Inte sparat: databasfilen" in str(form.query_one("#message").render()),
        "the form's save refused",
    )
    assert form.query_one("#return-input", Input).value == "14"  # what was typed stays
    await pilot.press("escape")


async def test_a_desk_whose_file_is_deleted_says_so_on_the_poll_and_saves_nothing(
    file_desk: Callable[..., ReceptionApp], tmp_path: Path
) -> None:
    app = file_desk(poll_seconds=0.2, events=False)  # no file events: the poll must notice
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        lars = next(e.id for e in desk_of(app).employees.values() if e.name == "Lars Lind")
        path = database_file(app)
        # The deleted file stays reachable under a second name, to see that nothing reaches it.
        old = tmp_path / "old-inode.sqlite3"
        os.link(path, old)
        before = fingerprint(old, journal(path, "-wal"))
        path.unlink()

        await until(pilot, lambda: "DATABASFILEN BORTA" in header_text(app), "the header says")
        assert any("Databasfilen" in n and "finns inte längre" in n for n in notices(app))
        await assert_saves_refused(pilot, app, lars)

    assert fingerprint(old, journal(path, "-wal")) == before
    assert not path.exists()


async def test_a_desk_whose_file_is_replaced_beside_its_old_journal_saves_nothing(
    file_desk: Callable[..., ReceptionApp], tmp_path: Path, clock: FixedClock
) -> None:
    app = file_desk()  # a poll of a minute: the file event must notice
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        lars = next(e.id for e in desk_of(app).employees.values() if e.name == "Lars Lind")
        path = database_file(app)
        old = tmp_path / "old-inode.sqlite3"
        os.link(path, old)
        new = another_database(tmp_path / "backup.sqlite3", clock, *STAFF_ROWS, NILS)
        old_before, new_before = fingerprint(old, journal(path, "-wal")), fingerprint(new)
        os.replace(new, path)  # the main file only: the -wal and -shm are still the old file's

        await until(pilot, lambda: "DATABASFILEN UTBYTT" in header_text(app), "the header says")
        assert any("loggfiler (-wal, -shm)" in n for n in notices(app))
        await assert_saves_refused(pilot, app, lars)
        assert "Nils Nyberg" not in {e.name for e in desk_of(app).employees.values()}

    assert fingerprint(old, journal(path, "-wal")) == old_before
    assert fingerprint(path) == {path: new_before[new]}


async def test_a_desk_whose_file_is_restored_opens_the_new_one_and_saves_there(
    file_desk: Callable[..., ReceptionApp], tmp_path: Path, clock: FixedClock
) -> None:
    app = file_desk()
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown(app), "desk loaded")
        path = database_file(app)
        new = another_database(tmp_path / "backup.sqlite3", clock, *STAFF_ROWS, NILS)
        # As a restore does it: the old file's journal removed, the new file put in place.
        for suffix in ("-wal", "-shm"):
            journal(path, suffix).unlink()
        os.replace(new, path)

        names = lambda: {e.name for e in desk_of(app).employees.values()}  # noqa: E731
        await until(pilot, lambda: "Nils Nyberg" in names(), "everyone read from the new file")
        assert any("har öppnat den nya filen" in n for n in notices(app))
        assert "DATABAS" not in header_text(app)
        await select(pilot, "nils")
        await pilot.press("f5")
        nils = next(e.id for e in desk_of(app).employees.values() if e.name == "Nils Nyberg")
        await until(pilot, lambda: status_of(app, nils) == "Lunch", "saved")

    reader = make_engine(f"sqlite:///{path}", read_only=True)
    try:
        stored = Repository(
            reader, actor="test", clock=clock, calendar=default_settings().calendar()
        ).employee(nils, default_status="available")
    finally:
        reader.dispose()
    assert stored.presence.status_code == "lunch"
    assert stored.presence.set_by == "Karin Ek"
