"""What a redirect may point at when it is typed as digits: the rule the desk's form and the
command line's `redirect --to` share (reception_tui.domain.redirects)."""

from __future__ import annotations

from datetime import time

import pytest

from reception_tui.domain.redirects import (
    RedirectTargetError,
    TargetProblem,
    looks_like_number,
    redirect_number,
)
from reception_tui.domain.returns import clock_time

# Active colleagues' extensions -> their ids. Anna (id 1) is the one being redirected.
EXTENSIONS = {"2101": 1, "2104": 2, "1430": 3, "412": 4}
ANNA = 1


def holder(extension: str) -> int | None:
    return EXTENSIONS.get(extension)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("2104", "2104"),  # Lars's extension
        (" 2104 ", "2104"),
        ("21 04", "2104"),
        ("21-04", "2104"),
        ("412", "412"),
        # A time-shaped extension that somebody has is that extension.
        ("1430", "1430"),
        ("0280-181 00", "+4628018100"),
        ("070-123 45 67", "+46701234567"),
        ("+46 70 123 45 67", "+46701234567"),
        ("(0280) 181 00", "+4628018100"),
        ("+47 22 12 34 56", "+4722123456"),
    ],
)
def test_an_active_colleagues_extension_or_a_valid_phone_number_is_taken(
    typed: str, number: str
) -> None:
    assert redirect_number(typed, holder, person_id=ANNA) == number


@pytest.mark.parametrize(
    ("typed", "problem", "clock"),
    [
        # Times that are nobody's extension: the return time typed into the wrong field.
        ("1530", TargetProblem.LOOKS_LIKE_TIME, time(15, 30)),
        ("14:30", TargetProblem.LOOKS_LIKE_TIME, time(14, 30)),
        ("14.30", TargetProblem.LOOKS_LIKE_TIME, time(14, 30)),
        ("9:05", TargetProblem.LOOKS_LIKE_TIME, time(9, 5)),
        ("930", TargetProblem.LOOKS_LIKE_TIME, time(9, 30)),
        ("13", TargetProblem.LOOKS_LIKE_TIME, time(13, 0)),
        ("kl 14", TargetProblem.LOOKS_LIKE_TIME, time(14, 0)),
        # Extension-shaped, not a time (minute 60, five digits), and nobody has it.
        ("2960", TargetProblem.UNKNOWN_EXTENSION, None),
        ("21990", TargetProblem.UNKNOWN_EXTENSION, None),
        ("219 90", TargetProblem.UNKNOWN_EXTENSION, None),
        # Her own extension: nobody is redirected to themselves.
        ("2101", TargetProblem.OWN_EXTENSION, None),
        # Neither an extension, a time nor a valid number.
        ("99", TargetProblem.NOT_A_NUMBER, None),
        ("25:00", TargetProblem.NOT_A_NUMBER, None),
        ("0280-181", TargetProblem.NOT_A_NUMBER, None),
        ("12345678901234", TargetProblem.NOT_A_NUMBER, None),
        ("Lars", TargetProblem.NOT_A_NUMBER, None),
        ("", TargetProblem.NOT_A_NUMBER, None),
    ],
)
def test_anything_else_is_refused_saying_why(
    typed: str, problem: TargetProblem, clock: time | None
) -> None:
    with pytest.raises(RedirectTargetError) as raised:
        redirect_number(typed, holder, person_id=ANNA)

    assert raised.value.problem is problem
    assert raised.value.code == problem.value
    assert raised.value.value == typed.strip()
    assert raised.value.clock == clock


def test_without_a_person_an_extension_is_anyones() -> None:
    assert redirect_number("2101", holder) == "2101"


@pytest.mark.parametrize(
    ("typed", "number_like"),
    [
        ("1430", True),
        ("14:30", True),
        ("14.30", True),
        ("+46 70-123 45 67", True),
        ("(0280) 181 00", True),
        ("Lars", False),
        ("kl 14", False),
        ("Per 2", False),
        ("+", False),
        ("", False),
    ],
)
def test_what_is_written_like_a_number(typed: str, number_like: bool) -> None:
    assert looks_like_number(typed) is number_like


@pytest.mark.parametrize(
    ("typed", "clock"),
    [
        ("13", time(13, 0)),
        ("1430", time(14, 30)),
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("kl. 9", time(9, 0)),
        ("2pm", time(14, 0)),
        ("25:00", None),
        ("2960", None),
        ("imorgon", None),
        ("+1h", None),
    ],
)
def test_a_clock_time_is_read_as_the_return_time_field_reads_one(
    typed: str, clock: time | None
) -> None:
    assert clock_time(typed) == clock
