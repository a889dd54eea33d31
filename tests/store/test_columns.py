"""Rows become records by column name: the order a query selects in does not matter."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

import pytest
import sqlalchemy as sa

from reception_tui.store.columns import Fields, labelled

METADATA = sa.MetaData()
ROOM = sa.Table(
    "room",
    METADATA,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String),
    sa.Column("kind", sa.String),
    sa.Column("floor", sa.Integer),
)


class Kind(Enum):
    MEETING = "meeting"
    OFFICE = "office"


@dataclass(frozen=True)
class RoomRecord:
    id: int
    floor: int
    name: str
    kind: Kind
    booked: int


@pytest.fixture
def connection() -> Iterator[sa.Connection]:
    engine = sa.create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            sa.insert(ROOM),
            [
                {"id": 1, "name": "Stora salen", "kind": "meeting", "floor": 2},
                {"id": 2, "name": "Växeln", "kind": "office", "floor": 1},
            ],
        )
    with engine.connect() as connection:
        yield connection


def test_a_record_is_built_from_labelled_columns_whatever_their_order(
    connection: sa.Connection,
) -> None:
    columns = labelled(RoomRecord, ROOM, booked=sa.literal(0))
    # Selected backwards: the labels, not the positions, decide which field gets what.
    result = connection.execute(sa.select(*reversed(columns)).order_by(ROOM.c.id))
    room = Fields(RoomRecord, list(result.keys()), convert={"kind": Kind})

    assert [room(row) for row in result] == [
        RoomRecord(id=1, floor=2, name="Stora salen", kind=Kind.MEETING, booked=0),
        RoomRecord(id=2, floor=1, name="Växeln", kind=Kind.OFFICE, booked=0),
    ]


def test_a_field_the_query_does_not_select_is_named() -> None:
    with pytest.raises(KeyError, match=r"RoomRecord.*booked"):
        Fields(RoomRecord, ["id", "floor", "name", "kind"])


def test_a_field_the_table_does_not_have_must_be_given() -> None:
    with pytest.raises(KeyError, match="booked"):
        labelled(RoomRecord, ROOM)
    with pytest.raises(TypeError, match=r"RoomRecord has no fields \[.size.\]"):
        labelled(RoomRecord, ROOM, booked=sa.literal(0), size=sa.literal(1))
