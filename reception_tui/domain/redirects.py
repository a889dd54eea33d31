"""Where a redirect may send someone's calls: a colleague, an active colleague's extension, or
a valid phone number; nothing else.

A colleague is chosen by name (the desk's suggestions, the CLI's WHO). Typed digits are the
hard part: "1430" can be an extension, or a return time put in the wrong field, and once a
redirect to an extension nobody has was saved without a word. So digits are taken only as an
extension someone active has, or as a phone number; anything else is refused with a code
(`RedirectTargetError.code`) that the desk and the CLI word in their language, and a time is
named as a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import time
from enum import Enum

from reception_tui.domain.phones import PhoneError, is_extension, normalise_phone
from reception_tui.domain.returns import clock_time

# What someone typing a number (or, by mistake, a time) writes: a digit at least, a leading +,
# spaces, hyphens, brackets, and the dot or colon of "14.30" / "14:30".
_NUMBER_LIKE = re.compile(r"\+?[0-9 ()\-.:]*[0-9][0-9 ()\-.:]*")
_SEPARATORS = re.compile(r"[\s-]")


class TargetProblem(Enum):
    """Why typed digits are no redirect target."""

    OWN_EXTENSION = "own_extension"
    UNKNOWN_EXTENSION = "unknown_extension"
    LOOKS_LIKE_TIME = "looks_like_time"
    NOT_A_NUMBER = "not_a_number"


class RedirectTargetError(ValueError):
    """Text that is no number a redirect may go to. `value` is the text as typed; `clock` the
    time it reads as, for LOOKS_LIKE_TIME."""

    def __init__(self, problem: TargetProblem, value: str, clock: time | None = None) -> None:
        super().__init__(f"{problem.value}: {value!r}")
        self.problem = problem
        self.value = value
        self.clock = clock

    @property
    def code(self) -> str:
        return self.problem.value


def looks_like_number(text: str) -> bool:
    """True when `text` is written like a number (or a clock time), not like a name."""
    return bool(_NUMBER_LIKE.fullmatch(text.strip()))


def redirect_number(
    text: str,
    extension_holder: Callable[[str], int | None],
    *,
    person_id: int | None = None,
    region: str = "SE",
) -> str:
    """The number a redirect typed as `text` goes to: an extension's digits, or E.164.

    `extension_holder(digits)` is the id of the active employee with that extension, or None;
    `person_id` is whose calls are redirected (their own extension is refused). Raises
    RedirectTargetError: OWN_EXTENSION, UNKNOWN_EXTENSION, LOOKS_LIKE_TIME (a clock time that
    is nobody's extension: "1430", "14:30", "14.30", "13") or NOT_A_NUMBER.
    """
    typed = text.strip()
    if is_extension(typed):
        digits = _SEPARATORS.sub("", typed)
        holder = extension_holder(digits)
        if holder is not None and holder == person_id:
            raise RedirectTargetError(TargetProblem.OWN_EXTENSION, typed)
        if holder is not None:
            return digits
    clock = clock_time(typed)
    if clock is not None:
        raise RedirectTargetError(TargetProblem.LOOKS_LIKE_TIME, typed, clock)
    if is_extension(typed):
        raise RedirectTargetError(TargetProblem.UNKNOWN_EXTENSION, typed)
    try:
        return normalise_phone(typed, region)
    except PhoneError:
        raise RedirectTargetError(TargetProblem.NOT_A_NUMBER, typed) from None


def redirect_target_problem(
    language: str, error: RedirectTargetError, *, field: str, time_field: str
) -> str:
    """Why a redirect target was refused, naming the field it was typed in (`field`) and the
    one a time belongs in (`time_field`): "Hänvisa till: ”1430” ser ut som en tid …"."""
    from reception_tui.words import text

    clock = f"{error.clock:%H:%M}" if error.clock is not None else ""
    return text(
        language,
        f"redirect_target.{error.code}",
        field=field,
        time_field=time_field,
        value=error.value,
        clock=clock,
    )
