"""Every word the program shows, in Swedish and English: one catalogue per language.

The desk, the command line and the errors of every layer take their words from here, so that
a Swedish desk says nothing in English. `text` looks a word up; an error raised in `domain/`
or `store/` carries a code and values instead of a sentence (`Coded`), and `say` words it in
the language of whoever reads it. Plain Python: every layer may import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from reception_tui.words import en, sv

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
CATALOGUE: dict[str, dict[str, str]] = {"sv": sv.TEXT, "en": en.TEXT}


def text(language: str, key: str, **values: object) -> str:
    """The text for `key` in `language` (English when missing), with `values` filled in."""
    template = CATALOGUE.get(language, CATALOGUE["en"]).get(key) or CATALOGUE["en"][key]
    return template.format(**values) if values else template


@runtime_checkable
class Labelled(Protocol):
    """A value with a name in each language (a status: "Lunch" / "Lunch"), worded by it."""

    def label(self, language: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Term:
    """A value that is itself a word of the catalogue (a field's name), worded with the rest."""

    key: str


class Worded:
    """Something said as a code and values ("not_an_hour", hour=25), worded by the catalogue
    entry `error.<code>` in the reader's language.

    Each subclass lists in `CODES` its codes and the values each one carries, so that a
    wrong value fails where it is made, and a test finds every code and checks its words in
    every language. Values that are themselves `Worded` or a `Term` are worded too.
    """

    CODES: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    code: str
    values: Mapping[str, object]

    def _coded(self, code: str, values: Mapping[str, object]) -> None:
        declared = type(self).CODES.get(code)
        if declared is None or set(declared) != set(values):
            raise TypeError(f"{type(self).__name__}: no code {code!r} with values {sorted(values)}")
        self.code = code
        self.values = values

    def say(self, language: str, **values: object) -> str:
        """The words for this in `language`; `values` replace the ones it carries."""
        worded = {name: word(language, value) for name, value in self.values.items()}
        return text(language, f"error.{self.code}", **(worded | values))


class Words(Worded):
    """A sentence of the catalogue (`key`) with its values, worded when it is shown: what a
    command says before it knows the reader's language, or says again in another."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.key = key
        self.code = key
        self.values = values

    def say(self, language: str, **values: object) -> str:
        worded = {name: word(language, value) for name, value in self.values.items()}
        return text(language, self.key, **(worded | values))


class Coded(Worded, Exception):
    """An error that carries a code and values, not a sentence; `str()` is the English words
    (for logs), and whoever shows it words it with `say` in the reader's language."""

    def __init__(self, code: str, /, **values: object) -> None:
        self._coded(code, values)
        super().__init__(code)

    def __str__(self) -> str:
        return self.say("en")


def say(language: str, error: BaseException | Worded | str, **values: object) -> str:
    """`error` in the words of `language`. An error without a code (one from the database
    driver, say) is data: its own text is given as it is, and so is a plain string."""
    if isinstance(error, Worded):
        return error.say(language, **values)
    if isinstance(error, str):
        return error
    return str(error) or type(error).__name__


def word(language: str, value: object) -> object:
    """`value` as a sentence shows it: words, terms and labels in `language`, data as it is."""
    if isinstance(value, Worded):
        return value.say(language)
    if isinstance(value, Term):
        return text(language, value.key)
    if isinstance(value, Labelled):
        return value.label(language)
    return value
