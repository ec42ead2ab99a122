"""Feedback answers are checked against their questions; ratings blend base and feedback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tourney.scoring.feedback import Question, blend, check_answers, score_of

SCALE = Question(1, "scale", required=True, min_value=1, max_value=5, rates=True)
YES_NO = Question(2, "yesno")
CHOICE = Question(3, "choice", choices=3)
TEXT = Question(4, "text")
FORM = (SCALE, YES_NO, CHOICE, TEXT)


def test_answers_are_kept_in_their_stored_shapes() -> None:
    answers, errors = check_answers(FORM, {"1": "4", "2": "no", "3": "2", "4": " Good "})
    assert errors == []
    assert answers == {"1": 4, "2": False, "3": 2, "4": "Good"}
    assert score_of(FORM, answers) == Decimal("7.50")  # 4 on 1–5 is 3/4 of the way


@pytest.mark.parametrize(
    ("sent", "field", "code"),
    [
        ({}, "1", "answer_missing"),
        ({"1": "6"}, "1", "answer_out_of_range"),
        ({"1": "0"}, "1", "answer_out_of_range"),
        ({"1": "4.5"}, "1", "answer_invalid"),
        ({"1": "٣"}, "1", "answer_invalid"),  # digits of another script are not numbers here
        ({"1": "3", "2": "maybe"}, "2", "answer_invalid"),
        ({"1": "3", "3": "3"}, "3", "answer_invalid"),
        ({"1": "3", "4": "x" * 3001}, "4", "answer_too_long"),
    ],
)
def test_bad_answers_are_named(sent, field, code) -> None:
    _, errors = check_answers(FORM, sent)
    assert (field, code) in {(e.field, e.code) for e in errors}


def test_an_empty_form_is_refused_even_without_required_questions() -> None:
    _, errors = check_answers((YES_NO, TEXT), {"2": "", "4": "  "})
    assert [(e.field, e.code) for e in errors] == [("form", "answers_empty")]


def test_the_blend_weights_base_against_the_mean_feedback() -> None:
    parts = blend(Decimal("8"), [Decimal("4"), Decimal("6")], Decimal("0.25"))
    assert (parts.base, parts.mean, parts.count, parts.weight) == (8, 5, 2, Decimal("0.25"))
    assert parts.current == Decimal("7.25")  # 0.75 × 8 + 0.25 × 5
    assert blend(Decimal("8"), [Decimal("4")], Decimal(0)).current == 8
    assert blend(Decimal("8"), [Decimal("4")], Decimal(1)).current == 4


def test_without_feedback_the_base_rating_stands_whatever_the_weight() -> None:
    parts = blend(Decimal("6.5"), [], Decimal("0.9"))
    assert parts.current == Decimal("6.5") and parts.mean is None and parts.count == 0


def test_a_weight_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError):
        blend(Decimal(5), [Decimal(5)], Decimal("1.5"))
