"""Confirmed debate results as the scoring engine's ``DebateResult``, read in one query.

The stored form is ``DebateResult.to_dict`` (versioned); this is the one place that reads it back
for many debates at once (a single result reads it as ``models.DebateResult.outcome``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Debate, DebateResult, Round
from tourney.scoring import DebateResult as Decision


def confirmed(*where: Any) -> dict[int, Decision]:
    """Debate id → confirmed decision, for the debates matching ``where`` (over Debate, Round)."""
    rows = db.session.execute(
        select(DebateResult.debate_id, DebateResult.decision)
        .join(Debate, Debate.id == DebateResult.debate_id)
        .join(Round, Round.id == Debate.round_id)
        .where(DebateResult.status == "confirmed", *where)
    )
    return {debate_id: Decision.from_dict(stored) for debate_id, stored in rows}
