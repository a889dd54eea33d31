"""Reading the staff list from HR: a CSV file, checked row by row before anything is written.

UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), else Windows-1252
(what Swedish Excel's "CSV (semikolonavgränsad)" writes); separated by `;`, `,` or a tab.
Headers may be English or Swedish in any case and order. A file with any bad row imports
nothing; every field is checked against the stored limits (`domain.limits`) and for control
characters, naming its line and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from reception_tui.domain.emails import is_email_address
from reception_tui.domain.limits import MAX_LENGTH, FieldError, check_field, check_name
from reception_tui.domain.phones import PhoneError, is_extension, normalise_phone
from reception_tui.domain.text import UnprintableText, checked_text, fold, is_printable
from reception_tui.words import Coded, Worded, text

# Column name (folded) -> field. The first name in each group is the documented English one.
_HEADERS: dict[str, tuple[str, ...]] = {
    "employee_number": ("employee_id", "employee_number", "anstallningsnummer", "anst_nr"),
    "first_name": ("first_name", "fornamn"),
    "last_name": ("last_name", "efternamn"),
    "title": ("title", "titel", "befattning"),
    "unit": ("unit", "enhet"),
    "extension": ("extension", "anknytning"),
    "mobile": ("mobile", "mobil", "mobilnummer"),
    "email": ("email", "e_post", "epost", "e_mail"),
    "keywords": ("keywords", "sokord"),
    "visiting_address": ("visiting_address", "besoksadress"),
}
_ALIASES = {alias: name for name, aliases in _HEADERS.items() for alias in aliases}
# Where each column is stored, for its limit.
_STORED = {name: f"employee.{name}" for name in _HEADERS} | {"unit": "unit.name"}
# A staff list of 100,000 people is some 30 MB; anything much larger is not one.
MAX_FILE_BYTES = 200 * 1024 * 1024
# A letter beyond ASCII as UTF-8 writes it: a lead byte and a continuation byte.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class StaffRow:
    """One employee as HR lists them; `line` is the line in the file, for messages."""

    line: int
    employee_number: str | None
    first_name: str
    last_name: str
    title: str = ""
    unit: str = ""
    extension: str = ""
    mobile: str = ""
    email: str = ""
    keywords: str = ""
    visiting_address: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Problem(Worded):
    """What is wrong on one line of the file (0: the file itself), in one column."""

    CODES = {
        "file_too_large": ("megabytes",),
        "file_unreadable": ("reason",),
        "not_encoded_as": ("encoding", "byte"),
        "file_empty": (),
        "csv_unreadable": ("reason",),
        "bad_text": ("problem",),
        "column_twice": (),
        "missing_column": ("column",),
        "no_key_column": (),
        "too_many_fields": ("fields", "columns"),
        "same_person": ("line",),
        "empty": (),
        "no_identity": (),
        "not_an_email": ("value",),
        "not_an_extension": ("value",),
        "not_a_mobile": ("value",),
    }

    def __init__(self, line: int, column: str, code: str, /, **values: object) -> None:
        self.line = line
        self.column = column
        self._coded(code, values)

    def say(self, language: str, **values: object) -> str:
        problem = super().say(language, **values)
        if self.line == 0:
            return text(language, "error.staff_file_problem", column=self.column, problem=problem)
        return text(
            language, "error.staff_problem", line=self.line, column=self.column, problem=problem
        )

    def __str__(self) -> str:
        return self.say("en")


# A file with more problems lists the first ones and says how many more.
_SHOWN_PROBLEMS = 50


class StaffFileError(Coded, ValueError):
    """The file cannot be imported; `problems` names every bad line and field."""

    CODES = {"staff_file": ("source", "count", "problems")}

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        super().__init__(
            "staff_file", source=source, count=len(self.problems), problems=self.problems
        )

    def say(self, language: str, **values: object) -> str:
        lines = [f"  {problem.say(language)}" for problem in self.problems[:_SHOWN_PROBLEMS]]
        more = len(self.problems) - _SHOWN_PROBLEMS
        if more > 0:
            lines.append("  " + text(language, "error.staff_more_problems", count=more))
        return super().say(language, problems="\n".join(lines), **values)


@dataclass(frozen=True, slots=True)
class StaffFile:
    rows: list[StaffRow]
    unknown_columns: list[str] = field(default_factory=list)
    # How the file's bytes were read: "UTF-8", "UTF-16" or "Windows-1252".
    encoding: str = "UTF-8"


def read_staff_csv(path: Path) -> StaffFile:
    """Read and check a staff file; raises StaffFileError naming each bad line and field."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            megabytes = MAX_FILE_BYTES // (1024 * 1024)
            problem = Problem(0, "file", "file_too_large", megabytes=megabytes)
            raise StaffFileError(str(path), [problem])
        raw = path.read_bytes()
    except OSError as error:
        raise StaffFileError(
            str(path), [Problem(0, "file", "file_unreadable", reason=error.strerror or str(error))]
        ) from None
    text, encoding = decode_staff_file(raw, source=str(path))
    staff = parse_staff_csv(text, source=str(path))
    return StaffFile(staff.rows, staff.unknown_columns, encoding)


def decode_staff_file(raw: bytes, *, source: str) -> tuple[str, str]:
    """The file's text and the name of its encoding: a BOM says which, else UTF-8 when the
    bytes are UTF-8, else Windows-1252 (Swedish Excel's own CSV) when they hold no UTF-8 at
    all. A UTF-8 file with a stray byte is refused at that byte's line rather than read as
    Windows-1252, which would turn every å, ä and ö in it into two wrong letters."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            return _decoded(raw, codec, name, source)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(raw) is not None:
            raise StaffFileError(source, [_bad_byte(raw, error, "UTF-8")]) from None
    return _decoded(raw, "cp1252", "Windows-1252", source)


def _decoded(raw: bytes, codec: str, name: str, source: str) -> tuple[str, str]:
    try:
        return raw.decode(codec), name
    except UnicodeDecodeError as error:
        raise StaffFileError(source, [_bad_byte(raw, error, name)]) from None


def _bad_byte(raw: bytes, error: UnicodeDecodeError, name: str) -> Problem:
    line = raw[: error.start].count(b"\n") + 1
    return Problem(line, "file", "not_encoded_as", encoding=name, byte=f"{raw[error.start]:#04x}")


def parse_staff_csv(text: str, *, source: str = "staff file") -> StaffFile:
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header_line.count)
    # The csv module refuses fields over 131,072 characters with an error that names no
    # field; let it read any field the text can hold, so that the limits below name it.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise StaffFileError(source, [Problem(1, "header", "file_empty")]) from None
    except csv.Error as error:
        raise StaffFileError(
            source, [Problem(1, "header", "csv_unreadable", reason=str(error))]
        ) from None

    problems: list[Problem] = []
    columns: list[str | None] = []
    unknown: list[str] = []
    for title in header:
        try:
            checked_text(title)
        except UnprintableText as error:
            problems.append(Problem(1, "header", "bad_text", problem=error))
            title = ""
        key = re.sub(r"[\s\-.]+", "_", fold(title.strip())).strip("_")
        name = _ALIASES.get(key)
        if name is None and title.strip():
            unknown.append(title.strip())
        if name is not None and name in columns:
            problems.append(Problem(1, title.strip(), "column_twice"))
        columns.append(name)
    for required in ("first_name", "last_name"):
        if required not in columns:
            problems.append(Problem(1, "header", "missing_column", column=_HEADERS[required][0]))
    if "employee_number" not in columns and "email" not in columns:
        problems.append(Problem(1, "header", "no_key_column"))
    if problems:
        raise StaffFileError(source, problems)

    rows: list[StaffRow] = []
    seen: dict[str, int] = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a NUL byte, a quote left open at the end
            problems.append(Problem(reader.line_num, "row", "csv_unreadable", reason=str(error)))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            problems.append(
                Problem(line, "row", "too_many_fields", fields=len(cells), columns=len(columns))
            )
            continue
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
        row = _check_row(line, values, problems)
        if row is None:
            continue
        key = _row_key(row)
        if key in seen:
            column = "employee_id" if row.employee_number else "email"
            problems.append(Problem(line, column, "same_person", line=seen[key]))
            continue
        seen[key] = line
        rows.append(row)
    if problems:
        raise StaffFileError(source, problems)
    return StaffFile(rows, unknown)


def _row_key(row: StaffRow) -> str:
    return f"#{row.employee_number}" if row.employee_number else fold(row.email)


def _check_row(line: int, values: dict[str, str], problems: list[Problem]) -> StaffRow | None:
    before = len(problems)

    def bad(column: str, code: str, **values: object) -> None:
        problems.append(Problem(line, _HEADERS[column][0], code, **values))

    for column, value in values.items():
        try:
            values[column] = check_field(_STORED[column], value)
        except FieldError as error:
            bad(column, "bad_text", problem=error.problem_words())
    if len(problems) > before:
        return None
    for column in ("first_name", "last_name"):
        if not values.get(column):
            bad(column, "empty")
    number = values.get("employee_number") or None
    email = values.get("email", "")
    if number is None and not email:
        bad("employee_number", "no_identity")
    if email and not is_email_address(email):
        bad("email", "not_an_email", value=repr(email))
    extension = values.get("extension", "")
    if extension:
        if is_extension(extension):
            extension = re.sub(r"[\s-]", "", extension)
        else:
            try:
                extension = normalise_phone(extension)
            except PhoneError:
                bad("extension", "not_an_extension", value=repr(extension))
    mobile = values.get("mobile", "")
    if mobile:
        try:
            mobile = normalise_phone(mobile)
        except PhoneError:
            bad("mobile", "not_a_mobile", value=repr(mobile))
    if len(problems) == before:
        try:
            check_name(values["first_name"], values["last_name"])
        except FieldError as error:
            bad("last_name", "bad_text", problem=error.problem_words())
    if len(problems) > before:
        return None
    return StaffRow(
        line=line,
        employee_number=number,
        first_name=values["first_name"],
        last_name=values["last_name"],
        title=values.get("title", ""),
        unit=values.get("unit", ""),
        extension=extension,
        mobile=mobile,
        email=email,
        keywords=values.get("keywords", ""),
        visiting_address=values.get("visiting_address", ""),
    )


_ROW_FIELDS = tuple(
    (item.name, _STORED[item.name], MAX_LENGTH[_STORED[item.name]])
    for item in fields(StaffRow)
    if item.name in _STORED
)


def check_staff_row(row: StaffRow) -> None:
    """Raise FieldError for a field of `row` that cannot be stored as it is.

    An import of 100,000 people checks every row, so the usual row (nothing unprintable,
    nothing too long) costs one search over all its text; only an odd one is looked at field by
    field, for the error that names the field.
    """
    values = [getattr(row, name) or "" for name, _, _ in _ROW_FIELDS]
    if not is_printable("".join(values)) or any(
        len(value) > limit for value, (_, _, limit) in zip(values, _ROW_FIELDS, strict=True)
    ):
        for value, (_, stored, _) in zip(values, _ROW_FIELDS, strict=True):
            check_field(stored, value)
    check_name(row.first_name, row.last_name)
