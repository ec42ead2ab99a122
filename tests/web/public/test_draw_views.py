"""The draw by team (every team and bye alphabetically, with a filter that works without
JavaScript), the projector's by-team mode, and the standings and speaker tab with the figures
behind a tap and a glossary under the table."""

from __future__ import annotations

import random
import re

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_draw import bp_tournament
from tests.web.public.scenario import scenario
from tourney.extensions import db
from tourney.services import public, simulate
from tourney.services.tournaments import rounds_of
from tourney.text import sort_key


def _html(client, url: str, language: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _rows(page: str, table_class: str) -> list[str]:
    table = page.split(f'class="{table_class}', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[ >].*?</tr>", table.split("<tbody>", 1)[1], re.S)


def _odd_field():
    """Eleven teams, round 1 released: five debates and a bye."""
    found = scenario(teams=11)
    found.release(1)
    return found


def test_the_draw_by_team_lists_every_team_and_the_bye_alphabetically(app) -> None:
    found = _odd_field()
    drawn = public.draw(found.tournament, 1)
    lines = public.draw_by_team(drawn)
    names = [team.name for team, _ in lines]
    assert len(names) == 11 == len(set(names))
    assert names == sorted(names, key=sort_key)  # Даста 2 before Даста 10
    assert names.index("Даста 2") < names.index("Даста 10")
    (bye,) = [team for team, place in lines if place.debate is None]
    assert [bye] == list(drawn.byes)
    for team, place in lines:
        if place.debate is None:
            continue
        assert place.seat.team is team
        assert [s.team for s in place.opponents] == [
            s.team for s in place.debate.seats if s.team is not team
        ]


def test_the_draw_by_team_filter_folds_every_alphabet(app) -> None:
    found = _odd_field()
    team = found.team("T004")
    team.name = "Литсейи Ғафуров"
    db.session.commit()
    drawn = public.draw(found.tournament, 1)
    for query in ("gafurov", "Ѓафуров", "ЛИТСЕЙ", "t004"):
        assert [t.name for t, _ in public.draw_by_team(drawn, query)] == [team.name], query
    assert public.draw_by_team(drawn, "zzzz") == ()
    assert len(public.draw_by_team(drawn, "")) == 11


def test_the_draw_page_switches_between_rooms_and_teams_and_filters_on_the_server(client) -> None:
    found = _odd_field()
    slug = found.slug
    by_room = _html(client, f"/t/{slug}/draw/1")
    assert f'href="/t/{slug}/draw/1?by=team">By team</a>' in by_room
    assert len(_rows(by_room, "draw")) == 5
    assert "by-team" not in by_room

    by_team = _html(client, f"/t/{slug}/draw/1?by=team")
    rows = _rows(by_team, "draw by-team")
    assert len(rows) == 11
    assert sum('class="bye"' in row for row in rows) == 1
    assert f'href="/t/{slug}/draw/1" aria-current' not in by_team
    assert f'href="/t/{slug}/draw/1?by=team" aria-current="page"' in by_team
    assert '<input type="hidden" name="by" value="team">' in by_team  # the filter keeps the view
    assert f"/t/{slug}/draw/1/projector?by=team" in by_team
    debate = found.round(1).debates[0]
    first, second = (seat.team for seat in debate.teams)
    line = next(row for row in rows if f">{first.name}</a>" in row.split("</th>", 1)[0])
    assert debate.venue.name in line and f">{second.name}</a>" in line
    for seat in debate.adjudicators:
        assert seat.adjudicator.name in line

    filtered = _html(client, f"/t/{slug}/draw/1?by=team&q=dasta+3")
    assert [">Даста 3</a>" in row for row in _rows(filtered, "draw by-team")] == [True]
    assert f'data-live="/t/{slug}/draw/1?q=dasta+3&amp;by=team&amp;fragment=1"' in filtered
    fragment = _html(client, f"/t/{slug}/draw/1?by=team&q=dasta+3&fragment=1")
    assert len(_rows(fragment, "draw by-team")) == 1
    assert "No team matches" in _html(client, f"/t/{slug}/draw/1?by=team&q=zzzz")
    assert len(_rows(_html(client, f"/t/{slug}/draw/1?by=nonsense"), "draw")) == 5


def test_the_projector_shows_the_draw_by_team_and_pages_the_byes_with_the_rooms(client) -> None:
    found = _odd_field()
    slug = found.slug
    by_room = _html(client, f"/t/{slug}/draw/1/projector")
    rows = _rows(by_room, "draw projector-draw")
    assert len(rows) == 6 and 'class="byes"' in rows[-1]  # a row of the paged table
    by_team = _html(client, f"/t/{slug}/draw/1/projector?by=team")
    rows = _rows(by_team, "draw by-team projector-draw")
    assert len(rows) == 11
    assert not any("<a " in row for row in rows)  # nothing is a link on the projector
    assert "data-pages" in by_team


def test_the_standings_keep_the_first_figure_on_a_phone_and_explain_every_column(
    client,
) -> None:
    found = scenario()
    found.play(1)
    found.set(public_standings=True, public_speaker_tab=True)
    page = _html(client, f"/t/{found.slug}/standings")
    header = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" class="num">Wins</th>' in header  # rank, team, wins: always shown
    assert '<th scope="col" class="num more">Ballots</th>' in header
    row = _rows(page, "tab")[0]
    assert (
        '<details class="row-more" data-keep-open="team-' in row
        and "<dt>Speaker points</dt>" in row
    )
    assert "<dt>Wins</dt>" not in row  # the key figure is in its column
    glossary = page.split('class="legend"', 1)[1]
    for code in public.team_standings(found.tournament).metrics:
        assert f'<dt id="metric-{code}">' in glossary
    assert "Debates won; a bye counts as a win." in glossary

    speakers = _html(client, f"/t/{found.slug}/speakers")
    header = speakers.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col" class="num">Average</th>' in header  # the tab's metric
    assert '<th scope="col" class="num more">Speeches</th>' in header
    assert "<dt>Trimmed mean</dt>" in _rows(speakers, "tab")[0]
    assert "highest and lowest score" in speakers.split('class="legend"', 1)[1]


def test_british_parliamentary_standings_keep_the_points_on_a_phone(client) -> None:
    tournament = bp_tournament(8, rounds=2)  # the last prelim stays hidden
    tournament.settings = {**(tournament.settings or {}), "public_standings": True}
    db.session.commit()
    for round_ in rounds_of(tournament, "prelim"):
        simulate.play_round(round_, organiser(), random.Random(3))
    shown = public.team_standings(tournament)
    assert shown.metrics[0] == "points" and "points" not in shown.more_metrics
    assert "firsts" in shown.more_metrics
    page = _html(client, f"/t/{tournament.slug}/standings")
    assert '<th scope="col" class="num">Points</th>' in page
    assert "3 for first place" in page
