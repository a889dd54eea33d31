"""The catalogue of words: every entry in both languages, every error code worded, and no
English in what a Swedish desk or command line says (nor Swedish in what an English one says)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from wording import english_in, swedish_in

import reception_tui
from reception_tui.domain.limits import MAX_LENGTH
from reception_tui.words import CATALOGUE, Worded, say, text

SV, EN = CATALOGUE["sv"], CATALOGUE["en"]


class Anything:
    """A value for any placeholder, whatever its format (`{share:.0%}`, `{size:,}`)."""

    def __format__(self, spec: str) -> str:
        return "X"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def rendered(language: str, key: str) -> str:
    template = CATALOGUE[language][key]
    return text(language, key, **dict.fromkeys(placeholders(template), Anything()))


def _modules() -> Iterator[str]:
    for info in pkgutil.walk_packages(reception_tui.__path__, "reception_tui."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            yield info.name


def worded_classes() -> list[type[Worded]]:
    """Every class that says something as a code, in every module of the program."""
    for name in _modules():
        importlib.import_module(name)
    found: list[type[Worded]] = []
    todo = [Worded]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.CODES]


def codes() -> dict[str, tuple[str, ...]]:
    """Every error code and the values it carries."""
    found: dict[str, tuple[str, ...]] = {}
    for cls in worded_classes():
        for code, values in cls.CODES.items():
            assert set(found.setdefault(code, values)) == set(values), (cls, code)
    return found


# ------------------------------------------------------------------ both languages alike


def test_every_entry_is_in_both_languages() -> None:
    assert sorted(SV.keys() - EN.keys()) == []
    assert sorted(EN.keys() - SV.keys()) == []


@pytest.mark.parametrize("key", sorted(SV))
def test_an_entry_has_the_same_placeholders_in_both_languages_and_renders(key: str) -> None:
    assert placeholders(SV[key]) == placeholders(EN[key])
    for language in ("sv", "en"):
        assert rendered(language, key).strip()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_areas_of_a_catalogue_do_not_share_keys(language: str) -> None:
    areas = [
        importlib.import_module(f"reception_tui.words.{language}.{area}").TEXT
        for area in ("desk", "forms", "cli", "errors", "config", "report", "manager", "web")
    ]
    assert sum(len(area) for area in areas) == len(CATALOGUE[language])


# ------------------------------------------------------------------ every code worded


def test_the_program_says_its_errors_with_codes() -> None:
    # The search below finds the program's coded errors (so a new module's are found too).
    found = codes()
    assert {"not_an_hour", "cannot_read", "staff_file", "no_answer", "desks_open"} <= set(found)
    assert {"config_unknown_key", "config_not_utf8", "toml_unterminated_string"} <= set(found)
    assert len(found) > 100


@pytest.mark.parametrize(("code", "values"), sorted(codes().items()))
def test_every_error_code_has_words_in_both_languages(code: str, values: tuple[str, ...]) -> None:
    key = f"error.{code}"
    assert key in SV and key in EN
    assert placeholders(SV[key]) <= set(values), "a placeholder the code does not carry"


def test_every_stored_field_has_a_name_in_both_languages() -> None:
    for field in MAX_LENGTH:
        assert f"field.{field}" in SV and f"field.{field}" in EN


def test_a_code_with_values_it_does_not_declare_is_refused_where_it_is_made() -> None:
    from reception_tui.domain.returns import ReturnTimeError

    with pytest.raises(TypeError):
        ReturnTimeError("not_an_hour", minute=25)
    with pytest.raises(TypeError):
        ReturnTimeError("no_such_code")


def test_a_coded_error_is_english_in_logs_and_worded_where_shown() -> None:
    from reception_tui.domain.returns import ReturnTimeError

    error = ReturnTimeError("not_an_hour", hour=25)
    assert str(error) == "25 is not an hour: hours are 0-23 (13, 13:30, at 13)"
    assert say("sv", error) == "25 är ingen timme: timmarna går från 0 till 23 (13, 13:30, kl 13)"


# ------------------------------------------------------------------ no English in Swedish


def test_the_check_for_english_finds_english() -> None:
    # The check has teeth: it finds English in almost every English sentence of the catalogue.
    sentences = [key for key in EN if len(rendered("en", key).split()) >= 4]
    caught = [key for key in sentences if english_in(rendered("en", key))]
    assert len(caught) >= 0.9 * len(sentences), sorted(set(sentences) - set(caught))
    assert english_in("25 is not an hour") == {"is", "not", "an", "hour"}
    assert english_in("could not read 'banan'") == {"could", "not", "read"}


def test_the_check_for_swedish_finds_swedish() -> None:
    sentences = [key for key in SV if len(rendered("sv", key).split()) >= 4]
    caught = [key for key in sentences if swedish_in(rendered("sv", key))]
    assert len(caught) >= 0.9 * len(sentences), sorted(set(sentences) - set(caught))


@pytest.mark.parametrize("key", sorted(SV))
def test_swedish_says_no_english_word(key: str) -> None:
    assert english_in(rendered("sv", key)) == set()


@pytest.mark.parametrize("key", sorted(EN))
def test_english_says_no_swedish_word(key: str) -> None:
    assert swedish_in(rendered("en", key)) == set()


# ------------------------------------------------------------------ no words kept elsewhere


def word_dicts(path: Path) -> list[int]:
    """The lines where `path` spells out a dict with both a "sv" and an "en" key."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and {"sv", "en"} <= {key.value for key in node.keys if isinstance(key, ast.Constant)}
    ]


def test_the_check_for_words_kept_elsewhere_finds_them(tmp_path: Path) -> None:
    form = tmp_path / "form.py"
    form.write_text('TEXT = {\n    "sv": {"title": "Titel"},\n    "en": {"title": "Title"},\n}\n')
    assert word_dicts(form) == [1]


def test_no_module_outside_the_catalogue_keeps_words_of_its_own() -> None:
    # A form's words live in reception_tui/words/ like every other word, not in a dict beside it.
    root = Path(reception_tui.__file__).parent
    found = {
        path.relative_to(root).as_posix(): lines
        for path in sorted(root.rglob("*.py"))
        if not path.is_relative_to(root / "words") and (lines := word_dicts(path))
    }
    assert found == {}
