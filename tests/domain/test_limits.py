"""The stored limits: one check of every text before the database sees it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception_tui.domain.limits import MAX_LENGTH, FieldError, check_field, check_name
from reception_tui.domain.text import name_key
from reception_tui.words import say


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("inquiry.caller_name", "O" * 201, "too_long"),
        ("inquiry.subject", "s" * 2001, "too_long"),
        ("presence.note", "n" * 501, "too_long"),
        ("actor", "K" * 101, "too_long"),
        ("inquiry.caller_email", "a" * 255, "too_long"),
        ("inquiry.caller_name", "Olle\x00", "control_character"),
        ("presence.note", "\x1b]0;pwned\x07", "control_character"),
    ],
)
def test_text_the_database_would_refuse_is_refused_first_naming_the_field(
    field: str, value: str, reason: str
) -> None:
    with pytest.raises(FieldError) as raised:
        check_field(field, value)
    assert (raised.value.field, raised.value.reason) == (field, reason)
    assert str(raised.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("inquiry.caller_name", "O" * 201, "uppringarens namn: längre än 200 tecken"),
        ("presence.note", "ring\x1b", "anteckning: har ett styrtecken (U+001B) på position 5"),
    ],
)
def test_text_that_cannot_be_stored_is_worded_in_swedish_naming_the_field(
    field: str, value: str, words: str
) -> None:
    with pytest.raises(FieldError) as raised:
        check_field(field, value)
    assert say("sv", raised.value) == words
    assert raised.value.problem("sv") == words.split(": ", 1)[1]


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("inquiry.caller_name", "O" * 200, "O" * 200),
        ("presence.note", "ring\tefter", "ring efter"),
        ("employee.title", "Per [vik]", "Per [vik]"),
    ],
)
def test_text_within_its_limit_is_stored_as_written_with_tabs_as_spaces(
    field: str, value: str, stored: str
) -> None:
    assert check_field(field, value) == stored


def test_a_name_whose_sort_key_spells_out_too_long_is_refused() -> None:
    check_name("Anna", "B" * 100)
    with pytest.raises(FieldError) as raised:
        check_name("Nils", "ß" * 100)  # "ss" each, once folded
    assert (raised.value.field, raised.value.reason) == ("employee.last_name", "name_too_long")


def test_no_latin_1_letter_spells_out_as_more_than_three() -> None:
    # What lets `check_name` skip making the key for most names.
    assert max(len(name_key(chr(code), "")) for code in range(0x100)) == 3


@given(
    st.text(st.characters(max_codepoint=0x2FFF, exclude_categories=["Cs"]), max_size=100),
    st.text(st.characters(max_codepoint=0x2FFF, exclude_categories=["Cs"]), max_size=100),
)
def test_a_name_passes_exactly_when_its_sort_key_fits(first: str, last: str) -> None:
    fits = len(name_key(first, last)) <= MAX_LENGTH["employee.sort_key"]
    try:
        check_name(first, last)
    except FieldError:
        assert not fits
    else:
        assert fits
