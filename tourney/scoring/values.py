"""Identifiers and exact score arithmetic shared by the scoring engine.

Scores are `Decimal` (a judge's 75.5 is exactly 75.5); derived figures such as averages and
normalised ballots are `Fraction`, so comparing two teams never suffers from float rounding.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

TeamId = int | str
SpeakerId = int | str
JudgeId = int | str
Score = Decimal


def as_score(value: Decimal | int | str | float) -> Decimal:
    """Convert user or JSON input to an exact Decimal (floats go through their shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a score cannot be a bool")
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def exact(value: Decimal | int | Fraction) -> Fraction:
    """Exact rational form of a score, for sums and averages that must compare exactly."""
    return value if isinstance(value, Fraction) else Fraction(value)


def mean(values: Iterable[Fraction | Decimal | int]) -> Fraction:
    items = [exact(v) for v in values]
    if not items:
        raise ValueError("mean of no values")
    return sum(items, Fraction(0)) / len(items)


def id_key(identifier: TeamId) -> tuple[int, int | str]:
    """Sort key for ids that may be ints or strings: a stable, input-order-free order."""
    return (0, identifier) if isinstance(identifier, int) else (1, str(identifier))
