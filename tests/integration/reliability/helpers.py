"""A small championship played through the real services, with a row in every table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    AdjudicatorInstitutionConflict,
    AdjudicatorTeamConflict,
    BreakEligibility,
    Championship,
    DebateResult,
    Division,
    Institution,
    Motion,
    Qualification,
    Round,
    RoundAbsence,
    ScheduleItem,
    Speaker,
    Team,
    Tournament,
    User,
)
from tourney.services import draws, results, simulate


def played_championship(teams: int = 7, rounds: int = 2) -> Tournament:
    """Prelims, break and elimination rounds with real ballots, plus the rarer rows by hand."""
    summary = simulate.run(teams, rounds, seed=5)
    assert summary["ok"], summary["checks"]
    tournament = db.session.scalar(
        select(Tournament).where(Tournament.slug == summary["tournament"])
    )
    championship: Championship = tournament.championship
    team, other = db.session.scalars(
        select(Team).where(Team.tournament_id == tournament.id).order_by(Team.id).limit(2)
    ).all()
    judge = db.session.scalar(select(Adjudicator).where(Adjudicator.tournament_id == tournament.id))
    first = db.session.scalar(select(Round).where(Round.tournament_id == tournament.id))
    division = Division(tournament=tournament, name="Лигаи тоҷикӣ", language="tg")
    db.session.add(division)
    final = Tournament(
        championship=championship, name="Final", slug=f"{tournament.slug}-f", stage="final"
    )
    db.session.add(final)
    finalist = Team(
        tournament=final, name=team.name, code=team.code, institution_id=team.institution_id
    )
    finalist.speakers = [Speaker(name=s.name, position=s.position) for s in team.speakers]
    db.session.add_all(
        [
            division,
            final,
            finalist,
            Motion(round_id=first.id, text="This house would <b>test</b>", division=division),
            ScheduleItem(
                tournament_id=tournament.id,
                kind="round",
                round_id=first.id,
                day=date(2026, 3, 14),
                start_minute=540,
            ),
            RoundAbsence(round_id=first.id, team_id=other.id),
            AdjudicatorTeamConflict(adjudicator_id=judge.id, team_id=other.id),
            AdjudicatorInstitutionConflict(
                adjudicator_id=judge.id,
                institution_id=db.session.scalar(
                    select(Institution.id).where(Institution.championship_id == championship.id)
                ),
            ),
            Qualification(
                championship=championship,
                source_team=team,
                final_team=finalist,
                route="top_k",
                district_rank=1,
                status="confirmed",
            ),
        ]
    )
    category = tournament.break_categories[0]
    category.is_open = False
    db.session.add(BreakEligibility(break_category_id=category.id, team_id=team.id))
    db.session.commit()
    _correct_one_result(tournament)
    return tournament


def _correct_one_result(tournament: Tournament) -> None:
    """Retract a confirmed result of the last round and confirm it again (a retracted row, a
    second confirmation); the reopened round is closed and released again."""
    result = db.session.scalar(
        select(DebateResult)
        .join(DebateResult.debate)
        .join(Round)
        .where(Round.tournament_id == tournament.id)
        .order_by(Round.seq.desc())
        .limit(1)
    )
    director = db.session.scalar(select(User).where(User.username == "simulation"))
    results.retract(result.id, director, reason="typo")
    desk = results.debate_desk(result.debate_id)
    results.confirm(desk.debate.id, director, desk.counted_ids)
    draws.close_round(desk.debate.round, director)
    draws.release_results(desk.debate.round, director)
