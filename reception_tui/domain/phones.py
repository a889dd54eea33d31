"""Phone numbers: validated and stored as E.164, shown in Swedish national format."""

from __future__ import annotations

import re

from reception_tui.words import Coded

# phonenumbers is imported where it is used: its metadata takes a while to load, and the desk's
# first frame shows no phone number.

_EXTENSION = re.compile(r"^\d{3,6}$")


class PhoneError(Coded, ValueError):
    """A number that is not a valid phone number."""

    CODES = {"empty_number": (), "not_a_phone_number": ("text",), "invalid_number": ("text",)}


def normalise_phone(text: str, region: str = "SE") -> str:
    """Return `text` as E.164 ("0280-181 00" -> "+4628018100"), or raise PhoneError."""
    cleaned = text.strip()
    if not cleaned:
        raise PhoneError("empty_number")
    import phonenumbers

    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        raise PhoneError("not_a_phone_number", text=repr(cleaned)) from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("invalid_number", text=repr(cleaned))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, region: str = "SE") -> str:
    """Show a stored number the way people read it: national format at home, else international."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_extension(text: str) -> bool:
    """True for a short internal number (3-6 digits, spaces and hyphens ignored)."""
    return bool(_EXTENSION.match(re.sub(r"[\s-]", "", text)))


def normalise_number_or_extension(text: str, region: str = "SE") -> str:
    """An internal extension as its digits, any other number as E.164."""
    if is_extension(text):
        return re.sub(r"[\s-]", "", text)
    return normalise_phone(text, region)
