"""`reception-tui serve`: the manager's screen in a browser, as an administrator starts it and a
manager opens it, on a demo database of its own.

One server runs for the whole file (`--port 0`, a free port, read from the link it prints).
Its app processes are found as its children in /proc: a refused request starts none, each tab
runs one, and none is left when the server stops. The browser check drives the system's
Chromium (never a downloaded one) through Playwright and reads the terminal, which the page
draws on a canvas, from the websocket's frames through pyte.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from reception_tui.clock import SystemClock
from reception_tui.config import ConfigError, load_settings
from reception_tui.store.demo import build_demo
from reception_tui.store.migrate import open_database
from reception_tui.store.repository import Repository
from reception_tui.words import text

aiohttp = pytest.importorskip("aiohttp", reason="aiohttp comes with textual-serve (web extra)")
pytest.importorskip("textual_serve", reason="textual-serve is not installed (the web extra)")
if not sys.platform.startswith("linux"):
    pytest.skip("the app processes are counted in /proc", allow_module_level=True)

UNIT = "Ekonomi"  # one of the demo's units
MAX_SESSIONS = 2
CONFIG = f"""\
[organisation]
language = "sv"

[web]
max_sessions = {MAX_SESSIONS}

[watch]
config = false
"""
SV = "sv"
TOKEN = "k7Qx-2mZ_pW9vR4tL8sN"  # a token set in config.toml


@dataclass
class Served:
    link: str
    process: subprocess.Popen[str]
    database: str
    env: dict[str, str]
    seen: set[int]  # every app process the server was seen running

    @property
    def base(self) -> str:
        parts = urlsplit(self.link)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def token(self) -> str:
        return parse_qs(urlsplit(self.link).query)["token"][0]

    def children(self) -> set[int]:
        found = _children(self.process.pid)
        self.seen |= found
        return found

    def wait_for_children(self, count: int, timeout: float = 15) -> set[int]:
        deadline = time.monotonic() + timeout
        while len(found := self.children()) != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(found)} app processes, expected {count}")
            time.sleep(0.05)
        return found


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid`, zombies included (one not reaped is left over)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: the name may hold spaces and parentheses.
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, child_env: dict[str, str]) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    config_file = folder / "config.toml"
    config_file.write_text(CONFIG, encoding="utf-8")
    url = f"sqlite:///{folder}/reception.sqlite3"
    settings = load_settings(config_file)
    engine = open_database(url, read_only=False, calendar=settings.calendar())
    repository = Repository(
        engine, actor="Karin Ek", clock=SystemClock(), calendar=settings.calendar()
    )
    build_demo(repository, settings.status_codes(), employees=60)
    engine.dispose()

    env = {**child_env, "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data")}  # fmt: skip
    command = [sys.executable, "-m", "reception_tui", "serve", "--config", str(config_file),
               "--database", url, "--port", "0", "--unit", UNIT]  # fmt: skip
    errors = (folder / "serve.err").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=folder
    )
    assert process.stdout is not None
    said: queue.Queue[str] = queue.Queue()  # what it prints: the link, then its tabs' complaints
    stdout = process.stdout
    threading.Thread(target=lambda: [said.put(line) for line in stdout], daemon=True).start()
    try:
        link = ""
        while not link.startswith("http://"):
            link = said.get(timeout=20).strip()
    except queue.Empty:
        process.kill()
        raise AssertionError(f"serve printed no link: {Path(errors.name).read_text()}") from None
    served = Served(link, process, url, env, set())
    try:
        yield served
    finally:
        seen = served.seen | served.children()
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=15)
        assert code == 0, Path(errors.name).read_text()
        errors.close()
        # Every app process ended with the server: none is left running or unreaped.
        assert [pid for pid in seen if _alive(pid)] == []


def _get(url: str, cookie: str = "") -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _cookie(served: Served) -> str:
    """The cookie the tokened page sets, as a browser sends it back."""
    status, headers, _ = _get(served.link)
    assert status == 200
    return headers["Set-Cookie"].split(";")[0]


# ------------------------------------------------------------------ the token


def test_a_request_without_the_token_is_refused_and_starts_nothing(served: Served) -> None:
    for path in ("/", "/ws?width=80&height=24", "/static/js/textual.js"):
        status, headers, page = _get(served.base + path)
        assert status == 401, path
        assert text(SV, "web.refused_title") in page
        assert headers["Content-Type"].startswith("text/html")
    assert served.children() == set()


def test_a_wrong_token_is_refused_in_the_link_and_in_the_cookie(served: Served) -> None:
    good_cookie = _cookie(served)
    name = good_cookie.split("=")[0]
    assert _get(f"{served.base}/?token=wrong{served.token}")[0] == 401
    assert _get(f"{served.base}/?token={served.token[:-1]}")[0] == 401
    assert _get(f"{served.base}/?token=")[0] == 401
    assert _get(served.base + "/", cookie=f"{name}=wrong")[0] == 401
    # A wrong token in the link is refused even beside a good cookie.
    assert _get(f"{served.base}/?token=wrong", cookie=good_cookie)[0] == 401
    assert served.children() == set()


def test_the_link_with_the_token_gives_the_page_and_a_cookie_for_its_terminal(
    served: Served,
) -> None:
    status, headers, page = _get(served.link)
    assert status == 200
    assert 'id="terminal"' in page
    assert f'data-session-websocket-url="ws://{urlsplit(served.base).netloc}/ws"' in page
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert served.token not in cookie  # another port on the host may see it: not the token
    assert headers["Referrer-Policy"] == "no-referrer"
    # The page's script comes with the cookie alone; the page alone starts no app process.
    assert _get(served.base + "/static/js/textual.js", cookie=cookie.split(";")[0])[0] == 200
    assert served.children() == set()


@contextlib.asynccontextmanager
async def _in_process(**settings: Any) -> AsyncIterator[Any]:
    """A client of a ManagerServer run in this process on a free port, over plain http,
    whatever port it is told; a tab of it would run `true`."""
    from aiohttp.test_utils import TestClient, TestServer

    from reception_tui.web import ManagerServer

    given = {"host": "127.0.0.1", "port": 8020, "token": TOKEN, "max_sessions": 1,
             "public_url": "", "language": SV, **settings}  # fmt: skip
    server = ManagerServer(["true"], **given)
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client


@pytest.mark.parametrize(
    ("public_url", "port", "secure"),
    [
        ("", 8020, False),
        ("", 443, False),  # plain http still, whatever the port
        ("https://intranet.example/chefsvy", 8020, True),  # TLS at the proxy in front
        ("http://intranet.example", 443, False),
    ],
)
async def test_the_cookie_is_secure_when_the_browser_has_the_page_over_https(
    public_url: str, port: int, secure: bool
) -> None:
    async with _in_process(public_url=public_url, port=port) as client:
        response = await client.get("/", params={"token": TOKEN})
        assert response.status == 200
        cookie = response.headers["Set-Cookie"]
    assert ("Secure" in cookie.split("; ")) == secure, cookie


@pytest.mark.parametrize("language", ["sv", "en"])
async def test_the_page_speaks_the_configured_language_and_asks_no_other_server(
    language: str,
) -> None:
    async with _in_process(language=language) as client:
        response = await client.get("/", params={"token": TOKEN})
        assert response.status == 200
        page = await response.text()
        policy = response.headers.get("Content-Security-Policy", "")
        ours = str(client.make_url("/")).rstrip("/")
    assert f'<html lang="{language}">' in page
    for key in ("manager.title", "web.start", "web.session_ended", "web.open_again"):
        assert text(language, key) in html.unescape(page), key
    for english in ("Session ended", "Restart", ">Start<", "Textual Application"):
        assert english not in page
    # Every address the page gives is this server's: its script, styles, font, websocket.
    addresses = re.findall(r"\b[a-z]+://[^\s\"'<>()]+", page)
    assert addresses, page
    assert [a for a in addresses if not a.startswith((ours + "/", "ws" + ours[4:] + "/"))] == []
    assert f"{ours}/static/fonts/RobotoMono-VariableFont_wght.ttf" in addresses
    # And the browser is told to fetch from nowhere else (its script would, given ?ping=).
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert re.findall(r"\b[a-z]+://\S+", policy) == [f"ws{ours[4:]};"]


def test_serve_listens_on_localhost_unless_told_otherwise(served: Served) -> None:
    assert urlsplit(served.link).hostname == "127.0.0.1"


# ------------------------------------------------------------------ the cap


async def test_past_max_sessions_a_tab_gets_the_clear_page_until_one_closes(
    served: Served,
) -> None:
    cookie = _cookie(served)
    headers = {"Cookie": cookie}
    async with aiohttp.ClientSession() as session:
        tabs = [
            await session.ws_connect(f"{served.base}/ws?width=100&height=30", headers=headers)
            for _ in range(MAX_SESSIONS)
        ]
        for tab in tabs:  # each one draws: its process runs
            message = await tab.receive(timeout=20)
            assert message.type == aiohttp.WSMsgType.BINARY
        assert len(served.children()) == MAX_SESSIONS

        status, _, page = await asyncio.to_thread(_get, served.link)
        assert status == 503
        assert text(SV, "web.full_title") in page
        assert text(SV, "web.full", max_sessions=MAX_SESSIONS) in page
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{served.base}/ws", headers=headers)
        assert refused.value.status == 503
        assert len(served.children()) == MAX_SESSIONS

        await tabs[0].close()  # the tab goes, and its process with it
        # Asked for at once, while that process is still ending: the page waits for its end.
        assert (await asyncio.to_thread(_get, served.link))[0] == 200
        assert len(served.children()) == MAX_SESSIONS - 1
        for tab in tabs[1:]:
            await tab.close()
    await asyncio.to_thread(served.wait_for_children, 0)


async def test_a_page_of_another_site_gets_no_terminal(served: Served) -> None:
    headers = {"Cookie": _cookie(served), "Origin": "http://elsewhere.example"}
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{served.base}/ws", headers=headers)
    assert refused.value.status == 403
    assert served.children() == set()


def test_the_terminals_address_opened_as_a_page_is_a_clear_400_and_starts_nothing(
    served: Served,
) -> None:
    cookie = _cookie(served)
    for path in ("/ws", "/ws?width=100&height=30"):
        status, headers, page = _get(served.base + path, cookie=cookie)
        assert status == 400, path
        assert headers["Content-Type"].startswith("text/html")
        assert text(SV, "web.no_terminal_title") in page
    assert served.children() == set()


# ------------------------------------------------------------------ what a page sends


class Painted:
    """The cells a tab's process paints, on a screen larger than any it may be given: it
    paints every cell of its own screen in the theme's background, so their extent is the
    size it believes its terminal is."""

    def __init__(self) -> None:
        import pyte

        self.screen = pyte.Screen(700, 260)
        self.stream = pyte.ByteStream(self.screen)

    def size(self) -> tuple[int, int]:
        buffer = self.screen.buffer
        painted = [(x, y) for y in buffer for x, cell in buffer[y].items() if cell.bg != "default"]
        if not painted:
            return (0, 0)
        return max(x for x, _ in painted) + 1, max(y for _, y in painted) + 1


async def _draws(tab: Any, painted: Painted, size: tuple[int, int], timeout: float = 20) -> None:
    """Return once the tab's process has painted a screen of `size`."""
    started = time.monotonic()
    while painted.size() != size:
        assert time.monotonic() - started < timeout, f"painted {painted.size()}, not {size}"
        with contextlib.suppress(TimeoutError):
            message = await tab.receive(timeout=0.2)
            assert message.type == aiohttp.WSMsgType.BINARY, message
            painted.stream.feed(message.data)


async def _settle(tab: Any, painted: Painted) -> None:
    """Read what the tab's process paints until it has been still for half a second."""
    with contextlib.suppress(TimeoutError):
        while True:
            message = await tab.receive(timeout=0.5)
            if message.type == aiohttp.WSMsgType.BINARY:
                painted.stream.feed(message.data)


async def test_a_page_cannot_size_the_terminal_past_bounds_nor_end_it_with_a_bad_message(
    served: Served,
) -> None:
    pytest.importorskip("pyte", reason="pyte is not installed (the test extra)")
    painted = Painted()
    headers = {"Cookie": _cookie(served)}
    async with aiohttp.ClientSession() as session:
        tab = await session.ws_connect(f"{served.base}/ws?width=5&height=3", headers=headers)
        try:
            await _draws(tab, painted, (20, 10))  # the least the screen is given
            for malformed in (
                "not JSON",
                "[" * 50_000,  # JSON too deep to read
                "{}",
                "[]",
                '["resize"]',
                '["resize", {"width": "wide", "height": 30}]',
                '["resize", [100, 30]]',
                '["stdin", 5]',
                '["stdin", "\\ud800"]',  # a lone surrogate: no UTF-8
                '["ping", {"at": 1}]',
                '["reboot"]',
            ):
                await tab.send_str(malformed)
            await tab.send_str(json.dumps(["ping", "still there"]))
            assert await tab.receive_json(timeout=10) == ["pong", "still there"]

            await _settle(tab, painted)
            painted.screen.reset()
            await tab.send_str(json.dumps(["resize", {"width": 600, "height": 240}]))
            await _draws(tab, painted, (500, 200))  # the most
            assert len(served.children()) == 1
        finally:
            await tab.close()
    await asyncio.to_thread(served.wait_for_children, 0)


async def test_a_message_longer_than_a_paste_closes_the_tab_and_ends_its_process(
    served: Served,
) -> None:
    headers = {"Cookie": _cookie(served)}
    async with aiohttp.ClientSession() as session:
        tab = await session.ws_connect(f"{served.base}/ws", headers=headers)
        assert (await tab.receive(timeout=20)).type == aiohttp.WSMsgType.BINARY
        line = "x" * 60_000  # a long paste still goes through
        await tab.send_str(json.dumps(["ping", line]))
        while (message := await tab.receive(timeout=10)).type == aiohttp.WSMsgType.BINARY:
            pass
        assert message.json() == ["pong", line]

        await tab.send_str(json.dumps(["ping", "x" * 100_000]))
        while (message := await tab.receive(timeout=10)).type == aiohttp.WSMsgType.BINARY:
            pass
        assert message.type == aiohttp.WSMsgType.CLOSE
        assert message.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    await asyncio.to_thread(served.wait_for_children, 0)


# ------------------------------------------------------------------ configuration


@pytest.mark.parametrize(
    ("web", "said"),
    [
        ('token = "short"', "5 characters is too short: give at least 16"),
        ('token = "a token, with spaces a link cannot carry"', "may hold only the letters"),
        ("max_sessions = 0", "must be at least 1"),
        ("max_sessions = 101", "must be at most 100"),
        ("port = 70000", "must be at most 65535"),
        ('host = "not a host"', "is neither an IP address nor a host name"),
        ('public_url = "intranet/manager"', "is no address such as"),
    ],
)
def test_a_bad_web_setting_is_refused_naming_the_key(tmp_path: Path, web: str, said: str) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'[organisation]\nlanguage = "en"\n\n[web]\n{web}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(config_file)
    message = refused.value.say("en")
    assert f"line 5: web.{web.split(' =')[0]}: " in message
    assert said in message


def test_the_shipped_web_settings_are_localhost_a_new_token_and_eight_tabs() -> None:
    settings = load_settings(Path(__file__).resolve().parents[2] / "config.toml")
    web = settings.web
    assert (web.host, web.port, web.token, web.max_sessions, web.public_url) == (
        "127.0.0.1",
        8020,
        "",
        8,
        "",
    )


# ------------------------------------------------------------------ starting


def _serve(
    served: Served, folder: Path, *options: str, config: str = CONFIG
) -> subprocess.Popen[str]:
    """Another `serve` beside the module's, on its database, with `config`."""
    config_file = folder / "config.toml"
    config_file.write_text(config, encoding="utf-8")
    command = [sys.executable, "-m", "reception_tui", "serve", "--config", str(config_file),
               "--database", served.database, *options]  # fmt: skip
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=served.env
    )


def test_a_token_set_in_config_is_the_one_in_the_link(served: Served, tmp_path: Path) -> None:
    token = TOKEN
    with_token = CONFIG.replace("[watch]", f'token = "{token}"\n\n[watch]')
    process = _serve(served, tmp_path, "--port", "0", config=with_token)
    try:
        assert process.stdout is not None
        link = next(line.strip() for line in process.stdout if line.startswith("http://"))
        assert link.endswith(f"/?token={token}")
        assert _get(link)[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0


def test_a_port_already_taken_is_said_and_nothing_served(served: Served, tmp_path: Path) -> None:
    port = str(urlsplit(served.base).port)
    process = _serve(served, tmp_path, "--port", port)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 1, err
    assert text(SV, "cli.serve_cannot_listen", host="127.0.0.1", port=port, reason="")[:-1] in err
    assert "http://" not in out and "Traceback" not in err


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="no setpriv (util-linux)")
async def test_a_server_killed_outright_leaves_no_app_process(
    served: Served, tmp_path: Path
) -> None:
    process = _serve(served, tmp_path, "--port", "0")
    assert process.stdout is not None
    link = await asyncio.to_thread(
        lambda: next(line.strip() for line in process.stdout if line.startswith("http://"))  # type: ignore[union-attr]
    )
    base = link.partition("/?")[0]
    _, headers, _ = await asyncio.to_thread(_get, link)
    async with aiohttp.ClientSession() as session:
        tab = await session.ws_connect(
            f"{base}/ws", headers={"Cookie": headers["Set-Cookie"].split(";")[0]}
        )
        assert (await tab.receive(timeout=20)).type == aiohttp.WSMsgType.BINARY
        (app,) = _children(process.pid)
        process.kill()
        await asyncio.to_thread(process.wait, 10)
        deadline = time.monotonic() + 10
        while _alive(app):
            assert time.monotonic() < deadline, "the tab's process outlived its server"
            await asyncio.sleep(0.05)
        await tab.close()


@pytest.mark.parametrize(
    ("options", "code", "said"),
    [
        (("--unit", "Ingen sådan"), 3, "ingen enhet heter Ingen sådan"),
        (("--host", "inte en värd"), 2, "--host: 'inte en värd' är varken en IP-adress"),
        (("--port", "70000"), 2, "--port: 70000 är ingen port"),
    ],
)
def test_a_wrong_option_is_said_before_anything_is_served(
    served: Served, tmp_path: Path, options: tuple[str, ...], code: int, said: str
) -> None:
    process = _serve(served, tmp_path, *options)
    out, err = process.communicate(timeout=20)
    assert (process.returncode, out) == (code, "")
    assert said in err and err.count("\n") == 1, err


# ------------------------------------------------------------------ in a browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FIGURES = text(SV, "manager.figures", period="")  # "Uppföljning · ", the table's title
MEASURE = text(SV, "report.column.share_within")  # a measure the table names in its first column
HEADER = f"{text(SV, 'manager.title')} · {UNIT} · "  # the screen's first line, then the period
CHART = text(SV, "manager.chart")  # the weekly share's title, beside the table


class Terminal:
    """What a tab's terminal shows, rebuilt through pyte from the bytes its websocket brings
    (the page draws them on a canvas)."""

    def __init__(self, columns: int, rows: int) -> None:
        import pyte

        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = 0

    def received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)
            self.frames += 1

    def sent(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            kind, *values = json.loads(payload)
            if kind == "resize":
                self.screen.resize(values[0]["height"], values[0]["width"])

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def shows(self, *words: str) -> bool:
        shown = "\n".join(self.lines())
        return all(word in shown for word in words)

    def line_with(self, word: str) -> str:
        return next((line for line in self.lines() if word in line), "")


def _browser_or_skip() -> Any:
    """Playwright's sync API, with pyte and Debian's Chromium there; else the test skips."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright module is not installed (the test extra)"
    )
    pytest.importorskip("pyte", reason="pyte is not installed (the test extra)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("no chromium (Debian: apt-get install chromium)")
    return sync_api


def _recording(terminals: list[Terminal]) -> Callable[[Any], None]:
    """A page's websocket handler: each terminal it opens is read into a `Terminal` kept in
    `terminals`, at the size the page asked for."""

    def watch(websocket: Any) -> None:
        query = parse_qs(urlsplit(websocket.url).query)
        terminal = Terminal(int(query["width"][0]), int(query["height"][0]))
        websocket.on("framereceived", terminal.received)
        websocket.on("framesent", terminal.sent)
        terminals.append(terminal)

    return watch


def _wait(
    pause: Callable[[], object],
    until: Callable[[], bool],
    what: str,
    terminals: list[Terminal],
    timeout: float = 20,
) -> None:
    """Return once `until()`; `pause` lets the page run in between."""
    started = time.monotonic()
    while not until():
        if time.monotonic() - started > timeout:
            shown = "\n".join(terminals[0].lines()) if terminals else "(no terminal)"
            raise AssertionError(f"the terminal never showed {what}:\n{shown}")
        pause()


def test_a_manager_sees_the_units_screen_in_a_browser_and_steps_the_period(
    served: Served, tmp_path: Path
) -> None:
    sync_api = _browser_or_skip()
    terminals: list[Terminal] = []

    watch = _recording(terminals)

    def shown(*words: str) -> Callable[[], bool]:
        return lambda: bool(terminals) and terminals[0].shows(*words)

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            elsewhere: list[str] = []  # what the page asked of another server: nothing
            page.route("**/*", _only_from(served.base, elsewhere))
            fetched: list[str] = []
            page.on("requestfinished", lambda request: fetched.append(request.url))
            page.on("websocket", watch)
            pause = partial(page.wait_for_timeout, 50)
            opened = time.monotonic()
            page.goto(served.link)
            figures = shown(HEADER, FIGURES, CHART)
            _wait(pause, figures, "the unit's figures", terminals)
            first_text = time.monotonic() - opened
            (terminal,) = terminals
            assert text(SV, "period.last_twelve_months") in terminal.line_with(HEADER)
            assert text(SV, "read_only") in terminal.line_with(HEADER)
            assert len(served.children()) == 1  # the tab's own process

            page.locator("#terminal").click()
            page.keyboard.press("F6")
            this_week = text(SV, "period.this_week")
            next_period = lambda: this_week in terminal.line_with(HEADER)  # noqa: E731
            _wait(pause, next_period, "the next period", terminals)
            _wait(pause, shown(MEASURE), "the follow-up's measures", terminals)
            page.screenshot(path=tmp_path / "serve.png")
            print(f"\npage open -> first text {first_text:.2f} s ({terminal.frames} frames)")
            assert elsewhere == []
            assert f"{served.base}/static/fonts/RobotoMono-VariableFont_wght.ttf" in fetched
            page.close()  # the tab goes, and its process with it
        finally:
            browser.close()
    served.wait_for_children(0)


def test_a_tab_reloaded_at_the_cap_opens_again_and_a_second_tab_is_still_refused(
    served: Served, tmp_path: Path
) -> None:
    sync_api = _browser_or_skip()
    one_tab = CONFIG.replace(f"max_sessions = {MAX_SESSIONS}", "max_sessions = 1")
    process = _serve(served, tmp_path, "--port", "0", "--unit", UNIT, config=one_tab)
    terminals: list[Terminal] = []

    watch = _recording(terminals)

    def drawn(count: int) -> Callable[[], bool]:
        return lambda: len(terminals) == count and terminals[-1].shows(HEADER)

    try:
        assert process.stdout is not None
        link = next(line.strip() for line in process.stdout if line.startswith("http://"))
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                page.on("websocket", watch)
                pause = partial(page.wait_for_timeout, 50)
                page.goto(link)
                _wait(pause, drawn(1), "the unit's screen", terminals)
                # The reloaded page comes while the old one's terminal is open still.
                reloaded = page.reload()
                assert reloaded is not None and reloaded.status == 200
                _wait(pause, drawn(2), "the unit's screen, reloaded", terminals)
                assert len(_children(process.pid)) == 1

                # Another manager, in a browser of their own: the clear page.
                other = browser.new_context().new_page()
                refused = other.goto(link)
                assert refused is not None and refused.status == 503
                assert text(SV, "web.full_title") in other.content()
                # Another tab of this browser: the page, whose terminal cannot open.
                second = context.new_page()
                second.goto(link)
                said = text(SV, "web.not_opened", max_sessions=1)
                second.get_by_text(said).wait_for(state="visible", timeout=20_000)
                assert len(_children(process.pid)) == 1
                assert page.locator(".closed-dialog").first.is_hidden()  # the first one runs on
            finally:
                browser.close()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0


async def test_the_follow_up_shows_each_measure_beside_its_figures(served: Served) -> None:
    pytest.importorskip("pyte", reason="pyte is not installed (the test extra)")
    terminal = Terminal(155, 50)
    headers = {"Cookie": _cookie(served)}
    async with aiohttp.ClientSession() as session:
        tab = await session.ws_connect(f"{served.base}/ws?width=155&height=50", headers=headers)

        async def pause() -> None:
            with contextlib.suppress(TimeoutError):
                message = await tab.receive(timeout=0.05)
                if message.type == aiohttp.WSMsgType.BINARY:
                    terminal.received(message.data)

        async def wait(until: Callable[[], bool], what: str) -> None:
            started = time.monotonic()
            while not until():
                assert time.monotonic() - started < 20, f"the terminal never showed {what}"
                await pause()

        try:
            await wait(lambda: terminal.shows(HEADER, FIGURES, CHART), "the unit's figures")
            settled = time.monotonic() + 2
            await wait(lambda: time.monotonic() > settled, "")
            # The table's row of inquiries received: the name, then the number (left half).
            received = text(SV, "report.column.received")
            row = terminal.line_with(received).partition("▏")[0]
            assert re.search(rf"{received}\s+\d", row), "\n".join(terminal.lines())
        finally:
            await tab.close()
    await asyncio.to_thread(served.wait_for_children, 0)


def _only_from(base: str, elsewhere: list[str]) -> Callable[[Any], None]:
    """A route that lets through only what `base` serves, and notes in `elsewhere` what it
    stops."""

    def route(handled: Any) -> None:
        if handled.request.url.startswith(base + "/"):
            handled.continue_()
        else:
            elsewhere.append(handled.request.url)
            handled.abort()

    return route
