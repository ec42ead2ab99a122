"""Random and power-paired rounds: one minimum-cost perfect matching over the whole field.

Nothing is fixed before the matching: the bye (a dummy BYE node when the field is odd),
pull-ups, rematches, clashes and sides are all traded off together by the tiered costs.
"""

from __future__ import annotations

import numpy as np

from tourney.pairing.costs import assess, bye_cost
from tourney.pairing.edge_arrays import TIE_RANGE, EdgeArrays
from tourney.pairing.field import Field, seeded_key
from tourney.pairing.matching import RUSTWORKX, Edge, min_cost_perfect_matching
from tourney.pairing.records import Draw, PairedDebate, PairingRequest
from tourney.pairing.sides import balanced_sides

START_WINDOW = 4
EXACT_LIMIT = 64
"""Fields up to this size are matched on the complete graph: provably optimal on every tier,
and still fast (≈30 ms at 64 teams). Larger fields start from a pruned candidate window."""
WIDEN_FACTOR = 4
_BYE = "\x00BYE"
_BYE_TIER = 1  # index of CostBreakdown.bye in the tiers


def _worth_widening(tiers: np.ndarray) -> np.ndarray:
    """Per matched debate, whether a wider choice of opponents might avoid its trouble: a
    rematch, a pull-up beyond one bracket or a repeated one, a clash, or a third side in a row.
    Lesser side trouble does not widen: every team is already offered its nearest opponents
    that can take the other side (`EdgeArrays.candidates`), so what is left of it is forced by
    how many teams around need the same side."""
    rematch, pullup, institution, region, streak = (tiers[:, k] for k in (0, 2, 3, 4, 5))
    return (rematch > 0) | (pullup > 1) | (institution > 0) | (region > 0) | (streak > 0)


class _Edges:
    """The edges offered to the matcher so far: sorted codes (i * n + j) and their tiers."""

    def __init__(self, arrays: EdgeArrays) -> None:
        self.arrays = arrays
        self.codes = np.empty(0, dtype=np.int64)
        self.tiers = np.empty((0, 9), dtype=np.int64)

    def offer(self, codes: np.ndarray) -> int:
        """Add the edges not offered yet; returns how many were new."""
        fresh = np.setdiff1d(codes, self.codes, assume_unique=True)
        if len(fresh):
            n = self.arrays.n
            tiers = self.arrays.tiers(fresh // n, fresh % n)
            codes = np.concatenate([self.codes, fresh])
            order = np.argsort(codes, kind="stable")
            self.codes = codes[order]
            self.tiers = np.concatenate([self.tiers, tiers])[order]
        return len(fresh)

    def lookup(self, pairs: np.ndarray) -> np.ndarray:
        """Rows of `tiers` for edges (i, j) that were offered."""
        return np.searchsorted(self.codes, pairs[:, 0] * self.arrays.n + pairs[:, 1])


def _bye_tiers(field: Field) -> np.ndarray:
    """Tiers of each team's edge to the dummy bye node, in standing order."""
    return np.array(
        [
            (*bye_cost(field, team).tiers(), seeded_key(field.seed, team, _BYE) % TIE_RANGE)
            for team in field.order
        ],
        dtype=np.int64,
    ).reshape(len(field.order), 9)


def pair_matched_round(
    request: PairingRequest, *, solver: str = RUSTWORKX, window: int | None = None
) -> Draw:
    """Pair a random or power round. `window` is the starting candidate window per team
    (default: the whole field up to EXACT_LIMIT teams, else START_WINDOW)."""
    field = Field(request.teams, request.kind, request.seed, request.options)
    arrays = EdgeArrays(field)
    n = arrays.n
    if window is None:
        window = n if n <= EXACT_LIMIT else START_WINDOW
    odd = n % 2 == 1
    bye_tiers = _bye_tiers(field) if odd else np.empty((0, 9), dtype=np.int64)
    bye_edges = [(i, n) for i in range(n)] if odd else []
    windows = np.full(n, window, dtype=np.int64)
    edges = _Edges(arrays)

    def grow(teams: np.ndarray, widen: bool = True) -> int:
        """Offer `teams` their candidates, after widening their windows."""
        if widen:
            windows[teams] *= WIDEN_FACTOR
        return sum(
            edges.offer(arrays.candidates(teams[windows[teams] == w], int(w)))
            for w in np.unique(windows[teams])
        )

    grow(np.arange(n), widen=False)
    while True:
        pairs = np.stack([edges.codes // n, edges.codes % n], axis=1)
        matching = min_cost_perfect_matching(
            n + odd,
            [*map(tuple, pairs.tolist()), *bye_edges],
            np.concatenate([edges.tiers, bye_tiers]),
            solver,
        )
        widen = _to_widen(matching, n, edges, bye_tiers)
        added = grow(widen) if len(widen) else 0
        if not added and matching is not None and len(widen):
            # The troubled teams already see every opponent they could use; avoiding the
            # trouble may need a new opponent for one of those opponents' partners instead.
            added = grow(_partners_of_neighbours(widen, matching, edges, n))
        if not added and matching is not None:
            break
    return _draw(field, matching, n if odd else None)


def _to_widen(
    matching: list[Edge] | None,
    n: int,
    edges: _Edges,
    bye_tiers: np.ndarray,
) -> np.ndarray:
    """The teams whose windows should grow after this matching."""
    if matching is None:
        return np.arange(n)
    bye = [i for i, j in matching if j == n]
    if bye and bye_tiers[bye[0], _BYE_TIER] > 0:
        # The bye went to a team that already had one: someone without a bye may take it only
        # if the teams around them find other opponents, so every window must widen.
        return np.arange(n)
    pairs = np.array([edge for edge in matching if edge[1] != n], dtype=np.int64).reshape(-1, 2)
    tiers = edges.tiers[edges.lookup(pairs)]
    return np.unique(pairs[_worth_widening(tiers)])


def _partners_of_neighbours(
    teams: np.ndarray, matching: list[Edge], edges: _Edges, n: int
) -> np.ndarray:
    """The current partners of every team that could meet one of ``teams``."""
    partner = np.full(n + 1, -1, dtype=np.int64)
    for i, j in matching:
        partner[i], partner[j] = j, i
    low, high = edges.codes // n, edges.codes % n
    neighbours = np.union1d(high[np.isin(low, teams)], low[np.isin(high, teams)])
    partners = partner[neighbours]
    partners = partners[(partners >= 0) & (partners < n)]
    return np.setdiff1d(partners, teams)


def _draw(field: Field, matching: list[Edge], bye_node: int | None) -> Draw:
    order = field.order
    debates = []
    byes = []
    for i, j in matching:
        if j == bye_node:
            byes.append(order[i])
            continue
        aff, neg = balanced_sides(field, order[i], order[j])
        assessment = assess(field, aff, neg)
        bracket = max(field.teams[aff].points, field.teams[neg].points)
        debates.append(
            PairedDebate(aff, neg, bracket, assessment.cost, assessment.pullup, assessment.reasons)
        )
    debates.sort(key=lambda d: (-d.bracket, min(field.index[d.aff], field.index[d.neg])))
    return Draw(debates=tuple(debates), byes=tuple(byes))
