"""The teams page offers swing teams when a BP field is not a multiple of four: one action."""

from __future__ import annotations

from sqlalchemy import select

from tests.integration.draws.test_four_team_draw import bp_tournament
from tourney.extensions import db
from tourney.models import Team
from tourney.services.accounts import create_user


def _login(client) -> None:
    client.set_cookie("lang", "en")
    create_user("tab_director", "secret-pass", "tab_director")
    assert (
        client.post(
            "/login", data={"username": "tab_director", "password": "secret-pass"}
        ).status_code
        == 302
    )


def test_the_director_adds_the_swing_teams_a_bp_field_needs_in_one_action(client, app) -> None:
    tournament = bp_tournament(10, rounds=1)
    _login(client)
    page = client.get(f"/admin/t/{tournament.slug}/teams").get_data(as_text=True)
    assert "2 swing teams needed" in page and "Add 2 swing teams" in page
    done = client.post(
        f"/admin/t/{tournament.slug}/teams/swing", data={"speakers": "Шерзод\nMadina\n"}
    )
    assert done.status_code == 302
    swings = db.session.scalars(select(Team).where(Team.is_swing).order_by(Team.id)).all()
    assert [t.name for t in swings] == ["Swing 1", "Swing 2"]
    assert [s.name for s in swings[0].speakers] == ["Шерзод", "Madina"]
    page = client.get(f"/admin/t/{tournament.slug}/teams").get_data(as_text=True)
    assert "swing team" in page and "swing teams needed" not in page
    again = client.post(f"/admin/t/{tournament.slug}/teams/swing", data={"speakers": ""})
    assert again.status_code == 302
    assert "no swing team is needed" in client.get(again.location).get_data(as_text=True)
    russian = client.get(f"/admin/t/{bp_tournament(9, rounds=1).slug}/teams?lang=ru")
    assert russian.status_code == 200
