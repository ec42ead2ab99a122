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
    policy = request.options.elimination_sides
    for top, bottom in zip(slots[::2], slots[1::2], strict=True):
        better = seeded[top - 1].id
        if bottom > len(seeded):
            byes.append(better)
            continue
        worse = seeded[bottom - 1].id
        aff, neg = elimination_sides(field, better, worse, policy)
        debates.append(seeded_debate(field, aff, neg, policy))
    return Draw(debates=tuple(debates), byes=tuple(byes))


def seeded_debate(field: Field, aff: str, neg: str, side_policy: str) -> PairedDebate:
    """An elimination debate scored by the engine's rules, as drawn or as edited by hand: the
    seeds (each team's ``rank`` in the field) of the teams there, better first, and the cost of
    their meeting on these sides. ``side_policy`` says how the sides were chosen."""
    seeds = sorted((field.teams[aff].rank, field.teams[neg].rank))
    assessment = assess(field, aff, neg)
    reasons = (("elimination", {"seeds": seeds, "side_policy": side_policy}), *assessment.reasons)
    bracket = max(field.teams[aff].points, field.teams[neg].points)
    return PairedDebate(aff, neg, bracket, assessment.cost, None, reasons)
