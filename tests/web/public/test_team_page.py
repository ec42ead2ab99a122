"""A team's public page and the team search: its speakers, its record over the results the
public may see (never the withheld last prelim), when its next debate starts, and search by
speaker, with Е/Ё and the towns' several names alike."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from tests.integration.draws.helpers import make_tournament, organiser
from tests.web.public.scenario import Scenario, midway, scenario
from tourney.extensions import db
from tourney.models import Institution, Round, ScheduleItem, Team
from tourney.services import public, simulate, standings


def _html(client, url: str, language: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _wins(found: Scenario, team: Team, seqs: tuple[int, ...]) -> int:
    """The team's wins in rounds ``seqs``, read from the organisers' side (every draw shown)."""
    found.set(hide_last_prelim=False)
    wins = 0
    for seq in seqs:
        for debate in public.draw(found.tournament, seq).debates:
            seat = debate.seat_of(team.id)
            wins += bool(seat and seat.rank == 1)
    found.set(hide_last_prelim=True)
    return wins


def test_the_record_never_counts_the_withheld_last_prelim(app, client) -> None:
    found = scenario(prelims=3)
    for seq in (1, 2, 3):
        found.play(seq)  # hide_last_prelim is on by default: round 3's results stay private
    winner = next(  # a team that won round 3, so counting it would change its record
        seat.team
        for debate in found.round(3).debates
        for seat in debate.teams
        if _wins(found, seat.team, (3,)) == 1
    )
    before = _wins(found, winner, (1, 2))

    record = public.team_view(found.tournament, winner).record
    assert (record.rounds, record.wins, record.losses) == (2, before, 2 - before)
    assert record.places == (before, 2 - before) and record.points == before
    api = client.get(f"/api/v1/tournaments/{found.slug}/teams/{winner.code}").json
    assert api["record"]["rounds"] == 2 and api["record"]["places"] == [before, 2 - before]
    page = _html(client, f"/t/{found.slug}/team/{winner.code}")
    record_html = page.split('id="team-record"', 1)[1].split("</section>", 1)[0]
    assert f'<dt>Wins</dt><dd class="big">{before}</dd>' in record_html
    assert "After 2 preliminary rounds with released results." in record_html
    round_three = page.split('data-watch="round-3-result">', 1)[1].split("</td>", 1)[0]
    assert "not released yet" in round_three and "Won" not in round_three

    found.set(hide_last_prelim=False)  # now the public may see round 3
    record = public.team_view(found.tournament, winner).record
    assert (record.rounds, record.wins) == (3, before + 1)


def test_speaker_points_only_while_the_speaker_tab_is_public(app, client) -> None:
    found = scenario(prelims=3)
    for seq in (1, 2, 3):
        found.play(seq)
    team = found.team("T001")
    view = public.team_view(found.tournament, team)
    assert [row.speaker.name for row in view.record.speakers] == [
        s.name for s in sorted(team.speakers, key=lambda s: s.position)
    ]
    assert view.record.speaker_total is None
    assert all(row.total is None and row.speeches is None for row in view.record.speakers)
    page = _html(client, f"/t/{found.slug}/team/{team.code}")
    assert "Speaker points" not in page and "Суханвар 0-1" in page

    found.set(public_speaker_tab=True)
    view = public.team_view(found.tournament, team)
    tab = {speaker.id: row for row, speaker, _ in public.speaker_standings(found.tournament).rows}
    for row in view.record.speakers:  # the same rounds as the public speaker tab (1 and 2)
        assert (row.total, row.speeches) == (tab[row.speaker.id].total, 2)
    assert view.record.speaker_total == sum(row.total for row in view.record.speakers)
    page = _html(client, f"/t/{found.slug}/team/{team.code}")
    assert "<dt>Speaker points</dt>" in page and "2 speeches" in page


def test_a_british_parliamentary_team_has_places_and_points(app, client) -> None:
    tournament = make_tournament(8, rounds=2)
    tournament.format_code = "british_parliamentary"
    tournament.settings = {**tournament.settings, "hide_last_prelim": False}
    db.session.commit()
    user, rng = organiser(), random.Random(3)
    for seq in (1, 2):
        round_ = db.session.scalar(
            select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
        )
        simulate.play_round(round_, user, rng)
    table = {row.team_id: row for row in standings.team_standings(tournament).standings.rows}
    for team in public.teams(tournament):
        record = public.team_view(tournament, team).record
        assert len(record.places) == 4 and sum(record.places) == record.rounds == 2
        assert record.points == table[team.id].values["points"]
        assert record.points == sum(n * p for n, p in zip(record.places, (3, 2, 1, 0), strict=True))
    page = _html(client, f"/t/{tournament.slug}/team/{team.code}")
    record_html = page.split('id="team-record"', 1)[1].split("</section>", 1)[0]
    assert f'<dt>Team points</dt><dd class="big">{record.points}</dd>' in record_html
    assert "Place 4:" in record_html and "<dt>Wins</dt>" not in record_html


def test_the_next_debate_says_when_it_starts_in_the_tournament_time_zone(app, client) -> None:
    found = midway()  # the team's next debate: round 2 (released, results not out)
    team = found.round(2).debates[0].teams[0].team
    for round_, minute in ((found.round(1), 9 * 60), (found.round(2), 14 * 60 + 5)):
        db.session.add(
            ScheduleItem(
                tournament_id=found.tournament.id,
                kind="round",
                round_id=round_.id,
                day=date(2026, 3, 14),
                start_minute=minute,
            )
        )
    db.session.add(  # a later line for the same round (e.g. its second flight) is not the start
        ScheduleItem(
            tournament_id=found.tournament.id,
            kind="round",
            round_id=found.round(2).id,
            day=date(2026, 3, 14),
            start_minute=16 * 60,
        )
    )
    db.session.commit()
    start = public.team_view(found.tournament, team).next_start
    assert start is not None and start.isoformat() == "2026-03-14T14:05:00+05:00"
    api = client.get(f"/api/v1/tournaments/{found.slug}/teams/{team.code}").json
    assert api["next_start"] == "2026-03-14T14:05:00+05:00"
    page = _html(client, f"/t/{found.slug}/team/{team.code}", "tg")
    next_card = page.split('id="next-debate"', 1)[1].split("</section>", 1)[0]
    assert "14.03.2026 14:05" in next_card and "16:00" not in next_card


def test_search_finds_a_team_by_a_speaker_and_says_so(app, client) -> None:
    found = midway()
    team = found.team("T003")
    team.speakers[0].name = "Алёна Каримова"
    team.institution = Institution(
        championship=found.tournament.championship, name="Литсейи №2, ш. Кӯлоб"
    )
    db.session.commit()
    for query in ("Алена", "alyona", "ALENA karimova", "Алёна Кулоб"):
        matches = public.search_teams(found.tournament, query)
        assert [(m.team.code, [s.name for s in m.speakers]) for m in matches] == [
            ("T003", ["Алёна Каримова"])
        ], query
    for query in ("Куляб", "Kulyab", "Kulob", "T003"):  # its own names: no speaker to name
        assert [
            (m.team.code, m.speakers) for m in public.search_teams(found.tournament, query)
        ] == [("T003", ())], query

    page = _html(client, f"/t/{found.slug}/teams?q=Alena")
    assert "speaker: Алёна Каримова" in page
    assert "Team, school or speaker name" in page
    assert "speaker:" not in _html(client, f"/t/{found.slug}/teams?q=Kulyab")
    api = client.get(f"/api/v1/tournaments/{found.slug}/teams?q=alyona").json
    assert [t["code"] for t in api["teams"]] == ["T003"]
    assert api["found_by_speakers"] == {"T003": ["Алёна Каримова"]}


def test_with_speakers_names_private_no_public_page_or_search_names_them(app, client) -> None:
    """Youth championships may keep their students' names off the public site: then neither the
    team page, the search nor the API names a speaker (the speaker tab, if shown, still does)."""
    found = midway()
    found.set(public_speaker_names=False, public_speaker_tab=False)
    team = found.team("T003")
    team.speakers[0].name = "Алёна Каримова"
    db.session.commit()
    page = _html(client, f"/t/{found.slug}/team/T003")
    assert "Алёна" not in page and 'id="team-speakers"' not in page
    assert public.search_teams(found.tournament, "Алёна") == []
    listed = _html(client, f"/t/{found.slug}/teams?q=Алёна")
    assert "/team/T003" not in listed and "speaker:" not in listed
    api = client.get(f"/api/v1/tournaments/{found.slug}/teams/T003").json
    assert api["speakers"] == []
    assert client.get(f"/api/v1/tournaments/{found.slug}/teams?q=alyona").json["teams"] == []

    found.set(public_speaker_names=True)
    assert "Алёна Каримова" in _html(client, f"/t/{found.slug}/team/T003")
