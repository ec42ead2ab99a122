from __future__ import annotations

from sqlalchemy import func, select

from tourney.extensions import db
from tourney.models import Adjudicator, Qualification, Speaker, Team, Tournament
from tourney.services import demo


def test_demo_championship_is_realistic(app) -> None:
    counts = demo.load()
    assert counts["tournaments"] == 5
    tournaments = {t.slug: t for t in db.session.scalars(select(Tournament))}
    qualifiers = [t for t in tournaments.values() if t.stage == "qualifier"]
    assert sorted(t.region.code for t in qualifiers) == ["DU", "GB", "KT", "SU"]
    for tournament in qualifiers:
        teams = db.session.scalar(select(func.count()).where(Team.tournament_id == tournament.id))
        assert 8 <= teams <= 16
    final = tournaments["final"]
    final_teams = list(db.session.scalars(select(Team).where(Team.tournament_id == final.id)))
    assert len(final_teams) == 12
    students = db.session.scalar(
        select(func.count(Speaker.id)).join(Team).where(Team.tournament_id == final.id)
    )
    assert students == 36
    judges = db.session.scalar(select(func.count()).where(Adjudicator.tournament_id == final.id))
    assert judges >= 18
    links = db.session.scalar(select(func.count()).select_from(Qualification))
    assert links == 12
    tajik_letters = set("ҒӢҚӮҲҶғӣқӯҳҷ")
    assert any(tajik_letters & set(team.name) for team in final_teams)
    assert demo.exists()
