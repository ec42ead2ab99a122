"""Private links for adjudicators (ballots, feedback) and teams (feedback): random, unguessable,
revocable."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, Team, Tournament, User
from tourney.services import audit

TOKEN_BYTES = 18  # 144 bits, printed as 24 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


LINK_CHANGES = (
    "judge_link_revoked",
    "judge_link_reissued",
    "team_link_revoked",
    "team_link_reissued",
)


def fingerprint(token: str) -> str:
    """What the audit log keeps of a replaced link: enough to recognise it, not to use it."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _holder(subject: Adjudicator | Team) -> dict[str, int]:
    if isinstance(subject, Team):
        return {"team_id": subject.id}
    return {"adjudicator_id": subject.id}


def _kind(subject: Adjudicator | Team) -> str:
    return "team" if isinstance(subject, Team) else "judge"


def _replace(subject: Adjudicator | Team, user: User, change: str, token: str | None) -> None:
    old = subject.token
    subject.token = token
    audit.record(
        subject.tournament_id,
        f"{_kind(subject)}_link_{change}",
        user=user,
        replaced=fingerprint(old) if old else "",
        **_holder(subject),
    )
    db.session.commit()


def revoke(subject: Adjudicator | Team, user: User) -> None:
    """Disable the link at once (a lost tablet, a leaked QR code)."""
    _replace(subject, user, "revoked", None)


def reissue(subject: Adjudicator | Team, user: User) -> str:
    """A fresh link; the old one stops working."""
    token = new_token()
    _replace(subject, user, "reissued", token)
    return token


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


def was_replaced(token: str) -> bool:
    """The token was a real link once, revoked or replaced since (its holder should ask the tab
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
