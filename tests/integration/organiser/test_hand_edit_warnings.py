"""Every hand edit is re-checked by the engines' own rules: panels, rooms, pairings."""

from __future__ import annotations

import random

from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tourney.extensions import db
from tourney.models import DebateTeam, Round, Venue
from tourney.services import draws, tournaments


def _codes(round_: Round, debate_id: int) -> list[str]:
    return [code for code, _ in draws.clashes(round_)[debate_id]]


def _allocated(teams: int = 8, panel_size: int = 1) -> Round:
    tournament = make_tournament(teams, panel_size=panel_size)
    round_ = tournaments.rounds_of(tournament)[0]
    draws.generate_draw(round_, organiser())
    draws.allocate_round(round_, organiser())
    db.session.expire_all()
    return round_


def test_taking_the_chair_away_or_adding_a_judge_is_warned(app) -> None:
    round_ = _allocated()
    first, second = sorted((d for d in round_.debates if d.adjudicators), key=lambda d: d.position)[
        :2
    ]
    chair = next(s.adjudicator_id for s in first.adjudicators if s.role == "chair")
    draws.move_adjudicator(round_, chair, second.id, "panellist", organiser(), round_.draw_version)
    db.session.expire_all()
    without = draws.clashes(round_)[first.id]
    assert without[0][0] in {"no_chair", "chairs_needed_elsewhere", "no_conflict_free_chair"}
    assert ["short_panel", {"needed": 1, "have": 0}] in without
    assert ["long_panel", {"needed": 1, "have": 2}] in draws.clashes(round_)[second.id]


def test_a_room_without_step_free_access_for_a_team_that_needs_it_is_warned(app) -> None:
    round_ = _allocated()
    debate = round_.debates[0]
    team = debate.teams[0].team
    team.needs_access = True
    for venue in db.session.scalars(select(Venue).where(Venue.tournament_id == team.tournament_id)):
        venue.accessible = False
    db.session.commit()
    warnings = draws.clashes(round_)[debate.id]
    assert [w for w in warnings if w[0] == "room_not_accessible"] == [
        [
            "room_not_accessible",
            {
                "room": str(debate.venue_id),
                "needs": [str(team.id)],
                "teams": [str(team.id)],
                "judges": [],
            },
        ]
    ]


def test_moving_a_debate_to_another_building_or_an_absent_room_is_warned(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    first, second = tournaments.rounds_of(tournament)[:2]
    venues = db.session.scalars(select(Venue).where(Venue.tournament_id == tournament.id)).all()
    for venue in venues:
        venue.building = "Main"
    db.session.commit()
    draws.generate_draw(first, user)
    draws.allocate_round(first, user)
    draws.release_draw(first, user)
    confirm_all(first, random.Random(1))
    draws.close_round(first, user)
    draws.generate_draw(second, user)
    draws.allocate_round(second, user)
    db.session.expire_all()
    debate = second.debates[0]
    other = next(v for v in venues if v.id != debate.venue_id)
    other.building = "Annex"
    db.session.commit()
    draws.set_venue(second, debate.id, other.id, user, second.draw_version)
    assert "building_changed" in _codes(second, debate.id)
    tournaments.set_present(second, "venue", other.id, False, user)
    assert "room_unavailable" in _codes(second, debate.id)


def test_taking_a_debate_out_of_its_room_is_warned(app) -> None:
    round_ = _allocated()
    debate = round_.debates[0]
    draws.set_venue(round_, debate.id, None, organiser(), round_.draw_version)
    db.session.expire_all()
    assert db.session.get(type(debate), debate.id).venue_id is None
    assert "no_room" in _codes(round_, debate.id)


def test_before_allocation_no_room_is_not_a_warning(app) -> None:
    tournament = make_tournament(8)
    round_ = draws.generate_draw(tournaments.rounds_of(tournament)[0], organiser())
    assert all(
        "no_room" not in [code for code, _ in found] for found in draws.clashes(round_).values()
    )


def test_a_swap_recomputes_the_explanation_and_each_warning_appears_once(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    first, second = tournaments.rounds_of(tournament)[:2]
    draws.generate_draw(first, user)
    draws.release_draw(first, user)
    confirm_all(first, random.Random(1))
    draws.close_round(first, user)
    draws.generate_draw(second, user)
    met = first.debates[0]
    a, b = (dt.team_id for dt in met.teams)
    seat_of_b = db.session.scalar(
        select(DebateTeam).where(DebateTeam.round_id == second.id, DebateTeam.team_id == b)
    )
    partner = next(dt.team_id for dt in seat_of_b.debate.teams if dt.team_id != b)
    if partner != a:
        draws.swap_teams(second, a, partner, user, second.draw_version)
    db.session.expire_all()
    debate = db.session.get(type(met), seat_of_b.debate_id)
    assert debate.explanation["cost"]["rematch"] == 1  # stored again, not the engine's old one
    assert any(code == "rematch" for code, _ in debate.explanation["reasons"])
    found = draws.review(second)[debate.id]
    assert found.cost["rematch"] == 1
    codes = [code for code, _ in found.warnings]
    assert codes.count("rematch") == 1 and len(codes) == len(set(map(str, found.warnings)))
