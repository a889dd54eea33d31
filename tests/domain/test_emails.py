"""E-mail addresses: one check, which the forms, the CLI, the import and the config all use."""

from __future__ import annotations

import pytest
from email_addresses import ADDRESSES
from hypothesis import given, settings
from hypothesis import strategies as st

from reception_tui.domain.emails import is_email_address


@pytest.mark.parametrize(
    ("address", "valid", "why"), ADDRESSES, ids=[why for _, _, why in ADDRESSES]
)
def test_an_address_is_valid_by_its_syntax(address: str, valid: bool, why: str) -> None:
    assert is_email_address(address) is valid, why


def test_spaces_around_an_address_are_the_callers_to_strip() -> None:
    assert not is_email_address(" anna@kommun.se")
    assert not is_email_address("anna@kommun.se\n")
    assert is_email_address(" anna@kommun.se ".strip())


def test_nothing_is_looked_up_in_dns() -> None:
    # No such domain exists; the syntax alone decides, so a desk without a network can check.
    assert is_email_address("olle@ingen-sadan-doman-finns.se")


def _library_says(address: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.emails(),
        st.text(alphabet='anAZ09.-_+@åÖé "<>[]', max_size=40),
        st.builds(
            "{}@{}".format,
            st.text(alphabet="abZ9.+-åö", min_size=1, max_size=70),
            st.sampled_from(["kommun.se", "malung-sälen.se", "kommun.test", "x", "a..se"]),
        ),
    )
)
def test_checking_one_address_per_pattern_says_what_the_library_says(address: str) -> None:
    assert is_email_address(address) is _library_says(address)
