"""A British Parliamentary break through the real services: a 12-team partial break of 24
teams (seeds 5–12 debate first, the top four wait), two teams through per room, to a champion."""

from __future__ import annotations

import random
import secrets

import pytest
from sqlalchemy import func, select

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_draw import bp_tournament, seats
from tourney.extensions import db
from tourney.models import BreakingTeam, Bye, Round, Tournament
from tourney.services import ballots, breaks, draws, results, simulate
from tourney.services.ballots import BallotRejected, Submission
from tourney.services.errors import ServiceError
from tourney.services.tournaments import rounds_of


def played_prelims(teams: int, break_size: int) -> Tournament:
    tournament = bp_tournament(teams, rounds=3)
    tournament.break_size = break_size
    db.session.commit()
    user = organiser()
    rng = random.Random(5)
    for round_ in rounds_of(tournament, "prelim"):
        simulate.play_round(round_, user, rng)
    simulate.settle_ties(tournament, user, rng)
    return tournament


def seeds(tournament: Tournament) -> dict[int, int]:
    rows = db.session.scalars(select(BreakingTeam)).all()
    return {row.team_id: row.seed for row in rows}


def advance_in(round_: Round, choose) -> dict[int, set[int]]:
    """Draw, allocate and release the round; the chair of each room names ``choose(room)``."""
    user = organiser()
    for step in (draws.generate_draw, draws.allocate_round, draws.release_draw):
        step(round_, user)
    through = {}
    for debate in simulate.debates_of(round_):
        room = {dt.side: dt.team_id for dt in debate.teams}
        chosen = choose(room)
        chair = next(s for s in debate.adjudicators if s.role == "chair")
        sides = tuple(side for side, team in room.items() if team in chosen)
        submission = Submission(debate.id, secrets.token_urlsafe(18), (), advancing=sides)
        ballots.submit_from_link(chair.adjudicator, submission)
        through[debate.id] = set(chosen)
    for desk in results.round_desk(round_):
        results.confirm(desk.debate.id, user, desk.counted_ids)
    draws.close_round(round_, user)
    draws.release_results(round_, user)
    return through


def test_a_twelve_team_partial_break_plays_to_a_champion(app) -> None:
    tournament = played_prelims(24, 12)
    breaks.generate_break(tournament, organiser())
    stages = [r.name for r in rounds_of(tournament, "elimination")]
    assert stages == ["quarterfinal", "semifinal", "final"]
    seed = seeds(tournament)
    team_of = {s: t for t, s in seed.items()}
    quarter, semi, final = rounds_of(tournament, "elimination")

    # The two worst seeds of each partial room go through: an upset in both.
    def worst_two(room):
        return set(sorted(room.values(), key=seed.get)[2:])

    through = advance_in(quarter, worst_two)
    rooms = sorted(sorted(seed[t] for t in room.values()) for room in seats(quarter).values())
    assert rooms == [[5, 8, 9, 12], [6, 7, 10, 11]]
    waiting = db.session.scalars(select(Bye.team_id).where(Bye.round_id == quarter.id)).all()
    assert sorted(seed[t] for t in waiting) == [1, 2, 3, 4]
    assert sorted(sorted(seed[t] for t in teams) for teams in through.values()) == [
        [9, 12],
        [10, 11],
    ]

    # Seeds 1 and 4 meet the two from the room of seed 5; seeds 2 and 3 those of seed 6.
    advance_in(semi, lambda room: set(sorted(room.values(), key=seed.get)[:2]))
    semis = sorted(sorted(seed[t] for t in room.values()) for room in seats(semi).values())
    assert semis == [[1, 4, 9, 12], [2, 3, 10, 11]]

    advance_in(final, lambda room: {team_of[2]})
    assert sorted(seed[t] for t in next(iter(seats(final).values())).values()) == [1, 2, 3, 4]
    name = simulate.champion(tournament)
    assert name is not None and name == next(
        dt.team.name for dt in simulate.debates_of(final)[0].teams if dt.team_id == team_of[2]
    )


def test_a_ballot_must_name_exactly_two_teams_of_the_room(app) -> None:
    tournament = played_prelims(16, 8)
    breaks.generate_break(tournament, organiser())
    semi = rounds_of(tournament, "elimination")[0]
    user = organiser()
    for step in (draws.generate_draw, draws.allocate_round, draws.release_draw):
        step(semi, user)
    debate = simulate.debates_of(semi)[0]
    chair = next(s for s in debate.adjudicators if s.role == "chair")
    three = Submission(debate.id, secrets.token_urlsafe(18), (), advancing=("og", "oo", "cg"))
    with pytest.raises(BallotRejected) as rejected:
        ballots.submit_from_link(chair.adjudicator, three)
    assert [(e.field, e.code) for e in rejected.value.errors] == [("advancing", "advancing_count")]


@pytest.mark.parametrize("size", [10, 20])
def test_a_break_that_does_not_fold_into_rooms_of_four_is_refused(app, size) -> None:
    tournament = played_prelims(24, size)
    with pytest.raises(ServiceError) as refused:
        breaks.generate_break(tournament, organiser())
    assert refused.value.code == "four_team_break_size"
    assert refused.value.params == {"category": "open", "count": size}
    assert db.session.scalar(select(func.count(BreakingTeam.team_id))) == 0
    assert rounds_of(tournament, "elimination") == []
