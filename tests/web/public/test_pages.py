"""The public pages: the current draw and motion, a team's page and search, the projector, the
timetable, and every page in Tajik, Russian and English."""

from __future__ import annotations

from datetime import date

from tests.web.public.scenario import midway
from tourney.extensions import db
from tourney.models import ScheduleItem, Team


def _html(client, url: str, language: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_draw_in_three_languages_with_rooms_sides_judges_and_motion(client) -> None:
    found = midway()
    home = _html(client, f"/t/{found.slug}")
    assert "Round 2" in home
    assert "This House supports motion 2" in home
    for debate in found.round(2).debates:
        assert debate.venue.name in home
        for seat in debate.teams:
            assert seat.team.name in home
        for seat in debate.adjudicators:
            assert seat.adjudicator.name in home
    assert f"/t/{found.slug}/draw/1" in home
    assert f"/t/{found.slug}/draw/2/projector" in home
    for language in ("tg", "ru"):  # the catalogs' words are checked by tests/test_catalogs.py
        assert f'<html lang="{language}">' in _html(client, f"/t/{found.slug}", language)

    first = _html(client, f"/t/{found.slug}/draw/1")
    assert first.count("✓ Won") == len(found.round(1).debates)
    assert "Affirmative" in first and "Negative" in first

    projector = _html(client, f"/t/{found.slug}/draw/2/projector")
    assert 'class="projector"' in projector
    assert "data-pages" in projector
    assert "This House supports motion 2" in projector


def test_a_team_finds_its_page_and_its_next_debate(client) -> None:
    found = midway()
    team: Team = found.round(2).debates[0].teams[0].team
    team.name = "Литсейи Ғафуров"
    db.session.commit()
    for query in ("Ѓафуров", "gafurov", "ЛИТСЕЙ", team.code.lower()):
        assert f"/t/{found.slug}/team/{team.code}" in _html(
            client, f"/t/{found.slug}/teams?q={query}"
        ), query
    assert "No team matches" in _html(client, f"/t/{found.slug}/teams?q=zzzz")

    page = _html(client, f"/t/{found.slug}/team/{team.code}")
    debate = found.round(2).debates[0]
    assert "Next debate" in page
    next_card = page.split('id="next-debate"', 1)[1].split("</section>", 1)[0]
    assert debate.venue.name in next_card
    assert "Affirmative" in next_card
    assert debate.teams[1].team.name in next_card
    assert "not released yet" in page  # round 2's result
    by_id = _html(client, f"/t/{found.slug}/team/{team.id}")
    assert by_id.split('data-poll="5">', 1)[1] == page.split('data-poll="5">', 1)[1]
    assert client.get(f"/t/{found.slug}/team/NOPE").status_code == 404
    assert client.get("/t/no-such-tournament/team/X").status_code == 404


def test_home_lists_tournaments_and_the_schedule_is_public(client) -> None:
    found = midway()
    db.session.add(
        ScheduleItem(
            tournament_id=found.tournament.id,
            kind="briefing",
            day=date(2026, 3, 14),
            start_minute=9 * 60 + 30,
            building="Main hall",
        )
    )
    db.session.commit()
    assert f'href="/t/{found.slug}"' in _html(client, "/")
    schedule = _html(client, f"/t/{found.slug}/schedule")
    assert "14.03.2026" in schedule and "09:30" in schedule and "Briefing" in schedule
    assert "Main hall" in schedule


def test_the_bracket_tab_names_an_elimination_bracket_not_a_group(client) -> None:
    found = midway()
    words = {"ru": "Сетка плей-офф", "tg": "Ҷадвали плей-офф"}
    for language, word in words.items():
        nav = _html(client, f"/t/{found.slug}", language).split('class="tabs"', 1)[1]
        nav = nav.split("</nav>", 1)[0]
        assert f'/bracket">{word}</a>' in nav, language
        assert "Группа" not in nav and "Гурӯҳ" not in nav, language


def test_every_page_links_a_favicon_that_answers(client) -> None:
    found = midway()
    page = _html(client, f"/t/{found.slug}")
    icon = page.split('<link rel="icon" href="', 1)[1].split('"', 1)[0]
    assert client.get(icon).status_code == 200
    assert client.get(icon).mimetype == "image/svg+xml"
    legacy = client.get("/favicon.ico", follow_redirects=True)
    assert legacy.status_code == 200 and legacy.mimetype == "image/svg+xml"
    assert '<link rel="icon"' in _html(client, "/login")


def test_results_by_round_say_who_beat_whom_in_which_room(client) -> None:
    found = midway()
    page = _html(client, f"/t/{found.slug}/results")
    listed = page.split('id="results-1"', 1)[1]
    for debate in found.round(1).debates:
        winner, loser = sorted(
            debate.teams, key=lambda seat: seat.side != _winning_side(client, found, debate)
        )
        line = listed.split(debate.venue.name, 1)[1].split("</li>", 1)[0]
        assert f">{winner.team.name}</a> beat <a" in line
        assert f">{loser.team.name}</a>" in line
    assert "Сетка" not in page
    assert "Результаты" in _html(client, f"/t/{found.slug}/results", "ru")


def _winning_side(client, found, debate) -> str:
    draw = client.get(f"/api/v1/tournaments/{found.slug}/rounds/1/draw").json
    for entry in draw["debates"]:
        if entry["room"]["name"] == debate.venue.name:
            return next(s["side"] for s in entry["teams"] if s["rank"] == 1)
    raise AssertionError(debate.venue.name)


def test_the_motions_page_counts_side_wins_of_released_results_and_explains_the_flag(
    client,
) -> None:
    found = midway()
    page = _html(client, f"/t/{found.slug}/motions")
    first = page.split("This House supports motion 1", 1)[1]
    assert "4 debates" in first
    wins = [int(cell.split("<", 1)[0]) for cell in first.split("</th><td>")[1:3]]
    assert sum(wins) == 4
    second = page.split("This House supports motion 2", 1)[1].split("</section>", 1)[0]
    assert "not released yet" in second and "<table" not in second
    assert "binomial test" in page
    assert "Мавзӯъҳо" in _html(client, f"/t/{found.slug}/motions", "tg")
