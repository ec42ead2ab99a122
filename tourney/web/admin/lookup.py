"""Finding the tournament and round a URL names (404 otherwise), and showing service refusals."""

from __future__ import annotations

from flask import abort, flash
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Round, Tournament
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


def flash_refusal(error: ServiceError) -> None:
    flash(service_message(error), "error")
