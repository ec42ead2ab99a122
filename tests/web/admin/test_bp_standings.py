"""The organiser's BP standings: points, speaks, firsts and seconds, and each team's positions."""

from __future__ import annotations

import random
import re

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_draw import bp_tournament
from tests.web.participants.test_swing_page import _login
from tourney.services import simulate, standings
from tourney.services.tournaments import rounds_of


def test_the_standings_page_shows_firsts_seconds_and_position_balance(client, app) -> None:
    tournament = bp_tournament(8, rounds=3)
    rng = random.Random(2)
    for round_ in rounds_of(tournament, "prelim"):
        simulate.play_round(round_, organiser(), rng)
    table = standings.team_standings(tournament)
    assert table.position_codes == ("og", "oo", "cg", "co")
    assert all(sum(held) == 3 and max(held) <= 1 for held in table.positions.values())
    assert table.standings.precedence[:4] == ("points", "speaks_total", "firsts", "seconds")
    _login(client)
    page = client.get(f"/admin/t/{tournament.slug}/standings").get_data(as_text=True)
    header = re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)
    for label in ("Points", "Firsts", "Seconds", ">OG<", ">OO<", ">CG<", ">CO<"):
        assert label in header, label
    top = table.standings.rows[0]
    assert int(top.values["firsts"]) + int(top.values["seconds"]) >= 1
