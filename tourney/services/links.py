"""Private ballot links for adjudicators: random, unguessable, revocable."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, User
from tourney.services import audit

TOKEN_BYTES = 18  # 144 bits, printed as 24 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


LINK_CHANGES = ("judge_link_revoked", "judge_link_reissued")


def fingerprint(token: str) -> str:
    """What the audit log keeps of a replaced link: enough to recognise it, not to use it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _replace(adjudicator: Adjudicator, user: User, action: str, token: str | None) -> None:
    old = adjudicator.token
    adjudicator.token = token
    audit.record(
        adjudicator.tournament_id,
        action,
        user=user,
        adjudicator_id=adjudicator.id,
        replaced=fingerprint(old) if old else "",
    )
    db.session.commit()


def revoke(adjudicator: Adjudicator, user: User) -> None:
    """Disable the judge's link at once (a lost tablet, a leaked QR code)."""
    _replace(adjudicator, user, "judge_link_revoked", None)


def reissue(adjudicator: Adjudicator, user: User) -> str:
    """A fresh link for the judge; the old one stops working."""
    token = new_token()
    _replace(adjudicator, user, "judge_link_reissued", token)
    return token


def was_replaced(token: str) -> bool:
    """The token was a real link once, revoked or replaced since (the judge should ask the tab
    room), as opposed to one that was never issued. One query either way."""
    found = db.session.scalar(
        select(AuditEvent.id)
        .where(
            AuditEvent.action.in_(LINK_CHANGES),
            AuditEvent.details["replaced"].as_string() == fingerprint(token),
        )
        .limit(1)
    )
    return found is not None
