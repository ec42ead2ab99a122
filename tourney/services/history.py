"""Everything that happened in a tournament, loaded in a fixed handful of queries.

The draw, the allocation and the standings all need the whole history (who met whom, on which
side, who won, who had a bye). Loading it once — never per team or per pair — keeps generating a
draw at a constant number of queries whatever the field size.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tourney.extensions import db
from tourney.models import (
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Institution,
    Round,
    Team,
    Tournament,
)
from tourney.scoring import DebateResult as Decision
from tourney.scoring import SpeakerRoundScore, TeamRoundResult, team_round_results
from tourney.services import decisions as stored_decisions


@dataclass(frozen=True)
class Appearance:
    round_seq: int
    round_kind: str
    debate_id: int
    team_id: int
    side: str
    pullup_teams: tuple[int, ...]  # the debate's pulled-up teams


@dataclass
class History:
    """A tournament's teams and its past rounds, as plain records."""

    tournament: Tournament
    teams: dict[int, Team]
    appearances: list[Appearance]
    byes: list[tuple[int, str, int]]  # (round seq, round kind, team id)
    decisions: dict[int, Decision]  # debate id -> confirmed decision
    judged: dict[int, set[int]] = field(default_factory=dict)  # adjudicator id -> team ids

    def debate_sides(self) -> dict[int, dict[str, int]]:
        sides: dict[int, dict[str, int]] = defaultdict(dict)
        for a in self.appearances:
            sides[a.debate_id][a.side] = a.team_id
        return sides

    def pullups(self) -> Counter[int]:
        by_debate = {a.debate_id: a.pullup_teams for a in self.appearances}
        return Counter(team for teams in by_debate.values() for team in teams)

    def prelim_results(self, points_for_bye: int = 1) -> list[TeamRoundResult]:
        """Standings input: one record per team per confirmed prelim debate or bye."""
        seq_of = {a.debate_id: a.round_seq for a in self.appearances if a.round_kind == "prelim"}
        results = []
        for debate_id, sides in self.debate_sides().items():
            decision = self.decisions.get(debate_id)
            if decision is None or debate_id not in seq_of:
                continue
            results.extend(team_round_results(decision, sides, seq_of[debate_id]))
        for seq, kind, team_id in self.byes:
            if kind == "prelim":
                results.append(
                    TeamRoundResult(
                        team_id=team_id,
                        round_number=seq,
                        points=points_for_bye,
                        won=True,
                        is_bye=True,
                    )
                )
        return results

    def speaker_scores(self, reply_positions: frozenset[str]) -> list[SpeakerRoundScore]:
        seq_of = {a.debate_id: a.round_seq for a in self.appearances if a.round_kind == "prelim"}
        sides = self.debate_sides()
        scores = []
        for debate_id, decision in self.decisions.items():
            if debate_id not in seq_of:
                continue
            for speech in decision.speakers:
                scores.append(
                    SpeakerRoundScore(
                        speaker_id=int(speech.speaker_id),
                        team_id=sides[debate_id][speech.side],
                        round_number=seq_of[debate_id],
                        score=speech.score,
                        is_reply=speech.position in reply_positions,
                    )
                )
        return scores


def load(tournament: Tournament, before_seq: int | None = None) -> History:
    """The tournament's teams and every round before ``before_seq`` (all rounds if None)."""
    round_filter = [Round.tournament_id == tournament.id]
    if before_seq is not None:
        round_filter.append(Round.seq < before_seq)
    teams = db.session.scalars(
        select(Team)
        .where(Team.tournament_id == tournament.id)
        .options(
            joinedload(Team.institution).joinedload(Institution.region),
            selectinload(Team.speakers),
        )
        .order_by(Team.id)
    ).unique()
    rows = db.session.execute(
        select(
            Round.seq,
            Round.kind,
            DebateTeam.debate_id,
            DebateTeam.team_id,
            DebateTeam.side,
            Debate.explanation,
        )
        .join(Debate, Debate.id == DebateTeam.debate_id)
        .join(Round, Round.id == Debate.round_id)
        .where(*round_filter)
        .order_by(Round.seq, DebateTeam.debate_id, DebateTeam.side)
    )
    appearances = [
        Appearance(
            seq, kind, debate_id, team_id, side, tuple((explanation or {}).get("pullup_teams", ()))
        )
        for seq, kind, debate_id, team_id, side, explanation in rows
    ]
    byes = [
        tuple(row)
        for row in db.session.execute(
            select(Round.seq, Round.kind, Bye.team_id)
            .join(Round, Round.id == Bye.round_id)
            .where(*round_filter)
        )
    ]
    decisions = stored_decisions.confirmed(*round_filter)
    judged: dict[int, set[int]] = defaultdict(set)
    for adjudicator_id, team_id in db.session.execute(
        select(DebateAdjudicator.adjudicator_id, DebateTeam.team_id)
        .join(DebateTeam, DebateTeam.debate_id == DebateAdjudicator.debate_id)
        .join(Round, Round.id == DebateAdjudicator.round_id)
        .where(*round_filter)
    ):
        judged[adjudicator_id].add(team_id)
    return History(
        tournament=tournament,
        teams={team.id: team for team in teams},
        appearances=appearances,
        byes=byes,  # type: ignore[arg-type]
        decisions=decisions,
        judged=dict(judged),
    )
