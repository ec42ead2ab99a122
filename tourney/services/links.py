"""Private links for adjudicators (ballots, feedback) and teams (feedback): random, unguessable,
revocable."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Adjudicator, Team, Tournament, User
from tourney.services import audit

TOKEN_BYTES = 18  # 144 bits, printed as 24 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _holder(subject: Adjudicator | Team) -> dict[str, int]:
    if isinstance(subject, Team):
        return {"team_id": subject.id}
    return {"adjudicator_id": subject.id}


def _kind(subject: Adjudicator | Team) -> str:
    return "team" if isinstance(subject, Team) else "judge"


def revoke(subject: Adjudicator | Team, user: User) -> None:
    """Disable the link at once (a lost tablet, a leaked QR code)."""
    subject.token = None
    audit.record(
        subject.tournament_id, f"{_kind(subject)}_link_revoked", user=user, **_holder(subject)
    )
    db.session.commit()


def reissue(subject: Adjudicator | Team, user: User) -> str:
    """A fresh link; the old one stops working."""
    subject.token = new_token()
    audit.record(
        subject.tournament_id, f"{_kind(subject)}_link_reissued", user=user, **_holder(subject)
    )
    db.session.commit()
    return subject.token


def issue_missing(tournament: Tournament, user: User) -> int:
    """A link for every team and judge of the tournament without one; returns how many."""
    issued = 0
    for model in (Team, Adjudicator):
        for subject in db.session.scalars(
            select(model).where(model.tournament_id == tournament.id, model.token.is_(None))
        ):
            subject.token = new_token()
            issued += 1
    if issued:
        audit.record(tournament.id, "links_issued", user=user, count=issued)
    db.session.commit()
    return issued
