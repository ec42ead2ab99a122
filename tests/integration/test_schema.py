"""The migrations build exactly the schema the models describe, and constraints hold."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from tourney.extensions import db
from tourney.models import Championship, Institution, Team, Tournament


def test_migrations_match_models(app) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def _tournament() -> Tournament:
    championship = Championship(name="Test", season="2026")
    tournament = Tournament(championship=championship, name="Q", slug="q")
    db.session.add(tournament)
    db.session.flush()
    return tournament


def test_team_names_unique_per_tournament(app) -> None:
    tournament = _tournament()
    db.session.add(Team(tournament=tournament, name="Ситора", code="A"))
    db.session.add(Team(tournament=tournament, name="Ситора", code="B"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_institution_names_unique_per_championship(app) -> None:
    tournament = _tournament()
    for _ in range(2):
        db.session.add(Institution(championship=tournament.championship, name="Лицей №53"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_stage_is_checked(app) -> None:
    championship = Championship(name="C")
    db.session.add(Tournament(championship=championship, name="X", slug="x", stage="semi"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_round_status_reads_back_as_the_enum(app) -> None:
    from tourney.models import Round, RoundStatus

    round_ = Round(tournament=_tournament(), seq=1, name="1")
    db.session.add(round_)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Round, round_.id)
    assert stored.status is RoundStatus.SETUP and stored.before_release
    stored.status = "published"
    with pytest.raises(Exception, match="published"):
        db.session.flush()
    db.session.rollback()
