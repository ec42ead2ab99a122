"""Who takes affirmative once two teams are paired."""

from __future__ import annotations

from tourney.pairing.costs import side_pair
from tourney.pairing.field import Field, seeded_key
from tourney.pairing.records import AFF, COIN_SIDES, REVERSE_PRELIM_SIDES


def _affs(field: Field, team: str) -> int:
    return field.teams[team].sides.count(AFF)


def balanced_sides(field: Field, a: str, b: str) -> tuple[str, str]:
    """(aff, neg) with the least side trouble; then the team with fewer affirmatives takes
    affirmative; then a coin toss fixed by the seed."""

    def trouble(aff: str, neg: str) -> tuple[int, ...]:
        coin = seeded_key(field.seed, "sides", aff, neg)
        return (*side_pair(field, aff, neg), _affs(field, aff) - _affs(field, neg), coin)

    return min([(a, b), (b, a)], key=lambda sides: trouble(*sides))


def _side_when_met(field: Field, team: str, opponent: str) -> str | None:
    """The side `team` had the last time it met `opponent`, if the history says."""
    record = field.teams[team]
    for opponent_then, side in reversed(list(zip(record.opponents, record.sides, strict=False))):
        if opponent_then == opponent:
            return side
    return None


def elimination_sides(field: Field, better: str, worse: str, policy: str) -> tuple[str, str]:
    """(aff, neg) for an elimination debate; `better` is the higher seed."""
    if policy == COIN_SIDES:
        if seeded_key(field.seed, "coin", better, worse) % 2:
            return worse, better
    elif policy == REVERSE_PRELIM_SIDES:
        side_then = _side_when_met(field, better, worse)
        if side_then is not None:
            return (worse, better) if side_then == AFF else (better, worse)
    return better, worse
