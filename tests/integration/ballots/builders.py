"""Released rounds and ballots for the ballot and results-desk tests, built straight from rows.

``release_round`` seats a tournament's own teams, judges and rooms (the demo's, or a small made-up
field from ``small_tournament``) into debates of round 1 and releases the draw, without the draw
service.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from tests import factory
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Motion,
    Round,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.services.ballots import Speech, Submission
from tourney.services.formats import format_for
from tourney.services.links import new_token

PANEL = ("chair", "panellist", "panellist", "trainee")


@dataclass
class Released:
    tournament: Tournament
    round: Round
    debates: list[Debate]

    def seat(self, debate: Debate, role: str, index: int = 0) -> Adjudicator:
        return [a.adjudicator for a in debate.adjudicators if a.role == role][index]


def user(username: str, role: str) -> User:
    """A tab-room user (no real password: these tests never log in through the form)."""
    account = User(username=username, role=role, display_name=username, password_hash="-")
    db.session.add(account)
    db.session.commit()
    return account


def small_tournament(
    format_code: str = "karl_popper",
    *,
    debates: int = 2,
    panel: Sequence[str] = PANEL,
    settings: dict | None = None,
) -> Tournament:
    fmt_teams = 4 if format_code == "british_parliamentary" else 2
    tournament = factory.tournament(
        season=None, format_code=format_code, settings=dict(settings or {})
    )
    per_team = format_for(tournament).speakers_per_team
    for i in range(debates * fmt_teams):
        speakers = [f"Speaker {i + 1}.{p}" for p in range(1, per_team + 1)]
        factory.team(tournament, f"Team {i + 1}", f"T{i + 1:02d}", speakers)
    for i in range(debates * len(panel)):
        db.session.add(Adjudicator(tournament=tournament, name=f"Judge {i + 1}", token=new_token()))
    for i in range(debates):
        db.session.add(Venue(tournament=tournament, name=f"Room {i + 1}"))
    db.session.add(
        Round(
            tournament=tournament, seq=1, name="1", motions=[Motion(text="This house would test")]
        )
    )
    db.session.commit()
    return tournament


def release_round(tournament: Tournament, panel: Sequence[str] = PANEL) -> Released:
    """Seat the tournament's teams, judges and rooms into round 1's debates and release it."""
    fmt = format_for(tournament)
    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == 1)
    )
    teams = list(
        db.session.scalars(
            select(Team).where(Team.tournament_id == tournament.id).order_by(Team.id)
        )
    )
    judges = iter(
        db.session.scalars(
            select(Adjudicator)
            .where(Adjudicator.tournament_id == tournament.id)
            .order_by(Adjudicator.id)
        )
    )
    venues = list(
        db.session.scalars(
            select(Venue).where(Venue.tournament_id == tournament.id).order_by(Venue.id)
        )
    )
    per_debate = fmt.teams_per_debate
    made = []
    for position, (start, venue) in enumerate(
        zip(range(0, len(teams) - per_debate + 1, per_debate), venues, strict=False), start=1
    ):
        debate = Debate(round=round_, position=position, venue=venue)
        for side, team in zip(fmt.sides, teams[start : start + per_debate], strict=True):
            debate.teams.append(DebateTeam(round_id=round_.id, team=team, side=side))
        for role, judge in zip(panel, itertools.islice(judges, len(panel)), strict=False):
            debate.adjudicators.append(
                DebateAdjudicator(round_id=round_.id, adjudicator=judge, role=role)
            )
        db.session.add(debate)
        made.append(debate)
    round_.status = "released"
    db.session.commit()
    return Released(tournament, round_, made)


def sheet(
    debate: Debate,
    scores: dict[str, Sequence[int | str]],
    *,
    winner: str | None = None,
    ranks: dict[str, int] | None = None,
    low_point_win: bool = False,
    key: str | None = None,
    comments: str = "",
    speakers: dict[str, Sequence[int]] | None = None,
) -> Submission:
    """A ballot for ``debate``: speakers in team-sheet order (the reply by speaker 1)."""
    fmt = format_for(debate.round.tournament)
    speeches = []
    for dt in debate.teams:
        order = list(speakers[dt.side]) if speakers else [s.id for s in dt.team.speakers]
        for position, score in zip(fmt.positions, scores[dt.side], strict=True):
            speaker = order[0] if position.is_reply else order[int(position.code) - 1]
            speeches.append(Speech(dt.side, position.code, speaker, Decimal(str(score))))
    if fmt.teams_per_debate == 2 and winner is None:
        totals = {side: sum(Decimal(str(s)) for s in values) for side, values in scores.items()}
        winner = max(totals, key=lambda side: totals[side])
    return Submission(
        debate_id=debate.id,
        key=key or secrets.token_hex(16),
        speeches=tuple(speeches),
        winner=winner if fmt.teams_per_debate == 2 else None,
        ranks=ranks,
        low_point_win=low_point_win,
        comments=comments,
    )
