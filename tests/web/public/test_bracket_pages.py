"""The break bracket: private until the break is released, then filled in round by round, drawn
as server-side SVG."""

from __future__ import annotations

from xml.etree import ElementTree

from sqlalchemy import select

from tests.web.public.scenario import scenario
from tourney.extensions import db
from tourney.models import BreakingTeam


def _svg(client, slug: str) -> ElementTree.Element:
    response = client.get(f"/t/{slug}/bracket.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    return ElementTree.fromstring(response.data)


def _texts(element: ElementTree.Element) -> list[str]:
    return [t.text or "" for t in element.iter("{http://www.w3.org/2000/svg}text")]


def test_the_bracket_fills_in_as_elimination_rounds_are_released(client) -> None:
    found = scenario(prelims=2)
    found.play(1)
    found.play(2)
    found.break_teams()  # a break of 4: semifinal (round 3) and final (round 4)
    seeds = {b.seed: b.team for b in db.session.scalars(select(BreakingTeam)).all()}
    url = f"/t/{found.slug}/bracket"
    english = {"Accept-Language": "en"}
    assert "has not been released" in client.get(url, headers=english).get_data(as_text=True)
    assert client.get(f"/api/v1/tournaments/{found.slug}/bracket").json == {"categories": []}
    assert client.get(f"/t/{found.slug}/bracket.svg").status_code == 404

    found.release(3)
    page = client.get(url, headers=english).get_data(as_text=True)
    assert "<svg" in page and "Semifinal" in page and "Final" in page
    # The default category is named in the reader's language, as the rest of the page.
    assert "Общий брейк" in client.get(url + "?lang=ru").get_data(as_text=True)
    texts = _texts(_svg(client, found.slug))
    for team in seeds.values():
        assert team.name in texts
    assert "✓" not in texts

    found.finish(3)  # results released: winners marked, the final filled in
    final = client.get(f"/api/v1/tournaments/{found.slug}/bracket").json["categories"][0]
    semis, last = final["columns"]
    winners = {m["winner"]["team"]["id"] for m in semis["matches"]}
    assert len(winners) == 2
    assert {
        last["matches"][0]["top"]["team"]["id"],
        last["matches"][0]["bottom"]["team"]["id"],
    } == winners
    assert _texts(_svg(client, found.slug)).count("✓") == 2

    found.play(4)
    champion = client.get(f"/api/v1/tournaments/{found.slug}/bracket").json["categories"][0][
        "champion"
    ]
    assert champion["team"]["id"] in winners
    assert _texts(_svg(client, found.slug)).count("✓") == 3 + 1  # three debates and the champion


def test_the_break_can_be_published_before_its_first_round_and_names_are_escaped(client) -> None:
    found = scenario(prelims=2)
    found.play(1)
    found.play(2)
    found.break_teams()
    top = db.session.scalar(select(BreakingTeam).where(BreakingTeam.seed == 1)).team
    top.name = "<script>alert(1)</script> & Co"
    db.session.commit()
    found.set(public_break=True)
    page = client.get(f"/t/{found.slug}/bracket").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert any("<script>" in text for text in _texts(_svg(client, found.slug)))  # as text, parsed
