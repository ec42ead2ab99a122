"""Power-paired rounds: shape, pull-ups, clashes, sides and the bye, on hand-made fields."""

from __future__ import annotations

from typing import Any

from tests.unit.pairing.builders import power
from tourney.pairing.engine import pair_round
from tourney.pairing.explain import explain
from tourney.pairing.records import (
    ADJACENT,
    AFF,
    FOLD,
    NEG,
    POWER,
    SLIDE,
    Draw,
    PairingRequest,
    TeamRecord,
)


def team(team_id: str, points: int = 1, **fields: Any) -> TeamRecord:
    return TeamRecord(id=team_id, points=points, **fields)


def meetings(draw: Draw) -> set[frozenset[str]]:
    return {frozenset((d.aff, d.neg)) for d in draw.debates}


def pairs(*names: str) -> set[frozenset[str]]:
    return {frozenset(name) for name in names}


def four(**fields: Any) -> list[TeamRecord]:
    return [team(name, **fields) for name in "ABCD"]


def test_fold_slide_and_adjacent_within_a_bracket():
    teams = [team(name) for name in "ABCDEF"]
    assert meetings(pair_round(power(*teams, pairing=FOLD))) == pairs("AF", "BE", "CD")
    assert meetings(pair_round(power(*teams, pairing=SLIDE))) == pairs("AD", "BE", "CF")
    assert meetings(pair_round(power(*teams, pairing=ADJACENT))) == pairs("AB", "CD", "EF")


def test_odd_brackets_trade_one_pullup_between_their_middles():
    teams = [team("A", 2), team("B", 2), team("C", 2), team("D", 1), team("E", 1), team("F", 1)]
    draw = pair_round(power(*teams))
    assert meetings(draw) == pairs("AC", "BE", "DF")
    [pulled] = [d for d in draw.debates if d.pullup]
    assert pulled.pullup == "E"
    assert pulled.cost.pullup == 1
    assert "E is pulled up from 1 win to 2 wins" in explain(pulled)


def test_a_team_pulled_up_before_is_spared_if_another_can_go():
    teams = [team("A", 2), team("B", 2), team("C", 2), team("D", 1), team("E", 1, pullups=1)]
    teams.append(team("F", 1))
    draw = pair_round(power(*teams))
    assert [d.pullup for d in draw.debates if d.pullup] != ["E"]
    assert sum(d.cost.pullup for d in draw.debates) == 1


def test_a_rematch_is_avoided_even_at_the_price_of_pullups():
    teams = [
        team("A", 1, opponents=("B",)),
        team("B", 1, opponents=("A",)),
        team("C", 0),
        team("D", 0),
    ]
    draw = pair_round(power(*teams))
    assert frozenset("AB") not in meetings(draw)
    assert all(d.cost.rematch == 0 for d in draw.debates)


def test_a_pullup_is_worse_than_a_same_school_debate():
    teams = [
        team("A", 1, institution="S"),
        team("B", 1, institution="S"),
        team("C", 0),
        team("D", 0),
    ]
    draw = pair_round(power(*teams))
    assert frozenset("AB") in meetings(draw)
    assert ("same_institution", {"institution": "S"}) in draw.debates[0].reasons


def test_same_school_is_avoided_within_a_bracket():
    teams = four()
    teams[0] = team("A", institution="S")
    teams[3] = team("D", institution="S")
    assert frozenset("AD") not in meetings(pair_round(power(*teams)))


def test_same_region_is_avoided_only_when_asked():
    teams = [team(name, region=region) for name, region in zip("ABCD", "NSSN", strict=True)]
    assert frozenset("AD") in meetings(pair_round(power(*teams)))
    assert frozenset("AD") not in meetings(pair_round(power(*teams, avoid_same_region=True)))


def test_no_third_side_in_a_row_when_another_matching_avoids_it():
    # Folding gives A v D, both aff twice: one of them would be aff a third time.
    teams = [
        team("A", sides=(AFF, AFF)),
        team("B", sides=(NEG, NEG)),
        team("C", sides=(NEG, NEG)),
        team("D", sides=(AFF, AFF)),
    ]
    draw = pair_round(power(*teams))
    assert all(d.cost.side_streak == 0 for d in draw.debates)
    assert {d.neg for d in draw.debates} == {"A", "D"}


def test_the_team_with_fewer_affirmatives_takes_affirmative():
    teams = [team("A", sides=(AFF, NEG, AFF)), team("B", sides=(NEG, AFF, NEG))]
    [debate] = pair_round(power(*teams)).debates
    assert (debate.aff, debate.neg) == ("B", "A")


def test_bye_goes_to_the_lowest_ranked_team_without_one():
    teams = [team("A", 2), team("B", 1), team("C", 1), team("D", 0), team("E", 0, byes=1)]
    draw = pair_round(power(*teams))
    assert draw.byes == ("D",)


def test_debates_come_in_bracket_order_with_the_higher_bracket():
    teams = [team("A", 2), team("B", 2), team("C", 1), team("D", 1), team("E", 0), team("F", 0)]
    draw = pair_round(power(*teams))
    assert [d.bracket for d in draw.debates] == [2, 1, 0]


def test_ties_in_rank_are_broken_by_the_seed_not_the_input_order():
    teams = tuple(team(name, rank=1) for name in "ABCDEFGH")

    def draw(seed: int, order: tuple[TeamRecord, ...]) -> set[frozenset[str]]:
        return meetings(pair_round(PairingRequest(POWER, seed, order)))

    assert all(draw(s, teams) == draw(s, teams[::-1]) for s in range(12))
    assert len({frozenset(draw(s, teams)) for s in range(12)}) > 1
