"""Text from outside made safe, and folded so that searches ignore case and Swedish letters
("ostersund" finds "Östersund").
"""

from __future__ import annotations

import re
import unicodedata

from reception_tui.words import Coded

# C0 and C1 control characters and DEL (ESC among them: an escape sequence in a name could set
# the terminal's title, clear the screen or write the clipboard), and the Unicode line and
# paragraph separators, which break a line as a newline does.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class UnprintableText(Coded, ValueError):
    """Text that holds a control character; `character` is the first one, `position` its index."""

    CODES = {"control_character": ("codepoint", "position")}

    def __init__(self, character: str, position: int) -> None:
        self.character = character
        self.position = position
        super().__init__("control_character", codepoint=self.codepoint, position=position + 1)

    @property
    def codepoint(self) -> str:
        """The character as Unicode names it: "U+001B"."""
        return f"U+{ord(self.character):04X}"


def checked_text(text: str) -> str:
    """`text` as it may be stored: a tab becomes a space, any other control character is refused.

    Raises UnprintableText naming the first one. Every way in (the staff file, the command
    line, the forms, config.toml) checks its text with this before anything is stored.
    """
    if "\t" in text:
        text = text.replace("\t", " ")
    match = UNPRINTABLE.search(text)
    if match is not None:
        raise UnprintableText(match.group(), match.start())
    return text


def is_printable(text: str) -> bool:
    """Whether `text` holds no control character at all (not even a tab)."""
    return UNPRINTABLE.search(text) is None


def printable(text: str) -> str:
    """`text` safe to show on a terminal: every control character becomes a space.

    For what is already stored (an older database, a row another program wrote): every way
    out (the command line's text, the desk's widgets, notices and dialogs) shows text through
    this, so that nothing stored can reach the terminal as an escape sequence.
    """
    return UNPRINTABLE.sub(" ", text) if UNPRINTABLE.search(text) else text


def printable_lines(text: str) -> str:
    """`printable`, keeping the line breaks of a message of several lines."""
    return "\n".join(printable(line) for line in text.split("\n"))


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
