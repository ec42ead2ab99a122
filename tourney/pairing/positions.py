"""British Parliamentary positions: what a team's history charges for each, and the cheapest
assignment of a bracket's teams to the positions of its rooms."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

import numpy as np

from tourney.pairing.records import BP_POSITIONS, TeamRecord

TIE_RANGE = 16
"""Seeded tie-breaks are drawn from range(TIE_RANGE); they only separate equally balanced
assignments, so positions in a first round are random."""


def position_counts(team: TeamRecord) -> tuple[int, ...]:
    """How often the team has had each position, in BP_POSITIONS order."""
    return tuple(team.sides.count(position) for position in BP_POSITIONS)


def position_costs(counts: Sequence[int]) -> tuple[int, ...]:
    """The cost of giving the team each position next: the square of how many more times it has
    had that position than its least-held one. 0 for a position it is due; one team 2 ahead (4)
    outweighs three teams 1 ahead (3), so imbalance is spread thin rather than piled on one."""
    fewest = min(counts)
    return tuple((count - fewest) ** 2 for count in counts)


def assign_positions(
    teams: Sequence[str], costs: Mapping[str, Sequence[int]], rnd: random.Random
) -> list[list[str]]:
    """Split `teams` (a multiple of 4) into four equal lists, one per position, minimising the
    total position cost; equal totals are decided by tie-breaks drawn from `rnd`.

    All rooms of a bracket are alike, so this is a transportation problem (each position takes a
    quarter of the teams), solved as an assignment of teams to the bracket's seats.
    """
    from scipy.optimize import linear_sum_assignment  # here: scipy's import costs every CLI call

    rooms = len(teams) // 4
    ties = np.array([[rnd.randrange(TIE_RANGE) for _ in BP_POSITIONS] for _ in teams])
    # Scaled so the tie-breaks of all teams together never outweigh one unit of position cost.
    matrix = np.array([costs[team] for team in teams]) * (TIE_RANGE * len(teams)) + ties
    rows, seats = linear_sum_assignment(np.repeat(matrix, rooms, axis=1))
    holders: list[list[str]] = [[] for _ in BP_POSITIONS]
    for row, seat in zip(rows, seats, strict=True):
        holders[seat // rooms].append(teams[row])
    return holders
