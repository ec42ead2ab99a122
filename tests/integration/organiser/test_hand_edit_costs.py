"""A hand edit of a debate's teams or sides stores the cost and reasons of the debate as it now
stands, by the pairing engine's own rules, in every format and kind of round."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tests.integration.draws.test_four_team_draw import bp_tournament, seats
from tourney.extensions import db
from tourney.models import BreakingTeam, Debate, Institution, Round, Team, Tournament
from tourney.services import breaks, draws, simulate
from tourney.services.formats import is_two_team
from tourney.services.tournaments import rounds_of


def own_schools(tournament: Tournament, sharing: tuple[int, ...] = ()) -> None:
    """Every team its own school, except the teams ``sharing`` (ids), who share one."""
    teams = db.session.scalars(
        select(Team).where(Team.tournament_id == tournament.id).order_by(Team.id)
    ).all()
    shared = Institution(championship=tournament.championship, name="Мактаби умумӣ")
    for team in teams:
        team.institution = (
            shared
            if team.id in sharing
            else Institution(championship=tournament.championship, name=f"Мактаб {team.code}")
        )
    db.session.commit()


def stored(debate_id: int) -> dict:
    db.session.expire_all()
    return db.session.get(Debate, debate_id).explanation


def test_a_swap_between_rooms_of_four_recomputes_both_rooms_cost(app) -> None:
    tournament = bp_tournament(8)
    user = organiser()
    round_ = rounds_of(tournament)[0]
    a, b = db.session.scalars(
        select(Team.id).where(Team.tournament_id == tournament.id).order_by(Team.id).limit(2)
    ).all()
    own_schools(tournament, sharing=(a, b))
    draws.generate_draw(round_, user)
    rooms = seats(round_)
    room_of = {team: debate for debate, room in rooms.items() for team in room.values()}
    assert room_of[a] != room_of[b]  # the engine keeps the two schoolmates apart
    assert all(stored(d)["cost"]["institution"] == 0 for d in rooms)
    # Bring b into a's room: a's room has a school clash now, b's old room none.
    with_a, with_b = room_of[a], room_of[b]
    partner = next(t for t in rooms[with_a].values() if t != a)
    draws.swap_teams(round_, b, partner, user, round_.draw_version)
    assert stored(with_a)["cost"]["institution"] == 1
    assert stored(with_b)["cost"]["institution"] == 0
    found = draws.review(round_)
    assert found[with_a].cost == {**ZERO, "institution": 1}
    assert found[with_b].cost == ZERO


ZERO = dict.fromkeys(
    ("rematch", "bye", "pullup", "institution", "region", "side_streak", "side", "shape"), 0
)


def eliminations(tournament: Tournament, break_size: int) -> tuple[Round, dict[int, int]]:
    """Prelims played, the break made: the first elimination round and each seed's team."""
    tournament.break_size = break_size
    db.session.commit()
    user = organiser()
    rng = random.Random(3)
    for round_ in rounds_of(tournament, "prelim"):
        if is_two_team(tournament):  # results written straight to the database
            for step in (draws.generate_draw, draws.allocate_round, draws.release_draw):
                step(round_, user)
            confirm_all(round_, rng)
            draws.close_round(round_, user)
        else:  # the simulated chairs' ballots name the teams through
            simulate.play_round(round_, user, rng)
    simulate.settle_ties(tournament, user, rng)
    breaks.generate_break(tournament, user)
    team_of = {b.seed: b.team_id for b in db.session.scalars(select(BreakingTeam))}
    return rounds_of(tournament, "elimination")[0], team_of


def seeds_of(round_: Round, team_of: dict[int, int]) -> dict[int, list[int]]:
    seed = {team: s for s, team in team_of.items()}
    return {d: sorted(seed[t] for t in room.values()) for d, room in seats(round_).items()}


def test_a_swap_in_a_two_team_elimination_round_recomputes_cost_and_seeds(app) -> None:
    tournament = make_tournament(8, rounds=3)
    semi, team_of = eliminations(tournament, 4)
    own_schools(tournament, sharing=(team_of[1], team_of[3]))
    user = organiser()
    draws.generate_draw(semi, user)
    debate_of = {seeds[0]: d for d, seeds in seeds_of(semi, team_of).items()}
    assert sorted(seeds_of(semi, team_of).values()) == [[1, 4], [2, 3]]
    assert stored(debate_of[1])["cost"]["institution"] == 0
    draws.swap_teams(semi, team_of[4], team_of[3], user, semi.draw_version)
    assert seeds_of(semi, team_of) == {debate_of[1]: [1, 3], debate_of[2]: [2, 4]}
    first, second = stored(debate_of[1]), stored(debate_of[2])
    assert first["cost"]["institution"] == 1 and second["cost"]["institution"] == 0
    assert [r[1]["seeds"] for r in first["reasons"] if r[0] == "elimination"] == [[1, 3]]
    assert [r[1]["seeds"] for r in second["reasons"] if r[0] == "elimination"] == [[2, 4]]
    found = draws.review(semi)
    assert found[debate_of[1]].cost["institution"] == 1
    assert ["elimination", [1, 3]] in [[c, p.get("seeds")] for c, p in found[debate_of[1]].reasons]


def test_a_swap_between_elimination_rooms_of_four_names_the_seeds_now_there(app) -> None:
    tournament = bp_tournament(16, rounds=3)
    semi, team_of = eliminations(tournament, 8)
    user = organiser()
    draws.generate_draw(semi, user)
    debate_of = {seeds[0]: d for d, seeds in seeds_of(semi, team_of).items()}
    assert sorted(seeds_of(semi, team_of).values()) == [[1, 4, 5, 8], [2, 3, 6, 7]]
    draws.swap_teams(semi, team_of[1], team_of[2], user, semi.draw_version)
    for debate_id, seeds in ((debate_of[1], [2, 4, 5, 8]), (debate_of[2], [1, 3, 6, 7])):
        reasons = stored(debate_id)["reasons"]
        assert [r[1]["seeds"] for r in reasons if r[0] == "elimination_room"] == [seeds]
        live = draws.review(semi)[debate_id].reasons
        assert [r[1]["seeds"] for r in live if r[0] == "elimination_room"] == [seeds]


def test_a_hand_edit_marks_the_debates_it_touched_with_who_and_when(app) -> None:
    tournament = make_tournament(8, rounds=3)
    semi, team_of = eliminations(tournament, 4)
    user = organiser()
    draws.generate_draw(semi, user)
    debate_of = {seeds[0]: d for d, seeds in seeds_of(semi, team_of).items()}
    assert not [r for r in stored(debate_of[1])["reasons"] if r[0] == "edited_by_hand"]
    draws.swap_teams(semi, team_of[4], team_of[3], user, semi.draw_version)
    draws.swap_sides(semi, debate_of[1], user, semi.draw_version)
    for debate_id in debate_of.values():
        marks = [r[1] for r in stored(debate_id)["reasons"] if r[0] == "edited_by_hand"]
        assert len(marks) == 1 and marks[0]["by"] == "director"
        assert datetime.fromisoformat(marks[0]["at"]) > datetime.now(UTC) - timedelta(minutes=5)
    first = stored(debate_of[1])["reasons"]
    assert first[0][0] == "edited_by_hand"  # said first, then the seeds now meeting
    assert [r[1]["seeds"] for r in first if r[0] == "elimination"] == [[1, 3]]
    assert draws.review(semi)[debate_of[1]].reasons == first
