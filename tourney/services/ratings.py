"""Judges' ratings: the base rating blended with feedback, as the allocator uses it.

For a round, each judge's current rating blends the base rating with the mean score of the
feedback received in the tournament's earlier rounds, weighted by the round's feedback weight
(``scoring.feedback.blend``). Changing the weight and allocating again places judges by the new
figures.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Adjudicator, Feedback, Round, RoundStatus, Tournament, User
from tourney.scoring.feedback import Blend, blend
from tourney.services import audit
from tourney.services.errors import ServiceError


def ratings_for_round(round_: Round) -> dict[int, Blend]:
    """Every judge of the tournament: base, mean feedback before this round, weight, current."""
    judges = db.session.execute(
        select(Adjudicator.id, Adjudicator.rating).where(
            Adjudicator.tournament_id == round_.tournament_id
        )
    ).all()
    scores: dict[int, list[Decimal]] = {}
    rows = db.session.execute(
        select(Feedback.target_id, Feedback.score)
        .join(Round, Round.id == Feedback.round_id)
        .where(
            Round.tournament_id == round_.tournament_id,
            Round.seq < round_.seq,
            Feedback.status == "current",
            Feedback.score.is_not(None),
        )
    )
    for target_id, score in rows:
        scores.setdefault(target_id, []).append(Decimal(score))
    weight = Decimal(round_.feedback_weight or 0)
    return {
        judge_id: blend(Decimal(base), scores.get(judge_id, []), weight)
        for judge_id, base in judges
    }


def next_round(tournament: Tournament) -> Round | None:
    """The round whose allocation the ratings page speaks about: the first one not closed."""
    return db.session.scalar(
        select(Round)
        .where(Round.tournament_id == tournament.id, Round.status != RoundStatus.CLOSED)
        .order_by(Round.seq)
        .limit(1)
    )


def parse_weight(text: str) -> Decimal:
    """A weight typed by a person ("0.3", "0,3", "30%"); refused unless 0–1 in hundredths."""
    raw = (text or "").strip().replace(",", ".")
    try:
        value = Decimal(raw[:-1]) / 100 if raw.endswith("%") else Decimal(raw)
    except InvalidOperation as error:
        raise ServiceError("weight_invalid") from error
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
        raise ServiceError("weight_invalid")
    if value != value.quantize(Decimal("0.01")):
        raise ServiceError("weight_invalid")
    return value


def set_weights(tournament: Tournament, weights: dict[int, Decimal], user: User) -> None:
    """The feedback weight of each round (by seq); the next allocation uses it."""
    rounds = db.session.scalars(select(Round).where(Round.tournament_id == tournament.id))
    changed = {}
    for round_ in rounds:
        if round_.seq in weights and Decimal(round_.feedback_weight or 0) != weights[round_.seq]:
            round_.feedback_weight = weights[round_.seq]
            changed[str(round_.seq)] = f"{weights[round_.seq]:f}"
    if changed:
        audit.record(tournament.id, "feedback_weights_set", user=user, weights=changed)
    db.session.commit()
