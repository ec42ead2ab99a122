"""A round's life cycle after the draw: release it, close the round, release the results."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from tourney.extensions import db
from tourney.models import Ballot, Debate, DebateResult, Round, RoundStatus, User
from tourney.models._base import utcnow
from tourney.services import audit
from tourney.services.draws.claims import claim, commit
from tourney.services.draws.edits import claim_edit
from tourney.services.errors import Conflict, ServiceError


def release_draw(round_: Round, user: User) -> None:
    """Publish the draw and the motion. Only a drawn round, and only once."""
    if not round_.is_drawn:
        raise ServiceError(
            "draw_already_released" if round_.draw_public else "no_draw",
            round=round_.seq,
        )
    claim(round_, statuses=(RoundStatus.DRAWN,), new_status=RoundStatus.RELEASED)
    db.session.execute(update(Round).where(Round.id == round_.id).values(draw_released_at=utcnow()))
    audit.record(round_.tournament_id, "draw_released", user=user, round=round_.seq)
    commit(round_)
    db.session.refresh(round_)


def release_checks(round_: Round) -> list[tuple[str, dict[str, Any]]]:
    """What is missing before the draw goes public (the organiser confirms with this list):
    no motion, no allocation yet, debates without a chair, debates without a room."""
    missing: list[tuple[str, dict[str, Any]]] = []
    if not round_.motions or not round_.motions[0].text.strip():
        missing.append(("no_motion", {}))
    if round_.allocated_at is None:
        missing.append(("not_allocated", {}))
    debates = list(round_.debates)
    no_chair = [d for d in debates if not any(s.role == "chair" for s in d.adjudicators)]
    no_room = [d for d in debates if d.venue_id is None]
    if no_chair:
        missing.append(("debates_without_chair", {"count": len(no_chair)}))
    if no_room:
        missing.append(("debates_without_room", {"count": len(no_room)}))
    return missing


def ballots_arrived(round_: Round) -> bool:
    """Has any judge (or clerk) sent a ballot for a debate of this round?"""
    in_round = select(Debate.id).where(Debate.round_id == round_.id)
    return (
        db.session.scalar(select(Ballot.id).where(Ballot.debate_id.in_(in_round)).limit(1))
        is not None
    )


def withdraw_release(round_: Round, user: User) -> None:
    """Undo a draw release (back to a drawn round, hidden again) while no ballot has arrived."""
    if not round_.is_released:
        raise ServiceError("draw_not_released", round=round_.seq)
    claim_edit(
        round_,
        [d.id for d in round_.debates],
        statuses=(RoundStatus.RELEASED,),
        new_status=RoundStatus.DRAWN,
        refusal="release_has_ballots",
    )
    db.session.execute(update(Round).where(Round.id == round_.id).values(draw_released_at=None))
    audit.record(round_.tournament_id, "draw_release_withdrawn", user=user, round=round_.seq)
    commit(round_)
    db.session.refresh(round_)


def missing_results(round_: Round) -> int:
    """Debates of the round without a confirmed result."""
    confirmed = (
        select(DebateResult.debate_id).where(DebateResult.status == "confirmed").scalar_subquery()
    )
    return (
        db.session.scalar(
            select(func.count(Debate.id)).where(
                Debate.round_id == round_.id, Debate.id.not_in(confirmed)
            )
        )
        or 0
    )


def close_round(round_: Round, user: User) -> None:
    """Close a released round once every debate has a confirmed result."""
    if not round_.is_released:
        raise ServiceError("round_not_released", round=round_.seq)
    missing = missing_results(round_)
    if missing:
        raise ServiceError("results_missing", round=round_.seq, count=missing)
    claim(round_, statuses=(RoundStatus.RELEASED,), new_status=RoundStatus.CLOSED)
    audit.record(round_.tournament_id, "round_closed", user=user, round=round_.seq)
    commit(round_)
    db.session.refresh(round_)


def release_results(round_: Round, user: User) -> None:
    """Publish a closed round's results to the public pages (once)."""
    if not round_.is_closed:
        raise ServiceError("round_not_closed", round=round_.seq)
    if round_.results_released_at is not None:
        raise ServiceError("results_already_released", round=round_.seq)
    claimed = db.session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.results_released_at.is_(None))
        .values(results_released_at=utcnow())
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Conflict(round=round_.seq)
    audit.record(round_.tournament_id, "results_released", user=user, round=round_.seq)
    commit(round_)
    db.session.refresh(round_)
