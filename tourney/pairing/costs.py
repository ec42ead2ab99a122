"""The engine's rules for what makes a pairing bad, as numbers and as reasons.

One set of functions scores every pairing: the matcher's edge weights, the cost shown on each
debate, and `evaluate_pairing` for a pairing an organiser edits by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from tourney.pairing.field import Field
from tourney.pairing.records import (
    AFF,
    FOLD,
    NEG,
    POWER,
    RANDOM,
    SLIDE,
    CostBreakdown,
    PairingAssessment,
    PairingOptions,
    Reason,
    TeamRecord,
)


def rematches(field: Field, a: str, b: str) -> int:
    """Times the two have met (the larger count if the two histories disagree)."""
    return max(field.met[a][b], field.met[b][a])


def pulled_up(field: Field, a: str, b: str) -> tuple[str, int, int] | None:
    """(pulled-up team, its bracket, the bracket it debates in), or None if no pull-up."""
    if field.kind != POWER:
        return None
    pa, pb = field.teams[a].points, field.teams[b].points
    if pa == pb:
        return None
    low, high = (a, pb) if pa < pb else (b, pa)
    return low, field.teams[low].points, high


def pullup_cost(field: Field, team: str, from_bracket: int, to_bracket: int) -> int:
    """Squared size of the pull-up, multiplied for a team that was pulled up before."""
    return (to_bracket - from_bracket) ** 2 * (1 + field.teams[team].pullups)


def side_trouble(field: Field, team: str, side: str) -> tuple[int, int]:
    """(third time in a row on this side: 0/1, how far past ±1 the aff/neg balance would go)."""
    balance = field.balance[team] + (1 if side == AFF else -1)
    return int(field.streak_side[team] == side), max(0, abs(balance) - 1)


def side_pair(field: Field, aff: str, neg: str) -> tuple[int, int]:
    """(teams on one side a third time in a row, all side trouble) for these sides."""
    aff_streak, aff_due = side_trouble(field, aff, AFF)
    neg_streak, neg_due = side_trouble(field, neg, NEG)
    streak = aff_streak + neg_streak
    return streak, streak + aff_due + neg_due


def shape_deviation(field: Field, a: str, b: str) -> int:
    """How far a power pairing is from the ideal fold/slide/adjacent opponent.

    Deviations depend only on the sum or the gap of the two positions, so they read the same
    counted from the top or the bottom of the bracket. A pull-up ideally meets the middle of the
    bracket above and comes from the middle of its own: an odd bracket then loses its middle
    team and the fold of everyone else stays exact, wherever the pulled-up team stands.
    """
    if field.kind != POWER:
        return 0
    n = len(field.bracket_of(a))
    pa, pb = field.position[a], field.position[b]
    if field.teams[a].points != field.teams[b].points:
        nb = len(field.bracket_of(b))
        return abs(2 * pa - (n - 1)) + abs(2 * pb - (nb - 1))
    method = field.options.pairing
    if method == FOLD:
        return abs(pa + pb - (n - 1))
    gap = abs(pa - pb)
    if method == SLIDE:
        return min(abs(gap - n // 2), abs(gap - (n + 1) // 2))
    return gap - 1


def _cost(field: Field, a: str, b: str, sides: tuple[int, int]) -> tuple[int, ...]:
    """CostBreakdown fields, in order, of a meeting of `a` and `b` with the given side trouble."""
    ta, tb = field.teams[a], field.teams[b]
    pullup = pulled_up(field, a, b)
    options = field.options
    return (
        rematches(field, a, b),
        0,
        pullup_cost(field, *pullup) if pullup else 0,
        int(options.avoid_same_institution and ta.institution == tb.institution != ""),
        int(options.avoid_same_region and ta.region == tb.region != ""),
        *sides,
        shape_deviation(field, a, b),
    )


def edge_tiers(field: Field, a: str, b: str) -> tuple[int, ...]:
    """`edge_cost(...).tiers()` without building the dataclass (the matcher's hot path)."""
    return _cost(field, a, b, min(side_pair(field, a, b), side_pair(field, b, a)))


def edge_cost(field: Field, a: str, b: str) -> CostBreakdown:
    """Cost of a meeting with the better of the two side orientations (what the matcher uses)."""
    return CostBreakdown(*edge_tiers(field, a, b))


def bye_cost(field: Field, team: str) -> CostBreakdown:
    """Cost of giving `team` the bye: any earlier bye outweighs every difference in rank; in
    ranked rounds the lowest-ranked team costs least."""
    byes = field.teams[team].byes
    if field.kind == RANDOM:
        return CostBreakdown(bye=byes)
    n = len(field.order)
    return CostBreakdown(bye=byes * n + (n - 1 - field.index[team]))


def assess(field: Field, aff: str, neg: str) -> PairingAssessment:
    """Cost and reasons of `aff` meeting `neg` on those sides."""
    cost = CostBreakdown(*_cost(field, aff, neg, side_pair(field, aff, neg)))
    reasons: list[Reason] = []
    pullup = pulled_up(field, aff, neg)
    if field.kind == RANDOM:
        reasons.append(("random_draw", {}))
    if field.kind == POWER:
        bracket = max(field.teams[aff].points, field.teams[neg].points)
        reasons.append(
            (
                "shape",
                {"pairing": field.options.pairing, "bracket": bracket, "deviation": cost.shape},
            )
        )
    if pullup:
        team, from_bracket, to_bracket = pullup
        reasons.append(
            (
                "pullup",
                {
                    "team": team,
                    "from_bracket": from_bracket,
                    "to_bracket": to_bracket,
                    "previous_pullups": field.teams[team].pullups,
                },
            )
        )
    if cost.rematch:
        reasons.append(("rematch", {"times": cost.rematch}))
    if cost.institution:
        reasons.append(("same_institution", {"institution": field.teams[aff].institution}))
    if cost.region:
        reasons.append(("same_region", {"region": field.teams[aff].region}))
    for team, side in ((aff, AFF), (neg, NEG)):
        streak, due = side_trouble(field, team, side)
        if streak:
            reasons.append(("side_streak", {"team": team, "side": side}))
        if due:
            affs = field.teams[team].sides.count(AFF)
            negs = len(field.teams[team].sides) - affs
            reasons.append(("side_due", {"team": team, "side": side, "affs": affs, "negs": negs}))
    return PairingAssessment(
        cost=cost, reasons=tuple(reasons), pullup=pullup[0] if pullup else None
    )


def evaluate_pairing(
    aff: str,
    neg: str,
    teams: Iterable[TeamRecord],
    options: PairingOptions,
    kind: str = POWER,
    seed: int = 0,
) -> PairingAssessment:
    """Score any pairing of the round by the engine's own rules, e.g. after a manual swap.

    `teams` is the whole field of the round (brackets and positions depend on it).
    """
    field = Field(teams, kind, seed, options)
    for team in (aff, neg):
        if team not in field.teams:
            raise KeyError(team)
    return assess(field, aff, neg)
