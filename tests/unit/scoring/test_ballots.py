from decimal import Decimal

import pytest

from tourney.scoring import (
    ERROR_CODES,
    FORMATS,
    BallotError,
    BallotInput,
    DebateContext,
    SpeechScore,
    validate_ballot,
)

from .builders import ballot, roster

KP = FORMATS["karl_popper"]
WSDC = FORMATS["world_schools"]
AP = FORMATS["asian_parliamentary"]
BP = FORMATS["british_parliamentary"]


def codes(errors: list[BallotError]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in errors]


def wsdc_ballot(aff=(70, 71, 72, 35), neg=(69, 70, 70, 34.5), **options):
    options.setdefault("winner", "aff")
    return ballot(WSDC, {"aff": aff, "neg": neg}, **options)


def test_a_clean_wsdc_ballot_with_half_points_passes():
    assert validate_ballot(WSDC, roster(WSDC), wsdc_ballot(aff=(70.5, 71, 72, 35.5))) == []


def test_every_error_code_is_documented_once():
    assert len(ERROR_CODES) == len(set(ERROR_CODES))
    assert "score_off_step" in ERROR_CODES and "low_point_win_unmarked" in ERROR_CODES


def test_score_out_of_range_and_off_step_carry_parameters():
    errors = validate_ballot(WSDC, roster(WSDC), wsdc_ballot(aff=(81, 70.3, 72, 35)))
    assert errors[:2] == [
        BallotError("aff.1.score", "score_out_of_range", {"score": "81", "min": "60", "max": "80"}),
        BallotError("aff.2.score", "score_off_step", {"score": "70.3", "step": "0.5"}),
    ]


def test_reply_by_the_third_speaker_is_rejected():
    errors = validate_ballot(WSDC, roster(WSDC), wsdc_ballot(reply_by={"neg": 3}))
    assert errors == [
        BallotError(
            "neg.reply.speaker",
            "reply_speaker_ineligible",
            {"speaker_id": "neg3", "allowed_positions": ["1", "2"]},
        )
    ]


def test_reply_by_second_speaker_is_fine():
    assert (
        validate_ballot(
            AP,
            roster(AP),
            ballot(
                AP,
                {"aff": (75, 76, 77, "38.5"), "neg": (70, 70, 70, 35)},
                reply_by={"aff": 2},
                winner="aff",
            ),
        )
        == []
    )


def test_speaker_from_the_other_team_and_repeated_speaker():
    b = wsdc_ballot()
    speeches = dict(b.speeches)
    speeches["aff"] = (
        SpeechScore("1", "aff1", Decimal(70)),
        SpeechScore("2", "aff1", Decimal(71)),
        SpeechScore("3", "neg1", Decimal(72)),
        SpeechScore("reply", "aff1", Decimal(35)),
    )
    errors = validate_ballot(WSDC, roster(WSDC), BallotInput(speeches=speeches, winner="aff"))
    assert codes(errors) == [
        ("aff.2.speaker", "speaker_repeated"),
        ("aff.3.speaker", "speaker_not_in_team"),
    ]
    assert errors[0].params == {"speaker_id": "aff1", "first_field": "aff.1.speaker"}


def test_missing_and_unknown_slots():
    b = BallotInput(
        speeches={
            "aff": (SpeechScore("1", "aff1", Decimal(20)), SpeechScore("4", "aff2", Decimal(20))),
            "gov": (),
        },
        winner="aff",
    )
    assert codes(validate_ballot(KP, roster(KP), b)) == [
        ("neg", "side_missing"),
        ("gov", "side_unknown"),
        ("aff.4", "position_unknown"),
        ("aff.2", "position_missing"),
        ("aff.3", "position_missing"),
    ]


def test_missing_speaker_and_score():
    b = ballot(KP, {"aff": (20, 20, 20), "neg": (20, 20, 20)}, winner="aff")
    speeches = {**b.speeches, "neg": (SpeechScore("1", None, None), *b.speeches["neg"][1:])}
    errors = validate_ballot(KP, roster(KP), BallotInput(speeches=speeches, winner="neg"))
    assert codes(errors) == [("neg.1.score", "score_missing"), ("neg.1.speaker", "speaker_missing")]


def test_declared_totals_must_match():
    b = wsdc_ballot(declared_totals={"aff": Decimal(248), "neg": Decimal(244)})
    assert validate_ballot(WSDC, roster(WSDC), b) == [
        BallotError("neg.total", "total_mismatch", {"declared": "244", "computed": "243.5"})
    ]


@pytest.mark.parametrize(
    ("winner", "expected"),
    [
        ("aff", []),
        ("neg", [("winner", "low_point_win_forbidden")]),
        (None, [("winner", "winner_missing")]),
        ("gov", [("winner", "winner_unknown")]),
    ],
)
def test_wsdc_winner_must_have_the_higher_total(winner, expected):
    assert codes(validate_ballot(WSDC, roster(WSDC), wsdc_ballot(winner=winner))) == expected


def test_wsdc_forbids_tied_totals():
    errors = validate_ballot(WSDC, roster(WSDC), wsdc_ballot(neg=(70, 71, 72, 35)))
    assert codes(errors) == [("winner", "totals_tied")]


def test_karl_popper_low_point_win_must_be_marked():
    scores = {"aff": (20, 20, 20), "neg": (25, 25, 25)}
    unmarked = ballot(KP, scores, winner="aff")
    marked = ballot(KP, scores, winner="aff", low_point_win=True)
    assert codes(validate_ballot(KP, roster(KP), unmarked)) == [
        ("low_point_win", "low_point_win_unmarked")
    ]
    assert validate_ballot(KP, roster(KP), marked) == []


def test_low_point_flag_on_a_normal_win_is_wrong():
    b = ballot(KP, {"aff": (25, 25, 25), "neg": (20, 20, 20)}, winner="aff", low_point_win=True)
    assert codes(validate_ballot(KP, roster(KP), b)) == [
        ("low_point_win", "low_point_win_flag_wrong")
    ]


def test_karl_popper_allows_tied_totals_with_a_declared_winner():
    b = ballot(KP, {"aff": (20, 20, 20), "neg": (20, 20, 20)}, winner="neg")
    assert validate_ballot(KP, roster(KP), b) == []


def test_organiser_can_forbid_low_point_wins_in_karl_popper():
    strict = KP.with_options(low_point_wins_allowed=False)
    b = ballot(strict, {"aff": (20, 20, 20), "neg": (25, 25, 25)}, winner="aff", low_point_win=True)
    assert codes(validate_ballot(strict, roster(strict), b)) == [
        ("winner", "low_point_win_forbidden")
    ]


BP_SCORES = {"og": (75, 76), "oo": (74, 74), "cg": (78, 77), "co": (70, 71)}


def test_bp_ranks_consistent_with_scores_pass():
    b = ballot(BP, BP_SCORES, ranks={"cg": 1, "og": 2, "oo": 3, "co": 4})
    assert validate_ballot(BP, roster(BP), b) == []


def test_bp_ranks_must_be_distinct_complete_and_in_range():
    b = ballot(BP, BP_SCORES, ranks={"cg": 1, "og": 1, "oo": 5})
    assert validate_ballot(BP, roster(BP), b) == [
        BallotError("ranks.oo", "rank_invalid", {"rank": 5, "max": 4}),
        BallotError("ranks.cg", "ranks_not_distinct", {"rank": 1, "other_side": "og"}),
        BallotError("ranks.co", "ranks_missing"),
    ]


def test_bp_rank_against_scores_is_a_forbidden_low_point_win():
    b = ballot(BP, BP_SCORES, ranks={"og": 1, "cg": 2, "oo": 3, "co": 4})
    assert validate_ballot(BP, roster(BP), b) == [
        BallotError(
            "ranks.og",
            "low_point_win_forbidden",
            {"total": "151", "other_side": "cg", "other_total": "155"},
        )
    ]


def test_bp_tied_totals_are_forbidden():
    scores = {**BP_SCORES, "oo": (75, 76)}
    b = ballot(BP, scores, ranks={"cg": 1, "og": 2, "oo": 3, "co": 4})
    assert codes(validate_ballot(BP, roster(BP), b)) == [("ranks.og", "totals_tied")]


def test_a_winner_on_a_bp_ballot_and_ranks_on_a_two_team_ballot_are_unexpected():
    b = ballot(BP, BP_SCORES, ranks={"cg": 1, "og": 2, "oo": 3, "co": 4}, winner="og")
    assert codes(validate_ballot(BP, roster(BP), b)) == [("winner", "unexpected_field")]
    b2 = wsdc_ballot(ranks={"aff": 1, "neg": 2})
    assert codes(validate_ballot(WSDC, roster(WSDC), b2)) == [("ranks", "unexpected_field")]


def test_speaker_ids_may_be_integers():
    context = DebateContext({"aff": {1, 2, 3}, "neg": {4, 5, 6}})
    speeches = {
        side: tuple(SpeechScore(str(p), base + p, Decimal(20)) for p in (1, 2, 3))
        for side, base in (("aff", 0), ("neg", 3))
    }
    assert validate_ballot(KP, context, BallotInput(speeches=speeches, winner="aff")) == []
