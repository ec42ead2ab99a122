"""A BP elimination ballot on the judge's link: tick the two teams that go through, no scores."""

from __future__ import annotations

from sqlalchemy import select

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_break import played_prelims
from tourney.extensions import db
from tourney.models import Ballot
from tourney.services import breaks, draws, simulate
from tourney.services.links import new_token
from tourney.services.tournaments import rounds_of


def released_semifinal():
    tournament = played_prelims(16, 8)
    breaks.generate_break(tournament, organiser())
    semi = rounds_of(tournament, "elimination")[0]
    for step in (draws.generate_draw, draws.allocate_round, draws.release_draw):
        step(semi, organiser())
    debate = simulate.debates_of(semi)[0]
    chair = next(s.adjudicator for s in debate.adjudicators if s.role == "chair")
    chair.token = new_token()
    db.session.commit()
    return debate, chair.token


def test_the_chair_names_the_two_teams_that_go_through_without_scores(client, app) -> None:
    debate, token = released_semifinal()
    page = client.get(f"/j/{token}?lang=en").get_data(as_text=True)
    assert "The 2 teams that go through" in page
    assert page.count('type="checkbox" name="advancing"') == 4
    assert "js/ballot.js" not in page and ".score" not in page
    form = {"debate_id": str(debate.id), "key": new_token(), "checked": "1"}
    bad = client.post(f"/j/{token}/ballot?lang=en", data={**form, "advancing": ["og"]})
    assert bad.status_code == 422
    assert "Teams to choose: 2; chosen: 1." in bad.get_data(as_text=True)
    done = client.post(f"/j/{token}/ballot", data={**form, "advancing": ["og", "cg"]})
    assert done.status_code == 303
    stored = db.session.scalars(select(Ballot).where(Ballot.debate_id == debate.id)).one()
    assert stored.advancing == ["og", "cg"] and stored.scores == [] and stored.ranks is None
    again = client.get(f"/j/{token}?lang=en").get_data(as_text=True)
    assert again.count("checked") >= 2
