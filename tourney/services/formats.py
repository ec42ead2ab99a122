"""A tournament's debate format: the preset, or the organiser's adjusted copy of it."""

from __future__ import annotations

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Round, Tournament
from tourney.scoring import FORMATS, Format
from tourney.services import settings


def format_for(tournament: Tournament) -> Format:
    if tournament.format_overrides:
        return Format.from_dict(tournament.format_overrides)
    return FORMATS[tournament.format_code]


def is_two_team(tournament: Tournament) -> bool:
    return format_for(tournament).teams_per_debate == 2


def format_of_round(round_: Round) -> Format:
    """The ballot of this round: a BP elimination room names its two advancing teams, the
    final its winner (with ranks and scores when the tournament asks for them)."""
    fmt = format_for(round_.tournament)
    if round_.kind != "elimination" or fmt.teams_per_debate == 2:
        return fmt
    later = db.session.scalar(
        select(Round.id).where(
            Round.tournament_id == round_.tournament_id,
            Round.kind == "elimination",
            Round.break_category_id == round_.break_category_id,
            Round.seq > round_.seq,
        )
    )
    scored = settings.get(round_.tournament, "elimination_scores")
    return fmt.for_elimination(scored=scored, final=later is None)
