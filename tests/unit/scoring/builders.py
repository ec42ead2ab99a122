"""Small builders for scoring tests: ballots with speaker ids like "aff1", "neg2"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from tourney.scoring import BallotInput, DebateContext, Format, SpeechScore


def roster(fmt: Format, size: int = 4) -> DebateContext:
    return DebateContext({side: {f"{side}{i}" for i in range(1, size + 1)} for side in fmt.sides})


def ballot(
    fmt: Format,
    scores: Mapping[str, Sequence[str | int]],
    *,
    reply_by: Mapping[str, int] | None = None,
    **options: object,
) -> BallotInput:
    """A ballot where side S's speaker i gives position i; scores in format position order."""
    speeches = {}
    for side, side_scores in scores.items():
        items = []
        for position, score in zip(fmt.positions, side_scores, strict=True):
            speaker = (reply_by or {}).get(side, 1) if position.is_reply else int(position.code)
            items.append(SpeechScore(position.code, f"{side}{speaker}", Decimal(str(score))))
        speeches[side] = tuple(items)
    return BallotInput(speeches=speeches, **options)  # type: ignore[arg-type]
