"""Finding staff as the receptionist types: fields, folding, ranking, typos and changes."""

from __future__ import annotations

from functools import cache

import pytest
import Stemmer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reception_tui.domain.records import EmployeeRecord, PresenceRecord
from reception_tui.domain.search import SearchEntry, SearchResult, StaffIndex
from reception_tui.domain.text import fold, sort_key

ANNA_BERG = SearchEntry(
    1, "Anna Berg", "Bygg och miljö", "Bygglovshandläggare", "1234", "bygglov, strandskydd"
)
STAFF = [
    ANNA_BERG,
    SearchEntry(2, "Anna Bergström", "Barn och utbildning", "Förskollärare", "2345", "förskola"),
    SearchEntry(3, "Lars Svensson", "Teknisk förvaltning", "VA-ingenjör", "3456",
                "vattenläcka, vatten och avlopp"),
    SearchEntry(4, "Åsa Öberg", "Kommunledning", "Kommunsekreterare", "4567",
                "Östersund, protokoll"),
    SearchEntry(5, "Per Andersson", "Ekonomi", "Controller", "5678", "budget"),
    SearchEntry(6, "Karin Lind", "Bergsgårdens äldreboende", "Undersköterska", "6789",
                "hemtjänst"),
    SearchEntry(7, "Jöns Ärlig", "Bygg och miljö", "Miljöinspektör", "7890", "enskilda avlopp"),
    SearchEntry(8, "Ann-Sofie Lindén-Åberg", "Barn och utbildning", "Rektor", "2357",
                "grundskola"),
    SearchEntry(9, "Erik [Vikarie] Holm", "Socialtjänst", "Socialsekreterare", "8901",
                "försörjningsstöd"),
    SearchEntry(10, "Agnes Nilsson", "HR och lön", "Löneadministratör", "12340", "lönefrågor"),
    SearchEntry(11, "Johan Ek", "Räddningstjänst", "Brandinspektör", "91234", "sotning"),
    SearchEntry(12, "Fatima Hassan", "Socialtjänst", "Familjebehandlare", "2468", "föräldrastöd"),
    SearchEntry(13, "Sven Olsson", "Kultur och fritid", "Bibliotekarie", "1357", "e-böcker"),
    SearchEntry(14, "Emma Sjöberg", "Kommunikation", "Kommunikatör", "3579", "press"),
    SearchEntry(15, "Nils Karlsson", "Överförmyndare", "Handläggare", "4680",
                "god man, 1234-ärenden"),
]  # fmt: skip
BY_ID = {entry.id: entry for entry in STAFF}


@pytest.fixture
def index() -> StaffIndex:
    return StaffIndex(STAFF)


def names(result: SearchResult) -> list[str]:
    return [BY_ID[employee_id].name for employee_id in result.ids]


def name_order(entries: list[SearchEntry]) -> list[int]:
    ordered = sorted(entries, key=lambda entry: (sort_key(entry.name), entry.id))
    return [entry.id for entry in ordered]


# ---------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # Each field.
        ("svensson", ["Lars Svensson"]),
        ("utbildning", ["Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
        ("controller", ["Per Andersson"]),
        ("5678", ["Per Andersson"]),
        ("strandskydd", ["Anna Berg"]),
        ("vattenläcka", ["Lars Svensson"]),
        # Anywhere in a word, not only at its start.
        ("tjänst", ["Erik [Vikarie] Holm", "Fatima Hassan", "Johan Ek", "Karin Lind"]),
        # Several words: all of them, each anywhere.
        ("ann byg", ["Anna Berg"]),
        ("byg miljö", ["Anna Berg", "Jöns Ärlig"]),
        ("social holm", ["Erik [Vikarie] Holm"]),
        ("ann barn", ["Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
        # Characters that mean something to a pattern matcher are plain text here.
        ("[vik", ["Erik [Vikarie] Holm"]),
        ("[", ["Erik [Vikarie] Holm"]),
    ],
)
def test_words_match_name_unit_title_extension_and_keywords(
    index: StaffIndex, query: str, found: list[str]
) -> None:
    result = index.search(query)
    assert names(result) == found
    assert not result.fuzzy


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ostersund", "Åsa Öberg"),
        ("oberg", "Åsa Öberg"),
        ("ÅSA", "Åsa Öberg"),
        ("ÖSTERSUND", "Åsa Öberg"),
        ("bergstrom", "Anna Bergström"),
        ("linden-aberg", "Ann-Sofie Lindén-Åberg"),
        ("Jons arlig", "Jöns Ärlig"),
    ],
)
def test_case_and_swedish_letters_are_folded(index: StaffIndex, query: str, first: str) -> None:
    assert names(index.search(query))[0] == first


def test_a_word_matching_nobody_finds_nobody(index: StaffIndex) -> None:
    assert index.search("anna zzz").ids == []
    assert index.search("xq").ids == []


def test_empty_query_lists_everyone_in_name_order(index: StaffIndex) -> None:
    for query in ("", "   ", "\t\n"):
        result = index.search(query)
        assert result.ids == name_order(STAFF)
        assert not result.fuzzy
    assert index.all_ids() == name_order(STAFF)
    assert len(index) == len(STAFF)


def test_the_result_names_its_query_and_can_be_changed_by_the_caller(index: StaffIndex) -> None:
    first = index.search("berg")
    first.ids.clear()
    again = index.search("Berg ")
    assert again.query == "Berg "
    assert again.ids == index.search("berg").ids != []


# ---------------------------------------------------------------------- ranking


def test_a_name_starting_with_the_word_comes_before_other_fields_then_the_rest(
    index: StaffIndex,
) -> None:
    assert names(index.search("berg")) == [
        # Tier 0: a word of the name starts with "berg".
        "Anna Berg",
        "Anna Bergström",
        # Tier 1: a word of another field does (the unit, "Bergsgårdens äldreboende").
        "Karin Lind",
        # Tier 2: "berg" inside a word; each tier in Swedish name order (Å after Z).
        "Ann-Sofie Lindén-Åberg",
        "Emma Sjöberg",
        "Åsa Öberg",
    ]


def test_the_exact_extension_comes_first(index: StaffIndex) -> None:
    assert names(index.search("1234")) == [
        "Anna Berg",  # extension 1234
        "Agnes Nilsson",  # extension 12340 starts with it
        "Nils Karlsson",  # keyword "1234-ärenden" starts with it
        "Johan Ek",  # extension 91234 holds it
    ]


def test_every_word_must_start_a_name_word_for_the_first_tier(index: StaffIndex) -> None:
    # "b" starts a word of the Annas' names, but of Ann-Sofie's unit only ("Barn och ...").
    assert names(index.search("ann b")) == ["Anna Berg", "Anna Bergström", "Ann-Sofie Lindén-Åberg"]
    # After a hyphen a word starts: "so" starts "Sofie", but is inside "Andersson".
    assert names(index.search("an so"))[:2] == ["Ann-Sofie Lindén-Åberg", "Erik [Vikarie] Holm"]


# ---------------------------------------------------------------------- typos


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("Svenson", "Lars Svensson"),
        ("Andersen", "Per Andersson"),
        ("svenson lars", "Lars Svensson"),
        ("bygglovshanläggare", "Anna Berg"),
    ],
)
def test_a_misspelled_word_still_finds_the_person(
    index: StaffIndex, query: str, wanted: str
) -> None:
    result = index.search(query)
    assert wanted in names(result)
    assert result.fuzzy


def test_close_spellings_come_after_the_exact_matches(index: StaffIndex) -> None:
    result = index.search("oberg")
    assert names(result) == [
        "Åsa Öberg",  # exact, the start of a name word
        "Emma Sjöberg",  # exact, inside a word
        "Anna Berg",  # "berg" is close to "oberg"
        "Ann-Sofie Lindén-Åberg",  # "aberg" a little less
    ]
    assert result.fuzzy
    # Only two Annas, so a close "Ann" is welcome too.
    assert names(index.search("anna"))[2:] == ["Ann-Sofie Lindén-Åberg"]


def test_short_words_and_plentiful_matches_get_no_typo_tolerance(index: StaffIndex) -> None:
    assert index.search("brg").ids == []  # fewer than four letters
    assert index.search("ann byg").ids == [1]
    result = index.search("berg")  # six people: enough
    assert len(result.ids) == 6
    assert not result.fuzzy


# ---------------------------------------------------------------------- inflections

ECONOMY = [
    SearchEntry(21, "Maja Lund", "Ekonomi", "Ekonomiassistent", "5601",
                "leverantörsfakturor, kundfakturor"),
    SearchEntry(22, "Olof Dahl", "Ekonomi", "Redovisningsekonom", "5602", "leverantörsfakturor"),
    SearchEntry(23, "Ida Falk", "Ekonomi", "Fakturahandläggare", "5603", "påminnelser"),
    SearchEntry(24, "Lena Ström", "Barn och utbildning", "Skolsekreterare", "2360",
                "grundskolor, skolskjuts"),
    SearchEntry(25, "Anna Lönn", "Bemanningsenheten", "Bemanningsassistent", "2361", "vikarier"),
    SearchEntry(26, "Eva Kock", "Kostenheten", "Kock", "2362", "specialkost"),
    SearchEntry(27, "Tom Berger", "Kultur och fritid", "Musiklärare", "2363", "orkester"),
]  # fmt: skip
BY_ID.update((entry.id, entry) for entry in ECONOMY)


@pytest.fixture
def economy() -> StaffIndex:
    return StaffIndex([*STAFF, *ECONOMY])


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # Inside compounds, by the stem "faktur".
        ("faktura", ["Ida Falk", "Maja Lund", "Olof Dahl"]),
        ("fakturan", ["Ida Falk", "Maja Lund", "Olof Dahl"]),  # Snowball keeps "-an"; we don't
        ("skolan", ["Lena Ström", "Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
        ("fakturor", ["Maja Lund", "Olof Dahl", "Ida Falk"]),
        ("fakturorna", ["Ida Falk", "Maja Lund", "Olof Dahl"]),
        ("leverantörsfaktura", ["Maja Lund", "Olof Dahl"]),
        ("bygglovet", ["Anna Berg"]),  # "bygglov", "Bygglovshandläggare"
        ("byggloven", ["Anna Berg"]),
        ("skolorna", ["Lena Ström", "Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
        ("skolor", ["Lena Ström", "Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
        ("grundskolorna", ["Ann-Sofie Lindén-Åberg", "Lena Ström"]),
        ("lönerna", ["Agnes Nilsson"]),  # "HR och lön", "Löneadministratör", "lönefrågor"
        ("protokollen", ["Åsa Öberg"]),
        ("inspektörer", ["Johan Ek", "Jöns Ärlig"]),  # "Brandinspektör", "Miljöinspektör"
        # Typed without the dots, as "ostersund" finds Östersund.
        ("lonerna", ["Agnes Nilsson"]),
        ("LEVERANTORSFAKTUROR", ["Maja Lund", "Olof Dahl"]),
        # With other words, each matching as it is or by its stem.
        ("ekonomi fakturorna", ["Ida Falk", "Maja Lund", "Olof Dahl"]),
        ("maja faktura", ["Maja Lund"]),
        ("utbildning skolorna", ["Lena Ström", "Ann-Sofie Lindén-Åberg", "Anna Bergström"]),
    ],
)
def test_swedish_inflections_find_the_words_and_their_compounds(
    economy: StaffIndex, query: str, found: list[str]
) -> None:
    result = economy.search(query)
    assert names(result)[: len(found)] == found
    # Fewer than three found: close spellings may follow.
    assert result.fuzzy == (len(result.ids) > len(found))


def test_exact_matches_come_before_those_found_by_the_stem(economy: StaffIndex) -> None:
    assert names(economy.search("fakturor")) == [
        # The word itself, inside a keyword, in name order.
        "Maja Lund",
        "Olof Dahl",
        # Its stem "faktur" starts a word of the title "Fakturahandläggare".
        "Ida Falk",
    ]
    assert names(economy.search("skolorna")) == [
        # The stem starts a word: "Skolsekreterare".
        "Lena Ström",
        # The stem inside a word: "grundskola", "Förskollärare", in name order.
        "Ann-Sofie Lindén-Åberg",
        "Anna Bergström",
    ]


def test_names_are_not_matched_by_their_stem(economy: StaffIndex) -> None:
    # "anna" stems to "ann": Ann-Sofie is not an Anna, though "Bemanning" holds "ann".
    result = economy.search("anna")
    assert names(result) == ["Anna Berg", "Anna Bergström", "Anna Lönn"]
    assert not result.fuzzy
    # "anders" (stem "ander") finds Andersson as it always did, and no "Ander..." by the stem.
    assert names(economy.search("anders")) == ["Per Andersson"]


def test_a_word_that_is_a_name_is_searched_as_typed(economy: StaffIndex) -> None:
    # "berger" would stem to "berg", and bring Karin of "Bergsgårdens äldreboende".
    assert "Karin Lind" not in names(economy.search("berger"))
    assert names(economy.search("berger"))[0] == "Tom Berger"
    # "bergerna" is nobody's name.
    assert names(economy.search("bergerna"))[0] == "Karin Lind"


def test_a_short_stem_counts_only_where_it_starts_a_word(economy: StaffIndex) -> None:
    # "kosten" stems to "kost": its own unit, and inside "specialkost".
    assert names(economy.search("kosten")) == ["Eva Kock"]
    # "oster" stems to "ost", three letters: not "specialkost", only "Östersund".
    assert names(economy.search("oster")) == ["Åsa Öberg"]
    # "lönerna" stems to "lön", which starts "lön", "Löneadministratör", "lönefrågor".
    assert names(economy.search("lönerna")) == ["Agnes Nilsson"]


def test_typing_an_inflected_word_key_by_key_gives_what_a_fresh_index_finds(
    economy: StaffIndex,
) -> None:
    for query in typing([*"leverantörsfakturorna", *"\b" * 6, " ", *"skolorna"]):
        assert economy.search(query) == StaffIndex([*STAFF, *ECONOMY]).search(query), query


def test_a_changed_keyword_is_found_by_its_inflections(economy: StaffIndex) -> None:
    assert economy.search("fakturorna").ids  # seen before the change, to be forgotten
    ida = next(entry for entry in ECONOMY if entry.name == "Ida Falk")
    index_changes = ida._replace(title="Löneadministratör", keywords="kundfakturor")
    economy.upsert(index_changes)
    assert names(economy.search("fakturorna")) == ["Ida Falk", "Maja Lund", "Olof Dahl"]
    economy.remove(ida.id)
    assert names(economy.search("fakturorna")) == ["Maja Lund", "Olof Dahl"]


@given(st.text(st.characters(blacklist_categories=["Cs"])))  # PyStemmer takes UTF-8
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("fakturorna\x00")
@example("ö" * 40)
@example("aaa\u0308rna")
def test_a_swedish_stem_is_the_start_of_its_word(text: str) -> None:
    # What lets the index search stems in its tokens as they are (see domain/search.py).
    word = fold(text)
    assert word.startswith(Stemmer.Stemmer("swedish").stemWord(word))
    assert word.startswith(swedish_stem(word))


@given(st.text(), st.sampled_from(["", "orna", "arna", "erna", "en", "et", "or", "ar", "er"]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("fakturor", "na")
@example("\x00\u2028", "a")
@example("\ud800", "arna")  # a lone surrogate, which the stemmer cannot take
def test_any_free_text_query_with_swedish_endings_returns_distinct_known_ids(
    text: str, ending: str
) -> None:
    query = text + ending
    index = StaffIndex([*STAFF, *ECONOMY])
    result = index.search(query)
    assert len(set(result.ids)) == len(result.ids)
    assert set(result.ids) <= set(BY_ID)
    assert result.query == query
    expected = by_the_rules([*STAFF, *ECONOMY], query)
    assert result.ids[: len(expected)] == expected


# ---------------------------------------------------------------------- changes


def test_a_renamed_person_is_found_by_the_new_name_not_the_old(index: StaffIndex) -> None:
    assert 1 in index.search("berg").ids
    renamed = ANNA_BERG._replace(name="Anna Holmqvist", keywords="bygglov")
    index.upsert(renamed)
    assert index.search("holmqvist").ids == [1]
    assert 1 not in index.search("berg").ids
    assert 1 not in index.search("strandskydd").ids
    assert index.search("1234").ids[0] == 1
    assert index.all_ids() == name_order([renamed, *STAFF[1:]])


def test_added_and_removed_people_come_and_go(index: StaffIndex) -> None:
    zelda = SearchEntry(99, "Zelda Ödmark", "Ekonomi", "Upphandlare", "99", "avtal")
    index.upsert(zelda)
    assert index.search("zelda").ids == [99]
    assert index.search("ekonomi").ids == [5, 99]
    index.remove(3)
    index.remove(12345)  # unknown: ignored
    assert 3 not in index.search("svensson").ids
    assert 3 not in index.search("3456").ids
    assert len(index) == len(STAFF)
    assert index.all_ids() == name_order([zelda, *(entry for entry in STAFF if entry.id != 3)])


def test_passing_on_an_unchanged_entry_changes_nothing(index: StaffIndex) -> None:
    before = [index.search(query) for query in ("a", "berg", "1234")]
    index.upsert(ANNA_BERG)
    index.upsert(ANNA_BERG._replace())
    assert [index.search(query) for query in ("a", "berg", "1234")] == before
    assert index.all_ids() == name_order(STAFF)


def test_an_index_can_be_built_from_employee_records() -> None:
    presence = PresenceRecord("available", None, None, None, "", None, None, 0)
    employee = EmployeeRecord(
        id=7,
        employee_number="E7",
        first_name="Åsa",
        last_name="Öberg",
        title="Registrator",
        unit_id=1,
        unit_name="Kommunledning",
        extension="2001",
        mobile="",
        email="",
        keywords="diarium",
        visiting_address="",
        active=True,
        presence=presence,
    )
    index = StaffIndex.from_employees([employee])
    for query in ("asa oberg", "registrator", "kommunledning", "2001", "diarium"):
        assert index.search(query).ids == [7]


def test_an_empty_index_finds_nobody() -> None:
    index = StaffIndex([])
    assert len(index) == 0
    assert index.search("").ids == []
    assert index.search("anna").ids == []
    index.upsert(ANNA_BERG)
    assert index.search("anna").ids == [1]


# ---------------------------------------------------------------------- properties

TYPED = st.sampled_from([*"anbergsvoöå1234 -[", "\b", "\b"])  # "\b": backspace


def typing(keys: list[str]) -> list[str]:
    """The query after each key."""
    queries, text = [], ""
    for key in keys:
        text = text[:-1] if key == "\b" else text + key
        queries.append(text)
    return queries


@cache
def fresh_search(query: str) -> SearchResult:
    """What an index that has seen no other query finds."""
    return StaffIndex(STAFF).search(query)


@given(st.lists(TYPED, max_size=40))
@settings(max_examples=150, deadline=None)
def test_typing_gives_the_same_results_as_a_fresh_index(keys: list[str]) -> None:
    index = StaffIndex(STAFF)
    for query in typing(keys):
        assert index.search(query) == fresh_search(query), query


ENTRIES = st.builds(
    SearchEntry,
    id=st.integers(1, 30),
    name=st.sampled_from(["Anna Berg", "Anna Bergström", "Åsa Öberg", "Per Ek", "Zelda Zorn"]),
    unit=st.sampled_from(["Bygg och miljö", "Ekonomi", "Socialtjänst", "Zoo", ""]),
    title=st.sampled_from(["Handläggare", "Rektor", "Bygglovshandläggare"]),
    extension=st.sampled_from(["1234", "12340", "91234", "", "2", "z", "a1"]),
    keywords=st.sampled_from(["bygglov", "östersund, bygg", "z-a", ""]),
    key=st.just(""),
)
CHANGES = st.lists(st.one_of(ENTRIES, st.integers(1, 30)), max_size=25)
QUERIES = ["", "a", "b", "s", "1", "2", "anna", "berg", "ber an", "oberg", "1234", "bygg", "handl",
           "svenson", "ek", "ö", "z"]  # fmt: skip


@given(CHANGES)
@settings(max_examples=150, deadline=None)
def test_changes_give_the_same_results_as_a_fresh_index(changes: list[SearchEntry | int]) -> None:
    index = StaffIndex(STAFF[:5])
    current = {entry.id: entry for entry in STAFF[:5]}
    for change in changes:
        if isinstance(change, SearchEntry):
            index.upsert(change)
            current[change.id] = change
        else:
            index.remove(change)
            current.pop(change, None)
        index.search("an")  # something cached, to be forgotten by the next change
        index.search("z")  # a character learnt after building, to be kept up to date
    fresh = StaffIndex(current.values())
    assert len(index) == len(fresh)
    for query in QUERIES:
        assert index.search(query) == fresh.search(query), query


def swedish_stem(word: str) -> str:
    """Snowball's Swedish stem, which also cuts "-an" when it would cut the "-a" left."""
    stemmer = Stemmer.Stemmer("swedish")
    try:
        stem = stemmer.stemWord(word)
    except UnicodeEncodeError:  # a lone surrogate: not stemmed
        return word
    if stem == word and word.endswith("an") and len(stemmer.stemWord(word[:-1])) < len(word) - 1:
        return stemmer.stemWord(word[:-1])
    return stem


def by_the_rules(entries: list[SearchEntry], query: str) -> list[int]:
    """The matches for `query` before close spellings, worked out the slow and obvious way."""

    def starts_a_word(token: str, word: str) -> bool:
        return any(
            token.startswith(word, at) and (at == 0 or not token[at - 1].isalnum())
            for at in range(len(token))
        )

    def tier(word: str, name: list[str], others: list[str], extension: str) -> int | None:
        """0-2 as the word is, 3-4 by its stem in the other fields only, None: no match."""
        if extension == word or any(starts_a_word(token, word) for token in name):
            return 0
        if extension.startswith(word) or any(starts_a_word(t, word) for t in others):
            return 1
        if any(word in token for token in [*name, *others, extension]):
            return 2
        return None

    def by_stem(word: str, others: list[str]) -> int | None:
        """3: the word's stem starts a word of the other fields, 4: it is inside one (stems of
        four letters or more). A word that is a word of a name is not stemmed."""
        stem = swedish_stem(word)
        if stem == word or word in name_words:
            return None
        if any(starts_a_word(token, stem) for token in others):
            return 3
        if len(stem) >= 4 and any(stem in token for token in others):
            return 4
        return None

    name_words = {word for entry in entries for word in fold(entry.name).split()}

    words = fold(query).split()
    ranked = []
    for entry in entries:
        name = fold(entry.name).split()
        others = fold(f"{entry.unit} {entry.title} {entry.keywords}").split()
        extension = fold(entry.extension)
        tiers = [tier(word, name, others, extension) for word in words]
        if None not in tiers:  # every word as it is: ranked by the worst word
            ranked.append((max(tiers, default=0), sort_key(entry.name), entry.id))  # type: ignore[type-var]
            continue
        stemmed = [by_stem(word, others) for word in words]
        if any(t is None and s is None for t, s in zip(tiers, stemmed, strict=True)):
            continue
        # Some word only by its stem: 3 when every word or its stem starts a word, else 4.
        starts = all(t in (0, 1) or s == 3 for t, s in zip(tiers, stemmed, strict=True))
        ranked.append((3 if starts else 4, sort_key(entry.name), entry.id))
    return [employee_id for *_, employee_id in sorted(ranked)]


@given(
    st.lists(ENTRIES, max_size=12, unique_by=lambda entry: entry.id),
    st.text(alphabet="anbergsvoöå1234 -[z", max_size=10),
)
@settings(max_examples=300, deadline=None)
@example([], "1234")
@example([], "ann b")
@example([], "berg")
@example([], "an so")
@example([SearchEntry(1, "Zelda Zorn", "Zoo", "Rektor", "z", "z-a")], "z a")
def test_results_follow_the_rules(entries: list[SearchEntry], query: str) -> None:
    staff = [*STAFF, *(entry._replace(id=entry.id + 100) for entry in entries)]
    result = StaffIndex(staff).search(query)
    expected = by_the_rules(staff, query)
    # Close spellings may follow the exact matches.
    assert result.ids[: len(expected)] == expected
    assert result.fuzzy == (len(result.ids) > len(expected))


@given(st.text())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_query_returns_distinct_known_ids(query: str) -> None:
    result = StaffIndex(STAFF).search(query)
    assert len(set(result.ids)) == len(result.ids)
    assert set(result.ids) <= set(BY_ID)
    assert result.query == query


FIELD = st.text(max_size=20)


@given(FIELD, FIELD, FIELD, FIELD, FIELD)
@settings(max_examples=200, deadline=None)
def test_anyone_is_found_by_any_of_their_fields(
    name: str, unit: str, title: str, extension: str, keywords: str
) -> None:
    entry = SearchEntry(1, name, unit, title, extension, keywords)
    index = StaffIndex([entry, *STAFF[1:]])
    for field in (name, unit, title, extension, keywords):
        assert 1 in index.search(field).ids, field


def test_an_index_given_the_stored_name_keys_lists_as_one_that_makes_them() -> None:
    keyed = [entry._replace(key=sort_key(entry.name)) for entry in STAFF]

    assert StaffIndex(keyed).all_ids() == StaffIndex(STAFF).all_ids()
    assert StaffIndex(keyed).search("berg") == StaffIndex(STAFF).search("berg")


def test_an_index_lists_by_the_key_an_entry_carries() -> None:
    # The database's key is trusted as given: here it lists people by extension.
    keyed = [entry._replace(key=entry.extension) for entry in STAFF]
    by_extension = sorted(STAFF, key=lambda entry: (entry.extension, entry.id))

    assert StaffIndex(keyed).all_ids() == [entry.id for entry in by_extension]


def test_an_id_given_twice_is_refused() -> None:
    twice = [STAFF[0], STAFF[1]._replace(id=STAFF[0].id)]

    with pytest.raises(ValueError, match=f"employee id {STAFF[0].id} is given twice"):
        StaffIndex(twice)


def test_a_name_changed_to_a_swedish_letter_moves_after_z(index: StaffIndex) -> None:
    anna = STAFF[0]
    index.upsert(anna._replace(name="Ängla Berg"))

    assert index.all_ids()[-1] == anna.id
    bergstrom = next(entry.id for entry in STAFF if entry.name == "Anna Bergström")
    assert index.search("berg").ids[:2] == [bergstrom, anna.id]  # tier 0, Swedish name order


@given(st.text(alphabet="abeglnorsvöå 12-", max_size=12))
@settings(max_examples=200, deadline=None)
@example("anna berg")
@example("faktura")
@example("svenson")
def test_an_index_made_again_from_its_state_finds_what_it_found(query: str) -> None:
    index = StaffIndex(STAFF)
    again = StaffIndex.from_state(index.state())
    assert again.search(query).ids == index.search(query).ids
    assert list(again.entries()) == list(index.entries())


def test_the_state_taken_is_not_changed_by_later_changes_to_the_index() -> None:
    index = StaffIndex(STAFF)
    state = index.state()
    index.remove(ANNA_BERG.id)
    index.upsert(SearchEntry(99, "Zeta Berg", "Ekonomi", "Ekonom", "9999", "fakturor"))
    again = StaffIndex.from_state(state)
    assert again.search("berg").ids == StaffIndex(STAFF).search("berg").ids
    ids = [entry[0] for entry in again.entries()]
    assert 99 not in ids and ANNA_BERG.id in ids
