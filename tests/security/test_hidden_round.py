"""The last preliminary round stays hidden while the setting hides it: after "Release the
results" its ranks and votes appear nowhere public (draw page, team pages, API), or the hidden
standings could be rebuilt from them."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tests.security.conftest import PASSWORD
from tourney.extensions import db
from tourney.models import Team, Tournament, User
from tourney.services import demo, simulate
from tourney.services.tournaments import rounds_of


@pytest.fixture
def played(app) -> Tournament:
    """GBAO's four preliminary rounds played, every result released."""
    demo.load(password=PASSWORD)
    tournament = db.session.scalar(select(Tournament).where(Tournament.slug == "gbao"))
    tournament.settings = {**(tournament.settings or {}), "public_standings": True}
    db.session.commit()
    director = db.session.scalar(select(User).where(User.username == "director"))
    rng = random.Random(3)
    for round_ in rounds_of(tournament, "prelim"):
        simulate.play_round(round_, director, rng)
    return tournament


def _api_draw(client, seq: int) -> dict:
    response = client.get(f"/api/v1/tournaments/gbao/rounds/{seq}/draw")
    assert response.status_code == 200
    return response.get_json()


def _results(draw: dict) -> list:
    return [(s["rank"], s["votes"]) for d in draw["debates"] for s in d["teams"]]


def test_the_hidden_round_shows_no_results_anywhere_public(app, played: Tournament) -> None:
    client = app.test_client()
    last = _api_draw(client, 4)
    assert set(_results(last)) == {(None, None)}
    assert last["round"]["results_released_at"] is None
    assert all(rank is not None for rank, _ in _results(_api_draw(client, 3)))

    page = client.get("/t/gbao/draw/4?lang=en").get_data(as_text=True)
    assert "The results of this round are released." not in page
    assert "The results of this round are released." in client.get(
        "/t/gbao/draw/3?lang=en"
    ).get_data(as_text=True)

    team = db.session.scalar(select(Team).where(Team.tournament_id == played.id))
    mine = client.get(f"/api/v1/tournaments/gbao/teams/{team.code}").get_json()
    by_round = {item["round"]["seq"]: item for item in mine["rounds"]}
    assert by_round[4]["round"]["results_released_at"] is None
    assert by_round[3]["round"]["results_released_at"] is not None
    html = client.get(f"/t/gbao/team/{team.code}?lang=en").get_data(as_text=True)
    assert html.count("not released yet") == 1

    standings = client.get("/api/v1/tournaments/gbao/standings").get_json()
    assert standings["rounds_counted"] == 3


def test_once_the_break_is_public_the_last_round_shows(app, played: Tournament) -> None:
    played.settings = {**played.settings, "public_break": True}
    db.session.commit()
    client = app.test_client()
    assert all(rank is not None for rank, _ in _results(_api_draw(client, 4)))
