"""Reading a page writes nothing, and an id from another tournament is a 404 (issue 16 item 5)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Adjudicator, BreakCategory, RoundAbsence, ScheduleItem, Team


@pytest.fixture
def two(client):
    """Two tournaments and a director logged in; ``(ours, theirs)``."""
    ours, theirs = make_tournament(4, seed=1), make_tournament(6, seed=2)
    organiser()
    client.set_cookie("lang", "en")
    assert (
        client.post("/login", data={"username": "director", "password": "x-password"}).status_code
        == 302
    )
    return ours, theirs


def _first(model, tournament):
    return db.session.scalar(select(model).where(model.tournament_id == tournament.id))


def test_the_break_page_writes_nothing(client, two) -> None:
    ours, _theirs = two
    assert client.get(f"/admin/t/{ours.slug}/break").status_code == 200
    assert db.session.scalar(select(func.count(BreakCategory.id))) == 0


def test_ids_of_another_tournament_are_not_found(client, two) -> None:
    ours, theirs = two
    item = ScheduleItem(
        tournament_id=theirs.id, title="Awards", day=date(2026, 4, 18), start_minute=600
    )
    db.session.add(item)
    db.session.commit()
    base = f"/admin/t/{ours.slug}"
    foreign_team, foreign_judge = _first(Team, theirs).id, _first(Adjudicator, theirs).id
    client.post(f"{base}/rounds/1/presence/team/{foreign_team}")  # refused by the service
    assert client.get(f"{base}/adjudicators/{foreign_judge}/link").status_code == 404
    assert client.post(f"{base}/schedule/{item.id}/delete").status_code == 404
    assert db.session.scalar(select(func.count(RoundAbsence.id))) == 0
    assert db.session.get(ScheduleItem, item.id) is not None


def test_own_ids_are_found(client, two) -> None:
    ours, _theirs = two
    base = f"/admin/t/{ours.slug}"
    own_team, own_judge = _first(Team, ours).id, _first(Adjudicator, ours).id
    assert client.post(f"{base}/rounds/1/presence/team/{own_team}").status_code == 302
    assert client.get(f"{base}/adjudicators/{own_judge}/link").status_code == 200
    assert db.session.scalar(select(func.count(RoundAbsence.id))) == 1
