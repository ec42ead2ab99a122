"""Elimination rounds: standard seeded bracket, byes for top seeds, survivors keep positions."""

from __future__ import annotations

import random

import pytest

from tourney.pairing.elimination import bracket_order
from tourney.pairing.engine import pair_round
from tourney.pairing.records import (
    AFF,
    COIN_SIDES,
    ELIMINATION,
    NEG,
    REVERSE_PRELIM_SIDES,
    PairingOptions,
    PairingRequest,
    TeamRecord,
)


def seeds(n: int) -> tuple[TeamRecord, ...]:
    return tuple(TeamRecord(id=f"S{i}", rank=i) for i in range(1, n + 1))


def elimination(teams, seed: int = 0, sides: str = "seed"):
    return pair_round(
        PairingRequest(ELIMINATION, seed, tuple(teams), PairingOptions(elimination_sides=sides))
    )


def matchups(draw) -> list[tuple[str, str]]:
    return [(d.aff, d.neg) for d in draw.debates]


def test_bracket_order_puts_top_seeds_in_different_halves_and_quarters():
    assert bracket_order(8) == [1, 8, 4, 5, 2, 7, 3, 6]
    order = bracket_order(16)
    assert all(a + b == 17 for a, b in zip(order[::2], order[1::2], strict=True))
    quarters = [set(order[i : i + 4]) for i in range(0, 16, 4)]
    assert all(len(q & {1, 2, 3, 4}) == 1 for q in quarters)


def test_eight_teams_meet_one_v_eight_in_bracket_order():
    draw = elimination(seeds(8))
    assert matchups(draw) == [("S1", "S8"), ("S4", "S5"), ("S2", "S7"), ("S3", "S6")]
    assert draw.byes == ()


def test_a_break_of_six_gives_the_top_two_seeds_a_bye():
    draw = elimination(seeds(6))
    assert draw.byes == ("S1", "S2")
    assert matchups(draw) == [("S4", "S5"), ("S3", "S6")]


@pytest.mark.parametrize("n", [2, 3, 5, 6, 8, 11, 16])
def test_survivors_folded_by_inherited_seed_keep_their_bracket_positions(n):
    slots = bracket_order(1 << (n - 1).bit_length())
    rnd = random.Random(n)
    alive = list(seeds(n))
    level = 2
    while len(alive) > 1:
        draw = elimination(alive)
        survivors = [t for t in alive if t.id in draw.byes]
        for debate in draw.debates:
            a, b = (next(t for t in alive if t.id == x) for x in (debate.aff, debate.neg))
            assert slots.index(a.rank) // level == slots.index(b.rank) // level
            winner = rnd.choice([a, b])  # upsets happen; the winner inherits the better seed
            survivors.append(TeamRecord(id=winner.id, rank=min(a.rank, b.rank)))
        alive = survivors
        level *= 2


def test_side_policies():
    met = (
        TeamRecord(id="S1", rank=1, opponents=("S2",), sides=(AFF,)),
        TeamRecord(id="S2", rank=2, opponents=("S1",), sides=(NEG,)),
    )
    assert matchups(elimination(met)) == [("S1", "S2")]
    assert matchups(elimination(met, sides=REVERSE_PRELIM_SIDES)) == [("S2", "S1")]
    fresh = seeds(2)
    assert matchups(elimination(fresh, sides=REVERSE_PRELIM_SIDES)) == [("S1", "S2")]
    coins = {matchups(elimination(fresh, seed=s, sides=COIN_SIDES))[0] for s in range(16)}
    assert coins == {("S1", "S2"), ("S2", "S1")}
    assert elimination(fresh, seed=3, sides=COIN_SIDES) == elimination(
        fresh, seed=3, sides=COIN_SIDES
    )


def test_elimination_debates_still_show_clashes():
    teams = (
        TeamRecord(id="S1", rank=1, institution="X", opponents=("S2",), sides=(AFF,)),
        TeamRecord(id="S2", rank=2, institution="X", opponents=("S1",), sides=(NEG,)),
    )
    [debate] = elimination(teams).debates
    assert (debate.cost.rematch, debate.cost.institution) == (1, 1)
    assert debate.reasons[0] == ("elimination", {"seeds": [1, 2], "side_policy": "seed"})
