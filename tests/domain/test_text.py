"""Folding for search, and the Swedish alphabetical order the desk lists people in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_tui.domain.text import (
    UnprintableText,
    checked_text,
    fold,
    name_key,
    printable,
    sort_key,
    sort_key_folded,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Åsa Öberg", "asa oberg"),
        ("ÖSTERSUND", "ostersund"),
        ("Lindén-Åberg", "linden-aberg"),
        ("Per [vik] Ek", "per [vik] ek"),
    ],
)
def test_fold_ignores_case_and_swedish_letters(text: str, folded: str) -> None:
    assert fold(text) == folded


# Each list is in Swedish alphabetical order, as a printed staff list would be.
@pytest.mark.parametrize(
    "names",
    [
        ["Ali", "Zorn", "Åberg", "Älvdal", "Öberg"],  # Å, Ä, Ö are letters after Z
        ["Asa", "Åsa"],  # the ring counts
        ["Émile", "Eriksson", "Eva"],  # an acute accent does not
        ["Ülle", "Ylva", "Yngve"],  # Ü sorts as Y
        ["Ärla", "Ärlig", "Æsa"],  # Æ sorts as Ä
        ["Örjan", "Örn", "Østen"],  # Ø sorts as Ö
        ["anna", "Anna", "ANNA", "Annabelle"],  # case does not count; a shorter name first
        ["Anna Berg", "Anna Bergström", "Annabel Ek"],  # a space sorts before letters
    ],
)
def test_sort_key_orders_names_as_a_swedish_list(names: list[str]) -> None:
    assert sorted(names, key=lambda name: (sort_key(name), names.index(name))) == names


def test_name_key_is_the_sort_key_of_the_full_name() -> None:
    assert name_key("Åsa", "Öberg") == sort_key("Åsa Öberg")
    assert name_key("", "Ek") == sort_key("Ek")


@given(st.text(max_size=30))
def test_sort_key_ignores_case_and_unicode_normal_form(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    assert sort_key(decomposed) == sort_key(text)
    assert sort_key(text.casefold()) == sort_key(text)


@given(st.text(max_size=30))
def test_the_sort_key_from_the_folded_text_is_the_sort_key(text: str) -> None:
    assert sort_key_folded(text, fold(text)) == sort_key(text)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Handläggare", "Handläggare"),
        ("Bygg\tlov", "Bygg lov"),
        ("Per [vik] Ek", "Per [vik] Ek"),
    ],
)
def test_checked_text_keeps_printable_text_and_makes_tabs_spaces(text: str, stored: str) -> None:
    assert checked_text(text) == stored


@pytest.mark.parametrize(
    ("text", "character", "position"),
    [
        ("\x1b]0;pwned\x07Handläggare", "\x1b", 0),
        ("Anna\x00", "\x00", 4),
        ("rad ett\nrad två", "\n", 7),
        ("C1 \x9b2J", "\x9b", 3),
        ("DEL \x7f", "\x7f", 4),
        ("rad\u2028två", "\u2028", 3),
    ],
)
def test_checked_text_refuses_control_characters(text: str, character: str, position: int) -> None:
    with pytest.raises(UnprintableText) as raised:
        checked_text(text)
    assert (raised.value.character, raised.value.position) == (character, position)
    assert f"U+{ord(character):04X}" in str(raised.value)


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    shown = printable(text)
    assert len(shown) == len(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u2028" not in shown and "\u2029" not in shown


@given(st.text())
def test_text_that_passes_the_check_is_already_printable(text: str) -> None:
    try:
        stored = checked_text(text)
    except UnprintableText:
        return
    assert printable(stored) == stored
