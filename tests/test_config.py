"""config.toml: the shipped file, the checks and their messages, and where the file is found."""

from __future__ import annotations

import codecs
import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from email_addresses import ADDRESSES
from hypothesis import given, settings
from hypothesis import strategies as st
from wording import english_in, swedish_in

from reception_tui import config
from reception_tui.config import (
    ConfigError,
    Settings,
    default_settings,
    find_config,
    load_config,
    load_settings,
)
from reception_tui.words import word

SHIPPED = Path(__file__).resolve().parent.parent / "config.toml"


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user folders into tmp_path so no test sees the real user's files."""
    user = tmp_path / "user"
    monkeypatch.setattr(config, "user_config_dir", lambda: user / "config")
    monkeypatch.setattr(config, "user_data_dir", lambda: user / "data")
    return user


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_with(old: str, new: str, count: int = 1) -> str:
    """The shipped file with one edit, so errors are located in a realistic file."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def line_of(text: str, start: str, occurrence: int = 1) -> int:
    """The number of the `occurrence`-th line that starts with `start` (comments never do)."""
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(start):
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(start)


def load_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    return str(caught.value)


# --- the shipped file ---------------------------------------------------------------------


def test_shipped_config_equals_the_defaults() -> None:
    loaded = load_settings(SHIPPED)
    assert loaded.source == SHIPPED
    assert loaded.model_copy(update={"source": None}) == default_settings()


def test_no_file_gives_the_defaults() -> None:
    assert load_settings(None) == default_settings()


def test_a_partial_file_keeps_defaults_for_everything_left_out(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[desk]\nreceptionist = "Karin Ek"\n'))
    assert settings.desk.receptionist == "Karin Ek"
    assert settings.statuses == default_settings().statuses
    assert settings.organisation.switchboard_number == "0280-181 00"


def test_defaults_seed_the_swedish_statuses_in_order() -> None:
    codes = [s.code for s in default_settings().status_codes()]
    assert codes == [
        "available",
        "lunch",
        "meeting",
        "out",
        "travel",
        "training",
        "vacation",
        "off",
        "sick",
        "gone",
    ]


# --- errors -------------------------------------------------------------------------------


def test_unknown_key_names_the_key_and_its_line(tmp_path: Path) -> None:
    text = '[organisation]\nname = "X"\nnmae = "Y"\n'
    message = load_error(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 3: organisation.nmae: unknown key")
    assert "did you mean 'name'" in message


def test_unknown_table_is_an_unknown_key(tmp_path: Path) -> None:
    text = shipped_with("[desk]", '[colours]\nquit = "q"\n\n[desk]')
    message = load_error(tmp_path, text)
    assert f"line {line_of(text, '[colours]')}: colours: unknown key" in message


def test_source_cannot_be_set_from_the_file(tmp_path: Path) -> None:
    assert "source: unknown key" in load_error(tmp_path, 'source = "elsewhere.toml"\n')


def test_bad_colour_names_the_status_entry_and_line(tmp_path: Path) -> None:
    text = shipped_with('colour = "dark_orange"', 'colour = "purpel"')
    message = load_error(tmp_path, text)
    line = line_of(text, 'colour = "purpel"')
    assert f"config.toml, line {line}: statuses[2].colour: 'purpel' is not a colour" in message


def test_hex_colours_are_accepted(tmp_path: Path) -> None:
    text = shipped_with('colour = "dark_orange"', 'colour = "#ff8800"')
    assert load_settings(write(tmp_path, text)).statuses[2].colour == "#ff8800"


def test_bad_time_zone_is_reported(tmp_path: Path) -> None:
    text = shipped_with('timezone = "Europe/Stockholm"', 'timezone = "Europe/Malung"')
    message = load_error(tmp_path, text)
    line = line_of(text, "timezone =")
    assert f"line {line}: organisation.timezone: 'Europe/Malung' is not a time zone" in message


@pytest.mark.parametrize(
    ("hours", "complaint"),
    [
        ("8-16", 'is not "HH:MM-HH:MM"'),
        ("16:00-08:00", "closes before it opens"),
        ("08:00-08:00", "closes before it opens"),
        ("25:00-26:00", "is not a time of day"),
    ],
)
def test_bad_office_hours_are_reported(tmp_path: Path, hours: str, complaint: str) -> None:
    text = shipped_with('tuesday = "08:00-16:30"', f'tuesday = "{hours}"')
    message = load_error(tmp_path, text)
    assert f"line {line_of(text, 'tuesday =')}: office_hours.tuesday: " in message
    assert complaint in message


WORKING_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def closed_on(text: str, *days: str) -> str:
    for day in days:
        text = text.replace(f'{day} = "08:00-16:30"', f'{day} = ""')
    return text


def test_office_hours_only_on_weekends_are_refused_at_load(tmp_path: Path) -> None:
    text = closed_on(shipped_with('saturday = ""', 'saturday = "10:00-14:00"'), *WORKING_WEEKDAYS)
    message = load_error(tmp_path, text)
    assert message == (
        f"{tmp_path / 'config.toml'}, line {line_of(text, '[office_hours]')}: office_hours:"
        " no weekday from monday to friday has hours, so the office never opens on a working day:"
        ' give at least one of them hours (monday = "08:00-16:30")'
    )


def test_office_hours_closed_every_day_are_refused_at_load(tmp_path: Path) -> None:
    text = closed_on(SHIPPED.read_text(encoding="utf-8"), *WORKING_WEEKDAYS)
    assert "office_hours: no weekday from monday to friday has hours" in load_error(tmp_path, text)


@pytest.mark.parametrize("open_day", WORKING_WEEKDAYS)
def test_office_hours_on_one_working_weekday_are_enough(tmp_path: Path, open_day: str) -> None:
    text = closed_on(SHIPPED.read_text(encoding="utf-8"), *set(WORKING_WEEKDAYS) - {open_day})
    assert list(load_settings(write(tmp_path, text)).office_hours.by_weekday()) == [
        WORKING_WEEKDAYS.index(open_day)
    ]


def test_an_empty_weekday_is_closed(tmp_path: Path) -> None:
    text = shipped_with('friday = "08:00-16:30"', 'friday = ""')
    hours = load_settings(write(tmp_path, text)).office_hours.by_weekday()
    assert sorted(hours) == [0, 1, 2, 3]


def test_duplicate_status_code_points_at_the_second_one(tmp_path: Path) -> None:
    text = shipped_with('code = "meeting"', 'code = "lunch"')
    message = load_error(tmp_path, text)
    line = line_of(text, 'code = "lunch"', occurrence=2)
    assert f"line {line}: statuses[2].code: 'lunch' is already used by statuses[1]" in message


def test_status_code_must_be_a_simple_identifier(tmp_path: Path) -> None:
    text = shipped_with('code = "out"', 'code = "Ute nu"')
    assert "statuses[3].code: 'Ute nu' must be lower-case" in load_error(tmp_path, text)


def test_a_status_must_be_available_without_return(tmp_path: Path) -> None:
    text = shipped_with(
        "needs_return = false\navailable = true", "needs_return = true\navailable = true"
    )
    message = load_error(tmp_path, text)
    assert "statuses: needs a status with available = true and needs_return = false" in message
    assert f"line {line_of(text, '[[statuses]]')}:" in message


def test_default_return_that_cannot_be_read_names_the_status_and_key(tmp_path: Path) -> None:
    text = shipped_with('default_return = "+30m"', 'default_return = "efter lunch"')
    message = load_error(tmp_path, text)
    line = line_of(text, 'default_return = "efter lunch"')
    assert message == (
        f"{tmp_path / 'config.toml'}, line {line}: statuses[3].default_return:"
        " could not read 'efter lunch': write a time (13, 13:30, at 13),"
        " a day (tomorrow, mon, 3/12, 2026-12-03) or an offset (+30m, +2h)"
    )


def test_every_default_return_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    text = shipped_with('default_return = "+30m"', 'default_return = "efter lunch"')
    sick = 'colour = "red"\ndefault_return = "nästa arbetsdag"'
    text = text.replace(sick, 'colour = "red"\ndefault_return = "25"')
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    first, second = map(str, caught.value.problems)
    assert "statuses[3].default_return: could not read 'efter lunch'" in first
    line = line_of(text, 'default_return = "25"')
    assert f"line {line}: statuses[8].default_return: 25 is not an hour" in second


@pytest.mark.parametrize(
    "default_return",
    ["+1h", "+1d", "om 2 timmar", "nästa arbetsdag", "imorgon", "imorgon 9", "fre", "16:00",
     "idag 16", "3/12", "24 dec", ""],
)  # fmt: skip
def test_default_return_is_any_return_time_the_desk_can_read(
    tmp_path: Path, default_return: str
) -> None:
    text = shipped_with('default_return = "+30m"', f'default_return = "{default_return}"')
    status = load_settings(write(tmp_path, text)).statuses[3]
    assert status.default_return == (default_return or None)


def test_a_status_missing_a_field_names_it(tmp_path: Path) -> None:
    text = shipped_with('label_en = "Sick"\n', "")
    message = load_error(tmp_path, text)
    assert "statuses[8].label_en: missing" in message
    assert f"line {line_of(text, '[[statuses]]', occurrence=9)}:" in message


def test_wrong_type_names_the_key(tmp_path: Path) -> None:
    text = shipped_with("answer_working_days = 2", 'answer_working_days = "two"')
    message = load_error(tmp_path, text)
    line = line_of(text, "answer_working_days")
    assert f"line {line}: deadlines.answer_working_days: expected a whole number, got 'two'" in (
        message
    )


def test_text_where_a_boolean_belongs_is_not_coerced(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[watch]\nconfig = "false"\n')
    assert "line 2: watch.config: expected true or false" in message


def test_out_of_range_number_says_the_limit(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[watch]\npoll_seconds = 0.1\n")
    assert "watch.poll_seconds: 0.1 is too small; must be at least 0.2" in message


def test_whole_number_is_accepted_where_a_number_is_expected(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "[watch]\npoll_seconds = 5\n")).watch.poll_seconds == 5.0


def test_language_must_be_sv_or_en(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[organisation]\nlanguage = "de"\n')
    assert "organisation.language: 'de' is not allowed; use 'sv' or 'en'" in message


@pytest.mark.parametrize(("address", "valid", "why"), ADDRESSES, ids=[a[2] for a in ADDRESSES])
def test_the_switchboard_e_mail_is_checked_as_everywhere_else(
    tmp_path: Path, address: str, valid: bool, why: str
) -> None:
    text = f'[organisation]\nswitchboard_email = "{address}"\n'
    if valid:
        assert load_settings(write(tmp_path, text)).organisation.switchboard_email == address
        return
    message = load_error(tmp_path, text)
    assert "line 2: organisation.switchboard_email:" in message, why
    assert "is not an e-mail address" in message


def test_bad_switchboard_number_and_email_are_reported(tmp_path: Path) -> None:
    text = '[organisation]\nswitchboard_number = "12"\nswitchboard_email = "vaxeln.malung"\n'
    message = load_error(tmp_path, text)
    assert "line 2: organisation.switchboard_number:" in message
    assert "line 3: organisation.switchboard_email: 'vaxeln.malung' is not an e-mail" in message


def test_every_problem_is_reported_one_per_line_in_file_order(tmp_path: Path) -> None:
    text = '[organisation]\ntimezone = "Nowhere"\n\n[deadlines]\nanswer_working_days = 0\n'
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    first, second = map(str, caught.value.problems)
    assert "line 2: organisation.timezone" in first
    assert "line 5: deadlines.answer_working_days" in second
    assert str(caught.value).splitlines() == [first, second]


def test_unsupported_database_url_is_reported(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[database]\nurl = "mysql://db/reception"\n')
    assert "line 2: database.url: 'mysql' is not supported" in message


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[desk]\nreceptionist = "Karin\n')
    assert message.startswith(f"{tmp_path / 'config.toml'}, line 2: invalid TOML:")


def test_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[desk]\nreceptionist = "\xff"\n')
    with pytest.raises(ConfigError, match="line 2: not UTF-8"):
        load_settings(path)


# --- in the file's own language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("sv", "rad 4: watch.poll_seconds: 0.1 är för litet; måste vara minst 0.2"),
        ("en", "line 4: watch.poll_seconds: 0.1 is too small; must be at least 0.2"),
    ],
)
def test_a_problem_is_said_in_the_language_the_file_asks_for(
    tmp_path: Path, language: str, said: str
) -> None:
    text = f'[organisation]\nlanguage = "{language}"\n[watch]\npoll_seconds = 0.1\n'
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, text))
    assert caught.value.language == language
    assert caught.value.say(language) == f"{tmp_path / 'config.toml'}, {said}"


def test_a_file_that_names_no_language_is_said_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, "[watch]\npoll_seconds = 0.1\n"))
    assert caught.value.language == "sv"


def test_a_file_not_read_as_far_as_its_language_is_said_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, '[organisation]\nlanguage = "en"\nname = "X\n'))
    assert caught.value.language == "sv"
    assert caught.value.say("sv") == (
        f"{tmp_path / 'config.toml'}, rad 3: ogiltig TOML: otillåtet tecken '\\n' (kolumn 10)"
    )


def test_a_missing_file_is_said_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        find_config(tmp_path / "saknas.toml", {}, tmp_path)
    assert caught.value.language == "sv"
    assert caught.value.say("sv") == (
        f"{tmp_path / 'saknas.toml'}: inställningsfilen finns inte (angiven med --config)"
    )


def test_a_problem_is_english_in_logs(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(write(tmp_path, "[watch]\npoll_seconds = 0.1\n"))
    assert str(caught.value) == caught.value.say("en")
    assert str(caught.value.problems[0]) == caught.value.say("en")


# Broken files, each for a different kind of problem.
QUOTED = re.compile(r"'[^']*'")
BROKEN = [
    '[organisation]\nnmae = "X"\n',
    '[organisation]\nname = ""\n',
    '[organisation]\nswitchboard_number = "12"\n',
    '[organisation]\nswitchboard_email = "vaxeln.malung"\n',
    '[organisation]\ntimezone = "Europe/Malung"\n',
    '[organisation]\nlanguage = "de"\n',
    '[organisation]\n"na\\u001bme" = "X"\n',
    '[desk]\nreceptionist = "Karin\\u0007"\n',
    '[desk]\nquick_statuses = ["nope"]\n',
    '[desk]\nquick_statuses = "lunch"\n',
    "desk = 3\n",
    '[office_hours]\ntuesday = "8-16"\n',
    '[office_hours]\ntuesday = "25:00-26:00"\n',
    '[office_hours]\ntuesday = "16:00-08:00"\n',
    '[office_hours]\nmonday = ""\ntuesday = ""\nwednesday = ""\nthursday = ""\nfriday = ""\n',
    '[deadlines]\nanswer_working_days = "two"\n',
    "[deadlines]\nanswer_working_days = 0\n",
    "[deadlines]\nanswer_working_days = 21\n",
    "[watch]\nconfig = 1\n",
    '[watch]\npoll_seconds = "often"\n',
    '[database]\nurl = "mysql://db/reception"\n',
    '[keys]\nbogus = "f3"\n',
    '[keys]\nredirect = "ctrl+"\n',
    '[[statuses]]\ncode = "Ute nu"\n',
    '[[statuses]]\ncode = "x"\nlabel_sv = "X"\nlabel_en = "X"\nneeds_return = true\n'
    'available = true\ncolour = "purpel"\ndefault_return = "efter lunch"\n',
    'source = "elsewhere.toml"\n',
    "[watch]\npoll_seconds = " + "9" * 5000 + "\n",
    "[keys]\nhelp = " + "[" * 300 + "]" * 300 + "\n",
    '[desk]\nreceptionist = "Karin\n',
    "[desk]\n[desk]\n",
    "a = 1\na = 2\n",
    "x\n",
    "a = {x = 1, x = 2}\n",
    'a = "\\x"\n',
    "a = 1979-02-30\n",
    "a = [1,\n",
]


@pytest.mark.parametrize("text", BROKEN)
def test_every_problem_is_worded_in_both_languages(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    for problem in caught.value.problems:
        # What is wrong, without the file's own words: its path, keys and values.
        swedish, english = (QUOTED.sub("", str(word(language, problem.what)))
                            for language in ("sv", "en"))  # fmt: skip
        assert english_in(swedish) == set(), swedish
        assert swedish_in(english) == set(), english


# --- files as editors save them -------------------------------------------------------------


def test_a_config_with_a_byte_order_mark_is_read_as_without(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(codecs.BOM_UTF8 + SHIPPED.read_bytes())
    assert load_settings(path).model_copy(update={"source": None}) == default_settings()


def test_a_byte_order_mark_does_not_move_the_lines_in_messages(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(codecs.BOM_UTF8 + b"[watch]\npoll_seconds = 0.1\n")
    with pytest.raises(ConfigError, match=r"line 2: watch\.poll_seconds"):
        load_settings(path)


def test_a_config_saved_as_windows_1252_names_the_line_and_asks_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(SHIPPED.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    # The first å, ä or ö is the organisation's name: "Malung-Sälens kommun".
    text = SHIPPED.read_text(encoding="utf-8")
    line = line_of(text, "name =")
    column = text.splitlines()[line - 1].index("ä") + 1
    assert str(caught.value) == (
        f"{path}, line {line}: not UTF-8 text (byte 0xe4 at column {column}; was it saved as"
        ' Windows-1252, "ANSI"?): save the file as UTF-8'
    )


def test_a_config_saved_as_utf16_asks_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(SHIPPED.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(ConfigError, match=r"is UTF-16 text .*: save it as UTF-8"):
        load_settings(path)


# --- values no setting has ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "line"),
    [
        pytest.param("[" * 5000 + "]" * 5000, 3, id="lists-on-one-line"),
        pytest.param("{a = " * 5000 + "1" + "}" * 5000, 3, id="inline-tables"),
        pytest.param("[\n" * 5000 + "]\n" * 5000, 3, id="lists-over-many-lines"),
    ],
)
def test_a_config_nested_thousands_deep_names_its_line(
    tmp_path: Path, value: str, line: int
) -> None:
    message = load_error(tmp_path, f'[desk]\nreceptionist = "Karin Ek"\nnotes = {value}\n')
    assert message == (
        f"{tmp_path / 'config.toml'}, line {line}: lists or tables nested more than 8 levels deep"
    )


def test_a_value_nested_deeper_than_any_setting_names_its_key(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[keys]\nredirect = "f2"\nhelp = ' + "[" * 300 + "]" * 300)
    assert message.endswith("line 3: keys.help: lists or tables nested more than 8 levels deep")


def test_a_number_of_thousands_of_digits_names_its_line(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[watch]\npoll_seconds = " + "9" * 5000 + "\n")
    assert message.endswith("line 2: invalid TOML: a number of 5000 digits")


def test_a_long_value_is_cut_short_in_the_message(tmp_path: Path) -> None:
    message = load_error(tmp_path, "[organisation]\nname = [" + ", ".join(["1"] * 1000) + "]\n")
    assert "line 2: organisation.name: expected text in quotes, got [1, 1," in message
    assert message.endswith("…")
    assert len(message) < 200


# --- text from outside ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key", "character"),
    [
        ('name = "Malung-Sälens kommun"', 'name = "Malung\\u001b]0;x\\u0007"', "organisation.name",
         "U+001B"),
        ('receptionist = ""', 'receptionist = "Karin\\u0007"', "desk.receptionist", "U+0007"),
        ('label_sv = "Möte"', 'label_sv = "M\\u009bte"', "statuses[2].label_sv", "U+009B"),
        ('label_en = "Sick"', 'label_en = """Si\nck"""', "statuses[8].label_en", "U+000A"),
        ('staff_csv = ""', 'staff_csv = "personal\\u2028.csv"', "import.staff_csv", "U+2028"),
        ("# redirect = \"f2\"", 'redirect = "f2\\u001b"', "keys.redirect", "U+001B"),
        ('# quick_statuses = ["lunch", "meeting", "sick", "gone"]',
         'quick_statuses = ["lunch", "meeting\\r"]', "desk.quick_statuses[1]", "U+000D"),
    ],
)  # fmt: skip
def test_control_characters_in_any_text_are_refused_naming_line_and_key(
    tmp_path: Path, old: str, new: str, key: str, character: str
) -> None:
    text = shipped_with(old, new)
    message = load_error(tmp_path, text)
    line = line_of(text, new.splitlines()[0])
    assert f"config.toml, line {line}: {key}: holds a control character ({character})" in message
    assert len(message.splitlines()) == 1
    assert not any(c in message for c in "\x1b\x07\x9b\r\u2028")


def test_a_key_with_a_control_character_is_refused(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[organisation]\n"na\\u001bme" = "X"\n')
    assert message.endswith("line 1: organisation: a key holds a control character (U+001B)"
                            " at position 3")  # fmt: skip
    assert "\x1b" not in message


def test_a_tab_in_a_text_is_read_as_a_space(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[desk]\nreceptionist = "Karin\\tEk"\n'))
    assert settings.desk.receptionist == "Karin Ek"


TOML_TEXT = st.lists(
    st.sampled_from([*"[]{}=\"'#.,\\ \n\tabc19_-:+ä", "\\u001b", "\\u00e4", '"""', "9" * 5000]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        TOML_TEXT,
        TOML_TEXT.map(lambda text: f"[organisation]\nname = {text}\n"),
        TOML_TEXT.map(lambda text: f'[[statuses]]\ncode = "x"\ndefault_return = "{text}"\n'),
    )
)
def test_any_file_is_settings_or_a_config_error(tmp_path_factory: pytest.TempPathFactory,
                                                text: str) -> None:  # fmt: skip
    path = tmp_path_factory.mktemp("any") / "config.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError as error:
        assert error.problems
        assert all(str(path) in str(problem) for problem in error.problems)


# --- finding the file ---------------------------------------------------------------------


@pytest.fixture
def places(tmp_path: Path, private_user_dirs: Path) -> dict[str, Path]:
    """A config file in each of the four places find_config looks."""
    files = {
        "explicit": tmp_path / "explicit" / "config.toml",
        "env": tmp_path / "env" / "config.toml",
        "cwd": tmp_path / "cwd" / "config.toml",
        "user": private_user_dirs / "config" / "config.toml",
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    return files


def test_find_config_prefers_explicit_then_env_then_cwd_then_user(places: dict[str, Path]) -> None:
    env = {"RECEPTION_TUI_CONFIG": str(places["env"])}
    cwd = places["cwd"].parent
    assert find_config(places["explicit"], env, cwd) == places["explicit"]
    assert find_config(None, env, cwd) == places["env"]
    assert find_config(None, {}, cwd) == places["cwd"]
    places["cwd"].unlink()
    assert find_config(None, {}, cwd) == places["user"]
    places["user"].unlink()
    assert find_config(None, {}, cwd) is None


def test_explicit_config_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        find_config(tmp_path / "missing.toml", {}, tmp_path)


def test_env_config_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    env = {"RECEPTION_TUI_CONFIG": str(tmp_path / "missing.toml")}
    with pytest.raises(ConfigError, match="RECEPTION_TUI_CONFIG"):
        find_config(None, env, tmp_path)


def test_load_config_without_any_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(None, {}, tmp_path) == default_settings()


def test_load_config_reads_the_found_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[deadlines]\nanswer_working_days = 5\n")
    settings = load_config(None, {}, tmp_path)
    assert settings.deadlines.answer_working_days == 5
    assert settings.source == path


# --- derived values -----------------------------------------------------------------------


def test_calendar_reflects_office_hours_and_deadline(tmp_path: Path) -> None:
    text = shipped_with('wednesday = "08:00-16:30"', 'wednesday = "09:15-12:00"')
    text = text.replace('friday = "08:00-16:30"', 'friday = ""')
    text = text.replace("answer_working_days = 2", "answer_working_days = 3")
    calendar = load_settings(write(tmp_path, text)).calendar()
    assert calendar.tz.key == "Europe/Stockholm"
    assert calendar.answer_working_days == 3
    wednesday, friday = date(2025, 3, 5), date(2025, 3, 7)
    hours = calendar.office_hours_on(wednesday)
    assert hours is not None
    assert (hours.opens, hours.closes) == (time(9, 15), time(12, 0))
    assert calendar.office_hours_on(friday) is None
    assert calendar.is_open(datetime(2025, 3, 5, 10, 0, tzinfo=calendar.tz))
    assert not calendar.is_open(datetime(2025, 3, 5, 12, 30, tzinfo=calendar.tz))


def test_status_codes_carry_every_field() -> None:
    lunch = default_settings().status_codes()[1]
    assert (lunch.code, lunch.label_sv, lunch.label_en) == ("lunch", "Lunch", "Lunch")
    assert lunch.needs_return and not lunch.available
    assert (lunch.colour, lunch.default_return) == ("yellow", "+1h")
    assert default_settings().status_codes()[0].default_return is None


def test_available_status_is_the_first_available_without_return(tmp_path: Path) -> None:
    assert default_settings().available_status().code == "available"
    text = (
        "[[statuses]]\n"
        'code = "away"\nlabel_sv = "Borta"\nlabel_en = "Away"\n'
        'needs_return = true\navailable = false\ncolour = "red"\n'
        "[[statuses]]\n"
        'code = "here"\nlabel_sv = "Här"\nlabel_en = "Here"\n'
        'needs_return = false\navailable = true\ncolour = "green"\n'
    )
    settings = load_settings(write(tmp_path, text))
    assert [s.code for s in settings.status_codes()] == ["away", "here"]
    assert settings.available_status().code == "here"


def test_database_url_defaults_to_a_file_in_the_user_data_dir(private_user_dirs: Path) -> None:
    settings = default_settings()
    url = settings.database_url()
    assert url == f"sqlite:///{private_user_dirs / 'data' / 'reception.sqlite3'}"
    assert settings.demo_database_url().endswith("demo.sqlite3")
    assert settings.demo_database_url() != url
    assert not (private_user_dirs / "data").exists()


def test_configured_database_url_is_used_as_given() -> None:
    settings = Settings.model_validate({"database": {"url": "postgresql+psycopg://desk@db/rec"}})
    assert settings.database_url() == "postgresql+psycopg://desk@db/rec"
    assert settings.demo_database_url().startswith("sqlite:///")


def test_the_demo_database_is_never_the_real_one(private_user_dirs: Path) -> None:
    demo = default_settings().demo_database_url()
    settings = Settings.model_validate({"database": {"url": demo}})
    with pytest.raises(ConfigError, match="demo database"):
        settings.demo_database_url()


def test_actor_prefers_override_then_receptionist_then_login(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config.getpass, "getuser", lambda: "kek")
    named = Settings.model_validate({"desk": {"receptionist": "Karin Ek"}})
    assert named.actor("Per Olsson") == "Per Olsson"
    assert named.actor() == "Karin Ek"
    assert named.actor("  ") == "Karin Ek"
    assert default_settings().actor() == "kek"


def test_actor_survives_a_system_without_a_user_name(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr(config.getpass, "getuser", no_user)
    assert default_settings().actor() == "unknown"


def test_settings_are_frozen() -> None:
    settings = default_settings()
    with pytest.raises(ValueError):
        settings.deadlines.answer_working_days = 3  # type: ignore[misc]


def test_keys_table_remaps_an_action(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nredirect = "F12, ctrl+e"\n', encoding="utf-8")
    keymap = load_settings(path).keymap()
    assert keymap["redirect"] == "f12,ctrl+e"
    assert keymap["message"] == "f3"


def test_only_keys_moved_off_their_defaults_are_remapped(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nredirect = "f12"\nmessage = "f3"\n', encoding="utf-8")

    assert load_settings(path).remapped_keys() == {"redirect": "f12"}
    assert default_settings().remapped_keys() == {}


def test_keys_table_names_an_unknown_action_and_its_line(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[keys]\nredirect = "f12"\nbogus = "f3"\n')
    assert "line 3: keys.bogus: unknown action 'bogus'" in message


def test_keys_table_rejects_what_is_not_a_key(tmp_path: Path) -> None:
    assert "keys.redirect: 'ctrl+' is not a key" in load_error(
        tmp_path, '[keys]\nredirect = "ctrl+"\n'
    )


def test_quick_statuses_must_name_configured_statuses(tmp_path: Path) -> None:
    message = load_error(tmp_path, '[desk]\nquick_statuses = ["lunch", "nope"]\n')
    assert "line 2: desk.quick_statuses[1]: 'nope' is not one of the statuses' codes" in message


def test_default_quick_statuses_are_lunch_meeting_sick_gone() -> None:
    codes = [status.code for status in default_settings().quick_statuses()]
    assert codes == ["lunch", "meeting", "sick", "gone"]


def test_the_shipped_switchboard_address_is_an_e_mail_address() -> None:
    from reception_tui.config import DEFAULT_SWITCHBOARD_EMAIL
    from reception_tui.domain.emails import is_email_address

    assert is_email_address(DEFAULT_SWITCHBOARD_EMAIL)
