"""The speaker tab says which metric separated two speakers who look equal (as the team
standings do): here two averages of 75, the steadier speaker first."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.decisions import stored_decision
from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import DebateResult, Round
from tourney.services import draws
from tourney.services.accounts import create_user

# Per round: the first team's three speeches, then the second team's.
SCORES = {1: ([74, 75, 73], [70, 71, 72]), 2: ([76, 75, 73], [70, 71, 72])}


def _play(tournament) -> None:
    user = organiser()
    rounds = db.session.scalars(
        select(Round).where(Round.tournament_id == tournament.id).order_by(Round.seq)
    ).all()
    for round_ in rounds[:2]:
        draws.generate_draw(round_, user)
        draws.release_draw(round_, user)
        (debate,) = round_.debates
        teams = sorted(debate.teams, key=lambda dt: dt.team.code)
        speeches = [
            (dt.side, str(s.position), s.id, SCORES[round_.seq][index][s.position - 1])
            for index, dt in enumerate(teams)
            for s in dt.team.speakers
        ]
        winner = teams[0].side
        loser = teams[1].side
        db.session.add(
            DebateResult(debate_id=debate.id, decision=stored_decision(winner, loser, speeches))
        )
        db.session.commit()
        draws.close_round(round_, user)


def test_equal_averages_are_explained(client) -> None:
    tournament = make_tournament(2, rounds=2)
    _play(tournament)
    create_user("boss", "secret-pass", "tab_director")
    client.set_cookie("lang", "en")
    client.post("/login", data={"username": "boss", "password": "secret-pass"})
    page = client.get(f"/admin/t/{tournament.slug}/standings").get_data(as_text=True)
    speakers = page.split("<h2>Speakers</h2>")[1]
    assert "Separated by" in speakers
    rows = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).strip() for r in speakers.split("</tr>")
    ]
    steady = next(row for row in rows if "Суханвар 0-2" in row)
    swinging = next(row for row in rows if "Суханвар 0-1" in row)
    assert steady.startswith("1 ") and swinging.startswith("2 ")
    assert "steadier scores" in swinging and "Separated" not in steady
