"""Swing teams: made-up teams that fill British Parliamentary rooms when the field is not a
multiple of four. They debate and are drawn like any team, and their results count for the
teams they meet (a room's ranks are a room's ranks), but they never appear in the standings,
the speaker tab or the break (``services.standings`` leaves them out)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Speaker, Team, Tournament, User
from tourney.services import audit
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.services.participants import clean_text


def needed(tournament: Tournament) -> int:
    """How many swing teams make the field whole rooms (0 for two-team formats)."""
    per_room = format_for(tournament).teams_per_debate
    if per_room == 2:
        return 0
    count = len(
        db.session.scalars(select(Team.id).where(Team.tournament_id == tournament.id)).all()
    )
    return -count % per_room


def add_swing_teams(
    tournament: Tournament,
    user: User,
    speaker_names: Sequence[str],
    team_name: str = "Swing %(number)s",
) -> list[Team]:
    """Add the swing teams the field needs in one go: their speakers are the names given (people
    who are free to speak), in order, and numbered placeholders for the rest."""
    missing = needed(tournament)
    if missing == 0:
        raise ServiceError("no_swing_needed")
    per_team = format_for(tournament).speakers_per_team
    names = [clean_text(n) for n in speaker_names if clean_text(n)]
    if len(names) > missing * per_team:
        raise ServiceError("too_many_swing_speakers", count=len(names), places=missing * per_team)
    taken = db.session.execute(
        select(Team.name, Team.code).where(Team.tournament_id == tournament.id)
    ).all()
    used = {value for row in taken for value in row}
    teams = []
    number = 0
    while len(teams) < missing:
        number += 1
        name, code = team_name % {"number": number}, f"SW{number}"
        if name in used or code in used:
            continue
        team = Team(tournament=tournament, name=name, code=code, is_swing=True)
        team.speakers = [
            Speaker(name=names.pop(0) if names else f"{name} · {position}", position=position)
            for position in range(1, per_team + 1)
        ]
        teams.append(team)
    db.session.add_all(teams)
    db.session.flush()
    audit.record(tournament.id, "swing_teams_added", user=user, teams=[t.id for t in teams])
    db.session.commit()
    return teams
