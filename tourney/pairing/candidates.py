"""Which opponents are worth offering the matcher: a window around each team's ideal partners.

A complete graph is exact but slow (blossom is cubic); opponents far from every ideal position
can only win when something better is blocked, and then the round widens that team's window.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tourney.pairing.field import Field
from tourney.pairing.records import ADJACENT, FOLD, POWER


def _around(members: Sequence[str], centres: Sequence[int], window: int) -> Iterator[str]:
    for centre in centres:
        yield from members[max(0, centre - window) : centre + window + 1]


def _ideal_positions(field: Field, team: str) -> list[int]:
    n = len(field.bracket_of(team))
    p = field.position[team]
    if field.options.pairing == FOLD:
        return [n - 1 - p]
    if field.options.pairing == ADJACENT:
        return [p - 1, p + 1]
    return [p + n // 2, p - n // 2, p + (n + 1) // 2, p - (n + 1) // 2]


def candidates(field: Field, team: str, window: int) -> set[str]:
    """Opponents for `team` within `window` places of an ideal one (all teams once it is wide)."""
    order = field.order
    n = len(order)
    if 2 * window + 1 >= n:
        return set(order) - {team}
    at = field.index[team]
    found = set(_around(order, [at], window))
    if field.kind != POWER:
        # Random rounds: neighbours in the shuffled order, wrapping around.
        found.update(order[(at + k) % n] for k in range(-window, window + 1))
    else:
        members = field.bracket_of(team)
        found.update(_around(members, _ideal_positions(field, team), window))
        # Pull-ups ideally join the middles of two neighbouring brackets (see shape_deviation).
        if abs(2 * field.position[team] - (len(members) - 1)) <= 2 * window + 1:
            for other in field.neighbouring_brackets(team):
                middle = (len(other) - 1) // 2
                found.update(_around(other, [middle, middle + 1], window))
    found.discard(team)
    return found
