"""One use case, one transaction: commit what it wrote, or roll all of it back.

A unique constraint that fails at the commit means another request changed the same thing a
moment ago (two screens, two clicks): the use case is refused with a ``Conflict`` (or the
refusal it names), and nothing it wrote stays. A refusal raised inside the block rolls back too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from tourney.extensions import db
from tourney.services.errors import Conflict, ServiceError


@contextmanager
def transaction(
    refusal: Callable[[], ServiceError] | None = Conflict,
    errors: tuple[type[Exception], ...] = (IntegrityError,),
) -> Iterator[None]:
    """Commit at the end of the block. On one of ``errors`` roll back and raise ``refusal()``;
    with ``refusal=None`` the clash is harmless (the other request left the same state)."""
    try:
        yield
        db.session.commit()
    except errors as error:
        db.session.rollback()
        if refusal is not None:
            raise refusal() from error
    except ServiceError:
        db.session.rollback()
        raise
