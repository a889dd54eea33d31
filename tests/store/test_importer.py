"""The HR staff file: parsing and checking it, then importing it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from email_addresses import ADDRESSES

from reception_tui.store.importer import (
    StaffFileError,
    StaffRow,
    parse_staff_csv,
    read_staff_csv,
)
from reception_tui.store.repository import ImportSummary, Repository
from reception_tui.store.tables import Change, Employee, Unit

E = Employee.__table__  # type: ignore[attr-defined]
U = Unit.__table__  # type: ignore[attr-defined]
C = Change.__table__  # type: ignore[attr-defined]

HEADER = "Anställningsnummer;Förnamn;Efternamn;Titel;Enhet;Anknytning;Mobil;E-post"
ANNA = "1001;Anna;Berg;Bygglovshandläggare;Bygglov;2101;070-123 45 67;anna.berg@malung-salen.se"
ANNA_B = "1002;Anna;Bergström;Socialsekreterare;Socialtjänst;2102;;anna.bergstrom@malung-salen.se"
ORJAN = "1003;Örjan;Öberg;Enhetschef;Bygglov;2103;;orjan.oberg@malung-salen.se"
STAFF = "\n".join([HEADER, ANNA, ANNA_B, ORJAN])
EVERYONE = ["Anna Berg", "Anna Bergström", "Örjan Öberg"]


# ------------------------------------------------------------------ parsing


def test_swedish_headers_in_any_case_and_order_with_bom_and_semicolons(write_csv) -> None:
    path = write_csv(
        """
        EFTERNAMN;förnamn;E-POST;anställningsnummer;enhet;Titel;ANKNYTNING;Mobil;Sökord;besöksadress
        Berg;Anna;anna.berg@malung-salen.se;1001;Bygglov;Handläggare;21 01;070-123 45 67;strandskydd, bygglov;Lisagatan 34
        """,  # noqa: E501
        bom=True,
    )

    staff = read_staff_csv(path)

    assert staff.unknown_columns == []
    assert staff.rows == [
        StaffRow(
            line=2,
            employee_number="1001",
            first_name="Anna",
            last_name="Berg",
            title="Handläggare",
            unit="Bygglov",
            extension="2101",
            mobile="+46701234567",
            email="anna.berg@malung-salen.se",
            keywords="strandskydd, bygglov",
            visiting_address="Lisagatan 34",
        )
    ]


def test_bom_in_text_is_ignored() -> None:
    staff = parse_staff_csv("\ufeff" + STAFF)

    assert [row.name for row in staff.rows] == EVERYONE


def test_english_headers_with_commas() -> None:
    staff = parse_staff_csv(
        "employee_id,first_name,last_name,title,unit,extension,mobile,email\n"
        "1004,Lars,Lind,Nämndsekreterare,Kansli,2104,,lars.lind@malung-salen.se\n"
    )

    (row,) = staff.rows
    assert (row.employee_number, row.name, row.unit, row.extension) == (
        "1004", "Lars Lind", "Kansli", "2104"
    )  # fmt: skip


def test_unknown_columns_are_reported() -> None:
    staff = parse_staff_csv("Förnamn;Efternamn;E-post;Rum;Chef\nAnna;Berg;anna@x.se;B12;Lars\n")

    assert staff.unknown_columns == ["Rum", "Chef"]
    assert [row.name for row in staff.rows] == ["Anna Berg"]


def test_missing_required_column_is_refused() -> None:
    with pytest.raises(StaffFileError, match="line 1, header: missing column last_name"):
        parse_staff_csv("Anställningsnummer;Förnamn\n1001;Anna\n")


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        ("1004;Lars;Lind;;;;070-12;lars.lind@malung-salen.se", "mobile"),
        ("1004;Lars;Lind;;;;;lars.lind@", "email"),
        ("1004;Lars;;;;;;lars.lind@malung-salen.se", "last_name"),
        ("1001;Lars;Lind;;;;;lars.lind@malung-salen.se", "employee_id"),
    ],
    ids=["bad-mobile", "bad-email", "empty-last-name", "duplicate-employee-id"],
)
def test_bad_row_is_refused_naming_line_and_field(bad_row: str, field: str) -> None:
    with pytest.raises(StaffFileError) as raised:
        parse_staff_csv("\n".join([HEADER, ANNA, ANNA_B, bad_row]))

    assert f"line 4, {field}:" in str(raised.value)
    assert [(problem.line, problem.column) for problem in raised.value.problems] == [(4, field)]


@pytest.mark.parametrize(("address", "valid", "why"), ADDRESSES, ids=[a[2] for a in ADDRESSES])
def test_an_e_mail_address_is_checked_as_everywhere_else(
    address: str, valid: bool, why: str
) -> None:
    text = "\n".join([HEADER, ANNA, f"1004;Lars;Lind;;;;;{address}"])
    if valid:
        assert parse_staff_csv(text).rows[-1].email == address, why
        return
    with pytest.raises(StaffFileError) as raised:
        parse_staff_csv(text)
    assert [(problem.line, problem.column) for problem in raised.value.problems] == [(3, "email")]


def test_quoted_fields_may_hold_semicolons() -> None:
    staff = parse_staff_csv(
        'Förnamn;Efternamn;E-post;Enhet;Sökord\nAnna;Berg;anna@x.se;"Bygg; miljö";"a;b"\n'
    )

    (row,) = staff.rows
    assert (row.unit, row.keywords) == ("Bygg; miljö", "a;b")


# ------------------------------------------------------------------ importing


@pytest.fixture
def import_staff(repository: Repository, write_csv) -> Callable[..., ImportSummary]:
    """Write `text` to a file, read it as the CLI does, and import it."""

    def import_(text: str, **options: bool | int) -> ImportSummary:
        return repository.import_staff(read_staff_csv(write_csv(text)).rows, **options)

    return import_


def counts(engine: sa.Engine) -> tuple[int, int, int]:
    """(employees, units, change rows)."""
    with engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (E, U, C)
        )


def employee(engine: sa.Engine, number: str) -> sa.Row:
    with engine.connect() as connection:
        return connection.execute(sa.select(E).where(E.c.employee_number == number)).one()


def changes_for(engine: sa.Engine, employee_id: int) -> list[sa.Row]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                sa.select(C)
                .where(C.c.entity == "employee", C.c.entity_id == employee_id)
                .order_by(C.c.id)
            )
        )


def test_first_import_adds_everyone_and_creates_units(repository, import_staff) -> None:
    summary = import_staff(STAFF)

    assert summary.added == EVERYONE
    assert summary.units_created == ["Bygglov", "Socialtjänst"]
    assert (summary.changed, summary.deactivated, summary.unchanged) == ([], [], 0)
    assert [unit.name for unit in repository.units()] == ["Bygglov", "Socialtjänst"]
    units = {e.name: e.unit_name for e in repository.employees(default_status="available")}
    assert units == dict(zip(EVERYONE, ["Bygglov", "Socialtjänst", "Bygglov"], strict=True))
    assert counts(repository.engine) == (3, 2, 5)


def test_file_with_a_bad_row_imports_nothing(repository, import_staff) -> None:
    import_staff(STAFF)
    before = counts(repository.engine)

    moved_to_a_new_unit = ANNA.replace(";Bygglov;", ";Kultur;")
    no_last_name = "1005;Gun;;;;;;"

    with pytest.raises(StaffFileError):
        import_staff("\n".join([HEADER, moved_to_a_new_unit, ANNA_B, ORJAN, no_last_name]))

    assert counts(repository.engine) == before
    assert employee(repository.engine, "1001").unit_id == repository.find_unit("Bygglov").id


def test_import_failing_halfway_writes_nothing(repository) -> None:
    # Rows handed over without the file checks, which cannot both be stored (same number).
    rows = [
        StaffRow(
            line=2, employee_number="1001", first_name="Anna", last_name="Berg", unit="Kultur"
        ),
        StaffRow(line=3, employee_number="1001", first_name="Lars", last_name="Lind"),
    ]

    with pytest.raises(sa.exc.IntegrityError):
        repository.import_staff(rows)

    assert counts(repository.engine) == (0, 0, 0)


def test_reimporting_the_same_file_changes_nothing(repository, import_staff) -> None:
    import_staff(STAFF)
    before = counts(repository.engine)

    summary = import_staff(STAFF)

    assert (summary.added, summary.changed, summary.deactivated) == ([], [], [])
    assert (summary.unchanged, summary.units_created) == (3, [])
    assert counts(repository.engine) == before


def test_full_import_deactivates_whoever_is_missing(repository, import_staff) -> None:
    import_staff(STAFF)
    orjan = employee(repository.engine, "1003")

    summary = import_staff("\n".join([HEADER, ANNA, ANNA_B]), allow_deactivating=1)

    assert summary.deactivated == ["Örjan Öberg"]
    assert employee(repository.engine, "1003").active is False
    assert "Örjan Öberg" not in [e.name for e in repository.employees(default_status="available")]
    history = changes_for(repository.engine, orjan.id)
    assert [row.action for row in history] == ["import", "deactivate"]
    assert (history[-1].before["active"], history[-1].after["active"]) == (True, False)


def test_import_without_deactivation_keeps_the_missing_active(repository, import_staff) -> None:
    import_staff(STAFF)

    summary = import_staff("\n".join([HEADER, ANNA, ANNA_B]), deactivate_missing=False)

    assert summary.deactivated == []
    assert employee(repository.engine, "1003").active is True


def test_changed_title_is_reported_and_logged(repository, import_staff) -> None:
    import_staff(STAFF)
    anna = employee(repository.engine, "1001")

    summary = import_staff(STAFF.replace("Bygglovshandläggare", "Bygglovsarkitekt"))

    assert (summary.changed, summary.unchanged) == (["Anna Berg"], 2)
    assert employee(repository.engine, "1001").title == "Bygglovsarkitekt"
    last = changes_for(repository.engine, anna.id)[-1]
    assert (last.actor, last.action) == ("Karin Ek", "import")
    assert last.before["title"] == "Bygglovshandläggare"
    assert last.after["title"] == "Bygglovsarkitekt"


def test_dry_run_reports_but_writes_nothing(repository, import_staff) -> None:
    summary = import_staff(STAFF, dry_run=True)

    assert summary.dry_run is True
    assert summary.added == EVERYONE
    assert summary.units_created == ["Bygglov", "Socialtjänst"]
    assert counts(repository.engine) == (0, 0, 0)


def test_inactive_employee_who_reappears_is_reactivated(repository, import_staff) -> None:
    import_staff(STAFF)
    orjan = employee(repository.engine, "1003")
    import_staff("\n".join([HEADER, ANNA, ANNA_B]), allow_deactivating=1)

    summary = import_staff(STAFF)

    assert (summary.added, summary.changed) == ([], ["Örjan Öberg"])
    again = employee(repository.engine, "1003")
    assert (again.id, again.active) == (orjan.id, True)


def without_numbers(text: str) -> str:
    """The staff file with its first column (the employee number) left out."""
    return "\n".join(line.split(";", 1)[1] for line in text.splitlines())


def test_rows_without_an_employee_number_match_on_email(repository, import_staff) -> None:
    import_staff(without_numbers(STAFF))

    summary = import_staff(without_numbers(STAFF).replace("Enhetschef", "Förvaltningschef"))

    assert (summary.added, summary.changed, summary.deactivated) == ([], ["Örjan Öberg"], [])
    assert counts(repository.engine)[0] == 3


def test_row_without_a_number_keeps_the_number_it_has(repository, import_staff) -> None:
    import_staff(STAFF)

    summary = import_staff(without_numbers(STAFF))

    assert (summary.added, summary.changed, summary.unchanged) == ([], [], 3)
    assert employee(repository.engine, "1001").email == "anna.berg@malung-salen.se"


def test_employee_known_by_email_gets_the_number_hr_adds(repository, import_staff) -> None:
    import_staff(without_numbers(STAFF))
    with repository.engine.connect() as connection:
        ids = set(connection.execute(sa.select(E.c.id)).scalars())

    summary = import_staff(STAFF)

    assert (summary.added, summary.deactivated) == ([], [])
    assert summary.changed == EVERYONE
    assert employee(repository.engine, "1001").id in ids
    assert counts(repository.engine)[0] == 3


def test_unreadable_file_is_a_staff_file_error(tmp_path: Path) -> None:
    with pytest.raises(StaffFileError, match="file"):
        read_staff_csv(tmp_path / "missing.csv")
