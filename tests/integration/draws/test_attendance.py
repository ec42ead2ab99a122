"""Who is here, in bulk: a whole group or one institution in or out, and a pasted list."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import AuditEvent, Round, Team
from tourney.services import attendance, draws
from tourney.services.errors import ServiceError


def _first_round(tournament) -> Round:
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == 1)
    )


def test_everyone_and_one_institution_in_or_out_at_once(app) -> None:
    tournament = make_tournament(12)
    round_, user = _first_round(tournament), organiser()
    teams = db.session.scalars(select(Team).where(Team.tournament_id == tournament.id)).all()
    result = attendance.set_group(round_, "team", False, user)
    assert (result.present, result.absent) == (0, 12)
    assert draws.absences(round_)[0] == {t.id for t in teams}
    school = teams[0].institution_id
    of_school = {t.id for t in teams if t.institution_id == school}
    result = attendance.set_group(round_, "team", True, user, institution_id=school)
    assert draws.absences(round_)[0] == {t.id for t in teams} - of_school
    assert result.present == len(of_school)
    attendance.set_group(round_, "team", True, user)
    assert draws.absences(round_)[0] == set()
    # Judges and rooms are separate groups: teams' check-in leaves them alone.
    attendance.set_group(round_, "venue", False, user)
    assert draws.absences(round_)[0] == set() and len(draws.absences(round_)[2]) == 6
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "availability_group")
    ).all()
    assert len(events) == 4 and events[1].details["institution"] == school


def test_who_is_here_from_a_pasted_list(app) -> None:
    tournament = make_tournament(6)
    round_, user = _first_round(tournament), organiser()
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    # Names as typed: case and spaces do not matter; a team code works too.
    pasted = "  даста 1 \n\nДАСТА 2\nT003\n"
    result = attendance.set_from_list(round_, "team", pasted, user)
    assert (result.present, result.absent) == (3, 3)
    assert draws.absences(round_)[0] == {teams[f"Даста {n}"].id for n in (4, 5, 6)}


def test_a_list_with_an_unknown_name_changes_nothing(app) -> None:
    tournament = make_tournament(6)
    round_, user = _first_round(tournament), organiser()
    with pytest.raises(ServiceError) as refused:
        attendance.set_from_list(round_, "team", "Даста 1\nДаста 99\n", user)
    assert refused.value.code == "attendance_list_unknown"
    assert refused.value.params["unknown"] == ["Даста 99"]
    db.session.rollback()
    assert draws.absences(round_)[0] == set()
    with pytest.raises(ServiceError) as refused:
        attendance.set_from_list(round_, "team", " \n", user)
    assert refused.value.code == "attendance_list_empty"


def test_bulk_check_in_stops_at_the_release(app) -> None:
    tournament = make_tournament(6)
    round_, user = _first_round(tournament), organiser()
    draws.generate_draw(round_, user)
    draws.release_draw(round_, user)
    with pytest.raises(ServiceError) as refused:
        attendance.set_group(round_, "team", False, user)
    assert refused.value.code == "draw_already_released"
