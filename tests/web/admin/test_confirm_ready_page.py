"""The results desk's "Confirm all ready results" button and its report of what was left out."""

from __future__ import annotations

from tests.integration.ballots.builders import release_round, sheet, small_tournament
from tourney.services import ballots
from tourney.services.accounts import create_user

AFF_WINS = {"aff": [25, 26, 27], "neg": [24, 25, 26]}


def test_confirm_all_ready_results_from_the_desk(client) -> None:
    released = release_round(small_tournament(debates=3, panel=("chair",)), panel=("chair",))
    first, second, _empty = released.debates
    for debate in (first, second):
        ballots.submit_from_link(released.seat(debate, "chair"), sheet(debate, AFF_WINS))
    create_user("director", "secret-pass", "tab_director")
    client.set_cookie("lang", "en")
    client.post("/login", data={"username": "director", "password": "secret-pass"})
    slug = released.tournament.slug
    page = client.get(f"/admin/t/{slug}/results?round=1").get_data(as_text=True)
    assert "Confirm all 2 ready results" in page
    seen = page.split('name="seen" value="')[1].split('"')[0]
    response = client.post(
        f"/admin/t/{slug}/results/rounds/1/confirm-ready",
        data={"seen": seen},
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "2 results confirmed." in text
    assert "Room 3 (Team 5 – Team 6): no ballot has arrived" in text
    assert "ready results" not in text
