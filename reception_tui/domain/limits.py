"""How much each stored text may hold, and the one check of it before anything is written.

The tables declare their columns with these lengths, and the repository checks every text
against them before a write, so SQLite (which would store anything) and PostgreSQL (which
would refuse with a driver error) accept exactly the same input. The importer and the forms
run the same check to name the line or the field.
"""

from __future__ import annotations

from collections.abc import Mapping

from reception_tui.domain.text import UnprintableText, checked_text, name_key
from reception_tui.words import Coded, Term, Worded, text

# Lengths in characters, by "table.column".
MAX_LENGTH: dict[str, int] = {
    "unit.name": 200,
    "unit.phone_hours": 200,
    "unit.unmanned_redirect": 200,
    "employee.employee_number": 50,
    "employee.first_name": 100,
    "employee.last_name": 100,
    "employee.title": 200,
    "employee.extension": 30,
    "employee.mobile": 30,
    "employee.email": 254,
    "employee.keywords": 1000,
    "employee.visiting_address": 300,
    "employee.sort_key": 201,
    "presence.status_code": 50,
    "presence.redirect_number": 30,
    "presence.note": 500,
    "inquiry.caller_name": 200,
    "inquiry.caller_number": 30,
    "inquiry.caller_email": 254,
    "inquiry.subject": 2000,
    "callback_attempt.note": 1000,
    # Who made a change: presence.set_by, inquiry.created_by, callback_attempt.by, change.actor.
    "actor": 100,
}


# A full staff import may deactivate at most this share of the active staff (config:
# import.max_deactivated_share): a header-only or cut-off export looks like everyone leaving.
MAX_DEACTIVATED_SHARE = 0.1


class FieldError(Coded, ValueError):
    """A text that cannot be stored in `field` ("inquiry.caller_name"); `reason` says why.

    `reason` is "too_long" (with `limit`), "name_too_long" (the full name spelled out for
    sorting, with `limit`) or "control_character" (with `character` and `position`). Its words
    name the field (`field.<field>` in the catalogue); `problem` words it without the field,
    for whoever names the field in their own way (a column, an option).
    """

    CODES = {
        "too_long": ("limit",),
        "name_too_long": ("limit",),
        "unprintable": ("problem",),
    }

    def __init__(
        self,
        field: str,
        reason: str,
        *,
        limit: int = 0,
        character: str = "",
        position: int = 0,
    ) -> None:
        self.field = field
        self.reason = reason
        self.limit = limit
        self.character = character
        self.position = position
        if reason == "control_character":
            super().__init__("unprintable", problem=UnprintableText(character, position))
        else:
            super().__init__(reason, limit=limit)

    def problem(self, language: str = "en") -> str:
        """What is wrong, in `language`, without the field's name."""
        return self.problem_words().say(language)

    def problem_words(self) -> Worded:
        """What is wrong without the field's name, to be worded with the rest of a message."""
        return _Problem(self.code, self.values)

    def __str__(self) -> str:
        return self.say("en", field=self.field)  # for logs: the field as the tables name it

    def say(self, language: str, **values: object) -> str:
        field = values.pop("field", Term(f"field.{self.field}"))
        shown = text(language, field.key) if isinstance(field, Term) else field
        return text(
            language, "error.in_field", field=shown, problem=super().say(language, **values)
        )


class _Problem(Worded):
    """A FieldError's problem alone, for whoever names the field their own way (a column)."""

    CODES = FieldError.CODES

    def __init__(self, code: str, values: Mapping[str, object]) -> None:
        self._coded(code, values)


def check_field(field: str, value: str) -> str:
    """`value` as `field` stores it (a tab becomes a space); raises FieldError if it cannot be."""
    try:
        value = checked_text(value)
    except UnprintableText as error:
        raise FieldError(
            field, "control_character", character=error.character, position=error.position
        ) from None
    limit = MAX_LENGTH[field]
    if len(value) > limit:
        raise FieldError(field, "too_long", limit=limit)
    return value


def check_name(first_name: str, last_name: str) -> None:
    """A name whose sort key would not fit: some letters spell out longer ("ﷺ", "㎏")."""
    limit = MAX_LENGTH["employee.sort_key"]
    size = len(first_name) + len(last_name) + 1
    # Within Latin-1 a letter spells out as at most three ("½" is "1⁄2"): most names need no key.
    if 3 * size <= limit and max(first_name + last_name, default="") < "\u0100":
        return
    if len(name_key(first_name, last_name)) > limit:
        raise FieldError("employee.last_name", "name_too_long", limit=limit)
