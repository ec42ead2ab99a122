"""BP elimination ballots: the two advancing teams, named alone or from a ranked, scored ballot."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tourney.scoring import (
    FORMATS,
    BallotError,
    BallotInput,
    SpeechScore,
    decide_debate,
    validate_ballot,
)
from tourney.scoring.results import DebateResult

from .builders import ballot, roster

BP = FORMATS["british_parliamentary"]
NAMED = BP.for_elimination(scored=False)
SCORED = BP.for_elimination(scored=True)
BP_SCORES = {"og": (75, 76), "oo": (74, 74), "cg": (78, 77), "co": (70, 71)}


def chair(speeches=None, **fields) -> BallotInput:
    return BallotInput(speeches=speeches or {}, judge_id=1, is_chair=True, **fields)


def test_two_team_formats_have_no_elimination_variant():
    kp = FORMATS["karl_popper"]
    assert kp.for_elimination(scored=False) is kp


def test_a_ballot_that_names_two_teams_passes_without_scores():
    assert NAMED.names_advancing and NAMED.positions == ()
    assert validate_ballot(NAMED, roster(NAMED), chair(advancing=("co", "og"))) == []


@pytest.mark.parametrize(
    ("advancing", "errors"),
    [
        (None, [BallotError("advancing", "advancing_count", {"count": 0, "expected": 2})]),
        (("og",), [BallotError("advancing", "advancing_count", {"count": 1, "expected": 2})]),
        (
            ("og", "oo", "cg"),
            [BallotError("advancing", "advancing_count", {"count": 3, "expected": 2})],
        ),
        (("og", "og"), [BallotError("advancing", "advancing_count", {"count": 1, "expected": 2})]),
        (("og", "aff"), [BallotError("advancing", "side_unknown", {"side": "aff"})]),
    ],
)
def test_exactly_two_distinct_teams_advance(advancing, errors):
    assert validate_ballot(NAMED, roster(NAMED), chair(advancing=advancing)) == errors


def test_ranks_on_a_ballot_that_names_the_advancing_teams_are_unexpected():
    found = validate_ballot(NAMED, roster(NAMED), chair(advancing=("og", "oo"), ranks={"og": 1}))
    assert found == [BallotError("ranks", "unexpected_field")]


def test_the_named_teams_go_through_in_position_order_and_the_result_round_trips():
    result = decide_debate(NAMED, [chair(advancing=("co", "oo"))])
    assert result.advancing == ("oo", "co")
    assert result.through == ("oo", "co")
    assert result.ranks == {} and result.points == {} and result.speakers == ()
    assert DebateResult.from_dict(result.to_dict()) == result


def test_a_scored_elimination_ballot_advances_the_top_two_ranks():
    b = ballot(SCORED, BP_SCORES, ranks={"cg": 1, "og": 2, "oo": 3, "co": 4})
    assert validate_ballot(SCORED, roster(SCORED), b) == []
    result = decide_debate(SCORED, [b])
    assert result.advancing == ("og", "cg")
    assert result.points == {"cg": 3, "og": 2, "oo": 1, "co": 0}


def test_a_scored_elimination_ballot_still_needs_ranks_consistent_with_the_totals():
    b = ballot(SCORED, BP_SCORES, ranks={"og": 1, "cg": 2, "oo": 3, "co": 4})
    assert [e.code for e in validate_ballot(SCORED, roster(SCORED), b)] == [
        "low_point_win_forbidden"
    ]


def test_the_final_names_one_winner():
    final = BP.for_elimination(scored=False, final=True)
    assert validate_ballot(final, roster(final), chair(advancing=("og", "co"))) == [
        BallotError("advancing", "advancing_count", {"count": 2, "expected": 1})
    ]
    assert decide_debate(final, [chair(advancing=("cg",))]).through == ("cg",)
    scored = BP.for_elimination(scored=True, final=True)
    b = ballot(scored, BP_SCORES, ranks={"cg": 1, "og": 2, "oo": 3, "co": 4})
    assert decide_debate(scored, [b]).advancing == ("cg",)


def test_a_two_team_result_goes_through_with_its_winner():
    kp = FORMATS["karl_popper"]
    b = ballot(kp, {"aff": (25, 25, 25), "neg": (24, 24, 24)}, winner="aff", judge_id=1)
    assert decide_debate(kp, [b]).through == ("aff",)


def test_empty_speech_fields_on_a_ballot_that_names_teams_are_ignored_but_scores_are_not():
    empty = {"og": (SpeechScore("1", None, None),)}
    assert (
        validate_ballot(NAMED, roster(NAMED), chair(advancing=("og", "oo"), speeches=empty)) == []
    )
    scored = {"og": (SpeechScore("1", "og1", Decimal(75)),)}
    found = validate_ballot(NAMED, roster(NAMED), chair(advancing=("og", "oo"), speeches=scored))
    assert found == [BallotError("og", "unexpected_field")]
