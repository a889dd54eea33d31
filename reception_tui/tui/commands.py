"""The command palette and its commands: the desk's actions, in the desk's language, each once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from reception_tui.actions import ACTIONS, BY_ID, show_keys
from reception_tui.tui.context import DeskContext
from reception_tui.tui.screens.desk import DeskScreen
from reception_tui.tui.screens.desk_actions import action_help, action_words


class DeskCommands(Provider):
    """The command palette: the desk's actions, in the desk's language, each once, in the
    registry's order (also what an empty palette lists); those the desk offers as it is."""

    def _commands(self) -> Iterable[tuple[str, str, str]]:
        context: DeskContext = self.app.context  # type: ignore[attr-defined]
        settings = context.settings
        keymap = settings.keymap()
        desk = self.screen if isinstance(self.screen, DeskScreen) else None
        for action in ACTIONS:
            offered = desk.offers(action) if desk else not (context.read_only and action.writes)
            if not offered:
                continue
            name = action_words(settings, action.id)
            if name:
                label = f"{name} ({show_keys(keymap[action.id])})"
                yield action.id, label, action_help(settings, action.id)

    async def discover(self) -> Hits:
        for action, label, help_text in self._commands():
            yield DiscoveryHit(label, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, label, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), help=help_text
                )

    def _run(self, action: str) -> None:
        if action == "quit":
            self.app.exit()
            return
        screen = self.app.screen
        if isinstance(screen, DeskScreen):
            self.app.call_later(screen.run_action, BY_ID[action].method)


class DeskPalette(CommandPalette):
    """Textual's command palette, saying in the desk's language that nothing matched.

    Textual words that line itself, in English; this does what its countdown does, with our
    words (a test fails should a Textual upgrade change how the line is added).
    """

    def __init__(self, *, nothing_found: str, placeholder: str) -> None:
        super().__init__(placeholder=placeholder, id="--command-palette")
        self._nothing_found = nothing_found

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_nothing_found() -> None:
            self._list_visible = bool(search_value)
            if search_value:
                line = Align.center(Text(self._nothing_found, style="not bold"))
                self.query_one(CommandList).add_option(
                    Option(line, disabled=True, id=self._NO_MATCHES)
                )

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_nothing_found)
