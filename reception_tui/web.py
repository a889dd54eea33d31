"""The manager's screen in a browser (`reception-tui serve`): textual-serve runs one
`reception-tui manager` process for each browser tab; this lets in only requests that carry
the secret token, and no more tabs at once than [web] max_sessions.

The token comes in the link's query (`?token=`). The page that answers it also sets a cookie,
because the terminal's websocket and the page's scripts and styles, which textual-serve
addresses without the query, must be let in too. The cookie holds a secret of this start of
the server, not the token: a browser sends a host's cookies to its every port, so another
service on the same host may see it, and it must be worth no more than this run. It also
names the browser, so that a tab reloaded at the cap is known for one (`handle_index`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import secrets
import shlex
import shutil
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from reception_tui.words import text

# Seconds an app process has to quit when asked before it is killed.
QUIT_GRACE = 3.0
# Seconds a new tab's terminal waits, at the cap, for another tab to close: a reloaded page's
# old one closes only once the new page has come, and its close may come after the new
# page's terminal asks in.
RELOAD_GRACE = 2.0
# The terminal sizes a page may ask for, in cells, lowest and highest; a size outside is
# brought within. Below 20 x 10 the manager's screen has no room for its header and a row;
# above 500 x 200 (a wall screen at a small font is some 400 x 120) a page could make its
# process draw screens of millions of cells.
COLUMNS = (20, 500)
ROWS = (10, 200)
# The longest message a page may send, in bytes; a longer one closes its terminal (1009).
# A key is a few bytes and a paste into the screen's one text field, the command palette's,
# a line; aiohttp's default of 4 MB would let a page feed its process megabytes of keys.
MAX_MESSAGE = 64 * 1024
# The terminal's font sizes a link may ask for (?fontsize=), in CSS pixels.
FONT_SIZES = (6, 64)
# The terminal's page, in reception_tui/templates: textual-serve's, in our words, with
# nothing from another server (its own asks for a web font from the internet).
TEMPLATES = Path(__file__).parent / "templates"
PAGE = "manager.html"
# What a browser may do with our own pages (the refusals): show them, nothing more.
_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A secret for the link, when config.toml sets none."""
    return secrets.token_urlsafe(24)


def shell_command(argv: Sequence[str]) -> str:
    """`argv` as the shell command textual-serve runs for a tab.

    `exec`, so that the process the server starts and ends is the app itself, not a shell
    around it. Where util-linux's setpriv is found (Linux), under `--pdeathsig TERM`: a server
    killed outright (SIGKILL, out of memory) cannot end its tabs' processes itself, and without
    it they would run on, holding the database open.
    """
    setpriv = shutil.which("setpriv")
    guard = [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
    return "exec " + shlex.join([*guard, *argv])


class ManagerServer(Server):
    """textual-serve's server, running `argv` (the manager's screen) once per browser tab,
    for requests with the token only, at most `max_sessions` at once.

    `public_url` is the address browsers use, when it is not the one served (behind a reverse
    proxy); empty, the page addresses its websocket at the host the browser asked for.
    """

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str,
        port: int,
        token: str,
        max_sessions: int,
        public_url: str,
        language: str,
    ) -> None:
        title = text(language, "manager.title")
        command = shell_command(argv)
        # Given None, textual-serve would make up a public_url from host and port (https for
        # port 443, whatever is served); "" keeps ours: none given.
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            public_url=public_url,
            templates_path=TEMPLATES,
        )
        self.token = token
        self.max_sessions = max_sessions
        self.language = language
        # A name of its own for each start, so that two servers on one host never overwrite
        # each other's cookie.
        self.cookie = f"reception_tui_{secrets.token_hex(4)}"
        self.cookie_secret = secrets.token_urlsafe(32)
        # The tabs that hold a place: each one's process runs, or is ending.
        self.tabs: dict[AppService, Tab] = {}
        # Told whenever a tab closes or gives up its place.
        self.tabs_changed = asyncio.Condition()

    # ------------------------------------------------------------------ running

    def run(self, announce: Callable[[str], None]) -> None:
        """Serve until SIGINT or SIGTERM; `announce` is told the link once it is listening.

        OSError when the address cannot be listened on (taken, not this machine's).
        """
        asyncio.run(self._run(announce))

    async def _run(self, announce: Callable[[str], None]) -> None:
        app = await self._make_app()
        # No access log: the link's query holds the token.
        runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=QUIT_GRACE + 2
        )
        await runner.setup()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for stopping in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stopping, stop.set)
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            announce(self.link(runner.addresses[0][1]))
            await stop.wait()
        finally:
            await runner.cleanup()

    def link(self, port: int) -> str:
        """The address to open, token included, for the administrator to hand out."""
        if self.public_url:
            base = self.public_url
        else:
            host = f"[{self.host}]" if ":" in self.host else self.host
            base = f"http://{host}:{port}"
        return f"{base}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        app.on_response_prepare.append(_guarded_headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: the command line says the link (textual-serve would print its logo)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Every app process ends with the server, and every tab is told the session closed."""
        tabs = list(self.tabs.items())
        await asyncio.gather(*(_end(service) for service, _ in tabs))
        for _, tab in tabs:
            if tab.websocket.prepared:
                await tab.websocket.close(code=WSCloseCode.GOING_AWAY)

    # ------------------------------------------------------------------ the gate

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Only a request with the token, in the query or the cookie, reaches textual-serve."""
        browser = self._browser(request)
        given = request.query.get("token")
        if given is not None:
            let_in = hmac.compare_digest(given.encode(errors="replace"), self.token.encode())
        else:
            let_in = browser is not None
        if not let_in:
            refused = self._page(401, "web.refused_title", "web.refused")
            refused.headers["WWW-Authenticate"] = 'Bearer realm="reception-tui"'
            return refused
        response = await handler(request)
        if given is not None and not response.prepared:
            browser = browser or secrets.token_urlsafe(12)  # a browser new to this run
            response.set_cookie(
                self.cookie,
                f"{browser}.{self.cookie_secret}",
                path="/",
                httponly=True,
                samesite="Strict",
                secure=self._over_https(request),
            )
        return response

    def _over_https(self, request: web.Request) -> bool:
        """Whether the browser has the page over https, and so keeps a Secure cookie: as
        public_url says, when given (TLS is then the proxy's), else as the request came."""
        if self.public_url:
            return urlsplit(self.public_url).scheme == "https"
        return request.secure

    def _browser(self, request: web.Request) -> str | None:
        """The browser the request's cookie names; None without one that holds this run's
        secret."""
        browser, _, secret = request.cookies.get(self.cookie, "").rpartition(".")
        ours = hmac.compare_digest(secret.encode(errors="replace"), self.cookie_secret.encode())
        return browser if browser and ours else None

    # ------------------------------------------------------------------ the cap

    def full(self) -> bool:
        return len(self.tabs) >= self.max_sessions

    def _has_open_tab(self, browser: str | None) -> bool:
        return browser is not None and any(
            tab.browser == browser and not tab.closed for tab in self.tabs.values()
        )

    async def _room(self, patience: float = 0.0) -> bool:
        """Whether one more tab fits under max_sessions. At the cap, it waits for a tab that
        has closed to end its process (in QUIT_GRACE, else it is killed), and `patience`
        seconds for another to close.

        The caller takes the place it is given before it awaits anything, so that tabs
        opened at once cannot pass the cap."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + patience
        async with self.tabs_changed:
            while self.full():
                ending = any(tab.closed for tab in self.tabs.values())
                if not ending and loop.time() >= deadline:
                    return False
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout_at(None if ending else deadline):
                        await self.tabs_changed.wait()
        return True

    async def _tabs_changed(self) -> None:
        async with self.tabs_changed:
            self.tabs_changed.notify_all()

    def _full_page(self) -> web.Response:
        page = self._page(503, "web.full_title", "web.full", max_sessions=self.max_sessions)
        page.headers["Retry-After"] = "30"
        return page

    def _page(self, status: int, title: str, body: str, **values: object) -> web.Response:
        """One of our own pages (a refusal), in the configured language."""
        language = self.language
        heading = html.escape(text(language, title))
        said = html.escape(text(language, body, **values))
        page = (
            f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{heading}</title>\n"
            "<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:4em auto;"
            "padding:0 1em;line-height:1.5}</style>\n"
            f"</head>\n<body>\n<h1>{heading}</h1>\n<p>{said}</p>\n</body>\n</html>\n"
        )
        response = web.Response(status=status, text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = _PAGE_POLICY
        return response

    # ------------------------------------------------------------------ the page and its terminal

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The terminal's page (templates/manager.html) in the configured language, its
        addresses on the host the browser used (or public_url), so that the cookie set here
        goes with its websocket; the clear page when full.

        At the cap, a browser with a tab open gets the page all the same: it is most likely
        that tab reloaded, whose old page closes its terminal only once this one has come.
        The new page's terminal then waits for the old one's place (`handle_websocket`)."""
        if not self._has_open_tab(self._browser(request)) and not await self._room():
            return self._full_page()
        base = self.public_url or f"{request.scheme}://{request.host}"
        router = request.app.router
        websocket = "ws" + (base + str(router["websocket"].url_for())).removeprefix("http")
        static = base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"
        # To start again: this address, less textual-serve's ?delay (wait for a click);
        # relative, so that it holds behind a proxy that serves us under a path of its own.
        start = "?" + urlencode([(k, v) for k, v in request.query.items() if k != "delay"])
        context = {
            "language": self.language,
            "say": partial(text, self.language),
            "title": self.title,
            "static": static,
            "websocket": websocket,
            "font_size": _within(to_int(request.query.get("fontsize", "16"), 16), FONT_SIZES),
            "start": start,
            "max_sessions": self.max_sessions,
        }
        page = aiohttp_jinja2.render_template(PAGE, request, context)
        page.headers["Content-Security-Policy"] = _terminal_policy(websocket)
        return page

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One browser tab's terminal: starts a manager's screen process while there is room,
        and ends it when the tab goes."""
        origin = request.headers.get("Origin")
        if origin is not None and not self._our_origin(origin, request):
            # Another site's page, riding on the cookie (the browser sends Origin itself).
            return self._page(403, "web.refused_title", "web.foreign_origin")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if not websocket.can_prepare(request):
            # The address typed into a browser, say: a plain request, no websocket.
            return self._page(400, "web.no_terminal_title", "web.no_terminal")
        if not await self._room(patience=RELOAD_GRACE):
            return self._full_page()
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service = AppService(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        # Its place taken before the first await since _room(), so that tabs opened at once
        # cannot pass the cap; given up once its process has ended, so that the processes
        # never pass it either.
        self.tabs[service] = tab = Tab(self._browser(request), websocket)
        try:
            await websocket.prepare(request)
            await service.start(*terminal_size(width, height))
            await self._process_messages(websocket, service)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            tab.closed = True
            await self._tabs_changed()
            await _end(service)
            del self.tabs[service]
            await self._tabs_changed()
            if websocket.prepared:  # aiohttp cannot close one that never opened
                await websocket.close()
        return websocket

    async def _process_messages(
        self, websocket: web.WebSocketResponse, app_service: AppService
    ) -> None:
        """What the page says, passed on to the app process as textual-serve does; but a
        size is brought within bounds, and a message no page of ours sends is dropped (in
        textual-serve it ends the tab with an error)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            match _envelope(message.data):
                case ["stdin", str(keys)]:
                    # errors="replace": JSON may carry a lone surrogate, which is no UTF-8.
                    await app_service.send_bytes(keys.encode(errors="replace"))
                case ["resize", {"width": int(width), "height": int(height)}]:
                    await app_service.set_terminal_size(*terminal_size(width, height))
                case ["ping", str(stamp)]:
                    await websocket.send_json(["pong", stamp])
                case ["blur"]:
                    await app_service.blur()
                case ["focus"]:
                    await app_service.focus()

    def _our_origin(self, origin: str, request: web.Request) -> bool:
        """Whether a page at `origin` is ours: the host asked for, or public_url's."""
        ours = {request.host.lower()}
        if self.public_url:
            ours.add(urlsplit(self.public_url).netloc.lower())
        return urlsplit(origin).netloc.lower() in ours


@dataclass(eq=False)
class Tab:
    """A browser tab's terminal: the browser it is in, by the name its cookie gives (None
    when it came with the token alone), and the websocket its process draws on; once
    `closed`, that process is ending."""

    browser: str | None
    websocket: web.WebSocketResponse
    closed: bool = False


def terminal_size(width: int, height: int) -> tuple[int, int]:
    """The size a page asks for, brought within COLUMNS and ROWS."""
    return _within(width, COLUMNS), _within(height, ROWS)


def _within(value: int, bounds: tuple[int, int]) -> int:
    lowest, highest = bounds
    return min(max(value, lowest), highest)


def _envelope(data: str) -> object:
    """A page's message, `[kind, value]` in JSON; None when it is no JSON (or too deep)."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


async def _end(service: AppService) -> None:
    """Ask the app process to quit, as textual-serve does, and kill it if it has not within
    QUIT_GRACE seconds; returns once it has ended."""
    stopping = asyncio.ensure_future(service.stop())
    done, _ = await asyncio.wait({stopping}, timeout=QUIT_GRACE)
    # textual-serve keeps the process to itself; it is needed here only to kill one that
    # does not quit, and to wait for its end.
    process = getattr(service, "_process", None)
    if not done and process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    await stopping
    if process is not None:
        await process.wait()


def _terminal_policy(websocket: str) -> str:
    """What a browser may do with the terminal's page: take its script, styles, font and
    image from this server and open its websocket, nothing more (textual-serve's script
    would fetch whatever address a link gives as ?ping=). Inline styles: the terminal's
    script adds its own."""
    parts = urlsplit(websocket)
    return (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"font-src 'self'; img-src 'self'; connect-src {parts.scheme}://{parts.netloc}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


async def _guarded_headers(request: web.Request, response: web.StreamResponse) -> None:
    """What every answer says to the browser: send no address on, show the page in no frame,
    keep no copy (a page holds the people of a unit)."""
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["Server"] = "reception-tui"  # not which aiohttp and Python run it
