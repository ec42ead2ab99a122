"""Maximum-value assignment over allowed cells, on top of scipy's ``linear_sum_assignment``.

scipy needs a finite matrix and fills every row (or every column). Allowed cells here always hold
a strictly positive value and forbidden cells hold 0 — exactly the value of leaving the row
unassigned — so the solver never gains by using one; such pairs are dropped afterwards. The
optimum is therefore the maximum-value matching of allowed pairs, whatever the shape.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def best_assignment(values: np.ndarray, allowed: np.ndarray) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-value matching that uses only allowed cells."""
    if values.size == 0:
        return []
    if np.any(values[allowed] <= 0):
        raise ValueError("allowed cells must have a positive value")
    scores = np.where(allowed, values, 0.0)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if allowed[r, c]]


def tier_unit(cells: int, span: float) -> float:
    """A bonus per filled cell that outweighs any difference ``cells`` cells of ``span`` make.

    Stacking units gives lexicographic tiers: first fill what the top tier rewards, then the
    next, and only then compare quality.
    """
    return cells * span + 1.0


def unit_scale(values: np.ndarray) -> np.ndarray:
    """Map values linearly onto 0..1 (all zeros when they are all equal)."""
    values = np.asarray(values, dtype=float)
    if not values.size:
        return values
    span = float(values.max() - values.min())
    return (values - values.min()) / span if span > 0 else np.zeros_like(values)
