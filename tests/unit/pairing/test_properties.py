"""Properties of whole draws, and optimality against brute force on small fields."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tests.unit.pairing.builders import requests
from tourney.pairing.costs import bye_cost, edge_cost, rematches
from tourney.pairing.engine import pair_round
from tourney.pairing.field import Field
from tourney.pairing.matched_round import pair_matched_round
from tourney.pairing.matching import NETWORKX, RUSTWORKX
from tourney.pairing.records import POWER, RANDOM, CostBreakdown, Draw, PairingRequest

_BYE = None
kinds = st.sampled_from([RANDOM, POWER])


def _pair_cost(field: Field, a: str, b: str | None) -> CostBreakdown:
    return bye_cost(field, a) if b is _BYE else edge_cost(field, a, b)


def _field(request: PairingRequest) -> Field:
    return Field(request.teams, request.kind, request.seed, request.options)


def _draw_tiers(request: PairingRequest, draw: Draw) -> tuple[int, ...]:
    field = _field(request)
    total = sum((d.cost for d in draw.debates), CostBreakdown())
    for team in draw.byes:
        total += bye_cost(field, team)
    return total.tiers()


def _brute_force_tiers(request: PairingRequest) -> tuple[int, ...]:
    """The lexicographically cheapest total over every perfect matching (branch and bound:
    costs are non-negative, so a partial total already above the best cannot recover)."""
    field = _field(request)
    nodes = [team.id for team in request.teams]
    if len(nodes) % 2:
        nodes.append(_BYE)
    cost = {
        (a, b): _pair_cost(field, a, b).tiers() for i, a in enumerate(nodes) for b in nodes[i + 1 :]
    }
    best: list[tuple[int, ...] | None] = [None]

    def search(left: list, total: tuple[int, ...]) -> None:
        if best[0] is not None and total >= best[0]:
            return
        if not left:
            best[0] = total
            return
        first, rest = left[0], left[1:]
        for i, partner in enumerate(rest):
            step = cost[first, partner]
            search(rest[:i] + rest[i + 1 :], tuple(x + y for x, y in zip(total, step, strict=True)))

    search(nodes, CostBreakdown().tiers())
    return best[0]


@settings(max_examples=examples(120), deadline=None)
@given(requests(kind=POWER) | requests(kind=RANDOM))
def test_every_team_exactly_once_and_byes_only_when_odd(request):
    draw = pair_round(request)
    seen = [t for d in draw.debates for t in (d.aff, d.neg)] + list(draw.byes)
    assert sorted(seen) == sorted(team.id for team in request.teams)
    assert len(draw.byes) == len(request.teams) % 2


@settings(max_examples=examples(120), deadline=None)
@given(requests(kind=POWER) | requests(kind=RANDOM))
def test_no_second_bye_while_someone_has_none_unless_only_a_rematch_avoids_it(request):
    draw = pair_round(request)
    fewest = min(team.byes for team in request.teams)
    byes = {team.id: team.byes for team in request.teams}
    fair = [t.id for t in request.teams if t.byes == fewest]
    if any(_pairs_without_rematch(request, without=t) for t in fair):
        assert all(byes[team] == fewest for team in draw.byes)


def _pairs_without_rematch(request: PairingRequest, without: str) -> bool:
    """Whether all teams but `without` can be paired with no two meeting again."""
    field = _field(request)
    rest = [t.id for t in request.teams if t.id != without]
    graph = nx.Graph()
    graph.add_nodes_from(rest)
    graph.add_edges_from((a, b) for a in rest for b in rest if a < b and not rematches(field, a, b))
    return 2 * len(nx.max_weight_matching(graph, maxcardinality=True)) == len(rest)


@settings(max_examples=examples(60), deadline=None)
@given(requests(kind=POWER) | requests(kind=RANDOM), st.randoms())
def test_same_request_in_any_team_order_gives_the_same_draw(request, rnd):
    shuffled = list(request.teams)
    rnd.shuffle(shuffled)
    again = PairingRequest(request.kind, request.seed, tuple(shuffled), request.options)
    assert pair_round(again) == pair_round(request)


@settings(max_examples=examples(150), deadline=None)
@given(requests(kind=POWER, max_teams=10) | requests(kind=RANDOM, max_teams=10))
def test_draw_is_optimal_against_every_perfect_matching(request):
    """No rematch, bye, pull-up, clash or side trouble that some matching avoids; best shape."""
    assert _draw_tiers(request, pair_round(request)) == _brute_force_tiers(request)


@settings(max_examples=examples(100), deadline=None)
@given(requests(kind=POWER, max_teams=10) | requests(kind=RANDOM, max_teams=10))
def test_pruning_from_the_narrowest_window_still_finds_the_optimum(request):
    """Forced pruning keeps the optimum on rematches, byes, pull-ups and clashes (side balance
    and fold shape may end near-optimal: fields up to EXACT_LIMIT use the complete graph)."""
    draw = pair_matched_round(request, window=1)
    assert _draw_tiers(request, draw)[:5] == _brute_force_tiers(request)[:5]


@settings(max_examples=examples(30), deadline=None)
@given(requests(kind=POWER, min_teams=12, max_teams=36))
def test_rustworkx_and_networkx_find_equally_cheap_draws(request):
    whole = len(request.teams)
    fast = pair_matched_round(request, solver=RUSTWORKX, window=whole)
    reference = pair_matched_round(request, solver=NETWORKX, window=whole)
    assert _draw_tiers(request, fast) == _draw_tiers(request, reference)


@settings(max_examples=examples(30), deadline=None)
@given(
    requests(kind=POWER, min_teams=16, max_teams=40)
    | requests(kind=RANDOM, min_teams=16, max_teams=40)
)
def test_pruning_keeps_the_optimum_above_side_balance_on_larger_fields(request):
    """Rematches, byes, pull-ups, clashes and third sides in a row match the complete graph;
    side balance and shape are near-optimal by design (widening for them is capped)."""
    pruned = pair_matched_round(request)
    full = pair_matched_round(request, window=len(request.teams))
    assert _draw_tiers(request, pruned)[:6] == _draw_tiers(request, full)[:6]


@settings(max_examples=examples(60), deadline=None)
@given(requests(kind=POWER) | requests(kind=RANDOM))
def test_debate_cost_is_the_cost_of_its_sides(request):
    field = _field(request)
    for debate in pair_round(request).debates:
        assert debate.cost == edge_cost(field, debate.aff, debate.neg)
