"""Ids from another tournament are refused by every route that takes an id, and nothing is
written: a wrong id would otherwise leave a reference that makes a backup unrestorable."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.security.conftest import World, log_in
from tests.security.routes import targets
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    AuditEvent,
    Debate,
    Round,
    RoundAbsence,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.services import backup, draws

ID_PARAMETERS = {"subject_id", "debate_id", "adjudicator_id", "entity_id", "item_id", "team_id"}
FORM_IDS = ("team_a", "team_b", "adjudicator", "debate", "venue", "institution")


def _first(model, tournament_id: int):
    return db.session.scalar(
        select(model).where(model.tournament_id == tournament_id).order_by(model.id)
    )


@pytest.fixture
def foreign(world: World) -> dict[str, object]:
    """Ids of the Sughd qualifier (its round 1 drawn), to send to Dushanbe's pages."""
    sughd = db.session.scalar(select(Tournament).where(Tournament.slug == "sughd"))
    director = db.session.scalar(select(User).where(User.username == "director"))
    draws.generate_draw(
        db.session.scalar(select(Round).where(Round.tournament_id == sughd.id, Round.seq == 1)),
        director,
    )
    team, judge, venue = (_first(m, sughd.id) for m in (Team, Adjudicator, Venue))
    debate = db.session.scalar(
        select(Debate).join(Round).where(Round.tournament_id == sughd.id).order_by(Debate.id)
    )
    return {
        "team": team.id,
        "adjudicator": judge.id,
        "venue": venue.id,
        "debate": debate.id,
        "institution": team.institution_id,
    }


def _values(world: World, foreign: dict[str, object], endpoint: str) -> dict[str, object]:
    kind = endpoint.removeprefix("admin.").split("_")[0]
    entity = {"adjudicator": "adjudicator", "venue": "venue"}.get(kind, "team")
    return {
        **world.values,
        "subject": "team",
        "subject_id": foreign["team"],
        "debate_id": foreign["debate"],
        "adjudicator_id": foreign["adjudicator"],
        "team_id": foreign["team"],
        "entity_id": foreign[entity],
        "seq": 2 if "presence" in endpoint else 1,  # check-in is open until the draw's release
    }


def _written() -> tuple[int, int]:
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count(AuditEvent.id))),
        db.session.scalar(select(func.count(RoundAbsence.id))),
    )


def test_the_presence_endpoint_refuses_a_team_of_another_tournament(app, world, foreign) -> None:
    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == world.tournament.id, Round.seq == 2)
    )
    client = app.test_client()
    log_in(client, "director")
    before = _written()
    url = f"/admin/t/dushanbe/rounds/{round_.seq}/presence/team/{foreign['team']}?lang=en"
    body = client.post(url, data={"present": "0"}, follow_redirects=True).get_data(as_text=True)
    assert "does not belong to this tournament" in body
    assert _written() == before
    # The export still restores: no absence points outside the championship's rounds.
    assert all(
        row["round_id"] != round_.id
        for row in backup.export_championship(world.tournament.championship)["tables"][
            "round_absence"
        ]
    )


def test_every_id_taking_route_refuses_another_tournaments_ids(app, world, foreign) -> None:
    client = app.test_client()
    log_in(client, "admin")
    version = db.session.scalar(
        select(Round.draw_version).where(Round.tournament_id == world.tournament.id, Round.seq == 1)
    )
    form = {name: foreign[name.removesuffix("_a").removesuffix("_b")] for name in FORM_IDS}
    form.update(version=str(version), role="chair", present="0")
    form["team_a"], form["team_b"] = foreign["team"], foreign["team"]
    checked, written = [], []
    for target in targets(app, world.values):
        if target.method != "POST" or not target.endpoint.startswith("admin."):
            continue
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == target.endpoint)
        takes_ids = bool(ID_PARAMETERS & set(rule.arguments)) or target.endpoint in (
            "admin.swap_teams",
            "admin.move_judge",
            "admin.set_room",
            "admin.presence_group",
        )
        if not takes_ids:
            continue
        url = rule.build(_values(world, foreign, target.endpoint), append_unknown=False)[1]
        before = _written()
        response = client.post(url, data=form)
        checked.append(target.endpoint)
        if response.status_code >= 500 or _written() != before:
            written.append((target.endpoint, url, response.status_code))
    assert len(checked) >= 8, checked
    assert written == []
