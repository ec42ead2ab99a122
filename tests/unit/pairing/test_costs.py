"""The cost rules, one by one, through the public `evaluate_pairing` and the tier packing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tests.unit.pairing.builders import ranked
from tourney.pairing.costs import bye_cost, evaluate_pairing
from tourney.pairing.field import Field
from tourney.pairing.matching import NETWORKX, min_cost_perfect_matching, pack_tiers
from tourney.pairing.records import (
    ADJACENT,
    AFF,
    FOLD,
    NEG,
    POWER,
    RANDOM,
    SLIDE,
    PairingOptions,
    TeamRecord,
)

OPTIONS = PairingOptions()


def team(team_id: str, **fields: Any) -> TeamRecord:
    return TeamRecord(id=team_id, **fields)


def bracket(n: int, points: int = 1) -> tuple[TeamRecord, ...]:
    return ranked(*(team(f"T{i}", points=points) for i in range(1, n + 1)))


def test_rematch_counts_every_earlier_meeting():
    teams = ranked(team("A", opponents=("B", "C", "B")), team("B", opponents=("A", "A")), team("C"))
    result = evaluate_pairing("A", "B", teams, OPTIONS)
    assert result.cost.rematch == 2
    assert ("rematch", {"times": 2}) in result.reasons
    assert evaluate_pairing("B", "C", teams, OPTIONS).cost.rematch == 0


def test_pullup_is_squared_and_dearer_for_a_team_pulled_up_before():
    teams = ranked(team("A", points=3), team("B", points=1), team("C", points=1, pullups=1))
    assert evaluate_pairing("A", "B", teams, OPTIONS).cost.pullup == 4
    first_again = evaluate_pairing("C", "A", teams, OPTIONS)
    assert first_again.cost.pullup == 8
    assert first_again.pullup == "C"
    assert (
        "pullup",
        {"team": "C", "from_bracket": 1, "to_bracket": 3, "previous_pullups": 1},
    ) in first_again.reasons


def test_same_institution_and_region_count_only_when_the_options_ask():
    teams = ranked(
        team("A", institution="S1", region="Sughd"), team("B", institution="S1", region="Sughd")
    )
    default = evaluate_pairing("A", "B", teams, OPTIONS).cost
    assert (default.institution, default.region) == (1, 0)
    both = PairingOptions(avoid_same_institution=True, avoid_same_region=True)
    assert evaluate_pairing("A", "B", teams, both).cost.region == 1
    neither = PairingOptions(avoid_same_institution=False)
    assert evaluate_pairing("A", "B", teams, neither).cost.institution == 0


def test_missing_institution_is_never_a_clash():
    teams = ranked(team("A"), team("B"))
    assert evaluate_pairing("A", "B", teams, OPTIONS).cost.institution == 0


def test_side_trouble_third_side_in_a_row_and_growing_imbalance():
    teams = ranked(team("A", sides=(NEG, AFF, AFF)), team("B", sides=(AFF, NEG)))
    bad = evaluate_pairing("A", "B", teams, OPTIONS)
    # A: aff a third time in a row, and 3 aff / 1 neg
    assert (bad.cost.side_streak, bad.cost.side) == (1, 2)
    assert ("side_streak", {"team": "A", "side": AFF}) in bad.reasons
    good = evaluate_pairing("B", "A", teams, OPTIONS)
    assert (good.cost.side_streak, good.cost.side) == (0, 0)


@pytest.mark.parametrize(
    ("method", "a", "b", "deviation"),
    [
        (FOLD, "T1", "T6", 0),
        (FOLD, "T2", "T5", 0),
        (FOLD, "T1", "T5", 1),
        (FOLD, "T1", "T2", 4),
        (SLIDE, "T1", "T4", 0),
        (SLIDE, "T3", "T6", 0),
        (SLIDE, "T1", "T6", 2),
        (ADJACENT, "T1", "T2", 0),
        (ADJACENT, "T1", "T4", 2),
    ],
)
def test_shape_measures_distance_from_the_ideal_opponent(method, a, b, deviation):
    result = evaluate_pairing(a, b, bracket(6), PairingOptions(pairing=method))
    assert result.cost.shape == deviation


def test_shape_reads_the_same_from_the_top_and_the_bottom():
    teams = bracket(7)
    for i in range(1, 8):
        for j in range(i + 1, 8):
            top = evaluate_pairing(f"T{i}", f"T{j}", teams, OPTIONS).cost.shape
            bottom = evaluate_pairing(f"T{8 - j}", f"T{8 - i}", teams, OPTIONS).cost.shape
            assert top == bottom


def test_random_rounds_have_no_pullup_or_shape():
    teams = ranked(team("A", points=3), team("B", points=0))
    cost = evaluate_pairing("A", "B", teams, OPTIONS, kind=RANDOM).cost
    assert (cost.pullup, cost.shape) == (0, 0)


def test_an_earlier_bye_outweighs_any_difference_in_rank():
    teams = ranked(team("A"), team("B"), team("C", byes=1))
    field = Field(teams, POWER, 0, OPTIONS)
    costs = {t.id: bye_cost(field, t.id).bye for t in teams}
    assert costs["B"] < costs["A"] < costs["C"]


def test_evaluate_pairing_rejects_unknown_teams():
    with pytest.raises(KeyError):
        evaluate_pairing("A", "Z", ranked(team("A"), team("B")), OPTIONS)


tier_vectors = st.lists(st.tuples(*[st.integers(0, 6)] * 4), min_size=6, max_size=6)


@settings(max_examples=examples(200), deadline=None)
@given(tier_vectors, st.integers(1, 3))
def test_packed_sums_order_matchings_lexicographically(vectors, pairs):
    """Any two sets of `pairs` edges compare by packed sum exactly as by tier-wise sums."""
    packed = pack_tiers(vectors, pairs)
    first, second = range(pairs), range(len(vectors) - pairs, len(vectors))

    def tiers(edges):
        return tuple(sum(vectors[e][t] for e in edges) for t in range(4))

    def total(edges):
        return sum(packed[e] for e in edges)

    assert (tiers(first) < tiers(second)) == (total(first) < total(second))
    assert (tiers(first) == tiers(second)) == (total(first) == total(second))


def test_no_perfect_matching_is_reported_as_none():
    assert min_cost_perfect_matching(4, [(0, 1), (0, 2), (0, 3)], [(0,), (0,), (0,)]) is None


@pytest.mark.parametrize("huge", [0, 2**130])
def test_matching_is_exact_even_beyond_the_compiled_solvers_range(huge):
    edges = [(0, 1), (2, 3), (0, 2), (1, 3)]
    vectors = [(huge + 1, 0), (huge + 1, 0), (huge, 5), (0, 9)]
    expected = [(0, 2), (1, 3)]
    assert min_cost_perfect_matching(4, edges, vectors) == expected
    assert min_cost_perfect_matching(4, edges, vectors, solver=NETWORKX) == expected
