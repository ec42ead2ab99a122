"""Nothing unreleased reaches a public page or the API: not a draw, a motion, a result or a
standing."""

from __future__ import annotations

from tests.web.public.crawl import public_urls
from tests.web.public.scenario import SECRET_MOTION, midway, scenario


def _crawl(client, tournament) -> dict[str, tuple[int, str]]:
    found = {}
    for url in public_urls(tournament):
        response = client.get(url, headers={"Accept-Language": "en"})
        assert response.status_code in (200, 404), url
        found[url] = (response.status_code, response.get_data(as_text=True))
    return found


def test_an_unreleased_draw_motion_or_result_never_shows(client) -> None:
    found = midway()  # round 1 published; round 2's results unpublished; round 3 drawn only
    slug = found.slug
    pages = _crawl(client, found.tournament)
    for url, (_status, body) in pages.items():
        assert SECRET_MOTION not in body, url
        assert "This House supports motion 3" not in body, url
    assert pages[f"/t/{slug}/draw/3"][0] == 404
    assert pages[f"/t/{slug}/draw/3/projector"][0] == 404
    assert pages[f"/api/v1/tournaments/{slug}/rounds/3/draw"][0] == 404
    assert '"seq":3' not in pages[f"/api/v1/tournaments/{slug}/rounds"][1].replace(" ", "")

    # Round 2 was played and closed, but its results are not released.
    assert "✓" not in pages[f"/t/{slug}/draw/2"][1]
    assert "✓" in pages[f"/t/{slug}/draw/1"][1]
    draw_two = client.get(f"/api/v1/tournaments/{slug}/rounds/2/draw").json
    assert all(
        s["rank"] is None and s["votes"] is None for d in draw_two["debates"] for s in d["teams"]
    )
    for team in found.round(2).debates[0].teams:
        rounds = client.get(f"/api/v1/tournaments/{slug}/teams/{team.team.code}").json["rounds"]
        assert [(r["round"]["seq"], r["rank"] is None) for r in rounds] == [(2, True), (1, False)]

    # Results by round: round 1 only, on the page and in the API.
    results = client.get(f"/api/v1/tournaments/{slug}/results").json
    assert [r["round"]["seq"] for r in results["rounds"]] == [1]
    results_page = pages[f"/t/{slug}/results"][1]
    assert 'id="results-1"' in results_page and 'id="results-2"' not in results_page

    # Motions: rounds 1 and 2 are released (round 3's is secret, checked above); only round
    # 1's results count.
    motions = client.get(f"/api/v1/tournaments/{slug}/motions").json["motions"]
    assert [(m["round"]["seq"], m["debates"]) for m in motions] == [(2, 0), (1, 4)]
    assert all(side["wins"] == 0 for side in motions[0]["sides"])

    # Standings and the speaker tab are private by default.
    assert pages[f"/api/v1/tournaments/{slug}/standings"][0] == 404
    assert pages[f"/api/v1/tournaments/{slug}/speakers"][0] == 404
    assert "not public yet" in pages[f"/t/{slug}/standings"][1]
    assert "Даста" not in pages[f"/t/{slug}/speakers"][1].split("<main", 1)[1]

    # Once public they count round 1 only: round 2's results are still unreleased.
    found.set(public_standings=True, public_speaker_tab=True, hide_last_prelim=False)
    assert client.get(f"/api/v1/tournaments/{slug}/results").json["rounds"][0]["round"]["seq"] == 1
    standings = client.get(f"/api/v1/tournaments/{slug}/standings").json
    assert standings["rounds_counted"] == 1
    assert sum(row["values"]["wins"] for row in standings["rows"]) == 4
    speakers = client.get(f"/api/v1/tournaments/{slug}/speakers").json
    assert speakers["rounds_counted"] == 1
    assert {row["speeches"] for row in speakers["rows"]} == {1}


def test_standings_hide_the_last_prelim_until_the_break_and_show_the_top(client) -> None:
    found = scenario(prelims=3)
    for seq in (1, 2, 3):
        found.play(seq)
    found.set(public_standings=True, public_speaker_tab=True)
    api = f"/api/v1/tournaments/{found.slug}"

    def counted(part: str) -> int:
        return client.get(f"{api}/{part}").json["rounds_counted"]

    assert (counted("standings"), counted("speakers")) == (2, 2)  # hide_last_prelim by default
    # ... and so do the last prelim's results, which would rebuild the hidden standings
    assert [r["round"]["seq"] for r in client.get(f"{api}/results").json["rounds"]] == [2, 1]
    assert 'id="results-3"' not in client.get(f"/t/{found.slug}/results").get_data(as_text=True)
    assert client.get(f"{api}/motions").json["motions"][0]["debates"] == 0
    found.set(hide_last_prelim=False)
    assert (counted("standings"), counted("speakers")) == (3, 3)
    found.set(hide_last_prelim=True, public_break=True)
    assert counted("standings") == 3
    found.set(public_top_n=3)
    rows = client.get(f"{api}/standings").json["rows"]
    assert rows and all(row["rank"] <= 3 for row in rows)
    assert len(rows) < 8
    page = client.get(f"/t/{found.slug}/standings", headers={"Accept-Language": "en"})
    assert "Only the top 3 are shown." in page.get_data(as_text=True)
    assert all(row["rank"] <= 3 for row in client.get(f"{api}/speakers").json["rows"])
