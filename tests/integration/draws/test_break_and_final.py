"""From prelims to the break, elimination rounds to a champion, and promotion to the final."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import delete, select

from tests.integration.draws.helpers import confirm_all, organiser
from tourney.extensions import db
from tourney.models import BreakingTeam, Championship, Qualification, Round, Team, Tournament
from tourney.services import breaks, demo, draws, qualification
from tourney.services.errors import ServiceError


def _play_round(round_: Round, user, rng: random.Random) -> None:
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    confirm_all(round_, rng)
    draws.close_round(round_, user)


def _prelims(tournament: Tournament) -> list[Round]:
    return list(
        db.session.scalars(
            select(Round)
            .where(Round.tournament_id == tournament.id, Round.kind == "prelim")
            .order_by(Round.seq)
        )
    )


def _settle_ties(tournament: Tournament, user) -> None:
    """Record a coin toss for every team, as the tab room would for tied teams."""
    teams = db.session.scalars(select(Team.id).where(Team.tournament_id == tournament.id)).all()
    breaks.record_coin_toss(tournament, {t: 1000 - i for i, t in enumerate(teams)}, user)


def _qualifier(slug: str) -> Tournament:
    return db.session.scalar(select(Tournament).where(Tournament.slug == slug))


def test_break_then_elimination_rounds_to_a_champion(app) -> None:
    demo.load()
    user = organiser()
    rng = random.Random(7)
    tournament = _qualifier("dushanbe")  # 16 teams, break of 4
    with pytest.raises(ServiceError) as refused:
        breaks.generate_break(tournament, user)
    assert refused.value.code == "prelims_not_finished"
    for round_ in _prelims(tournament):
        _play_round(round_, user, rng)
    _settle_ties(tournament, user)
    breaks.generate_break(tournament, user)
    seeds = db.session.scalars(select(BreakingTeam.seed).order_by(BreakingTeam.seed)).all()
    assert seeds == [1, 2, 3, 4]
    eliminations = db.session.scalars(
        select(Round).where(Round.tournament_id == tournament.id, Round.kind == "elimination")
    ).all()
    assert [r.name for r in eliminations] == ["semifinal", "final"]
    semi, final = eliminations
    draws.generate_draw(semi, user)
    seeds_by_team = {b.team_id: b.seed for b in db.session.scalars(select(BreakingTeam))}
    pairs = sorted(
        sorted(seeds_by_team[dt.team_id] for dt in debate.teams) for debate in semi.debates
    )
    assert pairs == [[1, 4], [2, 3]]
    draws.release_draw(semi, user)
    confirm_all(semi, rng)
    draws.close_round(semi, user)
    _play_round(final, user, rng)
    assert len(final.debates) == 1


def test_promotion_to_the_final(app) -> None:
    demo.load()
    user = organiser()
    rng = random.Random(11)
    championship = db.session.scalar(select(Championship))
    final = next(t for t in championship.tournaments if t.stage == "final")
    # Start from an empty final: the demo seats its finalists directly.
    db.session.execute(delete(Qualification))
    for team in db.session.scalars(select(Team).where(Team.tournament_id == final.id)):
        db.session.delete(team)
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        qualification.compute(championship)
    assert refused.value.code == "qualifiers_unfinished"
    for qualifier in championship.tournaments:
        if qualifier.stage == "qualifier":
            for round_ in _prelims(qualifier):
                _play_round(round_, user, rng)
            _settle_ties(qualifier, user)
    added = qualification.confirm(championship, user)
    assert added == 12  # quotas 4 + 3 + 3 + 2
    final_teams = db.session.scalars(select(Team).where(Team.tournament_id == final.id)).all()
    assert len(final_teams) == 12
    assert all(len(team.speakers) == 3 for team in final_teams)
    with pytest.raises(ServiceError) as twice:  # promoting twice adds nobody
        qualification.confirm(championship, user)
    assert twice.value.code == "already_promoted"
    gone = db.session.scalar(select(Qualification).where(Qualification.route == "top_k"))
    qualification.decline(gone, user)
    assert qualification.confirm(championship, user) == 1  # the next alternate comes in
    routes = db.session.scalars(
        select(Qualification.route).where(Qualification.status == "confirmed")
    ).all()
    assert routes.count("alternate") == 1
