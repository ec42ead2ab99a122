from decimal import Decimal

import pytest

from tourney.scoring import FORMATS, Format, SpeechPosition
from tourney.scoring.formats import BP_SIDES, TWO_TEAM_SIDES


def test_registry_has_the_five_formats_with_their_shapes():
    shapes = {
        code: (f.teams_per_debate, f.speakers_per_team, f.has_reply, f.ballot_mode)
        for code, f in FORMATS.items()
    }
    assert shapes == {
        "karl_popper": (2, 3, False, "per_judge"),
        "world_schools": (2, 3, True, "per_judge"),
        "asian_parliamentary": (2, 3, True, "per_judge"),
        "public_forum": (2, 2, False, "per_judge"),
        "british_parliamentary": (4, 2, False, "consensus"),
    }


def test_side_codes_are_aff_neg_for_two_team_formats_and_positions_for_bp():
    for f in FORMATS.values():
        assert f.sides == (BP_SIDES if f.teams_per_debate == 4 else TWO_TEAM_SIDES)


def test_a_two_team_ballot_names_the_winner_and_a_four_team_ballot_never_does():
    named = {code: f.names_winner for code, f in FORMATS.items()}
    assert named == {
        "karl_popper": True,
        "world_schools": True,
        "asian_parliamentary": True,
        "public_forum": True,
        "british_parliamentary": False,
    }
    bp = FORMATS["british_parliamentary"]
    for scored in (False, True):
        for final in (False, True):
            assert not bp.for_elimination(scored=scored, final=final).names_winner


def test_domain_scales():
    wsdc = FORMATS["world_schools"]
    assert (wsdc.position("1").score_min, wsdc.position("1").score_max) == (60, 80)
    assert (wsdc.position("reply").score_min, wsdc.position("reply").score_max) == (30, 40)
    assert wsdc.position("reply").reply_by == ("1", "2")
    ap = FORMATS["asian_parliamentary"].position("reply")
    assert (ap.score_min, ap.score_max, ap.score_step) == (Decimal("33.5"), 41.5, Decimal("0.5"))
    bp = FORMATS["british_parliamentary"]
    assert bp.points_by_rank == (3, 2, 1, 0)
    assert (bp.position("1").score_min, bp.position("1").score_max) == (50, 100)
    assert not bp.low_point_wins_allowed


def test_step_check_is_exact_for_halves_and_tenths():
    wsdc = FORMATS["world_schools"].position("1")
    assert wsdc.on_step(Decimal("75.5")) and not wsdc.on_step(Decimal("75.3"))
    pf = FORMATS["public_forum"].position("1")
    assert pf.on_step(Decimal("28.3")) and not pf.on_step(Decimal("28.35"))


@pytest.mark.parametrize("code", sorted(FORMATS))
def test_round_trip_through_dict(code):
    fmt = FORMATS[code]
    assert Format.from_dict(fmt.to_dict()) == fmt


def test_organiser_adjusts_the_karl_popper_scale():
    kp = FORMATS["karl_popper"]
    adjusted = kp.with_score_range("2", "1", "10", "0.5")
    assert adjusted.position("2").score_max == 10
    assert adjusted.position("2").score_step == Decimal("0.5")
    assert adjusted.position("1") == kp.position("1")
    assert kp.position("2").score_max == 30  # the registry format is unchanged
    assert Format.from_dict(adjusted.to_dict()) == adjusted


def test_with_options_revalidates():
    kp = FORMATS["karl_popper"]
    assert not kp.with_options(low_point_wins_allowed=False).low_point_wins_allowed
    with pytest.raises(ValueError, match="unknown standings metrics"):
        kp.with_options(standings_precedence=("wins", "charisma"))
    with pytest.raises(KeyError):
        kp.with_score_range("reply", 1, 2, 1)


@pytest.mark.parametrize(
    "bad",
    [
        {"ballot_mode": "per_judge", "sides": BP_SIDES, "points_by_rank": (3, 2, 1, 0)},
        {"ballot_mode": "shouting"},
        {"points_by_rank": (0, 1)},
        {"sides": ("aff", "aff")},
    ],
)
def test_inconsistent_formats_are_rejected(bad):
    with pytest.raises(ValueError):
        FORMATS["karl_popper"].with_options(**bad)


def test_positions_reject_bad_scales():
    with pytest.raises(ValueError):
        SpeechPosition("1", Decimal(30), Decimal(15), Decimal(1))
    with pytest.raises(ValueError):
        SpeechPosition("1", Decimal(60), Decimal(80), Decimal(3))  # 80 is not 60 + k*3
