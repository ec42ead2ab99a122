"""Minimum-cost perfect matching with lexicographic integer costs.

Each edge carries a tuple of tier values (most important first). Tiers are packed into one
Python int per edge, each tier's unit larger than the most the tiers below can add up to over a
whole matching, sized from the edges actually present so the numbers stay small.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import rustworkx as rx

RUSTWORKX = "rustworkx"
NETWORKX = "networkx"
SOLVERS = (RUSTWORKX, NETWORKX)

# rustworkx computes in i128 and doubles weights internally; above this it silently goes wrong.
_RUSTWORKX_LIMIT = 2**120

Edge = tuple[int, int]


def pack_tiers(vectors: Sequence[Sequence[int]] | np.ndarray, pairs: int) -> list[int]:
    """One cost per edge whose sum over any `pairs`-edge matching orders matchings exactly
    as the tier-by-tier sums would (lexicographically).

    Computed on numpy arrays: in int64 while the packed numbers stay below 2**62, then in
    Python ints (object arrays) once the higher tiers need more bits.
    """
    try:
        table = np.asarray(vectors, dtype=np.int64)
    except OverflowError:  # tiers beyond int64: exact Python ints all the way
        table = np.asarray(vectors, dtype=object)
    if table.size == 0:
        return [0] * len(table)
    packed: np.ndarray = np.zeros(len(table), dtype=np.int64)
    largest = 0
    for tier in reversed(range(table.shape[1])):
        column = table[:, tier]
        top = int(column.max())
        if top == 0:
            continue
        unit = pairs * largest + 1
        if packed.dtype != object and (table.dtype == object or largest + top * unit >= 2**62):
            packed = packed.astype(object)
        if packed.dtype == object:
            packed = packed + column.astype(object) * unit
        else:
            packed = packed + column * unit
        largest = int(packed.max())
    return packed.tolist()


def min_cost_perfect_matching(
    nodes: int,
    edges: Sequence[Edge],
    vectors: Sequence[Sequence[int]] | np.ndarray,
    solver: str = RUSTWORKX,
) -> list[Edge] | None:
    """The cheapest perfect matching over `nodes` nodes, or None if the edges allow none.

    Returned pairs are sorted (smaller node first) and in ascending order.
    """
    if nodes == 0:
        return []
    costs = pack_tiers(vectors, nodes // 2)
    ceiling = max(costs) + 1
    weights = [ceiling - cost for cost in costs]  # all positive: maximising weight = min cost
    if solver == RUSTWORKX and ceiling < _RUSTWORKX_LIMIT:
        graph = rx.PyGraph()
        graph.add_nodes_from(range(nodes))
        graph.add_edges_from(
            [(a, b, weight) for (a, b), weight in zip(edges, weights, strict=True)]
        )
        matched = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    else:
        import networkx as nx  # the slower reference solver: imported only when needed

        graph = nx.Graph()
        graph.add_nodes_from(range(nodes))
        graph.add_weighted_edges_from(
            (a, b, weight) for (a, b), weight in zip(edges, weights, strict=True)
        )
        matched = nx.max_weight_matching(graph, maxcardinality=True)
    if 2 * len(matched) != nodes:
        return None
    return sorted((min(a, b), max(a, b)) for a, b in matched)
