"""Lists of a model that nests one level under itself (an organisation's departments, a
main category's subcategories), grouped for a page."""

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Nested(Protocol):
    pk: int
    parent_id: int | None


Row = TypeVar("Row", bound=Nested)


def with_children(rows: Iterable[Row]) -> list[tuple[Row, list[Row]]]:
    """The rows without a parent, each with the rows under it, both in the order given."""
    rows = list(rows)
    children: dict[int, list[Row]] = {}
    for row in rows:
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(row)
    return [(row, children.get(row.pk, [])) for row in rows if row.parent_id is None]
