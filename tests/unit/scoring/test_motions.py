"""Motion balance: side wins, BP average points and the binomial flag."""

from __future__ import annotations

import pytest

from tourney.scoring.motions import balance, binomial_p_value


def test_the_binomial_p_value_matches_known_values() -> None:
    assert binomial_p_value(5, 10, 0.5) == pytest.approx(1.0)
    assert binomial_p_value(9, 10, 0.5) == pytest.approx(22 / 1024)
    assert binomial_p_value(0, 0, 0.5) == 1.0


def test_a_two_team_motion_is_flagged_only_when_one_side_wins_too_often() -> None:
    sides = ("aff", "neg")
    even = balance([{"aff": 1, "neg": 2}] * 6 + [{"aff": 2, "neg": 1}] * 4, sides)
    assert even.wins == {"aff": 6, "neg": 4} and not even.unbalanced
    skewed = balance([{"aff": 1, "neg": 2}] * 10 + [{"aff": 2, "neg": 1}], sides)
    assert skewed.unbalanced and skewed.p_value < 0.05


def test_bp_averages_points_per_position_and_tests_each_position() -> None:
    sides = ("og", "oo", "cg", "co")
    rooms = [{"og": 1, "oo": 2, "cg": 3, "co": 4}] * 12
    found = balance(rooms, sides)
    assert found.average_points == {"og": 3.0, "oo": 2.0, "cg": 1.0, "co": 0.0}
    assert found.unbalanced
    rotating = [
        dict(zip(sides, ranks, strict=True))
        for ranks in ((1, 2, 3, 4), (2, 3, 4, 1), (3, 4, 1, 2), (4, 1, 2, 3))
    ]
    assert not balance(rotating * 3, sides).unbalanced
