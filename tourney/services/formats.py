"""A tournament's debate format: the preset, or the organiser's adjusted copy of it."""

from __future__ import annotations

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Ballot, Debate, Round, Tournament, User
from tourney.scoring import FORMATS, Format
from tourney.services import audit, settings
from tourney.services.errors import ServiceError


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


def set_ballot_rules(
    tournament: Tournament, *, tied_totals_allowed: bool, low_point_wins_allowed: bool, user: User
) -> Format:
    """The organiser's ballot rules for a two-team format (e.g. the local Karl Popper rulebook):
    may team totals be tied (the judge then names the winner), may the lower total win (marked
    on the ballot). Fixed once a ballot exists: stored ballots were checked against the rules."""
    fmt = format_for(tournament)
    if fmt.teams_per_debate != 2:
        raise ServiceError("ballot_rules_two_team")
    if db.session.scalar(
        select(Ballot.id)
        .join(Debate, Ballot.debate_id == Debate.id)
        .join(Round, Debate.round_id == Round.id)
        .where(Round.tournament_id == tournament.id)
        .limit(1)
    ):
        raise ServiceError("ballot_rules_locked")
    adjusted = fmt.with_options(
        tied_totals_allowed=tied_totals_allowed, low_point_wins_allowed=low_point_wins_allowed
    )
    tournament.format_overrides = adjusted.to_dict()
    audit.record(
        tournament.id,
        "ballot_rules_set",
        user=user,
        tied_totals_allowed=tied_totals_allowed,
        low_point_wins_allowed=low_point_wins_allowed,
    )
    db.session.commit()
    return adjusted
