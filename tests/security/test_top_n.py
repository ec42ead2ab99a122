"""While the public standings show only the top N teams, no preliminary round's debate-by-debate
results are public (draw pages, results by round, team pages, motions, the API): who beat whom
in every room rebuilds each team's wins, and so the whole table the setting cuts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.security.test_hidden_round import _api_draw, _results, played  # noqa: F401
from tourney.extensions import db
from tourney.models import Team, Tournament

TOP = 3


@pytest.fixture
def top_three(played: Tournament) -> Tournament:  # noqa: F811
    played.settings = {**played.settings, "public_top_n": TOP, "hide_last_prelim": False}
    db.session.commit()
    return played


def test_only_the_top_n_and_no_debate_results_are_public(app, top_three: Tournament) -> None:
    client = app.test_client()
    standings = client.get("/api/v1/tournaments/gbao/standings").get_json()
    assert standings["rounds_counted"] == 4
    assert 0 < len(standings["rows"]) <= TOP + 1  # a tie on the line may show one more

    for seq in (1, 2, 3, 4):
        assert set(_results(_api_draw(client, seq))) == {(None, None)}, seq
        page = client.get(f"/t/gbao/draw/{seq}?lang=en").get_data(as_text=True)
        assert "The results of this round are released." not in page
        assert "✓ Won" not in page
    assert client.get("/api/v1/tournaments/gbao/results").get_json()["rounds"] == []
    assert 'id="results-1"' not in client.get("/t/gbao/results?lang=en").get_data(as_text=True)
    motions = client.get("/api/v1/tournaments/gbao/motions").get_json()
    assert motions["motions"] and all(m["debates"] == 0 for m in motions["motions"])

    team = db.session.scalar(select(Team).where(Team.tournament_id == top_three.id))
    mine = client.get(f"/api/v1/tournaments/gbao/teams/{team.code}").get_json()
    assert all(item["round"]["results_released_at"] is None for item in mine["rounds"])
    html = client.get(f"/t/gbao/team/{team.code}?lang=en").get_data(as_text=True)
    assert ">Wins</dt>" not in html


def test_everyone_in_the_standings_brings_the_results_back(app, top_three: Tournament) -> None:
    top_three.settings = {**top_three.settings, "public_top_n": 0}
    db.session.commit()
    client = app.test_client()
    assert all(rank is not None for rank, _ in _results(_api_draw(client, 1)))
    results = client.get("/api/v1/tournaments/gbao/results").get_json()
    assert [r["round"]["seq"] for r in results["rounds"]] == [4, 3, 2, 1]
