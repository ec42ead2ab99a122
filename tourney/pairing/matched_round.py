"""Random and power-paired rounds: one minimum-cost perfect matching over the whole field.

Nothing is fixed before the matching: the bye (a dummy BYE node when the field is odd),
pull-ups, rematches, clashes and sides are all traded off together by the tiered costs.
"""

from __future__ import annotations

from tourney.pairing.candidates import candidates
from tourney.pairing.costs import assess, bye_cost, edge_tiers
from tourney.pairing.field import Field, pair_key, seeded_key
from tourney.pairing.matching import RUSTWORKX, Edge, min_cost_perfect_matching
from tourney.pairing.records import RANDOM, Draw, PairedDebate, PairingRequest
from tourney.pairing.sides import balanced_sides

START_WINDOW = 4
EXACT_LIMIT = 64
"""Fields up to this size are matched on the complete graph: provably optimal on every tier,
and still fast (≈30 ms at 64 teams). Larger fields start from a pruned candidate window."""
SIDE_WINDOW = 16
WIDEN_FACTOR = 4
_BYE = "\x00BYE"
_BYE_TIER = 1  # index of CostBreakdown.bye in the tiers
_TIE_RANGE = 2**16


def _worth_widening(tiers: tuple[int, ...], window: int) -> bool:
    """Whether a wider choice of opponents might avoid this debate's trouble: always for a
    rematch, a pull-up beyond one bracket or a repeated one, a clash or a third side in a row;
    for lesser side trouble only up to SIDE_WINDOW (it is often unavoidable, and chasing it
    across the whole field costs seconds at 1,000 teams)."""
    rematch, _, pullup, institution, region, side_streak, side, _ = tiers[:8]
    serious = rematch or pullup > 1 or institution or region or side_streak
    return bool(serious or (side and window < SIDE_WINDOW))


def _second_bye(
    matching: list[Edge], bye_node: int | None, costs: dict[Edge, tuple[int, ...]]
) -> bool:
    """Whether the bye went to a team that already had one: someone without a bye may take it
    only if the teams around them find other opponents, so every window must widen."""
    bye_edge = next((edge for edge in matching if edge[1] == bye_node), None)
    return bye_edge is not None and costs[bye_edge][_BYE_TIER] > 0


def _tiebreak(field: Field, a: str, b: str) -> int:
    """Lowest tier: separates otherwise equal matchings by the seed. In random rounds it also
    keeps the pairs the shuffle dealt unless a higher tier asks for a change."""
    if b == _BYE:
        return seeded_key(field.seed, a, _BYE) % _TIE_RANGE
    coin = pair_key(field.key[a], field.key[b]) % _TIE_RANGE
    if field.kind != RANDOM:
        return coin
    ia, ib = field.index[a], field.index[b]
    gap = abs(ia - ib)
    dealt = ia // 2 == ib // 2
    return (0 if dealt else min(gap, len(field.order) - gap)) * _TIE_RANGE + coin


def pair_matched_round(
    request: PairingRequest, *, solver: str = RUSTWORKX, window: int | None = None
) -> Draw:
    """Pair a random or power round. `window` is the starting candidate window per team
    (default: the whole field up to EXACT_LIMIT teams, else START_WINDOW)."""
    field = Field(request.teams, request.kind, request.seed, request.options)
    order = field.order
    if window is None:
        window = len(order) if len(order) <= EXACT_LIMIT else START_WINDOW
    bye_node = len(order) if len(order) % 2 else None
    nodes = len(order) + (bye_node is not None)
    windows = dict.fromkeys(order, window)
    costs: dict[Edge, tuple[int, ...]] = {}  # CostBreakdown tiers, then the tiebreak

    def offer(team: str) -> None:
        i = field.index[team]
        for other in candidates(field, team, windows[team]):
            j = field.index[other]
            edge = (min(i, j), max(i, j))
            if edge not in costs:
                a, b = order[edge[0]], order[edge[1]]
                costs[edge] = (*edge_tiers(field, a, b), _tiebreak(field, a, b))

    if bye_node is not None:
        for i, team in enumerate(order):
            costs[i, bye_node] = (*bye_cost(field, team).tiers(), _tiebreak(field, team, _BYE))

    def grow(teams: list[str]) -> None:
        for team in teams:
            windows[team] *= WIDEN_FACTOR
            offer(team)

    for team in order:
        offer(team)
    while True:
        edges = sorted(costs)
        matching = min_cost_perfect_matching(nodes, edges, [costs[e] for e in edges], solver)
        if matching is None or _second_bye(matching, bye_node, costs):
            widen = list(order)
        else:
            widen = [
                order[node]
                for edge in matching
                if edge[1] != bye_node
                for node in edge
                if _worth_widening(costs[edge], windows[order[node]])
            ]
        known = len(costs)
        grow(widen)
        if len(costs) == known and matching is not None and widen:
            # The troubled teams already see every opponent they could use; avoiding the
            # trouble may need a new opponent for one of those opponents' partners instead.
            grow(_partners_of_neighbours(widen, matching, costs, field, bye_node))
        if len(costs) == known and matching is not None:
            break
    return _draw(field, matching, bye_node)


def _partners_of_neighbours(
    teams: list[str],
    matching: list[Edge],
    costs: dict[Edge, tuple[int, ...]],
    field: Field,
    bye_node: int | None,
) -> list[str]:
    """The current partners of every team that could meet one of ``teams``."""
    partner = {i: j for edge in matching for i, j in (edge, edge[::-1])}
    troubled = {field.index[t] for t in teams}
    neighbours = {j for i, j in costs if i in troubled} | {i for i, j in costs if j in troubled}
    partners = {partner[n] for n in neighbours if n in partner} - troubled
    if bye_node is not None and bye_node in partners:
        partners.discard(bye_node)
    return [field.order[n] for n in sorted(partners)]


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
