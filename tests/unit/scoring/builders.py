"""Small builders for scoring tests: ballots with speaker ids like "aff1", "neg2"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from tourney.scoring import (
    BallotInput,
    DebateContext,
    Format,
    SpeechScore,
    StandingRow,
    Standings,
    TeamRoundResult,
)
from tourney.scoring.values import TeamId


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


def debate(
    round_number: int,
    aff: str,
    neg: str,
    winner: str,
    speaks: tuple[int | str, int | str] = (200, 200),
    votes: tuple[int, int] | None = None,
) -> list[TeamRoundResult]:
    """Both teams' records of a two-team debate; `votes` defaults to a unanimous solo judge."""
    aff_won = winner == aff
    won_votes, lost_votes = votes or (1, 0)
    aff_speaks, neg_speaks = Decimal(str(speaks[0])), Decimal(str(speaks[1]))
    return [
        TeamRoundResult(
            team_id=team,
            round_number=round_number,
            opponent_ids=(other,),
            side=side,
            points=int(won),
            won=won,
            rank=1 if won else 2,
            ballots_won=won_votes if won else lost_votes,
            ballots_total=won_votes + lost_votes,
            speaker_total=own,
            margin=own - theirs,
        )
        for team, other, side, won, own, theirs in (
            (aff, neg, "aff", aff_won, aff_speaks, neg_speaks),
            (neg, aff, "neg", not aff_won, neg_speaks, aff_speaks),
        )
    ]


def ladder(*groups: str | Sequence[TeamId], values: Sequence[Mapping[str, int]] = ()) -> Standings:
    """Standings from groups in order; teams in one group share a rank (an unresolved tie).

    `values[i]` gives the metric values of group i (default: wins counting down from the top).
    """
    rows = []
    for index, group in enumerate(groups):
        members = list(group)
        metrics = values[index] if values else {"wins": len(groups) - index}
        for position, team in enumerate(members):
            rows.append(
                StandingRow(
                    team_id=team,
                    rank=len(rows) - position + 1,
                    rounds=1,
                    values={k: Fraction(v) for k, v in metrics.items()},
                    separated_by=None if not rows else ("tied" if position else "wins"),
                )
            )
    ties = tuple(tuple(g) for g in groups if len(g) > 1)
    return Standings(("wins",), tuple(rows), ties)
