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
    return list(
        db.session.scalars(
            select(Adjudicator)
            .where(Adjudicator.tournament_id == tournament.id)
            .options(joinedload(Adjudicator.institution))
            .order_by(Adjudicator.name)
        )
    )


def motion_texts(rnd: Round, debate: Debate) -> list[str]:
    """The motion(s) for a debate: its teams' division's motion, else the round's general one(s)."""
    divisions = {dt.team.division_id for dt in debate.teams} - {None}
    for chosen in (
        [m for m in rnd.motions if m.division_id in divisions],
        [m for m in rnd.motions if m.division_id is None],
        list(rnd.motions),
    ):
        if chosen:
            return [m.text for m in chosen]
    return []


ROLE_ORDER = {"chair": 0, "panellist": 1, "trainee": 2}


def panel(debate: Debate) -> list[DebateAdjudicator]:
    """The debate's panel, chair first, then panellists and trainees, each by name."""
    return sorted(debate.adjudicators, key=lambda a: (ROLE_ORDER[a.role], a.adjudicator.name))


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
