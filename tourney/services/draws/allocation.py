"""Allocating a drawn round: judges and rooms placed by the allocation engine."""

from __future__ import annotations

from sqlalchemy import delete, update

from tourney.extensions import db
from tourney.models import Debate, DebateAdjudicator, Round, RoundStatus, User
from tourney.models._base import utcnow
from tourney.pairing import allocation_model as alloc
from tourney.pairing.allocate import allocate
from tourney.services import audit
from tourney.services.draws.claims import claim, commit
from tourney.services.draws.engine_input import round_context
from tourney.services.errors import ServiceError


def allocate_round(round_: Round, user: User) -> alloc.Allocation:
    """Place judges and rooms for the drawn round (replacing any earlier allocation)."""
    if not round_.is_drawn:
        raise ServiceError("allocate_needs_draft", round=round_.seq)
    context = round_context(round_)
    allocation = allocate(context.request)
    claim(round_, statuses=(RoundStatus.DRAWN,))
    db.session.execute(delete(DebateAdjudicator).where(DebateAdjudicator.round_id == round_.id))
    db.session.execute(update(Debate).where(Debate.round_id == round_.id).values(venue_id=None))
    seats = []
    venue_rows = []
    for panel in allocation.panels:
        debate_id = int(panel.debate)
        roles = [(panel.chair, "chair")] if panel.chair else []
        roles += [(j, "panellist") for j in panel.panellists]
        roles += [(j, "trainee") for j in panel.trainees]
        seats += [
            {"debate_id": debate_id, "round_id": round_.id, "adjudicator_id": int(j), "role": role}
            for j, role in roles
        ]
        venue_rows.append(
            {
                "id": debate_id,
                "venue_id": int(panel.room) if panel.room else None,
                "explanation": {
                    **context.debates[panel.debate].explanation,
                    "allocation": [[i.code, dict(i.params)] for i in panel.warnings],
                },
            }
        )
    if seats:
        db.session.execute(DebateAdjudicator.__table__.insert(), seats)
    if venue_rows:
        db.session.execute(update(Debate), venue_rows)
    db.session.execute(update(Round).where(Round.id == round_.id).values(allocated_at=utcnow()))
    audit.record(
        round_.tournament_id,
        "draw_allocated",
        user=user,
        round=round_.seq,
        uncovered=len(allocation.uncovered),
        unallocated=len(allocation.unallocated),
    )
    commit(round_)
    db.session.expire_all()
    return allocation
