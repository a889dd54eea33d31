"""Counts as the reader of each language writes them: "100 000" in Swedish, "100,000" in
English."""

from __future__ import annotations

# What groups thousands in each language of the catalogue: a no-break space in Swedish.
THOUSANDS = {"sv": "\u00a0", "en": ","}


def shown_count(count: int, language: str) -> str:
    """`count` grouped by thousands with the separator of `language` (English for one the
    catalogue does not have). Python's own grouping with that separator is what Babel
    writes for these languages (a test compares them), without loading Babel's locale data,
    which the desk's first frame would wait for."""
    return f"{count:,}".replace(",", THOUSANDS.get(language, ","))
