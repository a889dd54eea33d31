"""The command palette's commands: the desk's actions, in the desk's language, each once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
            if context.read_only and action.writes:
                continue
            if desk is not None and not desk.offers(action):
                continue  # reopen beside the open inquiries, resolve beside the closed ones
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
