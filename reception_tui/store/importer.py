"""Reading the staff list from HR: a CSV file, checked row by row before anything is written.

UTF-8 with or without a BOM, separated by `;` (what Swedish Excel writes) or `,`. Headers may be
English or Swedish in any case and order. A file with any bad row imports nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reception_tui.domain.phones import PhoneError, is_extension, normalise_phone
from reception_tui.domain.text import fold

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
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MAX_LENGTH = {
    "employee_number": 50,
    "first_name": 100,
    "last_name": 100,
    "title": 200,
    "unit": 200,
    "email": 254,
    "keywords": 1000,
    "visiting_address": 300,
}


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


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


class StaffFileError(ValueError):
    """The file cannot be imported; `problems` names every bad line and field."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(
            f"{source}: nothing imported, {len(self.problems)} problem(s):\n{lines}{tail}"
        )


@dataclass(frozen=True, slots=True)
class StaffFile:
    rows: list[StaffRow]
    unknown_columns: list[str] = field(default_factory=list)


def read_staff_csv(path: Path) -> StaffFile:
    """Read and check a staff file; raises StaffFileError naming each bad line and field."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StaffFileError(
            str(path), [Problem(0, "file", error.strerror or str(error))]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Problem(line, "file", "not UTF-8 text (save the file as CSV UTF-8)")
        raise StaffFileError(str(path), [problem]) from None
    return parse_staff_csv(text, source=str(path))


def parse_staff_csv(text: str, *, source: str = "staff file") -> StaffFile:
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise StaffFileError(source, [Problem(1, "header", "the file is empty")]) from None

    problems: list[Problem] = []
    columns: list[str | None] = []
    unknown: list[str] = []
    for title in header:
        key = re.sub(r"[\s\-.]+", "_", fold(title.strip())).strip("_")
        name = _ALIASES.get(key)
        if name is None and title.strip():
            unknown.append(title.strip())
        if name is not None and name in columns:
            problems.append(Problem(1, title.strip(), "the column appears twice"))
        columns.append(name)
    for required in ("first_name", "last_name"):
        if required not in columns:
            problems.append(Problem(1, "header", f"missing column {_HEADERS[required][0]}"))
    if "employee_number" not in columns and "email" not in columns:
        problems.append(Problem(1, "header", "needs a column employee_id or email to match rows"))
    if problems:
        raise StaffFileError(source, problems)

    rows: list[StaffRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            problems.append(
                Problem(line, "row", f"{len(cells)} fields but the header has {len(columns)}")
            )
            continue
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
        row = _check_row(line, values, problems)
        if row is None:
            continue
        key = _row_key(row)
        if key in seen:
            problems.append(
                Problem(line, "employee_id" if row.employee_number else "email",
                        f"the same person as on line {seen[key]}")
            )  # fmt: skip
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

    def bad(column: str, message: str) -> None:
        problems.append(Problem(line, _HEADERS[column][0], message))

    for column, limit in _MAX_LENGTH.items():
        if len(values.get(column, "")) > limit:
            bad(column, f"longer than {limit} characters")
    for column in ("first_name", "last_name"):
        if not values.get(column):
            bad(column, "is empty")
    number = values.get("employee_number") or None
    email = values.get("email", "")
    if number is None and not email:
        bad("employee_number", "is empty, and so is email: one of them identifies the person")
    if email and not _EMAIL.match(email):
        bad("email", f"{email!r} is not an e-mail address")
    extension = values.get("extension", "")
    if extension:
        if is_extension(extension):
            extension = re.sub(r"[\s-]", "", extension)
        else:
            try:
                extension = normalise_phone(extension)
            except PhoneError:
                bad("extension", f"{extension!r} is neither an extension (3-6 digits) nor a number")
    mobile = values.get("mobile", "")
    if mobile:
        try:
            mobile = normalise_phone(mobile)
        except PhoneError:
            bad("mobile", f"{mobile!r} is not a valid phone number")
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
