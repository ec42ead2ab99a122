"""Loading a round's draw for printing: a fixed handful of queries whatever the round's size."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Round,
    Team,
    Tournament,
)
from tourney.text import sort_key


def round_draw(tournament: Tournament, seq: int) -> Round | None:
    """The round with its motions and every debate's room, teams, speakers and panel."""
    return db.session.scalar(
        select(Round)
        .where(Round.tournament_id == tournament.id, Round.seq == seq)
        .options(
            selectinload(Round.motions),
            selectinload(Round.byes).joinedload(Bye.team),
            selectinload(Round.debates).options(
                joinedload(Debate.venue),
                selectinload(Debate.teams)
                .joinedload(DebateTeam.team)
                .options(selectinload(Team.speakers), joinedload(Team.institution)),
                selectinload(Debate.adjudicators)
                .joinedload(DebateAdjudicator.adjudicator)
                .joinedload(Adjudicator.institution),
            ),
        )
    )


def adjudicators(tournament: Tournament) -> list[Adjudicator]:
    found = db.session.scalars(
        select(Adjudicator)
        .where(Adjudicator.tournament_id == tournament.id)
        .options(joinedload(Adjudicator.institution))
    )
    return sorted(found, key=lambda judge: sort_key(judge.name))


def motion_texts(rnd: Round, debate: Debate) -> list[str]:
    """The debate's motion (``Round.motion_for``) as the ballot prints it; none yet: empty."""
    motion = rnd.motion_for(debate)
    return [motion.text] if motion else []


ROLE_ORDER = {"chair": 0, "panellist": 1, "trainee": 2}


def panel(debate: Debate) -> list[DebateAdjudicator]:
    """The debate's panel, chair first, then panellists and trainees, each by name."""
    return sorted(
        debate.adjudicators, key=lambda a: (ROLE_ORDER[a.role], sort_key(a.adjudicator.name))
    )


def debates_by_round(tournament: Tournament) -> dict[int, list[Debate]]:
    """Each drawn round's debates (room and teams only), for choosing one debate's ballots."""
    debates = db.session.scalars(
        select(Debate)
        .join(Round, Round.id == Debate.round_id)
        .where(Round.tournament_id == tournament.id)
        .options(joinedload(Debate.venue), selectinload(Debate.teams).joinedload(DebateTeam.team))
        .order_by(Round.seq, Debate.position)
    )
    found: dict[int, list[Debate]] = {}
    for debate in debates:
        found.setdefault(debate.round_id, []).append(debate)
    return found
