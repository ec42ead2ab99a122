from fractions import Fraction

import pytest

from tourney.scoring import (
    FORMATS,
    DebateResult,
    PanelError,
    SpeechScore,
    decide_debate,
    speaker_round_scores,
    team_round_results,
    validate_panel,
)
from tourney.scoring.ballots import BallotInput
from tourney.scoring.results import STORED_VERSION, upgrade_stored

from .builders import ballot

WSDC = FORMATS["world_schools"]
KP = FORMATS["karl_popper"]
BP = FORMATS["british_parliamentary"]

AFF_WINS = {"aff": (72, 72, 72, 36), "neg": (70, 70, 70, 35)}
NEG_WINS = {"aff": (68, 68, 68, 34), "neg": (70, 70, 70, 35)}


def judge(scores, judge_id, winner, **options):
    return ballot(WSDC, scores, winner=winner, judge_id=judge_id, **options)


def test_three_two_split_on_five_judges_goes_to_the_majority():
    ballots = [
        judge(AFF_WINS, 1, "aff", is_chair=True),
        judge(AFF_WINS, 2, "aff"),
        judge(NEG_WINS, 3, "neg"),
        judge(NEG_WINS, 4, "neg"),
        judge(NEG_WINS, 5, "neg"),
    ]
    result = decide_debate(WSDC, ballots)
    assert result.winner == "neg"
    assert result.votes == {"aff": 2, "neg": 3}
    assert result.split and not result.chair_casting_vote
    assert result.majority_judges == (3, 4, 5)
    # Speaker scores come from the majority only: the dissenters' 72s do not count.
    assert result.team_totals == {"aff": 238, "neg": 245}
    assert result.margins == {"aff": -7, "neg": 7}
    assert result.points == {"aff": 0, "neg": 1}


def test_speaker_scores_are_exact_averages_over_the_majority():
    third = {"aff": (71, "71.5", 72, "35.5"), "neg": (70, 70, 70, 35)}
    result = decide_debate(
        WSDC, [judge(AFF_WINS, 1, "aff"), judge(third, 2, "aff"), judge(NEG_WINS, 3, "neg")]
    )
    aff2 = next(s for s in result.speakers if (s.side, s.position) == ("aff", "2"))
    assert aff2.speaker_id == "aff2"
    assert aff2.score == Fraction(1435, 20)  # (72 + 71.5) / 2 = 71.75
    # 71.5 + 71.75 + 72 + 35.75; the dissenting neg ballot is not averaged in.
    assert result.team_totals == {"aff": 251, "neg": 245}
    assert result.split and result.votes == {"aff": 2, "neg": 1}


def test_even_split_goes_to_the_chair():
    ballots = [
        judge(AFF_WINS, 1, "aff"),
        judge(NEG_WINS, 2, "neg", is_chair=True),
        judge(AFF_WINS, 3, "aff"),
        judge(NEG_WINS, 4, "neg"),
    ]
    result = decide_debate(WSDC, ballots)
    assert result.winner == "neg"
    assert result.chair_casting_vote and result.split
    assert result.votes == {"aff": 2, "neg": 2}


def test_even_split_without_a_chair_cannot_be_decided():
    errors = validate_panel(WSDC, [judge(AFF_WINS, 1, "aff"), judge(NEG_WINS, 2, "neg")])
    assert [(e.code, e.params) for e in errors] == [
        ("no_chair_for_split", {"votes": {"aff": 1, "neg": 1}})
    ]
    with pytest.raises(PanelError) as info:
        decide_debate(WSDC, [judge(AFF_WINS, 1, "aff"), judge(NEG_WINS, 2, "neg")])
    assert info.value.errors == errors


def test_trainee_ballots_are_ignored():
    ballots = [
        judge(AFF_WINS, 1, "aff", is_chair=True),
        judge(NEG_WINS, 2, "neg", is_trainee=True),
        judge(NEG_WINS, 3, "neg", is_trainee=True),
    ]
    result = decide_debate(WSDC, ballots)
    assert result.winner == "aff" and result.voting_ballots == 1 and not result.split
    assert result.votes == {"aff": 1, "neg": 0}


def test_only_trainees_is_no_decision():
    errors = validate_panel(WSDC, [judge(AFF_WINS, 1, "aff", is_trainee=True)])
    assert [e.code for e in errors] == ["no_voting_ballot"]


def test_panel_problems_are_reported():
    swapped = ballot(WSDC, AFF_WINS, winner="aff", judge_id=2)
    speeches = {**swapped.speeches}
    speeches["aff"] = (SpeechScore("1", "aff4", 72), *speeches["aff"][1:])
    ballots = [
        judge(AFF_WINS, 1, "aff", is_chair=True),
        BallotInput(speeches=speeches, winner="aff", judge_id=2, is_chair=True),
        judge(AFF_WINS, 2, None),
    ]
    assert [(e.field, e.code) for e in validate_panel(WSDC, ballots)] == [
        ("ballots", "duplicate_judge"),
        ("ballots", "several_chairs"),
        ("ballots", "no_decision"),
        ("aff.1.speaker", "speaker_mismatch"),
    ]


def test_bp_takes_one_consensus_ballot():
    scores = {"og": (75, 76), "oo": (74, 74), "cg": (78, 77), "co": (70, 71)}
    ranks = {"cg": 1, "og": 2, "oo": 3, "co": 4}
    result = decide_debate(BP, [ballot(BP, scores, ranks=ranks, judge_id=7, is_chair=True)])
    assert result.ranks == ranks
    assert result.points == {"cg": 3, "og": 2, "oo": 1, "co": 0}
    assert result.votes == {} and result.margins == {}
    errors = validate_panel(BP, [ballot(BP, scores, ranks=ranks, judge_id=i) for i in (1, 2)])
    assert [(e.code, e.params) for e in errors] == [("too_many_ballots", {"count": 2})]


def test_karl_popper_low_point_win_is_carried_into_the_result():
    b = ballot(KP, {"aff": (20, 20, 20), "neg": (25, 25, 25)}, winner="aff", low_point_win=True)
    result = decide_debate(KP, [b])
    assert result.winner == "aff" and result.low_point_win
    assert not decide_debate(
        KP, [ballot(KP, {"aff": (25,) * 3, "neg": (20,) * 3}, winner="aff")]
    ).low_point_win


def test_team_round_results_feed_the_standings():
    ballots = [judge(AFF_WINS, 1, "aff"), judge(AFF_WINS, 2, "aff"), judge(NEG_WINS, 3, "neg")]
    result = decide_debate(WSDC, ballots)
    rows = team_round_results(result, {"aff": "A", "neg": "B"}, round_number=3)
    a, b = sorted(rows, key=lambda r: r.team_id)
    assert (a.team_id, a.opponent_ids, a.won, a.points, a.ballots_won, a.ballots_total) == (
        "A",
        ("B",),
        True,
        1,
        2,
        3,
    )
    assert (b.won, b.ballots_won, b.rank, b.round_number) == (False, 1, 2, 3)
    assert a.speaker_total == 252 and a.margin == 252 - 245


def test_speaker_round_scores_flag_replies():
    result = decide_debate(WSDC, [judge(AFF_WINS, 1, "aff")])
    scores = speaker_round_scores(WSDC, result, {"aff": "A", "neg": "B"}, 1)
    assert len(scores) == 8
    replies = [(s.speaker_id, s.team_id, s.score) for s in scores if s.is_reply]
    assert replies == [("aff1", "A", 36), ("neg1", "B", 35)]


def test_debate_result_round_trips_through_json():
    import json

    third = {"aff": (71, "71.5", 72, "35.5"), "neg": (70, 70, 70, 35)}
    result = decide_debate(
        WSDC, [judge(AFF_WINS, 1, "aff"), judge(third, 2, "aff"), judge(AFF_WINS, 3, "aff")]
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert DebateResult.from_dict(data) == result
    assert data["speakers"][0]["score"] == "215/3"  # (72 + 71 + 72) / 3, exact


def test_from_dict_reads_only_the_current_version():
    result = decide_debate(WSDC, [judge(AFF_WINS, 1, "aff", is_chair=True)])
    stored = result.to_dict()
    assert stored["version"] == STORED_VERSION
    with pytest.raises(ValueError, match="version"):
        DebateResult.from_dict({k: v for k, v in stored.items() if k != "version"})


def test_upgrade_stored_recovers_exact_averages_from_six_place_text():
    old = {
        "ranks": {"aff": 1, "neg": 2},
        "points": {"aff": 1, "neg": 0},
        "votes": {"aff": 3, "neg": 0},
        "voting_ballots": 3,
        "majority_judges": [1, 2, 3],
        "split": False,
        "chair_casting_vote": False,
        "low_point_win": False,
        "team_totals": {"aff": "78.333333", "neg": "75.125"},
        "margins": {"aff": "3.208333", "neg": "-3.208333"},
        "speakers": [{"side": "aff", "position": "1", "speaker_id": 1, "score": "26.666667"}],
    }
    upgraded = DebateResult.from_dict(upgrade_stored(old))
    assert upgraded.team_totals == {"aff": Fraction(235, 3), "neg": Fraction(601, 8)}
    assert upgraded.margins["aff"] == Fraction(235, 3) - Fraction(601, 8)
    assert upgraded.speakers[0].score == Fraction(80, 3)
    assert upgrade_stored(upgraded.to_dict()) == upgraded.to_dict()
