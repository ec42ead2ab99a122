"""A late team joins a released draw (against the bye team, or taking the bye); the bye team
can be swapped like any other."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Bye, DebateTeam, Round, RoundAbsence, Speaker, Team
from tourney.services import draws, public, tournaments
from tourney.services.errors import ServiceError


def _released_with_a_late_team(teams: int = 10) -> tuple[Round, int]:
    """Round 1 released with one team marked absent (so one team has the bye)."""
    tournament = make_tournament(teams)
    user = organiser()
    round_ = tournaments.rounds_of(tournament)[0]
    late = db.session.scalar(select(Team.id).where(Team.tournament_id == tournament.id))
    tournaments.set_present(round_, "team", late, False, user)
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    return round_, late


def _place(round_: Round, team_id: int) -> str:
    if db.session.scalar(select(Bye.id).where(Bye.round_id == round_.id, Bye.team_id == team_id)):
        return "bye"
    seat = db.session.scalar(
        select(DebateTeam).where(DebateTeam.round_id == round_.id, DebateTeam.team_id == team_id)
    )
    return f"{seat.debate_id}:{seat.side}" if seat else "none"


def test_a_late_team_debates_the_bye_team_in_a_released_draw(app) -> None:
    round_, late = _released_with_a_late_team()
    resting = round_.byes[0].team_id
    debates_before = len(round_.debates)
    assert draws.add_late_team(round_, late, organiser(), round_.draw_version) == "debate"
    db.session.expire_all()
    assert round_.is_released and not round_.byes
    assert len(round_.debates) == debates_before + 1
    added = max(round_.debates, key=lambda d: d.position)
    assert {dt.team_id for dt in added.teams} == {late, resting}
    assert added.explanation["reasons"][0] == ["late_team", {"team": str(late)}]
    assert "cost" in added.explanation and added.explanation["explain"]
    assert not db.session.scalar(select(RoundAbsence.id).where(RoundAbsence.team_id == late))
    shown = public.draw(round_.tournament, round_.seq)
    assert any(debate.seat_of(late) for debate in shown.debates)


def test_without_a_bye_the_late_team_takes_the_bye(app) -> None:
    round_, _late = _released_with_a_late_team(teams=9)  # 8 present: no bye
    assert not round_.byes
    newcomer = Team(tournament_id=round_.tournament_id, name="Дастаи дер", code="LATE")
    newcomer.speakers = [Speaker(name=f"Суханвар {p}", position=p) for p in (1, 2, 3)]
    db.session.add(newcomer)
    db.session.commit()
    assert draws.add_late_team(round_, newcomer.id, organiser(), round_.draw_version) == "bye"
    assert _place(round_, newcomer.id) == "bye"
    with pytest.raises(ServiceError) as twice:
        draws.add_late_team(round_, newcomer.id, organiser(), round_.draw_version)
    assert twice.value.code == "team_already_in_draw"


def test_the_bye_team_swaps_like_any_other(app) -> None:
    tournament = make_tournament(9)
    round_ = draws.generate_draw(tournaments.rounds_of(tournament)[0], organiser())
    resting = round_.byes[0].team_id
    seated = round_.debates[0].teams[0]
    place = f"{seated.debate_id}:{seated.side}"
    draws.swap_teams(round_, resting, seated.team_id, organiser(), round_.draw_version)
    db.session.expire_all()
    assert _place(round_, resting) == place
    assert _place(round_, seated.team_id) == "bye"
