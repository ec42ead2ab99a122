"""URL converters: an ``<int:…>`` part never exceeds what an INTEGER column holds."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

from tourney.models._base import ID_MAX


class DatabaseInt(IntegerConverter):
    """``/rounds/99999999999`` is a plain 404, not a database error on PostgreSQL."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", ID_MAX)
        super().__init__(map, *args, **kwargs)
