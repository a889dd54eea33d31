"""Folding text so that searches ignore case and Swedish letters ("ostersund" finds "Östersund")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics: "Åsa Öberg" -> "asa oberg"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(first_name: str, last_name: str) -> str:
    """The key the desk lists people by: the full name, folded ("Åsa Öberg" -> "asa oberg").

    The database keeps it beside the name (`employee.sort_key`), so that it can hand out the
    first screenful in exactly the order the desk's search index lists everyone.
    """
    return fold(f"{first_name} {last_name}".strip())
