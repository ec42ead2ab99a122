"""Settings that define stored data are locked once ballots exist; every refusal says why."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tourney.extensions import db
from tourney.models import Round, Team, Tournament, Venue
from tourney.services import breaks, draws, settings, simulate, tournaments
from tourney.services.errors import ServiceError
from tourney.services.formats import format_of_round


def _data(tournament: Tournament, **changes: Any) -> dict[str, Any]:
    data = {
        "name": tournament.name,
        "slug": tournament.slug,
        "stage": "qualifier",
        "region": "",
        "format_code": tournament.format_code,
        "prelim_rounds": 4,
        "break_size": 4,
        "qualify_top": 2,
        "pairing": "fold",
        "panel_size": 1,
    }
    return {**data, **changes}


def _first_round(tournament: Tournament) -> Round:
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == 1)
    )


def _played(teams: int = 8) -> Tournament:
    tournament = make_tournament(teams)
    user = organiser()
    round_ = _first_round(tournament)
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    confirm_all(round_, random.Random(1))
    return tournament


@pytest.mark.parametrize("code", ["world_schools", "british_parliamentary"])
def test_the_format_is_locked_once_ballots_exist(app, code: str) -> None:
    tournament = _played()
    with pytest.raises(ServiceError) as refused:
        tournaments.save_tournament(
            tournament.championship, tournament, _data(tournament, format_code=code), organiser()
        )
    assert refused.value.code == "format_locked"
    db.session.expire_all()
    assert db.session.get(Tournament, tournament.id).format_code == "karl_popper"
    assert tournaments.stored_data_lock(tournament) == "ballots_exist"


def test_score_ranges_are_locked_once_ballots_exist(app) -> None:
    tournament = _played()
    with pytest.raises(ServiceError) as refused:
        tournaments.set_score_range(
            tournament, "1", Decimal(60), Decimal(80), Decimal(1), organiser()
        )
    assert refused.value.code == "score_ranges_locked"
    assert tournament.format_overrides is None


def test_before_any_ballot_the_format_can_change(app) -> None:
    tournament = make_tournament(8)
    assert tournaments.stored_data_lock(tournament) is None
    tournaments.save_tournament(
        tournament.championship,
        tournament,
        _data(tournament, format_code="world_schools"),
        organiser(),
    )
    assert tournament.format_code == "world_schools"


def test_a_drawn_round_keeps_its_room_size(app) -> None:
    tournament = make_tournament(8)
    draws.generate_draw(_first_round(tournament), organiser())
    with pytest.raises(ServiceError) as refused:
        tournaments.save_tournament(
            tournament.championship,
            tournament,
            _data(tournament, format_code="british_parliamentary"),
            organiser(),
        )
    assert refused.value.code == "format_room_size_locked"


def _broken(teams: int = 8) -> Tournament:
    """Two prelims played and the break of four saved (elimination rounds 3 and 4 exist)."""
    tournament = make_tournament(teams, rounds=2)
    tournament.prelim_rounds, tournament.break_size = 2, 4
    db.session.commit()
    user = organiser()
    rng = random.Random(2)
    for round_ in tournaments.rounds_of(tournament):
        draws.generate_draw(round_, user)
        draws.allocate_round(round_, user)
        draws.release_draw(round_, user)
        confirm_all(round_, rng)
        draws.close_round(round_, user)
    team_ids = db.session.scalars(select(Team.id).where(Team.tournament_id == tournament.id))
    breaks.record_coin_toss(tournament, {t: 100 - i for i, t in enumerate(team_ids)}, user)
    breaks.generate_break(tournament, user)
    return tournament


@pytest.mark.parametrize("prelims", [3, 1])
def test_changing_the_prelims_after_the_break_says_so(app, prelims: int) -> None:
    tournament = _broken()
    with pytest.raises(ServiceError) as refused:
        tournaments.save_tournament(
            tournament.championship,
            tournament,
            _data(tournament, prelim_rounds=prelims, break_size=4),
            organiser(),
        )
    assert refused.value.code == "break_saved"
    db.session.expire_all()
    assert [r.kind for r in tournaments.rounds_of(tournament)] == [
        "prelim",
        "prelim",
        "elimination",
        "elimination",
    ]


def test_a_short_address_taken_by_another_tournament_says_so(app) -> None:
    first, second = make_tournament(4), make_tournament(6)
    with pytest.raises(ServiceError) as refused:
        tournaments.save_tournament(
            second.championship, second, _data(second, slug=first.slug), organiser()
        )
    assert refused.value.code == "slug_taken"


def test_a_room_of_another_tournament_is_named_as_the_problem(app) -> None:
    tournament, other = make_tournament(4), make_tournament(6)
    round_ = _first_round(tournament)
    draws.generate_draw(round_, organiser())
    foreign = db.session.scalar(select(Venue.id).where(Venue.tournament_id == other.id))
    with pytest.raises(ServiceError) as refused:
        draws.set_venue(round_, round_.debates[0].id, foreign, organiser(), round_.draw_version)
    assert refused.value.code == "venue_unknown"


def _bp_broken(scored: bool) -> Tournament:
    """A BP tournament of eight with two prelims played and its break of four saved; the
    elimination ballots ranked and scored when ``scored``."""
    rng = random.Random(3)
    user = simulate.director()
    tournament = simulate.build_field(8, 2, "british_parliamentary", rng)
    tournament.settings = {**tournament.settings, "elimination_scores": scored}
    db.session.commit()
    for round_ in tournaments.rounds_of(tournament, "prelim"):
        simulate.play_round(round_, user, rng)
    simulate.settle_ties(tournament, user, rng)
    breaks.generate_break(tournament, user)
    return tournament


def _bp_data(tournament: Tournament, **changes: Any) -> dict[str, Any]:
    return _data(tournament, prelim_rounds=2, **changes)


@pytest.mark.parametrize("scored", [False, True])
def test_elimination_scores_are_fixed_once_an_elimination_ballot_exists(app, scored) -> None:
    tournament = _bp_broken(scored)
    (final,) = tournaments.rounds_of(tournament, "elimination")
    simulate.play_round(final, simulate.director(), random.Random(4))
    with pytest.raises(ServiceError) as refused:
        tournaments.save_tournament(
            tournament.championship,
            tournament,
            _bp_data(tournament, elimination_scores=not scored),
            organiser(),
        )
    assert refused.value.code == "elimination_scores_locked"
    db.session.expire_all()
    assert settings.get(db.session.get(Tournament, tournament.id), "elimination_scores") is scored
    assert tournaments.elimination_scores_lock(tournament) == "elimination_ballots_exist"
    # the other settings still save while the value stays as it is
    tournaments.save_tournament(
        tournament.championship,
        tournament,
        _bp_data(tournament, elimination_scores=scored, public_standings=True),
        organiser(),
    )
    assert settings.get(tournament, "public_standings") is True


def test_elimination_scores_change_until_the_first_elimination_ballot(app) -> None:
    tournament = _bp_broken(scored=False)
    assert tournaments.stored_data_lock(tournament) == "ballots_exist"  # prelim ballots
    assert tournaments.elimination_scores_lock(tournament) is None
    tournaments.save_tournament(
        tournament.championship,
        tournament,
        _bp_data(tournament, elimination_scores=True),
        organiser(),
    )
    (final,) = tournaments.rounds_of(tournament, "elimination")
    assert settings.get(tournament, "elimination_scores") is True
    assert format_of_round(final).positions  # the final's ballot now carries speaker scores
