"""Finding what a URL names (404 otherwise), and showing service refusals.

Every route with an id in its path finds the row with ``owned_or_404``: an id that belongs to
another tournament (or championship) answers 404 like an unknown one, so a director of one
tournament can neither change nor probe another's rows by editing the URL.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort, flash
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Championship, Round, Tournament
from tourney.services.catalogue import tournament_by_slug
from tourney.services.errors import ServiceError
from tourney.web.admin.messages import service_message


def tournament_or_404(slug: str) -> Tournament:
    tournament = tournament_by_slug(slug)
    if tournament is None:
        abort(404)
    return tournament


def round_or_404(tournament: Tournament, seq: int) -> Round:
    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
    )
    if round_ is None:
        abort(404)
    return round_


Row = TypeVar("Row")


def owner_id(row: Any, owner: Tournament | Championship) -> int | None:
    """The id of the tournament (or championship) the row belongs to; rows of a debate belong
    to the tournament of its round."""
    if isinstance(owner, Championship):
        return row.championship_id
    if hasattr(row, "tournament_id"):
        return row.tournament_id
    if hasattr(row, "round"):
        return row.round.tournament_id
    return row.debate.round.tournament_id


def owned_or_404(model: type[Row], row_id: int, owner: Tournament | Championship) -> Row:
    """The row of ``model`` with this id if it belongs to ``owner``; 404 otherwise."""
    row = db.session.get(model, row_id)
    if row is None or owner_id(row, owner) != owner.id:
        abort(404)
    return row


def flash_refusal(error: ServiceError) -> None:
    flash(service_message(error), "error")
