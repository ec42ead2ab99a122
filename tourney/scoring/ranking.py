"""Ranking by an ordered chain of criteria, remembering which criterion separated each neighbour.

Each criterion is a *splitter*: it takes a group of items still tied and returns the group cut into
ordered sub-groups (best first), or the group unchanged when it cannot separate them. Value metrics
("higher is better") and pairwise rules (head-to-head, coin toss) both fit this shape.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K")
Splitter = Callable[[list[T]], list[list[T]]]

TIED = "tied"


@dataclass(frozen=True)
class Ranked(Generic[T]):
    """An item with its rank (equal ranks only for a true tie) and the criterion that placed it
    below the previous item: a criterion code, "tied", or None for the first item."""

    item: T
    rank: int
    separated_by: str | None


def split_by_value(value: Callable[[T], Any], *, higher_is_better: bool = True) -> Splitter[T]:
    """A splitter ordering a group by `value`, keeping equal values together."""

    def split(group: list[T]) -> list[list[T]]:
        ordered = sorted(group, key=value, reverse=higher_is_better)
        return [list(same) for _, same in groupby(ordered, key=value)]

    return split


def split_by_lots(lots: Mapping[K, int], key: Callable[[T], K]) -> Splitter[T]:
    """A recorded coin toss (higher lot ranks higher); it only acts when every tied item has a lot,
    so an unrecorded toss leaves the tie visible instead of deciding it silently."""
    by_lot = split_by_value(lambda item: lots[key(item)])

    def split(group: list[T]) -> list[list[T]]:
        return by_lot(group) if all(key(item) in lots for item in group) else [group]

    return split


def rank_by_chain(
    items: Sequence[T],
    chain: Sequence[tuple[str, Splitter[T]]],
    order_key: Callable[[T], Hashable],
) -> list[Ranked[T]]:
    """Rank `items` by `chain`; items tied after the whole chain share a rank and are listed by
    `order_key`, so the output never depends on the input order."""
    groups: list[tuple[list[T], str | None]] = (
        [(sorted(items, key=order_key), None)] if items else []
    )
    for code, split in chain:
        refined: list[tuple[list[T], str | None]] = []
        for group, separated_by in groups:
            parts = split(group) if len(group) > 1 else [group]
            refined.append((parts[0], separated_by))
            refined.extend((part, code) for part in parts[1:])
        groups = refined
    ranked: list[Ranked[T]] = []
    for group, separated_by in groups:
        rank = len(ranked) + 1
        for index, item in enumerate(group):
            ranked.append(Ranked(item, rank, separated_by if index == 0 else TIED))
    return ranked


def tied_groups(ranked: Sequence[Ranked[T]]) -> list[tuple[T, ...]]:
    """The groups of items sharing a rank (only groups of two or more)."""
    by_rank = [tuple(r.item for r in same) for _, same in groupby(ranked, key=lambda r: r.rank)]
    return [group for group in by_rank if len(group) > 1]


def cut_at_line(
    items: Sequence[T], rank: Callable[[T], int], size: int
) -> tuple[list[T], list[T], list[T]]:
    """Split items in ranked order at a line of `size` places: (above, tied across the line, below).

    When the items at the line share a rank, none of them is placed: they are all returned as tied.
    """
    if len(items) <= size:
        return list(items), [], []
    if size == 0:
        return [], [], list(items)
    line_rank = rank(items[size - 1])
    if rank(items[size]) != line_rank:
        return list(items[:size]), [], list(items[size:])
    tied = [i for i in items if rank(i) == line_rank]
    above = [i for i in items[:size] if rank(i) != line_rank]
    below = [i for i in items[size:] if rank(i) != line_rank]
    return above, tied, below
