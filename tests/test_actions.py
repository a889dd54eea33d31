"""The action registry is the one list of the desk's actions: README and config.toml agree."""

from __future__ import annotations

import re
from pathlib import Path

from reception_tui.actions import ACTIONS, DEFAULT_KEYS, MANAGER_ACTIONS, writes
from reception_tui.config import Settings, default_settings
from reception_tui.tui.manager import key_help as manager_key_help
from reception_tui.tui.screens.desk_actions import key_help
from reception_tui.words import CATALOGUE as TEXT

ROOT = Path(__file__).resolve().parent.parent


def _english() -> Settings:
    settings = default_settings()
    organisation = settings.organisation.model_copy(update={"language": "en"})
    return settings.model_copy(update={"organisation": organisation})


def _english_help() -> list[tuple[str, str]]:
    return key_help(_english(), read_only=False)


def test_readme_key_table_lists_every_action_as_help_does_in_its_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [f"| {keys} | {what} |" for keys, what in _english_help()]
    block = "\n".join(rows)
    assert block in readme, "README's key table differs from the registry; expected:\n" + block


def test_readme_lists_the_manager_screen_keys_as_its_help_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = "\n".join(f"| {keys} | {what} |" for keys, what in manager_key_help(_english()))
    assert block in readme, "README's manager key table differs; expected:\n" + block


def test_config_toml_names_every_action_with_its_default_keys() -> None:
    shipped = (ROOT / "config.toml").read_text(encoding="utf-8")
    section = shipped.split("\n[keys]\n", 1)[1].split("\n\n", 1)[0]
    listed = dict(re.findall(r'(\w+) = "([^"]+)"', section))
    for action in (*ACTIONS, *MANAGER_ACTIONS):
        assert listed.get(action.id) == action.keys, f"config.toml [keys]: {action.id}"


def test_every_action_has_words_in_both_languages() -> None:
    for language in ("sv", "en"):
        for action in (*ACTIONS, *MANAGER_ACTIONS):
            if not action.id.startswith("quick_"):
                assert f"action.{action.id}" in TEXT[language], (language, action.id)
            assert f"action.{action.word_key}.help" in TEXT[language], (language, action.id)


def test_writing_actions_are_known_by_id_and_by_the_screen_action_they_call() -> None:
    assert writes("redirect") and writes("quick_1") and writes("quick") and writes("quick(2)")
    assert not writes("help") and not writes("details") and not writes("app.reload")
    assert set(DEFAULT_KEYS) == {action.id for action in (*ACTIONS, *MANAGER_ACTIONS)}
    assert not writes("period_next") and not writes("unit_next")
