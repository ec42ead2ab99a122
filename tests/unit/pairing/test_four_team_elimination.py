"""BP elimination rounds on hand-checked brackets: the four-way fold, partial breaks of 6·2^k,
and the two advancing teams taking their room's best slots."""

from __future__ import annotations

import pytest

from tourney.pairing.engine import pair_round
from tourney.pairing.four_team_elimination import (
    advance,
    break_stages,
    bypassing,
    four_way_fold,
    is_break_size,
)
from tourney.pairing.records import BP_POSITIONS, ELIMINATION, PairingRequest, TeamRecord


def seeded(slots, sides=()) -> tuple[TeamRecord, ...]:
    return tuple(TeamRecord(id=f"S{slot}", rank=slot, sides=sides) for slot in slots)


def draw(slots, seed: int = 1, sides=()):
    request = PairingRequest(ELIMINATION, seed, seeded(slots, sides), teams_per_debate=4)
    return pair_round(request)


def room_seeds(result) -> list[list[int]]:
    return [sorted(int(team[1:]) for team in debate.teams) for debate in result.debates]


def test_the_four_way_fold_of_a_sixteen_team_break_is_the_standard_quarterfinal():
    assert four_way_fold(range(1, 17)) == [
        (1, 8, 9, 16),
        (2, 7, 10, 15),
        (3, 6, 11, 14),
        (4, 5, 12, 13),
    ]


def test_octofinals_are_snake_seeded_as_at_worlds():
    rooms = four_way_fold(range(1, 33))
    assert rooms[0] == (1, 16, 17, 32)
    assert rooms[1] == (2, 15, 18, 31)
    assert rooms[7] == (8, 9, 24, 25)


def test_eight_teams_make_two_semifinals_and_four_a_grand_final():
    assert four_way_fold(range(1, 9)) == [(1, 4, 5, 8), (2, 3, 6, 7)]
    assert four_way_fold([1, 2, 3, 4]) == [(1, 2, 3, 4)]


def test_the_fold_refuses_a_field_that_is_not_whole_rooms():
    with pytest.raises(ValueError, match="multiple of 4"):
        four_way_fold(range(1, 7))


@pytest.mark.parametrize(
    ("size", "valid", "waiting", "stages"),
    [
        (4, True, 0, (4,)),
        (8, True, 0, (8, 4)),
        (16, True, 0, (16, 8, 4)),
        (32, True, 0, (32, 16, 8, 4)),
        (6, True, 2, (4, 4)),
        (12, True, 4, (8, 8, 4)),
        (24, True, 8, (16, 16, 8, 4)),
        (48, True, 16, (32, 32, 16, 8, 4)),
    ],
)
def test_break_sizes_and_their_rounds(size, valid, waiting, stages):
    assert is_break_size(size) is valid
    assert bypassing(size) == waiting
    assert break_stages(size) == stages


@pytest.mark.parametrize("size", [0, 2, 3, 5, 10, 18, 20, 36, 40])
def test_other_break_sizes_are_refused(size):
    assert not is_break_size(size)
    with pytest.raises(ValueError, match=f"not {size}$"):
        break_stages(size)


def test_advancing_teams_take_the_rooms_two_best_slots_in_their_order():
    room = {"S5": 5, "S8": 8, "S9": 9, "S12": 12}
    assert advance(room, {"S12", "S9"}) == {"S9": 5, "S12": 8}
    assert advance(room, {"S5", "S12"}) == {"S5": 5, "S12": 8}


@pytest.mark.parametrize("advancing", [{"S5"}, {"S5", "S8", "S9"}, {"S5", "S1"}])
def test_exactly_two_teams_of_the_room_advance(advancing):
    with pytest.raises(ValueError, match="two teams of the room"):
        advance({"S5": 5, "S8": 8, "S9": 9, "S12": 12}, advancing)


def test_a_twelve_team_partial_break_seats_seeds_five_to_twelve_and_the_top_four_wait():
    result = draw(range(1, 13))
    assert room_seeds(result) == [[5, 8, 9, 12], [6, 7, 10, 11]]
    assert result.byes == ("S1", "S2", "S3", "S4")


def test_after_the_partial_round_the_top_seeds_meet_the_rooms_that_fed_them():
    partial = [[5, 8, 9, 12], [6, 7, 10, 11]]
    # Seeds 12 and 9 win the first room, 6 and 11 the second.
    through = {
        **advance({f"S{s}": s for s in partial[0]}, {"S12", "S9"}),
        **advance({f"S{s}": s for s in partial[1]}, {"S6", "S11"}),
    }
    assert through == {"S9": 5, "S12": 8, "S6": 6, "S11": 7}
    field = [TeamRecord(id=f"S{s}", rank=s) for s in range(1, 5)]
    field += [TeamRecord(id=team, rank=slot) for team, slot in through.items()]
    semis = pair_round(PairingRequest(ELIMINATION, 1, tuple(field), teams_per_debate=4))
    teams = [set(debate.teams) for debate in semis.debates]
    assert teams == [{"S1", "S4", "S9", "S12"}, {"S2", "S3", "S6", "S11"}]
    assert semis.byes == ()


def test_a_twenty_four_team_break_plays_sixteen_in_four_partial_rooms():
    result = draw(range(1, 25))
    assert room_seeds(result) == [
        [9, 16, 17, 24],
        [10, 15, 18, 23],
        [11, 14, 19, 22],
        [12, 13, 20, 21],
    ]
    assert result.byes == tuple(f"S{s}" for s in range(1, 9))
    # The quarterfinal fold puts seeds 1 and 8 with the first room's slots 9 and 16.
    assert four_way_fold(range(1, 17))[0] == (1, 8, 9, 16)


def test_positions_in_an_elimination_room_balance_the_teams_histories():
    # Every team has been OG twice and nothing else but one position each.
    histories = {1: ("og", "og", "oo"), 2: ("og", "og", "cg"), 3: ("og", "og", "co"), 4: ()}
    teams = tuple(TeamRecord(id=f"S{s}", rank=s, sides=histories[s]) for s in range(1, 5))
    result = pair_round(PairingRequest(ELIMINATION, 3, teams, teams_per_debate=4))
    (room,) = result.debates
    seats = dict(room.seats())
    assert seats["og"] == "S4"  # the only team never OG
    assert {seats["oo"], seats["cg"], seats["co"]} == {"S1", "S2", "S3"}
    assert seats["oo"] != "S1" and seats["cg"] != "S2" and seats["co"] != "S3"
    assert room.cost.side == 0
    assert [code for code, _ in room.reasons] == ["elimination_room"]
    assert tuple(position for position, _ in room.seats()) == BP_POSITIONS


def test_the_same_field_gives_the_same_rooms_and_positions():
    assert draw(range(1, 17), seed=7) == draw(list(reversed(range(1, 17))), seed=7)
