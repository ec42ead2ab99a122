"""Count the SQL statements a block of code sends, to keep a use case's round trips bounded."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from tourney.extensions import db


@contextmanager
def statements_sent() -> Iterator[list[str]]:
    """Yield a list that fills with every statement sent to the database inside the block."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def first_lines(statements: list[str]) -> str:
    """A readable list for an assertion message."""
    return "\n".join(s.split("\n")[0][:100] for s in statements)
