"""The audit log: who did what and when. Recorded inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from tourney.extensions import db
from tourney.models import AuditEvent, User


def record(
    tournament_id: int | None,
    action: str,
    *,
    user: User | None = None,
    actor: str = "",
    **details: Any,
) -> AuditEvent:
    event = AuditEvent(
        tournament_id=tournament_id,
        user_id=user.id if user is not None else None,
        actor=actor or (f"user:{user.username}" if user is not None else "system"),
        action=action,
        details=details,
    )
    db.session.add(event)
    return event
