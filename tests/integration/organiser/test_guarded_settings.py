"""Settings that define stored data are locked once ballots exist; every refusal says why."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tourney.extensions import db
from tourney.models import Round, Tournament
from tourney.services import draws, tournaments
from tourney.services.errors import ServiceError


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
