"""Staff search for the desk: each typed word matches anywhere, names rank first, Swedish
inflections and typos are forgiven, and "ann byg" finds Anna in Bygg och miljö within a
keystroke."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress, islice, repeat
from typing import Generic, NamedTuple, TypeVar

import Stemmer
from rapidfuzz import fuzz, process

from reception_tui.domain.records import EmployeeRecord
from reception_tui.domain.text import fold, sort_key, sort_key_folded

# The typo-tolerant fallback runs when exact matching finds fewer than FUZZY_BELOW people, for
# query words of at least FUZZY_MIN_LETTERS letters, and adds at most FUZZY_LIMIT people.
FUZZY_BELOW = 3
FUZZY_MIN_LETTERS = 4
FUZZY_LIMIT = 50
# How alike (0-100, by rapidfuzz's `fuzz.ratio`) a typed word must be to a known word:
# "svenson"/"svensson" 93, "andersen"/"andersson" 82, while "andersen"/"pedersen" (75) stays out.
FUZZY_CUTOFF = 80

# Matching goes by token (a run of non-whitespace): a query word has no whitespace, so it occurs
# in a field exactly when it occurs in one of the field's tokens, and a municipality has far
# fewer distinct tokens than people. Who holds a token is a bit mask over positions in name order
# (12.5 kB at 100,000 people, and combining masks takes microseconds) once at least _DENSE people
# hold it; rarer tokens keep a list of positions, which takes less memory.
_DENSE = 128
# Recent words (with their token hits and masks) and queries (with their results) are kept for
# backspacing and re-typing. Single characters are searched for when the index is built and
# kept: every search starts with one, and matching nearly everyone, they are the slowest.
_WORD_CACHE = 64
_RESULT_CACHE = 16
# Long-lived sequences of strings and ints are kept as tuples, not lists: the garbage collector
# stops visiting a tuple of such atoms after one look, where it would walk a list of 100,000 ids
# in every full collection, a pause the desk would feel on some keystroke.
# Extensions are nearly unique, so they are indexed by column instead: a mask per byte value at
# each offset of their UTF-8 text. Padding uses 0xFF, which UTF-8 text never contains.
_PAD = 0xFF
# Entries are taken this many at a time while an index is built.
_CHUNK = 4096

_BIT = bytes(1 << k for k in range(8))
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_ALNUM_RUN = re.compile(r"[^\W_]+")
# Inflections: a query word also matches where its Swedish stem (Snowball's algorithm, by
# PyStemmer) occurs inside a token of a unit, title or keywords. The Swedish algorithm only
# ever cuts a word's ending, so every stem is a prefix of its word: wherever a query's stem
# occurs in the stem of an indexed word, it occurs in the word itself. Searching the stem in
# the tokens as they are therefore finds everyone that a stemmed index would (and more only
# where the stem reaches into an indexed word's ending, which is rare); so the index keeps no
# stems, and stemming costs one call per new query word. Names are left out: they are not
# inflected, and "anna" (stem "ann") must not bring every Ann and Annika along; nor is a word
# that is a whole word of somebody's name stemmed ("berger" is a Berger, not "berg"). A stem
# shorter than _STEM_INSIDE counts only where it starts a word: "lön" finds
# "löneadministratör", while "ost" (of "oster") inside "post" and "specialkost" is noise.
_STEMMER = "swedish"
_STEM_INSIDE = 4


class SearchEntry(NamedTuple):
    """What the index needs of one employee (a tuple: an index of 100,000 makes one each,
    and a tuple is made in a third of a frozen dataclass's time)."""

    id: int
    name: str
    unit: str
    title: str
    extension: str
    keywords: str
    #: `text.sort_key(name)` when the caller has it (the database keeps it), else "".
    key: str = ""

    @classmethod
    def from_employee(cls, employee: EmployeeRecord) -> SearchEntry:
        return cls(
            employee.id,
            employee.name,
            employee.unit_name,
            employee.title,
            employee.extension,
            employee.keywords,
            employee.sort_key,
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
    field (or the extension), then the rest. Then come those found only when query words also
    match by their Swedish stem inside a unit, title or keyword ("faktura" finds
    "leverantörsfakturor", "bygglovet" finds "bygglovshandläggare"): first where every word or
    its stem starts a word, then the rest. When all that finds fewer than three people, words
    spelled like the longer query words count too ("Svenson" finds Svensson), ranked after.
    Name order is Swedish alphabetical order (`text.sort_key`: Å, Ä and Ö after Z), ties by id.

    Changes go through `upsert` and `remove`; each costs time in proportion to the size of the
    index, so a large batch of changes is better served by building a new index.
    """

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        # Folded a slice at a time, so that the entries and their names as given are never all
        # held at once; the index keeps names folded, and a name many people share once.
        self._fields: dict[int, _Fields] = {}
        keys: list[str] = []  # in the order the entries came, as `self._fields`
        same: dict[str, str] = {}
        given = iter(entries)
        while chunk := list(islice(given, _CHUNK)):
            for entry, name in zip(chunk, _fold_all([e.name for e in chunk]), strict=True):
                if entry.id in self._fields:
                    raise ValueError(f"employee id {entry.id} is given twice")
                # Most names sort as they fold: then name and key are one string (the entry's
                # key, which its record keeps too), and one for everyone of that name.
                key = entry.key or sort_key_folded(entry.name, name)
                if key == name:
                    name = key = same.setdefault(key, key)
                else:
                    name, key = same.setdefault(name, name), same.setdefault(key, key)
                self._fields[entry.id] = (
                    name, entry.unit, entry.title, entry.extension, entry.keywords,
                )  # fmt: skip
                keys.append(key)
        del same
        ids = list(self._fields)
        listed = list(self._fields.values())
        # Name order (Swedish), ties by id: sort by id, then (stably) by key. The numbers 0,
        # 1, ... are made once and shared by every list of positions built from them.
        numbers = list(range(len(listed)))
        order = sorted(numbers, key=ids.__getitem__)
        order.sort(key=keys.__getitem__)
        self._keys_in_order = tuple(keys[i] for i in order)
        # Fresh int objects, made in name order: building a result walks these ids, and reading
        # memory in order is several times faster at 100,000 than following ids scattered
        # around the heap by however the entries were made.
        self._ids = tuple(ids[i] + 0 for i in order)
        del ids, keys
        self._start()
        self._build(listed, order, numbers)
        # Only once the building's scaffolding is gone: at 100,000 people both are large, and
        # the most memory the process ever holds is what stays resident.
        del listed, order, numbers
        self._learn_characters()

    @classmethod
    def from_employees(cls, employees: Iterable[EmployeeRecord]) -> StaffIndex:
        return cls(SearchEntry.from_employee(employee) for employee in employees)

    def _start(self) -> None:
        """The parts an index is filled into, and its memos, empty."""
        self._names = _Tokens()
        self._others = _Tokens()
        self._extensions = _Extensions()
        self._spellings = _Spellings()
        # Its own stemmer: a stemmer is not safe to share between threads, and an index is
        # used by one thread at a time.
        self._stem_word: Callable[[str], str] = Stemmer.Stemmer(_STEMMER).stemWord
        self._words: _Memo[str, _Word] = _Memo(_WORD_CACHE, keep=lambda text: len(text) == 1)
        self._results: _Memo[tuple[str, ...], tuple[tuple[int, ...], bool]] = _Memo(
            _RESULT_CACHE, keep=lambda words: len(words) == 1 and len(words[0]) == 1
        )

    def entries(self) -> Iterator[tuple[int, str, str, str, str, str]]:
        """Each employee's id, unit, title, extension, keywords and sort key, in name order,
        as the index holds them (its own objects, which the records of a full read share)."""
        fields = self._fields
        for id_, key in zip(self._ids, self._keys_in_order, strict=True):
            _, unit, title, extension, keywords = fields[id_]
            yield id_, unit, title, extension, keywords, key

    def state(self) -> IndexState:
        """What the index holds, as plain values (dicts, tuples, strings and ints) that a
        change to the index does not touch: what `from_state` builds it again from."""
        return (
            dict(self._fields),
            self._keys_in_order,
            self._ids,
            dict(self._names.dense),
            dict(self._names.sparse),
            dict(self._others.dense),
            dict(self._others.sparse),
            [dict(column) for column in self._extensions.columns],
            list(self._extensions.present),
            dict(self._spellings.holders),
        )

    @classmethod
    def from_state(cls, state: IndexState) -> StaffIndex:
        """The index whose `state` this is, without building it from entries again."""
        index = cls.__new__(cls)
        index._start()
        (
            index._fields, index._keys_in_order, index._ids,
            index._names.dense, index._names.sparse, index._others.dense, index._others.sparse,
            index._extensions.columns, index._extensions.present, index._spellings.holders,
        ) = state  # fmt: skip
        index._learn_characters()
        return index

    def __len__(self) -> int:
        return len(self._ids)

    def all_ids(self) -> list[int]:
        """Every id, in name order: what an empty query shows."""
        return list(self._ids)

    # ------------------------------------------------------------------ searching

    def search(self, query: str) -> SearchResult:
        """Who `query` finds, best first; an empty query lists everyone in name order."""
        words = tuple(fold(query).split())
        if not words:
            return SearchResult(query, self.all_ids(), fuzzy=False)
        found = self._results.get(words)
        if found is None:
            ids, fuzzy = self._find(words)
            self._results.put(words, (tuple(ids), fuzzy))
            return SearchResult(query, ids, fuzzy)
        # A list of its own, which the caller may sort or trim.
        return SearchResult(query, list(found[0]), found[1])

    def _find(self, words: tuple[str, ...]) -> tuple[list[int], bool]:
        """The ids for `words`, tier by tier, then close spellings; whether there were any."""
        match, rank0, rank1 = -1, -1, -1
        any_match, any_rank1 = -1, -1  # with the words' stems
        inflected = False
        for text in words:
            found = self._word(text)
            match &= found.match
            rank0 &= found.rank0
            rank1 &= found.rank1
            if found.inflected is not None:
                inflected = True
            any_match &= found.any_match
            any_rank1 &= found.any_rank1
            if not any_match:
                break
        rank0 &= match
        rank1 &= match
        ids: list[int] = []
        for tier in (rank0, rank1 & ~rank0, match & ~rank1):
            self._collect(tier, ids)
        if inflected:
            any_rank1 &= any_match & ~match
            self._collect(any_rank1, ids)
            self._collect(any_match & ~(match | any_rank1), ids)
        if len(ids) >= FUZZY_BELOW:
            return ids, False
        similar = self._similar(words, matched=any_match)
        return ids + similar, bool(similar)

    def _word(self, text: str) -> _Word:
        """The tokens holding `text`, and the positions it matches at each rank."""
        found = self._words.get(text)
        if found is not None:
            return found
        names, others = self._candidates(text)
        name_hits = tuple(token for token in names if text in token)
        other_hits = tuple(token for token in others if text in token)
        name_starts, name_inside = _by_word_start(name_hits, text)
        other_starts, other_inside = _by_word_start(other_hits, text)

        encoded = _utf8(text)
        rank0 = self._union(self._names, name_starts) | self._extensions.exact(encoded)
        rank1 = rank0 | self._union(self._others, other_starts) | self._extensions.prefix(encoded)
        match = rank1 | self._union(self._names, name_inside)
        match |= self._union(self._others, other_inside) | self._extensions.contains(encoded)
        found = _Word(name_hits, other_hits, match, rank0, rank1)
        stem = _swedish_stem(self._stem_word, text)
        if stem != text and not self._is_name(text):
            found.inflected = self._inflected(found, stem)
        self._words.put(text, found)
        return found

    def _candidates(self, text: str) -> tuple[Iterable[str], Iterable[str]]:
        """The name and other tokens that may hold `text`."""
        # A token holding "anna" also holds "ann", so while typing, the hits of the word as it
        # was a keystroke ago are all the tokens worth looking at.
        names: Iterable[str] = self._names.tokens()
        others: Iterable[str] = self._others.tokens()
        longest = 0
        for part, earlier in self._words.items():
            if len(part) > longest and part in text:
                longest, names, others = len(part), earlier.names, earlier.others
        return names, others

    def _inflected(self, word: _Word, stem: str) -> tuple[int, int] | None:
        """`word`'s match and rank1 widened by where `stem` occurs in a unit, title or keyword;
        None when that adds nobody."""
        # Typed key by key, the stem was typed a few keystrokes ago: its hits are known.
        earlier = self._words.get(stem)
        others = earlier.others if earlier is not None else self._candidates(stem)[1]
        hits = [token for token in others if stem in token]
        starts, inside = _by_word_start(hits, stem)
        rank1 = word.rank1 | self._union(self._others, starts)
        match = word.match | rank1
        if len(stem) >= _STEM_INSIDE:
            match |= self._union(self._others, inside)
        if match == word.match and rank1 == word.rank1:
            return None
        return match, rank1

    def _is_name(self, text: str) -> bool:
        """Whether `text` is a whole word of somebody's name."""
        # A common token nobody holds any more keeps an empty mask.
        return bool(self._names.dense.get(text)) or text in self._names.sparse

    def _union(self, tokens: _Tokens, chosen: Sequence[str]) -> int:
        return tokens.union(chosen, len(self._ids)) if chosen else 0

    def _similar(self, words: tuple[str, ...], matched: int) -> list[int]:
        """Up to FUZZY_LIMIT ids outside `matched` where every word matches (or its stem does)
        or nearly matches.

        An id ranks by its least alike word, then by name.
        """
        exact = [self._word(text).any_match for text in words]
        close = [self._close(text) if _letters(text) >= FUZZY_MIN_LETTERS else {} for text in words]
        ids: list[int] = []
        seen = matched
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
        alike = process.extract(
            text,
            self._spellings.words(),
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            limit=None,
        )
        holders: dict[float, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
        for word, score, _ in alike:
            names, others = holders[round(score, 1)]
            for in_name, token in self._spellings.holders[word]:
                (names if in_name else others).append(token)
        return {
            score: self._union(self._names, names) | self._union(self._others, others)
            for score, (names, others) in holders.items()
        }

    def _collect(self, mask: int, into: list[int]) -> None:
        """Append the ids at the positions set in `mask` to `into`, in name order."""
        if not mask:
            return
        ids = self._ids
        # Copying a run of neighbours costs per run, `compress` per position in the index. Runs
        # are few when few match and in the first tier: "berg" starts the last names of one
        # stretch within each first name's block.
        runs = (mask & ~(mask << 1)).bit_count()
        if runs * 64 < len(ids):
            bits = bin(mask)[:1:-1]
            find, end = bits.find, len(bits)
            start = find("1")
            while start >= 0:
                stop = find("0", start)
                if stop < 0:
                    stop = end
                into += ids[start:stop]
                start = find("1", stop)
        else:
            into += compress(ids, _flags(mask))

    # ------------------------------------------------------------------ changes

    def upsert(self, entry: SearchEntry) -> None:
        """Add `entry`, or replace the entry with its id, keeping name order.

        An entry equal to the one indexed changes nothing and costs nothing, so every change
        to an employee (their presence, say) can be passed on.
        """
        fields = _fields_of(entry)
        known = self._fields.get(entry.id)
        if known == fields:
            return
        if known is not None:
            self._delete(entry.id)
        name, key = fields[0], sort_key(entry.name)
        # Name order, ties by id.
        start = bisect_left(self._keys_in_order, key)
        end = bisect_right(self._keys_in_order, key, start)
        position = bisect_left(self._ids, entry.id, start, end)
        self._keys_in_order = _inserted(self._keys_in_order, position, key)
        self._ids = _inserted(self._ids, position, entry.id)
        self._fields[entry.id] = fields
        self._shift(position, 1)
        unit, title, extension, keywords = fields[1:]
        names, others = set(name.split()), set(_other_tokens(unit, title, keywords))
        new_names = [token for token in names if self._names.add(token, position)]
        new_others = [token for token in others if self._others.add(token, position)]
        for token in new_names:
            self._spellings.add(True, token)
        for token in new_others:
            self._spellings.add(False, token)
        extension = fold(extension)
        self._extensions.add(_utf8(extension), 1 << position)
        self._forget()
        # The single characters kept learn the newcomer: its bit in their masks, and its new
        # tokens among their hits.
        bit, held = 1 << position, names | others
        for char, word in self._words.kept():
            word.names += tuple(token for token in new_names if char in token)
            word.others += tuple(token for token in new_others if char in token)
            rank0 = extension == char or any(_starts_word(token, char) for token in names)
            rank1 = rank0 or extension.startswith(char)
            rank1 = rank1 or any(_starts_word(token, char) for token in others)
            if rank1 or char in extension or any(char in token for token in held):
                word.match |= bit
                word.rank0 |= bit if rank0 else 0
                word.rank1 |= bit if rank1 else 0

    def remove(self, employee_id: int) -> None:
        """Drop the entry with `employee_id`; an unknown id is ignored."""
        if employee_id in self._fields:
            self._delete(employee_id)
            self._forget()

    def _delete(self, employee_id: int) -> None:
        name, unit, title, extension, keywords = self._fields.pop(employee_id)
        position = self._ids.index(employee_id)
        for token in set(name.split()):
            self._names.discard(token, position)
        for token in set(_other_tokens(unit, title, keywords)):
            self._others.discard(token, position)
        self._extensions.discard(_utf8(fold(extension)), 1 << position)
        self._keys_in_order = _removed(self._keys_in_order, position)
        self._ids = _removed(self._ids, position)
        self._shift(position, -1)  # which also drops the position's bit from every mask

    def _shift(self, at: int, by: int) -> None:
        """Make room for a position at `at` (`by` 1), or close the gap left there (`by` -1)."""
        self._names.shift(at, by)
        self._others.shift(at, by)
        change = _inserting(at) if by > 0 else _deleting(at)
        self._extensions.shift(change)
        for _, word in self._words.kept():
            word.match, word.rank0, word.rank1 = (
                change(word.match),
                change(word.rank0),
                change(word.rank1),
            )

    def _forget(self) -> None:
        """Drop what a change makes stale; the single characters kept are kept up to date.

        (Among their hits may linger tokens nobody holds any more, which match nobody.)
        """
        self._words.clear_recent()
        self._results.clear()

    # ------------------------------------------------------------------ building

    def _learn_characters(self) -> None:
        """Search for every letter and digit, so that first keystrokes are quick."""
        characters = {char for token in self._names.tokens() for char in token}
        characters.update(char for token in self._others.tokens() for char in token)
        characters.update(
            chr(byte) for column in self._extensions.columns for byte in column if byte < 0x80
        )
        for char in sorted(characters):
            if char.isalnum():
                ids, fuzzy = self._find((char,))
                self._results.put((char,), (tuple(ids), fuzzy))

    def _build(self, entries: list[_Fields], order: list[int], numbers: list[int]) -> None:
        """Index `entries`, which are in the order they came; `order` lists them by name.

        `numbers` is `list(range(len(entries)))`, whose ints the lists of positions share.
        """
        size = len(self._ids)
        names: dict[str, list[list[int]]] = {}
        for position, came in zip(numbers, order, strict=True):
            for token in entries[came][0].split():
                held = names.get(token)
                if held is None:
                    names[token] = [[position]]
                elif held[0][-1] != position:  # a name may repeat a token
                    held[0].append(position)
        self._names.fill(names, size)
        del names  # each step's scaffolding goes before the next is built: a lower peak
        # Units, titles and keywords repeat from person to person: each distinct value is
        # folded and split once, and its tokens share its list of holders.
        position_of = [0] * size  # by place in `entries`
        for position, came in zip(numbers, order, strict=True):
            position_of[came] = position
        values: dict[str, list[int]] = defaultdict(list)
        for position, (_, unit, title, _, keywords) in zip(position_of, entries, strict=True):
            values[unit].append(position)
            values[title].append(position)
            values[keywords].append(position)
        others: dict[str, list[list[int]]] = defaultdict(list)
        for value, positions in values.items():
            for token in set(fold(value).split()):
                others[token].append(positions)
        self._others.fill(others, size)
        del position_of, values, others
        self._extensions.fill(_fold_all_utf8([entries[came][3] for came in order]))
        for token in self._names.tokens():
            self._spellings.add(True, token)
        for token in self._others.tokens():
            self._spellings.add(False, token)


# ---------------------------------------------------------------------- the parts


@dataclass(slots=True)
class _Word:
    """One typed word: the tokens holding it, and bit masks of the positions it matches.

    `inflected` holds `match` and `rank1` widened by the word's stem, when its stem finds more.
    """

    names: tuple[str, ...]
    others: tuple[str, ...]
    match: int
    rank0: int
    rank1: int
    inflected: tuple[int, int] | None = None

    @property
    def any_match(self) -> int:
        """The positions the word or its stem matches."""
        return self.match if self.inflected is None else self.inflected[0]

    @property
    def any_rank1(self) -> int:
        """The positions where the word or its stem starts a word of some field."""
        return self.rank1 if self.inflected is None else self.inflected[1]


class _Tokens:
    """Who holds each token of one kind of field: a bit mask when common, else their positions."""

    __slots__ = ("_listed", "dense", "sparse")

    def __init__(self) -> None:
        self.dense: dict[str, int] = {}
        self.sparse: dict[str, tuple[int, ...]] = {}  # token -> positions, in no given order
        self._listed: list[str] | None = None

    def tokens(self) -> list[str]:
        if self._listed is None:
            self._listed = [*self.dense, *self.sparse]
        return self._listed

    def fill(self, holders: dict[str, list[list[int]]], size: int) -> None:
        """Index `holders`: token -> lists of positions (several when several values share it)."""
        # A list of positions shared by several common tokens becomes a mask once, added to
        # each of them, and is let go at once: masks for every list at a time would be many.
        shared: dict[int, tuple[list[int], list[str]]] = {}  # by id() of a list of positions
        for token, lists in holders.items():
            if sum(map(len, lists)) >= _DENSE:
                self.dense[token] = 0
                for positions in lists:
                    shared.setdefault(id(positions), (positions, []))[1].append(token)
            else:
                # One person can hold a token twice ("bygg" in both unit and keywords).
                held = dict.fromkeys(position for positions in lists for position in positions)
                self.sparse[token] = tuple(held)
        for positions, tokens in shared.values():
            mask = _mask_of(positions, size)
            for token in tokens:
                self.dense[token] |= mask
        self._listed = None

    def union(self, tokens: Iterable[str], size: int) -> int:
        """The positions holding any of `tokens`."""
        mask = 0
        listed: list[int] = []
        dense, sparse = self.dense, self.sparse
        for token in tokens:
            held = dense.get(token)
            if held is None:
                # A token nobody holds any more may still be known as a spelling.
                listed += sparse.get(token, ())
            else:
                mask |= held
        if listed:
            mask |= _mask_of(listed, size)
        return mask

    def add(self, token: str, position: int) -> bool:
        """Record that the employee at `position` holds `token`; whether the token is new."""
        if token in self.dense:
            self.dense[token] |= 1 << position
        elif token in self.sparse:
            self.sparse[token] += (position,)
        else:
            self.sparse[token] = (position,)
            self._listed = None
            return True
        return False

    def discard(self, token: str, position: int) -> None:
        if token in self.dense:
            self.dense[token] &= ~(1 << position)
            return
        holders = tuple(held for held in self.sparse[token] if held != position)
        if holders:
            self.sparse[token] = holders
        else:
            del self.sparse[token]
            self._listed = None

    def shift(self, at: int, by: int) -> None:
        """Move every position from `at` on by `by`, as `StaffIndex._shift` describes."""
        dense, sparse = self.dense, self.sparse
        change = _inserting(at) if by > 0 else _deleting(at)
        for token, mask in dense.items():
            dense[token] = change(mask)
        for token, positions in sparse.items():
            sparse[token] = tuple(
                position + by if position >= at else position for position in positions
            )


class _Spellings:
    """The words in the index's tokens (runs of letters and digits, not only digits), each with
    the tokens holding it: what the typo-tolerant fallback compares query words with."""

    __slots__ = ("_words", "holders")

    def __init__(self) -> None:
        self.holders: dict[str, tuple[tuple[bool, str], ...]] = {}  # word -> (in a name?, token)
        self._words: list[str] | None = None

    def words(self) -> list[str]:
        if self._words is None:
            self._words = list(self.holders)
        return self._words

    def add(self, in_name: bool, token: str) -> None:
        for word in set(_ALNUM_RUN.findall(token)):
            if not word.isdigit():
                if word not in self.holders:
                    self.holders[word] = ()
                    self._words = None
                self.holders[word] += ((in_name, token),)


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")
_Item = TypeVar("_Item")


class _Memo(Generic[_Key, _Value]):
    """The values of the `size` most recently used keys, and of every key that `keep` accepts."""

    def __init__(self, size: int, keep: Callable[[_Key], bool]) -> None:
        self._size = size
        self._keep = keep
        self._kept: dict[_Key, _Value] = {}
        self._recent: OrderedDict[_Key, _Value] = OrderedDict()

    def get(self, key: _Key) -> _Value | None:
        value = self._kept.get(key)
        if value is None:
            value = self._recent.get(key)
            if value is not None:
                self._recent.move_to_end(key)
        return value

    def put(self, key: _Key, value: _Value) -> None:
        if self._keep(key):
            self._kept[key] = value
        else:
            self._recent[key] = value
            if len(self._recent) > self._size:
                self._recent.popitem(last=False)

    def items(self) -> list[tuple[_Key, _Value]]:
        return [*self._kept.items(), *self._recent.items()]

    def kept(self) -> list[tuple[_Key, _Value]]:
        return list(self._kept.items())

    def clear_recent(self) -> None:
        self._recent.clear()

    def clear(self) -> None:
        self._kept.clear()
        self._recent.clear()


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
                    byte: _mask_of_digits(column.translate(_marking(byte, b"1", b"0")))
                    for byte in set(column) - {_PAD}
                }
            )
            self.present.append(_mask_of_digits(column.translate(_marking(_PAD, b"0", b"1"))))

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

    def shift(self, change: Callable[[int], int]) -> None:
        for column in self.columns:
            for byte, mask in column.items():
                column[byte] = change(mask)
        self.present = [change(mask) for mask in self.present]


@cache
def _marking(byte: int, mark: bytes, other: bytes) -> bytes:
    """A translation table turning `byte` into `mark` and every other byte into `other`."""
    table = bytearray(other * 256)
    table[byte] = mark[0]
    return bytes(table)


def _fold_all(texts: list[str]) -> list[str]:
    """`[fold(text) for text in texts]`, in a few passes over all of them at once."""
    folded = _fold_joined(texts)
    if folded is None:
        return [fold(text) for text in texts]
    return folded.split("\x00") if texts else []


def _fold_all_utf8(texts: list[str]) -> list[bytes]:
    """`[_utf8(fold(text)) for text in texts]`, without a folded str of each on the way."""
    folded = _fold_joined(texts)
    if folded is None:
        return [_utf8(fold(text)) for text in texts]
    # UTF-8 encodes no character but NUL with a zero byte.
    return _utf8(folded).split(b"\x00") if texts else []


def _fold_joined(texts: list[str]) -> str | None:
    """`texts` joined by NULs and folded, or None when a text holds a NUL itself.

    Folding never looks across a NUL and leaves it a NUL, so this is the folded texts joined.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return None
    folded = unicodedata.normalize("NFKD", joined.casefold())
    if not folded.isascii():
        for char in set(folded):
            if unicodedata.combining(char):
                folded = folded.replace(char, "")
    return folded


def _utf8(text: str) -> bytes:
    # A lone surrogate (pasted from a broken source) encodes too, as the 3 bytes it would be.
    return text.encode("utf-8", "surrogatepass")


# What the index keeps of an entry: name (folded), unit, title, extension, keywords.
_Fields = tuple[str, str, str, str, str]
IndexState = tuple[
    dict[int, _Fields],
    tuple[str, ...],
    tuple[int, ...],
    dict[str, int],
    dict[str, tuple[int, ...]],
    dict[str, int],
    dict[str, tuple[int, ...]],
    list[dict[int, int]],
    list[int],
    dict[str, tuple[tuple[bool, str], ...]],
]


def _fields_of(entry: SearchEntry) -> _Fields:
    return (fold(entry.name), entry.unit, entry.title, entry.extension, entry.keywords)


def _other_tokens(unit: str, title: str, keywords: str) -> list[str]:
    """The tokens of a unit, title and keywords, folded."""
    return fold(f"{unit}\n{title}\n{keywords}").split()


def _inserted(items: tuple[_Item, ...], position: int, item: _Item) -> tuple[_Item, ...]:
    return (*items[:position], item, *items[position:])


def _removed(items: tuple[_Item, ...], position: int) -> tuple[_Item, ...]:
    return items[:position] + items[position + 1 :]


def _by_word_start(tokens: Iterable[str], text: str) -> tuple[list[str], list[str]]:
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


def _swedish_stem(stem_word: Callable[[str], str], word: str) -> str:
    """The stem of `word` by Snowball's Swedish stemmer `stem_word`, which also cuts the
    definite "-an" ("skolan", "fakturan"): Snowball keeps it, so its "-a" is cut too ("skol",
    "faktur") when Snowball would cut the "-a" of the word without the "n" ("plan" stays)."""
    try:
        stem = stem_word(word)
    except UnicodeEncodeError:  # a lone surrogate (pasted from a broken source): no stem
        return word
    if stem == word and word.endswith("an"):
        without = stem_word(word[:-1])
        if len(without) < len(word) - 1:
            return without
    return stem


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


def _inserting(position: int) -> Callable[[int], int]:
    """What makes room in a mask for a new bit at `position`, the higher bits moving up."""
    low = (1 << position) - 1
    return lambda mask: (mask & low) | ((mask >> position) << (position + 1))


def _deleting(position: int) -> Callable[[int], int]:
    """What takes the bit at `position` out of a mask, the higher bits moving down."""
    low = (1 << position) - 1
    return lambda mask: (mask & low) | ((mask >> (position + 1)) << position)
