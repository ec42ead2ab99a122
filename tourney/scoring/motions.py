"""Motion balance (pure): how often each side won a motion's debates and whether that is more
than chance. Each side's first places are tested against a fair motion (every side wins with
probability 1/sides) with an exact two-sided binomial test; with four sides the level is divided
by four (Bonferroni), so a fair motion is flagged about as rarely as with two."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from math import comb

LEVEL = 0.05  # flag a motion when its smallest p-value is below LEVEL / number of sides


@dataclass(frozen=True)
class Balance:
    debates: int
    wins: dict[str, int]  # first places per side
    average_points: dict[str, float]  # per side: (sides - rank) averaged (BP: 3, 2, 1, 0)
    p_value: float  # the smallest side's two-sided binomial p-value (1.0 with no debates)
    unbalanced: bool


def binomial_p_value(successes: int, trials: int, probability: float) -> float:
    """Exact two-sided binomial test: the chance of an outcome at most as likely as this one."""
    if trials == 0:
        return 1.0

    def chance(k: int) -> float:
        return comb(trials, k) * probability**k * (1 - probability) ** (trials - k)

    observed = chance(successes)
    total = sum(p for k in range(trials + 1) if (p := chance(k)) <= observed * (1 + 1e-9))
    return min(1.0, total)


def balance(ranks: Iterable[Mapping[str, int]], sides: tuple[str, ...]) -> Balance:
    """``ranks``: per decided debate, each side's rank (1 = won)."""
    decided = [r for r in ranks if all(side in r for side in sides)]
    count = len(decided)
    wins = {side: sum(1 for r in decided if r[side] == 1) for side in sides}
    points = {
        side: (sum(len(sides) - r[side] for r in decided) / count if count else 0.0)
        for side in sides
    }
    tested = sides if len(sides) > 2 else sides[:1]  # with two sides, one test covers both
    p_value = min(binomial_p_value(wins[side], count, 1 / len(sides)) for side in tested)
    return Balance(count, wins, points, p_value, p_value < LEVEL / len(tested))
