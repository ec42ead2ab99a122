"""Every round's confirmed results, and what the elimination rounds mean for each team's award."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tourney.extensions import db
from tourney.labels import round_label, side_label
from tourney.models import Debate, DebateTeam, Round, Tournament
from tourney.services import decisions as stored_decisions
from tourney.services.formats import format_for

# Titles for the teams knocked out N rounds before the final (the final itself: champion/finalist).
KNOCKED_OUT = {1: _l("Semi-finalist"), 2: _l("Quarter-finalist"), 3: _l("Octo-finalist")}


@dataclass(frozen=True)
class SeatResult:
    side_label: str
    team_id: int
    team_name: str
    rank: int | None  # None until the result is confirmed (and on a ballot without ranks)
    votes: int | None
    advanced: bool | None = None  # elimination rounds, once the result is confirmed


@dataclass(frozen=True)
class DebateRow:
    room: str
    seats: list[SeatResult]
    decided: bool


@dataclass(frozen=True)
class RoundResults:
    round: Round
    label: str
    debates: list[DebateRow]

    def team_ids(self) -> set[int]:
        return {s.team_id for d in self.debates for s in d.seats}


@dataclass(frozen=True)
class StageAward:
    team_id: int
    title: str
    order: int  # 0 = champion, 1 = finalist, 2 = semi-finalist…


def round_results(tournament: Tournament) -> list[RoundResults]:
    """All drawn rounds in order, each debate with its teams and (confirmed) ranks and votes."""
    fmt = format_for(tournament)
    order = {side: i for i, side in enumerate(fmt.sides)}
    decisions = stored_decisions.confirmed(Round.tournament_id == tournament.id)
    rounds = db.session.scalars(
        select(Round)
        .where(Round.tournament_id == tournament.id)
        .order_by(Round.seq)
        .options(
            selectinload(Round.debates).options(
                joinedload(Debate.venue),
                selectinload(Debate.teams).joinedload(DebateTeam.team),
            )
        )
    )
    results = []
    for rnd in rounds:
        if not rnd.debates:
            continue
        rows = []
        for debate in rnd.debates:
            decision = decisions.get(debate.id)
            ranks = dict(decision.ranks) if decision else {}
            votes = dict(decision.votes) if decision else {}
            through = decision.through if decision and rnd.kind == "elimination" else None
            seats = [
                SeatResult(
                    side_label=side_label(fmt, dt.side),
                    team_id=dt.team_id,
                    team_name=dt.team.name,
                    rank=ranks.get(dt.side),
                    votes=votes.get(dt.side),
                    advanced=None if through is None else dt.side in through,
                )
                for dt in sorted(debate.teams, key=lambda dt: order.get(dt.side, 99))
            ]
            room = debate.venue.name if debate.venue else ""
            rows.append(DebateRow(room=room, seats=seats, decided=decision is not None))
        results.append(RoundResults(rnd, round_label(rnd), rows))
    return results


def _final_awards(final: RoundResults) -> list[StageAward]:
    if len(final.debates) != 1 or not final.debates[0].decided:
        return []  # the final is not drawn or not decided yet
    return [
        StageAward(s.team_id, _("Champion"), 0)
        if s.advanced
        else StageAward(s.team_id, _("Finalist"), 1)
        for d in final.debates
        for s in d.seats
    ]


def _knocked_out(rounds: list[RoundResults]) -> list[StageAward]:
    """Teams that went no further than each round: those missing from the next round's draw, or,
    in the last drawn round, those whose confirmed result does not advance them. While the final
    is not drawn, the rounds still to come follow from the last round's number of debates."""
    to_come = (len(rounds[-1].debates) - 1).bit_length()
    awards = []
    for index, rnd in enumerate(rounds):
        if index == len(rounds) - 1:
            if len(rnd.debates) == 1:
                break  # the final: champion and finalists
            out = {s.team_id for d in rnd.debates for s in d.seats if s.advanced is False}
        else:
            out = rnd.team_ids() - rounds[index + 1].team_ids()
        before_final = len(rounds) - 1 - index + to_come
        title = KNOCKED_OUT.get(before_final)
        title = str(title) if title else _("Reached %(round)s", round=rnd.label)
        awards.extend(StageAward(team_id, title, 1 + before_final) for team_id in sorted(out))
    return awards


def elimination_stages(tournament: Tournament) -> list[StageAward]:
    """Champion, finalists, then each earlier elimination round's knocked-out teams.

    With several break categories (e.g. school and university) each has its own bracket; the
    category's name is added to the title.
    """
    by_category: dict[int | None, list[RoundResults]] = defaultdict(list)
    for rnd in round_results(tournament):
        if rnd.round.kind == "elimination":
            by_category[rnd.round.break_category_id].append(rnd)
    names = {c.id: c.name for c in tournament.break_categories}
    awards = []
    for category_id, rounds in by_category.items():
        for award in _final_awards(rounds[-1]) + _knocked_out(rounds):
            title = award.title
            if len(by_category) > 1 and category_id in names:
                title = f"{title} · {names[category_id]}"
            awards.append(StageAward(award.team_id, title, award.order))
    return sorted(awards, key=lambda a: a.order)
