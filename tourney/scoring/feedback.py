"""Adjudicator feedback, pure: checking a form's answers and blending feedback into a rating.

A judge's current rating is ``(1 − w) × base + w × mean feedback score`` where ``w`` is the weight
the tab director set for the round being allocated; a judge without feedback keeps the base
rating. Feedback scores are on the rating scale (0–10): a scale answer is mapped linearly from its
question's range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

RATING_MAX = Decimal(10)
TEXT_MAX = 3000
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Question:
    """What checking an answer needs to know about a question."""

    id: int
    kind: str  # scale | yesno | choice | text
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    choices: int = 0  # how many options a "choice" question has
    rates: bool = False


@dataclass(frozen=True)
class AnswerError:
    """A problem with one answer: ``field`` is the question id as text ("form" for the whole)."""

    field: str
    code: str
    params: Mapping[str, Any]


def _parse(question: Question, raw: Any) -> tuple[Any, str | None]:
    """The answer as stored (int, bool, choice index or text), or an error code."""
    text = raw.strip() if isinstance(raw, str) else raw
    if text in (None, ""):
        return None, "answer_missing" if question.required else None
    if question.kind == "text":
        if not isinstance(text, str):
            return None, "answer_invalid"
        return (text, None) if len(text) <= TEXT_MAX else (None, "answer_too_long")
    if question.kind == "yesno":
        if text in (True, "yes", "1", "true"):
            return True, None
        if text in (False, "no", "0", "false"):
            return False, None
        return None, "answer_invalid"
    value = text if isinstance(text, int) and not isinstance(text, bool) else None
    if value is None and isinstance(text, str) and text.isascii() and text.isdigit():
        value = int(text[:6])
    if value is None:
        return None, "answer_invalid"
    if question.kind == "choice":
        return (value, None) if 0 <= value < question.choices else (None, "answer_invalid")
    low, high = question.min_value or 0, question.max_value or 0
    return (value, None) if low <= value <= high else (None, "answer_out_of_range")


def check_answers(
    questions: Sequence[Question], sent: Mapping[str, Any]
) -> tuple[dict[str, Any], list[AnswerError]]:
    """The answers to keep (by question id as text) and every problem found."""
    answers: dict[str, Any] = {}
    errors: list[AnswerError] = []
    for question in questions:
        field = str(question.id)
        value, problem = _parse(question, sent.get(field))
        if problem is not None:
            params = {"min": question.min_value, "max": question.max_value, "max_length": TEXT_MAX}
            errors.append(AnswerError(field, problem, params))
        elif value is not None:
            answers[field] = value
    if not errors and not answers:
        errors.append(AnswerError("form", "answers_empty", {}))
    return answers, errors


def score_of(questions: Sequence[Question], answers: Mapping[str, Any]) -> Decimal | None:
    """The rating question's answer on the 0–10 rating scale (None when unanswered)."""
    for question in questions:
        value = answers.get(str(question.id))
        if question.rates and question.kind == "scale" and isinstance(value, int):
            low, high = question.min_value or 0, question.max_value or 0
            if high <= low:
                return None
            scaled = Decimal(value - low) / Decimal(high - low) * RATING_MAX
            return scaled.quantize(CENT, rounding=ROUND_HALF_UP)
    return None


@dataclass(frozen=True)
class Blend:
    """A judge's rating with its parts, as the tab room sees it."""

    base: Decimal
    mean: Decimal | None  # mean feedback score; None without feedback
    count: int
    weight: Decimal
    current: Decimal


def blend(base: Decimal, scores: Sequence[Decimal], weight: Decimal) -> Blend:
    """Base rating blended with the mean of the feedback scores, weighted by ``weight`` (0–1)."""
    if not Decimal(0) <= weight <= Decimal(1):
        raise ValueError("the feedback weight is between 0 and 1")
    if not scores:
        return Blend(base, None, 0, weight, base)
    mean = sum(scores, Decimal(0)) / len(scores)
    current = (Decimal(1) - weight) * base + weight * mean
    return Blend(
        base,
        mean.quantize(CENT, rounding=ROUND_HALF_UP),
        len(scores),
        weight,
        current.quantize(CENT, rounding=ROUND_HALF_UP),
    )
