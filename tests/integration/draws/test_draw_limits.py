"""A field larger than the matching is built for is refused with the reason, before any work."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Debate, Round
from tourney.services import draws
from tourney.services.draws import generation
from tourney.services.errors import ServiceError
from tourney.web.admin.messages import service_message


def test_a_field_over_the_limit_is_refused_and_nothing_is_drawn(app, monkeypatch) -> None:
    tournament = make_tournament(teams=6)
    monkeypatch.setattr(generation, "MAX_DRAW_TEAMS", 4)
    first = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == 1)
    )
    with pytest.raises(ServiceError) as refused:
        draws.generate_draw(first, organiser())
    assert (refused.value.code, refused.value.params) == ("too_many_teams", {"count": 6, "max": 4})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "6 teams are present; a draw can be made for at most 4" in service_message(
            refused.value
        )
    assert db.session.scalar(select(func.count(Debate.id))) == 0
    monkeypatch.setattr(generation, "MAX_DRAW_TEAMS", 2000)
    assert len(draws.generate_draw(first, organiser()).debates) == 3
