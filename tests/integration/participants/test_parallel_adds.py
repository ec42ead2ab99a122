"""Two tab-room screens adding the same participant at once: one row, and the second screen
hears the usual "already exists" (never a 500). The race is made certain by committing the
rival row from another connection between the service's duplicate check and its write; names
differing only in case or in an old look-alike letter (ў for ӯ, ќ for қ) count as the same."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.integration.participants.helpers import director, make_qualifier
from tourney.extensions import db
from tourney.models import Adjudicator, Institution, Team, Tournament, Venue
from tourney.services import participants
from tourney.services.participants import (
    AdjudicatorData,
    InstitutionData,
    InvalidInput,
    TeamData,
    VenueData,
)
from tourney.text import name_key

TYPED = "Ӯроқ"  # what this screen sends
RIVAL = "ЎРОЌ"  # what the other screen saved a moment earlier: the same name


def _rival_row(model: type, tournament: Tournament) -> dict[str, Any]:
    if model is Institution:
        return {"championship_id": tournament.championship_id, "name": RIVAL}
    extra = {"code": "RIVAL"} if model is Team else {}
    return {"tournament_id": tournament.id, "name": RIVAL, **extra}


def _data(model: type) -> Any:
    return {
        Institution: lambda: InstitutionData(name=TYPED),
        Team: lambda: TeamData(name=TYPED, speakers=["Алӣ", "Вали", "Гул"]),
        Adjudicator: lambda: AdjudicatorData(name=TYPED),
        Venue: lambda: VenueData(name=TYPED),
    }[model]()


def _race(monkeypatch: pytest.MonkeyPatch, model: type, tournament: Tournament) -> None:
    """After the duplicate check passes, the other screen's row lands first."""
    build = participants.build

    def rival_first(roster, data):
        with db.engine.begin() as other_screen:
            other_screen.execute(model.__table__.insert().values(_rival_row(model, tournament)))
        return build(roster, data)

    monkeypatch.setattr(participants, "build", rival_first)


def _count(model: type, tournament: Tournament) -> int:
    scope = (
        model.championship_id == tournament.championship_id
        if model is Institution
        else model.tournament_id == tournament.id
    )
    return db.session.scalar(select(func.count()).where(scope, model.name_key == name_key(TYPED)))


@pytest.mark.parametrize("model", [Institution, Team, Adjudicator, Venue], ids=lambda m: m.__name__)
def test_the_second_of_two_parallel_adds_is_told_it_already_exists(
    app, monkeypatch: pytest.MonkeyPatch, model: type
) -> None:
    tournament, user = make_qualifier(), director()
    _race(monkeypatch, model, tournament)
    with pytest.raises(InvalidInput) as refused:
        participants.add(tournament, _data(model), user)
    assert [(p.column, p.code) for p in refused.value.problems] == [("name", "duplicate")]
    assert _count(model, tournament) == 1


def test_the_form_answers_already_exists_when_another_screen_saved_first(
    app, client, monkeypatch: pytest.MonkeyPatch
) -> None:
    tournament = make_qualifier()
    director()
    db.session.commit()
    client.post("/login", data={"username": "director", "password": "secret-pass"})
    _race(monkeypatch, Team, tournament)
    response = client.post(
        f"/admin/t/{tournament.slug}/teams/new",
        data={
            "name": TYPED,
            "institution": "0",
            "speakers-0": "Алӣ",
            "speakers-1": "Вали",
            "speakers-2": "Гул",
        },
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert f"“{TYPED}” already exists." in response.get_data(as_text=True)
    assert _count(Team, tournament) == 1


def test_the_key_follows_every_change_of_the_name(app) -> None:
    tournament, user = make_qualifier(), director()
    venue = participants.add(tournament, VenueData(name="Зали калон"), user).entity
    participants.edit(tournament, venue.id, VenueData(name="ЗАЛИ ЌАДИМ"), user)
    db.session.expire_all()
    assert db.session.get(Venue, venue.id).name_key == "зали қадим"
