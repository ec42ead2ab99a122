"""Panel size is a round setting; short of judges, panels stay odd unless the director asks."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Adjudicator, Round
from tourney.services import draws, tournaments
from tourney.services.errors import ServiceError


def _voting_sizes(round_: Round) -> list[int]:
    db.session.expire_all()
    return sorted(
        sum(1 for seat in debate.adjudicators if seat.role != "trainee")
        for debate in round_.debates
    )


def _without_conflicts(tournament) -> None:
    db.session.execute(
        update(Adjudicator)
        .where(Adjudicator.tournament_id == tournament.id)
        .values(institution_id=None, role="any")
    )
    db.session.commit()


def test_a_round_can_have_its_own_panel_size(app) -> None:
    tournament = make_tournament(4, panel_size=5)  # 12 judges
    _without_conflicts(tournament)
    round_ = tournaments.rounds_of(tournament)[0]
    tournaments.set_round_panel_size(round_, 1, organiser())
    draws.generate_draw(round_, organiser())
    draws.allocate_round(round_, organiser())
    assert _voting_sizes(round_) == [1, 1]
    tournaments.set_round_panel_size(round_, 5, organiser())
    draws.allocate_round(round_, organiser())
    assert _voting_sizes(round_) == [5, 5]
    with pytest.raises(ServiceError) as refused:
        tournaments.set_round_panel_size(round_, 4, organiser())
    assert refused.value.code == "bad_panel_size"


@pytest.mark.parametrize(("even", "sizes"), [(False, [1, 1, 3, 3, 3]), (True, [2, 2, 2, 2, 3])])
def test_short_of_judges_panels_stay_odd_unless_asked(app, even: bool, sizes: list[int]) -> None:
    tournament = make_tournament(10, panel_size=3)  # 17 judges
    _without_conflicts(tournament)
    tournament.settings = {**tournament.settings, "even_panels": even}
    db.session.commit()
    round_ = tournaments.rounds_of(tournament)[0]
    judges = db.session.scalars(
        select(Adjudicator.id).where(Adjudicator.tournament_id == tournament.id)
    ).all()
    for judge in judges[11:]:  # 11 present for 5 debates of 3
        tournaments.set_present(round_, "adjudicator", judge, False, organiser())
    draws.generate_draw(round_, organiser())
    draws.allocate_round(round_, organiser())
    assert _voting_sizes(round_) == sizes
