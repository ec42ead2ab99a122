"""A confirmed two-team decision in the stored form, for tests that write results straight to the
database: built as the scoring engine's ``DebateResult``, so it is stored as the app stores it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from tourney.scoring import DebateResult, SpeakerResult


def stored_decision(
    winner: str, loser: str, speeches: list[tuple[str, str, int, int]]
) -> dict[str, Any]:
    """``speeches``: (side, position, speaker id, score); one judge's ballot decided it."""
    speakers = tuple(
        SpeakerResult(side, pos, sid, Fraction(score)) for side, pos, sid, score in speeches
    )
    totals = {
        side: sum((s.score for s in speakers if s.side == side), Fraction(0))
        for side in (winner, loser)
    }
    return DebateResult(
        ranks={winner: 1, loser: 2},
        points={winner: 1, loser: 0},
        votes={winner: 1, loser: 0},
        voting_ballots=1,
        majority_judges=(),
        split=False,
        chair_casting_vote=False,
        speakers=speakers,
        team_totals=totals,
        margins={winner: totals[winner] - totals[loser], loser: totals[loser] - totals[winner]},
        low_point_win=totals[winner] < totals[loser],
    ).to_dict()
