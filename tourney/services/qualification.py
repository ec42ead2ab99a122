"""Promotion from the district qualifiers to the national final.

``propose`` runs the qualification rule (top K per district + wildcards) and records the proposal;
``confirm`` seats the proposed teams in the final (teams, speakers, institution), linked back to
where they qualified; ``decline`` drops a team and proposes the next alternate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from tourney.extensions import db
from tourney.models import (
    Championship,
    DebateTeam,
    Qualification,
    Round,
    RoundStatus,
    Speaker,
    Team,
    Tournament,
    User,
)
from tourney.scoring import QualificationResult, qualify
from tourney.scoring.qualification import WILDCARD_PRECEDENCE
from tourney.scoring.standings import StandingRow
from tourney.services import audit, settings
from tourney.services import standings as standings_service
from tourney.services.errors import ServiceError
from tourney.services.transaction import transaction


@dataclass(frozen=True)
class Proposal:
    result: QualificationResult
    teams: dict[int, Team]
    districts: dict[str, Tournament]
    # Each team's row in its district's standings: the figures the rule compared.
    rows: dict[int, StandingRow] = field(default_factory=dict)
    wildcard_precedence: tuple[str, ...] = WILDCARD_PRECEDENCE


def _stages(championship: Championship) -> tuple[list[Tournament], Tournament]:
    final = next((t for t in championship.tournaments if t.stage == "final"), None)
    if final is None:
        raise ServiceError("no_final")
    return [t for t in championship.tournaments if t.stage == "qualifier"], final


def _unfinished(qualifier: Tournament) -> bool:
    return (
        db.session.scalar(
            select(Round.id).where(
                Round.tournament_id == qualifier.id,
                Round.kind == "prelim",
                Round.status != RoundStatus.CLOSED,
            )
        )
        is not None
    )


def compute(championship: Championship, also_declined: frozenset[int] = frozenset()) -> Proposal:
    """Run the qualification rule on the finished qualifiers' standings (nothing is saved).

    ``also_declined``: source team ids to treat as declined too (what a decline would change)."""
    qualifiers, final = _stages(championship)
    unfinished = [q.name for q in qualifiers if _unfinished(q)]
    if unfinished:
        raise ServiceError("qualifiers_unfinished", tournaments=", ".join(unfinished))
    districts: dict[str, Tournament] = {}
    tables = {}
    teams: dict[int, Team] = {}
    for qualifier in qualifiers:
        code = qualifier.region.code if qualifier.region else qualifier.slug
        table = standings_service.team_standings(qualifier)
        districts[code] = qualifier
        tables[code] = table.standings
        teams.update(table.teams)
    declined = db.session.scalars(
        select(Qualification.source_team_id).where(
            Qualification.championship_id == championship.id,
            Qualification.status == "declined",
        )
    ).all()
    lots = standings_service.coin_toss(final)
    result = qualify(
        tables,
        {code: t.qualify_top for code, t in districts.items()},
        int(settings.get(final, "wildcards")),
        declined=set(declined) | also_declined,
        coin_toss=lots,
    )
    rows = {row.team_id: row for table in tables.values() for row in table.rows}
    return Proposal(result, teams, districts, rows)


def confirm(championship: Championship, user: User) -> int:
    """Seat every qualifier not yet in the final. Refused while a cut is tied, and when there is
    nobody left to seat (e.g. a second organiser confirming the same proposal)."""
    proposal = compute(championship)
    if proposal.result.ties:
        raise ServiceError("qualification_tied", teams=list(proposal.result.ties[0].team_ids))
    _, final = _stages(championship)
    seated = set(
        db.session.scalars(
            select(Qualification.source_team_id).where(
                Qualification.championship_id == championship.id
            )
        )
    )
    waiting = [q for q in proposal.result.qualifiers if q.team_id not in seated]
    if not waiting:
        raise ServiceError("already_promoted")
    added = 0
    for qualifier in waiting:
        source = proposal.teams[qualifier.team_id]
        team = Team(
            tournament=final,
            name=source.name,
            code=source.code,
            institution_id=source.institution_id,
            needs_access=source.needs_access,
        )
        team.speakers = [
            Speaker(name=s.name, position=s.position, category=s.category) for s in source.speakers
        ]
        db.session.add(team)
        db.session.add(
            Qualification(
                championship_id=championship.id,
                source_team_id=source.id,
                final_team=team,
                status="confirmed",
                route=qualifier.how if qualifier.how != "reserve" else "alternate",
                district_rank=qualifier.district_rank,
            )
        )
        added += 1
    with transaction(errors=(IntegrityError, OperationalError)):
        audit.record(final.id, "qualifiers_promoted", user=user, teams=added)
    return added


def replacement(qualification: Qualification) -> Team | None:
    """The qualifier team that would take this team's place if it declined (None: nobody)."""
    try:
        before = compute(qualification.championship)
        after = compute(qualification.championship, frozenset({qualification.source_team_id}))
    except ServiceError:
        return None
    seated = {q.team_id for q in before.result.qualifiers}
    incoming = [q.team_id for q in after.result.qualifiers if q.team_id not in seated]
    return after.teams.get(incoming[0]) if incoming else None


def decline(qualification: Qualification, user: User) -> None:
    """A qualified team cannot come: take it out of the final (if it has not debated there)."""
    if qualification.status == "declined":
        raise ServiceError("already_declined")
    final_team = qualification.final_team
    if final_team is not None:
        debated = db.session.scalar(
            select(DebateTeam.id).where(DebateTeam.team_id == final_team.id)
        )
        if debated is not None:
            raise ServiceError("team_has_debated", team=final_team.name)
        qualification.final_team_id = None
        db.session.delete(final_team)
    qualification.status = "declined"
    audit.record(
        None if final_team is None else final_team.tournament_id,
        "qualification_declined",
        user=user,
        team=qualification.source_team.name,
    )
    db.session.commit()
