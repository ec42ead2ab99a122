"""Elimination rounds: a standard seeded bracket where the top seeds meet last.

Later rounds are drawn from the survivors with the winner of each debate carrying the better
of the two seeds, so folding the survivors by seed reproduces every bracket position.
"""

from __future__ import annotations

from tourney.pairing.costs import assess
from tourney.pairing.field import Field
from tourney.pairing.records import Draw, PairedDebate, PairingRequest
from tourney.pairing.sides import elimination_sides


def bracket_order(size: int) -> list[int]:
    """Seeds (1-based) in bracket slot order for a power-of-two `size`: 1, 8, 4, 5, 2, 7, 3, 6."""
    order = [1]
    while len(order) < size:
        total = 2 * len(order) + 1
        order = [seed for top in order for seed in (top, total - top)]
    return order


def pair_elimination(request: PairingRequest) -> Draw:
    field = Field(request.teams, request.kind, request.seed, request.options)
    seeded = sorted(request.teams, key=lambda team: team.rank)
    size = 1 << (len(seeded) - 1).bit_length()
    slots = bracket_order(size)
    debates = []
    byes = []
    for top, bottom in zip(slots[::2], slots[1::2], strict=True):
        better = seeded[top - 1].id
        if bottom > len(seeded):
            byes.append(better)
            continue
        worse = seeded[bottom - 1].id
        policy = request.options.elimination_sides
        aff, neg = elimination_sides(field, better, worse, policy)
        assessment = assess(field, aff, neg)
        seeds = [seeded[top - 1].rank, seeded[bottom - 1].rank]
        reasons = (("elimination", {"seeds": seeds, "side_policy": policy}), *assessment.reasons)
        bracket = max(field.teams[aff].points, field.teams[neg].points)
        debates.append(PairedDebate(aff, neg, bracket, assessment.cost, None, reasons))
    return Draw(debates=tuple(debates), byes=tuple(byes))
