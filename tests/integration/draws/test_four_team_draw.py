"""British Parliamentary rounds through the real services: rooms of four, positions, refusals."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Debate, DebateTeam, Round, Team, Tournament
from tourney.services import draws, simulate, standings
from tourney.services.errors import ServiceError

BP = ("og", "oo", "cg", "co")


def bp_tournament(teams: int, rounds: int = 3) -> Tournament:
    tournament = make_tournament(teams, rounds=rounds)
    tournament.format_code = "british_parliamentary"
    db.session.commit()
    return tournament


def _round(tournament: Tournament, seq: int) -> Round:
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
    )


def seats(round_: Round) -> dict[int, dict[str, int]]:
    rooms: dict[int, dict[str, int]] = defaultdict(dict)
    for dt in db.session.scalars(select(DebateTeam).where(DebateTeam.round_id == round_.id)):
        rooms[dt.debate_id][dt.side] = dt.team_id
    return rooms


def test_three_rounds_in_rooms_of_four_with_positions_spread(app) -> None:
    tournament = bp_tournament(16)
    user = organiser()
    rng = random.Random(4)
    positions: dict[int, Counter[str]] = defaultdict(Counter)
    for seq in (1, 2, 3):
        round_ = _round(tournament, seq)
        simulate.play_round(round_, user, rng)
        rooms = seats(round_)
        assert len(rooms) == 4 and all(
            tuple(sorted(r)) == tuple(sorted(BP)) for r in rooms.values()
        )
        seated = [team for room in rooms.values() for team in room.values()]
        assert len(seated) == len(set(seated)) == 16
        for room in rooms.values():
            for side, team in room.items():
                positions[team][side] += 1
    # Three rounds, four positions: nobody holds the same position three times, and the
    # engine spreads them so that nearly every team has had three different positions.
    assert all(max(c.values()) <= 2 for c in positions.values())
    assert sum(len(c) == 3 for c in positions.values()) >= 12
    table = standings.team_standings(tournament)
    assert sum(row.values["points"] for row in table.standings.rows) == 3 * 4 * (3 + 2 + 1 + 0)


def test_a_power_paired_room_holds_teams_of_one_points_level(app) -> None:
    tournament = bp_tournament(16)
    user = organiser()
    rng = random.Random(8)
    simulate.play_round(_round(tournament, 1), user, rng)
    points = {
        row.team_id: row.values["points"]
        for row in standings.team_standings(tournament).standings.rows
    }
    second = _round(tournament, 2)
    draws.generate_draw(second, user)
    rooms = sorted(
        (
            sorted((points[t] for t in room.values()), reverse=True)
            for room in seats(second).values()
        ),
        reverse=True,
    )
    # After one round each points level (3, 2, 1, 0) has exactly four teams: one room each.
    assert rooms == [[3] * 4, [2] * 4, [1] * 4, [0] * 4]


def test_a_field_that_is_not_a_multiple_of_four_is_refused_and_nothing_is_written(app) -> None:
    tournament = bp_tournament(10)
    round_ = _round(tournament, 1)
    with pytest.raises(ServiceError) as refused:
        draws.generate_draw(round_, organiser())
    assert refused.value.code == "four_team_field" and refused.value.params["count"] == 10
    assert round_.status == "setup"
    assert db.session.scalar(select(func.count(Debate.id)).where(Debate.round_id == round_.id)) == 0


def test_sides_are_swapped_by_swapping_teams_in_a_room_of_four(app) -> None:
    tournament = bp_tournament(8)
    user = organiser()
    round_ = _round(tournament, 1)
    draws.generate_draw(round_, user)
    debate_id, room = next(iter(seats(round_).items()))
    with pytest.raises(ServiceError) as refused:
        draws.swap_sides(round_, debate_id, user, round_.draw_version)
    assert refused.value.code == "swap_sides_four_teams"
    draws.swap_teams(round_, room["og"], room["co"], user, round_.draw_version)
    swapped = seats(round_)[debate_id]
    assert swapped["og"] == room["co"] and swapped["co"] == room["og"]


def test_the_round_page_names_the_four_positions(client, app) -> None:
    tournament = bp_tournament(8)
    organiser()
    client.post("/login", data={"username": "director", "password": "x-password"})
    draws.generate_draw(_round(tournament, 1), organiser())
    page = client.get(f"/admin/t/{tournament.slug}/rounds/1?lang=en").get_data(as_text=True)
    for label in ("Opening Government", "Opening Opposition", "Closing Government"):
        assert label in page
    assert "Closing Opposition" in page and "Swap sides" not in page
    assert "Random pairing (first round)." in page  # the engine's reasons, in words
    russian = client.get(f"/admin/t/{tournament.slug}/rounds/1?lang=ru").get_data(as_text=True)
    assert "Открывающее правительство" in russian
    assert "одно учебное заведение" in russian  # two schools, eight teams: the cost is named


def test_the_public_draw_and_team_page_show_rooms_of_four(client, app) -> None:
    tournament = bp_tournament(8)
    user = organiser()
    simulate.play_round(_round(tournament, 1), user, random.Random(1))
    round_ = _round(tournament, 2)
    for step in (draws.generate_draw, draws.allocate_round, draws.release_draw):
        step(round_, user)
    room = next(iter(seats(round_).values()))
    page = client.get(f"/t/{tournament.slug}/draw/2?lang=en").get_data(as_text=True)
    assert all(label in page for label in ("Opening Government", "Closing Opposition"))
    names = dict(db.session.execute(select(Team.id, Team.name)).all())
    assert all(names[team] in page for team in room.values())
    team_page = client.get(f"/t/{tournament.slug}/team/{room['cg']}?lang=en")
    assert "Closing Government" in team_page.get_data(as_text=True)
