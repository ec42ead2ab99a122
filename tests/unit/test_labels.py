from decimal import Decimal
from fractions import Fraction

from tourney.labels import score_text


def test_score_text_is_exact_where_it_can_be() -> None:
    assert score_text(Fraction(151, 2)) == "75.5"
    assert score_text(Fraction(224)) == "224"
    assert score_text(Fraction(200)) == "200"
    assert score_text(Fraction(-5)) == "-5"
    assert score_text(Fraction(0)) == "0"
    assert score_text(Fraction(226, 3)) == "75.333333"
    assert Decimal(score_text(Fraction(1, 8))) == Decimal("0.125")
