"""Random rounds: genuinely shuffled by the seed, still free of avoidable clashes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tourney.pairing.engine import pair_round
from tourney.pairing.records import RANDOM, PairingRequest, TeamRecord


def field(n: int, **fields: Any) -> tuple[TeamRecord, ...]:
    return tuple(TeamRecord(id=f"T{i:02d}", **fields) for i in range(1, n + 1))


def draw(teams: tuple[TeamRecord, ...], seed: int):
    return pair_round(PairingRequest(RANDOM, seed, teams))


@pytest.mark.slow  # 450 draws: a statistical check
def test_each_opponent_is_about_equally_likely():
    teams = field(10)
    opponents = Counter()
    for seed in range(450):
        for debate in draw(teams, seed).debates:
            if "T01" in (debate.aff, debate.neg):
                opponents[debate.neg if debate.aff == "T01" else debate.aff] += 1
    assert set(opponents) == {t.id for t in teams[1:]}
    assert max(opponents.values()) < 2 * min(opponents.values())  # 50 expected each


def test_the_seed_decides_not_the_input_order():
    teams = field(12)
    assert draw(teams, 5) == draw(teams[::-1], 5)
    assert len({tuple((d.aff, d.neg) for d in draw(teams, s).debates) for s in range(5)}) == 5


def test_same_school_and_rematches_are_avoided():
    schools = tuple(
        TeamRecord(id=f"T{i:02d}", institution=f"S{i // 2}", opponents=(f"T{i ^ 1:02d}",))
        for i in range(12)
    )
    for seed in range(20):
        for debate in draw(schools, seed).debates:
            assert debate.cost.institution == 0
            assert debate.cost.rematch == 0
            assert debate.reasons[0] == ("random_draw", {})


def test_bye_goes_to_a_random_team_among_those_without_one():
    teams = tuple(TeamRecord(id=f"T{i}", byes=int(i < 2)) for i in range(7))
    byes = {draw(teams, seed).byes for seed in range(40)}
    assert {bye for (bye,) in byes} == {f"T{i}" for i in range(2, 7)}
