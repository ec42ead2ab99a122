"""Does an id sent by the browser belong to this tournament?

Ids in URLs and forms are chosen by the client. Every use case that takes one checks it against the
tournament it acts on, so a wrong or hostile id (another championship's team) is refused instead of
written as a reference a backup of this championship could not restore.
"""

from __future__ import annotations

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Adjudicator, Team, Venue

OWNED = {"team": Team, "adjudicator": Adjudicator, "venue": Venue}


def owned_by(tournament_id: int, kind: str, entity_id: int) -> bool:
    """True when the ``kind`` ("team", "adjudicator", "venue") with this id is the tournament's."""
    model = OWNED[kind]
    found = db.session.scalar(
        select(model.id).where(model.id == entity_id, model.tournament_id == tournament_id)
    )
    return found is not None
