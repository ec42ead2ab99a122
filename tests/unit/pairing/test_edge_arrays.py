"""The matcher's array costs say exactly what the one-pair rules in costs.py say."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tests.unit.pairing.builders import requests
from tourney.pairing.costs import edge_tiers
from tourney.pairing.edge_arrays import TIE_RANGE, EdgeArrays
from tourney.pairing.field import Field, pair_key
from tourney.pairing.records import FOLD, POWER, RANDOM


def _arrays(request) -> tuple[Field, EdgeArrays]:
    field = Field(request.teams, request.kind, request.seed, request.options)
    return field, EdgeArrays(field)


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from([RANDOM, POWER]).flatmap(lambda kind: requests(kind, max_teams=14)))
def test_array_tiers_equal_the_one_pair_rules(request):
    field, arrays = _arrays(request)
    pairs = np.array(list(itertools.combinations(range(arrays.n), 2)), dtype=np.int64)
    tiers = arrays.tiers(pairs[:, 0], pairs[:, 1])
    for (i, j), row in zip(pairs.tolist(), tiers.tolist(), strict=True):
        a, b = field.order[i], field.order[j]
        assert tuple(row[:8]) == edge_tiers(field, a, b)
        coin = pair_key(field.key[a], field.key[b]) % TIE_RANGE
        assert row[8] % TIE_RANGE == coin


@settings(max_examples=examples(60), deadline=None)
@given(requests(POWER, min_teams=12, max_teams=30), st.integers(1, 3))
def test_candidates_hold_the_fold_partner_and_never_the_team_itself(request, window):
    request = replace(request, options=replace(request.options, pairing=FOLD))
    field, arrays = _arrays(request)
    teams = np.arange(arrays.n)
    codes = arrays.candidates(teams, window)
    low, high = codes // arrays.n, codes % arrays.n
    assert (low < high).all()
    assert len(np.unique(codes)) == len(codes)
    offered = set(zip(low.tolist(), high.tolist(), strict=True))
    for team_id in field.order:
        members = field.bracket_of(team_id)
        partner = members[len(members) - 1 - field.position[team_id]]
        if partner != team_id:
            i, j = sorted((field.index[team_id], field.index[partner]))
            assert (i, j) in offered


def test_every_team_is_offered_its_nearest_opponent_free_to_take_the_other_side():
    """Four teams due affirmative around the fold partner of a team due affirmative too: the
    nearest team due negative is offered although it is outside the plain window."""
    from tests.unit.pairing.builders import power
    from tourney.pairing.records import AFF, NEG, TeamRecord

    due_aff = (NEG, NEG, AFF)
    due_neg = (AFF, AFF, NEG)
    teams = [
        TeamRecord(f"T{k:02d}", points=1, sides=due_aff, opponents=("X",) * 3) for k in range(20)
    ]
    teams[3] = TeamRecord("T03", points=1, sides=due_neg, opponents=("X",) * 3)
    request = power(*teams)
    field = Field(request.teams, request.kind, request.seed, request.options)
    arrays = EdgeArrays(field)
    codes = arrays.candidates(np.array([field.index["T19"]]), 1)
    partners = {field.order[c // arrays.n] for c in codes.tolist()} - {"T19"}
    assert "T03" in partners
