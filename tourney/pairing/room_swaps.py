"""Clashes inside four-team rooms, and the swaps between rooms of a bracket that reduce them.

A swap exchanges teams that hold the same position in two rooms of one bracket, so every team
keeps its position (and the position balance stays optimal) while the rooms change.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from tourney.pairing.field import Field

MOVES = np.array(
    [[p in move for p in range(4)] for move in ((0,), (1,), (2,), (3,), (0, 1), (0, 2), (0, 3))]
)
"""Positions exchanged by one move between two rooms. Exchanging the other two positions gives
the same two rooms, so these seven are every way to re-split two rooms with positions kept."""

_PAIRS = tuple(combinations(range(4), 2))
_REGION_UNIT = 1 << 20  # above any rematch total of two rooms
_INSTITUTION_UNIT = 1 << 40  # above any region and rematch total of two rooms


class Clashes:
    """What the field says about two teams sharing a room, per team, built once per round:
    the school and region to keep apart (None when the options do not ask) and times met."""

    def __init__(self, field: Field) -> None:
        options = field.options
        teams = field.teams.values()
        self.institution: dict[str, str | None] = {
            t.id: t.institution if options.avoid_same_institution and t.institution else None
            for t in teams
        }
        self.region: dict[str, str | None] = {
            t.id: t.region if options.avoid_same_region and t.region else None for t in teams
        }
        # Times met, the larger count if the two histories disagree (as costs.rematches).
        self.met: dict[str, dict[str, int]] = {t.id: {} for t in teams}
        for team, opponents in field.met.items():
            for other, times in opponents.items():
                times = max(times, self.met[team].get(other, 0))
                self.met[team][other] = self.met[other][team] = times


def _codes(values: Sequence[str | None]) -> np.ndarray:
    """Equal numbers for equal values; a distinct negative number for each None."""
    known: dict[str, int] = {}
    return np.array(
        [-1 - i if v is None else known.setdefault(v, len(known)) for i, v in enumerate(values)]
    )


class _RoomCosts:
    """Clash costs of many rooms at once, for the teams of one bracket (numbered 0…n-1)."""

    def __init__(self, teams: Sequence[str], clashes: Clashes) -> None:
        self.institution = _codes([clashes.institution[team] for team in teams])
        self.region = _codes([clashes.region[team] for team in teams])
        number: Mapping[str, int] = {team: i for i, team in enumerate(teams)}
        self.met = np.zeros((len(teams), len(teams)), dtype=np.int32)
        for i, team in enumerate(teams):
            for other, times in clashes.met[team].items():
                if other in number:
                    self.met[i, number[other]] = times

    def __call__(self, rooms: np.ndarray) -> np.ndarray:
        """Institution pairs, region pairs and rematches of each room (rows of team numbers),
        packed into one number that compares as the three tiers would, also summed over two."""
        total = np.zeros(len(rooms), dtype=np.int64)
        for x, y in _PAIRS:
            a, b = rooms[:, x], rooms[:, y]
            total += self.met[a, b]
            total += _REGION_UNIT * (self.region[a] == self.region[b])
            total += _INSTITUTION_UNIT * (self.institution[a] == self.institution[b])
        return total


def improve_rooms(rooms: list[list[str]], clashes: Clashes, rnd: random.Random) -> list[list[str]]:
    """Hill-climb: while some room has a clash, apply the move with it that lowers the clash
    cost of the two rooms most (ties go to the first partner room from a seeded starting point).
    Stops when no move between a clashing room and any other room helps."""
    teams = [team for room in rooms for team in room]
    cost_of = _RoomCosts(teams, clashes)
    table = np.arange(len(teams)).reshape(-1, 4)
    costs = cost_of(table)
    count = len(table)

    def improve(a: int) -> bool:
        # Row (m, k) of `mine` is room a after move m with room k; of `theirs`, room k after it.
        moves = MOVES[:, None, :]
        mine = np.where(moves, table[None, :, :], table[a]).reshape(-1, 4)
        theirs = np.where(moves, table[a], table[None, :, :]).reshape(-1, 4)
        gain = costs[a] + np.tile(costs, len(MOVES)) - cost_of(mine) - cost_of(theirs)
        start = rnd.randrange(count)  # rotate, so ties go to the first partner from `start`
        rotated = np.roll(gain.reshape(len(MOVES), count), -start, axis=1)
        move, shifted = np.unravel_index(np.argmax(rotated), rotated.shape)
        if rotated[move, shifted] <= 0:
            return False
        b = (shifted + start) % count
        row = move * count + b
        table[a], table[b] = mine[row], theirs[row]
        costs[a], costs[b] = cost_of(table[[a, b]])
        return True

    improved = True
    while improved:
        improved = False
        for a in range(count):
            while costs[a] and improve(a):
                improved = True
    return [[teams[i] for i in row] for row in table]
