"""The round page shows a hand-edited debate's cost and reasons as the engine scores it now."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.integration.draws.helpers import make_tournament, organiser
from tests.integration.draws.test_four_team_draw import bp_tournament, seats
from tests.integration.organiser.test_hand_edit_costs import eliminations, own_schools
from tourney.extensions import db
from tourney.models import Round, Team
from tourney.services import draws
from tourney.services.tournaments import rounds_of


def _row(page: str, team: Team) -> str:
    """The draw table's row that seats ``team``."""
    rows = [row.split("</tr>")[0] for row in page.split("<tr")[1:]]
    rows = [row for row in rows if re.search(rf">{team.name}[ <]", row)]
    assert len(rows) == 1
    return rows[0]


def _summary(row: str) -> str:
    """The row's cost summary: the engine's cost tiers, else the number of warnings."""
    return re.search(r"<summary>([^<]*)</summary>", row).group(1)


def _swap(client, round_: Round, a: int, b: int) -> str:
    client.post("/login", data={"username": "director", "password": "x-password"})
    client.set_cookie("lang", "en")
    url = f"/admin/t/{round_.tournament.slug}/rounds/{round_.seq}"
    done = client.post(
        f"{url}/swap-teams",
        data={"team_a": a, "team_b": b, "version": round_.draw_version},
        follow_redirects=True,
    )
    assert "Draw changed." in done.get_data(as_text=True)
    return client.get(url).get_data(as_text=True)


def test_a_room_of_four_shows_the_cost_of_the_teams_swapped_into_it(client, app) -> None:
    tournament = bp_tournament(8)
    user = organiser()
    round_ = rounds_of(tournament)[0]
    a, b = db.session.scalars(
        select(Team).where(Team.tournament_id == tournament.id).order_by(Team.id).limit(2)
    ).all()
    own_schools(tournament, sharing=(a.id, b.id))
    draws.generate_draw(round_, user)
    room_of = {team: debate for debate, room in seats(round_).items() for team in room.values()}
    partner = next(t for t, d in room_of.items() if d == room_of[a.id] and t != a.id)
    page = _swap(client, round_, b.id, partner)
    assert _summary(_row(page, a)) == "same school"
    assert _summary(_row(page, db.session.get(Team, partner))).startswith("Warnings: ")


def test_an_elimination_debate_shows_the_seeds_now_meeting(client, app) -> None:
    tournament = make_tournament(8, rounds=3)
    semi, team_of = eliminations(tournament, 4)
    own_schools(tournament, sharing=(team_of[1], team_of[3]))
    draws.generate_draw(semi, organiser())
    page = _swap(client, semi, team_of[4], team_of[3])
    top = _row(page, db.session.get(Team, team_of[1]))
    assert "same school" in _summary(top).split(", ")
    assert "Elimination: seed 1 against seed 3." in top
    assert "seed 4" not in top
    assert re.search(r"Edited by hand by director, \d\d\.\d\d\.\d{4} \d\d:\d\d\.", top)
    assert "Elimination: seed 2 against seed 4." in _row(page, db.session.get(Team, team_of[2]))
