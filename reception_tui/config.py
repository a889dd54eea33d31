"""Settings from config.toml: where the file is found, how it is checked, what it means.

Every setting has a default equal to the shipped config.toml, so the desk runs without a file.
Errors name the file, the line and the key, because whoever edits the file is rarely a developer,
and say what is wrong as codes that are worded in the file's own language (`ConfigError`).
Every text in the file goes through the same check as any other text from outside
(`checked_text`), and every default_return through the same reader as a typed return time.
"""

from __future__ import annotations

import codecs
import difflib
import getpass
import ipaddress
import os
import re
import tomllib
from ast import literal_eval
from collections.abc import Mapping, Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from rich.color import Color, ColorParseError

from reception_tui.actions import DEFAULT_KEYS
from reception_tui.domain.emails import is_email_address
from reception_tui.domain.limits import MAX_DEACTIVATED_SHARE
from reception_tui.domain.phones import normalise_phone
from reception_tui.domain.presence import StatusCode
from reception_tui.domain.text import UnprintableText, checked_text, is_printable, printable
from reception_tui.words import DEFAULT_LANGUAGE, LANGUAGES, Coded, Worded, Words, text, word

if TYPE_CHECKING:
    from reception_tui.domain.calendar import WorkingCalendar

APP_NAME = "reception-tui"
CONFIG_FILE = "config.toml"
CONFIG_ENV = "RECEPTION_TUI_CONFIG"
DATABASE_FILE = "reception.sqlite3"
DEMO_DATABASE_FILE = "demo.sqlite3"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# validate_default: the built-in defaults go through the same checks as a file would.
_MODEL = ConfigDict(frozen=True, extra="forbid", validate_default=True)
_CODE = re.compile(r"^[a-z0-9_-]+$")
_HOURS = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")
# The deepest the file goes is a list inside a table inside a list ([[statuses]]); anything far
# deeper is a mistake, refused before a recursive reader (tomllib, pydantic) can overflow.
_MAX_NESTING = 8
# default_return is read as if typed at the start of an ordinary working day (a Wednesday at
# midnight), so that only what could never be read is refused, not what is merely past.
_DEFAULT_RETURN_TYPED_AT = datetime(2025, 1, 8, 0, 0)
# Python reads at most this many digits into a number (sys.get_int_max_str_digits).
_LONG_NUMBER = re.compile(r"[0-9_]{4301,}")
# Values shown back in messages are cut to this many characters.
_MAX_ECHO = 60


class Mistake(Coded, ValueError):
    """What is wrong with the file or with one of its values, as a code and values. A
    ValueError, so that pydantic reports it at the key whose check raised it."""

    CODES = {
        "config_not_found_given": (),
        "config_not_found_named": ("variable",),
        "config_unreadable": ("reason",),
        "config_utf16": (),
        "config_not_utf8": ("byte", "column"),
        "config_invalid_toml": ("detail",),
        "config_invalid_toml_at": ("detail", "column"),
        "config_invalid_toml_at_end": ("detail",),
        "config_long_number": ("digits",),
        "config_too_deep": ("levels",),
        "toml_invalid_statement": (),
        "toml_statement_not_ended": (),
        "toml_expected": ("what",),
        "toml_invalid_character": ("char",),
        "toml_declared_twice": ("name",),
        "toml_value_overwritten": (),
        "toml_table_header_unclosed": (),
        "toml_immutable": ("name",),
        "toml_array_header_unclosed": (),
        "toml_namespace_redefined": ("name",),
        "toml_no_equals": (),
        "toml_bad_key_start": (),
        "toml_array_unclosed": (),
        "toml_inline_key_twice": ("name",),
        "toml_inline_table_unclosed": (),
        "toml_unescaped_backslash": (),
        "toml_bad_hex": (),
        "toml_not_a_scalar": (),
        "toml_unterminated_string": (),
        "toml_illegal_character": ("char",),
        "toml_bad_datetime": (),
        "toml_invalid_value": (),
        "config_unknown_key": (),
        "config_unknown_key_like": ("suggestion",),
        "config_key_unprintable": ("problem",),
        "config_missing": (),
        "config_not_whole_number": ("given",),
        "config_not_a_number": ("given",),
        "config_not_true_or_false": ("given",),
        "config_not_text": ("given",),
        "config_not_a_table": (),
        "config_not_a_list": (),
        "config_not_allowed": ("given", "expected"),
        "config_at_least": ("given", "limit"),
        "config_at_most": ("given", "limit"),
        "config_more_than": ("given", "limit"),
        "config_less_than": ("given", "limit"),
        "config_invalid": ("given",),
        "config_empty": (),
        "config_not_an_email": ("value",),
        "config_not_a_time_zone": ("value",),
        "config_not_hours": ("text",),
        "config_not_a_time_of_day": ("text",),
        "config_closes_before_opens": ("text",),
        "config_never_open": (),
        "config_bad_status_code": ("value",),
        "config_code_taken": ("code", "first"),
        "config_no_clearing_status": (),
        "config_not_a_colour": ("value",),
        "config_not_a_status": ("code",),
        "config_unknown_action": ("action", "known"),
        "config_not_a_key": ("value",),
        "config_demo_database": ("url",),
        "config_token_short": ("length", "limit"),
        "config_token_characters": (),
        "config_not_a_host": ("value",),
        "config_not_a_public_url": ("value",),
    }


class ConfigProblem(Worded):
    """One problem: where (the file, its line, the key; each as far as known) and what is wrong
    there, a `Worded` or, from a library that has no codes, its own text."""

    def __init__(
        self, path: Path | None, what: Worded | str, *, line: int | None = None, key: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.what = what

    def say(self, language: str, **values: object) -> str:
        where: list[str] = []
        if self.path is not None and self.line is not None:
            where.append(text(language, "config.at_line", path=self.path, line=self.line))
        elif self.path is not None:
            where.append(str(self.path))
        if self.key:
            where.append(self.key)
        return ": ".join([*where, str(word(language, self.what))])

    def __str__(self) -> str:
        return self.say("en")


class ConfigError(Worded, Exception):
    """The configuration cannot be used; one line per problem, each naming file, line and key.

    `language` is the one to say it in: the file's own `organisation.language` when the file
    could be read that far, else the default. `str()` is the English words (for logs).
    """

    def __init__(
        self,
        problems: ConfigProblem | Sequence[ConfigProblem],
        language: str = DEFAULT_LANGUAGE,
    ) -> None:
        self.problems = (problems,) if isinstance(problems, ConfigProblem) else tuple(problems)
        self.language = language
        super().__init__()

    def say(self, language: str, **values: object) -> str:
        return "\n".join(problem.say(language) for problem in self.problems)

    def __str__(self) -> str:
        return self.say("en")


# Where in the settings (keys and list indexes) and what is wrong there.
_Problem = tuple[tuple[Any, ...], Worded | str]


def _refused(
    problem: Worded, at: tuple[Any, ...], also: Sequence[_Problem] = ()
) -> PydanticCustomError:
    """`problem`, for pydantic to report at `at` below the key being checked (an entry of a
    list, a key of a table), with `also` the further problems found by the same check."""
    return PydanticCustomError(
        "refused", "{problem}", {"problem": problem, "at": at, "also": tuple(also)}
    )


def user_config_dir() -> Path:
    """The per-user config folder (a function so tests can point it elsewhere)."""
    return Path(platformdirs.user_config_dir(APP_NAME))


def user_cache_dir() -> Path:
    """Where the desk keeps what it can read again (its snapshot, `store.snapshot`)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def user_data_dir() -> Path:
    """The per-user data folder that holds the default databases."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def parse_hours(text: str) -> tuple[time, time] | None:
    """Office hours text: "08:00-16:30" gives (opens, closes), "" gives None (closed).

    Raises Mistake (a ValueError) for anything else, including hours that close before they
    open.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _HOURS.match(cleaned)
    if match is None:
        raise Mistake("config_not_hours", text=_echo(text))
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    try:
        opens, closes = time(h1, m1), time(h2, m2)
    except ValueError:
        raise Mistake("config_not_a_time_of_day", text=_echo(text)) from None
    if opens >= closes:
        raise Mistake("config_closes_before_opens", text=_echo(text))
    return opens, closes


# Fields use Strict* types: TOML values are typed, so `config = "false"` or
# `answer_working_days = "2"` is a mistake to report, not something to coerce.


DEFAULT_SWITCHBOARD_EMAIL = "vaxeln@malung-salen.se"


class OrganisationConfig(BaseModel):
    model_config = _MODEL

    name: StrictStr = "Malung-Sälens kommun"
    switchboard_number: StrictStr = "0280-181 00"
    switchboard_email: StrictStr = DEFAULT_SWITCHBOARD_EMAIL
    timezone: StrictStr = "Europe/Stockholm"
    language: Literal["sv", "en"] = "sv"

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise Mistake("config_empty")
        return value

    @field_validator("switchboard_number")
    @classmethod
    def _number(cls, value: str) -> str:
        normalise_phone(value)  # a PhoneError is a ValueError with a code: pydantic reports it
        # Kept as written: it is read aloud and shown, the E.164 form is only for checking.
        return value

    @field_validator("switchboard_email")
    @classmethod
    def _email(cls, value: str) -> str:
        # The shipped address is known good (a test checks it): a desk started with it need not
        # load the e-mail library, a megabyte, before its first frame.
        if value != DEFAULT_SWITCHBOARD_EMAIL and not is_email_address(value):
            raise Mistake("config_not_an_email", value=_echo(value))
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise Mistake("config_not_a_time_zone", value=_echo(value)) from None
        return value


class DeskConfig(BaseModel):
    model_config = _MODEL

    receptionist: StrictStr = ""
    # Status codes set by the quick keys (F5-F8 by default), in key order. None: the shipped
    # choice, less any code the statuses list does not have.
    quick_statuses: tuple[StrictStr, ...] | None = None
    # Keep what the desk read in the user's cache (`store.snapshot`), so that the next start
    # shows everyone within a moment and reads only what changed since.
    snapshot: StrictBool = True


DEFAULT_QUICK_STATUSES = ("lunch", "meeting", "sick", "gone")


class ManagerConfig(BaseModel):
    model_config = _MODEL

    # The units `reception-tui manager` (and `serve`) opens on, by name; none: the whole
    # organisation. `--unit` overrides.
    units: tuple[StrictStr, ...] = ()


_KEY_NAME = re.compile(r"^(?:(?:ctrl|alt|shift)\+)*[a-z0-9_]+$")


class OfficeHoursConfig(BaseModel):
    model_config = _MODEL

    monday: StrictStr = "08:00-16:30"
    tuesday: StrictStr = "08:00-16:30"
    wednesday: StrictStr = "08:00-16:30"
    thursday: StrictStr = "08:00-16:30"
    friday: StrictStr = "08:00-16:30"
    saturday: StrictStr = ""
    sunday: StrictStr = ""

    @field_validator(*WEEKDAYS)
    @classmethod
    def _hours(cls, value: str) -> str:
        parse_hours(value)
        return value

    @model_validator(mode="after")
    def _open_on_a_working_day(self) -> OfficeHoursConfig:
        from reception_tui.domain.calendar import WORKING_WEEKDAYS

        if WORKING_WEEKDAYS.isdisjoint(self.by_weekday()):
            # Saturdays and Sundays are never working days: with hours only there, the office
            # would never open and "nästa arbetsdag" would have no answer.
            raise Mistake("config_never_open")
        return self

    def by_weekday(self) -> dict[int, tuple[time, time]]:
        """Opening hours keyed by weekday (0 = Monday); closed days are left out."""
        hours: dict[int, tuple[time, time]] = {}
        for weekday, name in enumerate(WEEKDAYS):
            parsed = parse_hours(getattr(self, name))
            if parsed is not None:
                hours[weekday] = parsed
        return hours


class DeadlinesConfig(BaseModel):
    model_config = _MODEL

    answer_working_days: StrictInt = Field(default=2, ge=1, le=20)


class StatusConfig(BaseModel):
    model_config = _MODEL

    code: StrictStr
    label_sv: StrictStr
    label_en: StrictStr
    needs_return: StrictBool
    available: StrictBool
    colour: StrictStr
    default_return: StrictStr | None = None

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not _CODE.match(value):
            raise Mistake("config_bad_status_code", value=_echo(value))
        return value

    @field_validator("label_sv", "label_en")
    @classmethod
    def _label(cls, value: str) -> str:
        if not value.strip():
            raise Mistake("config_empty")
        return value

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        try:
            Color.parse(value)
        except ColorParseError:
            raise Mistake("config_not_a_colour", value=_echo(value)) from None
        return value

    @field_validator("default_return")
    @classmethod
    def _default_return(cls, value: str | None) -> str | None:
        # TOML has no null; an empty string is the way to say "no default".
        return value if value and value.strip() else None

    def to_status_code(self) -> StatusCode:
        return StatusCode(
            code=self.code,
            label_sv=self.label_sv,
            label_en=self.label_en,
            needs_return=self.needs_return,
            available=self.available,
            colour=self.colour,
            default_return=self.default_return,
        )


def _status(
    code: str,
    label_sv: str,
    label_en: str,
    colour: str,
    default_return: str | None,
    *,
    available: bool = False,
) -> StatusConfig:
    return StatusConfig(
        code=code,
        label_sv=label_sv,
        label_en=label_en,
        needs_return=not available,
        available=available,
        colour=colour,
        default_return=default_return,
    )


# Rich has no plain "orange" or "grey"; dark_orange and grey50 are the nearest names it knows.
DEFAULT_STATUSES: tuple[StatusConfig, ...] = (
    _status("available", "Tillgänglig", "Available", "green", None, available=True),
    _status("lunch", "Lunch", "Lunch", "yellow", "+1h"),
    _status("meeting", "Möte", "Meeting", "dark_orange", "+1h"),
    _status("out", "Tillfälligt ute", "Temporarily out", "yellow", "+30m"),
    _status("travel", "Tjänsteresa", "Business trip", "blue", "nästa arbetsdag"),
    _status("training", "Utbildning", "Training", "blue", "nästa arbetsdag"),
    _status("vacation", "Semester", "Vacation", "magenta", None),
    _status("off", "Ledig", "Off duty", "magenta", "nästa arbetsdag"),
    _status("sick", "Sjuk", "Sick", "red", "nästa arbetsdag"),
    _status("gone", "Gått för dagen", "Gone for the day", "grey50", "nästa arbetsdag"),
)


class DatabaseConfig(BaseModel):
    model_config = _MODEL

    url: StrictStr = ""
    retention_days: StrictInt = Field(default=365, ge=1, le=3650)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.strip():
            return ""
        # Imported here: SQLAlchemy is heavy and only needed when a URL is actually given.
        # The same check as `--database`, so both accept exactly the URLs that can be opened.
        # UnsupportedDatabase is a ValueError with a code: pydantic reports it.
        from reception_tui.store.engine import check_url

        check_url(value)
        return value


class WatchConfig(BaseModel):
    model_config = _MODEL

    config: StrictBool = True
    database: StrictBool = True
    poll_seconds: StrictFloat = Field(default=2.0, ge=0.2, le=60)


class ImportConfig(BaseModel):
    model_config = _MODEL

    staff_csv: StrictStr = ""
    partial: StrictBool = False
    max_deactivated_share: StrictFloat = Field(default=MAX_DEACTIVATED_SHARE, ge=0, le=1)

    def staff_file(self, config_file: Path | None) -> Path | None:
        """The staff file, relative to the config file's folder; None when not set."""
        if not self.staff_csv.strip():
            return None
        path = Path(self.staff_csv.strip()).expanduser()
        if not path.is_absolute() and config_file is not None:
            path = config_file.parent / path
        return path.absolute()


# A token goes into a URL as it is: the characters secrets.token_urlsafe uses.
_TOKEN = re.compile(r"^[A-Za-z0-9_-]*$")
MIN_TOKEN_LENGTH = 16
_HOST_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"^{_HOST_LABEL}(?:\.{_HOST_LABEL})*$")
_PUBLIC_URL = re.compile(r"^https?://[^\s/?#]+(?:/[^\s?#]*)?$")


def check_host(value: str) -> str:
    """A host to listen on, `value`, as an IP address or a host name; else a Mistake (also for
    `serve --host`)."""
    try:
        ipaddress.ip_address(value)
    except ValueError:
        if len(value) > 253 or not _HOST_NAME.match(value):
            raise Mistake("config_not_a_host", value=_echo(value)) from None
    return value


class WebConfig(BaseModel):
    """`reception-tui serve`: where it listens, the secret every request needs, and how many
    browser tabs (each one a manager's screen process) it runs at once."""

    model_config = _MODEL

    # Localhost unless told otherwise: a reverse proxy in front brings TLS and sign-on.
    host: StrictStr = "127.0.0.1"
    # 0: any free port, shown in the URL printed at start.
    port: StrictInt = Field(default=8020, ge=0, le=65535)
    # Empty: a new token at every start, printed in the URL.
    token: StrictStr = ""
    max_sessions: StrictInt = Field(default=8, ge=1, le=100)
    # The address browsers use when it is not the one served (behind a reverse proxy).
    public_url: StrictStr = ""

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        return check_host(value)

    @field_validator("token")
    @classmethod
    def _token(cls, value: str) -> str:
        if not _TOKEN.match(value):
            raise Mistake("config_token_characters")
        if value and len(value) < MIN_TOKEN_LENGTH:
            raise Mistake("config_token_short", length=len(value), limit=MIN_TOKEN_LENGTH)
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not _PUBLIC_URL.match(value):
            raise Mistake("config_not_a_public_url", value=_echo(value))
        return value.rstrip("/")


class Settings(BaseModel):
    """Everything config.toml can say, checked."""

    model_config = _MODEL

    organisation: OrganisationConfig = Field(default_factory=OrganisationConfig)
    desk: DeskConfig = Field(default_factory=DeskConfig)
    manager: ManagerConfig = Field(default_factory=ManagerConfig)
    office_hours: OfficeHoursConfig = Field(default_factory=OfficeHoursConfig)
    deadlines: DeadlinesConfig = Field(default_factory=DeadlinesConfig)
    statuses: tuple[StatusConfig, ...] = DEFAULT_STATUSES
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    watch: WatchConfig = Field(default_factory=WatchConfig)
    # `import` is a Python keyword: the file says [import], the code says import_.
    import_: ImportConfig = Field(default_factory=ImportConfig, alias="import")
    web: WebConfig = Field(default_factory=WebConfig)
    keys: dict[str, StrictStr] = Field(default_factory=dict)
    source: Path | None = Field(default=None, exclude=True)

    @field_validator("keys")
    @classmethod
    def _keys(cls, keys: dict[str, str]) -> dict[str, str]:
        for action, value in keys.items():
            if action not in DEFAULT_KEYS:
                known = ", ".join(DEFAULT_KEYS)
                mistake = Mistake("config_unknown_action", action=_echo(action), known=known)
                raise _refused(mistake, (action,))
            for key in value.split(","):
                if not _KEY_NAME.match(key.strip().lower()):
                    raise _refused(Mistake("config_not_a_key", value=_echo(key.strip())), (action,))
        return {action: value.lower().replace(" ", "") for action, value in keys.items()}

    @model_validator(mode="after")
    def _default_returns_read(self) -> Settings:
        """Each default_return must read as a return time, as the desk will read it."""
        from reception_tui.domain.returns import ReturnTimeError, parse_return_time

        calendar = self.calendar()
        now = _DEFAULT_RETURN_TYPED_AT.replace(tzinfo=calendar.tz)
        problems: list[tuple[tuple[Any, ...], ReturnTimeError]] = []
        for index, status in enumerate(self.statuses):
            if status.default_return is None:
                continue
            try:
                parse_return_time(status.default_return, now, calendar)
            except ReturnTimeError as error:
                problems.append(((index, "default_return"), error))
        if problems:
            # One error carries them all: `at` locates the first, `also` the others (by
            # their place in the settings), so every bad entry is reported at once.
            (at, first), *others = problems
            also = [(("statuses", *loc), error) for loc, error in others]
            raise _refused(first, ("statuses", *at), also)
        return self

    @model_validator(mode="after")
    def _quick_statuses_exist(self) -> Settings:
        codes = {status.code for status in self.statuses}
        for index, code in enumerate(self.desk.quick_statuses or ()):
            if code not in codes:
                mistake = Mistake("config_not_a_status", code=_echo(code))
                raise _refused(mistake, ("desk", "quick_statuses", index))
        return self

    def quick_statuses(self) -> tuple[StatusCode, ...]:
        """The statuses behind the quick keys, in key order (at most four)."""
        by_code = {status.code: status.to_status_code() for status in self.statuses}
        codes = self.desk.quick_statuses or DEFAULT_QUICK_STATUSES
        return tuple(by_code[code] for code in codes if code in by_code)[:4]

    def keymap(self) -> dict[str, str]:
        """Binding id -> keys for every action: the defaults with config's changes."""
        return {**DEFAULT_KEYS, **self.keys}

    def remapped_keys(self) -> dict[str, str]:
        """Only the actions config moves off their default keys, for Textual's set_keymap.

        Textual applies its keymap to the bindings on every key press, so an entry that
        changes nothing still costs time on every keystroke.
        """
        return {action: keys for action, keys in self.keys.items() if keys != DEFAULT_KEYS[action]}

    @field_validator("statuses")
    @classmethod
    def _statuses(cls, statuses: tuple[StatusConfig, ...]) -> tuple[StatusConfig, ...]:
        # `at` in the context lets load_settings point at the offending entry, not the list.
        seen: dict[str, int] = {}
        for index, status in enumerate(statuses):
            if status.code in seen:
                first = f"statuses[{seen[status.code]}]"
                mistake = Mistake("config_code_taken", code=_echo(status.code), first=first)
                raise _refused(mistake, (index, "code"))
            seen[status.code] = index
        if not any(s.available and not s.needs_return for s in statuses):
            # Without one, a redirect could never be cleared.
            raise Mistake("config_no_clearing_status")
        return statuses

    def calendar(self) -> WorkingCalendar:
        """The working calendar: office hours in the organisation's time zone."""
        from reception_tui.domain.calendar import OfficeHours, WorkingCalendar

        return WorkingCalendar(
            tz=ZoneInfo(self.organisation.timezone),
            office_hours={
                weekday: OfficeHours(opens=opens, closes=closes)
                for weekday, (opens, closes) in self.office_hours.by_weekday().items()
            },
            answer_working_days=self.deadlines.answer_working_days,
        )

    def status_codes(self) -> tuple[StatusCode, ...]:
        return tuple(status.to_status_code() for status in self.statuses)

    def available_status(self) -> StatusCode:
        """The status that clears a redirect: the first one available without a return time."""
        for status in self.statuses:
            if status.available and not status.needs_return:
                return status.to_status_code()
        raise AssertionError("validation guarantees an available status")  # pragma: no cover

    def database_url(self) -> str:
        """The configured URL, or the SQLite file in the user data folder (not created here)."""
        if self.database.url:
            return self.database.url
        return _sqlite_url(user_data_dir() / DATABASE_FILE)

    def demo_database_url(self) -> str:
        """A separate SQLite file for demo data, so a demo can never touch real callers."""
        demo = _sqlite_url(user_data_dir() / DEMO_DATABASE_FILE)
        if _same_sqlite_file(demo, self.database_url()):
            mistake = Mistake("config_demo_database", url=repr(self.database.url))
            problem = ConfigProblem(None, mistake, key="database.url")
            raise ConfigError(problem, self.organisation.language)
        return demo

    def actor(self, override: str | None = None) -> str:
        """Who is at the desk: --as NAME, else desk.receptionist, else the OS user name."""
        for name in (override, self.desk.receptionist):
            if name and name.strip():
                return name.strip()
        try:
            return getpass.getuser()
        except Exception:
            # getuser raises OSError, KeyError or ImportError depending on the OS and setup.
            return "unknown"


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _same_sqlite_file(a: str, b: str) -> bool:
    from sqlalchemy.engine import make_url

    first, second = make_url(a), make_url(b)
    if first.get_backend_name() != "sqlite" or second.get_backend_name() != "sqlite":
        return False
    if not first.database or not second.database:
        return False
    return _resolved(first.database) == _resolved(second.database)


def _resolved(database: str) -> Path:
    return Path(database).expanduser().resolve()


def remembered_receptionist() -> str:
    """The name kept in the user's own config.toml (`remember_receptionist`), or ""."""
    path = user_config_dir() / CONFIG_FILE
    try:
        desk = tomllib.loads(_decoded(path, path.read_bytes())).get("desk", {})
    except (OSError, ValueError, ConfigError, RecursionError):
        return ""
    name = desk.get("receptionist", "") if isinstance(desk, dict) else ""
    return name.strip() if isinstance(name, str) and is_printable(name) else ""


def remember_receptionist(name: str) -> Path:
    """Keep `name` as desk.receptionist in the user's own config.toml, creating it if need be.

    tomlkit edits the file in place, so its comments and layout survive; the new file replaces
    the old in one step, so a desk reading it never sees half of it.
    """
    import tomlkit

    path = user_config_dir() / CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        document = tomlkit.parse(_decoded(path, path.read_bytes()))
    except FileNotFoundError:
        document = tomlkit.document()
    desk = document.get("desk")
    if desk is None:
        desk = tomlkit.table()
        document["desk"] = desk
    desk["receptionist"] = name
    partial = path.with_name(f".{path.name}.new")
    partial.write_text(tomlkit.dumps(document), encoding="utf-8")
    os.replace(partial, path)
    return path


def default_settings() -> Settings:
    return Settings()


def find_config(
    explicit: Path | None,
    environ: Mapping[str, str] = os.environ,
    cwd: Path | None = None,
) -> Path | None:
    """The config file to use: --config, then $RECEPTION_TUI_CONFIG, ./config.toml, user folder.

    A file asked for by name must exist; the two implicit places are skipped when absent.
    """
    if explicit is not None:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise ConfigError(ConfigProblem(path, Mistake("config_not_found_given")))
        return path
    from_env = environ.get(CONFIG_ENV, "").strip()
    if from_env:
        path = Path(from_env).expanduser()
        if not path.is_file():
            mistake = Mistake("config_not_found_named", variable=CONFIG_ENV)
            raise ConfigError(ConfigProblem(path, mistake))
        return path
    for candidate in ((cwd or Path.cwd()) / CONFIG_FILE, user_config_dir() / CONFIG_FILE):
        if candidate.is_file():
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    """Read and check `path`; None gives the defaults. Raises ConfigError listing every problem,
    in the file's own language once it is read that far."""
    if path is None:
        return default_settings()
    try:
        raw = path.read_bytes()
    except OSError as error:
        mistake = Mistake("config_unreadable", reason=error.strerror or str(error))
        raise ConfigError(ConfigProblem(path, mistake)) from None
    text = _decoded(path, raw)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_syntax_problem(path, str(error))) from None
    except RecursionError:
        # tomllib reads nested values recursively; thousands of levels exhaust the stack.
        raise ConfigError(_too_deep(path, _first_too_deep_line(text), ())) from None
    except ValueError as error:
        # Not a TOMLDecodeError: int() refusing a number of thousands of digits.
        raise ConfigError(_unreadable_value(path, text, error)) from None

    language = _language(data)
    deep = _too_deep_value(data)
    if deep is not None:
        raise ConfigError(_too_deep(path, _KeyLines(text).find(deep), deep), language)
    found: list[_Problem] = []
    data = _checked_texts(data, (), found)
    # `source` is set by the loader, never by the file.
    if "source" in data:
        found.append((("source",), Mistake("config_unknown_key")))
        data = {key: value for key, value in data.items() if key != "source"}
    settings: Settings | None = None
    unprintable = {loc for loc, _ in found}
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            ctx = item.get("ctx") or {}
            at = ctx.get("at")
            if isinstance(at, tuple):
                loc += at
            # A text with a control character is reported once, for that.
            if loc not in unprintable:
                found.append((loc, _plain(item, loc)))
            found.extend(ctx.get("also", ()))
    if found or settings is None:
        raise ConfigError(_problems(path, text, found), language)
    return settings.model_copy(update={"source": path})


def _language(data: Mapping[str, Any]) -> str:
    """The language the file asks for (`organisation.language`), if it names one, else the
    default: what its problems are said in."""
    organisation = data.get("organisation")
    language = organisation.get("language") if isinstance(organisation, dict) else None
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def _decoded(path: Path, raw: bytes) -> str:
    """The file's text: UTF-8, with or without the byte order mark Notepad and Excel write."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ConfigError(ConfigProblem(path, Mistake("config_utf16")))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        mistake = Mistake("config_not_utf8", byte=f"0x{raw[error.start]:02x}", column=column)
        raise ConfigError(ConfigProblem(path, mistake, line=line)) from None


def _unreadable_value(path: Path, text: str, error: ValueError) -> ConfigProblem:
    long_number = _LONG_NUMBER.search(text)
    if long_number is None:
        return ConfigProblem(path, Mistake("config_invalid_toml", detail=str(error)))
    line = text.count("\n", 0, long_number.start()) + 1
    return ConfigProblem(path, Mistake("config_long_number", digits=len(long_number[0])), line=line)


def _too_deep(path: Path, line: int | None, loc: tuple[Any, ...]) -> ConfigProblem:
    mistake = Mistake("config_too_deep", levels=_MAX_NESTING)
    return ConfigProblem(path, mistake, line=line, key=_dotted(loc))


def _too_deep_value(data: dict[str, Any]) -> tuple[Any, ...] | None:
    """Where the file's values nest deeper than `_MAX_NESTING`, as the keys leading there."""
    # Iterative, so that a deep value cannot exhaust the stack here either.
    stack: list[tuple[Any, tuple[Any, ...], int]] = [(data, (), 0)]
    while stack:
        value, loc, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if depth > _MAX_NESTING:
            # Point at the key whose value it is, not at the innermost list.
            while loc and isinstance(loc[-1], int):
                loc = loc[:-1]
            return loc
        stack.extend((child, (*loc, key), depth + 1) for key, child in children)
    return None


def _first_too_deep_line(text: str) -> int | None:
    """The line of the key whose value nests deeper than `_MAX_NESTING`, by a rough scan.

    Only for pointing at the place when tomllib itself gave up: it skips strings and comments
    and treats `[` at the start of a statement as a table header.
    """
    depth, line, index, in_value, key_line = 0, 1, 0, False, 1
    while index < len(text):
        char = text[index]
        if char == "\n":
            line += 1
            in_value = in_value and depth > 0
        elif char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        elif char in "\"'":
            quote = text[index : index + 3] if text.startswith(char * 3, index) else char
            end = index + len(quote)
            while end < len(text) and not text.startswith(quote, end):
                end += 2 if char == '"' and text[end] == "\\" else 1
            line += text.count("\n", index, end)
            index = end + len(quote)
            continue
        elif char == "=":
            key_line = line if depth == 0 else key_line
            in_value = True
        elif in_value and char in "[{":
            depth += 1
            if depth > _MAX_NESTING:
                return key_line
        elif in_value and char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return None


def _checked_texts(value: Any, loc: tuple[Any, ...], found: list[_Problem]) -> Any:
    """`value` with every text checked as text from outside; problems are added to `found`.

    A text with a control character stays in, made printable, so that the file's other checks
    still run (load_settings reports nothing more about that key); a key with one is left out.
    """
    if isinstance(value, str):
        try:
            return checked_text(value)
        except UnprintableText as error:
            found.append((loc, error))
            return printable(value)
    if isinstance(value, list):
        return [_checked_texts(item, (*loc, index), found) for index, item in enumerate(value)]
    if isinstance(value, dict):
        checked = {}
        for key, item in value.items():
            try:
                name = checked_text(key)
            except UnprintableText as error:
                found.append((loc, Mistake("config_key_unprintable", problem=error)))
                continue
            checked[name] = _checked_texts(item, (*loc, name), found)
        return checked
    return value


def load_config(
    explicit: Path | None = None,
    environ: Mapping[str, str] = os.environ,
    cwd: Path | None = None,
) -> Settings:
    """Find the config file and load it (defaults when there is none)."""
    return load_settings(find_config(explicit, environ, cwd))


# --- error messages -------------------------------------------------------------------------

_SYNTAX_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|(end of document))\)\s*$")
# tomllib's own messages (Python 3.11 to 3.13), each with the code that words it and the parts
# of it that are data; a message not here is shown as tomllib says it.
_TOML_MESSAGES = tuple(
    (re.compile(f"^{pattern}$"), code)
    for pattern, code in (
        (r"Invalid statement", "toml_invalid_statement"),
        (r"Expected newline or end of document after a statement", "toml_statement_not_ended"),
        (r"Expected '\]' at the end of a table declaration", "toml_table_header_unclosed"),
        (r"Expected '\]\]' at the end of an array declaration", "toml_array_header_unclosed"),
        (r"Expected '=' after a key in a key/value pair", "toml_no_equals"),
        (r"Expected (?P<what>'.*'|\".*\")", "toml_expected"),
        (r"Found invalid character (?P<char>.+)", "toml_invalid_character"),
        (r"Cannot declare (?P<name>.+) twice", "toml_declared_twice"),
        (r"Cannot overwrite a value", "toml_value_overwritten"),
        (r"Cannot mutate immutable namespace (?P<name>.+)", "toml_immutable"),
        (r"Cannot redefine namespace (?P<name>.+)", "toml_namespace_redefined"),
        (r"Invalid initial character for a key part", "toml_bad_key_start"),
        (r"Unclosed array", "toml_array_unclosed"),
        (r"Duplicate inline table key (?P<name>.+)", "toml_inline_key_twice"),
        (r"Unclosed inline table", "toml_inline_table_unclosed"),
        (r"Unescaped '\\' in a string", "toml_unescaped_backslash"),
        (r"Invalid hex value", "toml_bad_hex"),
        (r"Escaped character is not a Unicode scalar value", "toml_not_a_scalar"),
        (r"Unterminated string", "toml_unterminated_string"),
        (r"Illegal character (?P<char>.+)", "toml_illegal_character"),
        (r"Invalid date or datetime", "toml_bad_datetime"),
        (r"Invalid value", "toml_invalid_value"),
    )
)


def _syntax_problem(path: Path, message: str) -> ConfigProblem:
    match = _SYNTAX_AT.search(message)
    if match is None:
        return ConfigProblem(path, Mistake("config_invalid_toml", detail=_toml_detail(message)))
    detail = _toml_detail(message[: match.start()])
    line, column, at_end = match.groups()
    if at_end:
        return ConfigProblem(path, Mistake("config_invalid_toml_at_end", detail=detail))
    mistake = Mistake("config_invalid_toml_at", detail=detail, column=int(column))
    return ConfigProblem(path, mistake, line=int(line))


def _toml_detail(message: str) -> Worded | str:
    """What tomllib says is wrong, as a code, with keys as the file writes them (a.b)."""
    for pattern, code in _TOML_MESSAGES:
        if match := pattern.match(message):
            values = match.groupdict()
            if "name" in values:
                values["name"] = _toml_key(values["name"])
            return Mistake(code, **values)
    return message


def _toml_key(shown: str) -> str:
    """A key as tomllib shows it, `('desk', 'name')`, as the file writes it: 'desk.name'."""
    try:
        parts = literal_eval(shown)
    except (ValueError, SyntaxError):
        return shown
    if isinstance(parts, str):
        parts = (parts,)
    if not isinstance(parts, tuple) or not all(isinstance(part, str) for part in parts):
        return shown
    return repr(_dotted(parts))


def _problems(path: Path, text: str, found: Sequence[_Problem]) -> list[ConfigProblem]:
    """One problem per line, in file order, so they can be fixed from the top down."""
    lines = _KeyLines(text)
    located = [(lines.find(loc), loc, what) for loc, what in found]
    located.sort(key=lambda entry: entry[0] if entry[0] is not None else len(text))
    return [ConfigProblem(path, what, line=line, key=_dotted(loc)) for line, loc, what in located]


def _dotted(loc: Sequence[Any]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# pydantic's errors that say a value has the wrong type, by the code that words them.
_WRONG_TYPE = {
    "int_type": "config_not_whole_number",
    "int_parsing": "config_not_whole_number",
    "int_from_float": "config_not_whole_number",
    "float_type": "config_not_a_number",
    "float_parsing": "config_not_a_number",
    "bool_type": "config_not_true_or_false",
    "bool_parsing": "config_not_true_or_false",
    "string_type": "config_not_text",
}
# pydantic's errors for a number out of range, by the code that words them and the limit's name.
_OUT_OF_RANGE = {
    "greater_than_equal": ("config_at_least", "ge"),
    "less_than_equal": ("config_at_most", "le"),
    "greater_than": ("config_more_than", "gt"),
    "less_than": ("config_less_than", "lt"),
}


def _plain(item: Mapping[str, Any], loc: tuple[Any, ...]) -> Worded:
    """What pydantic found wrong, in the words of someone editing a TOML file."""
    kind = item["type"]
    ctx = item.get("ctx") or {}
    given = _echo(item.get("input"))
    # The checks' own mistakes: raised (a ValueError), or refused at a place (`_refused`).
    for said in (ctx.get("problem"), ctx.get("error")):
        if isinstance(said, Worded):
            return said
    if kind == "extra_forbidden":
        suggestion = _suggestion(loc)
        if suggestion is None:
            return Mistake("config_unknown_key")
        return Mistake("config_unknown_key_like", suggestion=repr(suggestion))
    if kind == "missing":
        return Mistake("config_missing")
    if kind in _WRONG_TYPE:
        return Mistake(_WRONG_TYPE[kind], given=given)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Mistake("config_not_a_table")
    if kind in ("tuple_type", "list_type"):
        return Mistake("config_not_a_list")
    if kind == "literal_error":
        expected = _one_of(loc) or str(ctx.get("expected", ""))
        return Mistake("config_not_allowed", given=given, expected=expected)
    if kind in _OUT_OF_RANGE:
        code, limit = _OUT_OF_RANGE[kind]
        return Mistake(code, given=given, limit=ctx.get(limit))
    return Mistake("config_invalid", given=given)


def _echo(value: Any) -> str:
    """A value as a message shows it: its repr, cut short (a list of 10,000 items is no echo)."""
    text = repr(value)
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 1] + "…"


def _model_holding(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The settings table (a model) whose key `loc` ends in; None when it is no table's."""
    model: Any = Settings
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        # tuple[StatusConfig, ...] -> StatusConfig
        args = getattr(annotation, "__args__", ())
        model = args[0] if args else annotation
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
    return model


def _suggestion(loc: tuple[Any, ...]) -> str | None:
    """The known key nearest the unknown one at the end of `loc`, if one is near."""
    model = _model_holding(loc)
    if model is None:
        return None
    known = [name for name in model.model_fields if name != "source"]
    close = difflib.get_close_matches(str(loc[-1]), known, n=1)
    return close[0] if close else None


def _one_of(loc: tuple[Any, ...]) -> Worded | str | None:
    """The values the key at `loc` allows (a Literal), as a reader is told them: 'sv' or 'en'."""
    model = _model_holding(loc)
    field = model.model_fields.get(loc[-1]) if model is not None else None
    choices = [repr(choice) for choice in get_args(field.annotation)] if field else []
    if len(choices) < 2:
        return choices[0] if choices else None
    return Words("config.one_of", choices=", ".join(choices[:-1]), last=choices[-1])


# --- finding a key's line ------------------------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"[^"]*"|\'[^\']*\''
_PART = re.compile(rf"({_BARE})|({_QUOTED})")
_DOTTED = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_ARRAY_HEADER = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]\s*(?:#.*)?$")
_TABLE_HEADER = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_DOTTED})\s*=")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(bare or quoted[1:-1] for bare, quoted in _PART.findall(dotted))


class _KeyLines:
    """Line numbers of the headers and keys of a TOML text, by their path.

    A line-based scan rather than a parser: tomllib keeps no positions, and config.toml is
    written by hand in the plain style, which this covers. Unlocatable keys get no line.
    """

    def __init__(self, text: str) -> None:
        self.entries: list[tuple[tuple[Any, ...], int]] = []
        table: tuple[Any, ...] = ()
        arrays: dict[tuple[str, ...], int] = {}
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            # Skip the inside of multi-line strings, where `key =` is only text.
            quotes = line.count('"""') + line.count("'''")
            if in_multiline:
                in_multiline = quotes % 2 == 0
                continue
            if quotes % 2 == 1:
                in_multiline = True
            if match := _ARRAY_HEADER.match(line):
                names = _parts(match.group(1))
                index = arrays.get(names, -1) + 1
                arrays[names] = index
                table = (*names, index)
                self.entries.append((table, number))
            elif match := _TABLE_HEADER.match(line):
                table = _parts(match.group(1))
                self.entries.append((table, number))
            elif match := _KEY.match(line):
                self.entries.append(((*table, *_parts(match.group(1))), number))

    def find(self, loc: tuple[Any, ...]) -> int | None:
        """The line of `loc`, else of the nearest enclosing table or key that is in the text."""
        for cut in range(len(loc), 0, -1):
            prefix = loc[:cut]
            for path, number in self.entries:
                if path == prefix:
                    return number
            for path, number in self.entries:
                if path[:cut] == prefix:
                    return number
        return None
