"""Words for values the desk and the command line both show: an inquiry's channel and state,
a callback's outcome. They take the value's enum (by its `.value`), so that this package
needs nothing from the layers that use it."""

from __future__ import annotations

from enum import Enum

from reception_tui.words import text

_CHANNEL_WORDS = {
    "phone": "inquiry.channel_phone",
    "email": "inquiry.email",
    "visit": "inquiry.channel_visit",
}


def channel_label(channel: Enum, language: str) -> str:
    """ "Telefon" / "Phone"."""
    return text(language, _CHANNEL_WORDS[channel.value])


def outcome_label(outcome: Enum, language: str) -> str:
    """ "Inget svar" / "No answer"."""
    return text(language, f"attempt.outcome_{outcome.value}")
