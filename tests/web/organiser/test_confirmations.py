"""Releasing a draw or results and declining a place ask first and say what is missing;
a draw release can be withdrawn until the first ballot arrives."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tourney.extensions import db
from tourney.models import Ballot, Qualification, Round, Team, Tournament
from tourney.services import breaks, draws, qualification, tournaments


def _round(tournament, seq: int = 1) -> Round:
    db.session.expire_all()
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
    )


def test_release_asks_first_and_lists_what_is_missing(director) -> None:
    tournament = make_tournament(8)
    round_ = _round(tournament)
    draws.generate_draw(round_, organiser())
    base = f"/admin/t/{tournament.slug}/rounds/1"
    assert director.post(base + "/release").status_code == 200  # the question, not the act
    assert _round(tournament).is_drawn
    page = director.get(base + "/release").get_data(as_text=True)
    assert "There is no motion yet." in page
    assert "Judges and rooms have not been allocated." in page
    assert "Debates without a chair: 4." in page and "Debates without a room: 4." in page
    director.post(base + "/release", data={"confirm": "1"})
    assert _round(tournament).is_released


def test_a_complete_round_asks_without_warnings(director) -> None:
    tournament = make_tournament(8)
    round_ = _round(tournament)
    user = organiser()
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    tournaments.set_motion(round_, "Ин палата ...", "", user)
    page = director.get(f"/admin/t/{tournament.slug}/rounds/1/release").get_data(as_text=True)
    assert "There is no motion yet." not in page and "not been allocated" not in page
    assert "Release the draw and the motion" in page


def test_a_release_can_be_withdrawn_until_a_ballot_arrives(director) -> None:
    tournament = make_tournament(8)
    round_ = _round(tournament)
    user = organiser()
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    base = f"/admin/t/{tournament.slug}/rounds/1"
    team = round_.debates[0].teams[0].team.name
    assert team in director.get(f"/t/{tournament.slug}").get_data(as_text=True)
    assert "Withdraw the release" in director.get(base).get_data(as_text=True)
    director.post(base + "/withdraw-release")
    round_ = _round(tournament)
    assert round_.is_drawn and round_.draw_released_at is None
    assert team not in director.get(f"/t/{tournament.slug}").get_data(as_text=True)
    draws.release_draw(round_, user)
    debate = round_.debates[0]
    db.session.add(
        Ballot(
            debate_id=debate.id,
            adjudicator_id=debate.adjudicators[0].adjudicator_id,
            idempotency_key="k1",
            winner_side="aff",
        )
    )
    db.session.commit()
    page = director.get(base).get_data(as_text=True)
    assert "Withdraw the release" not in page
    refused = director.post(base + "/withdraw-release", follow_redirects=True)
    assert "Ballots have already arrived for round 1" in refused.get_data(as_text=True)
    assert _round(tournament).is_released


def _closed_round(tournament: Tournament) -> None:
    """Round 1 drawn, released, every result confirmed, closed: its results await release."""
    round_ = _round(tournament)
    user = organiser()
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    confirm_all(round_, random.Random(1))
    draws.close_round(round_, user)


def test_releasing_results_asks_first(director) -> None:
    tournament = make_tournament(8)
    _closed_round(tournament)
    base = f"/admin/t/{tournament.slug}/rounds/1/publish"
    page = director.post(base).get_data(as_text=True)
    assert "Released results cannot be hidden again." in page
    assert _round(tournament).results_released_at is None
    director.post(base, data={"confirm": "1"})
    assert _round(tournament).results_released_at is not None


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({}, "The results of every debate of this round appear on the public pages."),
        ({"public_top_n": 4}, "while the public standings show only the top 4"),
        ({"hide_last_prelim": True}, "This is the last preliminary round"),
    ],
)
def test_releasing_results_says_whether_the_debates_will_be_public(
    director, changes: dict, said: str
) -> None:
    tournament = make_tournament(8, rounds=1)
    tournament.settings = {
        **(tournament.settings or {}),
        "public_top_n": 0,
        "hide_last_prelim": False,
        **changes,
    }
    db.session.commit()
    _closed_round(tournament)
    page = director.post(f"/admin/t/{tournament.slug}/rounds/1/publish?lang=en")
    assert said in page.get_data(as_text=True)


def _promoted() -> Qualification:
    """A one-round qualifier of four teams sending one team to an empty final."""
    qualifier = make_tournament(4, rounds=1)
    qualifier.stage, qualifier.prelim_rounds, qualifier.qualify_top = "qualifier", 1, 1
    db.session.add(
        Tournament(championship=qualifier.championship, name="Final", slug="final-4", stage="final")
    )
    db.session.commit()
    user = organiser()
    round_ = _round(qualifier)
    draws.generate_draw(round_, user)
    draws.release_draw(round_, user)
    confirm_all(round_, random.Random(1))
    draws.close_round(round_, user)
    teams = db.session.scalars(select(Team.id).where(Team.tournament_id == qualifier.id))
    breaks.record_coin_toss(qualifier, {t: 10 - i for i, t in enumerate(teams)}, user)
    qualification.confirm(qualifier.championship, user)
    return db.session.scalar(select(Qualification))


def test_declines_asks_first_and_names_who_comes_in(director) -> None:
    link = _promoted()
    url = f"/admin/championships/{link.championship_id}/final/{link.id}/decline"
    incoming = qualification.replacement(link)
    assert incoming is not None and incoming.id != link.source_team_id
    page = director.post(url).get_data(as_text=True)
    assert f"Does {link.source_team.name} decline its place in the final?" in page
    assert f"{incoming.name}, the next alternate, is seated" in page
    db.session.expire_all()
    assert db.session.get(Qualification, link.id).status == "confirmed"
    director.post(url, data={"confirm": "1"})
    db.session.expire_all()
    assert db.session.get(Qualification, link.id).status == "declined"
