"""Rows become records by column name: a query selects a record's fields as labelled columns.

`labelled` names each selected column after the record field it fills; `Fields` matches a
result's labels to the record's fields once per query and then takes every row apart by
position. A new column is then one field on the record (and its column, if the table names it
otherwise), and at 100,000 rows reading costs what unpacking tuples does; building each record
from `row._mapping` or `row._asdict()` costs half as much again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from operator import itemgetter
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

R = TypeVar("R")


def field_names(record: type, *, leave_out: Collection[str] = ()) -> tuple[str, ...]:
    """The names of a record dataclass's fields, in their order, without `leave_out`."""
    return tuple(f.name for f in fields(record) if f.name not in leave_out)


def labelled(
    record: type,
    table: sa.Table,
    *,
    leave_out: Collection[str] = (),
    **columns: sa.ColumnElement[Any],
) -> list[sa.Label[Any]]:
    """`record`'s fields as columns labelled with their names.

    Each is `table`'s column of the same name unless `columns` gives its expression (a join's
    column, a count, a constant).
    """
    if unknown := columns.keys() - set(field_names(record)):
        raise TypeError(f"{record.__name__} has no fields {sorted(unknown)}")
    return [
        (columns[name] if name in columns else table.c[name]).label(name)
        for name in field_names(record, leave_out=leave_out)
    ]


class Fields(Generic[R]):
    """Builds `record`s from the rows of one result whose column labels name its fields."""

    def __init__(
        self,
        record: type[R],
        keys: Sequence[str],
        *,
        leave_out: Collection[str] = (),
        convert: Mapping[str, Callable[[Any], Any]] | None = None,
    ) -> None:
        self.record = record
        self.names = field_names(record, leave_out=leave_out)
        position = {key: index for index, key in enumerate(keys)}
        if missing := [name for name in self.names if name not in position]:
            raise KeyError(f"the query has no columns for {record.__name__}.{missing}")
        assert len(self.names) > 1, "itemgetter of one position returns the value, not a tuple"
        #: The row's values in the record's field order.
        self.values: Callable[[Sequence[Any]], tuple[Any, ...]] = itemgetter(
            *(position[name] for name in self.names)
        )
        self._convert = [(self.index(name), how) for name, how in (convert or {}).items()]

    def index(self, name: str) -> int:
        """Where field `name` is in `values`."""
        return self.names.index(name)

    def __call__(self, row: Sequence[Any]) -> R:
        values = self.values(row)
        if self._convert:
            converted = list(values)
            for index, how in self._convert:
                converted[index] = how(converted[index])
            return self.record(*converted)
        return self.record(*values)
