"""Private ballot links for adjudicators: random, unguessable, revocable."""

from __future__ import annotations

import secrets

from tourney.extensions import db
from tourney.models import Adjudicator, User
from tourney.services import audit

TOKEN_BYTES = 18  # 144 bits, printed as 24 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def revoke(adjudicator: Adjudicator, user: User) -> None:
    """Disable the judge's link at once (a lost tablet, a leaked QR code)."""
    adjudicator.token = None
    audit.record(
        adjudicator.tournament_id, "judge_link_revoked", user=user, adjudicator_id=adjudicator.id
    )
    db.session.commit()


def reissue(adjudicator: Adjudicator, user: User) -> str:
    """A fresh link for the judge; the old one stops working."""
    adjudicator.token = new_token()
    audit.record(
        adjudicator.tournament_id, "judge_link_reissued", user=user, adjudicator_id=adjudicator.id
    )
    db.session.commit()
    return adjudicator.token
