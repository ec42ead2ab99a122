"""The audit log: who did what and when. Recorded inside the caller's transaction; read back a
page at a time, filtered by round, person and kind, with the names its ids refer to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    AuditEvent,
    Debate,
    DebateTeam,
    Round,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.text import sort_key


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


# --------------------------------------------------------------------------- reading the log


@dataclass(frozen=True)
class Filters:
    """What the organiser narrows the log to; None means any."""

    round_seq: int | None = None
    person: str | None = None  # "user:<id>" (who acted) or "judge:<id>" (acted or concerned)
    action: str | None = None


@dataclass(frozen=True)
class Names:
    """Display names for the ids the events' details carry."""

    users: dict[int, str]
    judges: dict[int, str]
    teams: dict[int, str]
    venues: dict[int, str]
    debates: dict[int, Debate]


@dataclass(frozen=True)
class EventPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int
    names: Names


@dataclass(frozen=True)
class Choices:
    """What the filters can choose from: the kinds of event and the people in this log."""

    actions: list[str]
    users: list[tuple[int, str]]
    judges: list[tuple[int, str]]
    rounds: list[Round]


PER_PAGE = 50


def _where(tournament_id: int, filters: Filters) -> list:
    details = AuditEvent.details
    where = [AuditEvent.tournament_id == tournament_id]
    if filters.action:
        where.append(AuditEvent.action == filters.action)
    if filters.round_seq is not None:
        debates = (
            select(Debate.id)
            .join(Round, Round.id == Debate.round_id)
            .where(Round.tournament_id == tournament_id, Round.seq == filters.round_seq)
        )
        where.append(
            or_(
                details["round"].as_integer() == filters.round_seq,
                details["debate_id"].as_integer().in_(debates),
            )
        )
    kind, _, number = (filters.person or "").partition(":")
    if number.isdigit():
        if kind == "user":
            where.append(AuditEvent.user_id == int(number))
        elif kind == "judge":
            where.append(
                or_(
                    AuditEvent.actor == f"judge:{number}",
                    details["adjudicator_id"].as_integer() == int(number),
                )
            )
    return where


def events(
    tournament: Tournament, filters: Filters, page: int = 1, per_page: int = PER_PAGE
) -> EventPage:
    """One page of the tournament's log, newest first, with the names its details refer to."""
    where = _where(tournament.id, filters)
    total = db.session.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = list(
        db.session.scalars(
            select(AuditEvent)
            .where(*where)
            .order_by(AuditEvent.id.desc())
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    return EventPage(rows, total, page, pages, _names(tournament, rows))


def choices(tournament: Tournament) -> Choices:
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.tournament_id == tournament.id).distinct()
    )
    users = db.session.execute(
        select(User.id, User.display_name, User.username)
        .where(
            User.id.in_(select(AuditEvent.user_id).where(AuditEvent.tournament_id == tournament.id))
        )
        .order_by(User.username)
    )
    judges = db.session.execute(
        select(Adjudicator.id, Adjudicator.name).where(Adjudicator.tournament_id == tournament.id)
    )
    rounds = db.session.scalars(
        select(Round).where(Round.tournament_id == tournament.id).order_by(Round.seq)
    )
    return Choices(
        sorted(actions),
        [(uid, display or username) for uid, display, username in users],
        sorted(((row[0], row[1]) for row in judges), key=lambda judge: sort_key(judge[1])),
        list(rounds),
    )


def _ids(rows: list[AuditEvent], *keys: str, subject: str | None = None) -> set[int]:
    found: set[int] = set()
    for event in rows:
        details = event.details or {}
        if subject is not None and details.get("subject") == subject:
            found.add(details.get("id"))
        for key in keys:
            value = details.get(key)
            found.update(value if isinstance(value, list) else [value])
        if subject == "adjudicator" and event.actor.startswith("judge:"):
            found.add(event.actor.removeprefix("judge:"))
    return {int(v) for v in found if isinstance(v, int | str) and str(v).isdigit()}


def _names(tournament: Tournament, rows: list[AuditEvent]) -> Names:
    """Look every referenced id up once (a page needs a handful of queries, not one per row)."""

    def named(model: Any, ids: set[int], label: str = "name") -> dict[int, str]:
        if not ids:
            return {}
        query = select(model.id, getattr(model, label)).where(
            model.id.in_(ids), model.tournament_id == tournament.id
        )
        return {row[0]: row[1] for row in db.session.execute(query)}

    user_ids = {e.user_id for e in rows if e.user_id is not None}
    users = {
        uid: display or username
        for uid, display, username in db.session.execute(
            select(User.id, User.display_name, User.username).where(User.id.in_(user_ids))
        )
    }
    debate_ids = _ids(rows, "debate_id", "debate")
    debates = {
        d.id: d
        for d in db.session.scalars(
            select(Debate)
            .where(Debate.id.in_(debate_ids))
            .options(
                selectinload(Debate.teams).selectinload(DebateTeam.team),
                selectinload(Debate.venue),
                selectinload(Debate.round),
            )
        )
        if d.round.tournament_id == tournament.id
    }
    return Names(
        users=users,
        judges=named(
            Adjudicator, _ids(rows, "adjudicator_id", "adjudicator", subject="adjudicator")
        ),
        teams=named(
            Team,
            _ids([e for e in rows if e.action == "draw_edited"], "teams")
            | _ids(rows, subject="team"),
        ),
        venues=named(Venue, _ids(rows, "venue", subject="venue")),
        debates=debates,
    )
