"""Staff search for the desk: every typed word matches anywhere, names rank first, typos forgiven.

Typing "ann byg" finds Anna in "Bygg och miljö"; case and Swedish letters are folded.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress, repeat

from rapidfuzz import fuzz, process

from reception_tui.domain.records import EmployeeRecord
from reception_tui.domain.text import fold

# The typo-tolerant fallback runs when exact matching finds fewer than FUZZY_BELOW people, for
# query words of at least FUZZY_MIN_LETTERS letters, and adds at most FUZZY_LIMIT people.
FUZZY_BELOW = 3
FUZZY_MIN_LETTERS = 4
FUZZY_LIMIT = 50
# How alike (0-100) a typed word must be to a known word: "svenson"/"svensson" 93,
# "andersen"/"andersson" 82, while "andersen"/"pedersen" (75) stays out.
FUZZY_CUTOFF = 80
# The same for a typed word against the best-matching stretch of a longer word, as when the
# start of "bygglovshandläggare" is typed with a typo. Any stretch can match, so it must be closer.
FUZZY_PARTIAL_CUTOFF = 85

# Matching goes by token (a run of non-whitespace): a query word has no whitespace, so it occurs
# in a field exactly when it occurs in one of the field's tokens, and a municipality has far
# fewer distinct tokens than people. Who holds a token is a bit mask over positions in name order
# (12.5 kB at 100,000 people, and combining masks takes microseconds) once at least _DENSE people
# hold it; rarer tokens keep a list of ids, which takes less memory.
_DENSE = 128
_WORD_CACHE = 64  # typed words remembered with their token hits and masks
_RESULT_CACHE = 32  # queries remembered with their results, for backspacing and re-typing
# Extensions are nearly unique, so they are indexed by column instead: a mask per byte value at
# each offset of their UTF-8 text. Padding uses 0xFF, which UTF-8 text never contains.
_PAD = 0xFF

_BIT = bytes(1 << k for k in range(8))
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
# Per byte value: a translation that turns that byte into "1" and every other into "0".
_ONE_OF = [bytes(0x31 if other == byte else 0x30 for other in range(256)) for byte in range(256)]
_PRESENT = bytes(0x30 if byte == _PAD else 0x31 for byte in range(256))
_ALNUM_RUN = re.compile(r"[^\W_]+")

# A change of positions (an insert or a delete) as applied to a bit mask.
_MaskChange = Callable[[int], int]


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What the index needs of one employee."""

    id: int
    name: str
    unit: str
    title: str
    extension: str
    keywords: str

    @classmethod
    def from_employee(cls, employee: EmployeeRecord) -> SearchEntry:
        return cls(
            id=employee.id,
            name=employee.name,
            unit=employee.unit_name,
            title=employee.title,
            extension=employee.extension,
            keywords=employee.keywords,
        )


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The ids found for `query`, best first; `fuzzy` when typo-tolerant matches were added."""

    query: str
    ids: list[int]
    fuzzy: bool


class StaffIndex:
    """Finds employees by what the receptionist types, fast enough to search on every keystroke.

    Every query word must occur somewhere in the name, unit, title, extension or keywords.
    Results come in three tiers, each in name order: first those where every word starts a word
    of the name (or is the whole extension), then those where every word starts a word of some
    field (or the extension), then the rest. When that finds fewer than three people, words
    spelled like the longer query words count too ("Svenson" finds Svensson), ranked after.

    Changes go through `upsert` and `remove`; each costs time in proportion to the size of the
    index, so a large batch of changes is better served by building a new index.
    """

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        self._entries = {entry.id: entry for entry in entries}
        listed = list(self._entries.values())
        names = _fold_all([entry.name for entry in listed])
        # Name order, ties by id: sort by id, then (stably) by name.
        order = sorted(range(len(listed)), key=[entry.id for entry in listed].__getitem__)
        order.sort(key=names.__getitem__)
        listed = [listed[i] for i in order]
        self._names_in_order = [names[i] for i in order]
        # Fresh int objects, made in name order: building a result walks this list, and reading
        # memory in order is several times faster at 100,000 than following ids scattered
        # around the heap by however the entries were made.
        self._ids = [entry.id + 0 for entry in listed]
        self._position: dict[int, int] = {}
        self._names = _Tokens()
        self._others = _Tokens()
        self._extensions = _Extensions()
        self._words: OrderedDict[str, _Word] = OrderedDict()
        self._results: OrderedDict[tuple[str, ...], tuple[list[int], bool]] = OrderedDict()
        self._fuzzy_words: dict[str, list[tuple[bool, str]]] | None = None
        self._build(listed)

    @classmethod
    def from_employees(cls, employees: Iterable[EmployeeRecord]) -> StaffIndex:
        return cls(SearchEntry.from_employee(employee) for employee in employees)

    def __len__(self) -> int:
        return len(self._ids)

    def all_ids(self) -> list[int]:
        """Every id, in name order: what an empty query shows."""
        return list(self._ids)

    # ------------------------------------------------------------------ searching

    def search(self, query: str) -> SearchResult:
        words = tuple(fold(query).split())
        if not words:
            return SearchResult(query, self.all_ids(), fuzzy=False)
        found = self._results.get(words)
        if found is None:
            found = self._find(words)
            self._results[words] = found
            if len(self._results) > _RESULT_CACHE:
                self._results.popitem(last=False)
        else:
            self._results.move_to_end(words)
        ids, fuzzy = found
        # A copy, so that a caller sorting or trimming its list cannot change the cache.
        return SearchResult(query, list(ids), fuzzy)

    def _find(self, words: tuple[str, ...]) -> tuple[list[int], bool]:
        match, rank0, rank1 = -1, -1, -1
        for text in words:
            found = self._word(text)
            match &= found.match
            rank0 &= found.rank0
            rank1 &= found.rank1
            if not match:
                break
        rank0 &= match
        rank1 &= match
        ids: list[int] = []
        for tier in (rank0, rank1 & ~rank0, match & ~rank1):
            self._collect(tier, ids)
        if len(ids) >= FUZZY_BELOW:
            return ids, False
        similar = self._similar(words, found=match)
        return ids + similar, bool(similar)

    def _word(self, text: str) -> _Word:
        """The tokens holding `text`, and the positions it matches at each rank."""
        found = self._words.get(text)
        if found is not None:
            self._words.move_to_end(text)
            return found
        # A token holding "anna" also holds "ann", so while typing, the hits of the word as it
        # was a keystroke ago are all the tokens worth looking at.
        names: list[str] = self._names.tokens()
        others: list[str] = self._others.tokens()
        longest = 0
        for part, earlier in self._words.items():
            if len(part) > longest and part in text:
                longest, names, others = len(part), earlier.names, earlier.others
        name_hits = [token for token in names if text in token]
        other_hits = [token for token in others if text in token]
        name_starts, name_inside = _by_word_start(name_hits, text)
        other_starts, other_inside = _by_word_start(other_hits, text)

        encoded = text.encode()
        rank0 = self._union(self._names, name_starts) | self._extensions.exact(encoded)
        rank1 = rank0 | self._union(self._others, other_starts) | self._extensions.prefix(encoded)
        match = rank1 | self._union(self._names, name_inside)
        match |= self._union(self._others, other_inside) | self._extensions.contains(encoded)
        found = _Word(name_hits, other_hits, match, rank0, rank1)
        self._words[text] = found
        if len(self._words) > _WORD_CACHE:
            self._words.popitem(last=False)
        return found

    def _union(self, tokens: _Tokens, chosen: list[str]) -> int:
        return tokens.union(chosen, self._position, len(self._ids)) if chosen else 0

    def _similar(self, words: tuple[str, ...], found: int) -> list[int]:
        """Up to FUZZY_LIMIT ids outside `found` where every word matches or nearly matches.

        An id ranks by its least alike word, then by name.
        """
        exact = [self._word(text).match for text in words]
        close = [
            self._close(text) if _letters(text) >= FUZZY_MIN_LETTERS else {} for text in words
        ]
        ids: list[int] = []
        seen = found
        reach = [0] * len(words)
        for level in sorted({score for scores in close for score in scores}, reverse=True):
            allowed = -1
            for i, scores in enumerate(close):
                reach[i] |= scores.get(level, 0)
                allowed &= exact[i] | reach[i]
            new = allowed & ~seen
            if new:
                seen |= new
                self._collect(new, ids)
                if len(ids) >= FUZZY_LIMIT:
                    return ids[:FUZZY_LIMIT]
        return ids

    def _close(self, text: str) -> dict[float, int]:
        """The positions holding a word spelled like `text`, by how alike (0-100)."""
        if not text.isalnum():
            return {}
        vocabulary = self._fuzzy_vocabulary()
        choices = list(vocabulary)
        alike: dict[str, float] = {}
        for choice, score, _ in process.extract(
            text, choices, scorer=fuzz.ratio, processor=None, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            alike[choice] = score
        # Only longer words: a shorter one inside the typed word ("berg" in "bergstrm") would
        # score 100.
        for choice, score, _ in process.extract(
            text,
            choices,
            scorer=fuzz.partial_ratio,
            processor=None,
            score_cutoff=FUZZY_PARTIAL_CUTOFF,
            limit=None,
        ):
            if len(choice) > len(text) and score > alike.get(choice, 0):
                alike[choice] = score
        holders: dict[float, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for word, score in alike.items():
            names, others = holders[round(score, 1)]
            for in_name, token in vocabulary[word]:
                (names if in_name else others).append(token)
        return {
            score: self._union(self._names, names) | self._union(self._others, others)
            for score, (names, others) in holders.items()
        }

    def _fuzzy_vocabulary(self) -> dict[str, list[tuple[bool, str]]]:
        """Every word (run of letters and digits, not only digits) and the tokens holding it."""
        if self._fuzzy_words is None:
            vocabulary: dict[str, list[tuple[bool, str]]] = defaultdict(list)
            for in_name, tokens in ((True, self._names.tokens()), (False, self._others.tokens())):
                for token in tokens:
                    for word in set(_ALNUM_RUN.findall(token)):
                        if not word.isdigit():
                            vocabulary[word].append((in_name, token))
            self._fuzzy_words = dict(vocabulary)
        return self._fuzzy_words

    def _collect(self, mask: int, into: list[int]) -> None:
        """Append the ids at the positions set in `mask` to `into`, in name order."""
        if not mask:
            return
        ids = self._ids
        # Picking ids one by one costs per id, `compress` per position; below about 1 in 30
        # picking is quicker.
        if mask.bit_count() * 32 < mask.bit_length():
            into += [ids[position] for position in _positions(mask)]
        else:
            into += compress(ids, _flags(mask))

    # ------------------------------------------------------------------ changes

    def upsert(self, entry: SearchEntry) -> None:
        """Add `entry`, or replace the entry with its id, keeping name order."""
        if entry.id in self._entries:
            self._delete(entry.id)
        name = fold(entry.name)
        # Name order, ties by id.
        start = bisect_left(self._names_in_order, name)
        end = bisect_right(self._names_in_order, name, start)
        position = bisect_left(self._ids, entry.id, start, end)
        self._names_in_order.insert(position, name)
        self._ids.insert(position, entry.id)
        self._entries[entry.id] = entry
        self._shift(lambda mask: _insert_bit(mask, position))
        self._index_positions()
        bit = 1 << position
        for token in set(name.split()):
            self._names.add(token, entry.id, bit)
        for token in set(_other_tokens(entry)):
            self._others.add(token, entry.id, bit)
        self._extensions.add(fold(entry.extension).encode(), bit)
        self._forget()

    def remove(self, employee_id: int) -> None:
        """Drop the entry with `employee_id`; an unknown id is ignored."""
        if employee_id in self._entries:
            self._delete(employee_id)
            self._index_positions()
            self._forget()

    def _delete(self, employee_id: int) -> None:
        position = self._position[employee_id]
        entry = self._entries.pop(employee_id)
        bit = 1 << position
        for token in set(self._names_in_order[position].split()):
            self._names.discard(token, employee_id, bit)
        for token in set(_other_tokens(entry)):
            self._others.discard(token, employee_id, bit)
        self._extensions.discard(fold(entry.extension).encode(), bit)
        del self._names_in_order[position]
        del self._ids[position]
        self._shift(lambda mask: _delete_bit(mask, position))

    def _shift(self, change: _MaskChange) -> None:
        self._names.shift(change)
        self._others.shift(change)
        self._extensions.shift(change)

    def _forget(self) -> None:
        self._words.clear()
        self._results.clear()
        self._fuzzy_words = None

    # ------------------------------------------------------------------ building

    def _index_positions(self) -> None:
        self._position = dict(zip(self._ids, range(len(self._ids)), strict=True))

    def _build(self, entries: list[SearchEntry]) -> None:
        self._index_positions()
        ids, size = self._ids, len(self._ids)
        names: dict[str, list[list[int]]] = {}
        for position, name in enumerate(self._names_in_order):
            for token in name.split():
                held = names.get(token)
                if held is None:
                    names[token] = [[position]]
                elif held[0][-1] != position:  # a name may repeat a token
                    held[0].append(position)
        self._names.fill(names, ids, size)
        # Units, titles and keywords repeat from person to person: each distinct value is
        # folded and split once, and its tokens share its list of holders.
        values: dict[str, list[int]] = defaultdict(list)
        for position, entry in enumerate(entries):
            values[entry.unit].append(position)
            values[entry.title].append(position)
            values[entry.keywords].append(position)
        others: dict[str, list[list[int]]] = defaultdict(list)
        for value, positions in values.items():
            for token in set(fold(value).split()):
                others[token].append(positions)
        self._others.fill(others, ids, size)
        extensions = _fold_all([entry.extension for entry in entries])
        self._extensions.fill([extension.encode() for extension in extensions])


# ---------------------------------------------------------------------- the parts


@dataclass(slots=True)
class _Word:
    """One typed word: the tokens holding it, and bit masks of the positions it matches."""

    names: list[str]
    others: list[str]
    match: int
    rank0: int
    rank1: int


class _Tokens:
    """Who holds each token of one kind of field: a bit mask when common, else a list of ids."""

    __slots__ = ("_listed", "dense", "sparse")

    def __init__(self) -> None:
        self.dense: dict[str, int] = {}
        self.sparse: dict[str, list[int]] = {}
        self._listed: list[str] | None = None

    def tokens(self) -> list[str]:
        if self._listed is None:
            self._listed = [*self.dense, *self.sparse]
        return self._listed

    def fill(self, holders: dict[str, list[list[int]]], ids: list[int], size: int) -> None:
        """Index `holders`: token -> lists of positions (several when several values share it)."""
        masks: dict[int, int] = {}  # by id() of a list of positions, made once per list
        for token, lists in holders.items():
            if sum(map(len, lists)) >= _DENSE:
                mask = 0
                for positions in lists:
                    made = masks.get(id(positions))
                    if made is None:
                        made = masks[id(positions)] = _mask_of(positions, size)
                    mask |= made
                self.dense[token] = mask
            else:
                # One person can hold a token twice ("bygg" in both unit and keywords).
                held = dict.fromkeys(ids[position] for positions in lists for position in positions)
                self.sparse[token] = list(held)
        self._listed = None

    def union(self, tokens: Iterable[str], position: dict[int, int], size: int) -> int:
        """The positions holding any of `tokens`."""
        mask = 0
        listed: list[int] = []
        dense, sparse = self.dense, self.sparse
        for token in tokens:
            held = dense.get(token)
            if held is None:
                listed += sparse[token]
            else:
                mask |= held
        if listed:
            mask |= _mask_of([position[employee_id] for employee_id in listed], size)
        return mask

    def add(self, token: str, employee_id: int, bit: int) -> None:
        if token in self.dense:
            self.dense[token] |= bit
        elif token in self.sparse:
            self.sparse[token].append(employee_id)
        else:
            self.sparse[token] = [employee_id]
            self._listed = None

    def discard(self, token: str, employee_id: int, bit: int) -> None:
        if token in self.dense:
            self.dense[token] &= ~bit
            return
        holders = self.sparse[token]
        holders.remove(employee_id)
        if not holders:
            del self.sparse[token]
            self._listed = None

    def shift(self, change: _MaskChange) -> None:
        dense = self.dense
        for token, mask in dense.items():
            dense[token] = change(mask)


class _Extensions:
    """Extensions by column: which positions have which byte at each offset of the UTF-8 text.

    Substring, prefix and equality tests then take a few big-integer operations each, where a
    scan of 100,000 nearly unique extensions would not fit in a keystroke. Byte strings match
    where the text does, since UTF-8 never finds a character inside another.
    """

    __slots__ = ("columns", "present")

    def __init__(self) -> None:
        self.columns: list[dict[int, int]] = []  # per offset: byte -> positions with it there
        self.present: list[int] = []  # per offset: positions whose extension reaches it

    def fill(self, extensions: list[bytes]) -> None:
        width = max(map(len, extensions), default=0)
        padded = b"".join(map(bytes.ljust, extensions, repeat(width), repeat(bytes([_PAD]))))
        for offset in range(width):
            column = padded[offset::width]
            self.columns.append(
                {
                    byte: _mask_of_digits(column.translate(_ONE_OF[byte]))
                    for byte in set(column) - {_PAD}
                }
            )
            self.present.append(_mask_of_digits(column.translate(_PRESENT)))

    def exact(self, text: bytes) -> int:
        mask = self._at(text, 0)
        if mask and len(text) < len(self.present):
            mask &= ~self.present[len(text)]
        return mask

    def prefix(self, text: bytes) -> int:
        return self._at(text, 0)

    def contains(self, text: bytes) -> int:
        mask = 0
        for offset in range(len(self.columns) - len(text) + 1):
            mask |= self._at(text, offset)
        return mask

    def _at(self, text: bytes, offset: int) -> int:
        """The positions whose extension has `text` at byte `offset`."""
        columns = self.columns
        if offset + len(text) > len(columns):
            return 0
        mask = -1
        for i, byte in enumerate(text):
            mask &= columns[offset + i].get(byte, 0)
            if not mask:
                break
        return mask

    def add(self, extension: bytes, bit: int) -> None:
        while len(self.columns) < len(extension):
            self.columns.append({})
            self.present.append(0)
        for offset, byte in enumerate(extension):
            column = self.columns[offset]
            column[byte] = column.get(byte, 0) | bit
            self.present[offset] |= bit

    def discard(self, extension: bytes, bit: int) -> None:
        for offset, byte in enumerate(extension):
            self.columns[offset][byte] &= ~bit
            self.present[offset] &= ~bit

    def shift(self, change: _MaskChange) -> None:
        for column in self.columns:
            for byte, mask in column.items():
                column[byte] = change(mask)
        self.present = [change(mask) for mask in self.present]


def _fold_all(texts: list[str]) -> list[str]:
    """`[fold(text) for text in texts]`, in a few passes over all of them at once.

    Folding goes character by character and a NUL stays a NUL, so folding the texts joined by
    NULs and splitting the result gives the same. A text holding a NUL itself folds alone.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return [fold(text) for text in texts]
    folded = unicodedata.normalize("NFKD", joined.casefold())
    if not folded.isascii():
        for char in set(folded):
            if unicodedata.combining(char):
                folded = folded.replace(char, "")
    return folded.split("\x00") if texts else []


def _other_tokens(entry: SearchEntry) -> list[str]:
    """The tokens of an entry's unit, title and keywords, folded."""
    return fold(f"{entry.unit}\n{entry.title}\n{entry.keywords}").split()


def _by_word_start(tokens: list[str], text: str) -> tuple[list[str], list[str]]:
    """`tokens` split into those where `text` starts a word and those where it does not."""
    starts: list[str] = []
    inside: list[str] = []
    for token in tokens:
        (starts if _starts_word(token, text) else inside).append(token)
    return starts, inside


def _starts_word(token: str, text: str) -> bool:
    """Whether `text` occurs in `token` where a word starts: first, or after a non-alphanumeric."""
    at = token.find(text)
    while at >= 0:
        if at == 0 or not token[at - 1].isalnum():
            return True
        at = token.find(text, at + 1)
    return False


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


# ---------------------------------------------------------------------- bit masks
# Bit p of a mask stands for the employee at position p in name order.


def _mask_of(positions: list[int], size: int) -> int:
    if len(positions) * 16 > size:
        # Many positions: a byte per position is quicker to set, and converts in one pass.
        flags = bytearray(size)
        for position in positions:
            flags[position] = 1
        return _mask_of_digits(flags.translate(_TO_DIGITS))
    bits = bytearray((size >> 3) + 1)
    bit = _BIT
    for position in positions:
        bits[position >> 3] |= bit[position & 7]
    return int.from_bytes(bits, "little")


def _mask_of_digits(digits: bytes | bytearray) -> int:
    """The mask whose bit p is digits[p] ("0" or "1")."""
    return int(digits[::-1], 2) if digits else 0


def _flags(mask: int) -> bytes:
    """A byte per position, 1 where `mask` is set: the selectors `itertools.compress` takes."""
    return bin(mask)[:1:-1].encode().translate(_FROM_DIGITS)


def _positions(mask: int) -> list[int]:
    bits = bin(mask)[:1:-1]
    find = bits.find
    positions = []
    at = find("1")
    while at >= 0:
        positions.append(at)
        at = find("1", at + 1)
    return positions


def _insert_bit(mask: int, position: int) -> int:
    """`mask` with a clear bit inserted at `position`, the higher bits moving up."""
    low = mask & ((1 << position) - 1)
    return low | ((mask >> position) << (position + 1))


def _delete_bit(mask: int, position: int) -> int:
    """`mask` without its bit at `position`, the higher bits moving down."""
    low = mask & ((1 << position) - 1)
    return low | ((mask >> (position + 1)) << position)
