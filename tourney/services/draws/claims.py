"""What every draw use case shares: the round's absences, its predecessor, and the claim."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from tourney.extensions import db
from tourney.models import Round, RoundAbsence, RoundStatus
from tourney.services.errors import Conflict


def absences(round_: Round) -> tuple[set[int], set[int], set[int]]:
    """Absent (team ids, adjudicator ids, venue ids) for the round."""
    teams, judges, venues = set(), set(), set()
    for absence in db.session.scalars(
        select(RoundAbsence).where(RoundAbsence.round_id == round_.id)
    ):
        if absence.team_id:
            teams.add(absence.team_id)
        if absence.adjudicator_id:
            judges.add(absence.adjudicator_id)
        if absence.venue_id:
            venues.add(absence.venue_id)
    return teams, judges, venues


def previous_round(round_: Round) -> Round | None:
    return db.session.scalar(
        select(Round).where(
            Round.tournament_id == round_.tournament_id, Round.seq == round_.seq - 1
        )
    )


def claim(
    round_: Round, *, statuses: Iterable[RoundStatus], new_status: RoundStatus | None = None
) -> None:
    """Bump the draw version if nobody else did since we read the round; else ``Conflict``."""
    values: dict[str, Any] = {"draw_version": Round.draw_version + 1}
    if new_status:
        values["status"] = new_status
    try:
        claimed = db.session.execute(
            update(Round)
            .where(
                Round.id == round_.id,
                Round.draw_version == round_.draw_version,
                Round.status.in_(tuple(statuses)),
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
    except OperationalError as error:  # SQLite: another writer got there first
        db.session.rollback()
        raise Conflict(round=round_.seq) from error
    if claimed != 1:
        db.session.rollback()
        raise Conflict(round=round_.seq)


def commit(round_: Round) -> None:
    try:
        db.session.commit()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        raise Conflict(round=round_.seq) from error
