"""Folding text so that searches ignore case and Swedish letters ("ostersund" finds "Östersund")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics: "Åsa Öberg" -> "asa oberg"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Swedish alphabetical order: Å, Ä and Ö are letters of their own after Z (Æ sorts as Ä, Ø as Ö
# and Ü as Y); other accents do not count (É as E). Characters just after "z" stand in for them.
_SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def sort_key(text: str) -> str:
    """A key that orders `text` as a Swedish list does: "Ali" < "Zorn" < "Åberg" < "Öberg"."""
    return fold(unicodedata.normalize("NFC", text).casefold().translate(_SWEDISH_LETTERS))


# What a text holds when Swedish order sets a letter apart (composed, decomposed, or the
# Ångström sign); in any other text the sort key is the folded text itself.
_SET_APART = frozenset("åäæöøüÅÄÆÖØÜ\u212b\u030a\u0308")


def sort_key_folded(text: str, folded: str) -> str:
    """`sort_key(text)`, given `folded == fold(text)`: most names need no second pass."""
    return folded if _SET_APART.isdisjoint(text) else sort_key(text)


def name_key(first_name: str, last_name: str) -> str:
    """The key the desk lists people by: their full name in Swedish alphabetical order.

    The database keeps it beside the name (`employee.sort_key`), so that it can hand out the
    first screenful in exactly the order the desk's search index lists everyone. Changing how
    keys are made needs a migration that makes the stored ones again.
    """
    return sort_key(f"{first_name} {last_name}".strip())
